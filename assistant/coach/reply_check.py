"""What a language model's reply must not carry to the protégé, besides direction.

The guard (coach/turn.py) asks the coder whether a reply tells the protégé what to do;
this module asks the other questions a program needs answered before anything a model
wrote is shown:

- **secrets**: API keys, tokens, passwords, connection strings, private keys, or the
  coach's own instructions quoted back;


- **other people**: the names of other people in the program (a protégé's words are
  theirs; a reply to Ana never mentions what Priya is working on), or talk of what
  "someone in your cohort" said;


- **markup**: replies are plain text; HTML, Markdown links and images, raw URLs,
  headings and code fences are refused rather than rendered or cleaned;


- **advice in forms the coder misses**: endorsements ("clearly the smarter move"),
  recommendations dressed as options ("one option many protégés find useful is…"),
  appeals to authority ("the research says X works best"), "if I were you", "have you
  tried…?".


Each finding is a short code ("secret:api-key", "markup:html"), never the reply's words,
so logs carry no one's text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import jellyfish

from assistant.coding.coder import split_sentences
from assistant.data import Patterns
from assistant.language.copying import longest_copied_run
from assistant.language.parse import content_lemmas

RX = Patterns("reply_checks.yaml")

#: The coach's instructions: a reply repeating this many of their words in a row quotes them.
INSTRUCTION_RUN = 9


def without_reported_speech(text: str) -> str:
    """The reply with quotations and other people's "you should…" masked ("People keep telling
    you that you should be grateful"): those are hers to hear reflected. The coach's own
    ("I think you should…", "we feel you must…") is kept, to be judged as advice."""

    def mask(m: re.Match[str]) -> str:
        lead = text[max(0, m.start() - 24):m.start()]
        own = r"\b(?:I|I'd|I'm|I've|we|we'd)\b(?:\s+\w+){0,3}\s*$|\b(?:don't|do|wouldn't|won't|shouldn't) you\s*$"
        if re.search(own, lead, re.I) and m.group(0)[:1] not in "“\"‘":
            return m.group(0)
        return "“…”"

    return RX.quoted.sub(mask, text)


#: What a coach may invite with an imperative: to say more, to picture, to think back.
_INVITATIONS = {"imagine", "picture", "help", "let", "think", "notice", "bear", "go", "take", "pick", "name", "feel",
                "remind", "correct"}
#: Invitations only when the coach is the one to be told: "tell me more", not "tell them".
_INVITE_TO_SPEAK = {"tell", "say", "walk", "describe", "share", "give", "talk"}
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")


def _her_own_record(claim: str, said: str) -> bool:
    """"your notes say…" reflects a protégé who spoke of "my notes"; anything else is a record
    the coach would be revealing (or inventing)."""
    noun = re.search(r"\b(files?|records?|notes|profile|dossier|history|log)\b", claim, re.I)
    if noun is None:
        return False
    return re.search(rf"\bmy (?:[\w-]+ )?{noun.group(1).lower().rstrip('s')}s?\b", said) is not None


def imperative_sentences(reply: str) -> list[str]:
    """Sentences that tell the protégé to do something: they open with a bare verb ("Save
    the password in…", "Apply for the post") and are not questions. Invitations to speak
    or reflect ("Tell me more", "Picture the panel") are what coaching sounds like."""
    from assistant.language.parse import parse

    found = []
    for sent in parse(reply[:2000]).sents:
        if sent.text.rstrip().endswith("?"):
            # A question may carry an instruction before it ("Rewrite the slide; what else…?").
            cut = [t.i for t in sent if t.text in (";", ":")]
            if not cut:
                continue
            sent = sent.doc[sent.start:cut[-1]]
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if not words:
            continue
        # A clause opens at the sentence start, after a short lead-in and its comma ("Next
        # time, …"), or after "so" / "then" / a semicolon ("…, so be ready with a plan B").
        for i, verb in enumerate(sent):
            before = [t for t in sent[:i] if not t.is_space]
            opens = (not before or before[-1].lower_ in (";", ":", "so", "then")
                     or (before[-1].lower_ == "," and len(before) <= 4)
                     or (before[-1].lower_ in ("just", "simply", "honestly", "now") and len(before) <= 5))
            if not opens or verb.tag_ != "VB" or verb.is_space:
                continue
            after = verb.nbor() if verb.i + 1 < len(verb.doc) else None
            if after is not None and after.lower_ in (",", "or", "and", "/"):
                continue  # a list of her own options ("Stay, transfer, or leave: …")
            lemma = verb.lemma_.lower()
            if lemma in _INVITATIONS or (lemma in _INVITE_TO_SPEAK and after is not None
                                         and after.lower_ in ("me", "us", "more", "a", "an", "what", "how")):
                continue
            if any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head == verb for t in sent):
                continue
            if any(t.lower_ == "or" for t in verb.subtree) or any(t.lower_ == "or" and t.head.head == verb
                                                                  for t in sent):
                continue  # her options, side by side ("Stay at Lincoln, move up, or …")
            found.append(sent.text.strip())
            break
    return found


@dataclass(frozen=True)
class Roster:
    """The people in the program a reply to this protégé must not name: everyone except
    the protégé and their mentor. Names are user names and display names."""

    others: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    _patterns: tuple[re.Pattern[str], ...] = field(default=(), init=False, repr=False, compare=False)
    _fuzzy: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)
    _sounds: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        allowed = {_fold(w) for name in self.allowed for w in _name_words(name)} | {_fold(n) for n in self.allowed}
        patterns: list[re.Pattern[str]] = []
        for name in self.others:
            whole = _fold(name.strip())
            if whole and whole not in allowed:
                # The full name or user name anywhere, in any case ("grace.h", "Priya Raman").
                patterns.append(re.compile(rf"(?<![\w.-]){re.escape(whole)}(?![\w@-])", re.I))
            words = _name_words(name)
            if len(words) >= 2 and not set(map(_fold, words)) & allowed:
                # Initials: "P.R.", "P. R." anywhere; bare "PR" only as a person ("PR's", "PR said").
                first, last = words[0][0].upper(), words[-1][0].upper()
                patterns.append(re.compile(rf"(?<![\w.]){first}\.\s?{last}\.(?!\w)"))
                patterns.append(re.compile(rf"(?<![\w.]){first}{last}(?:'s|’s|\s+(?:said|says|told|mentioned|asked))\b"))
            for word in words:
                folded = _fold(word)
                if folded in allowed or len(folded) < 3:
                    continue
                # A single name word only when written as a name: "Grace said", not "with grace".
                # Honorifics and hyphens around it still name the person ("Keiko-san", "Al-Sayed").
                patterns.append(re.compile(rf"(?<!\w){re.escape(folded.capitalize())}(?!\w)"))
        fuzzy = {_fold(w) for name in self.others for w in _name_words(name) if len(w) >= 5} - allowed
        object.__setattr__(self, "_patterns", tuple(patterns))
        object.__setattr__(self, "_fuzzy", frozenset(w.capitalize() for w in fuzzy))
        # A name that sounds like the protégé's or the mentor's ("Tobias" and "Dubois") is theirs.
        theirs = {jellyfish.metaphone(w) for w in allowed}
        object.__setattr__(self, "_sounds", frozenset(jellyfish.metaphone(w) for w in fuzzy) - theirs)

    def named_in(self, text: str) -> bool:
        folded = _fold(text)
        # Letters spaced or dashed out to dodge a filter ("P r i y a", "P-R-I-Y-A") are read joined up.
        folded = RX.spaced.sub(lambda m: re.sub(r"[ .\-]", "", m.group(0)).capitalize(), folded)
        # Also read with digits standing for letters ("T4r1q") and with joined-up words split
        # ("#TeamSunny"); each reading is matched on its own, so a real name is never bent.
        # A name broken over a line ("Beth-\nan") is joined up, and a ROT13'd one turned back.
        readings = {folded, RX.leet_word.sub(_unleet, folded), RX.joined.sub(" ", folded),
                    RX.broken.sub("", folded), codecs.encode(folded, "rot13"), folded[::-1]}
        return any(self._named(reading) for reading in readings)

    def _named(self, folded: str) -> bool:
        if any(p.search(folded) for p in self._patterns):
            return True
        # Capitalised words that do not open a sentence: names, as written.
        mid = RX.mid_sentence_word.findall(folded)
        longer = [word for word in mid if len(word) >= 4]
        # Spelt the way it sounds ("Yousef Demeer" for Yusuf Demir), written as a name
        # mid-sentence: the same Metaphone key as a name word of five letters or more.
        for word in longer:
            key = jellyfish.metaphone(word)
            if len(key) >= 3 and key in self._sounds:
                return True
        # Written without its vowels ("Tmsn" for Tamsin), or cut to its first three letters
        # ("Tam"), mid-sentence.
        for word in mid:
            low = word.casefold()
            if low in _NOT_SHORT_NAMES:
                continue
            if any(_skeleton(name) == low for name in self._fuzzy) and not re.search(r"[aeiouy]", low):
                return True
            if len(low) == 3 and any(name.casefold().startswith(low) for name in self._fuzzy):
                return True
        # One letter off a longer name, written as a name ("Dimitri" for Dmitri), or its first
        # four letters or more as a short form ("Rafa" for Rafael) mid-sentence. Even when
        # she wrote it herself: "rafa" may well be Rafael, and a name she raised is not
        # repeated (a colleague outside the program called Bethany costs a rephrasing;
        # Rafael's name in her chat would cost his privacy).
        words = RX.capitalised.findall(folded)
        if any(_one_edit(word, name) for word in words for name in self._fuzzy):
            return True
        return any(name.startswith(word) and len(name) - len(word) >= 2 for word in longer for name in self._fuzzy)


_LEET = str.maketrans("0123456789", "oizeasgtbg")

#: Three-letter words written capitalised mid-sentence that are not short names.
_NOT_SHORT_NAMES = frozenset({
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mon", "tue", "wed", "thu",
    "fri", "sat", "sun", "the", "and", "but", "for", "you", "her", "his", "its", "our", "who", "why", "how",
    "yes", "not", "can", "may",
})


def _skeleton(name: str) -> str:
    return re.sub(r"[aeiouy]", "", name.casefold())


def _unleet(match: re.Match[str]) -> str:
    # Read as a name: "0l3k" is "Olek" (single name words are only matched capitalised).
    return match.group(0).translate(_LEET).capitalize()


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by at most one inserted, deleted or changed letter (and a != b)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _fold(text: str) -> str:
    """Accents off ("Tomás" is "Tomas"), case kept: names are matched either way."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _name_words(name: str) -> list[str]:
    return [w for w in re.split(r"[^\w]+|[\d_]+", name) if w.isalpha()]


@dataclass(frozen=True)
class ReplyChecks:
    """Built once per service: the secrets and instructions this deployment must never say."""

    secrets: tuple[str, ...] = ()  # literal values: the API key, the database password
    instructions: tuple[str, ...] = ()  # the coach's prompt texts
    knowledge_dir: str = ""  # its question bank's lemmas are words any coaching reply may use

    def problems(self, reply: str, roster: Roster | None = None, expects_question: bool = False,
                 tail_ok: bool = False, context: Sequence[str] = ()) -> list[str]:
        """Codes of everything wrong with this reply besides direction; empty when clean.

        expects_question: the engine's planned move asks the protégé something (it
        reflects and asks; that is what the model was told to phrase). A reply without a
        question, or with a statement after its question, has stopped asking and started
        telling: this is what catches advice in wordings no list foresees. tail_ok: the
        planned move itself goes on after its question (a hint in brackets). context:
        what the reply may draw on (the protégé's messages, the planned move, their slots);
        a reply that brings in many words from none of it, nor from ordinary coaching
        language, is saying something of its own (a note, a key, a plan, someone else).
        """
        said = " ".join(context).casefold()
        # Before anything is normalised: characters a plain-text reply has no use for.
        odd = _odd_characters(reply, said)
        # Fullwidth and other compatibility forms ("＜i＞") read as what they look like.
        reply = unicodedata.normalize("NFKC", reply)
        # Zero-width characters split words for the eye of a pattern, not of a reader ("h​ttps").
        reply = _INVISIBLE.sub("", reply)
        found: list[str] = [f"markup:character:{kind}" for kind in odd]
        if expects_question:
            found += [f"shape:{code}" for code in _shape(reply, tail_ok)]
        found += [f"secret:{code}" for code in self.secret_codes(reply)]
        if roster is not None and roster.named_in(reply):
            found.append("other-person:named")
        participant = RX.other_participant.search(reply)
        # "the other mentees" reflected back to a protégé who brought them up is hers to say.
        if participant and re.search(r"\b(?:mentees?|protégés?|proteges?|participants?|cohort)\b", said):
            participant = None
        if RX.others_talk.search(reply) or participant:
            found.append("other-person:talk")
        if RX.meta.search(reply):
            found.append("secret:instructions")
        found += [f"markup:{code}" for code in _codes(RX.table('markup'), reply)]
        unquoted = without_reported_speech(reply)
        found += [f"advice:{code}" for code in _codes(RX.table('advice'), unquoted)]
        if RX.sides_with.search(unquoted):
            found.append("advice:sides-with")
        if RX.judges.search(unquoted):
            found.append("advice:judges")
        if _decides_for_her(unquoted, said):
            found.append("advice:decides-for-her")
        # Strict on purpose: even her own report of what someone said is better reflected
        # without the relay ("you heard that you undersell yourself") than with it.
        if RX.relayed.search(reply):
            found.append("other-person:relayed")
        if imperative_sentences(unquoted):
            found.append("advice:imperative")
        record = RX.records.search(reply)
        if record and not _her_own_record(record.group(0), said):
            found.append("secret:records")
        if context:
            if _english(reply) is False:
                # These checks read English only: a reply in another language cannot be
                # vouched for, so it is not shown (the built-in coach, English too, answers).
                found.append("language:unchecked")
            vocabulary = coaching_vocabulary(self.knowledge_dir) if self.knowledge_dir else frozenset()
            if len(novel_words(reply, context, vocabulary)) >= NOVEL_LIMIT:
                found.append("grounding:novel")
            found += [f"secret:{code}" for code in _ungrounded_tokens(reply, context)]
        return found

    def secret_codes(self, reply: str) -> list[str]:
        codes = _codes(RX.table('secrets'), reply)
        if RX.opaque.search(reply):
            codes.append("opaque-token")
        if any(s and len(s) >= 6 and s in reply for s in self.secrets):
            codes.append("configured-secret")
        if self.instructions and longest_copied_run(reply, self.instructions)[0] >= INSTRUCTION_RUN:
            codes.append("instructions")
        return sorted(set(codes))


#: Content words a reply may bring in that appear nowhere in its context or the coaching
#: vocabulary. Clean blind replies bring at most 3 (written by helpers, hostile-A..C);
#: the limit leaves room for a longer, freer paraphrase.
NOVEL_LIMIT = 5
#: English prose is 40-55% stop words; below this share a reply is in another language.
ENGLISH_STOP_SHARE = 0.25


def _decides_for_her(reply: str, said: str) -> bool:
    """A decision or an action put in her mouth when she has stated none herself."""
    if RX.own_intent.search(said):
        return False
    statements = [s for s in split_sentences(reply) if not s.rstrip().endswith("?")]
    return any(RX.her_decision.search(s) for s in statements)


def _odd_characters(reply: str, said: str) -> list[str]:
    """The kinds of character in the reply that plain English text has no use for and the
    protégé did not write herself: letters of other scripts ("佐藤", a Cyrillic "а" inside a
    Latin name), invisible and tag characters that smuggle text, look-alike punctuation
    ("。" for a dot), letters dressed as symbols ("🇴 🇱"). An allow-list, not a list of
    tricks: each blind set of hostile replies brought tricks no earlier one had."""
    theirs = set(said)
    kinds = set()
    for c in reply:
        if c.isascii() or c.casefold() in theirs or _plain(c):
            continue
        kinds.add("letter" if c.isalpha() else "format" if unicodedata.category(c) in {"Cf", "Co", "Cn"} else "symbol")
    return sorted(kinds)


def _plain(c: str) -> bool:
    """A character of ordinary English prose, its typography, or an emoji."""
    code = ord(c)
    category = unicodedata.category(c)
    if category.startswith("L"):  # Latin letters with their accents ("Zoltán", "Łukasz", "Nguyễn")
        return code <= 0x24F or 0x1E00 <= code <= 0x1EFF
    if 0x1F1E6 <= code <= 0x1F1FF:
        return False  # regional indicators spell letters ("🇴🇱🇪🇰")
    return (0xA0 <= code <= 0xFF  # Latin-1 punctuation and signs: £ ° ½ × ·
            or 0x300 <= code <= 0x36F  # combining accents
            or c in "\u2009\u200a\u202f\u200d\ufe0f\u20e3"  # thin spaces, emoji joiner and selectors
            or 0x2010 <= code <= 0x2027  # dashes, curly quotes, bullets, ellipsis
            or 0x2030 <= code <= 0x205E  # per mille, primes, ‹ ›
            or 0x20A0 <= code <= 0x20CF  # currency: € ₹ ₦
            or 0x2100 <= code <= 0x21FF  # ™ ℃ № and arrows
            or 0x2200 <= code <= 0x22FF  # ≤ ≥ ≈ ±
            or 0x2300 <= code <= 0x27BF  # ⌚ and dingbats: ✓ ☺ ❤ ★
            or 0x2B00 <= code <= 0x2BFF  # ⭐ ⬆
            or 0x1F000 <= code <= 0x1FAFF)  # emoji


def _english(text: str) -> bool | None:
    """True or False by the share of English stop words; None when too short to tell."""
    from assistant.language.parse import parse

    tokens = [t for t in parse(text[:2000]) if t.is_alpha]
    if len(tokens) < 6:
        return None
    return sum(t.is_stop for t in tokens) / len(tokens) >= ENGLISH_STOP_SHARE


def novel_words(reply: str, context: Sequence[str], vocabulary: frozenset[str]) -> set[str]:
    """Content lemmas of the reply found in neither its context nor the vocabulary; empty
    for a reply that isn't English, since the measure rests on an English stop list."""
    from assistant.language.parse import parse

    tokens = [t for t in parse(reply[:2000]) if t.is_alpha]
    if tokens and sum(t.is_stop for t in tokens) / len(tokens) < ENGLISH_STOP_SHARE:
        return set()
    known = set(vocabulary)
    for text in context[-20:]:
        known |= content_lemmas(text)
    return set(content_lemmas(reply)) - known


@lru_cache(maxsize=4)
def coaching_vocabulary(knowledge_dir: str) -> frozenset[str]:
    """The lemmas of the program's question bank: the ordinary words of coaching questions.
    Parsed once, on the first model reply the guard reads (the offline coach never needs it)."""
    from pathlib import Path

    path = Path(knowledge_dir) / "questions.yaml"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    words: set[str] = set()
    for line in lines:
        words |= content_lemmas(line)
    return frozenset(words)


def _ungrounded_tokens(reply: str, context: Sequence[str]) -> list[str]:
    """A password, code or key in any language looks the same: a word mixing letters and
    digits ("Lisboa_88", "cal-9f3e2b71"), or a run of six digits. One that appears nowhere
    in the conversation came from somewhere else."""
    said = " ".join(context).casefold()
    codes = []
    for token in RX.mixed.findall(reply):
        if not RX.harmless.match(token) and token.casefold() not in said:
            codes.append("opaque-token")
            break
    for run in RX.digits.findall(reply):
        digits = re.sub(r"\D", "", run)
        if digits not in re.sub(r"\D", "", said) and not re.fullmatch(r"(?:19|20)\d\d", digits):
            codes.append("code")
            break
    return codes


def _shape(reply: str, tail_ok: bool) -> list[str]:
    text = reply.strip().replace("؟", "?").replace("¿", "")  # Arabic and Spanish question marks
    if "?" not in text:
        return ["no-question"]
    if tail_ok:
        return []
    tail = text[text.rfind("?") + 1 :].strip(" \t\n\"'”’)")
    if len(re.findall(r"[A-Za-z]+", tail)) >= 3:
        return ["statement-after-question"]
    return []


def _codes(patterns: Iterable[tuple[str, re.Pattern[str]]], text: str) -> list[str]:
    seen: list[str] = []
    for code, pattern in patterns:
        if code not in seen and pattern.search(text):
            seen.append(code)
    return seen


def instruction_texts(prompts_dir: object, names: Sequence[str] = ("system", "realize_move")) -> tuple[str, ...]:
    """The prompt files whose wording a reply must not quote back."""
    from pathlib import Path

    texts = []
    for name in names:
        path = Path(str(prompts_dir)) / f"{name}.md"
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except OSError:
            continue
    return tuple(texts)
