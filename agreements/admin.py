"""Editors' side of the agreements: tabbed English/Norwegian fields, history
with diffs and revert (the guides' ContentAdmin), and the countries as rows
with a searchable country field and an optional translated note.

Publishers (content/editors.py) may delete a country row; the agreement's
History then says which countries were added or removed, and by whom. Only
they publish and unpublish; a live agreement, its countries included, is
edited through drafts they approve (content/workflow_admin.py).
"""

from typing import TYPE_CHECKING, Any, TypedDict

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count, Field, QuerySet
from django.http import HttpRequest
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline
from simple_history.utils import update_change_reason

from agreements.countries import sorted_countries
from agreements.models import Agreement, AgreementCountry
from content.admin import ContentAdmin, ReviewOverdueFilter, TranslationGapFilter
from content.workflow_admin import PublishingWorkflowAdmin

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class CountryAutocomplete(forms.Select):
    """The admin's select2 over all countries, searchable by typing a name."""

    def build_attrs(
        self, base_attrs: dict[str, Any], extra_attrs: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["class"] = (attrs.get("class", "") + " country-autocomplete").strip()
        attrs.update({"data-theme": "admin-autocomplete", "lang": get_language()})
        return attrs

    @property
    def media(self) -> forms.Media:
        extra = "" if settings.DEBUG else ".min"
        return forms.Media(
            js=(
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                "admin/js/jquery.init.js",
                "agreements/admin/country-autocomplete.js",
            ),
            css={
                "screen": (
                    f"admin/css/vendor/select2/select2{extra}.css",
                    "admin/css/autocomplete.css",
                )
            },
        )


def admin_country_choices() -> list[tuple[str, str]]:
    """Upper-case codes, as stored; names sorted in the editor's language."""
    return [("", "---------"), *((code.upper(), name) for code, name in sorted_countries())]


class AgreementCountryInline(TranslationTabularInline[AgreementCountry, Agreement]):
    model = AgreementCountry
    fields = ["country", "note"]
    extra = 1
    verbose_name = _("country")
    verbose_name_plural = _("countries the agreement covers")

    def formfield_for_dbfield(
        self, db_field: "Field[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name == "country":
            kwargs["widget"] = CountryAutocomplete
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "country" and isinstance(field, forms.ChoiceField):
            field.choices = admin_country_choices
        return field


class CountryCount(TypedDict):
    number_of_countries: int


@admin.register(Agreement)
class AgreementAdmin(PublishingWorkflowAdmin[Agreement], ContentAdmin[Agreement]):
    inlines = [AgreementCountryInline]
    # A live agreement's draft holds its countries too, one row per country.
    draft_children = {"countries": "country"}
    actions = ["publish", "unpublish"]
    list_display = [
        *("name", "kind", "published", "country_count"),
        *("in_force", "last_reviewed", "review_status", "translation_status"),
    ]
    list_filter = ["kind", "published", ReviewOverdueFilter, TranslationGapFilter, "last_reviewed"]
    search_fields = [
        *("slug", "name_en", "name_nb", "summary_en", "summary_nb"),
        "=countries__country",  # a country code finds its agreements
    ]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sources"]
    readonly_fields = ["created", "updated"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "order", "summary", "body"]}),
        (
            _("What it covers"),
            {
                "fields": [
                    *("covers_healthcare", "covers_healthcare_on_visits", "covers_pensions"),
                    "covers_family_benefits",
                    *("covers_unemployment", "covers_applicable_legislation"),
                ]
            },
        ),
        (
            _("Publishing"),
            {"fields": ["published", "in_force", "last_reviewed", "created", "updated"]},
        ),
        (_("Sources"), {"fields": ["sources"]}),
    ]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Countries added or removed go into the agreement's History too
        (as its change reason), not only into the rows' own history."""
        super().save_related(request, form, formsets, change)
        if self.saved_as_draft(request):
            return  # nothing saved yet: publishing the draft writes the history
        countries = [formset for formset in formsets if formset.model is AgreementCountry]
        added = [row.name for formset in countries for row in formset.new_objects]
        removed = [row.name for formset in countries for row in formset.deleted_objects]
        reasons = []
        if added:
            reasons.append(_("Countries added: %(names)s.") % {"names": ", ".join(added)})
        if removed:
            reasons.append(_("Countries removed: %(names)s.") % {"names": ", ".join(removed)})
        if reasons and change:
            update_change_reason(form.instance, " ".join(reasons))

    @admin.action(description=_("Publish the selected agreements"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Agreement]) -> None:
        self.set_published(request, queryset, published=True)

    @admin.action(description=_("Unpublish the selected agreements"), permissions=["publish"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Agreement]) -> None:
        self.set_published(request, queryset, published=False)

    def set_published(
        self, request: HttpRequest, queryset: QuerySet[Agreement], published: bool
    ) -> None:
        changed = 0
        # One save per agreement, so each change gets a history entry.
        for agreement in queryset.exclude(published=published):
            agreement.published = published
            agreement.save()
            changed += 1
        self.message_user(
            request,
            ngettext("Changed %d agreement.", "Changed %d agreements.", changed) % changed,
            messages.SUCCESS,
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agreement]:
        agreements: QuerySet[Agreement] = super().get_queryset(request)
        return agreements.annotate(number_of_countries=Count("countries", distinct=True))

    @admin.display(description=_("countries"), ordering="number_of_countries")
    def country_count(self, agreement: "WithAnnotations[Agreement, CountryCount]") -> int:
        return agreement.number_of_countries
