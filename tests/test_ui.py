"""The Prepare tab: handlers called directly, then the real app over HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr
from gradio_client import Client

from assistant.coach import templates as T
from assistant.coach.service import CoachService
from assistant.config import Settings
from assistant.records import Reply
from assistant.ui.app import build_ui, launch
from assistant.ui.chat_tab import chat_turn, stage_html, start_thread


def test_a_turn_streams_and_fills_the_side_panels(service: CoachService) -> None:
    thread, history = start_thread(service, "ana")
    assert history == [{"role": "assistant", "content": T.GREETING}]
    frames = list(chat_turn(service, "ana", thread, "I want to get better at presenting to leadership", history))
    # At once: the message and an empty reply bubble; then the reply, checked whole.
    assert len(frames) == 2
    pending, last = frames[0][0], frames[-1]
    assert pending[-2:] == [{"role": "user", "content": "I want to get better at presenting to leadership"},
                            {"role": "assistant", "content": ""}]
    final_history, stage, slots, _sources, notices = last
    assert [m["role"] for m in final_history] == ["assistant", "user", "assistant"]
    assert final_history[1]["content"] == "I want to get better at presenting to leadership"
    assert "get better at presenting to leadership" in final_history[2]["content"]
    assert "grow-current" in stage and ">Goal<" in stage
    assert "**Your goal:** get better at presenting to leadership" in slots
    assert notices == ""


def test_logistics_question_shows_its_source(service: CoachService) -> None:
    thread, history = start_thread(service, "ana")
    *_, last = chat_turn(service, "ana", thread, "Who schedules the meetings with my mentor?", history)
    assert "program-handbook.md › Who schedules meetings" in last[3]
    assert "schedules each meeting" in last[0][-1]["content"]


def test_what_people_type_is_shown_as_text_not_rendered(service: CoachService) -> None:
    thread, history = start_thread(service, "ana")
    typed = '<h1>Big</h1> ![pixel](http://tracker.example/p.gif) [click](https://evil.example) # not a heading'
    *_, last = chat_turn(service, "ana", thread, typed, history)
    shown = last[0][-2]["content"]
    assert "<h1>" not in shown and "&lt;h1&gt;" in shown
    assert "\\[click\\]" in shown and "!\\[pixel\\]" in shown  # brackets escaped: no link, no image
    assert "http://" not in shown and "https://" not in shown  # not auto-linked either
    assert "<" not in last[0][-1]["content"]  # nor does the coach's reply carry their markup


def test_empty_message_gets_a_hint_and_no_bubble(service: CoachService) -> None:
    thread, history = start_thread(service, "ana")
    *_, last = chat_turn(service, "ana", thread, "   ", history)
    assert last[0] == [*history, {"role": "assistant", "content": T.EMPTY_MESSAGE_NOTICE}]
    assert service.history("ana", thread) == []  # nothing stored for an empty message


def test_huge_message_is_cut_with_a_notice(service: CoachService) -> None:
    thread, history = start_thread(service, "ana")
    *_, last = chat_turn(service, "ana", thread, "I want to grow as a leader. " * 30_000, history)
    assert last[4] == ("⚠️ Your message was long, so I read the first 200 tokens (roughly the first few pages) only.")
    stored = service.history("ana", thread)[0].content
    assert stored.startswith("I want to grow as a leader.") and len(stored) < 1_500


def test_stage_html_marks_done_current_and_todo() -> None:
    html = stage_html("options")
    assert html.count("grow-done") == 2 and html.count("grow-current") == 1 and html.count("grow-todo") == 2


def test_app_smoke_over_http(served: str) -> None:
    client = Client(served, verbose=False)
    result: Any = client.predict("I want to get better at presenting to leadership", api_name="/chat")
    (box, history, stage, _slots, _sources, _notices, pinned) = result
    # The browser refreshes the side panels right after each reply (the chained event).
    agenda, _when, status, shared, commitments, log, _goal, sharing, threads = client.predict(api_name="/after_chat")
    assert pinned == {"__type__": "update", "visible": False, "value": ""}  # no support contacts for ordinary talk
    assert (agenda, shared) == ("", False) and "appears here" in status  # no agenda after one turn
    assert "kept here" in commitments and "Nothing logged yet" in log \
        and sharing["choices"] == [] and "no mentor yet" in sharing["label"]
    # The conversation's line in "Your conversations" now carries the goal just named.
    assert any("get better at presenting to leadership" in label for label, _ in threads["choices"])
    assert box == {"__type__": "update"}  # the page empties the box when it sends; the server leaves it alone
    assert history[-1]["role"] == "assistant"
    content = history[-1]["content"]  # Gradio 6 sends message content as typed parts
    text = "".join(part["text"] for part in content) if isinstance(content, list) else content
    assert "presenting to leadership" in text
    assert text.count("?") == 1
    assert "grow-current" in stage


def test_ui_builds_as_blocks(service: CoachService, offline_settings: Settings) -> None:
    assert isinstance(build_ui(service, offline_settings), gr.Blocks)


def test_mentor_tab_generates_lints_and_exports(tmp_path: Path) -> None:
    from assistant.config import PROJECT_ROOT
    from assistant.ui.mentor_tab import generate, lint_text, questions_markdown

    bank = PROJECT_ROOT / "knowledge" / "questions.yaml"
    text, status = generate("asking for feedback", 8, bank)
    assert len(text.splitlines()) == 8 and status.startswith("8 questions")
    rows, summary = lint_text(text + "\nHave you considered asking your lead?")
    assert summary == "9 questions checked, 1 flagged."
    assert rows[-1][1] == "advice" and rows[-1][3]
    assert all(row[1] == "ok" for row in rows[:-1])
    assert generate("", 8, bank) == ("", "⚠️ the topic is empty; say what the protégé wants to work on.")
    assert lint_text("  \n") == ([], "⚠️ Nothing to check: write or generate some questions first.")
    assert questions_markdown("feedback", "What matters?\nWhat next?") == (
        "# Questions for: feedback\n\n1. What matters?\n2. What next?\n")
    assert questions_markdown("x", "") is None


def _serve(service: CoachService, settings: Settings) -> tuple[gr.Blocks, str]:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    demo = build_ui(service, settings)
    launch(demo, settings.model_copy(update={"port": port}), service.workspace, prevent_thread_lock=True, quiet=True)
    return demo, f"http://127.0.0.1:{port}/"


def test_password_sign_in_uses_the_users_table(service: CoachService, offline_settings: Settings) -> None:
    import pytest

    assert service.workspace is not None
    service.workspace.add_user("ana", "protege", password="a long passphrase")
    settings = offline_settings.model_copy(update={"auth": "password"})
    demo, url = _serve(service, settings)
    try:
        with pytest.raises(Exception):  # noqa: B017 - the client raises a generic error on a refused login
            Client(url, auth=("ana", "wrong password"), verbose=False)
        client = Client(url, auth=("ana", "a long passphrase"), verbose=False)
        result: Any = client.predict("I want to get better at presenting to leadership", api_name="/chat")
        assert "presenting to leadership" in str(result[1][-1]["content"])
        assert service.workspace.threads(service.workspace.user("ana"))  # the thread is ana's
    finally:
        demo.close()


def test_trusted_header_names_the_user(service: CoachService, offline_settings: Settings) -> None:
    assert service.workspace is not None
    settings = offline_settings.model_copy(update={"auth": "header"})
    demo, url = _serve(service, settings)
    try:
        client = Client(url, headers={"X-Forwarded-User": "bea"}, verbose=False)
        client.predict("I want to lead my team", api_name="/chat")
        bea = service.workspace.user("bea")
        assert bea.role == "protege" and len(service.workspace.threads(bea)) == 1
        import httpx
        import pytest

        with pytest.raises(httpx.HTTPStatusError) as refused:  # no header: the server refuses the turn
            Client(url, verbose=False).predict("hello", api_name="/chat")
        assert refused.value.response.status_code == 401
        assert "X-Forwarded-User" in refused.value.response.text
        assert {u.name for u in service.workspace.users()} == {"bea"}  # nothing stored for the anonymous call
    finally:
        demo.close()


def test_opening_the_app_resumes_the_unfinished_thread(service: CoachService) -> None:
    first, opening = service.resume("ana")
    assert opening == T.GREETING
    assert service.resume("ana") == (first, None)  # nothing said yet: the same thread, no new one
    list(service.respond("ana", first, "I want to get better at presenting to leadership"))
    assert service.resume("ana") == (first, None)  # unfinished: continue it
    assert service.workspace is not None
    ana = service.workspace.user("ana")
    assert [t.id for t in service.workspace.thread_overview(ana)] == [first]
    service._graph.update_state(service._config("ana", first), {"stage": "done"}, as_node="persist")
    second, opening = service.resume("ana")  # finished: a new thread
    assert second != first and opening
    assert [t.id for t in service.workspace.thread_overview(ana)] == [second, first]
    assert "get better at presenting to leadership" in service.workspace.thread_overview(ana)[1].goal


def test_an_agenda_approved_in_the_panel_is_approved_for_the_coach_too(service: CoachService,
                                                                       offline_settings: Settings) -> None:
    from assistant.ui.workspace_panel import save_agenda
    from tests.prep_script import PREP_SCRIPT

    thread, _ = service.resume("ana")
    for message in PREP_SCRIPT:
        list(service.respond("ana", thread, message))
    ws = service.workspace
    assert ws is not None
    ana = ws.user("ana")
    draft = ws.latest_agenda(ana, "ana")
    assert draft is not None and draft.status == "draft"
    note = save_agenda(ws, offline_settings, ana, thread, draft.markdown, "2030-01-10 10:00", approve=True)
    assert note.startswith("Approved"), note
    # No mirroring: the coach reads the approval from the one place it is kept.
    assert service.state("ana", thread)["stage"] == "done"
    *_, reply = service.respond("ana", thread, "thanks")
    assert isinstance(reply, Reply) and reply.text.startswith(T.AFTER_APPROVAL)
    assert service.resume("ana")[0] != thread  # finished: the next visit starts a new one
