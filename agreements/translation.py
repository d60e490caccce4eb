"""Which agreement fields are translated (English and Norwegian), and their history.

As in guidance/translation.py: history is registered after the translation
registration, so the historical models get every language's field, and the
untranslated original columns (which read whichever language is active) are
left out of it.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from agreements.models import Agreement, AgreementCountry


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("name", "summary", "body")
    required_languages = ("en",)


@register(AgreementCountry)
class AgreementCountryTranslation(TranslationOptions):
    fields = ("note",)


register_history(Agreement, excluded_fields=["name", "summary", "body"])
register_history(AgreementCountry, excluded_fields=["note"])
