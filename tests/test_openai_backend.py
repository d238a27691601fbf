"""The `openai` backend through the real `openai` client against a loopback HTTP server."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.bootstrap import directive_check
from assistant.coach.phrasing import FOLD_BUDGET, HISTORY_BUDGET
from assistant.coach.service import CoachService
from assistant.config import Settings
from assistant.llm.base import BackendError, PhraseRequest
from assistant.llm.offline import OfflineBackend
from assistant.llm.openai_backend import OpenAIBackend
from assistant.records import Partial, Reply
from assistant.tokens import count_tokens
from tests.fake_openai_server import FakeOpenAI, Scripted, openai_settings

GOAL = "I want to get better at presenting to leadership"





def service_for(settings: Settings) -> CoachService:
    return CoachService(settings, OpenAIBackend(settings), None, directive_check)


def final(events: list[Partial | Reply]) -> Reply:
    reply = events[-1]
    assert isinstance(reply, Reply)
    return reply


def test_reply_is_streamed_from_the_server_with_limits_and_prompts(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.script("It sounds like presenting to leadership matters to you. What would a good presentation look like?")
    service = service_for(openai_settings(fake, tmp_path))
    events = list(service.respond("ana", "t1", GOAL))
    reply = final(events)
    assert reply.backend == "openai"
    assert reply.text == (
        "It sounds like presenting to leadership matters to you. What would a good presentation look like?"
    )
    # The first sentence was passed on as soon as it was written and checked; the question
    # arrives with the reply.
    assert [e.text for e in events if isinstance(e, Partial)] == [
        "It sounds like presenting to leadership matters to you."]
    chat = fake.chat_requests()
    body = chat[0]["body"]
    assert chat[0]["path"] == "/v1/chat/completions"
    assert chat[0]["auth"] == "Bearer sk-test-0000"
    assert body["model"] == "coach-test"
    assert body["stream"] is True
    # Compatible servers often ignore max_completion_tokens: both fields carry the limit.
    assert body["max_tokens"] == 120
    assert body["max_completion_tokens"] == 120
    messages = body["messages"]
    assert messages[0]["role"] == "system"
    assert "You ask; you do not tell." in messages[0]["content"]
    assert messages[-1]["role"] == "user"
    assert GOAL in messages[-1]["content"]
    assert "Planned move:" in messages[-1]["content"]


def test_a_streamed_reply_reaches_the_protege_a_sentence_at_a_time(fake: FakeOpenAI, tmp_path: Path) -> None:
    import time

    fake.script(Scripted("It sounds like presenting to leadership matters to you. The last time felt rushed. "
                         "What would a good presentation look like?", delay=0.1))
    service = service_for(openai_settings(fake, tmp_path))
    started = time.monotonic()
    seen: list[tuple[float, Partial | Reply]] = [(time.monotonic() - started, e)
                                                 for e in service.respond("ana", "t1", GOAL)]
    partials = [(t, e.text) for t, e in seen if isinstance(e, Partial)]
    assert [text for _, text in partials] == [
        "It sounds like presenting to leadership matters to you.",
        "It sounds like presenting to leadership matters to you. The last time felt rushed.",
    ]
    done_at, reply = seen[-1]
    assert isinstance(reply, Reply) and reply.text.endswith("What would a good presentation look like?")
    assert partials[0][0] < done_at - 0.5  # the first sentence came well before the last word


def test_a_sentence_that_fails_the_guard_is_never_streamed(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.script(
        "Presenting to leadership clearly matters to you. You should volunteer at the next all-hands. "
        "What do you think?",
        "Presenting to leadership matters to you. What would you like to be different next time?",
    )
    service = service_for(openai_settings(fake, tmp_path))
    events = list(service.respond("ana", "t1", GOAL))
    streamed = " ".join(e.text for e in events if isinstance(e, Partial))
    assert "volunteer" not in streamed and "What do you think" not in streamed
    reply = final(events)
    assert "volunteer" not in reply.text and reply.text.endswith("?")


def test_directive_reply_is_regenerated_once_with_a_correction(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.script(
        "You should volunteer to present at the next all-hands meeting.",
        "Presenting to leadership matters to you. What would you like to be different next time?",
    )
    reply = final(list(service_for(openai_settings(fake, tmp_path)).respond("ana", "t1", GOAL)))
    assert reply.text == "Presenting to leadership matters to you. What would you like to be different next time?"
    chat = fake.chat_requests()
    assert len(chat) == 2
    assert "IMPORTANT: Your previous reply was rejected" in chat[1]["body"]["messages"][-1]["content"]


def test_directive_twice_falls_back_to_the_offline_move(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.script("You should practise in front of a mirror.", "Why don't you ask your manager for help?")
    service = service_for(openai_settings(fake, tmp_path))
    reply = final(list(service.respond("ana", "t1", GOAL)))
    assert reply.backend == "offline"
    assert "presenting to leadership" in reply.text
    assert not directive_check(reply.text)[0]


def test_server_error_falls_back_and_keeps_the_message(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.script(Scripted(status=500))
    service = service_for(openai_settings(fake, tmp_path))
    reply = final(list(service.respond("ana", "t1", GOAL)))
    assert reply.backend == "offline"
    assert reply.notices == [
        "The language model couldn't answer (the model server answered HTTP 500); "
        "the built-in coach replied instead."
    ]
    history = service.history("ana", "t1")
    assert [t.role for t in history] == ["user", "assistant"]
    assert history[0].content == GOAL


def test_slow_stream_times_out_with_a_clear_error(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.script(Scripted("one two three four five six", delay=0.6))
    backend = OpenAIBackend(openai_settings(fake, tmp_path, request_timeout=0.5))
    request = PhraseRequest(move="reflection+question", stage="goal", draft="What matters?", message=GOAL)
    with pytest.raises(BackendError, match=r"no answer within 0.5 s"):
        list(backend.phrase(request))


def test_a_reply_past_the_length_limit_is_not_shown_cut(fake: FakeOpenAI, tmp_path: Path) -> None:
    # Some servers ignore every limit field; a reply cut mid-sentence would read as whole,
    # so past the limit the call fails and the turn falls back to the built-in coach.
    fake.script(" ".join(["word"] * 400))
    backend = OpenAIBackend(openai_settings(fake, tmp_path, max_reply_tokens=20))
    request = PhraseRequest(move="reflection+question", stage="goal", draft="What matters?", message=GOAL)
    chunks: list[str] = []
    with pytest.raises(BackendError, match="ran past 20 tokens"):
        for chunk in backend.phrase(request):
            chunks.append(chunk)
    assert count_tokens("".join(chunks)) <= 20


def test_openai_embeddings_build_an_index_that_records_its_model(fake: FakeOpenAI, tmp_path: Path) -> None:
    from assistant.knowledge.ingest import ingest
    from assistant.knowledge.retrieve import Retriever
    from assistant.knowledge.store import KnowledgeError
    from tests.guidance_fixture import write_corpus

    settings = openai_settings(
        fake, tmp_path, knowledge_dir=write_corpus(tmp_path / "guidance"),
        embedding_model="openai:text-embedding-3-small",
    )
    report = ingest(settings, progress=False)
    assert len(report.added) == 3 and report.failures == []
    calls = [r for r in fake.requests if r["path"] == "/v1/embeddings"]
    assert calls and calls[0]["body"]["model"] == "text-embedding-3-small"
    top = Retriever(settings).search("Who schedules each meeting?", 1)[0]
    assert top.section == "Who schedules meetings"
    local = settings.model_copy(update={"embedding_model": "local"})
    with pytest.raises(KnowledgeError, match="built with the embedding model 'openai:text-embedding-3-small'"):
        Retriever(local)


def test_a_coaching_turn_makes_one_model_call_and_understanding_stays_offline(fake: FakeOpenAI, tmp_path: Path) -> None:
    message = "Honestly the thing on my mind is the staff engineer track, landing it before summer"
    service = service_for(openai_settings(fake, tmp_path))
    final(list(service.respond("ana", "t1", message)))
    # One call: the reply. No extraction call, no summary this early.
    assert len([r for r in fake.requests if r["path"] == "/v1/chat/completions"]) == 1
    assert len(fake.chat_requests()) == 1
    offline = CoachService(openai_settings(fake, tmp_path / "offline", backend="offline"), OfflineBackend(), None,
                           directive_check)
    final(list(offline.respond("ana", "t1", message)))
    # What the turn understood is the offline reading's, whichever backend phrases it.
    assert service.state("ana", "t1")["slots"] == offline.state("ana", "t1")["slots"]


def test_the_agenda_is_shown_as_written_not_rephrased(fake: FakeOpenAI, tmp_path: Path) -> None:
    service = service_for(openai_settings(fake, tmp_path))
    turns = [GOAL, "Leadership nodding along instead of asking me to redo the deck",
             "Right now I rush through the slides and freeze on questions",
             "I could rehearse with a colleague or ask to shadow my manager's next review",
             "I'll book a rehearsal with Priya before Friday",
             "What she looks for in a leadership deck", "no, that's all"]
    replies = [final(list(service.respond("ana", "t1", t))) for t in turns]
    agenda = next(r for r in replies if r.move == "summary+agenda")
    # The agenda is a record the protégé approves: the engine's text, word for word,
    # and the model was not asked to rephrase it.
    assert agenda.backend == "offline" and agenda.text == service.state("ana", "t1")["draft"]
    assert not any("summary+agenda" in str(r["body"]["messages"][-1]["content"]) for r in fake.chat_requests())
    # Approving it: what was saved is said as written too, with no model call for it.
    asked = len(fake.chat_requests())
    closing = final(list(service.respond("ana", "t1", "looks good")))
    assert closing.move == "closing" and closing.backend == "offline" and len(fake.chat_requests()) == asked


def test_long_threads_keep_the_prompt_bounded_with_a_rolling_summary(fake: FakeOpenAI, tmp_path: Path) -> None:
    service = service_for(openai_settings(fake, tmp_path))
    backend = service.backend
    assert isinstance(backend, OpenAIBackend)
    for i in range(20):
        detail = "the quarterly review went fine and my team shipped the release on time. " * 6
        final(list(service.respond("ana", "t1", f"{GOAL}, and here is more detail number {i}: {detail}")))
    state = service.state("ana", "t1")
    assert state["summary"] == "Earlier: the protégé set a goal."
    # Every earlier message is in the summary, in the window, or in a batch still too small to fold.
    earlier = state["messages"][:-2]  # before the last exchange
    window = len(last_window := fake.chat_requests()[-1]["body"]["messages"][1:-1])
    pending = earlier[state["summary_upto"]:len(earlier) - window]
    assert state["summary_upto"] > 0 and last_window
    assert sum(count_tokens(m["content"]) + 4 for m in pending) < FOLD_BUDGET
    last = fake.chat_requests()[-1]["body"]["messages"]
    recent = last[1:-1]  # between the system prompt and the instruction
    assert len(recent) >= 1 and sum(count_tokens(m["content"]) + 4 for m in recent) <= HISTORY_BUDGET
    assert "Earlier in this conversation: Earlier: the protégé set a goal." in last[-1]["content"]
    # Summaries are made when the turns that left the window add up (FOLD_BUDGET), not every turn.
    summaries = [r for r in fake.requests if "Summarise the earlier part" in str(r["body"]["messages"][-1])]
    assert 1 <= len(summaries) <= 20 // 3
