"""Issue 9.6 — bounds on hostile sizes: a 1 MB title (written straight into the file, past the caps) no longer
makes the pack take minutes (451 s measured); the caps refuse such a title in French."""

from __future__ import annotations

import time

import pytest

from crte_desktop.domain.errors import ValidationError
from crte_desktop.editing.actions import ActionService
from crte_desktop.meetings.pack import build_pack
from tests.meetings.conftest import TODAY
from tests.meetings.test_pack import out, prepared  # noqa: F401 - the fixtures
from tests.reports.pdf_text import page_texts

pytestmark = pytest.mark.usefixtures("qapp")


def test_a_one_megabyte_title_makes_a_pack_in_seconds(world, prepared, out):  # noqa: F811
    huge = "Réhabilitation " * 70_000  # about 1 MB
    world.store.conn.execute("UPDATE action SET title = ?, description = ? WHERE id = ?",
                             (huge, huge, world.ids["action1"]))
    start = time.perf_counter()
    result = build_pack(world.store, prepared.id, out / "dossier.pdf", today=TODAY)
    assert time.perf_counter() - start < 30  # seconds, not minutes (a loaded 2-core machine)
    texts = page_texts(out / "dossier.pdf")
    assert len(texts) == result.page_count < 80
    assert any("texte tronqué" in t for t in texts)


def test_the_caps_refuse_a_long_title_in_french(world):
    service = ActionService(world.store)
    fiche = service.load(world.ids["action1"])
    fiche.action.title = "x" * 301
    with pytest.raises(ValidationError, match="L'intitulé est trop long : 301 caractères pour 300 au plus"):
        service.save(fiche)
    fiche.action.title = "x" * 300
    service.save(fiche)
