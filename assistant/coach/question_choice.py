"""Choose the next question for relevance: the engine's own questions for the slot and the
program's question bank for the GROW stage, ranked by how close each is in meaning to what
the protégé just said (MiniLM sentence embeddings), never one already asked in the thread.

The engine's own questions get a small head start: they are written to fit any goal,
whereas a bank question ("What will you do before the next promotion round?") fits only
the conversations it is close to.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

#: Which bank stage serves which slot; success, where things stand, obstacles, the next step and the
#: mentor questions are asked
#: in the engine's own words (the bank has no questions written for them).
BANK_STAGE = {"goal": "goal", "options": "options"}
#: A slot is asked about while it is still empty, so the bank's questions that take it as
#: given are not candidates: "What would change for your team under each of the approaches
#: you named?" when none was named, "What tells you that this goal matters?" before a goal.
PRESUPPOSES = {
    "options": re.compile(r"(?i)\b(?:each|options?|approach(?:es)?|those|these|either|which of|choices?|"
                          r"ways? you (?:named|listed|mentioned|described))\b"),
    "goal": re.compile(r"(?i)\b(?:this (?:goal|particular|direction)|the goal you|set this goal|"
                       r"goal you are setting)\b"),
}
#: Nouns that put a subject into a bank question: "What would you gain from going for the
#: promotion now…?" asked of a bus driver who never mentioned one (blind review 15), "What has
#: made feedback most useful to you…?" after a word about freezing in reviews. A bank question
#: naming one of these is asked only when they have used the word (its first five letters) in
#: this thread. Why a list and not the parser's nouns: "mentor", "step", "option", "session"
#: and "goal" are the conversation's own subject, and a list is cheap to keep at cold start.
TOPIC_NOUNS = re.compile(
    r"(?i)\b(promotion|career|field|workload|skill|leader|leadership|network|feedback|confidence|manager|boss|"
    r"colleague|employer|weakness|level|track|organi[sz]ation|evidence|communication|connection|board|peer|"
    r"motivation|experiment|readiness|team|role|salary|interview|degree|course|business|client|customer|project|"
    r"presentation|promot\w*)s?\b")
#: The engine's questions' head start, in cosine similarity.
OWN_BONUS = 0.12


@lru_cache(maxsize=8)
def _bank(path: Path) -> dict[str, tuple[tuple[str, ...], np.ndarray]]:
    """Bank questions by stage, with their embeddings (computed once per process)."""
    from assistant.knowledge.embeddings import LocalEmbedder
    from assistant.lint import lint_question
    from assistant.question_bank import QuestionBankError, load_bank

    try:
        bank = load_bank(path)
    except QuestionBankError as exc:
        log.warning("question bank unavailable for question choice: %s", exc)
        return {}
    by_stage: dict[str, list[str]] = {}
    for q in bank:
        if lint_question(q.text).ok:
            by_stage.setdefault(q.stage, []).append(q.text)
    embedder = LocalEmbedder()
    out = {}
    for stage, texts in by_stage.items():
        out[stage] = (tuple(texts), np.asarray(embedder.embed(texts), dtype=np.float32))
    return out


@lru_cache(maxsize=512)
def _own_vector(text: str) -> np.ndarray:
    from assistant.knowledge.embeddings import LocalEmbedder

    return np.asarray(LocalEmbedder().embed([text])[0], dtype=np.float32)


class QuestionPicker:
    def __init__(self, bank_path: Path | None) -> None:
        self._path = bank_path if bank_path is not None and bank_path.is_file() else None

    def pick(self, slot: str, own: Sequence[str], said: Sequence[float] | None, asked: set[str],
             words: str = "") -> str:
        """The most relevant question not yet asked ("" when every candidate was asked). With
        `words` (what they have said in the thread), a bank question about a subject they never
        raised is left out (TOPIC_NOUNS)."""
        stems = {w[:5] for w in re.findall(r"[a-z]+", words.lower())}
        fresh = [q for q in own if q not in asked]
        if said is None:
            return fresh[0] if fresh else ""
        context = np.asarray(said, dtype=np.float32)
        scored: list[tuple[float, str]] = [(float(_own_vector(q) @ context) + OWN_BONUS, q) for q in fresh[:3]]
        stage = BANK_STAGE.get(slot)
        if self._path is not None and stage:
            texts, vectors = _bank(self._path).get(stage, ((), np.zeros((0, 1), dtype=np.float32)))
            if texts:
                sims = vectors @ context
                given = PRESUPPOSES.get(slot)
                for i in np.argsort(-sims)[:5]:
                    text = texts[int(i)]
                    if words and any(t.group(1).lower()[:5] not in stems for t in TOPIC_NOUNS.finditer(text)):
                        continue  # then the engine's own question (or none from the bank) is asked
                    if text not in asked and not (given and given.search(text)):
                        scored.append((float(sims[int(i)]), texts[int(i)]))
        if not scored:
            return ""
        return max(scored, key=lambda pair: pair[0])[1]
