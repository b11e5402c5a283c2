"""Messages of the time entries on the command line (``logbog entries``, ``logbog entry edit|delete``,
``logbog log --json``) and of the command line's conventions (``--version``, ``completion``,
argparse's own words)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # logbog entries
    "cli.entries.help": ("list timeregistreringer med sum", "list time entries with their total"),
    "cli.entries.description": (
        "Lister timeregistreringer, ældste først (efter dato, så i den rækkefølge de blev registreret), og deres "
        "sum. Standard er i år; --from og --to alene giver fra eller til en dato, og med --year, --month eller "
        "--week afgrænser de perioden.",
        "Lists time entries, oldest first (by date, then in the order they were made), and their total. The "
        "default is this year; --from and --to alone give from or up to a date, and with --year, --month or "
        "--week they narrow that period."),
    "cli.entries.from": ("fra og med dato (fx 01.03.2026, 1.3, i går, 2026-03-01)",
                         "from this date on (e.g. 01.03.2026, 1.3, yesterday, 2026-03-01)"),
    "cli.entries.to": ("til og med dato", "up to and including this date"),
    "cli.entries.year": ("et kalenderår (standard: i år)", "a calendar year (default: this year)"),
    "cli.entries.month": ("en måned, fx 2026-03", "a month, e.g. 2026-03"),
    "cli.entries.week": ("en ISO-uge, fx 2026-W09", "an ISO week, e.g. 2026-W09"),
    "cli.entries.person": ("kun denne person: id eller del af navnet", "only this person: id or part of the name"),
    "cli.entries.area": ("kun dette opgaveområde: kode (PL4, FG2), id eller del af navnet",
                         "only this task area: code (PL4, FG2), id or part of the name"),
    "cli.entries.task": ("kun denne opgave: id eller del af titlen", "only this task: id or part of the title"),
    "cli.entries.support": ("kun support (--support) eller ingen support (--no-support); standard: begge",
                            "only support (--support) or no support (--no-support); default: both"),
    "cli.entries.json": ("skriv JSON til scripts: {\"entries\": [...], \"total_hours\": N}",
                         "write JSON for scripts: {\"entries\": [...], \"total_hours\": N}"),
    "cli.entries.csv": ("skriv CSV (komma, decimalpunktum, UTF-8; kolonnerne i docs/data-format.md)",
                        "write CSV (comma, decimal point, UTF-8; the columns in docs/data-format.md)"),
    "cli.entries.excel_only_csv": ("--excel gælder kun sammen med --csv", "--excel applies with --csv only"),
    "cli.entries.bad_month": ("»{text}« er ikke en måned; skriv fx 2026-03", "'{text}' is not a month; write e.g. "
                              "2026-03"),
    "cli.entries.bad_week": ("»{text}« er ikke en uge; skriv fx 2026-W09", "'{text}' is not a week; write e.g. "
                             "2026-W09"),
    "cli.entries.empty_period": ("perioden er tom: {start} ligger efter {end}", "the period is empty: {start} is "
                                 "after {end}"),
    "cli.entries.period": ("{start}–{end}", "{start}–{end}"),
    "cli.entries.total": ("I alt {count:registrering|registreringer}, {hours}{support} · {period}",
                          "Total {count:entry|entries}, {hours}{support} · {period}"),
    "cli.entries.of_which_support": (" (heraf support {hours})", " (of which support {hours})"),
    "cli.entries.on_behalf": ("på vegne af {member}", "on behalf of {member}"),
    "cli.entries.support_mark": ("support", "support"),
    # logbog entry edit | delete
    "cli.entry.help": ("ret eller slet en timeregistrering", "edit or delete a time entry"),
    "cli.entry.edit": ("ret en timeregistrering", "edit a time entry"),
    "cli.entry.edit_description": (
        "Retter en timeregistrering med de samme regler som dialogen i programmet (højst 24 timer om dagen, "
        "datoer fra organisationens start til to år frem); det, der ikke angives, beholdes.",
        "Edits a time entry under the same rules as the program's dialog (at most 24 hours a day, dates from "
        "the organisation's start to two years ahead); what is not given is kept."),
    "cli.entry.id": ("registreringens nummer (se logbog entries)", "the entry's number (see logbog entries)"),
    "cli.entry.date": ("ny dato: 24.11, i går, -1, 2026-11-24", "new date: 24.11, yesterday, -1, 2026-11-24"),
    "cli.entry.person": ("ny person: id eller del af navnet", "new person: id or part of the name"),
    "cli.entry.for": ("på vegne af: det medlem en suppleant arbejdede for (\"\" fjerner det)",
                      "on behalf of: the member a substitute worked for (\"\" removes it)"),
    "cli.entry.note": ("ny note (\"\" fjerner den)", "new note (\"\" removes it)"),
    "cli.entry.support": ("timerne er support (--support) eller ikke (--no-support)",
                          "the hours are support (--support) or not (--no-support)"),
    "cli.entry.delete": ("slet en timeregistrering (logbog undo fortryder)",
                         "delete a time entry (logbog undo undoes it)"),
    "cli.entry.delete_description": (
        "Sletter en timeregistrering efter et spørgsmål; --yes spørger ikke. logbog undo bringer den tilbage.",
        "Deletes a time entry after a question; --yes does not ask. logbog undo brings it back."),
    "cli.entry.yes": ("slet uden at spørge", "delete without asking"),
    "cli.entry.bad_id": ("»{text}« er ikke nummeret på en registrering", "'{text}' is not an entry's number"),
    "cli.entry.no_such": ("registrering #{id} findes ikke", "there is no entry #{id}"),
    "cli.entry.nothing_to_change": ("angiv mindst én ændring, fx --hours 2 eller --date i går",
                                    "give at least one change, e.g. --hours 2 or --date yesterday"),
    "cli.entry.line": ("#{id} {hours} for {person} {date} på {area}{task}{support}",
                       "#{id} {hours} for {person} on {date} on {area}{task}{support}"),
    "cli.entry.saved": ("Rettet: {line}", "Saved: {line}"),
    "cli.entry.delete_ask": ("Slet {line}? [j/N]", "Delete {line}? [y/N]"),
    "cli.entry.delete_needs_yes": ("slet {line}? Der er ingen terminal at spørge på: kør {command}",
                                   "delete {line}? There is no terminal to ask on: run {command}"),
    "cli.entry.kept": ("Intet er slettet.", "Nothing was deleted."),
    "cli.entry.deleted": ("Slettet: {line} (logbog undo fortryder)", "Deleted: {line} (logbog undo undoes it)"),
    # logbog log --json
    "cli.log.json": ("skriv JSON til scripts: den gemte registrering og det budget, den flyttede",
                     "write JSON for scripts: the saved entry and the budget it moved"),
    # the command line's conventions
    "cli.completion.help": ("skriv et script til shell-fuldførelse (Tab) af logbogs kommandoer",
                            "print a shell completion script (Tab) for logbog's commands"),
    "cli.completion.description": (
        "Skriver et fuldførelsesscript for bash, zsh eller fish. bash: "
        "logbog completion bash > ~/.local/share/bash-completion/completions/logbog; zsh: "
        "logbog completion zsh > et bibliotek i $fpath, som _logbog; fish: "
        "logbog completion fish > ~/.config/fish/completions/logbog.fish.",
        "Prints a completion script for bash, zsh or fish. bash: "
        "logbog completion bash > ~/.local/share/bash-completion/completions/logbog; zsh: "
        "logbog completion zsh > a folder in $fpath, as _logbog; fish: "
        "logbog completion fish > ~/.config/fish/completions/logbog.fish."),
    "cli.completion.shell": ("skallen: bash, zsh eller fish", "the shell: bash, zsh or fish"),
    "cli.ticket.description": ("en længere beskrivelse af sagen", "a longer description of the ticket"),
    "cli.ticket.status_filter": ("kun sager med denne status (kode eller dansk navn: new/ny, open/åben, "
                                 "with_supplier/hos leverandøren, resolved/løst, closed/lukket)",
                                 "only tickets with this status (code or Danish name: new/ny, open/åben, "
                                 "with_supplier/hos leverandøren, resolved/løst, closed/lukket)"),
    "cli.ticket.title": ("sagens titel", "the ticket's title"),
    # help texts of options that had none
    "cli.subcommand": ("hvad der skal gøres; --help efter det viser dets tilvalg",
                       "what to do; --help after it shows its options"),
    "cli.opt.year": ("år (standard: i år)", "year (default: this year)"),
    "cli.dump.output": ("fil at skrive til (standard: standardoutput); en eksisterende fil kun med --force",
                        "file to write to (default: standard output); an existing file only with --force"),
    "cli.load.file": ("filen fra logbog dump", "the file from logbog dump"),
    "cli.backup.dest": ("fil eller mappe til sikkerhedskopien (standard: backups/ i datamappen)",
                        "file or folder for the backup (default: backups/ in the data folder)"),
    "cli.restore.file": ("sikkerhedskopien, der skal lægges tilbage", "the backup to restore"),
    "cli.report.format": ("format: md (standard), csv, xlsx eller json", "format: md (default), csv, xlsx or json"),
    "cli.report.output": ("fil at skrive til (en mappe for csv); uden: standardoutput (ikke xlsx)",
                          "file to write to (a folder for csv); without: standard output (not xlsx)"),
    "cli.setting.key": ("indstillingen: extra_days_off, org_start, budget_warn, budget_over eller "
                        "papers_<invitation|agenda|minutes>_days",
                        "the setting: extra_days_off, org_start, budget_warn, budget_over or "
                        "papers_<invitation|agenda|minutes>_days"),
    "cli.setting.value": ("ny værdi (uden: vis indstillingen)", "new value (without: show the setting)"),
    "cli.meeting.body": ("organet: følgegruppe eller styregruppe", "the body: følgegruppe or styregruppe"),
    "cli.meeting.date": ("mødets dato, fx 05.05.2027, 5.5, +30", "the meeting's date, e.g. 05.05.2027, 5.5, +30"),
    "cli.meeting.time": ("klokkeslæt, fx 10:00", "time of day, e.g. 10:00"),
    "cli.meeting.duration": ("varighed i timer, fx 3 eller 2:30", "duration in hours, e.g. 3 or 2:30"),
    "cli.meeting.kind": ("ordinary (ordinært møde, standard) eller extra (ekstraordinært)",
                         "ordinary (the default) or extra"),
    "cli.meeting.status": ("planned (planlagt, standard), held (afholdt) eller cancelled (aflyst)",
                           "planned (the default), held or cancelled"),
    "cli.meeting.place": ("mødested", "place of the meeting"),
    "cli.meeting.year": ("kun møder i dette år (standard: alle)", "only the meetings of this year (default: all)"),
    "cli.calendar.output": ("fil at skrive til (.ics); uden: standardoutput",
                            "file to write to (.ics); without: standard output"),
}
