"""The agenda as data: drafted from the slots, rendered to Markdown, edited item by item."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.coach.agenda_items import apply_edit, apply_edits, build, render
from tests.prep_script import PREP_SCRIPT
from tests.test_coach_engine import make_service, run

SLOTS = {
    "goal": "become a tech lead",
    "success": "I run the design review",
    "reality": "I take tickets",
    "obstacles": "I freeze when people interrupt me",
    "options": "run the review; ask to shadow Fine",
    "mentor_questions": "how she got her first lead role / whether I'm ready",
    "next_step": "ask my lead on Monday",
}
GOAL, NOW, OPTIONS, QUESTIONS, STEP, CATCH = (
    "My goal", "Where things stand", "Options I'm weighing", "Questions for my mentor", "My next step",
    "Catch-up since last time",
)


def titles(items: list) -> list[str]:
    return [i.title or i.words[0] for i in items]


def test_the_draft_is_rendered_from_items_in_the_proteges_words() -> None:
    items = build(SLOTS, goal_is_verb=True)
    assert render(items, "on Thursday").splitlines() == [
        "**Mentor meeting agenda (on Thursday)**",
        "1. Catch-up since last time: what's happened since last time (5 min)",
        "2. My goal: “I want to become a tech lead”; “I run the design review” (10 min)",
        "3. Where things stand: “I take tickets”; “I freeze when people interrupt me” (10 min)",
        "4. Options I'm weighing: “run the review”; “ask to shadow Fine” (10 min)",
        "5. Questions for my mentor: “how she got her first lead role”; “whether I'm ready” (10 min)",
        "6. My next step: “ask my lead on Monday” (5 min)",
    ]


@pytest.mark.parametrize(
    ("ask", "said", "order"),
    [
        ("can we move the options before the reality bit?",
         "I moved “Options I'm weighing” before “Where things stand”.", [CATCH, GOAL, OPTIONS, NOW, QUESTIONS, STEP]),
        ("take out the catch-up", "I took out “Catch-up since last time”.", [GOAL, NOW, OPTIONS, QUESTIONS, STEP]),
        ("put my questions first", "I moved “Questions for my mentor” to the top.",
         [QUESTIONS, CATCH, GOAL, NOW, OPTIONS, STEP]),
        ("move the second item to the end", "I moved “My goal” to the end.",
         [CATCH, NOW, OPTIONS, QUESTIONS, STEP, GOAL]),
    ],
)
def test_moves_and_removals_act_on_items(ask: str, said: str, order: list[str]) -> None:
    edit = apply_edit(build(SLOTS, True), ask)
    assert edit is not None and edit.said == said
    assert titles(edit.items) == order


def test_taking_out_quoted_words_removes_those_words_not_the_section() -> None:
    edit = apply_edit(build(SLOTS, True), "take out 'ask to shadow Fine'")
    assert edit is not None and edit.said == "I took “ask to shadow Fine” out of “Options I'm weighing”."
    options = next(i for i in edit.items if i.kind == "options")
    assert options.words == ["run the review"]


def test_rewording_changes_their_words_everywhere_and_says_when_it_cannot() -> None:
    edit = apply_edit(build(SLOTS, True), "change 'design review' to 'architecture review'")
    assert edit is not None and edit.said == "I changed “design review” to “architecture review”."
    assert "“I run the architecture review”" in render(edit.items, "soon")
    missing = apply_edit(build(SLOTS, True), "reword 'be more vocal' to 'share opinions'")
    assert missing is not None and missing.said.startswith("I couldn't find “be more vocal” in the draft")
    assert render(missing.items, "x") == render(build(SLOTS, True), "x")


def test_additions_keep_their_words_and_questions_join_the_questions() -> None:
    edit = apply_edit(build(SLOTS, True), "Could you add a quick item to thank her? It was her idea.")
    assert edit is not None and edit.said == "I added “Thank her”."
    assert render(edit.items, "x").endswith("7. “Thank her” (5 min)")
    asked = apply_edit(build(SLOTS, True), "also ask her how she handles conflict")
    assert asked is not None
    assert next(i for i in asked.items if i.kind == "questions").words[-1] == "Ask her how she handles conflict"
    for ask in ("make it shorter", "hmm not sure"):
        assert apply_edit(build(SLOTS, True), ask) is None, ask


def test_additions_asked_as_a_question_or_with_too_keep_only_the_item() -> None:
    for ask, said in (("Can we add a point about the offsite?", "I added “The offsite”."),
                      ("could I include the hiring plan as well", "I added “The hiring plan”."),
                      ("add the Q3 budget review too", "I added “The Q3 budget review”.")):
        edit = apply_edit(build(SLOTS, True), ask)
        assert edit is not None and edit.said == said, ask


def test_a_change_asked_in_the_chat_is_in_the_agenda_they_approve(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    replies = run(service, [*PREP_SCRIPT, "can we move the options before the reality bit?", "make it friendlier",
                            "looks right"])
    moved, unclear, closing = replies[-3:]
    assert moved.move == "agenda_edit+question"
    assert moved.text.startswith("I moved “Options I'm weighing” before “Where things stand”.")
    assert unclear.text.startswith("I couldn't tell which part of the agenda to change.")
    assert closing.move == "closing"
    state = service.state("ana", "t1")
    assert [i["kind"] for i in state["agenda_items"]][2:4] == ["options", "where"]
    assert "3. Options I'm weighing" in state["agenda"]
    assert state["agenda_edits"] == ["make it friendlier"]


def test_the_calendar_title_is_shortened_at_a_word_never_mid_word() -> None:
    from assistant.agenda import title

    goal = ("feel confident enough to present the quarterly roadmap to the leadership team without "
            "reading from my notes")
    shown = title(f"My goal: “{goal}”")
    assert shown == ("Mentor meeting: feel confident enough to present the quarterly roadmap to the leadership "
                     "team…")
    assert title("My goal: “speak up more”") == "Mentor meeting: speak up more"
    assert title("no goal line") == "Mentor meeting"


def test_every_change_in_one_message_is_made_and_the_numbers_mean_the_draft_they_read() -> None:
    slots = {**SLOTS, "reality": "And money, 0.8 is a fair chunk less; mainly guilt",
             "mentor_questions": "how did she fit the course around shifts / would she be a referee for me"}
    edit = apply_edits(build(slots, True), "Can you take the money bit out of the agenda, I don't really want to "
                       "get into that with Liz. And maybe put the referee question first since that's the one I need")
    assert edit is not None
    assert edit.said == ("I took “money, 0.8 is a fair chunk less” out of “Where things stand”. "
                         "I moved “would she be a referee for me” to the top.")
    assert edit.items[0].words == ["would she be a referee for me", "how did she fit the course around shifts"]
    assert [i.words for i in edit.items if i.kind == "where"] == [["mainly guilt", "I freeze when people interrupt me"]]
    # "the second point" is the goal they saw second, though a move in the same message came first.
    edit = apply_edits(build(SLOTS, True), "Could you please move my questions to the top? Also kindly reword the "
                       "second point to say 'discuss timing of application' rather than 'decide whether to apply'.")
    assert edit is not None and titles(edit.items)[:3] == [QUESTIONS, CATCH, "Discuss timing of application"]


def test_a_verb_of_change_is_an_agenda_edit_only_when_it_points_at_the_agenda() -> None:
    from assistant.coach.agenda_items import looks_like_edit

    assert looks_like_edit("take the money bit out please")
    assert looks_like_edit("remove 'is 3 papers enough', I think I will ask Eva this")
    assert looks_like_edit("put the supervisor question first because it is the hardest")
    assert not looks_like_edit("The goal is the same, get my IBCLC and cut my hours a bit so I'm not knackered")
    assert not looks_like_edit("I might drop the course and take a break first")


def test_questions_said_in_one_breath_are_several_and_none_is_cut_mid_phrase() -> None:
    from assistant.language.meaning import split_questions

    assert split_questions("how did she fit the course around shifts, would she be a referee for me, and is asking "
                           "for 0.8 during study a normal thing to do") == [
        "how did she fit the course around shifts", "would she be a referee for me",
        "is asking for 0.8 during study a normal thing to do"]
    assert split_questions("whether it is normal to feel this way at work and what to do") == [
        "whether it is normal to feel this way at work and what to do"]
    long = split_questions("how she balanced her own move into hospital practice with family responsibilities and "
                           "the long commute and the night shifts and the exams that came with all of it at once")
    assert len(long) == 1 and not long[0].endswith((" the", " and", " of", " with", " a"))


def test_after_the_draft_what_they_add_goes_to_its_section_and_idk_is_not_approval(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    replies = run(service, [*PREP_SCRIPT, "Questions for Jansen: is my idea strong enough for the grant, how to "
                            "talk with my supervisor, and if 3 papers is enough", "idk", "yes that's it"])
    added, unsure, closing = replies[-3:]
    assert added.text.startswith("I added those 3 questions for your mentor.")
    questions = next(i for i in service.state("ana", "t1")["agenda_items"] if i["kind"] == "questions")
    assert questions["words"][-3:] == ["Is my idea strong enough for the grant", "How to talk with my supervisor",
                                       "If 3 papers is enough"]
    assert unsure.move == "question" and "approve" in unsure.text
    assert closing.move == "closing"


def test_another_question_thought_of_after_the_draft_joins_the_questions(tmp_path: Path) -> None:
    # Blind review 16, W11: answered as a question for the program's guidance.
    service = make_service(tmp_path)
    (reply,) = run(service, [*PREP_SCRIPT, "And another one, I just thought of it: does she think doing a cheaper "
                                           "line make the expensive line look less serious?"])[-1:]
    assert reply.text.startswith("I added that to your questions for your mentor.")
    questions = next(i for i in service.state("ana", "t1")["agenda_items"] if i["kind"] == "questions")
    assert questions["words"][-1] == "Does she think doing a cheaper line make the expensive line look less serious"


def test_an_approved_agenda_can_still_be_changed_and_is_approved_again(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    replies = run(service, [*PREP_SCRIPT, "looks good", "can u add asking if i can show her my portfolio",
                            "thanks", "thanks again"])
    approved, changed, again, bye = replies[-4:]
    assert approved.move == "closing" and changed.move == "agenda_edit+question"
    assert "I added “Asking if i can show her my portfolio”." in changed.text
    assert changed.text.endswith("Is it ready now, or is there anything else you'd like to change?")
    assert again.move == "closing" and "portfolio" in service.state("ana", "t1")["agenda"]
    assert bye.move == "closing" and "?" not in bye.text


def test_questions_labelled_with_the_mentors_name_are_her_questions_whole() -> None:
    from assistant.language.meaning import read

    assert read("questions for Ruth: how did she get from the bedside into education, and does she think doing "
                "the PGCert part time while on nights is mad").mentor_question == (
        "how did she get from the bedside into education / does she think doing the PGCert part time while on "
        "nights is mad")
    # The condition opens the question; "how to ask for a raise" is the question, not "a raise".
    assert read("Questions for Krzysztof: how long he study for his exam. And if company pay, do I have to stay "
                "some years after.").mentor_question == (
        "how long he study for his exam / if company pay, do I have to stay some years after")
    assert read("questions for my mentor: how to ask for a raise?").mentor_question == "how to ask for a raise"
    assert read("For Liz: how did she move?").mentor_question == "how did she move"
    assert read("My mentor is Liz, she used to be a nurse.").mentor_question == ""


def said_after(slots: dict[str, str], message: str) -> str:
    """What the coach says it changed, when the draft built from these slots is edited by the message."""
    edit = apply_edits(build(slots, True), message)
    assert edit is not None, message
    return edit.said


def test_the_question_an_ask_names_is_moved_and_a_missing_item_is_named_plainly() -> None:
    slots = {**SLOTS, "reality": "money for a PGCert",
             "mentor_questions": "how did she get into education / is doing the PGCert part time on nights mad"}
    assert said_after(slots, "can you move the PGCert question up to the top since that's the one keeping me up at "
                      "night, and take out the HR portfolio item altogether, I'll sort that myself") == (
        "There's no item about “HR portfolio” in the draft, so nothing was taken out. "
        "I moved “is doing the PGCert part time on nights mad” to the top.")
    assert said_after(slots, "Only remove point about English. And write 'company money' not 'employer "
                      "sponsorship', is easier for me.") == (
        "There's no point about “English” in the draft, so nothing was taken out. I couldn't find “employer "
        "sponsorship” in the draft, so nothing changed; which item should say “company money”?")


def test_options_and_goals_are_never_cut_inside_a_word_or_a_phrase() -> None:
    from assistant.language.meaning import read
    from assistant.language.spans import goal_span

    assert read("options... I could ask if the trust funds the PGCert, or do the free in-house teaching skills "
                "course first, or ask Bev if I can co-run a sim session. the in-house course is probably the "
                "easiest first step").option == ("ask if the trust funds the PGCert; do the free in-house teaching "
                                                 "skills course first; ask Bev if I can co-run a sim session")
    assert goal_span("so the goal, in my words I guess: I want to move into a clinical educator role within about "
                     "two years without leaving critical care completely") == (
        "move into a clinical educator role within about two years")  # never "you want to want to…"


def test_two_items_swap_places_by_number_or_name_and_approval_can_be_said_formally(tmp_path: Path) -> None:
    edit = apply_edits(build(SLOTS, True, "sent the draft"), "swap 1 and 2. and cut the thing about the business "
                       "plan thats not me")
    assert edit is not None and titles(edit.items)[:2] == [titles(build(SLOTS, True, "x"))[1], CATCH]
    assert edit.said == (f"I swapped “{CATCH}” and “{titles(edit.items)[0]}”. There's no item about “business plan” "
                         "in the draft, so nothing was taken out.")
    service = make_service(tmp_path)
    closing = run(service, [*PREP_SCRIPT, "That is approved. Thank you for your assistance."])[-1]
    assert closing.move == "closing" and service.state("ana", "t1")["agenda_approved"]
    service = make_service(tmp_path / "again")
    assert run(service, [*PREP_SCRIPT, "vale, perfect. approved. me voy, the fish just arrived"])[-1].move == "closing"
    service = make_service(tmp_path / "not yet")
    assert run(service, [*PREP_SCRIPT, "not approved yet, hmm"])[-1].move != "closing"


def test_labelled_answers_with_an_aside_or_a_then_are_read_by_their_label() -> None:
    from assistant.language.meaning import read

    goal = read("My goal, stated plainly: to be put forward for equity partnership in the next review cycle, "
                "which is eighteen months away.")
    assert goal.goal == "be put forward for equity partnership in the next review cycle"
    assert read("Then the options are: ask to co-lead the client pitch in Q3, write an article for the bar "
                "journal, or request a formal mid-cycle conversation with the managing partner. The third is the "
                "most direct.").option == ("ask to co-lead the client pitch in Q3; write an article for the bar "
                                           "journal; request a formal mid-cycle conversation with the managing partner")
    # One option in steps ("…, and read from them"); one turned down is not weighed.
    assert read("Ok. Options... I can write notes before handover, short points for each resident, and read from "
                "them. Or ask Claire to let me finish first. I will not do the English course in the evening, I "
                "have two kids and nights, it is impossible.").option == (
        "write notes before handover, short points for each resident; ask Claire to let me finish first")
    assert read("My next step will be to request that mid-cycle conversation in writing by the 15th of this "
                "month.").commitment == "request that mid-cycle conversation in writing by the 15th"
    assert read("questions... how do i tell my mentor about the dad thing without it being weird. and does he "
                "know anyone who does stairs").mentor_question == (
        "how do i tell my mentor about the dad thing without it being weird / does he know anyone who does stairs")
    assert read("my dad wants me to take over his business. my mentor is gonna ask about that for sure"
                ).mentor_question == ""


def test_it_in_a_change_is_the_thing_named_just_before_and_questions_addressed_by_name_are_split_whole() -> None:
    from assistant.coach.agenda_items import apply_edits, labelled_questions
    from assistant.language.meaning import split_questions

    slots = {**SLOTS, "reality": "my parents want me to come home and try the cadet program"}
    edit = apply_edits(build(slots, True), "Thank you, agenda is nice. And the item about my parents' wish, please "
                       "move it to the end, it's less important.")
    assert edit is not None
    assert edit.said == "I moved “my parents want me to come home and try the cadet program” to the end."
    assert labelled_questions("For Captain Reid: did he have a failed test also? And how he practiced radio. oh, his "
                              "English is native. Then maybe: how to stay calm when I make one mistake, so it doesn't "
                              "become five.") == ["did he have a failed test also", "how he practiced radio",
                                                  "how to stay calm when I make one mistake, so it doesn't become five"]
    assert labelled_questions("For Monday: I will email her.") == []
    assert split_questions("what does she think of Dr. Smith and his lab") == ["what does she think of Dr. Smith and "
                                                                               "his lab"]
    assert split_questions("how did she start? actually, how long did it take her") == [
        "how did she start", "how long did it take her"]
    assert split_questions("how did she start? oh and what would she do differently") == [
        "how did she start", "what would she do differently"]


def test_an_item_chucked_in_keeps_its_subject_not_the_reason_given_for_it() -> None:
    edit = apply_edit(build(SLOTS, True), "And chuck in a quick bit at the end about the Christmas roster, I need "
                      "his advice on that too")
    assert edit is not None and edit.said == "I added “The Christmas roster”."
    assert edit.items[-1].words == ["The Christmas roster"]


def test_blind_set_8_agenda_asks_are_understood(tmp_path: Path) -> None:
    # Blind review set 8 (its first rating is recorded before these fixes): a program question at
    # the draft is answered as one, and edits said after a remark or with "it" are made.
    slots = {**SLOTS, "goal": "overcome fear of asking senior colleagues", "reality": "complaining about a colleague"}
    assert said_after(slots, "the agenda is nice but the first item says 'overcome fear', can you change it to "
                      "'asking senior colleagues for support'? fear sounds so dramatic lol") == (
        "I changed “overcome fear” to “asking senior colleagues for support”.")
    assert said_after(slots, "okay ✅ can you change 'complaining about a colleague' to like 'asking for a promotion "
                      "professionally' it sounds bad lol").startswith("I changed “complaining about a colleague” to")
    assert said_after(slots, "agenda looks cute 😄 can you add 'rates / how to quote without apologising' as its own "
                      "thing") == "I added “Rates / how to quote without apologising”."
    assert said_after(slots, "Very good. Could you add one item: the October timeline, so that we can plan backwards "
                      "from it?") == "I added “The October timeline, so that we can plan backwards from it”."
    service = make_service(tmp_path)
    asked = run(service, [*PREP_SCRIPT, "wait is my mentor still the same lady from the kickoff or did they change? "
                          "someone said they reshuffled"])[-1]
    assert asked.text.startswith("Good question; I couldn't find the answer in your program's guidance")
    assert not service.state("ana", "t1").get("agenda_edits")


def test_a_word_of_another_world_in_a_longer_work_message_is_not_off_topic() -> None:
    from assistant.coach.router import route

    assert route("Problem: I've never done timetabling or budget stuff. I do discipline and football. Also I'm "
                 "knackered, I've got the S2s this year and they are feral") == "coach"
    assert route("who won the football last night") == "off_topic"


def test_a_title_of_their_own_replaces_the_heading_and_is_never_an_item() -> None:
    # Blind review set 13: "call the whole thing '…'", "the title please '…'", "Change the title.
    # Call it '…'" were each met with "I couldn't tell which part of the agenda to change".
    items = build(SLOTS, goal_is_verb=True)
    for ask, title in [("Change the title. Call it 'Civvy Street: Month 2'.", "Civvy Street: Month 2"),
                       ("and call the whole thing 'getting off nights without getting off the road' haha",
                        "Getting off nights without getting off the road"),
                       ("Good. And the title please 'Back to engineering', this is what I want.",
                        "Back to engineering")]:
        edit = apply_edits(items, ask)
        assert edit is not None, ask
        lines = render(edit.items, "Thursday").splitlines()
        assert lines[0] == f"**{title} (Thursday)**", ask
        assert len(lines) == 7 and lines[1].startswith("1. Catch-up"), lines
    titled = apply_edits(items, "rename the meeting 'Lessons for a dinosaur'")
    assert titled is not None
    moved = apply_edits(titled.items, "move the last item to the top")  # the title is not "the last item"
    assert moved is not None and titles(moved.items)[0] == STEP
    assert render(moved.items, "Thursday").splitlines()[0] == "**Lessons for a dinosaur (Thursday)**"


def test_an_item_named_by_its_place_takes_the_words_they_give_it() -> None:
    edit = apply_edits(build(SLOTS, goal_is_verb=True),
                       "Change the first item to read 'Getting the launch back', plainly. And add a short item at "
                       "the end, 'How I'm actually doing', five minutes, so it's there if I want it and easy to skip "
                       "if I don't.")
    assert edit is not None
    lines = render(edit.items, "Thursday").splitlines()
    assert lines[1] == "1. Getting the launch back (5 min)"
    assert lines[-1] == "7. “How I'm actually doing” (5 min)"  # an add, however it ends ("easy to skip")
    assert len(lines) == 8


@pytest.mark.parametrize(("ask", "first"), [
    ("swap it round so the shadow one is before the review stuff", ["ask to shadow Fine", "run the review"]),
    ("Please change the order: first the question about whether I'm ready, because it matters most",
     ["whether I'm ready", "how she got her first lead role"]),
])
def test_the_order_they_want_said_as_an_order_is_a_move(ask: str, first: list[str]) -> None:
    edit = apply_edits(build(SLOTS, goal_is_verb=True), ask)
    assert edit is not None and "moved" in edit.said, ask
    section = next(i for i in edit.items if first[0] in i.words)
    assert section.words == first


def test_a_reword_whose_old_words_are_half_right_changes_the_words_they_share() -> None:
    # Blind review set 14: "change 'retry logic' to 'UPI callback retry'" when the draft said
    # "the retry problem", and "take that last question out", both met with "couldn't find".
    items = build(SLOTS, goal_is_verb=True)
    edit = apply_edits(items, "change 'my lead stuff' to 'Ines, my tech lead'")
    assert edit is not None and edit.said == "I changed “my lead” to “Ines, my tech lead”.", edit and edit.said
    step = next(i for i in edit.items if i.kind == "next_step")
    assert step.words == ["ask Ines, my tech lead on Monday"]
    same = apply_edits(items, "change 'Fine thing' to 'shadow Fine'")
    assert same is not None and "already says" in same.said
    gone = apply_edits(items, "Actually take that last question out. I'm not ready to hear the answer.")
    assert gone is not None
    assert next(i for i in gone.items if i.kind == "questions").words == ["how she got her first lead role"]


def test_an_item_named_by_what_it_is_about_takes_new_words_and_a_place_at_the_end_wins() -> None:
    # Blind review set 15: "Reword the item about obstacles to '…'" and "Move the bit about dropping
    # the course to the top, …" (an "after" inside what it names) were both left undone.
    items = build(SLOTS, goal_is_verb=True)
    edit = apply_edits(items, 'Reword the item about obstacles to "Why I keep freezing", please.')
    assert edit is not None and edit.said == "I renamed that item to “Why I keep freezing”.", edit and edit.said
    assert "3. Why I keep freezing: “I take tickets”" in render(edit.items, "Thursday")
    items[4].words.append("what she did after her first review went badly")
    moved = apply_edits(items, "Move the bit about what she did after her first review to the top, she'll ask anyway")
    assert moved is not None and moved.said.startswith("I moved “what she did after her first review went badly”")
    assert titles(moved.items)[0] == QUESTIONS


def test_one_question_named_by_its_place_takes_the_new_words_not_the_section() -> None:
    edit = apply_edits(build(SLOTS, goal_is_verb=True), "change the last question to 'whether I'm ready to lead'")
    assert edit is not None
    section = next(i for i in edit.items if i.kind == "questions")
    assert (section.title, section.words) == (QUESTIONS, ["how she got her first lead role",
                                                          "whether I'm ready to lead"])


def test_the_catch_up_is_found_by_what_they_did_and_moving_the_first_item_first_says_so() -> None:
    # Blind review 15 (U01): "put the report on the shadowing first" got "I couldn't tell which part
    # of the agenda to change"; the shadowing is in the catch-up's note, not its words.
    items = build({"goal": "how to give instructions to drivers", "next_step": "write down five points"}, False,
                  "“I will shadow Mr. Kamau on the night shift.”, done: “Yes, I managed it.”")
    moved = apply_edit(items[::-1], "Only please put the report on the shadowing first, because she asked for it")
    assert moved is not None and moved.items[0].kind == "catch_up"
    assert moved.said == "I moved “Catch-up since last time” to the top."
    already = apply_edit(items, "please put the report on the shadowing first")
    assert already is not None and already.said == "“Catch-up since last time” is already first."
    assert [i.kind for i in already.items] == [i.kind for i in items]


def test_a_change_asked_beside_an_approval_is_made_and_the_approval_taken(tmp_path: Path) -> None:
    # Blind review 15 (U08): "Agenda works. I'd like to open with the huddle thing so it's out of the
    # way. Otherwise good to go." was approved without the change.
    service = make_service(tmp_path)
    *_, done = run(service, ["I want to get better at presenting to leadership",
                             "I want to ask her how she handles tough questions from the VP",
                             "can I see the agenda?",
                             "Agenda works. I'd like to start with my questions so they don't get squeezed. "
                             "Otherwise good to go."])
    assert done.move == "closing" and done.text.startswith("I moved “Questions for my mentor” to the top.")
    assert "1. Questions for my mentor: “how she handles tough questions from the VP”" in done.text
    state = service.state("ana", "t1")
    assert state["agenda_approved"] and state["agenda_items"][0]["kind"] == "questions"
    # A change asked alone still waits for their word.
    other = make_service(tmp_path / "other")
    *_, moved = run(other, ["I want to get better at presenting to leadership",
                            "I want to ask her how she handles tough questions from the VP",
                            "can I see the agenda?", "can we open with my questions"])
    assert moved.move == "agenda_edit+question" and not other.state("ana", "t1").get("agenda_approved")


def test_thanks_after_approving_is_a_goodbye_not_something_to_add(tmp_path: Path) -> None:
    # Blind review 15 (U10): "tq so much!! feel more ready now…" was added under "Where things stand"
    # and the approved agenda reopened.
    service = make_service(tmp_path)
    *_, bye = run(service, ["I want to get better at presenting to leadership",
                            "I want to ask her how she handles tough questions from the VP",
                            "can I see the agenda?", "ok agenda ok. approve",
                            "tq so much!! feel more ready now, not going to blur blur on saturday haha"])
    assert bye.move == "closing" and "added" not in bye.text
    state = service.state("ana", "t1")
    assert state["agenda_approved"]
    assert not any("ready" in w for item in state["agenda_items"] for w in item["words"])


def test_one_more_question_after_the_draft_joins_the_list_and_the_agenda_is_fine_approves(tmp_path: Path) -> None:
    # Blind review 14 (V02): both got "I couldn't tell which part of the agenda to change".
    service = make_service(tmp_path)
    *_, added, approved = run(service, [
        "I want to get better at presenting to leadership",
        "I want to ask her how she handles tough questions from the VP", "can I see the agenda?",
        "One more - should I tell my manager the team helped to draft it, or will he see it as me not taking "
        "responsibility?",
        "Yes the agenda is fine like that. Thank you, let me go and start printing the preference forms."])
    assert added.text.startswith("I added that to your questions for your mentor.")
    assert "“should I tell my manager the team helped to draft it, or will he see it as me not taking " \
           "responsibility”" in added.text.replace("“Should", "“should")
    assert approved.move == "closing" and service.state("ana", "t1")["agenda_approved"]


def test_blind_set_16_titles_rewordings_and_added_questions_are_understood() -> None:
    # Blind review 16: "And the title, change to '…'" and "the title I want '…'" were ignored,
    # "the item about X — call it '…what's…'" renamed the whole agenda cut at the apostrophe,
    # "I dont want it written like 'a'. Write 'b'" was pasted in as a new item, and "add one
    # more question: …" became a stray item 7.
    items = build(SLOTS, goal_is_verb=True)
    for ask, title in [('Good. But please put the question about whether I am ready first. And the title, change to '
                        '"Talk with Gareth – 2391 course"', "Talk with Gareth – 2391 course"),
                       ('Is good but the title I want "Preparing talk with Julen". Not something like difficult staff.',
                        "Preparing talk with Julen")]:
        edit = apply_edits(items, ask)
        assert edit is not None and render(edit.items, "x").splitlines()[0] == f"**{title} (x)**", ask
    renamed = apply_edits(items, 'Also the item about the design review — call it "Review: what\'s usable". '
                                 'Anything with "problems" in it sounds bad.')
    assert renamed is not None and renamed.said == "I changed “I run the design review” to “Review: what's usable”."
    assert render(renamed.items, "x").splitlines()[0] == "**Mentor meeting agenda (x)**"
    reworded = apply_edits(items, 'Also the thing about the tickets, I dont want it written like "I take tickets". '
                                  'Write "I mostly do tickets" please.')
    assert reworded is not None and reworded.said == "I changed “I take tickets” to “I mostly do tickets”."
    missing = apply_edits(items, 'I dont want it written like "afraid to fail". Write "worried about the exam" please.')
    assert missing is not None and missing.said.startswith("I couldn't find “afraid to fail” in the draft")
    assert len(missing.items) == len(items)
    added = apply_edits(items, "can you take out the tickets bit. and add one more question: should I mention my side "
                               "project or is it too small to count")
    assert added is not None and len(added.items) == len(items)
    assert next(i for i in added.items if i.kind == "questions").words[-1] == (
        "Should I mention my side project or is it too small to count")
    asking = apply_edits(items, "Please add a question asking whether he knows of any colleagues who took on a "
                                "transition role, and how it was received.")
    assert asking is not None and next(i for i in asking.items if i.kind == "questions").words[-1] == (
        "Whether he knows of any colleagues who took on a transition role, and how it was received")
    # "write the last question different, like this: '…'" (W07), "The item concerning … should
    # read '…'. And please reword the second question as follows: '…'" (W08).
    three = build({**SLOTS, "mentor_questions": "how she got her first lead role / whether I'm ready / is it normal "
                                                "to feel guilty"}, goal_is_verb=True)
    written = apply_edits(three, 'Thank you. Can you write the last question different, like this: "Is it ok to '
                                 'choose a job partly because of the salary?" The word guilty sounds too heavy.')
    assert written is not None and written.said == (
        "I changed “is it normal to feel guilty” to “Is it ok to choose a job partly because of the salary?”.")
    forgot = apply_edits(three, "Merci. I would like to add a question I forgot: how she talks about prices with "
                                "clients who are friends. And you can put it first, this one really stress me.")
    assert forgot is not None and forgot.items[0].words[0] == "How she talks about prices with clients who are friends"
    two = apply_edits(three, 'Thank you. Two amendments. The item concerning my next step should read "Update on the '
                             'document". And please reword the second question as follows: "How to discuss my future '
                             'role with a new director."')
    assert two is not None and two.said == ("I renamed that item to “Update on the document”. I changed “whether I'm "
                                            "ready” to “How to discuss my future role with a new director”.")


@pytest.mark.parametrize(("message", "approved"), [
    ("Good. But please put the question about company paying first, this is most important.", False),
    ("looks good. can you take out the tickets bit", False),
    ("Agenda works. I'd like to open with the huddle thing. Otherwise good to go.", True),
    ("Take out the tickets bit. Otherwise perfect, approved.", True),
    ("Looks good. Only change 'retry logic' to 'UPI callback retry' so she knows which one.", True),
])
def test_an_approval_counts_beside_a_change_only_when_said_after_it(message: str, approved: bool) -> None:
    from assistant.coach.policy import _approved_beside

    assert _approved_beside(message) is approved


def test_where_things_stand_quotes_what_they_said_not_the_joint_it_was_cut_at() -> None:
    # Blind review 16: "but we fixed it", "before I say anything to my manager" and "context: …"
    # were items of their own.
    slots = {**SLOTS, "reality": "context: I've been on the payments team 18 months; before I say anything to my "
                                 "manager; but we fixed it",
             "obstacles": "that my manager has been really good to me"}
    where = next(i for i in build(slots, True) if i.kind == "where")
    assert where.words == ["I've been on the payments team 18 months", "we fixed it",
                           "my manager has been really good to me"]


def test_numbered_questions_under_a_label_are_each_a_question_whole() -> None:
    # Blind review 16 (W05, W06): "1," and "and 2" became parts of the questions, and a label
    # with an aside before its colon was read as a question itself.
    from assistant.coach.agenda_items import labelled_questions
    from assistant.language.meaning import read

    assert labelled_questions('Questions for Carmen:\n1. How she starts a conversation like this, the first '
                              'sentence.\n2. What to do if he gets angry.\n3. How to follow up with Inés if she says '
                              'always "everything fine".') == [
        "How she starts a conversation like this, the first sentence", "What to do if he gets angry",
        'How to follow up with Inés if she says always "everything fine"']
    asked = read("Questions I want to ask her, numbered so I don't ramble at her again:\n1. Did she ever have a "
                 "chapter that didn't work?\n2. How do examiners react to a smaller chapter?\n3. How does she "
                 "protect writing time when teaching eats the week?").mentor_question
    assert asked.split(" / ") == ["Did she ever have a chapter that didn't work",
                                  "How do examiners react to a smaller chapter",
                                  "How does she protect writing time when teaching eats the week"]


def test_apostrophes_inside_words_are_not_quotes_and_the_bit_about_x_can_be_changed() -> None:
    # Blind review 16, W03: "Whatever you've called the bit about the proposal I didn't write,
    # change it to '…'" replaced the word "about" inside a question (the apostrophes of
    # "you've" and "didn't" were read as quotes), and a label was kept in the first question.
    from assistant.coach.agenda_items import apply_edits
    from assistant.language.meaning import read

    slots = {**SLOTS, "reality": "I did not write the proposal for the archive club"}
    edit = apply_edits(build(slots, True), "Grand. Whatever you've called the bit about the proposal I didn't write, "
                                           'change it to "Archive club – smaller version". I don\'t want it reading '
                                           "like a school report on me.")
    assert edit is not None and edit.said == (
        "I changed “I did not write the proposal for the archive club” to “Archive club – smaller version”.")
    asked = read("things I want to ask my mentor (she's a staff engineer in another org): has she ever moved teams "
                 "internally and how did she tell her manager? does a rotation look weak?").mentor_question
    assert asked.split(" / ")[0] == "has she ever moved teams internally"


def test_asked_for_the_agenda_before_a_goal_they_see_the_draft_and_are_asked_for_the_goal(tmp_path: Path) -> None:
    # Blind review 17, V08: "Okay can I see what you've got for the agenda?" was answered with a
    # question, and the changes asked for next had no draft to change.
    service = make_service(tmp_path)
    replies = run(service, ["hi, meeting with my mentor next week",
                            "For Denise I'd love to ask: how do you ask for more money at a non-profit? And is it "
                            "normal for an ED to keep pushing the structure conversation?",
                            "Okay can I see what you've got for the agenda?"])
    assert replies[-1].move == "summary+agenda"
    assert "2. My goal: (to discuss)" in replies[-1].text
    assert replies[-1].text.endswith("what would you most like to get out of the meeting? I'll put it in your words.")
    (filed,) = run(service, ["I want to leave with a plan for asking about the program manager role"])
    assert "My goal" in filed.text.split("\n")[0]


def test_a_yes_after_perfect_is_a_yes_then_what_follows() -> None:
    from assistant.coach import support as S

    assert S.yes_then("Perfect. Yes, that's the one, approved!") == "that's the one, approved!"


@pytest.mark.parametrize("ask", ["Kindly share the draft agenda.", "show us", "Lemme see the agenda 👀",
                                 "Go on then, let's see it.", "show me", "Cool, show me the agenda",
                                 "g'day. meeting Ray next tues. need an agenda"])
def test_asks_to_see_the_agenda_in_many_voices(ask: str) -> None:
    # Blind review 17: each was answered "I couldn't tell which part of the agenda to change".
    from assistant.coach.agenda_items import asks_for_agenda

    assert asks_for_agenda(ask)
    assert not asks_for_agenda("also I am shy to show my work")


def test_blind_set_17_changes_are_made_as_asked() -> None:
    items = build({**SLOTS, "mentor_questions": "how she got her first lead role / how to raise it through the "
                                                "union"}, goal_is_verb=True)
    instead = apply_edits(items, "Please reword the second question. Instead of 'through the union' write 'through "
                                 "the staff association', that is the correct term in our organisation.")
    assert instead is not None and instead.said == "I changed “through the union” to “through the staff association”."
    missing = apply_edits(items, "And reword the Caroline question to 'how to ask about the partnership path'.")
    assert missing is not None and missing.said == (
        "I couldn't find the Caroline question, so I added “How to ask about the partnership path” to your questions "
        "for your mentor.")
    # "Take out the bit about the restructure", told only in how last time's step went: that
    # account goes, the catch-up item stays (the whole section was taken out).
    caught_up = build(SLOTS, True, catch_up="“send the note”, not done yet: “a team restructure has been announced”")
    taken = apply_edits(caught_up, "Take out the bit about the restructure, it's not worth the airtime.")
    assert taken is not None and taken.said == "I took what you said about it out of “Catch-up since last time”."
    assert [i.kind for i in taken.items] == [i.kind for i in caught_up]
    assert "restructure" not in render(taken.items, "x")


def test_an_approval_with_a_courtesy_after_it_approves_and_adds_nothing(tmp_path: Path) -> None:
    # Blind review 17, V03: "I will revert if anything changes" became a next step, and "lock it
    # in" was not an approval (V07).
    for approval in ("This is acceptable. I approve the agenda. Thank you for your assistance, I will revert if "
                     "anything changes.", "Perfect 👌 lock it in. Thanks fam, gotta go prep"):
        service = make_service(tmp_path / str(len(approval)))
        *_, closing = run(service, [*PREP_SCRIPT, approval])
        assert closing.move == "closing", approval
        steps = next(i for i in service.state("ana", "t1")["agenda_items"] if i["kind"] == "next_step")
        assert not any("revert" in w for w in steps["words"])


def test_three_changes_said_object_first_are_all_made() -> None:
    # Blind review 17, V06: only the question was added (as a loose item); the removal said
    # object-first and the title "I would prefer" were dropped. V02: "I'm … don't" read as a quote
    # took out the whole questions section.
    items = build({**SLOTS, "options": "I take the lecture myself for one year; ask a postdoc"}, True)
    edit = apply_edits(items, "It is good, but the item about taking the lecture myself please remove, my husband "
                              "has convinced me. And please add the question whether every six weeks is enough in the "
                              "first year. And the title I would prefer: 'First year as head: deciding among former "
                              "peers'.")
    assert edit is not None and edit.said == (
        "I called the agenda “First year as head: deciding among former peers”. I took “I take the lecture myself for "
        "one year” out of “Options I'm weighing”. I added that to your questions for your mentor.")
    removed = apply_edits(build({**SLOTS, "options": "talk to the senior colleague directly; ask a postdoc"}, True),
                          "It is good. But remove the part about talking to the senior colleague directly, I'm not "
                          "ready for that one and I don't want to discuss it on Saturday.")
    assert removed is not None and removed.said == (
        "I took “talk to the senior colleague directly” out of “Options I'm weighing”.")


@pytest.mark.parametrize("said", [
    # Blind review 18: terse and non-native voices drop the article, or gather everything up.
    "show agenda", "Can I see agenda now?", "Right, chuck it all in the agenda and let's have a look.",
    "Could you put all of this into the agenda format we used last time? I'd like to see it laid out.",
])
def test_asking_for_the_draft_without_an_article_or_as_gathering_it_up_shows_it(said: str) -> None:
    from assistant.coach.agenda_items import asks_for_agenda

    assert asks_for_agenda(said)


@pytest.mark.parametrize("said", ["my boss sets the agenda", "we never have an agenda in our standups",
                                  "I want to see agenda items get shorter at work"])
def test_talk_about_other_agendas_does_not_ask_for_the_draft(said: str) -> None:
    from assistant.coach.agenda_items import asks_for_agenda

    assert not asks_for_agenda(said)


def test_blind_set_18_goal_wordings_removals_titles_and_a_question_remembered() -> None:
    items = build({**SLOTS, "options": "run the review; ask to shadow Fine; look at heritage jobs"}, goal_is_verb=True)
    goal = apply_edits(items, "Two amendments, if I may. The goal reads a touch too tidily; could it say 'a stable "
                              "post by autumn without giving up research entirely' rather than anything about "
                              "'balance'? And the heritage option should go; I've talked myself out of it.")
    assert goal is not None
    assert next(i for i in goal.items if i.kind == "goal").words == [
        "A stable post by autumn without giving up research entirely"]
    assert "look at heritage jobs" not in next(i for i in goal.items if i.kind == "options").words
    written = apply_edits(items, "Change the goal, it is too long. Write: 'Coordinator job: does it keep me with "
                                 "students?'")
    assert written is not None
    assert written.said == "“My goal” now says “Coordinator job: does it keep me with students?”."
    for said, title in [("title too long. just 'Lead or not'. and drop the bit about my boss.", "Lead or not"),
                        ("make the title less boring lol like 'operation get kept on' 😎", "Operation get kept on"),
                        ("And the title can just be 'Staffing crunch'.", "Staffing crunch")]:
        titled_edit = apply_edits(items, said)
        assert titled_edit is not None and titled_edit.said.startswith(f"I called the agenda “{title}”."), said
    # Where the thing is and their aside are not what it is about.
    boss = apply_edits(items, "drop the bit about my boss from where things stand")
    assert boss is not None and boss.said == "There's no item about “boss” in the draft, so nothing was taken out."
    remembered = apply_edits(items, "Oh, the third question has come back to me: whether it would look odd to apply "
                                    "for a fellowship and a lectureship at the same time. Please add that one at the "
                                    "end.")
    assert remembered is not None and next(i for i in remembered.items if i.kind == "questions").words[-1] == (
        "Whether it would look odd to apply for a fellowship and a lectureship at the same time")
    added = apply_edits(items, "also add 3rd q: what would she want to see from me before she'd back me")
    assert added is not None and next(i for i in added.items if i.kind == "questions").words[-1] == (
        "What would she want to see from me before she'd back me")


def test_after_the_draft_a_leaning_marks_their_pick_and_other_talk_is_not_an_unclear_edit(tmp_path: Path) -> None:
    # Blind review 18: "fair. leaning 3." and "Ok. I think I talk with Luis first…" closed the agenda
    # as approved; "ok i need to log back on… thanks" was "I couldn't tell which part to change".
    from assistant.coach import templates as T

    service = make_service(tmp_path)
    run(service, ["goal: figure out if I want the lead role or stay deep tech, decide before the 30th",
                  "options: 1 apply. 2 don't, push for the specialist track. 3 shadow the current lead 2 wks first, "
                  "then decide."])
    (drafted,) = run(service, ["show agenda"])
    assert drafted.move == "summary+agenda"
    (leaning,) = run(service, ["fair. leaning 3."])
    assert leaning.move == "agenda_edit+question", leaning.text
    assert leaning.text.startswith("I marked “shadow the current lead 2 wks first, then decide” as your pick.")
    assert "(my pick)" in leaning.text and not service.state("ana", "t1").get("agenda_approved")
    (plan,) = run(service, ["Ok. I think I talk with Luis first, for coffee, informal."])
    assert plan.text == T.NOT_FILED_QUESTION and not service.state("ana", "t1").get("agenda_approved")
    (leaving,) = run(service, ["ok i need to log back on my break is finished. thanks, i think im more clear now"])
    assert leaving.text == f"{T.THANKS_AT_AGENDA} {T.APPROVE_QUESTION}"
    (agreed,) = run(service, ["Very good, I agree. Thank you, good night."])
    assert agreed.move == "closing" and service.state("ana", "t1").get("agenda_approved")


@pytest.mark.parametrize(("ask", "said"), [
    # Blind review 19 (V12, V10): changes said in other words, each ignored.
    ('call the goal "lead the design review by June"', "“My goal” now says “Lead the design review by June”."),
    ("make sure the whether-I'm-ready question is last", "I moved “whether I'm ready” to the end."),
    ("can the shadow Fine option go first?", "I moved “ask to shadow Fine” to the top."),
    ("ditch the bit about tickets", "I took “I take tickets” out of “Where things stand”."),
])
def test_changes_said_in_other_words_are_made(ask: str, said: str) -> None:
    edit = apply_edit(build(SLOTS, goal_is_verb=True), ask)
    assert edit is not None and edit.said == said, edit


def test_a_figure_of_speech_with_an_edit_verb_removes_nothing() -> None:
    # "I'll lose my nerve otherwise" is not "take out my nerve".
    edit = apply_edit(build(SLOTS, goal_is_verb=True), "put the questions first, I'll lose my nerve otherwise")
    assert edit is not None and "out" not in edit.said, edit.said


@pytest.mark.parametrize("ask", [
    'change goal to "decide: promotion here or remote job"',  # blind review 20, W10: no "the"
    'and the goal, please write it "decide: promotion here or remote job"',  # W11: "write it"
])
def test_the_goal_said_anew_without_the_or_as_write_it_is_reworded(ask: str) -> None:
    edit = apply_edits(build(SLOTS, goal_is_verb=True), ask)
    assert edit is not None and edit.said == "“My goal” now says “Decide: promotion here or remote job”."
    assert next(i for i in edit.items if i.kind == "goal").words == ["Decide: promotion here or remote job"]


def test_swapping_the_two_questions_swaps_them_within_their_section() -> None:
    # Blind review 20, W12: "swap the order of the two questions" -> "I couldn't tell which two items to swap".
    edit = apply_edits(build(SLOTS, goal_is_verb=True), "swap the order of the two questions")
    assert edit is not None
    questions = next(i for i in edit.items if i.kind == "questions")
    assert questions.words == ["whether I'm ready", "how she got her first lead role"]
    assert titles(edit.items) == titles(build(SLOTS, goal_is_verb=True))  # the items stay where they were


def test_an_item_asked_to_come_before_another_moves_before_it() -> None:
    # Blind review 20, W02: "I would like the item about the fund review to come before the item about Daniel".
    ask = ("Also, I would like the item about the options to come before the item about where things stand, "
           "as that decision is the more pressing one.")
    edit = apply_edits(build(SLOTS, goal_is_verb=True), ask)
    assert edit is not None
    assert titles(edit.items).index(OPTIONS) == titles(edit.items).index(NOW) - 1


def test_taking_out_anything_about_a_topic_the_draft_lacks_says_so_plainly() -> None:
    # Blind review 20, W02: "I couldn't find “If there is anything in there about pensions…” in the draft".
    ask = ("If there is anything in there about pensions or the practical arrangements, please take it out; "
           "that is dealt with.")
    edit = apply_edits(build(SLOTS, goal_is_verb=True), ask)
    assert edit is not None and edit.said == ("There's nothing about “pensions or the practical arrangements” in "
                                              "the draft, so nothing was taken out.")


def test_a_section_named_by_its_words_moves_near_the_start_and_the_reason_is_not_a_change() -> None:
    # Blind review 21, X05: "I couldn't find “it to the end” in the draft, so nothing was taken out."
    ask = ("Could you put the \"what got in the way\" part near the start? If I leave it to the end I'll chicken "
           "out of saying it.")
    edit = apply_edits(build(SLOTS, goal_is_verb=True), ask)
    assert edit is not None and edit.said == "I moved “Where things stand” to the top."
    assert [i.kind for i in edit.items][:2] == ["where", "catch_up"]


@pytest.mark.parametrize(("ask", "said"), [
    ('Can you change the wording of the Accra point? Not "career worries", please. Write "long-term location", it '
     'sounds less dramatic.', "I changed “career worries” to “long-term location”."),
    ('And reword "knowledge transfer" as something less like a management seminar. "Getting it out of my head" '
     'would do.', "I changed “knowledge transfer” to “Getting it out of my head”."),
    ('and change "confidence" to something else, sounds soft lol. like "workin quicker on rough-ins"',
     "I changed “confidence” to “workin quicker on rough-ins”."),
    ("Put first the report from the observation with Marco, because my mentor asked for it specially.",
     "I moved “the report from the observation with Marco” to the top."),
    ("Reorder: programme question last, it's admin, don't want to open with it.",
     "I moved “programme question” to the end."),
])
def test_rewordings_and_moves_said_in_other_words_are_made(ask: str, said: str) -> None:
    # Blind review 22: each got "I couldn't tell which part of the agenda to change".
    slots = {"goal": "decide about the Accra move",
             "reality": "career worries about the Accra move; the report from the observation with Marco",
             "options": "knowledge transfer sessions; programme question",
             "mentor_questions": "how he built confidence"}
    edit = apply_edits(build(slots, goal_is_verb=True), ask)
    assert edit is not None and edit.said == said
