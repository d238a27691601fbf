"""The Staff tab: program figures and safety flags, never anyone's words; evaluation runs.

The workspace refuses the overview to anyone but staff, so this tab shows a refusal to a
protégé or mentor even if they reach its handler. Evaluation reports are served by
`report_route` (mounted in the web guard), to signed-in staff only.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.config import Settings
from assistant.records import STATUS_WORDS
from assistant.store.people import AccessDenied, StoreInputError
from assistant.store.records import UserRecord
from assistant.store.workspace import Workspace
from assistant.ui.identity import current_user
from assistant.ui.web_guard import Page

#: (role, one, many) in the order staff read them.
ROLES = (("protege", "protégé", "protégés"), ("mentor", "mentor", "mentors"),
         ("staff", "staff member", "staff members"))


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def overview_markdown(ws: Workspace, user: UserRecord) -> str:
    try:
        view = ws.overview(user)
    except AccessDenied as exc:
        return f"⚠️ {exc}"
    known = {role for role, _, _ in ROLES}
    people = [_count(view.users.get(role, 0), one, many) for role, one, many in ROLES]
    people += [f"{n} {role}" for role, n in sorted(view.users.items()) if role not in known]
    labels = STATUS_WORDS
    order = [*STATUS_WORDS, *sorted(set(view.commitments) - set(labels))]
    statuses = [f"{view.commitments[s]} {labels.get(s, s.replace('_', ' '))}"
                for s in order if view.commitments.get(s)]
    lines = [
        f"- **People:** {', '.join(people) if sum(view.users.values()) else 'nobody yet'}",
        f"- **Pairings:** {view.pairings}",
        f"- **Preparation threads:** {view.threads}",
        f"- **Approved agendas:** {view.agendas_approved}",
        f"- **Commitments:** {', '.join(statuses) or 'none yet'}",
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


# -- evaluation runs ------------------------------------------------------------------------
#: A run's folder is named for when it started (UTC), as run_evaluation names it; nothing
#: else is listed or served, so a name from a URL can never reach outside eval-runs.
RUN_NAME = re.compile(r"[0-9]{8}-[0-9]{6}")
RUN_FORMAT = "%Y%m%d-%H%M%S"
#: Where the web guard serves a run's files: /staff/reports/<run>/<file>.
REPORTS_PATH = "/staff/reports/"
REPORT_FILES = {"report.html": b"text/html; charset=utf-8", "summary.json": b"application/json; charset=utf-8"}
#: The report is self-contained HTML: inline CSS (a <style> element and style attributes),
#: inline SVG charts, <details> for transcripts; no script, image, font or form. `sandbox`
#: (without allow-scripts) also gives it an opaque origin: were a persona's text ever to
#: smuggle markup past the escaping, it could neither run nor reach this site's cookies.
REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
              "form-action 'none'; frame-ancestors 'none'; sandbox")
MAX_LISTED = 20


def eval_runs_dir(settings: Settings) -> Path:
    return Path(settings.data_dir) / "eval-runs"


def started(name: str) -> datetime | None:
    """When the run of this folder name started (UTC), or None if it is not a run's name."""
    if not RUN_NAME.fullmatch(name):
        return None
    try:
        return datetime.strptime(name, RUN_FORMAT).replace(tzinfo=UTC)
    except ValueError:  # 20261399-...: digits, but no time
        return None


def run_dirs(settings: Settings) -> list[Path]:
    """Finished runs (those with a summary), latest first."""
    root = eval_runs_dir(settings)
    runs = [p for p in root.glob("*") if started(p.name) and (p / "summary.json").is_file()]
    return sorted(runs, key=lambda p: p.name, reverse=True)


def latest_run(settings: Settings) -> Path | None:
    runs = run_dirs(settings)
    return runs[0] if runs else None


@dataclass(frozen=True)
class RunInfo:
    """One row of the runs list; `error` says why a summary could not be read."""

    name: str
    when: datetime
    backend: str = ""
    passed: bool = False
    personas: int = 0
    personas_passed: int = 0
    seconds: float = 0.0
    has_report: bool = False
    error: str = ""


def run_info(run: Path) -> RunInfo:
    when = started(run.name)
    assert when is not None, "run_dirs lists runs only"
    try:
        summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
        personas = summary.get("personas", {})
        return RunInfo(run.name, when, str(summary.get("backend", "")), bool(summary.get("passed")),
                       len(personas), sum(1 for p in personas.values() if p.get("passed")),
                       float(summary.get("seconds", 0)), (run / "report.html").is_file())
    except (OSError, ValueError, AttributeError, TypeError) as exc:
        return RunInfo(run.name, when, error=str(exc) or type(exc).__name__)


def duration(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole} s" if whole < 60 else f"{whole // 60} min {whole % 60:02d} s"


def _cell(text: str) -> str:
    return html.escape(text).replace("|", "\\|")


def runs_markdown(settings: Settings) -> str:
    """Every run on disk, latest first, each with a link that opens its report in a new tab."""
    runs = run_dirs(settings)
    if not runs:
        return ""
    lines = ["#### Evaluation runs, latest first", "",
             "| started (UTC) | backend | result | personas | took | report |", "|---|---|---|---|---|---|"]
    for info in map(run_info, runs[:MAX_LISTED]):
        when = f"{info.when:%Y-%m-%d %H:%M:%S}"
        if info.error:
            lines.append(f"| {when} | | ⚠️ can't be read ({_cell(info.error)}) | | | |")
            continue
        verdict = "✅ passed" if info.passed else "❌ below thresholds"
        link = (f'<a href="{REPORTS_PATH.lstrip("/")}{info.name}/report.html" target="_blank" rel="noopener" '
                f'class="staff-report-link">open report</a>' if info.has_report else "")
        lines.append(f"| {when} | {_cell(info.backend)} | {verdict} | {info.personas_passed} of {info.personas} "
                     f"passed | {duration(info.seconds)} | {link} |")
    if len(runs) > MAX_LISTED:
        lines.append(f"\n_The latest {MAX_LISTED} of {len(runs)} runs._")
    return "\n".join(lines)


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
             f"{len(summary.get('personas', {}))} personas in {duration(float(summary.get('seconds', 0)))}", "",
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

    out = eval_runs_dir(settings) / datetime.now(UTC).strftime(RUN_FORMAT)
    # Evaluation threads stay with the run, never among real protégés' conversations.
    eval_settings = settings.model_copy(update={"data_dir": out / "threads",
                                                "chroma_path": settings.effective_chroma_path})
    try:
        result = run_suite(lambda: build_service(eval_settings, workspace=False), load_personas(), out,
                           backend=settings.effective_backend, progress=False)
    except Exception as exc:  # a failed run is reported to staff, not raised into the page
        return f"⚠️ The evaluation could not run: {exc}", []
    return run_markdown(out), [result.files["report"], result.files["summary"]]


def _text_page(status: int, text: str) -> Page:
    return status, [(b"content-type", b"text/plain; charset=utf-8"), (b"cache-control", b"no-store")], text.encode()


def report_route(settings: Settings, ws: Workspace) -> Callable[[str | None, str], Page]:
    """GET /staff/reports/<run>/report.html (or summary.json) for signed-in staff: the
    report opens as a page in its own tab (Gradio's file route would download it)."""

    def serve(who: str | None, rest: str) -> Page:
        if settings.auth == "none":
            # No sign-in means no staff: whoever reaches the port is "the local person" (a
            # protégé), and the Staff tab is not shown. On a laptop the report is a file
            # that person can open from the data folder; over a network it stays unserved.
            return _text_page(403, "Evaluation reports are served to signed-in staff only. "
                                   "On this computer, open report.html in the run's folder under eval-runs.")
        if who is None:
            return _text_page(401, "Please sign in, then open the report from the Staff tab.")
        try:
            role = ws.user(who.strip()).role
        except StoreInputError:
            role = None
        if role != "staff":
            return _text_page(403, "Only program staff read evaluation reports.")
        run, _, name = rest.partition("/")
        if started(run) is None or name not in REPORT_FILES:
            return _text_page(404, "No such report.")
        try:
            body = (eval_runs_dir(settings) / run / name).read_bytes()
        except OSError:
            return _text_page(404, "No such report.")
        headers = [(b"content-type", REPORT_FILES[name]),
                   (b"content-disposition", f'inline; filename="{name}"'.encode()),
                   (b"content-security-policy", REPORT_CSP.encode()), (b"cache-control", b"private, no-store")]
        return 200, headers, body

    return serve


# -- the tab --------------------------------------------------------------------------------
def run_button_label(settings: Settings) -> str:
    """Honest about time: measured on a 2-core machine, the offline suite (14 personas)
    takes about 5 s warm and 13 s on a server's first run (models load); each turn with a
    model backend waits for the model, so that takes minutes."""
    from eval.personas import load_personas

    count = len(load_personas())
    if settings.effective_backend == "offline":
        return f"Run the evaluation suite ({count} personas, about 15 seconds)"
    return f"Run the evaluation suite ({count} personas; several minutes with {settings.effective_backend})"


def build_staff_tab(ws: Workspace, settings: Settings) -> Any:
    gr.Markdown("Program figures and safety flags. Transcripts are never shown here: they belong to the protégé.")
    body = gr.Markdown(elem_id="staff-overview")
    refresh = gr.Button("Refresh", size="sm", elem_id="staff-refresh")
    gr.Markdown("### Does the coach prompt rather than direct?")
    eval_summary = gr.Markdown(elem_id="staff-eval")
    run_btn = gr.Button(run_button_label(settings), elem_id="staff-run-eval")
    eval_runs = gr.Markdown(elem_id="staff-eval-runs")

    def staff_only(request: gr.Request) -> UserRecord | None:
        try:
            user = current_user(request, settings, ws)
        except AccessDenied:
            return None
        return user if user.role == "staff" else None

    def on_runs(request: gr.Request) -> tuple[str, str]:
        # Read from disk on every page load and refresh, never once at build time: a run
        # made after the server started is listed after a reload.
        if staff_only(request) is None:
            return "", ""
        return run_markdown(latest_run(settings)), runs_markdown(settings)

    gr.on(None, on_runs, outputs=[eval_summary, eval_runs], api_name="staff_runs")

    # Progress follows run_suite's own tqdm bar over the personas (Gradio patches tqdm).
    track = gr.Progress(track_tqdm=True)

    def on_run(request: gr.Request, progress: gr.Progress = track) -> tuple[str, str]:
        try:
            user = current_user(request, settings, ws)
        except AccessDenied as exc:
            return f"⚠️ {exc}", ""
        progress(0, desc="Starting the coach")
        text, _files = run_evaluation(ws, settings, user)
        return text, runs_markdown(settings) if user.role == "staff" else ""

    # The button is off while a run is going: one click, one run (concurrency_limit=1
    # also queues another staff member's run behind this one).
    run_btn.click(lambda: gr.Button(interactive=False), outputs=[run_btn], queue=False, api_visibility="private").then(
        on_run, outputs=[eval_summary, eval_runs], api_name="staff_run_eval", concurrency_limit=1,
        show_progress_on=[eval_summary],
    ).then(lambda: gr.Button(interactive=True), outputs=[run_btn], queue=False, api_visibility="private")

    def on_refresh(request: gr.Request) -> str:
        try:
            return overview_markdown(ws, current_user(request, settings, ws))
        except AccessDenied as exc:
            return f"⚠️ {exc}"

    refresh.click(on_refresh, outputs=[body], api_name="staff_overview")
    refresh.click(on_runs, outputs=[eval_summary, eval_runs], api_visibility="private")
    return on_refresh, body
