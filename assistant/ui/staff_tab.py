"""The Staff tab: program figures and safety flags, never anyone's words.

The workspace refuses the overview to anyone but staff, so this tab shows a refusal to a
protégé or mentor even if they reach its handler.
"""

from __future__ import annotations

import html
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


def build_staff_tab(ws: Workspace, settings: Settings) -> Any:
    gr.Markdown("Program figures and safety flags. Transcripts are never shown here: they belong to the protégé.")
    body = gr.Markdown(elem_id="staff-overview")
    refresh = gr.Button("Refresh", size="sm", elem_id="staff-refresh")

    def on_refresh(request: gr.Request) -> str:
        try:
            return overview_markdown(ws, current_user(request, settings, ws))
        except AccessDenied as exc:
            return f"⚠️ {exc}"

    refresh.click(on_refresh, outputs=[body], api_name="staff_overview")
    return on_refresh, body
