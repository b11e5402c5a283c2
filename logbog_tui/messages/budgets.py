"""Messages of budgets and hour logging: the budget overview, the log command and dialog, the
budget panel and its editing, the settings."""

MESSAGES: dict[str, tuple[str, str]] = {
    # budgets
    "status.ok": ("ok", "ok"),
    "status.warning": ("advarsel", "warning"),
    "status.over": ("overskredet", "over"),
    "status.used_up": ("brugt op", "used up"),
    "status.over_by": ("overskredet ({hours} over)", "exceeded ({hours} over)"),
    "status.over_threshold": ("over grænsen", "over the limit"),
    "budget.planned_note": (" · {hours} planlagt (fremtidige registreringer, ikke talt med)",
                            " · {hours} planned (future entries, not counted)"),
    "budget.title": ("Timebudgetter {year}, opgjort {as_of} ({elapsed} af {total} arbejdsdage)",
                     "Hour budgets {year}, as of {as_of} ({elapsed} of {total} working days)"),
    "budget.leadership": ("Projektledelse", "Project leadership"),
    "budget.leadership_line": ("  brugt {used} af {budget}, tilbage {remaining}; forventet til dato {expected}, "
                               "prognose {forecast}; {status}",
                               "  used {used} of {budget}, remaining {remaining}; expected to date {expected}, "
                               "forecast {forecast}; {status}"),
    "budget.members": ("Følgegruppens medlemmer", "Follow-up group members"),
    "budget.no_members": ("ingen medlemmer i året", "no members in the year"),
    "budget.member_line": ("brugt {used} af {budget}, tilbage {remaining}; forventet til dato {expected}, "
                           "prognose {forecast}; support {support} (tæller ikke); {status}",
                           "used {used} of {budget}, remaining {remaining}; expected to date {expected}, "
                           "forecast {forecast}; support {support} (not counted); {status}"),
    "budget.days_off_line": ("arbejdsdage: man-fre uden helligdage og ekstra fridage ({days_off})",
                             "working days: Mon-Fri without public holidays and extra days off ({days_off})"),
    "budget.substitute_line": ("heraf suppleant {person}: {hours}", "of which substitute {person}: {hours}"),
    "budget.prorated": ("budget forholdsmæssigt for {days:dag|dage} som medlem; forventet og prognose over de dage",
                        "budget pro-rated for {days:day|days} as a member; expected and forecast over those days"),
    "budget.unattributed": ("Følgegruppetimer uden medlem: {hours}", "Follow-up group hours of no member: {hours}"),
    "budget.steering": ("Styregruppens medlemmer (timer, intet budget)", "Steering group members (hours, no budget)"),
    # log
    "log.saved": ("Registreret #{id}: {hours} for {person} {date} på {area}{support}",
                  "Logged #{id}: {hours} for {person} on {date} on {area}{support}"),
    "log.support_mark": (" (support)", " (support)"),
    "log.left_leadership": ("Projektledelse: {left} tilbage af {budget} ({status})",
                            "Project leadership: {left} left of {budget} ({status})"),
    "log.left_member": ("{person}: {left} tilbage af {budget} ({status})",
                        "{person}: {left} left of {budget} ({status})"),
    "log.support_not_counted": ("Support tæller ikke med i de 74 timer.", "Support does not count toward the 74 "
                                "hours."),
    "log.not_in_member_budget": ("Timerne tæller ikke i noget medlemsbudget.", "The hours count toward no "
                                 "member's budget."),
    "log.no_project_leader": ("ingen projektleder er registreret; brug --person",
                              "no project leader is registered; use --person"),
    "log.no_area": ("angiv et opgaveområde med --area (fx PL4) eller en opgave med --task",
                    "give a task area with --area (e.g. PL4) or a task with --task"),
    "log.for_only_fg": ("»på vegne af« gælder kun følgegruppetimer", "'on behalf of' applies to follow-up group "
                        "hours only"),
    "log.not_a_member": ("{person} er ikke medlem af følgegruppen {date}", "{person} is not a member of the "
                         "follow-up group on {date}"),
    "log.for_which": ("{person} er suppleant for flere medlemmer {date}: {members}; angiv hvem med --for "
                      "(i dialogen: »På vegne af«)",
                      "{person} is substitute for several members on {date}: {members}; say whom with --for "
                      "(in the dialog: 'On behalf of')"),
    "log.not_substitute_for": ("{person} er ikke suppleant for {member} {date} (suppleant for: {members})",
                               "{person} is not substitute for {member} on {date} (substitute for: {members})"),
    "log.warn.long_day": ("{date} har nu {hours} registreret for personen; er det rigtigt?",
                          "{date} now has {hours} logged for the person; is that right?"),
    "log.warn.weekend": ("{date} er en {weekday}", "{date} is a {weekday}"),
    "log.warn.day_off": ("{date} er en fridag: {name}", "{date} is a day off: {name}"),
    "log.warn.no_seat": ("{person} havde ingen plads i følgegruppen {date}; timerne tæller i årets budget, som er "
                         "beregnet efter dagene på pladsen", "{person} held no follow-up group seat on {date}; the "
                         "hours count toward the year's budget, which is pro-rated by the days in the seat"),
    "log.warning_line": ("advarsel: {text}", "warning: {text}"),
    "log.day_full": ("det giver over 24 timer {date} (allerede registreret: {logged})",
                     "that makes more than 24 hours on {date} (already logged: {logged})"),
    "log.note_too_long": ("noten må højst have {max} tegn", "the note may have at most {max} characters"),
    "log.note_control": ("noten indeholder styretegn (fx ESC)", "the note contains control characters"),
    # budgets panel and editing
    "budget.panel_title": ("Budgetter {year}, opgjort {as_of} ({elapsed} af {total} arbejdsdage) · [ ] år · e ret",
                           "Budgets {year}, as of {as_of} ({elapsed} of {total} working days) · [ ] year · e edit"),
    "budget.pace_line": ("brugt {used} af {budget} · tilbage {remaining} · forventet til dato {expected} · "
                         "prognose {forecast} · {status}",
                         "used {used} of {budget} · remaining {remaining} · expected to date {expected} · "
                         "forecast {forecast} · {status}"),
    "budget.explanation": ("Arbejdsdage: man-fre uden helligdage og ekstra fridage ({days_off}); medlemmer: "
                           "forventet og prognose over dagene som medlem; advarsel fra {warn} %, grænse {over} %",
                           "Working days: Mon-Fri without public holidays and extra days off ({days_off}); members: "
                           "expected and forecast over the days as a member; warning from {warn} %, limit {over} %"),
    "col.planned": ("Planlagt", "Planned"),
    "budget.months_axis": ("Projektledelse pr. måned: jan → dec", "Project leadership by month: Jan → Dec"),
    "budget.edit_title": ("Budgetter for {year}", "Budgets for {year}"),
    "budget.field.leadership": ("Projektledelse (timer pr. år)", "Project leadership (hours a year)"),
    "budget.field.member": ("Følgegruppemedlem (timer pr. helt år)", "Follow-up group member (hours a full year)"),
    "budget.invalid": ("»{text}« er ikke et antal timer (0-100.000)", "'{text}' is not a number of hours (0-100,000)"),
    "budget.confirm": ("{year} har allerede registreringer. Ændre budgetterne?",
                       "{year} already has entries. Change the budgets?"),
    "budget.change_leadership": ("Projektledelse: {old} → {new}", "Project leadership: {old} → {new}"),
    "budget.change_member": ("Pr. følgegruppemedlem: {old} → {new}", "Per follow-up group member: {old} → {new}"),
    "budget.status_change": ("{label}: {old} → {new}", "{label}: {old} → {new}"),
    "budget.no_status_change": ("Ingen status ændres.", "No status changes."),
    "budget.saved": ("Budgetterne for {year} er gemt", "The budgets for {year} are saved"),
}
