"""The checklist's rules: which items a visitor's answers put on their list, and why.

Pure functions of the answers (see guidance/questionnaire.py), of the country
groups the law defines (guidance/country_groups.py) and of plain country facts
from the agreements lookup (which agreements, covering what). No Django here,
so every rule is tested without a database. Each rule names its legal basis;
docs/checklist.md has the same table with the official pages it rests on.
The item texts live in the database under the same keys.

Short forms in the comments: ftrl = folketrygdloven (the National Insurance
Act); EEA reg. = regulation (EC) 883/2004 as it applies in Norway (ftrl § 1-3 a);
utl = utlendingsloven (the Immigration Act).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from agreements.coverage import CountryCoverage, Coverage
from guidance.country_groups import (
    NORWAY,
    UNITED_KINGDOM,
    is_eea_plus,
    is_eea_plus_or_nordic,
    is_nordic,
)

Answers = Mapping[str, str]  # question key -> canonical value, e.g. {"residence": "pl"}
Reasons = tuple[str, ...]  # question keys, in question order

STATELESS = "stateless"

# The questionnaire's order (guidance/questionnaire.py, which imports this
# module, so it cannot be imported here); a test keeps the two the same.
QUESTION_ORDER = (
    "citizenship",
    "residence",
    "move",
    "stay",
    "permit",
    "work",
    "nav_benefit",
    "pension",
    "children",
    "single_parent",
    "children_abroad",
    "abroad",
)

# Members with the whole scheme behind them: healthcare, NAV's benefits,
# family benefits and cover when travelling.
COVERED = frozenset(
    {
        "membership-resident",
        "membership-worker",
        "membership-posted-abroad",
        "membership-nav-benefit",
    }
)
WORK_IN_NORWAY = frozenset({"employee", "self-employed", "posted-to-norway"})
STAY_OF_3_MONTHS_OR_MORE = frozenset({"3-to-12-months", "12-months-or-more"})
CHILDREN_UNDER_18 = frozenset({"under-1", "1-2", "3-7", "8-17"})
# Single parents' benefits stop when the youngest child turns 8 (ftrl § 15-5).
CHILDREN_UNDER_8 = frozenset({"under-1", "1-2", "3-7"})
# Permits that UDI grants with the registration in the population register
# arranged for the person, and for which the country fled is never contacted.
PROTECTION = frozenset({"protection", "asylum-seeker"})
# Items that send the visitor to Helfo, so Helfo joins "who to contact".
HELFO_ITEMS = (
    "gp",
    "s1-certificate",
    "s1-pensioner",
    "s1-posted-abroad",
    "nav-benefit-abroad",
    "ehic",
    "healthcare-europe-without-ehic",
    "proof-of-membership",
    "helfo-refund",
    "report-emigration",
)


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


def _ordered(answers: Answers, *keys: str) -> Reasons:
    """The answered ones of these questions, once each, in question order."""
    return tuple(key for key in QUESTION_ORDER if key in keys and key in answers)


def lives_in_norway(answers: Answers) -> bool:
    return answers.get("residence") == NORWAY


def citizen_of_eea_plus_or_nordic(answers: Answers) -> bool:
    """Norwegian, Nordic or EEA+: free to live and work in Norway without a permit."""
    return is_eea_plus_or_nordic(answers.get("citizenship"))


def settled_in_norway(answers: Answers) -> bool:
    """Lives in Norway for 12 months or more: a settled resident counts as such."""
    if not lives_in_norway(answers):
        return False
    return answers.get("move") == "living-in-norway" or answers.get("stay") == "12-months-or-more"


def membership_with_reasons(answers: Answers) -> tuple[str, Reasons]:
    """The one membership item that applies, and the answers behind it.

    The first rule that holds decides; a rule further down may assume that
    the ones above it did not hold.
    """
    work = answers.get("work")
    residence = answers.get("residence")
    abroad = residence not in (None, NORWAY)
    leaving = answers.get("move") == "leaving-norway"

    # Asylum seekers are members with limited cover (healthcare and some
    # benefits) from the application until a permit or a final refusal.
    # ftrl § 2-16; forskrift 14 May 2008 no. 460 om trygdedekning for asylsøkere § 2.
    if lives_in_norway(answers) and answers.get("permit") == "asylum-seeker":
        return "membership-asylum-seeker", ("residence", "permit")
    # Sent to Norway by an employer abroad: the sending country's scheme.
    # EEA reg. art. 12(1); ftrl § 2-2 first paragraph; the bilateral agreements.
    if work == "posted-to-norway":
        return "membership-posted-to-norway", ("work",)
    # Sent abroad by an employer in Norway: membership kept.
    # EEA reg. art. 12(1); ftrl § 2-1 fourth paragraph, § 2-8; the bilateral agreements.
    if work == "posted-abroad":
        return "membership-posted-abroad", ("work",)
    # Work abroad places you in the country of work. EEA reg. art. 11(3)(a); ftrl § 2-14.
    if work == "working-abroad":
        return "membership-ends", ("work",)
    # Residents: ftrl § 2-1 (a stay meant to last, or that has lasted, 12 months).
    if settled_in_norway(answers):
        return "membership-resident", _ordered(answers, "residence", "move", "stay")
    # Employees in Norway wherever they live: ftrl § 2-2. The self-employed
    # only as residents (ftrl § 2-1) or, within the EEA rules, when they live
    # in another EEA+ country or are EEA+ citizens working here (EEA reg.
    # art. 11(3)(a)); an American self-employed here and living in the US is not.
    if work == "employee":
        return "membership-worker", ("work",)
    if work == "self-employed" and (
        (abroad and is_eea_plus(residence))
        or (lives_in_norway(answers) and citizen_of_eea_plus_or_nordic(answers))
    ):
        return "membership-worker", _ordered(answers, "citizenship", "residence", "work")
    # A NAV cash benefit keeps someone who lives in another EEA+ country, and
    # works nowhere, in Norway's scheme while it is paid. EEA reg. art. 11(2);
    # outside the EEA+ no rule keeps them (ftrl § 2-1 fourth paragraph).
    if abroad and answers.get("nav_benefit") == "yes" and is_eea_plus(residence):
        return "membership-nav-benefit", ("residence", "nav_benefit")
    # Leaving Norway without work in Norway or such a benefit: membership ends
    # (ftrl § 2-1 fourth paragraph, § 2-14).
    if leaving:
        return "membership-ends", _ordered(answers, "residence", "move", "work", "nav_benefit")
    # 3 to 12 months in Norway without work here: NAV *may* admit them on
    # application (ftrl § 2-7); until it does, they are not covered.
    if lives_in_norway(answers) and answers.get("stay") == "3-to-12-months":
        return "membership-voluntary", _ordered(answers, "residence", "stay", "work")
    return "membership-not-covered", _ordered(answers, "residence", "move", "stay", "work")


def membership(answers: Answers) -> str:
    return membership_with_reasons(answers)[0]


def is_covered(answers: Answers) -> bool:
    """Whether Norway's scheme covers the visitor as a member with full cover."""
    return membership(answers) in COVERED


def countries_to_look_up(answers: Answers) -> set[str]:
    """The country codes whose coverage `checklist` reads."""
    keys = ("citizenship", "residence", "abroad")
    return {answers[key] for key in keys if answers.get(key) not in (None, NORWAY, STATELESS)}


@dataclass(frozen=True)
class Situation:
    """The answers, the country facts, and what the rules keep asking of them."""

    answers: Answers
    countries: Mapping[str, CountryCoverage]

    def answer(self, key: str) -> str | None:
        return self.answers.get(key)

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
        return lives_in_norway(self.answers)

    @property
    def arriving(self) -> bool:
        """Moving to Norway now, or moved less than a year ago."""
        return self.lives_in_norway and self.answer("move") == "moving-to-norway"

    @property
    def leaving(self) -> bool:
        return self.answer("move") == "leaving-norway"

    @property
    def lives_abroad_and_works_here(self) -> bool:
        """Lives in another country (not just leaving it) and works in Norway."""
        return self.answer("move") == "not-moving" and self.works_in_norway

    @property
    def stays_3_months_or_more(self) -> bool:
        return self.arriving and self.answer("stay") in STAY_OF_3_MONTHS_OR_MORE

    @property
    def works_in_norway(self) -> bool:
        return self.answer("work") in WORK_IN_NORWAY

    @property
    def protection(self) -> bool:
        """Granted protection, or waiting for a decision on it."""
        return self.lives_in_norway and self.answer("permit") in PROTECTION

    # Norway is the reference country, with no agreement rows: where a rule asks
    # about citizenship, a Norwegian citizen counts as Nordic and as EEA+.
    @property
    def norwegian(self) -> bool:
        return self.answer("citizenship") == NORWAY

    @property
    def stateless(self) -> bool:
        return self.answer("citizenship") == STATELESS

    @property
    def nordic_citizen(self) -> bool:
        return is_nordic(self.answer("citizenship"))

    @property
    def eea_plus_citizen(self) -> bool:
        return is_eea_plus(self.answer("citizenship"))

    @property
    def needs_permit(self) -> bool:
        """A citizen of a country outside the EEA+ and the Nordic countries, or stateless."""
        return self.answer("citizenship") is not None and not citizen_of_eea_plus_or_nordic(
            self.answers
        )

    def resides_in(self, test: Callable[[str | None], bool]) -> bool:
        """Whether the country of residence (not Norway) passes the test."""
        return not self.lives_in_norway and test(self.answer("residence"))

    def when(self, condition: bool, *keys: str) -> Reasons | None:
        """These answers as the reasons if the condition holds; otherwise no item."""
        return _ordered(self.answers, *keys) if condition else None

    def any_of(self, *alternatives: tuple[bool, Reasons]) -> Reasons | None:
        """The reasons of every alternative that holds; no item if none does."""
        holding = [key for condition, keys in alternatives if condition for key in keys]
        return self.when(bool(holding), *holding)


def _eea_plus_or_uk(code: str | None) -> bool:
    return is_eea_plus(code) or code == UNITED_KINGDOM


def _eea_plus_outside_the_nordics(code: str | None) -> bool:
    return is_eea_plus(code) and not is_nordic(code)


Rule = Callable[[Situation], Reasons | None]


def _national_registry(s: Situation) -> Reasons | None:
    # Folkeregisterloven: people moving here for 6 months or more report the
    # move within 8 days (ID check at the tax office or the police); those who
    # work here get an ID number (a D number) for the tax card. UDI arranges it
    # for people granted protection. Never for people already settled here.
    arriving = s.arriving and not s.protection
    return s.any_of(
        (arriving and s.stays_3_months_or_more, ("residence", "move", "stay")),
        (arriving and s.works_in_norway, ("residence", "move", "work")),
        (s.lives_abroad_and_works_here, ("residence", "move", "work")),
    )


def _s1_certificate(s: Situation) -> Reasons | None:
    # Works in Norway and lives in another EEA+ country or the UK: healthcare
    # there too, with S1 from Helfo. EEA reg. art. 17, 18; the UK convention
    # (in force 1 January 2024). Not between Nordic countries (Nordic Convention).
    if s.membership[0] != "membership-worker" or s.lives_in_norway:
        return None
    return s.any_of(
        (
            s.resides_in(_eea_plus_outside_the_nordics) and (s.eea_plus_citizen or s.stateless),
            ("citizenship", "residence", "work"),
        ),
        (s.answer("residence") == UNITED_KINGDOM, ("residence", "work")),
    )


def _s1_not_needed_nordic(s: Situation) -> Reasons | None:
    # The Nordic Convention on Social Security: no S1 between Nordic countries.
    if not s.resides_in(is_nordic):
        return None
    return s.any_of(
        (s.answer("work") in ("employee", "self-employed"), ("residence", "work")),
        (s.answer("nav_benefit") == "yes", ("residence", "nav_benefit")),
        (s.answer("pension") == "norway", ("residence", "pension")),
    )


def _s1_pensioner(s: Situation) -> Reasons | None:
    # Norway stays responsible for a Norwegian pensioner's healthcare in
    # another EEA+ country or the UK (S1 and the card from Helfo), though they
    # are no longer members. EEA reg. art. 24, 25, 27; the UK convention.
    # Only those asked about a pension are retired, so they do not work there.
    return s.when(
        s.answer("pension") == "norway"
        and s.resides_in(
            lambda code: _eea_plus_outside_the_nordics(code) or code == UNITED_KINGDOM
        ),
        "residence",
        "work",
        "pension",
    )


def _s1_posted_abroad(s: Situation) -> Reasons | None:
    # Posted to another EEA+ country outside the Nordics: A1 from NAV and S1
    # from Helfo before leaving. EEA reg. art. 12(1), 17. Helsenorge gives it
    # to citizens of Norway, another EEA country or Switzerland (and the
    # regulation to stateless people); others ask NAV (membership-posted-abroad).
    if s.answer("work") != "posted-abroad" or not (s.eea_plus_citizen or s.stateless):
        return None
    return s.any_of(
        (_travels_to(s, _eea_plus_outside_the_nordics), ("citizenship", "work", "abroad")),
        (s.resides_in(_eea_plus_outside_the_nordics), ("citizenship", "residence", "work")),
    )


def _nav_benefit_abroad(s: Situation) -> Reasons | None:
    # A NAV cash benefit while living in another EEA+ country outside the
    # Nordics: healthcare there through S1 from Helfo. EEA reg. art. 11(2), 17, 21.
    return s.when(
        s.answer("nav_benefit") == "yes" and s.resides_in(_eea_plus_outside_the_nordics),
        "residence",
        "nav_benefit",
    )


def _travels_to(s: Situation, test: Callable[[str | None], bool]) -> bool:
    """Whether a longer stay abroad is planned, in a country that passes the test.
    ("no" is the answer "not planning one", not Norway.)"""
    abroad = s.answer("abroad")
    return abroad not in (None, NORWAY) and test(abroad)


def _may_get_the_card(s: Situation) -> bool:
    # EEA reg. art. 2: the regulation covers citizens of EEA+ states, and
    # stateless people and refugees living in one. Norway does not apply reg.
    # (EU) 1231/2010, which reaches other citizens, so they get no card from
    # Norway (helsenorge's page on the card; family members of an EEA+
    # citizen are an exception the checklist cannot see, and the other item
    # says so).
    return s.eea_plus_citizen or s.stateless or s.answer("permit") == "protection"


def _ehic(s: Situation) -> Reasons | None:
    # EEA reg. art. 19: members carry the European Health Insurance Card on
    # stays in the EEA+ (and, by the convention, the UK); art. 25 and 27 give
    # it to pensioners with an S1. A Nordic pensioner moving to Norway gets it
    # whether or not a longer stay abroad is planned.
    travels = s.covered and _travels_to(s, _eea_plus_or_uk)
    return s.any_of(
        (travels and _may_get_the_card(s), (*s.covered_because, "citizenship", "abroad")),
        (_nordic_pensioner_in_norway(s), ("residence", "pension")),
        (_s1_pensioner(s) is not None, ("residence", "pension")),
    )


def _healthcare_europe_without_ehic(s: Situation) -> Reasons | None:
    # A member who is not an EEA+ citizen, travelling in the EEA+ or the UK:
    # no card (above), but the Nordic convention and Norway's agreements with
    # the Netherlands, Luxembourg, Hungary and Austria give public healthcare
    # there, and Helfo refunds members' costs elsewhere in the EEA (ftrl
    # § 5-24a); helsenorge, tourists in the EU/EEA and Switzerland.
    travels = s.covered and _travels_to(s, _eea_plus_or_uk)
    return s.when(
        travels and not _may_get_the_card(s) and _ehic(s) is None,
        *s.covered_because,
        "citizenship",
        "abroad",
    )


def _nordic_pensioner_in_norway(s: Situation) -> bool:
    return s.answer("pension") == "nordic" and s.lives_in_norway


def _travels_outside_eea_plus_and_uk(s: Situation) -> bool:
    return _travels_to(s, lambda code: not _eea_plus_or_uk(code))


def _proof_of_membership(s: Situation) -> Reasons | None:
    # Outside the EEA+ and the UK only NAV can document membership (ftrl ch. 2).
    return s.when(s.covered and _travels_outside_eea_plus_and_uk(s), *s.covered_because, "abroad")


def _helfo_refund(s: Situation) -> Reasons | None:
    # Outside the EEA+ and the UK, where no agreement gives healthcare on a
    # short stay (everywhere but Australia: Chile's and Turkey's agreements
    # deal with healthcare, but not for visitors), Helfo's own refund rules
    # apply: ftrl § 5-24 and its regulation; the claim within six months,
    # ftrl § 22-13. Helsenorge's page for tourists outside the EU/EEA names
    # no other exception.
    abroad = s.country("abroad")
    no_health_agreement = abroad is not None and Coverage.HEALTHCARE_ON_VISITS not in abroad.covers
    return s.when(
        s.covered and _travels_outside_eea_plus_and_uk(s) and no_health_agreement,
        *s.covered_because,
        "abroad",
    )


def _private_health_insurance(s: Situation) -> Reasons | None:
    # Not covered by Norway's scheme while here, and no EEA+ card or S1 to fall
    # back on: a visitor, or a candidate for voluntary membership, which NAV
    # grants or not (ftrl § 2-7); a posted worker from outside the EEA+ and
    # the UK stays in the sending country's scheme where an agreement or NAV's
    # decision says so (ftrl § 2-2; the item says so); and membership ends on
    # leaving for a country outside them (ftrl § 2-1).
    membership = s.membership[0]
    from_outside = s.needs_permit and not s.resides_in(_eea_plus_or_uk)
    not_yet_covered = membership in ("membership-voluntary", "membership-not-covered")
    return s.any_of(
        (
            not_yet_covered and s.lives_in_norway and s.needs_permit,
            ("citizenship", "residence", "stay"),
        ),
        (membership == "membership-posted-to-norway" and from_outside, ("citizenship", "work")),
        (
            s.leaving and not s.covered and s.resides_in(lambda code: not _eea_plus_or_uk(code)),
            ("residence", "move"),
        ),
    )


def _unemployment_cross_border(s: Situation) -> Reasons | None:
    # An employee in Norway living in another EEA+ country: on full
    # unemployment a frontier worker claims where they live, on partial
    # unemployment from NAV. EEA reg. art. 65.
    return s.when(s.answer("work") == "employee" and s.resides_in(is_eea_plus), "residence", "work")


def _permit_none_nordic(s: Situation) -> Reasons | None:
    # Nordic citizens may live and work in Norway without any permit or
    # registration certificate (UDI; the Nordic passport and labour market agreements).
    nordic_foreigner = s.nordic_citizen and not s.norwegian
    return s.any_of(
        (nordic_foreigner and s.arriving, ("citizenship", "residence", "move")),
        (nordic_foreigner and s.lives_abroad_and_works_here, ("citizenship", "work")),
    )


def _registration_eea(s: Situation) -> Reasons | None:
    # EEA+ citizens staying over three months, or working here, register with
    # the police for a registration certificate: utl ch. 13 (the EEA rules).
    eea_foreigner = s.eea_plus_citizen and not s.nordic_citizen
    return s.any_of(
        (eea_foreigner and s.stays_3_months_or_more, ("citizenship", "residence", "stay")),
        (eea_foreigner and s.arriving and s.works_in_norway, ("citizenship", "work")),
        (eea_foreigner and s.lives_abroad_and_works_here, ("citizenship", "work")),
    )


def _permit_required(s: Situation) -> Reasons | None:
    # Work needs a permit that allows it for citizens of countries outside the
    # EEA+ and the Nordics: utl § 55 (and §§ 23-25 for skilled workers). For
    # those coming to live here, or working here from abroad; someone already
    # living here on it renews it instead (permit-renew).
    return s.any_of(
        (s.needs_permit and s.answer("permit") == "work" and s.arriving, ("citizenship", "permit")),
        (s.needs_permit and not s.lives_in_norway and s.works_in_norway, ("citizenship", "work")),
    )


def _permit_renew(s: Situation) -> Reasons | None:
    # A permit for work is granted for a limited time; applying to renew it at
    # the latest one month before it runs out keeps its rights while UDI
    # decides (utl § 61 sixth paragraph, utf § 10-25); UDI advises applying
    # three months ahead.
    settled = s.lives_in_norway and s.answer("move") == "living-in-norway"
    return s.when(
        s.needs_permit and s.answer("permit") == "work" and settled,
        "citizenship",
        "residence",
        "move",
        "permit",
    )


def _residence_permit(s: Situation) -> Reasons | None:
    # A stay needs a permit on a basis of its own: family immigration (utl ch. 6),
    # studies (utl § 26) or another basis UDI grants; a pension or savings
    # alone is none of them.
    # A visit of under three months needs a visa, or none, not a permit.
    return s.when(
        s.needs_permit
        and s.stays_3_months_or_more
        and s.answer("permit") in ("family", "study", "other"),
        "citizenship",
        "move",
        "stay",
        "permit",
    )


def _notify_move(s: Situation) -> Reasons | None:
    # The country you leave keeps its own population register: a move for 12
    # months or more is reported there. Not for people fleeing it.
    moving_here = s.arriving and s.answer("stay") == "12-months-or-more" and not s.protection
    foreigner = s.answer("citizenship") not in (None, NORWAY)
    return s.when(moving_here and foreigner, "citizenship", "residence", "move", "stay")


def _tax_card(s: Situation) -> Reasons | None:
    # Everyone who works in Norway needs a tax deduction card and an ID
    # number before the first pay day, or 50 % is deducted (skattebetalingsloven
    # ch. 5; Skatteetaten). A settled resident has one already.
    arriving_or_abroad = s.arriving or not s.lives_in_norway
    return s.when(s.works_in_norway and arriving_or_abroad, "residence", "move", "work")


def _children_abroad(s: Situation) -> Reasons | None:
    # Child benefit and cash-for-care need the child to live in Norway
    # (barnetrygdloven, kontantstøtteloven), except that the EEA rules
    # coordinate them for children in another EEA+ country (EEA reg. art.
    # 67-68); S1 covers family members' healthcare there (art. 17). "With
    # children" includes expecting or adopting one: parental benefit is
    # coordinated too.
    through_work = s.membership[0] in {"membership-worker", "membership-posted-abroad"}
    with_children = s.answer("children") not in (None, "none")
    return s.any_of(
        (s.covered and s.answer("children_abroad") == "yes", ("residence", "children_abroad")),
        (
            through_work and not s.lives_in_norway and with_children,
            ("residence", "work", "children"),
        ),
    )


def _foreign_countries(s: Situation) -> list[tuple[str, CountryCoverage]]:
    """The citizenship and residence countries other than Norway, with their
    questions, and the country of a posting abroad (its agreement decides
    how long membership is kept)."""
    keys = ["citizenship", "residence"]
    if s.answer("work") == "posted-abroad":
        keys.append("abroad")
    named = [(key, s.country(key)) for key in keys]
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


# Every item but membership, in the order of docs/checklist.md's table. A rule
# returns the questions behind the item, or None when the item is not on the list.
ITEM_RULES: dict[str, Rule] = {
    "national-registry": _national_registry,
    # Everyone in Norway may call 113 and get emergency help:
    # forskrift om rett til helse- og omsorgstjenester (2011-12-16-1255) § 3.
    "gp": lambda s: s.when(s.covered and s.lives_in_norway, *s.covered_because, "residence"),
    "emergency": lambda s: s.any_of(
        (s.lives_in_norway, ("residence",)),
        (s.works_in_norway, ("work",)),
    ),
    # Members pay user fees up to the yearly ceiling (ftrl ch. 5); asylum
    # seekers pay them too (forskrift 2008-05-14-460 § 2).
    "user-fees": lambda s: s.any_of(
        (s.covered, s.covered_because),
        (s.membership[0] == "membership-asylum-seeker", s.covered_because),
    ),
    "s1-certificate": _s1_certificate,
    "s1-documents": _s1_certificate,
    "s1-report-changes": _s1_certificate,
    "s1-not-needed-nordic": _s1_not_needed_nordic,
    "s1-pensioner": _s1_pensioner,
    "s1-posted-abroad": _s1_posted_abroad,
    "nav-benefit-abroad": _nav_benefit_abroad,
    "unemployment-cross-border": _unemployment_cross_border,
    "ehic": _ehic,
    "healthcare-europe-without-ehic": _healthcare_europe_without_ehic,
    "proof-of-membership": _proof_of_membership,
    "helfo-refund": _helfo_refund,
    # A longer stay abroad: membership and cover may end (ftrl § 2-1 fourth
    # paragraph); the scheme never pays the journey home (ftrl § 5-24).
    "private-insurance": lambda s: s.when(s.country("abroad") is not None, "abroad"),
    "private-health-insurance": _private_health_insurance,
    "tax-card": _tax_card,
    "permit-none-nordic": _permit_none_nordic,
    "registration-eea": _registration_eea,
    "permit-required": _permit_required,
    "permit-renew": _permit_renew,
    "residence-permit": _residence_permit,
    # Refugee status or collective protection: a permit with membership as a
    # resident (ftrl § 2-1), and the introduction programme (integreringsloven).
    "protection-rights": lambda s: s.when(
        s.lives_in_norway and s.answer("permit") == "protection", "residence", "permit"
    ),
    "notify-move": _notify_move,
    "report-emigration": lambda s: s.when(s.leaving, "residence", "move"),
    # ftrl chapters 4-15: NAV's benefits for members; retirees get the pension items.
    "nav-benefits": lambda s: s.when(
        s.covered and s.answer("work") != "retired", *s.covered_because, "work"
    ),
    # A pension from another EEA+ country is paid wherever the pensioner lives
    # (EEA reg. art. 7); healthcare follows the S1 from the paying country.
    "pension-nordic": lambda s: s.when(_nordic_pensioner_in_norway(s), "residence", "pension"),
    "pension-abroad": lambda s: s.when(
        s.answer("pension") == "other-country" and s.lives_in_norway, "residence", "pension"
    ),
    # ftrl chapters 19-20 (export of pensions), EEA reg. art. 7; tax at source
    # on pensions paid abroad: skatteloven § 2-3 fourth paragraph.
    "pension-paid-abroad": lambda s: s.when(
        s.answer("pension") == "norway" and not s.lives_in_norway, "residence", "pension"
    ),
    # Barnetrygdloven, kontantstøtteloven, ftrl ch. 14 and § 15-5, for members.
    "child-benefit": lambda s: s.when(
        s.covered and s.answer("children") in CHILDREN_UNDER_18,
        *s.covered_because,
        "children",
    ),
    "cash-benefit": lambda s: s.when(
        s.covered and s.lives_in_norway and s.answer("children") == "1-2",
        *s.covered_because,
        "residence",
        "children",
    ),
    "parental-benefit": lambda s: s.when(
        s.covered and s.answer("children") in {"expecting", "under-1"},
        *s.covered_because,
        "children",
    ),
    "single-parent": lambda s: s.when(
        s.covered
        and s.answer("single_parent") == "yes"
        and s.answer("children") in CHILDREN_UNDER_8,
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
    "membership-asylum-seeker",
    "membership-posted-to-norway",
    "membership-posted-abroad",
    "membership-ends",
    "membership-resident",
    "membership-worker",
    "membership-nav-benefit",
    "membership-voluntary",
    "membership-not-covered",
)
# Every key the rules can produce: each needs a published item in both languages.
ITEM_KEYS = (*MEMBERSHIP_KEYS, *ITEM_RULES)


def checklist(answers: Answers, countries: Mapping[str, CountryCoverage]) -> list[Match]:
    """The visitor's items in the table's order: membership first, `contact-nav` always.

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
