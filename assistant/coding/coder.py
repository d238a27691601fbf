"""Offline utterance coder, modelled on MITI 4.2.1 behaviour codes.

It codes each sentence of an assistant reply and gives the reply a verdict: is it
directive (persuading without permission, or confronting)? The runtime guard asks exactly
that question of every reply, and the evaluation suite scores whole conversations with it,
so every code carries the cue that produced it: a person can check each decision.

Rules first: they are fast (well under a millisecond per sentence), explainable, and
cannot drift. Precedence inside a sentence, first match wins:
  disguised advice (a question that suggests) > confrontation > a question proposing an
  action > permission and collaboration > reflective frames > affirmation > autonomy >
  advice and instructions > questions > collaboration > reflections > information > other.
Then one learned second look: a sentence the rules call a closed question is read again
by a small fixed model (assistant/coding/directive_model.py), because blind batches showed that advice
keeps arriving in yes/no wording no cue list has seen. Its cue names the words it weighed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.coding.cues import _SPLIT, _STOP, _WORD, CUES, PATTERNS, Cues
from assistant.coding.directive_model import SUGGESTION_FILE, DirectiveModel, load_model

CODES = (
    "question_open", "question_closed", "reflection_simple", "reflection_complex", "affirm",
    "seek_collaboration", "emphasize_autonomy", "giving_information", "persuade",
    "persuade_with_permission", "confront", "other",
)
#: Codes that ask or reflect: the core of prompting (eval/metrics.py adds the other MI-adherent ones).
ASKING_OR_REFLECTING = frozenset({"question_open", "question_closed", "reflection_simple", "reflection_complex"})


@dataclass(frozen=True)
class SentenceCode:
    text: str
    code: str
    subtype: str = ""  # persuade: advice | suggestion | instruction
    cue: str = ""  # which rule fired, and on which words


@dataclass(frozen=True)
class CodedUtterance:
    text: str
    code: str  # the reply-level code (see _MAIN_ORDER)
    directive: bool
    codes: tuple[SentenceCode, ...]
    qualified_advice: bool = False  # advice made MITI-permissible only by an autonomy tail

    @property
    def pushes(self) -> bool:
        """What the runtime guard refuses: any persuasion. A reply can't grant itself
        permission ("Since you asked...", "May I share? You could..."); the engine's own
        options, offered after the protégé said yes, are let through by the graph."""
        return self.directive or self.qualified_advice or any(c.code == "persuade_with_permission" for c in self.codes)

    @property
    def cues(self) -> list[str]:
        return [f"{c.code}: {c.cue}" for c in self.codes if c.cue]

    @property
    def behaviour(self) -> str:
        """The four AnnoMI therapist behaviours, for calibration against that corpus."""
        if self.code.startswith("question"):
            return "question"
        if self.code.startswith("reflection"):
            return "reflection"
        if self.code in ("giving_information", "persuade", "persuade_with_permission", "confront"):
            return "therapist_input"
        return "other"


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SPLIT.split(text or "") if s and s.strip()]


def _match(rx: Cues | re.Pattern[str], text: str) -> str:
    m = rx.search(text)
    return m.group(0) if m else ""


def code_sentence(sentence: str, permission: bool = False, previous: str | None = None) -> SentenceCode:
    s = sentence.strip()
    bare = PATTERNS.discourse.sub("", s)
    # Typed chat often drops the question mark: "do you want to keep going".
    is_question = s.endswith("?") or bool(PATTERNS.aux_question.match(bare))
    if PATTERNS.invitation.match(bare):
        # "Tell me more about..." is MITI's open question, not an instruction.
        return SentenceCode(s, "question_open", "", "")
    if cue := _match(CUES.disguised_advice, bare):
        code = "persuade_with_permission" if permission else "persuade"
        return SentenceCode(s, code, "suggestion", f'advice as a question: "{cue}"')
    if cue := _match(CUES.confront, bare):
        return SentenceCode(s, "confront", "", f'confronts: "{cue}"')
    asks_leave = _match(CUES.permission, bare)
    invites = _match(CUES.collab_question, bare)
    if is_question and not asks_leave and not invites:
        if cue := _match(CUES.proposal_question, bare):
            code = "persuade_with_permission" if permission else "persuade"
            return SentenceCode(s, code, "suggestion", f'proposes an action in a question: "{cue}"')
        if (
            (tag := _TAG_ON_ORDER.search(bare))
            and (order := _match(PATTERNS.imperative_start, bare[: tag.start()]))
            and not _PRONOUN_NEXT.match(bare[len(order):])
        ):
            # "Send it tonight, would you?" is an instruction with a question mark on it.
            code = "persuade_with_permission" if permission else "persuade"
            return SentenceCode(s, code, "instruction", f'instructs, then asks to agree: "{order}"')
    if asks_leave:
        return SentenceCode(s, "seek_collaboration", "", f'asks permission: "{asks_leave}"')
    if cue := invites:
        return SentenceCode(s, "seek_collaboration", "", f'invites collaboration: "{cue}"')
    reflective = _match(CUES.reflective_frame, bare)
    # "What support do you need to...?" asks; the same words in a statement would advise.
    open_question = is_question and bool(PATTERNS.open_start.match(bare))
    if not reflective and not open_question:
        if cue := _match(CUES.affirm, bare):
            return SentenceCode(s, "affirm", "", f'affirms: "{cue}"')
        advice = _match(CUES.advice, bare)
        autonomy = _match(CUES.autonomy, bare)
        if autonomy and not advice:
            return SentenceCode(s, "emphasize_autonomy", "", f'hands the choice back: "{autonomy}"')
        imperative = "" if (is_question or advice or autonomy) else _match(PATTERNS.imperative_start, bare)
        if advice or imperative:
            subtype = "instruction" if imperative else ("suggestion" if _is_soft(advice) else "advice")
            cue = f'{"instructs" if imperative else "advises"}: "{advice or imperative}"'
            return SentenceCode(s, "persuade_with_permission" if permission else "persuade", subtype, cue)
    if is_question or (PATTERNS.open_start.match(bare) and not bare.endswith(".")):
        return _question(s, bare, reflective)
    if cue := _match(CUES.seek_collab, bare):
        return SentenceCode(s, "seek_collaboration", "", f'invites collaboration: "{cue}"')
    if cue := _match(CUES.other_markers, bare):
        return SentenceCode(s, "other", "", "")
    if not reflective and (cue := _match(CUES.info_first, bare)):
        return SentenceCode(s, "giving_information", "", f'informs: "{cue}"')
    feeling = _match(CUES.complex_markers, bare) if (previous or PATTERNS.second_person.search(bare)) else ""
    if reflective or PATTERNS.reflection_start.match(bare) or _echoes(bare, previous) or feeling:
        complex_cue = _match(CUES.complex_markers, bare)
        if complex_cue:
            return SentenceCode(s, "reflection_complex", "", f'reflects meaning or feeling: "{complex_cue}"')
        return SentenceCode(s, "reflection_simple", "", "")
    if cue := _match(CUES.info_markers, bare):
        return SentenceCode(s, "giving_information", "", f'informs: "{cue}"')
    if PATTERNS.second_person.search(bare):
        # Said about the protégé but without their words or a reflective frame: a weak
        # reflection, which an affirmation in the same reply outranks.
        return SentenceCode(s, "reflection_simple", "weak", "")
    if len(_WORD.findall(bare.lower())) >= 6 and not bare.lower().startswith(("i ", "i'm", "i'd", "i've")):
        return SentenceCode(s, "giving_information", "", "")
    return SentenceCode(s, "other", "", "")


def _is_soft(cue: str) -> bool:
    return bool(re.search(r"might|may|could|worth|some people|one option|maybe|help", cue, re.IGNORECASE))


def _question(s: str, bare: str, reflective: str) -> SentenceCode:
    if PATTERNS.closed_how.match(bare):
        return SentenceCode(s, "question_closed", "", "asks for a specific fact")
    if PATTERNS.open_start.match(bare):
        # "What ... : X or Y?" is still open when the choice list is only an example.
        return SentenceCode(s, "question_open", "", "")
    if PATTERNS.closed_start.match(bare):
        return SentenceCode(s, "question_closed", "", "yes/no question")
    if re.match(r"^why\b", bare, re.IGNORECASE):
        return SentenceCode(s, "question_open", "", "asks why")
    if _TAG_QUESTION.search(bare):
        return SentenceCode(s, "question_closed", "", "tag question")
    if reflective or PATTERNS.reflection_start.match(bare):
        # A statement said with a rising tone ("You feel stuck?") reflects rather than asks.
        return SentenceCode(s, "reflection_simple", "", "reflection with a question mark")
    if re.search(r"\bor\b", bare, re.IGNORECASE):
        return SentenceCode(s, "question_closed", "", "either/or question")
    # Spoken questions often start after a preamble: "Knowing what you know now, how
    # important is it...?" The question word after a break decides.
    if _EMBEDDED_OPEN.search(bare):
        return SentenceCode(s, "question_open", "", "question after a preamble")
    if _EMBEDDED_CLOSED.search(bare):
        return SentenceCode(s, "question_closed", "", "yes/no question after a preamble")
    if len(_WORD.findall(bare.lower())) <= 14:
        # No question word and no inverted verb: a statement said with a rising tone,
        # which gives their words back ("Two months without a one-on-one?").
        return SentenceCode(s, "reflection_simple", "", "statement said as a question")
    return SentenceCode(s, "question_open", "", "")


_TAG_QUESTION = re.compile(
    r",\s*(?:isn't it|aren't they|don't you|didn't you|wasn't it|right|is that right|is that it|correct|yes|no)\?$",
    re.IGNORECASE,
)
_TAG_ON_ORDER = re.compile(
    r",\s*(?:would you|will you|won't you|yeah|yes|ok|okay|right|can you|could you)\?$", re.IGNORECASE
)
_ELABORATE = re.compile(
    r"\b(?:say more|tell me|walk me through|talk me through|expand|elaborate|give (?:me )?an example|describe|put (?:it|that) into words)\b",
    re.IGNORECASE,
)
_PRONOUN_NEXT = re.compile(r"\s+(?:you|we|they|i|he|she)\b", re.IGNORECASE)
_EMBEDDED_OPEN = re.compile(
    r"(?:[,;:\u2014-]\s*|\b(?:and|so|but|now|then)\s+)(?:what|how|why|where|which|who|tell me)\b", re.IGNORECASE
)
_EMBEDDED_CLOSED = re.compile(
    r"(?:[,;:\u2014-]\s*|\b(?:and|so|but|now|then)\s+)(?:do|does|did|is|are|was|were|can|could|would|will|have|has)\s+"
    r"(?:you|we|i|it|they|he|she|there)\b",
    re.IGNORECASE,
)


def _second_look(coded: SentenceCode, permission: bool) -> SentenceCode:
    """A yes/no question the cues let through, read again by the learned model
    (assistant/coding/directive_model.py): new wordings of advice keep arriving."""
    model = load_model()
    # Short asks to elaborate ("Could you say more?") share advice's "could you" but
    # carry no course of action; the model was never meant for them.
    if model is None or len(_WORD.findall(coded.text.lower())) < 5 or _ELABORATE.search(coded.text):
        return coded
    return _read_by(model, coded, permission, "a yes/no question that reads as advice")


def _read_by(model: DirectiveModel, coded: SentenceCode, permission: bool, finding: str) -> SentenceCode:
    """The sentence as one of the learned models reads it: persuasion, with the words that
    weighed most as its cue, or the rules' code unchanged."""
    verdict = model.judge(coded.text)
    if not verdict.advice:
        return coded
    evidence = ", ".join(f'"{g}"' for g in verdict.evidence) or "its wording"
    cue = f"{finding} (model p={verdict.probability:.2f}; {evidence})"
    return SentenceCode(coded.text, "persuade_with_permission" if permission else "persuade", "suggestion", cue)


#: Codes the suggestion model reads again: statements the cues left non-directive. Open
#: questions ("What else could you try?") invite; permission asks, autonomy and closed
#: questions have their own rules.
_SUGGESTION_LOOK = frozenset({"reflection_simple", "reflection_complex", "giving_information", "affirm", "other"})
#: A sentence that gives the protégé's own words back as theirs ("You said you should ask
#: your manager", "So you're planning to call her"): their plan, said back, is not advice.
_THEIRS = re.compile(
    r"^(?:so,? |and )?(?:it sounds like |it seems like )?(?:you(?:'ve| have)? (?:said|mentioned|named|told me|"
    r"described|listed|noted|decided)|you(?:'re| are) (?:planning|thinking|going|hoping|weighing|considering|"
    r"leaning|ready)|you(?:'d| would) like|you want|your (?:plan|idea|next step|options?) (?:is|are)|"
    r"(?:one|another|the) (?:way|option|possibility|idea|thing) you(?:'ve)? (?:see|saw|named|mentioned|came up with|"
    r"raised|listed)|so,? you(?:'d| would) be|so,? you (?:don't|didn't|do|did|are|were|have|had|can't|couldn't))\b",
    re.IGNORECASE,
)


#: A suggestion puts an action to the listener ("you") or weighs one ("worth", "help",
#: "try"); orders are the cues' job. A reflection that only names their situation ("an
#: approved swap pulled two days before the christening") has none of these, and the model
#: is not asked.
_ACTION_WORDS = re.compile(
    r"\b(?:you|your|yourself|u|ur|worth|help(?:s|ed|ful)?|try(?:ing)?|should|could|might|important|recommend|"
    r"suggest|best|better|idea|consider|maybe)\b",
    re.IGNORECASE,
)


def _suggestion_look(coded: SentenceCode, permission: bool) -> SentenceCode:
    """A sentence the cues call non-directive, read by the suggestion model
    (eval/train_suggestion.py): most advice in written support is a plain statement no cue
    list has seen ("another thing that may help is…", "definitely reach out to her")."""
    model = load_model(SUGGESTION_FILE)
    if model is None or len(_WORD.findall(coded.text.lower())) < 4 or not _ACTION_WORDS.search(coded.text):
        return coded
    return _read_by(model, coded, permission, "reads as a suggestion")


def _echoes(sentence: str, previous: str | None) -> bool:
    """A statement that mostly reuses the protégé's own content words is a reflection."""
    if not previous:
        return False
    mine = {w for w in _WORD.findall(sentence.lower()) if w not in _STOP and len(w) > 2}
    theirs = {w for w in _WORD.findall(previous.lower()) if w not in _STOP and len(w) > 2}
    return len(mine) >= 2 and len(mine & theirs) / len(mine) >= 0.5


#: Reply-level precedence: anything directive decides the verdict; then what the reply
#: asks of the protégé; then what it gives back to them.
_MAIN_ORDER = (
    "confront", "persuade", "persuade_with_permission", "question_open", "question_closed",
    "reflection_complex", "reflection_simple", "giving_information", "affirm",
    "emphasize_autonomy", "seek_collaboration", "other",
)


def code_utterance(text: str, previous: str | None = None) -> CodedUtterance:
    codes: list[SentenceCode] = []
    permission = False
    for sentence in split_sentences(text):
        if not sentence.rstrip().endswith("?") and (granted := _match(CUES.granted, sentence)):
            permission = True  # they asked for it: this sentence and the rest are permitted
            rest = sentence.replace(granted, "", 1).strip(" ,:;-\u2014") or sentence
            coded = code_sentence(rest[0].upper() + rest[1:], permission, previous)
            coded = SentenceCode(sentence, coded.code, coded.subtype, coded.cue)
            if coded.code in ("persuade", "giving_information", "reflection_simple", "other", "seek_collaboration"):
                coded = SentenceCode(coded.text, "persuade_with_permission", "suggestion", f'asked for: "{granted}"')
            codes.append(coded)
            continue
        coded = code_sentence(sentence, permission, previous)
        if coded.code == "question_closed":
            coded = _second_look(coded, permission)
        elif coded.code in _SUGGESTION_LOOK and not _echoes(sentence, previous) and not _THEIRS.match(sentence):
            coded = _suggestion_look(coded, permission)
        if permission and coded.code == "giving_information":
            # Options offered after asking: information given with the protégé's leave.
            coded = SentenceCode(coded.text, "persuade_with_permission", "suggestion", "offers options after asking")
        if coded.code == "seek_collaboration" and coded.cue.startswith("asks permission"):
            permission = True  # what follows in this reply was asked for
        codes.append(coded)
    if not codes:
        return CodedUtterance(text, "other", False, ())
    qualified = False
    if any(c.code == "persuade" for c in codes) and _match(CUES.autonomy_tail, text):
        # Advice with its autonomy said in the same breath ("take it or leave it") is
        # persuasion with permission in MITI 4.2.1. The runtime guard still treats it as
        # unasked-for advice (see CodedUtterance.pushes).
        qualified = True
        codes = [
            SentenceCode(c.text, "persuade_with_permission", c.subtype, f"{c.cue}; autonomy said alongside")
            if c.code == "persuade" else c
            for c in codes
        ]
    present = {c.code for c in codes}
    main = next(code for code in _MAIN_ORDER if code in present)
    informing = sum(c.code == "giving_information" for c in codes)
    prompting = sum(c.code in ASKING_OR_REFLECTING for c in codes)
    if main in ASKING_OR_REFLECTING and informing >= 2 and informing > prompting:
        # A turn that mostly informs, with a question tacked on, is information giving.
        main = "giving_information"
    if main.startswith("question"):
        main = [c.code for c in codes if c.code.startswith("question")][-1]
    if main == "reflection_simple" and "affirm" in present and all(
        c.subtype == "weak" for c in codes if c.code == "reflection_simple"
    ):
        main = "affirm"  # "You finished all three. That's impressive." affirms
    directive = bool(present & {"persuade", "confront"})
    return CodedUtterance(text, main, directive, tuple(codes), qualified)
