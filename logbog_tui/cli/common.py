"""What every CLI command shares: which database, opening it, date and year arguments, JSON and
file output. Every command module imports these from here (and from nowhere else in ``cli/``)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.service import Problem


def db_path(args: argparse.Namespace) -> Path:
    """``--db``, else ``LOGBOG_DB``, else the default file in the data folder."""
    from logbog_tui.paths import default_db_path

    value = getattr(args, "db", None) or os.environ.get("LOGBOG_DB")
    return Path(value).expanduser() if value else default_db_path()


def open_database(args: argparse.Namespace, *, write: bool = False):
    """The database of ``--db``/``LOGBOG_DB``. A command that writes (``write=True``) runs the
    full start check first and refuses a damaged file, as the TUI does."""
    from logbog_tui.storage.db import open_db

    conn = open_db(db_path(args), check=write)
    # the journal's "from where": the command and its subcommand ("logbog meeting move")
    words = [getattr(args, "command", None), *(v for k, v in sorted(vars(args).items()) if k.endswith("_command"))]
    conn.origin = " ".join(["logbog", *(w for w in words if isinstance(w, str))])
    return conn


BODY_NAMES = {"følgegruppe": "folgegruppe", "folgegruppe": "folgegruppe", "fg": "folgegruppe",
              "styregruppe": "styregruppe", "sg": "styregruppe"}


def body_arg(text: str) -> str:
    """argparse type for ``--body``: følgegruppe or styregruppe (also without ø, or FG/SG)."""
    key = text.strip().casefold()
    if key not in BODY_NAMES:
        raise argparse.ArgumentTypeError(t("meeting.bad_body"))
    return BODY_NAMES[key]


def id_arg(message_key: str):
    """argparse type for a row's id (``12`` or ``#12``); otherwise ``message_key`` with the text."""
    def parse(text: str) -> int:
        digits = text.strip().lstrip("#")
        if not digits.isdigit():
            raise argparse.ArgumentTypeError(t(message_key, text=text))
        return int(digits)
    return parse


def year_arg(text: str) -> int:
    """argparse type for ``--year``."""
    if not text.isdigit() or not 2000 <= int(text) <= 2200:
        raise argparse.ArgumentTypeError(t("cli.bad_year", text=text))
    return int(text)


def date_arg(text: str | None, today: date, conn=None) -> date:
    """A date as typed (today when None); with ``conn``, inside the range of time entries and
    meetings (from the organisation's start to two years ahead), the same range as the TUI's."""
    from logbog_tui.service.parse import parse_date

    if text is None:
        return today
    within = None
    if conn is not None:
        from logbog_tui.storage.queries import date_range

        within = date_range(conn, today)
    try:
        return parse_date(text, today, within)
    except Problem as p:
        raise UserError(p.key, **p.params) from None


def checked(model, values: dict, options: dict[str, str], /, **context):
    """``model.check(values, **context)`` (an input model of storage/): a refusal names the option
    it came from (``--email: ligner ikke en e-mailadresse``), where the form shows it under its field."""
    from logbog_tui.storage.inputs import Invalid

    try:
        return model.check(values, **context)
    except Invalid as exc:
        field = next(iter(exc.problems))
        if field not in options:
            raise
        raise UserError("cli.option_problem", option=options[field], text=exc.message) from None


def print_json(data) -> None:
    import json  # here, not at the top: `logbog host` without --json never needs it

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def write_output(data: bytes, output: str | None, force: bool) -> None:
    """``data`` to the file ``output`` (refusing to replace one without ``force``), else to stdout."""
    from logbog_tui.calendar_export import write

    if output:
        write(data, Path(output).expanduser(), force=force)
        print(t("export.written", path=output), file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
