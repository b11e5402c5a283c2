"""iCalendar export of meetings (the ``icalendar`` library).

Each meeting has a stable UID (``logbog-meeting-<id>@<database id>``), so importing a newer
export updates the events instead of duplicating them. Cancelled meetings are included by default
with STATUS:CANCELLED, so that a meeting cancelled after an earlier export arrives as cancelled
(``include_cancelled=False`` leaves them out); each event's SEQUENCE is the meeting's change count,
so a calendar takes the newer version. Times are in Europe/Copenhagen with the VTIMEZONE block
RFC 5545 requires.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from logbog_tui.i18n import t
from logbog_tui.storage.db import Connection
from logbog_tui.storage.meetings import MeetingRow, calendar_uid, list_meetings
from logbog_tui.service.text import visible

TZ = ZoneInfo("Europe/Copenhagen")


def build(conn: Connection, year: int | None = None, include_cancelled: bool = True) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//logbog-tui//logbog.net//DA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "logbog.net")
    uid = calendar_uid(conn)
    now = datetime.now(timezone.utc)
    for m in list_meetings(conn, year):
        if m.status == "cancelled" and not include_cancelled:
            continue
        event = Event()
        event.add("uid", f"logbog-meeting-{m.id}@{uid}")
        event.add("dtstamp", now)
        event.add("sequence", m.sequence)  # raised by every change (schema.sql's trigger)
        body = t(f"body.{m.body}")
        summary = t("ics.summary", body=body) + (f" ({m.host_name})" if m.host_name else "")
        if m.kind == "extra":
            summary += " – " + t("meeting.kind.extra")
        event.add("summary", visible(summary))
        _when(event, m)
        if m.place:
            event.add("location", visible(m.place, keep_newlines=False))
        event.add("status", {"cancelled": "CANCELLED", "held": "CONFIRMED", "planned": "CONFIRMED"}[m.status])
        if m.is_override:
            event.add("description", visible(t("ics.override", reason=m.override_reason or "")))
        cal.add_component(event)
    cal.add_missing_timezones()  # the VTIMEZONE for TZID=Europe/Copenhagen (RFC 5545, 3.2.19)
    return cal.to_ical()


def _when(event: Event, m: MeetingRow) -> None:
    """DTSTART and DTEND: the start time in Europe/Copenhagen (2 hours without a duration), or the
    whole day without a time."""
    if m.time:
        start = datetime.combine(m.day, time.fromisoformat(m.time), TZ)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=m.duration or 120))
    else:
        event.add("dtstart", m.day)
        event.add("dtend", m.day + timedelta(days=1))


def write(data: bytes, path: Path, force: bool = False) -> None:
    """Write to a temporary file beside ``path``, fsync it and rename it into place (0600).

    Refused: an existing file without ``force``; anything that is not a regular file even with it
    (``-o /dev/null --force`` must not replace /dev/null); a symbolic link to nothing without
    ``force``; a folder that does not exist."""
    import stat

    from logbog_tui.errors import UserError
    from logbog_tui.failures import StorageError

    if path.is_symlink() and not path.exists():
        if not force:
            raise UserError("file.dangling_link", path=path)
    elif path.exists():
        if not stat.S_ISREG(path.stat().st_mode):
            raise UserError("file.not_regular", path=path)
        if not force:
            raise UserError("export.exists", path=path)
    if not path.parent.is_dir():
        raise StorageError("failure.missing_folder", path=path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def invitation(conn: Connection, meeting_id: int) -> bytes:
    """One meeting as a calendar invitation (RFC 5546 iTIP) for the project leader's mail program:
    METHOD:REQUEST with ORGANIZER (the project leader) and an ATTENDEE line per member and
    substitute who has an e-mail (ROLE=REQ-PARTICIPANT for members, OPT-PARTICIPANT for
    substitutes); a cancelled meeting gives METHOD:CANCEL. The UID is the one :func:`build` uses,
    and SEQUENCE the meeting's stored change count, so a moved meeting arrives as an update and a
    cancellation replaces the request."""
    from icalendar import vCalAddress, vText

    from logbog_tui.errors import UserError
    from logbog_tui.storage import papers
    from logbog_tui.storage.meetings import get

    m = get(conn, meeting_id)
    leader = papers.organizer(conn, m.day)
    if leader is None or not leader.email:
        raise UserError("papers.no_organizer_mail")
    cal = Calendar()
    cal.add("prodid", "-//logbog-tui//logbog.net//DA")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if m.status == "cancelled" else "REQUEST")
    event = Event()
    event.add("uid", f"logbog-meeting-{m.id}@{calendar_uid(conn)}")
    event.add("dtstamp", datetime.now(timezone.utc))
    event.add("sequence", m.sequence)
    summary = t("ics.summary", body=t(f"body.{m.body}")) + (f" ({m.host_name})" if m.host_name else "")
    event.add("summary", visible(summary, keep_newlines=False))
    _when(event, m)
    if where := papers.address_for(conn, m):
        event.add("location", visible(where, keep_newlines=False))
    event.add("status", "CANCELLED" if m.status == "cancelled" else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{leader.email}")
    organizer.params["cn"] = vText(visible(leader.name, keep_newlines=False))
    event.add("organizer", organizer)
    for r in papers.recipients(conn, m):
        if not r.email or r.email == leader.email:
            continue
        attendee = vCalAddress(f"mailto:{r.email}")
        attendee.params["cn"] = vText(visible(r.name, keep_newlines=False))
        attendee.params["role"] = vText("REQ-PARTICIPANT" if r.role == "member" else "OPT-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee, encode=False)
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
