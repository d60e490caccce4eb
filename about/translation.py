"""Which page fields are translated, and their history (registered after the
translation, so that it keeps every language's field; see
guidance/translation.py for why the untranslated originals are left out)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from about.models import Page


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("en",)


register_history(Page, excluded_fields=["title", "summary", "body"])
