"""The Registers screen's panels for PL1 (specialties and their målbeskrivelser) and PL2 (course
leaders), on :class:`RegisterPanel`: a head line, a `/` filter and a list; `l` logs hours with the
panel's task area pre-filled. Documents and contracts: tui/widgets/register_doc_panels.py."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input

from logbog_tui.collation import sort_key
from logbog_tui.i18n import fmt_date, t
from logbog_tui.storage import course_leaders, specialties
from logbog_tui.storage.course_leaders import LeaderRow
from logbog_tui.storage.specialties import SpecialtyRow, VersionRow
from logbog_tui.tui.messages import DataChanged
from logbog_tui.tui.widgets.filter_box import FilterBox
from logbog_tui.tui.widgets.plain import Plain, Table, focus_then
from logbog_tui.tui.widgets.register_keys import keys


def cut(text: str | None, width: int) -> str:
    """``text`` in at most ``width`` characters (the lists fit 80 columns), cut with "…"."""
    text = text or ""
    return text if len(text) <= width else text[:width - 1] + "…"


class RegisterPanel(Vertical):
    """A register's list with a head line and a `/` filter. Subclasses fill the list
    (:meth:`refresh_data`) and say which task area `l` pre-fills (``AREA``)."""

    AREA = "PL1"
    TABLE = ""
    DEFAULT_CSS = """
    RegisterPanel { height: 1fr; }
    RegisterPanel .reg-head { margin: 0 1; height: auto; }
    RegisterPanel .reg-table { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Plain(classes="reg-head")
        yield FilterBox()
        yield Table(id=self.TABLE, classes="reg-table")

    @property
    def table(self) -> Table:
        return self.query_one(f"#{self.TABLE}", Table)

    def current_key(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        value = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(value) if value is not None else None

    def filter_text(self) -> str:
        return self.query_one(FilterBox).value.strip()

    def head(self, text: str) -> None:
        if self.filter_text():
            text += "  " + t("entries.filtered", text=self.filter_text())
        self.query_one(".reg-head", Plain).update(text)

    def refresh_data(self) -> None:
        raise NotImplementedError

    def select(self, key: object) -> None:
        self.table.select_key(key)

    def log_note(self) -> str:
        return ""

    def action_edit(self) -> None:
        raise NotImplementedError

    def action_log(self) -> None:
        """`l`: log hours with this register's task area (and the highlighted row's name) filled in."""
        self.app.action_log_hours(area=self.AREA, note=self.log_note())

    def form(self, dialog, key: Callable[[object], object] | None = None) -> None:
        """Show ``dialog``; after a save, tell the screen that the data changed and put the cursor
        on the saved row (``key`` turns the dialog's result into the row's key)."""
        def done(result) -> None:
            if result is None:
                return
            self.app.notify(t("reg.saved"))
            self.screen.post_message(DataChanged())
            self.call_after_refresh(self.select, key(result) if key else result)

        self.app.push_screen(dialog, done)

    def action_filter(self) -> None:
        self.query_one(FilterBox).open()

    def action_close_filter(self) -> None:
        text = self.query_one(FilterBox).close()
        if text is not None:
            focus_then(self.table, self.refresh_data if text else None)

    @on(Input.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, FilterBox):
            self.refresh_data()

    @on(Input.Submitted)
    def _filter_done(self, event: Input.Submitted) -> None:
        if isinstance(event.input, FilterBox):
            self.table.focus()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def matches(self, *words: str | None) -> bool:
        needle = self.filter_text().casefold()
        return not needle or needle in " ".join(w for w in words if w).casefold()


class SpecialtyPanel(RegisterPanel):
    """PL1: every specialty with the edition in force and its newest målbeskrivelse (waiting to be
    loaded in red, with the days), and below it the highlighted specialty's versions."""

    AREA = "PL1"
    TABLE = "specialties"
    BINDINGS = keys("new", "open", "edit", "loaded", "appendix", "new_specialty", "edit_specialty", "log",
                    "filter", "close_filter")
    DEFAULT_CSS = """
    SpecialtyPanel #versions { height: 6; }
    SpecialtyPanel #versions-head { margin: 0 1; height: 1; }
    """

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.rows: dict[str, SpecialtyRow] = {}
        self.versions: dict[str, VersionRow] = {}
        self.shown_specialty: int | None = None

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Plain(id="versions-head")
        yield Table(id="versions", sortable=False)

    def on_mount(self) -> None:
        self.table.add_columns(t("reg.col.specialty"), t("reg.col.in_force"), t("reg.col.approved"),
                               t("reg.col.loaded"), t("reg.col.state"))
        self.query_one("#versions", Table).add_columns(t("reg.col.edition"), t("reg.col.approved"),
                                                       t("reg.col.effective"), t("reg.col.loaded"),
                                                       t("reg.col.appendices"), t("reg.col.note"))

    def refresh_data(self) -> None:
        today = self.app.today
        rows = [r for r in specialties.list_specialties(self.app.conn, today, include_ended=True)
                if self.matches(r.name, r.edition_in_force)]
        self.rows = {str(r.id): r for r in rows}
        pending = 0
        with self.table.refill():
            for r in rows:
                pending += r.pending
                if r.pending:
                    state = Text(t("reg.state.waiting", days=r.days_waiting), style="bold red", end="")
                elif r.ended(today):
                    state = Text(t("reg.state.ended", date=fmt_date(r.valid_to)), style="dim", end="")
                else:
                    state = t("reg.state.none") if r.newest_id is None else (
                        t("reg.state.loaded") if r.loaded else t("reg.state.coming"))
                self.table.add_row(cut(r.name, 24), cut(r.edition_in_force or "–", 7), fmt_date(r.approved),
                                   fmt_date(r.loaded), state, key=str(r.id))
        self.head(t("reg.spec.head", count=len(rows), pending=pending))
        self.refresh_versions()

    @on(DataTable.RowHighlighted, "#specialties")
    def _moved(self) -> None:
        self.refresh_versions()

    def specialty(self) -> SpecialtyRow | None:
        key = self.current_key()
        return self.rows.get(key) if key else None

    def refresh_versions(self) -> None:
        row = self.specialty()
        found = specialties.versions(self.app.conn, row.id) if row else []
        self.versions = {str(v.id): v for v in found}
        table = self.query_one("#versions", Table)
        with table.refill():
            for v in found:
                early = v.loaded is not None and v.loaded < v.approved
                table.add_row(cut(v.edition, 10), fmt_date(v.approved), fmt_date(v.effective),
                              Text(fmt_date(v.loaded), style="bold red" if early else "", end=""),
                              str(v.appendices), cut(v.note, 18), key=str(v.id))
        self.query_one("#versions-head", Plain).update(
            t("reg.spec.versions_head", name=row.name) if row else "")

    def version(self) -> VersionRow | None:
        """The version highlighted in the lower list when it has the focus, else the newest."""
        table = self.query_one("#versions", Table)
        if not table.row_count:
            return None
        if self.screen.focused is table:
            return self.versions.get(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))
        return next(iter(self.versions.values()))

    def log_note(self) -> str:
        row = self.specialty()
        return row.name if row else ""

    def action_new(self) -> None:
        from logbog_tui.tui.dialogs.registers import version_dialog

        row = self.specialty()
        self.form(version_dialog(self.app.conn, self.app.today, row.name if row else "", None),
                  lambda _id: row.id if row else None)

    def action_edit(self) -> None:
        from logbog_tui.tui.dialogs.registers import version_dialog

        row, version = self.specialty(), self.version()
        if row is None:
            return
        if version is None:
            self.action_new()
            return
        self.form(version_dialog(self.app.conn, self.app.today, row.name, version), lambda _id: row.id)

    def action_done_today(self) -> None:
        """`i`: the newest målbeskrivelse of the highlighted specialty is loaded into logbog.net today."""
        row = self.specialty()
        if row is None:
            return
        version = specialties.mark_loaded(self.app.conn, row.id, self.app.today)
        self.app.notify(t("reg.spec.marked_loaded", name=row.name, edition=version.edition,
                          date=fmt_date(version.loaded)))
        self.screen.post_message(DataChanged())

    def action_appendix(self) -> None:
        from logbog_tui.tui.dialogs.registers import appendix_dialog

        row, version = self.specialty(), self.version()
        if row is None or version is None:
            self.app.notify(t("reg.no_version"), severity="warning")
            return
        self.form(appendix_dialog(self.app.conn, self.app.today, version), lambda _id: row.id)

    def action_new_specialty(self) -> None:
        from logbog_tui.tui.dialogs.registers import specialty_dialog

        self.form(specialty_dialog(self.app.conn, self.app.today, None))

    def action_edit_specialty(self) -> None:
        from logbog_tui.tui.dialogs.registers import specialty_dialog

        row = self.specialty()
        if row is not None:
            self.form(specialty_dialog(self.app.conn, self.app.today, row))


class LeaderPanel(RegisterPanel):
    """PL2: the course leaders in office or to come, by specialty and region, and a line for each
    specialty and region without a hovedkursusleder; changes not entered in logbog.net in red."""

    AREA = "PL2"
    TABLE = "leaders"
    BINDINGS = keys("new", "open", "edit", "entered", "log", "filter", "close_filter")

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.rows: dict[str, LeaderRow] = {}
        self.missing: dict[str, tuple[int, str, str, str]] = {}

    def on_mount(self) -> None:
        self.table.add_columns(t("reg.col.specialty"), t("reg.col.region"), t("reg.col.role"), t("reg.col.who"),
                               t("reg.col.from"), t("reg.col.entered"))

    def refresh_data(self) -> None:
        conn, today = self.app.conn, self.app.today
        region_order = {code: i for i, (code, _s) in enumerate(course_leaders.regions(conn))}
        rows = [r for r in course_leaders.list_leaders(conn, today) if self.matches(r.specialty, r.region, r.name)]
        missing = [m for m in course_leaders.missing_main(conn, today) if self.matches(m[1], m[3])]
        self.rows = {str(r.id): r for r in rows}
        self.missing = {f"missing-{m[0]}-{m[2]}": m for m in missing}
        lines: list[tuple[tuple, tuple, str]] = []
        for r in rows:
            late = r.pending(today)
            entered = Text(t("reg.leader.not_entered"), style="bold red", end="") if late else fmt_date(r.entered)
            lines.append(((sort_key(r.specialty), region_order.get(r.region_code, 9), r.role != "main"),
                          (cut(r.specialty, 16), r.region, t(f"reg.role_short.{r.role}"), cut(r.name, 17),
                           fmt_date(r.valid_from), entered), str(r.id)))
        for key, (_sid, name, code, region) in self.missing.items():
            lines.append(((sort_key(name), region_order.get(code, 9), False),
                          (cut(name, 16), region, t("reg.role_short.main"),
                           Text(t("reg.leader.missing"), style="bold red", end=""), "", ""), key))
        with self.table.refill():
            for _order, cells, key in sorted(lines, key=lambda line: line[0]):
                self.table.add_row(*cells, key=key)
        pending = sum(r.pending(today) for r in rows)
        self.head(t("reg.leader.head", count=len(rows), pending=pending, missing=len(missing)))

    def log_note(self) -> str:
        key = self.current_key()
        if key in self.rows:
            return f"{self.rows[key].specialty}, {self.rows[key].region}"
        return f"{self.missing[key][1]}, {self.missing[key][3]}" if key in self.missing else ""

    def action_new(self) -> None:
        from logbog_tui.tui.dialogs.registers import leader_dialog

        key = self.current_key()
        preset: tuple[str, str, str] = ("", "", "main")
        if key in self.rows:
            r = self.rows[key]
            preset = (r.specialty, r.region, "sub" if r.role == "main" else r.role)
        elif key in self.missing:
            preset = (self.missing[key][1], self.missing[key][3], "main")
        self.form(leader_dialog(self.app.conn, self.app.today, None, preset))

    def action_edit(self) -> None:
        key = self.current_key()
        if key in self.missing:
            self.action_new()
            return
        if key in self.rows:
            from logbog_tui.tui.dialogs.registers import leader_dialog

            self.form(leader_dialog(self.app.conn, self.app.today, self.rows[key], None))

    def action_done_today(self) -> None:
        """`i`: the highlighted change is entered in logbog.net today."""
        key = self.current_key()
        if key not in self.rows:
            return
        row = course_leaders.mark_entered(self.app.conn, self.rows[key].id, self.app.today)
        self.app.notify(t("reg.leader.marked", id=row.id, name=row.name, specialty=row.specialty, region=row.region,
                          date=fmt_date(row.entered)))
        self.screen.post_message(DataChanged())
