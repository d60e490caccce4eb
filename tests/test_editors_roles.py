"""Two roles in admin: editors write; publishers also delete what may be
deleted (an agreement's country added by mistake) and unlock logins."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from agreements.models import Agreement, AgreementCountry
from content.editors import EDITORS_GROUP, PUBLISHERS_GROUP, sync_publishers_group
from tests.support.admin_forms import agreement_change_url, agreement_form_data
from tests.support.clients import EDITOR_PASSWORD, make_client
from tests.support.publishing import post_and_publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher_client():
    user = User.objects.create_user("publisher-in-test", password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(sync_publishers_group())
    client = make_client()
    client.force_login(user)
    return client


def permissions_of(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_both_groups_exist_after_migrate_with_their_rights():
    editors, publishers = permissions_of(EDITORS_GROUP), permissions_of(PUBLISHERS_GROUP)
    assert "guidance.change_guide" in editors and "guidance.change_guide" in publishers
    assert "agreements.delete_agreementcountry" not in editors
    assert "agreements.delete_agreementcountry" in publishers
    assert "axes.delete_accessattempt" in publishers - editors
    assert not any(name.startswith("auth.") for name in publishers)


def test_createeditor_with_publisher_puts_the_login_in_both_groups():
    output = io.StringIO()
    call_command("createeditor", "--username", "pia", "--publisher", stdout=output)
    user = User.objects.get(username="pia")
    assert set(user.groups.values_list("name", flat=True)) == {EDITORS_GROUP, PUBLISHERS_GROUP}
    assert user.is_staff and not user.is_superuser
    assert "Created the publisher login 'pia'." in output.getvalue()


def test_createeditor_without_it_makes_an_editor_only():
    call_command("createeditor", "--username", "eddie", stdout=io.StringIO())
    groups = User.objects.get(username="eddie").groups.values_list("name", flat=True)
    assert list(groups) == [EDITORS_GROUP]


def test_an_editor_gets_no_delete_box_for_a_country(editor_client):
    agreement = Agreement.objects.get(slug="united-states")
    page = editor_client.get(agreement_change_url(agreement)).content.decode()
    assert "countries-0-DELETE" not in page


def test_a_publisher_removes_a_country_and_history_says_so(publisher_client):
    agreement = Agreement.objects.get(slug="united-states")
    # A live agreement: each change is a draft the publisher publishes at once.
    post_and_publish(
        publisher_client,
        agreement_change_url(agreement),
        agreement_form_data(agreement, rows=[{}, {"country": "CA"}]),
    )
    assert agreement.countries.filter(country="CA").exists()
    rows = [{"DELETE": "on"} if row.country == "CA" else {} for row in agreement.countries.all()]
    page = publisher_client.get(agreement_change_url(agreement)).content.decode()
    assert "countries-0-DELETE" in page

    response = post_and_publish(
        publisher_client, agreement_change_url(agreement), agreement_form_data(agreement, rows=rows)
    )

    assert response.status_code == 302
    assert not agreement.countries.filter(country="CA").exists()
    reasons = list(agreement.history.values_list("history_change_reason", flat=True)[:2])
    published = "Published draft by publisher-in-test, approved by publisher-in-test."
    assert reasons == [
        f"{published} Countries removed: Canada.",
        f"{published} Countries added: Canada.",
    ]
    deleted = AgreementCountry.history.filter(country="CA", history_type="-").get()
    assert deleted.history_user.username == "publisher-in-test"
    history = publisher_client.get(f"/admin/agreements/agreement/{agreement.pk}/history/")
    assert "Countries removed: Canada." in history.content.decode()


@pytest.mark.django_db
def test_history_keeps_a_reason_naming_every_country_of_the_eea_agreement():
    """Publishing names the countries added and removed; for the EEA agreement
    that is dozens of names, far past simple-history's default 100 characters
    (which PostgreSQL enforces)."""
    agreement = Agreement.objects.get(slug="eea")
    names = ", ".join(row.country.name for row in agreement.countries.all())
    reason = f"Published draft by editor, approved by publisher. Countries added: {names}."
    assert len(reason) > 100
    agreement._change_reason = reason
    agreement.save()
    assert agreement.history.latest().history_change_reason == reason
