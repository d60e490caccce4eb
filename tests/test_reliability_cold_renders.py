"""What cold renders can keep between requests without ever going stale:
data kept in the process per content version, and template fragments keyed
on the version."""

import pytest
from django.template import engines
from django.test import RequestFactory

from content.cache import kept_in_process
from guidance.models import Guide
from tests.support.factories import make_guide

pytestmark = pytest.mark.django_db


def test_data_kept_in_the_process_is_built_once_per_content_version():
    builds = []

    @kept_in_process
    def published_titles() -> list[str]:
        builds.append(1)
        return sorted(Guide.objects.values_list("title_en", flat=True))

    first = published_titles()
    assert published_titles() is first
    assert len(builds) == 1
    make_guide(title_en="A guide saved after the first build")
    assert "A guide saved after the first build" in published_titles()
    assert len(builds) == 2


def test_a_fragment_keyed_on_the_content_version_shows_an_editors_change():
    template = engines["django"].from_string(
        "{% load cache %}{% cache 600 guide_title guide.pk content_version %}"
        "{{ guide.title_en }}{% endcache %}"
    )
    guide = make_guide(title_en="Before")
    request = RequestFactory().get("/en/")
    assert template.render({"guide": guide}, request) == "Before"
    Guide.objects.filter(pk=guide.pk).update(title_en="Unseen: no save signal")
    assert template.render({"guide": Guide.objects.get(pk=guide.pk)}, request) == "Before"
    guide.title_en = "After"
    guide.save()
    assert template.render({"guide": guide}, request) == "After"
