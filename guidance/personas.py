"""Worked personas (guidance/personas.toml): real situations with the items
the rules are expected to give them, for editors' fact-check table and the
test that keeps the rules and the table in step."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl

PERSONAS_FILE = Path(__file__).resolve().parent / "personas.toml"


@dataclass(frozen=True)
class Persona:
    slug: str
    name_en: str
    name_nb: str
    query: str  # the result page's query string
    items: frozenset[str]  # the keys the table expects

    @property
    def answers(self) -> dict[str, str]:
        return dict(parse_qsl(self.query))


@cache
def personas() -> tuple[Persona, ...]:
    with PERSONAS_FILE.open("rb") as file:
        entries = tomllib.load(file)["persona"]
    return tuple(
        Persona(
            slug=entry["slug"],
            name_en=entry["name_en"],
            name_nb=entry["name_nb"],
            query=entry["answers"],
            items=frozenset(entry.get("items", ())),
        )
        for entry in entries
    )
