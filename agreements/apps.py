from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Social security agreements")

    def ready(self) -> None:
        from agreements.lookup import forget_cached_coverage
        from agreements.models import Agreement, AgreementCountry

        # The country lookup is cached; any change to what it reads starts afresh.
        for model in (Agreement, AgreementCountry):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_cached_coverage,
                    sender=model,
                    dispatch_uid=f"forget_cached_coverage:{model.__name__}:{signal is post_save}",
                )
