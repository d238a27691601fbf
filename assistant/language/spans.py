"""Find the protégé's words that carry each act, from the parse.

Spans are kept as the protégé said them (first person) for the agenda, and rendered in
second person only when said back. They are kept short (a clause, cut at a natural joint)
because a reflection that repeats a whole sentence is an echo, not listening.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from assistant.language.features import planned_progressive
from assistant.language.lexicon import FEELING_WORDS
from assistant.language.parse import is_first_person, negated, parse, reported_by_other, subject
from assistant.language.verbs import base_form

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_WANT_LEMMAS = frozenset({"want", "hope", "like", "love", "wish", "aim", "plan", "try", "need", "wanna", "dream"})
_GOAL_NOUNS = frozenset({"goal", "aim", "dream", "plan", "hope", "objective", "target", "priority", "focus"})
_FUTURE_AUX = frozenset({"will", "'ll", "ll", "shall", "wo"})
_TENTATIVE = frozenset({"could", "might", "may", "maybe", "perhaps", "possibly"})
#: "What I (really) want (from this session), is …": what follows is the goal, said as one.
WHAT_I_WANT = re.compile(r"\bwhat i (?:really |actually |most |honestly )?"
                         r"(?:want|need|would like|'d like|am after|'m after)"
                         # "What I want to bring to my mentor is the embalming course" (crisis set 6, H16)
                         r"(?:\s+to\s+(?:bring|bring up|talk about|discuss|raise|ask about|work on|focus on|cover|get)"
                         r"(?:\s+(?:to|with)\s+(?:my|our|the|him|her)(?:\s+\w+)?)?)?"
                         r"(?:\s+(?:from|out of|for|on|by)\s[^.!?,;]{1,40}?)?,?\s+is\s+", re.I)
#: Subclauses that say when or why, not what: "… before I start rewording it", "… so I can see".
_WHEN_OR_WHY = frozenset({"before", "after", "so", "because", "since", "when", "while", "until", "once", "as", "cause"})
_CUT_DEPS = frozenset({"advcl", "conj", "cc", "parataxis", "punct", "mark", "discourse", "intj", "dep"})
_LEAD_WORDS = re.compile(
    r"^(?:(?:right now|at the moment|currently|these days|and|but|so|also|then|well|honestly|basically|actually|"
    r"really|just|maybe|like|um+|uh+|tbh|ngl|idk|"
    r"ok(?:ay)?|yeah|yes|no|oh|hmm+|right|fine|still|anyway|i guess|i think|i suppose|i mean)\b[,.\s]*)+",
    re.I,
)


def clause_tokens(head: Token, max_words: int = 9, subclauses: bool = False, own_subject: bool = True) -> list[Token]:
    """The head's clause without the subject, joined clauses or trailing asides, cut at
    `max_words` at a natural joint. With `subclauses`, "when people interrupt me" stays;
    without `own_subject`, a subclause with a subject of its own goes ("send it tonight
    before I start rewording it": the step is sending it)."""
    keep = [head]
    cut_deps = _CUT_DEPS - {"advcl", "mark"} if subclauses else _CUT_DEPS
    for child in head.children:
        if child.dep_ in cut_deps or child.dep_ in {"nsubj", "nsubjpass", "aux", "neg", "expl"}:
            continue
        if not own_subject and child.dep_ == "advcl" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children) \
                and any(c.dep_ == "mark" and c.lower_ in _WHEN_OR_WHY for c in child.children):
            continue  # "ask her if she can" keeps its "if": that is what is asked
        if child.dep_ == "advmod" and child.i < head.i:
            continue
        keep.extend(child.subtree)
    for child in head.children:  # negation and particles belong with the verb
        if child.dep_ == "neg":
            keep.append(child)
    start = head.i
    while start > 0 and head.doc[start - 1].dep_ == "auxpass" and head.doc[start - 1].head.i == head.i:
        start -= 1  # "get promoted": the passive's auxiliary belongs to the phrase
    before = [c for c in head.children if c.dep_ == "neg" and c.i < head.i]
    if before:
        # "to not completely bomb it", "to never miss a deadline": the negation and what sits
        # between it and the verb belong to the phrase; without them it says the opposite.
        start = before[0].i
        keep.extend(head.doc[start:head.i])
    toks = sorted({t.i: t for t in keep if t.i >= start}.values(), key=lambda t: t.i)
    # Only a contiguous run starting at the head reads as a phrase.
    run: list[Token] = []
    for t in toks:
        if run and t.i != run[-1].i + 1:
            break
        run.append(t)
    while run and _half_word(run[-1]) and run[-1].i + 2 < len(head.doc):
        # "co-leading", "high-voltage": a word the parser split at its hyphen is kept whole.
        run += [head.doc[run[-1].i + 1], head.doc[run[-1].i + 2]]
    while run and (run[-1].is_punct or run[-1].dep_ in {"cc", "mark", "prep", "det", "poss", "aux"}
                   or (run[-1].dep_ == "advmod" and run[-1].head.i > run[-1].i)):
        run.pop()
    return _trim_end(_cut(run, max_words))


#: Dependents a phrase is broken without: "seem the most [sensible move]", "sit [in]",
#: "I think [nobody sees it]".
_NEEDED = frozenset({"prt", "dobj", "pobj", "attr", "acomp", "oprd", "dative", "ccomp", "xcomp", "pcomp"})


#: Words that only make sense with the word they modify ("the", "most", "my", "can"); a
#: noun phrase whose verb was cut ("my kids' school, my husband's job") still reads whole.
_LEANS = frozenset({"det", "amod", "advmod", "poss", "compound", "nummod", "aux", "auxpass", "neg", "mark", "cc",
                    "prep", "case", "predet", "quantmod", "prt"})


#: Nouns that mean nothing without their "of…" ("the end of October", "a lot of pressure", "the rest
#: of the team"), unlike "the 15th of this month", which stands without it.
_PARTITIVE = frozenset({"end", "rest", "start", "beginning", "middle", "lot", "lots", "part", "kind", "sort", "top",
                        "bottom", "front", "back", "most", "some", "all", "none", "half", "couple", "bit", "piece",
                        "side", "out", "number", "amount"})


def _no_break(doc: Doc, after: int, start: int) -> bool:
    """No punctuation between the end of the kept words and where a dependent starts: after
    a comma ("it went well, she was happy") the parser's attachment is a guess."""
    return not any(doc[i].is_punct for i in range(after + 1, start))


def _whole(kept: list[Token]) -> bool:
    """No word of the phrase leans on a word that was cut off (its head, or a dependent it
    cannot stand without)."""
    if not kept:
        return False
    hi = kept[-1].i
    for t in kept:
        if t.head.i > hi and t.dep_ in _LEANS:
            return False
        if any(c.i > hi and c.dep_ in _NEEDED and _no_break(t.doc, hi, c.i) for c in t.children):
            return False
        if t.lower_ in _PARTITIVE and any(
                c.i > hi and c.dep_ == "prep" and c.lower_ == "of" and _no_break(t.doc, hi, c.i) for c in t.children):
            return False  # "get through to the end" said back for "…to the end of October" (blind review 18)
    return True


def _cut(tokens: list[Token], max_words: int) -> list[Token]:
    """`_first_cut`, stepped back to the longest shorter phrase that is whole, when the joint
    it found leaves a word hanging ("the guest lectures seem the most")."""
    # In document order: a subtree of a crossing parse is not ("Dave wants me to think abt what i
    # want to get out of…" came out "me to think abt i want what to get", crisis set 6, H05).
    tokens = sorted(tokens, key=lambda t: t.i)
    cut = _first_cut(tokens, max_words)
    if _whole(cut):
        return cut
    for n in range(len(cut) - 1, 2, -1):
        shorter = _trim_end(cut[:n])
        if len([t for t in shorter if not t.is_punct]) >= 3 and _whole(shorter):
            return shorter
    return cut


def _first_cut(tokens: list[Token], max_words: int) -> list[Token]:
    words = [t for t in tokens if not t.is_punct]
    if len(words) <= max_words:
        return tokens
    cut = tokens[: max_words + sum(1 for t in tokens[:max_words] if t.is_punct)]
    # Prefer to end before a preposition, conjunction or relative clause.
    for n in range(3, len(cut)):
        t = cut[n]
        if t.dep_ in {"advcl", "relcl"} and t.left_edge.i > cut[0].i + 2:
            start = t.left_edge.i - cut[0].i
            if not cut[start - 1].whitespace_:
                continue  # "co-leading" parsed as a clause of its own: inside a word, not a joint
            if t.pos_ in {"NOUN", "PROPN"} and start == n and cut[n - 1].pos_ in {"NOUN", "PROPN"}:
                continue  # "applied for team lead": a noun after a noun, misparsed as a clause (blind review 14)
            return _trim_end(cut[:start])
    for n in range(len(cut) - 1, max(2, len(cut) // 2), -1):
        t = cut[n]
        if t.text in {"-", "–", "/"} and not cut[n - 1].whitespace_:
            continue  # "co-run", "part-time": inside a word, not a joint
        starts_clause = t.head.dep_ in {"relcl", "advcl", "ccomp"} and t.head.i > t.i and t.dep_ in {"nsubj", "mark"}
        if t.dep_ in {"prep", "cc", "mark", "relcl", "advcl"} or t.is_punct or starts_clause:
            return _trim_end(cut[:n])
    while cut and cut[-1].dep_ in {"det", "poss", "prep", "cc", "amod", "compound"}:
        cut = cut[:-1]
    return _trim_end(cut)


def _trim_end(tokens: list[Token]) -> list[Token]:
    """No phrase ends on "which", "the", "and", a comma, or half a hyphenated word ("learn the
    high" for "learn the high-voltage work": blind review 16)."""
    # (A determiner that stands for its noun ends a phrase well: "how to do both", "keep all".)
    while tokens and (tokens[-1].is_punct or (tokens[-1].tag_ in {"WDT", "WP", "WRB", "IN", "CC", "DT", "PRP$", "TO"}
                                              and not (tokens[-1].tag_ == "DT" and tokens[-1].dep_ == "dobj"))
                      or (tokens[-1].dep_ in {"nsubj", "nsubjpass", "aux", "mark"}
                          and tokens[-1].head.i > tokens[-1].i) or _half_word(tokens[-1])):
        tokens = tokens[:-1]
    return tokens


def _half_word(token: Token) -> bool:
    """The token is joined to a hyphen right after it, inside one word ("high" of "high-voltage")."""
    nxt = token.i + 1
    return not token.whitespace_ and nxt < len(token.doc) and token.doc[nxt].text in {"-", "–"} \
        and not token.doc[nxt].whitespace_


#: Hedges and fillers at the end of what they said: "be a team leader i think" is said
#: back as "be a team leader" (the hedge is theirs to keep, not ours to quote at them).
_TRAIL_WORDS = re.compile(
    r"(?:[,\s]+(?:i think|i guess|i suppose|i reckon|tbh|ngl|lol|lmao|haha+|honestly|idk|or something|"
    r"or whatever|or so|you know))+\s*$", re.I)
_LIST_MARK = re.compile(r"^(?:\(?\d{1,2}[).:]|\(?[a-e]\)|[-*•])\s*")


def text_of(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    if all(b.i == a.i + 1 for a, b in pairwise(tokens)):
        out = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    else:  # a gap (a dropped comma or clause): never glue two words together
        out = "".join(t.text + (t.whitespace_ or (" " if n + 1 < len(tokens) and tokens[n + 1].i != t.i + 1 else ""))
                      for n, t in enumerate(tokens))
    out = _TRAIL_WORDS.sub("", out.strip(" ,;:-")).strip(" ,;:-")
    return _LIST_MARK.sub("", _LEAD_WORDS.sub("", out).strip()).strip()


def _my_verbs(doc: Doc | Span) -> list[Token]:
    return [t for t in doc if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"aux", "auxpass"}
            and (s := subject(t)) is not None and is_first_person(s)]


_WONDERING = re.compile(r"(?i)\b(?:do|did)\s+i\s+(?:actually\s+|really\s+|even\s+)?want\b|"
                        r"\b(?:don'?t|dont|do not)\s+(?:even\s+|really\s+)?know\s+(?:if|whether|what)\s+i\s+"
                        r"(?:actually\s+|really\s+|even\s+)?want\b|\bnot sure (?:if|whether|what) i (?:\w+ )?want\b")


def wonders_what_they_want(text: str) -> bool:
    """"do i actually want X or…", "i dont even know if i want to stay": not sure yet what they
    want (the coach says so, and takes no goal from it: see _wondered)."""
    return bool(_WONDERING.search(text))


def _wondered(want: Token, who: Token | None) -> bool:
    """"i dont even know if i want to stay in retail", "do i actually want to be store manager":
    a want wondered about, not said (blind review 17: said back as "you really want to stay in
    retail", the opposite of what she meant)."""
    if any(c.dep_ == "mark" and c.lower_ in {"if", "whether"} for c in want.children):
        return True
    return who is not None and any(c.dep_ == "aux" and c.lower_ in {"do", "does", "did"} and c.i < who.i
                                   for c in want.children)


def goal_span(text: str) -> str:
    """What the protégé wants, as a verb phrase or noun phrase ("get promoted by June")."""
    cleft = re.search(WHAT_I_WANT.pattern + r"([^.!?,;]+)", text, re.I)
    if cleft and re.search(r"(?i)\b(?:want|need|like)\s+to\s+\w", cleft.group(0)[: cleft.start(1) - cleft.start()]):
        # "What I want to bring to my mentor is the embalming course": what follows "is"; the
        # parse reads "bring … is the embalming course" as the thing wanted.
        return _cut_words(cleft.group(1), 14)
    doc = parse(text)
    for token in doc:
        lemma = token.lemma_.lower()
        own = (s := subject(token)) is not None and is_first_person(s)
        before = {t.lower_ for t in doc[max(0, token.i - 4) : token.i]}
        if lemma in _WANT_LEMMAS and own and not negated(token) and not reported_by_other(token) \
                and not before & {"not", "n't", "never", "nt"} and not _wondered(token, s):
            for child in token.children:
                # (What is wanted follows the want: "My meeting … is on Thursday, so I want to be
                # prepared" parses "is" as its complement.)
                if child.dep_ in {"xcomp", "ccomp"} and child.pos_ in {"VERB", "AUX"} and child.i > token.i:
                    found = _to_boundary(clause_tokens(child))
                    if found:
                        return found
                if child.dep_ == "dobj" and lemma != "need" and child.pos_ != "PRON":
                    return text_of(_cut(list(child.subtree), 9))
        owners = [c.lower_ for c in token.children if c.dep_ == "poss"]
        if token.lemma_.lower() in _GOAL_NOUNS and token.dep_ in {"nsubj", "attr"} and all(
            o in {"my", "our"} for o in owners
        ):
            head = token.head
            for child in head.children:
                if child.dep_ in {"xcomp", "attr", "ccomp", "acomp"} and child.i != token.i \
                        and child.pos_ in {"VERB", "AUX", "NOUN", "PROPN"} and not negated(head):
                    found = (_to_boundary(clause_tokens(child)) if child.pos_ in {"VERB", "AUX"}
                             else _to_boundary([t for t in child.subtree if t.i >= child.left_edge.i]))
                    if found:
                        # "My goal is I want to become senior analyst": the goal is what is wanted.
                        return re.sub(r"(?i)^(?:i\s+)?(?:really\s+)?(?:want|would like|'d like|wish|hope)\s+to\s+",
                                      "", found)
        if lemma in {"think", "consider", "dream"} and own and not negated(token):
            for prep in token.subtree:  # "I've been thinking (for ages) about moving into education"
                if prep.dep_ == "prep" and prep.lower_ in {"about", "of"}:
                    for grand in prep.children:
                        if grand.dep_ == "pcomp" and grand.pos_ == "VERB":
                            return text_of(clause_tokens(grand))
            if lemma == "consider":
                for child in token.children:
                    if child.dep_ in {"xcomp", "dobj"} and child.pos_ in {"VERB", "NOUN"}:
                        return text_of(clause_tokens(child) if child.pos_ == "VERB" else _cut(list(child.subtree), 9))
    if re.search(r"(?i)\b(?:not that i|don'?t|do not|never|no longer)\b[^.!?]{0,12}\b(?:want|wanna|like|hope)", text):
        return ""  # "Not that I want to switch": a want denied is no goal
    cleft = re.search(WHAT_I_WANT.pattern + r"(?:to\s+)?([^.!?,;]+)", text, re.I)
    m = cleft or re.search(
        # "It is about my goal to become a team lead in two years" (crisis conversations 2, D16).
        r"\b(?:wanna|want to|hoping to|trying to|like to|aiming to|hope to|planning to|"
        r"my (?:goal|aim|ambition|dream) (?:is |was )?to)\s+([^.!?,;]+)",
                  text, re.I)
    if m and not cleft and re.search(r"(?i)\b(?:if|whether|do|does|did|what)\s+i\s+(?:\w+\s+)?$", text[:m.start()]):
        # "i dont even know if i want to stay": wondered about (see _wondered); "Dave wants me to think
        # abt what i want to get out of the apprenticeship" names what to think about, not a goal.
        return ""
    if m and not re.match(r"(?i)(?:nothing|not|no)\b", m.group(1)):  # "what I want is nothing to do with him"
        return _cut_words(m.group(1), 14 if cleft else 9)
    return ""


_BOUNDARY_WORDS = frozenset({"and", "but", "so", "because", "cause", "cos", "though", "although", "while", "or", "if"})


def _to_boundary(tokens: list[Token], max_words: int = 12) -> str:
    """The parse's phrase, extended to the end of its clause when the parse stopped early
    (the small model reads "the team lead opening" as a new verb): up to the next comma,
    full stop or joining word, at most `max_words` words."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    start = tokens[0].i

    def joint(i: int) -> bool:
        return doc[i].lower_ in _BOUNDARY_WORDS and not _inside_whether(doc, start, i)

    end = tokens[-1].i + 1
    while end < len(doc) and not _stops(doc, end) and not joint(end) and end - start < max_words:
        end += 1
    natural = end
    while natural < len(doc) and not _stops(doc, natural) and not joint(natural) and natural - start < max_words + 4:
        natural += 1
    if natural == len(doc) or _stops(doc, natural) or joint(natural):
        end = natural  # the clause ends a few words past the limit: keep it whole
    extended = [doc[i] for i in range(start, end)]
    if end < len(doc) and not _stops(doc, end) and not joint(end) and doc[end].tag_ not in {"IN", "TO", "CC"}:
        # Stopped by the word limit, not by the clause: end before the last phrase that was
        # cut short ("…within two years without leaving" loses "without leaving").
        joints = [n for n in range(len(tokens), len(extended)) if extended[n].tag_ in {"IN", "TO", "CC"}]
        extended = extended[: joints[-1]] if joints else list(tokens)
    return text_of(_trim_end(extended) if len(extended) > len(tokens) else tokens)


_KNOWING = frozenset({"know", "see", "decide", "ask", "wonder", "check", "tell", "out", "sure", "clear", "unsure"})


def _inside_whether(doc: Doc, start: int, i: int) -> bool:
    """"knowing if i actually apply or not", "whether I say yes or no to my VP": the "if" that
    opens what they want to know, and the "or" inside it, do not end the phrase."""
    word = doc[i].lower_
    if word == "if":
        return i > start and doc[i - 1].lemma_.lower() in _KNOWING
    return word == "or" and any(doc[k].lower_ in {"whether", "if"} for k in range(start, i))


def _stops(doc: Doc, i: int) -> bool:
    """Punctuation that ends a phrase: not the hyphen inside "high-voltage" or "co-leading"."""
    t = doc[i]
    return t.is_punct and not (t.text in {"-", "–"} and i > 0 and not doc[i - 1].whitespace_ and not t.whitespace_)


def commitment_span(text: str) -> str:
    """The action in an owned intention ("email the ops director on Friday")."""
    found = commitment_spans(text)
    return found[0] if found else ""


def commitment_spans(text: str) -> list[str]:
    """Every action the protégé says they will take, in order: "I'll read the doc the day
    before and leave two comments" is two commitments, and the next check-in asks about
    each. A joined verb under a negation ("…and I won't quit") is not one."""
    doc = parse(text)
    found: list[str] = []
    for verb in _my_verbs(doc):
        # "what I intend to discuss" names a thing; it is no decision taken.
        in_what = any(c.tag_ in {"WP", "WDT"} for c in verb.children) or verb.dep_ in {"pcomp", "relcl", "csubj"}
        decided = verb.lemma_ in _DECIDED and verb.tag_ in {"VBD", "VBN", "VBP", "VBZ"} and not negated(verb) \
            and not in_what
        future = any(c.lower_ in _FUTURE_AUX for c in verb.children) or (
            verb.lemma_ == "go" and verb.tag_ == "VBG"
        ) or planned_progressive(verb, text) or decided
        if not future or negated(verb) or reported_by_other(verb):
            continue
        if (verb.lemma_ == "go" and verb.tag_ == "VBG") or decided:
            verb = next((c for c in verb.children if c.dep_ == "xcomp"), verb)  # "going to / decided to ask her"
            if decided and verb.lemma_ in _DECIDED:
                continue  # "I've decided" and nothing decided
        action = _action(verb)
        if re.match(r"(?i)do what\b", action) and (pseudo := _WHAT_I_DO.search(text)):
            action = _cut_words(pseudo.group(1), 12)  # "what I'll do is email her": the step is "email her"
        found.append(action)
        for joined in verb.children:
            own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in joined.children)
            if joined.dep_ == "conj" and joined.pos_ == "VERB" and not negated(joined) and not own_subject:
                found.append(_action(joined))
    found = [f for f in dict.fromkeys(found) if len(f.split()) >= 2]
    if found:
        return found
    # The parser missed it ("ill ask kerry…", lower case, no apostrophe): the words after it.
    spans = [_cut_words(_LEAD_WORDS.sub("", m.group(1)), 12) for m in _INTENT.finditer(text)
             if not re.match(r"(?:not|never|n't)\b", m.group(1), re.I)]  # "I will not email him" is a refusal
    return [s for s in dict.fromkeys(spans) if len(s.split()) >= 2]


_WHAT_I_DO = re.compile(r"(?i)\bwhat i(?:'ll| will| am going to| plan to) do (?:first )?is (?:to )?([^.!?;]+)")
_INTENT = re.compile(r"\b(?:i'?ll|i will|gonna|going to|i'?m going to|(?:my |the )?plan is to|"
                     r"i'?ve decided to|i have decided to)\s+([^.!?,;]+)", re.I)
#: "I've decided to draft the list this weekend": a decision taken is an intention.
_DECIDED = frozenset({"decide", "resolve", "promise", "commit", "intend", "plan"})
_JOINED_STUB = re.compile(r",?\s+(?:and|or|but|then)\s+\w+$", re.I)


def _action(verb: Token) -> str:
    """The verb's phrase; an object said first comes back after the verb ("the cover list
    I'll start this weekend" → "start the cover list this weekend"), and a joined verb the
    parse left hanging at the end ("…, and ask") goes."""
    said = text_of(clause_tokens(verb, 12, subclauses=True, own_subject=False))
    fronted = [c for c in verb.children if c.dep_ == "dobj" and c.i < verb.i]
    if fronted and said.lower().startswith(verb.text.lower()):
        obj = text_of(list(fronted[0].subtree))
        said = f"{said[: len(verb.text)]} {obj}{said[len(verb.text):]}"
    if verb.tag_ == "VBG" and said.startswith(verb.text):
        # "I'm messaging Marcus tonight": message Marcus tonight
        said = base_form(verb.text, verb.lemma_) + said[len(verb.text):]
    return _JOINED_STUB.sub("", said).strip()


#: Words a phrase cut short must not end on ("…without checking with").
_DANGLING_END = frozenset({
    "a", "an", "the", "my", "your", "their", "our", "and", "or", "but", "to", "of", "in", "on", "at", "by", "for",
    "with", "from", "about", "as", "that", "which", "who", "if", "when", "because", "no", "without",
})


def _cut_words(text: str, max_words: int) -> str:
    words = text.split()
    if len(words) <= max_words:
        return " ".join(words)
    words = words[:max_words]
    while len(words) > 2 and words[-1].lower() in _DANGLING_END:
        words.pop()
    return " ".join(words)


def option_span(text: str) -> str:
    doc = parse(text)
    for verb in _my_verbs(doc):
        if any(c.lower_ in _TENTATIVE for c in verb.children) and not negated(verb):
            return text_of(clause_tokens(verb, 10))
    # "or is that too big lol" asks something; it names no option.
    m = re.search(r"\b(?:maybe|perhaps|or)\s+(?!(?:is|are|was|am|do|does|did|can|could|should|would|will)\s+"
                  r"(?:that|this|it|i|you|he|she|they|we)\b)(?:i\s+(?:could|might|can)\s+)?([^.!?,;]+)", text, re.I)
    if m is None or _WHEN_ONLY.fullmatch(m.group(1).strip()):
        return ""  # "that's doable. maybe thurs": when, not another way forward (blind review 18)
    return _cut_words(m.group(1), 10)


#: A time said alone: "thurs", "tomorrow", "next week", "after lunch".
_WHEN_ONLY = re.compile(r"(?i)(?:on\s+|by\s+|this\s+|next\s+)?(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
                        r"(?:day|nesday|sday|urday)?|(?:today|tonight|tomorrow|tmrw|tmr|later|soon|this week|next week|"
                        r"this weekend|next month|after lunch|in the morning|after work)")


def feeling_words(text: str) -> list[str]:
    """Feeling words the protégé says of themselves ("I get nervous", "so frustrated"), not
    of others ("how she presents when she is nervous")."""
    doc = parse(text)
    found = []
    for t in doc:
        w = t.lower_
        holder = subject(t.head) if t.head.i != t.i else None
        if holder is not None and not is_first_person(holder) and holder.lower_ not in {"it", "this", "that"}:
            continue
        if t.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"dobj", "obj"} and c.lower_ not in {"me", "us", "myself"}
                                             for c in t.children):
            continue  # "we lost our biggest customer", "it hurt my back": an act, not a feeling
        if w in FEELING_WORDS and not negated(t.head) and not any(c.dep_ == "neg" for c in t.children):
            prev = doc[t.i - 1].lower_ if t.i else ""
            before = " ".join(x.lower_ for x in doc[max(0, t.i - 5): t.i])
            if prev in {"not", "n't", "never", "look", "looking", "looks", "seem", "seeming", "sound", "sounding",
                        "appear", "appearing"} or re.search(
                        r"\b(?:look|looks|looking|seem|seems|seeming|sound|sounds|appear|appears)\b(?: \w+)* like\b|"
                        r"\b(?:across|off|seen|come|comes|coming) as\b|\bseen as being\b|\bwithout being\b", before):
                continue  # "without looking impatient", "come across as proud": how they'd come across
            wider = " ".join(x.lower_ for x in doc[max(0, t.i - 8): t.i])
            if re.search(r"\b(?:them|him|her|they|people|others|everyone|anyone|nobody|colleagues)\s+"
                         r"(?:feel|feels|feeling|think|thinks|thinking|say|saying|see|seeing)\b", wider):
                continue  # "without them feeling that I have become proud": how others would see it
            found.append("burnt out" if w in {"burnt", "burned"} else w)
    return list(dict.fromkeys(found))


#: Verbs that ask something of someone by themselves ("she wants me to…", "he expects me to…").
_ASKING_VERBS = frozenset({"want", "like", "expect", "push", "insist", "encourage", "recommend", "suggest", "keep"})


def _about_them(comp: Token, verb: str) -> bool:
    """A reported clause asks something of the protégé ("wants me to lead it", "says I
    should apply", "told me to speak up"), not news ("told me it's opening in March")."""
    who = subject(comp)
    if comp.dep_ == "xcomp" or (verb in _ASKING_VERBS and (who is None or is_first_person(who))):
        return True
    deontic = any(c.lower_ in {"should", "must", "need", "needs", "ought", "have", "has", "'ve", "got", "gotta"}
                  or c.lemma_ in {"need", "have"} for c in comp.subtree if c.i <= comp.i)
    return who is not None and (is_first_person(who) or who.lower_ == "you") and (deontic or comp.lemma_ == "need")


def demand_span(text: str) -> tuple[str, str]:
    """(who, what they want) when someone else's demand is reported: ("my manager", "I
    speak up more")."""
    doc = parse(text)
    for token in doc:
        if token.pos_ not in {"VERB", "AUX"} or token.lemma_.lower() not in {
            "say", "tell", "want", "think", "expect", "keep", "push", "insist", "suggest", "feel",
            "believe", "recommend", "encourage", "reckon", "mention"}:
            continue
        speaker = subject(token)
        if speaker is None or is_first_person(speaker) or speaker.lower_ in {
                "you", "it", "that", "this", "nobody", "noone", "none", "everyone", "everybody", "anyone"}:
            # "nobody wants to discuss succession" asks nothing of them.
            continue
        comp = next((c for c in token.children if c.dep_ in {"ccomp", "xcomp"}), None)
        if comp is None or not _about_them(comp, token.lemma_.lower()):
            continue
        if token.lemma_.lower() == "keep" and comp.lemma_.lower() not in _KEEPS_ASKING:
            continue  # "Study time keeps getting eaten…" reports nobody's demand; "she keeps saying…" does
        who = text_of(_cut(list(speaker.subtree), 5))
        what = text_of(_cut([t for t in comp.subtree if not t.is_punct or t.i < comp.right_edge.i], 10))
        return who, what
    m = _REPORTED.search(text)
    if m and _ASKS_OF_THEM.match(m.group("what")):
        # The small parser misreads some of these ("says I need to speak up more in planning").
        return m.group("who").strip(), " ".join(m.group("what").split()[:10]).strip(" ,.;")
    return "", ""


_KEEPS_ASKING = frozenset({"say", "tell", "ask", "push", "insist", "suggest", "nag", "mention", "remind", "hint",
                           "pressure", "bring"})
#: What a report asks of the protégé, as the regex fallback sees it: "(me) to …", "I should/need to …".
_ASKS_OF_THEM = re.compile(r"(?i)(?:me\s+)?to\s|(?:i|you)\s+(?:\w+\s+)?(?:should|must|need|needs|have to|has to|"
                           r"ought|got to|gotta|'d better|had better)\b|(?:i|you)'(?:ve|d) (?:got to|better)\b")
_REPORTED = re.compile(
    r"\b(?P<who>(?:my|our|the|his|her)\s+(?:[a-z-]+\s+){0,2}?(?:manager|boss|lead|supervisor|director|mentor|"
    r"mum|mom|dad|father|mother|parents|team|chef|principal|advisor|adviser|professor|teacher|hr|ceo|cto|vp|"
    r"head|partner|colleagues?|client))\s+(?:says?|said|thinks?|wants?|told me|tells me|keeps? (?:saying|telling me)|"
    r"expects?|feels?|insists?)\s+(?:that\s+)?(?P<what>[^.!?;]+)",
    re.I,
)


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in parse(text).sents if s.text.strip()]


def _whole_words(tokens: list[Token]) -> list[Token]:
    """The tokens, with a word the parser split at a hyphen made whole again ("Co-supervision"
    is read as "Co", "-", "supervision")."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    while tokens[-1].i + 2 < len(doc) and doc[tokens[-1].i + 1].text in {"-", "–"} and not tokens[-1].whitespace_ \
            and not doc[tokens[-1].i + 1].whitespace_:
        tokens = [*tokens, doc[tokens[-1].i + 1], doc[tokens[-1].i + 2]]
    return tokens


def main_clause(text: str, max_words: int = 9) -> str:
    """The first sentence's main clause with its subject, for situation, obstacle and
    success reflections ("the new director cancels our one-on-ones")."""
    doc = parse(text)
    sent = next(iter(doc.sents), None)
    if sent is None:
        return ""
    root = sent.root
    subj = subject(root)
    toks = list(clause_tokens(root, max_words, subclauses=True))
    if subj is not None:
        lead = _whole_words([t for t in subj.subtree])
        between = [doc[i] for i in range(lead[-1].i + 1, root.i) if doc[i].dep_ in {"aux", "neg", "auxpass", "advmod"}]
        toks = _cut(lead, 6) + between + toks
        toks = sorted({t.i: t for t in toks}.values(), key=lambda t: t.i)
    for n in range(1, len(toks)):
        if toks[n].i != toks[n - 1].i + 1 and n >= 3:
            toks = toks[:n]  # a clause with a gap in it reads as garbled: keep the first stretch
            break
    found = text_of(_trim_end(toks))
    if len(found.split()) < 3:  # a parse that lost the clause: the sentence's opening words
        found = text_of(_cut([t for t in sent], max_words))
    return re.sub(r"\s+(?:and|but|or|so)(?:\s+\w+)?$", "", found) if found.count(" ") > 3 else found


def cuts_whole(text: str, max_words: int = 8) -> bool:
    """Whether `shorten` can cut the text to `max_words` without leaving a word hanging."""
    if len(text.split()) <= max_words:
        return True
    return _whole(_cut(list(parse(text)), max_words))


def shorten(text: str, max_words: int = 8) -> str:
    """A phrase cut to `max_words` at a natural joint (before a clause, preposition or
    conjunction), so what is said back is never a whole sentence of theirs."""
    if len(text.split()) <= max_words:
        return text
    return text_of(_cut(list(parse(text)), max_words))
