"""Agenda export: Markdown, and an RFC 5545 calendar event carrying the same text.

The agenda itself is the protégé's (drafted by the coach from their words, edited and
approved by them); this module only turns a stored agenda into files and reads the
meeting time they type.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta
from icalendar import Calendar, Event

from assistant.store.records import AgendaRecord

DEFAULT_MINUTES = 60
MEETING_HOUR = 10  # a suggested time only; the protégé confirms or changes it
_BOX = re.compile(r"\((\d{1,3}) min\)")
_WEEKDAYS = {"monday": MO, "tuesday": TU, "wednesday": WE, "thursday": TH, "friday": FR, "saturday": SA,
             "sunday": SU}


class AgendaError(ValueError):
    """An agenda can't be exported as asked; the message says what to do."""


def zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise AgendaError(f"Unknown time zone {name!r}; use a name like Europe/Berlin or UTC.") from None


def minutes(markdown: str) -> int:
    """The meeting length: the sum of the agenda's time boxes (an hour when it has none)."""
    total = sum(int(m) for m in _BOX.findall(markdown))
    return total if 0 < total <= 8 * 60 else DEFAULT_MINUTES


def title(markdown: str, limit: int = 80) -> str:
    """The calendar title: the goal in their words, shortened at a word boundary with "…"."""
    goal = re.search(r"My goal: “([^”]+)”", markdown)
    if not goal:
        return "Mentor meeting"
    text = " ".join(goal.group(1).split())
    if len(text) > limit:
        text = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:.-") + "…"
    return f"Mentor meeting: {text}"


def parse_when(text: str, tz: tzinfo, now: datetime | None = None) -> datetime | None:
    """A meeting time as people write it, in the program's zone: '2026-12-03 10:00' (a date
    alone means 10:00), '3 Dec 10:00', 'next Tuesday 10am', 'tomorrow at 2pm'. Empty means
    no meeting time yet; a time that cannot be read, or has passed, is refused."""
    value = (text or "").strip()
    if not value:
        return None
    now = now or datetime.now(UTC)
    when: datetime | None
    try:
        when = datetime.fromisoformat(value)
        if len(value) <= 10:
            when = when.replace(hour=MEETING_HOUR)
        if when.tzinfo is None:
            when = when.replace(tzinfo=tz)
    except ValueError:
        when = _read_phrase(value, tz, now)
    if when is None:
        raise AgendaError(f"Can't read the meeting time {value!r}; write it like 2026-12-03 10:00 "
                          "or 'next Tuesday 10am'.")
    if when < now:
        raise AgendaError(f"{value!r} is in the past ({when.astimezone(tz):%Y-%m-%d %H:%M}); give a time to come.")
    return when.astimezone(UTC)


def _read_phrase(value: str, tz: tzinfo, now: datetime) -> datetime | None:
    import dateparser  # a well-kept parser for the many ways people write dates

    settings = {"PREFER_DATES_FROM": "future", "TIMEZONE": str(tz), "RETURN_AS_TIMEZONE_AWARE": True,
                "RELATIVE_BASE": now.astimezone(tz).replace(tzinfo=None)}
    found: datetime | None = dateparser.parse(value[:80], languages=["en"], settings=settings)
    return found


def suggest_when(timeframe: str, today: datetime) -> datetime | None:
    """'on Thursday' -> the coming Thursday at 10:00; 'tomorrow' -> tomorrow. Else None."""
    words = (timeframe or "").lower()
    day = next((d for name, d in _WEEKDAYS.items() if name in words), None)
    base = today.replace(hour=MEETING_HOUR, minute=0, second=0, microsecond=0)
    if day is not None:
        return base + relativedelta(days=+1, weekday=day(+1))
    if "tomorrow" in words:
        return base + timedelta(days=1)
    return None


def to_markdown(agenda: AgendaRecord) -> str:
    return agenda.markdown.rstrip() + "\n"


def to_ics(agenda: AgendaRecord, stamp: datetime | None = None) -> str:
    """One VEVENT whose description is the agenda's Markdown, exactly as exported."""
    if agenda.meeting_at is None:
        raise AgendaError(
            "The agenda has no meeting time yet; set one in the agenda panel or with --when 2026-12-03T10:00."
        )
    start = agenda.meeting_at.astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", "-//Protege coach//Agenda export//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    event = Event()
    event.add("uid", f"agenda-{agenda.id}-{agenda.thread_id}@protege-coach")
    event.add("dtstamp", (stamp or datetime.now(UTC)).astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes(agenda.markdown)))
    event.add("summary", title(agenda.markdown))
    event.add("description", to_markdown(agenda))
    event.add("status", "CONFIRMED" if agenda.status == "approved" else "TENTATIVE")
    cal.add_component(event)
    return cal.to_ical().decode("utf-8")
