"""What one protégé message means for the coach: its acts, and the words that carry them.

The trained act classifier says what the message does; the parse says whose words they
are and finds the span; the two are put together here under rules a coach would agree with
(a commitment needs an intention the protégé owns, never a negation, a question or
someone else's plan).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import Any

from assistant.language.acts import EMBEDDING_SIZE, ActReading, inputs, read_acts
from assistant.language.durations import said_session_length
from assistant.language.features import ParseFacts, facts
from assistant.language.lists import list_items, marked, marked_items, without_asides
from assistant.language.spans import (
    WHAT_I_WANT,
    commitment_span,
    commitment_spans,
    demand_span,
    feeling_words,
    goal_span,
    main_clause,
    option_span,
    shorten,
)
from assistant.language.spelling import plain_spelling, with_titles_as_typed

#: Slots a correction can name, by the words people use for them.
_SLOT_WORDS = (
    ("success", r"success|progress|win|outcome|good looks like|look like"),
    ("obstacles", r"obstacle|in the way|block|holding me back|problem|challenge"),
    ("options", r"option|choices?|alternatives?|ideas?"),
    ("next_step", r"next step|step|commitment|plan|action"),
    ("mentor_questions", r"questions?|ask (?:my|the) mentor"),
    ("reality", r"situation|where (?:i|things) (?:am|stand)|right now|context"),
    ("goal", r"goal|aim|what i want|topic|focus"),
)
_REVISION = re.compile(r"\b(?:actually|instead|rather|i mean|what i really|more like|no,? (?:i|it'?s)|"
                       r"not \w+,? (?:but|it'?s)|correction|change (?:it|that|my))\b", re.I)
#: An explicit statement of the goal replaces an earlier guess at it.
_GOAL_STATED = re.compile(r"\b(?:my|the) (?:\w+ )?goal\b|\bwhat i (?:really )?want is\b|\bnew goal\b", re.I)
_JUST_TELL_ME = re.compile(
    r"\b(?:just tell me|tell me (?:exactly |just )?what (?:to|i should|i need to) do|what should i do|what do i do|"
    r"give me (?:the|an|your) (?:answer|advice|plan|solution)|what would you do|(?:need|want) you to (?:tell|give) me|"
    r"you(?:'re| are) the (?:expert|coach|ai)|just advise me)\b", re.I)
_WENT_WELL = re.compile(r"\b(?:went (?:well|great|fine|better)|it worked|said yes|nailed it|they liked|she liked|"
                        r"he liked|good feedback|was happy|were happy|loved it)\b", re.I)


@dataclass
class Meaning:
    text: str
    acts: ActReading
    facts: ParseFacts
    goal: str = ""
    goal_said: bool = False  # the goal was said as one ("I want to…", "my goal is…"), not read from a bare phrase
    demand: str = ""  # what someone else wants of them
    demand_by: str = ""  # ...and who ("my manager")
    situation: str = ""
    obstacle: str = ""
    success: str = ""
    option: str = ""
    commitment: str = ""
    more_commitments: tuple[str, ...] = ()  # further actions in the same message ("…and leave two comments")
    mentor_question: str = ""
    feelings: list[str] = field(default_factory=list)
    strength: str = ""
    decision: tuple[str, ...] = ()  # the two ways of a choice asked of themselves ("do I X, or Y?")
    revises: bool = False  # "actually what I want is…"
    names_goal: bool = False  # the message talks about their goal ("new goal: …", "same goal i guess")
    correction_slot: str = ""  # the slot a correction names ("that's not what I meant by success")
    embedding: tuple[float, ...] = ()  # the message's sentence embedding (question choice reuses it)

    def has(self, act: str) -> bool:
        return self.acts.has(act)

    @property
    def primary(self) -> str:
        return self.acts.acts[0]

    @property
    def meta(self) -> bool:
        """Talk about the conversation, the coach or something else: never reflected back."""
        return bool(set(self.acts.acts) & {"off_topic", "question_for_coach", "greeting", "low_effort",
                                            "advice_request", "agenda_edit", "agreement"}) and not self.content

    @property
    def content(self) -> bool:
        return any((self.goal, self.demand, self.situation, self.obstacle, self.success, self.option,
                    self.commitment, self.mentor_question, self.feelings, self.strength))


def _one_line(text: str) -> str:
    return " ".join(text.split())


#: "Success =", "what's in the way:", "options are", "q for mentor:" — people label their
#: answers; the label is not part of what they mean.
#: "what I want out of this", "what I need from the meeting": said before a colon, a goal label.
_WANT_FROM_THIS = (r"what i (?:really )?(?:want|need|'d like|would like) (?:out of|from) "
                   r"(?:this|it|the meeting|the session)")
_LABEL_LEAD = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|so|right|alright|and|also|but|hmm+|well|then)[,.]?\s+)*(?:(?:my|the|our|other|more|some)\s+)?(?:(?:main|real|own|new|big)\s+)?"
    r"(?:goal|aim|objective|success|progress|obstacles?|options?|challenges?|problem|next step|step|plan|"
    # "What do I want from Wednesday? I suppose: …", "What do I want from Claire... I think how to…"
    r"what (?:do )?i (?:really |actually |even )?want (?:from|out of|for)\b[^?.…]{0,40}(?:\?|\.{2,}|…)|"
    r"q(?:uestion)?s?\s+for\s+(?:my\s+|the\s+)?mentor|for\s+(?:my\s+|the\s+)?mentor|mentor\s+q\w*|blockers?|in the way|"
    r"(?:q|questions?|things?)\s+(?:for|to\s+ask)\s+[\w.]+(?:\s+[\w.]+)?(?=\s*[:\-–])|(?:questions?|qs)(?=\s*(?::|\.{2,}|…))|"
    r"what(?:'s|’s|s|\s+is)\s+(?:in the way|stopping me|holding me back)|what\s+(?:gets|stands)\s+in the way|"
    r"what(?:'s|’s|s|\s+is)\s+(?:getting|standing)\s+in the way|"
    # "what I want out of this: …" (blind review 18)
    + _WANT_FROM_THIS + r"(?=\s*:))"
    # "the goal today I think is"
    r"(?:\s+(?:today|for today|this time|here))?(?:\s+(?:i think|i guess|probably|maybe))?"
    r"(?:(?:,\s*|\s+(?:for|in|at|with|on)\s+)[\w'’]+(?:\s+[\w'’]+){0,3}(?=\s*:))?\s*(?:\?\s*)?"
    r"(?:[:=\-]+|\bis\b|\bare\b|\bmeans\b|\bwould be\b|\bwill be\b|"
    r"\blooks? like\b|\bwould look like\b|\.{2,}|…)?(?:\s*[:=\-]+)?(?:\s*\blike\b\s*(?:\.{2,}|…|,)?)?\s*",
    re.I,
)


#: A decision they came to make, said as what they need to work out: "I have to decide if I
#: apply for the charge nurse position", "I wish to determine how I might make my remaining two
#: years useful" (blind review 16: both read as options, and the agenda's goal left empty).
_DECIDING = re.compile(
    r"(?i)^\s*(?:(?:so|and|but|ok(?:ay)?|honestly|actually|well|right|accordingly|basically|i guess|i think|"
    r"maybe|probably)[,.]?\s+)*"
    r"(?:(?:for|in|at|from)\s+(?:this|the|my|our|next|that)\s+(?:[\w.'’]+\s+){0,5}?(?:meeting|session|chat|call)"
    r"(?:\s+with\s+[\w.'’]+(?:\s+[\w.'’]+)?)?,?\s+)?"
    r"i\s+(?:really\s+|still\s+|just\s+)?(?:want|wish|need|have|would like|'d like|hope|am hoping|'m hoping|plan|"
    r"am trying|'m trying|must)\s+to\s+"
    r"(?P<x>(?:decide|determine|figure out|work out|make up my mind|choose|get clear)\b[^.?!;]*?"
    r"\b(?:whether|if|how|what|which|between|where|when)\b[^.?!;]*)")

_TOPIC_LABEL = re.compile(r"(?i)^\s*(?:(?:my|the|so|and|ok(?:ay)?|maybe|probably)[,.]?\s+)*(?:topic|subject)"
                          r"(?:\s+(?:maybe|probably|i guess))?\s*(?:is\b|:|=|-)\s*")

#: A sentence that puts right the one before it ("Actually, no, more precise: …", "No wait, …").
_PUTS_RIGHT = re.compile(r"(?i)^\W*(?:actually,?\s+no|no,?\s+wait|wait,?\s+no|sorry,?\s+i\s+mean|i\s+mean|"
                         r"or rather|correction|more precisely|scratch\s+that|oops)\b")


def puts_right(text: str) -> bool:
    """The text opens by putting right something said before ("wait no…", "Actually, no, …")."""
    return bool(_PUTS_RIGHT.match(text))

#: "I think the small thing I can actually do this week is list everything…" (blind review 17):
#: a step labelled in a sentence of its own, read as crisis talk by the act head.
_STEP_IS = re.compile(r"(?i)^\W*(?:(?:i think|so|ok(?:ay)?|and)[,]?\s+)*(?:the|my|one)\s+"
                      r"(?:small|first|next|little|one|real)?\s*(?:thing|step)\s+i\s+"
                      r"(?:can|could|will|'ll|am going to|'m going to)\s+"
                      r"(?:actually\s+|realistically\s+)?do\b[^.?!]{0,25}?\bis\s+(?:to\s+)?(?=\w)")

#: A goal said again after taking the last one back ("Try again: "Get two engineers outside my
#: team to review the design…"", "Let me try a goal: …", "in my words: …"): blind review 21, X11
#: and X01, where the new wording was filed as how things stand and the old one kept.
_GOAL_AGAIN = re.compile(
    r"(?i)^\W*(?:(?:ok(?:ay)?|so|right|fine|alright|hmm+)[,.]?\s+)*"
    r"(?:let me (?:try|have a go at|put)(?: it)?(?: again)?(?: (?:a|another|my|the) (?:goal|version|wording))?|"
    r"try(?:ing)? again|take two|second (?:try|go|attempt)|so(?=\s*:\s*[\"“])|"
    # "My goal for the meeting, in my own words: '…'", "Perhaps better: '…'" (blind review 22)
    r"(?:my )?goal(?: for (?:the |my |our )?[\w-]+(?: [\w-]+)?)?,?\s+in my (?:own )?words|"
    r"(?:perhaps|maybe|probably|or|ok(?:ay)?,?) better(?=\s*:)|"
    r"(?:new|another) (?:version|attempt|go|wording)|reworded|(?:put )?in my (?:own )?words)\s*[:\-–]\s*")
_QUOTES = re.compile(r"^[\"“”‘’']+|[\"“”‘’']+$")

#: The act a label names ("Success: …", "what's in the way is …", "q for mentor: …").
_LABEL_ACTS = (
    ("goal", _GOAL_AGAIN),
    ("goal", _DECIDING),
    ("success", re.compile(r"(?i)^\s*(?:(?:my|the|so|and|ok(?:ay)?)[,.]?\s+)*(?:success|succes|progress)\b")),
    ("obstacle", re.compile(r"(?i)^\s*(?:(?:my|the|so|and|ok(?:ay)?)[,.]?\s+)*(?:obstacles?|challenges?|blockers?|"
                            r"(?:what(?:'s|’s|s| is)\s+(?:getting\s+|standing\s+)?|what\s+(?:gets|stands)\s+)?"
                            r"in the way|"
                            r"what(?:'s|’s|s| is)\s+(?:stopping|holding) me)\b")),
    # ("As for options, I can see perhaps four: …": blind review 18)
    ("option", re.compile(r"(?i)^\s*(?:(?:my|the|so|and|then|ok(?:ay)?|as for|as to)[,.]?\s+)*options?\b")),
    # "My goal, stated plainly: …": a short aside between the label and what it labels.
    # "My goal for Friday meeting: …" names the meeting between the label and its colon.
    # "The topic maybe: electric trucks.", "Maybe the subject is money.": what the meeting is about.
    ("goal", _TOPIC_LABEL),
    # "So the goal today I think is find out…", "Goal... I want to know…", "My aim:" (blind review 19).
    ("goal", re.compile(r"(?i)^\s*(?:(?:my|the|so|and|ok(?:ay)?|new|own|main|real)[,.]?\s+)*(?:goal|aim|objective)\b"
                        r"(?:(?:,\s*|\s+(?:for|in|at|with|on)\s+)[\w'’]+(?:\s+[\w'’]+){0,3}(?=\s*:))?"
                        r"(?:\s+(?:today|for today|this time|here))?(?:\s+(?:i think|i guess|probably|maybe))?"
                        r"\s*(?:is\b|:|=|-|\.{2,}|…)")),
    ("goal", re.compile(r"(?i)^\W*(?:(?:so|ok(?:ay)?|and|hmm+|well)[,.]?\s+)*what (?:do )?i "
                        r"(?:really |actually |even )?want (?:from|out of|for)\b[^?.…]{0,40}(?:\?|\.{2,}|…)")),
    # "So what I want out of this: get through to October…" (blind review 18): a label with a colon.
    ("goal", re.compile(r"(?i)^\s*(?:(?:so|and|but|ok(?:ay)?|honestly|well|right)[,.]?\s+)*" + _WANT_FROM_THIS
                        + r"\s*:")),
    # "What I really want from Monday is to …" says its goal as plainly as a label does.
    ("goal", re.compile(r"(?i)^\s*(?:(?:so|and|but|ok(?:ay)?|honestly|actually|i think|well|right)[,.]?\s+)*"
                        + WHAT_I_WANT.pattern.removeprefix(r"\b"))),
    # "questions for Ruth: …", "things to ask Krzysztof -": a name in place of "my mentor".
    ("question_for_mentor", re.compile(r"(?i)^\s*(?:(?:my|the|so|and|ok(?:ay)?|other|more|some|also)[,.]?\s+)*"
                                       r"(?:(?:q|question)s?\s+for\s+"
                                       r"(?:my\s+|the\s+)?mentor|for (?:my |the )?mentor\b|mentor q\w*|"
                                       r"(?:q|questions?|things?)\s+(?:for|to\s+ask)\s+[\w.]+(?:\s+[\w.]+)?\s*[:\-–]|"
                                       r"(?:questions?|qs)\s*(?::|\.{2,}|…)|"
                                       # "For Captain Reid: did he…?": addressed to the mentor by name.
                                       r"for\s+(?-i:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s*:(?=.*\?))")),
    ("commitment", re.compile(r"(?i)^\s*(?:(?:my|the|so|and|ok(?:ay)?)[,.]?\s+)*(?:(?:next|first)\s+step\b(?!\s*\?)|"
                              r"plan\s+is\s+to\b)")),
    ("commitment", _STEP_IS),
)


_ASKS_MENTOR = re.compile(r"(?i)^\W*(?:(?:and|also|oh|plus)\s+)*(?:i'?ll\s+|i want to\s+)?"
                          r"ask\s+(?:my\s+|the\s+)?mentor\b")
_REMARK = re.compile(r"(?i)^\s*(?:which|that'?s|thats|this is|because|bc|so that|though)\b")
#: "That's the cheap one", "The third one feels like giving up": a remark on the options, not another one.
_ASIDE_SAID = re.compile(r"(?i)^(?:(?:it|that|this|he|she|they|which)\b(?!\s+(?:could|can|might|may|would)\b)|"
                         r"the\s+(?:first|second|third|fourth|last|other|latter|former)\b)")
_MODAL = re.compile(r"(?i)\b(?:could|might|can|may|would|will|should|'d|'ll|shall|going to|gonna)\b")
#: "theres a poster in the staff room lol", "it's a 6 week course": what is there, not a way forward
#: (blind review 16: filed as an option, and the next question jumped to "what will you do first?").
_DESCRIBES = re.compile(r"(?i)^\W*(?:there'?s|theres|there is|there are|there was|that'?s|thats|it'?s|its|this is|"
                        r"it was)\b")
#: "Actually, scratch the last one. Applying to see what happens is how I ended up…", "Actually
#: scratch (d), I've done (d) four times already…": an option taken back, and why.
_SCRATCH = re.compile(
    r"(?i)(?:^|(?<=[.!?;])\s+)(?:(?:actually|ok(?:ay)?|no|wait|hmm+)[,.!]?\s*)*"
    r"(?:scratch|forget|drop|ignore|cross out|strike)\s+"
    r"(?:that(?:\s+one)?|the last(?:\s+one)?|(?:option\s+)?\(?(?P<letter>[a-e])\)?(?=[\s,.;:!]|$)|"
    r"the (?P<place>first|second|third|fourth) one)[^.!?]*[.!?]?"
    # …and the reason said right after it ("Applying to see what happens is how I ended up…").
    r"(?:\s+[^.!?]*\b(?:is how|that'?s how|is why|that'?s why|look where|got me|never works?)\b[^.!?]*[.!?]?)?")
_PLACES = {"first": 0, "second": 1, "third": 2, "fourth": 3}


def _scratched(listed: str) -> tuple[str, list[int | None]]:
    """The list without the options they took back in the same breath, and which ones (by
    place; None for "the last one"). Blind review 17: "scratch the last one" and "scratch (d)"
    were listed as options themselves, and the ones scratched stayed."""
    taken: list[int | None] = []

    def out(m: re.Match[str]) -> str:
        letter, place = m.group("letter"), m.group("place")
        taken.append("abcde".index(letter.lower()) if letter else _PLACES[place.lower()] if place else None)
        return " "

    return _SCRATCH.sub(out, listed).strip(), taken


#: "go back to the call centre, but absolutely not": the option said and refused in one breath.
_REFUSED_AFTER = re.compile(
    r"(?i)^(?:but\s+)?(?:absolutely|definitely|obviously|probably)?\s*(?:not|no way|never|nope)\b")
_VERDICT = re.compile(r"(?i)\b(?:is|seems|sounds|looks|feels|'s)\s+(?:like\s+)?(?:probably\s+|definitely\s+|by far\s+)?"
                      r"(?:the\s+)?(?:best|most\s+\w+|easiest|hardest|simplest|cheapest|safest|quickest|obvious|"
                      r"least\s+\w+|winner|favourite|favorite)\b")
#: A sentence that closes a list: "Anyway.", "So.", "Ok."
_LIST_ENDS = re.compile(r"(?i)^\s*(?:anyway|anyways|so|ok(?:ay)?|right|well|that'?s it|that'?s all)\b[\s.!,]*$")
#: A sentence that carries on the step before it without a subject ("And ask her …").
_JOINED_STEP = re.compile(r"(?i)^\s*(?:and|then|also|plus)\s+(?:then\s+|also\s+)?")
_AND_ASK = re.compile(r"(?i)^\s*(?:and|also|plus)\s+(?:(?:one|another)\s+more\s*[:,-]\s*|(?:one\s+)?last(?:ly)?\s*"
                      r"(?:one\s*)?[:,-]\s*)?(?:whether|how|if|what|why|when|who|does|do|did|is|are|can|could|"
                      r"would|should|will|has|have)\b")


#: A sentence in the form of a question, "?" or not ("which ward did she start on."): after
#: "questions for her: …" it is the next question on their list.
_ASKS = re.compile(r"(?i)^\s*(?:(?:what|which|how|why|when|where|who|whether)\b|"
                   r"(?:is|are|was|were|does|do|did|can|could|would|should|will|has|have)\s+"
                   r"(?:it|she|he|they|you|there|that|this|i)\b)")


#: "Sorry, I want to correct — not by Sunday…", "Correction: not 'a younger engineer'. Two."
_SAYS_CORRECTION = re.compile(r"(?i)^\W*(?:sorry,?\s*|oops,?\s*)?(?:i (?:want|need|have) to correct|let me correct|"
                              r"correction\b|to correct (?:that|myself)|small correction|quick correction)")


#: "Actually, can I change that?", "I'd like to reword the goal": they ask to change what they
#: said (blind review 21, X11: answered as a question for their mentor).
_ASKS_TO_CHANGE = re.compile(
    r"(?i)^\W*(?:(?:actually|hmm+|wait|sorry|ok(?:ay)?|oh|um+|hold on)[,.!]?\s+)*(?:(?:can|could|may) (?:i|we) "
    r"|i(?:'d| would) like to |i want to |let me )(?:change|redo|reword|rewrite|rephrase|take back|tweak|fix|edit)"
    r"\s+(?:that|it|this|the goal|my goal|the last (?:one|bit|part)|what i (?:just )?said|the wording)\b")


_CONCEDES = re.compile(r"(?i)^\W*(?:(?:ha+|heh|hah|lol|ok(?:ay)?|right|well|yeah|hmm+)[,.!]?\s+)*"
                       r"(?:fair enough|fair point|good point|touch[eé]|you got me|point taken|that'?s fair|"
                       r"i walked into that)\b")


def asks_to_change(text: str) -> bool:
    """They ask to change what they just said ("Actually, can I change that?")."""
    return bool(_ASKS_TO_CHANGE.match(text))


def says_correction(text: str) -> bool:
    """The message opens by saying it corrects something ("Sorry, I want to correct — …")."""
    return bool(_SAYS_CORRECTION.match(text))


def just_tell_me(text: str) -> bool:
    """The plainest asks to be told what to do ("just tell me what to do", "what would you do")."""
    return bool(_JUST_TELL_ME.search(text))


def label_act(sentence: str) -> str:
    """The act a sentence's own label names, or ''."""
    return next((act for act, rx in _LABEL_ACTS if rx.match(sentence)), "")


def unlabelled(sentence: str) -> str:
    if step := _STEP_IS.match(sentence):
        return sentence[step.end():].strip()
    if again := _GOAL_AGAIN.match(sentence):
        return _QUOTES.sub("", sentence[again.end():].strip()).strip() or sentence
    lead = _LABEL_LEAD.match(sentence)
    stripped = sentence[lead.end():].strip() if lead else sentence.strip()
    # "whats in the way: nights." — one word after a label and its colon is the whole answer.
    said_after_colon = bool(lead) and bool(re.search(r"[:=]\s*$", lead.group(0) if lead else "")) and \
        bool(re.search(r"\w", stripped))
    return stripped if len(stripped.split()) >= 2 or said_after_colon else sentence


def _sentences(text: str) -> list[str]:
    """Sentences, with one- or two-word fragments ("Hello.", "Okay.") kept on their own only
    when they are the whole message."""
    from assistant.language.spans import sentences

    out: list[str] = []
    for sent in sentences(text):
        inner = _INNER_LABEL.search(sent)
        if inner and not label_act(sent) and label_act(sent[inner.end():]):
            # "ok good 😮‍💨 so options: A, B or C": the label starts a sentence of its own.
            out += [sent[: inner.end()].strip(), sent[inner.end():].strip()]
            continue
        out.append(sent)
    return [s for s in out if s] or [text]


#: A label a few words into a sentence ("hmm maybe the goal is like...", "ok good so
#: options:"): the words before it are a lead-in, the label starts what they mean.
_INNER_LABEL = re.compile(
    r"(?i)^(?:\S+\s+){1,5}?(?=(?:(?:so|and|then|my|the)\s+)*(?:options?|goal|obstacles?|next step|success|"
    r"(?:q|questions?)\s+for\s+\w+)\s*(?::|is like|\.{2,}|…|is\b))")


#: Acts a single sentence of a longer message can add to what the message says. Not the goal,
#: what success means or what stands in the way: one sentence in passing ("I want to put it on
#: the agenda", "maybe one day I'd like to be a duty manager") must not replace their aim.
SENTENCE_ACTS = ("commitment", "option", "question_for_mentor")


@lru_cache(maxsize=64)
def _read(text: str) -> Meaning:
    x = inputs(text)
    acts = read_acts(text, x)
    f = facts(text)
    m = Meaning(text=text, acts=acts, facts=f, embedding=tuple(float(v) for v in x[:EMBEDDING_SIZE]))
    m.revises = bool(_REVISION.search(text) or _GOAL_STATED.search(text))
    if just_tell_me(text) and not acts.has("advice_request"):
        # A backstop for the plainest asks, which a missed act would turn into coaching.
        acts = m.acts = ActReading(acts.scores, (*acts.acts, "advice_request"), acts.confident)
    m.names_goal = bool(re.search(r"\bgoal\b", text, re.I))
    if _CONCEDES.match(text) and acts.has("correction") and not _NOT_IT.match(text):
        # "Ha. Fair enough, I suppose I walked into that one." concedes a point; it puts nothing
        # right (blind review 21, X06: "Thanks for putting that right").
        acts = m.acts = ActReading(acts.scores, tuple(a for a in acts.acts if a != "correction") or ("agreement",),
                                   acts.confident)
    if (asks_to_change(text) or _NOT_IT.match(text)) and not acts.has("correction"):
        acts = m.acts = ActReading(acts.scores, (*acts.acts, "correction"), acts.confident)
    if acts.has("correction"):
        low = text.lower()
        m.correction_slot = next((slot for slot, words in _SLOT_WORDS if re.search(words, low)), "")
    sents = _sentences(text)
    labels = [label_act(s) for s in sents]
    # "What's in the way..." / "What's in the way, okay:" on its own: a label with nothing
    # after it, whose words are never said back as what they meant.
    label_only = [bool(labels[n]) and not re.sub(r"[\W_]+", "", _LABEL_LEAD.sub("", s, count=1))
                  for n, s in enumerate(sents)]
    for n in range(len(sents) - 1):
        if label_only[n] or (labels[n] and len(unlabelled(sents[n]).split()) < 3 and unlabelled(sents[n]) == sents[n]):
            labels[n + 1] = labels[n + 1] or labels[n]  # "options idk. ask her directly?…": the label reaches on
        elif labels[n] == "question_for_mentor" and (_AND_ASK.match(sents[n + 1]) or _ASKS.match(sents[n + 1])):
            labels[n + 1] = labels[n + 1] or labels[n]  # "…? And whether May is too ambitious."
    named = [a for a in dict.fromkeys(labels) if a and not acts.has(a)]
    if named:
        # They labelled their answer: the label says what it is, whatever the classifier read.
        acts = m.acts = ActReading(acts.scores, (*acts.acts, *named), True)
    if len(sents) > 1:
        readings = _read_each(sents)
        # A long message says several things: a step said confidently in its fourth sentence
        # is a step, whatever the message as a whole reads as. Only the content acts; how the
        # message is meant as a whole (agreeing, correcting, asking the coach) stays the
        # whole message's reading.
        heard = [a for r in readings if r.confident for a in r.acts if a in SENTENCE_ACTS and not acts.has(a)]
        if heard:
            acts = m.acts = ActReading(acts.scores, (*acts.acts, *dict.fromkeys(heard)), acts.confident)
    else:
        sents, readings = [text], [acts]

    # "Excuse me, that is not exactly what I mean." takes back; it says nothing for a slot (blind
    # review 21, X12: said back as "part of what gets in the way is excuse you, that is not…").
    used: set[int] = {i for i, x in enumerate(sents) if _NOT_IT.match(x) or asks_to_change(x)}

    def where(act: str, finder: Callable[[str], Any] | None = None) -> str:
        """The sentence that carries the act best, without a label in front of it; with a
        finder, the best-scoring sentence in which the finder finds the act's words. A
        sentence already read for another act is not read again."""
        order = [i for i in sorted(range(len(sents)), key=lambda i: (labels[i] != act, -readings[i].score(act)))
                 if i not in used and labels[i] in ("", act) and not label_only[i]]
        if not order:
            return ""
        if finder is not None:
            for i in order:
                if finder(unlabelled(sents[i])):
                    used.add(i)
                    return unlabelled(sents[i])
            return unlabelled(sents[order[0]])  # read, but left for another act to claim
        used.add(order[0])
        return unlabelled(sents[order[0]])

    # ("what do I want out of the meeting? uh. permission? no…": a filler after the label is no goal.)
    labelled_goal = next((sents[i] for i, a in enumerate(labels) if a == "goal" and not label_only[i]
                          and len(re.split(r"[.;!?]", unlabelled(sents[i]))[0].split()) >= 2
                          and not just_tell_me(sents[i]) and not _NOT_IT.match(sents[i])), "")
    pointed = next((i for i, x in enumerate(sents) if _POINTER_GOAL.search(x)), -1)
    if pointed >= 0 and (after := _asked_next(sents, pointed)):
        # "I want to focus on that. How do I give instructions to drivers who were my colleagues…":
        # the question after it is what they want to work on, whatever the act classifier made
        # of the message (blind review 15: read as a feeling, "proud", and the goal lost).
        m.goal, m.goal_said = after, True
        used.update({pointed, pointed + 1})
    elif labelled_goal and (deciding := _DECIDING.match(labelled_goal)):
        # "you can say me yes", ", but I'm not sure": what follows the decision is not part of it.
        decision = re.split(r"(?i),\s*(?:you|but|so|and i|because|cos|since|which)\b", deciding.group("x"))[0]
        m.goal, m.goal_said = shorten(decision.strip(" ,"), 16), True
        used.add(sents.index(labelled_goal))
    elif labelled_goal:
        # "My goal: …", "New goal is to …": the words after the label are the goal.
        topic = _TOPIC_LABEL.match(labelled_goal)
        cleft = WHAT_I_WANT.search(labelled_goal)
        # "the subject is money"; "what i actually want is to not fail the maths unit" (blind review 21)
        rest = (labelled_goal[topic.end():] if topic else labelled_goal[cleft.end():] if cleft
                else unlabelled(labelled_goal))
        rest = re.sub(r"(?i)^(?:(?:i (?:think|suppose|guess)|probably|maybe)[,:]?\s+)*(?:to\s+)?", "",
                      rest).strip(" .!")
        # "…with court work quickly, since anyway it is coming": why, not what.
        # Up to 20 words: a goal they labelled is worded with care ("Get two engineers outside my
        # team to review the migration design and push back on it before rollout", blind review 21,
        # lost its purpose at 16).
        plain = shorten(re.split(r"[.;!?]|,\s*(?:since|because|cos|as)\b", rest)[0], 20)
        # "goal is work out if i want uni or an apprenticeship": an action right after the label
        # is the goal, not the "want" inside it.
        span = goal_span(labelled_goal)
        wanted = re.sub(r"(?i)^i\s+(?:really\s+)?(?:want|would like|'d like)\s+to\s+", "", plain)
        if span and wanted.lower().startswith(span.lower()) and re.match(r"\s+(?!and\b|but\b|or\b|so\b)\w",
                                                                         wanted[len(span):]):
            # The parse stopped mid-clause ("know after the meeting" of "…how I can learn the
            # high-voltage work": blind review 16): the labelled words, up to their limit.
            span = wanted
        m.goal = plain if _starts_with_action(plain) else (span or plain)
        m.goal_said = True
        used.add(sents.index(labelled_goal))
        for later in sents[sents.index(labelled_goal) + 1:]:
            # "What I want from the meeting: a narrower aim 1. Actually, no, more precise: I want to
            # decide which project becomes aim 1." (blind personas, q-05): put right in the message.
            if puts_right(later) and (fixed := goal_span(later)):
                m.goal = fixed
                break
    elif not (set(labels) & {"option", "question_for_mentor"}) and not acts.has("advice_request") and (
            posed := next(((i, d) for i, x in enumerate(sents) if labels[i] in ("", "goal")
                           and (d := posed_decision(unlabelled(x)))), None)):
        # "mine: do I want to scale to 11 people, or stay hands-on with 5…": a choice between two
        # ways, asked of themselves, is what they want to decide, and the two are their options
        # (blind reviews 13, 17 and 18: read as one option, as "So you keep trying…", or as not
        # knowing what they want at all).
        at, m.decision = posed
        m.goal, m.goal_said = f"decide whether to {m.decision[0]} or {m.decision[1]}", True
        used.add(at)
    elif acts.has("goal"):
        s = where("goal", lambda x: goal_span(x) or _bare_goal(x))
        sf = facts(s)
        if not sf.reported_by_other:
            said_as_goal = goal_span(s)
            if (len(said_as_goal.split()) < 2 and _POINTS.search(s)) or _NOT_AN_AIM.match(said_as_goal) \
                    or _POINTS.fullmatch(said_as_goal):
                said_as_goal = ""  # "I think I want to talk about that, but…", "I want to add one more thing"
            m.goal_said = bool(said_as_goal)
            m.goal = said_as_goal or (main_clause(s) if _bare_goal(s) else "")
        else:  # "My manager wants me to X, and honestly I want that too": own aim inside a report
            m.goal = goal_span(s)
            m.goal_said = bool(m.goal)
    if not m.goal and not m.decision and not acts.has("commitment"):
        # "I want to know how to push back without being seen as the difficult new mum", read by
        # the act head as crisis talk, a picture of success or a question for the mentor (blind
        # review 19: six goals said plainly were lost, and the agenda said "(to discuss)"): a want
        # said in the first person is their goal, whatever else the message was read as.
        for i, sentence in enumerate(sents):
            said = unlabelled(sentence)
            want = _SAID_WANT.search(said)
            # ("ask her if its ok to say i want to do uni part time later": their question for her.)
            if i in used or labels[i] not in ("", "goal") or not want or facts(said).question \
                    or re.search(r"(?i)\b(?:ask|question)\b", said[:want.start()]):
                continue
            span = goal_span(said)
            if len(span.split()) >= 2 and not _NOT_AN_AIM.match(span) and not _POINTS.search(said):
                # Weakly said (goal_said False): a goal said as one, later, takes its place; one
                # said putting right what came before ("No wait, … I want to know how…") is meant.
                m.goal, m.goal_said = span, bool(acts.has("correction") or puts_right(text))
                used.add(i)
                break
    if acts.has("others_demand"):
        s = where("others_demand", lambda x: demand_span(x)[1])
        m.demand_by, m.demand = demand_span(s)
        if not m.demand_by:  # nobody named as asking: not something to set against their own aim
            m.demand = ""
    listed_steps = _listed_steps(text)
    if listed_steps:
        m.commitment, m.more_commitments = listed_steps[0], tuple(listed_steps[1:])
        used.update(range(len(sents)))
    elif acts.has("commitment"):
        # "Next step: request a meeting with the CEO…": a labelled step said as an imperative is
        # the step, before any "I will…" said after it about how.
        stepped = {unlabelled(x) for i, x in enumerate(sents) if labels[i] == "commitment"}
        s = where("commitment", lambda x: len(commitment_span(x).split()) >= 3
                  or (x in stepped and facts(x).imperative and len(x.split()) >= 3))
        sf = facts(s)
        # "Next step: ask Sana if she wants to manage": the label says whose step it is.
        labelled_step = any(labels[i] == "commitment" and unlabelled(x) == s for i, x in enumerate(sents))
        if labelled_step and not sf.owned_future:
            s = re.sub(r"(?i)^to\s+", "", s)  # "plan is to shadow …": the step is "shadow …"
            sf = facts(s)
        # "My next step will be to request that conversation…": the label says it is theirs,
        # whether or not the parser reads the verb as an imperative.
        said_step = labelled_step and len(s.split()) >= 2 and not re.match(
            r"(?i)\s*(?:not|no|idk|dunno|unsure|maybe|nothing|none|\?)", s)
        if (sf.owned_future or (labelled_step and sf.imperative) or said_step) and not sf.question:
            # "Next step: I talk to Jordi …": the step is "talk to Jordi …", said without its "I".
            m.commitment = commitment_span(s) or re.sub(r"(?i)^i\s+", "", main_clause(_first_clause(s)
                                                                                      if labelled_step else s, 12))
            at = next((i for i, x in enumerate(sents) if unlabelled(x) == s), -1)
            more = commitment_spans(s)[1:]
            for i, other in enumerate(sents):
                if unlabelled(other) == s or i in used:
                    continue
                if facts(other).owned_future:
                    more += commitment_spans(other)
                elif i == at + 1 and (joined := _JOINED_STEP.match(other)) and facts(other[joined.end():]).imperative:
                    # "I'll email the manager this week. and ask the business manager if …": the
                    # same "I'll" carries on into the next sentence.
                    more += commitment_spans("I'll " + other[joined.end():])
            m.more_commitments = tuple(c for c in dict.fromkeys(more) if c.lower() != m.commitment.lower())
    if m.decision:
        m.option = "; ".join(m.decision)
    elif "option" in labels:
        # "Options: A, B or C" / "options idk. ask her? volunteer first?": the list, as said.
        at = labels.index("option")
        end = at + 1
        # The list runs on through its fragments ("ask her? volunteer first?"), never into a
        # "so anyway", another label or a step they will take.
        while end < len(sents) and labels[end] in ("", "option") and not _LIST_ENDS.match(sents[end]) \
                and not facts(sents[end]).owned_future:
            end += 1
        listed = " ".join(unlabelled(x) if n == 0 else x for n, x in enumerate(sents[at:end]))
        listed = re.sub(r"(?i)^(?:options?\s*)?(?:idk|not sure|hmm+|dunno|i (?:can |could )?see|i have|i'?ve got)"
                        r"[.,:]?\s*", "", listed).strip()
        # Alternatives end "…, or C"; a list ending "…, and C" is the steps of one option
        # ("write notes before handover, short points for each resident, and read from them").
        turned_down = re.compile(
            r"(?i)\s*(?:(?:or|and|but)\s+)?(?:i\s+)?(?:will not|won'?t|wont|can'?t|cannot|not|no|never)\b")
        listed, scratched = _scratched(listed)
        parts = list_items(listed, turned_down)
        for at in sorted({len(parts) - 1 if n is None else n for n in scratched}, reverse=True):
            if 0 <= at < len(parts):
                parts.pop(at)  # "Actually, scratch the last one", "scratch (d)": taken back
        # "I will not do the English course": an option turned down is not one they weigh.
        # "…, which would be seen as going over the head", "thats why": a remark on the
        # option before it, not another option.
        # "the in-house course is probably the easiest first step", "The third is the most
        # direct": a verdict on the options, not one more of them.
        parts = [x for n, x in enumerate(parts) if not turned_down.match(x) and not _REMARK.match(x)
                 and not _VERDICT.search(x) and not _ASIDE_SAID.match(x) and not _REFUSED_AFTER.match(x)
                 and not (n + 1 < len(parts) and _REFUSED_AFTER.match(parts[n + 1]))]
        # A list with markers or semicolons is read to its end; one in prose is read as far as
        # its first three items, where the guesses at commas and full stops stay sound
        # (blind review set 14: "five options" of which two were remarks).
        m.option = "; ".join([shorten(x, 10) for x in parts if len(x.split()) >= 2][:5 if marked(listed) else 3])
        used.update(range(at, end))
    elif acts.has("option") and not (acts.has("question_for_mentor") and _ASKS_MENTOR.match(text)):
        # ("and ask mentor if he has old papers": a question for the mentor, not an option.)
        s = where("option", option_span)
        sf = facts(s)
        # An option is something they could do: "she might not know" is a guess about her.
        theirs = sf.first_person_subject or sf.imperative or not (re.search(
            r"\b(?:he|she|they|it|my \w+|the \w+)\s+(?:might|may|could|would|will|is|was|does|doesn'?t|didn'?t)\b",
            s, re.I) or _DESCRIBES.match(s))
        # Without an option's own form ("I could…", "maybe…", "or…"), only an action is one: "ask
        # her first", "I'd go part-time"; not "Meeting with my mentor in two weeks" or "I sell my
        # pieces at markets" (blind review 16: filed as options, and the next question jumped ahead).
        acts_out = sf.imperative or (bool(_MODAL.search(s)) and (sf.first_person_subject or bool(
            re.match(r"(?i)^\W*(?:(?:and|or|so|maybe|also)\s+)?(?:could|might|can|may|would|will)\b", s))))
        m.option = option_span(s) or ("" if sf.question or not theirs or not acts_out else main_clause(s))
        if re.match(r"(?i)(?:he|she|they)\s+(?!could|might|can|may)\w+", m.option):
            m.option = ""  # "Siobhan said maybe she moves to London": her plan, not a way of theirs
        if _REMARK.match(m.option):
            m.option = ""  # "thats why": a remark, not a way forward
    if acts.has("feeling"):
        # "awkward* phone keyboard hates me": a typo put right, not a feeling said again.
        m.feelings = feeling_words(re.sub(r"^\W*\*?[\w'’]+\*", "", text))
    asked = [i for i, a in enumerate(labels) if a == "question_for_mentor"]
    listed = _listed_questions(text)
    if listed:
        # "questions for mentor: 1) what do panels look for…? 2) is arguing with QA…?": each
        # one (blind review 14 kept only the first, or read the numbers as part of it).
        m.mentor_question = listed
        used.update(range(len(sents)))
    elif len(asked) > 1:
        m.mentor_question = " / ".join(_mentor_question(unlabelled(sents[i])) for i in asked)
        used.update(asked)
    elif (acts.has("question_for_mentor") and not (set(labels) - {"", "question_for_mentor"})) or asked:
        s = where("question_for_mentor")
        if s:
            m.mentor_question = _mentor_question(s)
            # "I want to ask her how she handled it. Also whether she thinks… And how long…":
            # the sentences that carry the ask on are questions of their own (blind review 15).
            at = next((i for i, x in enumerate(sents) if unlabelled(x) == s), len(sents))
            more = []
            for follow in sents[at + 1:]:
                if not _AND_ASK.match(follow) or labels[sents.index(follow)]:
                    break
                more.append(_mentor_question(follow))
            if m.mentor_question and any(more):
                m.mentor_question = " / ".join([m.mentor_question, *[q for q in more if q]])
    if not acts.has("strength") and f.past_first_person and _WENT_WELL.search(text) and not f.negated_first_person:
        # "I asked my manager for feedback and it went well": a strength shown, to affirm.
        acts = m.acts = ActReading(acts.scores, (*acts.acts, "strength"), acts.confident)
    for act in sorted(("strength", "success", "obstacle", "situation"), key=lambda a: a not in labels):
        if acts.has(act):
            s = _clause_for(where(act, _reads_well), act)
            if _MEETING_WHEN.match(s) or said_session_length(s):
                # ("We have 25 minutes; she has a client at 8:30": how long they meet, kept for the agenda.)
                continue  # "My meeting with my mentor is on Thursday": when they meet, not how things are
            span = main_clause(s) if s else ""
            if span and not facts(s).question and not (m.goal and m.goal.lower() in span.lower()):
                # Kept as they said it (up to a clause boundary, ~20 words) for the agenda;
                # what is said back is cut shorter (coach.dialogue._say).
                fuller = shorten(re.sub(r"[.!?]+$", "", s.strip()), 20)
                setattr(m, act, fuller if len(fuller.split()) >= len(span.split()) else span)
    m.goal = _wanted(m.goal)
    return m


#: A clause long enough to be read on its own for what it does.
_CLAUSE_WORDS = 3


@lru_cache(maxsize=64)
def _clause_readings(sentence: str) -> tuple[tuple[str, ActReading], ...]:
    """Each comma-joined clause of the sentence with its acts, read in one batch (one embedding
    call, once per sentence whatever the act asked about: read one by one, four acts over three
    clauses doubled the time a message takes); () when the sentence is one clause."""
    clauses = [c.strip() for c in re.split(r",\s+|;\s+|\s+-\s+", sentence) if c.strip()]
    if len(clauses) < 2 or any(len(c.split()) < _CLAUSE_WORDS for c in clauses):
        return ()
    return tuple(zip(clauses, _read_each(clauses), strict=True))


def _read_each(texts: list[str]) -> list[ActReading]:
    """The acts of each text, their embeddings computed in one batch."""
    from assistant.language.acts import _embedder

    vectors = _embedder().embed(texts)
    return [read_acts(t, inputs(t, v)) for t, v in zip(texts, vectors, strict=True)]


def _clause_for(sentence: str, act: str) -> str:
    """Of a sentence's comma-joined clauses, the one that does the act: "i guess get my level 3
    and get better at fault finding, i always panic when its not obvious" is an obstacle for
    its second clause, not its first (crisis set 6, H05: "So part of what gets in the way is get
    your level 3 and get better"). A sentence of one clause is itself."""
    readings = _clause_readings(sentence)
    if not readings:
        return sentence
    clauses = [c for c, _ in readings]
    scores = [r.score(act) for _, r in readings]
    best = max(range(len(clauses)), key=lambda i: scores[i])
    # Only when one clause does the act clearly more than the others; otherwise the sentence.
    rest = max(sc for i, sc in enumerate(scores) if i != best)
    return clauses[best] if scores[best] >= 0.5 and scores[best] - rest >= 0.3 else sentence


_ASKS_SELF = re.compile(r"(?i)\b(?:do|should|shall|must)\s+i\s+")
_SELF_LEAD = re.compile(r"(?i)^\W*(?:(?:(?:do|should|shall|must)\s+)?i\s+)?(?:(?:actually|really|even|just|maybe|"
                        r"rather|still)\s+)*(?:(?:want|need|have)\s+to\s+)?")


def posed_decision(sentence: str) -> tuple[str, str] | None:
    """The two ways of "do I search again a job as operations manager, or do I start as interim
    manager…", "should I keep trying for faculty jobs at all, or look at industry": a choice
    asked of themselves, each way an action. Not one asked of us ("what do you think, should I…")
    or of someone else ("…, or will he see it as…"), nor a choice of things ("do I want it or…")."""
    from assistant.language.parse import parse

    found = _ASKS_SELF.search(sentence)
    if not found:
        return None
    lead, rest = sentence[:found.start()], re.split(r"[?.!]", sentence[found.start():])[0]
    if len(lead.split()) > 8 or re.search(r"(?i)\b(?:you|ask|if|whether|when|how|what|why)\b|[?]", lead):
        return None
    if ", or " in rest:
        pair = rest.split(", or ", 1)
    elif (two := re.split(r"(?i)\s+or\s+(?=(?:do|should|shall|must)\s+i\b)", rest, maxsplit=1))[1:]:
        pair = two
    elif rest.count(" or ") == 1:
        pair = rest.split(" or ")
    else:
        return None
    ways = [_SELF_LEAD.sub("", x, count=1).strip(" ,;:-") for x in pair]
    for way in ways:
        # Read after "I want to": alone, "scale to 11 people" parses as a noun.
        head = parse(f"I want to {way}")[3] if way else None
        if head is None or head.tag_ != "VB" or head.lemma_ == "want" or not 1 <= len(way.split()) <= 14:
            return None
    return ways[0], ways[1]


#: "no that's not it.", "nah, that's not what I mean": taking back, not saying.
_NOT_IT = re.compile(r"(?i)^\W*(?:(?:no|nah|nope|wait|hmm+|sorry|excuse me|um+)[,.]?\s+)*"
                     r"that(?:'?s| is) not (?:exactly |quite |really )?(?:it|right|what i (?:mean|meant))")
#: A want said in the first person ("i guess i want to come out of friday knowing…").
_SAID_WANT = re.compile(r"(?i)\bi\s+(?:really\s+|just\s+|still\s+)?(?:want|wanna|would like|'d like|wish|hope)\b")
#: "I think I want to talk about that, but…": a want that only points at what was said.
_POINTS = re.compile(r"(?i)\b(?:talk about|focus on|work on|discuss|look at)\s+(?:that|this|it|those|these|"
                     r"(?:the |my )?next steps?|things|stuff|everything)\b")
#: Wants about this chat, not aims for the meeting: "I want to add…", "I'd like to ask her…".
_NOT_AN_AIM = re.compile(r"(?i)^(?:ask (?:her|him|them|you|my mentor|the mentor)|add|put (?:it|that|this)|remove|"
                         r"take (?:out|off)|(?:change|move|reword) (?:the|that|it|this|my (?:goal|title|agenda))|"
                         r"say (?:thanks|thank you|hi|hello|bye)|thank|tell you|talk to you|go back|stop (?:here|now)|"
                         r"see the (?:agenda|draft)|start over|keep (?:this|it) (?:private|between)|"
                         # "…so I want to be prepared properly this time": ready for the meeting, no aim yet
                         r"be (?:\w+ )?(?:prepared|ready)|prepare|get ready|have something to say|"
                         # "I want to go in a bit more organised than last time": how they turn up
                         r"(?:go|come|walk) in\b|show up|turn up|"
                         r"know what to (?:say|talk about|bring))\b|"
                         # "I want to CRUSH it", "do well": how it should go, not what it is about
                         r"^\w+ (?:it|this|that)\W*$|^do (?:well|great|good|ok|okay|better)\W*$")


#: A goal that only points: "focus on that", "talk about this", "work on it".
_POINTER_GOAL = re.compile(r"(?i)\bi\s+(?:really\s+)?(?:want|would like|'d like|need)\s+to\s+"
                           r"(?:(?:focus|work|concentrate)\s+on|talk\s+about|discuss|look\s+at|get\s+help\s+with)"
                           r"\s+(?:that|this|it)\s*[.!:]?\s*$")
_HOW_DO_I = re.compile(r"(?i)^\s*how\s+(?:do|can|should|could|would)\s+i\s+(?=\w)")


def _asked_next(sents: list[str], at: int) -> str:
    """The sentence after `at` when it asks how to do something ("How do I give instructions
    to…" becomes "how to give instructions to…"), or ""."""
    if at + 1 >= len(sents):
        return ""
    nxt = sents[at + 1].strip().rstrip(" ?.!")
    found = _HOW_DO_I.match(nxt)
    if found:
        return shorten("how to " + nxt[found.end():], 20)
    if re.match(r"(?i)how to\s", nxt):
        return shorten(nxt, 20)
    return ""


def _first_clause(step: str) -> str:
    """A labelled step up to its first comma, when that much is already a step: "talk with
    rodrigo on monday, monday is the quiet day, before service" is "talk with rodrigo on
    monday" (blind review 14 kept "is the quiet day", the sentence's main clause)."""
    first = re.split(r"\s*[,;]\s+", step, maxsplit=1)[0]
    return first if len(first.split()) >= 3 and facts(first).imperative else step


def _listed_steps(text: str) -> list[str]:
    """"Next step, and I'm writing it down this time: - email my boss Wednesday … - ask to be
    put on the list": the steps listed under the label, in order, or []."""
    listed = marked_items(text) if _LISTS_STEPS.match(text) else []
    steps = [re.sub(r"(?i)^(?:i\s+(?:will|'ll|’ll)\s+|i\s+)", "", x) for x in listed]
    return [" ".join(x.split()[:14]) for x in steps if len(x.split()) >= 2]


_LISTS_STEPS = re.compile(r"(?i)^\W*(?:(?:ok(?:ay)?|so|and|my|the)[,]?\s+)*(?:next\s+)?steps?\b[^:\n]{0,80}:")


def _starts_with_action(phrase: str) -> bool:
    from assistant.language.parse import parse

    doc = parse(phrase)
    return len(doc) > 1 and doc[0].tag_ == "VB" and doc[0].pos_ == "VERB"


def _wanted(goal: str) -> str:
    """The goal without the wanting said in front of it, which every template adds again: "want
    off product features" -> "get off product features", "want to lead it" -> "lead it",
    "want more systems work" -> "more systems work"."""
    # "I want Leanne to help me work out how to ask": what they want to work out.
    goal = re.sub(r"(?i)^help me (?=\w+\s+\w)", "", goal)
    found = re.match(r"(?i)^\s*(?:i\s+)?(?:really\s+)?(?:want|wanna|would like|'d like)\b\s*(?:to\s+)?", goal)
    if not found or len(goal[found.end():].split()) < 2:
        return goal
    rest = goal[found.end():]
    return f"get {rest}" if re.match(r"(?i)(?:off|out|away|back|into|onto)\b", rest) else rest


#: A sentence about when the mentor meeting is ("my mentor meeting is friday", "Our session
#: with Rafa is next week"): the meeting's time, which the coach keeps, never where things stand.
_MEETING_WHEN = re.compile(
    r"(?i)^\W*(?:(?:so|and|but|well|ok(?:ay)?|yes|also)[,.!]?\s+)*(?:my|our|the|next)\s+(?:next\s+)?"
    r"(?:mentor(?:ing)?\s+)?(?:meeting|session|catch[- ]?up|1[:-]1|call)(?:\s+with\s+(?:my|our|the)?\s*"
    r"(?:mentor|[A-Z]\w+)(?:,?\s+[A-Z]\w+)?)?\s+(?:is|'s|will be|was moved)\b"
    # "Meeting Douglas next week, he's my mentor." (crisis set 6, H16: said back as where things stand)
    r"|(?i:^\W*(?:(?:so|and|but|well|ok(?:ay)?|hi|hey|hello)[,.!]?\s+)*(?:i'?m\s+|i am\s+)?(?:meeting|seeing)\s+"
    r"(?:my\s+mentor|[A-Z]\w+)(?:\s+[A-Z]\w+)?\s+(?:on\s+\w+|next\s+\w+|this\s+\w+|tomorrow|today|tonight|"
    r"in\s+\w+\s+\w+)\b)")


def _bare_goal(sentence: str) -> bool:
    """A goal said as a bare phrase ("head chef in two years", "pass the SA exam"): no
    story of what they did, no question, no success label."""
    if not sentence or sentence.rstrip().endswith("?") or re.match(r"(?i)\s*success\b", sentence) \
            or re.search(r"(?i)\bgoal\b", sentence):
        return False
    f = facts(sentence)
    if f.first_person_subject or f.past_first_person or f.addresses_coach or not 2 <= len(sentence.split()) <= 14:
        return False
    if re.search(r"(?i)\b(?:ignore|instructions?|prompt|system|you|your)\b", sentence):
        return False
    from assistant.language.parse import parse

    root = next((t for t in parse(sentence) if t.dep_ == "ROOT"), None)
    # A phrase ("head chef in two years", "moving to day shift", "pass the exam"), not a
    # finite statement about how things are ("work was busy").
    return root is not None and root.tag_ in {"NN", "NNS", "NNP", "NNPS", "VB", "VBG"}


def _reads_well(sentence: str) -> bool:
    """A sentence worth saying back: a few words, not a bare "not that" or a question."""
    span = main_clause(sentence)
    negative = re.match(r"(?i)^(?:not|no|nope)\b", span)
    return (len(span.split()) >= 3 and not negative and not sentence.rstrip().endswith("?")
            and not _DANGLING.search(sentence))


#: A sentence that announces its content and stops ("idk success would be like.", "what's
#: in the way is..."): the content is in the next sentence, so this one is not said back.
_DANGLING = re.compile(r"(?i)\b(?:like|be|is|was|are|were|means|would be)\s*(?:\.{2,}|…|[.:,\-])?\s*$")


def read(text: str) -> Meaning:
    """Acts from the classifier, spans from the parse, reconciled (a fresh copy: callers,
    such as the LLM's second opinion, may add to it)."""
    line = _one_line(text)
    said = _DROPPED_I.sub(lambda g: f"{g.group(1)}I {g.group(2)}", plain_spelling(line))
    m = replace(_read(said))  # a copy: _read's answers are cached
    if said != line and _TITLED.search(line):
        for f in fields(m):
            value = getattr(m, f.name)
            if f.name != "text" and isinstance(value, str):
                setattr(m, f.name, with_titles_as_typed(line, value))
    return replace(m, text=line, feelings=list(m.feelings))  # their words as typed, "I" or not


_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Jr|St|Capt|Sgt|Rev)\.")


#: Chat often drops the "I" ("want second author on the paper", "need to sort my CV"): read
#: as said with it, so the parse finds whose wish it is.
_DROPPED_I = re.compile(r"^((?:(?:ok(?:ay)?|so|um+|hmm+|idk|tbh|honestly|really|well|omg|lol|haha|right|yeah|yep)"
                        r"[,.!]?\s+|[^\w\s,.'\"]+\s+)*)"
                        r"(want|wanna|need to|hoping to|would like|gonna|going to|"
                        r"will(?!\s+(?:you|he|she|they|it|we|i|that|this|there|u)\b))\b", re.I)


_ASK_LEAD = re.compile(
    r"^(?:(?:and|also|so|ok(?:ay)?)[, ]+)*(?:i(?:'d| would| want to| wanna| will|'ll)?(?: really| also)?"
    r"(?: like to| love to)?\s+)?(?:ask(?:ing)?(?:\s+(?:him|her|them|(?:my |the )?mentor|[A-Z][a-z]+))?|"
    r"want to know|wonder(?:ing)?|would like to know|(?:am |i'm )?curious)\s*(?:about\s+)?[:,]?\s*", re.I)


def _listed_questions(text: str) -> str:
    """A message that lists its questions for the mentor under a label, numbered or one
    question mark after another: every one of them (" / " between), or ""."""
    # "for my mentor (she has a bakery, its why i chose her!!): how she learned…? is a course…?"
    text = without_asides(text)
    label = _LISTS_QUESTIONS.match(text)
    if not label:
        return ""
    text = text[label.end():].strip()  # "things I want to ask my mentor : has she…": the label is not a question
    asked = [s.strip() for s in re.split(r"(?<=[?])\s+", text) if s.strip().endswith("?")]
    listed = marked_items(text)
    if not (listed or len(asked) >= 2):
        return ""
    if listed:
        items = listed
    else:
        lead = re.compile(r"^(?:(?:and|also|plus|oh|maybe)\b[, ]*)+", re.I)
        tail = lead.sub("", text[text.rfind("?") + 1:].strip())
        if _QUESTION_START.match(tail) and len(tail.split()) >= 3:
            asked.append(tail)  # "…? and how much time to get good": the last one, without its mark
        items = split_questions(" ".join(_ADDRESSED.sub("", lead.sub("", q)) for q in asked))
    return " / ".join(q.strip(" ?") for q in items if len(q.split()) >= 2)


def _mentor_question(text: str) -> str:
    """The questions they want to ask (" / " between several), without "I want to ask her"
    or "also" in front."""
    q = next((s.strip() for s in re.split(r"(?<=[?])\s+", text) if s.strip().endswith("?")), "")
    body = re.sub(r"^(?:(?:and|also|plus|oh|maybe)\b[, ]*|(?:(?:one|another)\s+more|(?:one\s+)?last(?:ly)?(?:\s+one)?)"
                  r"(?:\s*,?\s*maybe)?\s*[:,\-–—]\s*)+", "", q or text, flags=re.I)
    body = _ADDRESSED.sub("", body)  # "For Liz: how did she…", "For Dr. Mehta, I would like to ask…"
    stripped = _ASK_LEAD.sub("", body).strip(" ,.:;")
    if stripped == body.strip(" ,.:;") and not _QUESTION_START.match(body) and (inner := _ASKS_INSIDE.search(body)):
        # Not inside a question of theirs: "how to ask for a raise" is the question itself.
        stripped = body[inner.end():].strip(" ,.:;")  # "I think asking my mentor how she did it"
    if not (q or stripped != body.strip(" ,.:;") or _QUESTION_START.match(body)):
        return ""  # "My mentor is Liz, she used to be…": about the mentor, not a question for her
    if not q and re.search(r"(?i)\b(?:don'?t|do not|never|won'?t|wouldn'?t|not)\s+(?:want|going|plan|mean)\s+"
                           r"to\s+ask\b", body):
        return ""  # "I don't want to ask her to move me" (blind review 21, X12): an ask refused
    if not q and not _QUESTION_START.match(body) and _someone_else_asks(body):
        # "my mentor is gonna ask about that for sure": her question, not theirs (but "how did
        # she ask for promotion herself" is theirs, asked without a question mark).
        return ""
    if stripped != body.strip(" ,.:;") and re.match(r"(?i)if\s", stripped):
        stripped = "whether " + stripped[3:]  # "ask mentor if he has old papers": whether he has them
    # "ask her about that": a pointer at something said before, not a question to list.
    return " / ".join(q for q in split_questions(stripped or body) if len(q.split()) >= 2)


def _someone_else_asks(text: str) -> bool:
    """The asking verb's subject is someone else ("she'll ask me about it")."""
    from assistant.language.parse import is_first_person, parse, subject

    for token in parse(text):
        if token.lemma_.lower() in {"ask", "wonder"} and token.pos_ in {"VERB", "AUX"}:
            who = subject(token)
            return bool(who is not None and not is_first_person(who) and who.lower_ not in {"you", "u"})
    return False


_ASKS_INSIDE = re.compile(
    r"\b(?:ask(?:ing)?|want to know|wonder(?:ing)?|curious)\b(?:\s+(?:him|her|them|my mentor|the mentor|"
    r"[A-Z][a-z]+))?(?:\s+about)?\s*[:,]?", re.I)
_ADDRESSED = re.compile(
    r"^\W*(?:(?:[Mm]y\s+)?(?:[Qq]uestions?|[Qq]s|[Tt]hings?\s+to\s+ask)\s+)?(?:[Ff]or|[Tt]o)\s+"
    r"(?:(?:my |the )?mentor|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)(?:\s+(?:are|is|would be))?\s*[:\-–,]\s*")
#: A message that opens by saying it lists questions for the mentor: "questions for mentor:",
#: "Questions for Ms. Qureshi are:", "Things to ask Declan:", "q for my mentor -".
_LISTS_QUESTIONS = re.compile(
    r"(?i)^\W*(?:(?:ok(?:ay)?|so|and|also|my|some|the|other|more)[,]?\s+)*(?:(?:q|qs|questions?|things?\s+to\s+ask)"
    r"\s+(?:(?:for|to)\s+)?|for\s+)(?:(?:my |the )?mentor|(?-i:[A-Z])[\w.]*(?:\s+(?-i:[A-Z])[\w.]*)?)"
    r"(?:\s+(?:are|is|would be))?\s*[:\-–]|"
    # "Questions I want to ask her, numbered so I don't ramble at her again:" (blind review 16)
    r"^\W*(?:(?:ok(?:ay)?|so|and|also|my|some|the|other|more)[,]?\s+)*(?:q|qs|questions?|things?)\s+(?:i\s+)?"
    r"(?:want|would like|'d like|need|have|plan)\s+to\s+ask\s+(?:her|him|them|my mentor|the mentor|"
    r"(?-i:[A-Z])[\w.]*)\b[^:\n]{0,60}:")
_QUESTION_START = re.compile(
    r"^\W*(?:how|what|why|when|where|who|which|whether|if|is|are|was|would|could|can|should|do|does|did|will|"
    r"has|have|any|advice|tips|thoughts)\b", re.I)


#: Where a list of questions turns to the next one: a comma or "and" before a word that
#: opens a question ("how she got in, whether it pays, and if I need a degree").
_NEXT_QUESTION = re.compile(
    r"\s*[,;]\s*(?:and\s+|or\s+)?(?=(?:how|what|why|when|where|who|whether|if|is|are|was|would|could|can|"
    r"should|do|does|did|will|has|have)\b)|\s+and\s+(?=(?:how|what|why|when|where|who|whether|if|would|could|"
    r"should|is|are|does|did)\b)|\?\s*", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!])\s+(?=\S)|(?<=\.\.\.)\s*|…\s*")
_ABBREVIATION = re.compile(r"(?i)\b(?:dr|mr|mrs|ms|prof|st|sr|jr|vs|etc|e\.g|i\.e|capt|no)\.$")
_CONDITION = re.compile(r"(?i)^(?:if|once|unless)\b(?!.*\?$)")
#: A clause that sets the scene for the question after it: "When she was a postdoc, did she
#: also feel…" is one question ("When should I apply" is a question of its own).
_SCENE = re.compile(r"(?i)^(?:when|while|once|after|before|since|back when)\s+(?!(?:should|do|does|did|will|would|"
                    r"can|could|is|are|was|were|shall|might|must|may|to)\b)\w+(?:\s+\S+){1,8}$")


def _sentences_of(text: str) -> list[str]:
    """Sentences, not cut after "Dr." or "e.g."."""
    out: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[start:end.start()]):
            continue
        out.append(text[start:end.start()])
        start = end.end()
    return [*out, text[start:]]


_QUESTION_LEAD = re.compile(r"(?i)^(?:(?:and|also|then|so|plus|actually)[,]?\s+)*(?:maybe|perhaps)?\s*[:,]?\s*(?=\w)")
#: A piece that is only a filler ("actually", left when ", how long…" was split off).
_FILLER_ONLY = re.compile(r"(?i)^(?:actually|oh|ah|and|also|so|anyway|ok(?:ay)?|hmm+|well)$")
_ASIDE = re.compile(r"(?i)^(?:oh|ah|hmm+|wait|sorry|never ?mind|lol|haha)\b"
                    r"(?!.*\b(?:how|what|why|when|where|who|whether|could|would|should|does|did)\b)")
#: A question longer than this is cut at its last comma or clause joint within it.
QUESTION_WORDS = 25


def split_questions(text: str) -> list[str]:
    """One question per entry, each whole: a list said in one breath is several questions,
    and a long one is cut at a joint, never in the middle of a phrase."""
    pieces = [p.strip(" ,.:;…") for sentence in _sentences_of(" ".join(text.split()))
              for p in _NEXT_QUESTION.split(sentence)]
    # "Then maybe: how to stay calm…": the lead-in is not part of the question; "oh, his
    # English is native" is a remark to themselves between questions, not one of them.
    if len(pieces) > 1:
        pieces = [p for p in pieces if not _ASIDE.match(p) and not _FILLER_ONLY.match(p)]
    pieces = [_QUESTION_LEAD.sub("", p) for p in pieces]
    out: list[str] = []
    carry = ""
    for piece in pieces:
        words = piece.split()
        if not words:
            continue  # the end of a question mark, not a question
        scene = not carry and bool(_SCENE.match(piece))
        if carry:
            piece, words, carry = f"{carry}, {piece}", [*carry.split(), *words], ""
        if (len(words) < 4 and (not out or _CONDITION.match(piece))) or scene:
            carry = piece  # "if company pay, do I have to stay": the condition opens the question
            continue
        if len(words) < 4 and out:
            out[-1] = f"{out[-1]} and {piece}"  # "…at work, and what to do": one question
            continue
        if len(words) > QUESTION_WORDS:
            cut = " ".join(words[:QUESTION_WORDS])
            joint = max(cut.rfind(","), cut.rfind(" and "), cut.rfind(" but "), cut.rfind(" or "))
            piece = cut[:joint] if joint > len(cut) // 2 else cut
            piece = re.sub(r"\s+(?:a|an|the|to|of|for|with|and|or|but|my|your|in|on|at|is|be)$", "", piece, flags=re.I)
        out.append(piece.strip(" ,"))
    return out or ([carry] if carry else [])
