"""Offline utterance coder, modelled on MITI 4.2.1 behaviour codes.

It codes each sentence of an assistant reply and gives the reply a verdict: is it
directive (persuading without permission, or confronting)? The runtime guard asks exactly
that question of every reply, and the evaluation suite scores whole conversations with it,
so every code carries the cue that produced it: a person can check each decision.

Rules, not a model: they are fast (well under a millisecond per sentence), explainable,
and cannot drift. Precedence inside a sentence, first match wins:
  disguised advice (a question that suggests) > confrontation > reflective frames >
  affirmation > autonomy > advice and instructions > questions > collaboration >
  reflections > information > other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CODES = (
    "question_open", "question_closed", "reflection_simple", "reflection_complex", "affirm",
    "seek_collaboration", "emphasize_autonomy", "giving_information", "persuade",
    "persuade_with_permission", "confront", "other",
)
PROMPTING = {"question_open", "question_closed", "reflection_simple", "reflection_complex"}


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


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# A question that carries the answer inside it is advice, whatever its punctuation.
DISGUISED_ADVICE = _rx(
    r"^have you (?:ever )?(?:considered|thought about|tried|looked into)\b",
    r"\bhas it occurred to you\b",
    r"\bwhy (?:don't|do not|wouldn't|not) (?:you|just|try|ask|talk|go|start)\b",
    r"^why not\b",
    r"\bwouldn't it (?:be )?(?:better|best|easier|wiser|smarter|good|worth)\b",
    r"\bwould(?:n't)? it make (?:more )?sense to\b",
    r"\bwhat if you (?:tried|were to|just|started|asked|talked|told|spoke|did|made|took)\b",
    r"^how about\b",
    r"^what about (?:trying|asking|talking|telling|starting|doing|making|taking|going|setting)\b",
    r"^(?:could|can) you (?:just )?(?:try|start|make sure|ask|talk|tell)\b",
    r"^shouldn't you\b",
    r"^don't you think (?:you should|you could|you need|it would be (?:better|best|wise)|that you should)\b",
    r"\bmaybe you (?:could|should|might|can)\b.*\?$",
    r"^have you thought of\b",
    r"\bis there (?:any )?reason you (?:can't|couldn't|don't|wouldn't)\b",
)
CONFRONT = _rx(
    r"\byou(?:'re| are) (?:wrong|mistaken|making excuses|being (?:lazy|naive|unrealistic|silly|ridiculous))\b",
    r"\b(?:that's|that is|this is) (?:a )?(?:bad|terrible|silly|stupid|ridiculous|naive|unrealistic) (?:idea|plan|goal|excuse)?",
    r"\bstop making excuses\b",
    r"\byou (?:always|never) (?:do|say|make|avoid|give up|complain|blame)\b",
    r"\b(?:honestly|frankly),? (?:that|this|you)\b.*\b(?:won't|isn't|aren't|can't)\b",
    r"\bwhat were you thinking\b",
    r"\byou (?:really )?(?:need|have) to (?:stop|grow up|get over)\b",
    r"\bthat's (?:just|simply) not (?:true|how)\b",
    r"\byou only have yourself to blame\b",
    r"\bhow many times\b.*\?",
    r"\bwhy (?:would|did) you (?:ever|even)\b",
    r"\bno wonder\b",
    r"\bi disagree\b",
)
# Frames that report the protégé's own words or inner state: "you should" inside them is
# the protégé's voice, reflected, not ours.
REFLECTIVE_FRAME = _rx(
    r"^(?:so,? )?(?:you|you've|you have) (?:said|mentioned|named|told me|described|listed|noted)\b",
    r"\byou (?:feel|felt|think|thought|believe|wonder|worry|fear|suspect|sense|hope)(?: that)? (?:you|your|it|there|maybe)\b",
    r"\byou(?:'re| are) (?:feeling|wondering|worried|afraid|saying|telling me|thinking|torn|unsure|not sure)\b",
    r"\byou(?:'ve| have)? been told\b",
    r"\bpart of you\b",
    r"\byou know (?:you|that you)\b",
    r"^(?:what )?i(?:'m| am) hearing\b",
    r"^if i(?:'m| am)? understand(?:ing)?\b",
    # Classic reflection stems that carry the protégé's words after them.
    r"^(?:so )?right now,",
    r"^what gets in the way is\b",
    r"^for you,",
    r"^this matters to you because\b",
    r"^your next step:",
)
AFFIRM = _rx(
    r"\bthat took (?:real )?(?:courage|guts|honesty|effort|initiative)\b",
    r"\byou(?:'ve| have) (?:clearly|really|already) (?:put|done|worked|thought|shown|made|taken)\b",
    r"\byou(?:'ve| have) (?:put|given) (?:real|a lot of|serious) (?:thought|work|effort)\b",
    r"\b(?:well done|great job|nice work|good for you|impressive)\b",
    r"\byou(?:'re| are) clearly (?:someone|a person|committed|thoughtful|determined|willing)\b",
    r"\bi (?:really )?(?:appreciate|admire|respect) (?:how|your|that you|the way)\b",
    r"\bthat's a (?:real )?strength\b",
    r"\byou showed (?:real )?\w+",
    r"\bthanks? (?:you )?for being (?:so )?(?:open|honest|candid)\b",
    r"\byou handled\b",
    r"\bthat shows (?:real )?(?:courage|commitment|self-awareness|initiative)\b",
)
AUTONOMY = _rx(
    r"\b(?:it's|it is|that's|that is) (?:entirely |completely |totally |really )?(?:your|up to you)\b(?: (?:choice|call|decision))?",
    r"\bup to you\b",
    r"\byou(?:'re| are) (?:the (?:one|best judge|expert)|in charge|free to)\b",
    r"\byou (?:get to |can )?decide\b",
    r"\byou know (?:yourself|your (?:situation|team|work|own)[\w ]*) (?:best|better than)\b",
    r"\bwhatever you (?:decide|choose|pick)\b",
    r"\byour call\b",
    r"\byou don't have to (?:decide|choose|know|have)\b",
    r"\bonly you can\b",
)
PERMISSION = _rx(
    r"\bwould (?:it|you) (?:help|be useful|like) (?:to hear|if i (?:shared|offered|mentioned))\b",
    r"\b(?:can|could|may) i (?:share|offer|suggest|mention|tell you)\b",
    r"\bwould you like (?:me )?to hear\b",
    r"\bwith your permission\b",
    r"\bif (?:it's|it is|that's|that would be) (?:useful|helpful|ok|okay)\b",
    r"\bsince you asked\b",
    r"\bwould it be (?:ok|okay|alright|all right) if i (?:shared|offered|suggested|mentioned)\b",
)
ADVICE = _rx(
    r"\byou (?:really |probably |definitely |just )?(?:should|must|ought to|need to|have to|had better|'d better)\b",
    r"\byou'(?:ll|d) (?:need|have) to\b",
    r"\bi (?:would |'d )?(?:recommend|suggest|advise|encourage you|urge you)\b",
    r"\bif i were you\b",
    r"\b(?:i think )?we should\b",
    r"\bit(?:'s| is) (?:so |really |very )?important (?:to|that you)\b",
    r"\bthe (?:best|right|smart) (?:thing|way|move|approach|option) (?:is|would be|to do)\b",
    r"\b(?:it|this) (?:might|may|could|would|will) (?:help|be (?:good|worth|useful|wise))(?: for you)? to\b",
    r"\bit(?:'s| is| could be| might be) worth (?:trying|asking|considering|talking)\b",
    r"\byou (?:might|may) want to\b",
    r"\byou could (?:try|start|ask|talk|tell|write|practi[cs]e|schedule|set|make|take|go|use|read|join|volunteer|reach)\b",
    r"\bmaybe you (?:could|should|can|might)\b",
    r"\bone (?:option|idea|thing you could do) (?:is|would be|could be)\b",
    r"\bsome people (?:find it helps to|try|like to|start by)\b",
    r"\bdon't (?:worry|forget|be afraid|overthink|give up|let)\b",
    r"\bmake sure\b",
)
IMPERATIVE_START = re.compile(
    r"^(?:please |just |so |then |now |first,? |next,? )?(?:try|make|start|stop|focus|consider|remember|ask|tell|"
    r"talk|write|practi[cs]e|schedule|set|take|keep|avoid|get|read|prepare|spend|think about|reach out|find|"
    r"use|send|pick|choose|book|plan|volunteer|speak|email|call|learn|join|sign up|go|be|do|don't|never|"
    r"always|bring|list|block|commit|push|stay|give|let go|put|look for|check|delegate|say|share|note|"
    r"document|record|sit down|own|aim|prioriti[sz]e|break|limit|drop|quit|apply|update|build|create|seek)\b",
    re.IGNORECASE,
)
SEEK_COLLAB = _rx(
    r"^let's (?:look|think|explore|work|figure|see|take a look|unpack|try to understand|map)\b",
    r"\btogether\b",
    r"\bwould it be (?:ok|okay|alright|all right) if we\b",
    r"^shall we\b",
    r"\bi'd (?:like|love) to (?:understand|hear|know) (?:more|what|how)\b",
    r"\bwe can (?:look|work|explore|figure)\b.*\btogether\b",
)
OPEN_START = re.compile(
    r"^(?:what|how|which|where|when|who|whom|whose|in what ways?|to what extent|tell me|describe|say more|"
    r"talk me through|walk me through|help me understand|i'm curious|i wonder what|i wonder how)\b",
    re.IGNORECASE,
)
_AUX_QUESTION = re.compile(
    r"^(?:do|does|did|are|is|was|were|can|could|would|will|have|has|should|don't|didn't|aren't|isn't)\s+"
    r"(?:you|we|i|it|they|he|she|there)\b",
    re.IGNORECASE,
)
_INVITATION = re.compile(
    r"^(?:tell me (?:more|about|what|how)|describe|say more|walk me through|talk me through|help me understand)\b",
    re.IGNORECASE,
)
CLOSED_HOW = re.compile(r"^how (?:many|much|long|often|old|soon)\b", re.IGNORECASE)
CLOSED_START = re.compile(
    r"^(?:do|does|did|is|are|was|were|can|could|would|will|should|have|has|had|am|may|might|shall|"
    r"isn't|aren't|don't|doesn't|didn't|won't|wouldn't|couldn't|haven't|hasn't|any|anything|"
    r"ok|okay|right|yes|no|true)\b",
    re.IGNORECASE,
)
REFLECTION_START = re.compile(
    r"^(?:so,? |and |it )?(?:it )?(?:sounds|seems|sounds like|seems like|looks like|it sounds|it seems|"
    r"you|you're|you are|you've|you have|you'd|you'll|your|for you|part of you|on (?:the )?one hand|"
    r"what i'm hearing|i hear|i'm hearing|if i understand|that sounds|this sounds|that must|"
    r"that's a lot|a lot of|what matters|what you want|the (?:thing|part) (?:that|you))",
    re.IGNORECASE,
)
COMPLEX_MARKERS = _rx(
    r"\bpart of you\b", r"\bon (?:the )?one hand\b", r"\beven though\b", r"\bat the same time\b",
    r"\bwhile (?:you|part)\b", r"\bunderneath\b", r"\bit's as if\b", r"\bas though\b", r"\blike a\b",
    r"\breally about\b", r"\bmatters? (?:to you|a lot|deeply)\b", r"\bimportant to you\b",
    r"\b(?:worried|afraid|scared|anxious|nervous|frustrated|stuck|torn|proud|hopeful|overwhelmed|"
    r"discouraged|excited|uneasy|disappointed|tired|drained|relieved|unsure|uncertain)\b",
    r"\byou (?:value|care about|long for)\b", r"\bwhat you're really\b", r"\bbut (?:you|also|part)\b",
    r"\bnot (?:yet )?sure\b", r"\bsounds like you(?:'re| are| feel| want| care)\b",
    r"\bleaning toward\b", r"\beven if\b", r"\bmore than\b",
)
INFO_MARKERS = _rx(
    r"^(?:i|we)(?:'m| am) (?:a little |a bit |really |very )?(?:concerned|worried)\b",
    r"^(?:i|we) (?:noticed|see from|see here|saw)\b",
    r"^i (?:want|wanted|would like|'d like|would love|'d love) (?:you to know|to share|to let you know|to tell you)\b",
    r"^(?:i|we)(?:'ve| have) got (?:another|an|one) (?:idea|option|suggestion)\b",
    r"^(?:some|many|most) (?:people|patients|clients|of the)\b",
    r"^(?:the|this|that|it|these|those|there)\b(?!.*\byou)",
    r"\b(?:is|are|can be|can|may|might) (?:linked|associated|related) (?:to|with)\b",
    r"\b(?:side effects|risks?|research|studies|guidelines|recommend(?:ed|ation)s?)\b",
    r"^(?:the|our|your) (?:program|handbook|guidance|policy|coordinator|mentor(?:ing)? program)\b",
    r"\b(?:research|studies|evidence) (?:shows?|suggests?)\b",
    r"\bmany (?:people|protégés|mentees|mentors)\b",
    r"\bevery (?:two|three|four) weeks\b",
    r"\baccording to\b",
    r"^here'?s what\b",
    r"\b(?:pairs|mentors|protégés) (?:meet|usually|often|typically)\b",
)
OTHER_MARKERS = _rx(
    r"^(?:hi|hello|hey|good (?:morning|afternoon|evening)|welcome|thanks|thank you|ok(?:ay)?|great|"
    r"alright|all right|sure|bye|see you|take care|mm+|hmm+|right|i see|got it|of course)\b[.!,]*$",
    r"^(?:hi|hello|hey|welcome|thanks|thank you)\b",
    r"^let's (?:start|begin|get started|move on|wrap up|pause|continue)\b",
    r"^i(?:'m| am) (?:here|a coaching assistant|an assistant|not a)\b",
    r"^my (?:role|job) is\b",
)
SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you've|you'd|you'll|yourself)\b", re.IGNORECASE)
_DISCOURSE = re.compile(r"^(?:so|and|but|okay|ok|well|then|now|also|alright|right)\b[,]?\s+", re.IGNORECASE)
_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[a-z']+")
_STOP = set(
    ["i", "you", "me", "my", "your", "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "is", "are", "was", "were", "be", "been", "am", "it", "that", "this", "what", "how", "so", "just", "really", "very", "do", "does", "did", "have", "has", "had", "not", "no", "yes"]
)


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SPLIT.split(text or "") if s and s.strip()]


def _match(rx: re.Pattern[str], text: str) -> str:
    m = rx.search(text)
    return m.group(0) if m else ""


def code_sentence(sentence: str, permission: bool = False, previous: str | None = None) -> SentenceCode:
    s = sentence.strip()
    bare = _DISCOURSE.sub("", s)
    # Typed chat often drops the question mark: "do you want to keep going".
    is_question = s.endswith("?") or bool(_AUX_QUESTION.match(bare))
    if _INVITATION.match(bare):
        # "Tell me more about..." is MITI's open question, not an instruction.
        return SentenceCode(s, "question_open", "", "")
    if cue := _match(DISGUISED_ADVICE, bare):
        code = "persuade_with_permission" if permission else "persuade"
        return SentenceCode(s, code, "suggestion", f'advice as a question: "{cue}"')
    if cue := _match(CONFRONT, bare):
        return SentenceCode(s, "confront", "", f'confronts: "{cue}"')
    if cue := _match(PERMISSION, bare):
        return SentenceCode(s, "seek_collaboration", "", f'asks permission: "{cue}"')
    reflective = _match(REFLECTIVE_FRAME, bare)
    # "What support do you need to...?" asks; the same words in a statement would advise.
    open_question = is_question and bool(OPEN_START.match(bare))
    if not reflective and not open_question:
        if cue := _match(AFFIRM, bare):
            return SentenceCode(s, "affirm", "", f'affirms: "{cue}"')
        if cue := _match(AUTONOMY, bare):
            return SentenceCode(s, "emphasize_autonomy", "", f'hands the choice back: "{cue}"')
        advice = _match(ADVICE, bare)
        imperative = "" if (is_question or advice) else _match(IMPERATIVE_START, bare)
        if advice or imperative:
            subtype = "instruction" if imperative else ("suggestion" if _is_soft(advice) else "advice")
            cue = f'{"instructs" if imperative else "advises"}: "{advice or imperative}"'
            return SentenceCode(s, "persuade_with_permission" if permission else "persuade", subtype, cue)
    if is_question or (OPEN_START.match(bare) and not bare.endswith(".")):
        return _question(s, bare, reflective)
    if cue := _match(SEEK_COLLAB, bare):
        return SentenceCode(s, "seek_collaboration", "", f'invites collaboration: "{cue}"')
    if cue := _match(OTHER_MARKERS, bare):
        return SentenceCode(s, "other", "", "")
    if reflective or REFLECTION_START.match(bare) or _echoes(bare, previous):
        complex_cue = _match(COMPLEX_MARKERS, bare)
        if complex_cue:
            return SentenceCode(s, "reflection_complex", "", f'reflects meaning or feeling: "{complex_cue}"')
        return SentenceCode(s, "reflection_simple", "", "")
    if cue := _match(INFO_MARKERS, bare):
        return SentenceCode(s, "giving_information", "", f'informs: "{cue}"')
    if SECOND_PERSON.search(bare):
        return SentenceCode(s, "reflection_simple", "", "")
    if len(_WORD.findall(bare.lower())) >= 6 and not bare.lower().startswith(("i ", "i'm", "i'd", "i've")):
        return SentenceCode(s, "giving_information", "", "")
    return SentenceCode(s, "other", "", "")


def _is_soft(cue: str) -> bool:
    return bool(re.search(r"might|may|could|worth|some people|one option|maybe|help", cue, re.IGNORECASE))


def _question(s: str, bare: str, reflective: str) -> SentenceCode:
    if CLOSED_HOW.match(bare):
        return SentenceCode(s, "question_closed", "", "asks for a specific fact")
    if OPEN_START.match(bare):
        # "What ... : X or Y?" is still open when the choice list is only an example.
        return SentenceCode(s, "question_open", "", "")
    if CLOSED_START.match(bare):
        return SentenceCode(s, "question_closed", "", "yes/no question")
    if reflective or REFLECTION_START.match(bare):
        # A statement said with a rising tone ("You feel stuck?") reflects rather than asks.
        return SentenceCode(s, "reflection_simple", "", "reflection with a question mark")
    if re.search(r"\bor\b", bare, re.IGNORECASE):
        return SentenceCode(s, "question_closed", "", "either/or question")
    return SentenceCode(s, "question_open", "", "")


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
        coded = code_sentence(sentence, permission, previous)
        if permission and coded.code == "giving_information":
            # Options offered after asking: information given with the protégé's leave.
            coded = SentenceCode(coded.text, "persuade_with_permission", "suggestion", "offers options after asking")
        if coded.code == "seek_collaboration" and coded.cue.startswith("asks permission"):
            permission = True  # what follows in this reply was asked for
        codes.append(coded)
    if not codes:
        return CodedUtterance(text, "other", False, ())
    present = {c.code for c in codes}
    main = next(code for code in _MAIN_ORDER if code in present)
    informing = sum(c.code == "giving_information" for c in codes)
    prompting = sum(c.code in PROMPTING for c in codes)
    if main in PROMPTING and informing >= 2 and informing > prompting:
        # A turn that mostly informs, with a question tacked on, is information giving.
        main = "giving_information"
    if main.startswith("question"):
        main = [c.code for c in codes if c.code.startswith("question")][-1]
    directive = bool(present & {"persuade", "confront"})
    return CodedUtterance(text, main, directive, tuple(codes))
