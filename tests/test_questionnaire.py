"""The checklist's routing: which question comes next, and how answers travel in the URL."""

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
from tests.support.answers import any_answers
from tests.support.countries import COUNTRY_CODES

ROOT = Path(__file__).resolve().parent.parent
# Django gives its country codes in upper case.
DJANGO_CODES = frozenset(code.upper() for code in COUNTRY_CODES)

IN_NORWAY = {"citizenship": "pl", "residence": "no", "stay": "12-months-or-more"}
SETTLED = {**IN_NORWAY, "work": "employee", "children": "none", "abroad": "no"}
ABROAD = {"citizenship": "pl", "residence": "pl"}
COMMUTER = {**ABROAD, "work": "employee", "nav_benefit": "no", "children": "none"}


def parsed(query: str) -> questionnaire.Parsed:
    return parse(QueryDict(query), DJANGO_CODES)


# Which question comes next -------------------------------------------------------


def test_the_first_question_is_citizenship():
    assert next_question({}) == "citizenship"


def test_after_citizenship_comes_residence():
    assert next_question({"citizenship": "pl"}) == "residence"


def test_living_in_norway_asks_how_long_you_will_live_here():
    assert next_question({"citizenship": "pl", "residence": "no"}) == "stay"


def test_living_abroad_goes_straight_to_work():
    assert next_question(ABROAD) == "work"


def test_after_the_length_of_stay_comes_work():
    assert next_question(IN_NORWAY) == "work"


def test_living_abroad_asks_about_nav_benefits_after_work():
    assert next_question({**ABROAD, "work": "not-working"}) == "nav_benefit"


def test_living_in_norway_never_asks_about_nav_benefits():
    assert "nav_benefit" not in relevant_questions({**IN_NORWAY, "work": "not-working"})


def test_a_retiree_is_asked_where_the_pension_comes_from():
    assert next_question({**IN_NORWAY, "work": "retired"}) == "pension"


def test_someone_working_is_not_asked_about_a_pension():
    assert "pension" not in relevant_questions({**IN_NORWAY, "work": "employee"})


@pytest.mark.parametrize(
    "answers",
    [
        {**IN_NORWAY, "work": "employee"},
        {**IN_NORWAY, "work": "retired", "pension": "nordic"},
        {**ABROAD, "work": "employee", "nav_benefit": "no"},
        {**ABROAD, "work": "posted-abroad", "nav_benefit": "no"},
        {**IN_NORWAY, "stay": "3-to-12-months", "work": "student"},
    ],
)
def test_someone_covered_is_asked_about_children(answers):
    assert next_question(answers) == "children"


@pytest.mark.parametrize(
    "answers",
    [
        {**IN_NORWAY, "work": "posted-to-norway"},
        {**IN_NORWAY, "work": "working-abroad"},
        {**IN_NORWAY, "stay": "under-3-months", "work": "student"},
        {**ABROAD, "work": "not-working", "nav_benefit": "yes"},
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


def test_someone_covered_living_in_norway_is_asked_about_a_longer_stay_abroad():
    assert next_question({**IN_NORWAY, "work": "employee", "children": "none"}) == "abroad"


def test_someone_living_abroad_is_not_asked_about_a_longer_stay_abroad():
    assert "abroad" not in relevant_questions(COMMUTER)


def test_someone_not_covered_in_norway_is_not_asked_about_a_longer_stay_abroad():
    visitor = {**IN_NORWAY, "stay": "under-3-months", "work": "not-working"}
    assert "abroad" not in relevant_questions(visitor)


def test_after_every_relevant_answer_comes_the_result():
    assert next_question(SETTLED) == RESULT
    assert next_question(COMMUTER) == RESULT


@given(any_answers)
def test_whether_a_question_is_asked_depends_only_on_earlier_answers(answers):
    keys = list(QUESTIONS)
    for position, key in enumerate(keys):
        earlier = {k: v for k, v in answers.items() if keys.index(k) < position}
        assert QUESTIONS[key].relevant(answers) == QUESTIONS[key].relevant(earlier)


# Reading answers from the URL ----------------------------------------------------


def test_country_codes_are_accepted_in_either_case_and_kept_in_lower_case():
    assert parsed("citizenship=PL&residence=pl").answers == {"citizenship": "pl", "residence": "pl"}


def test_choices_are_accepted_in_any_case():
    assert parsed("citizenship=pl&residence=pl&work=Self-Employed").answers["work"] == (
        "self-employed"
    )


def test_answers_come_back_in_question_order():
    assert list(parsed("work=student&residence=pl&citizenship=se").answers) == [
        "citizenship",
        "residence",
        "work",
    ]


def test_unknown_parameters_are_ignored():
    assert parsed("citizenship=pl&utm_source=mail&page=2") == ({"citizenship": "pl"}, {})


def test_a_repeated_parameter_counts_its_first_value():
    assert parsed("citizenship=pl&citizenship=se").answers == {"citizenship": "pl"}
    assert parse({"citizenship": ["se", "pl"]}, DJANGO_CODES).answers == {"citizenship": "se"}


def test_a_form_submitted_without_a_choice_shows_the_questions_error():
    # The form ends with a hidden empty field: it counts only when nothing is chosen.
    result = parsed("citizenship=pl&residence=pl&work=")
    assert result.answers == {"citizenship": "pl", "residence": "pl"}
    assert result.errors == {"work": "Choose what describes your work"}


def test_an_invalid_choice_sends_the_visitor_to_that_question_with_its_error():
    result = parsed("citizenship=pl&residence=pl&work=astronaut&nav_benefit=no")
    assert step_to_show(RESULT, result.answers) == "work"
    assert result.errors == {"work": "Choose what describes your work"}
    assert result.answers == {"citizenship": "pl", "residence": "pl", "nav_benefit": "no"}


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
    result = parsed(query_string(SETTLED))
    assert result.answers["abroad"] == "no"


def test_answers_to_questions_that_do_not_apply_are_dropped():
    result = parsed("citizenship=pl&residence=pl&stay=3-to-12-months&work=employee&pension=nordic")
    assert result.answers == {"citizenship": "pl", "residence": "pl", "work": "employee"}


def test_errors_for_questions_that_do_not_apply_are_dropped():
    assert parsed("citizenship=pl&residence=pl&stay=forever").errors == {}


@given(st.dictionaries(st.text(max_size=30), st.lists(st.text(max_size=40), max_size=3)))
def test_reading_any_query_never_fails(raw):
    result = parse(raw, DJANGO_CODES)
    assert set(result.answers) | set(result.errors) <= set(QUESTIONS)
    assert next_question(result.answers) in (*QUESTIONS, RESULT)


@given(st.dictionaries(st.sampled_from(list(QUESTIONS)), st.lists(st.text(), max_size=3)))
def test_any_values_read_back_the_same_from_their_canonical_url(raw):
    result = parse(raw, DJANGO_CODES)
    assert query_string(result.answers) == query_string(parsed(query_string(result.answers))[0])


# Which step a URL shows ----------------------------------------------------------


def test_a_result_url_with_a_missing_answer_goes_to_the_first_question_still_needed():
    assert step_to_show(RESULT, {**IN_NORWAY, "children": "none"}) == "work"


def test_a_complete_result_url_shows_the_result():
    assert step_to_show(RESULT, SETTLED) == RESULT


def test_a_question_whose_earlier_questions_are_unanswered_goes_to_the_first_needed():
    assert step_to_show("work", {"citizenship": "pl"}) == "residence"


def test_a_question_that_does_not_apply_goes_to_the_next_needed():
    assert step_to_show("stay", ABROAD) == "work"


def test_an_unknown_step_goes_to_the_next_needed():
    assert step_to_show("favourite-colour", ABROAD) == "work"


def test_the_next_question_is_shown():
    assert step_to_show("stay", {"citizenship": "pl", "residence": "no"}) == "stay"


def test_an_answered_question_can_be_reopened_to_change_it():
    assert step_to_show("residence", SETTLED) == "residence"


# Back ----------------------------------------------------------------------------


def test_the_first_question_has_no_previous_question():
    assert previous_question("citizenship", {}) is None


def test_back_from_work_goes_to_the_length_of_stay_when_living_in_norway():
    assert previous_question("work", IN_NORWAY) == "stay"


def test_back_from_work_goes_to_residence_when_living_abroad():
    assert previous_question("work", ABROAD) == "residence"


def test_back_from_the_result_goes_to_the_last_question_asked():
    assert previous_question(RESULT, SETTLED) == "abroad"
    assert previous_question(RESULT, COMMUTER) == "children"


# Progress ------------------------------------------------------------------------


def test_the_first_question_is_question_1_of_about_6():
    assert progress("citizenship", {}) == (1, 6)


def test_progress_counts_only_the_questions_that_apply():
    assert progress("work", ABROAD) == (3, 5)  # no stay, but NAV benefits; no stay abroad
    assert progress("work", IN_NORWAY) == (4, 6)


def test_progress_is_exact_at_the_last_question():
    answers = {**COMMUTER, "children": "1-2"}
    assert progress("single_parent", answers) == (6, 6)


@given(any_answers)
def test_the_position_never_passes_the_total(answers):
    answers = questionnaire.keep_relevant(answers)
    step = next_question(answers)
    if step != RESULT:
        position, total = progress(step, answers)
        assert 1 <= position <= total <= len(QUESTIONS)


# Changing an answer --------------------------------------------------------------


def test_changing_an_answer_keeps_the_others():
    assert keep_relevant({**SETTLED, "citizenship": "se"}) == {**SETTLED, "citizenship": "se"}


def test_moving_the_residence_abroad_drops_the_stay_and_asks_about_nav_benefits():
    changed = keep_relevant({**SETTLED, "residence": "pl"})
    assert changed == {
        "citizenship": "pl",
        "residence": "pl",
        "work": "employee",
        "children": "none",
    }
    assert next_question(changed) == "nav_benefit"


def test_retiring_asks_where_the_pension_comes_from():
    assert next_question(keep_relevant({**SETTLED, "work": "retired"})) == "pension"


def test_an_older_youngest_child_drops_the_single_parent_answer():
    answers = {**SETTLED, "children": "3-7", "single_parent": "yes"}
    assert "single_parent" not in keep_relevant({**answers, "children": "8-17"})


def test_becoming_a_posted_worker_drops_every_answer_that_needs_coverage():
    changed = keep_relevant({**SETTLED, "work": "posted-to-norway"})
    assert changed == {**IN_NORWAY, "work": "posted-to-norway"}
    assert next_question(changed) == RESULT


def test_a_change_that_needs_nothing_new_returns_to_the_result():
    assert next_question(keep_relevant({**SETTLED, "abroad": "us"})) == RESULT


# Answers in the URL --------------------------------------------------------------


def test_the_query_string_follows_question_order():
    assert query_string({"work": "employee", "residence": "pl", "citizenship": "pl"}) == (
        "citizenship=pl&residence=pl&work=employee"
    )


def test_the_query_string_leaves_out_unknown_keys():
    assert query_string({"citizenship": "pl", "colour": "blue"}) == "citizenship=pl"


def test_an_error_survives_the_redirect_to_the_canonical_url():
    result = parsed("work=astronaut&residence=PL&citizenship=pl&utm_source=mail")
    canonical = query_string(result.answers, result.errors)
    assert canonical == "citizenship=pl&residence=pl&work="
    assert parsed(canonical) == result


def test_no_answers_give_an_empty_query_string():
    assert query_string({}) == ""


def test_a_query_string_reads_back_as_the_same_answers():
    assert parsed(query_string(SETTLED)).answers == SETTLED


# The questions as data -----------------------------------------------------------


def test_the_questions_are_asked_in_the_order_of_the_issue():
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


def test_an_answer_names_the_country_in_its_phrase():
    assert phrase("residence", "pl").format(country="Poland") == "You live in Poland"
    assert phrase("work", "employee") == "You work in Norway for an employer in Norway"


def test_routing_and_rules_import_nothing_from_django():
    script = (
        "import sys, guidance.questionnaire, guidance.rules; "
        "print(sorted(name for name in sys.modules if name.startswith('django')))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "[]"
