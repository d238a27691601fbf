"""The offline engine's own phrasing: questions per slot, reflections, role statements.

Every question here is open, single and free of advice; tests run them all through the
utterance coder. `{topic}` is the protégé's goal in their words (person-shifted) and
`{when}` their timeframe ("on Thursday"), or a neutral fallback.
"""

from __future__ import annotations

#: Questions by slot, tried in order, never repeated within a thread.
SLOT_QUESTIONS: dict[str, tuple[str, ...]] = {
    "goal": (
        "What would make your next conversation with your mentor feel worth your time?",
        "What would you most like to be different a few months from now?",
        "What's been on your mind at work lately that you'd like to think through?",
        "Which part of your work or growth would you like your mentor's help with?",
    ),
    "success": (
        "How would you know you'd made real progress on it?",
        "What would be different for you if you got there?",
        "What would a good outcome look like, in your own words?",
    ),
    "why": (
        "What makes {topic} important to you right now?",
        "What would reaching it mean for you?",
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
        "What's one small step you could take {when}?",
        "What will you do first?",
    ),
    "mentor_questions": (
        "What would you like to ask your mentor {when}?",
        "Where would your mentor's perspective help you most?",
        "What kind of help would you like from your mentor: ideas, feedback, contacts, or something else?",
    ),
}

#: Fallbacks when a slot's questions are used up.
GENERIC_QUESTIONS: tuple[str, ...] = (
    "What else feels important here?",
    "What are you noticing as you think about this?",
    "What would you like to explore next?",
    "What's the most useful thing we could focus on now?",
)

#: Lead-ins that turn the protégé's words for a slot into a reflection.
SLOT_REFLECTIONS: dict[str, str] = {
    "goal": "You'd like to {x}.",
    "success": "For you, progress would look like this: {x}.",
    "why": "This matters to you because {x}.",
    "reality": "So right now, {x}.",
    "obstacles": "What gets in the way is that {x}.",
    "options": "You've named an option: {x}.",
    "next_step": "Your next step: {x}.",
    "mentor_questions": "You'd like to ask your mentor: {x}.",
    "context": "{x}.",
}

FEELING_REFLECTION = (
    "It sounds like {topic} really matters to you, and you're feeling {feeling} about it."
)
HEDGED_REFLECTION = "You're leaning toward {x}, even if it doesn't feel settled yet."
NOT_WANTED_REFLECTION = "You know you don't want to {x}."

LOW_EFFORT_MENU = (
    "It sounds like it's hard to put a name to it right now, and that's okay. People often bring one of these to a "
    "mentor: a skill they want to grow, a decision they're weighing, a situation at work "
    "that's bothering them, or where they want their career to go."
)
LOW_EFFORT_QUESTION = "Which of those feels closest, or is it something else entirely?"
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
    "Here's where you've landed, in your words. {summary} It's yours to take into the "
    "meeting. Good luck{when}; you've done the preparation, and you're leading it."
)
# A specific strength, named from what they did; said before the usual move.
AFFIRMATION = "That took initiative: you {x}, and it paid off."

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
SAFE_QUESTION = "What feels most important to you about this right now?"

# Follow-through: a returning protégé's thread opens with last time's commitments.
CHECKIN_OPENING = (
    "Welcome back! You lead, as always. Before we look ahead: last time you said you'd "
    "{x}{more}. How did that go?"
)
CHECKIN_NEXT = "And how did it go with “{x}”?"
CHECKIN_STATUS_QUESTION = "Where would you say it stands now: done, partly done, not yet, or dropped?"
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
AFTER_APPROVAL_QUESTIONS = (
    "What else would you like to think through before the meeting?",
    "What would help you feel ready to lead the conversation?",
)

# Once, when the protégé has one question for their mentor: room for another.
MORE_QUESTIONS = "What else would you like to ask your mentor?"
