"""Which Source and Rate fields are translated, and their history.

History is registered after the translation registration, so that the
historical model includes every language's field; the untranslated original
field is left out of it, since modeltranslation makes it read whichever
language is active (see guidance/translation.py). The sources' history
table keeps the name it had when sources belonged to the guidance app.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from content.models import Rate, RateValue, Source


@register(Source)
class SourceTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


register_history(Source, excluded_fields=["title"], table_name="guidance_historicalsource")


@register(Rate)
class RateTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


register_history(Rate, excluded_fields=["name"])
register_history(RateValue)
