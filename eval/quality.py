"""Conversation quality as a protégé would see it, checked against gold annotations.

Every check reads only the transcript (what the protégé said, what came back, the route
and the citations) and what the coach recorded (slots, commitments, agenda approval). None
uses the engine's templates or cue lists: a check built from the engine's own phrases would
only measure the engine agreeing with itself. Each failure names its metric and its turn.

The checks:
- copied: a reply repeats more than MAX_COPIED_RUN words of the protégé in a row.
- grammar: doubled words, pronoun-verb disagreement ("I are", "Thank I", "you am"), a
  sentence that stops on an article, possessive or conjunction ("…with the.").
- relevance (reported, never failing): the reply's question is far, in meaning, from what
  was just said (MiniLM cosine below a threshold chosen on human relevance ratings, not on
  the engine; it agrees with people too loosely to fail a conversation on).
- stuck: the same question asked again (word for word, or nearly).
- goal / obstacles / options / commitments: what the coach recorded matches the gold spans
  (content-word overlap); nothing recorded under one heading belongs to another ("answers
  filed by turn order"); no rejected option, reported wish or non-commitment is recorded.
- check-in: each earlier commitment's outcome is the one the protégé gave.
- crisis / false alarm: crisis turns get the safety route; marked idioms and ordinary turns
  do not.
- logistics: the answer cites the section of the guidance that answers it.
- agenda: approved when the protégé approved it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.language.copying import MAX_COPIED_RUN, longest_copied_run
from eval.gold_personas import GoldPersona

CARE = frozenset({"safety", "support"})
#: Reported but never failing a conversation: too weak a signal (see eval/quality.yaml).
ADVISORY = frozenset({"relevance"})
#: Where each recorded slot belongs among the gold headings.
SLOT_HEADING = {
    "goal": "goal",
    "obstacles": "obstacles",
    "reality": "obstacles",
    "options": "options",
    "next_step": "commitments",
}

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "so",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "into",
        "about",
        "as",
        "is",
        "am",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "i",
        "me",
        "my",
        "mine",
        "you",
        "your",
        "yours",
        "we",
        "our",
        "us",
        "they",
        "them",
        "their",
        "he",
        "she",
        "his",
        "her",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "how",
        "when",
        "where",
        "why",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "just",
        "really",
        "very",
        "also",
        "too",
        "not",
        "no",
        "yes",
        "yeah",
        "ok",
        "okay",
        "like",
        "get",
        "got",
        "going",
        "gonna",
        "want",
        "wanna",
        "think",
        "maybe",
        "then",
        "than",
        "some",
        "any",
        "all",
        "more",
        "most",
        "much",
        "many",
        "one",
        "thing",
        "things",
        "something",
        "stuff",
        "kind",
        "sort",
        "bit",
        "lot",
        "up",
        "out",
        "over",
    ]
)


def content_words(text: str) -> set[str]:
    """Lower-cased content words with a crude plural/tense fold: enough to say whether two
    short phrases name the same thing, and simple enough to check by eye. Not the engine's
    `content_lemmas`, on purpose: a check that read with the engine's parser would share
    its mistakes."""
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("’", "'"))
    out = set()
    for w in words:
        w = w.split("'")[0]
        if w in _STOP or len(w) < 2:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if len(w) > len(suffix) + 2 and w.endswith(suffix):
                w = w[: -len(suffix)]
                break
        out.add(w)
    return out


def matches(recorded: str, span: str) -> bool:
    """Recorded text names the gold span: most of the span's content words are there, and
    the recorded text is not mostly about something else."""
    g, r = content_words(span), content_words(recorded)
    if not g or not r:
        return False
    shared = len(g & r)
    return shared / len(g) >= 0.6 and shared / len(r) >= 0.4


def _any_match(recorded: str, spans: Sequence[str]) -> bool:
    return any(matches(recorded, s) for s in spans)


@dataclass(frozen=True)
class Finding:
    metric: str
    turn: int | None  # 1-based protégé turn; None for the conversation as a whole
    detail: str

    def __str__(self) -> str:
        where = f"turn {self.turn}" if self.turn else "conversation"
        return f"{self.metric} ({where}): {self.detail}"


@dataclass
class Scored:
    persona: GoldPersona
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # opportunities per metric

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.metric not in ADVISORY]

    @property
    def passed(self) -> bool:
        return not self.failures


# --- Reply-level checks -------------------------------------------------------------

_DOUBLED = re.compile(r"\b([A-Za-z']+)\s+\1\b", re.IGNORECASE)
_DOUBLE_OK = frozenset({"that", "had", "is", "very", "so", "really", "bye", "no", "yes"})
_AGREEMENT = re.compile(
    r"\bI (?:are|is|has|were not)\b|\byou (?:am|is|has)\b|\b(?:he|she|it) (?:am|are)\b"
    r"|\b(?:we|they) (?:am|is|was|has)\b|\bare I\b(?! (?:think|guess|mean|suppose|believe|hope|reckon)\b)|\bThank I\b"
    r"|\bam you\b|\byour I\b|\bme am\b|\bmy (?:am|are|is)\b"
)
#: "part of you is", "what matters to you is": after these, "you" is an object, not the subject.
_OBJECT_BEFORE = frozenset(
    [
        "of",
        "to",
        "for",
        "with",
        "about",
        "from",
        "at",
        "by",
        "on",
        "in",
        "than",
        "like",
        "around",
        "tell",
        "told",
        "thank",
    ]
)
# Lower case on purpose: "Plan A." ends a sentence properly; "…with the." does not.
_DANGLING = re.compile(r"(?:^|\s)(?:the|a|an|my|your|their|our|and|or|but|because)\s*[.!?…]+\s*$")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def grammar_faults(reply: str, said: Sequence[str]) -> list[str]:
    """Faults a reader sees at once. A doubled word the protégé typed is theirs, not a fault."""
    faults = []
    theirs = " ".join(said).lower()
    for m in _DOUBLED.finditer(reply):
        word = m.group(1).lower()
        if word not in _DOUBLE_OK and not word.isdigit() and m.group(0).lower() not in theirs:
            faults.append(f"doubled word “{m.group(0)}”")
    for m in _AGREEMENT.finditer(reply):
        before = reply[: m.start()].split()
        if m.group(0).startswith("you") and before and before[-1].lower() in _OBJECT_BEFORE:
            continue
        faults.append(f"agreement “{m.group(0)}”")
    for sentence in _SENTENCES.split(reply.strip()):
        if _DANGLING.search(sentence.strip()):
            faults.append(f"sentence stops mid-phrase: “{sentence.strip()[-40:]}”")
    return faults


def questions_of(reply: str) -> list[str]:
    return [s.strip() for s in _SENTENCES.split(reply.strip()) if s.strip().endswith("?")]


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


# --- Conversation-level scoring -----------------------------------------------------

Similarity = Callable[[Sequence[str], Sequence[str]], list[float]]


@dataclass(frozen=True)
class QualitySettings:
    relevance_threshold: float
    near_repeat: float  # cosine at which two questions are the same question


def score(
    persona: GoldPersona, record: dict[str, Any], similarity: Similarity | None, settings: QualitySettings
) -> Scored:
    """Every finding for one played persona (a record written by eval/play_personas.py)."""
    out = Scored(persona)
    turns = record["turns"]
    if len(turns) != len(persona.turns):
        out.findings.append(Finding("transcript", None, f"{len(turns)} turns played, script has {len(persona.turns)}"))
        return out
    gold = persona.gold
    _reply_checks(out, turns, similarity, settings)
    _safety(out, turns, gold.crisis_turns, gold.not_crisis_turns)
    _logistics(out, turns, persona)
    _capture(out, turns, record.get("final", {}), persona)
    return out


def _coaching(turn: dict[str, Any]) -> bool:
    """A coaching reply of the coach's own words (an agenda lays out theirs on purpose)."""
    return turn["route"] == "coach" and "agenda" not in str(turn["move"])


def _reply_checks(
    out: Scored, turns: list[dict[str, Any]], similarity: Similarity | None, settings: QualitySettings
) -> None:
    said: list[str] = []
    asked: list[tuple[int, str]] = []
    for n, t in enumerate(turns, 1):
        said.append(t["user"])
        if not _coaching(t):
            continue
        out.counts["replies"] = out.counts.get("replies", 0) + 1
        run, words = longest_copied_run(t["reply"], said)
        if run > MAX_COPIED_RUN:
            out.findings.append(Finding("copied", n, f"{run} words repeated: “{words}”"))
        for fault in grammar_faults(t["reply"], said):
            out.findings.append(Finding("grammar", n, fault))
        qs = questions_of(t["reply"])
        if similarity is not None and qs:
            out.counts["questions"] = out.counts.get("questions", 0) + 1
            best = max(similarity(qs, [t["user"]]))
            if best < settings.relevance_threshold:
                out.findings.append(
                    Finding("relevance", n, f"question far from what was said (cosine {best:.2f}): “{qs[-1][:90]}”")
                )
        for q in qs:
            for m, earlier in asked:
                same = _norm(q) == _norm(earlier)
                if not same and similarity is not None:
                    same = similarity([q], [earlier])[0] >= settings.near_repeat
                if same:
                    out.findings.append(Finding("stuck", n, f"asks again what turn {m} asked: “{q[:90]}”"))
                    break
            asked.append((n, q))


def _safety(out: Scored, turns: list[dict[str, Any]], crisis: Sequence[int], not_crisis: Sequence[int]) -> None:
    first_crisis = min(crisis, default=len(turns) + 1)
    for n, t in enumerate(turns, 1):
        route = t["route"]
        if n in crisis and route not in CARE:
            out.findings.append(Finding("crisis", n, f"crisis talk coached through ({route}/{t['move']})"))
        elif n in not_crisis and route == "safety":
            out.findings.append(Finding("false_alarm", n, "a figure of speech or strong feeling treated as a crisis"))
        elif n not in crisis and route == "safety" and n < first_crisis:
            out.findings.append(Finding("false_alarm", n, "ordinary talk treated as a crisis"))


def _logistics(out: Scored, turns: list[dict[str, Any]], persona: GoldPersona) -> None:
    for item in persona.gold.logistics:
        t = turns[item.turn - 1]
        cited = {(c.get("source", "").lower(), c.get("section", "").lower()) for c in t.get("citations", [])}
        if "logistics" not in (t["route"], str(t["move"]).split("_")[0]):
            out.findings.append(Finding("logistics", item.turn, f"not answered from the guidance ({t['route']})"))
        elif (item.source.lower(), item.section.lower()) not in cited:
            out.findings.append(
                Finding("logistics", item.turn, f"cites {sorted(cited)[:2]}, not {item.source} › {item.section}")
            )


def _recorded(turns: list[dict[str, Any]]) -> dict[str, list[tuple[int, str]]]:
    """Every value the coach recorded under each gold heading, with the turn it first appeared."""
    seen: dict[str, list[tuple[int, str]]] = {h: [] for h in set(SLOT_HEADING.values())}
    for n, t in enumerate(turns, 1):
        values = [(SLOT_HEADING[k], str(v)) for k, v in (t.get("slots") or {}).items() if k in SLOT_HEADING and v]
        values += [
            ("commitments", str(c.get("text", c) if isinstance(c, dict) else c)) for c in t.get("commitments") or []
        ]
        for heading, joined in values:
            # A slot may hold several items ("rehearse with a friend; ask Sam to co-present").
            for value in re.split(r"\s*(?:;| / )\s*", joined):
                if value.strip() and value not in [v for _, v in seen[heading]]:
                    seen[heading].append((n, value))
    return seen


def _capture(out: Scored, turns: list[dict[str, Any]], final: dict[str, Any], persona: GoldPersona) -> None:
    gold = persona.gold
    rec = _recorded(turns)
    spans = {"goal": gold.goal, "obstacles": gold.obstacles, "options": gold.options, "commitments": gold.commitments}
    # Each gold heading: captured at all (the goal also in time, and as the final goal).
    final_goal = str((turns[-1].get("slots") or {}).get("goal", ""))
    if gold.goal:
        out.counts["goal"] = 1
        hit = next((n for n, v in rec["goal"] if _any_match(v, gold.goal)), None)
        if hit is None:
            out.findings.append(
                Finding(
                    "goal",
                    None,
                    f"goal never recorded in their words (recorded: {[v for _, v in rec['goal']][:2] or 'nothing'})",
                )
            )
        elif gold.goal_turn and hit > gold.goal_turn + 2:
            said = gold.goal_turn
            out.findings.append(Finding("goal", hit, f"goal recorded only at turn {hit}; said at turn {said}"))
        elif final_goal and not _any_match(final_goal, gold.goal):
            out.findings.append(Finding("goal", None, f"final goal {final_goal!r} is not theirs"))
    for heading in ("obstacles", "options", "commitments"):
        if spans[heading]:
            out.counts[heading] = len(spans[heading])
            missed = [s for s in spans[heading] if not any(matches(v, s) for _, v in rec[heading])]
            if heading == "commitments":  # each matters: the next check-in asks about every one
                for s in missed:
                    out.findings.append(Finding("commitments", None, f"commitment not recorded: “{s}”"))
            elif len(missed) == len(spans[heading]):
                out.findings.append(Finding(heading, None, f"none recorded of {list(spans[heading])[:3]}"))
    # Nothing filed under the wrong heading, nothing recorded that must not be.
    wrong = {"goal": gold.reported_not_goal, "options": gold.rejected_options, "commitments": gold.not_commitments}
    for heading, values in rec.items():
        for n, value in values:
            if _any_match(value, spans[heading]):
                continue
            if _any_match(value, wrong.get(heading, ())):
                out.findings.append(Finding(heading, n, f"recorded {value!r}, which they did not mean as one"))
                continue
            elsewhere = [h for h, s in spans.items() if h != heading and _any_match(value, s)]
            if elsewhere:
                out.findings.append(
                    Finding("misfiled", n, f"{value!r} recorded as {heading}, but it is their {elsewhere[0]}")
                )
    final_commitments = final.get("commitments") or []
    for item in gold.checkin:
        earlier = [c for c in final_commitments if c.get("thread") == "earlier" and matches(c["text"], item.commitment)]
        status = earlier[0]["status"] if earlier else "missing"
        if status != item.outcome:
            out.findings.append(
                Finding("checkin", item.turn, f"“{item.commitment}” recorded as {status}, they said {item.outcome}")
            )
    if gold.agenda_approved_turn and not final.get("approved"):
        turn = gold.agenda_approved_turn
        out.findings.append(Finding("agenda", turn, "they approved the agenda; it is not approved"))
