"""`manage.py loadcontent`: the content files reach the database, and never
over an editor's change."""

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from content.loading import HISTORY_REASON, ContentLoader
from guidance.initial_content.loader import load as load_guides
from guidance.models import ChecklistItem, Guide
from tests.support.admin_forms import change_url, form_data
from tests.support.publishing import publish_draft_of, publisher_client

pytestmark = pytest.mark.django_db

FIRST_DATABASE = Path(__file__).parent / "support" / "database-v1.sqlite3.gz"


def loadcontent() -> str:
    output = StringIO()
    call_command("loadcontent", stdout=output)
    return output.getvalue()


def test_loading_twice_changes_nothing_the_second_time():
    history = Guide.history.count(), ChecklistItem.history.count()
    report = loadcontent()
    assert report.startswith("Created 0, updated 0,")
    assert "left alone 0, removed 0." in report
    assert (Guide.history.count(), ChecklistItem.history.count()) == history


def test_an_editors_edit_and_unpublished_item_survive_migrate_and_loadcontent(editor_client):
    guide = Guide.objects.get(slug="pensioners")
    editor_client.post(change_url(guide), form_data(guide, title_en="Pensioners, as edited"))
    publisher = publisher_client()  # publishes the editor's draft, and unpublishes
    publish_draft_of(guide, publisher)
    publisher.post(
        "/admin/guidance/checklistitem/",
        {
            "action": "unpublish",
            "_selected_action": [ChecklistItem.objects.get(key="private-insurance").pk],
        },
    )
    call_command("migrate", verbosity=0)
    report = loadcontent()
    assert Guide.objects.get(slug="pensioners").title_en == "Pensioners, as edited"
    assert not ChecklistItem.objects.get(key="private-insurance").published
    assert "Left alone, changed by an editor since it was loaded: guidance.guide pensioners" in (
        report
    )
    assert "guidance.checklistitem private-insurance" in report


GUIDE = """
slug = "fixture"
topic = "membership"
last_reviewed = 2026-11-23
sources = ["nav-membership"]
title_en = "{title}"
summary_en = "A guide for the loader test."
body_en = "Intro."
"""


def write_guide(directory: Path, title: str) -> Path:
    (directory / "guides").mkdir(exist_ok=True)
    source = Path(settings.BASE_DIR) / "guidance" / "initial_content"
    shutil.copy(source / "sources.toml", directory / "sources.toml")
    shutil.copy(source / "topics.toml", directory / "topics.toml")
    (directory / "guides" / "fixture.toml").write_text(textwrap.dedent(GUIDE.format(title=title)))
    return directory


def test_a_changed_file_updates_a_record_no_editor_touched_with_a_history_entry(tmp_path):
    load_guides(ContentLoader(), write_guide(tmp_path, "First title"))
    loader = ContentLoader()
    load_guides(loader, write_guide(tmp_path, "Second title"))
    guide = Guide.objects.get(slug="fixture")
    assert guide.title_en == "Second title"
    assert loader.report.updated == ["guidance.guide fixture"]
    latest = guide.history.first()
    assert (latest.title_en, latest.history_change_reason) == ("Second title", HISTORY_REASON)


def test_a_changed_file_leaves_a_record_an_editor_changed(tmp_path):
    load_guides(ContentLoader(), write_guide(tmp_path, "First title"))
    Guide.objects.filter(slug="fixture").update(status=Guide.Status.DRAFT)  # unpublished
    loader = ContentLoader()
    load_guides(loader, write_guide(tmp_path, "Second title"))
    guide = Guide.objects.get(slug="fixture")
    assert (guide.title_en, guide.status) == ("First title", Guide.Status.DRAFT)
    assert loader.report.kept == ["guidance.guide fixture"]


READ_BACK = """
import json
from content.models import Source
from guidance.models import ChecklistItem, Guide
guide = Guide.objects.get(slug="pensioners")
item = ChecklistItem.objects.get(key="private-insurance")
print(json.dumps({
    "guides": Guide.objects.count(),
    "title": guide.title_en,
    "guide_history": [entry.history_user.username if entry.history_user else None
                      for entry in guide.history.all()],
    "item_published": item.published,
    "sources": Source.objects.count(),
    "source_history": Source.history.count(),
    "sources_cited": guide.sources.count(),
}))
"""


def read_first_version(database: Path) -> dict:
    """The same figures as READ_BACK, read with SQL: today's models have
    columns the first version's tables do not have yet."""
    with sqlite3.connect(database) as connection:

        def one(sql: str, *parameters: object) -> object:
            return connection.execute(sql, parameters).fetchone()[0]

        guide = one("SELECT id FROM guidance_guide WHERE slug = 'pensioners'")
        users = connection.execute(
            "SELECT u.username FROM guidance_historicalguide h "
            "LEFT JOIN auth_user u ON u.id = h.history_user_id "
            "WHERE h.id = ? ORDER BY h.history_date DESC, h.history_id DESC",
            (guide,),
        ).fetchall()
        return {
            "guides": one("SELECT COUNT(*) FROM guidance_guide"),
            "title": one("SELECT title_en FROM guidance_guide WHERE id = ?", guide),
            "guide_history": [username for (username,) in users],
            "item_published": bool(
                one("SELECT published FROM guidance_checklistitem WHERE key = 'private-insurance'")
            ),
            "sources": one("SELECT COUNT(*) FROM guidance_source"),
            "source_history": one("SELECT COUNT(*) FROM guidance_historicalsource"),
            "sources_cited": one(
                "SELECT COUNT(*) FROM guidance_guide_sources WHERE guide_id = ?", guide
            ),
        }


def test_a_database_made_by_the_first_version_migrates_with_its_content_and_history(tmp_path):
    """tests/support/database-v1.sqlite3.gz was made with the migrations of the
    first version (content loaded by data migrations); in it an editor had
    retitled the pensioners guide and unpublished the private-insurance item."""
    database = tmp_path / "v1.sqlite3"
    database.write_bytes(gzip.decompress(FIRST_DATABASE.read_bytes()))
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}

    def manage(*arguments: str) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    before = read_first_version(database)
    manage("migrate", "--noinput")
    report = manage("loadcontent")
    after = json.loads(manage("shell", "-v", "0", "-c", READ_BACK))
    assert after["title"] == before["title"] == "Pensioners (edited by an editor)"
    assert after["guide_history"] == before["guide_history"] == ["old-editor", None]
    assert after["item_published"] is before["item_published"] is False
    assert after["sources_cited"] == before["sources_cited"] > 0
    assert after["source_history"] >= before["source_history"] == before["sources"]
    assert "guidance.guide pensioners" in report
