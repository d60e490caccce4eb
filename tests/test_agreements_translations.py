"""Every agreements page reads as Norwegian on /nb/.

Country names spelt the same in both languages (Canada, Chile, Malta …) come
from django-countries and are not English left behind, so they are allowed.
"""

import pytest

from agreements.models import Agreement, AgreementCountry
from tests.support.translations import (
    country_names_alike_in_both_languages,
    english_left_on_norwegian_page,
)

pytestmark = pytest.mark.django_db


def test_no_english_is_left_on_any_norwegian_agreements_page(client):
    codes = sorted({row.code for row in AgreementCountry.objects.all()})
    slugs = Agreement.objects.values_list("slug", flat=True)
    paths = [
        "/agreements/",
        "/agreements/choose/?country=zz",
        "/agreements/br/",
        "/agreements/no/",
        "/agreements/sj/",
        *(f"/agreements/{code}/" for code in codes),
        *(f"/agreements/agreement/{slug}/" for slug in slugs),
    ]
    left = {path: english_left_on_norwegian_page(client, path) for path in paths}
    assert {path: texts for path, texts in left.items() if texts} == {}


def test_the_alike_names_are_few_and_really_country_names():
    alike = country_names_alike_in_both_languages()
    assert {"Canada", "Chile", "Israel", "India"} <= alike
    assert "Poland" not in alike and "Norway" not in alike
