"""The cue patterns the offline coder matches, by MITI behaviour.

Kept apart from the coder's logic so the patterns can be read (and argued with) as a
list. Each pattern is a cue a person would recognise; the coder reports which one fired.
"""

from __future__ import annotations

import re


class Cues:
    """A family of cue patterns. Anchored ones ("^...") are tried once at the start and
    the rest anywhere: one alternation of both would try every anchored pattern at every
    position, which made the coder several times slower."""

    def __init__(self, *patterns: str) -> None:
        anchored = [p[1:] for p in patterns if p.startswith("^")]
        floating = [p for p in patterns if not p.startswith("^")]
        self._anchored = re.compile("|".join(f"(?:{p})" for p in anchored), re.IGNORECASE) if anchored else None
        self._floating = re.compile("|".join(f"(?:{p})" for p in floating), re.IGNORECASE) if floating else None

    def search(self, text: str) -> re.Match[str] | None:
        """The cue a person would point at: the longest match at the start, else the first."""
        anchored = self._anchored.match(text) if self._anchored else None
        floating = self._floating.search(text) if self._floating else None
        if anchored is None:
            return floating
        if floating is not None and floating.start() == 0 and floating.end() > anchored.end():
            return floating
        return anchored


def _rx(*patterns: str) -> Cues:
    return Cues(*patterns)


# A question that carries the answer inside it is advice, whatever its punctuation.
DISGUISED_ADVICE = _rx(
    r"^have you (?:ever )?(?:considered|thought about|tried|looked into)\b",
    r"\bhas it occurred to you\b",
    r"\bwhy (?:don't|do not|wouldn't|not) (?:you|just|try|ask|talk|go|start)\b",
    r"^why not\b",
    r"\bwouldn't it (?:be )?(?:better|best|easier|wiser|smarter|good|worth)\b",
    r"\bwould(?:n't)? it make (?:more )?sense to\b",
    r"\bwhat if you (?:tried|were to|just|started|asked|talked|told|spoke|did|made|took)\b",
    # "How about trying…?" proposes; "How about your hunch?" asks for theirs.
    r"^how about\b(?!\s+(?:then\s+|now\s+)?(?:your\b|you\s*[:,?]|that\b|this\b|it\b|them\b|the (?:rest|other)\b))",
    r"^what about (?:trying|asking|talking|telling|starting|doing|making|taking|going|setting)\b",
    # "Can you tell her?" suggests; "can you tell me about it?" invites them to talk.
    r"^(?:could|can) you (?:please )?(?:just )?(?:try|start|make sure|ask|talk(?! (?:to |with )?me\b)|tell(?! (?:me|us)\b))\b",
    r"^shouldn't you\b",
    r"^don't you think (?:you should|you could|you need|it would be (?:better|best|wise)|that you should)\b",
    r"\bmaybe you (?:could|should|might|can)\b.*\?$",
    r"^have you thought of\b",
    r"\bis there (?:any )?reason you (?:can't|couldn't|don't|wouldn't)\b",
    # Leading yes/no questions that carry a course of action for the protégé.
    r"^ever (?:thought|considered|tried)\b",
    r"^have you (?:ever )?(?:thought of|explored|weighed up)\b",
    r"^(?:isn't|is it not|wasn't) (?:it )?(?:(?:about )?time|worth|the (?:obvious|best|right|smart|sensible)|better|wiser|smarter|easier|simpler)\b",
    r"^(?:wouldn't|would not|won't) (?:you|it|a|an|the|that|this|some|your)\b",
    r"^don't you (?:think|reckon|feel|want|agree|see)\b", r"^do you not (?:think|reckon|feel|want|agree|see)\b", r"^do you (?:not )?reckon\b",
    r"^(?:could|can|couldn't|can't) you (?:please )?(?:not )?(?:just |simply |perhaps |maybe |possibly |at least )?(?!please\b|tell|say|share|describe|explain|walk|talk (?:to |with )?me\b|think of|think back|remember|imagine|give me|help me|clarify|expand|elaborate|recall|picture|rate|put (?:it|that|this) into words|see yourself|say more|give an example|spell|unpack|name|identify|list)\w+",
    r"^(?:could|can) (?:you )?not\b",
    r"^(?:would|will) you (?:(?:ever|maybe|perhaps) )?(?:consider|be (?:willing|open|prepared) to (?!share|say|tell|talk|describe)|think about (?:\w+ing)|try)\b",
    r"^(?:would|could|might|may|will) it (?:not )?(?:help|be (?:worth|good|useful|wise|smart|an idea|better|easier)|make sense|pay)(?! to hear| if i| if we| to talk| to think| for us)\b",
    r"^what if you (?!could\b|were able|succeeded|had\b|didn't have|woke|imagine)",
    r"^what about (?:just |simply )?\w+ing\b",
    r"^what(?:'s| is) (?:stopping|keeping|preventing|holding) you (?:back )?from (?:just |simply )",
    r"^what(?:'s| is) (?:stopping|keeping|preventing) you from \w+ing\b.*\b(?:today|tonight|now|tomorrow|this week|right away)\b",
    r"^what(?:'s| is) (?:wrong with|the harm in|the worst that could happen if you) (?:just |simply )?\w+ing\b",
    r"^(?:is there )?any (?:harm in|reason not to|reason you (?:can't|couldn't|wouldn't|shouldn't))\b",
    r"^surely\b",
    r"^shouldn't (?:you|the|that|those|it|this|your)\b",
    r"^how would it be if you\b",
    r"^(?:do|would) you not\b",
    r"^might it (?:help|be)\b",
    r"^(?:wouldn't|would) you be better off\b",
    r"^have you tried\b",
    r"^would it (?:really )?(?:hurt|harm|kill you|be so bad|be the end of the world) (?:to|if)\b",
    r"^(?:mightn't|might|may) it not\b", r"^mightn't\b",
    r"^is it (?:maybe |perhaps )?(?:time|worth|wise|smart|smarter|better|easier) (?:to|\w+ing)\b",
    r"^isn't (?:this|that) (?:exactly |just )?(?:the (?:kind|sort) of|something|what|a (?:good|great) (?:chance|moment|time))\b",
    r"^you(?:'ve| have) (?:thought about|considered|tried|looked at) .*,\s*(?:right|yes|surely)\?$",
)
# Only in questions: a yes/no or rhetorical question that carries a course of action the
# speaker chose ("Might you ask her?", "Any chance you'd…?", "…, maybe?"). Grammar, not
# phrase lists: negative leading questions, "just/simply" minimisers, proposals tacked on.
PROPOSAL_QUESTION = _rx(
    r"^(?:isn't|wouldn't|couldn't|shouldn't|oughtn't|mightn't|won't|ought (?:you|we|i) not)\b(?! (?:it|that) (?:what|how) you)",
    r"[,;:\u2014]\s*(?:wouldn't|isn't|shouldn't|couldn't|oughtn't|won't)\b(?! (?:it|that) (?:what|how) you)",
    r"^(?:doesn't|don't) (?:your|the|this|that|it|she|he|they|everyone|anyone)\b.*\b(?:deserve|need|warrant|call for|merit)\b",
    r"^might (?:you|a|an|the|some|your|one|it be (?:an idea|worth|better|wise|smart))\b",
    r"^could (?:the first|the next|a|an|one|two|three|some|a few|part of|any of|some of) (?:[\w'\-]+ ){0,4}?(?:be|become|go|move|wait|come|turn|shift|happen)\b",
    r"^is there (?:a|any) (?:good |particular )?reason (?:why )?you (?:haven't|havent|aren't|won't|didn't|shouldn't|can't|couldn't|don't)\b",
    r"^is there (?:anything|something|anyone|anybody) (?:stopping|keeping|preventing|holding) you\b",
    r"\b(?:any|a|the|much|some) (?:downside|harm|risk|cost) (?:in|to|of|with) \w+ing\b",
    r"\b(?:really |actually )?mind if you\b",
    r"^any chance (?:you(?:'d| could| would| might| can| will)|of \w+ing)\b",
    r"^is (?:now|this|today|tomorrow|this week) (?:the|a good|the right|the best) (?:moment|time|week|day|point) to\b",
    r"^(?:care|fancy) (?:to |\w+ing\b)", r"^reckon\b", r"^time to\b",
    r"^ever (?!felt|been|had|noticed|wondered|found|seen|heard|wished|experienced|get|feel)\w+\b",
    r"^(?:do you )?want to (?!talk|say|share|tell|keep|stop|pause|go on|continue|come back|look|think|start with|add|change|take a)(?:[\w'\-]+ ){1,10}?(?:now|today|tonight|right away|this afternoon|first thing|before)\b(?!.*\bor\b)",
    r"\b(?:maybe|perhaps)\?$",
    r"\bif you (?:just|simply)\b",
    r"^what(?:'s| is) to stop you\b",
    r"^how (?:hard|difficult|bad|tough|risky|scary) (?:would|could|can|is) it (?:really )?(?:be )?to\b",
    r"^what do you say (?:to|we)\b",
    r"\bor (?:could|should|might|can|couldn't) you (?:just |simply )?(?!rather\b)\w+",
    r"\b(?:could|can|should|would|might) you (?:not )?(?:just|simply) \w+",
    r"^you(?:'ll| will| could| should| can| might|'d)\b.*,\s*(?:yes|yeah|right|won't you|will you|wouldn't you|can't you|couldn't you|ok|okay|no|surely|eh)\?$",
    r"^(?!(?:which|what|how|where|when|who|whichever)\b|(?:would|will|could|might|does|do) (?:that|it|this|either|one)\b).*?\b(?:would|will|could|'d|might) (?:[\w'\-]+ )?(?:play|go down|land|work|look|sound|come across|read|suit you) better\b",
    r"\b(?:wouldn't|won't|can't|couldn't) (?:hurt|harm) to\b",
    r"^(?:maybe|perhaps) (?:a|an|some|one|just|the)\b",
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
    r"\byou(?:'re| are) (?:clearly |just |simply )?(?:not taking|overreacting|not (?:trying|listening|serious|committed)|kidding yourself|fooling yourself|hiding behind)\b",
    r"^come on\b", r"^no,? (?:that's|that is) not\b", r"\bif you really wanted\b", r"\b(?:that's|that is|this is) (?:a )?(?:pretty |really |a bit )?lazy\b",
    r"\byou keep saying\b.*\bbut\b", r"^(?:wow|seriously|really)[,!?]", r"\bi (?:have to |must )?disagree\b", r"\byou've got (?:it|that) (?:all )?wrong\b",
    r"^nice try\b", r"\bisn't an (?:answer|excuse)\b", r"\bthat attitude\b", r"\bjust a way (?:to|of) (?:get(?:ting)? out of|avoid)", r"\b(?:another|just an?) excuse\b",
    r"\bwith (?:all due )?respect,? you\b", r"\byou (?:clearly )?(?:don't|didn't) (?:want|care|try)\b.*\b(?:enough|really)\b",
    r"\byou(?:'ve| have) (?:had|been given) (?:plenty|every) (?:of )?(?:time|chance)\b", r"\bthat's on you\b", r"\bgrow up\b",
    r"\byou(?:'re| are) (?:being )?(?:dramatic|defensive|difficult|unreasonable|lazy|childish)\b",
    r"\b(?:isn't|stops being|is not) the real reason\b", r"\b(?:a bit|pretty|rather|awfully|very) convenient\b",
    r"\byou(?:'re| are) sabotaging\b", r"\band you know it\b",
    r"\bin a row\b.*\b(?:hasn't|haven't|didn't|wasn't|weren't)\b", r"\byou say you\b.*\bbut you (?:haven't|didn't|don't|won't|never)\b",
    r"^blaming\b", r"\bhiding behind\b", r"^no,? (?:your|he|she|they|it|that) (?:didn't|wasn't|isn't|doesn't|hasn't)\b", r"\bhaven't even\b",
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
    r"\b(?:impressive|a (?:genuine |real )?achievement|brave|courageous|thoughtful of you|persistence|good on you|credit to you|kudos|"
    r"a big (?:step|win)|says a lot about you|shows (?:how much|a lot|real|great)|proud of (?:you|yourself)|that's (?:great|excellent) (?:that|progress)|"
    r"(?:real|great|genuine) (?:progress|commitment|initiative|determination|resilience)|exactly the kind of effort|you did the hard thing)\b",
    r"\bthat (?:was|is) (?:a )?(?:brave|bold|smart|generous|mature|thoughtful|wise)\b",
    r"\byour (?:commitment|honesty|effort|persistence|determination|courage|hard work) (?:really )?(?:shows|is (?:clear|obvious))\b",
    r"\btook (?:real |some |a lot of |serious )?(?:courage|guts|backbone|nerve|honesty|effort|initiative|discipline|grit|bravery)\b",
    r"\b(?:real|great|genuine) follow-through\b", r"\band that's (?:rare|impressive|no small thing|not easy)\b", r"\blucky to have (?:someone|you)\b",
    r"\bexactly what makes (?:these|this|it) (?:sessions? )?work\b",
    r"\btakes? (?:real |some )?(?:guts|courage|nerve|backbone)\b", r"\b(?:a )?(?:really |very )?(?:professional|nice|smart|thoughtful|classy) touch\b",
    r"\bthat's a (?:really )?(?:sharp|great|good|smart|brilliant|thoughtful|strong|useful) (?:question|idea|point|move|insight|catch)\b",
    r"\b(?:has |have |'s )?come on (?:a long way|leaps and bounds)\b", r"\bcome a long way\b", r"\byou clearly (?:think|care|know|put|work)\b",
)
AUTONOMY = _rx(
    r"\b(?:it's|it is|that's|that is) (?:entirely |completely |totally |really )?(?:your|up to you)\b(?: (?:choice|call|decision))?",
    r"\bup to you\b",
    r"\byou(?:'re| are) (?:the (?:one|best judge|expert)|in charge|free to)\b",
    r"\byou (?:get to |can )?decide\b",
    r"\byou know (?:yourself|your (?:situation|team|work|own)[\w ]*) (?:best|better than)\b",
    r"\bwhatever you (?:decide|choose|pick)\b",
    r"\byour call\b",
    r"\byou don't have to (?:decide|choose|know|have|answer|talk|say|share|explain)\b",
    r"\bonly you can\b",
    r"\byou know (?:your \w+|him|her|them|the situation|this|yourself|the team|the people)[\w ]* (?:far |much |a lot )?better than (?:i do|me|anyone)\b",
    r"\b(?:entirely |completely )?in your hands\b", r"\byour (?:decision|choice) (?:alone|entirely)\b",
    r"\b(?:it's|that's|is) (?:very much |entirely |completely )?(?:your|yours)(?: to (?:decide|choose|make|own))?\b[.!]?$",
    r"\byou(?:'re| are) (?:the )?(?:best|only) (?:judge|person)\b", r"\byou (?:get|have) the (?:final|last) (?:say|word)\b",
    r"\bno (?:right|wrong) (?:or (?:right|wrong) )?answer\b", r"\bwhatever (?:feels|seems) right (?:to|for) you\b",
    r"\bit's for you to\b", r"\byou don't need to (?:decide|have|know|choose)\b", r"\byou set the (?:pace|agenda|direction)\b",
    r"\bit's your (?:meeting|agenda|career|plan|call|time)\b", r"\byou can (?:always )?(?:change|decide|choose) (?:your mind|later|what)\b",
    r"\bexcept you\b", r"\b(?:nobody|no one) (?:else )?(?:but you|can (?:decide|choose|make) (?:this|that|it) for you)\b",
    r"\btake what(?:'s| is) useful\b", r"\byours to (?:set|decide|choose|call|make|own)\b",
    r"\bis (?:entirely |completely |totally |very much )?your (?:decision|call|choice)\b",
)
PERMISSION = _rx(
    r"\bwould (?:it|you) (?:help|be useful|like) (?:to hear|if i (?:shared|offered|mentioned))\b",
    r"\b(?:can|could|may) i (?:share|offer|suggest|mention|tell you)\b",
    r"\bwould you like (?:me )?to hear\b",
    r"\bwith your permission\b",
    r"\bif (?:it's|it is|that's|that would be) (?:useful|helpful|ok|okay)\b",
    r"\bwould it be (?:ok|okay|alright|all right) if i (?:shared|offered|suggested|mentioned)\b",
    r"^(?:would|are) you (?:be )?open to (?:hearing|a (?:thought|suggestion|few ideas|idea)|some (?:ideas|input|thoughts|suggestions))\b",
    r"^(?:can|could|may) i (?:run|float|put|throw) (?:a|an|one|something) (?:thought|idea|suggestion)\b",
    r"^would you (?:like|welcome|want|be interested in) (?:some |a |my |an |any )?(?:input|suggestions?|ideas?|thoughts?|feedback|perspective|observation|tips?|options?)\b",
    r"^(?:do you )?want (?:to hear )?(?:my|some|a few) (?:ideas|thoughts|suggestions|input|take)\b",
    r"(?:^|,\s*)(?:is it|would it be) (?:ok|okay|alright|all right)(?: with you)? if i (?:share|offer|suggest|mention|give|tell)\b",
    r"^(?:is it )?(?:ok|okay|alright|all right) if i (?:offer|share|suggest|mention|give|point out|make)\b",
)
# The protégé asked for input (or gave leave): what follows in that utterance is permitted.
GRANTED = _rx(
    r"\bsince you(?:'re| are)? (?:asked|asking|after|looking for|want(?:ed)?|requested)\b",
    r"\b(?:you asked|given (?:that )?you asked|as you (?:requested|asked))\b",
    r"\byou (?:said|mentioned) you (?:wanted|would like|'d like|were after) (?:my|some|a few|suggestions|ideas|advice|input|an opinion|feedback)\b",
    r"\byou said you wanted my\b",
    r"\bwith your (?:permission|ok|okay)\b",
    r"^if it's (?:alright|all right|ok|okay) with you,? here'?s\b",
    r"\bsince you'd like\b",
    r"\bwith your (?:go-ahead|blessing|say-so)\b", r"\byou gave me the (?:green light|go-ahead|nod)\b",
    r"\bsince you(?:'re| are) (?:open|keen|up for) (?:to )?(?:it|hearing|ideas|suggestions)?\b",
    r"\byou (?:wanted|want|asked for) (?:my (?:honest )?(?:take|view|opinion|advice|two cents)|a (?:recommendation|suggestion|steer|pointer))\b",
    r"\byou(?:'d| would) welcome (?:a|some|my) (?:suggestion|idea|input|advice)\b", r"\bthanks for letting me weigh in\b",
    r"\bsince you(?:'ve| have)? asked\b", r"\bas you(?:'re| are) asking\b", r"\bthanks for asking\b", r"\byou (?:invited|asked) me\b",
    r"\byou wanted (?:options|ideas|suggestions|input|a steer|a nudge|my view|an outside view)\b", r"\bnow that you(?:'ve| have) said (?:it's|that's) (?:ok|okay|fine|alright)\b",
    r"\byou said you(?:'d| would) like (?:an?|some|my)\b", r"\byou(?:'re| are) open to (?:ideas|suggestions|hearing|input)\b",
    r"^if you(?:'re| are) happy for me to (?:suggest|share|offer)\b", r"^if (?:it's|it is|that's) (?:useful|helpful),",
)
# An autonomy tail on advice ("take it or leave it") makes it persuasion with permission (MITI 4.2.1).
AUTONOMY_TAIL = _rx(
    r"\btake it or leave it\b", r"\bmay or may not (?:suit|fit|work for|be right for) you\b",
    r"\b(?:use|adapt|change|ignore|drop|tweak) (?:it|that|this|them)(?: however you like| if (?:it|that) (?:feels|doesn't|does)\b.*)?\b",
    r"\byou(?:'re| are) the (?:one|best judge)\b", r"\b(?:it's|is) (?:very much |entirely )?your (?:decision|call|choice)\b",
    r"\byou know (?:the|your|him|her|them|this)[\w ]* better than (?:i do|me)\b",
    r"\bthough you(?:'re| are) the one\b", r"\bonly if it (?:fits|feels right|suits)\b",
    r"\bfeel free to (?:disagree|ignore (?:it|that|this|me)?|push back|skip (?:it|that))\b", r"\bsee how (?:that|it|this) sits with you\b",
    r"\byou(?:'ll| will) know (?:whether|if) it fits\b",
)
COLLAB_QUESTION = _rx(
    r"^(?:is it|would it be) (?:ok|okay|alright|all right)(?: with you)? if (?:we|i ask|i reflect|i check|i summari[sz]e|i recap)\b",
    r"^(?:mind if|(?:is it )?(?:ok|okay) with you if|any objection to|how would you feel about (?:us|we|working))\b",
    r"^shall we\b",
    r"^is (?:now|this) a good (?:time|moment)\b",
    r"^(?:can|could|may) i (?:ask|check|reflect|summari[sz]e|recap)\b",
    r"^would you (?:like|prefer|rather) (?:to )?(?:start|begin|look|go|spend|work|focus|take|come back)\b.*\bor\b",
    r"\bif you're up for it\b",
    r"^(?:does|would) that (?:work|sit right) (?:for|with) you\b", r"^(?:can|could|shall) we (?:look|go|work|think|walk|map|plan|brainstorm|sketch|lay)\b",
    r"^would you be (?:up for|open to|game for) \w+ing\b.*\btogether\b", r"\b(?:figure|work|think) (?:this|it) (?:out|through) (?:with you|together)\b",
    r"\bas (?:partners|a team)\b",
    r"^(?:would you like|do you want|shall we|could we|can we|should we) (?:to )?(?:[\w'\-]+ ){0,8}?together\b",
    r"^would it (?:help|be useful|be helpful) (?:for us|if we)\b",
)
ADVICE = _rx(
    # "You must be exhausted" guesses at a feeling; "you don't have to answer" hands the choice
    # back; "a job where you have to be in person" describes the job. None of them advises.
    r"\byou (?:really |probably |definitely |just )?(?:should|must(?! (?:be|have been|have felt|feel)\b)|ought to|"
    r"need to|(?<!don't )(?<!do not )(?<!where )have to|had better|'d better)\b",
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
    r"(?<!to )\bmake sure\b(?! (?:i|we)(?:'ve| have)? (?:understand|understood|heard|got))",
    r"\bit (?:might|may|could|would)(?:n't)? (?:be )?(?:worth|pay off|help|be (?:wise|smart|good|a good idea|best|better))\b",
    r"\b(?:a|one) (?:good|smart|better) (?:idea|move|approach|step) (?:would be|is|might be)\b",
    r"\bwhat tends to work (?:best|well)\b", r"\bthe sooner you\b", r"\bone thing that (?:would|will|could|might) (?:really )?help\b",
    r"^worth a (?:shot|try)\b", r"^ideally,? you(?:'d| would| should)\b", r"\bit makes sense to\b", r"\byou'll want (?:to|a|an|some)\b",
    r"\btends to be the (?:stronger|better|best|smarter|safer|wiser)\b", r"\bit(?:'d| would) be (?:wise|smart|best|better|a good idea|sensible)\b",
    r"\byou might find it (?:easier|helpful|useful|better)\b", r"\bthe (?:wise|smart|best|right|sensible|obvious) (?:thing|move|step|approach|option|course|play)\b",
    r"\bhere's what i'd do\b", r"\bmy (?:take|advice|suggestion|recommendation|tip)\b", r"\ba (?:tip|trick) (?:some|many|that)\b",
    r"^(?:maybe|perhaps) (?:just )?(?:send|try|ask|talk|write|book|email|call|start|put|set|take|make|get|bring|tell|share|go|practi[cs]e|schedule|block|pick|choose|keep|let|give|run|read|drop|use)\b",
    r"\byou could (?!have\b|be\b|see\b|feel\b|say\b|tell me\b|imagine\b|describe\b|explain\b)\w+",
    r"\bi(?:'d| would) (?:probably |definitely |personally |honestly )?(?:take|request|put|ask|go for|go with|do|tighten|start|choose|pick|keep|send|tell|say|push|wait|focus|prioriti[sz]e|lead|add|drop|book|talk|try|write|frame|make|recommend|suggest|get|bring|avoid|stick)\b",
    r"\bi think (?:it's|it is) worth\b", r"\byou(?:'d| would) (?:do well|be (?:wise|smart|better off))\b", r"\bthe key is to\b",
    r"\byou (?:owe it to yourself|can't afford not) to\b", r"\bit(?:'s| is) (?:high )?time (?:you|to)\b",
    r"\bthe best bet\b", r"\bit(?:'d| would| will) serve you (?:well )?to\b", r"\b(?:a|the|your) (?:good|logical|natural|sensible) next step (?:would be|is|might be)\b",
    r"\bnow(?:'s| is) the (?:moment|time) to\b", r"^(?:probably |definitely )?(?:wisest|best|smartest|safest|easiest) (?:to|is to|would be to)\b",
    r"^worth (?:mentioning|asking|trying|raising|flagging|considering|bringing up|a (?:shot|try|look))\b",
    r"^let (?:your|her|him|them|the|people|everyone|your team)\b(?! know (?:that )?(?:you're|you are) (?:thinking|considering))",
    r"\bmy (?:instinct|gut|hunch) (?:would be|is|says) (?:to|that you)\b", r"\bis worth a (?:shot|try|go)\b",
    r"\b(?:so |then )?(?:maybe|perhaps) (?:just )?(?:split|try|ask|talk|write|book|email|call|start|put|set|take|make|get|bring|tell|share|go|practi[cs]e|schedule|block|pick|choose|keep|let|give|run|read|drop|use|frame|raise|send|open|lead|skip|cut|move)\b",
    r"\byou (?:do|really|definitely) (?:need|have) to\b", r"\bi(?:'d| would) (?:like|want) you to\b", r"\bwhat i(?:'d| would) like you to do\b",
    r"\bwe(?:'ll| will) (?:need|have) to\b", r"\bi want you to\b", r"\byou(?:'re| are) going to (?:need|have) to\b",
    # Norms, anecdotes and predictions that recommend without an imperative.
    r"^(?:most|many|the best|successful|smart|good|experienced|the strongest) (?:people|mentees|protégés|proteges|managers|leaders|candidates|folks|engineers|presenters|applicants)\b(?: [\w'\-]+){0,6}? (?:just|simply|usually|tend to|always|will|would|start)\b",
    r"\bthe (?:people|ones|mentees|protégés|proteges|candidates|managers|folks|engineers) who (?:get|do|make|succeed|thrive|land|win|got|did)\b",
    r"\bwhat (?:some|many|most|other) (?:people|folks|mentees|managers)(?: [\w']+){0,4} (?:do|try|find helpful) is\b",
    r"\bin my experience\b", r"\bthere's a lot to be said for\b", r"\byou can't go wrong with\b", r"\bnothing beats\b",
    r"\bit (?:never|doesn't) hurts? to\b", r"\bit pays to\b", r"\bworks wonders\b", r"\b(?:wouldn't|won't|can't|couldn't) (?:hurt|harm) to\b",
    r"\btends? to (?:take the edge off|help|work|pay off|go down well|land well|make (?:a|all the) difference|smooth)\b",
    r"^(?:a|an|one) (?:[\w\-']+ ){1,7}?would (?:save|help|make|go a long way|do wonders|fix|solve|sort|take the)\b",
    r"\b(?:far |much |a lot )?more often when\b",
    r"\b(?:is|are|'s) (?:usually|often|generally|always|much|far) (?:easier|better|best|smarter|wiser|safer) (?:to|when|if|before)\b",
    r"\bthe (?:best|smoothest|strongest|most successful|smartest|cleanest) [\w ]+ (?:i've|i have) seen\b",
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
    r"^(?:tell me (?:(?:a )?(?:little|bit|little bit|bit more|little more|more|something|anything|about|what|how|why|when|where|who))|describe|say more|say something (?:more )?about|"
    r"walk me through|talk me through|help me understand)\b",
    re.IGNORECASE,
)
CLOSED_HOW = re.compile(r"^(?:how (?:many|much|long|often|old|soon)\b|when(?:'s| is| are| will| was) (?:your|the|it|that|this|next|she|he|they)\b|on a scale\b|what time\b|what date\b)", re.IGNORECASE)
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
    r"\bless about\b", r"\bmore about\b", r"\bisn't (?:really )?the (?:problem|gap|issue|point)\b", r"\bit's not (?:the|that|about)\b.*\bit's\b",
    r"\bweighs?\b", r"\bpulled between\b", r"\bon (?:one|the other) side\b", r"\bwhich is why\b", r"\bso much that\b",
    r"\btaken for granted\b", r"\b(?:feel|feeling) (?:like|a bit|exposed|overlooked|invisible|stuck|alone)\b", r"\balmost harder\b",
    r"\bthere's (?:a|some) (?:real )?(?:pull|relief|fear|part|wish|tension|sense|worry|hope)\b", r"\band (?:you )?also\b", r"\bfor yourself\b",
    r"\byou(?:'re| are) (?:starting|beginning) to (?:feel|wonder|think|see)\b", r"\bbelieving\b", r"\bstanding still\b", r"\bwearing you down\b",
    r"\bnot as someone\b", r"\bnot just\b", r"\bwhat (?:really )?matters\b", r"\bshaken\b", r"\bfear\b", r"\bprove yourself\b",
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
    r"^i (?:just )?(?:would love|'d love|would like|'d like|want|wanted) to (?:share|tell you|let you know|give you|show you)\b",
    r"^there(?:'s| is| are) (?:also )?(?:a lot of|lots of|some|many|several|a few|plenty of) (?!things you|ways you)\w+",
    r"^one of the (?:things|tools|approaches|resources) (?:that )?(?:we|i|people|many)\b",
    r"\b(?:pairs|mentors|protégés) (?:meet|usually|often|typically)\b",
)
INFO_FIRST = _rx(
    r"^(?:either of you|both of you|a (?:mentor|sponsor|coach|manager|mentee|protégé)|the (?:company|program|programme|mentor you|coordinator|portal|course|handbook|policy|scheme|hr team|review cycle|deadline)|"
    r"your (?:mentor|manager|coordinator|company|program|programme) (?:can|can't|is told|will|won't|sees?|gets|doesn't|does not|has to|is required|usually|typically))\b",
    r"^(?:mentors|protégés|mentees|pairs|most programs|many programs|programs like this|sessions|meetings) (?:usually|often|typically|tend to|are|can|meet)\b",
)
OTHER_MARKERS = _rx(
    r"^(?:hi|hello|hey|good (?:morning|afternoon|evening)|welcome|thanks|thank you|ok(?:ay)?|great|"
    r"alright|all right|sure|bye|see you|take care|mm+|hmm+|right|i see|got it|of course)\b[.!,]*$",
    r"^(?:hi|hello|hey|welcome|thanks|thank you)\b",
    r"^let's (?:start|begin|get started|move on|wrap up|pause|continue)\b",
    r"^i(?:'m| am) (?:here|a coaching assistant|an assistant|not a)\b",
    r"^my (?:role|job) is\b",
    r"^(?:we've got|we have|we've only got) (?:about |around |roughly )?(?:\w+ )?(?:minutes|min)\b", r"^(?:good )?(?:morning|afternoon|evening)\b",
    r"^sorry\b", r"^hang on\b", r"^(?:let me|i'll) (?:just )?(?:grab|pull up|check|find|get|note|write|look|jot|open|share my screen)\b",
    r"^let's (?:pick (?:this|it) up|call it|leave it there|stop there|take a (?:short )?break|get going|dive in|kick off)\b", r"^see you\b",
    r"^(?:today|this session|in this session),? we(?:'ll| will)\b", r"^(?:nice|good|great|lovely) to (?:see|meet|hear from|catch up)\b",
    r"^(?:bye|cheers|talk soon|speak soon|have a (?:good|great|nice))\b", r"^(?:can you hear me|is the sound ok|you're on mute)\b",
    r"^(?:quick|just a) (?:note|reminder) (?:before|on) (?:we|the)\b", r"^(?:right|ok|okay|alright|good),? (?:then|so)?,? ?let's\b",
)
SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you've|you'd|you'll|yourself)\b", re.IGNORECASE)
_DISCOURSE = re.compile(r"^(?:so|and|but|okay|ok|well|then|now|also|alright|right)\b[,]?\s+", re.IGNORECASE)
_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[a-z']+")
_STOP = set(
    ["i", "you", "me", "my", "your", "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "is", "are", "was", "were", "be", "been", "am", "it", "that", "this", "what", "how", "so", "just", "really", "very", "do", "does", "did", "have", "has", "had", "not", "no", "yes"]
)
