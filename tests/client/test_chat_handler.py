"""The chat handler: translated text, hidden tools, still-working notices, silent edits, cut recovery."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from support.clock import FakeTime
from support.fake_cloud import FakeCloud, Reply, adk, sample_draft, typed

from skill.client import errors as e
from skill.client.api import NemoClient
from skill.handlers.chat import SentenceBuffer, send_chat
from skill.handlers.feedback import Feedback


class Seen:
    def __init__(self) -> None:
        self.texts: list[str] = []
        self.notices: list[str] = []

    @property
    def feedback(self) -> Feedback:
        return Feedback(on_text=self.texts.append, on_notice=self.notices.append)


def _set_draft(draft: dict[str, Any]) -> Callable[[FakeCloud], None]:
    def effect(cloud: FakeCloud) -> None:
        cloud.draft = draft

    return effect


def test_text_is_translated_and_tools_stay_internal(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.chat_default = lambda: Reply.sse(
        [
            adk(call="sync_to_beat"),
            adk(result="sync_to_beat"),
            adk("Synced to the beat. "),
            adk("Open the timeline panel to see tracks."),
        ]
    )
    seen = Seen()
    reply = send_chat(client, "sync it", feedback=seen.feedback)
    assert reply.outcome == "replied"
    assert seen.texts[0] == "Synced to the beat."
    assert "panel" not in " ".join(seen.texts)
    assert not any("sync_to_beat" in t for t in seen.texts)
    assert reply.texts == tuple(seen.texts)
    assert reply.texts[-1].startswith("Timeline") or reply.texts[-1].startswith("The timeline")


def test_export_action_goes_back_to_the_caller(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.chat_default = lambda: Reply.sse([adk("All set. Click the Export button to download your video.")])
    reply = send_chat(client, "done?")
    assert reply.actions == ("export",)
    assert "button" not in reply.text.lower()


def test_credits_action_runs_here(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.chat_default = lambda: Reply.sse([adk("Check your account billing page.")])
    reply = send_chat(client, "how much is left")
    assert reply.actions == ()
    assert "100 available" in reply.text


def test_streamed_pieces_are_joined_into_sentences(cloud: FakeCloud, client: NemoClient) -> None:
    pieces = ["Trim", "med to 3", ".5 s. Added", " a title", "."]
    cloud.chat_default = lambda: Reply.sse([typed("text", p) for p in pieces])
    seen = Seen()
    send_chat(client, "trim", feedback=seen.feedback)
    assert seen.texts == ["Trimmed to 3.5 s.", "Added a title."]


def test_still_working_notice_every_interval(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], fake_time: FakeTime
) -> None:
    fake_time.tick = 10.0
    client = make_client(heartbeat_notice_s=45.0)
    cloud.chat_default = lambda: Reply.sse([typed("heartbeat")] * 12 + [typed("text", "Done.")])
    seen = Seen()
    send_chat(client, "make it", feedback=seen.feedback)
    working = [n for n in seen.notices if "Still working" in n]
    assert 2 <= len(working) <= 4
    assert seen.texts == ["Done."]


def test_silent_edit_reports_the_change(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.draft = sample_draft(title=None)
    cloud.chat_default = lambda: Reply.sse(
        [adk(call="add_title"), adk(result="add_title")], effect=_set_draft(sample_draft())
    )
    seen = Seen()
    reply = send_chat(client, "add a title Urban Dreams", feedback=seen.feedback)
    assert reply.outcome == "changed"
    assert seen.texts[0].startswith("Done: added title")
    assert "Urban Dreams" in seen.texts[0]


def test_silent_turn_without_change_says_so(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.draft = sample_draft()
    cloud.chat_default = lambda: Reply.sse([typed("heartbeat"), b": ping\n\n"])
    reply = send_chat(client, "hmm")
    assert reply.outcome == "unchanged"
    assert "did not change" in reply.text


def test_cut_stream_is_never_resent_and_recovery_reports(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], fake_time: FakeTime
) -> None:
    client = make_client(recovery_first_wait_s=30.0, recovery_interval_s=60.0, recovery_max_checks=5)
    cloud.draft = sample_draft()  # where the edit lands, late
    cloud.chat_default = lambda: Reply.sse([adk("Adding the ti", partial=True)], cut=True)
    # before the turn and the first two checks still see the old draft; the third sees the title
    old = Reply.ok({"state": {"draft": sample_draft(title=None)}})
    cloud.script("state", old, old, old)
    seen = Seen()
    send_before = cloud.count("chat")
    reply = send_chat(client, "add a title", feedback=seen.feedback)
    assert cloud.count("chat") == send_before + 1  # sent exactly once
    assert reply.outcome == "recovered"
    assert "Adding the ti" in seen.texts[0]
    assert any("won't send your message again" in n for n in seen.notices)
    assert fake_time.sleeps == [30.0, 60.0, 60.0]
    assert "added title" in reply.text


def test_cut_stream_unchanged_offers_a_retry(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], fake_time: FakeTime
) -> None:
    client = make_client(recovery_first_wait_s=3.0, recovery_interval_s=5.0, recovery_max_checks=4)
    cloud.draft = sample_draft()
    cloud.chat_default = lambda: Reply.sse([typed("heartbeat")], cut=True)
    reply = send_chat(client, "make it pop")
    assert reply.outcome == "unconfirmed" and reply.retry_offered
    assert fake_time.sleeps == [3.0, 5.0, 5.0, 5.0]
    assert cloud.count("chat") == 1
    assert cloud.count("state") == 1 + 4
    assert "4 checks" in reply.text


def test_idle_timeout_follows_the_same_recovery(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], fake_time: FakeTime
) -> None:
    client = make_client(stream_idle_timeout_s=1.0, recovery_first_wait_s=1.0, recovery_max_checks=1)
    cloud.draft = sample_draft(title=None)
    cloud.chat_default = lambda: Reply.sse([typed("heartbeat"), 3.0], effect=_set_draft(sample_draft()))
    seen = Seen()
    reply = send_chat(client, "title", feedback=seen.feedback)
    assert reply.outcome == "recovered"
    assert any("timed out" in n for n in seen.notices)
    assert cloud.count("chat") == 1


def test_in_band_error_after_text(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.chat_default = lambda: Reply.sse([adk("Generating now."), {"error": "GPU pool exhausted"}])
    seen = Seen()
    with pytest.raises(e.StreamError) as info:
        send_chat(client, "generate", feedback=seen.feedback)
    assert seen.texts == ["Generating now."]
    assert "GPU pool exhausted" in info.value.user_text("en")
    assert cloud.count("chat") == 1


def test_in_band_out_of_credits_gives_the_bind_link(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.chat_default = lambda: Reply.sse([{"error": "no credits", "error_details": {"code": 2001}}])
    with pytest.raises(e.OutOfCredits) as info:
        send_chat(client, "generate")
    assert "register?bind=anon_" in info.value.user_text("en")


def test_trailing_temporary_issue_is_dropped(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.chat_default = lambda: Reply.sse(
        [adk("Title added."), adk("I encountered a temporary issue, please retry.")]
    )
    reply = send_chat(client, "title")
    assert reply.texts == ("Title added.",)


def test_chinese_reply(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.chat_default = lambda: Reply.sse([typed("text", "好的，"), typed("text", "已同步节拍。")])
    reply = send_chat(client, "同步节拍", lang="zh")
    assert reply.text == "好的，已同步节拍。"


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        (["Hello. ", "World"], ["Hello.", "World"]),
        (["3", ".5 s"], ["3.5 s"]),
        (["Done!"], ["Done!"]),
        (["好的。", "继续"], ["好的。", "继续"]),
        (["line one\nline", " two"], ["line one", "line two"]),
        (["word " * 60, "tail"], [("word " * 60).strip(), "tail"]),
    ],
)
def test_sentence_buffer(pieces: list[str], expected: list[str]) -> None:
    buffer = SentenceBuffer()
    out: list[str] = []
    for piece in pieces:
        out.extend(buffer.add(piece))
    out.extend(buffer.flush())
    assert out == expected


def test_sentence_buffer_keeps_a_numbered_timeline_summary_whole() -> None:
    from skill.handlers.chat import SentenceBuffer

    buffer = SentenceBuffer()
    pieces = [
        "Undone. Timeline (3 tracks): 1. Video: a (0-15s) 2. ",
        'BGM: x (0-15s, 80%) 3. Title: "N" (0-3s)',
    ]
    out = [s for piece in pieces for s in buffer.add(piece)] + buffer.flush()
    assert out == [
        "Undone.",
        'Timeline (3 tracks): 1. Video: a (0-15s) 2. BGM: x (0-15s, 80%) 3. Title: "N" (0-3s)',
    ]


def _status(event: dict[str, Any], outcome: str, **lists: list[str]) -> dict[str, Any]:
    event["customMetadata"] = {"turn": {"outcome": outcome, **lists}}
    return event


def test_a_typed_backend_is_read_from_its_calls_not_its_prose(cloud: FakeCloud, client: NemoClient) -> None:
    # the prose says "click Export", but no export call came: nothing is exported
    cloud.chat_default = lambda: Reply.sse(
        [_status(adk("OK, not yet. When ready, click the Export button."), "done", done=[])]
    )
    reply = send_chat(client, "don't export yet")
    assert reply.actions == () and reply.outcome == "replied"
    assert "button" not in reply.text.lower()


def test_a_typed_export_call_is_an_action(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.chat_default = lambda: Reply.sse(
        [
            adk(call="set_aspect_ratio"),
            adk(call="export"),
            _status(adk("Vertical now."), "done", done=["export"]),
        ]
    )
    reply = send_chat(client, "make it vertical and export")
    assert reply.actions == ("export",)


@pytest.mark.parametrize("outcome", ["partial", "not_understood"])
def test_the_backend_says_when_a_turn_was_not_done(
    cloud: FakeCloud, client: NemoClient, outcome: str
) -> None:
    cloud.chat_default = lambda: Reply.sse(
        [_status(adk("I can't move the title yet."), outcome, done=[], not_done=["title_position"])]
    )
    reply = send_chat(client, "put the title at the bottom")
    assert reply.outcome == outcome
    assert reply.fields["not_done"] == ["title_position"]
