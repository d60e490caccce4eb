"""No silent overwrites: a change form remembers the version it was opened on.

Two editors may open the same guide; without this, the second to save would
undo the first one's change without ever seeing it. The form carries a token
of the record's version (its newest history entry, the newest entry of the
rows edited inline with it, such as an agreement's countries, and its open
pending version in the publishing workflow); a save whose token is no longer
the record's is refused, and the form shows what the other editor changed.
The refused form then carries the current token: saving again, having seen
the change, is a deliberate choice.

The refused form also takes the other editor's change into every field this
editor left alone, so saving it again keeps both changes; where both changed
the same field, the editor's own input stays (and the change shown says
what it replaces).

A post without a token (a script, an old test) is not checked: only forms
opened in admin carry one.
"""

import datetime
import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Max
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

TOKEN_FIELD = "version_token"  # noqa: S105  # a form field's name, not a secret

CONFLICT_MESSAGE = _(
    "Someone else saved this page since you opened it. Your changes are not saved yet. "
    "The form below now holds their changes too, except in the fields you changed "
    "yourself, which keep your input. Here is what they changed; check the form, then "
    "save again."
)


def newest_history_id(model: type[models.Model], **filters: Any) -> int:
    manager = getattr(model, "history", None)
    if manager is None:
        return 0
    found: int | None = manager.filter(**filters).aggregate(newest=Max("history_id"))["newest"]
    return found or 0


def pending_token(record: models.Model) -> str:
    """The workflow's token of the record's open pending version, "" without one
    (or before the workflow's model exists)."""
    try:
        pending = apps.get_model("content", "PendingChange")
    except LookupError:
        return ""
    token_for: Callable[[models.Model], str] | None = getattr(pending.objects, "token_for", None)
    return token_for(record) if token_for is not None else ""


def version_token(record: models.Model, children: Iterable[tuple[type[models.Model], str]]) -> str:
    """The version a form was opened on: "history id.children's id.pending".

    `children` names the models edited inline with the record and their
    foreign key to it: a change to them is a change of the record.
    """
    own = newest_history_id(type(record), **{record._meta.pk.attname: record.pk})
    inline = max(
        (newest_history_id(model, **{f"{fk_name}_id": record.pk}) for model, fk_name in children),
        default=0,
    )
    pending = pending_token(record)
    pending_hash = hashlib.sha256(pending.encode()).hexdigest()[:16] if pending else ""
    return f"{own}.{inline}.{pending_hash}"


def history_id_in(token: str) -> int | None:
    """The record's history id a token was made from, if it is one."""
    first = token.split(".", 1)[0]
    return int(first) if first.isdigit() else None


def with_version_check(
    form_class: type[forms.ModelForm],  # type: ignore[type-arg]
    token: str,
    current_token: Callable[[], str],
    opened_version: Callable[[str], Any],
    describe_change: Callable[[str], SafeString],
) -> type[forms.ModelForm]:  # type: ignore[type-arg]
    """`form_class` with a hidden token of the version it shows, refusing a
    save when the record has changed since. `opened_version` finds the
    history entry a token names; `describe_change` tells, from the editor's
    token, what the other editor changed."""

    class VersionCheckedForm(form_class):  # type: ignore[valid-type,misc]
        version_token = forms.CharField(widget=forms.HiddenInput, required=False, initial=token)

        def clean(self) -> dict[str, Any]:
            cleaned: dict[str, Any] = super().clean()
            opened_on = cleaned.get(TOKEN_FIELD) or ""
            now = current_token()
            if opened_on and opened_on != now:
                form: forms.ModelForm = self  # type: ignore[type-arg]
                data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict
                # From now on the form is based on the current version.
                data[form.add_prefix(TOKEN_FIELD)] = now
                version = opened_version(opened_on)
                if version is not None:
                    take_their_changes(form, version, data)
                form.data = data
                raise ValidationError([CONFLICT_MESSAGE, describe_change(opened_on)])
            return cleaned

    return VersionCheckedForm


def take_their_changes(form: forms.ModelForm, opened: Any, data: Any) -> None:  # type: ignore[type-arg]
    """Into the posted `data`: the other editor's value of every field this
    editor left as it was in the version they opened. Where both changed a
    field, the editor's own input stays."""
    record = form.instance  # as stored: the form has not written to it yet
    for name, field in form.fields.items():
        try:
            model_field = record._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        then, now = value_in(opened, model_field), value_in(record, model_field)
        if then == now or model_field.name not in tracked_names(opened):
            continue
        posted = form[name].data
        if isinstance(then, str) and isinstance(posted, str):
            # Browsers send a textarea's line breaks as CRLF; forms strip ends.
            left_alone = posted.replace("\r\n", "\n").strip() == then.strip()
        else:
            left_alone = not field.has_changed(then, posted)
        if left_alone:
            put(data, form.add_prefix(name), now)


def tracked_names(version: Any) -> set[str]:
    return {field.name for field in version.tracked_fields} | {
        field.name for field in version._history_m2m_fields
    }


def value_in(source: Any, field: Any) -> Any:
    """A field's value in a record or a history entry: related ids for a
    many-to-many field, sorted."""
    if isinstance(field, models.ManyToManyField):
        if hasattr(source, "history_id"):  # a history entry keeps its own rows
            column = f"{field.m2m_reverse_field_name()}_id"
            return sorted(getattr(source, field.name).values_list(column, flat=True))
        return sorted(getattr(source, field.name).values_list("pk", flat=True))
    return getattr(source, field.attname)


def put(data: Any, name: str, value: Any) -> None:
    """A value into posted data, as the field's widget would have posted it."""
    if isinstance(value, list):
        data.setlist(name, [str(item) for item in value])
    elif isinstance(value, bool):
        if value:
            data[name] = "on"
        else:
            data.pop(name, None)
    elif value is None:
        data[name] = ""
    elif isinstance(value, datetime.date):
        data[name] = value.isoformat()
    else:
        data[name] = str(value)
