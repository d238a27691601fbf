"""The Mentor tab: generate a GROW question set for a topic, edit it, lint it, export it.

Handlers are plain functions, so tests call them without a browser.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.config import Settings
from assistant.lint import lint_questions
from assistant.questions import QuestionSetError, protege_question_set, question_set
from assistant.store.people import AccessDenied, StoreInputError
from assistant.store.records import UserRecord
from assistant.store.workspace import Workspace
from assistant.ui import downloads
from assistant.ui.identity import current_user
from assistant.ui.safe_text import safe_markdown

LINT_HEADERS = ["question", "flags", "why", "try instead"]
MAX_EDIT_LINES = 200


def generate(topic: str, count: float, bank: Path) -> tuple[str, str]:
    """(editable questions, one per line; status message)."""
    try:
        result = question_set(topic, int(count), bank)
    except QuestionSetError as exc:
        return "", f"⚠️ {exc}"
    lines = [q.text for q in result.questions]
    return "\n".join(lines), f"{len(lines)} questions across Goal, Reality, Options and Way forward."


def lint_text(text: str) -> tuple[list[list[str]], str]:
    questions = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not questions:
        return [], "⚠️ Nothing to check: write or generate some questions first."
    if len(questions) > MAX_EDIT_LINES:
        return [], f"⚠️ That's {len(questions)} lines; check at most {MAX_EDIT_LINES} at a time."
    rows = []
    for r in lint_questions(questions):
        rows.append([
            r.question,
            ", ".join(r.kinds) or "ok",
            " ".join(f.explanation for f in r.flags),
            r.rewrite,
        ])
    flagged = sum(1 for row in rows if row[1] != "ok")
    return rows, f"{len(rows)} questions checked, {flagged} flagged."


def questions_markdown(topic: str, text: str) -> str | None:
    questions = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not questions:
        return None
    body = [f"# Questions for: {topic.strip() or 'my next session'}", ""]
    body += [f"{i}. {q}" for i, q in enumerate(questions, 1)]
    return safe_markdown("\n".join(body) + "\n")


def shared_markdown(ws: Workspace, mentor: UserRecord) -> str:
    """What each protégé chose to share with this mentor; nothing else is reachable."""
    if mentor.role != "mentor":
        return "_Mentors see here what their protégés choose to share with them._"
    try:
        items = ws.shared_with(mentor)
    except AccessDenied as exc:
        return f"⚠️ {exc}"
    if not items:
        names = ", ".join(p.name for p in ws.proteges_of(mentor)) or "no protégé yet"
        return f"_Nothing shared with you yet ({names}). Protégés choose what to share, item by item._"
    lines = []
    for item in items:
        body = safe_markdown(item.text).replace("\n", "  \n")
        lines.append(f"#### {html.escape(item.owner)} · {item.item_type} · {item.shared_at:%Y-%m-%d}\n\n{body}\n")
    return "\n".join(lines)


def generate_for_protege(ws: Workspace, mentor: UserRecord, protege: str, count: float, bank: Path) -> tuple[str, str]:
    if not (protege or "").strip():
        return "", "⚠️ Choose a protégé first."
    try:
        result = protege_question_set(ws, mentor, protege.strip(), int(count), bank)
    except (QuestionSetError, AccessDenied, StoreInputError) as exc:
        return "", f"⚠️ {exc}"
    lines = [q.text for q in result.questions]
    return "\n".join(lines), f"{len(lines)} questions fitted to what {html.escape(protege)} shared with you."


def build_mentor_tab(
    bank: Path, ws: Workspace | None = None, settings: Settings | None = None, demo: gr.Blocks | None = None
) -> None:
    if ws is not None and settings is not None:
        _build_shared_section(bank, ws, settings, demo)
    gr.Markdown(
        "Questions for your next session, fitted to what your protégé wants to work on. "
        "Edit them freely, then check them: the linter flags closed, leading and advice-laden wording."
    )
    with gr.Row():
        topic = gr.Textbox(label="Topic", placeholder="e.g. moving from engineering into product management",
                           scale=4, elem_id="mentor-topic")
        count = gr.Slider(4, 24, value=12, step=1, label="How many", scale=1)
    generate_btn = gr.Button("Generate questions", variant="primary", elem_id="mentor-generate")
    questions = gr.Textbox(label="Your questions (one per line; edit freely)", lines=12, elem_id="mentor-questions")
    status = gr.Markdown(elem_id="mentor-status")
    with gr.Row():
        lint_btn = gr.Button("Check my questions", elem_id="mentor-lint")
        export_btn = gr.DownloadButton("Export as Markdown", elem_id="mentor-export")
    results = gr.Dataframe(headers=LINT_HEADERS, interactive=False, wrap=True, elem_id="mentor-results")

    generate_btn.click(lambda t, c: generate(t, c, bank), [topic, count], [questions, status], api_name="questions")
    lint_btn.click(lint_text, [questions], [results, status], api_name="lint_questions")
    def on_questions(topic_text: str, text: str, request: gr.Request) -> str | None:
        body = questions_markdown(topic_text, text)
        if body is None or settings is None or ws is None:
            return None
        try:
            owner = current_user(request, settings, ws).name
        except AccessDenied:
            return None
        return downloads.write(settings, owner, "questions.md", body)

    questions.change(on_questions, [topic, questions], [export_btn], show_progress="hidden")


def _build_shared_section(bank: Path, ws: Workspace, settings: Settings, demo: gr.Blocks | None) -> None:
    # Closed until we know the person is a mentor: for anyone else it is empty.
    with gr.Accordion("Shared with you", open=False, elem_id="mentor-shared-panel") as panel:
        shared = gr.Markdown(elem_id="mentor-shared")
        with gr.Row():
            protege = gr.Dropdown(label="Protégé", choices=[], scale=3, elem_id="mentor-protege")
            count = gr.Slider(4, 24, value=12, step=1, label="How many", scale=1)
        with gr.Row():
            refresh = gr.Button("Refresh", size="sm")
            fitted = gr.Button("Questions from what they shared", size="sm", variant="primary",
                               elem_id="mentor-from-shared")
        fitted_out = gr.Textbox(label="Questions (edit freely, then check them below)", lines=8,
                                elem_id="mentor-shared-questions")
        fitted_status = gr.Markdown()

    def on_refresh(request: gr.Request) -> tuple[str, Any, Any]:
        try:
            user = current_user(request, settings, ws)
        except AccessDenied as exc:
            return f"⚠️ {exc}", gr.update(), gr.update()
        names = [p.name for p in ws.proteges_of(user)] if user.role == "mentor" else []
        return (shared_markdown(ws, user), gr.update(choices=names, value=names[0] if names else None),
                gr.update(open=user.role == "mentor"))

    def on_fitted(name: str, n: float, request: gr.Request) -> tuple[str, str]:
        try:
            user = current_user(request, settings, ws)
        except AccessDenied as exc:
            return "", f"⚠️ {exc}"
        return generate_for_protege(ws, user, name, n, bank)

    refresh.click(on_refresh, outputs=[shared, protege, panel], api_name="mentor_shared")
    fitted.click(on_fitted, [protege, count], [fitted_out, fitted_status], api_name="questions_for_protege")
    if demo is not None:
        demo.load(on_refresh, outputs=[shared, protege, panel])
