"""The app shell: screens as modes, the host region in the header, `?` for keys, `q` to quit."""

from __future__ import annotations

import asyncio
import gc
import inspect
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.widgets import DataTable

from logbog_tui import clock
from logbog_tui.storage import queries
from logbog_tui.storage.db import Connection
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.logfile import logger
from logbog_tui.overview import explain, host_now
from logbog_tui.service.text import visible
from logbog_tui.tui.screens.base import DataScreen
from logbog_tui.tui.commands import JumpProvider
from logbog_tui.tui.hours import HourLogging
from logbog_tui.tui.idle_gc import IdleCollection
from logbog_tui.tui.key_guard import KeyGuard
from logbog_tui.tui.dialogs import KeysScreen
from logbog_tui.tui.screens import KEYS, SCREENS, screen_factory
from logbog_tui.tui.textual_private import OneLineErrors, build_mode, mode_screen, restyle_hidden_screens
from logbog_tui.tui.widgets.filter_box import FilterBox
from logbog_tui.tui.widgets.plain import Table


class LogbogApp(KeyGuard, HourLogging, IdleCollection, OneLineErrors, App):
    """logbog: the project leader's terminal program."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "logbog"
    MODES = {name: screen_factory(name) for name in KEYS}  # a screen's module is imported when it is built
    DEFAULT_MODE = "dashboard"
    COMMANDS = App.COMMANDS | {JumpProvider}
    BINDINGS = [
        *(Binding(key, f"switch_mode('{name}')", t(f"screen.{name}"), id=f"nav.{name}")
          for name, key in KEYS.items()),
        Binding("l", "log_hours", t("app.log"), id="app.log"),
        Binding("u", "undo", t("app.undo"), id="app.undo"),
        Binding("U", "history", t("history.title"), id="app.history"),
        Binding("question_mark", "keys", t("app.keys"), id="app.keys"),
        # A priority key, so that it acts before any key typed after it (tui/key_guard.py); it
        # stays a letter where the focused field takes text or the screen has its own `q`.
        Binding("q", "quit", t("app.quit"), id="app.quit", priority=True),
        Binding("ctrl+p", "command_palette", t("app.palette"), show=False, priority=True, id="app.palette"),
        Binding("o", "sort_list", t("app.sort"), id="app.sort"),
        Binding("O", "sort_list(True)", t("app.sort_reverse"), show=False, id="app.sort_reverse"),
        Binding("j", "list('down')", t("app.down"), show=False, id="app.down"),
        Binding("k", "list('up')", t("app.up"), show=False, id="app.up"),
        Binding("g", "list('top')", t("app.top"), show=False, id="app.top"),
        Binding("G", "list('bottom')", t("app.bottom"), show=False, id="app.bottom"),
    ]

    def __init__(self, conn: Connection, db_path: Path, today: date | None = None,
                 prewarm: bool = False, notices: Iterable[str] = ()) -> None:
        super().__init__()
        self.notices = list(notices)
        try:
            conn.origin = "logbog (TUI)"  # the journal's "from where"
        except AttributeError:  # a plain sqlite3 connection (tests): the journal says "?"
            pass
        self.prewarm = prewarm
        self.conn = conn
        self.db_path = db_path
        self._today = today

    @property
    def today(self) -> date:
        return self._today or clock.today()

    def on_mount(self) -> None:
        theme = queries.setting(self.conn, "theme")
        if theme and theme in self.available_themes:
            self.theme = theme
        if getattr(self.conn, "read_only", False):
            self.title = f"{self.TITLE} ({t('app.read_only')})"
        for notice in self.notices:
            self.notify(notice, severity="warning", timeout=15)
        self.refresh_host()
        if self.prewarm:
            self.set_timer(0.5, self._prewarm)
            self.start_idle_collection()

    def on_unmount(self) -> None:
        self.stop_idle_collection()

    async def _prewarm(self) -> None:
        """Build the other screens, their hidden tabs and the log dialog in idle time after start,
        so that a first visit is quick. (Textual builds a mode's screen on first use;
        ``build_mode`` builds it without showing it.) A failure only costs time later: it is
        logged and the rest is skipped."""
        try:
            for mode in ("tasks", "members", "meetings", "tickets", "registers", "economy", "development"):
                screen = mode_screen(self, mode)
                if screen is None:
                    screen = await build_mode(self, mode)
                    await asyncio.sleep(0.05)
                prewarm = getattr(screen, "prewarm", None)
                if prewarm is not None:
                    await prewarm()
                    await asyncio.sleep(0.05)
            await self.prewarm_log_dialog()
            # A screen that was not shown when the stylesheet last changed is restyled on its
            # first visit (Textual's refresh_css: 20-30 ms). Do that now for the built screens.
            restyle_hidden_screens(self)
        except Exception:  # noqa: BLE001
            logger().exception("prewarming failed")
        # Everything built so far lives as long as the app: keep it out of later gc passes
        # (collect first, so that no garbage is frozen with it).
        gc.collect()
        gc.freeze()

    def notify(self, message: str, *, markup: bool = False, **kw) -> None:
        """Messages show names, notes and titles as typed: no markup (see widgets/plain.py), and
        control characters as ``\\u001b`` (a title cannot act on the terminal)."""
        super().notify(visible(message), markup=markup, **kw)

    def watch_theme(self, theme: str) -> None:
        """Remember the chosen theme in the database (settings), for the next start."""
        if getattr(self, "conn", None) is None or getattr(self.conn, "read_only", False):
            return
        try:
            if queries.setting(self.conn, "theme") != theme:
                from logbog_tui.storage import settings

                settings.remember_theme(self.conn, theme)
        except UserError as exc:  # a held lock or a full disk: the theme is still changed for now
            self.notify(exc.message, severity="warning")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "sort_list":
            return self._sortable() is not None
        if action == "quit":
            focused = self.screen.focused
            if focused is not None and focused.check_consume_key("q", "q"):
                return False
            if any(b.key == "q" or "q" in b.key.split(",") for b in self.screen.BINDINGS if isinstance(b, Binding)):
                return False
        return True

    def _sortable(self) -> Table | None:
        """The list `o` sorts: the focused one, else the screen's main list."""
        focused = self.screen.focused
        if isinstance(focused, Table) and focused.sortable:
            return focused
        main = getattr(self.screen, "LIST", "")
        table = self.screen.query_one(main) if main else None
        return table if isinstance(table, Table) and table.sortable else None

    def action_sort_list(self, reverse: bool = False) -> None:
        """`o`: sort the list by the next column; `O`: the other way round (a header click does too)."""
        table = self._sortable()
        if table is None:
            return
        table.sort_flip() if reverse else table.sort_next()

    def action_list(self, where: str) -> None:
        """j/k/g/G: move in the focused list."""
        table = self.focused
        if isinstance(table, DataTable) and table.row_count:
            row = {"down": table.cursor_row + 1, "up": table.cursor_row - 1, "top": 0,
                   "bottom": table.row_count - 1}[where]
            table.move_cursor(row=max(0, min(row, table.row_count - 1)))

    def export(self, data: bytes | dict[str, bytes], name: str) -> None:
        """Write ``data`` to ``exports/NAME`` in the data folder (temporary file, then rename), or,
        for a dict of files, into the folder ``exports/NAME``; an existing file is replaced only
        after a confirmation."""
        from logbog_tui.calendar_export import write
        from logbog_tui.paths import data_dir
        from logbog_tui.report_render import write_folder
        from logbog_tui.tui.dialogs import ConfirmDialog

        from logbog_tui.failures import explain as failure_line
        from logbog_tui.paths import private_dir

        try:
            path = private_dir(data_dir() / "exports") / name
        except OSError as exc:
            self.notify(failure_line(exc) or str(exc), severity="error")
            return

        def go(yes: bool | None = True) -> None:
            if yes:
                try:
                    if isinstance(data, dict):
                        write_folder(data, path, force=True)
                    else:
                        write(data, path, force=True)
                except (OSError, UserError) as exc:
                    self.notify(getattr(exc, "message", None) or failure_line(exc) or str(exc), severity="error")
                    return
                self.notify(t("export.written", path=toast_path(path)), timeout=10)

        if path.exists():
            self.push_screen(ConfirmDialog(t("export.replace", path=path)), go)
        else:
            go()

    def action_report(self) -> None:
        """The annual report for a year, written to the exports folder: xlsx, md or json as one
        file; CSV (for scripts, or for Danish Excel) as a folder with one table per section."""
        from logbog_tui.report import annual
        from logbog_tui.report_render import csv_files, render
        from logbog_tui.tui.dialogs.form import Field, FieldErrors, FormDialog

        def save(values: dict):
            text = (values["year"] or "").strip()
            if not text.isdigit() or not 2000 <= int(text) <= 2200:
                raise FieldErrors({"year": t("cli.bad_year", text=text)})
            fmt = values["format"] or "xlsx"
            report = annual(self.conn, int(text), self.today)
            if fmt in ("csv", "csv-excel"):
                return csv_files(report, excel=fmt == "csv-excel"), f"aarsrapport-{text}-{fmt}"
            return render(report, fmt), f"aarsrapport-{text}.{fmt}"

        fields = [Field("year", t("report.field.year"), str(self.today.year)),
                  Field("format", t("report.field.format"), "xlsx",
                        options=(("xlsx", "xlsx"), ("md", "md"), (t("report.format.csv"), "csv"),
                                 (t("report.format.csv_excel"), "csv-excel"), ("json", "json")))]
        self.push_screen(FormDialog(t("report.dialog_title"), fields, save),
                         lambda result: self.export(*result) if result else None)

    # --- jumps from the command palette -----------------------------------------------------

    async def open_person(self, name: str) -> None:
        await self.switch_mode("members")
        self._filter_screen(name)

    async def open_task(self, title: str) -> None:
        await self.switch_mode("tasks")
        self._filter_screen(title)

    def _filter_screen(self, text: str) -> None:
        """Filter the screen's list by ``text`` (a jump from the command palette)."""
        self.screen.query_one(FilterBox).value = text
        if isinstance(self.screen, DataScreen):
            self.screen.refresh_data()

    async def open_ticket(self, ticket_id: int) -> None:
        from logbog_tui.tui.screens.tickets import TicketScreen

        await self.switch_mode("tickets")
        self.push_screen(TicketScreen(ticket_id))

    async def open_meeting(self, meeting_id: int) -> None:
        from logbog_tui.tui.screens.meeting_record import MeetingRecordScreen

        await self.switch_mode("meetings")
        self.push_screen(MeetingRecordScreen(meeting_id))

    def refresh_host(self) -> None:
        """Show the current host region (domain rule) in the header."""
        answer = host_now(self.conn, self.today)
        if answer is None:
            self.sub_title = t("app.no_host")
        elif answer.source == "planned":
            self.sub_title = t("app.host_planned", region=answer.region.name, date=fmt_date(answer.meeting_date))
        else:
            self.sub_title = t("app.host_rotation", region=answer.region.name, reason=explain(answer.reason))

    def action_command_palette(self) -> None:
        """Ctrl+P: Textual's palette, with the placeholder in the UI's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("palette.placeholder")))

    def search_themes(self) -> None:
        """The theme picker (palette: change theme), with the placeholder in the UI's language."""
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=t("palette.theme_placeholder")))

    def get_key_display(self, binding: Binding) -> str:
        """Keys on the key line as in the keys list (`Esc`, not `esc`)."""
        from logbog_tui.tui.dialogs.keys import KEY_NAMES

        if not binding.key_display and binding.key in ("escape", "enter"):
            return KEY_NAMES[binding.key]
        return super().get_key_display(binding)

    def action_history(self) -> None:
        """`U`: every change to the database, newest first, with Enter to undo one (the journal)."""
        from logbog_tui.tui.screens.history import HistoryScreen

        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    def action_keys(self) -> None:
        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(t("app.log"), t("palette.log_help"), self.action_log_hours)
        yield SystemCommand(t("app.undo"), t("palette.undo_help"), self.action_undo)
        yield SystemCommand(t("history.title"), t("history.palette_help"), self.action_history)
        for name in SCREENS:
            yield SystemCommand(t("palette.goto", screen=t(f"screen.{name}")), t("palette.goto_help"),
                                lambda name=name: self.switch_mode(name))
        yield SystemCommand(t("report.key"), t("report.palette_help"), self.action_report)
        yield SystemCommand(t("app.keys"), t("palette.keys_help"), self.action_keys)
        yield SystemCommand(t("palette.theme"), t("palette.theme_help"), self.action_change_theme)
        yield SystemCommand(t("app.quit"), t("palette.quit_help"), self.action_quit)

    def push_screen(self, screen, callback=None, wait_for_dismiss=False, *, mode=None):
        """As Textual's, with the result callback guarded like a key's action (:meth:`run_action`):
        a dialog's answer that meets a held lock or a full disk gives a message, not a stop."""
        if callback is not None:
            callback = self._guarded(callback)
        return super().push_screen(screen, callback, wait_for_dismiss, mode=mode)

    def _guarded(self, callback):
        async def guarded(result) -> None:
            try:
                outcome = callback(result)
                if inspect.isawaitable(outcome):
                    await outcome
            except UserError as exc:
                self.notify(exc.message, severity="error", timeout=10)

        return guarded

    async def run_action(self, action, default_namespace=None) -> bool:
        """A key's action that meets a condition the user can fix (a held lock, a full disk, a
        read-only database) says so in a message instead of ending the program."""
        try:
            return await super().run_action(action, default_namespace)
        except UserError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return True

    def unexpected_error(self, error: Exception) -> None:
        """Unhandled errors (textual_private.OneLineErrors): the traceback goes to the log file,
        the user gets one line instead of Textual's on-screen traceback."""
        logger().error("unexpected error in the TUI", exc_info=error)

    def unexpected_error_line(self) -> str:
        from logbog_tui.paths import log_path

        return f"logbog: {t('error.unexpected', path=log_path())}"


def toast_path(path: Path) -> str:
    """A path for a notice: the home folder as ~, the file name on a line of its own (a notice is
    narrow, and a long path would otherwise wrap in the middle of a name)."""
    folder = str(path.parent)
    home = str(Path.home())
    if folder == home or folder.startswith(home + "/"):
        folder = "~" + folder[len(home):]
    return f"{folder}/\n{path.name}"


def run_tui(db_path: Path, ahead: Callable[[], None] | None = None) -> int:
    """Open the database and run the app until the user quits (``ahead``: the start check begun
    by the caller, :func:`~logbog_tui.storage.dbfile.check_ahead`)."""
    app = build_app(db_path, ahead)
    gc.freeze()  # the imported modules, out of the garbage collector's way (tui/idle_gc.py)
    gc.enable()  # off while they were imported (cli._main)
    try:
        app.run()
    finally:
        app.conn.close()
    return app.return_code or 0


def build_app(db_path: Path, ahead: Callable[[], None] | None = None) -> LogbogApp:
    """Open the database (creating it if needed; the full start check first) and take the day's
    backup. A backup that cannot be taken (a read-only data folder, a full disk) does not stop
    the work: the user is told, and the reason is logged."""
    from logbog_tui.storage import backup
    from logbog_tui.storage.db import open_db
    from logbog_tui.failures import explain as failure_line

    conn = open_db(db_path, check=True, ahead=ahead)
    try:
        queries.check_settings(conn)  # a bad stored setting: one line with the command that mends it
    except UserError:
        conn.close()
        raise
    notices = []
    if conn.read_only:
        notices.append(t("db.read_only_opened", path=db_path))
    try:
        backup.automatic(conn, db_path, checked=True)  # open_db has just checked it
    except Exception as exc:  # noqa: BLE001 - a failed backup must not stop the work
        logger().exception("automatic backup failed")
        notices.append(t("db.no_backup_taken", reason=getattr(exc, "message", None) or failure_line(exc) or exc))
    return LogbogApp(conn, db_path, prewarm=True, notices=notices)
