from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """Visitors' reports of mistakes and accessibility problems.

    Not a content app: a visitor's message must not count as a change to the
    content, which would empty every cached page.
    """

    name = "feedback"
    verbose_name = _("Reports from visitors")
