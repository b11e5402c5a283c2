"""Messages of the annual report, dump and load."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.dump.help": ("skriv alle tabeller som JSON (se docs/data-format.md)", "write every table as JSON (see "
                      "docs/data-format.md)"),
    "cli.load.help": ("indlæs en JSON-fil fra logbog dump i en ny, tom database", "load a JSON file from logbog dump "
                      "into a new, empty database"),
    "cli.report.help": ("årsrapport til styregruppen (md, csv, xlsx, json)", "annual report for the steering group "
                        "(md, csv, xlsx, json)"),
    "export.written": ("Skrevet til {path}", "Written to {path}"),
    "load.not_a_dump": ("filen er ikke et dump fra logbog (et JSON-objekt med tabeller)", "the file is not a logbog "
                        "dump (a JSON object of tables)"),
    "load.unknown_tables": ("ukendte tabeller i filen: {tables}", "unknown tables in the file: {tables}"),
    "load.not_empty": ("databasen har allerede data; indlæs kun i en ny database (--db NY.db)",
                       "the database already holds data; load only into a new database (--db NEW.db)"),
    "load.unreadable": ("{path} kan ikke læses som JSON ({error})", "{path} cannot be read as JSON ({error})"),
    "load.done": ("Indlæst: {rows} rækker i {tables} tabeller", "Loaded: {rows} rows in {tables} tables"),
    "report.xlsx_needs_file": ("xlsx skrives til en fil: angiv -o FIL.xlsx", "xlsx is written to a file: give -o "
                               "FILE.xlsx"),
    "report.title": ("Årsrapport {year}: logbog.net", "Annual report {year}: logbog.net"),
    "report.as_of": ("Opgjort {date}.", "As of {date}."),
    "report.none": ("Ingen.", "None."),
    "report.sheet.areas": ("Timer pr. opgaveområde", "Hours per task area"),
    "report.sheet.members": ("Følgegruppens medlemmer", "Follow-up group members"),
    "report.sheet.meetings": ("Møder", "Meetings"),
    "report.sheet.tickets": ("Supportsager", "Support tickets"),
    "report.sheet.leadership": ("Projektledelse", "Project leadership"),
    "report.sheet.steering": ("Styregruppens timer", "Steering group hours"),
    "report.sheet.by_category": ("Sager pr. kategori", "Tickets per category"),
    "report.col.scope": ("Budget for", "Budget of"),
    "report.col.returned": ("Tilbage fra leverandøren", "Back from the supplier"),
    "report.col.count": ("Antal", "Count"),
    "report.csv_not_a_folder": ("{path} er ikke en mappe; CSV-tabellerne skrives til en mappe",
                                "{path} is not a folder; the CSV tables are written to a folder"),
    "report.csv_needs_target": ("CSV er én tabel pr. afsnit: angiv -o MAPPE (alle afsnit) eller --section NAVN "
                                "(ét afsnit); afsnit: {sections}", "CSV is one table per section: give -o FOLDER "
                                "(every section) or --section NAME (one section); sections: {sections}"),
    "report.bad_section": ("»{text}« er ikke et afsnit; afsnit: {sections}", "'{text}' is not a section; "
                           "sections: {sections}"),
    "report.only_csv": ("{option} gælder kun for --format csv", "{option} applies to --format csv only"),
    "report.opt.section": ("ét afsnit som CSV (til standardud eller -o FIL)", "one section as CSV (to standard "
                           "output or -o FILE)"),
    "report.opt.excel": ("CSV til dansk Excel/LibreOffice: semikolon, decimalkomma, BOM, formler uskadeliggjort",
                         "CSV for Danish Excel/LibreOffice: semicolon, decimal comma, BOM, formulas neutralised"),
    "report.format.csv": ("csv (mappe, til scripts)", "csv (folder, for scripts)"),
    "report.format.csv_excel": ("csv til Excel (mappe, semikolon)", "csv for Excel (folder, semicolon)"),
    "report.folder_written": ("{count} CSV-filer skrevet til {path}", "{count} CSV files written to {path}"),
    "report.sheet.referrals": ("Henvist til styregruppen", "Referred to the steering group"),
    "report.col.code": ("Kode", "Code"),
    "report.col.area": ("Opgaveområde", "Task area"),
    "report.col.hours": ("Timer", "Hours"),
    "report.col.budget": ("Budget", "Budget"),
    "report.col.used": ("Brugt", "Used"),
    "report.col.remaining": ("Tilbage", "Remaining"),
    "report.col.days": ("Dage som medlem", "Days as a member"),
    "report.col.settled": ("Afgjort", "Settled"),
    "report.tickets_opened": ("Oprettet", "Opened"),
    "report.tickets_closed": ("Lukket", "Closed"),
    "report.median_supplier": ("Median dage hos leverandøren", "Median days at the supplier"),
    "report.key": ("Årsrapport", "Annual report"),
    "report.palette_help": ("Årsrapport til styregruppen som xlsx, md, csv eller json", "Annual report for the "
                            "steering group as xlsx, md, csv or json"),
    "report.dialog_title": ("Årsrapport til styregruppen", "Annual report for the steering group"),
    "report.field.year": ("År", "Year"),
    "report.field.format": ("Format", "Format"),
    "cli.backup.help": ("tag en kontrolleret sikkerhedskopi (til DEST eller backups/ i datamappen)",
                        "take a verified backup (to DEST or backups/ in the data folder)"),
    "cli.restore.help": ("gendan databasen fra en sikkerhedskopi; den nuværende fil lægges til side først",
                         "restore the database from a backup; the current file is put aside first"),
    "backup.exists": ("{path} findes allerede; vælg et andet navn", "{path} already exists; choose another name"),
    "backup.done": ("Sikkerhedskopi gemt og kontrolleret: {path}", "Backup saved and checked: {path}"),
    "backup.failed_check": ("sikkerhedskopien {path} bestod ikke kontrollen; den er ikke gemt", "the backup {path} "
                            "failed its check; it was not kept"),
    "backup.no_such_file": ("{path} findes ikke", "{path} does not exist"),
    "backup.restore_damaged": ("{path} er beskadiget og gendannes ikke", "{path} is damaged and is not restored"),
    "backup.restored": ("{path} er gendannet fra {source}; den tidligere fil ligger i {aside}",
                        "{path} is restored from {source}; the previous file is in {aside}"),
    "export.replace": ("{path} findes allerede. Erstat den?", "{path} already exists. Replace it?"),
}
