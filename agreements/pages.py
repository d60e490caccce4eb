"""What a country's page shows, gathered from its agreement rows."""

import datetime
from dataclasses import dataclass
from functools import cached_property

from agreements.countries import country_in_sentence, country_name
from agreements.coverage import AgreementKind
from agreements.models import Agreement, AgreementCountry
from content.models import Source

# Where certificate S1 exists: the EEA, Switzerland and the United Kingdom.
S1_KINDS = frozenset({AgreementKind.EEA, AgreementKind.SWITZERLAND, AgreementKind.UNITED_KINGDOM})


@dataclass
class CountryPage:
    code: str
    rows: list[AgreementCountry]  # published, in kind order, sources prefetched

    @property
    def name(self) -> str:
        return country_name(self.code)

    @property
    def name_in_sentence(self) -> str:
        """ "the United States" in "Norway and the United States"."""
        return country_in_sentence(self.code)

    @property
    def has_agreement(self) -> bool:
        return bool(self.rows)

    @cached_property
    def covered(self) -> frozenset[str]:
        """The areas at least one agreement covers, as Coverage values."""
        return frozenset(str(area) for row in self.rows for area in row.agreement.covers)

    @property
    def is_nordic(self) -> bool:
        return any(row.agreement.kind == AgreementKind.NORDIC for row in self.rows)

    @property
    def has_s1(self) -> bool:
        return any(row.agreement.kind in S1_KINDS for row in self.rows)

    @cached_property
    def sources(self) -> list[Source]:
        """Every agreement's sources, each once; without an agreement, the
        government's list of agreements, which is what shows there is none."""
        if not self.rows:
            return list(Agreement.objects.list_sources())
        unique = {source.pk: source for row in self.rows for source in row.agreement.sources.all()}
        return list(unique.values())

    @cached_property
    def last_reviewed(self) -> datetime.date | None:
        """The oldest review date: the page is only as fresh as its stalest part.
        Without an agreement, the page is as fresh as the list of agreements."""
        if not self.rows:
            return Agreement.objects.list_last_reviewed()
        return min(row.agreement.last_reviewed for row in self.rows)
