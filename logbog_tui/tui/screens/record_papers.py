"""The meeting record's papers dialog (key ``P``, issue 23): write the invitation, agenda or
minutes as .docx or Markdown, a mail draft (.eml) with it attached, the calendar invitation
(.ics), or mark the paper sent today. Files go to the file name shown (the home folder)."""

from __future__ import annotations

from pathlib import Path

from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.storage import papers
from logbog_tui.tui.dialogs.form import Field, FieldErrors, FormDialog

ACTIONS = ("docx", "md", "eml", "ics", "sent")


def default_file(meeting_id: int, kind: str, action: str) -> str:
    m_ext = {"docx": "docx", "md": "md", "eml": "eml", "ics": "ics", "sent": ""}[action]
    return str(Path.home() / f"{kind}-{meeting_id}.{m_ext}") if m_ext else ""


def sent_text(conn, meeting_id: int) -> str:  # type: ignore[no-untyped-def]
    done = papers.sent(conn, meeting_id)
    if not done:
        return t("papers.dialog.none_sent")
    return t("papers.dialog.sent_on", dates=", ".join(f"{t(f'papers.kind.{k}')} {fmt_date(v)}"
                                                      for k, v in done.items()))


def papers_dialog(app, meeting_id: int, today, done) -> None:  # type: ignore[no-untyped-def]
    conn = app.conn

    def save(values: dict) -> object:
        from logbog_tui import papers_mail, papers_render
        from logbog_tui.calendar_export import invitation, write
        from logbog_tui.papers import build

        kind, action = values["kind"], values["action"]
        if action == "sent":
            papers.mark_sent(conn, meeting_id, kind, today)
            app.notify(t("papers.notify.sent", kind=t(f"papers.kind.{kind}"), on=fmt_date(today)))
            return True
        path = Path(str(values["file"] or default_file(meeting_id, kind, action))).expanduser()
        try:
            if action == "ics":
                data = invitation(conn, meeting_id)
            else:
                doc = build(conn, meeting_id, kind)
                data = papers_mail.draft(conn, doc) if action == "eml" else papers_render.render(doc, action)
            write(data, path, force=True)
        except UserError as exc:
            raise FieldErrors({"file": exc.message}) from None
        app.notify(t("papers.notify.written", path=path))
        return True

    fields = [Field("kind", t("papers.dialog.kind"), "agenda",
                    options=tuple((t(f"papers.kind.{k}"), k) for k in papers.KINDS)),
              Field("action", t("papers.dialog.format"), "docx",
                    options=(("Word (.docx)", "docx"), ("Markdown (.md)", "md"),
                             (t("papers.dialog.draft") + " (.eml)", "eml"),
                             (t("record.key.invite") + " (.ics)", "ics"), (t("papers.dialog.sent"), "sent"))),
              Field("file", t("papers.dialog.file"), "", placeholder=str(Path.home() / f"<kind>-{meeting_id}.<ext>"))]
    app.push_screen(FormDialog(t("papers.dialog.title"), fields, save, intro=sent_text(conn, meeting_id)), done)


def attach_dialog(app, item_id: int, item_title: str, done) -> None:  # type: ignore[no-untyped-def]
    """Attach a paper (a title, and a file path or link) to an agenda item (key ``B``)."""
    def save(values: dict) -> object:
        return papers.add_paper(app.conn, item_id, values["title"], values["target"])

    shown = [f"• {p.title}" + (f" ({p.target})" if p.target else "")
             for p in papers.papers_of_item(app.conn, item_id)]
    app.push_screen(FormDialog(t("papers.attach_title", title=item_title),
                               [Field("title", t("papers.field.title"), ""),
                                Field("target", t("cli.papers.target"), "", placeholder="https://…")],
                               save, intro="\n".join(shown) or t("papers.no_papers")), done)
