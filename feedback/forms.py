from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import COMMENT_MAX_LENGTH, PageFeedback, Report

PATH_MAX_LENGTH = 200


def page_path(raw: str | None) -> str:
    """A path on this site ("/en/guides/…"), without a query string (a
    checklist's holds the visitor's answers); "" for anything else."""
    path = (raw or "").strip().split("?")[0].split("#")[0]
    if not path.startswith("/") or path.startswith("//") or len(path) > PATH_MAX_LENGTH:
        return ""
    return path


class ReportForm(forms.ModelForm):  # type: ignore[type-arg]  # ModelForm[Report] fails at runtime
    # Whatever a link put here, a report is kept: page_path() drops what is not a path.
    page = forms.CharField(required=False, widget=forms.HiddenInput)
    # Left empty by people; robots that fill in every field fill it in.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    class Meta:
        model = Report
        fields = ["page", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
        labels = {"message": _("What is wrong?")}
        error_messages = {
            "message": {
                "required": _("Write what is wrong"),
                "max_length": _("Write at most %(limit_value)d characters"),
            }
        }

    def clean_page(self) -> str:
        return page_path(self.cleaned_data.get("page"))

    @property
    def is_from_a_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class PageFeedbackForm(forms.Form):
    """ "Was this page useful?": the page, the button pressed, an optional comment."""

    page = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": _("This answer is not about a page of this site.")},
    )
    useful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Choose Yes or No"), "invalid_choice": _("Choose Yes or No")},
    )
    comment = forms.CharField(
        label=_("What was missing or unclear? (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Write at most %(limit_value)d characters")},
    )
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def clean_page(self) -> str:
        path = page_path(self.cleaned_data.get("page"))
        if not path:
            raise forms.ValidationError(_("This answer is not about a page of this site."))
        return path

    @property
    def is_from_a_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def save(self) -> PageFeedback:
        return PageFeedback.objects.create(
            page=self.cleaned_data["page"],
            useful=self.cleaned_data["useful"],
            comment=self.cleaned_data["comment"].strip(),
        )
