"""Every way a model server can misbehave still gives the protégé an answer and a notice.

Each fault is produced by a real HTTP server on loopback and read by the real `openai`
client, ten turns each: no traceback, no half reply shown as whole, nothing lost.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from assistant.bootstrap import directive_check
from assistant.coach.phrasing import AS_WRITTEN
from assistant.coach.service import CoachService
from assistant.llm.openai_backend import OpenAIBackend
from assistant.records import Reply
from tests.fake_openai_server import FAULTS, FakeOpenAI, Scripted, openai_settings

MESSAGES = [
    "I want to get better at presenting to leadership",
    "Right now I freeze when the VP asks a question I didn't expect",
    "Success would be getting through the Q&A calmly",
    "I could rehearse with a colleague or ask my mentor how she prepares",
    "I think rehearsing appeals most",
]





def final(service: CoachService, thread: str, text: str) -> Reply:
    reply = list(service.respond("ana", thread, text))[-1]
    assert isinstance(reply, Reply)
    return reply


@pytest.mark.parametrize("fault", [f for f in FAULTS if f != "hang"])
def test_each_stream_fault_gives_an_answered_turn_with_a_notice(fault: str, fake: FakeOpenAI, tmp_path: Path) -> None:
    service = CoachService(openai_settings(fake, tmp_path), OpenAIBackend(openai_settings(fake, tmp_path)), None,
                           directive_check)
    answered = 0
    for i in range(10):
        # The reply and the guard's retry both misbehave, so the built-in coach must answer.
        fake.replies.clear()
        fake.script(*[Scripted("It sounds like this matters. What would help you most here?", fault=fault)] * 2)
        reply = final(service, "t1", MESSAGES[i % len(MESSAGES)])
        assert reply.backend == "offline" and len(reply.text.split()) >= 4
        if reply.move in AS_WRITTEN:  # the agenda: said as written, no model asked, nothing to tell
            assert not reply.notices
            continue
        assert any("built-in coach replied instead" in n for n in reply.notices), reply.notices
        answered += 1
    assert answered >= 8
    history = service.history("ana", "t1")
    assert [t.role for t in history] == ["user", "assistant"] * 10  # every message kept and answered


def test_a_hung_server_costs_at_most_the_turn_deadline(fake: FakeOpenAI, tmp_path: Path) -> None:
    settings = openai_settings(fake, tmp_path, request_timeout=30.0, turn_deadline=1.5)
    service = CoachService(settings, OpenAIBackend(settings), None, directive_check)
    for i in range(3):
        fake.script(Scripted("never", fault="hang", delay=10))
        started = time.monotonic()
        reply = final(service, "t1", MESSAGES[i])
        took = time.monotonic() - started
        assert took < 1.5 + 1.0, took
        assert reply.backend == "offline"
        assert any("did not finish within the turn's time" in n for n in reply.notices), reply.notices


@pytest.mark.parametrize("fault", ["json_for_stream", "malformed_sse", "done_only"])
def test_a_thread_whose_summary_fails_keeps_answering(fault: str, fake: FakeOpenAI, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.coach.phrasing as phrasing

    # Short messages: fold after a few turns so that several summaries are due in 14.
    monkeypatch.setattr(phrasing, "FOLD_BUDGET", 150)
    fake.summary_fault = fault
    settings = openai_settings(fake, tmp_path)
    service = CoachService(settings, OpenAIBackend(settings), None, directive_check)
    for i in range(14):
        fake.replies.clear()
        fake.script("It sounds like that matters to you. What else is on your mind about it?")
        reply = final(service, "t1", f"{MESSAGES[i % len(MESSAGES)]} (detail {i})")
        # Answered by the model (the failed summary costs nothing visible), or the agenda as written.
        assert reply.backend == ("offline" if reply.move in AS_WRITTEN else "openai"), (i, reply.notices)
    state = service.state("ana", "t1")
    assert state["summary_upto"] > 0  # the slots stood in for the failed summary
    assert len(service.history("ana", "t1")) == 28


def test_a_turn_that_crashed_is_answered_with_the_next_message(
        fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.coach.turn as turn_module

    settings = openai_settings(fake, tmp_path, backend="offline")
    from assistant.llm.offline import OfflineBackend

    service = CoachService(settings, OfflineBackend(), None, directive_check)
    original = turn_module.decide

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("engine bug")

    monkeypatch.setattr(turn_module, "decide", broken)
    first = final(service, "t1", "I want to get better at presenting to leadership")
    assert first.move == "notice" and "Your message is saved" in first.text
    assert [t.role for t in service.history("ana", "t1")] == ["user"]  # kept, not yet answered
    monkeypatch.setattr(turn_module, "decide", original)
    second = final(service, "t1", "mostly the Q&A part")
    assert "presenting to leadership" in " ".join(service.state("ana", "t1").get("slots", {}).values())
    assert second.text.endswith("?")
    assert [t.role for t in service.history("ana", "t1")] == ["user", "user", "assistant"]
