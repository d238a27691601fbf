"""Mentor question sets: open questions from the bank, fitted to a topic, spread over the
four GROW stages, each one passing the question linter, plus listening prompts."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.knowledge.embeddings import LocalEmbedder
from assistant.knowledge.lexical import keyword_scores
from assistant.lint import lint_question
from assistant.question_bank import STAGES, BankQuestion, QuestionBankError, load_bank, load_topics

STAGE_TITLES = {"goal": "Goal", "reality": "Reality", "options": "Options", "will": "Way forward"}
LISTENING_PROMPTS = (
    "After each answer, reflect back what you heard in their words before asking the next question.",
    "When they pause after a hard question, wait: the next thing they say is often the most important.",
    "If they ask what you would do, share it as one option from your experience, then ask what fits them.",
    "Follow their energy: one good follow-up ('What else?') beats moving on to your next prepared question.",
    "Let them choose the next step; your part is to ask how you can support it.",
)
MAX_COUNT = 60
#: The mentor asks these questions; one about "your mentor" would have them speak of
#: themselves in the third person (the coach, which talks to the protégé, keeps them).
_ABOUT_THE_MENTOR = re.compile(r"\bmentors?\b", re.I)


if TYPE_CHECKING:
    from assistant.store.records import UserRecord
    from assistant.store.workspace import Workspace

class QuestionSetError(ValueError):
    """A request for a question set that can't be met; the message says why."""


@dataclass(frozen=True)
class SetQuestion:
    """One question of a set: its GROW stage, its wording, its type (open, clarifying…), the
    topic it was fitted to and a stable id the mentor's edits refer to."""

    stage: str
    text: str
    type: str
    topic: str
    id: str


@dataclass(frozen=True)
class QuestionSet:
    """The questions fitted to one topic, in GROW order, with the listening prompts that go with
    any set (what to notice while the protégé answers)."""

    topic: str
    questions: tuple[SetQuestion, ...]
    listening: tuple[str, ...] = LISTENING_PROMPTS

    def to_markdown(self) -> str:
        lines = [f"# Questions for: {self.topic}", ""]
        n = 0
        for stage in STAGES:
            group = [q for q in self.questions if q.stage == stage]
            if not group:
                continue
            lines += [f"## {STAGE_TITLES[stage]}", ""]
            for q in group:
                n += 1
                lines.append(f"{n}. {q.text}")
            lines.append("")
        lines += ["## Listening prompts for you", ""] + [f"- {p}" for p in self.listening]
        return "\n".join(lines) + "\n"

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["stage", "question", "type", "topic", "id"])
        for q in self.questions:
            writer.writerow([q.stage, q.text, q.type, q.topic, q.id])
        return out.getvalue()

    def to_json(self) -> str:
        questions = [asdict(q) for q in self.questions]
        data = {"topic": self.topic, "questions": questions, "listening": list(self.listening)}
        return json.dumps(data, indent=2, ensure_ascii=False)


SHIPPED_BANK = Path(__file__).resolve().parents[1] / "knowledge" / "questions.yaml"


def bank_path(knowledge_dir: Path) -> Path:
    """The program's own bank when its guidance folder has one with questions, else the shipped one."""
    own = knowledge_dir / "questions.yaml"
    try:
        if own.is_file() and load_bank(own):
            return own
    except QuestionBankError:
        pass  # a broken program bank is reported by `coach questions`; the UI falls back
    return SHIPPED_BANK


#: How much the topic a mentor's words fit best counts, next to each question's own fit,
#: and how that topic fit mixes meaning with shared words ("presenting" ~ "presentations").
TOPIC_WEIGHT = 0.4
TOPIC_WORDS, TOPIC_CHARS = 0.5, 0.3
TOPICS_DRAWN = 2
#: A second topic takes turns only when it fits nearly as well as the first.
TOPIC_MARGIN = 0.1


@dataclass(frozen=True)
class _Topics:
    names: tuple[str, ...]
    texts: tuple[str, ...]
    vectors: np.ndarray

    def fit(self, query_text: str, query: np.ndarray) -> dict[str, float]:
        if not self.names:
            return {}
        chars, words = keyword_scores(query_text, list(self.texts))
        score = self.vectors @ query + TOPIC_WORDS * words + TOPIC_CHARS * chars
        return {n: float(v) for n, v in zip(self.names, score, strict=True)}


@lru_cache(maxsize=2)
def _bank_vectors(bank_path: Path) -> tuple[tuple[BankQuestion, ...], np.ndarray, _Topics]:
    bank = tuple(q for q in load_bank(bank_path) if lint_question(q.text).ok and not _ABOUT_THE_MENTOR.search(q.text))
    embedder = LocalEmbedder()
    vectors = np.array(embedder.embed([f"{q.topic.replace('-', ' ')}: {q.text}" for q in bank]))
    described = load_topics(bank_path)
    names = tuple(sorted(described))
    texts = tuple(f"{n.replace('-', ' ')}: {described[n]}" for n in names)
    topic_vectors = np.array(embedder.embed(list(texts))) if names else np.zeros((0, vectors.shape[1]))
    return bank, vectors, _Topics(names, texts, topic_vectors)


def per_stage_counts(count: int) -> dict[str, int]:
    per_stage = {stage: count // len(STAGES) for stage in STAGES}
    for stage in STAGES[: count % len(STAGES)]:
        per_stage[stage] += 1
    return per_stage


def question_set(
    topic: str, count: int, bank_path: Path = SHIPPED_BANK, first: tuple[SetQuestion, ...] = ()
) -> QuestionSet:
    """`count` bank questions fitted to `topic`; `first` (questions already written for this
    protégé) lead their stages and the bank fills the rest."""
    topic = " ".join((topic or "").split())
    if not topic:
        raise QuestionSetError("the topic is empty; say what the protégé wants to work on.")
    if len(topic) > 500:
        raise QuestionSetError("the topic is longer than 500 characters; summarise it in a sentence.")
    if not 4 <= count <= MAX_COUNT:
        raise QuestionSetError(f"count must be between 4 (one per GROW stage) and {MAX_COUNT}.")
    try:
        bank, vectors, topics = _bank_vectors(bank_path)
    except QuestionBankError as exc:
        raise QuestionSetError(str(exc)) from None
    if not bank:
        raise QuestionSetError(f"the question bank {bank_path} has no questions.")
    query = np.array(LocalEmbedder().embed([topic])[0])
    sims = vectors @ query
    preferred: list[str] = []
    if fit := topics.fit(topic, query):
        # Questions are short and share words across topics ("leader" in "presenting to
        # leadership" pulls in questions about leading a team). The mentor's words are
        # matched to the described topics first; the best one (and the second, taking
        # turns, when it fits nearly as well) is drawn from before any other topic.
        sims = sims + TOPIC_WEIGHT * np.array([fit.get(q.topic, 0.0) for q in bank])
        ordered = sorted(fit, key=lambda name: -fit[name])[:TOPICS_DRAWN]
        preferred = [name for name in ordered if fit[name] >= fit[ordered[0]] - TOPIC_MARGIN]
    per_stage = per_stage_counts(count)
    firsts = np.array(LocalEmbedder().embed([q.text for q in first])) if first else np.zeros((0, len(query)))
    chosen: list[SetQuestion] = []
    for stage in STAGES:
        lead = [q for q in first if q.stage == stage][: per_stage[stage]]
        chosen += lead
        ranked = [int(i) for i in np.argsort(-sims) if bank[i].stage == stage]
        lanes = [[i for i in ranked if bank[i].topic == name] for name in preferred]
        taking_turns = [i for group in itertools.zip_longest(*lanes) for i in group if i is not None]
        idx = taking_turns + [i for i in ranked if bank[i].topic not in preferred]
        picked: list[int] = []
        for i in idx if len(lead) < per_stage[stage] else ():
            # Skip near-duplicates of a question already in the set.
            if any(float(vectors[i] @ v) > 0.9 for v in [*(vectors[j] for j in picked), *firsts]):
                continue
            picked.append(int(i))
            if len(picked) + len(lead) == per_stage[stage]:
                break
        chosen += [SetQuestion(stage, bank[i].text, bank[i].type, bank[i].topic, bank[i].id) for i in picked]
    return QuestionSet(topic, tuple(chosen))


def shared_topic(workspace: Workspace, mentor: UserRecord, protege: str) -> str:
    """What a protégé chose to share with this mentor, as the topic of a question set.

    Built only from shared items (the workspace filters per item and refuses anyone who is
    not their current mentor), so nothing unshared can reach the mentor through a set.
    """
    items = workspace.shared_with(mentor, protege)
    if not items:
        raise QuestionSetError(f"{protege} hasn't shared anything with you yet; try a topic instead.")
    parts: list[str] = []
    goals: list[str] = []
    for item in items:
        text = item.text
        if item.item_type == "agenda":
            # The goal and the questions for the mentor carry the topic; the rest dilutes it.
            lines = [line for line in text.splitlines() if re.search(r"My goal|Questions for my mentor", line)]
            keep = [m.group(1) for line in lines for m in re.finditer(r"“([^”]+)”", line)]
            goals += [m.group(1) for line in lines[:1] if "My goal" in line for m in re.finditer(r"“([^”]+)”", line)]
            text = "; ".join(keep) or text
        elif item.item_type == "goal":
            goals.append(text)
        parts.append(" ".join(text.split()))
    # A shared goal is what the rest is for: the bank is drawn for it (questions on the
    # other items' own words lead the set), since a mix of everything fits nothing well.
    return "; ".join(" ".join(g.split()) for g in goals or parts)[:500]


def protege_question_set(
    workspace: Workspace, mentor: UserRecord, protege: str, count: int, bank_path: Path = SHIPPED_BANK
) -> QuestionSet:
    """A set the mentor asks their protégé, built on what the protégé shared: questions on
    their own topic words lead each GROW stage (up to half of it), the bank fills the rest."""
    from assistant.shared_questions import fitted_questions, pick

    topic = shared_topic(workspace, mentor, protege)
    room = {stage: (n + 1) // 2 for stage, n in per_stage_counts(count).items()}
    chosen = pick(fitted_questions(workspace, mentor, protege), room)
    first = tuple(SetQuestion(f.stage, f.text, f.type, "shared", f"shared-{f.kind}-{n}")
                  for n, f in enumerate(f for stage in STAGES for f in chosen[stage]))
    result = question_set(topic, count, bank_path, first)
    return replace(result, topic=f"what {protege} shared: {result.topic}")
