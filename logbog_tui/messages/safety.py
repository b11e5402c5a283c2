"""Messages of data safety: locks, full disks, read-only places, restore, damaged files."""

MESSAGES: dict[str, tuple[str, str]] = {
    "failure.locked": ("databasen er optaget af et andet program; prøv igen om lidt (intet er gemt)",
                       "the database is busy in another program; try again in a moment (nothing was saved)"),
    "failure.disk_full": ("disken er fuld; intet er gemt. Gør plads, og prøv igen",
                          "the disk is full; nothing was saved. Free some space and try again"),
    "failure.io": ("databasen kunne ikke læses eller skrives (diskfejl; er disken fuld, eller er drevet væk?); "
                   "intet er gemt", "the database could not be read or written (a disk error; is the disk full, "
                   "or the drive gone?); nothing was saved"),
    "db.refused.old_read_only": ("{path} er fra en ældre logbog-version (skemaversion {version}) og er "
                                 "skrivebeskyttet, så den kan ikke opgraderes; gør den skrivbar (chmod u+w) eller "
                                 "brug en kopi. Filen er ikke rørt", "{path} is from an older logbog version "
                                 "(schema version {version}) and read-only, so it cannot be upgraded; make it "
                                 "writable (chmod u+w) or use a copy. The file was not touched"),
    "failure.read_only": ("databasen er skrivebeskyttet; intet er gemt",
                          "the database is read-only; nothing was saved"),
    "failure.read_only_place": ("{path} ligger et skrivebeskyttet sted; intet er skrevet",
                                "{path} is in a read-only place; nothing was written"),
    "failure.no_access": ("ingen adgang til {path}; intet er skrevet", "no permission for {path}; nothing was written"),
    "failure.missing_folder": ("mappen til {path} findes ikke", "the folder for {path} does not exist"),
    "failure.not_a_file": ("{path} er en mappe, ikke en fil", "{path} is a folder, not a file"),
    "failure.cannot_open": ("databasefilen kan ikke åbnes (mangler der adgang til mappen?)",
                            "the database file cannot be opened (is the folder accessible?)"),
    "file.not_regular": ("{path} er ikke en almindelig fil; den bruges ikke",
                         "{path} is not a regular file; it is not used"),
    "file.dangling_link": ("{path} er en henvisning (symlink) til en fil, der ikke findes; brug --force for at "
                           "erstatte henvisningen", "{path} is a symbolic link to a file that does not exist; use "
                           "--force to replace the link"),
    "lock.held": ("databasen er åben i et andet logbog-program ({holders}); luk det først",
                  "the database is open in another logbog program ({holders}); close it first"),
    "lock.held_unknown": ("et andet logbog-program", "another logbog program"),
    "lock.process": ("proces {pid}: {command}", "process {pid}: {command}"),
    "lock.restoring": ("databasen er ved at blive gendannet af et andet logbog-program ({holders}); prøv igen",
                       "the database is being restored by another logbog program ({holders}); try again"),
    "restore.busy_reader": ("et andet program læser stadig databasen; luk det, og prøv igen (intet er ændret)",
                            "another program is still reading the database; close it and try again (nothing "
                            "was changed)"),
    "backup.restored_new": ("{path} er gendannet fra {source}", "{path} was restored from {source}"),
    "restore.same_file": ("{path} er selve databasen; vælg en sikkerhedskopi", "{path} is the database itself; "
                          "choose a backup"),
    "db.refused.foreign_wal": ("{wal} hører ikke til {path} (den er fra en anden database eller fra en ældre "
                               "udgave af denne); den er ikke brugt, og intet er skrevet. Flyt {wal} væk, og åbn "
                               "så databasen igen", "{wal} does not belong to {path} (it is from another "
                               "database or from an older state of this one); it was not used and nothing was "
                               "written. Move {wal} away, then open the database again"),
    "db.read_only_opened": ("{path} er skrivebeskyttet: åbnet kun til læsning, intet kan gemmes",
                            "{path} is read-only: opened for reading only, nothing can be saved"),
    "db.no_backup_taken": ("der kunne ikke tages en sikkerhedskopi ({reason})",
                           "no backup could be taken ({reason})"),
    "app.read_only": ("skrivebeskyttet", "read-only"),
    "setting.invalid": ("indstillingen {name} har en ugyldig værdi »{value}« ({rule}); ret den med: logbog setting "
                        "{name} VÆRDI", "the setting {name} has an invalid value '{value}' ({rule}); correct it "
                        "with: logbog setting {name} VALUE"),
    "clock.bad_today": ("LOGBOG_TODAY=»{text}« er ikke en dato som 2026-11-25", "LOGBOG_TODAY='{text}' is not a "
                        "date such as 2026-11-25"),
    "setting.org_start_future": ("organisationens start kan ikke ligge efter i dag ({date}); ingen timer kunne så "
                                 "registreres", "the organisation's start cannot be after today ({date}); no hours "
                                 "could be logged then"),
    "setting.shown_invalid": ("»{value}« (ugyldig)", "'{value}' (invalid)"),
    "setting.percent": ("{value} %", "{value} %"),
    "setting.rule.days": ("datoer som 24.12, 31.12", "dates such as 24.12, 31.12"),
    "setting.rule.fraction": ("en andel af budgettet, fx 80 %", "a share of the budget, e.g. 80 %"),
    "setting.rule.hours": ("et antal timer, 0 eller mere", "a number of hours, 0 or more"),
    "setting.rule.date": ("en dato som 2026-01-01", "a date such as 2026-01-01"),
    "setting.rule.text": ("tekst uden styretegn", "text without control characters"),
    "log.summary_failed": ("(timerne er gemt, men oversigten kunne ikke vises: {reason})",
                           "(the hours are saved, but the summary could not be shown: {reason})"),
    "text.control_chars": ("teksten indeholder styretegn (fx ESC); de kan ikke gemmes",
                           "the text contains control characters (e.g. ESC); they cannot be saved"),
    "load.bad_value": ("{table}, række {row}, kolonne {column}: {problem}; intet er indlæst",
                       "{table}, row {row}, column {column}: {problem}; nothing was loaded"),
    "load.bad_row_at": ("{table}, række {row}: {problem}; intet er indlæst",
                        "{table}, row {row}: {problem}; nothing was loaded"),
    "load.not_an_object": ("ikke et objekt med kolonner", "not an object with columns"),
    "load.unknown_column": ("ukendt kolonne", "unknown column"),
    "load.not_a_value": ("en {kind} er ikke en enkelt værdi", "a {kind} is not a single value"),
    "load.missing_value": ("værdien mangler ({detail})", "the value is missing ({detail})"),
    "load.duplicate": ("findes allerede ({detail})", "exists already ({detail})"),
    "load.check_failed": ("ugyldig værdi, fx en dato, der ikke findes ({detail})",
                          "invalid value, e.g. a date that does not exist ({detail})"),
    "load.wrong_type": ("forkert type ({detail})", "wrong type ({detail})"),
    "load.want_integer": ("skal være et helt tal", "must be a whole number"),
    "load.want_number": ("skal være et tal", "must be a number"),
    "load.want_text": ("skal være tekst", "must be text"),
    "load.too_large": ("tallet er for stort", "the number is too large"),
    "load.broken_reference": ("filen har {count} brudte henvisninger, fx {table} med id {id}: {column} henviser til "
                              "en {parent}, der ikke findes; intet er indlæst", "the file has {count} broken "
                              "references, e.g. {table} with id {id}: {column} refers to a {parent} that does not "
                              "exist; nothing was loaded"),
    "load.rows_not_list": ("{table} er ikke en liste af rækker; intet er indlæst",
                           "{table} is not a list of rows; nothing was loaded"),
}
