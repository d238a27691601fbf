"""The preparation conversation several tests play: a protégé who arrives unsure and
leaves with a goal, options, a next step and two questions for their mentor."""

PREP_SCRIPT = [
    "I have a meeting with my mentor on Thursday and don't know what to talk about",
    "I guess I want to get better at presenting to leadership",
    "I'd be able to present without my voice shaking",
    "Right now I avoid presenting, my manager does it for me",
    "I get nervous and I don't prepare enough",
    "I could ask to present a small update at the next team meeting, or practice with a friend",
    "I'll ask my manager on Friday if I can present the update",
    "I want to ask her how she got comfortable presenting to executives",
    "Also whether she thinks I'm ready to present to the VP",
]
