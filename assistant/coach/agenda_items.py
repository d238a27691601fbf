"""The agenda as data: items (kind, title, the protégé's words, minutes, order).

The draft is built from the slots, kept in the thread state as items, and rendered to
Markdown (and from there to .ics) by `render`. Chat edits act on items: "add …", "take out
…" (a whole item, or one of the things said inside it: "take out 'Fine'" removes those
words, not the section), "move … first", "change 'A' to 'B'" / "reword A to B". Nothing is
recovered from the Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.data import Patterns
from assistant.language.lists import marked_items
from assistant.language.meaning import split_questions
from assistant.language.verbs import as_wanted

RX = Patterns("agenda_edits.yaml")

#: Item kinds in their usual order, with the title shown and the words people use for them.
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "catch_up": ("Catch-up since last time", ("catch", "update", "last time", "since")),
    "goal": ("My goal", ("goal", "aim", "success", "progress")),
    "where": ("Where things stand", ("where", "stand", "situation", "reality", "obstacle", "way", "block",
                                     "problem", "challenge")),
    "options": ("Options I'm weighing", ("option", "choice", "idea")),
    "questions": ("Questions for my mentor", ("question", "ask", "mentor")),
    "next_step": ("My next step", ("step", "commit", "plan", "action", "next")),
}

_ORDINALS = {"first": 0, "1st": 0, "top": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
             "fifth": 4, "5th": 4, "sixth": 5, "6th": 5, "seventh": 6, "last": -1, "bottom": -1}


#: Words that name a section rather than anything said in it.
_SECTION_WORDS = {w[:5] for _title, aliases in KINDS.values() for w in aliases} | {
    "quest", "agend", "draft", "list", "bit", "thing", "point", "item", "one"}

#: Where the thing they point at ends and their reason or aside begins.
_TAIL = re.compile(r"\s*(?:[,;(]|\bi'?ll\b|\bit'?s\b|\bthat'?s\b|\bthats\b|\bbecause\b|\bsince\b|\bas\b|\bcos\b|"
                   r"\bfrom (?:the |my |this |your )?(?:agenda|draft|list|plan)\b|"
                   # "the bit about my boss from where things stand", "…about my mum pls she's not
                   # part of this haha" (blind review 18): where it is, and their aside, are not
                   # what it is about.
                   r"\bfrom (?:the )?(?:where things stand|situation|options?(?: i'?m weighing)?|questions?|"
                   r"next steps?|goal|catch-up)\b|\bpl[sz]\b|\bplease\b|"
                   r"\b(?:she|he|they|it)(?:'s|’s|'re|’re| is| are)\s+not\b|\bhaha+\b|\blol\b).*$",
                   re.I)

_STOP = {"the", "a", "an", "my", "me", "about", "bit", "part", "item", "section", "thing", "stuff", "and", "to",
         "of", "on", "i", "we", "it", "that", "this", "one", "point", "line", "please", "after", "all", "out",
         "completely", "altogether", "entirely", "totally", "just", "really", "anymore", "too", "also", "now",
         # question words and "got": "the 'what got in the way' part" names a section, not "what the pay
         # question looks like" (blind review 21, X05)
         "what", "how", "why", "who", "when", "got", "get", "gets"}


@dataclass
class Item:
    kind: str
    title: str
    words: list[str]  # the protégé's words, each shown in quotes
    minutes: int
    note: str = ""  # a fixed line for items without their words ("what's happened since last time")
    picked: list[str] = field(default_factory=list)  # the options they chose, marked as theirs

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "title": self.title, "words": list(self.words), "minutes": self.minutes,
                "note": self.note, "picked": list(self.picked)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Item:
        return cls(str(data.get("kind", "extra")), str(data.get("title", "")), [str(w) for w in data.get("words", [])],
                   int(data.get("minutes", 5)), str(data.get("note", "")), [str(w) for w in data.get("picked", [])])


#: The catch-up's line when there is nothing from last time to report on.
CATCH_UP_NOTE = "what's happened since last time"


def _split(value: str, sep: str) -> list[str]:
    return [x.strip() for x in value.split(sep) if x.strip()]


#: The joint a clause was cut at ("but we fixed it", "that my manager has been…", "context: …"):
#: not part of what they said about where things stand.
_JOINT_LEAD = re.compile(r"(?i)^(?:(?:but|so|and|also|plus|that(?!['’])|then)\b[,\s]*|(?:context|background|situation|"
                         r"update|status)\s*[:\-–]\s*|(?:the\s+)?(?:thing|truth|situation)\s+is(?:\s+that)?\b[,\s]*)+")
#: A clause that only says when or on what condition ("before I say anything to my manager"):
#: cut from a sentence about something else, it says nothing about where things stand.
_DEPENDENT = re.compile(r"(?i)^(?:before|after|until|till|unless|once|when|whenever|while|if|because|cos|since|"
                        r"as soon as|so that|in case)\b")


def _standing(said: str) -> str:
    """One thing said about where things stand, as the agenda quotes it, or "" when it is
    only the tail of a sentence (blind review 16: "but we fixed it", "before I say anything
    to my manager" were items of their own)."""
    said = _JOINT_LEAD.sub("", said.strip()).strip()
    return "" if _DEPENDENT.match(said) or len(said.split()) < 2 else said


def build(slots: dict[str, str], goal_is_verb: bool, catch_up: str = "", chosen: str = "") -> list[Item]:
    """The first draft from what the protégé said; empty parts say "(to discuss)". The
    options they chose (`chosen`, "; "-joined) are marked as their pick."""
    goal = slots.get("goal", "")
    if goal and goal_is_verb:
        goal = as_wanted(goal)
    goal_words = [w for w in (goal,) if w]
    if slots.get("success"):
        goal_words.append(slots["success"])
    where = list(dict.fromkeys(
        said for x in _split(slots.get("reality", ""), "; ") + _split(slots.get("obstacles", ""), "; ")
        if (said := _standing(x))))
    items = [
        Item("catch_up", KINDS["catch_up"][0], [], 5, catch_up or CATCH_UP_NOTE),
        Item("goal", KINDS["goal"][0], goal_words, 10),
        Item("where", KINDS["where"][0], where, 10),
        Item("options", KINDS["options"][0], _split(slots.get("options", ""), "; "), 10,
             picked=[c for c in _split(chosen, "; ") if c in _split(slots.get("options", ""), "; ")]),
        Item("questions", KINDS["questions"][0], _split(slots.get("mentor_questions", ""), " / "), 10),
        Item("next_step", KINDS["next_step"][0], [slots["next_step"]] if slots.get("next_step") else [], 5),
    ]
    return items


#: The kind of the one entry that holds a title of their own ("Civvy Street: Month 2"): kept
#: with the items so it is stored with them, never numbered or counted as one.
TITLE = "title"
DEFAULT_TITLE = "Mentor meeting agenda"


def titled(items: list[Item]) -> tuple[str, list[Item]]:
    """(their title or "", the items without it)."""
    title = next((i.title for i in items if i.kind == TITLE), "")
    return title, [i for i in items if i.kind != TITLE]


def render(items: list[Item], when: str) -> str:
    """The agenda as Markdown: a heading (their title, if they gave one) with the meeting
    time, then numbered items."""
    title, items = titled(items)
    lines = [f"**{title or DEFAULT_TITLE} ({when})**"]
    for n, item in enumerate(items, 1):
        said = "; ".join(f"“{w}”" + (" (my pick)" if w in item.picked else "") for w in item.words)
        if not said and not item.note and item.title and item.title != KINDS.get(item.kind, ("",))[0]:
            lines.append(f"{n}. {item.title} ({item.minutes} min)")  # their own heading, renamed: it says it all
            continue
        body = said or item.note or "(to discuss)"
        label = f"{item.title}: " if item.title else ""
        lines.append(f"{n}. {label}{body} ({item.minutes} min)")
    return "\n".join(lines)


def _content(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z0-9\-]+", text.lower()) if w not in _STOP and len(w) > 2}


def _find(items: list[Item], name: str) -> tuple[int, int | None] | None:
    """(item, word entry or None) that a few words point at: "the second item", a quoted
    phrase or content words inside an item's words first (the narrowest match), then the
    item's title or kind."""
    asked = re.search(r"(?i)\b(?P<o>first|1st|second|2nd|third|3rd|fourth|4th|last)\s+(?:question|q)\b", name)
    questions = next((i for i, item in enumerate(items) if item.kind == "questions" and item.words), None)
    if asked and questions is not None:
        # "take that last question out": one of their questions for the mentor, by its place.
        at = _ORDINALS[asked.group("o").lower()]
        asked_so_far = items[questions].words
        if -1 <= at < len(asked_so_far):
            return questions, at if at >= 0 else len(asked_so_far) - 1
    ordinal = RX.ordinal.search(name)
    if ordinal and items:
        at = int(ordinal.group("n")) - 1 if ordinal.group("n") else _ORDINALS[ordinal.group("o").lower()]
        if -1 <= at < len(items):
            return (at if at >= 0 else len(items) - 1), None
    quoted = RX.quoted.search(name)
    needle = (quoted.group(1) if quoted else name).strip().lower()
    for i, item in enumerate(items):
        for j, words in enumerate(item.words):
            if needle and (needle == words.lower() or (quoted and needle in words.lower())):
                return i, j
    # What they point at, without the reason or aside after it ("the goal, I have a new one").
    wanted = _content(needle if quoted else _TAIL.sub("", needle))
    if not wanted:
        return None
    title_scores = []
    for item in items:
        names = _content(item.title) | {a[:5] for a in KINDS.get(item.kind, ("", ()))[1]}
        title_scores.append(len(wanted & names))
    word_hits = [(len(wanted & _content(w)), i, j) for i, item in enumerate(items) for j, w in enumerate(item.words)]
    best_words = max(word_hits, default=(0, 0, 0))
    best_title = max(title_scores, default=0)
    if best_words[0] > best_title and best_words[0] >= max(1, len(wanted) // 2):
        return best_words[1], best_words[2]
    # "the referee question", "the calcs one": the words that are not a section's name point
    # at one thing said inside a section, which is narrower than the section itself.
    specific = wanted - _SECTION_WORDS
    best = (0, 0, 0)
    if specific:
        hits = [(len(specific & _content(w)), i, j) for i, item in enumerate(items) for j, w in enumerate(item.words)]
        best = max(hits, default=(0, 0, 0))
        if not best[0] and any(specific & _content(item.title) for item in items):
            best = (1, 0, 0)  # an extra item's own title ("Confidentiality"): not nothing
        tied = [h for h in hits if h[0] == best[0]]
        if len(tied) > 1:
            # "the PGCert question" when PGCert is also in where things stand: the section
            # the ask names ("question") settles it.
            tied = [h for h in tied if wanted & {a[:5] for a in KINDS.get(items[h[1]].kind, ("", ()))[1]}]
        if best[0] and best[0] >= max(1, len(specific) // 2) and len(tied) == 1:
            return tied[0][1], tied[0][2]
    if specific and not best[0]:
        # "the report on the shadowing": the catch-up says what they did in its note, not its words.
        noted = [i for i, item in enumerate(items) if item.note and specific & _content(item.note)]
        if len(noted) == 1:
            return noted[0], None
        # "the thing about the business plan": words that name nothing in the draft; one
        # shared section word ("plan") doesn't make it the next step.
        return None
    if best_title and title_scores.count(best_title) == 1:
        kind = items[title_scores.index(best_title)].kind
        named = {a[:5] for a in KINDS.get(kind, ("", ()))[1]} | _content(items[title_scores.index(best_title)].title)
        if wanted & named:  # the ask names the item itself ("the options part"), not just a word in it
            return title_scores.index(best_title), None
    return None


@dataclass(frozen=True)
class Edit:
    items: list[Item]
    said: str  # what changed, for the reply


#: Asks said in other words, put the way the patterns read them (blind review 19, each a change
#: that was ignored): "call the goal 'X'" (change the goal to 'X'), "can the comp question go
#: first?", "make sure the loves-vs-sensible question is last" (move … first/last), "call the money
#: one 'the 4k problem'" (rename …), "ditch the sick days bit" (remove …), "add in the beginning:"
#: (at the start).
_SAID_OTHERWISE = (
    (re.compile(r"(?i)\b(?:call|name)\s+((?:the|my)\s+(?:goal|next step))\s*[:,]?\s*(?=[‘'\"“])"), r"change \1 to "),
    (re.compile(r"(?i)\b(?:can|could|should|make sure|ensure|i want|i'?d like|have)\s+(?:the\s+)?"
                r"(?P<x>[^,;.?!]{3,60}?)\s+(?:is|goes|go|comes|come|be|are)\s+"
                r"(?P<w>first|last|at the (?:top|end|bottom|start))\b"),
     r"move \g<x> \g<w>"),
    (re.compile(r"(?i)\b(?:call|name)\s+(?P<x>the\s+[\w’'-]+(?:\s+[\w’'-]+)?\s+(?:one|item|bit|thing|part|question))\s*"
                r"[:,]?\s*(?=[‘'\"“])"), r"rename \g<x> to "),
    (re.compile(r"(?i)\b(?:ditch|bin|nix|strike)\s+(?=(?:the|that|my|this)\b)"), "remove "),
    (re.compile(r"(?i)\b(?:in|at) the beginning\b|\bup top\b"), "at the start"),
    # "Put first the report from the observation with Marco", "Reorder: programme question last" (blind
    # review 22): the place said before the thing, or a label in place of the verb.
    (re.compile(r"(?i)\b(?:put|move|bring|have)\s+(?P<w>first|last|at the (?:top|end|start))\s+(?:the\s+)?"
                r"(?P<x>[^,;.?!]{3,60})"), r"move \g<x> \g<w>"),
    (re.compile(r"(?i)^\W*(?:re-?order|order|reshuffle)\s*[:\-–]\s*(?:the\s+)?(?P<x>[^,;.?!]{3,60}?)\s+"
                r"(?P<w>first|last|second|at the (?:top|end|start))\b"), r"move \g<x> \g<w>"),
)


def _plain_ask(ask: str) -> str:
    for said, plain in _SAID_OTHERWISE:
        ask = said.sub(plain, ask)
    return ask


_NOT_BEFORE = re.compile(r"(?i)\b(?:don'?t|do not|not|never|rather not)\b[^.!?]{0,20}$")


def apply_edit(items: list[Item], text: str) -> Edit | None:
    """The items with the asked-for change applied, or None when the ask isn't one we know."""
    items = [Item.from_dict(i.to_dict()) for i in items]
    ask = _plain_ask(" ".join(text.split()).rstrip("?!. "))
    if m := RX.order.search(ask):
        # The order they want, said as a move: "so the cert iv q is before the culture stuff".
        x, y = (m.group("a") or m.group("b")).strip(), (m.group("y") or "").strip()
        ask = f"move {x} before {y}" if y else f"move {x} first"
    elif (m := RX.open_with.search(ask)) and not _NOT_BEFORE.search(ask[:m.start()]):
        # (Not "…, don't want to open with it": blind review 22, Y11, a reason said after the move.)
        ask = f"move {m.group('x').strip()} first"
    elif m := RX.come_before.search(ask):
        ask = f"move {m.group('x').strip()} {m.group('where').lower()} {m.group('y').strip()}"
    if m := RX.swap_two.search(ask):
        return _swap_two(items, m.group("kind").lower())
    if RX.add.search(ask) and (added := _add(items, ask)) is not None:
        # An add first: "add 'How I'm doing', easy to skip" asks for nothing to go.
        return added
    if not RX.reword_rather.search(ask) and (m := RX.reword_place.search(ask) or RX.rename_item.search(ask)):
        found = _find(items, re.sub(r"(?i)\b(?:concerning|regarding)\b", "about", m.group("x")))
        asks_question = bool(re.search(r"(?i)\bquestion\b", m.group("x")))
        if found is not None and asks_question and items[found[0]].kind != "questions" and not RX.ordinal.search(
                m.group("x")):
            found = None  # "the Apapa question" is a question, not the option that names Apapa
        # "reword the Caroline question to '…'" when no question of theirs names Caroline (it was
        # never filed): their new wording is the question they want to ask.
        wording = m.group("b").strip().rstrip(".")
        if found is None and asks_question and (new_question := _with_question(items, wording)):
            return Edit(items, f"I couldn't find {m.group('x').strip()}, so I added “{new_question}” to your "
                               "questions for your mentor.")
        if found is not None:
            item, new = items[found[0]], m.group("b").strip().rstrip(".")
            if found[1] is not None:
                # "change the last question to '…'": one thing said inside a section.
                old_words, item.words[found[1]] = item.words[found[1]], new
                return Edit(items, f"I changed “{old_words}” to “{new}”.")
            # The item now says their words; a fixed line under the old heading ("what's
            # happened since last time") would no longer belong to it.
            item.title, item.note = new[0].upper() + new[1:], ""
            return Edit(items, f"I renamed that item to “{item.title}”.")
    if (m := RX.section_says.search(ask)) and not RX.reword_rather.search(ask):
        kind = "goal" if m.group("sec").lower() == "goal" else "next_step"
        section = next((i for i in items if i.kind == kind), None)
        if section is not None:
            new = m.group("b").strip().rstrip(".")
            section.words = [new[0].upper() + new[1:]]
            return Edit(items, f"“{section.title}” now says “{section.words[0]}”.")
    if m := (RX.reword.search(ask) or RX.reword_rather.search(ask) or RX.reword_it.search(ask)):
        a, b = m.group("a").strip(), m.group("b").strip()
        changed = 0
        for item in items:
            for j, w in enumerate(item.words):
                if a.lower() in w.lower():
                    item.words[j] = re.sub(re.escape(a), b, w, flags=re.I)
                    changed += 1
        if changed:
            return Edit(items, f"I changed “{a}” to “{b}”.")
        before = ask[: min(m.start("a"), m.start("b"))]
        found = _find(items, before) if RX.ordinal.search(before) else _find(items, a)
        if found is not None and items[found[0]].kind == "catch_up" and not items[found[0]].words:
            # "the first item says 'overcome fear'" when no item says it: the catch-up heading
            # renamed to their words over "what's happened since last time" would be nonsense.
            found = None
        if found is not None and found[1] is None:
            items[found[0]].title = b[0].upper() + b[1:]
            return Edit(items, f"I renamed that item to “{items[found[0]].title}”.")
        near = _nearest_words(items, a)
        if near is not None:
            # "change 'retry logic' to 'UPI callback retry'" where the draft says "the retry
            # problem": the words they share with one thing said are the ones they mean.
            i, j, said = near
            if b.lower() in items[i].words[j].lower():
                return Edit(items, f"“{items[i].words[j]}” already says “{b}”, so nothing changed.")
            if a.split()[0].lower() in _DETERMINERS:
                # "change 'the boss' to 'Deirdre'": "tell my boss" becomes "tell Deirdre".
                det = re.search(rf"(?i)\b(?:{'|'.join(_DETERMINERS)})\s+{re.escape(said)}", items[i].words[j])
                said = det.group(0) if det else said
            items[i].words[j] = re.sub(re.escape(said), b, items[i].words[j], count=1, flags=re.I)
            return Edit(items, f"I changed “{said}” to “{b}”.")
        return Edit(items, f"I couldn't find “{a}” in the draft, so nothing changed; which item should say “{b}”?")
    if m := RX.swap.search(ask):
        places = [_place(items, m.group(g)) for g in ("x", "y")]
        if None not in places and places[0] != places[1]:
            a, b = (p for p in places if p is not None)
            items[a], items[b] = items[b], items[a]
            return Edit(items, f"I swapped “{_label(items[b])}” and “{_label(items[a])}”.")
        return Edit(items, "I couldn't tell which two items to swap, so the order is unchanged.")
    if m := (RX.move_to.search(ask) or RX.move.search(ask)):
        found = _find(items, m.group("x"))
        if found is None:
            return None
        where = m.group("where").lower()
        target = _find(items, m.group("y")) if where in ("before", "after", "above", "below", "ahead of") else None
        if found[1] is not None and target is not None and target[0] == found[0] and target[1] is not None \
                and target[1] != found[1]:
            # "the co-leading question before the coming-back one": two things said in the
            # same section change places within it.
            words = items[found[0]].words
            lifted, other_words = words[found[1]], words[target[1]]
            words.remove(lifted)
            words.insert(words.index(other_words) + (where in ("after", "below")), lifted)
            return Edit(items, f"I moved “{lifted}” {'after' if where in ('after', 'below') else 'before'} "
                               f"“{other_words}”.")
        lifted = ""
        firsts = ("to the top", "to the start", "to the front", "first", "at the top", "in first place",
                  "near the start", "near the top", "near the beginning", "near the front", "at the start",
                  "at the beginning", "early on", "up front")
        if where in firsts and found[0] == 0 and (found[1] is None or len(items[0].words) < 2):
            return Edit(items, f"“{_label(items[0])}” is already first.")
        if found[1] is not None and len(items[found[0]].words) > 1:
            # One question of several: it goes first within its section, and the section
            # goes where they asked.
            words = items[found[0]].words
            lifted = words.pop(found[1])
            words.insert(0, lifted)
        item = items.pop(found[0])
        if where in firsts:
            at = 0
        elif where == "second":
            at = 1
        elif where in ("to the end", "at the end", "last"):
            at = len(items)
        else:
            target = _find(items, m.group("y"))
            if target is None:
                return None
            at = target[0] if where in ("before", "above", "ahead of") else target[0] + 1
            other = items[target[0]]
            where = f"{'before' if at == target[0] else 'after'} “{other.title or other.words[0]}”"
        items.insert(at, item)
        place = where if where.startswith(("before ", "after ")) else "to the top" if at == 0 else \
            "to the end" if at == len(items) - 1 else f"to number {at + 1}"
        return Edit(items, f"I moved “{lifted or item.title or item.words[0]}” {place}.")
    if m := (RX.remove_first.search(ask) or RX.remove_go.search(ask) or RX.remove.search(ask)
                  or RX.remove_split.search(ask)):
        found = _find(items, m.group("x"))
        if found is None:
            what = _TAIL.sub("", m.group("x")).strip()
            what = re.sub(r"\s+(?:altogether|completely|entirely|totally|please|too|as well|for now)$", "", what,
                          flags=re.I)
            what = re.sub(r"^(?:the|that|this)\s+", "", what, flags=re.I)
            if asked_if := re.match(r"(?i)^if there(?:'s|\s+is|\s+are)\s+any(?:thing)?\s+(?:in (?:there|it)\s+)?"
                                    r"(?:about|on)\s+(?P<w>.+)$", what):
                # "If there is anything in there about pensions …, please take it out" (blind review 20, W02).
                return Edit(items, f"There's nothing about “{asked_if.group('w')}” in the draft, so nothing was "
                                   "taken out.")
            named = (re.match(r"(?i)(?P<w>.+?)\s+(?P<kind>item|point|bit|part|section|line|question|one)$", what)
                     or re.match(r"(?i)(?P<kind>item|point|bit|part|section|line|question|thing)s?\s+"
                                 r"(?:about|on)\s+(?P<w>.+)$", what))
            if named:  # "the HR portfolio item": there is no item about the HR portfolio
                kind = named.group("kind").lower()
                kind = "item" if kind in {"thing", "bit", "one"} else kind
                about = re.sub(r"(?i)^(?:the|my|that|this)\s+", "", named.group("w"))
                return Edit(items, f"There's no {kind} about “{about}” in the draft, so nothing was taken out.")
            return Edit(items, f"I couldn't find “{what}” in the draft, so nothing was taken out.")
        at, entry = found
        if entry is not None:
            quoted = RX.quoted.search(m.group("x"))
            said = items[at].words[entry]
            part = quoted.group(1).strip() if quoted else ""
            rest = _without(said, part) if part and part.lower() != said.lower() else ""
            if len(rest.split()) >= 3 and len(part.split()) * 5 < len(said.split()) * 2:
                # 'remove "is 3 papers enough"' from a longer question: those words go, the
                # rest of what they said stays.
                items[at].words[entry] = rest
                return Edit(items, f"I took “{part}” out of “{items[at].title or said}”.")
            gone = items[at].words.pop(entry)
            return Edit(items, f"I took “{gone}” out of “{items[at].title}”.")
        if items[at].kind == "catch_up" and not re.search(r"(?i)\b(?:catch|update|last time|since)", m.group("x")):
            # "Take out the bit about the restructure", told in how last time's step went: that
            # account goes, the catch-up stays (blind review 17, V10: the whole section went).
            told = re.sub(r":\s*“[^”]*”\s*$", "", items[at].note)
            if told != items[at].note:
                items[at].note = told
                return Edit(items, f"I took what you said about it out of “{items[at].title}”.")
        item = items.pop(at)
        return Edit(items, f"I took out “{item.title or item.words[0]}”.")
    if RX.ask_more.search(ask) and _with_question(items, re.sub(r"^\s*(?:and\s+|also\s+|plus\s+)*", "", ask)):
        return Edit(items, "I added that to your questions for your mentor.")
    return _add(items, ask)


_KIND_OF = {"questions": "questions", "options": "options", "next steps": "next_step"}


def _swap_two(items: list[Item], kind: str) -> Edit:
    """"swap the order of the two questions": the two things said in that section change places
    (when it holds exactly two)."""
    section = next((i for i in items if i.kind == _KIND_OF.get(kind, "")), None)
    if section is not None and len(section.words) == 2:
        section.words.reverse()
        return Edit(items, f"I swapped “{section.words[1]}” and “{section.words[0]}”.")
    return Edit(items, f"I couldn't tell which two {kind} to swap, so the order is unchanged.")


def _with_question(items: list[Item], question: str) -> str:
    """Their question added to the questions for the mentor, as it now reads ("" when the
    draft has no such section)."""
    questions = next((item for item in items if item.kind == "questions"), None)
    if questions is None or not question:
        return ""
    questions.words.append(question[0].upper() + question[1:])
    return questions.words[-1]


#: Their words for a new item, in quotes whose apostrophes may sit inside ("'How I'm doing'").
_QUOTED_ITEM = re.compile(r"(?<!\w)['‘\"“](?P<q>[^\"“”\n]{2,80}?)['’\"”](?!\w)")


_ONE_MORE_QUESTION = re.compile(r"(?i)(?:(?:one|a|another|the)\s+)?(?:more\s+|last\s+|extra\s+)?"
                                # "add q: …", "add 3rd q: …" (blind review 18)
                                r"(?:(?:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth)\s+)?(?:question|q(?=\s*:))"
                                r"(?:\s+(?:for|to ask)\s+(?:my mentor|her|him|them))?"
                                r"(?:\s+(?:that\s+)?i\s+(?:forgot|missed|nearly forgot|left out))?"
                                # "add the question whether every six weeks is enough" (blind review 17)
                                r"(?:\s*[:\-–]\s*|\s+asking\s+|\s+(?=(?:whether|if|how|what|why|when|who|which)\b))"
                                r"(?P<q>\S.{3,}?)(?:[.?!](?:\s|$)|$)")


def _add(items: list[Item], ask: str) -> Edit | None:
    # "agenda looks cute 😄 can you add 'rates' as its own thing": the ask after a remark.
    asked_at = re.search(r"(?i)\b(?:(?:can|could|would) (?:you|u|we) |please |pls )(?:also )?(?:add|include)\b", ask)
    if m := (RX.add.search(ask) or (RX.add.search(ask[asked_at.start():]) if asked_at else None)):
        what = m.group("x").strip(" :,")
        if quoted := _QUOTED_ITEM.search(what):
            # "a short item at the end, 'How I'm actually doing', five minutes, so…": the
            # quoted words are the item; where it goes is read from the rest.
            rest = what[:quoted.start()] + " " + what[quoted.end():]
            first = bool(re.search(r"\b(?:at the (?:start|top|beginning)|first)\b", rest, re.I))
            item = Item("extra", "", [quoted.group("q")[0].upper() + quoted.group("q")[1:]], 5)
            items.insert(0, item) if first else items.append(item)
            return Edit(items, f"I added “{item.words[0]}”.")
        # "add one more question: should I mention my side project…": theirs, with the others.
        if (asked := _ONE_MORE_QUESTION.match(what)) and _with_question(items, asked.group("q").strip().rstrip(".?!")):
            return Edit(items, "I added that to your questions for your mentor.")
        first = bool(re.search(r"\b(?:at the (?:start|top|beginning)|first)\b", what, re.I))
        what = re.sub(r"^(?:at (?:the )?(?:end|start|top|bottom|beginning)\s*[:,]?\s*)", "", what, flags=re.I)
        what = re.sub(r"^(?:an?\s+|one\s+|another\s+|one more\s+)?"
                      r"(?:quick\s+|short\s+|small\s+|little\s+|final\s+|last\s+)?(?:item|point|line|bit|note|section)\s*"
                      r"(?:at (?:the )?(?:end|start|top|bottom|beginning)\s*)?(?:to|about|on|for|:)?\s*",
                      "", what, flags=re.I)
        # "…about the Christmas roster, I need his advice on that too": the reason is theirs, not the item.
        what = re.sub(r",\s*(?:i|i'?m|i'?d|it'?s|that'?s|because|cos|since|as)\b.*$", "", what, flags=re.I)
        what = re.split(r"(?<=[.?!])\s+", what)[0].rstrip(".?! ")
        what = re.sub(r"\s+(?:as (?:a|an|its|their) .*?(?:item|thing|point|section|line)|at the (?:end|start|top)|"
                      r"please|first|last|too|as well|also)\s*$",
                      "", what, flags=re.I)
        if len(what.split()) < 2 and not RX.quoted.search(what):
            return None
        what = what.strip("'‘’\"“”")
        item = Item("extra", "", [what[0].upper() + what[1:]], 5)
        items.insert(0, item) if first else items.append(item)
        return Edit(items, f"I added “{item.words[0]}”.")
    return None


_DETERMINERS = ("the", "my", "a", "an", "our", "your", "his", "her", "their", "that", "this")


def _nearest_words(items: list[Item], old: str) -> tuple[int, int, str] | None:
    """(item, entry, words) for the one entry that shares the longest run of words with
    `old` (at least one word of four letters or more), or None when no entry or more than
    one does."""
    wanted = old.lower().split()
    best: list[tuple[int, int, int, str]] = []
    for i, item in enumerate(items):
        for j, words in enumerate(item.words):
            said = words.split()
            for start in range(len(said)):
                for end in range(len(said), start, -1):
                    run = " ".join(said[start:end])
                    if run.lower() in " ".join(wanted) and max(len(w) for w in said[start:end]) >= 4 \
                            and f" {run.lower()} " in f" {' '.join(wanted)} ":
                        best.append((end - start, i, j, run))
                        break
    if not best:
        return None
    top = max(b[0] for b in best)
    winners = {(i, j, run.lower()): run for n, i, j, run in best if n == top}
    if len({(i, j) for i, j, _ in winners}) != 1:
        return None
    (i, j, _), run = next(iter(winners.items()))
    return i, j, run


def _place(items: list[Item], name: str) -> int | None:
    """Which item a swap names: a bare number ("swap 1 and 2") is its place in the draft."""
    bare = re.fullmatch(r"\s*(?:no\.?\s*|number\s*|#)?(\d{1,2})\s*", name)
    if bare:
        at = int(bare.group(1)) - 1
        return at if 0 <= at < len(items) else None
    found = _find(items, name)
    return found[0] if found else None


def _label(item: Item) -> str:
    return item.title or item.words[0]


def _without(words: str, part: str) -> str:
    """Their words with one part taken out, and the commas or "and" around it tidied."""
    rest = re.sub(re.escape(part), "", words, count=1, flags=re.I)
    rest = re.sub(r"\s*,\s*(?:,\s*)+", ", ", rest)
    rest = re.sub(r"(?:,\s*|\s+)(?:and|or)\s*$|^\s*(?:,|and|or)\s+", "", rest.strip(" ,"), flags=re.I)
    return " ".join(rest.split()).strip(" ,")


def edit_pieces(text: str) -> list[str]:
    """A message cut where a new change starts: "add the past papers thing and move the
    calcs one first" is two changes."""
    pieces = [p.strip(" ,;") for p in RX.edit_joint.split(" ".join(text.split())) if p and p.strip(" ,;")]
    if len(pieces) > 1:
        # "If I leave it to the end I'll chicken out of saying it.": why they ask, not a change.
        pieces = [p for p in pieces if not _REASON.match(p)] or pieces
    joined: list[str] = []
    for piece in pieces:
        if joined and _QUOTE_ONLY.fullmatch(piece) and not RX.quoted.search(joined[-1]):
            # "title too long. just 'Lead or not'": the words they want, for the thing just named.
            joined[-1] = f"{joined[-1]}, {piece}"
        elif joined and _TOPIC_ONLY.fullmatch(joined[-1]) and not re.search(r"(?i)\b(?:it|that|this|them)\b", piece):
            # "And the title, change to '…'": the thing named first is what the change is to
            # ("…, please move it to the end" names it again: `_resolve_it` reads that).
            joined[-1] = f"{joined[-1]}, {piece}"
        else:
            joined.append(piece)
    return joined


#: A piece that gives a reason or a condition, not a change (blind review 21, X05).
_REASON = re.compile(r"(?i)^(?:if (?:i|we)|because|since|cos|cause|so that|that way)\b")
#: A piece that is only the new words, quoted: "just 'Lead or not'", "'Staffing crunch' please".
_QUOTE_ONLY = re.compile(r"(?i)(?:(?:just|maybe|simply|so|like|call it|make it)\s+)*[‘'\"“][^‘'\"“”’]{2,60}[’'\"”]"
                         r"(?:\s+(?:please|pls|maybe|instead))?\s*[.!]*")
#: A piece that only names a thing ("And the title", "the thing about my English"), the
#: change to it said next.
_TOPIC_ONLY = re.compile(r"(?i)(?:(?:and|also|but|plus|oh|ok|now)\s+)*(?:the|that|this|my)\s+[^.!?,;:\"“”]{1,50}")


def apply_edits(items: list[Item], text: str) -> Edit | None:
    """Every change asked for in the message, in order; None when none is one we know. What
    couldn't be done is said too, so nothing they asked for is silently dropped."""
    title, body = titled(items)
    # "I dont want it written like 'a'. Write 'b' please.": one change said in two sentences.
    for said_as in (RX.reword_not_like, RX.reword_instead):
        text = said_as.sub(lambda m: f"change “{m.group('a')}” to “{m.group('b')}”.", text)
    text = RX.reword_offered.sub(lambda m: f"change “{m.group('a') or m.group('a2')}” to “{m.group('b')}”.", text)
    pieces = _resolve_it(edit_pieces(text))
    told: list[str] = []
    named = [found.group("b").strip() for p in pieces
             if (found := RX.title.search(p)) and not RX.rename_item.search(p)]
    if named:
        # "Change the title. Call it 'Civvy Street: Month 2'": the agenda's own title (the
        # last one named, if they changed their mind mid-message).
        title = named[-1][0].upper() + named[-1][1:]
        told.append(f"I called the agenda “{title}”.")
        pieces = [p for p in pieces
                  if not (RX.title.search(p) and not RX.rename_item.search(p)) and not RX.title_only.search(p)]
        if not pieces:
            return Edit(_with_title(body, title), told[0])
        text = " ".join(pieces)
    edit = _apply_pieces(body, pieces, text)
    if edit is None:
        return Edit(_with_title(body, title), told[0]) if told else None
    return Edit(_with_title(edit.items, title), " ".join([*told, edit.said]))


def _with_title(items: list[Item], title: str) -> list[Item]:
    return [*items, Item(TITLE, title, [], 0)] if title else items


def _apply_pieces(items: list[Item], pieces: list[str], text: str) -> Edit | None:
    if len(pieces) <= 1:
        return apply_edit(items, pieces[0] if pieces else text)
    # "the second point" means the draft they read: changes that name a place by number go
    # before the ones that move things about.
    pieces.sort(key=lambda piece: bool(RX.move.search(piece)) and not RX.ordinal.search(piece))
    done: list[str] = []
    current = items
    for piece in pieces:
        edit = apply_edit(current, piece)
        if edit is None:
            if RX.reword_ask.search(piece) and not RX.quoted.search(piece) and any(
                    RX.quoted.search(other) for other in pieces if other is not piece):
                continue  # "Please reword the second question. Instead of 'a' write 'b'.": said next
            if looks_like_edit(piece):
                done.append(f"I couldn't tell what “{_short(piece)}” points at, so that part is unchanged.")
            continue
        current = edit.items
        done.append(edit.said)
    if current is items:
        return apply_edit(items, text)
    return Edit(current, " ".join(done))


_IT = re.compile(r"(?i)\b(?P<verb>move|put|drop|remove|delete|cut|take|reword|change|add)\s+"
                 r"(?:it|that(?:\s+one)?|this(?:\s+one)?)\b")
_VERB_OF_CHANGE = re.compile(r"(?i)\b(?:add|remove|take|drop|delete|cut|move|put|swap|change|reword|rename|include)\b")


def _resolve_it(pieces: list[str]) -> list[str]:
    """"And the item about my parents' wish, please move it to the end": "it" is the thing
    named just before, in a piece with no change of its own."""
    out: list[str] = []
    for piece in pieces:
        named = out[-1] if out and not _VERB_OF_CHANGE.search(out[-1]) else ""
        if out and not named and RX.add.search(out[-1]) and (added := _ONE_MORE_QUESTION.search(out[-1])):
            # "add a question I forgot: how she talks about prices… And you can put it first":
            # "it" is the question just added.
            named = added.group("q")
            if it := _IT.search(piece):
                out.append(piece[: it.start()] + f"{it.group('verb')} {named.strip(' ,.?!')}" + piece[it.end():])
                continue
        if named and (it := _IT.search(piece)):
            thing = re.sub(r"(?i)^(?:and|also|oh|so|then)\s+", "", named).strip(" ,.")
            if it.group("verb").lower() == "add":
                # "Oh, the third question has come back to me: whether it would look odd… Please
                # add that one at the end." (blind review 18 added "That one"): what they said
                # after the colon is the question.
                asked = re.search(r"(?i)\bquestion\b[^:]*:\s*(?P<q>\S.+)$", thing)
                if asked is None:
                    out.append(piece)
                    continue
                thing = f"the question: {asked.group('q').strip(' ,.?!')}."
                out[-1] = piece[: it.start()] + f"add {thing}"
                continue
            out[-1] = piece[: it.start()] + f"{it.group('verb')} {thing}" + piece[it.end():]
            continue
        out.append(piece)
    return out


def _short(text: str, words: int = 8) -> str:
    said = text.rstrip(".!? ").split()
    return " ".join(said[:words]) + ("…" if len(said) > words else "")


def asks_for_agenda(text: str) -> bool:
    """They ask to see or have the draft ("agenda pls", "would you draft an agenda for us?"),
    without changing anything in it."""
    if RX.collect_into_agenda.search(text):
        return True
    return bool(RX.asks_for_agenda.search(text)) and not looks_like_edit(text)


def looks_like_edit(text: str) -> bool:
    """A change to the agenda asked in so many words (even before the draft is shown): a
    verb of change that points at the agenda or at something in it ("take the money bit
    out", "move the referee question first"), not "cut my hours a bit"."""
    if RX.reword_it.search(text):  # "the first item says 'X', can you change it to 'Y'" spans two pieces
        return True
    for piece in edit_pieces(text):
        if RX.reword.search(piece) or RX.reword_rather.search(piece) or RX.reword_it.search(piece):
            return True
        if (RX.move.search(piece) or RX.remove.search(piece) or RX.remove_split.search(piece)
                or RX.reword_ask.search(piece)) and RX.points_at_agenda.search(piece):
            return True
        if RX.remove_go.search(piece) or RX.section_says.search(piece):
            return True
    return False


def labelled_questions(text: str) -> list[str]:
    """"Questions for Jansen: is my idea strong enough, how to talk to my supervisor": the
    questions of a labelled list, one each; [] when the message is not one."""
    found = RX.questions_label.search(" ".join(text.split()))
    if found and (listed := marked_items(found.group("x"))):
        # "Questions for Carmen:\n1. How she starts…\n2. What to do if…": their numbers are
        # the joints (split as prose, "1," and "and 2" were part of the questions).
        return [q.rstrip(" .?") for q in listed]
    return split_questions(found.group("x")) if found else []
