"""Members screen: people with their current seats, their memberships, appointments,
substitutes, the composition of both bodies, personal-data export and erasure."""

from __future__ import annotations

import json

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from logbog_tui.tui.screens.base import DataScreen
from logbog_tui.i18n import fmt_date, t
from logbog_tui.storage import memberships, people
from logbog_tui.storage.memberships import MembershipRow
from logbog_tui.storage.people import PersonRow
from logbog_tui.tui.dialogs.members import (
    appoint_dialog,
    end_dialog,
    erase_dialog,
    is_current,
    membership_label,
    person_dialog,
    substitute_dialog,
)
from logbog_tui.tui.dialogs import ConfirmDialog
from logbog_tui.tui.screens.composition import CompositionScreen
from logbog_tui.tui.widgets.filter_box import FilterableList, FilterBox
from logbog_tui.tui.widgets.key_bar import KeyBar
from logbog_tui.tui.widgets.plain import Plain, Table


class MembersScreen(FilterableList, DataScreen):
    DEFAULT_CSS = """
    MembersScreen #people { height: 2fr; }
    MembersScreen #member-head, MembersScreen #ms-head { margin: 0 1; height: auto; }
    MembersScreen #memberships { height: 1fr; }
    """
    AUTO_FOCUS = LIST = "#people"
    BINDINGS = [
        Binding("n", "new", t("members.key.new"), id="members.new"),
        Binding("e", "edit", t("members.key.edit"), id="members.edit"),
        Binding("enter", "open", t("members.key.open"), id="members.open", show=False),
        Binding("a", "appoint", t("members.key.appoint"), id="members.appoint"),
        Binding("s", "substitute", t("members.key.substitute"), id="members.substitute"),
        Binding("x", "end", t("members.key.end"), id="members.end"),
        Binding("slash", "filter", t("members.key.filter"), id="members.filter", key_display="/"),
        Binding("c", "composition", t("members.key.composition"), id="members.composition"),
        Binding("f", "former", t("members.key.former"), id="members.former"),
        Binding("E", "export", t("members.key.export"), id="members.export"),
        Binding("D", "erase", t("members.key.erase"), id="members.erase"),
        Binding("escape", "close_filter", t("tasks.key.close_filter"), id="members.close_filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.include_former = False
        self.rows: dict[str, PersonRow] = {}
        self.ms_rows: dict[str, MembershipRow] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Plain(id="member-head")
        yield FilterBox(id="member-filter")
        yield Table(id="people")
        yield Plain(id="ms-head")
        yield Table(id="memberships")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#people", DataTable).add_columns(t("col.name"), t("col.organisation"), t("col.seats"))
        self.query_one("#memberships", DataTable).add_columns(
            t("col.body"), t("col.seat"), t("col.role"), t("col.from"), t("col.to"), t("col.substitute_for"),
            t("col.reference"))

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def on_resize(self) -> None:
        self.refresh_data()

    # --- lists ------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        app = self.app
        text = self.query_one(FilterBox).value
        rows = people.list_people(app.conn, app.today, text, self.include_former)
        self.rows = {str(r.id): r for r in rows}
        table = self.query_one("#people", Table)
        # the seats are what the list is for: the organisation gives way on a narrow screen
        org_width = 46 if (table.size.width or app.size.width) >= 120 else 22
        with table.refill():
            for r in rows:
                org = r.organisation or ""
                table.add_row(r.name if r.current else f"{r.name} ({t('members.former')})",
                              org if len(org) <= org_width else org[:org_width - 1] + "…", r.seats, key=str(r.id))
        head = t("members.head", count=len(rows), former=t("members.former_shown" if self.include_former
                                                            else "members.former_hidden"))
        if text:
            head += "  " + t("entries.filtered", text=text)
        self.query_one("#member-head", Static).update(head)
        self.refresh_memberships()

    def current(self) -> PersonRow | None:
        table = self.query_one("#people", DataTable)
        if table.row_count == 0:
            return None
        return self.rows.get(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(DataTable.RowHighlighted, "#people")
    def _person_moved(self) -> None:
        self.refresh_memberships()

    def refresh_memberships(self) -> None:
        """The highlighted person's memberships: one query per cursor move."""
        person = self.current()
        table = self.query_one("#memberships", Table)
        held = memberships.of_person(self.app.conn, person.id) if person else []
        self.ms_rows = {str(m.id): m for m in held}
        with table.refill(keep_cursor=False):
            for m in held:
                table.add_row(t(f"body.{m.body}"), m.seat, t(f"role.{m.role}"), fmt_date(m.valid_from),
                              fmt_date(m.valid_to) if m.valid_to else "", m.holder or "", m.reference or "",
                              key=str(m.id))
        self.query_one("#ms-head", Static).update(t("members.memberships_of", name=person.name) if person else "")

    def selected_membership(self) -> MembershipRow | None:
        table = self.query_one("#memberships", DataTable)
        if table.row_count == 0:
            return None
        if self.focused is not table:  # from the people list: the first current membership, or a future one
            today = self.app.today
            return next((m for m in self.ms_rows.values() if is_current(m, today)),
                        next((m for m in self.ms_rows.values() if m.valid_from > today), None))
        return self.ms_rows.get(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    # --- actions ----------------------------------------------------------------------------

    def _after(self, message_key: str, **params):
        def done(result) -> None:
            if result is not None:
                self.app.notify(t(message_key, **params))
                self.refresh_data()
        return done

    def action_new(self) -> None:
        def done(person_id) -> None:
            if person_id is not None:
                self.app.notify(t("members.saved"))
                self.refresh_data()
                if not self.query_one("#people", Table).select_key(person_id):  # hidden: no current seat yet
                    self.include_former = True
                    self.refresh_data()
                    self.query_one("#people", Table).select_key(person_id)

        self.app.push_screen(person_dialog(self.app.conn, None), done)

    def action_edit(self) -> None:
        if (person := self.current()) is not None:
            self.app.push_screen(person_dialog(self.app.conn, person), self._after("members.saved"))

    @on(DataTable.RowSelected, "#people")
    def action_open(self) -> None:
        if self.focused is self.query_one("#people", DataTable):
            self.query_one("#memberships", DataTable).focus()

    def action_appoint(self) -> None:
        if (person := self.current()) is not None:
            self.app.push_screen(appoint_dialog(self.app.conn, person, self.app.today),
                                 self._after("members.appointed", name=person.name))

    def action_substitute(self) -> None:
        if (person := self.current()) is not None:
            self.app.push_screen(substitute_dialog(self.app.conn, person, self.app.today),
                                 self._after("members.substitute_appointed", name=person.name))

    def action_end(self) -> None:
        m = self.selected_membership()
        if m is None:
            self.app.notify(t("members.no_membership"), severity="warning")
            return
        conn, today = self.app.conn, self.app.today
        label = f"{m.person}: {membership_label(m)}"
        if m.valid_from > today:  # not begun: it can be cancelled, not ended

            def cancel(yes: bool | None) -> None:
                if yes:
                    memberships.cancel_future(conn, m.id, today)
                    self.app.notify(t("members.cancelled"))
                    self.refresh_data()

            self.app.push_screen(ConfirmDialog(t("members.cancel_future", label=label, date=fmt_date(m.valid_from))),
                                 cancel)
            return

        def done(result) -> None:
            if result is not None:
                end, (subs, annulled) = result
                self.app.notify(t("members.ended", date=fmt_date(end), subs=subs)
                                + (t("members.annulled", count=annulled) if annulled else ""))
                self.refresh_data()

        self.app.push_screen(end_dialog(conn, m.id, label, today), done)

    def action_former(self) -> None:
        self.include_former = not self.include_former
        self.refresh_data()

    def action_composition(self) -> None:
        self.app.push_screen(CompositionScreen(self.app.today))

    def action_export(self) -> None:
        if (person := self.current()) is not None:
            data = json.dumps(people.export(self.app.conn, person.id), ensure_ascii=False, indent=2, default=str)
            self.app.export(data.encode("utf-8"), f"person-{person.id}.json")

    def action_erase(self) -> None:
        person = self.current()
        if person is None:
            return
        conn, today = self.app.conn, self.app.today
        history = people.has_history(conn, person.id)
        running = memberships.running_after(conn, person.id, today) if history else []
        if running:  # the seats must end, or they stay held by "Slettet person #ID" for ever
            self.app.push_screen(erase_dialog(conn, person, running, today), self._erased)
            return
        question = t("members.confirm_erase" if history else "members.confirm_delete", name=person.name)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if history:
                placeholder = people.erase(conn, person.id)
                self.app.notify(t("members.erased", placeholder=placeholder))
            else:
                people.delete(conn, person.id)
                self.app.notify(t("members.deleted", name=person.name))
            self.refresh_data()

        self.app.push_screen(ConfirmDialog(question), answered)

    def _erased(self, result) -> None:
        if result is not None:
            placeholder, day = result
            self.app.notify(t("members.erased_ended", placeholder=placeholder, date=fmt_date(day)))
            self.refresh_data()
