"""Rule-based understanding of one protégé message, offline and explainable.

It finds what the protégé said about their goal, timeframe, feelings, options and
commitments, and notices hedging, low effort and "just tell me" pressure. It never
rewrites the substance: slots hold the protégé's words as they said them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_I = r"(?:i|i'm|i am|i've|i have|i'd|i would)"

_GOAL_PATTERNS = [
    re.compile(r"\bmy (?:main |real |big )?goal is (?:to )?(?P<x>[^.!?]+)", re.I),
    re.compile(
        r"\b(?<!don't )(?<!do not )i(?:'d| would)? (?:really )?(?:want|like|love|hope|need|wish|plan|aim)"
        r" (?:to )?(?P<x>(?:be|get|become|learn|improve|find|build|move|grow|make|start|stop|feel|"
        r"have|work|lead|figure|understand|switch|change|speak|present|talk|ask|decide|prepare|"
        r"develop|gain|land|earn|take|go|manage|handle|deal|know|say|set|finish|launch|write)"
        r"\b[^.!?]*)",
        re.I,
    ),
    re.compile(r"\bi'?m (?:trying|hoping|working|aiming) (?:to|on) (?P<x>[^.!?]+)", re.I),
    # Any verb after "I want to": people want to apply, pitch, negotiate, mentor...
    re.compile(
        r"\b(?<!don't )(?<!do not )i(?:'d| would)? (?:really )?(?:want|like|love|hope|plan|aim) to "
        r"(?P<x>(?!be honest|say|ask you|know what|talk about)[a-z]+\b[^.!?]*)",
        re.I,
    ),
    re.compile(r"\b(?:get|become|be) better at (?P<x>[^.!?]+)", re.I),
    re.compile(
        r"\bi'?m (?:thinking (?:about|of)|considering|wondering about) (?P<x>[^.!?]+?)"
        r"(?=,? (?:but|and|though|although)\b|[.!?]|$)",
        re.I,
    ),
]
_NEGATED_GOAL = re.compile(
    r"\bi (?:don't|do not|never) (?:really )?(?:want|wanna) (?:to )?(?P<x>[^.!?]+)", re.I
)
TIMEFRAME = re.compile(
    r"\b(?P<x>(?:on|by|before|next|this|in|within|until|after) "
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|"
    r"(?:the )?(?:next |end of (?:the )?)?(?:week|month|quarter|year)|"
    r"(?:a|one|two|three|four|six|\d+) (?:days?|weeks?|months?|years?))|"
    r"tomorrow|tonight|today|next (?:week|month|quarter|year)|this (?:week|month|quarter|year))\b",
    re.I,
)
_FEELINGS = (
    "nervous",
    "anxious",
    "worried",
    "scared",
    "afraid",
    "stuck",
    "frustrated",
    "excited",
    "overwhelmed",
    "confused",
    "lost",
    "unsure",
    "intimidated",
    "tired",
    "exhausted",
    "proud",
    "happy",
    "stressed",
    "embarrassed",
    "discouraged",
    "hopeful",
    "curious",
    "uncertain",
    "insecure",
    "bored",
    "angry",
    "disappointed",
    "motivated",
    "torn",
)
_FEELING_RE = re.compile(r"\b(" + "|".join(_FEELINGS) + r")\b", re.I)
_HEDGES = re.compile(
    r"\b(maybe|perhaps|i guess|i think|i suppose|probably|kind of|sort of|not sure|might|"
    r"possibly|i don't know if|i'm not certain)\b",
    re.I,
)
_LOW_EFFORT = re.compile(
    r"^\s*(?:idk|i ?dunno|dunno|i don'?t know|not sure|no idea|fine|ok(?:ay)?|k|nothing|"
    r"whatever|sure|yes|yeah|yep|no|nope|nah|maybe|meh|hmm+|um+|\?+|\.+|n/?a|nothing really|"
    r"i don'?t care|doesn'?t matter|no clue|can'?t think of anything)\s*[.!?]*\s*$",
    re.I,
)
_JUST_TELL_ME = re.compile(
    r"\b(just tell me|(?:so )?tell me (?:exactly |precisely |just )?what (?:to|i should|i need to) do|"
    r"supposed to tell me|what should i do|what do i do|"
    r"give me (?:the|an|your) (?:answer|advice|plan|solution)|what would you do|"
    r"you(?:'re| are) the (?:expert|coach|ai)|i need (?:an )?answers?|stop asking)\b",
    re.I,
)
_COMMITMENT = re.compile(
    r"\b(?:i'll|i will|i'm going to|i am going to|i plan to|i promise to|i commit to)"
    r" (?P<x>[^.!?]+)",
    re.I,
)
_OPTION = re.compile(
    r"\b(?:i could|maybe i (?:could|should|can)|one option (?:is|would be)|"
    r"i might|or i (?:could|can))\s+(?P<x>[^.!?]+)",
    re.I,
)
# Something they did, said as done and with a good outcome: worth a specific affirmation.
_ACCOMPLISHMENT = re.compile(
    r"\bi (?:finally |actually )?(?P<x>(?:asked|talked|spoke|presented|finished|shipped|led|ran|"
    r"wrote|sent|applied|volunteered|shared|gave|told|raised|managed to|got|did|tried|started|"
    r"updated|reached out)\b[^.!?]*?)(?:,? and (?:it|that|they|she|he) (?:went (?:well|great|fine|ok)|"
    r"worked|helped|said yes|liked it)|[.!?]|$)",
    re.I,
)
_WENT_WELL = re.compile(
    r"\b(went (?:well|great|fine|better than)|it worked|said yes|proud|nailed it|positive|"
    r"they liked|she liked|he liked|good feedback|was happy)\b",
    re.I,
)
_QUESTION_FOR_MENTOR = re.compile(
    r"\bask (?:him|her|them|my mentor|[A-Z][a-z]+) (?P<x>(?:about|how|what|whether|if|why|for|"
    r"which|when|where)\b[^.!?]+)",
    re.I,
)


@dataclass
class Understanding:
    """What one message says, in the protégé's own words."""

    text: str
    goal: str = ""
    goal_is_verb: bool = False
    not_wanted: str = ""
    timeframe: str = ""
    feelings: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    commitment: str = ""
    mentor_questions: list[str] = field(default_factory=list)
    hedged: bool = False
    low_effort: bool = False
    wants_answer: bool = False  # "just tell me"
    accomplishment: str = ""  # "asked my manager for feedback" when it went well

    @property
    def substantive(self) -> bool:
        return not self.low_effort and len(self.text.split()) >= 2


def _clip(fragment: str) -> str:
    return fragment.strip(" ,;:-").strip()


def understand(text: str) -> Understanding:
    """Extract goal, timeframe, feelings, options, commitments, questions and signals."""
    u = Understanding(text=text.strip())
    norm = u.text.replace("’", "'")
    u.low_effort = bool(_LOW_EFFORT.match(norm))
    u.wants_answer = bool(_JUST_TELL_ME.search(norm))
    u.hedged = bool(_HEDGES.search(norm))
    neg = _NEGATED_GOAL.search(norm)
    if neg:
        u.not_wanted = _clip(neg.group("x"))
    for pattern in _GOAL_PATTERNS:
        m = pattern.search(norm)
        if m and not (neg and m.start() >= neg.start() and m.start() <= neg.end()):
            u.goal = _clip(m.group("x"))
            if pattern is _GOAL_PATTERNS[4]:  # "better at ..."
                u.goal = "get better at " + u.goal
            # Said as an action ("I want to lead"), not a thing ("I'm considering a move").
            u.goal_is_verb = (
                pattern is not _GOAL_PATTERNS[5]  # "thinking about ..."
                and (pattern is not _GOAL_PATTERNS[0] or " to " in m.group(0))
                and not re.search(r"\bworking on\b", m.group(0), re.I)
            )
            break
    tf = TIMEFRAME.search(norm)
    if tf:
        u.timeframe = tf.group("x")
    u.feelings = sorted({f.lower() for f in _FEELING_RE.findall(norm)})
    # Negated feelings ("I'm not nervous") are not feelings to reflect.
    u.feelings = [f for f in u.feelings if not re.search(rf"\bnot (?:\w+ )?{f}\b", norm, re.I)]
    c = _COMMITMENT.search(norm)
    if c:
        u.commitment = _clip(c.group("x"))
    u.options = [_clip(m.group("x")) for m in _OPTION.finditer(norm)]
    done = _ACCOMPLISHMENT.search(norm)
    if done and _WENT_WELL.search(norm) and not re.search(r"\b(?:didn't|did not|never|couldn't)\b", norm, re.I):
        u.accomplishment = _clip(done.group("x"))
    u.mentor_questions = [_clip(m.group("x")) for m in _QUESTION_FOR_MENTOR.finditer(norm)]
    u.mentor_questions += [q.strip() for q in re.findall(r"[^.!?]*\?", norm) if len(q.split()) >= 4]
    return u
