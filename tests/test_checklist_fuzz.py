"""Whatever a visitor types into a checklist address, they get a page: never
a server error, never their own text back unescaped, never a redirect loop
or a redirect to another site."""

import string
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidance.questionnaire import QUESTIONS
from tests.support.clients import make_client

pytestmark = pytest.mark.django_db

MARKER = '<x-probe a="1">'  # found in a page only if reflected unescaped
KEYS = [*QUESTIONS, "result", "q", "page"]

values = st.one_of(
    st.sampled_from(
        [
            *("", " ", "PL", "pl", "No", "no", "stateless", "xx", "zz", "eu"),
            *("12-months-or-more", "yes", "employee", "retired", "3-7", "none"),
            *("\x00", "%00", "../", "%2F", "ø", "ÅLAND", "𝔭𝔩", "\u202e", "<script>", MARKER),
        ]
    ),
    st.text(max_size=30),
    st.builds(lambda text: text + MARKER, st.text(max_size=10)),
    st.text(alphabet=string.printable, min_size=500, max_size=3000),
)
pairs = st.lists(
    st.tuples(st.one_of(st.sampled_from(KEYS), st.text(max_size=12)), values), max_size=12
)
steps = st.one_of(
    st.sampled_from([*QUESTIONS, "result", ""]),
    st.text(max_size=40).map(lambda text: quote(text, safe="")),
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "HX-Request": st.sampled_from(["true", "false", "", "TRUE", "1"]),
        "HX-History-Restore-Request": st.sampled_from(["true", "false", ""]),
        "HX-Target": st.text(alphabet=string.ascii_letters + "#-_", max_size=30),
        "Accept-Language": st.sampled_from(["nb", "en", "xx", ""]),
    },
)


def query(items: list[tuple[str, str]]) -> str:
    """A raw query string, repeated keys and all, as a hand-edited address may have."""
    return "&".join(f"{quote(key, safe='')}={quote(value, safe='')}" for key, value in items)


def check(response) -> None:
    body = response.content.decode("utf-8", "replace")
    assert response.status_code in (200, 302, 404), response.status_code
    assert MARKER not in body
    assert "Traceback" not in body


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    language=st.sampled_from(["en", "nb"]),
    step=steps,
    items=pairs,
    request_headers=headers,
)
def test_any_checklist_address_gives_a_page_a_redirect_or_not_found(
    language, step, items, request_headers
):
    client = make_client(raise_request_exception=True)
    path = f"/{language}/checklist/{step}/" if step else f"/{language}/checklist/"
    response = client.get(f"{path}?{query(items)}", headers=request_headers)
    check(response)
    if response.status_code == 302:
        location = response["Location"]
        assert urlsplit(location).netloc == ""
        assert location.startswith(f"/{language}/checklist/")
        # The address redirected to is the step's one address: it renders at once.
        followed = client.get(location, headers=request_headers)
        check(followed)
        assert followed.status_code == 200


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=pairs)
def test_a_form_submission_with_any_values_lands_on_a_page_within_two_steps(items):
    client = make_client(raise_request_exception=True)
    response = client.get(f"/en/checklist/result/?{query(items)}", follow=True)
    check(response)
    assert response.status_code == 200
    assert len(response.redirect_chain) <= 1
