"""The Prepare tab: the protégé chats with the coach; the side panel shows where they are
(GROW stage), their own words so far, and the guidance the coach drew on.

The handlers are plain functions over the service, so tests call them without a browser.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.coach import templates as T
from assistant.coach.service import CoachError, CoachService
from assistant.records import Passage, Reply

STAGE_LABELS = [("goal", "Goal"), ("reality", "Reality"), ("options", "Options"), ("will", "Way forward"),
                ("agenda", "Agenda")]
SLOT_LABELS = {
    "goal": "Your goal",
    "success": "What success looks like",
    "why": "Why it matters",
    "reality": "Where things stand",
    "obstacles": "What gets in the way",
    "options": "Options you named",
    "next_step": "Your next step",
    "mentor_questions": "Questions for your mentor",
}
#: Beyond this a message is cut by the service anyway; the box stops runaway pastes earlier.
MAX_INPUT_CHARS = 200_000

History = list[dict[str, Any]]


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
    lines = [f"**{label}:** {slots[key]}" for key, label in SLOT_LABELS.items() if slots.get(key)]
    return "\n\n".join(lines) if lines else "_Nothing yet: what you say in your own words shows up here._"


def sources_markdown(passages: list[Passage]) -> str:
    if not passages:
        return "_No program guidance used for this reply._"
    items = []
    for p in passages:
        snippet = html.escape(" ".join(p.text.split())[:220])
        items.append(f"- **{html.escape(p.label)}**  \n  <small>{snippet}…</small>")
    return "\n".join(items)


def start_thread(service: CoachService, user: str) -> tuple[str, History]:
    return service.new_thread(user), [{"role": "assistant", "content": T.GREETING}]


def chat_turn(
    service: CoachService, user: str, thread: str, message: str, history: History
) -> Iterator[tuple[History, str, str, str, str]]:
    """Yield (history, stage html, slots md, sources md, notices md) as the reply streams."""
    history = list(history or [])
    text = message or ""
    if len(text) > MAX_INPUT_CHARS:
        text = text[:MAX_INPUT_CHARS]
    history.append({"role": "user", "content": text if text.strip() else "(empty message)"})
    history.append({"role": "assistant", "content": ""})
    state = service.state(user, thread)
    stage, slots = state.get("stage", "goal"), state.get("slots", {})
    panels = (stage_html(stage), slots_markdown(slots), sources_markdown([]))
    try:
        for event in service.respond(user, thread, text):
            if isinstance(event, Reply):
                history[-1] = {"role": "assistant", "content": event.text}
                if not text.strip():
                    history = [*history[:-2], history[-1]]  # keep the hint, drop the placeholder
                state = service.state(user, thread)
                notes = "\n".join(f"⚠️ {n}" for n in event.notices)
                yield (
                    list(history),
                    stage_html(event.stage),
                    slots_markdown(state.get("slots", {})),
                    sources_markdown(event.citations),
                    notes,
                )
            else:
                history[-1] = {"role": "assistant", "content": history[-1]["content"] + event}
                yield (list(history), *panels, "")
    except CoachError as exc:
        history[-1] = {"role": "assistant", "content": f"Sorry, that didn't work: {exc}"}
        yield (history, *panels, f"⚠️ {exc}")


def build_prepare_tab(demo: gr.Blocks, service: CoachService, user: str, backend_label: str) -> None:
    thread = gr.State("")
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(
                label="Your preparation",
                height=520,
                elem_id="prep-chat",
                buttons=["copy"],
            )
            notices = gr.Markdown(elem_id="notices")
            with gr.Row():
                box = gr.Textbox(
                    placeholder="Type what's on your mind… (Enter to send)",
                    show_label=False,
                    scale=5,
                    lines=1,
                    max_lines=8,
                    max_length=MAX_INPUT_CHARS,
                    elem_id="message-box",
                    autofocus=True,
                )
                send = gr.Button("Send", variant="primary", scale=1, elem_id="send")
            new = gr.Button("Start a new conversation", size="sm", variant="secondary")
        with gr.Column(scale=2):
            gr.Markdown(f"<span class='backend-badge' id='backend-badge'>Backend: {html.escape(backend_label)}</span>")
            stage = gr.HTML(stage_html("goal"), label="Where we are")
            with gr.Accordion("In your words", open=True):
                slots = gr.Markdown(slots_markdown({}), elem_id="slots")
            with gr.Accordion("Sources from your program's guidance", open=True):
                sources = gr.Markdown(sources_markdown([]), elem_id="sources")

    def on_load() -> tuple[str, History, str, str, str, str]:
        tid, hist = start_thread(service, user)
        return tid, hist, stage_html("goal"), slots_markdown({}), sources_markdown([]), ""

    def on_send(message: str, history: History, tid: str) -> Iterator[tuple[Any, ...]]:
        if not tid:
            tid, history = start_thread(service, user)
        for out in chat_turn(service, user, tid, message, history):
            yield ("", tid, *out)

    outputs = [box, thread, chatbot, stage, slots, sources, notices]
    gr.on(
        triggers=[box.submit, send.click],
        fn=on_send,
        inputs=[box, chatbot, thread],
        outputs=outputs,
        api_name="chat",
        concurrency_limit=None,
    )
    new.click(on_load, outputs=[thread, chatbot, stage, slots, sources, notices], api_name="new_conversation")
    # Each browser tab gets its own thread (and a greeting) when the page loads.
    demo.load(on_load, outputs=[thread, chatbot, stage, slots, sources, notices])
