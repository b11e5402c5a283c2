"""Meetings screen: both bodies' meetings of a year, planning with the host rotation,
changing host, cancelling, moving, the year plan, open referrals, and calendar export."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from logbog_tui.tui.screens.base import DataScreen
from logbog_tui.storage import meeting_records, meetings, queries
from logbog_tui.i18n import fmt_date, fmt_week, say, t
from logbog_tui.storage.meetings import MeetingDraft, MeetingRow
from logbog_tui.overview import explain
from logbog_tui.service import Message, Problem
from logbog_tui.service.parse import parse_date
from logbog_tui.tui.dialogs import ConfirmDialog
from logbog_tui.tui.dialogs.form import Field, FieldErrors, FormDialog
from logbog_tui.tui.dialogs.meeting_form import MeetingDialog
from logbog_tui.tui.widgets.filter_box import FilterableList, FilterBox
from logbog_tui.tui.widgets.key_bar import KeyBar
from logbog_tui.tui.widgets.plain import Plain, Table


class MeetingsScreen(FilterableList, DataScreen):
    DEFAULT_CSS = """
    MeetingsScreen #meeting-head, MeetingsScreen #referrals { margin: 0 1; height: auto; }
    MeetingsScreen #meeting-notes { margin: 0 1; height: auto; max-height: 6; color: $warning; }
    MeetingsScreen #meeting-list { height: 1fr; }
    """
    AUTO_FOCUS = LIST = "#meeting-list"
    BINDINGS = [
        Binding("n", "new", t("meetings.key.new"), id="meetings.new"),
        Binding("p", "plan_year", t("meetings.key.plan_year"), id="meetings.plan_year"),
        Binding("enter", "open", t("meetings.key.open"), id="meetings.open", show=False),
        Binding("h", "host", t("meetings.key.host"), id="meetings.host"),
        Binding("x", "cancel_meeting", t("meetings.key.cancel"), id="meetings.cancel"),
        Binding("d", "move", t("meetings.key.move"), id="meetings.move"),
        Binding("plus", "attendance", t("meetings.key.attendance"), id="meetings.attendance", key_display="+"),
        Binding("i", "export", t("meetings.key.export"), id="meetings.export"),
        Binding("left_square_bracket", "year(-1)", t("meetings.key.previous_year"), id="meetings.previous",
                key_display="["),
        Binding("right_square_bracket", "year(1)", t("meetings.key.next_year"), id="meetings.next", key_display="]"),
        Binding("slash", "filter", t("tasks.key.filter"), id="meetings.filter", key_display="/"),
        Binding("escape", "close_filter", t("tasks.key.close_filter"), id="meetings.close_filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.year: int | None = None
        self.rows: dict[str, MeetingRow] = {}
        self.notes = ""  # the warnings of the last change, shown under the list

    def compose(self) -> ComposeResult:
        yield Header()
        yield Plain(id="meeting-head")
        yield FilterBox(id="meeting-filter")
        yield Table(id="meeting-list")
        yield Plain(id="meeting-notes")
        yield Plain(id="referrals")
        yield KeyBar()

    def on_resize(self) -> None:
        self.refresh_data()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        app = self.app
        year = self.year = self.year or app.today.year
        text = self.query_one(FilterBox).value
        rows = meetings.list_meetings(app.conn, year, text)
        self.rows = {str(m.id): m for m in rows}
        checks = self.checks = meetings.host_checks(app.conn)
        table = self.query_one(DataTable)
        # At 80 columns the status and the override marker stay readable: short body names (SG/FG),
        # hosts without "Region ", and the override reason cut to the width that is left.
        width = table.size.width or app.size.width - 2
        week = width >= 100  # below, the week gives way to the status and the override marker
        columns = (t("col.date"), *((t("col.week"),) if week else ()), t("col.body_short"), t("col.host"),
                   t("col.kind"), t("col.status"), t("col.override"), t("col.turn_now"))
        room = max(8, width - (70 if week else 61) - 12)  # the last column: a stale host's current turn
        with table.refill(columns=columns):
            for m in rows:
                check = checks.get(m.id)
                flag = (Text(t("meetings.stale", region=check.offer.name), style="bold dark_orange")
                        if check and check.stale and check.offer else "")
                style = "dim strike" if m.status == "cancelled" else ""
                reason = "⚑ " + (m.override_reason or "")
                table.add_row(Text(f"{t(f'weekday.{m.day.weekday()}')} {fmt_date(m.day)}"
                                   + (f" {m.time}" if m.time else ""), style=style),
                              *((fmt_week(m.day),) if week else ()), t(f"body.short.{m.body}"),
                              (m.host_name or "").removeprefix("Region "),
                              t(f"meeting.kind.{m.kind}"), t(f"meeting.status.{m.status}"),
                              Text(reason if len(reason) <= room else reason[:room - 1] + "…", style="dark_orange")
                              if m.is_override else "", flag, key=str(m.id))
        nxt = meetings.next_turn(app.conn, year)
        head = t("meetings.head", year=year, count=len(rows),
                 next=f"{nxt.region.name} ({explain(nxt.reason)})" if nxt else "–")
        if text:
            head += "  " + t("entries.filtered", text=text)
        self.query_one("#meeting-head", Static).update(head + "\n" + t("meetings.legend"))
        notes = self.query_one("#meeting-notes", Static)
        notes.update(self.notes)
        notes.display = bool(self.notes)
        open_refs = meeting_records.referrals(app.conn)
        self.query_one("#referrals", Static).update(
            t("meetings.referrals", count=len(open_refs)) + "".join(
                f"\n  • {fmt_date(r.day)}: {r.title} (#{r.item_id})" for r in open_refs[:5])
            + (f"\n  {t('more', count=len(open_refs) - 5)}" if len(open_refs) > 5 else ""))
        app.refresh_host()

    def current(self) -> MeetingRow | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return self.rows.get(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _done(self, key: str):
        """After a change: a notice of at most a line or two; the warnings themselves in the screen,
        under the list, until the next change."""
        def done(result) -> None:
            if result is None:
                return
            warnings = (result[1] if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], list)
                        else [])
            self.notes = "\n".join("⚠ " + say(w) for w in warnings)
            message = t(key) + ("\n" + t("meetings.warnings_below", count=len(warnings)) if warnings else "")
            self.app.notify(message, severity="warning" if warnings else "information", timeout=8 if warnings else 4)
            self.refresh_data()
        return done

    # --- actions ----------------------------------------------------------------------------

    def action_year(self, step: int) -> None:
        self.notes = ""
        self.year = (self.year or self.app.today.year) + step
        self.refresh_data()

    def action_new(self) -> None:
        announce = self._done("meetings.planned")

        def done(result) -> None:
            if result is None:
                return
            day = meetings.get(self.app.conn, result[0]).day
            self.year = day.year  # the new meeting's year, with the meeting selected
            announce(result)
            self.query_one("#meeting-list", Table).select_key(result[0])

        self.app.push_screen(MeetingDialog(self.app.today), done)

    def action_plan_year(self) -> None:
        """`p`: the year's ordinary meetings not yet planned, from today on; when the year has none
        left (planned or passed), the next year's."""
        conn, today = self.app.conn, self.app.today
        year = self.year or today.year
        plan = meetings.plan_year(conn, year, after=today)
        note = ""
        if not plan and year == today.year and (nxt := meetings.plan_year(conn, year + 1, after=today)):
            note = t("meetings.plan_next_year", year=year, next=year + 1) + "\n\n"
            year, plan = year + 1, nxt
        if not plan:
            self.app.notify(t("meetings.year_passed" if year < today.year else "meetings.year_already_planned",
                              year=year))
            return
        lines = [t("meetings.plan_line", date=fmt_date(d), weekday=t(f"weekday.long.{d.weekday()}"), week=fmt_week(d),
                   region=p.region.name, reason=explain(p.reason)) for d, p in plan]

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            warnings = []
            for day, prop in plan:
                _mid, w = meetings.plan(conn, MeetingDraft(body="folgegruppe", day=day, time="10:00", duration=240,
                                                            host_code=prop.region.code))
                warnings += [Message("meetings.dated_warning", {"date": day, "text": x}) for x in w]
            self.year = year
            self._done("meetings.year_planned")((None, warnings))

        self.app.push_screen(ConfirmDialog(note + t("meetings.plan_question", year=year) + "\n\n" + "\n".join(lines)
                                           + "\n\n" + t("meetings.plan_hint")), answered)

    def action_open(self) -> None:
        if (m := self.current()) is not None:
            from logbog_tui.tui.screens.meeting_record import MeetingRecordScreen

            self.app.push_screen(MeetingRecordScreen(m.id), lambda _: self.refresh_data())

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_attendance(self) -> None:
        if (m := self.current()) is not None:
            from logbog_tui.tui.screens.meeting_record import MeetingRecordScreen

            self.app.push_screen(MeetingRecordScreen(m.id, focus="#attendance"), lambda _: self.refresh_data())

    def action_host(self) -> None:
        m = self.current()
        if m is None or m.body != "folgegruppe":
            self.app.notify(t("meeting.no_rotation_for_steering"), severity="warning")
            return
        conn = self.app.conn
        prop = meetings.proposal(conn, m.day, m.id)
        check = meetings.host_checks(conn).get(m.id)
        offer = check.offer if check and check.stale else None

        def save(values: dict):
            if values["host"] is None:
                raise FieldErrors({"host": t("meeting.choose_host")})
            meetings.change_host(conn, m.id, values["host"], values["reason"])
            return m.id

        regions = tuple((r.name, r.code) for r in queries.regions(conn) if r.in_force(m.day))
        fields = [Field("host", t("meeting.field.host"), offer.code if offer else m.host_code, options=regions),
                  Field("reason", t("meeting.field.reason"), "" if offer else (m.override_reason or ""),
                        placeholder=t("meeting.reason_placeholder"))]
        title = t("meetings.host_title", date=fmt_date(m.day),
                  proposal=f"{prop.region.name}: {explain(prop.reason)}" if prop else "–")
        if offer is not None:
            title += "\n" + t("meetings.host_offer", host=m.host_name or "–", offer=offer.name)
        self.app.push_screen(FormDialog(title, fields, save), self._done("meetings.host_changed"))

    def action_cancel_meeting(self) -> None:
        m = self.current()
        if m is None or m.status == "cancelled":
            return

        def answered(yes: bool | None) -> None:
            if yes:
                meetings.set_status(self.app.conn, m.id, "cancelled")
                self._done("meetings.cancelled")(m.id)

        self.app.push_screen(ConfirmDialog(t("meetings.cancel_question", date=fmt_date(m.day),
                                             body=t(f"body.{m.body}"))), answered)

    def action_move(self) -> None:
        """`d`: another date; the warnings for the date (weekend, holiday, ...) show as it is typed."""
        if (m := self.current()) is None:
            return
        conn, today = self.app.conn, self.app.today

        def day_of(values: dict):
            try:
                return parse_date(values["date"], today, queries.date_range(conn, today))
            except Problem as p:
                raise FieldErrors({"date": t(p.key, **p.params)}) from None

        def save(values: dict):
            day = day_of(values)
            try:
                return m.id, meetings.move(conn, m.id, day, today=today)
            except meetings.SuccessorOffered as offer:
                return offer, day

        def moved(result) -> None:
            if result is not None and isinstance(result[0], meetings.SuccessorOffered):
                offer, day = result

                def answered(yes: bool | None) -> None:
                    if yes:
                        self._done("meetings.moved")((m.id, meetings.move(conn, m.id, day, True, today)))

                self.app.push_screen(ConfirmDialog(t("meetings.successor_question", why=offer.message,
                                                     date=fmt_date(day), successor=offer.successor.name)), answered)
                return
            self._done("meetings.moved")(result)

        def live(values: dict) -> list[str]:
            try:
                day = day_of(values)
            except FieldErrors:
                return []
            return [say(w) for w in meetings.warnings(conn, m.body, day, m.kind, m.id)] if day != m.day else []

        self.app.push_screen(FormDialog(t("meetings.move_title", date=fmt_date(m.day)),
                                        [Field("date", t("meeting.field.date"), fmt_date(m.day))], save, live=live),
                             moved)

    def action_export(self) -> None:
        from logbog_tui.calendar_export import build

        year = self.year or self.app.today.year
        self.app.export(build(self.app.conn, year, include_cancelled=True), f"logbog-moeder-{year}.ics")




