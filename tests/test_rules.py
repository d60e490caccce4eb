"""Each checklist item appears exactly when issue 5's tables say: one test per rule."""

import pytest
from hypothesis import given

from guidance.rules import (
    ITEM_KEYS,
    MEMBERSHIP_KEYS,
    QUESTION_ORDER,
    Match,
    checklist,
    countries_to_look_up,
)
from tests.support.answers import any_answers
from tests.support.countries import COUNTRIES

# A Pole who has moved to Norway for good and works here.
SETTLED = {
    "citizenship": "pl",
    "residence": "no",
    "stay": "12-months-or-more",
    "work": "employee",
    "children": "none",
    "abroad": "no",
}
# A Pole who lives in Poland and works in Norway.
COMMUTER = {"citizenship": "pl", "residence": "pl", "work": "employee", "nav_benefit": "no"}


def items(base: dict[str, str], **changes: str | None) -> dict[str, Match]:
    """The checklist for `base` with some answers changed (None removes one), by key."""
    answers = {key: value for key, value in {**base, **changes}.items() if value is not None}
    return {match.key: match for match in checklist(answers, COUNTRIES)}


def membership(base: dict[str, str], **changes: str | None) -> str:
    return next(key for key in items(base, **changes) if key.startswith("membership-"))


# Membership: exactly one, the first that applies -------------------------------


def test_a_worker_posted_to_norway_stays_in_the_sending_countrys_scheme():
    assert membership(SETTLED, work="posted-to-norway") == "membership-posted-to-norway"
    assert membership(SETTLED) != "membership-posted-to-norway"


def test_a_worker_posted_abroad_from_norway_normally_stays_a_member():
    assert membership(SETTLED, work="posted-abroad") == "membership-posted-abroad"
    assert membership(SETTLED, work="working-abroad") != "membership-posted-abroad"


def test_working_abroad_ends_membership_even_when_living_in_norway():
    assert membership(SETTLED, work="working-abroad") == "membership-ends"
    assert membership(COMMUTER) != "membership-ends"


def test_living_in_norway_for_12_months_or_more_makes_you_a_resident_member():
    assert membership(SETTLED, work="not-working") == "membership-resident"
    assert membership(SETTLED, stay="3-to-12-months", work="student") != "membership-resident"


def test_working_in_norway_makes_you_a_member_through_work():
    assert membership(COMMUTER) == "membership-worker"
    assert membership(COMMUTER, work="self-employed") == "membership-worker"
    assert membership(SETTLED, stay="under-3-months") == "membership-worker"
    assert membership(COMMUTER, work="student") != "membership-worker"


def test_a_stay_of_3_to_12_months_without_work_allows_voluntary_membership():
    assert membership(SETTLED, stay="3-to-12-months", work="student") == "membership-voluntary"
    assert membership(SETTLED, stay="3-to-12-months") != "membership-voluntary"
    assert membership(SETTLED, stay="under-3-months", work="student") != "membership-voluntary"


def test_anyone_else_is_not_covered():
    assert membership(SETTLED, stay="under-3-months", work="retired") == "membership-not-covered"
    assert membership(COMMUTER, work="not-working") == "membership-not-covered"
    assert membership(SETTLED) != "membership-not-covered"


def test_membership_gives_the_answers_that_decided_it_as_reasons():
    assert items(SETTLED)["membership-resident"].reasons == ("residence", "stay")
    assert items(COMMUTER)["membership-worker"].reasons == ("work",)


# Other items ---------------------------------------------------------------------


def test_national_registry_for_a_stay_of_3_months_or_more_or_work_in_norway():
    assert items(SETTLED, work="student")["national-registry"].reasons == ("residence", "stay")
    assert items(COMMUTER)["national-registry"].reasons == ("work",)
    assert items(SETTLED, stay="3-to-12-months", work="posted-to-norway")[
        "national-registry"
    ].reasons == ("residence", "stay", "work")
    assert "national-registry" not in items(SETTLED, stay="under-3-months", work="student")
    assert "national-registry" not in items(COMMUTER, work="working-abroad")


def test_gp_when_covered_and_living_in_norway():
    assert items(SETTLED)["gp"].reasons == ("residence", "stay")
    assert "gp" not in items(COMMUTER)
    assert "gp" not in items(SETTLED, stay="under-3-months", work="student")


def test_emergency_when_living_or_working_in_norway():
    assert items(SETTLED, stay="under-3-months", work="student")["emergency"].reasons == (
        "residence",
    )
    assert items(COMMUTER)["emergency"].reasons == ("work",)
    assert "emergency" not in items(COMMUTER, work="working-abroad")


def test_user_fees_when_covered():
    assert items(COMMUTER)["user-fees"].reasons == ("work",)
    assert "user-fees" not in items(SETTLED, work="posted-to-norway")


def test_s1_for_an_eea_citizen_living_in_the_eea_and_working_in_norway():
    assert items(COMMUTER)["s1-certificate"].reasons == ("citizenship", "residence", "work")
    assert "s1-certificate" in items(COMMUTER, citizenship="hr", residence="de")
    assert "s1-certificate" in items(COMMUTER, citizenship="de", residence="ch")
    assert "s1-certificate" in items(COMMUTER, work="self-employed")


def test_s1_for_a_stateless_person_or_a_norwegian_living_in_the_eea():
    assert "s1-certificate" in items(COMMUTER, citizenship="stateless")
    assert "s1-certificate" in items(COMMUTER, citizenship="no")


def test_s1_for_anyone_living_in_the_united_kingdom_and_working_in_norway():
    assert items(COMMUTER, citizenship="br", residence="gb")["s1-certificate"].reasons == (
        "residence",
        "work",
    )


def test_no_s1_for_a_non_eea_citizen_living_in_the_eea():
    assert "s1-certificate" not in items(COMMUTER, citizenship="us")
    assert "s1-certificate" not in items(COMMUTER, citizenship="gb")


def test_no_s1_when_living_in_norway_in_a_nordic_country_or_outside_the_eea():
    assert "s1-certificate" not in items(SETTLED)
    assert "s1-certificate" not in items(COMMUTER, citizenship="se", residence="se")
    assert "s1-certificate" not in items(COMMUTER, residence="us")


def test_no_s1_for_a_posted_worker_or_someone_not_working_in_norway():
    assert "s1-certificate" not in items(COMMUTER, work="posted-to-norway")
    assert "s1-certificate" not in items(COMMUTER, work="retired")


@pytest.mark.parametrize("key", ["s1-documents", "s1-report-changes"])
def test_s1_documents_and_changes_come_with_the_s1_certificate(key):
    assert items(COMMUTER)[key].reasons == items(COMMUTER)["s1-certificate"].reasons
    assert key not in items(COMMUTER, citizenship="us")


def test_s1_is_not_needed_between_nordic_countries():
    assert items(COMMUTER, residence="se")["s1-not-needed-nordic"].reasons == ("residence", "work")
    assert "s1-not-needed-nordic" in items(COMMUTER, residence="fo", work="self-employed")
    assert "s1-not-needed-nordic" not in items(COMMUTER)
    assert "s1-not-needed-nordic" not in items(COMMUTER, residence="se", work="posted-to-norway")


def test_nav_benefit_abroad_for_a_nav_benefit_received_in_the_eea():
    receiving = items(COMMUTER, work="not-working", nav_benefit="yes")
    assert receiving["nav-benefit-abroad"].reasons == ("residence", "nav_benefit")
    assert "nav-benefit-abroad" in items(COMMUTER, residence="ch", nav_benefit="yes")
    assert "nav-benefit-abroad" not in items(COMMUTER, residence="us", nav_benefit="yes")
    assert "nav-benefit-abroad" not in items(COMMUTER)


def test_ehic_when_covered_and_going_to_the_eea_or_the_united_kingdom():
    assert items(SETTLED, abroad="de")["ehic"].reasons == ("residence", "stay", "abroad")
    assert "ehic" in items(SETTLED, abroad="gb")
    assert "ehic" in items(SETTLED, abroad="ch")
    assert "ehic" not in items(SETTLED, abroad="us")
    assert "ehic" not in items(SETTLED)
    assert "ehic" not in items(SETTLED, work="posted-to-norway", abroad="de")


def test_ehic_for_a_pensioner_from_another_nordic_country_living_in_norway():
    retiree = items(SETTLED, work="retired", pension="nordic")
    assert retiree["ehic"].reasons == ("residence", "pension")
    assert "ehic" not in items(SETTLED, work="retired", pension="norway")


def test_proof_of_membership_when_covered_and_going_outside_the_eea_and_uk():
    assert items(SETTLED, abroad="us")["proof-of-membership"].reasons == (
        "residence",
        "stay",
        "abroad",
    )
    assert "proof-of-membership" in items(SETTLED, abroad="br")
    assert "proof-of-membership" not in items(SETTLED, abroad="gb")
    assert "proof-of-membership" not in items(SETTLED, abroad="no")
    assert "proof-of-membership" not in items(
        SETTLED, stay="under-3-months", work="student", abroad="us"
    )


def test_helfo_refund_when_covered_and_going_where_norway_has_no_agreement():
    assert "helfo-refund" in items(SETTLED, abroad="br")
    assert "helfo-refund" in items(SETTLED, abroad="th")  # not in the lookup: no agreement
    assert "helfo-refund" not in items(SETTLED, abroad="us")  # any agreement counts
    assert "helfo-refund" not in items(SETTLED, abroad="de")
    assert "helfo-refund" not in items(SETTLED, stay="under-3-months", work="retired", abroad="br")


def test_private_insurance_for_any_longer_stay_abroad():
    assert items(SETTLED, abroad="de")["private-insurance"].reasons == ("abroad",)
    assert "private-insurance" not in items(SETTLED)


def test_tax_card_for_anyone_working_in_norway():
    for work in ("employee", "self-employed", "posted-to-norway"):
        assert items(COMMUTER, work=work)["tax-card"].reasons == ("work",)
    assert "tax-card" not in items(SETTLED, work="posted-abroad")
    assert "tax-card" not in items(SETTLED, work="student")


def test_no_permit_for_a_nordic_citizen_living_or_working_in_norway():
    assert items(SETTLED, citizenship="se")["permit-none-nordic"].reasons == (
        "citizenship",
        "residence",
        "work",
    )
    assert "permit-none-nordic" in items(COMMUTER, citizenship="fo", residence="fo")
    assert "permit-none-nordic" not in items(SETTLED, citizenship="no")
    assert "permit-none-nordic" not in items(SETTLED)
    assert "permit-none-nordic" not in items(COMMUTER, citizenship="se", work="working-abroad")


def test_registration_for_an_eea_citizen_staying_3_months_or_more_or_working():
    assert items(SETTLED, work="student")["registration-eea"].reasons == (
        "citizenship",
        "residence",
        "stay",
    )
    assert items(COMMUTER, citizenship="ch")["registration-eea"].reasons == ("citizenship", "work")
    assert "registration-eea" not in items(SETTLED, stay="under-3-months", work="student")
    assert "registration-eea" not in items(SETTLED, citizenship="se")
    assert "registration-eea" not in items(SETTLED, citizenship="no")
    assert "registration-eea" not in items(SETTLED, citizenship="gb")


def test_a_residence_permit_for_citizens_from_outside_the_eea_and_the_nordic_countries():
    assert items(SETTLED, citizenship="us")["permit-required"].reasons == (
        "citizenship",
        "residence",
        "work",
    )
    assert "permit-required" in items(COMMUTER, citizenship="gb", residence="gb")
    assert "permit-required" in items(COMMUTER, citizenship="stateless")
    assert "permit-required" in items(SETTLED, citizenship="ua")  # not in the lookup
    assert "permit-required" not in items(SETTLED)
    assert "permit-required" not in items(SETTLED, citizenship="fo")
    assert "permit-required" not in items(COMMUTER, citizenship="us", work="working-abroad")


def test_notify_the_move_when_moving_to_norway_for_12_months_or_more():
    assert items(SETTLED)["notify-move"].reasons == ("citizenship", "residence", "stay")
    assert "notify-move" in items(SETTLED, citizenship="stateless")
    assert "notify-move" not in items(SETTLED, citizenship="no")
    assert "notify-move" not in items(SETTLED, stay="3-to-12-months")
    assert "notify-move" not in items(COMMUTER)


def test_nav_benefits_when_covered():
    assert items(COMMUTER)["nav-benefits"].reasons == ("work",)
    assert "nav-benefits" not in items(COMMUTER, work="working-abroad")


def test_pension_from_a_nordic_country_when_living_in_norway():
    assert items(SETTLED, work="retired", pension="nordic")["pension-nordic"].reasons == (
        "residence",
        "pension",
    )
    assert "pension-nordic" not in items(COMMUTER, work="retired", pension="nordic")
    assert "pension-nordic" not in items(SETTLED, work="retired", pension="other-country")


def test_pension_from_abroad_when_living_in_norway():
    assert "pension-abroad" in items(SETTLED, work="retired", pension="other-country")
    assert "pension-abroad" not in items(COMMUTER, work="retired", pension="other-country")
    assert "pension-abroad" not in items(SETTLED, work="retired", pension="norway")


@pytest.mark.parametrize("age", ["under-1", "1-2", "3-7", "8-17"])
def test_child_benefit_when_covered_with_a_child_under_18(age):
    assert items(SETTLED, children=age)["child-benefit"].reasons == (
        "residence",
        "stay",
        "children",
    )
    assert "child-benefit" not in items(SETTLED, work="posted-to-norway", children=age)


@pytest.mark.parametrize("children", ["none", "expecting"])
def test_no_child_benefit_without_a_child(children):
    assert "child-benefit" not in items(SETTLED, children=children)


def test_cash_benefit_when_covered_in_norway_with_a_child_of_1_or_2():
    assert items(SETTLED, children="1-2")["cash-benefit"].reasons == (
        "residence",
        "stay",
        "children",
    )
    assert "cash-benefit" not in items(COMMUTER, children="1-2")
    assert "cash-benefit" not in items(SETTLED, children="3-7")


@pytest.mark.parametrize("children", ["expecting", "under-1"])
def test_parental_benefit_when_covered_and_expecting_or_with_a_baby(children):
    assert "parental-benefit" in items(SETTLED, children=children)
    assert "parental-benefit" not in items(SETTLED, work="posted-to-norway", children=children)


def test_no_parental_benefit_for_older_children():
    assert "parental-benefit" not in items(SETTLED, children="1-2")


@pytest.mark.parametrize("age", ["under-1", "1-2", "3-7"])
def test_single_parent_benefits_when_bringing_up_a_child_under_8_alone(age):
    single = items(SETTLED, children=age, single_parent="yes")
    assert single["single-parent"].reasons == ("residence", "stay", "children", "single_parent")
    assert "single-parent" not in items(SETTLED, children=age, single_parent="no")


def test_no_single_parent_benefits_for_a_child_of_8_or_more_or_when_not_covered():
    assert "single-parent" not in items(SETTLED, children="8-17", single_parent="yes")
    assert "single-parent" not in items(
        SETTLED, work="posted-to-norway", children="3-7", single_parent="yes"
    )


def test_children_abroad_for_someone_covered_through_work_living_outside_norway():
    assert items(COMMUTER, children="3-7")["children-abroad"].reasons == (
        "residence",
        "work",
        "children",
    )
    assert "children-abroad" in items(COMMUTER, work="posted-abroad", children="expecting")
    assert "children-abroad" not in items(COMMUTER, children="none")
    assert "children-abroad" not in items(SETTLED, children="3-7")
    assert "children-abroad" not in items(SETTLED, stay="under-3-months", children="3-7")
    assert "children-abroad" not in items(SETTLED, work="posted-abroad", children="3-7")
    assert "children-abroad" not in items(COMMUTER, work="working-abroad", children="3-7")


def test_agreement_names_the_citizenship_and_residence_countries_with_one():
    agreement = items(COMMUTER, citizenship="hr")["agreement"]
    assert agreement.reasons == ("citizenship", "residence")
    assert agreement.countries == ("hr", "pl")
    assert items(COMMUTER)["agreement"].countries == ("pl",)
    brazilian = items(COMMUTER, citizenship="br")["agreement"]
    assert (brazilian.reasons, brazilian.countries) == (("residence",), ("pl",))


def test_no_agreement_item_for_norway_itself():
    assert "agreement" not in items(SETTLED, citizenship="no")
    assert "agreement" not in items(SETTLED, citizenship="stateless")
    assert "agreement" not in items(SETTLED, citizenship="br")


def test_agreement_none_when_no_country_named_has_an_agreement():
    none = items(SETTLED, citizenship="br")["agreement-none"]
    assert (none.reasons, none.countries) == (("citizenship",), ("br",))
    assert items(COMMUTER, citizenship="no", residence="br")["agreement-none"].countries == ("br",)
    assert "agreement-none" in items(SETTLED, citizenship="ua")
    assert "agreement-none" not in items(COMMUTER, citizenship="br")
    assert "agreement-none" not in items(SETTLED)


def test_no_agreement_none_for_a_norwegian_or_stateless_person_living_in_norway():
    assert "agreement-none" not in items(SETTLED, citizenship="no")
    assert "agreement-none" not in items(SETTLED, citizenship="stateless")


def test_contact_nav_is_on_every_list_even_with_no_answers():
    assert list(items({})) == ["membership-not-covered", "contact-nav"]
    assert items(SETTLED)["contact-nav"].reasons == ()


def test_contact_helfo_with_any_item_that_sends_you_to_helfo():
    assert items(SETTLED)["contact-helfo"].reasons == ("residence", "stay")  # gp
    assert items(COMMUTER)["contact-helfo"].reasons == ("citizenship", "residence", "work")  # S1
    assert "contact-helfo" in items(SETTLED, work="retired", pension="nordic")  # ehic
    assert "contact-helfo" in items(COMMUTER, residence="gb")
    assert "contact-helfo" not in items(COMMUTER, citizenship="se", residence="se")
    assert "contact-helfo" not in items(SETTLED, work="posted-to-norway")


def test_the_rules_ask_the_lookup_only_about_foreign_countries_named_in_the_answers():
    assert countries_to_look_up({**SETTLED, "citizenship": "hr", "abroad": "us"}) == {"hr", "us"}
    assert countries_to_look_up({**COMMUTER, "citizenship": "stateless"}) == {"pl"}


# Every list ----------------------------------------------------------------------


@given(any_answers)
def test_every_list_has_one_membership_item_contact_nav_and_no_duplicates(answers):
    keys = [match.key for match in checklist(answers, COUNTRIES)]
    assert [key for key in keys if key in MEMBERSHIP_KEYS] == keys[:1]
    assert "contact-nav" in keys
    assert len(keys) == len(set(keys))
    assert set(keys) <= set(ITEM_KEYS)


@given(any_answers)
def test_reasons_are_answered_questions_in_question_order(answers):
    for match in checklist(answers, COUNTRIES):
        assert set(match.reasons) <= set(answers), match
        assert list(match.reasons) == sorted(match.reasons, key=QUESTION_ORDER.index), match


def test_the_items_keep_the_order_of_the_issues_table():
    keys = list(items(SETTLED, children="1-2", single_parent="yes", abroad="br"))
    assert keys == [key for key in ITEM_KEYS if key in keys]
