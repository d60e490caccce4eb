"""Whether a link to a path of this site leads to a published page.

The path is resolved with the site's own URL map, in the language of its
prefix (a path without one, "/guides/x/", in the language of the text it is
in), and the record a guide's or an agreement's address names must exist and
be published. What exists is read once (SiteIndex), so checking every link
in the content costs a handful of queries.
"""

from dataclasses import dataclass, field
from typing import Self
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation

from agreements.countries import is_country
from agreements.models import Agreement
from guidance.models import Guide, OldGuideSlug
from linkcheck.models import LinkCheck

Result, Reason = LinkCheck.Result, LinkCheck.Reason
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


@dataclass(frozen=True)
class Verdict:
    result: str
    reason: str = ""
    detail: str = ""

    @property
    def is_broken(self) -> bool:
        return self.result == Result.BROKEN


WORKS = Verdict(Result.OK)


@dataclass
class SiteIndex:
    """The guides and agreements by slug: published or not, and old addresses."""

    guides: dict[str, bool] = field(default_factory=dict)
    old_guide_slugs: dict[str, str] = field(default_factory=dict)
    agreements: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Self:
        published = Guide.Status.PUBLISHED
        return cls(
            guides={
                slug: status == published
                for slug, status in Guide.objects.values_list("slug", "status")
            },
            old_guide_slugs=dict(
                OldGuideSlug.objects.filter(guide__status=published).values_list(
                    "slug", "guide__slug"
                )
            ),
            agreements=dict(Agreement.objects.values_list("slug", "published")),
        )

    def check(self, link: str, language: str) -> Verdict:
        path = urlsplit(link).path
        prefix = path.split("/")[1] if path.count("/") > 1 else ""
        if prefix not in LANGUAGE_CODES:
            prefix, path = language, f"/{language}{path}"
        with translation.override(prefix):
            verdict = self.check_path(path)
            # CommonMiddleware redirects to the address with the slash.
            if (
                verdict.reason == Reason.NO_PAGE
                and not path.endswith("/")
                and self.check_path(f"{path}/") == WORKS
            ):
                return Verdict(Result.NOTE, Reason.NO_FINAL_SLASH, f"{path}/")
        return verdict

    def check_path(self, path: str) -> Verdict:
        try:
            match = resolve(path)
        except Resolver404:
            return Verdict(Result.BROKEN, Reason.NO_PAGE)
        if match.view_name == "guides:detail":
            return self.check_guide(match.kwargs["slug"])
        if match.view_name == "agreements:detail":
            return self.check_agreement(match.kwargs["slug"])
        if match.view_name == "agreements:country" and not is_country(match.kwargs["code"]):
            return Verdict(Result.BROKEN, Reason.NO_PAGE)
        return WORKS

    def check_guide(self, slug: str) -> Verdict:
        if slug in self.guides:
            return WORKS if self.guides[slug] else Verdict(Result.BROKEN, Reason.GUIDE_UNPUBLISHED)
        if slug in self.old_guide_slugs:
            return Verdict(
                Result.NOTE, Reason.OLD_ADDRESS, f"/guides/{self.old_guide_slugs[slug]}/"
            )
        return Verdict(Result.BROKEN, Reason.GUIDE_MISSING)

    def check_agreement(self, slug: str) -> Verdict:
        if slug not in self.agreements:
            return Verdict(Result.BROKEN, Reason.AGREEMENT_MISSING)
        return (
            WORKS if self.agreements[slug] else Verdict(Result.BROKEN, Reason.AGREEMENT_UNPUBLISHED)
        )
