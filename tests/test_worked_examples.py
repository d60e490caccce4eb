"""Real people's situations, from first question to the exact checklist they get."""

from guidance.questionnaire import RESULT, next_question, parse
from guidance.rules import checklist
from tests.support.countries import COUNTRIES, COUNTRY_CODES


def walk(**answers: str) -> set[str]:
    """Answers every question the routing asks, in turn, then returns the checklist's keys.

    Fails if the routing asks a question the example has no answer for, or
    never asks one it has.
    """
    given: dict[str, str] = {}
    while (question := next_question(given)) != RESULT:
        assert question in answers, f"asked {question!r}, which this example does not answer"
        given[question] = answers[question]
    assert given == answers, "the routing skipped answers this example gives"
    assert parse({key: [value] for key, value in given.items()}, COUNTRY_CODES).answers == given
    return {match.key for match in checklist(given, COUNTRIES)}


def test_a_polish_carpenter_living_in_poland_and_working_for_a_norwegian_firm():
    assert walk(
        citizenship="pl",
        residence="pl",
        work="employee",
        nav_benefit="no",
        children="3-7",
        single_parent="no",
    ) == {
        "membership-worker",
        "national-registry",
        "emergency",
        "user-fees",
        "s1-certificate",
        "s1-documents",
        "s1-report-changes",
        "tax-card",
        "registration-eea",
        "nav-benefits",
        "child-benefit",
        "children-abroad",
        "agreement",
        "contact-nav",
        "contact-helfo",
    }


def test_a_swede_commuting_to_norway():
    assert walk(
        citizenship="se", residence="se", work="employee", nav_benefit="no", children="none"
    ) == {
        "membership-worker",
        "national-registry",
        "emergency",
        "user-fees",
        "s1-not-needed-nordic",
        "tax-card",
        "permit-none-nordic",
        "nav-benefits",
        "agreement",
        "contact-nav",
    }


def test_a_german_posted_to_norway_for_six_months():
    assert walk(
        citizenship="de", residence="no", stay="3-to-12-months", work="posted-to-norway"
    ) == {
        "membership-posted-to-norway",
        "national-registry",
        "emergency",
        "tax-card",
        "registration-eea",
        "agreement",
        "contact-nav",
    }


def test_a_german_posted_to_norway_who_keeps_a_home_in_germany():
    assert walk(citizenship="de", residence="de", work="posted-to-norway", nav_benefit="no") == {
        "membership-posted-to-norway",
        "national-registry",
        "emergency",
        "tax-card",
        "registration-eea",
        "agreement",
        "contact-nav",
    }


def test_an_american_moving_to_norway_with_a_family_for_two_years():
    assert walk(
        citizenship="us",
        residence="no",
        stay="12-months-or-more",
        work="employee",
        children="3-7",
        single_parent="no",
        abroad="no",
    ) == {
        "membership-resident",
        "national-registry",
        "gp",
        "emergency",
        "user-fees",
        "tax-card",
        "permit-required",
        "notify-move",
        "nav-benefits",
        "child-benefit",
        "agreement",
        "contact-nav",
        "contact-helfo",
    }


def test_a_norwegian_researcher_posted_to_the_united_states_for_a_year():
    assert walk(
        citizenship="no",
        residence="no",
        stay="12-months-or-more",
        work="posted-abroad",
        children="none",
        abroad="us",
    ) == {
        "membership-posted-abroad",
        "national-registry",
        "gp",
        "emergency",
        "user-fees",
        "proof-of-membership",
        "private-insurance",
        "nav-benefits",
        "contact-nav",
        "contact-helfo",
    }


def test_a_ukrainian_refugee_living_in_norway():
    # Ukraine has no agreement with Norway; the lookup returns nothing for it.
    assert walk(
        citizenship="ua",
        residence="no",
        stay="12-months-or-more",
        work="not-working",
        children="8-17",
        abroad="no",
    ) == {
        "membership-resident",
        "national-registry",
        "gp",
        "emergency",
        "user-fees",
        "permit-required",
        "notify-move",
        "nav-benefits",
        "child-benefit",
        "agreement-none",
        "contact-nav",
        "contact-helfo",
    }


def test_a_retiree_moving_from_sweden_with_a_swedish_pension():
    assert walk(
        citizenship="se",
        residence="no",
        stay="12-months-or-more",
        work="retired",
        pension="nordic",
        children="none",
        abroad="no",
    ) == {
        "membership-resident",
        "national-registry",
        "gp",
        "emergency",
        "user-fees",
        "ehic",
        "permit-none-nordic",
        "notify-move",
        "nav-benefits",
        "pension-nordic",
        "agreement",
        "contact-nav",
        "contact-helfo",
    }


def test_a_british_single_parent_living_in_the_uk_and_working_in_norway():
    assert walk(
        citizenship="gb",
        residence="gb",
        work="employee",
        nav_benefit="no",
        children="1-2",
        single_parent="yes",
    ) == {
        "membership-worker",
        "national-registry",
        "emergency",
        "user-fees",
        "s1-certificate",
        "s1-documents",
        "s1-report-changes",
        "tax-card",
        "permit-required",
        "nav-benefits",
        "child-benefit",
        "single-parent",
        "children-abroad",
        "agreement",
        "contact-nav",
        "contact-helfo",
    }
