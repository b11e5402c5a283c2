"""A meeting's record: agenda items and decisions, referrals to the steering group, minutes,
attendance per member, tasks from actions, and logging the meeting's hours."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from logbog_tui.tui.screens.base import DataScreen
from logbog_tui.storage import meeting_records, meetings, names
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_hours, fmt_minutes, fmt_week, t
from logbog_tui.overview import budget_overview, status_words
from logbog_tui.service.budget import as_of_for
from logbog_tui.tui.dialogs import ConfirmDialog
from logbog_tui.tui.dialogs.form import Field, FieldErrors, FormDialog
from logbog_tui.tui.widgets.key_bar import KeyBar
from logbog_tui.tui.widgets.plain import Plain, Table

FG_AREAS_DEFAULT = "FG2"


class MeetingRecordScreen(DataScreen):
    DEFAULT_CSS = """
    MeetingRecordScreen #record-head { margin: 0 1; height: auto; }
    MeetingRecordScreen .section { margin: 1 1 0 1; text-style: bold; }
    MeetingRecordScreen #items { height: 1fr; }
    MeetingRecordScreen #attendance { height: 1fr; }
    MeetingRecordScreen #record-notes { margin: 0 1; height: auto; max-height: 8; }
    """
    BINDINGS = [
        Binding("escape", "back", t("record.key.back"), id="record.back"),
        Binding("n", "new_item", t("record.key.new_item"), id="record.new_item"),
        Binding("e", "edit_item", t("record.key.edit_item"), id="record.edit_item"),
        Binding("r", "refer", t("record.key.refer"), id="record.refer"),
        Binding("A", "settle", t("record.key.settle"), id="record.settle"),
        Binding("T", "task", t("record.key.task"), id="record.task"),
        # I: development items onto the agenda, V: an item's priority (B and P are the papers' keys)
        Binding("I", "dev_items", t("record.key.dev_items"), id="record.dev_items"),
        Binding("V", "dev_priority", t("record.key.dev_priority"), id="record.dev_priority"),
        Binding("m", "minutes", t("record.key.minutes"), id="record.minutes"),
        Binding("plus", "attend('present')", t("record.key.present"), id="record.present", key_display="+"),
        Binding("minus", "attend('absent')", t("record.key.absent"), id="record.absent", key_display="-"),
        Binding("s", "attend('substitute')", t("record.key.substitute"), id="record.substitute"),
        Binding("H", "held", t("record.key.held"), id="record.held"),
        Binding("l", "log_meeting", t("record.key.log"), id="record.log"),
        Binding("P", "papers", t("record.key.papers"), id="record.papers"),
        Binding("B", "attach", t("record.key.attach"), id="record.attach"),
    ]

    def __init__(self, meeting_id: int, focus: str = "#items") -> None:
        super().__init__()
        self.meeting_id, self.focus_id = meeting_id, focus
        self.notes = ""  # what the last `l` logged, with each member's budget
        self.item_rows: dict[str, meeting_records.Item] = {}
        self.attendee_rows: dict[str, meeting_records.Attendee] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Plain(id="record-head")
        yield Plain(t("record.items"), classes="section")
        yield Table(id="items")
        yield Plain(t("record.attendance"), classes="section")
        yield Table(id="attendance")
        yield Plain(id="record-notes")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#items", DataTable).add_columns("#", t("col.item"), t("col.owner"), t("col.decision"),
                                                        t("col.referral"))
        self.query_one("#attendance", DataTable).add_columns(t("col.member"), t("col.seat"), t("col.attendance"),
                                                             t("col.substitutes"))
        self.refresh_data()
        self.query_one(self.focus_id).focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """`+`, `-` and `s` act on the attendance list only while it has the focus (shown dimmed
        otherwise)."""
        if action == "attend":
            return True if self.focused is self.query_one("#attendance") else None
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def refresh_data(self) -> None:
        conn = self.app.conn
        m = self.meeting = meetings.get(conn, self.meeting_id)
        head = t("record.head", body=t(f"body.{m.body}"), date=fmt_date(m.day), week=fmt_week(m.day),
                 weekday=t(f"weekday.long.{m.day.weekday()}"), status=t(f"meeting.status.{m.status}"),
                 host=m.host_name or "–", kind=t(f"meeting.kind.{m.kind}"))
        if m.is_override:
            head += "\n" + t("meetings.override", reason=m.override_reason or "")
        text = meeting_records.minutes(conn, m.id)
        head += "\n" + t("record.minutes_line", text=(text[:200] + "…") if len(text) > 200 else (text or "–"))
        self.query_one("#record-head", Static).update(head)
        notes = self.query_one("#record-notes", Static)
        notes.update(self.notes)
        notes.display = bool(self.notes)
        items = self.query_one("#items", DataTable)
        with items.refill():
            self.item_rows = {}
            for it in meeting_records.items(conn, m.id):
                self.item_rows[str(it.id)] = it
                referral = ""
                if it.referred:
                    referral = t("record.settled", id=it.settled_by) if it.settled_by else t("record.referred")
                items.add_row(str(it.id), it.title, it.owner or "", (it.decision or "")[:50],
                              Text(referral, style="dark_orange" if it.referred and not it.settled_by else ""),
                              key=str(it.id))
        table = self.query_one("#attendance", DataTable)
        with table.refill():
            self.attendee_rows = {}
            for a in meeting_records.attendees(conn, m.id):
                self.attendee_rows[str(a.person_id)] = a
                status = t(f"record.status.{a.status}") if a.status else "–"
                if a.status == "substitute":
                    status += " (" + next((s.name for s in a.substitutes if s.person_id == a.represented_by), "?") + ")"
                table.add_row(a.name, a.seat, status, ", ".join(s.name for s in a.substitutes), key=str(a.person_id))

    def _current(self, table_id: str, rows: dict):
        table = self.query_one(table_id, DataTable)
        if table.row_count == 0:
            return None
        return rows.get(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _refresh_after(self, message_key: str, **params):
        def done(result) -> None:
            if result is not None:
                self.app.notify(t(message_key, **params))
                self.refresh_data()
        return done

    # --- agenda -----------------------------------------------------------------------------

    def _item_dialog(self, item: meeting_records.Item | None) -> None:
        conn = self.app.conn

        def save(values: dict):
            owner = None
            if values["owner"].strip():
                try:
                    owner = names.resolve_person(conn, values["owner"]).id
                except UserError as exc:
                    raise FieldErrors({"owner": exc.message}) from None
            return meeting_records.save_item(conn, self.meeting_id, values["title"], owner, values["notes"],
                                             values["decision"], item.referred if item else False,
                                             item.id if item else None)

        people = names.people_in_order(conn)
        fields = [Field("title", t("task.field.title"), item.title if item else ""),
                  Field("owner", t("task.field.owner"), (item.owner or "") if item else "", suggestions=people),
                  Field("decision", t("col.decision"), (item.decision or "") if item else ""),
                  Field("notes", t("person.field.notes"), (item.notes or "") if item else "", multiline=True)]
        self.app.push_screen(FormDialog(t("record.item_title"), fields, save), self._refresh_after("record.saved"))

    def action_new_item(self) -> None:
        self._item_dialog(None)

    def action_edit_item(self) -> None:
        if (item := self._current("#items", self.item_rows)) is not None:
            self._item_dialog(item)

    def action_refer(self) -> None:
        item = self._current("#items", self.item_rows)
        if item is None:
            return
        if self.meeting.body != "folgegruppe":
            self.app.notify(t("record.refer_only_fg"), severity="warning")
            return
        meeting_records.set_referred(self.app.conn, item.id, not item.referred)
        self.app.notify(t("record.referred_now" if not item.referred else "record.unreferred"))
        self.refresh_data()

    def action_settle(self) -> None:
        item = self._current("#items", self.item_rows)
        if item is None or not item.referred:
            self.app.notify(t("record.not_referred"), severity="warning")
            return

        def save(values: dict):
            settling = meeting_records.SettlingItem.check(values).item
            meeting_records.settle(self.app.conn, item.id, settling)
            return item.id

        self.app.push_screen(FormDialog(t("record.settle_title", title=item.title),
                                        [Field("item", t("record.field.settling_item"), "",
                                               placeholder=t("record.settle_placeholder"))], save),
                             self._refresh_after("record.settled_now"))

    def action_task(self) -> None:
        item = self._current("#items", self.item_rows)
        if item is None:
            return
        conn = self.app.conn

        def save(values: dict):
            try:
                area = names.resolve_area(conn, values["area"]).id
            except UserError as exc:
                raise FieldErrors({"area": exc.message}) from None
            return meeting_records.task_from_item(conn, item.id, area)

        areas = tuple(f"{a.code} {a.short_name}" for a in meeting_records.task_areas(conn))
        self.app.push_screen(FormDialog(t("record.task_title", title=item.title),
                                        [Field("area", t("task.field.area"), "", suggestions=areas,
                                               placeholder="FG2")], save),
                             self._refresh_after("record.task_created"))

    def action_dev_items(self) -> None:
        """The open development items as agenda items (screen 8's backlog; a follow-up group meeting)."""
        from logbog_tui.storage import development_list
        from logbog_tui.tui.dialogs import development as dev_forms

        if self.meeting.body != "folgegruppe":
            self.app.notify(t("record.refer_only_fg"), severity="warning")
            return
        open_items = development_list.list_items(self.app.conn, include_closed=False)
        def done(made) -> None:
            if made:
                self.app.notify(t("record.saved"))
                self.refresh_data()
                self.query_one("#items", Table).select_key(made[0])  # then P sets its priority

        self.app.push_screen(dev_forms.agenda_items(self.app.conn, self.meeting_id, open_items), done)

    def action_dev_priority(self) -> None:
        """The priority and decision of the development item behind the agenda item."""
        from logbog_tui.storage import development_list
        from logbog_tui.tui.dialogs import development as dev_forms

        item = self._current("#items", self.item_rows)
        if item is None:
            return
        row = development_list.for_agenda_item(self.app.conn, item.id)
        if row is None:
            self.app.notify(t("dev.not_an_item"), severity="warning")
            return
        self.app.push_screen(dev_forms.priority_item(self.app.conn, row, self.app.today, item.decision),
                             self._refresh_after("record.saved"))

    def action_minutes(self) -> None:
        conn = self.app.conn

        def save(values: dict):
            meeting_records.set_minutes(conn, self.meeting_id, values["minutes"])
            return True

        self.app.push_screen(FormDialog(t("record.minutes_title"),
                                        [Field("minutes", t("record.key.minutes"),
                                               meeting_records.minutes(conn, self.meeting_id), multiline=True)],
                                        save), self._refresh_after("record.saved"))

    def action_papers(self) -> None:
        """Invitation, agenda, minutes, mail draft, calendar invitation, or mark sent (issue 23)."""
        from logbog_tui.tui.screens.record_papers import papers_dialog

        papers_dialog(self.app, self.meeting_id, self.app.today, lambda result: self.refresh_data())

    def action_attach(self) -> None:
        """Attach a paper (title, file or link) to the agenda item under the cursor (issue 23)."""
        from logbog_tui.tui.screens.record_papers import attach_dialog

        item = self._current("#items", self.item_rows)
        if item is not None:
            attach_dialog(self.app, item.id, item.title, self._refresh_after("papers.attached_now"))

    # --- attendance and hours ---------------------------------------------------------------

    def action_attend(self, status: str) -> None:
        a = self._current("#attendance", self.attendee_rows)
        if a is None:
            return
        rep = None
        if status == "substitute":
            if not a.substitutes:
                self.app.notify(t("record.no_substitute", name=a.name), severity="warning")
                return
            ids = [s.person_id for s in a.substitutes]
            rep = ids[(ids.index(a.represented_by) + 1) % len(ids)] if a.represented_by in ids else ids[0]
        meeting_records.set_attendance(self.app.conn, self.meeting_id, a.person_id, status, rep)
        self.refresh_data()
        table = self.query_one("#attendance", DataTable)
        if table.cursor_row < table.row_count - 1 and status != "substitute":
            table.move_cursor(row=table.cursor_row + 1)

    def action_held(self) -> None:
        try:
            meetings.set_status(self.app.conn, self.meeting_id, "held", self.app.today)
        except UserError as exc:
            self.app.notify(exc.message, severity="error")
            return
        self.refresh_data()

    def action_log_meeting(self) -> None:
        """`t`: the meeting's hours for everyone present, on a follow-up group area. When hours are
        logged for the meeting already, they are shown first and the user is asked."""
        conn = self.app.conn
        already = meeting_records.logged_for(conn, self.meeting_id)
        if not already:
            self._log_meeting_dialog()
            return
        lines = "\n".join(f"  {h.person}: {fmt_minutes(h.minutes)} ({h.code})" for h in already[:12])
        if len(already) > 12:
            lines += "\n  " + t("more", count=len(already) - 12)
        self.app.push_screen(ConfirmDialog(t("record.already_logged", lines=lines)),
                             lambda yes: self._log_meeting_dialog() if yes else None)

    def _log_meeting_dialog(self) -> None:
        conn, m = self.app.conn, self.meeting
        hours = (m.duration or 0)
        areas = meeting_records.fg_areas(conn)

        def save(values: dict):
            hours = meeting_records.MeetingHours.check(values)
            return meeting_records.log_hours(conn, self.meeting_id, hours.meeting, hours.prep, hours.travel,
                                             hours.area)

        def done(result) -> None:
            if not result:
                return
            by_id = names.person_names(conn, [e.person_id for e in result])
            ov = budget_overview(conn, m.day.year, as_of_for(m.day.year, self.app.today))
            lines = []
            for e in result:
                line = f"{by_id[e.person_id]}: {fmt_minutes(e.minutes)} ({e.code})"
                member = ov.member(e.person_id)
                if e.code.startswith("FG") and member is not None:
                    line += " – " + t("budget.effect", label="", used=fmt_hours(member.used), budget=fmt_hours(
                    member.budget), status=status_words(member.used, member.budget, member.status)).lstrip(": ")
                lines.append(line)
            self.notes = t("record.logged", count=len(result)) + ":\n" + "\n".join("  " + line for line in lines)
            self.app.notify(t("record.logged", count=len(result)) + "\n" + t("record.logged_below"), timeout=8)
            self.refresh_data()

        default = next((a.id for a in areas if a.code == FG_AREAS_DEFAULT), None)
        fields = [Field("meeting", t("record.field.meeting_hours"), fmt_minutes(hours, unit=False) if hours else ""),
                  Field("prep", t("record.field.prep"), "0"), Field("travel", t("record.field.travel"), "0"),
                  Field("area", t("record.field.fg_area"), default,
                        options=tuple((f"{a.code} {a.short_name}", a.id) for a in areas))]
        self.app.push_screen(FormDialog(t("record.log_title"), fields, save, t("record.log_hint")), done)

    def action_back(self) -> None:
        self.dismiss(None)
