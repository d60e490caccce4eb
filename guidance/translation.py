"""Which model fields are translated (English and Norwegian), and their history.

History is registered here, after the translation registration, so that the
historical models include every language's field (a HistoricalRecords field
on the model itself would miss the _en/_nb fields and break every save).

The untranslated original fields (`title`, `summary`, `body`) are left out of
history: modeltranslation makes them read the active language, so keeping them
would record whichever language the editor's browser asked for and show it as
a change. The _en and _nb fields hold the real text.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from content.history_records import HistoricalRecordsWithRelations
from guidance.models import ChecklistItem, Guide, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("title", "summary")
    required_languages = ("en",)


@register(Guide)
class GuideTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("en",)


register_history(Topic, excluded_fields=["title", "summary"])
# Sources and related guides are part of each version (and of a revert): one
# save is one version, its relations included (content/history_records.py).
register_history(
    Guide,
    excluded_fields=["title", "summary", "body"],
    m2m_fields=["sources", "related"],
    records_class=HistoricalRecordsWithRelations,
)


@register(ChecklistItem)
class ChecklistItemTranslation(TranslationOptions):
    fields = ("title", "body", "step", "deadline")
    required_languages = ("en",)


register_history(
    ChecklistItem,
    excluded_fields=["title", "body", "step", "deadline"],
    m2m_fields=["sources", "deadline_sources"],
    records_class=HistoricalRecordsWithRelations,
)
