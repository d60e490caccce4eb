"""For tests that edit live content as before drafts existed: a publisher who
saves and publishes in one post (content/workflow_admin.py's "Approve and
publish" button), as the only active publisher (CONTENT_ALLOW_SELF_APPROVAL's
default then allows approving one's own change)."""

from django.contrib.auth.models import User
from django.test import Client

from content.editors import sync_editors_group, sync_publishers_group
from tests.support.clients import EDITOR_PASSWORD, make_client

PUBLISH_BUTTON = {"_publish": "1", "confirmed": "yes"}


def make_publisher(username: str = "publisher-in-test") -> User:
    """The publisher of that name (the same one if asked twice in a test)."""
    user = User.objects.filter(username=username).first() or User.objects.create_user(
        username, password=EDITOR_PASSWORD, is_staff=True
    )
    user.groups.add(sync_editors_group(), sync_publishers_group())
    return user


def publisher_client(user: User | None = None) -> Client:
    client = make_client()
    client.force_login(user or make_publisher())
    return client


def post_and_publish(client: Client, url: str, data: dict):
    """The change form posted with "Approve and publish": on a live record the
    change is published at once (a draft record is simply saved)."""
    return client.post(url, {**data, **PUBLISH_BUTTON})


def publish_draft_of(record, client: Client | None = None):
    """A publisher approves and publishes the record's open draft (an editor's
    save) from its review page, as the Pending versions list offers it."""
    from django.urls import reverse

    from content.workflow import current_draft

    draft = current_draft(record)
    assert draft is not None, f"{record!r} has no draft to publish"
    url = reverse("admin:content_pendingchange_decide", args=[draft.pk])
    response = (client or publisher_client()).post(url, PUBLISH_BUTTON)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response
