"""Checklist results nobody asked for before: the cold renders `make bench` measures.

Visitors walk the questions (guidance/questionnaire.py, plain Python) and
land on their result's one canonical address; these are such walks, with
random choices, each address different, in both languages. wrk requests each
address once (`lua_script`), so every request renders a page from scratch.
"""

import json
import random

from guidance.questionnaire import QUESTIONS, RESULT, next_question, query_string

# Norway, neighbours, the EU's largest sending countries and some far away.
COUNTRIES = ("no", "se", "dk", "fi", "pl", "lt", "de", "gb", "us", "in", "ph", "ua", "br", "th")


def result_addresses(count: int, seed: int = 14) -> list[str]:
    """`count` different result addresses (or all there are, if fewer)."""
    choose = random.Random(seed).choice
    found: dict[str, None] = {}
    for _attempt in range(count * 20):
        answers: dict[str, str] = {}
        while (key := next_question(answers)) != RESULT:
            question = QUESTIONS[key]
            values = [option.value for option in question.options_given(answers)]
            if question.kind == "country":
                values += COUNTRIES
            answers[key] = choose(values)
        language = choose(("en", "nb"))
        found[f"/{language}/checklist/result/?{query_string(answers)}"] = None
        if len(found) == count:
            break
    return list(found)


def lua_script(paths: list[str], threads: int) -> str:
    """A wrk script that requests each path once: wrk's `threads` threads
    take turns through the list, so no two requests ask for the same address."""
    return (
        "paths = {" + ", ".join(json.dumps(path) for path in paths) + "}\n"
        "local started = 0\n"
        "function setup(thread)\n"
        "  started = started + 1\n"
        "  thread:set('next_path', started)\n"
        "end\n"
        "function request()\n"
        "  local path = paths[(next_path - 1) % #paths + 1]\n"
        f"  next_path = next_path + {threads}\n"
        '  return wrk.format("GET", path)\n'
        "end\n"
    )
