"""Which agreements tie a country to Norway: the lookup the checklist uses.

    coverage_for(["pl", "SE", "xx"])  ->  {"pl": CountryCoverage(...), "se": ..., "xx": ...}

The answer is plain data (agreements/coverage.py), so the checklist's rules
stay free of Django. All published agreement-country rows are read in one
query and kept in the cache, per language (agreement names and notes are in
the active language), under the content version (content/cache.py): any
saved content moves it on, so an editor's change shows at once, in every
process sharing the cache.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.core.cache import cache
from django.utils import translation

from agreements.countries import country_name
from agreements.coverage import AgreementKind, AgreementSummary, CountryCoverage
from agreements.models import KIND_LABELS, AgreementCountry
from content.cache import content_version

# Long enough that the database is rarely asked; short enough that a change
# made behind the ORM's back (a raw SQL fix) shows within a day.
CACHE_SECONDS = 60 * 60 * 24
KIND_RANK = {kind: number for number, kind in enumerate(KIND_LABELS)}

CoverageTable = dict[str, tuple[AgreementSummary, ...]]


def normalised(code: str) -> str:
    return str(code).strip().lower()


def coverage_for(codes: Iterable[str]) -> dict[str, CountryCoverage]:
    """Each code's coverage, keyed by the lower-case code.

    Codes are case-insensitive. An unknown code, Norway ("no") and any code
    without a published agreement get a CountryCoverage with no agreements.
    """
    table = _coverage_table()
    answers = {}
    for code in map(normalised, codes):
        answers[code] = CountryCoverage(
            code=code, agreements=table.get(code, ()), name=country_name(code)
        )
    return answers


def _coverage_table() -> CoverageTable:
    language = translation.get_language() or "en"
    key = f"agreements:coverage:{content_version()}:{language}"
    table: CoverageTable | None = cache.get(key)
    if table is None:
        table = _read_coverage_table()
        cache.set(key, table, CACHE_SECONDS)
    return table


def _read_coverage_table() -> CoverageTable:
    rows: defaultdict[str, list[tuple[tuple[int, int, str], AgreementSummary]]] = defaultdict(list)
    for row in AgreementCountry.objects.for_lookup():
        agreement = row.agreement
        kind = AgreementKind(agreement.kind)
        summary = AgreementSummary(
            slug=agreement.slug,
            kind=kind,
            name=agreement.name,
            covers=agreement.covers,
            note=row.note or "",
        )
        rows[row.code].append(((KIND_RANK[kind], agreement.order, agreement.slug), summary))
    return {
        code: tuple(summary for _rank, summary in sorted(found, key=lambda pair: pair[0]))
        for code, found in rows.items()
    }
