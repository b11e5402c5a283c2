"""Hour logging for the whole app: `l` from any screen, edit, delete, and `u` to undo the
session's changes one by one. Every change tells the user its effect on the budget it counts
toward, loudly when it crosses the warning or the over threshold."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from logbog_tui.storage import journal, names, people, queries
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_hours, fmt_minutes, say, t
from logbog_tui.overview import budget_overview, crossing_notice, status_words
from logbog_tui.service.budget import OVER, WARNING, as_of_for, status
from logbog_tui.tui.messages import DataChanged
from logbog_tui.tui.textual_private import build_screen

# The log dialog and the writing side of hours (storage.timelog, with the import formats) are
# imported when hours are first logged or the dialog is prewarmed after start, not before the
# dashboard's first frame (docs/performance.md).
if TYPE_CHECKING:
    from logbog_tui.storage.entries import EntryRow
    from logbog_tui.storage.timelog import Draft
    from logbog_tui.tui.dialogs.log_hours import LogForm, LogHoursDialog


class HourLogging:
    """Mixed into the App: needs ``conn``, ``today``, ``notify``, ``push_screen``."""

    current_person: names.Named | None = None

    def person_now(self) -> names.Named | None:
        if self.current_person is None:
            self.current_person = names.project_leader(self.conn, self.today)
        return self.current_person

    _log_dialog: LogHoursDialog | None = None

    def _dialog(self, form: LogForm, on_save) -> LogHoursDialog:
        """The one log dialog of the app, set up for ``form`` (kept between uses: quick to open)."""
        from logbog_tui.tui.dialogs.log_hours import LogHoursDialog

        people = list(names.people_in_order(self.conn))
        targets = names.target_suggestions(self.conn)
        if self._log_dialog is None:
            self._log_dialog = LogHoursDialog(form, people, targets, on_save, self.today)
            self.install_screen(self._log_dialog, name="log-hours")
            return self._log_dialog
        return self._log_dialog.reuse(form, people, targets, on_save, self.today)

    async def prewarm_log_dialog(self) -> None:
        """Compose and style the log dialog in idle time, so that its first opening is quick.
        (Textual composes a screen when it is first registered; ``build_screen`` does that without
        showing it.)"""
        from logbog_tui.tui.dialogs.log_hours import LogForm

        if self._log_dialog is None:
            dialog = self._dialog(LogForm("", "", self.today), lambda draft: None)
            await build_screen(self, dialog)

    def action_log_hours(self, ticket_id: int | None = None, ticket_number: str = "", area: str | None = None,
                         note: str = "") -> None:
        """Open the log dialog; a ticket's hours are support (PL9); ``area`` (a code: PL1 from a
        specialty's row on Registers) and ``note`` fill in the target and the note."""
        from logbog_tui.storage import timelog
        from logbog_tui.tui.dialogs.log_hours import LogForm

        person = self.person_now()
        if person is None and people.register_empty(self.conn):
            self.notify(t("log.nobody_yet"), severity="warning", timeout=8)  # not "give a person"
            return
        area_id, task_id = timelog.last_used(self.conn, person.id) if person else (None, None)
        target = names.target_label(self.conn, area_id, task_id)
        if ticket_id is not None:  # support for the representatives: PL9 for project leadership
            target = names.target_label(self.conn, timelog.support_area(self.conn), None)
        elif area is not None:
            target = names.target_label(self.conn, names.resolve_area(self.conn, area).id, None)
        form = LogForm(person.label if person else "", target, self.today, note=note, is_support=ticket_id is not None,
                       title_key="log.ticket_title" if ticket_id else "log.title", ticket=ticket_number)

        def save(draft: Draft):
            if ticket_id is not None:
                draft = draft.model_copy(update={"ticket_id": ticket_id, "is_support": True})
            before = budget_line(self.conn, draft, self.today)
            saved = timelog.save(self.conn, draft, self.today)
            return draft, before, saved.warnings

        self.push_screen(self._dialog(form, save), self._after_save)

    def edit_entry(self, row: EntryRow) -> None:
        from logbog_tui.storage import timelog
        from logbog_tui.tui.dialogs.log_hours import LogForm

        form = LogForm(row.person, names.target_label(self.conn, row.area_id, row.task_id), row.day,
                       fmt_minutes(row.minutes, unit=False), row.note or "", row.is_support, "log.edit_title",
                       on_behalf=row.on_behalf or "", covers=row.covers)

        def save(draft: Draft):
            before = budget_line(self.conn, draft, self.today)
            timelog.update(self.conn, row.id, draft, self.today)
            return draft, before

        self.push_screen(self._dialog(form, save), self._after_save)

    def delete_entry(self, row: EntryRow) -> None:
        from logbog_tui.storage import timelog
        from logbog_tui.tui.dialogs.confirm import ConfirmDialog

        question = t("entry.confirm_delete", hours=fmt_minutes(row.minutes), person=row.person,
                     date=fmt_date(row.day), area=row.area)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                timelog.delete(self.conn, row.id)
            except UserError as exc:
                self.notify(exc.message, severity="error")
                return
            self.notify(t("entry.deleted", hours=fmt_minutes(row.minutes), date=fmt_date(row.day)))
            self.data_changed()

        self.push_screen(ConfirmDialog(question), answered)

    def action_undo(self) -> None:
        """`u`: undo the newest change made in this session (any screen), on the journal; a change
        that later changes build on is refused with the reason (logbog_tui/storage/journal.py)."""
        entry = journal.newest_undoable(self.conn, tuple(getattr(self.conn, "entries", ())))
        if entry is None:
            self.notify(t("undo.nothing"), severity="warning")
            return
        try:
            journal.undo(self.conn, entry.id)
        except UserError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        left = journal.newest_undoable(self.conn, tuple(self.conn.entries))
        self.notify(t("undo.session", line=journal.describe(journal.get(self.conn, entry.id)),
                      more=t("undo.more") if left else ""))
        self.data_changed()

    # --- budget effect ---------------------------------------------------------------------

    def _after_save(self, result) -> None:
        if not result:
            return
        draft, before, *rest = result
        warnings = rest[0] if rest else ()
        after = budget_line(self.conn, draft, self.today)
        target = names.target_label(self.conn, draft.area_id, draft.task_id) if draft.task_id or draft.area_id else ""
        message = t("log.toast", hours=fmt_minutes(draft.minutes), date=fmt_date(draft.day), target=target)
        severity = "warning" if warnings else "information"
        message += "".join("\n⚠ " + say(w) for w in warnings)
        if draft.day > self.today:
            message += "\n" + t("log.future_note")
        if after is not None:
            label, state, used, budget = after
            message += "\n" + t("budget.effect", label=label, used=fmt_hours(used), budget=fmt_hours(budget),
                                 status=status_words(used, budget, state))
            if before is not None and before[1] != state and state in (WARNING, OVER):
                severity = "error" if state == OVER else "warning"
                message = crossing_notice(label, state, queries.thresholds(self.conn)) + "\n" + message
        elif draft.is_support:
            message += "\n" + t("log.support_not_counted")
        self.notify(message, severity=severity, timeout=8 if severity != "information" else 4)
        self.data_changed()

    def data_changed(self) -> None:
        """Tell the screen on top that the data changed (it refreshes if it shows data)."""
        self.screen.post_message(DataChanged())


def budget_line(conn, draft: Draft, today: date) -> tuple[str, str, float, float] | None:
    """The budget an entry like ``draft`` counts toward, as (label, status, used, budget), or None."""
    from logbog_tui.storage import timelog

    scope = timelog.area_of(conn, draft.area_id, draft.task_id).scope
    ov = budget_overview(conn, draft.day.year, as_of_for(draft.day.year, today))
    thresholds = queries.thresholds(conn)
    if scope == "projektledelse":
        pl = ov.leadership
        return t("budget.leadership"), status(pl.used, pl.budget, thresholds), pl.used, pl.budget
    if draft.is_support:
        return None
    member = ov.member_for(conn, draft.person_id, draft.day, draft.on_behalf_of)
    if member is None:
        return None
    return member.person, status(member.used, member.budget, thresholds), member.used, member.budget
