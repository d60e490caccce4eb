"""Hand-built country facts for the checklist's rule tests, as the agreements lookup gives them."""

from agreements.coverage import AgreementKind, AgreementSummary, CountryCoverage, Coverage

EVERYTHING = frozenset(Coverage)


def agreement(kind: AgreementKind, covers: frozenset[Coverage] = EVERYTHING) -> AgreementSummary:
    return AgreementSummary(slug=kind.value, kind=kind, name=kind.value, covers=covers)


EEA = agreement(AgreementKind.EEA)
NORDIC = agreement(AgreementKind.NORDIC)
SWITZERLAND = agreement(AgreementKind.SWITZERLAND)
UNITED_KINGDOM = agreement(AgreementKind.UNITED_KINGDOM)
BILATERAL = agreement(AgreementKind.BILATERAL, frozenset({Coverage.PENSIONS}))
# A bilateral agreement that gives visitors healthcare too (as Australia's does).
BILATERAL_WITH_HEALTHCARE = agreement(
    AgreementKind.BILATERAL,
    frozenset({Coverage.PENSIONS, Coverage.HEALTHCARE, Coverage.HEALTHCARE_ON_VISITS}),
)
# One that deals with healthcare but not on visits (as Chile's: for pensioners
# who settle there; and Turkey's).
BILATERAL_WITH_HEALTHCARE_FOR_RESIDENTS = agreement(
    AgreementKind.BILATERAL, frozenset({Coverage.PENSIONS, Coverage.HEALTHCARE})
)

COUNTRIES = {
    coverage.code: coverage
    for coverage in (
        CountryCoverage("pl", (EEA,)),
        CountryCoverage("se", (EEA, NORDIC)),
        CountryCoverage("de", (EEA,)),
        CountryCoverage("ch", (SWITZERLAND,)),
        CountryCoverage("gb", (UNITED_KINGDOM,)),
        CountryCoverage("us", (BILATERAL,)),
        CountryCoverage("br", ()),
        CountryCoverage("hr", (EEA, BILATERAL)),
        CountryCoverage("fo", (NORDIC,)),  # the Faroe Islands: Nordic, outside the EEA
        CountryCoverage("dk", (EEA, NORDIC)),
        CountryCoverage("es", (EEA,)),
        CountryCoverage("fr", (EEA,)),
        CountryCoverage("lt", (EEA,)),
        CountryCoverage("nl", (EEA,)),
        CountryCoverage("ca", (BILATERAL,)),
        CountryCoverage("in", (BILATERAL,)),
        CountryCoverage("au", (BILATERAL_WITH_HEALTHCARE,)),
        CountryCoverage("cl", (BILATERAL_WITH_HEALTHCARE_FOR_RESIDENTS,)),
    )
}
# Every country code the questionnaire accepts in these tests. Those absent
# from COUNTRIES have no agreement: the lookup returns nothing for them.
COUNTRY_CODES = frozenset({*COUNTRIES, "no", "ua", "th", "er", "sy", "cn"})
