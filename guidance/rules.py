"""The checklist's rules: which items a visitor's answers put on their list, and why.

Pure functions of the answers (see guidance/questionnaire.py) and of plain
country facts from the agreements lookup. No Django here, so every rule is
tested without a database. The keys, and when each applies, are the contract
of issue 5's tables; the item texts live in the database under the same keys.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from agreements.coverage import CountryCoverage

Answers = Mapping[str, str]  # question key -> canonical value, e.g. {"residence": "pl"}
Reasons = tuple[str, ...]  # question keys, in question order

NORWAY = "no"  # the reference country: it has no agreement rows of its own
STATELESS = "stateless"

# The questionnaire's order (guidance/questionnaire.py, which imports this
# module, so it cannot be imported here); a test keeps the two the same.
QUESTION_ORDER = (
    "citizenship",
    "residence",
    "stay",
    "work",
    "nav_benefit",
    "pension",
    "children",
    "single_parent",
    "abroad",
)

COVERED = frozenset(
    {
        "membership-resident",
        "membership-worker",
        "membership-voluntary",
        "membership-posted-abroad",
    }
)
WORK_IN_NORWAY = frozenset({"employee", "self-employed", "posted-to-norway"})
EMPLOYED_IN_NORWAY = frozenset({"employee", "self-employed"})
STAY_OF_3_MONTHS_OR_MORE = frozenset({"3-to-12-months", "12-months-or-more"})
CHILDREN_UNDER_18 = frozenset({"under-1", "1-2", "3-7", "8-17"})
# Single parents' benefits stop when the youngest child turns 8 (NAV).
CHILDREN_UNDER_8 = frozenset({"under-1", "1-2", "3-7"})
# Items that send the visitor to Helfo, so Helfo joins "who to contact".
HELFO_ITEMS = ("gp", "s1-certificate", "ehic", "proof-of-membership", "helfo-refund")


@dataclass(frozen=True)
class Match:
    """One item on the visitor's checklist.

    `reasons` are the questions whose answers put it there, for "Why this is on
    your list" (empty for `contact-nav`, which is on every list). `countries`
    are the country codes the item names: for `agreement` those whose
    agreements apply, for `agreement-none` those that have none.
    """

    key: str
    reasons: Reasons = ()
    countries: tuple[str, ...] = ()


def membership_with_reasons(answers: Answers) -> tuple[str, Reasons]:
    """The first row of issue 5's membership table that holds, and the answers behind it."""
    work = answers.get("work")
    stay = answers.get("stay") if answers.get("residence") == NORWAY else None
    if work == "posted-to-norway":
        return "membership-posted-to-norway", ("work",)
    if work == "posted-abroad":
        return "membership-posted-abroad", ("work",)
    if work == "working-abroad":
        return "membership-ends", ("work",)
    if stay == "12-months-or-more":
        return "membership-resident", ("residence", "stay")
    if work in EMPLOYED_IN_NORWAY:
        return "membership-worker", ("work",)
    # Every kind of work in Norway returned above, so this stay is "without work here".
    if stay == "3-to-12-months":
        return "membership-voluntary", _ordered(answers, "residence", "stay", "work")
    return "membership-not-covered", _ordered(answers, "residence", "stay", "work")


def membership(answers: Answers) -> str:
    return membership_with_reasons(answers)[0]


def is_covered(answers: Answers) -> bool:
    """Whether Norway's scheme covers the visitor (a member, or may become one)."""
    return membership(answers) in COVERED


def countries_to_look_up(answers: Answers) -> set[str]:
    """The country codes whose coverage `checklist` reads."""
    keys = ("citizenship", "residence", "abroad")
    return {answers[key] for key in keys if answers.get(key) not in (None, NORWAY, STATELESS)}


def _ordered(answers: Answers, *keys: str) -> Reasons:
    """The answered ones of these questions, once each, in question order."""
    return tuple(key for key in QUESTION_ORDER if key in keys and key in answers)


def _nordic(country: CountryCoverage | None) -> bool:
    return country is not None and country.is_nordic


def _eea_plus(country: CountryCoverage | None) -> bool:
    return country is not None and country.is_eea_plus


def _eea_plus_or_uk(country: CountryCoverage | None) -> bool:
    return country is not None and (country.is_eea_plus or country.is_united_kingdom)


@dataclass(frozen=True)
class Situation:
    """The answers, the country facts, and what the rules keep asking of them."""

    answers: Answers
    countries: Mapping[str, CountryCoverage]

    def country(self, key: str) -> CountryCoverage | None:
        """The foreign country the answer to `key` names: none for Norway or `stateless`.

        A country the lookup did not return has no agreement with Norway.
        """
        code = self.answers.get(key)
        if code in (None, NORWAY, STATELESS):
            return None
        return self.countries.get(code) or CountryCoverage(code)

    @cached_property
    def membership(self) -> tuple[str, Reasons]:
        return membership_with_reasons(self.answers)

    @property
    def covered(self) -> bool:
        return self.membership[0] in COVERED

    @property
    def covered_because(self) -> Reasons:
        return self.membership[1]

    @property
    def lives_in_norway(self) -> bool:
        return self.answers.get("residence") == NORWAY

    @property
    def stays_3_months_or_more(self) -> bool:
        return self.lives_in_norway and self.answers.get("stay") in STAY_OF_3_MONTHS_OR_MORE

    @property
    def works_in_norway(self) -> bool:
        return self.answers.get("work") in WORK_IN_NORWAY

    @property
    def employed_in_norway(self) -> bool:
        """Works in Norway as an employee or self-employed (not posted here)."""
        return self.answers.get("work") in EMPLOYED_IN_NORWAY

    # Norway is the reference country, with no agreement rows: where a rule asks
    # about citizenship, a Norwegian citizen counts as Nordic and as EEA+.
    @property
    def norwegian(self) -> bool:
        return self.answers.get("citizenship") == NORWAY

    @property
    def stateless(self) -> bool:
        return self.answers.get("citizenship") == STATELESS

    @property
    def nordic_citizen(self) -> bool:
        return self.norwegian or _nordic(self.country("citizenship"))

    @property
    def eea_plus_citizen(self) -> bool:
        return self.norwegian or _eea_plus(self.country("citizenship"))

    def when(self, condition: bool, *keys: str) -> Reasons | None:
        """These answers as the reasons if the condition holds; otherwise no item."""
        return _ordered(self.answers, *keys) if condition else None

    def any_of(self, *alternatives: tuple[bool, Reasons]) -> Reasons | None:
        """The reasons of every alternative that holds; no item if none does."""
        holding = [key for condition, keys in alternatives if condition for key in keys]
        return self.when(bool(holding), *holding)


Rule = Callable[[Situation], Reasons | None]


def _s1_certificate(s: Situation) -> Reasons | None:
    residence = s.country("residence")
    if not s.employed_in_norway or residence is None or residence.is_nordic:
        return None
    return s.any_of(
        (
            residence.is_eea_plus and (s.eea_plus_citizen or s.stateless),
            ("citizenship", "residence", "work"),
        ),
        (residence.is_united_kingdom, ("residence", "work")),
    )


def _nordic_pensioner_in_norway(s: Situation) -> bool:
    return s.answers.get("pension") == "nordic" and s.lives_in_norway


def _ehic(s: Situation) -> Reasons | None:
    # Issue 5's "also with pension-nordic": a Nordic pensioner who moves to
    # Norway gets the card whether or not a longer stay abroad is planned.
    return s.any_of(
        (s.covered and _eea_plus_or_uk(s.country("abroad")), (*s.covered_because, "abroad")),
        (_nordic_pensioner_in_norway(s), ("residence", "pension")),
    )


def _proof_of_membership(s: Situation) -> Reasons | None:
    abroad = s.country("abroad")
    outside = abroad is not None and not _eea_plus_or_uk(abroad)
    return s.when(s.covered and outside, *s.covered_because, "abroad")


def _helfo_refund(s: Situation) -> Reasons | None:
    # Issue 5's "a country with no social-security agreement with Norway", read
    # literally: any agreement (even the United States', which leaves out
    # healthcare) keeps this item off the list.
    abroad = s.country("abroad")
    no_agreement = abroad is not None and not abroad.has_agreement
    return s.when(s.covered and no_agreement, *s.covered_because, "abroad")


def _permit_none_nordic(s: Situation) -> Reasons | None:
    nordic_foreigner = s.nordic_citizen and not s.norwegian
    return s.any_of(
        (nordic_foreigner and s.lives_in_norway, ("citizenship", "residence")),
        (nordic_foreigner and s.works_in_norway, ("citizenship", "work")),
    )


def _registration_eea(s: Situation) -> Reasons | None:
    eea_foreigner = s.eea_plus_citizen and not s.nordic_citizen
    return s.any_of(
        (eea_foreigner and s.stays_3_months_or_more, ("citizenship", "residence", "stay")),
        (eea_foreigner and s.works_in_norway, ("citizenship", "work")),
    )


def _permit_required(s: Situation) -> Reasons | None:
    citizenship = s.country("citizenship")
    outsider = s.stateless or (
        citizenship is not None and not citizenship.is_eea_plus and not citizenship.is_nordic
    )
    return s.any_of(
        (outsider and s.lives_in_norway, ("citizenship", "residence")),
        (outsider and s.works_in_norway, ("citizenship", "work")),
    )


def _notify_move(s: Situation) -> Reasons | None:
    # "Moving to Norway for 12 months or more from abroad": the answers cannot
    # tell whether someone already lives here, so we read it as living in Norway
    # for 12 months or more without being Norwegian (issue 5, "notify-move").
    moving_here = s.lives_in_norway and s.answers.get("stay") == "12-months-or-more"
    foreigner = s.answers.get("citizenship") not in (None, NORWAY)
    return s.when(moving_here and foreigner, "citizenship", "residence", "stay")


def _children_abroad(s: Situation) -> Reasons | None:
    # "Covered through work": a member through work here, or posted abroad by a
    # Norwegian employer. "With children" includes expecting or adopting one,
    # since parental benefit is a family benefit the countries coordinate too.
    through_work = s.membership[0] in {"membership-worker", "membership-posted-abroad"}
    with_children = s.answers.get("children") not in (None, "none")
    lives_abroad = s.country("residence") is not None
    return s.when(through_work and lives_abroad and with_children, "residence", "work", "children")


def _foreign_countries(s: Situation) -> list[tuple[str, CountryCoverage]]:
    """The citizenship and residence countries other than Norway, with their questions."""
    named = [(key, s.country(key)) for key in ("citizenship", "residence")]
    return [(key, country) for key, country in named if country is not None]


def _agreement(s: Situation) -> Reasons | None:
    return s.any_of(*((country.has_agreement, (key,)) for key, country in _foreign_countries(s)))


def _agreement_none(s: Situation) -> Reasons | None:
    # Only when there is a foreign country to speak of: a Norwegian living in
    # Norway, or a stateless person living here, gets neither agreement item.
    foreign = _foreign_countries(s)
    none_has_one = not any(country.has_agreement for _, country in foreign)
    return s.when(bool(foreign) and none_has_one, *(key for key, _ in foreign))


def _contact_helfo(s: Situation) -> Reasons | None:
    found = [ITEM_RULES[key](s) for key in HELFO_ITEMS]
    return s.any_of(*((reasons is not None, reasons or ()) for reasons in found))


# Every item but membership, in the order of issue 5's table. A rule returns
# the questions behind the item, or None when the item is not on the list.
ITEM_RULES: dict[str, Rule] = {
    "national-registry": lambda s: s.any_of(
        (s.stays_3_months_or_more, ("residence", "stay")),
        (s.works_in_norway, ("work",)),
    ),
    "gp": lambda s: s.when(s.covered and s.lives_in_norway, *s.covered_because, "residence"),
    "emergency": lambda s: s.any_of(
        (s.lives_in_norway, ("residence",)),
        (s.works_in_norway, ("work",)),
    ),
    "user-fees": lambda s: s.when(s.covered, *s.covered_because),
    "s1-certificate": _s1_certificate,
    "s1-documents": _s1_certificate,
    "s1-report-changes": _s1_certificate,
    "s1-not-needed-nordic": lambda s: s.when(
        s.employed_in_norway and _nordic(s.country("residence")), "residence", "work"
    ),
    "nav-benefit-abroad": lambda s: s.when(
        s.answers.get("nav_benefit") == "yes" and _eea_plus(s.country("residence")),
        "residence",
        "nav_benefit",
    ),
    "ehic": _ehic,
    "proof-of-membership": _proof_of_membership,
    "helfo-refund": _helfo_refund,
    "private-insurance": lambda s: s.when(s.country("abroad") is not None, "abroad"),
    "tax-card": lambda s: s.when(s.works_in_norway, "work"),
    "permit-none-nordic": _permit_none_nordic,
    "registration-eea": _registration_eea,
    "permit-required": _permit_required,
    "notify-move": _notify_move,
    "nav-benefits": lambda s: s.when(s.covered, *s.covered_because),
    "pension-nordic": lambda s: s.when(_nordic_pensioner_in_norway(s), "residence", "pension"),
    "pension-abroad": lambda s: s.when(
        s.answers.get("pension") == "other-country" and s.lives_in_norway, "residence", "pension"
    ),
    "child-benefit": lambda s: s.when(
        s.covered and s.answers.get("children") in CHILDREN_UNDER_18,
        *s.covered_because,
        "children",
    ),
    "cash-benefit": lambda s: s.when(
        s.covered and s.lives_in_norway and s.answers.get("children") == "1-2",
        *s.covered_because,
        "residence",
        "children",
    ),
    "parental-benefit": lambda s: s.when(
        s.covered and s.answers.get("children") in {"expecting", "under-1"},
        *s.covered_because,
        "children",
    ),
    "single-parent": lambda s: s.when(
        s.covered
        and s.answers.get("single_parent") == "yes"
        and s.answers.get("children") in CHILDREN_UNDER_8,
        *s.covered_because,
        "children",
        "single_parent",
    ),
    "children-abroad": _children_abroad,
    "agreement": _agreement,
    "agreement-none": _agreement_none,
    "contact-nav": lambda s: (),
    "contact-helfo": _contact_helfo,
}

# The countries an item names on the page, beside its reasons.
NAMED_COUNTRIES: dict[str, Callable[[Situation], tuple[str, ...]]] = {
    "agreement": lambda s: tuple(
        dict.fromkeys(country.code for _, country in _foreign_countries(s) if country.has_agreement)
    ),
    "agreement-none": lambda s: tuple(
        dict.fromkeys(country.code for _, country in _foreign_countries(s))
    ),
}

MEMBERSHIP_KEYS = (
    "membership-posted-to-norway",
    "membership-posted-abroad",
    "membership-ends",
    "membership-resident",
    "membership-worker",
    "membership-voluntary",
    "membership-not-covered",
)
# Every key the rules can produce: each needs a published item in both languages.
ITEM_KEYS = (*MEMBERSHIP_KEYS, *ITEM_RULES)


def checklist(answers: Answers, countries: Mapping[str, CountryCoverage]) -> list[Match]:
    """The visitor's items in issue 5's table order: membership first, `contact-nav` always.

    `countries` maps lower-case country codes (see `countries_to_look_up`) to
    their coverage; a code missing from it has no agreement with Norway.
    """
    s = Situation(answers, countries)
    matches = [Match(*s.membership)]
    for key, rule in ITEM_RULES.items():
        reasons = rule(s)
        if reasons is not None:
            named = NAMED_COUNTRIES[key](s) if key in NAMED_COUNTRIES else ()
            matches.append(Match(key, reasons, named))
    return matches
