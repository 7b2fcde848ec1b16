"""The store: tokens, isolation, draft history and expiry, without a server."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.local.errors import NotFound, SessionNotFound, UnsupportedFile
from skill.local.media import display_name, file_type_for
from skill.local.store import Store, empty_draft


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_tokens_are_reused_until_they_expire(tmp_path: Path) -> None:
    clock = Clock()
    store = Store(tmp_path, clock=clock).open()
    a = store.token_for_client("c1")
    assert store.token_for_client("c1") == a
    assert store.user_for_token(a.token) == a.user_id
    clock.now += 7 * 24 * 3600 + 1
    assert store.user_for_token(a.token) is None
    b = store.token_for_client("c1")
    assert b.token != a.token
    store.close()


def test_sessions_are_private(tmp_path: Path) -> None:
    store = Store(tmp_path).open()
    alice = store.token_for_client("a").user_id
    bob = store.token_for_client("b").user_id
    session = store.create_session(alice, "en", empty_draft())
    assert store.session(alice, session.session_id).user_id == alice
    with pytest.raises(SessionNotFound):
        store.session(bob, session.session_id)
    with pytest.raises(NotFound):
        store.render(bob, "render_x")
    store.close()


def test_draft_history_and_undo(tmp_path: Path) -> None:
    store = Store(tmp_path).open()
    user = store.token_for_client("a").user_id
    sid = store.create_session(user, "en", empty_draft()).session_id
    assert store.undo(sid) is None
    store.push_draft(sid, {"t": [], "d": 1, "m": {}})
    store.push_draft(sid, {"t": [], "d": 2, "m": {}})
    assert store.draft(sid)["d"] == 2
    assert store.undo(sid)["d"] == 1  # type: ignore[index]
    assert store.undo(sid) == empty_draft()
    assert store.undo(sid) is None
    store.close()


def test_redo_brings_back_what_undo_took_and_a_new_edit_clears_it(tmp_path: Path) -> None:
    store = Store(tmp_path).open()
    user = store.token_for_client("a").user_id
    sid = store.create_session(user, "en", empty_draft()).session_id
    assert store.redo(sid) is None
    for d in (1, 2, 3):
        store.push_draft(sid, {"t": [], "d": d, "m": {}})
    store.undo(sid)
    store.undo(sid)
    assert store.draft(sid)["d"] == 1
    assert store.redo(sid)["d"] == 2  # type: ignore[index]
    assert store.redo(sid)["d"] == 3  # type: ignore[index]
    assert store.redo(sid) is None
    store.undo(sid)
    store.push_draft(sid, {"t": [], "d": 9, "m": {}})
    assert store.redo(sid) is None  # the undone draft is gone once something new is done
    assert store.undo(sid)["d"] == 2  # type: ignore[index]
    store.close()


def test_history_is_bounded(tmp_path: Path) -> None:
    store = Store(tmp_path).open()
    user = store.token_for_client("a").user_id
    sid = store.create_session(user, "en", empty_draft()).session_id
    for i in range(120):
        store.push_draft(sid, {"t": [], "d": i, "m": {}})
    rows = store._all("SELECT COUNT(*) AS n FROM drafts WHERE session_id = ?", (sid,))  # noqa: SLF001
    assert rows[0]["n"] <= 52
    store.close()


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../etc/passwd.mp3", "passwd.mp3"),
        ("..\\..\\x.wav", "x.wav"),
        ("/abs/path/a.wav", "a.wav"),
        ("bad\x00na\x1bme\n.wav", "badname.wav"),
        ("....", ""),
        ("x" * 300 + ".wav", "x" * 116 + ".wav"),
    ],
)
def test_display_names(name: str, shown: str) -> None:
    assert display_name(name) == shown


def test_file_types() -> None:
    assert file_type_for("a.MP3") == ("audio", "mp3")
    assert file_type_for("clip.mov") == ("video", "mov")
    assert file_type_for("photo.jpeg") == ("image", "jpeg")
    with pytest.raises(UnsupportedFile):
        file_type_for("../evil.sh")
