"""Reading checklist pages and walking through them as a browser does."""

import re
from html import unescape
from urllib.parse import urlencode, urlsplit

from guidance import questionnaire
from tests.support.pages import PUBLIC_PATHS

POLISH_CARPENTER = {
    "citizenship": "pl",
    "residence": "pl",
    "move": "not-moving",
    "work": "employee",
    "nav_benefit": "no",
    "children": "3-7",
    "single_parent": "no",
}

# Every step and two results, without the language prefix: the site-wide tests
# (headers, alternates, budgets, axe …) walk them as part of PUBLIC_PATHS.
CHECKLIST_PAGES = [
    path for path in PUBLIC_PATHS if path.startswith("/checklist/") and path != "/checklist/"
]


def result_url(language: str, answers: dict[str, str]) -> str:
    return f"/{language}/checklist/result/?{questionnaire.query_string(answers)}"


def item_keys(html: str) -> list[str]:
    return re.findall(r'data-item="([^"]+)"', html)


def item_html(html: str, key: str) -> str:
    """One item's markup, up to the next item or the end of its section."""
    start = html.index(f'data-item="{key}"')
    ends = [html.find(marker, start) for marker in ('<li class="checklist-item"', "</section>")]
    return html[start : min(end for end in ends if end != -1)]


def hidden_inputs(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)


def heading(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
    return unescape(re.sub(r"<[^>]+>", "", found[1])).strip()


def answer(client, page_url: str, html: str, value: str | None):
    """Submits a question page's form as a browser does: the answers carried
    in hidden inputs, then the chosen value (None: nothing chosen)."""
    key = urlsplit(page_url).path.rstrip("/").rsplit("/", 1)[-1]
    pairs = [(name, value_) for name, value_ in hidden_inputs(html) if name != key]
    if value is not None:
        pairs.append((key, value))
    pairs += [(name, value_) for name, value_ in hidden_inputs(html) if name == key]
    action = re.search(r'<form class="checklist-question" method="get" action="([^"]+)"', html)[1]
    return client.get(f"{action}?{urlencode(pairs)}", follow=True)


def walk(client, language: str, answers: dict[str, str]) -> str:
    """Answers every question the site asks, in turn, from the first; returns the result page.

    Fails if a question is asked that the visitor has no answer for.
    """
    response = client.get(f"/{language}/checklist/citizenship/")
    asked = []
    while "/result/" not in response.request["PATH_INFO"]:
        key = response.request["PATH_INFO"].rstrip("/").rsplit("/", 1)[-1]
        assert key in answers, f"asked {key!r}"
        asked.append(key)
        response = answer(
            client, response.request["PATH_INFO"], response.content.decode(), answers[key]
        )
        assert response.status_code == 200
    assert asked == list(answers)
    return response.content.decode()
