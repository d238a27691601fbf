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
from assistant.language.copying import longest_copied_run
from assistant.language.parse import content_lemmas

# -- secrets ---------------------------------------------------------------------------
_SECRETS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("api-key", re.compile(r"\b(?:sk|pk|rk)-(?:live-|test-|proj-|ant-)?[A-Za-z0-9_\-]{12,}")),
    ("api-key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{12,}\b")),
    ("api-key", re.compile(r"\b(?:ghp|gho|ghu|ghs|ghr|github_pat|glpat|xox[abprs]|hf|AIza)[_-][A-Za-z0-9_\-]{10,}")),
    ("api-key", re.compile(r"\bSG\.[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}")),
    ("api-key", re.compile(r"\bAC[0-9a-f]{32}\b")),
    ("token", re.compile(r"\b(?:Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=\-]{12,}")),
    ("token", re.compile(r"\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}")),  # a JWT
    ("private-key", re.compile(r"-----BEGIN [A-Z ]*(?:PRIVATE KEY|CERTIFICATE)[A-Z ]*-----")),
    ("connection", re.compile(r"\b[a-z][a-z0-9+.\-]{1,20}://[^\s:/@]+:[^\s@/]+@", re.I)),
    ("env", re.compile(
        r"\b[A-Z][A-Z0-9]*_(?:[A-Z0-9]+_)*(?:KEY|TOKEN|SECRET|PASSWORD|PASS|PWD|DSN|URL|ID)\s*[=:]\s*\S+")),
    ("password", re.compile(
        r"\b(?:admin|root|database|db|staff|service|account|master|default|wifi|the)\s+"
        r"(?:password|passcode|passphrase|pin)\s+(?:is|was|=|:)\s*\S+", re.I)),
    ("password", re.compile(r"\b(?:password|passwd|pwd|secret|api[_ ]?key)\s*[=:]\s*\S{4,}", re.I)),
    # A credential-looking word (letters and digits, 6+ characters) right after "password" or "login".
    ("password", re.compile(
        r"\b(?:password|passcode|passphrase|login|log-in|credentials?|pin)\b[^\n?]{0,40}?"
        r"(?<![\w#])(?=[^\s]*\d)(?=[^\s]*[A-Za-z])[^\s,;]{6,}", re.I)),
    ("token", re.compile(
        r"\b(?:key|token|secret|credential)s?\b[^\n?]{0,30}?(?<![\w#])(?=\S*\d)(?=\S*[A-Za-z])[\w.\-/+=]{10,}",
        re.I)),
    ("env", re.compile(r"\b\w*(?:secret|token|api_?key|passw(?:or)?d|pwd|auth)\w*\s*[=:]\s*\S{6,}", re.I)),
    # A coaching reply never assigns values: "sid=a81f…", "retain_transcripts=true".
    ("config", re.compile(r"\b[A-Za-z][\w.\-]{1,30}\s?=\s?[\w\"'.:/\-]{2,}")),
    ("code", re.compile(r"\b(?:code|pin|otp|passcode|backup)s?\b[^\n?]{0,30}?\b\d{4,}\b", re.I)),
    ("instructions", re.compile(
        r"\b(?:my|the)\s+(?:full\s+|whole\s+|entire\s+|exact\s+)?(?:instruction\s+(?:block|set)|rules? I follow)|"
        r"\bdo not reveal (?:these|the|my) (?:rules|instructions)\b|"
        r"\b(?:my|the)\s+(?:system\s+prompt|(?:internal|hidden|secret|original)\s+(?:instructions|prompt|rules)|"
        r"instructions\s+(?:\w+\s+)?(?:say|says|tell|are)|prompt\s+(?:\w+\s+)?(?:says|tells))|\bsystem\s+prompt\b|"
        r"\b(?:I'm|I am|I was|I've been)\s+(?:told|instructed|programmed|configured)\s+(?:internally\s+)?to\b|"
        r"\binternally\s+I'm\s+told\b", re.I)),
    # Talk about the machinery itself: a coach's reply never needs it.
    ("instructions", re.compile(
        r"\b(?:the|my) guard\b|\bpolicy pack\b|\bmoderation (?:key|model|filter|layer)\b|"
        r"\b(?:internal|operator|operators|developer|admin|system) (?:note|message|config(?:uration)?|flag)s?\b|"
        r"\bdo not show (?:the )?user\b|\bmy (?:filters?|config(?:uration)?|guardrails?|rules)\b|"
        r"\b(?:temperature|top_p|max_tokens)\s*[=:]|"
        # What the model was told or keeps about the protégé is not the protégé's to hear from it.
        r"\b(?:I'm|I am) (?:supposed|meant|required|told|asked) to\b|\binstructions (?:to|for) me\b|"
        r"\b(?:my|private|internal|session|the coordinator's|the program's) notes\b|\bnotes (?:on|about) you\b|"
        r"\bI(?:'ve| have) (?:logged|recorded|flagged|noted down|reported)\b|\bfilter (?:that|which) checks\b",
        re.I)),
)
#: A long random-looking string (letters and digits mixed, no spaces) is treated as a token.
_OPAQUE = re.compile(r"(?<![\w/.])(?=[A-Za-z0-9_\-]*\d)(?=[A-Za-z0-9_\-]*[A-Za-z])[A-Za-z0-9_\-]{32,}(?![\w/])")
#: The coach's instructions: a reply repeating this many of their words in a row quotes them.
INSTRUCTION_RUN = 9

# -- markup ---------------------------------------------------------------------------------
_MARKUP: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("html", re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?\s*>")),
    ("html", re.compile(r"<!--|-->|<!\[CDATA\[|<\?")),
    ("latex", re.compile(r"\\[A-Za-z]{2,}\s*[{\[]")),
    ("entity", re.compile(r"&(?:#\d{2,6}|#x[0-9A-Fa-f]{2,6}|lt|gt|quot|apos|nbsp);")),
    ("image", re.compile(r"!\[[^\]]*\]\s*\(")),
    ("link", re.compile(r"\[[^\]\n]+\]\s*\(\s*[^)\s]+[^)]*\)")),
    ("link", re.compile(r"\[[^\]\n]+\]\s*\[[^\]\n]*\]|^\s*\[[^\]\n]+\]:\s*\S+", re.M)),
    ("url", re.compile(r"\b(?:https?|ftp|file|javascript|vbscript|data)\s*:", re.I)),
    # Any scheme at all ("ldap://", "smb://", "ssh://"): a reply has no reason to address a server.
    ("url", re.compile(r"\b[a-z][a-z0-9+.\-]{1,15}://", re.I)),
    # Template and lookup syntax ("${jndi:…}", "{{ user }}") is for a machine, never for a person.
    ("template", re.compile(r"\$\{|\{\{|\}\}|\{%|%\}")),
    ("url", re.compile(r"\bwww\.[a-z0-9\-]+\.[a-z]{2,}", re.I)),
    ("url", re.compile(r"\b[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,24}/[\w\-./%?=&#]+", re.I)),
    ("url", re.compile(r"\b[a-z0-9\-]+\.(?:com|net|org|io|ai|co|dev|app|ly|gl|me|xyz|info|biz)(?:/\S*)?\b", re.I)),
    ("heading", re.compile(r"^\s{0,3}#{1,6}\s+\S", re.M)),
    ("code", re.compile(r"```|~~~|^(?: {4}|\t)\S|`[^`\n]+`", re.M)),
    ("encoded", re.compile(r"%3[CcEe]|%2[Ff]|\\u00[23][0-9a-fA-F]|\\x3[ce]")),
    # Two percent-escaped bytes close together ("%C0%BC", "%e2%80%8b"): text made for a parser.
    ("encoded", re.compile(r"%[0-9A-Fa-f]{2}[^%\s]{0,24}%[0-9A-Fa-f]{2}")),
    # CSS escapes of angle brackets ("\3c script\3e") and Morse ("-.-. .... .-"): text for a decoder.
    ("encoded", re.compile(r"\\0{0,4}3[cCeE](?![0-9a-fA-F])")),
    ("encoded", re.compile(r"(?<![\w.\-])[.\-]{1,6}(?:[ /]+[.\-]{1,6}){5,}(?![\w.\-])")),
    ("autolink", re.compile(r"<[a-z]+:[^>\s]+>", re.I)),
    ("bbcode", re.compile(r"\[/?(?:b|i|u|s|url|img|quote|code|color|size|center|list|h\d)(?:=[^\]]*)?\]", re.I)),
    ("emphasis", re.compile(r"(\*\*|__|~~)\S(?:.*?\S)?\1|(?<![\w*])\*[A-Za-z][^*\n]{0,60}[A-Za-z.!?]\*(?![\w*])|"
                            r"(?<![\w_])_[A-Za-z][^_\n]{0,60}[A-Za-z]_(?![\w_])")),
    ("quote", re.compile(r"^\s{0,3}>\s?\S", re.M)),
    ("list", re.compile(r"^\s{0,3}(?:[*+\-•]|\d{1,2}[.)])\s+\S", re.M)),
    ("table", re.compile(r"^\s*\|.*\|\s*$", re.M)),
    ("heading", re.compile(r"^\s*(?:={3,}|-{3,})\s*$", re.M)),
    ("json", re.compile(r"^\s*[\[{]\s*[\"'{\[]")),
    ("url", re.compile(r"\w\s?(?:\[\.\]|\(\.\)|\{\.\})\s?\w|\b(?:dot|punto|point)\s+(?:com|org|net|io)\b", re.I)),
    ("email", re.compile(r"\b[\w.+\-]+@[\w\-]+\.[a-z]{2,}\b", re.I)),
)

# -- advice the coder's cues miss -----------------------------------------------------------
_ADVICE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("endorse", re.compile(
        r"\b(?:clearly|obviously|definitely|surely|honestly|frankly)\b[^.?!]{0,40}\b(?:better|best|smarter|right|"
    r"strongest|stronger|"
        r"wiser|way to go|the move|mistake|wrong|should|need|must|go with|pick|choose)\b", re.I)),
    ("endorse", re.compile(
        r"\b(?:the|your)\s+(?:first|second|third|last|other|latter|former|former one|\w+)\s+(?:option|choice|idea|"
        r"one|path|plan)\s+(?:sounds|seems|looks|is)\s+(?:much\s+|way\s+|far\s+|a lot\s+)?(?:better|best|stronger|"
        r"smarter|wiser|safer|more (?:realistic|sensible|promising))", re.I)),
    ("endorse", re.compile(r"\b(?:go with|go for|stick with|pick|choose)\s+(?:option|the|your|that|this|it)\b", re.I)),
    ("endorse", re.compile(r"\b(?:smarter|better|best|wiser|right)\s+(?:move|choice|call|bet|option|approach|path)\b",
                           re.I)),
    ("recommend", re.compile(
        r"\b(?:one|an?|another)\s+(?:option|approach|idea|thing|strategy|technique|tactic|trick|tip)\s+"
        r"(?:that\s+)?(?:many|most|some|lots of|a lot of|other|plenty of)\b[^.?!]{0,40}\b(?:find|found|use|"
        r"swear by|like|love|recommend)", re.I)),
    ("recommend", re.compile(
        r"\b(?:many|most|some|lots of|a lot of|plenty of)\s+(?:people|protégés|proteges|mentees|managers|folks|"
        r"others|leaders|professionals)\b[^.?!]{0,60}\b(?:find|found|would|usually|tend to|swear by|benefit|"
        r"have success|succeed|do well)", re.I)),
    ("recommend", re.compile(
        r"\b(?:I'd|I would|I)\s+(?:strongly\s+)?(?:recommend|suggest|advise|encourage|urge|propose)\b|"
        r"\b(?:suggest|recommend|advise|propose)\s+(?:that\s+)?you\b|"
        r"\bit (?:could|might|may|would|can)(?:\s+\w+){0,2}\s+be (?:helpful|useful|good|worth|wise|smart|best)\b|"
        r"\bmy\s+(?:advice|recommendation|suggestion|tip)\b", re.I)),
    ("recommend", re.compile(
        r"\b(?:a good|the best|a great|a smart|a useful|the right|an easy|a simple|a solid)\s+"
        r"(?:first\s+|next\s+)?(?:step|move|approach|way|place to start|starting point|idea|option|strategy|"
        r"bet|thing to do)\s+(?:would be|is|might be|could be|here is|here would be)\b", re.I)),
    ("authority", re.compile(
        r"\b(?:research|studies|the data|evidence|science|experts?|the literature|surveys?)\s+"
        r"(?:says?|shows?|suggests?|tells? us|is clear|agrees?|finds?|found|consistently)\b", re.I)),
    ("authority", re.compile(r"\b(?:works|work)\s+best\b|\bproven\s+(?:to|way|method|approach)\b", re.I)),
    ("if-i-were-you", re.compile(
        r"\bif I were (?:you|in your (?:shoes|position|place))\b|\bin your (?:shoes|position|place),? I\b|"
        r"\bwhat I (?:would|'d) do\b|\bI'd (?:go|start|ask|talk|tell|say|take|push|focus)\b|\bI'd just\s+\w+", re.I)),
    ("nudge", re.compile(
        r"\b(?:have you (?:tried|considered|thought about)|why not(?: just)?|why don't you|what if you just|"
        r"how about (?:you\s+)?(?:just\s+)?\w+ing|wouldn't it be (?:better|easier|wiser))\b", re.I)),
    ("nudge", re.compile(
        r"\bit would be (?:optimal|ideal|advisable|prudent|sensible|a good idea|smart|wise|best)\b|"
        r"\b(?:you(?:'ll| will) want to|you(?:'ll| will)? need to|"
        r"you (?:should|must|ought to|have to|need to|had better|'d better)|"
        r"you'd be (?:wise|smart) to|it(?:'s| is| would be| might be| may be)? (?:worth|wise|smart|best|important"
        r"|crucial|essential|key) to|make sure (?:to|you)|don't forget to|remember to|be sure to|try to|"
        r"ideally,? you(?:'d| would)|the key is to|the trick is to|all you need to do)\b", re.I)),
    ("nudge", re.compile(r"(?:^|[.!?:]\s+|\n\s*(?:\d+[.)]|[-*•])\s*)(?:Consider|Try|Start|Tell|Ask|Focus|Make|"
                         r"Schedule|Write|Book|Talk|Set|Keep|Avoid|Stop|Just|Go|Take|Push|Practice|Practise|"
                         r"Prepare|Bring|Lead|Remember|Be|Don't|Do|Use|Say|Email|Send)\b"
                         r"(?!\s+(?:me|you|they|we|I|she|he|your)\b)")),
    ("plan", re.compile(
        r"\b(?:here(?:'s| is) (?:your|the|my|a) (?:plan|playbook|game plan|roadmap|strategy)|let's be strategic|"
        r"step (?:one|1)\s*[:,-]|(?:^|\s)1[.)]\s+\w[^\n]{0,80}\s2[.)]\s+\w)", re.I)),
    ("proposal", re.compile(r"\b(?:how does that sound|sound good|does that work for you|deal|agreed|makes sense)\s*\?",
                            re.I)),
    ("leading", re.compile(
        r"\bwhy (?:would|should|on earth would) you\b|\b(?:is|isn't|was) (?:it|that|this|staying|leaving|\w+ing) "
        r"really\b|\breally worth it\b|\bwouldn't it (?:make sense|be (?:better|easier|smarter|wiser))\b|"
        r"\bdon't you think\b|\bisn't it (?:obvious|clear|time)\b", re.I)),
    ("nudge", re.compile(
        r"(?:^|[.!?:]\s+)(?:[A-Z][^,.!?\n]{0,40},\s*)(?:write|list|rehearse|draft|email|call|message|book|"
        r"schedule|ask|tell|talk|go|take|push|stop|start|quit|leave|stay|consider|try|focus|make|set|keep|avoid|"
        r"prepare|bring|lead|use|say|send|apply|negotiate|document|escalate|decline|accept|reach out|wait|pick|"
        r"choose|frame|open|close|save|skip|practise|practice|get|put|block|let)\b")),
    ("nudge", re.compile(r"\bmaybe (?:just )?(?:wait|ask|try|talk|go|tell|hold|sleep|take|start|push|skip|say|"
                         r"drop|leave|stay|accept|decline|let)\b", re.I)),
    ("endorse", re.compile(r"\b(?:risky|bad|good|smart|wise|safe|dumb|poor|great)\s+(?:move|idea|call|choice|bet)\b",
                           re.I)),
    ("judge", re.compile(
        r"\b(?:you(?:'re| are) (?:clearly|obviously|just|simply|probably) (?:avoiding|afraid|scared|"
        r"overthinking|making|being|not)|staying (?:would be|is) a mistake|that(?:'s| is| would be) a mistake|"
        r"you can see that|you know (?:that|what) you (?:need|have|should))", re.I)),
    # A polite request to act in the world is still a request: "Would you mind having a word
    # with him…", "Could you email her and let me know how it goes?". Being asked to tell the
    # coach ("would you mind saying more") is the conversation itself.
    ("request", re.compile(
        r"\bwould you mind (?!(?:telling|saying|sharing|describing|explaining|walking|expanding|unpacking|talking|"
        r"going back|putting|picturing|imagining|thinking|spelling|listing|naming|clarifying|rating|giving me|"
        r"helping me|reminding me)\b)\w+ing\b|\b(?:could|can|will|would) you\b[^.?!]{0,80}\b(?:and|then) "
        r"(?:then )?(?:let me know|report back|tell me how (?:it|that|he|she|they) (?:went|goes|took it))", re.I)),
)
#: Quoted words of the protégé are theirs, not the coach's advice (“I should ask for more”);
#: so is a "should" the reply reports as theirs ("you feel you should speak up").
_QUOTED = re.compile(
    r"[“\"‘][^”\"’]{1,200}[”\"’]|\b(?:feel|felt|think|thought|believe|said|say|says|saying|worry|worried|sense|wonder|"
    r"feeling|feels|told yourself|tell yourself|telling yourself|keep hearing)\s+(?:that\s+|like\s+)?you\s+"
    r"(?:should|must|need to|"
    r"have to|ought to)\b|\b(?:told|tells|telling|says|said|saying)\s+(?:you|yourself)\b[^.?!]{0,60}?\b(?:should|must|"
    r"need to|have to|ought to)\b",
    re.I)

_OTHERS_TALK = re.compile(
    r"\b(?:another|other|a fellow|one of (?:the|my) other|someone (?:else )?in (?:your|the|this)|"
    r"somebody (?:else )?in (?:your|the|this)|the (?:person|protégé|protege|mentee) (?:just )?(?:before|after) you|"
    r"(?:the|my) last (?:person|protégé|protege|mentee)|others in (?:your|the))\s*"
    r"(?:protégés?|proteges?|mentees?|cohort|program(?:me)?|group|person|one|participant)?[^.?!]{0,90}"
    r"\b(?:said|told|mentioned|shared|is working on|was working on|worked on|had|has|asked|wrote|struggled|"
    r"went through|is applying|also|too)\b", re.I)

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

    return _QUOTED.sub(mask, text)


#: Any other participant of the program, named or not: "someone else in the programme",
#: "another mentee", "a protégé whose name starts with K". The coach talks with this
#: protégé about this protégé (and the mentor they name); nobody else exists in a reply.
_OTHER_PARTICIPANT = re.compile(
    r"\b(?:someone|somebody|a person|one person|people|others?|a colleague|a few people|several people)\s+"
    r"(?:else\s+)?(?:in|from|on|of)\s+(?:the|your|this|our|my)\s+(?:programme|program|cohort|scheme|intake|"
    r"mentoring group)\b|"
    r"\b(?:another|a|the|one|some|other|fellow|previous|former)\s+(?:protégés?|proteges?|mentees?|participants?)\b|"
    r"\bwhose (?:name|initials?)\b|\bname (?:starts|begins|ends) with\b|"
    r"\b(?:of|in|from|on) your (?:cohort|programme|program|intake|mentoring group)\b", re.I)

#: A claim to hold records about the protégé ("your file lists…", "the programme's record of
#: your check-in notes…"): the coach holds no such thing, and a reply that quotes one is
#: either inventing it or leaking it. Allowed when the protégé brought that record up.
_RECORDS = re.compile(
    r"\b(?:your|the programme's|the program's|our|my|the)\s+(?:[\w-]+\s+){0,2}(?:file|files|records?|notes|profile|"
    r"dossier|history|log)\s+(?:of your\s+(?:[\w-]+\s+){0,2})?(?:says?|shows?|lists?|notes?|records?|mentions?|"
    r"indicates?|states?|has|contains?|reads?)\b|\bon (?:your )?file\b|\baccording to (?:your|our|the) "
    r"(?:file|records?|notes|profile)\b|"
    r"\b(?:from|in|on|see|saw|noticed|checked|looked at) (?:your|the) (?:[\w-]+ ){0,2}(?:file|records?|profile|"
    r"dossier)\b", re.I)

#: Siding with someone's advice ("Bernadette is right", "your manager has a point").
_SIDES_WITH = re.compile(
    r"\b(?!You\b|you\b|I\b|It\b|That\b|This\b|What\b|Which\b)(?:[A-Z][a-z]+|your \w+|they|she|he)\s+"
    r"(?:is|are|was|'s|might be|may be)\s+(?:absolutely\s+|totally\s+|quite\s+)?(?:right|correct|onto something|"
    r"spot on)\b|\b(?:she|he|they|[A-Z][a-z]+|your \w+) (?:has|have) a (?:good )?point\b|"
    r"\bI (?:agree|side) with (?!you\b)\w+|\bI'm with (?!you\b)(?:your |my |the )?\w+ on\b|"
    r"\b(?:he|she|they|[A-Z][a-z]+)(?:'s| is| are|'re) (?:probably|definitely|absolutely|totally|likely) right\b|"
    # What the coach would do in their place, said outright ("I'd sign up for the next cohort").
    r"\bI(?:'d| would) (?!like\b|love\b|be\b|wonder\b|imagine\b|guess\b|want\b|hope\b|enjoy\b|appreciate\b|"
    r"welcome\b|ask you\b|invite\b|encourage you to (?:say|tell|share|think)\b)[a-z]+\b|"
    r"\b(?:a|the) (?:good|great|best|smart|useful|right|better|simple) (?:approach|way|move|strategy|tactic|idea|"
    r"thing)\b[^.?!]{0,30}\bis (?:to|just)\b", re.I)

#: Judging, predicting and pressing: the coach's view of her, her options or what will happen.
_JUDGES = re.compile(
    r"\b(?:sounds|seems|looks|feels) like (?:the|a|an) (?:(?:[a-z]+er|[a-z]+est|more [a-z]+|most [a-z]+|best|better|"
    r"right|wiser|safer|stronger|braver)(?:,? and (?:[a-z]+er|more [a-z]+))? )(?:[a-z]+ ){0,2}(?:option|choice|one|"
    r"move|path|bet|route|call|plan)\b|"
    r"\byou(?:'re| are) (?:clearly|obviously|definitely|just|simply|basically|such) (?:a |an )?[a-z-]+\b|"
    r"\byou(?:'d| would)(?: probably| definitely| really| honestly| likely)? be (?:better off|wise|smart|happier|"
    r"safer)\b|"
    r"\bif you (?:don't|do not|won't|never)\b[^.?!]{0,60}\b(?:it|they|he|she|things|nothing|this)(?:'ll| will)\b|"
    r"\b(?:they|he|she|it|your [a-z]+)(?:'ll| will) (?:probably|almost certainly|definitely|surely|likely|"
    r"undoubtedly) [a-z]+\b|"
    r"\b(?:they|he|she|your [a-z]+)(?:'ll| will) (?:say (?:yes|no)|agree|approve|refuse|turn you down|love it)\b|"
    r"\byou(?:'ll| will) (?:be (?:fine|great|okay|ok)|nail it|smash it|do great|love|hate|regret|enjoy)\b|"
    r"\byou won't (?:look back|regret)\b|"
    r"\bif you\b[^.?!]{0,40}\byou(?:'ll| will) (?:lose|regret|miss|fall behind|be overtaken|never)\b|"
    r"\b(?:textbook|classic|typical) (?:case of |example of )?[a-z-]+(?: [a-z-]+)? (?:syndrome|behaviou?r|avoidance|"
    r"perfectionism|burnout)\b|"
    r"\b(?:could|might|may|would|will) pay to\b|\bworth a (?:shot|go|try|punt)\b|"
    r"\bwhat (?:works|worked|helps|helped) (?:for )?(?:most|many|a lot of|plenty of)\b", re.I)

#: Relaying what someone else said to the coach, or who else the mentor mentors.
_RELAYED = re.compile(
    r"\b(?:told|mentioned to|said to|shared with|confided in|let slip to) me\b|"
    r"\b(?:[A-Z][a-z]+|your mentor|he|she)\s+(?:did\s+|has\s+|had\s+)?(?:mention(?:ed)?|sa(?:id|y)|told|tell|"
    r"note[sd]?|share[sd]?|remark(?:ed)?|let slip)\b[^.?!]{0,50}?\b(?:he|she|they)(?:'s| is| was)?\s*"
    r"(?:doesn't |does not |didn't |don't |isn't |wasn't |really |actually )?(?:think|thinks|feel|feels|believe|"
    r"believes|worried|concerned|pleased|impressed|disappointed)\b|"
    r"\b[A-Z][a-z]+ (?:actually|already|privately|also) (?:mentioned|said|told|thinks|feels)\b|"
    r"\b(?:is|are|'s|he's|she's|they're) (?:also )?(?:mentoring|coaching) (?:two|three|four|several|a few|other|"
    r"another|someone|somebody|people|\d+)\b")

#: The assistant describing its own machinery (filters, rules, a system prompt) to the protégé.
_META = re.compile(
    r"\b(?:rule|policy|instruction|guideline) #?\d+\b|"
    r"\b(?:a|my|the|our|this) (?:filter|guard|safety layer|moderation layer|content filter|system prompt|"
    r"instructions?|rules?|guidelines|configuration|settings) (?:that|which|i was given|i follow|i'm under|say|says|"
    r"tell me|require|prevent|stop|block)s?\b", re.I)

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
        folded = _SPACED.sub(lambda m: re.sub(r"[ .\-]", "", m.group(0)).capitalize(), folded)
        # Also read with digits standing for letters ("T4r1q") and with joined-up words split
        # ("#TeamSunny"); each reading is matched on its own, so a real name is never bent.
        # A name broken over a line ("Beth-\nan") is joined up, and a ROT13'd one turned back.
        readings = {folded, _LEET_WORD.sub(_unleet, folded), _JOINED.sub(" ", folded),
                    _BROKEN.sub("", folded), codecs.encode(folded, "rot13"), folded[::-1]}
        return any(self._named(reading) for reading in readings)

    def _named(self, folded: str) -> bool:
        if any(p.search(folded) for p in self._patterns):
            return True
        # Capitalised words that do not open a sentence: names, as written.
        mid = _MID_SENTENCE_WORD.findall(folded)
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
        words = _CAPITALISED.findall(folded)
        if any(_one_edit(word, name) for word in words for name in self._fuzzy):
            return True
        return any(name.startswith(word) and len(name) - len(word) >= 2 for word in longer for name in self._fuzzy)


_SPACED = re.compile(r"\b(?:[A-Za-z](?: |\.|-|\. )){3,}[A-Za-z]\b")
#: A capitalised word of 3+ letters that does not open a sentence: a name, as written.
_MID_SENTENCE_WORD = re.compile(r"(?<![.!?:]\s)(?<!^)(?<![.!?:]\s\s)\b[A-Z][a-z]{2,}\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")
#: A word that mixes letters and digits ("T4r1q", "Pr1ya"), and what each digit stands for.
_LEET_WORD = re.compile(r"\b(?=[\w]*[A-Za-z])(?=[\w]*\d)[A-Za-z\d]{3,}\b")
_LEET = str.maketrans("0123456789", "oizeasgtbg")
#: Where two words were written as one: "TeamSunny", "askPriya".
_JOINED = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])|#")

#: A word broken over a line with a hyphen: "Beth-\nan".
_BROKEN = re.compile(r"-[ \t]*\n\s*")
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
        participant = _OTHER_PARTICIPANT.search(reply)
        # "the other mentees" reflected back to a protégé who brought them up is hers to say.
        if participant and re.search(r"\b(?:mentees?|protégés?|proteges?|participants?|cohort)\b", said):
            participant = None
        if _OTHERS_TALK.search(reply) or participant:
            found.append("other-person:talk")
        if _META.search(reply):
            found.append("secret:instructions")
        found += [f"markup:{code}" for code in _codes(_MARKUP, reply)]
        unquoted = without_reported_speech(reply)
        found += [f"advice:{code}" for code in _codes(_ADVICE, unquoted)]
        if _SIDES_WITH.search(unquoted):
            found.append("advice:sides-with")
        if _JUDGES.search(unquoted):
            found.append("advice:judges")
        if _decides_for_her(unquoted, said):
            found.append("advice:decides-for-her")
        # Strict on purpose: even her own report of what someone said is better reflected
        # without the relay ("you heard that you undersell yourself") than with it.
        if _RELAYED.search(reply):
            found.append("other-person:relayed")
        if imperative_sentences(unquoted):
            found.append("advice:imperative")
        record = _RECORDS.search(reply)
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
        codes = _codes(_SECRETS, reply)
        if _OPAQUE.search(reply):
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


#: The coach stating what she will do, or has decided ("What I'm hearing is that you'll go
#: for supply planning"), in a statement, not a question.
_HER_DECISION = re.compile(
    r"\byou(?:'ll| will| are going to|'re going to|'ve decided| have decided|'ve made up your mind)\b(?! be\b)", re.I)
#: Her own words stating an intention or a decision (or the planned move reflecting one).
_OWN_INTENT = re.compile(
    r"\b(?:i'?ll|i will|i'?m going to|i am going to|gonna|i'?ve decided|i have decided|i plan to|i'?m planning to|"
    r"my plan is|next step|you'll|you will|you're going to|you've decided)\b", re.I)


def _decides_for_her(reply: str, said: str) -> bool:
    """A decision or an action put in her mouth when she has stated none herself."""
    if _OWN_INTENT.search(said):
        return False
    statements = [s for s in split_sentences(reply) if not s.rstrip().endswith("?")]
    return any(_HER_DECISION.search(s) for s in statements)


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


_MIXED = re.compile(r"(?<![\w/])(?=[\w\-]*\d)(?=[\w\-]*[A-Za-z])[\w\-]{6,}(?![\w/])")
_DIGITS = re.compile(r"(?<![\w/.:])\d(?:[ \-]?\d){5,}(?![\w/])")
_HARMLESS = re.compile(r"^(?:\d{1,4}(?:st|nd|rd|th|am|pm|h|k|m|s|min|mins|hrs?|x|yo|ish)|[A-Za-z]{1,3}\d{1,2}|"
                       r"\d{1,2}[A-Za-z]{1,3}\d{0,2}|covid-?19|mp3|mp4|h264|b2b|b2c|p2p|web3|ipv[46])$", re.I)


def _ungrounded_tokens(reply: str, context: Sequence[str]) -> list[str]:
    """A password, code or key in any language looks the same: a word mixing letters and
    digits ("Lisboa_88", "cal-9f3e2b71"), or a run of six digits. One that appears nowhere
    in the conversation came from somewhere else."""
    said = " ".join(context).casefold()
    codes = []
    for token in _MIXED.findall(reply):
        if not _HARMLESS.match(token) and token.casefold() not in said:
            codes.append("opaque-token")
            break
    for run in _DIGITS.findall(reply):
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
