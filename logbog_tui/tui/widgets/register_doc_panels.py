"""The Registers screen's panels for PL3 (guides and information material) and PL7 (contracts)."""

from __future__ import annotations

from rich.text import Text

from logbog_tui.i18n import fmt_date, t
from logbog_tui.storage import contracts, documents
from logbog_tui.storage.contracts import ContractRow
from logbog_tui.storage.documents import DocumentRow
from logbog_tui.tui.widgets.register_keys import keys
from logbog_tui.tui.widgets.register_panels import RegisterPanel, cut


class DocumentPanel(RegisterPanel):
    """PL3: the documents by next review date; a passed review date in red. `r` records a review."""

    AREA = "PL3"
    TABLE = "documents"
    BINDINGS = keys("new", "open", "edit", "review", "log", "filter", "close_filter")

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.rows: dict[str, DocumentRow] = {}

    def on_mount(self) -> None:
        self.table.add_columns(t("task.field.title"), t("reg.col.audience"), t("reg.col.version"),
                               t("reg.col.owner"), t("reg.col.next_review"))

    def refresh_data(self) -> None:
        today = self.app.today
        rows = [r for r in documents.list_documents(self.app.conn, today)
                if self.matches(r.title, r.owner, t(f"reg.audience.{r.audience}"))]
        self.rows = {str(r.id): r for r in rows}
        with self.table.refill():
            for r in rows:
                review = Text(fmt_date(r.review_on), style="bold red" if r.due(today) else "", end="")
                self.table.add_row(cut(r.title, 22), t(f"reg.audience.{r.audience}"), cut(r.version, 6),
                                   cut(r.owner, 10), review, key=str(r.id))
        self.head(t("reg.doc.head", count=len(rows), due=sum(r.due(today) for r in rows)))

    def current(self) -> DocumentRow | None:
        key = self.current_key()
        return self.rows.get(key) if key else None

    def log_note(self) -> str:
        row = self.current()
        return row.title if row else ""

    def action_new(self) -> None:
        from logbog_tui.tui.dialogs.registers import document_dialog

        self.form(document_dialog(self.app.conn, self.app.today, None))

    def action_edit(self) -> None:
        from logbog_tui.tui.dialogs.registers import document_dialog

        row = self.current()
        if row is not None:
            self.form(document_dialog(self.app.conn, self.app.today, row))

    def action_review(self) -> None:
        from logbog_tui.tui.dialogs.registers import review_dialog

        row = self.current()
        if row is not None:
            self.form(review_dialog(self.app.conn, self.app.today, row), lambda _next: row.id)


class ContractPanel(RegisterPanel):
    """PL7: the contracts, running ones first by the end of their term; a notice deadline within
    90 days, and a contract that ended without a successor, in red."""

    AREA = "PL7"
    TABLE = "contracts"
    BINDINGS = keys("new", "open", "edit", "log", "filter", "close_filter")

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.rows: dict[str, ContractRow] = {}

    def on_mount(self) -> None:
        self.table.add_columns(t("task.field.title"), t("reg.col.party"), t("reg.col.term_end"),
                               t("reg.col.notice_by"), t("reg.col.state"))

    def refresh_data(self) -> None:
        today = self.app.today
        rows = [r for r in contracts.list_contracts(self.app.conn, today)
                if self.matches(r.contract.title, r.contract.party, r.contract.owner, r.contract.reference)]
        self.rows = {str(r.id): r for r in rows}
        with self.table.refill():
            for r in rows:
                soon = r.notice_soon(today)
                if r.lacks_successor():
                    state = Text(t("reg.state.no_successor"), style="bold red", end="")
                elif r.term.ended:
                    state = Text(t("reg.state.contract_ended"), style="dim", end="")
                elif soon:
                    days = (r.term.notice_by - today).days
                    state = Text(t("reg.state.notice_days", days=days), style="bold red", end="")
                else:
                    state = t("reg.state.running") if r.term.end else t("reg.state.open_ended")
                self.table.add_row(cut(r.contract.title, 17), cut(r.contract.party, 17), fmt_date(r.term.end),
                                   Text(fmt_date(r.term.notice_by), style="bold red" if soon else "", end=""), state,
                                   key=str(r.id))
        warn = sum(r.notice_soon(today) or r.lacks_successor() for r in rows)
        self.head(t("reg.contract.head", count=len(rows), warnings=warn))

    def current(self) -> ContractRow | None:
        key = self.current_key()
        return self.rows.get(key) if key else None

    def log_note(self) -> str:
        row = self.current()
        return row.contract.title if row else ""

    def action_new(self) -> None:
        from logbog_tui.tui.dialogs.registers import contract_dialog

        self.form(contract_dialog(self.app.conn, self.app.today, None))

    def action_edit(self) -> None:
        from logbog_tui.tui.dialogs.registers import contract_dialog

        row = self.current()
        if row is not None:
            self.form(contract_dialog(self.app.conn, self.app.today, row))
