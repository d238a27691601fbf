"""The Prepare tab: the protégé chats with the coach; the side panel shows where they are
(GROW stage), their own words so far, and the guidance the coach drew on.

The handlers are plain functions over the service, so tests call them without a browser.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.coach import templates as T
from assistant.coach.escalation import resources
from assistant.coach.service import CoachError, CoachService
from assistant.config import Settings
from assistant.records import Partial, Passage, Reply
from assistant.store.people import AccessDenied, StoreInputError
from assistant.store.records import ThreadSummary, UserRecord
from assistant.store.workspace import Workspace
from assistant.ui.identity import current_user
from assistant.ui.safe_text import plain, safe_markdown
from assistant.ui.send_order import PageOrder
from assistant.ui.workspace_panel import (
    REFLECTION_PROMPTS,
    add_log,
    agenda_view,
    apply_sharing,
    commitments_markdown,
    export_files,
    goal_choices,
    log_markdown,
    save_agenda,
    set_shared,
    share_choices,
)

STAGE_LABELS = [("goal", "Goal"), ("reality", "Reality"), ("options", "Options"), ("will", "Way forward"),
                ("agenda", "Agenda")]
SLOT_LABELS = {
    "goal": "Your goal",
    "success": "What success looks like",
    "reality": "Where things stand",
    "obstacles": "What gets in the way",
    "options": "Options you named",
    "next_step": "Your next step",
    "mentor_questions": "Questions for your mentor",
}
#: Beyond this a message is cut by the service anyway; the box stops runaway pastes earlier.
MAX_INPUT_CHARS = 200_000

History = list[dict[str, Any]]

#: Runs in the browser when a message is sent: takes the text, empties the box and numbers
#: the send, so a fast second message is neither lost nor doubled (see send_order.py).
SEND_JS = """
(message, thread, number) => {
  const box = document.querySelector('#message-box textarea');
  if (box) { box.value = ''; box.dispatchEvent(new Event('input', { bubbles: true })); }
  window.coachSendNumber = (window.coachSendNumber || 0) + 1;
  return [message, thread, window.coachSendNumber];
}
"""


def stage_html(stage: str) -> str:
    keys = [k for k, _ in STAGE_LABELS]
    current = keys.index(stage) if stage in keys else (len(keys) if stage == "done" else 0)
    steps = []
    for i, (_, label) in enumerate(STAGE_LABELS):
        state = "done" if i < current else "current" if i == current else "todo"
        steps.append(f'<li class="grow-step grow-{state}" aria-current="{"step" if state == "current" else "false"}">'
                     f"{label}</li>")
    return f'<ol class="grow-steps" aria-label="Where we are">{"".join(steps)}</ol>'


def slots_markdown(slots: dict[str, str]) -> str:
    lines = [f"**{label}:** {plain(slots[key])}" for key, label in SLOT_LABELS.items() if slots.get(key)]
    return "\n\n".join(lines) if lines else "_Nothing yet: what you say in your own words shows up here._"


def sources_markdown(passages: list[Passage]) -> str:
    if not passages:
        return "_No program guidance used for this reply._"
    items = []
    for p in passages:
        snippet = html.escape(" ".join(p.text.split())[:220])
        items.append(f"- **{html.escape(p.label)}**  \n  <small>{snippet}…</small>")
    return "\n".join(items)


def support_markdown(settings: Settings) -> str:
    """The program's emergency and contact sections, pinned above the chat once a thread
    has raised a safety concern, so they stay in view however long the talk goes on."""
    parts, _ = resources(Path(settings.knowledge_dir), contact_first=False)
    return "### Support, whenever you need it\n\n" + "\n\n".join(parts)


def pinned_support(service: CoachService, settings: Settings, user: str, thread: str) -> dict[str, Any]:
    """A visible resources panel for a thread that has been in support mode, else hidden."""
    support = service.state(user, thread).get("support") if thread else None
    # A check that ended with "it's just work" pins nothing; any real concern pins the contacts.
    shown = isinstance(support, dict) and bool(support) and (
        support.get("tier") != "check" or bool(support.get("active")))
    return gr.update(visible=shown, value=support_markdown(settings) if shown else "")


def thread_label(t: ThreadSummary, zone: str = "UTC") -> str:
    """"29 Nov 14:05 · get better at presenting · agenda approved": when (in the program's
    time zone), their goal in their words, where it got to."""
    from zoneinfo import ZoneInfo

    goal = t.goal if len(t.goal) <= 48 else t.goal[:45].rsplit(" ", 1)[0] + "…"
    status = {"approved": "agenda approved", "draft": "agenda drafted"}.get(t.agenda, "in progress")
    return f"{t.created_at.astimezone(ZoneInfo(zone)):%d %b %H:%M} · {goal or 'no goal yet'} · {status}"


def start_thread(service: CoachService, user: str) -> tuple[str, History]:
    """A new thread; a returning protégé's opens by asking about their open commitments."""
    thread, opening = service.open_thread(user)
    return thread, [{"role": "assistant", "content": opening}]


def transcript(service: CoachService, user: str, thread: str) -> History:
    """The thread as stored, made safe to show; threads that start with the plain greeting
    don't store it."""
    turns: History = [{"role": t.role, "content": plain(t.content) if t.role == "user" else safe_markdown(t.content)}
                      for t in service.history(user, thread)]
    if not turns or turns[0]["role"] != "assistant":
        turns.insert(0, {"role": "assistant", "content": T.GREETING})
    return turns


def chat_turn(
    service: CoachService, user: str, thread: str, message: str, history: History
) -> Iterator[tuple[Any, ...]]:
    """Yield (history, stage html, slots md, sources md, notices md): first at once, with
    the protégé's message and an empty reply bubble; then with the checked reply.

    The built-in coach's reply is shown whole, at once. A model's reply is shown as it
    streams, one whole sentence at a time, each passed by the guard first; the final frame
    carries the reply as the guard settled it (which replaces the streamed part when the
    rest failed a check).
    """
    history = list(history or [])
    text = message or ""
    if len(text) > MAX_INPUT_CHARS:
        text = text[:MAX_INPUT_CHARS]
    history.append({"role": "user", "content": plain(text) if text.strip() else "(empty message)"})
    history.append({"role": "assistant", "content": ""})
    panels = (stage_html("goal"), slots_markdown({}), sources_markdown([]))
    try:
        state = service.state(user, thread) if thread else {}
        panels = (stage_html(str(state.get("stage", "goal"))), slots_markdown(state.get("slots", {})),
                  sources_markdown([]))
        yield (list(history), *panels, "")
        reply: Reply | None = None
        for event in service.respond(user, thread, text):
            if isinstance(event, Partial):  # a model's reply, sentence by sentence, each checked
                history[-1] = {"role": "assistant", "content": safe_markdown(event.text)}
                yield (list(history), *panels, "")
            else:
                reply = event
        if reply is None:
            raise CoachError("the coach gave no reply")
    except CoachError as exc:
        history[-1] = {"role": "assistant", "content": f"Sorry, that didn't work: {plain(str(exc))}"}
        yield (history, *panels, f"⚠️ {exc}")
        return
    history[-1] = {"role": "assistant", "content": safe_markdown(reply.text)}
    if not text.strip():
        history = [*history[:-2], history[-1]]  # keep the hint, drop the placeholder
    notes = "\n".join(f"⚠️ {n}" for n in reply.notices)
    slots = reply.slots if reply.move != "notice" else state.get("slots", {})
    yield (list(history), stage_html(reply.stage), slots_markdown(slots), sources_markdown(reply.citations), notes)


def build_prepare_tab(demo: gr.Blocks, service: CoachService, settings: Settings, backend_label: str) -> None:
    workspace = service.workspace
    assert workspace is not None, "the web app needs the workspace store"
    ws: Workspace = workspace

    def who(request: gr.Request | None) -> UserRecord:
        return current_user(request, settings, ws)

    thread = gr.State("")
    order = PageOrder()
    with gr.Row():
        with gr.Column(scale=3):
            support_box = gr.Markdown(visible=False, elem_id="support-resources")
            chatbot = gr.Chatbot(label="Your preparation", height=560, elem_id="prep-chat", buttons=["copy"])
            notices = gr.Markdown(elem_id="notices")
            with gr.Row():
                box = gr.Textbox(
                    placeholder="Type what's on your mind… (Enter to send)",
                    label="Your message",  # hidden, but screen readers announce it
                    show_label=False,
                    scale=5,
                    lines=1,
                    max_lines=8,
                    max_length=MAX_INPUT_CHARS,
                    elem_id="message-box",
                    autofocus=True,
                )
                send = gr.Button("Send", variant="primary", scale=1, elem_id="send")
                send_number = gr.Number(0, visible=False, elem_id="send-number", label="Send number")
            with gr.Row():
                past = gr.Dropdown(label="Your conversations", choices=[], scale=3, elem_id="thread-list",
                                   info="Pick one to open it again; nothing is lost when you start another.")
                new = gr.Button("Start a new conversation", size="sm", variant="secondary", scale=1,
                                elem_id="new-conversation")
            with gr.Column(visible=False, elem_id="confirm-new", variant="panel") as confirm_new:
                gr.Markdown("**This conversation isn't finished** (its agenda isn't approved yet). It stays in "
                            "“Your conversations”, so you can come back to it. Start a new one anyway?")
                with gr.Row():
                    confirm_yes = gr.Button("Yes, start a new conversation", size="sm", variant="primary",
                                            elem_id="confirm-new-yes")
                    confirm_no = gr.Button("No, keep this one", size="sm", elem_id="confirm-new-no")
        with gr.Column(scale=2):
            gr.Markdown(f"<span class='backend-badge' id='backend-badge'>Backend: {html.escape(backend_label)}</span>")
            stage = gr.HTML(stage_html("goal"), label="Where we are")
            with gr.Accordion("In your words", open=True):
                slots = gr.Markdown(slots_markdown({}), elem_id="slots")
            with gr.Accordion("Your agenda", open=True, elem_id="agenda-panel"):
                agenda_status = gr.Markdown(elem_id="agenda-status")
                with gr.Column(visible=False) as agenda_tools:
                    agenda = gr.Textbox(label="Agenda (yours to edit)", lines=8, max_lines=24, max_length=20_000,
                                        elem_id="agenda-box")
                    meeting = gr.Textbox(label=f"Meeting time (e.g. 2026-12-03 10:00 or next Tuesday 10am; "
                                               f"{settings.timezone})",
                                         elem_id="agenda-when")
                    with gr.Row():
                        save_btn = gr.Button("Save edits", size="sm", elem_id="agenda-save")
                        approve_btn = gr.Button("Approve", size="sm", variant="primary", elem_id="agenda-approve")
                    shared = gr.Checkbox(label="Share this agenda with my mentor", elem_id="agenda-share")
                    export_btn = gr.Button("Export (.md and .ics)", size="sm", elem_id="agenda-export")
                    files = gr.File(label="Downloads", file_count="multiple", interactive=False, visible=False,
                                    elem_id="agenda-files")
            with gr.Accordion("Your commitments", open=False, elem_id="commitments-panel"):
                commitments = gr.Markdown(elem_id="commitments")
            with gr.Accordion("Strengths and growth log", open=False, elem_id="log-panel"):
                gr.Markdown("<small>" + html.escape(" · ".join(REFLECTION_PROMPTS)) + "</small>")
                kind = gr.Radio(["Strength", "Growth area"], value="Strength", label="Kind of entry", show_label=False,
                                elem_id="log-kind")
                log_text = gr.Textbox(label="What you noticed", max_length=4000, elem_id="log-text")
                evidence = gr.Textbox(label="Evidence (what happened)", max_length=4000, elem_id="log-evidence")
                goal = gr.Dropdown(label="Linked goal (optional)", choices=[], elem_id="log-goal")
                add_btn = gr.Button("Add to my log", size="sm", elem_id="log-add")
                log = gr.Markdown(elem_id="log")
            with gr.Accordion("Shared with my mentor", open=False, elem_id="share-panel"):
                share_items = gr.CheckboxGroup(
                    label="What your mentor can see", choices=[], elem_id="shared-items",
                    info="Tick an item to share it, untick it to stop sharing. Nothing else is ever shown to them.")
            with gr.Accordion("Sources from your program's guidance", open=True):
                sources = gr.Markdown(sources_markdown([]), elem_id="sources")

    def side(user: UserRecord, tid: str) -> tuple[Any, ...]:
        timeframe = str(service.state(user.name, tid).get("timeframe", "")) if tid else ""
        text, when, status, is_shared = agenda_view(ws, settings, user, tid, timeframe)
        return (text, when, status, is_shared, commitments_markdown(ws, user), log_markdown(ws, user),
                gr.update(choices=goal_choices(ws, user), value=None), gr.update(visible=bool(text)),
                sharing_list(user))

    def sharing_list(user: UserRecord) -> dict[str, Any]:
        choices, on = share_choices(ws, settings, user)
        mentor = ws.mentor_of(user)
        if mentor is None:
            return gr.update(choices=choices, value=on, interactive=False,
                             label="What your mentor can see (you have no mentor yet)")
        return gr.update(choices=choices, value=on, interactive=True, label=f"What {mentor.name} can see")

    # The agenda tools appear once there is an agenda to edit.
    side_outputs = [agenda, meeting, agenda_status, shared, commitments, log, goal, agenda_tools, share_items]

    def thread_choices(user: UserRecord, current: str) -> dict[str, Any]:
        rows = ws.thread_overview(user)
        choices = [(thread_label(t, settings.timezone), t.id) for t in rows]
        return gr.update(choices=choices, value=current if any(t.id == current for t in rows) else None)

    def show_thread(user: UserRecord, tid: str, opening: str | None) -> tuple[Any, ...]:
        """Everything the page shows for one thread, from the store (never from the page)."""
        if opening is not None:
            hist: History = [{"role": "assistant", "content": safe_markdown(opening)}]
            state: dict[str, Any] = {}
        else:
            hist = transcript(service, user.name, tid)
            state = service.state(user.name, tid)
        return (tid, hist, stage_html(str(state.get("stage", "goal"))), slots_markdown(state.get("slots", {})),
                sources_markdown([]), "", pinned_support(service, settings, user.name, tid),
                *side(user, tid), thread_choices(user, tid))

    def refused(exc: Exception) -> tuple[Any, ...]:
        empty = ("", "", str(exc), False, "", "", gr.update(), gr.update(visible=False), gr.update(choices=[]))
        return ("", [], stage_html("goal"), slots_markdown({}), sources_markdown([]), f"⚠️ {exc}",
                gr.update(visible=False), *empty, gr.update())

    def on_load(request: gr.Request) -> tuple[Any, ...]:
        """Opening the page (or reloading it, or a second tab) continues the latest
        unfinished conversation; a finished one is followed by a new thread."""
        try:
            user = who(request)
            if user.role != "protege" and settings.auth != "none":
                # Mentors and staff have no preparation tab: no thread is opened for them.
                return tuple(gr.update() for _ in load_outputs)
            tid, opening = service.resume(user.name)
            return show_thread(user, tid, opening)
        except (AccessDenied, StoreInputError, CoachError) as exc:
            return refused(exc)

    def on_new(request: gr.Request) -> tuple[Any, ...]:
        try:
            user = who(request)
            tid, opening = service.open_thread(user.name)
            return show_thread(user, tid, opening)
        except (AccessDenied, StoreInputError, CoachError) as exc:
            return refused(exc)

    def on_pick(tid: str | None, request: gr.Request) -> tuple[Any, ...]:
        try:
            user = who(request)
            if not tid:
                return tuple(gr.update() for _ in load_outputs)
            return show_thread(user, tid, None)  # service.state refuses a thread that isn't theirs
        except (AccessDenied, StoreInputError, CoachError) as exc:
            return refused(exc)

    def shown_with_queue(history: History, page: str) -> History:
        """The conversation plus the messages this page sent that are waiting their turn."""
        waiting = order.queued(page)
        if not waiting:
            return history
        return [*history, *({"role": "user", "content": plain(t)} for t in waiting),
                {"role": "assistant", "content": ""}]

    def on_send(message: str, tid: str, number: float | None, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        """One message, numbered by the page (SEND_JS), answered after every earlier one."""
        page = str(request.session_hash or "")
        text = message or ""
        try:
            user = who(request)
            if user.role != "protege" and settings.auth != "none":
                raise AccessDenied("The preparation chat is for protégés; your tools are on your own tab.")
            if not tid:
                tid, _ = service.resume(user.name)
        except (AccessDenied, StoreInputError, CoachError) as exc:
            # The page emptied the box; what they typed goes back into it.
            yield (text or gr.update(), tid, gr.update(), gr.update(), gr.update(), gr.update(), f"⚠️ {exc}",
                   gr.update())
            return
        keep = tuple(gr.update() for _ in chat_outputs)
        if not text.strip():  # Enter on an empty box, or the second half of a double submit
            order.skip(page, int(number or 0))
            yield keep
            return
        # At once: the message as sent (after any still waiting), and a bubble for the reply.
        stored = transcript(service, user.name, tid)
        pending = [*shown_with_queue(stored, page), {"role": "user", "content": plain(text)}]
        yield (gr.update(), tid, [*pending, {"role": "assistant", "content": ""}], gr.update(), gr.update(),
               gr.update(), "", gr.update())
        frame: tuple[Any, ...] = ()
        with order.send(page, int(number or 0), text):
            # The transcript comes from the store, not the page: a stale or edited page
            # can't rewrite what was said; and it now holds every earlier turn.
            for frame in chat_turn(service, user.name, tid, text, transcript(service, user.name, tid)):
                history, *panels = frame
                yield (gr.update(), tid, shown_with_queue(history, page), *panels, gr.update())
        if frame:
            history, *panels = frame
            yield (gr.update(), tid, shown_with_queue(history, page), *panels,
                   pinned_support(service, settings, user.name, tid))

    def on_turn_done(tid: str, request: gr.Request) -> tuple[Any, ...]:
        """The side panels, once the reply is complete (agenda, commitments, log), and the
        conversation's line in the list (its goal may just have been named)."""
        try:
            user = who(request)
            return (*side(user, tid), thread_choices(user, tid))
        except (AccessDenied, StoreInputError, CoachError):
            return tuple(gr.update() for _ in [*side_outputs, past])

    chat_outputs = [box, thread, chatbot, stage, slots, sources, notices, support_box]
    # The reply streams in one event; the panels it changes follow in a second, once: a
    # streamed frame carrying every panel cost the server more than the coaching did.
    # The page empties the box and numbers the message the moment it is sent, so a person
    # can type the next one at once; sends made while a reply is coming are queued, in order.
    gr.on(triggers=[box.submit, send.click], fn=on_send, inputs=[box, thread, send_number], outputs=chat_outputs,
          api_name="chat", concurrency_limit=None, trigger_mode="multiple", js=SEND_JS).then(
        on_turn_done, [thread], [*side_outputs, past], api_name="after_chat", show_progress="hidden")
    load_outputs = [thread, chatbot, stage, slots, sources, notices, support_box, *side_outputs, past]
    def on_ask_new(tid: str, request: gr.Request) -> tuple[Any, ...]:
        """Leaving an unfinished conversation is asked about first; anything else starts at once."""
        try:
            user = who(request)
            if tid and service.unfinished(user.name, tid):
                return (gr.update(visible=True), *(gr.update() for _ in load_outputs))
        except (AccessDenied, StoreInputError, CoachError) as exc:
            return (gr.update(visible=False), *refused(exc))
        return (gr.update(visible=False), *on_new(request))

    new.click(on_ask_new, [thread], [confirm_new, *load_outputs], api_name="new_conversation")
    def on_confirm_new(request: gr.Request) -> tuple[Any, ...]:
        return (gr.update(visible=False), *on_new(request))

    confirm_yes.click(on_confirm_new, None, [confirm_new, *load_outputs], api_name="confirm_new_conversation")
    confirm_no.click(lambda: gr.update(visible=False), None, [confirm_new], api_name="keep_conversation")
    past.input(on_pick, [past], load_outputs, api_name="open_conversation")
    demo.load(on_load, outputs=load_outputs)

    def panel_after_save(user: UserRecord, tid: str, note: str, when: str) -> tuple[Any, ...]:
        """The panel as stored, with the note beside it; a time that was refused stays in
        the field as typed, so it can be corrected rather than retyped."""
        text, stored_when, status, is_shared, *rest = side(user, tid)[:6]
        if note.startswith("⚠️"):
            return (note, text, when, f"{note}\n\n{status}", is_shared, *rest)
        return (note, text, stored_when, status, is_shared, *rest)

    def on_save(text: str, when: str, tid: str, request: gr.Request) -> tuple[Any, ...]:
        user = who(request)
        note = save_agenda(ws, settings, user, tid, text, when, approve=False)
        return (*panel_after_save(user, tid, note, when), sharing_list(user))

    def on_approve(text: str, when: str, tid: str, request: gr.Request) -> tuple[Any, ...]:
        user = who(request)
        note = save_agenda(ws, settings, user, tid, text, when, approve=True)
        # The sharing list names the agenda by its status and meeting time: both may have changed.
        return (*panel_after_save(user, tid, note, when), sharing_list(user),
                stage_html(str(service.state(user.name, tid).get("stage", "goal"))))

    save_btn.click(on_save, [agenda, meeting, thread], [notices, *side_outputs[:6], share_items],
                   api_name="save_agenda")
    approve_btn.click(on_approve, [agenda, meeting, thread], [notices, *side_outputs[:6], share_items, stage],
                      api_name="approve_agenda")

    def on_share(value: bool, tid: str, request: gr.Request) -> tuple[Any, ...]:
        user = who(request)
        note = set_shared(ws, user, tid, value)
        view = agenda_view(ws, settings, user, tid)
        # The boxes show what is true, even when sharing failed.
        return note, view[2], view[3], sharing_list(user)

    shared.input(on_share, [shared, thread], [notices, agenda_status, shared, share_items], api_name="share_agenda")

    def on_share_items(wanted: list[str], tid: str, request: gr.Request) -> tuple[Any, ...]:
        user = who(request)
        note = apply_sharing(ws, user, wanted, share_choices(ws, settings, user)[0])
        view = agenda_view(ws, settings, user, tid)
        return note, view[2], view[3], sharing_list(user)

    share_items.input(on_share_items, [share_items, thread], [notices, agenda_status, shared, share_items],
                      api_name="share_items")

    def on_export(tid: str, request: gr.Request) -> tuple[Any, str]:
        paths, note = export_files(ws, settings, who(request), tid)
        return gr.update(value=paths or None, visible=bool(paths)), note

    export_btn.click(on_export, [thread], [files, notices], api_name="export_agenda")

    def on_add(k: str, text: str, proof: str, goal_id: int | None, request: gr.Request) -> tuple[Any, ...]:
        user = who(request)
        note = add_log(ws, user, k, text, proof, goal_id)
        cleared = note.startswith("Added")
        return (note, log_markdown(ws, user), "" if cleared else text, "" if cleared else proof,
                sharing_list(user))

    add_btn.click(on_add, [kind, log_text, evidence, goal], [notices, log, log_text, evidence, share_items],
                  api_name="add_log")
