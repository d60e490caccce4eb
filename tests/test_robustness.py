"""Hostile or odd requests never break a page: no 5xx, no traceback, nothing
a visitor typed comes back unescaped."""

import string
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.clients import make_client
from tests.support.pages import public_urls

pytestmark = pytest.mark.django_db

# A value containing this is "reflected unescaped" if it appears as such.
MARKER = '<x-probe a="1">'

CHECKLIST_PATHS = [
    "/{lang}/checklist/citizenship/",
    "/{lang}/checklist/work/",
    "/{lang}/checklist/result/",
    "/{lang}/checklist/no-such-question/",
]
PARAMETERS = ["citizenship", "residence", "stay", "work", "nav_benefit", "pension"]
PARAMETERS += ["children", "single_parent", "abroad", "q", "country", "page"]

hostile_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", "no", "PL", "stateless", "12-months-or-more", "%00", "\x00", "../"]),
    st.builds(lambda text: text + MARKER, st.text(max_size=20)),
    st.text(alphabet=string.printable, min_size=1000, max_size=3000),
)
query_strings = st.lists(
    st.tuples(st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=10)), hostile_text),
    max_size=8,
)
bases = st.sampled_from(
    public_urls() + [path.format(lang=lang) for path in CHECKLIST_PATHS for lang in ("en", "nb")]
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "accept-language": st.one_of(st.text(max_size=80), st.just("nb,no;q=0.9")),
        "hx-request": st.sampled_from(["true", "false", "", "1"]),
        "hx-history-restore-request": st.sampled_from(["true", ""]),
        "hx-target": st.text(alphabet=string.ascii_letters + "-#", max_size=20),
        "cookie": st.one_of(st.text(alphabet=string.printable, max_size=200), st.just("a=b; c")),
    },
)


def check(response) -> None:
    body = response.content.decode("utf-8", "replace")
    assert response.status_code < 500
    assert "Traceback" not in body
    assert MARKER not in body


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(base=bases, query=query_strings, request_headers=headers)
def test_any_query_string_and_headers_on_any_public_page(base, query, request_headers):
    path = base.split("?")[0]
    client = make_client(raise_request_exception=True)
    # Encoded by hand so that repeated parameters reach the view as sent.
    response = client.get(f"{path}?{urlencode(query)}", headers=request_headers)
    check(response)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    language=st.sampled_from(["en", "nb", "nn", "", "EN"]),
    segments=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=4),
)
def test_any_path_gives_a_page_or_a_404(language, segments):
    path = "/" + "/".join([language, *(quote(segment, safe="") for segment in segments)]) + "/"
    check(make_client(raise_request_exception=True).get(path.replace("//", "/")))
