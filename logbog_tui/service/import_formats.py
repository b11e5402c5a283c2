"""Hours from other programs, read as plain data: the CSV that ``logbog entries --csv`` writes (and
its Danish Excel variant), a Timewarrior export (``timew export``) and Watson's ``watson log
--json``. Pure functions: bytes or parsed JSON in, :class:`SourceRow` values and refusals out;
placing the rows (people, areas, tasks, what is already there) is :mod:`logbog_tui.storage.imports`.

Times are turned into Danish local time (Europe/Copenhagen) and an interval that crosses local
midnight is split there: its hours belong to the day they were worked. The format of the files
is described in docs/data-format.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from logbog_tui.service import Message, Problem
from logbog_tui.service.workdays import DEFAULT_DAYS_OFF, DaysOff, is_working_day

LOCAL = "Europe/Copenhagen"   # csv and zoneinfo are imported where used: timelog (the TUI's start) imports this
MONTH = "month"              # time_entry.covers of a month's figure (a member's timesheet)
MAX_MONTH_HOURS = 200        # a month's figure: the sheet's limit (and schema.sql's 12000 minutes)
MAX_MONTH_MINUTES = MAX_MONTH_HOURS * 60
CSV_HEADER = ("id", "date", "person", "person_id", "hours", "area_code", "area_name", "task", "task_id",
              "support", "on_behalf_of", "note", "covers")
CSV_HEADER_12 = CSV_HEADER[:-1]  # before `covers` was written: a row over 24 hours is a month's figure
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what the Excel variant protects with a leading '
SUPPORT_TAG = "support"
FORMATS = ("timesheet", "csv", "timewarrior", "watson")
_TRUE, _FALSE = ("true", "1", "yes", "ja"), ("false", "0", "no", "nej", "")
_DMY = re.compile(r"^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$")
_TIMEW = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$")


@dataclass(frozen=True)
class SourceRow:
    """One row of a file, as read. ``number``: the row as the user finds it (the CSV's line as a
    spreadsheet counts it, the header being 1; the n-th interval of a JSON export). ``person``
    None: the command's ``--person``. ``area``: an area code (CSV); ``tags``: words to map to an
    area (Timewarrior's tags; Watson's project first, then its tags). ``month``: a figure for the
    month of ``day`` (a CSV row of more than 24 hours, as logbog writes a month's figure)."""

    number: int
    day: date
    minutes: int
    person: str | None = None
    area: str | None = None
    tags: tuple[tuple[str, ...], ...] = ()
    task: str | None = None
    support: bool = False
    on_behalf: str | None = None
    note: str | None = None
    source: str | None = None
    month: bool = False


@dataclass(frozen=True)
class Refusal:
    """A row that cannot be placed: where (``Message``: a row or a cell) and why."""

    where: Message
    reason: Message


@dataclass(frozen=True)
class Read:
    rows: list[SourceRow]
    refused: list[Refusal]


def at_row(number: int) -> Message:
    return Message("import.where.row", {"row": number})


def detect(data: bytes) -> str:
    """The kind of file from its content: an xlsx (a zip; whether it is our timesheet is seen when
    it is read), our CSV header, a JSON list of Timewarrior intervals or Watson frames."""
    if data.startswith(b"PK\x03\x04"):
        return "timesheet"
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff").lstrip()
    if text.startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            raise Problem("import.not_json") from None
        first = next((i for i in items if isinstance(i, dict)), {}) if isinstance(items, list) else {}
        if "stop" in first or "project" in first:
            return "watson"
        return "timewarrior"
    head = text.split("\n", 1)[0].strip().lstrip("'")
    if head.startswith(("id,", "id;")):
        return "csv"
    raise Problem("import.unknown_format")


# --- CSV ---------------------------------------------------------------------------------------

def _csv_date(text: str) -> date:
    text = text.strip()
    if m := _DMY.match(text):  # what a Danish spreadsheet may have made of the ISO date
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return date.fromisoformat(text)


def _csv_hours(text: str) -> int:
    """Whole minutes of ``1.5`` or ``1,5`` (the Excel variant's decimal comma; hours have no
    thousands separator)."""
    value = float(text.strip().replace(",", "."))
    if value != value or abs(value) == float("inf"):
        raise ValueError(text)
    return round(value * 60)


def _csv_text(text: str, excel: bool) -> str | None:
    """A text field as typed: blank is none; the Excel variant's protecting ``'`` taken off."""
    if excel and text.startswith("'") and text[1:].startswith(FORMULA_START):
        text = text[1:]
    return text if text.strip() else None


def read_csv(data: bytes) -> Read:
    """The rows of a CSV in the shape ``logbog entries --csv`` writes: comma, decimal point, UTF-8;
    or the Danish Excel variant: semicolon, decimal comma, a UTF-8 BOM, formula-like text behind a
    ``'``. ``id``, ``person_id`` and ``task_id`` are another database's: not used."""
    import csv
    import io

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Problem("import.csv.not_utf8") from None
    bom = text.startswith("\ufeff")
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    excel = bom or first.count(";") > first.count(",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel else ",")
    header = tuple(h.strip() for h in next(reader, []))
    if header not in (CSV_HEADER, CSV_HEADER_12):
        raise Problem("import.csv.header", {"expected": ",".join(CSV_HEADER)})
    rows, refused = [], []
    for index, fields in enumerate(reader, start=2):
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            refused.append(Refusal(at_row(index), Message("import.csv.columns", {"count": len(fields),
                                                                                  "expected": len(header)})))
            continue
        value = dict(zip(header, fields, strict=True))
        covers = value.get("covers", "").strip().casefold()
        if covers not in ("", "day", MONTH):
            refused.append(Refusal(at_row(index), Message("import.csv.bad_covers", {"text": covers[:20]})))
            continue
        try:
            day = _csv_date(value["date"])
        except ValueError:
            refused.append(Refusal(at_row(index), Message("import.csv.bad_date", {"text": value["date"][:20]})))
            continue
        try:
            minutes = _csv_hours(value["hours"])
        except ValueError:
            refused.append(Refusal(at_row(index), Message("import.csv.bad_hours", {"text": value["hours"][:20]})))
            continue
        support = value["support"].strip().casefold()
        if support not in _TRUE + _FALSE:
            refused.append(Refusal(at_row(index), Message("import.csv.bad_support", {"text": support[:20]})))
            continue
        rows.append(SourceRow(index, day, minutes, person=_csv_text(value["person"], excel),
                              area=_csv_text(value["area_code"], excel), task=_csv_text(value["task"], excel),
                              support=support in _TRUE, on_behalf=_csv_text(value["on_behalf_of"], excel),
                              note=_csv_text(value["note"], excel),
                              month=covers == MONTH if covers else minutes > 24 * 60))
    return Read(rows, refused)


# --- intervals: Timewarrior, Watson -----------------------------------------------------------

def split_local(start: datetime, end: datetime, zone_name: str = LOCAL) -> list[tuple[date, int]]:
    """(local day, whole minutes) of the interval ``start``..``end`` (aware datetimes), split at
    each local midnight. Minutes are real elapsed time (a night across the change to summer time
    is an hour shorter than the clock says), each part rounded to the minute; parts of no minute
    are left out."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(zone_name)
    out = []
    here = start.astimezone(zone)
    while here < end:
        midnight = datetime.combine(here.date() + timedelta(days=1), time(0), zone)
        part_end = min(end, midnight.astimezone(timezone.utc))
        minutes = round((part_end - here).total_seconds() / 60)
        if minutes > 0:
            out.append((here.date(), minutes))
        here = part_end.astimezone(zone)
    return out


def _timew_moment(text: object) -> datetime:
    m = _TIMEW.match(text) if isinstance(text, str) else None
    if not m:
        raise ValueError(text)
    year, month, day, hour, minute, second = (int(g) for g in m.groups())
    return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)


def _iso_moment(text: object) -> datetime:
    if not isinstance(text, str):
        raise ValueError(text)
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:  # no offset: Danish time
        from zoneinfo import ZoneInfo

        moment = moment.replace(tzinfo=ZoneInfo(LOCAL))
    return moment


def _words(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list):
        return tuple(str(v) for v in value if isinstance(v, (str, int)) and str(v).strip())
    return ()


def _intervals(items: object, kind: str) -> Read:
    if not isinstance(items, list):
        raise Problem("import.json_not_list")
    rows, refused = [], []
    end_key = "end" if kind == "timewarrior" else "stop"
    moment = _timew_moment if kind == "timewarrior" else _iso_moment
    for number, item in enumerate(items, start=1):
        where = at_row(number)
        if not isinstance(item, dict):
            refused.append(Refusal(where, Message("import.not_an_interval")))
            continue
        if not item.get(end_key):
            refused.append(Refusal(where, Message("import.open_interval", {"start": str(item.get("start"))[:40]})))
            continue
        try:
            start, end = moment(item.get("start")), moment(item.get(end_key))
        except ValueError:
            refused.append(Refusal(where, Message("import.bad_moment", {"start": str(item.get("start"))[:40],
                                                                        "end": str(item.get(end_key))[:40]})))
            continue
        if end <= start:
            refused.append(Refusal(where, Message("import.end_before_start")))
            continue
        tags = _words(item.get("tags"))
        groups: tuple[tuple[str, ...], ...]
        if kind == "timewarrior":
            groups, note, source = (tags,), item.get("annotation"), f"timewarrior:{item['start']}"
        else:
            groups, note = (_words(item.get("project")), tags), None
            source = f"watson:{item.get('id') or item['start']}"
        support = any(tag.casefold() == SUPPORT_TAG for tag in tags)
        for day, minutes in split_local(start, end):
            rows.append(SourceRow(number, day, minutes, tags=groups, support=support,
                                  note=note if isinstance(note, str) and note.strip() else None, source=source))
    return Read(rows, refused)


def read_timewarrior(data: bytes) -> Read:
    """``timew export``: a JSON list of intervals, ``start``/``end`` as ``20261128T081500Z`` (UTC),
    ``tags``, maybe ``annotation``. An interval without ``end`` is still running: refused."""
    return _intervals(_json(data), "timewarrior")


def read_watson(data: bytes) -> Read:
    """``watson log --json``: frames with ``start``/``stop`` (ISO with offset), ``project``,
    ``tags`` and ``id``."""
    return _intervals(_json(data), "watson")


def _json(data: bytes) -> object:
    try:
        return json.loads(data.decode("utf-8").lstrip("\ufeff"))
    except (UnicodeDecodeError, ValueError):
        raise Problem("import.not_json") from None


# --- tags to areas -----------------------------------------------------------------------------

@dataclass(frozen=True)
class AreaName:
    code: str
    short_name: str
    name: str


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def areas_of_tag(tag: str, areas: Sequence[AreaName], mapping: dict[str, str]) -> list[str]:
    """The area codes a tag names: ``--map TAG=AREA`` first, then an area's code, short name or name
    (case does not matter), then a unique part of a name (three letters or more). Several: it
    names none of them for certain (the caller says so)."""
    word = _fold(tag)
    if word in mapping:
        return [mapping[word]]
    exact = [a.code for a in areas if word in (_fold(a.code), _fold(a.short_name), _fold(a.name))]
    if exact or len(word) < 3:
        return exact
    return [a.code for a in areas if word in _fold(a.short_name) or word in _fold(a.name)]


def area_for(groups: Iterable[Sequence[str]], areas: Sequence[AreaName], mapping: dict[str, str]) -> str:
    """The one area a row's tags map to: the first group (Watson's project) that names any area
    decides; a group naming two areas is refused, as is a row whose tags name none."""
    unclear: list[str] = []
    seen: list[str] = []
    for group in groups:
        found: set[str] = set()
        for tag in group:
            if _fold(tag) == SUPPORT_TAG and _fold(tag) not in mapping:
                continue
            codes = areas_of_tag(tag, areas, mapping)
            if len(codes) == 1:
                found.add(codes[0])
            elif codes:
                unclear.append(f"{tag} ({', '.join(codes)})")
        seen.extend(group)
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            raise Problem("import.tags_two_areas", {"tags": ", ".join(group), "areas": ", ".join(sorted(found))})
    if unclear:
        raise Problem("import.tags_unclear", {"tags": "; ".join(unclear)})
    raise Problem("import.tags_no_area", {"tags": ", ".join(seen) or "–"})


# --- a month's figure --------------------------------------------------------------------------

def last_working_day(year: int, month: int, days_off: DaysOff = DEFAULT_DAYS_OFF) -> date:
    """The month's last working day (the date of a month's figure; workdays.is_working_day)."""
    day = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
    while not is_working_day(day, days_off) and day.day > 1:
        day -= timedelta(days=1)
    return day


# --- a member's timesheet, as read back --------------------------------------------------------

SHEET_FORMAT = 1          # the hidden sheet's format version (docs/data-format.md)
SUPPORT_ROW = "support"   # the key of the sheet's support row (the other rows: FG1..FG6)


@dataclass(frozen=True)
class SheetFigures:
    """A filled-in timesheet: which sheet (``uuid``), whose and which year, and per (month, row
    key) the minutes it holds now (``figures``) and held when it was written (``baseline``: what
    earlier imports had recorded then); ``cells``: where each figure stands (``D12``)."""

    uuid: str
    person_id: int
    person: str
    year: int
    figures: dict[tuple[int, str], int]
    baseline: dict[tuple[int, str], int]
    cells: dict[tuple[int, str], str]
    refused: list[Refusal]


def sheet_hours(value: object) -> int:
    """Whole minutes of a cell as a member fills it in: a number of hours 0-200 (a text such as
    ``2,5`` too), empty for none; :class:`Problem` otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, bool):
        raise Problem("import.sheet.not_hours", {"text": str(value)})
    if isinstance(value, str):
        text = value.strip()
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            raise Problem("import.sheet.not_hours", {"text": text[:20]}) from None
    if not isinstance(value, (int, float)) or value != value:
        raise Problem("import.sheet.not_hours", {"text": str(value)[:20]})
    if not 0 <= value <= MAX_MONTH_HOURS:
        raise Problem("import.sheet.out_of_range", {"text": str(value)[:20], "max": MAX_MONTH_HOURS})
    return round(value * 60)
