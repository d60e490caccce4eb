"""The checklist's routing: which question comes next, and how answers travel in the URL.

docs/checklist.md ("Questions") is the contract: one test per routing decision,
"given these answers, the next question is X".
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from guidance import questionnaire, rules
from guidance.questionnaire import (
    MAX_VALUE_LENGTH,
    QUESTIONS,
    RESULT,
    keep_relevant,
    next_question,
    parse,
    phrase,
    previous_question,
    progress,
    query_string,
    relevant_questions,
    step_to_show,
)
from tests.support.answers import any_answers, walked_answers
from tests.support.countries import COUNTRY_CODES

ROOT = Path(__file__).resolve().parent.parent
# Django gives its country codes in upper case.
DJANGO_CODES = frozenset(code.upper() for code in COUNTRY_CODES)
MOST_QUESTIONS_ASKED = 11

# A Pole moving to Norway for good.
MOVING = {
    "citizenship": "pl",
    "residence": "no",
    "move": "moving-to-norway",
    "stay": "12-months-or-more",
}
# A Pole who has lived and worked in Norway for years, at the result.
SETTLED = {
    "citizenship": "pl",
    "residence": "no",
    "move": "living-in-norway",
    "work": "employee",
    "children": "none",
    "children_abroad": "no",
    "abroad": "no",
}
# An American moving to Norway for good on a work permit.
AMERICAN = {**MOVING, "citizenship": "us", "permit": "work"}
# A Pole living in Poland.
ABROAD = {"citizenship": "pl", "residence": "pl", "move": "not-moving"}
# A Pole living in Poland and working in Norway, at the result.
COMMUTER = {**ABROAD, "work": "employee", "nav_benefit": "no", "children": "none"}
# An American retiree moving to Norway with a young child: every question is asked.
EVERY_QUESTION = {
    **AMERICAN,
    "work": "retired",
    "pension": "norway",
    "children": "3-7",
    "single_parent": "no",
    "children_abroad": "no",
    "abroad": "no",
}


def parsed(query: str) -> questionnaire.Parsed:
    return parse(QueryDict(query), DJANGO_CODES)


# Which question comes next -------------------------------------------------------


def test_the_first_question_is_citizenship():
    assert next_question({}) == "citizenship"


def test_after_citizenship_comes_residence():
    assert next_question({"citizenship": "pl"}) == "residence"


@pytest.mark.parametrize("residence", ["no", "pl", "us"])
def test_after_residence_comes_whether_you_are_moving(residence):
    assert next_question({"citizenship": "pl", "residence": residence}) == "move"


def test_moving_to_norway_asks_how_long_you_will_live_here():
    answers = {"citizenship": "pl", "residence": "no", "move": "moving-to-norway"}
    assert next_question(answers) == "stay"


def test_someone_who_already_lives_in_norway_is_not_asked_how_long():
    answers = {"citizenship": "pl", "residence": "no", "move": "living-in-norway"}
    assert "stay" not in relevant_questions(answers)
    assert next_question(answers) == "work"


@pytest.mark.parametrize("move", ["leaving-norway", "not-moving"])
def test_someone_living_abroad_is_not_asked_how_long_they_will_live_in_norway(move):
    answers = {**ABROAD, "move": move}
    assert "stay" not in relevant_questions(answers)
    assert next_question(answers) == "work"


def test_after_the_length_of_stay_an_eea_citizen_goes_on_to_work():
    assert next_question(MOVING) == "work"


@pytest.mark.parametrize("citizenship", ["us", "gb", "ua", "stateless"])
def test_a_citizen_from_outside_the_eea_and_the_nordics_moving_here_is_asked_about_a_permit(
    citizenship,
):
    assert next_question({**MOVING, "citizenship": citizenship}) == "permit"


def test_a_settled_citizen_from_outside_the_eea_is_asked_about_a_permit_after_moving():
    answers = {"citizenship": "us", "residence": "no", "move": "living-in-norway"}
    assert next_question(answers) == "permit"


@pytest.mark.parametrize("citizenship", ["no", "se", "fo", "pl", "ch"])
def test_norwegian_nordic_and_eea_citizens_are_never_asked_about_a_permit(citizenship):
    # The Faroe Islands are Nordic but outside the EEA: no permit either.
    answers = {**MOVING, "citizenship": citizenship}
    assert "permit" not in relevant_questions(answers)
    assert next_question(answers) == "work"


def test_someone_from_outside_the_eea_living_abroad_is_not_asked_about_a_permit():
    answers = {"citizenship": "us", "residence": "us", "move": "not-moving"}
    assert "permit" not in relevant_questions(answers)
    assert next_question(answers) == "work"


def test_after_the_permit_comes_work():
    assert next_question(AMERICAN) == "work"


def test_living_abroad_asks_about_nav_benefits_after_work():
    assert next_question({**ABROAD, "work": "not-working"}) == "nav_benefit"


def test_living_in_norway_never_asks_about_nav_benefits():
    assert "nav_benefit" not in relevant_questions({**MOVING, "work": "not-working"})


def test_a_retiree_in_norway_is_asked_where_the_pension_comes_from():
    assert next_question({**MOVING, "work": "retired"}) == "pension"


def test_a_retiree_abroad_is_asked_about_the_pension_after_nav_benefits():
    answers = {**ABROAD, "move": "leaving-norway", "work": "retired", "nav_benefit": "no"}
    assert next_question(answers) == "pension"


def test_someone_working_is_not_asked_about_a_pension():
    assert "pension" not in relevant_questions({**MOVING, "work": "employee"})


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({**MOVING, "work": "employee"}, id="resident"),
        pytest.param(
            {**ABROAD, "residence": "no", "move": "living-in-norway", "work": "employee"},
            id="settled",
        ),
        pytest.param({**MOVING, "work": "retired", "pension": "nordic"}, id="retiree"),
        pytest.param({**ABROAD, "work": "employee", "nav_benefit": "no"}, id="commuter"),
        pytest.param({**ABROAD, "work": "self-employed", "nav_benefit": "no"}, id="self-employed"),
        pytest.param({**ABROAD, "work": "posted-abroad", "nav_benefit": "no"}, id="posted-abroad"),
        pytest.param(
            {**ABROAD, "residence": "dk", "work": "not-working", "nav_benefit": "yes"},
            id="nav-benefit-in-denmark",
        ),
        pytest.param({**MOVING, "stay": "under-3-months", "work": "employee"}, id="short-job"),
    ],
)
def test_someone_covered_is_asked_about_children(answers):
    assert next_question(answers) == "children"


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({**MOVING, "work": "posted-to-norway"}, id="posted-here"),
        pytest.param({**MOVING, "work": "working-abroad"}, id="working-abroad"),
        pytest.param({**MOVING, "stay": "under-3-months", "work": "student"}, id="visitor"),
        pytest.param({**MOVING, "stay": "3-to-12-months", "work": "student"}, id="voluntary"),
        pytest.param(
            {**AMERICAN, "citizenship": "er", "permit": "asylum-seeker", "work": "not-working"},
            id="asylum-seeker",
        ),
        pytest.param(
            {**ABROAD, "residence": "us", "work": "not-working", "nav_benefit": "yes"},
            id="nav-benefit-outside-the-eea",
        ),
        pytest.param(
            {**ABROAD, "residence": "th", "move": "leaving-norway", "work": "retired"}
            | {"nav_benefit": "yes", "pension": "norway"},
            id="leaving-for-thailand-on-a-nav-benefit",
        ),
    ],
)
def test_someone_not_covered_is_not_asked_about_children(answers):
    assert "children" not in relevant_questions(answers)
    assert next_question(answers) == RESULT


@pytest.mark.parametrize("age", ["under-1", "1-2", "3-7"])
def test_a_parent_of_a_child_under_8_is_asked_about_bringing_up_children_alone(age):
    assert next_question({**COMMUTER, "children": age}) == "single_parent"


@pytest.mark.parametrize("children", ["none", "expecting", "8-17"])
def test_single_parenthood_is_not_asked_when_it_changes_nothing(children):
    assert "single_parent" not in relevant_questions({**COMMUTER, "children": children})


def test_someone_covered_living_in_norway_is_asked_about_children_abroad_after_children():
    assert next_question({**MOVING, "work": "employee", "children": "none"}) == "children_abroad"
    answers = {**MOVING, "work": "employee", "children": "1-2", "single_parent": "no"}
    assert next_question(answers) == "children_abroad"


def test_someone_covered_living_abroad_is_not_asked_about_children_abroad():
    assert "children_abroad" not in relevant_questions(COMMUTER)


def test_someone_not_covered_in_norway_is_not_asked_about_children_abroad():
    visitor = {**MOVING, "stay": "under-3-months", "work": "not-working"}
    assert "children_abroad" not in relevant_questions(visitor)


def test_someone_covered_living_in_norway_is_asked_last_about_a_longer_stay_abroad():
    answers = {**MOVING, "work": "employee", "children": "none", "children_abroad": "yes"}
    assert next_question(answers) == "abroad"


def test_someone_living_abroad_is_not_asked_about_a_longer_stay_abroad():
    assert "abroad" not in relevant_questions(COMMUTER)


def test_someone_not_covered_in_norway_is_not_asked_about_a_longer_stay_abroad():
    visitor = {**MOVING, "stay": "under-3-months", "work": "not-working"}
    assert "abroad" not in relevant_questions(visitor)


def test_after_every_relevant_answer_comes_the_result():
    assert next_question(SETTLED) == RESULT
    assert next_question(COMMUTER) == RESULT
    assert next_question(EVERY_QUESTION) == RESULT


def test_at_most_11_questions_are_asked():
    # Every question but NAV benefits, which only someone living abroad is asked.
    assert relevant_questions(EVERY_QUESTION) == [key for key in QUESTIONS if key != "nav_benefit"]
    assert len(relevant_questions(EVERY_QUESTION)) == MOST_QUESTIONS_ASKED


@given(walked_answers(complete=True))
def test_no_visitor_is_asked_more_than_11_questions(answers):
    assert next_question(answers) == RESULT
    assert len(relevant_questions(answers)) <= MOST_QUESTIONS_ASKED


@given(any_answers)
def test_whether_a_question_is_asked_depends_only_on_earlier_answers(answers):
    keys = list(QUESTIONS)
    for position, key in enumerate(keys):
        earlier = {k: v for k, v in answers.items() if keys.index(k) < position}
        assert QUESTIONS[key].relevant(answers) == QUESTIONS[key].relevant(earlier)


@given(any_answers)
def test_which_options_are_offered_depends_only_on_earlier_answers(answers):
    keys = list(QUESTIONS)
    for position, key in enumerate(keys):
        earlier = {k: v for k, v in answers.items() if keys.index(k) < position}
        question = QUESTIONS[key]
        assert question.options_given(answers) == question.options_given(earlier)
        assert question.title_given(answers) == question.title_given(earlier)


# The move question follows the country of residence ------------------------------


def test_living_in_norway_the_move_question_asks_whether_you_are_moving_here():
    move = QUESTIONS["move"]
    answers = {"citizenship": "pl", "residence": "no"}
    assert move.title_given(answers) == "Are you moving to Norway, or do you already live here?"
    assert [option.value for option in move.options_given(answers)] == [
        "moving-to-norway",
        "living-in-norway",
    ]


def test_living_abroad_the_move_question_names_the_country_you_move_to():
    move = QUESTIONS["move"]
    answers = {"citizenship": "no", "residence": "es"}
    title = move.title_given(answers)
    assert title.format(country="Spain") == "Are you moving from Norway to Spain?"
    assert [option.value for option in move.options_given(answers)] == [
        "leaving-norway",
        "not-moving",
    ]


# Reading answers from the URL ----------------------------------------------------


def test_country_codes_are_accepted_in_either_case_and_kept_in_lower_case():
    assert parsed("citizenship=PL&residence=pl").answers == {"citizenship": "pl", "residence": "pl"}


def test_choices_are_accepted_in_any_case():
    answers = parsed("citizenship=pl&residence=pl&move=Not-Moving&work=Self-Employed").answers
    assert (answers["move"], answers["work"]) == ("not-moving", "self-employed")


def test_answers_come_back_in_question_order():
    query = "work=student&move=not-moving&residence=pl&citizenship=se"
    assert list(parsed(query).answers) == ["citizenship", "residence", "move", "work"]


def test_unknown_parameters_are_ignored():
    assert parsed("citizenship=pl&utm_source=mail&page=2") == ({"citizenship": "pl"}, {})


def test_a_repeated_parameter_counts_its_first_value():
    assert parsed("citizenship=pl&citizenship=se").answers == {"citizenship": "pl"}
    assert parse({"citizenship": ["se", "pl"]}, DJANGO_CODES).answers == {"citizenship": "se"}


def test_a_form_submitted_without_a_choice_shows_the_questions_error():
    # The form ends with a hidden empty field: it counts only when nothing is chosen.
    result = parsed("citizenship=pl&residence=pl&move=")
    assert result.answers == {"citizenship": "pl", "residence": "pl"}
    assert result.errors == {"move": "Choose whether you are moving"}


def test_an_invalid_choice_sends_the_visitor_to_that_question_with_its_error():
    result = parsed("citizenship=pl&residence=pl&move=not-moving&work=astronaut&nav_benefit=no")
    assert step_to_show(RESULT, result.answers) == "work"
    assert result.errors == {"work": "Choose what describes your work"}
    assert result.answers == {**ABROAD, "nav_benefit": "no"}


def test_an_unknown_move_is_an_error_for_the_move_question():
    result = parsed("citizenship=pl&residence=no&move=emigrating")
    assert result.errors == {"move": "Choose whether you are moving"}
    assert step_to_show(RESULT, result.answers) == "move"


def test_an_unknown_country_is_an_error_for_its_question():
    result = parsed("citizenship=xx")
    assert result == ({}, {"citizenship": "Choose the country you are a citizen of"})
    assert step_to_show(RESULT, result.answers) == "citizenship"


def test_an_overlong_value_is_an_error_for_its_question():
    result = parsed("citizenship=pl&residence=" + "p" * (MAX_VALUE_LENGTH + 1))
    assert result.errors == {"residence": "Choose the country you live in or will live in"}


def test_a_value_with_letters_outside_ascii_is_an_error():
    # "K" (Kelvin sign) lower-cases to an ASCII "k": it must not pass as Kenya.
    assert "citizenship" in parse({"citizenship": ["\u212ae"]}, {"KE"}).errors


def test_surrounding_spaces_are_ignored():
    assert parse({"citizenship": [" pl "]}, DJANGO_CODES).answers == {"citizenship": "pl"}


def test_stateless_is_a_citizenship_but_not_a_country_to_live_in():
    result = parsed("citizenship=stateless&residence=stateless")
    assert result.answers == {"citizenship": "stateless"}
    assert "residence" in result.errors


def test_no_means_no_longer_stay_abroad():
    assert parsed(query_string(SETTLED)).answers["abroad"] == "no"


def test_a_move_the_new_residence_no_longer_offers_is_dropped_without_an_error():
    # After a Change of residence from Norway to Poland.
    result = parsed("citizenship=pl&residence=pl&move=living-in-norway&work=employee")
    assert result == ({"citizenship": "pl", "residence": "pl", "work": "employee"}, {})
    assert step_to_show(RESULT, result.answers) == "move"


def test_leaving_norway_is_no_answer_for_someone_living_in_norway():
    result = parsed("citizenship=pl&residence=no&move=leaving-norway")
    assert result == ({"citizenship": "pl", "residence": "no"}, {})
    assert next_question(result.answers) == "move"


def test_answers_to_questions_that_do_not_apply_are_dropped():
    query = "citizenship=pl&residence=pl&move=not-moving&stay=3-to-12-months&permit=work"
    result = parsed(query + "&work=employee&pension=nordic&children_abroad=yes&abroad=us")
    assert result.answers == {**ABROAD, "work": "employee"}


def test_a_permit_is_dropped_for_an_eea_citizen():
    result = parsed("citizenship=de&residence=no&move=living-in-norway&permit=work")
    assert "permit" not in result.answers


def test_errors_for_questions_that_do_not_apply_are_dropped():
    assert parsed("citizenship=pl&residence=pl&move=not-moving&stay=forever").errors == {}
    assert parsed("citizenship=pl&residence=no&move=living-in-norway&permit=tourist").errors == {}


def test_an_old_result_address_without_the_move_question_asks_it():
    # A result bookmarked before `move` existed: the stay is dropped, as it
    # depends on the move, and the visitor is sent to the move question.
    old = "citizenship=pl&residence=no&stay=12-months-or-more&work=employee&children=none&abroad=no"
    result = parsed(old)
    assert "move" not in result.answers and "stay" not in result.answers
    assert result.errors == {}
    assert step_to_show(RESULT, result.answers) == "move"


@given(st.dictionaries(st.text(max_size=30), st.lists(st.text(max_size=40), max_size=3)))
def test_reading_any_query_never_fails(raw):
    result = parse(raw, DJANGO_CODES)
    assert set(result.answers) | set(result.errors) <= set(QUESTIONS)
    assert next_question(result.answers) in (*QUESTIONS, RESULT)


@given(st.dictionaries(st.sampled_from(list(QUESTIONS)), st.lists(st.text(), max_size=3)))
def test_any_values_read_back_the_same_from_their_canonical_url(raw):
    result = parse(raw, DJANGO_CODES)
    assert query_string(result.answers) == query_string(parsed(query_string(result.answers))[0])


@given(walked_answers())
def test_any_answers_a_visitor_gives_read_back_as_they_are(answers):
    assert parsed(query_string(answers)) == (answers, {})


# Which step a URL shows ----------------------------------------------------------


def test_a_result_url_with_a_missing_answer_goes_to_the_first_question_still_needed():
    missing_work = {key: value for key, value in SETTLED.items() if key != "work"}
    assert step_to_show(RESULT, missing_work) == "work"


def test_a_complete_result_url_shows_the_result():
    assert step_to_show(RESULT, SETTLED) == RESULT


def test_a_question_whose_earlier_questions_are_unanswered_goes_to_the_first_needed():
    assert step_to_show("work", {"citizenship": "pl"}) == "residence"
    assert step_to_show("work", {"citizenship": "pl", "residence": "pl"}) == "move"


def test_a_question_that_does_not_apply_goes_to_the_next_needed():
    assert step_to_show("stay", ABROAD) == "work"
    assert step_to_show("permit", MOVING) == "work"


def test_an_unknown_step_goes_to_the_next_needed():
    assert step_to_show("favourite-colour", ABROAD) == "work"


def test_the_next_question_is_shown():
    assert step_to_show("move", {"citizenship": "pl", "residence": "no"}) == "move"
    assert step_to_show("stay", {**MOVING, "stay": "3-to-12-months"}) == "stay"


def test_an_answered_question_can_be_reopened_to_change_it():
    assert step_to_show("residence", SETTLED) == "residence"
    assert step_to_show("move", SETTLED) == "move"


# Back ----------------------------------------------------------------------------


def test_the_first_question_has_no_previous_question():
    assert previous_question("citizenship", {}) is None


def test_back_from_the_move_question_goes_to_residence():
    assert previous_question("move", {"citizenship": "pl", "residence": "pl"}) == "residence"


def test_back_from_work_goes_to_the_length_of_stay_when_moving_to_norway():
    assert previous_question("work", MOVING) == "stay"


def test_back_from_work_goes_to_the_permit_for_a_citizen_from_outside_the_eea():
    assert previous_question("work", AMERICAN) == "permit"


def test_back_from_work_goes_to_the_move_question_when_settled_or_living_abroad():
    assert previous_question("work", SETTLED) == "move"
    assert previous_question("work", ABROAD) == "move"


def test_back_from_the_result_goes_to_the_last_question_asked():
    assert previous_question(RESULT, SETTLED) == "abroad"
    assert previous_question(RESULT, COMMUTER) == "children"
    assert previous_question(RESULT, {**MOVING, "work": "posted-to-norway"}) == "work"


# Progress ------------------------------------------------------------------------


def test_the_first_question_counts_the_questions_a_typical_visitor_is_asked():
    # An EEA citizen moving to Norway for good to work, with no children.
    assert progress("citizenship", {}) == (1, 8)
    assert progress("residence", {"citizenship": "pl"}) == (2, 8)


def test_a_citizen_from_outside_the_eea_counts_the_permit_question():
    assert progress("residence", {"citizenship": "us"}) == (2, 9)


def test_progress_counts_only_the_questions_that_apply():
    assert progress("move", {"citizenship": "pl", "residence": "pl"}) == (3, 6)
    assert progress("work", ABROAD) == (4, 6)  # no stay, but NAV benefits; no stay abroad
    assert progress("work", MOVING) == (5, 8)
    assert progress("work", AMERICAN) == (6, 9)


def test_progress_is_exact_at_the_last_question():
    assert progress("single_parent", {**COMMUTER, "children": "1-2"}) == (7, 7)
    answers = {key: value for key, value in EVERY_QUESTION.items() if key != "abroad"}
    assert progress("abroad", answers) == (11, 11)


@given(walked_answers())
def test_the_position_never_passes_the_total(answers):
    step = next_question(answers)
    if step != RESULT:
        position, total = progress(step, answers)
        assert 1 <= position <= total <= MOST_QUESTIONS_ASKED


@given(walked_answers(complete=True))
def test_progress_is_exact_once_every_answer_is_in(answers):
    asked = relevant_questions(answers)
    for number, step in enumerate(asked, start=1):
        assert progress(step, answers) == (number, len(asked))


# Changing an answer --------------------------------------------------------------


def test_changing_an_answer_keeps_the_others():
    assert keep_relevant({**SETTLED, "citizenship": "se"}) == {**SETTLED, "citizenship": "se"}


def test_becoming_a_citizen_from_outside_the_eea_asks_about_a_permit():
    changed = keep_relevant({**SETTLED, "citizenship": "us"})
    assert changed == {**SETTLED, "citizenship": "us"}
    assert next_question(changed) == "permit"


def test_becoming_an_eea_citizen_drops_the_permit():
    changed = keep_relevant({**AMERICAN, "citizenship": "pl", "work": "employee"})
    assert changed == {**MOVING, "work": "employee"}


def test_moving_the_residence_abroad_asks_again_whether_you_are_moving():
    changed = keep_relevant({**SETTLED, "residence": "pl"})
    assert changed == {
        "citizenship": "pl",
        "residence": "pl",
        "work": "employee",
        "children": "none",
    }
    assert next_question(changed) == "move"


def test_having_lived_here_a_year_drops_the_length_of_stay():
    changed = keep_relevant({**MOVING, "move": "living-in-norway", "work": "employee"})
    assert changed == {
        "citizenship": "pl",
        "residence": "no",
        "move": "living-in-norway",
        "work": "employee",
    }


def test_retiring_asks_where_the_pension_comes_from():
    assert next_question(keep_relevant({**SETTLED, "work": "retired"})) == "pension"


def test_an_older_youngest_child_drops_the_single_parent_answer():
    answers = {**SETTLED, "children": "3-7", "single_parent": "yes"}
    assert "single_parent" not in keep_relevant({**answers, "children": "8-17"})


def test_becoming_a_posted_worker_drops_every_answer_that_needs_coverage():
    changed = keep_relevant({**SETTLED, "work": "posted-to-norway"})
    assert changed == {
        "citizenship": "pl",
        "residence": "no",
        "move": "living-in-norway",
        "work": "posted-to-norway",
    }
    assert next_question(changed) == RESULT


def test_a_change_that_needs_nothing_new_returns_to_the_result():
    assert next_question(keep_relevant({**SETTLED, "abroad": "us"})) == RESULT


@given(any_answers)
def test_the_answers_kept_are_the_ones_the_url_reads_back(answers):
    kept = keep_relevant(answers)
    assert keep_relevant(kept) == kept
    assert parsed(query_string(kept)).answers == kept


# Answers in the URL --------------------------------------------------------------


def test_the_query_string_follows_question_order():
    answers = {"work": "employee", "move": "not-moving", "residence": "pl", "citizenship": "pl"}
    assert query_string(answers) == ("citizenship=pl&residence=pl&move=not-moving&work=employee")


def test_the_query_string_leaves_out_unknown_keys():
    assert query_string({"citizenship": "pl", "colour": "blue"}) == "citizenship=pl"


def test_an_error_survives_the_redirect_to_the_canonical_url():
    result = parsed("work=astronaut&move=not-moving&residence=PL&citizenship=pl&utm_source=mail")
    canonical = query_string(result.answers, result.errors)
    assert canonical == "citizenship=pl&residence=pl&move=not-moving&work="
    assert parsed(canonical) == result


def test_no_answers_give_an_empty_query_string():
    assert query_string({}) == ""


def test_a_query_string_reads_back_as_the_same_answers():
    assert parsed(query_string(SETTLED)).answers == SETTLED
    assert parsed(query_string(EVERY_QUESTION)).answers == EVERY_QUESTION


# The questions as data -----------------------------------------------------------


def test_the_questions_are_asked_in_the_order_the_rules_expect():
    assert list(QUESTIONS) == list(rules.QUESTION_ORDER)


def test_every_question_has_a_title_a_hint_and_an_error():
    for question in QUESTIONS.values():
        assert question.title.endswith("?"), question.key
        assert question.hint and question.error, question.key


def test_every_answer_has_a_phrase_for_why_an_item_is_on_the_list():
    for key, question in QUESTIONS.items():
        for option in question.options:
            assert phrase(key, option.value) == option.phrase
            assert re.match(r"Your? ", option.phrase), option
        if question.kind == "country":
            assert re.match(r"You .*\{country\}", phrase(key, "pl")), key


def test_two_options_of_one_question_never_share_a_value():
    for question in QUESTIONS.values():
        values = [option.value for option in question.options]
        assert len(values) == len(set(values)), question.key


def test_an_answer_names_the_country_in_its_phrase():
    assert phrase("residence", "pl").format(country="Poland") == "You live in Poland"
    assert phrase("work", "employee") == "You work in Norway for an employer in Norway"
    assert phrase("move", "leaving-norway") == "You are moving from Norway"


def test_routing_and_rules_import_nothing_from_django():
    script = (
        "import sys, guidance.questionnaire, guidance.rules; "
        "print(sorted(name for name in sys.modules if name.startswith('django')))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "[]"
