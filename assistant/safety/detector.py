"""The safety detector for the protégé's messages, in layers.

1. Phrases (phrases.py): explicit wording escalates every time, work idioms never do.
2. The trained head (model.py) reads every sentence of the message, so a line buried in
   a long paragraph about sprints is still read on its own.
3. Context: hopelessness in two recent turns weighs more than in one; a second indirect
   signal after a first becomes a crisis.

Tiers, and what the coach does with them (coach/support.py):
- crisis: resources now, a person to contact, no coaching;
- concern: acknowledge, ask gently about safety, offer the resources, let them choose;
- distress: empathy, no resources pushed on them; coaching continues at their pace.
The detector never raises: if the model can't load, the phrase layer still runs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.safety.model import CLASSES, IDEATION, Classifier, Thresholds
from assistant.safety.phrases import idiom_only, laughing, phrase_hits, topic_only

log = logging.getLogger(__name__)

TIERS = ("none", "distress", "concern", "crisis")
#: A pasted essay is read sentence by sentence up to here; beyond it, phrases only.
MAX_SEGMENTS = 40
_SPLIT = re.compile(r"(?<=[.!?…])\s+|\n+|\s+-\s+|;\s+")
#: Run-on sentences ("..., and honestly I've been thinking about ..., anyway the main thing")
#: are read a few clauses at a time, so one clause can't hide in forty words of sprint news.
_CLAUSE = re.compile(r",\s+|\s+(?=(?:and|but|so|anyway|because|also)\s)", re.I)
LONG_SENTENCE = 25
#: "am I just burning myself out more" (blind review 16, a question for the mentor) is read by
#: the model as self-harm at 0.97-0.997, as sure as "burning myself with a lighter": the words
#: are the same up to "out". The model reads the idiom as what it means ("exhausting myself",
#: 0.01) and everything else in the message as written; the phrase lexicon already excludes it.
_BURNOUT = re.compile(r"(?i)\bburn(ing|ed|t|s)?\s+(myself|me|yourself|ourselves|himself|herself)\s+out\b")


def _exhausting(m: re.Match[str]) -> str:
    form = {"ing": "exhausting", "ed": "exhausted", "t": "exhausted", "s": "exhausts"}.get((m.group(1) or "").lower(),
                                                                                          "exhaust")
    return f"{form} {m.group(2)}"


#: Idioms the model reads literally, said plainly before it reads them: "im dead on my feet most
#: days… so maybe the porter job wont last me forever anyway" read at 0.97 (each half alone under
#: 0.03), "instead of panic hiring the first warm body" at 0.54 (blind review 18). Only words that
#: never carry risk themselves are replaced; the rest of the message is read as written.
_LITERAL = (
    (re.compile(r"(?i)\bdead on (?:my|our|his|her|their) feet\b"), "exhausted"),
    (re.compile(r"(?i)\b(?:dead|dog)[- ]tired\b"), "very tired"),
    (re.compile(r"(?i)\bwarm bodies\b"), "people"),
    (re.compile(r"(?i)\bwarm body\b"), "person"),
)


def _plainly(text: str) -> str:
    text = _BURNOUT.sub(_exhausting, text)
    for idiom, plain in _LITERAL:
        text = idiom.sub(plain, text)
    return text


#: When every violent or deathly word is inside a work idiom, the model must be this sure.
IDIOM_RISK = 0.95
WINDOW = 18


@dataclass(frozen=True)
class Assessment:
    tier: str  # none | distress | concern | crisis
    category: str  # a class from model.CLASSES, or "" when tier is none
    risk: float  # P(ideation or self-harm), highest over the message's sentences
    source: str  # phrase | model | context | second_opinion | neighbours | whole | "": which layer decided
    #: The model raised it only on the message read whole; no sentence of it alone would have.
    emergent: bool = False
    #: The sentence of the message the model's reading rests on (its riskiest segment), or ""
    #: when it rests on a phrase or on the whole: the coach judges that sentence's form, not the
    #: message's ("As agreed, I asked the director… I have been saving up my sleeping tablets…"
    #: reports on a commitment, but the sentence that raised the alarm does not).
    where: str = ""

    @property
    def escalates(self) -> bool:
        return self.tier in {"concern", "crisis"}


NONE = Assessment("none", "", 0.0, "")


def segments(text: str) -> list[str]:
    """Sentences, with fragments of one or two words ("Evening.", "Help!") joined to a
    neighbour: on their own they say nothing a model should be asked about."""
    out: list[str] = []
    pending = ""
    for part in (p.strip() for p in _SPLIT.split(text)):
        if not part:
            continue
        if len(part.split()) <= 2:
            if out:
                out[-1] = f"{out[-1]} {part}"
            else:
                pending = f"{pending} {part}".strip()
            continue
        out.append(f"{pending} {part}".strip())
        pending = ""
    if pending:
        out.append(pending)
    out = [piece for sentence in out for piece in _windows(sentence)]
    whole = " ".join(text.split())
    if len(out) > 1 and len(whole.split()) <= 60:
        out.append(whole)  # short messages are also read whole: meaning can span sentences
    return out


def _windows(sentence: str) -> list[str]:
    """A long sentence as overlapping runs of clauses of about WINDOW words; else itself."""
    if len(sentence.split()) <= LONG_SENTENCE:
        return [sentence]
    clauses = [c.strip() for c in _CLAUSE.split(sentence) if c.strip()]
    out: list[str] = []
    for start in range(len(clauses)):
        words: list[str] = []
        for clause in clauses[start:]:
            words += clause.split()
            if len(words) >= WINDOW:
                break
        if not out or " ".join(words) not in out[-1]:
            out.append(" ".join(words))
    return out or [sentence]


def rank(tier: str) -> int:
    """none < distress < concern < crisis."""
    return TIERS.index(tier)


#: The second opinion: when the dialogue-act classifier is this sure the message is coaching
#: work (a goal, a success picture, options, a question for the mentor, a correction...) and
#: its crisis act (trained on the safety set's crisis talk) is below its veto, a model-only
#: ideation reading below SECOND_OPINION_RISK does not escalate. Phrases and the two-turn
#: context still escalate whatever the acts say. Measured (README): false alarms on 1,458
#: blind protégé messages 7.3% -> 4.5%, recall on the three blind safety sets unchanged.
#: Without the crisis veto the same gate cost 2-4 points of recall, so the veto stays.
SECOND_OPINION_COACHING = 0.7
#: The least ideation risk, in two recent turns, that counts as building hopelessness. The
#: trained threshold (0.074) let any two mildly negative work messages escalate ("I don't
#: know who my manager will be" after "no budget this year"); at 0.3 every alert in the two
#: blind safety conversation sets is still caught in its turn (`coach eval safety`).
CONTEXT_FLOOR = 0.3
SECOND_OPINION_RISK = 0.98
#: The third opinion (neighbours.py): a model-only ideation reading below NEIGHBOURS_SURE
#: escalates only if enough of the five nearest labelled sentences called for care: three
#: of five when the model gave under NEIGHBOURS_LOW, two of five otherwise. Chosen on blind
#: sets 1-5 and ordinary conversations 1-3 (README): false alarms on work talk there went
#: from 5.9 / 3.4 / 6.1 / 12.1 / 17.1% to 3.5 / 1.9 / 3.3 / 6.9 / 11.0% at the same recall;
#: then scored once on blind set 6 (9.5% -> 6.9%, recall 0.985 both) and conversations 4.
#: With the model retrained on sets L-N (2026-11-30) its readings are better calibrated, and
#: at 0.99 the neighbours vetoed sincere veiled talk the model read at 0.79-0.97 (blind set
#: 7, first score: recall 0.944). At 0.7 (chosen with set 7 in view, so set 7 is no longer
#: blind for it) set 7 reads recall 0.978, and sets 1-6 keep their recall and false alarms
#: within 0.4 points.
NEIGHBOURS_SURE = 0.7
NEIGHBOURS_LOW = 0.5
NEIGHBOURS_LOW_NEED = 0.6
NEIGHBOURS_NEED = 0.3
#: Below this, a sentence carries no trace of risk on its own (see _whole_only). Read whole,
#: some messages still need it: "Can you help me write a goodbye message to my team? And
#: no, I'm not leaving the company." (each sentence under 1%, the whole 0.99, and two of
#: its five neighbours call for care, so it escalates).
WHOLE_ONLY = 0.01
#: The fourth opinion (_read_whole): a short message the model reads, taken whole, as ordinary
#: talk at WHOLE_WORK or more, whose riskiest sentence has at most WHOLE_WORK_NEIGHBOURS alert
#: sentences among its five nearest labelled ones, does not escalate on the model's reading of
#: that one sentence. "I'm a hospice social worker and I talk about death every single day,
#: it's my normal. I want to ask my mentor about avoiding compassion fatigue" read 0.81 as
#: hopelessness for its first sentence alone, 1.0 ordinary as a whole, and none of the first
#: sentence's neighbours called for care. Chosen on blind sets 1-15 (no longer blind for it):
#: 27 of their 124 false alarms on work talk go; none of the 1,916 ideation and self-harm
#: sentences they catch is lost, nor any harm or abuse (README has blind set 16's first score).
#: Sincere veiled talk surrounded by work ("I've made sure my life insurance is current...
#: Anyway, the agenda") reads 0.84-0.99 ordinary whole, but its neighbours call for care (0.8+).
WHOLE_WORK = 0.9
WHOLE_WORK_NEIGHBOURS = 0.6


class SafetyDetector:
    def __init__(self, classifier: Classifier | None, coaching: Callable[[str], float] | None = None,
                 neighbours: Callable[[Sequence[str]], float] | None = None) -> None:
        self._model = classifier
        self._coaching = coaching  # P(the message is coaching work), from assistant.language
        self._neighbours = neighbours  # share of alert sentences among the nearest labelled ones

    @property
    def learned(self) -> bool:
        return self._model is not None

    def probabilities(self, texts: Sequence[str]) -> np.ndarray | None:
        """Class probabilities per text, or None when only phrases are available."""
        if self._model is None or not texts:
            return None
        try:
            return self._model.probabilities([_plainly(t) for t in texts])
        except Exception:  # a broken model must not cost the person their safety check
            log.exception("safety classifier failed; phrases only for this message")
            return None

    def assess(self, text: str, recent_risk: Sequence[float] = ()) -> Assessment:
        """How worried to be about this message, given the ideation risk of recent turns."""
        text = text.strip()
        if not text:
            return NONE
        parts = segments(text)[:MAX_SEGMENTS]
        return self.decide(text, self.probabilities(parts), recent_risk)

    def decide(self, text: str, probs: np.ndarray | None, recent_risk: Sequence[float] = ()) -> Assessment:
        """The layers combined, given the head's probabilities for the message's segments."""
        best = _phrase_assessment(text)
        if probs is None or self._model is None:
            return best
        found = _model_assessment(probs, self._model.thresholds)
        lukewarm = found.escalates and found.risk < IDIOM_RISK and found.category != "abuse"
        if best.tier == "none" and lukewarm and idiom_only(text):
            # "kill your darlings", "a suicide mission of a sprint": the violent words are all
            # inside work idioms, so only a reading the model is all but certain of escalates.
            found = Assessment("none", "", found.risk, "")
        if best.source == "phrase" and topic_only(text) and found.risk < self._model.thresholds.context:
            # The word names a subject (their job, a course, a policy) and the model, reading
            # the whole sentence, sees no risk in it: no alarm. "I've been thinking about
            # suicide" still escalates: the model reads that as risk.
            best = NONE
        if best.source == "phrase" and laughing(text) and found.risk < self._model.thresholds.context:
            # "ugh kms this pivot table 😂 jk": a joke the model also reads as one. Without
            # the model, or if it has any doubt, the phrase still escalates.
            best = NONE
        if (found.escalates and found.category in IDEATION and found.risk < SECOND_OPINION_RISK
                and self._coaching is not None):
            try:
                coaching = self._coaching(text)
            except Exception:  # the second opinion is optional; the model's reading stands
                log.exception("dialogue acts unavailable for the safety second opinion")
                coaching = 0.0
            if coaching >= SECOND_OPINION_COACHING:
                # Read as coaching work: it neither escalates nor counts towards the
                # two-turn context (the risk it carries forward is nil).
                found = Assessment("none", "", 0.0, "second_opinion")
        if found.escalates and found.source == "model" and self._neighbours is not None:
            found = self._third_opinion(text, probs, found)
        if found.escalates and found.source == "model" and self._neighbours is not None:
            found = self._read_whole(text, probs, found)
        if rank(found.tier) > rank(best.tier):
            best = found
        risk = found.risk
        t = self._model.thresholds
        context = max(t.context, CONTEXT_FLOOR)
        recent = [r for r in recent_risk[-2:] if r >= context]
        if recent and risk >= context and rank(best.tier) < rank("concern"):
            best = Assessment("concern", _ideation_class(probs), risk, "context")
        elif recent and best.tier == "concern" and best.category in IDEATION and max(recent) >= t.concern:
            best = Assessment("crisis", best.category, risk, "context")
        if found.source == "second_opinion" and best.tier == "none":
            return Assessment("none", "", 0.0, "second_opinion")
        if found.source in {"neighbours", "whole"} and best.tier == "none":
            return Assessment("none", "", risk, found.source)
        parts, whole = segments(text)[:MAX_SEGMENTS], " ".join(text.split())
        emergent = best.source == "model" and _emergent(parts, whole, probs)
        where = _riskiest(parts, whole, probs) if best.source in {"model", "context"} and not emergent else ""
        return Assessment(best.tier, best.category, max(risk, best.risk), best.source, emergent, where)

    def _third_opinion(self, text: str, probs: np.ndarray, found: Assessment) -> Assessment:
        """A model-only reading put to the nearest labelled sentences (neighbours.py)."""
        assert self._neighbours is not None
        parts = segments(text)[:MAX_SEGMENTS]
        whole = " ".join(text.split())
        # Read on the message as a whole when only the whole raised it ("Take out the bit
        # about my back. Don't want that written down. Rest is fine.": each sentence under
        # 1%, together 0.998); there the model's certainty is no reason to skip the check.
        whole_only = _whole_only(parts, whole, probs)
        if not whole_only and (found.category not in IDEATION or found.risk >= NEIGHBOURS_SURE):
            return found
        try:
            share = self._neighbours([whole] if whole_only else parts)
        except Exception:  # optional, like the second opinion: the model's reading stands
            log.exception("safety neighbours failed; the model's reading stands")
            return found
        need = NEIGHBOURS_NEED if whole_only or found.risk >= NEIGHBOURS_LOW else NEIGHBOURS_LOW_NEED
        if share >= need:
            return found
        # Like the second opinion, it carries nothing into the two-turn context: two doubted
        # readings in a row ("I dropped it… pointless", "not a thing anymore") escalated
        # ordinary check-in answers.
        return Assessment("none", "", 0.0, "neighbours")

    def _read_whole(self, text: str, probs: np.ndarray, found: Assessment) -> Assessment:
        """A model-only reading of one sentence, put to the message read whole (WHOLE_WORK)."""
        assert self._neighbours is not None
        parts = segments(text)[:MAX_SEGMENTS]
        whole = " ".join(text.split())
        if len(parts) < 2 or parts[-1] != whole or len(probs) != len(parts):
            return found  # a single sentence, or too long to be read whole
        if float(probs[-1][CLASSES.index("work")]) < WHOLE_WORK:
            return found
        riskiest = _riskiest(parts, whole, probs)
        try:
            share = self._neighbours([riskiest])
        except Exception:  # optional, like the other opinions: the model's reading stands
            log.exception("safety neighbours failed; the model's reading stands")
            return found
        if share > WHOLE_WORK_NEIGHBOURS:
            return found
        return Assessment("none", "", 0.0, "whole")  # nothing carried into the two-turn context


def _emergent(parts: list[str], whole: str, probs: np.ndarray) -> bool:
    """The risk is read in the message as a whole: no sentence of it, read alone, is more
    likely risk than not."""
    if len(parts) < 2 or parts[-1] != whole or len(probs) != len(parts):
        return False
    idx = [CLASSES.index(c) for c in IDEATION]
    return bool(probs[:-1][:, idx].sum(axis=1).max() < 0.5)


def _riskiest(parts: list[str], whole: str, probs: np.ndarray) -> str:
    """The sentence with the highest ideation, harm or mistreatment reading, the message read
    whole left out ("" if the readings don't line up with the segments)."""
    if len(probs) != len(parts):
        return ""
    if len(parts) > 1 and parts[-1] == whole:
        parts, probs = parts[:-1], probs[:-1]
    col = {c: probs[:, i] for i, c in enumerate(CLASSES)}
    risk = col["ideation_direct"] + col["ideation_indirect"] + col["self_harm"] + col["harm_others"] + col["abuse"]
    return parts[int(np.argmax(risk))]


def _whole_only(parts: list[str], whole: str, probs: np.ndarray) -> bool:
    """The message was read whole as well as sentence by sentence (segments), and no
    sentence alone carried even a trace (WHOLE_ONLY) of any risk: only the whole did."""
    if len(parts) < 2 or parts[-1] != whole or len(probs) != len(parts):
        return False
    alone = probs[:-1]
    col = {c: alone[:, i] for i, c in enumerate(CLASSES)}
    ideation = col["ideation_direct"] + col["ideation_indirect"] + col["self_harm"]
    return bool(max(float(ideation.max()), float(col["harm_others"].max()), float(col["abuse"].max())) < WHOLE_ONLY)


def _phrase_assessment(text: str) -> Assessment:
    best = NONE
    for hit in phrase_hits(text):
        if hit.family == "harm_others":
            found = NONE if hit.negated else Assessment("crisis", "harm_others", 0.0, "phrase")
        else:
            harm_word = hit.family == "topic" and "harm" in text[hit.start:hit.end].lower()
            category = "self_harm" if hit.family == "self_harm" or harm_word else "ideation_direct"
            # "I'm not suicidal, just tired" still deserves a gentle check, never silence.
            found = Assessment("concern" if hit.negated else "crisis", category, 1.0, "phrase")
        if rank(found.tier) > rank(best.tier):
            best = found
    return best


def _ideation_class(probs: np.ndarray) -> str:
    idx = [CLASSES.index(c) for c in IDEATION]
    row = probs[int(np.argmax(probs[:, idx].sum(axis=1)))]
    return IDEATION[int(np.argmax(row[idx]))]


def _model_assessment(probs: np.ndarray, t: Thresholds) -> Assessment:
    col = {c: probs[:, i] for i, c in enumerate(CLASSES)}
    ideation = col["ideation_direct"] + col["ideation_indirect"] + col["self_harm"]
    acute = col["ideation_direct"] + col["self_harm"]
    risk = float(ideation.max())
    if float(acute.max()) >= t.crisis:
        row = int(np.argmax(acute))
        category = "self_harm" if col["self_harm"][row] > col["ideation_direct"][row] else "ideation_direct"
        return Assessment("crisis", category, risk, "model")
    if risk >= t.concern:
        return Assessment("concern", _ideation_class(probs), risk, "model")
    if float(col["harm_others"].max()) >= t.harm_others:
        return Assessment("concern", "harm_others", risk, "model")
    if float(col["abuse"].max()) >= t.abuse:
        return Assessment("concern", "abuse", risk, "model")
    if float(col["distress"].max()) >= t.distress:
        return Assessment("distress", "distress", risk, "model")
    return Assessment("none", "", risk, "")
