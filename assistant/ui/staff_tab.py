"""The Staff tab: program figures and safety flags, never anyone's words.

The workspace refuses the overview to anyone but staff, so this tab shows a refusal to a
protégé or mentor even if they reach its handler.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.config import Settings
from assistant.store.people import AccessDenied
from assistant.store.records import UserRecord
from assistant.store.workspace import Workspace
from assistant.ui.identity import current_user


def overview_markdown(ws: Workspace, user: UserRecord) -> str:
    try:
        view = ws.overview(user)
    except AccessDenied as exc:
        return f"⚠️ {exc}"
    people = ", ".join(f"{n} {r}s" for r, n in sorted(view.users.items())) or "nobody yet"
    statuses = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(view.commitments.items())) or "none yet"
    lines = [
        f"**People:** {people} · **pairings:** {view.pairings}",
        f"**Preparation threads:** {view.threads} · **approved agendas:** {view.agendas_approved}",
        f"**Commitments:** {statuses}",
        "",
        f"### Safety flags ({len(view.flags)})",
    ]
    if not view.flags:
        lines.append("_None._")
    else:
        lines += ["| when (UTC) | who | severity | reason |", "|---|---|---|---|"]
        lines += [
            f"| {f.created_at:%Y-%m-%d %H:%M} | {html.escape(f.owner)} | {f.severity} | {html.escape(f.reason)} |"
            for f in view.flags
        ]
        lines.append("\nFollow your program's escalation policy; the conversation itself stays private.")
    return "\n".join(lines)


def eval_runs_dir(settings: Settings) -> Path:
    return Path(settings.data_dir) / "eval-runs"


def latest_run(settings: Settings) -> Path | None:
    runs = [p for p in eval_runs_dir(settings).glob("*") if (p / "summary.json").is_file()]
    return max(runs, key=lambda p: p.name) if runs else None


def run_markdown(run: Path | None) -> str:
    """The headline of an evaluation run: pass or fail, each gate, the personas that failed."""
    if run is None:
        return "_No evaluation run yet. Run the suite to see whether the coach prompts rather than directs._"
    try:
        summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"⚠️ The run in {run.name} can't be read ({exc})."
    verdict = "✅ **Passed**" if summary.get("passed") else "❌ **Below thresholds**"
    lines = [f"{verdict} · run {html.escape(run.name)} · backend {summary.get('backend')} · "
             f"{len(summary.get('personas', {}))} personas in {summary.get('seconds', 0):.0f} s", "",
             "| gate | value | needs | |", "|---|---|---|---|"]
    for t in summary.get("thresholds", []):
        bound = t["fair"] if t.get("gate") == "fair" else t["good"]
        sign = "≥" if t.get("direction") == "min" else "≤"
        lines.append(f"| {t['metric']} | {t['value']:.3f} | {sign} {bound:g} | {'✅' if t['passed'] else '❌'} |")
    failed = {k: v for k, v in summary.get("personas", {}).items() if not v.get("passed")}
    for name, persona in failed.items():
        lines.append(f"\n- ❌ {html.escape(name)}: {html.escape('; '.join(persona.get('failures', [])))}")
    return "\n".join(lines)


def run_evaluation(ws: Workspace, settings: Settings, user: UserRecord) -> tuple[str, list[str]]:
    """Staff run the persona suite with the configured backend; the report is theirs to read."""
    if user.role != "staff":
        return "⚠️ Only program staff run the evaluation suite.", []
    from assistant.bootstrap import build_service
    from eval.personas import load_personas
    from eval.runner import run_suite

    out = eval_runs_dir(settings) / datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    # Evaluation threads stay with the run, never among real protégés' conversations.
    eval_settings = settings.model_copy(update={"data_dir": out / "threads",
                                                "chroma_path": settings.effective_chroma_path})
    try:
        result = run_suite(lambda: build_service(eval_settings, workspace=False), load_personas(), out,
                           backend=settings.effective_backend, progress=False)
    except Exception as exc:  # a failed run is reported to staff, not raised into the page
        return f"⚠️ The evaluation could not run: {exc}", []
    return run_markdown(out), [result.files["report"], result.files["summary"]]


def build_staff_tab(ws: Workspace, settings: Settings) -> Any:
    gr.Markdown("Program figures and safety flags. Transcripts are never shown here: they belong to the protégé.")
    body = gr.Markdown(elem_id="staff-overview")
    refresh = gr.Button("Refresh", size="sm", elem_id="staff-refresh")
    gr.Markdown("### Does the coach prompt rather than direct?")
    eval_summary = gr.Markdown(run_markdown(latest_run(settings)), elem_id="staff-eval")
    run_btn = gr.Button("Run the evaluation suite (about a minute)", elem_id="staff-run-eval")
    eval_files = gr.File(label="Report (HTML) and summary (JSON)", file_count="multiple", interactive=False,
                         elem_id="staff-eval-files")

    def on_run(request: gr.Request) -> tuple[str, Any]:
        try:
            user = current_user(request, settings, ws)
        except AccessDenied as exc:
            return f"⚠️ {exc}", None
        text, files = run_evaluation(ws, settings, user)
        return text, files or None

    run_btn.click(on_run, outputs=[eval_summary, eval_files], api_name="staff_run_eval", concurrency_limit=1)

    def on_refresh(request: gr.Request) -> str:
        try:
            return overview_markdown(ws, current_user(request, settings, ws))
        except AccessDenied as exc:
            return f"⚠️ {exc}"

    refresh.click(on_refresh, outputs=[body], api_name="staff_overview")
    return on_refresh, body
