"""Which agreement fields are translated (English and Norwegian), and their history.

As in guidance/translation.py: history is registered after the translation
registration, so the historical models get every language's field, and the
untranslated original columns (which read whichever language is active) are
left out of it.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from agreements.models import Agreement, AgreementCountry
from content.history_records import HistoricalRecordsWithRelations


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("name", "summary", "body")
    required_languages = ("en",)


@register(AgreementCountry)
class AgreementCountryTranslation(TranslationOptions):
    fields = ("note",)


# Its sources are part of each version, as a guide's (guidance/translation.py).
register_history(
    Agreement,
    excluded_fields=["name", "summary", "body"],
    m2m_fields=["sources"],
    records_class=HistoricalRecordsWithRelations,
)
register_history(AgreementCountry, excluded_fields=["note"])
