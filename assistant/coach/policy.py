"""The policy: from what the protégé said and the thread so far, choose and phrase a move.

Rules that hold for every coaching move: at most one question, open, never repeated in a
thread; reflections reuse the protégé's own words; no advice. The GROW stage advances when
its slots are filled, and the thread closes with an agenda drafted from the protégé's words
for them to edit and approve.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.coach import templates as T
from assistant.coach.agenda_items import (
    Item,
    apply_edits,
    asks_for_agenda,
    build,
    edit_pieces,
    labelled_questions,
    looks_like_edit,
    render,
)
from assistant.coach.agenda_limits import Limits, fit, limits
from assistant.coach.checkin import catch_up_line
from assistant.coach.question_choice import QuestionPicker
from assistant.coach.state import CoachState, stage_of
from assistant.coach.timephrases import meeting_when
from assistant.coach.wording import clean_clause
from assistant.language.durations import said_session_length
from assistant.language.lists import marked_items
from assistant.language.meaning import Meaning, read
from assistant.language.parse import content_lemmas
from assistant.language.person import second_person
from assistant.language.verbs import gerund
from assistant.records import Passage

_APPROVAL = re.compile(
    r"^\s*(?:yes|yep|yeah|looks (?:good|great|fine)|that'?s (?:good|great|fine|it|perfect)|"
    r"perfect|great|approved?|good|ok(?:ay)?|sounds good|no changes?|nothing to change|"
    r"all good|i'?m happy with (?:it|that))\b",
    re.I,
)
#: Approval said later in a message: "That looks very good. Thank you", "ok, happy with that".
_APPROVAL_SAID = re.compile(
    r"\b(?:looks|seems|reads) (?:very |really |all |pretty )?(?:good|great|fine|right|perfect|spot on)\b|"
    r"\b(?:that'?s|it'?s|that is|it is|this is) (?:all )?(?:good|great|fine|perfect|spot on)\b|"
    r"\bhappy with (?:it|that|this)\b|(?<!not )(?<!n't )\bapproved\b(?!\s*\?)|\bi approve\b|"
    r"\bapprove (?:it|that|this)\b|\bgood to go\b|\blgtm\b|\bthat'?ll do\b|\b(?:that|it|this) works\b|"
    r"\bworks for me\b|\b(?:the )?agenda(?:'s|’s| is| looks| seems)? (?:fine|good|great|perfect|ok|okay|right)\b|"
    r"\b(?:is|looks|seems) (?:fine|good|great|perfect) (?:like that|as it is|as is)\b|\block it in\b|"
    r"\bsign(?:ed)? (?:it )?off\b|\bthis is acceptable\b|"
    r"\bi (?:agree with|accept) (?:the|this|that|my) (?:agenda|draft)\b|"
    # "Lovely. That's the agenda. Thank you, this really helped." (blind review 22, Y12)
    r"\bthat'?s (?:the|my) agenda\b(?!\s*\?)|"
    # "Very good, I agree. Thank you, good night" (blind review 18)
    r"\bi agree\b(?:\s+with\s+(?:it|this|that))?\s*(?:[.!,]|$)",
    re.I)
_ONE_MORE = re.compile(r"(?i)^\W*(?:(?:oh|and|also|ok(?:ay)?)[,]?\s+)*(?:(?:one|another)\s+more|another(?:\s+one)?)"
                       r"(?:\s+(?:question|q|thing))?(?:\s*,?\s*maybe)?"
                       # "And another one, I just thought of it: does she think…?" (blind review 16)
                       r"(?:\s*,?\s*(?:i\s+)?(?:just\s+)?(?:thought\s+of\s+(?:it|one|this)|remembered(?:\s+it)?))?"
                       r"\s*[:,\-–—]\s*(?=\w)")
#: Thanks, and nothing about the draft.
#: Words of thanks, shared by the patterns that read thanks at the start, anywhere, or alone.
_THANK_WORDS = r"thanks?|thank you|thank u|thx|cheers|much appreciated"
_THANKS = re.compile(rf"^\W*(?:{_THANK_WORDS}|thanku|tq|ty|tysm|tks|ta|"
                     r"appreciate it|many thanks|salamat|obrigad[oa]|gracias|merci|danke)\b", re.I)
#: Words that ask for a change: their presence makes approval or thanks an edit after all.
_CHANGE_WORDS = re.compile(
    r"\b(?:add|remove|take out|take off|drop|delete|cut|move|swap|change|replace|reword|rename|put|instead|but|"
    r"except|first|last|keep|shorter|longer|missing)\b", re.I)
_CONSENT = re.compile(
    r"^\s*(?:yes|yeah|yep|sure|ok(?:ay)?|please|go ahead|that would help|it would|i'?d like that|"
    r"why not|definitely|absolutely)\b|\b(?:just tell me|tell me)\b",
    re.I,
)


@dataclass
class Decision:
    move: str
    text: str
    question: str = ""
    updates: dict[str, Any] = field(default_factory=dict)


def topic_of(slots: dict[str, str], verb_goal: bool) -> str:
    """The goal as a short noun phrase in second person, or 'this' when it won't fit."""
    goal = slots.get("goal", "")
    if not goal:
        return "this"
    if len(goal.split()) > 8 or not _reads_as_topic(goal, verb_goal):
        return "your goal"
    phrase = second_person(goal).strip(" .,;")
    return gerund(phrase) if verb_goal else phrase


def _reads_as_topic(goal: str, verb_goal: bool) -> bool:
    """A goal that can sit inside a question ("getting promoted by June", "a clearer path");
    a fragment the parse can't read as a verb or noun phrase is named as "your goal"."""
    from assistant.language.parse import parse

    doc = parse(goal)
    if not len(doc):
        return False
    head = doc[0]
    if verb_goal:
        return head.pos_ in {"VERB", "AUX"} and head.tag_ in {"VB", "VBP"}
    return any(t.pos_ in {"NOUN", "PROPN"} for t in doc) and doc[-1].pos_ not in {"ADP", "CCONJ", "DET", "PRON"}


def _when(state: CoachState) -> str:
    tf = state.get("timeframe", "")
    return tf if tf else "before your next meeting"


def next_question(state: CoachState, slot: str, picker: QuestionPicker | None = None,
                  said: Sequence[float] | None = None) -> str:
    """The most relevant question for the slot not yet asked in this thread (the engine's
    own, or the program's bank when one fits what they said better), then generic ones."""
    asked = set(state.get("asked", []))
    slots = state.get("slots", {})
    # A step comes before the meeting: "one small step you could take on Thursday" asked for one on
    # the meeting day itself (blind review 18, three times).
    before = f"before the meeting {state['timeframe']}" if state.get("timeframe") else "before your next meeting"
    values = {"topic": topic_of(slots, state.get("goal_is_verb", False)), "when": _when(state), "before": before}
    own = [template.format(**values) for template in T.SLOT_QUESTIONS.get(slot, ())]
    if slot == "goal" and (slots.get("reality") or slots.get("obstacles") or slots.get("demand")):
        own = [q for q in own if q not in T.OPENING_GOAL_QUESTIONS]
    incoming = str(state.get("incoming", ""))
    if slot == "next_step" and (_CHOSE.search(incoming) or chosen_option(incoming, slots.get("options", ""))
                                or chosen_options(incoming, slots.get("options", ""))):
        # "I think the pilot is the best": they have chosen; "which of those first?" asks again.
        own = [q for q in own if not q.startswith("Which of those")]
    elif slot == "next_step" and own and own[0] not in asked and len(read(incoming).option.split("; ")) > 1:
        # Several options just named: which one they'd take forward is the question that
        # follows, not a step before any is chosen (nor a bank question about something else).
        return own[0]
    if picker is not None:
        theirs = " ".join([*(str(x.get("content", "")) for x in state.get("messages", []) if x.get("role") == "user"),
                           incoming, *map(str, slots.values())])
        chosen = picker.pick(slot, own, said, asked, theirs)
        if chosen:
            return chosen
    for question in (*own, *T.GENERIC_QUESTIONS):
        if question not in asked:
            return question
    # Every phrasing used: vary the generic one rather than repeat ourselves.
    return f"What else comes to mind about {values['topic']}, now that we've talked it through?"


#: They pick one of their options: "the pilot is the best", "Co-supervision seems most sensible",
#: "I'd go with the chats", "Number 3 first I think", "the third is the most direct".
_CHOSE = re.compile(
    r"(?i)\b(?:is|seems|sounds|looks|feels)(?: like)? (?:the )?(?:best|most \w+|easiest|way to go|winner|right one)\b|"
    r"\bi'?d (?:go|start) with\b|\b(?:number \d|the (?:first|second|third|last)(?: one)?) first\b|"
    r"\b(?:go|going) with (?:the )?\w+|\b(?:cheapest|least scary)\b|\bstart with\b")


#: Options named by their place in the list: "1 and 3", "A plus D", "(b) and (c)", "C.",
#: "the first and the last". Lower-case letters only in brackets or beside another marker
#: ("a" is an article).
_BY_PLACE = re.compile(r"(?<![\w'’])(?:\(?(?P<n>[1-5])\)?|\(?(?P<L>[A-E])\)?|\(?(?P<l>[a-e])\)|"
                       r"(?P<o>first|second|third|fourth|last)(?:\s+one)?)"
                       # …and what follows a choice: a joint or a reason, never a noun it counts or
                       # names ("2 kids", "A bit of both").
                       r"(?=\s*(?:$|[.,;:!?)&+]|(?:and|or|plus|then|first|is|are|for|because|since|as|too|only|"
                       r"definitely|probably|maybe|i think|feels?|seems?|sounds?|looks?)\b))")
_ORDINAL_AT = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1}


#: Still weighing two of them ("1 vs 3", "between A and C"), or ruling one out ("not 3", "2 is out").
_UNDECIDED = re.compile(r"(?i)\b(?:vs\.?|versus|between)\b")
_RULED_OUT_BEFORE = re.compile(r"(?i)\b(?:not|no|never|except|without|drop|scratch|rule out|ruled out)\s+"
                               r"(?:option\s+)?\(?$")
_RULED_OUT_AFTER = re.compile(r"(?i)\)?\s*(?:is|'s)?\s*(?:out|off(?: the table)?|gone|ruled out|a no|not for me)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _ruled_out(said: str, place: re.Match[str]) -> bool:
    """The option named at `place` in the sentence is ruled out ("Not 3.", "2 is out")."""
    return bool(_RULED_OUT_BEFORE.search(said[: place.start()]) or _RULED_OUT_AFTER.match(said[place.end():]))


#: A sentence that turns something down: what it names is not their pick.
_TURNED_DOWN = re.compile(r"(?i)\b(?:not|never|no longer|won'?t|wouldn'?t|don'?t|doesn'?t|isn'?t|rather not|"
                          r"is out|off the table|ruled? out)\b|n't\b")


def chosen_options(text: str, options: str) -> list[str]:
    """Their options a short answer picks by place ("probably 1 and 3. 2 is me trying to
    prove something": the first sentence chooses, the rest gives reasons), or []."""
    listed = [o for o in options.split("; ") if o]
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    own = marked_items(text)
    if len(listed) < 2 or len(first.split()) > 12 or sum(len(i.split()) > 2 for i in own) >= 2:
        # "Options: A. apply for the fellowship. B. ask my PI…" names its own A, B and C: its
        # letters are not places in the options said before (blind review 14, V08).
        return []
    if _UNDECIDED.search(first):
        return []  # "so it's 1 vs 3": still choosing
    at: list[int] = []
    for m in _BY_PLACE.finditer(first):
        if _ruled_out(first, m):
            continue  # "Not 3.", "2 is out": ruled out, not chosen (blind review 20, W04 and W12)
        if m.group("n"):
            at.append(int(m.group("n")) - 1)
        elif m.group("L") or m.group("l"):
            at.append(ord((m.group("L") or m.group("l")).lower()) - ord("a"))
        elif m.group("o") and re.search(r"(?i)\b(?:one|and|plus|&)\b", first):
            at.append(_ORDINAL_AT[m.group("o").lower()] % len(listed))
    if any(not 0 <= i < len(listed) for i in at) or (at and "I" in first.split() and len(at) == 1):
        return []
    return [listed[i] for i in dict.fromkeys(at)]


def weighs_options(text: str, options: str) -> bool:
    """A short answer that rules one of their options out by its place, or still weighs two ("Not 3.
    Won't drop it.", "so it's 1 vs 3"): about their options, not a change to a draft."""
    listed = [o for o in options.split("; ") if o]
    if len(listed) < 2 or len(text.split()) > 25:
        return False
    return any(_UNDECIDED.search(said) or _ruled_out(said, m)
               for said in _SENTENCE_END.split(text.strip()) for m in _BY_PLACE.finditer(said))


def chosen_option(text: str, options: str) -> str:
    """The one of their options a short message picks ("pairing with Sofie. But I don't want
    to bother her", "The moderation one!", "shadowing"), or "". A message that shares words
    with two options, or lists options of its own, picks none."""
    listed = [o for o in options.split("; ") if o]
    if len(listed) < 2 or len(text.split()) > 30 or len(re.findall(r"(?i)\bor\b", text)) > 1:
        return ""
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    for part in (first, text):  # "The moderation one! … I can still look for a course after."
        if _TURNED_DOWN.search(part.replace("’", "'")):
            continue  # "Not 3. Won't drop it.": the option they name is the one they turn down
        said = content_lemmas(part)
        named = [o for o in listed if said & content_lemmas(o)]
        if len(named) == 1:
            return named[0]
    return ""


def agenda_items(view: CoachState) -> list[Item]:
    """The thread's agenda items (built from the slots for a thread drafted before items)."""
    stored = view.get("agenda_items")
    if stored:
        return [Item.from_dict(i) for i in stored]
    outcomes = view.get("review_outcomes")
    return build(view.get("slots", {}), bool(view.get("goal_is_verb")), catch_up_line(outcomes) if outcomes else "",
                 str(view.get("chosen", "")))


def _agenda_decision(view: CoachState, slots: dict[str, str], updates: dict[str, Any], ask: str = "",
                     message: str = "") -> Decision:
    """The first draft; a change they asked for before seeing it ("put my questions first")
    is applied to it straight away, and a length asked in the same message ("our sessions are
    30 mins", "keep it short") is kept to (agenda_limits.py)."""
    outcomes = view.get("review_outcomes")
    items = build(slots, bool(view.get("goal_is_verb")), catch_up_line(outcomes) if outcomes else "",
                  str(updates.get("chosen") or view.get("chosen", "")))
    edit = apply_edits(items, ask) if ask else None
    if edit is not None:
        items = edit.items
    wanted = limits(message or ask)
    if wanted.minutes is None and view.get("session_minutes"):
        wanted = Limits(int(view.get("session_minutes", 0)), wanted.items)  # said earlier in the thread
    items = fit(items, wanted)
    agenda = render(items, _when(view))
    updates.update(slots=slots, agenda_shown=True, agenda=agenda, agenda_items=[i.to_dict() for i in items], target="")
    said = edit.said[:-1] if edit else ""
    said = said if said.startswith("I ") else said[:1].lower() + said[1:]
    intro = f"{T.AGENDA_INTRO} ({said})" if edit else T.AGENDA_INTRO
    text = f"{intro}\n\n{agenda}\n\n{T.AGENDA_QUESTION}"
    return Decision("summary+agenda", text, T.AGENDA_QUESTION, updates)


_LEAD_IN = re.compile(r"^(?:(?:and|also|plus|oh|maybe)\b[, ]*)+", re.I)
_NOTHING_MORE = re.compile(
    r"^\s*(?:no|nope|nah|nothing|not really|that'?s (?:it|all|enough)|i'?m good|all good|none|"
    r"no,? that'?s (?:it|all)|i think that'?s (?:it|all))\b",
    re.I,
)


def goal_clarity(slots: dict[str, str], timeframe: str) -> str:
    """How clear the goal is: none, stated (in their words), or concrete (success or a date too)."""
    if not slots.get("goal"):
        return "none"
    return "concrete" if slots.get("success") or timeframe else "stated"


def adds_one_more(text: str) -> bool:
    """"One more - should I tell my manager…?": one more thing for the list, said after the draft."""
    return bool(_ONE_MORE.match(text))


def approves_agenda(text: str) -> bool:
    """The message approves the draft in so many words ("approved", "lock it in", "happy with
    that"), whatever else it says; the safety flow asks this too, of an answer to its check."""
    return bool(_APPROVAL_SAID.search(text))


_ONLY = re.compile(r"(?i)^\W*(?:only|just)\b")


def _approved_beside(text: str) -> bool:
    """A sentence of its own approves the draft ("Agenda works.", "Otherwise good to go."),
    after the change asked for in another, or before the one change they want ("Looks good.
    Only change…"). Said before it otherwise ("Good. But please put…", "looks good. can you
    take out…") it acknowledges the draft on the way to the change: not yet approved."""
    pieces = edit_pieces(text)
    approving = [bool(_APPROVAL.match(p) or _APPROVAL_SAID.search(p)) and not _CHANGE_WORDS.search(p)
                 and not looks_like_edit(p) for p in pieces]
    if any(approving[i] and _ONLY.match(pieces[i + 1]) for i in range(len(pieces) - 1)):
        return True  # "Looks good. Only change 'retry logic' to…": approved, with the one change
    return any(a and not all(approving[:i]) for i, a in enumerate(approving) if i)


def _after_agenda(view: CoachState, m: Meaning, updates: dict[str, Any]) -> Decision:
    """After the draft is shown: apply their edits, file what they add, take their approval,
    or ask what to change. An approved agenda can still be changed: an edit or a new
    question reopens it, and they approve it again."""
    when = _when(view)
    approved = bool(view.get("agenda_approved"))
    when_now = meeting_when(m.text)
    if when_now and (m.has("correction") or " not " in m.text.lower() or not view.get("timeframe")):
        # "Monday, not Friday": the meeting day changes and the draft says so.
        updates["timeframe"] = when_now
        view = {**view, "timeframe": when_now}
    items = agenda_items(view)
    question = next(
        (q for q in ("What else would you change?", "What else would make it feel like yours?")
         if q not in view.get("asked", [])),
        "What else would you like to adjust?",
    )
    if approved:
        question = T.APPROVE_AGAIN_QUESTION
    if asks_for_agenda(m.text) and not approved:
        # "can I see the agenda?" once it is drafted: here it is again, as it stands.
        markdown = render(items, _when(view))
        return Decision("summary+agenda", f"{T.AGENDA_AS_IT_STANDS}\n\n{markdown}\n\n{T.AGENDA_QUESTION}",
                        T.AGENDA_QUESTION, updates)
    wanted = limits(m.text)
    if wanted.minutes is not None and not said_session_length(m.text):
        wanted = Limits(None, wanted.items)  # "I spent 30 minutes on it" says nothing of the meeting
    asked_text = m.text
    told_length = ""
    if wanted.any:
        # "We have an hour, but I'd like the agenda to fit in 45 minutes…" (blind review 22, Y12: added
        # to where things stand): the draft is fitted; the sentences that said so are no item.
        items = fit(items, wanted)
        told_length = (f"I fitted the draft to {wanted.minutes} minutes." if wanted.minutes is not None
                       else f"I kept the draft to {wanted.items} items.")
        asked_text = " ".join(x for x in re.split(r"(?<=[.!?])\s+", m.text) if not limits(x).any)
    edit = apply_edits(items, asked_text) if asked_text.strip() else None
    said = " ".join(x for x in (told_length, edit.said if edit is not None else "") if x)
    if edit is not None:
        items = edit.items
    # "This is acceptable. I approve the agenda. … I will revert if anything changes.": approved,
    # and what follows the approval is a courtesy, not a next step to add (blind review 17, V03).
    approving_plainly = approves_agenda(m.text) and not _CHANGE_WORDS.search(m.text)
    added = _file_content(items, m) if edit is None and not approving_plainly and not told_length else ""
    if said or added:
        # Their change, applied and shown: the draft they approve is the one they shaped.
        markdown = render(items, _when(view))
        updates.update(agenda=markdown, agenda_items=[i.to_dict() for i in items], agenda_approved=False)
        told = " ".join(x for x in (said, added) if x)
        if said and _approved_beside(m.text):
            # "Agenda works. I'd like to open with the huddle thing. Otherwise good to go.": the
            # change made, and the approval they gave with it taken (blind review 15 approved it
            # without the change).
            updates["agenda_approved"] = True
            closing = T.CLOSING.format(when=f" {when}" if view.get("timeframe") else "")
            return Decision("closing", f"{told}\n\n{markdown}\n\n{closing}", "", updates)
        return Decision("agenda_edit+question", f"{told}\n\n{markdown}\n\n{question}", question, updates)
    if "timeframe" in updates:
        markdown = render(items, _when(view))
        updates.update(agenda=markdown)
        told = f"I changed the meeting time to {updates['timeframe']}."
        return Decision("agenda_edit+question", f"{told}\n\n{markdown}\n\n{question}", question, updates)
    said_before = [x["content"] for x in view.get("messages", []) if x.get("role") == "user"]
    if picked := _mark_pick(items, m.text, said_before):
        # "fair. leaning 3.": their choice among the options, marked in the draft (it was taken
        # for approval of the whole agenda: blind review 18, W01).
        markdown = render(items, _when(view))
        updates.update(agenda=markdown, agenda_items=[i.to_dict() for i in items], agenda_approved=False)
        return Decision("agenda_edit+question", f"{picked}\n\n{markdown}\n\n{question}", question, updates)
    asks_change = bool(_CHANGE_WORDS.search(m.text))
    short = len(m.text.split()) <= 6
    has_content = bool(m.option or m.mentor_question or m.commitment or m.goal or m.obstacle)
    approving = (_approval_alone(m.text) or (m.has("agreement") and short)) and not has_content \
        and not _PREFERENCE.search(m.text)
    said_approval = bool(_APPROVAL_SAID.search(m.text)) and not asks_change
    if approved:
        return _after_approval(view, m, updates, said_approval or approving or bool(_THANKS.match(m.text)))
    if said_approval or (approving and not m.has("agenda_edit") and not m.has("correction")):
        updates["agenda_approved"] = True
        return Decision("closing", T.CLOSING.format(when=f" {when}" if view.get("timeframe") else ""), "", updates)
    if _THANKS.match(m.text) and not asks_change:
        # "cheers, genuinely helpful": pleased, but approving is theirs to say.
        text = f"{T.THANKS_AT_AGENDA} {T.APPROVE_QUESTION}"
        return Decision("question", text, T.APPROVE_QUESTION, updates)
    if m.has("low_effort") and not asks_change:
        # "idk", "hmm ok": not an approval, and not a change to keep; the draft waits for their word.
        return Decision("question", T.APPROVE_QUESTION, T.APPROVE_QUESTION, updates)
    about_the_draft = m.has("agenda_edit") or looks_like_edit(m.text) or bool(_NAMES_DRAFT.search(m.text))
    if "?" in m.text and not about_the_draft:
        # "do I need to log these meetings somewhere?", "are sessions still on Teams?": a question
        # of theirs, not a change; the program's guidance answered it before this if it could.
        text = f"{T.QUESTION_NOT_IN_GUIDANCE} {T.APPROVE_QUESTION}"
        return Decision("question", text, T.APPROVE_QUESTION, updates)
    updates["agenda_edits"] = [*view.get("agenda_edits", []), clean_clause(m.text, 60)]
    if not about_the_draft:
        # "Ok. I think I talk with Luis first, for coffee…": something they said, not a change
        # they asked for ("I couldn't tell which part to change" answered a change never asked).
        if _THANKED.search(m.text):
            # "ok i need to log back on… thanks, i think im more clear now"
            text = f"{T.THANKS_AT_AGENDA} {T.APPROVE_QUESTION}"
            return Decision("question", text, T.APPROVE_QUESTION, updates)
        return Decision("question", T.NOT_FILED_QUESTION, T.NOT_FILED_QUESTION, updates)
    return Decision("question", f"{T.EDIT_UNCLEAR} {T.EDIT_UNCLEAR_QUESTION}", T.EDIT_UNCLEAR_QUESTION, updates)


_THANKED = re.compile(rf"(?i)\b(?:{_THANK_WORDS}|bye|goodbye|gotta go|log (?:back )?(?:on|off)|signing off)\b")
#: A choice among the options, not approval of the draft: "leaning 3", "I'd go with the relief milker".
_PREFERENCE = re.compile(r"(?i)\b(?:lean(?:ing|s)?|prefer(?:ence)?|my pick|(?:i'?d|i would|i'?ll|i will)\s+"
                         r"(?:pick|choose|go with|go for)|gut says)\b")
_NAMES_DRAFT = re.compile(r"(?i)\b(?:agenda|draft|items?|points?|sections?|title|goal|options?|questions?|"
                          r"next steps?|where things stand)\b")
_COURTESY = re.compile(rf"(?i)^\W*(?:(?:{_THANK_WORDS}|ta|bye|bye bye|goodbye|see you|talk soon|have a good \w+)"
                       r"\b[\s\w!,.']{0,40})$")


def _approval_alone(text: str) -> bool:
    """An approving word opens the message and little but thanks or a goodbye follows it ("Ok.",
    "yes thanks", "Looks good. Send it before I change my mind."); "Ok. I think I talk with Luis
    first, for coffee, informal…" opens with one and goes on to say something else (blind review
    18 closed the agenda on it)."""
    found = _APPROVAL.match(text)
    if not found:
        return False
    after = text[found.end():]
    stop = re.search(r"[.!?]", after)
    said_with, rest = (after[:stop.start()], after[stop.end():]) if stop else (after, "")
    later = [r for r in re.split(r"(?<=[.!?])\s+", rest.strip(" .!?")) if r]
    return len(said_with.strip(" ,").split()) <= 6 and all(_COURTESY.match(r) or len(r.split()) <= 8 for r in later)


def _closest(said: str, words: list[str]) -> str:
    """The entry of `words` that shares most content words with what they said."""
    theirs = content_lemmas(said)
    return max(words, key=lambda w: len(theirs & content_lemmas(w)))


def _mark_pick(items: list[Item], text: str, said_before: Sequence[str] = ()) -> str:
    """Their choice among the options said after the draft ("leaning 3", "prefer the relief
    milker"), marked "(my pick)" in place of any earlier one; "" when none is named. A number
    is a place in the last list they numbered themselves, not in the draft's section (which
    may hold options said before it)."""
    cue = _PREFERENCE.search(text)
    options = next((i for i in items if i.kind == "options"), None)
    if cue is None or options is None or not options.words:
        return ""
    said = text[cue.start():]
    listed = "; ".join(options.words)
    numbered = next((own for own in (marked_items(x) for x in reversed(said_before)) if len(own) >= 2), [])
    by_place = chosen_options(said, "; ".join(numbered)) if numbered else []
    if by_place:
        # Each item of theirs, found among the options by the words they share.
        chosen = [_closest(o, options.words) for o in by_place
                  if any(content_lemmas(o) & content_lemmas(w) for w in options.words)]
    else:
        chosen = chosen_options(said, listed) or [c for c in [chosen_option(said, listed)] if c]
    if not chosen:
        return ""
    options.picked = chosen
    named = " and ".join(f"“{c}”" for c in chosen)
    return f"I marked {named} as your pick."


def _after_approval(view: CoachState, m: Meaning, updates: dict[str, Any], pleased: bool) -> Decision:
    """Approved already (in the chat or the agenda panel), and nothing to change: the agenda
    stays as approved, and they choose whether there is more to think through. Said once:
    a second "thanks" gets a goodbye, not the same sentence again."""
    asked = view.get("asked", [])
    if pleased or view.get("move") == "closing":
        return Decision("closing", f"{T.AFTER_APPROVAL} {T.AFTER_APPROVAL_BYE}", "", updates)
    question = next((q for q in T.AFTER_APPROVAL_QUESTIONS if q not in asked), "")
    text = " ".join(x for x in (T.AFTER_APPROVAL, question) if x)
    return Decision("question" if question else "closing", text, question, updates)


def _unsaid(words: list[str], candidates: list[str]) -> list[str]:
    """The candidates not already among an item's words (case aside)."""
    there = {w.lower() for w in words}
    return [c for c in candidates if c.lower() not in there]


def _file_content(items: list[Item], m: Meaning) -> str:
    """What they add after the draft, in the section it belongs to: questions for the mentor
    (a labelled list is several), options, next steps. Returns what was done, or ""."""
    by_kind = {item.kind: item for item in items}
    labelled = labelled_questions(m.text)
    asked = labelled or ([q for q in m.mentor_question.split(" / ") if q] if not m.has("agenda_edit") else [])
    if not asked and (more := _ONE_MORE.match(m.text)) and m.text.rstrip().endswith("?"):
        # "One more - should I tell Adeyemi the loaders helped…?": one more for the list, after
        # the draft, though it asks "should I" (blind review 14 answered "I couldn't tell…").
        asked = [m.text[more.end():].strip(" ?")]
    told = []
    if asked and "questions" in by_kind:
        new = _unsaid(by_kind["questions"].words, [q[0].upper() + q[1:] for q in asked])
        by_kind["questions"].words += new
        if new:
            told.append("I added that to your questions for your mentor." if len(new) == 1 else
                        f"I added those {len(new)} questions for your mentor.")
    steps = [c for c in (m.commitment, *m.more_commitments) if c]
    if steps and not labelled and not m.has("agenda_edit") and not m.facts.question and "next_step" in by_kind:
        # "I'll ask Jess for her phonics plans on Monday": a step said after the draft joins
        # their next steps (and is recorded as a commitment, like any other).
        fresh = _unsaid(by_kind["next_step"].words, steps)
        by_kind["next_step"].words += fresh
        if fresh:
            told.append("I added that to your next steps.")
    # Options only when that is all they said: "the obstacle is guilt. And money, 0.8 is…"
    # is not a list of options.
    plain = not (labelled or steps or asked or m.obstacle or m.situation)
    options = [o for o in m.option.split("; ") if o] if plain else []
    if options and not m.facts.question and "options" in by_kind:
        fresh = _unsaid(by_kind["options"].words, options)
        by_kind["options"].words += fresh
        if fresh:
            told.append("I added that to the options you're weighing." if len(fresh) == 1 else
                        "I added those to the options you're weighing.")
    if not told and not m.facts.question and not m.has("agenda_edit") and not _THANKS.match(m.text):
        # ("tq so much!! feel more ready now…" is thanks, not where things stand: blind review 15.)
        # Their goal, what success looks like, or where things stand, said after the draft:
        # it goes where it belongs, and they see it there (and can take it out).
        for kind, said in (("goal", m.success or m.goal), ("where", m.obstacle or m.situation)):
            if said and kind in by_kind and _unsaid(by_kind[kind].words, [said]):
                by_kind[kind].words.append(said)
                told.append(f"I added that to “{by_kind[kind].title}”.")
                break
    return " ".join(told)


def stage_after(updates: dict[str, Any], state: CoachState) -> str:
    slots = updates.get("slots", state.get("slots", {}))
    shown = bool(updates.get("agenda_shown", state.get("agenda_shown")))
    approved = bool(updates.get("agenda_approved", state.get("agenda_approved")))
    return stage_of(slots, shown, approved, updates.get("slot_asks", state.get("slot_asks", {})))


def planned(move: str, text: str, question: str, passages: list[Passage], state: CoachState,
            updates: dict[str, Any]) -> dict[str, Any]:
    """A move chosen outside the GROW policy (a cited answer, a safety reply), as the plan
    node's output."""
    return planned_from(Decision(move, text, question, updates), passages, state)


def planned_from(decision: Decision, passages: list[Passage], state: CoachState) -> dict[str, Any]:
    """The plan node's output: the move, its draft, the passages it cites, the stage it leads
    to and the question it asks (remembered, so no question is asked twice)."""
    out: dict[str, Any] = dict(decision.updates)
    out.update(
        move=decision.move,
        draft=decision.text,
        passages=[p.to_dict() for p in passages],
        stage=stage_after(decision.updates, state),
    )
    if decision.question:
        out["asked"] = [*state.get("asked", []), decision.question]
    return out
