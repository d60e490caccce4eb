"""Editors' side of the guides and checklist items: drafts and publishing,
on top of the shared content admin (content/admin.py).

A guide's change page lists where it is used (guidance/where_used.py);
unpublishing a guide that is still linked, or publishing one whose bokmål is
missing, asks first. Unpublished checklist items are named above their list.
A live guide or item is edited through drafts that a publisher approves, and
only publishers publish and unpublish (content/workflow_admin.py).
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from content.admin import ContentAdmin, ReviewOverdueFilter, TranslationGapFilter
from content.models import PendingChange
from content.translation_status import Gap, translation_statuses
from content.workflow_admin import PublishingWorkflowAdmin
from guidance.models import ChecklistItem, Guide, Topic
from guidance.where_used import uses_of

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

NO_SOURCE_MESSAGE = _("A published guide must cite at least one official source.")


class GuideAdminForm(forms.ModelForm):  # type: ignore[type-arg]  # ModelForm[Guide] fails at runtime
    def clean(self) -> dict[str, Any]:
        super().clean()  # a ModelForm's clean() fills in and returns self.cleaned_data
        cleaned = self.cleaned_data
        # Only publishers may set the status (content/workflow_admin.py): for
        # everyone else, and on a live guide's draft, it is the stored one.
        status = cleaned.get("status", self.instance.status)
        if status == Guide.Status.PUBLISHED and not cleaned.get("sources"):
            self.add_error("sources", NO_SOURCE_MESSAGE)
        return cleaned


@admin.register(Guide)
class GuideAdmin(PublishingWorkflowAdmin[Guide], ContentAdmin[Guide]):
    form = GuideAdminForm
    list_display = [
        *("title", "topic", "status", "last_reviewed", "review_status"),
        *("translation_status", "updated"),
    ]
    list_filter = ["status", ReviewOverdueFilter, TranslationGapFilter, "topic"]
    list_select_related = ["topic"]
    search_fields = ["slug", "title_en", "title_nb", "summary_en", "summary_nb"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["sources", "related"]
    readonly_fields = ["published_on", "created", "updated", "where_used"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "topic", "order", "summary", "body"]}),
        (
            _("Publishing"),
            {"fields": ["status", "last_reviewed", "published_on", "created", "updated"]},
        ),
        (_("Sources and related guides"), {"fields": ["sources", "related"]}),
        (_("Where it is used"), {"fields": ["where_used"]}),
    ]

    def publishing_refused(self, change: PendingChange, record: Guide) -> "StrPromise | None":
        """Approving a guide submitted for publication publishes it: it must
        cite a source, as the form and the publish action require."""
        status = change.values.get("fields", {}).get("status", record.status)
        sources = change.values.get("m2m", {}).get("sources")
        cites = record.sources.exists() if sources is None else bool(sources)
        if status == Guide.Status.PUBLISHED and not cites:
            return NO_SOURCE_MESSAGE
        return None

    @admin.display(description=_("linked from"))
    def where_used(self, guide: Guide) -> "SafeString | StrPromise":
        uses = uses_of(guide) if guide.pk else []
        if not uses:
            return _("Nothing links to this guide.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", '<li><a href="{}">{}</a></li>', ((use.admin_url, use.text) for use in uses)
            ),
        )

    def save_model(self, request: HttpRequest, obj: Guide, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        empty = [
            self.field_label(name) for name in ("title_nb", "body_nb") if not getattr(obj, name)
        ]
        if obj.is_published and empty:
            self.message_user(
                request,
                _(
                    "This guide is published without a bokmål %(fields)s: Norwegian "
                    "visitors see the English text."
                )
                % {"fields": ", ".join(empty)},
                messages.WARNING,
            )

    @admin.action(description=_("Publish the selected guides"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Guide]) -> HttpResponse | None:
        drafts = queryset.exclude(status=Guide.Status.PUBLISHED)
        statuses = translation_statuses(Guide, drafts)
        untranslated = [
            (str(guide), [(self.field_label(name), "") for name in missing])
            for guide in drafts
            if (missing := statuses[guide.pk].gaps.get(Gap.BOKMAL_MISSING))
        ]
        asked = self.confirm_action(
            request,
            queryset,
            title=_("Publish without bokmål?"),
            question=_(
                "These guides lack bokmål in the fields listed: Norwegian visitors would "
                "read them in English. Publish them anyway?"
            ),
            listed=untranslated,
            button=_("Yes, publish them"),
        )
        if asked is not None:
            return asked
        refused = list(drafts.filter(sources__isnull=True))
        published = 0
        # One save per guide, so each gets its publication date and a history entry.
        for guide in drafts.exclude(pk__in=[guide.pk for guide in refused]):
            guide.status = Guide.Status.PUBLISHED
            guide.save()
            published += 1
        if published:
            self.message_user(
                request,
                ngettext("Published %d guide.", "Published %d guides.", published) % published,
                messages.SUCCESS,
            )
        if refused:
            titles = ", ".join(str(guide) for guide in refused)
            self.message_user(
                request,
                _("Not published, because they cite no official source: %(titles)s.")
                % {"titles": titles},
                messages.ERROR,
            )
        return None

    @admin.action(description=_("Unpublish the selected guides"), permissions=["publish"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Guide]) -> HttpResponse | None:
        linked = [
            (str(guide), [(use.text, use.admin_url) for use in uses])
            for guide in queryset.filter(status=Guide.Status.PUBLISHED)
            if (uses := uses_of(guide))
        ]
        asked = self.confirm_action(
            request,
            queryset,
            title=_("Unpublish guides that are still linked?"),
            question=_(
                "Visitors following these links would find no page. Change the links "
                "first, or unpublish anyway."
            ),
            listed=linked,
            button=_("Yes, unpublish them"),
        )
        if asked is not None:
            return asked
        unpublished = 0
        for guide in queryset.filter(status=Guide.Status.PUBLISHED):
            guide.status = Guide.Status.DRAFT
            guide.save()
            unpublished += 1
        self.message_user(
            request,
            ngettext("Unpublished %d guide.", "Unpublished %d guides.", unpublished) % unpublished,
            messages.SUCCESS,
        )
        return None


@admin.register(Topic)
class TopicAdmin(ContentAdmin[Topic]):
    list_display = ["title", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["slug", "title_en", "title_nb"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(ChecklistItem)
class ChecklistItemAdmin(PublishingWorkflowAdmin[ChecklistItem], ContentAdmin[ChecklistItem]):
    """Items are edited and unpublished, never deleted: the rules refer to
    them by key, so a key is fixed once saved (guidance/checks.py)."""

    list_display = [
        *("title", "key", "section", "order", "published"),
        *("last_reviewed", "review_status", "translation_status", "updated"),
    ]
    list_filter = ["section", "published", ReviewOverdueFilter, TranslationGapFilter]
    search_fields = ["key", "title_en", "title_nb", "body_en", "body_nb"]
    list_select_related = ["guide"]
    filter_horizontal = ["sources", "deadline_sources"]
    readonly_fields = ["created", "updated"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "key", "section", "order", "body"]}),
        (_("Publishing"), {"fields": ["published", "last_reviewed", "created", "updated"]}),
        (_("Sources and related guide"), {"fields": ["sources", "guide"]}),
        (
            _("In the visitor's plan"),
            {"fields": ["step", "timing", "deadline", "offset_days", "deadline_sources"]},
        ),
    ]

    def get_readonly_fields(
        self, request: HttpRequest, obj: ChecklistItem | None = None
    ) -> list[str] | tuple[str, ...]:
        fields = list(super().get_readonly_fields(request, obj))  # with the publishing field
        return ["key", *fields] if obj is not None else fields

    def has_delete_permission(self, request: HttpRequest, obj: ChecklistItem | None = None) -> bool:
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Names the unpublished items above the list: no visitor gets them,
        whatever the rules say (guidance/checks.py, guidance.I001)."""
        response = super().changelist_view(request, extra_context)
        if isinstance(response, TemplateResponse) and response.context_data is not None:
            unpublished = ChecklistItem.objects.exclude(published=True).values_list(
                "key", flat=True
            )
            response.context_data["unpublished_keys"] = list(unpublished)
        return response

    @admin.action(description=_("Publish the selected checklist items"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[ChecklistItem]) -> None:
        self.set_published(request, queryset, published=True)

    @admin.action(description=_("Unpublish the selected checklist items"), permissions=["publish"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[ChecklistItem]) -> None:
        self.set_published(request, queryset, published=False)

    def set_published(
        self, request: HttpRequest, queryset: QuerySet[ChecklistItem], published: bool
    ) -> None:
        changed = 0
        # One save per item, so each change gets a history entry.
        for item in queryset.exclude(published=published):
            item.published = published
            item.save()
            changed += 1
        self.message_user(
            request,
            ngettext("Changed %d checklist item.", "Changed %d checklist items.", changed)
            % changed,
            messages.SUCCESS,
        )
