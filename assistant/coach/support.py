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

from assistant.data import Patterns, read

RX = Patterns("support.yaml")

STILL_WORRIED = (
    "I'm still worried about you, and I'm glad you're telling me. If you might act on these "
    "thoughts, please call your local emergency number now, or reach one of the contacts beside "
    "the chat."
)
ARE_YOU_SAFE = "Are you safe right now?"
STILL_HERE = "Thank you. Before we go on, I want to check on you first, because you said you might not be safe."

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
#: They went on preparing while support was on: what they said is kept for when they go back.
HELD_OFFER = (
    "We can come back to that as soon as you're ready; I'll keep it. Would you like to go back to preparing for "
    "your meeting now, or stay with how you're feeling a while longer? Either is completely fine."
)
MISREAD_OFFER = (
    "Thank you for telling me, and sorry if I misread you: I'd rather ask than miss it. Would "
    "you like to go back to preparing for your meeting? The contacts stay beside the chat either way."
)
RESUME_FIRST = "We can go back to it, and you lead. Before we do, I want to ask: are you safe right now?"
RESUME_LEAD = "Of course, let's go back to it. The contacts stay beside the chat whenever you want them."
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


def about_treatment(text: str) -> bool:
    """The answer to the mistreatment check says it is about how they are treated."""
    return bool(RX.treatment.search(text)) and not just_work(text)


CHECK_RESUME = (
    "It sounds like it's mostly about how work is going; thanks for telling me. If that changes, just say so."
)
#: They went on preparing without answering the check: nothing they did not say is thanked for
#: (blind review 19: "thanks for telling me" after a message about the agenda, three times).
CARRY_ON_RESUME = "Okay, let's carry on with your preparation. If anything beyond work is weighing on you, just say so."


#: Words that answer the either-or check only when the answer opens with them ("both,
#: honestly", "yeah"): "I described both reversals as if they were wrong" is not one (blind
#: review 19, V04: read as "more than work" and met with the full concern reply).
_BARE_ANSWERS = frozenset({"both", "yes", "yeah", "yep"})


def beyond_work(text: str) -> bool:
    """The answer to the check says it is more than work ("both, honestly", "it's everything")."""
    if just_work(text):
        return False
    return any(found.group(0).lower() not in _BARE_ANSWERS or len(text[:found.start()].split()) < 4
               for found in RX.beyond.finditer(text))


def yes_then(text: str) -> str:
    """What follows a bare "yes" opening the answer ("Ok yes. I think ask Lupita first…"), or ""
    when the answer does not open that way: to an either-or question, such a yes says neither."""
    found = re.match(r"(?i)^\W*(?:(?:so|well|um+|uh+|ah|oh|hmm+)[,.]?\s+)?"
                     r"(?:(?:ok(?:ay)?|yes|yeah|yep|sure|right|perfect|great|good|lovely|cool|brilliant|"
                     r"thanks|thank you)[\s,!.]*){1,3}[.!,]\s+(?=\S)", text)
    return text[found.end():] if found and re.search(r"(?i)\b(?:yes|yeah|yep)\b", found.group(0)) else ""


def retracts(text: str) -> bool:
    """They take back what raised the check without saying what it was about ("Forget it.")."""
    return bool(RX.retracts.search(text)) and not just_work(text)


#: Taken back, and asked once whether they are safe before preparing goes on.
RETRACTED = ("Okay, we can leave it there if you'd like. Because of what you said, I'd like to ask once: "
             "are you safe right now?")
RETRACTED_SAFE = ("I'm glad you're safe right now. The contacts stay beside the chat whenever you want them, "
                  "and we can carry on.")


def just_work(text: str) -> bool:
    """The answer to the check says it is about work ("just work stuff", "no I'm fine")."""
    return bool(RX.just_work.search(text))


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

#: Feeling words -> how we name them back; the person's word, not their sentence (data/feelings.yaml).
_FEELINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{'|'.join(entry['words'])})\b", re.I), str(entry["named"]))
    for entry in read("feelings.yaml")
)


#: After the yes, they go on about themselves ("Yes, I have thought about it."), not about going back…
_TOLD = re.compile(r"(?i)\s*(?:i|i've|ive|i have|i had|i was|i did|i do|i am|i'm|im|it's|its|it is|it was|my)\b")
#: …unless it is how keen they are ("Yes, I'd like that", "Yes, I'm ready").
_KEEN = re.compile(r"(?i)\s*(?:i'?d (?:like|love|prefer)|i would (?:like|love|prefer)|i(?:'m| am) ready|i think so)")


def wants_to_resume(text: str, offered: bool, work_talk: bool = False) -> bool:
    """The person asks to go back to preparing, or, offered it, says yes or simply carries
    on with their preparation ("also I want to ask him about the report")."""
    # "ok i'll text her to come home early" answers the worry, not the offer: a step toward
    # safety is never read as a yes to going back.
    # "Yes, I have thought about it. Not when or how." (crisis conversations 5, G10) opens with a
    # yes, but what follows answers something else: a yes to the offer is bare, or goes on
    # preparing (work_talk) or asking to go back.
    rest = yes_then(text)
    about_them = (len(rest.split()) > 3 and _TOLD.match(rest) and not _KEEN.match(rest)
                  and not RX.resume.search(rest))
    bare_yes = bool(RX.yes.search(text)) and not about_them
    if offered and (bare_yes or work_talk) and not RX.not_now.match(text) and not steps_toward_safety(text):
        return True
    return (bool(RX.resume.search(text)) and not RX.not_now.match(text) and not RX.cant_go_on.search(text)
            and not RX.negated_ask.search(text))


#: Words that only ask to go back ("Now I would like to please return to the meeting preparation"):
#: a sentence made of these and one other word at most says nothing to coach on.
_ASKING_BACK = frozenset({
    "i", "i'm", "im", "i'd", "id", "am", "would", "like", "love", "want", "wanna", "please", "now", "okay", "ok",
    "so", "can", "could", "we", "us", "let's", "lets", "go", "get", "come", "back", "return", "returning", "to",
    "the", "my", "our", "this", "that", "prep", "preparation", "preparing", "meeting", "session", "agenda",
    "mentor", "continue", "carry", "on", "resume", "pick", "up", "where", "left", "off", "it", "ready", "feel",
    "feeling", "steadier", "better", "thanks", "thank", "you", "for", "again", "just", "and", "with"
})


def without_asking_back(text: str) -> str:
    """The message without its sentences that only ask to go back to preparing ("" if that is
    all it says): what remains is what they brought back with them."""
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        words = re.findall(r"[a-z']+", sentence.lower().replace("’", "'"))
        if RX.resume.search(sentence) and sum(w not in _ASKING_BACK for w in words) <= 1:
            continue
        kept.append(sentence)
    return " ".join(kept)


def turns_away(text: str) -> bool:
    """"I don't want to talk about the chapter now", "I can't think about the meeting": not a
    step back into preparing, whatever else the message holds."""
    return bool(RX.negated_ask.search(text) or RX.cant_go_on.search(text))


def names_help_service(text: str) -> bool:
    """Counselling, a therapist, a helpline, the number: help for them, not someone at work."""
    return bool(RX.help_service.search(text))


def turns_to_someone(text: str) -> bool:
    """Someone they trust or could talk to ("one senior there I trust", "my cousin, I can talk to her")."""
    return bool(RX.trusted.search(text))


def misread(text: str) -> bool:
    """They say the alarm misread them ("that was a joke", "figure of speech")."""
    return bool(RX.misread.search(text))


def steps_toward_safety(text: str) -> bool:
    """Reaching out, or making tonight safer: answered with recognition, not the same worry."""
    return bool(RX.help_step.search(text) or RX.protective.search(text) or RX.leaving.search(text))


def reaches_for_help(text: str) -> bool:
    """A step toward a person or service who can help, or toward a safer night ("I'll ring my
    sister", "I gave the tablets to my daughter"): not "I'm going to email my manager"."""
    return bool(RX.protective.search(text) or RX.leaving.search(text)
                or (RX.help_step.search(text) and RX.helper.search(text)))


def unsure_of_safety(text: str) -> bool:
    """"idk if i'm safe", "I don't feel safe": said without being asked."""
    return bool(RX.unsafe_said.search(text))


#: Common English words: a message of five words or more with almost none of them is written in
#: another language, which the classifier and the work-talk checks were not trained to read.
#: Why not a language-detection library: one decision, "probably not English", is all that is
#: needed, and this needs no model or download at run time (offline first).
_ENGLISH = frozenset({
    "i", "me", "my", "you", "your", "it", "is", "are", "was", "am", "be", "been", "the", "a", "an", "and", "or",
    "but", "not", "no", "to", "of", "in", "on", "at", "for", "with", "this", "that", "what", "how", "do", "did",
    "don't", "can", "can't", "have", "has", "had", "will", "would", "just", "so", "if", "about", "all", "get", "go",
    "im", "i'm", "it's"
})


def foreign(text: str) -> bool:
    """Most likely not English ("Non, je n'ai rien fait. Je n'ai pas de plan…"): a calm reading
    of it by the classifier is no evidence that they are fine (scripted crisis conversations,
    blind set 3, E19: resumed after a French answer to the check)."""
    words = re.findall(r"[a-zA-Z\u00C0-\u024F']+", text.lower())
    return len(words) >= 5 and sum(w in _ENGLISH for w in words) / len(words) < 0.1


def said_safe(text: str) -> bool:
    """"I'm safe", "I'm not in immediate danger", "I have no plans"."""
    return bool(RX.safe.search(text)) and not RX.unsafe.match(text) and not RX.unsafe_said.search(text)


#: "a bit sad", "kind of numb": how strongly they said it, kept when it is named back.
_HEDGE = re.compile(r"(?i)\b(?:a (?:little )?bit|a little|slightly|kind of|kinda|sort of|somewhat)\s+(?:\w+\s+)?$")


def named_feeling(text: str) -> str:
    for pattern, named in _FEELINGS:
        for m in pattern.finditer(text):
            if not RX.negated_before.search(text[: m.start()]):
                hedged = _HEDGE.search(text[max(0, m.start() - 24): m.start()]) and not named.startswith("like ")
                return f"a little {named}" if hedged else named
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
    step = bool(RX.help_step.search(text))
    if RX.leaving.search(text):
        return "support_goodbye", GOODBYE, {**updated, "question": ""}
    unsure = (support.get("asked_safe") and RX.unsafe.search(text)) or RX.unsafe_said.search(text)
    if unsure and not said and not step:
        return "support_unsafe", SAFE_UNSURE, {**updated, "tier": "crisis", "unsafe": True, "question": ""}
    if support.get("offered_resume") and RX.not_now.search(text):
        lead = STAY
    elif support.get("asked_safe") and said and not step:
        lead = SAFE_YES
    if RX.misread.search(text) and not support.get("offered_resume"):
        return "support_offer", MISREAD_OFFER, {**updated, "offered_resume": True, "question": ""}
    if RX.better.search(text) and not lead:
        return "support_offer", RESUME_OFFER, {**updated, "offered_resume": True, "question": ""}
    skip: tuple[str, ...] = (HELP_STEP_QUESTION,)
    if RX.protective.search(text):
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
    elif RX.thanks.search(text) and not lead:
        lead = THANKS
    elif RX.sorry.search(text) and not lead:
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
