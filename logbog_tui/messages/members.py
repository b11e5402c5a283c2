"""Messages of the Members screen: people, seats, memberships and the composition."""

MESSAGES: dict[str, tuple[str, str]] = {
    "body.styregruppe": ("Styregruppen", "Styregruppen"),
    "body.short.styregruppe": ("SG", "SG"),
    "body.short.folgegruppe": ("FG", "FG"),
    "col.body_short": ("Organ", "Body"),
    "col.holder_role": ("Indehaver, rolle", "Holder, role"),
    "body.folgegruppe": ("Følgegruppen", "Følgegruppen"),
    "role.member": ("medlem", "member"),
    "role.chair": ("formand", "chair"),
    "role.secretary": ("sekretær", "secretary"),
    "role.chair_secretary": ("formand og sekretær", "chair and secretary"),
    "col.name": ("Navn", "Name"),
    "col.organisation": ("Organisation", "Organisation"),
    "col.seats": ("Nuværende pladser", "Current seats"),
    "col.body": ("Organ", "Body"),
    "col.seat": ("Plads", "Seat"),
    "col.role": ("Rolle", "Role"),
    "col.from": ("Fra", "From"),
    "col.to": ("Til", "To"),
    "col.substitute_for": ("Suppleant for", "Substitute for"),
    "col.reference": ("Udpeget ved", "Appointed by"),
    "col.holder": ("Indehaver", "Holder"),
    "members.key.new": ("Ny person", "New person"),
    "members.key.edit": ("Ret", "Edit"),
    "members.key.open": ("Åbn medlemskaber", "Open memberships"),
    "members.key.appoint": ("Udpeg", "Appoint"),
    "members.key.substitute": ("Suppleant", "Substitute"),
    "members.key.end": ("Afslut medlemskab", "End membership"),
    "members.key.filter": ("Filtrér", "Filter"),
    "members.key.composition": ("Sammensætning", "Composition"),
    "members.key.former": ("Tidligere medlemmer", "Former members"),
    "members.key.export": ("Eksportér persondata (JSON)", "Export personal data (JSON)"),
    "members.key.erase": ("Slet eller anonymisér", "Delete or erase"),
    "members.head": ("{count:person|personer} · {former} · c sammensætning · Enter medlemskaber",
                     "{count:person|people} · {former} · c composition · Enter memberships"),
    "members.former_hidden": ("f viser tidligere medlemmer", "f shows former members"),
    "members.former_shown": ("tidligere medlemmer vises (f skjuler)", "former members shown (f hides)"),
    "members.former": ("tidligere", "former"),
    "members.memberships_of": ("Medlemskaber for {name} (a udpeg · s suppleant · x afslut)",
                               "Memberships of {name} (a appoint · s substitute · x end)"),
    "members.saved": ("Personen er gemt", "The person is saved"),
    "members.appointed": ("{name} er udpeget", "{name} is appointed"),
    "members.substitute_appointed": ("{name} er udpeget som suppleant", "{name} is appointed substitute"),
    "members.no_membership": ("Personen har intet medlemskab at afslutte", "The person has no membership to end"),
    "members.ended": ("Medlemskabet slutter {date}; {subs:suppleant|suppleanter} slutter samtidig",
                      "The membership ends on {date}; {subs:substitute|substitutes} end with it"),
    "members.annulled": ("; {count:suppleantudpegning|suppleantudpegninger}, der først skulle begynde senere, er "
                         "annulleret", "; {count:substitute appointment|substitute appointments} that would only "
                         "begin later annulled"),
    "members.confirm_erase": ("{name} har timer, møder eller sager og kan ikke slettes, kun anonymiseres:\n"
                              "kontaktdata fjernes, navnet erstattes, historikken bevares. Anonymisér?",
                              "{name} has hours, meetings or tickets and cannot be deleted, only erased:\n"
                              "contact data removed, the name replaced, the history kept. Erase?"),
    "members.erase_title": ("Anonymisér {name}", "Erase {name}"),
    "members.erase_ends": ("Personens pladser og suppleantroller slutter på den sidste dag (en, der ikke er "
                           "begyndt til den tid, annulleres):\n{seats}",
                           "The person's seats and substitute roles end on the last day (one that has not begun "
                           "by then is cancelled):\n{seats}"),
    "members.erased_ended": ("Anonymiseret som {placeholder}; pladserne slutter {date}",
                             "Erased as {placeholder}; the seats end on {date}"),
    "members.substitute_for": ("suppleant for {name}", "substitute for {name}"),
    "members.cancel_future": ("{label} begynder først {date}. Annullér medlemskabet (det slettes, med dets "
                              "suppleanter)?", "{label} begins only on {date}. Cancel the membership (it is "
                              "removed, with its substitutes)?"),
    "members.cancelled": ("Medlemskabet er annulleret", "The membership is cancelled"),
    "membership.already_begun": ("medlemskabet er begyndt {date}; afslut det i stedet",
                                 "the membership began on {date}; end it instead"),
    "members.confirm_delete": ("Slet {name} og personens medlemskaber?", "Delete {name} and their memberships?"),
    "members.erased": ("Anonymiseret som {placeholder}", "Erased as {placeholder}"),
    "members.deleted": ("{name} er slettet", "{name} is deleted"),
    "person.new_title": ("Ny person", "New person"),
    "person.edit_title": ("Ret {name}", "Edit {name}"),
    "person.field.name": ("Navn", "Name"),
    "person.field.organisation": ("Organisation", "Organisation"),
    "person.field.title": ("Titel", "Title"),
    "person.field.email": ("E-mail", "E-mail"),
    "person.field.phone": ("Telefon", "Phone"),
    "person.field.notes": ("Noter", "Notes"),
    "person.hint": ("Kun de kontaktdata arbejdet kræver; aldrig CPR-numre. Ctrl+S gemmer, Esc annullerer.",
                    "Only the contact data the work needs; never CPR numbers. Ctrl+S saves, Esc cancels."),
    "person.name_required": ("navnet skal udfyldes", "the name is required"),
    "person.too_long": ("højst {max} tegn", "at most {max} characters"),
    "person.control_chars": ("indeholder styretegn (fx ESC)", "contains control characters"),
    "person.bad_email": ("ligner ikke en e-mailadresse (navn@domæne.dk)", "does not look like an e-mail address "
                         "(name@domain.dk)"),
    "person.bad_phone": ("skriv et dansk nummer (8 cifre) eller et internationalt med + foran",
                         "write a Danish number (8 digits) or an international one starting with +"),
    "person.no_cpr": ("noten ligner et CPR-nummer; CPR-numre gemmes aldrig", "the note looks like a CPR number; CPR "
                      "numbers are never stored"),
    "person.gone": ("personen findes ikke længere", "the person no longer exists"),
    "person.cannot_delete": ("personen har timer, møder eller sager og kan kun anonymiseres",
                             "the person has hours, meetings or tickets and can only be erased"),
    "person.placeholder": ("Slettet person #{id}", "Erased person #{id}"),
    "membership.appoint_title": ("Udpeg {name} til en plads", "Appoint {name} to a seat"),
    "membership.substitute_title": ("Udpeg {name} som suppleant", "Appoint {name} as substitute"),
    "membership.end_title": ("Afslut medlemskab: {label}", "End membership: {label}"),
    "membership.field.seat": ("Plads", "Seat"),
    "membership.field.member": ("Suppleant for", "Substitute for"),
    "membership.field.start": ("Fra", "From"),
    "membership.field.end": ("Til", "To"),
    "membership.field.last_day": ("Sidste dag", "Last day"),
    "membership.field.role": ("Rolle", "Role"),
    "membership.field.reference": ("Udpeget ved", "Appointed by"),
    "membership.open_ended": ("tom: indtil videre", "empty: until further notice"),
    "membership.reference_hint": ("fx styregruppemøde 12.03.2026, pkt. 4", "e.g. steering group meeting "
                                  "12.03.2026, item 4"),
    "membership.from_to": ("{start}–{end}", "{start}–{end}"),
    "membership.choose_seat": ("vælg en plads", "choose a seat"),
    "membership.choose_member": ("vælg det medlem, personen er suppleant for", "choose the member this person is "
                                 "substitute for"),
    "membership.end_before_start": ("slutdatoen ligger før startdatoen", "the end date is before the start date"),
    "membership.bad_role": ("ukendt rolle", "unknown role"),
    "membership.no_seat": ("pladsen findes ikke", "the seat does not exist"),
    "membership.no_member": ("medlemskabet findes ikke eller er selv en suppleant",
                             "the membership does not exist or is itself a substitute"),
    "membership.own_substitute": ("en person kan ikke være sin egen suppleant", "a person cannot be their own "
                                  "substitute"),
    "membership.outside_seat": ("pladsen {seat} findes kun {start}–{end}", "the seat {seat} exists only "
                                "{start}–{end}"),
    "membership.outside_member": ("{person} er kun medlem {start}–{end}", "{person} is a member only {start}–{end}"),
    "membership.overlap": ("pladsen {seat} er allerede besat af {person} {start}–{end}; afslut det medlemskab "
                           "først", "the seat {seat} is already held by {person} {start}–{end}; end that "
                           "membership first"),
    "membership.already_substitute": ("personen er allerede suppleant for {person} i perioden",
                                      "the person is already substitute for {person} in the period"),
    "membership.gone": ("medlemskabet findes ikke længere", "the membership no longer exists"),
    "composition.date": ("Dato", "Date"),
    "composition.hint": ("SG styregruppen, FG følgegruppen · Tab til datoen og Enter · [ ] dagen før/efter · Esc "
                         "lukker",
                         "SG steering group, FG follow-up group · Tab to the date and Enter · [ ] day before/after · "
                         "Esc closes"),
    "composition.previous_day": ("Dagen før", "Day before"),
    "composition.next_day": ("Dagen efter", "Day after"),
    "composition.vacant": ("LEDIG", "VACANT"),
    "composition.until": ("til {date}", "until {date}"),
    "form.hint": ("Enter i et felt eller Ctrl+S gemmer · Esc annullerer", "Enter in a field or Ctrl+S saves · "
                  "Esc cancels"),
    # warnings (the dashboard)
    "warn.vacant": ("Ledig plads: {seat} ({body})", "Vacant seat: {seat} ({body})"),
    "warn.ending": ("{person} slutter {date} ({seat})", "{person} ends on {date} ({seat})"),
    "warn.seat_appears": ("Ny plads fra {date}: {seat} ({body})", "New seat from {date}: {seat} ({body})"),
    "warn.seat_ends": ("Plads bortfalder efter {date}: {seat} ({body})", "Seat falls away after {date}: {seat} "
                       "({body})"),
    "dashboard.warnings": ("Opmærksomhed", "Attention"),
    "dashboard.no_warnings": ("Opmærksomhed: alle pladser er besat, intet udløber, intet er over frist",
                              "Attention: every seat filled, nothing ending, nothing overdue"),
    "dashboard.first_steps": ("Velkommen. Databasen har endnu ingen personer. Først:\n"
                              "1. Hvem er projektleder? Tryk 2 (Medlemmer), n (ny person), og a for at udpege "
                              "personen til pladsen Projektleder i styregruppen og følgegruppen.\n"
                              "2. Derefter medlemmerne: n og a for hver plads, s for suppleanter.\n"
                              "3. Så kan timer registreres med l, og møder planlægges under 3 (p planlægger året).",
                              "Welcome. The database has no people yet. First:\n"
                              "1. Who is the project leader? Press 2 (Members), n (new person), and a to appoint them "
                              "to the project leader seat in the steering group and the follow-up group.\n"
                              "2. Then the members: n and a for each seat, s for substitutes.\n"
                              "3. Then hours can be logged with l, and meetings planned under 3 (p plans the year)."),
    "dashboard.no_project_leader": ("Ingen er udpeget som projektleder: tryk 2, vælg personen og a (pladsen "
                                    "Projektleder). Timer registreres for projektlederen, når intet andet er valgt.",
                                    "Nobody is appointed project leader: press 2, choose the person and a (the "
                                    "project leader seat). Hours are logged for the project leader unless "
                                    "another person is chosen."),
    "dashboard.more_warnings": ("… og {count} flere (se Medlemmer, c)", "… and {count} more (see Members, c)"),
}
