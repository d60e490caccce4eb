"""Each checklist item appears exactly when docs/checklist.md's tables say.

For every membership row and every item: a case where it is on the list and
one where it is not, with the answers behind it; then the places where the
official rules differ from the issue; then what must hold for any answers.
Every case is a set of answers the questionnaire keeps (see `visitor`).
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guidance.questionnaire import keep_relevant
from guidance.rules import (
    COVERED,
    HELFO_ITEMS,
    ITEM_KEYS,
    MEMBERSHIP_KEYS,
    QUESTION_ORDER,
    Match,
    checklist,
    countries_to_look_up,
)
from tests.support.answers import any_answers, walked_answers
from tests.support.countries import COUNTRIES

# A Pole who has lived and worked in Norway for years.
SETTLED = {
    "citizenship": "pl",
    "residence": "no",
    "move": "living-in-norway",
    "work": "employee",
    "children": "none",
    "children_abroad": "no",
    "abroad": "no",
}
# A Pole moving to Norway for good to work here.
MOVING = {**SETTLED, "move": "moving-to-norway", "stay": "12-months-or-more"}
# A Pole who lives in Poland and works in Norway.
COMMUTER = {
    "citizenship": "pl",
    "residence": "pl",
    "move": "not-moving",
    "work": "employee",
    "nav_benefit": "no",
    "children": "none",
}
# An American moving to Norway for good on a work permit.
AMERICAN = {**MOVING, "citizenship": "us", "permit": "work"}
# A Chinese tourist in Norway for a few weeks.
VISITOR = {
    "citizenship": "cn",
    "residence": "no",
    "move": "moving-to-norway",
    "stay": "under-3-months",
    "permit": "other",
    "work": "not-working",
}
# A Brazilian student in Norway for ten months.
STUDENT = {**VISITOR, "citizenship": "br", "stay": "3-to-12-months", "permit": "study"}
# An Eritrean waiting for a decision on an application for protection.
ASYLUM_SEEKER = {
    **VISITOR,
    "citizenship": "er",
    "stay": "3-to-12-months",
    "permit": "asylum-seeker",
}
# A Norwegian pensioner moving to Spain for good.
PENSIONER_TO_SPAIN = {
    "citizenship": "no",
    "residence": "es",
    "move": "leaving-norway",
    "work": "retired",
    "nav_benefit": "no",
    "pension": "norway",
}
# A Norwegian living in Norway whose employer sends them to France for a while.
POSTED_FROM_NORWAY = {**SETTLED, "citizenship": "no", "work": "posted-abroad", "abroad": "fr"}


def visitor(base: dict[str, str], **changes: str | None) -> dict[str, str]:
    """`base` with some answers changed (None removes one), as after a Change on the site:
    answers the change makes irrelevant are dropped, the changed ones must stay."""
    merged = {key: value for key, value in {**base, **changes}.items() if value is not None}
    answers = keep_relevant(merged)
    given = {key: value for key, value in changes.items() if value is not None}
    assert given.items() <= answers.items(), "no visitor can give these answers"
    return answers


def items(base: dict[str, str], **changes: str | None) -> dict[str, Match]:
    """The checklist for `base` with some answers changed, by key."""
    return {match.key: match for match in checklist(visitor(base, **changes), COUNTRIES)}


def membership(base: dict[str, str], **changes: str | None) -> Match:
    return next(match for match in items(base, **changes).values() if match.key in MEMBERSHIP_KEYS)


def membership_key(base: dict[str, str], **changes: str | None) -> str:
    return membership(base, **changes).key


# Membership: exactly one, the first that applies -------------------------------


def test_an_asylum_seeker_waiting_for_a_decision_is_a_member_with_limited_cover():
    assert membership(ASYLUM_SEEKER) == Match("membership-asylum-seeker", ("residence", "permit"))
    assert membership_key(ASYLUM_SEEKER, permit="protection") != "membership-asylum-seeker"


def test_a_worker_posted_to_norway_stays_in_the_sending_countrys_scheme():
    german = visitor(MOVING, citizenship="de", stay="3-to-12-months", work="posted-to-norway")
    assert membership(german) == Match("membership-posted-to-norway", ("work",))
    assert membership_key(MOVING) != "membership-posted-to-norway"


def test_a_worker_posted_abroad_from_norway_stays_a_member():
    assert membership(POSTED_FROM_NORWAY) == Match("membership-posted-abroad", ("work",))
    assert membership_key(SETTLED, work="working-abroad") != "membership-posted-abroad"


def test_working_abroad_ends_membership_even_when_living_in_norway():
    assert membership(SETTLED, work="working-abroad") == Match("membership-ends", ("work",))
    job_in_germany = visitor(PENSIONER_TO_SPAIN, residence="de", work="working-abroad")
    assert membership_key(job_in_germany) == "membership-ends"
    assert membership_key(COMMUTER) != "membership-ends"


def test_a_settled_resident_is_a_member_through_residence():
    settled = membership(SETTLED, work="not-working")
    assert settled == Match("membership-resident", ("residence", "move"))


def test_moving_to_norway_for_12_months_or_more_makes_you_a_resident_member():
    assert membership(MOVING, work="student") == Match(
        "membership-resident", ("residence", "move", "stay")
    )
    assert membership_key(MOVING, stay="3-to-12-months", work="student") != "membership-resident"


def test_an_employee_in_norway_is_a_member_through_work_wherever_they_live():
    assert membership(COMMUTER) == Match("membership-worker", ("work",))
    assert membership_key(MOVING, stay="under-3-months") == "membership-worker"
    leaving_for_the_us = visitor(
        PENSIONER_TO_SPAIN, citizenship="us", residence="us", work="employee"
    )
    assert membership_key(leaving_for_the_us) == "membership-worker"
    assert membership_key(COMMUTER, work="student") != "membership-worker"


def test_a_self_employed_person_living_in_another_eea_country_is_a_member_through_work():
    dutch = visitor(COMMUTER, citizenship="nl", residence="nl", work="self-employed")
    assert membership(dutch) == Match("membership-worker", ("citizenship", "residence", "work"))
    faroese = visitor(COMMUTER, citizenship="fo", residence="fo", work="self-employed")
    assert membership_key(faroese) != "membership-worker"  # the Faroe Islands: outside the EEA


def test_a_self_employed_eea_or_nordic_citizen_living_in_norway_is_a_member_through_work():
    for citizenship in ("pl", "fo", "no"):
        answers = visitor(MOVING, citizenship=citizenship, stay="3-to-12-months")
        assert membership_key(answers, work="self-employed") == "membership-worker", citizenship


def test_a_self_employed_american_moving_to_norway_for_months_is_not_a_member_through_work():
    # docs/checklist.md row 6: self-employed "living in another EEA+ country, or
    # living in Norway as a Norwegian, Nordic or EEA+ citizen". Neither holds,
    # so row 9 (3 to 12 months) or row 10 applies. Finding 1 in
    # /work/notes/rules-test-findings.md: the rules say membership-worker.
    american = visitor(AMERICAN, stay="3-to-12-months", work="self-employed")
    assert membership_key(american) == "membership-voluntary"
    assert membership_key(american, stay="under-3-months") == "membership-not-covered"


def test_a_nav_benefit_keeps_someone_living_in_another_eea_country_a_member():
    dane = visitor(
        COMMUTER, citizenship="dk", residence="dk", work="not-working", nav_benefit="yes"
    )
    assert membership(dane) == Match("membership-nav-benefit", ("residence", "nav_benefit"))
    to_spain = visitor(PENSIONER_TO_SPAIN, work="not-working", nav_benefit="yes")
    assert membership_key(to_spain) == "membership-nav-benefit"
    assert membership_key(dane, nav_benefit="no") != "membership-nav-benefit"


def test_leaving_norway_without_work_here_or_a_nav_benefit_ends_membership():
    assert membership(PENSIONER_TO_SPAIN) == Match(
        "membership-ends", ("residence", "move", "work", "nav_benefit")
    )
    assert membership_key(PENSIONER_TO_SPAIN, move="not-moving") != "membership-ends"


def test_a_stay_of_3_to_12_months_without_work_allows_voluntary_membership():
    assert membership(STUDENT) == Match("membership-voluntary", ("residence", "stay", "work"))
    assert membership_key(STUDENT, stay="under-3-months") != "membership-voluntary"
    assert membership_key(MOVING, stay="3-to-12-months") != "membership-voluntary"


def test_anyone_else_is_not_covered():
    assert membership(VISITOR) == Match(
        "membership-not-covered", ("residence", "move", "stay", "work")
    )
    retired_abroad = visitor(PENSIONER_TO_SPAIN, move="not-moving")
    assert membership_key(retired_abroad) == "membership-not-covered"
    assert membership_key({}) == "membership-not-covered"
    assert membership_key(SETTLED) != "membership-not-covered"


# Other items ---------------------------------------------------------------------


def test_national_registry_for_someone_arriving_for_3_months_or_more():
    assert items(STUDENT)["national-registry"].reasons == ("residence", "move", "stay")
    assert "national-registry" not in items(VISITOR)


def test_national_registry_for_someone_arriving_to_work_even_for_a_short_while():
    short_job = items(MOVING, stay="under-3-months")
    assert short_job["national-registry"].reasons == ("residence", "move", "work")
    assert "national-registry" not in items(MOVING, stay="under-3-months", work="student")


def test_national_registry_for_someone_living_abroad_and_working_here():
    assert items(COMMUTER)["national-registry"].reasons == ("residence", "move", "work")
    assert "national-registry" not in items(COMMUTER, work="working-abroad")


def test_no_national_registry_once_settled_in_norway():
    assert "national-registry" not in items(SETTLED)


def test_gp_when_covered_and_living_in_norway():
    assert items(SETTLED)["gp"].reasons == ("residence", "move")
    assert items(MOVING)["gp"].reasons == ("residence", "move", "stay")
    assert "gp" not in items(COMMUTER)
    assert "gp" not in items(STUDENT)


def test_emergency_help_for_anyone_living_or_working_in_norway():
    assert items(VISITOR)["emergency"].reasons == ("residence",)
    assert items(COMMUTER)["emergency"].reasons == ("work",)
    assert "emergency" not in items(COMMUTER, work="working-abroad")
    assert "emergency" not in items(PENSIONER_TO_SPAIN)


def test_user_fees_when_covered():
    assert items(COMMUTER)["user-fees"].reasons == ("work",)
    assert "user-fees" not in items(MOVING, work="posted-to-norway")
    assert "user-fees" not in items(STUDENT)


def test_a_polish_commuter_gets_s1_from_helfo():
    assert items(COMMUTER)["s1-certificate"].reasons == ("citizenship", "residence", "work")
    assert "s1-certificate" in items(COMMUTER, citizenship="hr", residence="de")
    assert "s1-certificate" in items(COMMUTER, citizenship="de", residence="ch")
    assert "s1-certificate" in items(COMMUTER, work="self-employed")


def test_a_stateless_person_or_a_norwegian_living_in_the_eea_gets_s1():
    assert "s1-certificate" in items(COMMUTER, citizenship="stateless")
    assert "s1-certificate" in items(COMMUTER, citizenship="no")


def test_anyone_living_in_the_united_kingdom_and_working_in_norway_gets_s1():
    brazilian = items(COMMUTER, citizenship="br", residence="gb")
    assert brazilian["s1-certificate"].reasons == ("residence", "work")


def test_an_american_living_in_poland_gets_no_s1():
    assert "s1-certificate" not in items(COMMUTER, citizenship="us")
    assert "s1-certificate" not in items(COMMUTER, citizenship="gb")


def test_no_s1_when_living_in_norway_in_a_nordic_country_or_outside_the_eea():
    assert "s1-certificate" not in items(SETTLED)
    assert "s1-certificate" not in items(COMMUTER, citizenship="se", residence="se")
    assert "s1-certificate" not in items(COMMUTER, residence="us")


def test_no_s1_for_a_worker_posted_here_or_someone_not_working_in_norway():
    assert "s1-certificate" not in items(COMMUTER, work="posted-to-norway")
    assert "s1-certificate" not in items(COMMUTER, work="not-working", nav_benefit="yes")


@pytest.mark.parametrize("key", ["s1-documents", "s1-report-changes"])
def test_s1_documents_and_changes_come_with_the_s1_certificate(key):
    assert items(COMMUTER)[key].reasons == items(COMMUTER)["s1-certificate"].reasons
    assert key not in items(COMMUTER, citizenship="us")


def test_a_swede_commuting_to_norway_needs_no_s1():
    swede = items(COMMUTER, citizenship="se", residence="se")
    assert swede["s1-not-needed-nordic"].reasons == ("residence", "work")
    assert "s1-not-needed-nordic" in items(COMMUTER, residence="fo", work="self-employed")
    assert "s1-not-needed-nordic" not in items(COMMUTER)
    assert "s1-not-needed-nordic" not in items(COMMUTER, residence="se", work="posted-to-norway")


def test_a_dane_on_a_nav_benefit_in_denmark_needs_no_s1():
    dane = items(COMMUTER, residence="dk", work="not-working", nav_benefit="yes")
    assert dane["s1-not-needed-nordic"].reasons == ("residence", "nav_benefit")
    assert "s1-not-needed-nordic" not in items(COMMUTER, residence="dk", work="not-working")


def test_a_norwegian_pensioner_moving_to_sweden_needs_no_s1():
    to_sweden = items(PENSIONER_TO_SPAIN, residence="se")
    assert to_sweden["s1-not-needed-nordic"].reasons == ("residence", "pension")
    assert "s1-not-needed-nordic" not in items(PENSIONER_TO_SPAIN, residence="se", pension="nordic")


def test_a_pensioner_leaving_for_spain_gets_s1_from_helfo():
    assert items(PENSIONER_TO_SPAIN)["s1-pensioner"].reasons == ("residence", "work", "pension")
    assert "s1-pensioner" in items(PENSIONER_TO_SPAIN, residence="gb")
    assert "s1-pensioner" in items(PENSIONER_TO_SPAIN, residence="ch")


def test_no_s1_from_helfo_for_a_pensioner_in_a_nordic_country_or_outside_the_eea():
    assert "s1-pensioner" not in items(PENSIONER_TO_SPAIN, residence="se")
    assert "s1-pensioner" not in items(PENSIONER_TO_SPAIN, residence="th")
    assert "s1-pensioner" not in items(SETTLED, work="retired", pension="norway")


def test_a_norwegian_posted_to_france_gets_s1_before_leaving():
    assert items(POSTED_FROM_NORWAY)["s1-posted-abroad"].reasons == (
        "citizenship",
        "work",
        "abroad",
    )
    living_in_germany = items(COMMUTER, citizenship="no", residence="de", work="posted-abroad")
    assert living_in_germany["s1-posted-abroad"].reasons == ("citizenship", "residence", "work")


def test_no_s1_for_a_posting_to_a_nordic_country_or_outside_the_eea():
    assert "s1-posted-abroad" not in items(POSTED_FROM_NORWAY, abroad="se")
    assert "s1-posted-abroad" not in items(POSTED_FROM_NORWAY, abroad="us")
    assert "s1-posted-abroad" not in items(POSTED_FROM_NORWAY, abroad="no")


def test_nav_benefit_abroad_for_a_nav_benefit_received_in_the_eea():
    to_spain = items(PENSIONER_TO_SPAIN, work="not-working", nav_benefit="yes")
    assert to_spain["nav-benefit-abroad"].reasons == ("residence", "nav_benefit")
    assert "nav-benefit-abroad" in items(COMMUTER, residence="ch", nav_benefit="yes")
    assert "nav-benefit-abroad" not in items(COMMUTER, residence="us", nav_benefit="yes")
    assert "nav-benefit-abroad" not in items(COMMUTER, residence="dk", nav_benefit="yes")
    assert "nav-benefit-abroad" not in items(COMMUTER)


def test_an_employee_living_in_another_eea_country_learns_about_unemployment_across_borders():
    assert items(COMMUTER)["unemployment-cross-border"].reasons == ("residence", "work")
    assert "unemployment-cross-border" in items(COMMUTER, citizenship="se", residence="se")
    assert "unemployment-cross-border" not in items(COMMUTER, work="self-employed")
    assert "unemployment-cross-border" not in items(COMMUTER, residence="gb")
    assert "unemployment-cross-border" not in items(SETTLED)


def test_ehic_when_covered_and_going_to_the_eea_or_the_united_kingdom():
    reasons = ("citizenship", "residence", "move", "abroad")
    assert items(SETTLED, abroad="de")["ehic"].reasons == reasons
    assert "ehic" in items(SETTLED, abroad="gb")
    assert "ehic" in items(SETTLED, abroad="ch")
    assert "ehic" not in items(SETTLED, abroad="us")
    assert "ehic" not in items(SETTLED)


def test_a_member_from_outside_the_eea_gets_no_card_but_the_way_without_it():
    # helsenorge: Norway issues the card to EEA+ citizens, stateless people
    # and refugees; other members rely on Norway's own agreements or Helfo.
    american = items(SETTLED, citizenship="us", permit="work", abroad="de")
    assert "ehic" not in american
    assert american["healthcare-europe-without-ehic"].reasons == (
        "citizenship",
        "residence",
        "move",
        "abroad",
    )
    assert "healthcare-europe-without-ehic" in items(SETTLED, citizenship="us", abroad="gb")
    assert "healthcare-europe-without-ehic" not in items(SETTLED, citizenship="us", abroad="th")
    assert "healthcare-europe-without-ehic" not in items(SETTLED, abroad="de")  # a Pole
    stateless, refugee = {"citizenship": "stateless"}, {"citizenship": "sy", "permit": "protection"}
    for card_holder in (stateless, refugee):
        found = items({**SETTLED, **card_holder}, abroad="es")
        assert "ehic" in found and "healthcare-europe-without-ehic" not in found


def test_ehic_for_a_pensioner_from_another_nordic_country_living_in_norway():
    swede = items(MOVING, citizenship="se", work="retired", pension="nordic")
    assert swede["ehic"].reasons == ("residence", "pension")
    assert "ehic" not in items(MOVING, citizenship="de", work="retired", pension="other-country")


def test_ehic_for_a_norwegian_pensioner_with_s1_in_the_eea():
    assert items(PENSIONER_TO_SPAIN)["ehic"].reasons == ("residence", "pension")
    assert "ehic" not in items(PENSIONER_TO_SPAIN, residence="th")


def test_proof_of_membership_when_covered_and_going_outside_the_eea_and_uk():
    assert items(SETTLED, abroad="us")["proof-of-membership"].reasons == (
        "residence",
        "move",
        "abroad",
    )
    assert "proof-of-membership" in items(SETTLED, abroad="au")
    assert "proof-of-membership" not in items(SETTLED, abroad="gb")
    assert "proof-of-membership" not in items(SETTLED)


def test_helfo_refund_when_covered_and_going_where_no_agreement_gives_healthcare_on_visits():
    assert items(SETTLED, abroad="br")["helfo-refund"].reasons == ("residence", "move", "abroad")
    assert "helfo-refund" in items(SETTLED, abroad="us")  # an agreement on pensions only
    assert "helfo-refund" in items(SETTLED, abroad="th")  # not in the lookup: no agreement
    # Healthcare for pensioners who settle there, none for visitors.
    assert "helfo-refund" in items(SETTLED, abroad="cl")
    assert "helfo-refund" not in items(SETTLED, abroad="au")  # visitors get treatment
    assert "helfo-refund" not in items(SETTLED, abroad="de")
    assert "helfo-refund" not in items(SETTLED)


def test_private_insurance_for_any_longer_stay_abroad():
    assert items(SETTLED, abroad="de")["private-insurance"].reasons == ("abroad",)
    assert "private-insurance" not in items(SETTLED)


def test_a_visitor_from_outside_the_eea_needs_private_health_insurance():
    assert items(VISITOR)["private-health-insurance"].reasons == (
        "citizenship",
        "residence",
        "stay",
    )
    assert "private-health-insurance" in items(VISITOR, citizenship="stateless")
    assert "private-health-insurance" not in items(VISITOR, citizenship="pl")
    assert "private-health-insurance" not in items(AMERICAN)


def test_a_student_from_outside_the_eea_needs_private_health_insurance_until_nav_decides():
    assert items(STUDENT)["private-health-insurance"].reasons == (
        "citizenship",
        "residence",
        "stay",
    )
    assert "private-health-insurance" not in items(STUDENT, citizenship="de")


def test_an_american_posted_to_norway_needs_private_health_insurance():
    posted = items(AMERICAN, work="posted-to-norway")
    assert posted["private-health-insurance"].reasons == ("citizenship", "work")
    living_in_the_us = items(COMMUTER, citizenship="us", residence="us", work="posted-to-norway")
    assert "private-health-insurance" in living_in_the_us
    living_in_the_uk = items(COMMUTER, citizenship="us", residence="gb", work="posted-to-norway")
    assert "private-health-insurance" not in living_in_the_uk
    assert "private-health-insurance" not in items(MOVING, work="posted-to-norway")


def test_leaving_norway_for_a_country_outside_the_eea_needs_private_health_insurance():
    to_thailand = items(PENSIONER_TO_SPAIN, residence="th")
    assert to_thailand["private-health-insurance"].reasons == ("residence", "move")
    assert "private-health-insurance" not in items(PENSIONER_TO_SPAIN)
    assert "private-health-insurance" not in items(PENSIONER_TO_SPAIN, residence="gb")


def test_a_tax_card_for_anyone_arriving_to_work_or_working_here_from_abroad():
    assert items(MOVING)["tax-card"].reasons == ("residence", "move", "work")
    for work in ("employee", "self-employed", "posted-to-norway"):
        assert items(COMMUTER, work=work)["tax-card"].reasons == ("residence", "move", "work")


def test_no_tax_card_item_once_settled_or_when_working_outside_norway():
    assert "tax-card" not in items(SETTLED)
    assert "tax-card" not in items(SETTLED, work="posted-abroad")
    assert "tax-card" not in items(COMMUTER, work="working-abroad")
    assert "tax-card" not in items(MOVING, work="student")


def test_a_swede_moving_here_or_commuting_needs_no_permit():
    swede = items(MOVING, citizenship="se")
    assert swede["permit-none-nordic"].reasons == ("citizenship", "residence", "move")
    assert "permit-none-nordic" in items(MOVING, citizenship="fo", stay="under-3-months")
    commuter = items(COMMUTER, citizenship="se", residence="se")
    assert commuter["permit-none-nordic"].reasons == ("citizenship", "work")


def test_no_permit_item_for_a_norwegian_a_settled_swede_or_a_pole():
    assert "permit-none-nordic" not in items(MOVING, citizenship="no")
    assert "permit-none-nordic" not in items(SETTLED, citizenship="se")
    assert "permit-none-nordic" not in items(MOVING)
    assert "permit-none-nordic" not in items(COMMUTER, citizenship="se", work="working-abroad")


def test_an_eea_citizen_arriving_for_3_months_or_more_registers_with_the_police():
    assert items(MOVING, work="student")["registration-eea"].reasons == (
        "citizenship",
        "residence",
        "stay",
    )
    assert items(MOVING)["registration-eea"].reasons == ("citizenship", "residence", "stay", "work")


def test_an_eea_citizen_arriving_or_commuting_to_work_registers_with_the_police():
    short_job = items(MOVING, stay="under-3-months")
    assert short_job["registration-eea"].reasons == ("citizenship", "work")
    swiss = items(COMMUTER, citizenship="ch")
    assert swiss["registration-eea"].reasons == ("citizenship", "work")


def test_no_police_registration_for_a_short_visit_a_settled_resident_or_a_non_eea_citizen():
    assert "registration-eea" not in items(MOVING, stay="under-3-months", work="student")
    assert "registration-eea" not in items(SETTLED)
    assert "registration-eea" not in items(MOVING, citizenship="se")
    assert "registration-eea" not in items(MOVING, citizenship="no")
    assert "registration-eea" not in items(AMERICAN)


def test_an_american_moving_here_to_work_needs_a_work_permit():
    assert items(AMERICAN)["permit-required"].reasons == ("citizenship", "permit")
    assert "permit-required" in items(AMERICAN, citizenship="stateless")
    assert "permit-required" in items(AMERICAN, citizenship="ua")  # not in the lookup


def test_an_american_already_living_here_on_a_work_permit_renews_it_rather_than_applies():
    # utl § 61 sixth paragraph: renewing a month ahead keeps the permit's rights.
    settled = items(SETTLED, citizenship="us", permit="work")
    assert "permit-required" not in settled
    assert settled["permit-renew"].reasons == ("citizenship", "residence", "move", "permit")
    assert "permit-renew" not in items(AMERICAN)  # still coming: apply first
    assert "permit-renew" not in items(SETTLED, citizenship="us", permit="family")
    assert "permit-renew" not in items(SETTLED)  # a Pole needs no permit


def test_someone_from_outside_the_eea_living_abroad_and_working_here_needs_a_work_permit():
    brit = items(COMMUTER, citizenship="gb", residence="gb")
    assert brit["permit-required"].reasons == ("citizenship", "work")
    american = items(COMMUTER, citizenship="us", residence="us", work="self-employed")
    assert "permit-required" in american


def test_no_work_permit_for_a_family_permit_an_eea_or_nordic_citizen_or_work_abroad():
    assert "permit-required" not in items(AMERICAN, permit="family")
    assert "permit-required" not in items(MOVING)
    assert "permit-required" not in items(MOVING, citizenship="fo")
    assert "permit-required" not in items(COMMUTER, citizenship="us", work="working-abroad")


def test_an_american_leaving_norway_but_keeping_his_job_here_still_needs_a_work_permit():
    # docs/checklist.md: "living (or moving to live) outside Norway and working here":
    # whoever keeps working in Norway needs a permit that allows the work (utl § 55).
    leaving = items(PENSIONER_TO_SPAIN, citizenship="us", residence="us", work="employee")
    assert "permit-required" in leaving


def test_an_indian_spouse_moving_here_needs_a_residence_permit():
    spouse = items(AMERICAN, citizenship="in", permit="family", work="not-working")
    assert spouse["residence-permit"].reasons == ("citizenship", "move", "stay", "permit")
    assert "residence-permit" in items(STUDENT)
    assert "residence-permit" in items(AMERICAN, permit="other", stay="3-to-12-months")


def test_no_residence_permit_item_for_a_work_permit_an_eea_citizen_or_a_settled_resident():
    assert "residence-permit" not in items(AMERICAN)
    assert "residence-permit" not in items(STUDENT, citizenship="de")
    assert "residence-permit" not in items(SETTLED, citizenship="us", permit="family")
    assert "residence-permit" not in items(ASYLUM_SEEKER)


def test_a_refugee_with_protection_learns_their_rights():
    ukrainian = items(AMERICAN, citizenship="ua", permit="protection", work="not-working")
    assert ukrainian["protection-rights"].reasons == ("residence", "permit")
    assert "protection-rights" not in items(ASYLUM_SEEKER)
    assert "protection-rights" not in items(AMERICAN, permit="family")


def test_someone_moving_here_for_good_tells_the_country_they_leave():
    assert items(MOVING)["notify-move"].reasons == ("citizenship", "residence", "move", "stay")
    assert "notify-move" in items(MOVING, citizenship="stateless")


def test_no_notice_of_the_move_for_a_norwegian_a_shorter_stay_or_someone_settled():
    assert "notify-move" not in items(MOVING, citizenship="no")
    assert "notify-move" not in items(MOVING, stay="3-to-12-months")
    assert "notify-move" not in items(SETTLED)


def test_someone_leaving_norway_reports_the_emigration():
    assert items(PENSIONER_TO_SPAIN)["report-emigration"].reasons == ("residence", "move")
    # Moving to a Nordic country the item says to report there only: still on the list.
    assert "report-emigration" in items(PENSIONER_TO_SPAIN, residence="se")
    assert "report-emigration" not in items(PENSIONER_TO_SPAIN, move="not-moving")
    assert "report-emigration" not in items(MOVING)


def test_nav_benefits_when_covered_and_not_retired():
    assert items(SETTLED)["nav-benefits"].reasons == ("residence", "move", "work")
    assert items(COMMUTER)["nav-benefits"].reasons == ("work",)
    assert "nav-benefits" not in items(SETTLED, work="retired", pension="norway")
    assert "nav-benefits" not in items(MOVING, work="posted-to-norway")


def test_a_nordic_pension_when_living_in_norway():
    swede = items(MOVING, citizenship="se", work="retired", pension="nordic")
    assert swede["pension-nordic"].reasons == ("residence", "pension")
    assert "pension-nordic" not in items(PENSIONER_TO_SPAIN, residence="se", pension="nordic")
    assert "pension-nordic" not in items(MOVING, work="retired", pension="other-country")


def test_a_pension_from_outside_the_nordics_when_living_in_norway():
    german = items(MOVING, citizenship="de", work="retired", pension="other-country")
    assert german["pension-abroad"].reasons == ("residence", "pension")
    assert "pension-abroad" not in items(PENSIONER_TO_SPAIN, pension="other-country")
    assert "pension-abroad" not in items(MOVING, work="retired", pension="norway")


def test_a_norwegian_pension_paid_abroad_when_living_outside_norway():
    assert items(PENSIONER_TO_SPAIN)["pension-paid-abroad"].reasons == ("residence", "pension")
    assert "pension-paid-abroad" in items(PENSIONER_TO_SPAIN, residence="th")
    assert "pension-paid-abroad" not in items(SETTLED, work="retired", pension="norway")
    assert "pension-paid-abroad" not in items(PENSIONER_TO_SPAIN, pension="none")


@pytest.mark.parametrize("age", ["under-1", "1-2", "3-7", "8-17"])
def test_child_benefit_when_covered_with_a_child_under_18(age):
    assert items(SETTLED, children=age)["child-benefit"].reasons == (
        "residence",
        "move",
        "children",
    )
    assert "child-benefit" in items(COMMUTER, children=age)


@pytest.mark.parametrize("children", ["none", "expecting"])
def test_no_child_benefit_without_a_child(children):
    assert "child-benefit" not in items(SETTLED, children=children)


def test_cash_for_care_when_covered_in_norway_with_a_child_of_1_or_2():
    assert items(SETTLED, children="1-2")["cash-benefit"].reasons == (
        "residence",
        "move",
        "children",
    )
    assert "cash-benefit" not in items(COMMUTER, children="1-2")
    assert "cash-benefit" not in items(SETTLED, children="3-7")


@pytest.mark.parametrize("children", ["expecting", "under-1"])
def test_parental_benefit_when_covered_and_expecting_or_with_a_baby(children):
    assert items(SETTLED, children=children)["parental-benefit"].reasons == (
        "residence",
        "move",
        "children",
    )
    assert "parental-benefit" in items(COMMUTER, children=children)


def test_no_parental_benefit_for_older_children():
    assert "parental-benefit" not in items(SETTLED, children="1-2")


@pytest.mark.parametrize("age", ["under-1", "1-2", "3-7"])
def test_single_parent_benefits_when_bringing_up_a_child_under_8_alone(age):
    single = items(SETTLED, children=age, single_parent="yes")
    assert single["single-parent"].reasons == ("residence", "move", "children", "single_parent")
    assert "single-parent" not in items(SETTLED, children=age, single_parent="no")


def test_no_single_parent_benefits_for_a_child_of_8_or_more():
    assert "single-parent" not in items(SETTLED, children="8-17")


def test_children_abroad_for_someone_covered_in_norway_with_children_living_abroad():
    with_children_in_poland = items(SETTLED, children="8-17", children_abroad="yes")
    assert with_children_in_poland["children-abroad"].reasons == ("residence", "children_abroad")
    assert "children-abroad" not in items(SETTLED, children="8-17")


def test_children_abroad_for_someone_covered_through_work_living_outside_norway():
    assert items(COMMUTER, children="3-7")["children-abroad"].reasons == (
        "residence",
        "work",
        "children",
    )
    posted_from_germany = items(
        COMMUTER, citizenship="no", residence="de", work="posted-abroad", children="expecting"
    )
    assert "children-abroad" in posted_from_germany
    assert "children-abroad" not in items(COMMUTER)


def test_no_children_abroad_item_on_a_nav_benefit_abroad():
    # Covered, but through the benefit, not through work.
    dane = items(COMMUTER, residence="dk", work="not-working", nav_benefit="yes", children="3-7")
    assert "children-abroad" not in dane


def test_agreement_names_the_citizenship_and_residence_countries_with_one():
    agreement = items(COMMUTER, citizenship="hr")["agreement"]
    assert (agreement.reasons, agreement.countries) == (("citizenship", "residence"), ("hr", "pl"))
    assert items(COMMUTER)["agreement"].countries == ("pl",)
    brazilian = items(COMMUTER, citizenship="br")["agreement"]
    assert (brazilian.reasons, brazilian.countries) == (("residence",), ("pl",))


def test_agreement_names_the_country_of_a_posting_abroad():
    to_the_us = items(POSTED_FROM_NORWAY, abroad="us")["agreement"]
    assert (to_the_us.reasons, to_the_us.countries) == (("abroad",), ("us",))


def test_no_agreement_item_for_norway_itself_or_a_mere_trip():
    assert "agreement" not in items(SETTLED, citizenship="no")
    assert "agreement" not in items(SETTLED, citizenship="no", abroad="us")
    assert "agreement" not in items(SETTLED, citizenship="stateless")
    assert "agreement" not in items(SETTLED, citizenship="br")


def test_agreement_none_when_no_country_named_has_an_agreement():
    brazilian = items(SETTLED, citizenship="br")["agreement-none"]
    assert (brazilian.reasons, brazilian.countries) == (("citizenship",), ("br",))
    living_in_brazil = items(COMMUTER, citizenship="no", residence="br")["agreement-none"]
    assert living_in_brazil.countries == ("br",)
    assert "agreement-none" in items(VISITOR)
    assert "agreement-none" not in items(COMMUTER, citizenship="br")
    assert "agreement-none" not in items(SETTLED)


def test_no_agreement_none_for_a_norwegian_or_stateless_person_living_in_norway():
    assert "agreement-none" not in items(SETTLED, citizenship="no")
    assert "agreement-none" not in items(SETTLED, citizenship="stateless")


def test_contact_nav_is_on_every_list_even_with_no_answers():
    assert list(items({})) == ["membership-not-covered", "contact-nav"]
    assert items(SETTLED)["contact-nav"].reasons == ()


def test_contact_helfo_with_any_item_that_sends_you_to_helfo():
    assert items(SETTLED)["contact-helfo"].reasons == ("residence", "move")  # gp
    assert items(COMMUTER)["contact-helfo"].reasons == ("citizenship", "residence", "work")  # S1
    assert items(PENSIONER_TO_SPAIN, residence="th")["contact-helfo"].reasons == (
        "residence",
        "move",
    )  # report-emigration
    assert "contact-helfo" in items(COMMUTER, residence="gb")


def test_no_contact_helfo_without_an_item_that_sends_you_there():
    assert "contact-helfo" not in items(COMMUTER, citizenship="se", residence="se")
    assert "contact-helfo" not in items(MOVING, work="posted-to-norway")
    assert "contact-helfo" not in items(VISITOR)


def test_the_rules_ask_the_lookup_only_about_foreign_countries_named_in_the_answers():
    assert countries_to_look_up(visitor(SETTLED, citizenship="hr", abroad="us")) == {"hr", "us"}
    assert countries_to_look_up(visitor(COMMUTER, citizenship="stateless")) == {"pl"}
    assert countries_to_look_up(visitor(SETTLED, citizenship="no")) == set()


def test_the_items_keep_the_order_of_the_table():
    keys = list(items(SETTLED, children="1-2", single_parent="yes", abroad="br"))
    assert keys == [key for key in ITEM_KEYS if key in keys]


# Where the official rules differ from the issue --------------------------------


def test_asylum_seekers_pay_user_fees_but_get_no_benefits():
    asylum_seeker = items(ASYLUM_SEEKER)
    assert asylum_seeker["user-fees"].reasons == ("residence", "permit")
    assert "emergency" in asylum_seeker
    for key in ("gp", "nav-benefits", "contact-helfo"):
        assert key not in asylum_seeker, key


def test_asylum_seekers_and_refugees_do_not_report_the_move_themselves():
    # UDI arranges the registration; and the country fled is never told.
    assert "national-registry" not in items(ASYLUM_SEEKER)
    assert "notify-move" not in items(ASYLUM_SEEKER, stay="12-months-or-more")
    refugee = items(AMERICAN, citizenship="sy", permit="protection")
    assert "national-registry" not in refugee
    assert "notify-move" not in refugee
    assert "national-registry" in items(AMERICAN, citizenship="sy")


def test_a_nav_benefit_outside_the_eea_is_not_membership():
    leaving_for_thailand = visitor(PENSIONER_TO_SPAIN, residence="th", nav_benefit="yes")
    assert membership_key(leaving_for_thailand) == "membership-ends"
    american = visitor(COMMUTER, citizenship="us", residence="us", work="not-working")
    assert membership_key(american, nav_benefit="yes") == "membership-not-covered"
    faroese = visitor(COMMUTER, citizenship="fo", residence="fo", work="not-working")
    assert membership_key(faroese, nav_benefit="yes") == "membership-not-covered"


def test_a_norwegian_pensioner_in_spain_is_no_longer_a_member_but_gets_s1():
    pensioner = items(PENSIONER_TO_SPAIN)
    assert "membership-ends" in pensioner and "s1-pensioner" in pensioner
    assert "nav-benefits" not in pensioner and "gp" not in pensioner


def test_a_pensioner_with_a_pension_from_the_new_country_gets_no_s1_from_helfo():
    assert "s1-pensioner" not in items(PENSIONER_TO_SPAIN, pension="other-country")


def test_a_self_employed_american_living_in_the_us_is_not_a_member():
    american = items(COMMUTER, citizenship="us", residence="us", work="self-employed")
    assert "membership-not-covered" in american
    assert {"gp", "user-fees", "nav-benefits", "s1-certificate"}.isdisjoint(american)


def test_s1_for_a_posting_abroad_needs_an_eea_norwegian_or_no_citizenship():
    for citizenship in ("no", "de", "ch", "stateless"):
        assert "s1-posted-abroad" in items(POSTED_FROM_NORWAY, citizenship=citizenship)
    for citizenship in ("us", "gb", "fo"):
        posted = items(POSTED_FROM_NORWAY, citizenship=citizenship)
        assert "s1-posted-abroad" not in posted, citizenship
        assert "membership-posted-abroad" in posted  # NAV decides; the item says to ask


def test_unemployment_across_borders_for_every_employee_in_norway_living_in_the_eea():
    for residence in ("pl", "se", "ch"):
        assert "unemployment-cross-border" in items(COMMUTER, residence=residence), residence
    assert "unemployment-cross-border" not in items(COMMUTER, work="posted-to-norway")


def test_a_worker_posted_from_the_us_gets_the_conditional_insurance_item_a_german_does_not():
    assert "private-health-insurance" in items(AMERICAN, work="posted-to-norway")
    german = items(MOVING, citizenship="de", work="posted-to-norway")
    assert "private-health-insurance" not in german


def test_helfo_refunds_follow_the_destinations_healthcare_agreement():
    assert "helfo-refund" in items(SETTLED, abroad="us")
    assert "helfo-refund" not in items(SETTLED, abroad="au")


def test_notify_move_is_for_people_arriving_not_for_commuters():
    assert "notify-move" not in items(COMMUTER)
    assert "notify-move" not in items(COMMUTER, citizenship="se", residence="se")


def test_a_short_visit_from_outside_the_eea_needs_insurance_not_a_residence_permit():
    for permit in ("family", "study", "other"):
        short_visit = items(VISITOR, permit=permit)
        assert "residence-permit" not in short_visit, permit
        assert "private-health-insurance" in short_visit, permit


def test_no_means_not_planning_a_stay_abroad_never_norway():
    settled = items(SETTLED, citizenship="no", abroad="no")
    travel_items = {"ehic", "proof-of-membership", "helfo-refund", "private-insurance"}
    assert travel_items.isdisjoint(settled)
    assert {"agreement", "agreement-none"}.isdisjoint(settled)
    posted = items(POSTED_FROM_NORWAY, abroad="no")
    assert "s1-posted-abroad" not in posted and "agreement" not in posted
    assert countries_to_look_up(visitor(SETTLED, abroad="no")) == {"pl"}


# What holds for any answers ------------------------------------------------------

# Pairs of items that say opposite things, so no list may hold both.
CONTRADICTIONS = [
    # Get S1 from Helfo / no S1 is needed between Nordic countries.
    ("s1-certificate", "s1-not-needed-nordic"),
    ("s1-pensioner", "s1-not-needed-nordic"),
    ("s1-posted-abroad", "s1-not-needed-nordic"),
    ("nav-benefit-abroad", "s1-not-needed-nordic"),
    # Membership ends / NAV's benefits and a GP as a member.
    ("membership-ends", "nav-benefits"),
    ("membership-ends", "gp"),
    # S1 is healthcare where you live abroad; a GP is for living in Norway.
    ("s1-certificate", "gp"),
    # Register a move to Norway / report a move from Norway.
    ("national-registry", "report-emigration"),
    ("notify-move", "report-emigration"),
    ("gp", "report-emigration"),
    # UDI registers people with protection, and the country fled is not told.
    ("protection-rights", "national-registry"),
    ("protection-rights", "notify-move"),
    ("membership-asylum-seeker", "national-registry"),
    ("membership-asylum-seeker", "notify-move"),
    # One legal basis to live or work here: none needed, EEA registration, or a permit.
    ("permit-none-nordic", "registration-eea"),
    ("permit-none-nordic", "permit-required"),
    ("permit-none-nordic", "residence-permit"),
    ("registration-eea", "permit-required"),
    ("registration-eea", "residence-permit"),
    ("residence-permit", "permit-required"),
    # Not covered, so insure yourself / the cover of a member.
    ("private-health-insurance", "gp"),
    ("private-health-insurance", "user-fees"),
    ("private-health-insurance", "nav-benefits"),
    # A Norwegian pension paid abroad / a foreign pension paid to Norway.
    ("pension-paid-abroad", "pension-nordic"),
    ("pension-paid-abroad", "pension-abroad"),
    ("pension-nordic", "pension-abroad"),
    # Norway has an agreement with a country named / with none of them.
    ("agreement", "agreement-none"),
    # Apply for a first permit / renew the one you have.
    ("permit-required", "permit-renew"),
    # Order the European card / Norway gives you none.
    ("ehic", "healthcare-europe-without-ehic"),
]
# Items for members with the whole scheme behind them (docs/checklist.md, "Covered").
FOR_THE_COVERED_ONLY = (
    "gp",
    "nav-benefits",
    "proof-of-membership",
    "helfo-refund",
    "healthcare-europe-without-ehic",
    "child-benefit",
    "cash-benefit",
    "parental-benefit",
    "single-parent",
    "children-abroad",
)
# Answers a visitor can give on the site (the URL drops any others) ...
ANSWERS_A_VISITOR_GIVES = st.one_of(
    walked_answers(), walked_answers(complete=True), any_answers.map(keep_relevant)
)
# ... and any answers at all: the rules never fail, even on answers no visitor gives.
ANY_LIST_OF_ANSWERS = st.one_of(ANSWERS_A_VISITOR_GIVES, any_answers)


def keys_for(answers: dict[str, str]) -> list[str]:
    return [match.key for match in checklist(answers, COUNTRIES)]


@given(ANY_LIST_OF_ANSWERS)
def test_every_list_has_exactly_one_membership_item_first(answers):
    keys = keys_for(answers)
    assert [key for key in keys if key in MEMBERSHIP_KEYS] == keys[:1]


@given(ANY_LIST_OF_ANSWERS)
def test_every_list_has_contact_nav_known_keys_no_duplicates_in_the_tables_order(answers):
    keys = keys_for(answers)
    assert "contact-nav" in keys
    assert len(keys) == len(set(keys))
    assert set(keys) <= set(ITEM_KEYS)
    assert keys[1:] == [key for key in ITEM_KEYS if key in keys[1:]]


@given(ANY_LIST_OF_ANSWERS)
def test_reasons_are_answered_questions_in_question_order(answers):
    for match in checklist(answers, COUNTRIES):
        assert set(match.reasons) <= set(answers), match
        assert list(match.reasons) == sorted(set(match.reasons), key=QUESTION_ORDER.index), match
        assert match.reasons or match.key in ("contact-nav", "membership-not-covered"), match


@given(ANSWERS_A_VISITOR_GIVES)
def test_no_list_holds_two_contradictory_items(answers):
    keys = set(keys_for(answers))
    assert [pair for pair in CONTRADICTIONS if set(pair) <= keys] == []


@given(ANY_LIST_OF_ANSWERS)
def test_the_ehic_and_a_refund_from_helfo_never_cover_the_same_stay_abroad(answers):
    found = {match.key: match for match in checklist(answers, COUNTRIES)}
    outside_the_eea = {"helfo-refund", "proof-of-membership"} & set(found)
    if "ehic" in found and outside_the_eea:
        assert "abroad" not in found["ehic"].reasons, outside_the_eea


@given(ANY_LIST_OF_ANSWERS)
def test_benefits_for_members_only_with_a_membership_that_covers(answers):
    keys = keys_for(answers)
    if keys[0] not in COVERED:
        assert set(FOR_THE_COVERED_ONLY).isdisjoint(keys), keys


@given(ANY_LIST_OF_ANSWERS)
def test_items_that_belong_together_come_together(answers):
    keys = set(keys_for(answers))
    s1 = {"s1-certificate", "s1-documents", "s1-report-changes"}
    assert s1 <= keys or s1.isdisjoint(keys)
    assert ("contact-helfo" in keys) == any(key in keys for key in HELFO_ITEMS)
    if "helfo-refund" in keys:
        assert {"proof-of-membership", "private-insurance"} <= keys
    if "cash-benefit" in keys:
        assert "child-benefit" in keys


@given(ANY_LIST_OF_ANSWERS)
def test_the_agreement_items_name_only_foreign_countries_from_the_answers(answers):
    named_in_answers = {answers.get(key) for key in ("citizenship", "residence", "abroad")}
    for match in checklist(answers, COUNTRIES):
        assert set(match.countries) <= named_in_answers - {"no", "stateless"}, match
        assert bool(match.countries) == (match.key in ("agreement", "agreement-none")), match
