"""The real UI in headless Chromium: what a first-time protégé sees and does."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.browser_support import BROWSER_MARKS, answered, chromium, keep_screenshot, login, send
from tests.prep_script import PREP_SCRIPT

pytestmark = BROWSER_MARKS
PREP = PREP_SCRIPT


def test_first_message_gets_a_socratic_reply_at_once(served: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(served, wait_until="load")
        box = page.locator("#message-box textarea")
        box.wait_for(timeout=30_000)
        expect(page.locator("#backend-badge")).to_contain_text("offline (built-in coaching engine)")
        bot = page.locator("#prep-chat .message.bot")
        expect(bot.first).to_contain_text("What's on your mind for the meeting?", timeout=15_000)
        box.fill("I have a meeting with my mentor on Thursday and don't know what to talk about")
        box.press("Enter")
        answered(page, 2)
        expect(bot.last).to_contain_text("?", timeout=15_000)
        reply = bot.last.inner_text()
        assert reply.count("?") == 1
        assert "should" not in reply.lower()
        box.fill("I want to get better at presenting to leadership")
        box.press("Enter")
        answered(page, 3)
        expect(page.locator("#slots")).to_contain_text("get better at presenting to leadership", timeout=15_000)
        shot = tmp_path / "prepare.png"
        page.screenshot(path=str(shot), full_page=True)
        keep_screenshot(shot, "screenshot-prepare.png")


def test_mentor_generates_and_checks_a_question_set(served: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(served, wait_until="load")
        page.get_by_role("tab", name="Mentor").click()
        page.locator("#mentor-topic textarea").fill("moving from engineering into product management")
        page.locator("#mentor-generate").click()
        box = page.locator("#mentor-questions textarea")
        expect(box).not_to_have_value("", timeout=30_000)
        assert len(box.input_value().splitlines()) == 12
        box.fill(box.input_value() + "\nHave you considered asking your manager?")
        page.locator("#mentor-lint").click()
        expect(page.locator("#mentor-status")).to_contain_text("13 questions checked, 1 flagged.", timeout=15_000)
        expect(page.locator("#mentor-results")).to_contain_text("advice")
        # The README's Mentor screenshot comes from tests/test_browser_mentor.py (a shared set).
        page.screenshot(path=str(tmp_path / "mentor.png"), full_page=True)


def test_preparation_ends_with_an_agenda_the_protege_approves_and_exports(served: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1360, "height": 1000})
        page.goto(served, wait_until="load")
        box = page.locator("#message-box textarea")
        box.wait_for(timeout=30_000)
        bot = page.locator("#prep-chat .message.bot")
        expect(bot.first).to_contain_text("What's on your mind", timeout=15_000)
        for i, message in enumerate(PREP, start=2):
            send(page, message)
            answered(page, i)
        agenda = page.locator("#agenda-box textarea")
        expect(agenda).to_have_value(re.compile("I want to get better at presenting to leadership"), timeout=15_000)
        # The chat keeps following the conversation once the long agenda draft is in it.
        send(page, "Can we add a point about the offsite?")
        answered(page, len(PREP) + 2)
        page.wait_for_timeout(500)
        expect(page.locator("#prep-chat .message.bot").last).to_be_in_viewport()
        at_bottom = page.locator("#prep-chat .bubble-wrap").evaluate(
            "e => e.scrollHeight - e.scrollTop - e.clientHeight")
        assert at_bottom < 5
        expect(page.locator("#thread-list input")).to_have_value(re.compile("get better at presenting"))
        expect(page.locator("#agenda-status")).to_contain_text("Draft")
        expect(page.locator("#agenda-when input, #agenda-when textarea").first).not_to_have_value("")
        agenda.fill(agenda.input_value() + "\n7. Ask about the offsite (5 min)")
        page.locator("#agenda-approve").click()
        expect(page.locator("#agenda-status")).to_contain_text("Approved", timeout=15_000)
        expect(page.locator("#notices")).to_contain_text("Approved. It's yours", timeout=15_000)
        page.locator("#agenda-export").click()
        expect(page.locator("#agenda-files")).to_contain_text(re.compile(r"agenda\s*\.ics"), timeout=15_000)
        page.get_by_text("Your commitments").click()
        expect(page.locator("#commitments")).to_contain_text("ask my manager on Friday", timeout=15_000)
        shot = tmp_path / "agenda.png"
        page.screenshot(path=str(shot), full_page=True)
        keep_screenshot(shot, "screenshot-agenda.png")
        # The next visit opens with the commitment she made, in her words.
        page.reload(wait_until="load")
        expect(page.locator("#prep-chat .message.bot").first).to_contain_text(
            "last time you said you'd ask your manager on Friday", timeout=30_000
        )


def test_a_crisis_message_gets_care_pinned_contacts_and_support_until_asked(served: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(served, wait_until="load")
        page.locator("#message-box textarea").wait_for(timeout=30_000)
        bot = page.locator("#prep-chat .message.bot")
        expect(bot.first).to_contain_text("What's on your mind for the meeting?", timeout=15_000)
        pinned = page.locator("#support-resources")
        expect(pinned).to_be_hidden()
        send(page, "I have a meeting with my mentor on Thursday")
        answered(page, 2)
        send(page, "Sometimes I think everyone would be better off if I just wasn't around")
        answered(page, 3)
        expect(bot.last).to_contain_text("Are you safe right now?", timeout=15_000)
        expect(pinned).to_be_visible(timeout=15_000)
        expect(pinned).to_contain_text("988")
        send(page, "thanks. I'll call them tomorrow")
        answered(page, 4)
        expect(bot.last).to_contain_text("glad you're going to reach out", timeout=15_000)
        assert "mentor" not in bot.last.inner_text().lower()
        expect(page.locator("#slots")).not_to_contain_text("call them")
        shot = tmp_path / "support.png"
        page.screenshot(path=str(shot), full_page=True)
        keep_screenshot(shot, "screenshot-support.png")
        send(page, "ok, can we go back to preparing for my meeting?")
        answered(page, 5)
        expect(bot.last).to_contain_text("let's go back to it", timeout=15_000)
        expect(pinned).to_be_visible()  # the contacts stay for the rest of the thread


def test_going_on_with_work_after_a_warning_sign_is_offered_the_way_back_and_a_reload_keeps_the_offer(
        served: str, tmp_path: Path) -> None:
    # Crisis conversations 5, G17, in the real UI: a question about the budget right after a
    # warning sign is offered the way back (not coached on), and the offer survives a reload.
    from playwright.sync_api import expect

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(served, wait_until="load")
        page.locator("#message-box textarea").wait_for(timeout=30_000)
        bot = page.locator("#prep-chat .message.bot")
        pinned = page.locator("#support-resources")
        send(page, "I meet my mentor tomorrow. I want to prepare questions about leading the team.")
        answered(page, 2)
        send(page, "Sometimes I wish I could fall asleep and never wake up. Every morning I am disappointed that "
                   "I woke up.")
        answered(page, 3)
        expect(pinned).to_be_visible(timeout=15_000)
        send(page, "What do you think, should I ask her also about the budget?")
        answered(page, 4)
        expect(bot.last).to_contain_text("Would you like to go back to preparing for your meeting now",
                                         timeout=15_000)
        page.reload(wait_until="load")
        expect(page.locator("#prep-chat .message.user")).to_have_count(3, timeout=15_000)
        expect(pinned).to_be_visible(timeout=15_000)
        send(page, "yes please")
        answered(page, 5)
        expect(bot.last).to_contain_text("The contacts stay beside the chat", timeout=15_000)
        expect(page.locator("#slots")).not_to_contain_text("fall asleep")
        page.screenshot(path=str(tmp_path / "offer.png"), full_page=True)


def test_reload_and_a_second_tab_continue_the_same_conversation(served: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(served, wait_until="load")
        page.locator("#message-box textarea").wait_for(timeout=30_000)
        bot = page.locator("#prep-chat .message.bot")
        expect(bot.first).to_contain_text("What's on your mind", timeout=15_000)
        send(page, "I want to get better at presenting to leadership")
        answered(page, 2)
        send(page, "Success would be getting through the Q&A calmly")
        answered(page, 3)
        said = page.locator("#prep-chat .message.user")
        expect(said).to_have_count(2)

        page.reload(wait_until="load")  # the same transcript and panel, not a new thread
        expect(page.locator("#prep-chat .message.user")).to_have_count(2, timeout=15_000)
        expect(page.locator("#prep-chat")).to_contain_text("Q&A calmly")
        expect(page.locator("#slots")).to_contain_text("get better at presenting to leadership")

        second = browser.new_page(viewport={"width": 1280, "height": 900})
        second.goto(served, wait_until="load")
        expect(second.locator("#prep-chat .message.user")).to_have_count(2, timeout=15_000)

        # The chat has no trash icon that would empty the view while the talk goes on.
        expect(page.locator('#prep-chat button[aria-label="Clear"]')).to_be_hidden()
        # Leaving an unfinished conversation is asked about first; "no" keeps it.
        page.locator("#new-conversation").click()
        expect(page.locator("#confirm-new")).to_be_visible(timeout=15_000)
        expect(page.locator("#confirm-new")).to_contain_text("isn't finished")
        page.locator("#confirm-new-no").click()
        expect(page.locator("#confirm-new")).to_be_hidden()
        expect(page.locator("#prep-chat .message.user")).to_have_count(2)
        # A new conversation leaves the first one in the list, and picking it brings it back.
        page.locator("#new-conversation").click()
        page.locator("#confirm-new-yes").click()
        expect(page.locator("#confirm-new")).to_be_hidden(timeout=15_000)
        expect(page.locator("#prep-chat .message.user")).to_have_count(0, timeout=15_000)
        # An untouched new conversation is left without a question.
        page.locator("#new-conversation").click()
        page.wait_for_timeout(500)
        expect(page.locator("#confirm-new")).to_be_hidden()
        page.locator("#thread-list input").click()
        option = page.get_by_role("option", name=re.compile("get better at presenting"))
        option.click()
        expect(page.locator("#prep-chat .message.user")).to_have_count(2, timeout=15_000)
        expect(page.locator("#prep-chat")).to_contain_text("Q&A calmly")
        page.screenshot(path=str(tmp_path / "resume.png"), full_page=True)


def test_each_role_lands_on_its_own_tab(signed_in_app: str, service: Any) -> None:
    from playwright.sync_api import expect

    ws = service.workspace
    with chromium() as browser:
        for name, visible, marker in (
            ("pia", "Prepare", "#message-box"),
            ("max", "Mentor", "#mentor-topic"),
            ("sue", "Staff", "#staff-overview"),
        ):
            page = browser.new_context().new_page()
            login(page, signed_in_app, name)
            # Each sees only their own tab, and lands on it.
            expect(page.get_by_role("tab", name=visible)).to_be_visible()
            expect(page.get_by_role("tab", name=visible)).to_have_attribute("aria-selected", "true")
            expect(page.get_by_role("tab")).to_have_count(1)
            expect(page.locator(marker).first).to_be_visible()
            if name == "pia":  # nothing meant for mentors reaches a protégé's page
                expect(page.locator("body")).not_to_contain_text("Shared with you")
            page.context.close()
    # Only the protégé has a preparation thread: signing in as mentor or staff opens none.
    assert [len(ws.threads(ws.user(n))) for n in ("pia", "max", "sue")] == [1, 0, 0]


def test_twenty_rapid_sends_are_all_stored_in_order_and_a_double_submit_is_one_message(
    served: str, service: Any, offline_settings: Any
) -> None:
    from playwright.sync_api import expect

    sent = [f"Thought {i}: the offsite talk keeps coming back to me" for i in range(1, 21)]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(served, wait_until="load")
        box = page.locator("#message-box textarea")
        box.wait_for(timeout=30_000)
        expect(page.locator("#prep-chat .message.bot").first).to_contain_text("What's on your mind", timeout=15_000)
        for message in sent:  # as fast as the keyboard goes: no waiting for replies
            box.fill(message)
            box.press("Enter")
            expect(box).to_have_value("")
        said = page.locator("#prep-chat .message.user")
        expect(said).to_have_count(20, timeout=60_000)
        expect(page.locator("#prep-chat .message.bot")).to_have_count(21, timeout=60_000)
        assert [t.strip() for t in said.all_inner_texts()] == sent
        # Enter and a click on Send at the same moment send the message once.
        box.fill("Double submit check")
        box.press("Enter")
        page.locator("#send").click()
        expect(said).to_have_count(21, timeout=15_000)
        answered(page, 22)
        page.wait_for_timeout(1_000)
        expect(said).to_have_count(21)
    user = offline_settings.local_user
    (thread,) = service.workspace.threads(service.workspace.user(user))
    stored = [t.content for t in service.history(user, thread) if t.role == "user"]
    assert stored == [*sent, "Double submit check"]


def test_a_protege_shares_and_revokes_items_and_exports_an_approved_agenda_after_leaving(
    signed_in_app: str, service: Any
) -> None:
    from playwright.sync_api import expect

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 1000})
        login(page, signed_in_app, "pia")
        expect(page.locator("#prep-chat .message.bot").first).to_contain_text("What's on your mind", timeout=15_000)
        for i, message in enumerate(PREP, start=2):
            send(page, message)
            answered(page, i)
        expect(page.locator("#agenda-status")).to_contain_text("Draft", timeout=15_000)
        page.locator("#agenda-approve").click()
        expect(page.locator("#agenda-status")).to_contain_text("Approved", timeout=15_000)
        page.get_by_text("Strengths and growth log").click()
        page.locator("#log-text textarea").fill("I explain technical trade-offs clearly")
        page.locator("#log-add").click()
        expect(page.locator("#log")).to_contain_text("technical trade-offs", timeout=15_000)

        page.get_by_text("Shared with my mentor").click()
        items = page.locator("#shared-items")
        expect(items).to_contain_text("What max can see", timeout=15_000)
        for label in ("Agenda (approved", "Commitment", "Strength: I explain technical trade-offs"):
            items.get_by_label(re.compile(re.escape(label))).check()
            expect(page.locator("#notices")).to_contain_text("Shared with max", timeout=15_000)
        expect(page.locator("#agenda-status")).to_contain_text("shared with max")
        items.get_by_label(re.compile("Strength: I explain")).uncheck()
        expect(page.locator("#notices")).to_contain_text("No longer shared", timeout=15_000)
        page.screenshot(path="/tmp/shared.png", full_page=True)

        # After leaving: a new conversation opens, the list still says what max sees, and
        # the approved agenda is one pick away, exportable again.
        page.reload(wait_until="load")
        expect(page.locator("#prep-chat .message.user")).to_have_count(0, timeout=20_000)
        page.get_by_text("Shared with my mentor").click()
        expect(items.get_by_label(re.compile("Agenda \\(approved"))).to_be_checked(timeout=15_000)
        expect(items.get_by_label(re.compile("Commitment \\("))).to_be_checked()
        expect(items.get_by_label(re.compile("Strength: I explain"))).not_to_be_checked()
        page.locator("#thread-list input").click()
        page.get_by_role("option", name=re.compile("agenda approved")).click()
        expect(page.locator("#agenda-status")).to_contain_text("Approved", timeout=15_000)
        page.locator("#agenda-export").click()
        expect(page.locator("#agenda-files")).to_contain_text(re.compile(r"agenda\s*\.ics"), timeout=15_000)
        ics_link = page.locator("#agenda-files a[href*='agenda.ics']").first
        ics = page.request.get(ics_link.get_attribute("href") or "").text()
        # The calendar title carries her goal whole (long ones end at a word, with "…").
        assert "SUMMARY:Mentor meeting: I want to get better at presenting to leadership\r\n" in ics
    ws = service.workspace
    shared = sorted(item.item_type for item in ws.shared_with(ws.user("max")))
    assert shared == ["agenda", "commitment"]


def test_a_model_reply_streams_into_the_chat_a_checked_sentence_at_a_time(
    fake: Any, offline_settings: Any, tmp_path: Path
) -> None:
    import socket

    from playwright.sync_api import expect

    from assistant.bootstrap import build_service
    from assistant.ui.app import build_ui, launch
    from tests.fake_openai_server import Scripted, openai_settings

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = openai_settings(fake, tmp_path, knowledge_dir=offline_settings.knowledge_dir,
                               chroma_path=offline_settings.effective_chroma_path, port=port, turn_deadline=30.0)
    first = "It sounds like presenting to leadership really matters to you."
    fake.script(Scripted(f"{first} You want to get better at it. What would getting better look like for you?",
                         delay=0.25))
    demo = build_ui(build_service(settings), settings)
    launch(demo, settings, prevent_thread_lock=True, quiet=True)
    try:
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/", wait_until="load")
            expect(page.locator("#backend-badge")).to_contain_text("openai", timeout=30_000)
            send(page, "I want to get better at presenting to leadership")
            bot = page.locator("#prep-chat .message.bot")
            # The first sentence shows while the model is still writing the rest...
            expect(bot.nth(1)).to_have_text(re.compile(re.escape(first) + r"\s*$"), timeout=15_000)
            # ...and the reply completes in the same bubble.
            expect(bot.nth(1)).to_contain_text("What would getting better look like for you?", timeout=15_000)
            expect(bot).to_have_count(2)
    finally:
        demo.close()


def test_html_and_markdown_typed_in_a_message_show_as_the_text_typed(served: str) -> None:
    from playwright.sync_api import expect

    typed = ('<h1 style="color:red">BIG</h1> <img src="http://127.0.0.1:9/pixel.png"> '
             "[click me](http://127.0.0.1:9/x) **bold**")
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(served, wait_until="load")
        expect(page.locator("#prep-chat .message.bot").first).to_contain_text("What's on your mind", timeout=30_000)
        send(page, typed)
        answered(page, 2)
        said = page.locator("#prep-chat .message.user").last
        expect(said).to_contain_text('<h1 style="color:red">BIG</h1>')
        expect(said).to_contain_text("[click me](http://127.0.0.1:9/x) **bold**")
        for tag in ("h1", "img", "a", "strong"):
            expect(said.locator(tag)).to_have_count(0)


def test_a_meeting_time_is_read_as_written_and_a_past_one_is_refused_beside_the_field_keeping_the_edits(
    served: str,
) -> None:
    from playwright.sync_api import expect

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 1000})
        page.goto(served, wait_until="load")
        expect(page.locator("#prep-chat .message.bot").first).to_contain_text("What's on your mind", timeout=30_000)
        for i, message in enumerate(PREP, start=2):
            send(page, message)
            answered(page, i)
        agenda = page.locator("#agenda-box textarea")
        when = page.locator("#agenda-when textarea, #agenda-when input").first
        expect(agenda).not_to_have_value("", timeout=15_000)
        edited = agenda.input_value() + "\n7. Ask about the offsite (5 min)"
        agenda.fill(edited)
        when.fill("1 Jan 2020 10:00")
        page.locator("#agenda-save").click()
        status = page.locator("#agenda-status")
        expect(status).to_contain_text("⚠️", timeout=15_000)
        expect(status).to_contain_text("edits are saved")
        expect(agenda).to_have_value(edited)
        expect(when).to_have_value("1 Jan 2020 10:00")  # left as typed, to correct
        when.fill("next tuesday 10am")
        page.locator("#agenda-save").click()
        expect(when).to_have_value(re.compile(r"^\d{4}-\d{2}-\d{2} 10:00$"), timeout=15_000)
        expect(status).not_to_contain_text("⚠️")
        expect(agenda).to_have_value(edited)
        page.reload(wait_until="load")  # what was saved is what comes back
        expect(page.locator("#agenda-box textarea")).to_have_value(edited, timeout=20_000)


def test_a_choice_and_a_question_put_to_us_reach_the_agenda(served: str, tmp_path: Path) -> None:
    # Blind review 19's flows in the real UI: a choice asked of themselves becomes the goal and its
    # two ways the options; a question put to us is offered for their list, and their yes adds it.
    from playwright.sync_api import expect

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(served, wait_until="load")
        page.locator("#message-box textarea").wait_for(timeout=30_000)
        bot = page.locator("#prep-chat .message.bot")
        send(page, "mentor sync tomorrow 10am, need an agenda")
        answered(page, 2)
        send(page, "mine: do I want to scale to 11 people, or stay hands-on with 5 and keep coding")
        answered(page, 3)
        expect(bot.last).to_contain_text("So the choice you want to make is between scaling to 11 people and staying "
                                         "hands-on with 5.", timeout=15_000)
        send(page, "idk. what do other leads do")
        answered(page, 4)
        expect(bot.last).to_contain_text("Would you like it on your list of questions for them?", timeout=15_000)
        send(page, "yes add it")
        answered(page, 5)
        expect(bot.last).to_contain_text("I've put it on your list of questions for your mentor.", timeout=15_000)
        send(page, "show me the agenda")
        answered(page, 6)
        agenda = bot.last
        expect(agenda).to_contain_text("decide whether to scale to 11 people or stay hands-on with 5", timeout=15_000)
        expect(agenda).to_contain_text("what do other leads do")
        expect(agenda).to_contain_text("scale to 11 people")
        expect(agenda).not_to_contain_text("“show me the agenda”")  # the ask is no next step of theirs
        page.screenshot(path=str(tmp_path / "choice.png"), full_page=True)


def test_a_reworded_goal_options_handed_back_and_an_agenda_that_fits_the_session(served: str, tmp_path: Path) -> None:
    # Blind review 21's flows in the real UI (X11): the goal taken back and worded again replaces the
    # first; "should I X, or Y?" is handed back to weigh; "our sessions are 30 mins" is kept to, in
    # the chat and in the agenda panel.
    from playwright.sync_api import expect

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(served, wait_until="load")
        page.locator("#message-box textarea").wait_for(timeout=30_000)
        bot = page.locator("#prep-chat .message.bot")
        send(page, 'Let me try a goal: "Present the payments migration design at the engineering all-hands by '
                   'September."')
        answered(page, 2)
        send(page, "Actually, can I change that? Presenting at all-hands is what my manager would write.")
        answered(page, 3)
        expect(bot.last).to_contain_text("Of course. What is it you want, in your own words?", timeout=15_000)
        send(page, 'Try again: "Get two engineers outside my team to review the migration design before rollout."')
        answered(page, 4)
        send(page, "Question I keep going round on: should I write a proper RFC for the whole org, or do a series "
                   "of smaller informal reviews with individual teams?")
        answered(page, 5)
        expect(bot.last).to_contain_text("What draws you to each of them?", timeout=15_000)
        expect(bot.last).not_to_contain_text("straight answer")
        send(page, "Can you draft an agenda? Our sessions are 30 mins, video call.")
        answered(page, 6)
        agenda = bot.last
        expect(agenda).to_contain_text("get two engineers outside my team to review the migration design",
                                       timeout=15_000)
        expect(agenda).not_to_contain_text("all-hands")
        expect(agenda).to_contain_text("write a proper RFC for the whole org")
        minutes = [int(m) for m in re.findall(r"\((\d+) min\)", agenda.inner_text())]
        assert sum(minutes) == 30, minutes
        panel = page.locator("#agenda-box textarea")
        expect(panel).to_have_value(re.compile(r"review the migration design"), timeout=15_000)
        page.screenshot(path=str(tmp_path / "reworded.png"), full_page=True)
