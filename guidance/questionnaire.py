"""The checklist's questions and the way through them: routing only.

The questions are data, in the order they are asked; small functions decide
which of them the answers so far make relevant, what to ask next, and how
answers travel in the URL. What the answers mean for the visitor is decided
in guidance/rules.py. No Django here: the view translates the marked strings
with gettext when it renders them.
"""

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple
from urllib.parse import urlencode

from guidance.country_groups import NORWAY
from guidance.rules import (
    CHILDREN_UNDER_8,
    STATELESS,
    Answers,
    citizen_of_eea_plus_or_nordic,
    is_covered,
    lives_in_norway,
)

RESULT = "result"  # the step after the last question, as in /checklist/result/
# The longest valid value, "12-months-or-more", has 17 characters.
MAX_VALUE_LENGTH = 20


def _(text: str) -> str:
    """Marks a string for `makemessages`; the view translates it at render time."""
    return text


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    # For "Why this is on your list": a sentence whose first word is not a name
    # ("You …", "Your …"; "Du …", "Pensjonen …"), so the page can join several
    # with "and", lower-casing the first letter of all but the first.
    phrase: str
    # Whether the option is offered, given the earlier answers (most always are).
    offered: Callable[[Answers], bool] = lambda answers: True


@dataclass(frozen=True)
class Question:
    key: str  # the URL parameter
    title: str
    hint: str
    error: str  # shown when the answer is missing from a submitted form or invalid
    kind: Literal["choice", "country"]
    # A `country` question accepts any country code plus these options.
    options: tuple[Option, ...]
    relevant: Callable[[Answers], bool]  # reads only the answers to earlier questions
    country_phrase: str = ""  # the phrase for a country answer; {country} is its name
    # A title that depends on earlier answers; it may name {country}, the
    # country of residence. Without it, `title` is the title.
    title_for: Callable[[Answers], str] | None = None

    def title_given(self, answers: Answers) -> str:
        return self.title_for(answers) if self.title_for else self.title

    def options_given(self, answers: Answers) -> tuple[Option, ...]:
        return tuple(option for option in self.options if option.offered(answers))


def _always(answers: Answers) -> bool:
    return True


def _lives_in_norway(answers: Answers) -> bool:
    return lives_in_norway(answers)


def _lives_outside_norway(answers: Answers) -> bool:
    return answers.get("residence") not in (None, NORWAY)


def _retired(answers: Answers) -> bool:
    return answers.get("work") == "retired"


def _covered_and_lives_in_norway(answers: Answers) -> bool:
    return is_covered(answers) and _lives_in_norway(answers)


def _moving_to_norway(answers: Answers) -> bool:
    # A settled resident has lived here a year or more: no need to ask how long.
    return _lives_in_norway(answers) and answers.get("move") == "moving-to-norway"


def _needs_a_basis_to_live_here(answers: Answers) -> bool:
    # Norwegian, Nordic and EEA+ citizens need no permit; anyone else (the
    # stateless too) lives here on a permit, or is waiting for one.
    return _lives_in_norway(answers) and not citizen_of_eea_plus_or_nordic(answers)


def _move_title(answers: Answers) -> str:
    if _lives_in_norway(answers):
        return _("Are you moving to Norway, or do you already live here?")
    return _("Are you moving from Norway to {country}?")


def _has_young_children(answers: Answers) -> bool:
    # Issue 5 asks this "only when there are children"; we ask it only when the
    # youngest is under 8, the only ages at which the answer changes the list
    # (single parents' benefits end when the youngest child turns 8).
    return answers.get("children") in CHILDREN_UNDER_8


QUESTIONS: dict[str, Question] = {
    question.key: question
    for question in (
        Question(
            key="citizenship",
            title=_("Which country are you a citizen of?"),
            hint=_("If you have more than one citizenship, choose a Nordic or EU/EEA one."),
            error=_("Choose the country you are a citizen of"),
            kind="country",
            options=(
                Option(
                    STATELESS,
                    _("I am stateless or a recognised refugee"),
                    _("You are stateless or a recognised refugee"),
                ),
            ),
            relevant=_always,
            country_phrase=_("You are a citizen of {country}"),
        ),
        Question(
            key="residence",
            title=_("Which country do you live in, or will you live in?"),
            hint=_("Where you live most of the time, usually where your closest family lives."),
            error=_("Choose the country you live in or will live in"),
            kind="country",
            options=(),
            relevant=_always,
            country_phrase=_("You live in {country}"),
        ),
        Question(
            key="move",
            title=_("Are you moving to or from Norway?"),
            title_for=_move_title,
            hint=_("If you moved less than a year ago, you are still moving."),
            error=_("Choose whether you are moving"),
            kind="choice",
            options=(
                Option(
                    "moving-to-norway",
                    _("I am moving to Norway, or moved here less than a year ago"),
                    _("You are moving to Norway"),
                    offered=_lives_in_norway,
                ),
                Option(
                    "living-in-norway",
                    _("I have lived in Norway for a year or more, or all my life"),
                    _("You have lived in Norway for a year or more"),
                    offered=_lives_in_norway,
                ),
                Option(
                    "leaving-norway",
                    _("Yes: I live in Norway now, or did until recently, and I am moving there"),
                    _("You are moving from Norway"),
                    offered=_lives_outside_norway,
                ),
                Option(
                    "not-moving",
                    _("No: I do not live in Norway"),
                    _("You do not live in Norway"),
                    offered=_lives_outside_norway,
                ),
            ),
            relevant=_always,
        ),
        Question(
            key="stay",
            title=_("How long will you live in Norway?"),
            hint=_("Count from when you moved here, or will move here."),
            error=_("Choose how long you will live in Norway"),
            kind="choice",
            options=(
                Option(
                    "under-3-months",
                    _("Less than 3 months"),
                    _("You will live in Norway for less than 3 months"),
                ),
                Option(
                    "3-to-12-months",
                    _("3 to 12 months"),
                    _("You will live in Norway for 3 to 12 months"),
                ),
                Option(
                    "12-months-or-more",
                    _("12 months or more"),
                    _("You will live in Norway for 12 months or more"),
                ),
            ),
            relevant=_moving_to_norway,
        ),
        Question(
            key="permit",
            title=_("What is your right to live in Norway based on, or what will you apply for?"),
            hint=_("Choose the permit you have, or the one you are applying for."),
            error=_("Choose what your stay in Norway is based on"),
            kind="choice",
            options=(
                Option("work", _("Work"), _("Your stay is based on work")),
                Option(
                    "family",
                    _("Family immigration: living with family in Norway"),
                    _("Your stay is based on family immigration"),
                ),
                Option("study", _("Studies"), _("Your stay is based on studies")),
                Option(
                    "protection",
                    _("Protection: refugee status or temporary collective protection"),
                    _("You have protection in Norway"),
                ),
                Option(
                    "asylum-seeker",
                    _("I have applied for protection (asylum) and am waiting for the decision"),
                    _("You are waiting for a decision on your application for protection"),
                ),
                Option("other", _("Something else"), _("Your stay has another basis")),
            ),
            relevant=_needs_a_basis_to_live_here,
        ),
        Question(
            key="work",
            title=_("Which describes your work?"),
            hint=_("If more than one fits, choose the first that does."),
            error=_("Choose what describes your work"),
            kind="choice",
            options=(
                Option(
                    "employee",
                    _("I work in Norway for an employer in Norway"),
                    _("You work in Norway for an employer in Norway"),
                ),
                Option(
                    "self-employed",
                    _("I am self-employed in Norway"),
                    _("You are self-employed in Norway"),
                ),
                Option(
                    "posted-to-norway",
                    _("My employer abroad sends me to work in Norway for a limited time"),
                    _("Your employer abroad sends you to work in Norway for a limited time"),
                ),
                Option(
                    "posted-abroad",
                    _("My employer in Norway sends me to work abroad for a limited time"),
                    _("Your employer in Norway sends you to work abroad for a limited time"),
                ),
                Option(
                    "working-abroad",
                    _("I work in another country, and I am not sent there from Norway"),
                    _("You work in a country other than Norway"),
                ),
                Option("student", _("I am a student"), _("You are a student")),
                Option("retired", _("I am retired"), _("You are retired")),
                Option("not-working", _("I am not working"), _("You are not working")),
            ),
            relevant=_always,
        ),
        Question(
            key="nav_benefit",
            title=_("Do you receive a benefit from NAV?"),
            hint=_(
                "For example unemployment benefit, sickness benefit, work assessment "
                "allowance, parental benefit, care benefit or training allowance."
            ),
            error=_("Choose yes if you receive a benefit from NAV"),
            kind="choice",
            options=(
                Option("yes", _("Yes"), _("You receive a benefit from NAV")),
                Option("no", _("No"), _("You do not receive a benefit from NAV")),
            ),
            relevant=_lives_outside_norway,
        ),
        Question(
            key="pension",
            title=_("Where does your pension come from?"),
            hint=_("If you have pensions from more than one place, choose the first that fits."),
            error=_("Choose where your pension comes from"),
            kind="choice",
            options=(
                Option(
                    "nordic",
                    _("From another Nordic country"),
                    _("Your pension comes from another Nordic country"),
                ),
                Option(
                    "other-country",
                    _("From a country outside the Nordic countries"),
                    _("Your pension comes from a country outside the Nordic countries"),
                ),
                Option("norway", _("From Norway"), _("Your pension comes from Norway")),
                Option("none", _("I do not receive a pension"), _("You do not receive a pension")),
            ),
            relevant=_retired,
        ),
        Question(
            key="children",
            title=_("How old is your youngest child under 18 who lives with you?"),
            hint=_("If you are expecting or adopting a child, choose that."),
            error=_("Choose the age of your youngest child, or that you have none"),
            kind="choice",
            options=(
                Option(
                    "none",
                    _("I have no children under 18 living with me"),
                    _("You have no children under 18 living with you"),
                ),
                Option(
                    "expecting",
                    _("I am expecting or adopting a child"),
                    _("You are expecting or adopting a child"),
                ),
                Option("under-1", _("Under 1 year"), _("Your youngest child is under 1 year old")),
                Option("1-2", _("1 or 2 years"), _("Your youngest child is 1 or 2 years old")),
                Option("3-7", _("3 to 7 years"), _("Your youngest child is 3 to 7 years old")),
                Option("8-17", _("8 to 17 years"), _("Your youngest child is 8 to 17 years old")),
            ),
            relevant=is_covered,
        ),
        Question(
            key="single_parent",
            title=_("Are you bringing up your children alone?"),
            hint=_("That is, without a spouse, registered partner or cohabitant."),
            error=_("Choose yes if you are bringing up your children alone"),
            kind="choice",
            options=(
                Option("yes", _("Yes"), _("You are bringing up your children alone")),
                Option("no", _("No"), _("You are not bringing up your children alone")),
            ),
            relevant=_has_young_children,
        ),
        Question(
            key="children_abroad",
            title=_("Do you have children under 18 who live in another country?"),
            hint=_("For example with their other parent, or with grandparents."),
            error=_("Choose yes if you have children under 18 living in another country"),
            kind="choice",
            options=(
                Option(
                    "yes", _("Yes"), _("You have children under 18 who live in another country")
                ),
                Option("no", _("No"), _("You have no children under 18 living in another country")),
            ),
            relevant=_covered_and_lives_in_norway,
        ),
        Question(
            key="abroad",
            title=_("Are you planning a longer stay abroad?"),
            hint=_(
                "For work, study, research or travel. If you are, choose the country "
                "where you will spend most of the time."
            ),
            error=_(
                "Choose the country of your longer stay abroad, or that you are not planning one"
            ),
            kind="country",
            # "no" is also Norway's code; Norway is never a destination abroad.
            options=(
                Option(
                    "no",
                    _("No, I am not planning one"),
                    _("You are not planning a longer stay abroad"),
                ),
            ),
            relevant=_covered_and_lives_in_norway,
            country_phrase=_("You are planning a longer stay in {country}"),
        ),
    )
}
_ORDER = {key: index for index, key in enumerate(QUESTIONS)}
# The most questions anyone is asked (someone from outside the EEA moving here,
# retired, with young children); the start page says so, and a test checks it.
MOST_QUESTIONS = 11

# Guesses for questions not yet answered, used only to estimate how many
# questions are left: most visitors are EU citizens moving to Norway to work
# for a year or more.
TYPICAL_ANSWERS = {
    "citizenship": "pl",
    "residence": NORWAY,
    "move": "moving-to-norway",
    "stay": "12-months-or-more",
    "work": "employee",
    "children": "none",
}


class Parsed(NamedTuple):
    answers: dict[str, str]  # valid and relevant, canonical, in question order
    errors: dict[str, str]  # question key -> its (untranslated) error message


class Progress(NamedTuple):
    position: int  # "Question 3 …"
    total: int  # "… of about 6": exact once the answers that decide it are in


def _first_value(raw: Mapping[str, Sequence[str]], key: str) -> str | None:
    # A QueryDict's get() returns the *last* value, so take its full list.
    values = raw.getlist(key) if hasattr(raw, "getlist") else raw.get(key)
    if isinstance(values, str):
        return values
    return values[0] if values else None


def _canonical(value: str) -> str:
    """Lower case without surrounding spaces; "" (never valid) for overlong or non-ASCII values."""
    if len(value) > MAX_VALUE_LENGTH or not value.isascii():
        return ""
    return value.strip().lower()


def is_valid(
    question: Question, value: str, country_codes: Collection[str], answers: Answers
) -> bool:
    """Whether a canonical (lower-case) value answers the question, given the earlier answers."""
    if any(option.value == value for option in question.options_given(answers)):
        return True
    return question.kind == "country" and value in country_codes


def parse(raw: Mapping[str, Sequence[str]], country_codes: Collection[str]) -> Parsed:
    """The answers in a query string, as a QueryDict (or a dict of lists) gives them.

    Values are case-insensitive; surrounding spaces are ignored. When a parameter
    is repeated, the first value counts, so a form can end with a hidden empty
    field of the same name: submitting without a choice then gives an error
    instead of silently asking again. Unknown parameters are ignored; a value
    that is empty, overlong, not an option or not one of `country_codes` is an
    error for its question. Answers and errors for questions that the other
    answers make irrelevant are dropped, and so is an option the earlier
    answers no longer offer (the question is then asked again).
    """
    codes = {code.lower() for code in country_codes}
    answers: dict[str, str] = {}
    errors: dict[str, str] = {}
    for key, question in QUESTIONS.items():
        value = _first_value(raw, key)
        if value is None or not question.relevant(answers):
            continue
        value = _canonical(value)
        if is_valid(question, value, codes, answers):
            answers[key] = value
        elif not _withdrawn(question, value, answers):
            errors[key] = question.error
    return Parsed(answers, errors)


def _withdrawn(question: Question, value: str, answers: Answers) -> bool:
    """An option the earlier answers no longer offer (after a Change, say
    "living in Norway" once the country of residence is Poland): the question
    is simply asked again, without an error."""
    return any(option.value == value for option in question.options) and not any(
        option.value == value for option in question.options_given(answers)
    )


def keep_relevant(answers: Answers) -> dict[str, str]:
    """The answers to questions that the other answers make relevant, in question
    order, without options those answers no longer offer."""
    kept: dict[str, str] = {}
    for key, question in QUESTIONS.items():
        # Relevance reads only earlier answers, so those kept so far suffice.
        relevant = key in answers and question.relevant(kept)
        if relevant and not _withdrawn(question, answers[key], kept):
            kept[key] = answers[key]
    return kept


def relevant_questions(answers: Answers) -> list[str]:
    """The questions the answers make relevant, answered or not, in order."""
    return [key for key, question in QUESTIONS.items() if question.relevant(answers)]


def next_question(answers: Answers) -> str:
    """The first relevant question without an answer, or RESULT when there is none."""
    return next((key for key in relevant_questions(answers) if key not in answers), RESULT)


def step_to_show(requested: str, answers: Answers) -> str:
    """The step to show for a requested step (a question key or RESULT).

    A question may be shown, answered or not (a Change link reopens it with its
    answer), when it is relevant and every relevant question before it is
    answered. Otherwise, as for an unknown step or an unfinished result, the
    visitor belongs at the first question still needed.
    """
    needed = next_question(answers)
    if requested not in QUESTIONS or requested not in relevant_questions(answers):
        return needed
    if needed != RESULT and _position(needed) < _position(requested):
        return needed
    return requested


def previous_question(step: str, answers: Answers) -> str | None:
    """The relevant question before a step (for Back); None before the first question."""
    before = [key for key in relevant_questions(answers) if _position(key) < _position(step)]
    return before[-1] if before else None


def progress(step: str, answers: Answers) -> Progress:
    """Where a question is among those the visitor will probably be asked."""
    likely = relevant_questions(keep_relevant({**TYPICAL_ANSWERS, **answers}))
    position = sum(1 for key in likely if _position(key) < _position(step)) + 1
    return Progress(position, max(len(likely), position))


def query_string(answers: Answers, errors: Collection[str] = ()) -> str:
    """The answers as a query string in question order, so equal answers give equal URLs.

    Questions in `errors` get an empty value, which reads back as the same
    error: a redirect to the canonical URL keeps the visitor's error message.
    """
    pairs = [(key, answers.get(key, "")) for key in QUESTIONS if key in answers or key in errors]
    return urlencode(pairs)


def option_for(key: str, value: str) -> Option | None:
    """The option an answer chose; None for a country (show the country's name).

    Two options of one question never share a value, so the value alone finds it."""
    return next((option for option in QUESTIONS[key].options if option.value == value), None)


def phrase(key: str, value: str) -> str:
    """The untranslated "Why this is on your list" phrase for an answer.

    For a country answer it has a {country} placeholder: translate first, then
    format with the country's name in the page's language.
    """
    option = option_for(key, value)
    return option.phrase if option else QUESTIONS[key].country_phrase


def _position(step: str) -> int:
    """A step's place in the order of questions; RESULT (or anything else) comes last."""
    return _ORDER.get(step, len(_ORDER))
