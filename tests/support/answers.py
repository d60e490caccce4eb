"""Sets of checklist answers, for property tests.

`any_answers`: each question answered with one of its options (or any
country) or left out, whether or not the other answers make sense with it.
`walked_answers`: what a visitor can actually give, walking the questions one
by one: only the questions the answers so far make relevant, each with an
option those answers offer (so `move` follows the country of residence).
"""

from hypothesis import strategies as st

from guidance.country_groups import NORWAY
from guidance.questionnaire import QUESTIONS, RESULT, next_question
from tests.support.countries import COUNTRY_CODES

ANSWER_VALUES = {
    key: [option.value for option in question.options]
    + (sorted(COUNTRY_CODES) if question.kind == "country" else [])
    for key, question in QUESTIONS.items()
}
any_answers = st.fixed_dictionaries(
    {}, optional={key: st.sampled_from(values) for key, values in ANSWER_VALUES.items()}
)


@st.composite
def walked_answers(draw: st.DrawFn, complete: bool = False) -> dict[str, str]:
    """The answers of a visitor part of the way through the questions, or at the result."""
    answers: dict[str, str] = {}
    while (key := next_question(answers)) != RESULT:
        if not complete and draw(st.integers(0, 9)) == 0:
            break
        question = QUESTIONS[key]
        values = [option.value for option in question.options_given(answers)]
        if question.kind == "country":
            # Half the time Norway or one of the question's own options
            # (`stateless`, "not planning one"), where most rules branch.
            answers[key] = draw(
                st.one_of(
                    st.sampled_from([NORWAY, *values]), st.sampled_from(sorted(COUNTRY_CODES))
                )
            )
        else:
            answers[key] = draw(st.sampled_from(values))
    return answers
