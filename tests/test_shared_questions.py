"""Question sets a mentor builds from what their protégé shared.

The mentor asks these questions *to* the protégé: every one addresses the protégé, none
speaks of "your mentor", and the set is about what was shared (its topic words, the
protégé's phrases in second person), never a copy of their sentences. The shared items
below were written for these tests, in the ways protégés write (first person, bare
actions, noun phrases, a question for the mentor), not from the generator's templates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.bootstrap import open_workspace
from assistant.coding.coder import code_utterance
from assistant.config import load_settings
from assistant.lint import lint_question
from assistant.question_bank import STAGES
from assistant.questions import protege_question_set
from assistant.shared_questions import phrase
from assistant.store.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(load_settings(data_dir=tmp_path / "data"))
    workspace.add_user("max", "mentor")
    yield workspace
    workspace.engine.dispose()


def agenda(goal: str, where: str = "", options: str = "", asks: str = "", step: str = "") -> str:
    """An agenda as the protégé approves it (the coach's layout, their words in quotes)."""
    def said(*words: str) -> str:
        return "; ".join(f"“{w}”" for w in words if w) or "(to discuss)"

    return "\n".join([
        "**Mentor meeting agenda (Thursday 10:00)**",
        "1. Catch-up since last time: what's happened since last time (5 min)",
        f"2. My goal: {said(goal)} (10 min)",
        f"3. Where things stand: {said(*where.split(' | '))} (10 min)",
        f"4. Options I'm weighing: {said(*options.split(' | '))} (10 min)",
        f"5. Questions for my mentor: {said(asks)} (10 min)",
        f"6. My next step: {said(step)} (5 min)",
    ])


def share_all(ws: Workspace, name: str, markdown: str | None = None, goals: tuple[str, ...] = (),
              commitments: tuple[tuple[str, str, str], ...] = (),
              log: tuple[tuple[str, str, str], ...] = ()) -> None:
    ws.add_user(name, "protege")
    ws.pair(name, "max")
    me = ws.user(name)
    thread = f"{name}-thread-0001"
    ws.register_thread(me, thread)
    if markdown:
        a = ws.save_agenda(me, thread, markdown, datetime(2031, 3, 6, 9, 0, tzinfo=UTC), approve=True)
        ws.share(me, "agenda", a.id)
    for text in goals:
        ws.save_thread_records(me, thread, {"goal": text})
        for g in ws.goals(me):
            ws.share(me, "goal", g.id)
    for text, due, outcome in commitments:
        c = ws.add_commitment(me, thread, text, due)
        if outcome != "open":
            ws.review_commitment(me, c.id, outcome, "")
        ws.share(me, "commitment", c.id)
    for kind, text, evidence in log:
        e = ws.add_log_entry(me, kind, text, evidence)
        ws.share(me, "log", e.id)


SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself)\b", re.I)
FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself)\b")
MENTOR = re.compile(r"\bmentors?\b", re.I)


def check_set(ws: Workspace, name: str, count: int, must_mention: tuple[str, ...], never: tuple[str, ...]) -> list[str]:
    result = protege_question_set(ws, ws.user("max"), name, count)
    texts = [q.text for q in result.questions]
    assert len(texts) == count and len(set(texts)) == count
    assert [q.stage for q in result.questions] == sorted((q.stage for q in result.questions), key=STAGES.index)
    for text in texts:
        assert SECOND_PERSON.search(text), text  # asked to the protégé
        assert not FIRST_PERSON.search(text), text  # their "my"/"I" never comes through unturned
        assert not MENTOR.search(text), text  # the mentor is asking: never "your mentor"
        assert text.count("?") == 1 and text.endswith("?"), text
        assert lint_question(text).ok, (text, lint_question(text).kinds)
        coded = code_utterance(text)
        assert coded.code == "question_open" and not coded.directive, (text, coded)
    joined = "\n".join(texts).lower()
    for words in must_mention:
        assert words.lower() in joined, (words, texts)
    for words in never:
        assert words.lower() not in joined, (words, texts)
    return texts


def test_a_career_change_agenda_with_a_commitment_and_a_strength(ws: Workspace) -> None:
    share_all(
        ws, "ana",
        agenda("I'd like to move from support into a data analyst role",
               where="I've done two SQL courses but nobody at work knows",
               options="apply internally | build a portfolio on weekends",
               asks="how did you get your first analyst job?"),
        commitments=(("finish the dashboard for the churn numbers", "end of month", "open"),),
        log=(("strength", "I explain technical stuff to customers without jargon", ""),),
    )
    texts = check_set(
        ws, "ana", 12,
        must_mention=("data analyst role", "two SQL courses", "applying internally", "building a portfolio",
                      "the dashboard for the churn numbers", "explaining technical stuff to customers"),
        # Their whole sentences, and their question to the mentor turned round, never appear.
        never=("I'd like to move from support", "nobody at work knows", "your first analyst job",
               "my first analyst job", "you explain technical stuff"),
    )
    fitted = [t for t in texts if "data analyst" in t or "churn" in t or "portfolio" in t]
    assert 3 <= len(fitted) <= 8  # the shared substance leads; the bank still brings range


def test_commitments_and_a_weakness_without_an_agenda(ws: Workspace) -> None:
    share_all(
        ws, "raj",
        commitments=(("book a 1:1 with my skip-level about the promotion", "next week", "open"),
                     ("write down three wins from this quarter", "", "open")),
        log=(("weakness", "I undersell my work in status meetings", "the sprint demo on Monday"),),
    )
    check_set(
        ws, "raj", 12,
        must_mention=("booking a 1:1 with your skip-level", "three wins", "underselling your work",
                      "the sprint demo on Monday"),
        never=("my skip-level", "book a 1:1", "i undersell"),
    )


def test_a_workload_goal_a_negative_and_a_goal_about_the_mentor(ws: Workspace) -> None:
    share_all(
        ws, "kim",
        agenda("stop burning out every release cycle", where="My manager keeps adding scope after planning",
               step="I'll say no to one extra request this week"),
        goals=("get more out of my sessions with my mentor",),
        log=(("weakness", "I can't switch off in the evenings", ""),),
    )
    check_set(
        ws, "kim", 8,
        must_mention=("burning out every release cycle", "saying no to one extra request",
                      "not being able to switch off in the evenings"),
        # "can't switch off" is never turned into "switching off"; the manager's doing is not
        # said back as if it were hers.
        never=("what have you noticed about switching off", "adding scope", "your sessions with"),
    )


def test_a_finished_commitment_and_evidence_from_the_log(ws: Workspace) -> None:
    share_all(
        ws, "lee",
        agenda("I want to become the go-to person for accessibility on my team",
               where="I fixed the screen reader bugs in the checkout flow | nobody asked me to",
               asks="should I ask for the title?"),
        commitments=(("run a lunch-and-learn on keyboard navigation", "", "done"),),
        log=(("strength", "I notice details other people miss", "the audit I ran in March"),),
    )
    texts = check_set(
        ws, "lee", 12,
        must_mention=("accessibility on your team", "lunch-and-learn on keyboard navigation"),
        never=("on my team", "ask for the title", "asked me"),
    )
    done = next(t for t in texts if "lunch-and-learn" in t)
    assert not done.startswith(("How are you going about", "What might get in the way"))  # it is done


@pytest.mark.parametrize(("said", "phrase_back"), [
    ("I freeze when VPs ask me questions", "freezing when VPs ask you questions"),
    ("I never finish my side projects because I take on too much", "not finishing your side projects"),
    ("I was told I'm too quiet in meetings", "being told you're too quiet in meetings"),
    ("I keep saying yes to every request from other teams", "saying yes to every request from other teams"),
    ("ask my manager about the budget on Friday", "asking your manager about the budget on Friday"),
    ("public speaking", "public speaking"),
    ("what do hiring managers look for?", ""),  # a question for the mentor is theirs to answer
    ("how did you prepare for your first review", ""),  # "you" is the mentor: not said back
    ("My team lead cancels our one-to-ones", ""),  # about someone else: no phrase of hers
])
def test_the_protege_words_become_a_short_phrase_in_second_person(said: str, phrase_back: str) -> None:
    assert phrase(said) == phrase_back
