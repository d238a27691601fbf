"""Support mode: after a crisis or concern reply the thread stays with the person.

No GROW questions, no check-in, no slots or commitments from these turns ("I'll call the
number tomorrow" is a step toward help, not a commitment for the mentor meeting). The
assistant listens, names what the person feels without echoing their sentences, asks how
they are and what would help today, affirms every step toward help, and keeps the contacts
in view. It goes back to preparing only when the person asks, or says yes when offered.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from assistant.data import DATA_DIR

STILL_WORRIED = (
    "I'm still worried about you, and I'm glad you're telling me. If you might act on these "
    "thoughts, please call your local emergency number now, or reach one of the contacts beside "
    "the chat."
)
ARE_YOU_SAFE = "Are you safe right now?"

#: Questions that stay with the person, never with the meeting. Rotated, never twice running.
SUPPORT_QUESTIONS = (
    "What's been weighing on you the most?",
    "How are you feeling, as we talk?",
    "Is there someone you trust who you could reach out to today?",
    "What would help you get through the rest of today?",
    "Would it help to contact one of the people listed beside the chat now, while we keep talking?",
)
ACKNOWLEDGEMENTS = (
    "Thank you for telling me.",
    "I'm listening.",
    "That sounds like a lot to carry.",
    "I hear you.",
)
REMINDER = "The contacts stay beside the chat whenever you want them."
RESUME_OFFER = (
    "I'm glad it feels a little lighter. Would you like to go back to preparing for your "
    "meeting, or stay with this a while longer? Either is completely fine."
)
WORK_OFFER = (
    "Thank you for telling me. Would you like to go back to preparing for your meeting now, "
    "or stay with how you're feeling a while longer? Either is completely fine."
)
MISREAD_OFFER = (
    "Thank you for telling me, and sorry if I misread you: I'd rather ask than miss it. Would "
    "you like to go back to preparing for your meeting? The contacts stay beside the chat either way."
)
RESUME_LEAD = "Of course, let's go back to it. The contacts stay beside the chat if you need them."
#: A first, model-only sign of hopelessness in the middle of coaching is asked about
#: directly (asking does not put the idea there) before the full crisis reply: work talk
#: full of "nobody", "never" and "no point" reads like hopelessness to the classifier.
CHECK = (
    "That sounds hard. Can I check something, so I understand you properly: is this mostly "
    "about how things are going at work, or are you feeling low in a way that goes beyond work?"
)
#: The same first question when the classifier alone reads mistreatment into work talk
#: ("my manager keeps rewriting my queries").
ABUSE_CHECK = (
    "Thank you for telling me. Can I check something, so I understand you properly: is this about "
    "the work itself, or about how you're being treated, something like bullying or harassment?"
)
_TREATMENT = re.compile(
    r"\b(?:treated|treatment|bull(?:y|ied|ying)|harass\w*|abus\w*|unsafe|scared of (?:him|her|them)|"
    r"yell\w*|scream\w*|threat\w*|humiliat\w*|touch\w*|inappropriate|both|yes|yeah|the second)\b",
    re.I,
)


def about_treatment(text: str) -> bool:
    """The answer to the mistreatment check says it is about how they are treated."""
    return bool(_TREATMENT.search(text)) and not just_work(text)


CHECK_RESUME = (
    "It sounds like it's mostly about how work is going; thanks for telling me. If that changes, just say so."
)
#: Answers to the check that say it is about work.
_JUST_WORK = re.compile(
    r"\b(?:(?:just|only|mostly|it'?s|its|about|all) (?:the )?work|work stuff|work thing|just frustrat\w*|"
    r"i'?m (?:fine|ok(?:ay)?|good|alright)|no,? (?:i'?m |it'?s )?(?:fine|ok(?:ay)?|good)|not like that|"
    r"nothing like that|not (?:in )?that (?:way|sense)|no no|haha no|lol no|just venting|just annoyed|job stuff)\b",
    re.I,
)


#: Answers to the check that say it is more than work.
_BEYOND = re.compile(
    r"\b(?:beyond|bigger than|more than (?:just )?work|not (?:just|only|really) (?:about )?(?:the )?work|"
    r"everything|all of it|my life|life in general|both|honestly,? no|yes|yeah|yep|a bit of both|deeper|"
    r"low|down|depress\w*|hopeless|empty|numb|can'?t cope|don'?t know anymore|heavy|alone|exhausted|struggl\w*|"
    r"tired of|no point|pointless|worthless|give up|giving up)\b",
    re.I,
)


def beyond_work(text: str) -> bool:
    """The answer to the check says it is more than work ("both, honestly", "it's everything")."""
    return bool(_BEYOND.search(text)) and not just_work(text)


def just_work(text: str) -> bool:
    """The answer to the check says it is about work ("just work stuff", "no I'm fine")."""
    return bool(_JUST_WORK.search(text))
STAY = "That's completely okay. We can stay with this for as long as you need."
SAFE_YES = "I'm glad you're safe right now."
SAFE_UNSURE = (
    "Thank you for being honest with me. Please don't stay alone with this: reach out to one "
    "of the contacts beside the chat now, or call your local emergency number if you might act "
    "on these thoughts. If there is someone near you, let them know how you're feeling."
)
HELP_STEP = "I'm really glad you're going to reach out to someone. That matters."
PROTECTIVE = "That's a really important step, and I'm glad you're taking it."
GOODBYE = (
    "Thank you for talking with me. Please keep the contacts close, and reach out to one of "
    "them, or your local emergency number, if things get heavier. You can come back here any time."
)
HELP_STEP_QUESTION = "Is there someone who could be with you until then?"
THANKS = "You're welcome. I'm still here, and there's no rush."
SORRY = "There's nothing to apologise for. I'm glad you told me."
DISTRESS = (
    "That sounds like a lot to carry, and it makes sense that it's weighing on you. We can take "
    "this at whatever pace suits you: would you like to say more about it, or would it help more "
    "to focus on getting ready for your mentor meeting?"
)

_RESUME = re.compile(
    r"\b(?:(?:go|get|come|going|getting|move|head)(?:ing)? back (?:\w+ )?to|return(?:ing)? to|"
    r"(?:turn|move|switch)(?:ing)? (?:back )?to (?:the |my |our )?(?:presentation|meeting|prep|agenda|goal|questions|"
    r"work|topic|plan|session)|something (?:practical|concrete)|circle back|"
    r"(?:look at|get to|work on|talk about|do|think about) (?:the |my |our |this )?(?:\w+ )?"
    r"(?:meeting|session|plan|agenda|prep|presentation|goal|questions)\b(?! (?:is|was))|back to (?:the |my |our )?"
    r"(?:prep|agenda|meeting|session|goal|plan|questions|mentor|work|topic|task|point)|"
    r"where (?:were|was) we|where did we (?:leave|stop)|pick (?:it|this|up) (?:up|where)|"
    r"(?:continue|carry on|keep going|resume|proceed|move on)\b(?! (?:like this|living))|"
    r"(?:do|work on|focus on|start|finish|get on with|talk about) (?:the |my |our |this )?"
    r"(?:meeting|session|mentor|agenda|prep|preparation|goal|questions)\b(?! (?:is|was))|"
    r"(?:ready|want|like|wanna|prefer|rather) to (?:prep|prepare|plan|work on|focus on) )",
    re.I,
)
# "I can't keep going" is the opposite of asking to continue.
_CANT_GO_ON = re.compile(
    r"\b(?:can'?t|cannot|can not|couldn'?t|don'?t want to|no reason to|not sure i can|unable to|not ready to)\s+"
    r"(?:\w+\s+)?(?:keep going|continue|carry on|go on|move on|proceed|think about|look at|do|face|talk about|work on)",
    re.I,
)
# "I don't really want to think about the meeting right now" is not a request to go back.
_NEGATED_ASK = re.compile(
    r"\b(?:don'?t|dont|do not|not|never|can'?t|cannot|won'?t)\b[^.?!]{0,25}?\b(?:think about|look at|talk about|"
    r"work on|go back|get back|return|continue|deal with|focus on)\b",
    re.I,
)
_NOT_NOW = re.compile(r"\b(?:not (?:yet|now|really|ready)|no\b|nah|don'?t want|rather not|later|stay)", re.I)
_YES = re.compile(r"^\s*(?:yes|yeah|yep|yup|ya|sure|ok(?:ay)?|alright|please|let'?s|go ahead|i'?d like that|"
                  r"sounds good|i think so|definitely|that would be good)\b", re.I)
_SAFE = re.compile(r"^\s*(?:yes|yeah|yep|ya|i'?m (?:safe|ok|okay|fine|alright)|safe|for now|right now yes)\b|"
                   r"\b(?:i'?m|i am|im) (?:safe|not in (?:any )?(?:immediate )?danger|ok|okay|alright)\b|\bsafe now\b|"
                   r"\bnot going to do (?:it|anything)\b|\bno plans?\b|\bhaven'?t (?:made|got) (?:any )?plans?\b", re.I)
_UNSAFE = re.compile(r"^\s*(?:no\b|not really|nope|idk|i don'?t know|dont know|not sure|i'?m not sure|maybe|"
                     r"not safe|i'?m not(?! in (?:any )?(?:immediate )?danger))", re.I)
#: Unsure of their safety, said without being asked ("idk if i'm safe tbh", "I don't feel safe").
_UNSAFE_SAID = re.compile(
    r"\b(?:idk|i don'?t know|i do not know|dont know|not sure|unsure)\s+(?:if|whether)\s+"
    r"(?:i'?m|i am|im|i'?ll be|i will be)\s+(?:safe|ok|okay|alright)\b|"
    r"\b(?:i'?m|i am|im) not (?:safe|sure i'?m safe)\b|\b(?:don'?t|do not|dont) feel safe\b",
    re.I,
)
_BETTER = re.compile(r"\b(?:(?:feel|feeling|i'?m|im|i am) (?:a (?:bit|little|little bit) )?(?:better|calmer|ok(?:ay)?"
                     r" now|alright now|fine now)|that helped|helped a bit)\b", re.I)
_HELP_STEP = re.compile(
    r"\b(?:i'?ll|i will|i'?m going to|gonna|going to|i can|i could|i might|maybe i'?ll|i should|i need to|"
    r"i want to|let me|i'?m about to)\s+(?:\w+\s+){0,3}?"
    r"(?:call|text|ring|phone|talk to|speak to|reach out|contact|message|tell|see|book|email|go to)\b|"
    r"\b(?:calling|texting|i called|i texted|i rang|i told|i messaged|i booked|i reached out)\b",
    re.I,
)
#: Steps that make tonight safer: worth naming back, never answered with the same worry again.
_PROTECTIVE = re.compile(
    r"\b(?:give|gave|giving|hand|handed|handing)\s+(?:them|it|the \w+|my \w+)\s+(?:to|over)|"
    r"\b(?:is|are)\s+(?:here|home|at home|with me|coming over)|\bstay(?:ing)? with\b|\bnot alone\b|"
    r"\b(?:got rid of|threw (?:them|it) away|locked (?:them|it) away)\b",
    re.I,
)
_LEAVING = re.compile(
    r"\b(?:log(?:ging)? off|sign(?:ing)? off|gotta go|got to go|have to go|need to go|going to bed|good ?night|"
    r"bye|talk later|ttyl|leaving now)\b",
    re.I,
)
_MISREAD = re.compile(
    r"\b(?:(?:didn'?t|did not|don'?t|do not|wasn'?t) mean (?:it )?(?:like that|that way|literally|it that way|that)|"
    r"figure of speech|(?:just|only) (?:a )?(?:joke|joking|kidding)|\bjk\b|not (?:like that|literally|serious)|"
    r"misunderst\w*|misread|(?:lol|haha) no\b|no no\b|was (?:talking|speaking) about (?:my|the|a) "
    r"(?:project|presentation|deadline|job|work|laptop|code|meeting))",
    re.I,
)
_THANKS = re.compile(r"^\s*(?:thanks?|thank you|thx|ty|cheers)\b", re.I)
_SORRY = re.compile(r"\b(?:sorry|apologi[sz]e)\b", re.I)

#: Feeling words -> how we name them back; the person's word, not their sentence (data/feelings.yaml).
_FEELINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{'|'.join(entry['words'])})\b", re.I), str(entry["named"]))
    for entry in yaml.safe_load((DATA_DIR / "feelings.yaml").read_text(encoding="utf-8"))
)
_NEGATED_BEFORE = re.compile(r"\b(?:not|n't|never|no longer)\s+(?:\w+\s+)?$", re.I)


def wants_to_resume(text: str, offered: bool, work_talk: bool = False) -> bool:
    """The person asks to go back to preparing, or, offered it, says yes or simply carries
    on with their preparation ("also I want to ask him about the report")."""
    # "ok i'll text her to come home early" answers the worry, not the offer: a step toward
    # safety is never read as a yes to going back.
    if offered and (_YES.search(text) or work_talk) and not _NOT_NOW.match(text) and not steps_toward_safety(text):
        return True
    return (bool(_RESUME.search(text)) and not _NOT_NOW.match(text) and not _CANT_GO_ON.search(text)
            and not _NEGATED_ASK.search(text))


def steps_toward_safety(text: str) -> bool:
    """Reaching out, or making tonight safer: answered with recognition, not the same worry."""
    return bool(_HELP_STEP.search(text) or _PROTECTIVE.search(text) or _LEAVING.search(text))


def unsure_of_safety(text: str) -> bool:
    """"idk if i'm safe", "I don't feel safe": said without being asked."""
    return bool(_UNSAFE_SAID.search(text))


def said_safe(text: str) -> bool:
    """"I'm safe", "I'm not in immediate danger", "I have no plans"."""
    return bool(_SAFE.search(text)) and not _UNSAFE.match(text) and not _UNSAFE_SAID.search(text)


def named_feeling(text: str) -> str:
    for pattern, named in _FEELINGS:
        for m in pattern.finditer(text):
            if not _NEGATED_BEFORE.search(text[: m.start()]):
                return named
    return ""


def _next_question(support: dict[str, Any], skip: tuple[str, ...] = ()) -> str:
    last = support.get("question", "")
    count = int(support.get("replies", 0))
    for i in range(len(SUPPORT_QUESTIONS)):
        q = SUPPORT_QUESTIONS[(count + i) % len(SUPPORT_QUESTIONS)]
        if q != last and q not in skip:
            return q
    return SUPPORT_QUESTIONS[0]


def support_reply(support: dict[str, Any], text: str, work_talk: bool = False) -> tuple[str, str, dict[str, Any]]:
    """(move, reply, the support state after it) for a turn in support mode that does not
    escalate again and does not ask to resume. `work_talk`: the message is about work and
    carries no risk, so going back to preparing is offered (never assumed)."""
    count = int(support.get("replies", 0))
    updated = {**support, "replies": count + 1, "asked_safe": False, "offered_resume": False}
    lead = ""
    question = ""
    said = said_safe(text)
    if said:
        updated["said_safe"] = True
    step = bool(_HELP_STEP.search(text))
    if _LEAVING.search(text):
        return "support_goodbye", GOODBYE, {**updated, "question": ""}
    unsure = (support.get("asked_safe") and _UNSAFE.search(text)) or _UNSAFE_SAID.search(text)
    if unsure and not said and not step:
        return "support_unsafe", SAFE_UNSURE, {**updated, "tier": "crisis", "unsafe": True, "question": ""}
    if support.get("offered_resume") and _NOT_NOW.search(text):
        lead = STAY
    elif support.get("asked_safe") and said and not step:
        lead = SAFE_YES
    if _MISREAD.search(text) and not support.get("offered_resume"):
        return "support_offer", MISREAD_OFFER, {**updated, "offered_resume": True, "question": ""}
    if _BETTER.search(text) and not lead:
        return "support_offer", RESUME_OFFER, {**updated, "offered_resume": True, "question": ""}
    skip: tuple[str, ...] = (HELP_STEP_QUESTION,)
    if _PROTECTIVE.search(text):
        lead = PROTECTIVE
        skip = (HELP_STEP_QUESTION, SUPPORT_QUESTIONS[2], SUPPORT_QUESTIONS[4])
    elif step:
        lead = " ".join(x for x in (lead, HELP_STEP) if x)
        # They have named their step toward help: don't ask who they could reach out to.
        skip = (HELP_STEP_QUESTION, SUPPORT_QUESTIONS[2], SUPPORT_QUESTIONS[4])
        if support.get("tier") == "crisis":
            question = HELP_STEP_QUESTION
    elif (work_talk and not lead and not support.get("offered_resume")
          and not (support.get("unsafe") and not support.get("said_safe"))):
        # Someone who said they may not be safe is not offered their to-do list because
        # they mentioned work ("my mom's at work till 6"); they can still ask to go back.
        return "support_offer", WORK_OFFER, {**updated, "offered_resume": True, "question": ""}
    elif _THANKS.search(text) and not lead:
        lead = THANKS
    elif _SORRY.search(text) and not lead:
        lead = SORRY
    feeling = named_feeling(text)
    if not lead:
        acknowledgement = ACKNOWLEDGEMENTS[count % len(ACKNOWLEDGEMENTS)]
        lead = f"It sounds like you're feeling {feeling}." if feeling else acknowledgement
    if not question:
        question = _next_question(support, skip=skip)
    parts = [lead, question]
    if count % 3 == 2:
        parts.insert(1, REMINDER)
    return "support", " ".join(parts), {**updated, "question": question}
