"""How one country is tied to Norway, as plain data.

The agreements lookup (agreements/lookup.py) builds these from the database;
the checklist's rules (guidance/rules.py) read them. This module imports
nothing from Django, so the rules stay pure and test without a database.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class AgreementKind(StrEnum):
    EEA = "eea"
    NORDIC = "nordic"
    SWITZERLAND = "switzerland"
    UNITED_KINGDOM = "united-kingdom"
    BILATERAL = "bilateral"


class Coverage(StrEnum):
    """What an agreement coordinates between Norway and a country."""

    HEALTHCARE = "healthcare"
    # Necessary treatment on a holiday or other short stay in the other country,
    # on that country's public terms: the EEA+ and UK rules (the EHIC), the
    # Nordic convention, and of the bilateral agreements only Australia's (the
    # 2003 agreement on medical treatment for temporary visitors). Healthcare
    # alone can mean less, such as Chile's, for pensioners who settle there.
    HEALTHCARE_ON_VISITS = "healthcare-on-visits"
    PENSIONS = "pensions"
    FAMILY_BENEFITS = "family-benefits"
    UNEMPLOYMENT = "unemployment"
    APPLICABLE_LEGISLATION = "applicable-legislation"  # which country's scheme a worker is in


@dataclass(frozen=True)
class AgreementSummary:
    slug: str
    kind: AgreementKind
    name: str  # in the language that was active when the lookup ran
    covers: frozenset[Coverage]
    note: str = ""  # per-country note, e.g. "healthcare only"


@dataclass(frozen=True)
class CountryCoverage:
    code: str  # ISO 3166-1 alpha-2, lower case
    agreements: tuple[AgreementSummary, ...] = field(default=())
    name: str = ""  # the country's name in the lookup's language; "" for an unknown code

    def _has_kind(self, kind: AgreementKind) -> bool:
        return any(agreement.kind == kind for agreement in self.agreements)

    @property
    def is_eea(self) -> bool:
        return self._has_kind(AgreementKind.EEA)

    @property
    def is_nordic(self) -> bool:
        return self._has_kind(AgreementKind.NORDIC)

    @property
    def is_switzerland(self) -> bool:
        return self._has_kind(AgreementKind.SWITZERLAND)

    @property
    def is_united_kingdom(self) -> bool:
        return self._has_kind(AgreementKind.UNITED_KINGDOM)

    @property
    def is_eea_plus(self) -> bool:
        """An EU/EEA state or Switzerland: where EU social security rules apply."""
        return self.is_eea or self.is_switzerland

    @property
    def has_agreement(self) -> bool:
        return bool(self.agreements)

    @property
    def covers(self) -> frozenset[Coverage]:
        """Everything at least one of the country's agreements coordinates."""
        return frozenset().union(*(agreement.covers for agreement in self.agreements))
