"""The Mentor tab: generate a GROW question set (for a topic, or from what a protégé
shared), edit it, check it, export it.

There is one question editor: a set from a topic and a set from shared items both land in
it, and "Check my questions" checks whatever it holds. Results are cards that wrap (the
rewrite under its question), so they fit a laptop screen.
Handlers are plain functions, so tests call them without a browser.
"""

from __future__ import annotations

import html
from datetime import tzinfo
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.agenda import AgendaError, zone
from assistant.config import Settings
from assistant.lint import lint_questions
from assistant.questions import QuestionSetError, protege_question_set, question_set
from assistant.store.people import AccessDenied, StoreInputError
from assistant.store.records import SharedItem, UserRecord
from assistant.store.workspace import Workspace
from assistant.ui import downloads
from assistant.ui.identity import current_user
from assistant.ui.safe_text import plain, safe_markdown

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
    """(one row per question: question, flags or "ok", why, try instead; status line)."""
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


def results_markdown(rows: list[list[str]]) -> str:
    """The check as cards that wrap: each flagged question with why and, under it, what to
    try instead; then the open ones. Numbers are the lines in the editor."""
    if not rows:
        return ""
    flagged = [(n, row) for n, row in enumerate(rows, 1) if row[1] != "ok"]
    fine = [(n, row) for n, row in enumerate(rows, 1) if row[1] == "ok"]
    out: list[str] = []
    if flagged:
        out.append(f"#### Worth another look ({len(flagged)})")
        for n, (question, flags, why, rewrite) in flagged:
            out.append(f"**{n}. {plain(question)}**  \n⚠️ *{plain(flags)}*: {plain(why)}  \n"
                       f"**Try instead:** {plain(rewrite)}\n")
    if fine:
        out.append(f"#### Open and non-directive ({len(fine)})")
        out += [f"- **{n}.** {plain(row[0])}" for n, row in fine]
    return "\n".join(out) + "\n"


def check_questions(text: str) -> tuple[str, str]:
    """(results as Markdown cards, status line) for the questions in the editor."""
    rows, status = lint_text(text)
    return results_markdown(rows), status


def questions_markdown(topic: str, text: str) -> str | None:
    questions = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not questions:
        return None
    body = [f"# Questions for: {topic.strip() or 'my next session'}", ""]
    body += [f"{i}. {q}" for i, q in enumerate(questions, 1)]
    return safe_markdown("\n".join(body) + "\n")


ITEM_LABELS = {"agenda": "agenda", "goal": "goal", "commitment": "commitment", "log": "log entry"}


def shared_heading(item: SharedItem, tz: tzinfo) -> str:
    """ "pia · agenda · meeting Thu 7 Mar 2030, 10:00 (Europe/Berlin)": an agenda is about a
    meeting, so its meeting time (in the program's zone) leads, not the day it was shared."""
    label = f"{html.escape(item.owner)} · {ITEM_LABELS.get(item.item_type, html.escape(item.item_type))}"
    if item.item_type == "agenda":
        when = item.meeting_at.astimezone(tz) if item.meeting_at else None
        label += f" · meeting {when:%a} {when.day} {when:%b %Y, %H:%M} ({tz})" if when else " · no meeting time set yet"
    return f"#### {label}"


def shared_markdown(ws: Workspace, mentor: UserRecord, timezone: str = "UTC") -> str:
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
    try:
        tz = zone(timezone)
    except AgendaError:
        tz = zone("UTC")
    lines = []
    for item in items:
        body = safe_markdown(item.text).replace("\n", "  \n")
        day = item.shared_at.astimezone(tz)
        shared = f"<small>shared with you {day.day} {day:%b %Y}</small>"
        lines.append(f"{shared_heading(item, tz)}\n\n{body}\n\n{shared}\n")
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
    shared_section = _build_shared_section(ws, settings, demo) if ws is not None and settings is not None else None
    gr.Markdown(
        "Questions for your next session, fitted to what your protégé wants to work on. "
        "Edit them freely, then check them: the linter flags closed, leading and advice-laden wording."
    )
    with gr.Row():
        topic = gr.Textbox(label="Topic", placeholder="e.g. moving from engineering into product management",
                           scale=4, elem_id="mentor-topic")
        count = gr.Slider(4, 24, value=12, step=1, label="How many", scale=1)
    generate_btn = gr.Button("Generate questions", variant="primary", elem_id="mentor-generate")
    questions = gr.Textbox(label="Your questions (one per line; edit freely, then check them)", lines=12,
                           elem_id="mentor-questions")
    status = gr.Markdown(elem_id="mentor-status")
    with gr.Row():
        lint_btn = gr.Button("Check my questions", elem_id="mentor-lint")
        export_btn = gr.DownloadButton("Export as Markdown", elem_id="mentor-export")
    results = gr.Markdown(elem_id="mentor-results")
    # What the set in the editor is for, for the export's title: the topic, or "what pia shared".
    title = gr.State("")

    def on_generate(t: str, c: float) -> tuple[Any, str, Any, Any]:
        text, message = generate(t, c, bank)
        if not text:  # nothing to replace the editor's set with: keep it (and its results), say why
            return gr.update(), message, gr.update(), gr.update()
        return text, message, "", t  # a new set: results of the last check no longer apply

    generate_btn.click(on_generate, [topic, count], [questions, status, results, title], api_name="questions")
    lint_btn.click(check_questions, [questions], [results, status], api_name="lint_questions")

    def on_questions(topic_text: str, set_title: str, text: str, request: gr.Request) -> str | None:
        body = questions_markdown(set_title or topic_text, text)
        if body is None or settings is None or ws is None:
            return None
        try:
            owner = current_user(request, settings, ws).name
        except AccessDenied:
            return None
        return downloads.write(settings, owner, "questions.md", body)

    questions.change(on_questions, [topic, title, questions], [export_btn], show_progress="hidden")
    if shared_section is None or ws is None or settings is None:
        return
    protege, shared_count, fitted, fitted_status = shared_section

    def on_fitted(name: str, n: float, request: gr.Request) -> tuple[Any, str, Any, str, Any]:
        try:
            user = current_user(request, settings, ws)
        except AccessDenied as exc:
            return gr.update(), f"⚠️ {exc}", gr.update(), f"⚠️ {exc}", gr.update()
        text, message = generate_for_protege(ws, user, name, n, bank)
        if not text:
            return gr.update(), message, gr.update(), message, gr.update()
        where = f"{message} They're in “Your questions” below: edit them, then check them."
        return text, message, "", where, f"what {name} shared"

    fitted.click(on_fitted, [protege, shared_count], [questions, status, results, fitted_status, title],
                 api_name="questions_for_protege")


def _build_shared_section(
    ws: Workspace, settings: Settings, demo: gr.Blocks | None
) -> tuple[gr.Dropdown, gr.Slider, gr.Button, gr.Markdown]:
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
        fitted_status = gr.Markdown(elem_id="mentor-shared-status")

    def on_refresh(request: gr.Request) -> tuple[str, Any, Any]:
        try:
            user = current_user(request, settings, ws)
        except AccessDenied as exc:
            return f"⚠️ {exc}", gr.update(), gr.update()
        names = [p.name for p in ws.proteges_of(user)] if user.role == "mentor" else []
        return (shared_markdown(ws, user, settings.timezone),
                gr.update(choices=names, value=names[0] if names else None),
                gr.update(open=user.role == "mentor"))

    refresh.click(on_refresh, outputs=[shared, protege, panel], api_name="mentor_shared")
    if demo is not None:
        demo.load(on_refresh, outputs=[shared, protege, panel])
    return protege, count, fitted, fitted_status
