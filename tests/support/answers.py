"""Any set of valid checklist answers, for property tests: each question
answered with one of its options (or any country) or left out."""

from hypothesis import strategies as st

from guidance.questionnaire import QUESTIONS
from tests.support.countries import COUNTRY_CODES

ANSWER_VALUES = {
    key: [option.value for option in question.options]
    + (sorted(COUNTRY_CODES) if question.kind == "country" else [])
    for key, question in QUESTIONS.items()
}
any_answers = st.fixed_dictionaries(
    {}, optional={key: st.sampled_from(values) for key, values in ANSWER_VALUES.items()}
)
