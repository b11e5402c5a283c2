"""Messages of the journal: history and undo."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.history.help": ("ændringerne i databasen, nyeste først (journalen)", "the changes to the database, newest "
                         "first (the journal)"),
    "cli.history.limit": ("højst N ændringer (standard 20)", "at most N changes (default 20)"),
    "cli.history.bad_limit": ("»{text}« er ikke et antal mellem 1 og 10000", "'{text}' is not a number from 1 to "
                              "10000"),
    "cli.undo.help": ("fortryd den nyeste ændring (også fra et andet program eller en tidligere session)",
                      "undo the newest change (also one made by another program or an earlier session)"),
    "cli.undo.yes": ("fortryd uden at spørge", "undo without asking"),
    "cli.dump.with_journal": ("tag journalen over ændringer med", "include the journal of changes"),
    "history.line": ("#{id} {at} {who} ({origin}): {what}", "#{id} {at} {who} ({origin}): {what}"),
    "history.changes": ("{count} rækker i {tables}", "{count} rows in {tables}"),
    "history.changes_one": ("{count} række i {tables}", "{count} row in {tables}"),
    "history.what.load": ("indlæst fra et dump (kan ikke fortrydes)", "loaded from a dump (cannot be undone)"),
    "history.what.demo": ("demodata (kan ikke fortrydes)", "demo data (cannot be undone)"),
    "history.what.undo": ("fortrød #{id}", "undid #{id}"),
    "history.undone": (" · fortrudt af #{id}", " · undone by #{id}"),
    "history.empty": ("Ingen ændringer endnu.", "No changes yet."),
    "history.key.undo": ("Fortryd", "Undo"),
    "history.key.close": ("Luk", "Close"),
    "history.col.change": ("Ændring", "Change"),
    "history.col.undoable": ("Kan fortrydes", "Can be undone"),
    "history.yes": ("ja", "yes"),
    "history.head": ("De {count} nyeste ændringer (alle programmer og sessioner). Enter fortryder den markerede.",
                     "The {count} newest changes (every program and session). Enter undoes the highlighted one."),
    "history.cannot": ("ændring #{id} kan ikke fortrydes", "change #{id} cannot be undone"),
    "undo.nothing_at_all": ("der er ingen ændring at fortryde", "there is no change to undo"),
    "undo.needs_yes": ("fortryd {line}? Der er ingen terminal at spørge på: brug --yes",
                       "undo {line}? There is no terminal to ask on: use --yes"),
    "undo.ask": ("Fortryd {line}? [j/N]", "Undo {line}? [y/N]"),
    "undo.kept": ("Intet er fortrudt.", "Nothing was undone."),
    "undo.done": ("Fortrudt: {line}", "Undone: {line}"),
    "undo.no_such_change": ("ændring #{id} findes ikke", "there is no change #{id}"),
    "undo.already": ("ændring #{id} er allerede fortrudt", "change #{id} is undone already"),
    "undo.not_undoable": ("ændring #{id} ({what}) kan ikke fortrydes; gendan en sikkerhedskopi i stedet",
                          "change #{id} ({what}) cannot be undone; restore a backup instead"),
    "undo.depends": ("ændring #{id} kan ikke fortrydes: de senere ændringer {later} bygger på den; fortryd dem "
                     "først", "change #{id} cannot be undone: the later changes {later} build on it; undo them "
                     "first"),
    "undo.changed_since": ("ændring #{id} kan ikke fortrydes: {table} er ændret siden af et andet program",
                           "change #{id} cannot be undone: {table} has been changed since by another program"),
}
