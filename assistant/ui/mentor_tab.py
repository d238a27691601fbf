"""The Mentor tab: generate a GROW question set for a topic, edit it, lint it, export it.

Handlers are plain functions, so tests call them without a browser.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from assistant.lint import lint_questions
from assistant.questions import QuestionSetError, question_set

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


def export_markdown(topic: str, text: str) -> str | None:
    questions = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not questions:
        return None
    body = [f"# Questions for: {topic.strip() or 'my next session'}", ""]
    body += [f"{i}. {q}" for i, q in enumerate(questions, 1)]
    # delete=False: Gradio serves the file after this function returns.
    with tempfile.NamedTemporaryFile("w", suffix=".md", prefix="questions-", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(body) + "\n")
    return handle.name


def build_mentor_tab(bank: Path) -> None:
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
    questions.change(export_markdown, [topic, questions], [export_btn], show_progress="hidden")
