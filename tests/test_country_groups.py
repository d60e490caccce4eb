"""The country groups the rules know by law agree with the agreements data, and
the system check says so when an editor's change makes them differ."""

import pytest

from agreements.models import AgreementCountry
from guidance.checks import check_country_groups

pytestmark = pytest.mark.django_db


def test_the_loaded_agreements_agree_with_the_rules_country_groups():
    assert check_country_groups(databases=["default"]) == []


def test_a_country_removed_from_the_eea_agreement_is_a_warning():
    AgreementCountry.objects.filter(agreement__slug="eea", country="PL").delete()
    warnings = check_country_groups(databases=["default"])
    assert [warning.id for warning in warnings] == ["guidance.W002"]
    assert "'eea'" in warnings[0].msg
