"""Which addresses count as official sources, and who publishes them."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Publisher(models.TextChoices):
    NAV = "nav", "NAV"
    HELFO = "helfo", "Helfo"
    HELSENORGE = "helsenorge", "helsenorge.no"
    UDI = "udi", "UDI"
    TAX_ADMINISTRATION = "skatteetaten", _("The Norwegian Tax Administration")
    GOVERNMENT = "regjeringen", "regjeringen.no"
    LOVDATA = "lovdata", "Lovdata"
    WORK_IN_NORWAY = "workinnorway", "Work in Norway"
    # The government's portal where the agencies' forms are filled in (Digdir).
    ALTINN = "altinn", "Altinn"


# Each publisher's own domain: a source is only official on it.
PUBLISHER_DOMAINS = {
    Publisher.NAV: "nav.no",
    Publisher.HELFO: "helfo.no",
    Publisher.HELSENORGE: "helsenorge.no",
    Publisher.UDI: "udi.no",
    Publisher.TAX_ADMINISTRATION: "skatteetaten.no",
    Publisher.GOVERNMENT: "regjeringen.no",
    Publisher.LOVDATA: "lovdata.no",
    Publisher.WORK_IN_NORWAY: "workinnorway.no",
    Publisher.ALTINN: "altinn.no",
}


def publisher_of(url: str) -> Publisher | None:
    host = (urlsplit(url).hostname or "").lower()
    for publisher, domain in PUBLISHER_DOMAINS.items():
        if host == domain or host.endswith("." + domain):
            return publisher
    return None


def validate_official_url(url: str) -> None:
    if urlsplit(url).scheme != "https" or publisher_of(url) is None:
        raise ValidationError(
            _("Use an https address on an official site: %(domains)s."),
            params={"domains": ", ".join(PUBLISHER_DOMAINS.values())},
            code="unofficial",
        )
