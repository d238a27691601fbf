"""The offline engine's own phrasing: questions per slot, reflections, role statements.

Every question here is open, single and free of advice; tests run them all through the
utterance coder. `{topic}` is the protégé's goal in their words (person-shifted) and
`{when}` their timeframe ("on Thursday"), or a neutral fallback; `{before}` the time before the
meeting ("before the meeting on Thursday"), when a step is asked for.
"""

from __future__ import annotations

#: Questions by slot, tried in order, never repeated within a thread.
SLOT_QUESTIONS: dict[str, tuple[str, ...]] = {
    "goal": (
        "What would make your next conversation with your mentor feel worth your time?",
        "What would you most like to be different a few months from now?",
        "What's been on your mind at work lately that you'd like to think through?",
        "Which part of your work or growth would you like your mentor's help with?",
        "With all that in mind, what would you most like to come away from the meeting with?",
    ),
    "success": (
        "How would you know you'd made real progress on it?",
        "What would be different for you if this worked out?",
        "What would a good outcome look like, in your own words?",
    ),
    "reality": (
        "What's happening now with {topic}?",
        "Where are you today with {topic}, compared with where you'd like to be?",
        "What have you already tried so far?",
    ),
    "obstacles": (
        "What's getting in the way?",
        "What makes this harder than it sounds?",
        "What tends to hold you back when you think about {topic}?",
    ),
    "options": (
        "What options can you see from here?",
        "If nothing were holding you back, what would you try?",
        "What has worked for you in a similar situation before?",
    ),
    "next_step": (
        "Which of those would you like to take forward first?",
        "What's one small step you could take {before}?",
        "What will you do first?",
    ),
    "mentor_questions": (
        "What would you like to ask your mentor {when}?",
        "Where would your mentor's perspective help you most?",
        "What kind of help would you like from your mentor: ideas, feedback, contacts, or something else?",
    ),
}

#: Goal questions that open a conversation: once they have told us how things are, asked
#: "what's been on your mind?" right after they said it (blind review 18, three times).
OPENING_GOAL_QUESTIONS = frozenset({
    "What's been on your mind at work lately that you'd like to think through?",
    "Which part of your work or growth would you like your mentor's help with?",
})

#: Fallbacks when a slot's questions are used up.
GENERIC_QUESTIONS: tuple[str, ...] = (
    "What else feels important here?",
    "What are you noticing as you think about this?",
    "What would you like to explore next?",
    "What's the most useful thing we could focus on now?",
)

LOW_EFFORT_MENU = (
    "It sounds like it's hard to put a name to it right now, and that's okay. People often bring one of these to a "
    "mentor: a skill they want to grow, a decision they're weighing, a situation at work "
    "that's bothering them, or where they want their career to go."
)
LOW_EFFORT_QUESTION = "Which of those feels closest, or is it something else entirely?"
GOES_ALONG = "Okay."
THINKING = "There's no rush."
LOW_EFFORT_SCAFFOLD = (
    "It sounds like nothing stands out yet, and there's no rush.",
    "What moment from the last couple of weeks stayed with you?",
)

ROLE_STATEMENT = (
    "I hear that you'd like a straight answer, and that makes sense when time feels short. "
    "My role is a little different: I help you find your own way forward, because the plan "
    "you choose is the one you'll own, and your mentor is the person to weigh in with their "
    "experience."
)
ROLE_QUESTIONS = (
    "What part of this would be most useful to think through first?",
    "What do you already sense might work, even if you're not sure?",
    "What would you try if you trusted your own judgement here?",
)

OFF_TOPIC_REPLY = (
    "That's outside what I can help with here. I'm here to help you get ready for your "
    "mentoring conversations."
)
OFF_TOPIC_QUESTION = "What's on your mind about your work or growth that you'd like to prepare?"

AGENDA_INTRO = (
    "Here's what I've heard, in your words, drafted as an agenda for your mentor meeting:"
)
AGENDA_QUESTION = "What would you change, add or take out before it's ready?"
CLOSING = (
    "Your agenda is approved and saved, in your words. It's yours to take into the meeting. "
    "Good luck{when}; you've done the preparation, and you're leading it."
)
EDIT_UNCLEAR = "I couldn't tell which part of the agenda to change."
#: A question about the program or the sessions, asked at the agenda, that the guidance doesn't answer.
QUESTION_NOT_IN_GUIDANCE = ("Good question; I couldn't find the answer in your program's guidance, so your program "
                            "coordinator is the best person to ask (or your mentor, if it's about how you two meet).")
#: A question of theirs to us that their mentor can answer from experience ("is it normal to
#: feel this?", "what do other apprentices do"): heard, and offered for their list.
ASKED_US = ("That's a fair question, and your mentor, who has seen more people in your position, can answer it "
            "better than I can.")
ASKED_US_OFFER = "Would you like it on your list of questions for them?"
ASKED_US_ADDED = "I've put it on your list of questions for your mentor."
ASKED_US_LEFT = "Okay, we'll leave it off."
#: The same, about the program itself ("can I switch mentors next term?"), before the draft.
PROGRAM_QUESTION_UNANSWERED = ("Good question; I couldn't find the answer in your program's guidance, so your program "
                               "coordinator is the best person to ask.")
#: Thanks with no word about the draft: glad, and their call whether it is ready.
THANKS_AT_AGENDA = "Glad it helped."
#: Said after the draft, neither a change nor an approval: theirs to place, or to leave out.
NOT_FILED_QUESTION = ("Would you like that in the agenda? If so, tell me where it goes (your goal, where things "
                      "stand, options, questions for your mentor or next step), or tell me if it's ready as it is.")
APPROVE_QUESTION = "Is the agenda ready to approve as it stands, or is there anything you'd like to change first?"
EDIT_UNCLEAR_QUESTION = (
    "Which item would you like to add, take out, move or reword? (You can also edit the draft "
    "directly in the agenda panel.)"
)
# A specific strength, named from what they did; said before the usual move.
EMPTY_MESSAGE_NOTICE = (
    "It looks like your message was empty. Whenever you're ready, tell me what's on your mind."
)

GREETING = (
    "Hi! I'm here to help you get ready for your mentoring session. You lead: I'll ask "
    "questions, and you decide what matters. What's on your mind for the meeting?"
)

# After a second "just tell me" once the goal is clear: ask before offering anything.
PERMISSION_LEAD = "You've asked a couple of times now, and it sounds like you'd value some outside ideas for {topic}."
PERMISSION_QUESTION = (
    "Would it help to hear a few things others in a similar spot have tried, as options for you to weigh?"
)
# Only with the protégé's yes; framed as what others tried, never as instructions.
OPTIONS_WITH_PERMISSION = (
    "Some people in a similar spot have tried one of these: talking it through with someone "
    "who has already done it; taking one small, low-risk step first and seeing what they "
    "learn; or asking their mentor how they approached something like it. Any of these may "
    "or may not fit you, and you're the best judge of that."
)
OPTIONS_QUESTION = "Which of these, if any, feels worth exploring for {topic}?"

# Said when nothing else can be said safely (the guard rejected every phrasing).
STORE_FAILED = ("Sorry, I couldn't save your message just now, so I haven't read it. Please copy it "
                "and send it again in a moment.")
TURN_FAILED = ("Sorry, something went wrong on my side just now. Your message is saved; "
               "send anything and I'll pick it up.")
TURN_FAILED_NOTICE = ("The coach hit an internal problem; your message was saved and will be "
                      "answered with your next one.")
#: Shown when the goal, agenda and commitments could not be stored after a turn.
RECORDS_PENDING = ("Your conversation is saved, but your goal, agenda and commitments could not be updated just "
                   "now; they will be with your next message.")
#: Shown when what a check-in decided about earlier commitments could not be recorded after a turn.
CHECKINS_PENDING = ("Your conversation is saved, but your workspace could not be updated just now; it will be "
                    "with your next message.")
#: Shown when the language model fails in any way; the built-in coach's reply is shown instead.
MODEL_FAILED = "The language model couldn't answer ({why}); the built-in coach replied instead."
SAFE_QUESTION = "What feels most important to you about this right now?"

# Follow-through: a returning protégé's thread opens with last time's commitments.
CHECKIN_OPENING = (
    "Welcome back! You lead, as always. Before we look ahead: last time you said you'd "
    "{x}{more}. How did that go?"
)
CHECKIN_NEXT = "And how did it go with “{x}”?"
CHECKIN_STATUS_QUESTION = "So I note it right: where does “{x}” stand now: done, partly done, not yet, or dropped?"
CHECKIN_ACK = {
    "done": "You followed through on it.",
    "partly": "You made a start on it.",
    "not_yet": "It's still on your list.",
    "dropped": "You decided to let that one go.",
    "": "Thanks for telling me how it went.",
}
CHECKIN_DONE_QUESTION = "With that in mind, what would you like to get out of your next meeting with your mentor?"

# After the agenda is approved: it stays as approved; edits happen in the agenda panel.
AFTER_APPROVAL = "Your agenda is approved and saved; you can still change it in the agenda panel."
AFTER_APPROVAL_BYE = "Good luck with the meeting; you've done the preparation."
#: After a change to an approved agenda: it is theirs to approve again.
APPROVE_AGAIN_QUESTION = "Is it ready now, or is there anything else you'd like to change?"
AFTER_APPROVAL_QUESTIONS = (
    "What else would you like to think through before the meeting?",
    "What would help you feel ready to lead the conversation?",
)

# Once, when the protégé has one question for their mentor: room for another.
MORE_QUESTIONS = "What else would you like to ask your mentor?"

# --- Engine v2: reflections built from meaning (assistant/coach/dialogue.py) ---------------
# `{x}` is a span of the protégé's words in second person, a clause or verb phrase of at
# most about nine words, never their whole sentence.
GOAL_REFLECTIONS = (
    "So {x_ing} really matters to you.",
    "It sounds like you really want to {x}.",
)
GOAL_NOUN_REFLECTIONS = ("So you're after {x}.", "It sounds like {x} really matters to you.")
#: A goal said as a question to work out ("how to hit the target", "whether to stay").
GOAL_QUESTION_REFLECTION = "So you want to work out {x}."
GOAL_QUESTION_PLAIN = "So the question for you is {x}."
DECISION_REFLECTION = "So the choice you want to make is between {a} and {b}."
DECISION_PLAIN = "So there are two ways you could go, and you want to decide between them."
#: Someone else's view said as theirs: "So your wife says you avoid the hard conversations."
DEMAND_REFLECTION = "So {who} {says} {x}."
DEMAND_SOURCE = "So that's what {who} {is} asking of you."
DEMAND_WANTS = "So {who} would like you to {x}."
DEMAND_QUESTION = "Setting aside what {who} {wants} for a moment, what do you want from this yourself?"
SUCCESS_REFLECTIONS = ("So it matters to you that {x}.", "So for you, a good outcome would be that {x}.")
SUCCESS_PHRASE_REFLECTIONS = ("So what would really matter to you is {x}.", "So for you, a good outcome would be {x}.")
REALITY_REFLECTIONS = ("So right now, {x}.", "That's where things are at the moment: {x}.")
#: Where they are, set beside where they want to be: a double-sided reflection.
REALITY_DOUBLE = "So right now {x}, even though you want to {goal}."
OBSTACLE_DOUBLE = "You want to {goal}, and at the same time {x}."
OBSTACLE_PHRASE = "So part of what gets in the way is {x}."
OBSTACLE_REFLECTIONS = (
    "So part of what makes it hard, as you see it, is that {x}.",
    "So what gets in the way is that {x}.",
)
OPTION_REFLECTIONS = ("So part of you is weighing whether to {x}.", "So one option you see is to {x}.")
#: "I want to come out of the meeting knowing whether…": what they want to leave with.
GOAL_LEAVING = "So you want to leave the meeting {x}."
OPTION_PHRASE = "One possibility you see: {x}."
#: Several options in one message, each said back: "skips over his three options" (raters, blind sets 12-13).
#: Their words in quotes, as said: a list of their own verbs said back by the coach reads as
#: a list of suggestions (the guard's learned coder flags it, and so would a reader).
OPTIONS_LIST = "So the {n} options you named are {x}."
#: More than one of their options chosen ("probably 1 and 3", "A plus D").
CHOSEN_SEVERAL = "So {x} are the ones you'd take forward."
#: They picked one of their options.
CHOSEN = "So {x} is where you'd start."
COMMITMENT_REFLECTIONS = ("It sounds like you're ready to {x}.", "So you're planning to {x}.")
MENTOR_QUESTION_ACK = (
    "It sounds like your mentor's view on that really matters to you.",
    "That's on your list of questions for your mentor.",
)
STRENGTH_REFLECTIONS = ("{x_ing}: that took initiative.", "That's a real strength: {x}.")
FEELING_REFLECTIONS = (
    "It sounds like you're feeling {f} about it.",
    "I can hear that you're {f}.",
)
SUMMARY_LEAD = "If I've understood you:"
CORRECTION_ACK = "Sorry, I got that wrong."
#: When they put their own words right ("no wait, not on my break"), nobody apologises.
SELF_CORRECTION_ACK = "Thanks for putting that right."
#: Asked of their own goal's wording ("Too long?", "Does that cover it?"): theirs to judge.
WORDING_CHECK_QUESTION = "Reading it back, what would you change, if anything?"
WORDING_CHECK = f"That's yours to judge, since you know what you meant. {WORDING_CHECK_QUESTION}"
#: Asked whether they may change what they said ("Actually, can I change that?").
CHANGE_ACK = "Of course."
CORRECTION_SLOT_QUESTIONS = {
    "goal": "What is it you want, in your own words?",
    "success": "What would success look like for you, then?",
    "reality": "How would you describe where things stand, then?",
    "obstacles": "What would you say is really getting in the way?",
    "options": "Which options do you see, then?",
    "next_step": "What would your next step be, in your words?",
    "mentor_questions": "What would you like to ask your mentor instead?",
    "": "What did you mean?",
}
PERSON_FIXED = "Thanks, I've changed that: {new}, not {old}."

TOPIC_CHANGE = "That sounds like something different from {topic}."
TOPIC_CHANGE_QUESTION = "Would you rather switch to it now, or finish {topic} first?"
TOPIC_SWITCHED = "Okay, let's switch."
TOPIC_KEPT = "Okay, we'll stay with {topic}."

ABOUT_AI = (
    "I'm an AI assistant, not a person: a program that asks questions to help you prepare. "
    "Your mentor is the human in this, and you decide what matters."
)
AGENDA_AS_IT_STANDS = "Here's your agenda as it stands:"
#: The draft shown before they have said what they want from the meeting.
AGENDA_GOAL_QUESTION = ("It has no goal yet: what would you most like to get out of the meeting? I'll put it in "
                        "your words.")
AGENDA_NEEDS_GOAL = "Happy to draft it with you. It starts from what you want out of the meeting, so first:"
ABOUT_PRIVACY = (
    "What you write here stays yours: your mentor sees only what you choose to share from "
    "your agenda or notes, and program staff never see your words."
)
ABOUT_ROLE = (
    "I ask questions to help you get clear on what you want from your mentor meeting, and we "
    "draft an agenda together that you approve. I don't give advice; that's your mentor's part."
)
BACK_TO_IT = "Coming back to your meeting:"
USE_YES = "Yes, of course."
NO_TOPIC_YET = (
    "It sounds like the meeting's coming up and you're not sure yet what to bring, which is a very "
    "normal place to start."
)
ACKS = ("Okay.", "I see.", "Got it.", "Thanks.")
#: Not sure yet what they want: said back as that, never as a want.
WONDERING = "It sounds like you're still working out what you actually want."
#: A typo put right ("awkward*"): nothing new to reflect.
TYPO_ACK = "No worries, got it."
GOODBYE = (
    "Thanks for the conversation. What we talked through is saved; you can come back any "
    "time and pick up where you left off."
)
CHECKIN_LATER = "Before we put your agenda together: last time you said you'd {x}. How did that go?"
