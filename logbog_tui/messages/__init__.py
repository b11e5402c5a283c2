"""Message catalogue: ``key: (Danish, English)``, one module per part of the program.
Domain names stay Danish in both languages."""

from logbog_tui.messages import (budgets, cli_entries, cli_people, core, development, imports, journal, meetings,
                                 members, registers, reports, safety, tickets)

PARTS = (core.MESSAGES, budgets.MESSAGES, members.MESSAGES, meetings.MESSAGES, tickets.MESSAGES, reports.MESSAGES,
         safety.MESSAGES, journal.MESSAGES, cli_people.MESSAGES, imports.MESSAGES, cli_entries.MESSAGES,
         registers.MESSAGES, development.MESSAGES)
MESSAGES: dict[str, tuple[str, str]] = {}
for part in PARTS:
    MESSAGES.update(part)
