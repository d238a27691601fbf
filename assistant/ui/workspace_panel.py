"""The Prepare tab's workspace side: the agenda (edit, approve, export, share), the
protégé's commitments, and their strengths and weaknesses log.

Handlers are plain functions over the workspace; the acting user comes from the request,
and every read and write goes through the workspace's access rules.
"""

from __future__ import annotations

import html
from datetime import datetime

from assistant.agenda import AgendaError, parse_when, suggest_when, title, to_ics, to_markdown, zone
from assistant.config import Settings
from assistant.records import STATUS_WORDS
from assistant.store.people import AccessDenied, StoreInputError
from assistant.store.records import AgendaRecord, UserRecord
from assistant.store.workspace import Workspace
from assistant.ui import downloads
from assistant.ui.safe_text import safe_markdown

_ICONS = {"done": "✅ ", "partly": "◐ ", "not_yet": "⏳ ", "dropped": "✖ "}
OUTCOME_LABELS = {status: _ICONS.get(status, "") + words for status, words in STATUS_WORDS.items()}
REFLECTION_PROMPTS = (
    "What did you do recently that went better than you expected, and what made it work?",
    "When did you last feel stretched, and what did that show you about yourself?",
    "What feedback have you heard more than once, and what do you make of it?",
)


def thread_agenda(ws: Workspace, user: UserRecord, thread: str) -> AgendaRecord | None:
    if not thread:
        return None
    return next((a for a in ws.agendas(user) if a.thread_id == thread), None)


def agenda_view(ws: Workspace, settings: Settings, user: UserRecord, thread: str, timeframe: str = "") -> tuple[
    str, str, str, bool
]:
    """(agenda text, meeting time text, status line, shared with mentor?)"""
    agenda = thread_agenda(ws, user, thread)
    if agenda is None:
        return "", "", "_Your agenda appears here once we've talked it through; you edit and approve it._", False
    tz = zone(settings.timezone)
    when = agenda.meeting_at or suggest_when(timeframe, datetime.now(tz))
    when_text = when.astimezone(tz).strftime("%Y-%m-%d %H:%M") if when else ""
    shared = ("agenda", agenda.id) in ws.shared_keys(user)
    status = "**Approved** by you" if agenda.status == "approved" else "**Draft**: edit it, then approve it"
    mentor = ws.mentor_of(user)
    sharing = f" · shared with {mentor.name}" if shared and mentor else " · private to you"
    return agenda.markdown, when_text, status + sharing, shared


def save_agenda(
    ws: Workspace, settings: Settings, user: UserRecord, thread: str, text: str, when: str, approve: bool
) -> str:
    """Save the protégé's edits (and approval); returns a status line for them. A meeting
    time that can't be read (or has passed) never costs the edits: the text is saved as it
    stands, the time is not, and approval waits for a time that works."""
    try:
        agenda = thread_agenda(ws, user, thread)
        if agenda is None and not (text or "").strip():
            return "⚠️ There is no agenda yet: keep talking with the coach, or write your own here."
        problem = ""
        try:
            meeting = parse_when(when, zone(settings.timezone))
        except AgendaError as exc:
            problem = str(exc)
            meeting = agenda.meeting_at if agenda is not None else None
            approve = False
        if thread:
            ws.register_thread(user, thread)
        saved = ws.save_agenda(user, thread, text, meeting_at=meeting, approve=approve or _approved(agenda))
    except (AgendaError, StoreInputError, AccessDenied) as exc:
        return f"⚠️ {exc}"
    if problem:
        return f"⚠️ {problem} Your edits are saved; the meeting time is not."
    return "Approved. It's yours to take into the meeting." if saved.status == "approved" else "Saved as a draft."


def _approved(agenda: AgendaRecord | None) -> bool:
    return bool(agenda and agenda.status == "approved")


def set_shared(ws: Workspace, user: UserRecord, thread: str, shared: bool) -> str:
    agenda = thread_agenda(ws, user, thread)
    if agenda is None:
        return "⚠️ Nothing to share yet."
    try:
        if shared:
            mentor = ws.share(user, "agenda", agenda.id)
            return f"Shared with {mentor.name}. Untick to stop sharing at any time."
        ws.revoke(user, "agenda", agenda.id)
        return "Private to you again."
    except (StoreInputError, AccessDenied) as exc:
        return f"⚠️ {exc}"


def export_files(ws: Workspace, settings: Settings, user: UserRecord, thread: str) -> tuple[list[str], str]:
    """Write agenda.md (and agenda.ics when a meeting time is set) for download."""
    agenda = thread_agenda(ws, user, thread)
    if agenda is None:
        return [], "⚠️ Nothing to export yet."
    # Images and links in anyone's words are made inert: a Markdown viewer must not fetch them.
    files = [downloads.write(settings, user.name, "agenda.md", safe_markdown(to_markdown(agenda)))]
    try:
        files.append(downloads.write(settings, user.name, "agenda.ics", to_ics(agenda)))
        note = "Exported as Markdown and as a calendar event."
    except AgendaError as exc:
        note = f"Exported as Markdown. For a calendar file: {exc}"
    return files, note


def commitments_markdown(ws: Workspace, user: UserRecord) -> str:
    rows = ws.commitments(user)
    if not rows:
        return ("_Things you say you'll do (“I'll talk to my manager by Friday”) are kept here, "
                "and we check in on them next time._")
    lines = []
    for c in reversed(rows[-12:]):
        reflection = f" — <small>“{html.escape(c.reflection)}”</small>" if c.reflection else ""
        lines.append(f"- {OUTCOME_LABELS.get(c.status, c.status)} · {html.escape(c.label)}{reflection}")
    return "\n".join(lines)


def log_markdown(ws: Workspace, user: UserRecord) -> str:
    rows = ws.log(user)
    if not rows:
        return "_Nothing logged yet. " + REFLECTION_PROMPTS[0] + "_"
    lines = []
    for e in reversed(rows[-12:]):
        icon = "💪" if e.kind == "strength" else "🌱"
        evidence = f"  \n  <small>Evidence: {html.escape(e.evidence)}</small>" if e.evidence else ""
        goal = f"  \n  <small>Goal: {html.escape(e.goal)}</small>" if e.goal else ""
        lines.append(f"- {icon} {html.escape(e.text)}{evidence}{goal}")
    return "\n".join(lines)


def goal_choices(ws: Workspace, user: UserRecord) -> list[tuple[str, int]]:
    return [(g.text[:80], g.id) for g in reversed(ws.goals(user))]


def add_log(ws: Workspace, user: UserRecord, kind: str, text: str, evidence: str, goal_id: int | None) -> str:
    try:
        ws.add_log_entry(user, "strength" if kind.lower().startswith("strength") else "weakness", text, evidence,
                         goal_id or None)
    except (StoreInputError, AccessDenied) as exc:
        return f"⚠️ {exc}"
    return "Added to your log."




def _short(text: str, limit: int = 70) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit + 1].rsplit(" ", 1)[0] + "…"


def share_choices(ws: Workspace, settings: Settings, user: UserRecord) -> tuple[list[tuple[str, str]], list[str]]:
    """Every item the protégé could show their mentor, as (label, "type:id"), newest first,
    and the keys their current mentor can see now."""
    tz = zone(settings.timezone)
    choices: list[tuple[str, str]] = []
    for a in reversed(ws.agendas(user)):
        when = f"meeting {a.meeting_at.astimezone(tz):%d %b %H:%M}" if a.meeting_at else "no meeting time"
        choices.append((f"Agenda ({a.status}, {when}): {_short(title(a.markdown).removeprefix('Mentor meeting: '))}",
                        f"agenda:{a.id}"))
    for c in reversed(ws.commitments(user)):
        choices.append((f"Commitment ({OUTCOME_LABELS.get(c.status, c.status)}): {_short(c.label)}",
                        f"commitment:{c.id}"))
    for e in reversed(ws.log(user)):
        kind = "Strength" if e.kind == "strength" else "Growth area"
        choices.append((f"{kind}: {_short(e.text)}", f"log:{e.id}"))
    shown = {key for _, key in choices}
    shared = [f"{t}:{i}" for t, i in sorted(ws.shared_keys(user)) if f"{t}:{i}" in shown]
    return choices, shared


def apply_sharing(ws: Workspace, user: UserRecord, wanted: list[str], choices: list[tuple[str, str]]) -> str:
    """Share what is ticked, stop sharing what was unticked; says what changed."""
    labels = {key: label for label, key in choices}
    now_shared = {f"{t}:{i}" for t, i in ws.shared_keys(user)}
    wanted_set = {k for k in wanted or [] if k in labels}
    added, removed = sorted(wanted_set - now_shared), sorted((now_shared & set(labels)) - wanted_set)
    try:
        mentor = None
        for key in added:
            item_type, item_id = key.split(":")
            mentor = ws.share(user, item_type, int(item_id))
        for key in removed:
            item_type, item_id = key.split(":")
            ws.revoke(user, item_type, int(item_id))
    except (StoreInputError, AccessDenied, ValueError) as exc:
        return f"⚠️ {exc}"
    parts = []
    if added:
        parts.append(f"Shared with {mentor.name if mentor else 'your mentor'}: "
                     + "; ".join(html.escape(labels[k]) for k in added) + ".")
    if removed:
        parts.append("No longer shared: " + "; ".join(html.escape(labels[k]) for k in removed) + ".")
    return " ".join(parts) or "Nothing changed."
