-- logbog-tui: the one description of the tables.
-- The SQLModel classes in logbog_tui/storage/models.py mirror this file; tests/test_schema.py compares them.
-- Dates are ISO text (YYYY-MM-DD) checked with date(); times are ISO text in UTC.
-- Hours are stored as whole minutes so that sums are exact.

PRAGMA application_id = 1280264002;  -- 0x4C4F4742, "LOGB"
PRAGMA user_version = 9;  -- one step per version in logbog_tui/storage/migrations.py (and a test that a new
                          -- database equals a migrated one: tests/test_migrations.py)

-- Key/value settings: rotation order overrides, budget thresholds, the project leader, ...
-- The file's identity and a count of logbog's write transactions: every transaction writes this
-- row, so every -wal file logbog leaves holds its database's uid. At start, a -wal whose uid is
-- another database's, or whose count is behind the file's, is refused (db.py, wal_check).
CREATE TABLE db_mark (
    id  INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    uid TEXT NOT NULL CHECK (length(uid) BETWEEN 1 AND 64),
    seq INTEGER NOT NULL DEFAULT 0 CHECK (seq >= 0)
);
INSERT INTO db_mark (id, uid, seq) VALUES (1, lower(hex(randomblob(8))), 0);

CREATE TABLE setting (
    key   TEXT NOT NULL PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
    value TEXT NOT NULL
);

-- Political regions: data with a validity period and successor links (the 2027 merger).
CREATE TABLE region (
    code           TEXT NOT NULL PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 40),
    iso_code       TEXT UNIQUE,
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    valid_from     DATE NOT NULL CHECK (valid_from IS date(valid_from)),
    valid_to       DATE CHECK (valid_to IS NULL OR (valid_to IS date(valid_to) AND valid_from <= valid_to)),
    successor_code TEXT REFERENCES region (code),
    rotation_order INTEGER NOT NULL CHECK (rotation_order >= 0),
    CHECK (successor_code IS NULL OR successor_code <> code)
);

-- Organisations: authorities, interest organisations, the supplier, the secretariats.
CREATE TABLE organisation (
    id          INTEGER NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    short_name  TEXT CHECK (short_name IS NULL OR length(short_name) <= 40),
    kind        TEXT NOT NULL CHECK (kind IN ('authority', 'association', 'supplier', 'secretariat', 'region'))
);

-- Postgraduate education regions (Nord, Syd, Øst), each with a secretariat.
CREATE TABLE edu_region (
    code                     TEXT NOT NULL PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 40),
    name                     TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    secretariat_id           INTEGER NOT NULL REFERENCES organisation (id)
);

-- Which political regions an education region covers, and when.
CREATE TABLE edu_region_cover (
    edu_region_code TEXT NOT NULL REFERENCES edu_region (code),
    region_code     TEXT NOT NULL REFERENCES region (code),
    PRIMARY KEY (edu_region_code, region_code)
);

-- The two bodies: styregruppe and følgegruppe.
CREATE TABLE body (
    code TEXT NOT NULL PRIMARY KEY CHECK (code IN ('styregruppe', 'folgegruppe')),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200)
);

-- A seat: what one place in a body represents, and for which period it exists.
--   kind region:         a political region's representative (følgegruppe)
--   kind secretariat:    an education region's secretariat (head in styregruppe, rep. in følgegruppe)
--   kind organisation:   Sundhedsstyrelsen or Danske Regioner (styregruppe)
--   kind project_leader: the project leader (member of styregruppe; chair and secretary of følgegruppe)
CREATE TABLE seat (
    id              INTEGER NOT NULL PRIMARY KEY,
    body_code       TEXT NOT NULL REFERENCES body (code),
    kind            TEXT NOT NULL CHECK (kind IN ('region', 'secretariat', 'organisation', 'project_leader')),
    region_code     TEXT REFERENCES region (code),
    edu_region_code TEXT REFERENCES edu_region (code),
    organisation_id INTEGER REFERENCES organisation (id),
    label           TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    position        INTEGER NOT NULL DEFAULT 0,
    valid_from      DATE NOT NULL CHECK (valid_from IS date(valid_from)),
    valid_to        DATE CHECK (valid_to IS NULL OR (valid_to IS date(valid_to) AND valid_from <= valid_to)),
    CHECK ((kind = 'region') = (region_code IS NOT NULL)),
    CHECK ((kind = 'secretariat') = (edu_region_code IS NOT NULL)),
    CHECK ((kind = 'organisation') = (organisation_id IS NOT NULL))
);
CREATE INDEX seat_body ON seat (body_code, valid_from);

-- People. No CPR numbers, ever; contact data only as the work needs it.
CREATE TABLE person (
    id              INTEGER NOT NULL PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    organisation_id INTEGER REFERENCES organisation (id),
    title           TEXT CHECK (title IS NULL OR length(title) <= 200),
    email           TEXT CHECK (email IS NULL OR length(email) <= 254),
    phone           TEXT CHECK (phone IS NULL OR length(phone) <= 40),
    notes           TEXT CHECK (notes IS NULL OR length(notes) <= 10000),
    erased_at       DATETIME,
    created_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX person_name ON person (name);

-- A person holds a seat for a period, or is substitute (suppleant) for the holder of a membership.
CREATE TABLE membership (
    id                INTEGER NOT NULL PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES person (id),
    seat_id           INTEGER NOT NULL REFERENCES seat (id),
    substitute_for_id INTEGER REFERENCES membership (id),
    role              TEXT NOT NULL DEFAULT 'member'
                      CHECK (role IN ('member', 'chair', 'secretary', 'chair_secretary')),
    valid_from        DATE NOT NULL CHECK (valid_from IS date(valid_from)),
    valid_to          DATE CHECK (valid_to IS NULL OR (valid_to IS date(valid_to) AND valid_from <= valid_to)),
    appointment_ref   TEXT CHECK (appointment_ref IS NULL OR length(appointment_ref) <= 500),
    CHECK (substitute_for_id IS NULL OR substitute_for_id <> id)
);
CREATE INDEX membership_person ON membership (person_id, valid_from);
CREATE INDEX membership_seat ON membership (seat_id, valid_from);
CREATE INDEX membership_substitute ON membership (substitute_for_id);

-- Meetings of either body. Follow-up group meetings have a host region (the rotation);
-- proposed_region_code is what the rotation proposed, override_reason why another host was chosen.
CREATE TABLE meeting (
    id                   INTEGER NOT NULL PRIMARY KEY,
    body_code            TEXT NOT NULL REFERENCES body (code),
    date                 DATE NOT NULL CHECK (date IS date(date)),
    start_time           TEXT CHECK (start_time IS NULL OR start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    duration_minutes     INTEGER CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 1440),
    kind                 TEXT NOT NULL DEFAULT 'ordinary' CHECK (kind IN ('ordinary', 'extra')),
    status               TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
    host_region_code     TEXT REFERENCES region (code),
    proposed_region_code TEXT REFERENCES region (code),
    override_reason      TEXT CHECK (override_reason IS NULL OR length(override_reason) <= 1000),
    place                TEXT CHECK (place IS NULL OR length(place) <= 200),
    minutes_text         TEXT,
    created_at           DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    sequence             INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    CHECK (body_code = 'folgegruppe' OR host_region_code IS NULL)
);
CREATE INDEX meeting_body_date ON meeting (body_code, date);
-- Every change of a meeting raises its sequence: the SEQUENCE of its calendar event (RFC 5545),
-- so that a calendar takes the newer version (a cancellation, a move) of an imported event.
CREATE TRIGGER meeting_sequence AFTER UPDATE ON meeting FOR EACH ROW WHEN NEW.sequence = OLD.sequence
BEGIN
    UPDATE meeting SET sequence = OLD.sequence + 1 WHERE id = NEW.id;
END;

CREATE TABLE attendance (
    meeting_id            INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    person_id             INTEGER NOT NULL REFERENCES person (id),
    status                TEXT NOT NULL CHECK (status IN ('present', 'absent', 'substitute')),
    represented_by_id     INTEGER REFERENCES person (id),
    PRIMARY KEY (meeting_id, person_id),
    CHECK ((status = 'substitute') = (represented_by_id IS NOT NULL))
);

-- Agenda items with their decision; an item may be referred to the steering group and later
-- settled by an item (decision) of a steering group meeting.
CREATE TABLE agenda_item (
    id              INTEGER NOT NULL PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL DEFAULT 0,
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    owner_id        INTEGER REFERENCES person (id),
    notes           TEXT,
    decision        TEXT,
    referred        BOOLEAN NOT NULL DEFAULT 0 CHECK (referred IN (0, 1)),
    settled_by_id   INTEGER REFERENCES agenda_item (id)
);
CREATE INDEX agenda_item_meeting ON agenda_item (meeting_id, position);

-- Version 6 (meeting papers, issue 23): the address a host region's meetings are held at by
-- default (a meeting's own place wins); the papers (documents) an agenda item refers to, as a file
-- path or a link; and the date each paper of a meeting (invitation, agenda, minutes) was sent.
CREATE TABLE host_address (
    region_code TEXT NOT NULL PRIMARY KEY REFERENCES region (code),
    address     TEXT NOT NULL CHECK (length(address) BETWEEN 1 AND 500)
);

CREATE TABLE agenda_paper (
    id       INTEGER NOT NULL PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    title    TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    target   TEXT CHECK (target IS NULL OR length(target) <= 1000)
);
CREATE INDEX agenda_paper_item ON agenda_paper (item_id);

CREATE TABLE paper_sent (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('invitation', 'agenda', 'minutes')),
    sent_on    DATE NOT NULL CHECK (sent_on IS date(sent_on)),
    PRIMARY KEY (meeting_id, kind)
);

-- Task areas: the seed's 6 follow-up group tasks (FG1-FG6) and 9 project leadership tasks (PL1-PL9).
CREATE TABLE task_area (
    id         INTEGER NOT NULL PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 10),
    scope      TEXT NOT NULL CHECK (scope IN ('folgegruppe', 'projektledelse')),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    short_name TEXT NOT NULL CHECK (length(short_name) BETWEEN 1 AND 60)
);

CREATE TABLE task (
    id          INTEGER NOT NULL PRIMARY KEY,
    area_id     INTEGER NOT NULL REFERENCES task_area (id),
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description TEXT,
    owner_id    INTEGER REFERENCES person (id),
    due_date    DATE CHECK (due_date IS NULL OR due_date IS date(due_date)),
    status      TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'waiting', 'done')),
    meeting_id  INTEGER REFERENCES meeting (id),
    ticket_id   INTEGER REFERENCES ticket (id),
    created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX task_area_status ON task (area_id, status);
CREATE INDEX task_due ON task (due_date);

-- Time entries. area_id is always set (from the task when one is given), so that budgets
-- aggregate by area without a join through task. on_behalf_of_id (version 2): the member a
-- substitute did the work for; blank for a member's own hours. Version 4: source says where an
-- imported entry came from (timesheet:<uuid of the sheet>, csv, timewarrior:<start>,
-- watson:<id>; blank for hours typed in logbog); version 9: meeting:<id> for hours logged from a
-- meeting's record; covers = 'month' is a month's figure from a
-- member's timesheet, dated the month's last working day: up to 200 hours, outside the
-- 24-hours-per-day rule.
CREATE TABLE time_entry (
    id          INTEGER NOT NULL PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES person (id),
    date        DATE NOT NULL CHECK (date IS date(date)),
    minutes     INTEGER NOT NULL CHECK (minutes > 0),
    area_id     INTEGER NOT NULL REFERENCES task_area (id),
    task_id     INTEGER REFERENCES task (id),
    ticket_id   INTEGER REFERENCES ticket (id),
    is_support  BOOLEAN NOT NULL DEFAULT 0 CHECK (is_support IN (0, 1)),
    note        TEXT CHECK (note IS NULL OR length(note) <= 2000),
    created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    on_behalf_of_id INTEGER REFERENCES person (id) CHECK (on_behalf_of_id IS NULL OR on_behalf_of_id <> person_id),
    source      TEXT CHECK (source IS NULL OR length(source) BETWEEN 1 AND 200),
    covers      TEXT CHECK (covers IS NULL OR covers = 'month'),
    CHECK (minutes <= CASE WHEN covers = 'month' THEN 12000 ELSE 1440 END)
);
CREATE INDEX time_entry_date ON time_entry (date, area_id);
CREATE INDEX time_entry_person ON time_entry (person_id, date);
CREATE INDEX time_entry_task ON time_entry (task_id);
CREATE INDEX time_entry_area ON time_entry (area_id, date);
CREATE INDEX time_entry_ticket ON time_entry (ticket_id);
CREATE INDEX time_entry_on_behalf ON time_entry (on_behalf_of_id);

-- Hour budgets per calendar year. scope projektledelse: the yearly hours for project leadership;
-- scope folgegruppe_member: the full-year hours of one follow-up group member (pro-rated by seat days).
CREATE TABLE budget (
    year  INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    scope TEXT NOT NULL CHECK (scope IN ('projektledelse', 'folgegruppe_member')),
    hours REAL NOT NULL CHECK (hours >= 0 AND hours <= 100000),
    PRIMARY KEY (year, scope)
);

-- Support tickets; number = year-seq (e.g. 2026-0042), unique and gap-free per year.
CREATE TABLE ticket (
    id               INTEGER NOT NULL PRIMARY KEY,
    year             INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    seq              INTEGER NOT NULL CHECK (seq >= 1),
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description      TEXT,
    reporter_id      INTEGER REFERENCES person (id),
    reporter_name    TEXT CHECK (reporter_name IS NULL OR length(reporter_name) <= 200),
    reporter_org     TEXT CHECK (reporter_org IS NULL OR length(reporter_org) <= 200),
    category         TEXT NOT NULL CHECK (category IN ('fejl', 'spoergsmaal', 'oenske', 'feedback', 'dataaendring')),
    priority         TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('lav', 'normal', 'hoej', 'kritisk')),
    status           TEXT NOT NULL DEFAULT 'new'
                     CHECK (status IN ('new', 'open', 'with_supplier', 'resolved', 'closed')),
    assignee_id      INTEGER REFERENCES person (id),
    opened_on        DATE NOT NULL CHECK (opened_on IS date(opened_on)),
    closed_on        DATE CHECK (closed_on IS NULL OR closed_on IS date(closed_on)),
    supplier_ref     TEXT CHECK (supplier_ref IS NULL OR length(supplier_ref) <= 100),
    sent_to_supplier DATE CHECK (sent_to_supplier IS NULL OR sent_to_supplier IS date(sent_to_supplier)),
    promised_on      DATE CHECK (promised_on IS NULL OR promised_on IS date(promised_on)),
    UNIQUE (year, seq)
);
CREATE INDEX ticket_status ON ticket (status, opened_on);

CREATE TABLE ticket_event (
    id         INTEGER NOT NULL PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
    at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    author_id  INTEGER REFERENCES person (id),
    kind       TEXT NOT NULL CHECK (kind IN ('created', 'status', 'comment', 'forwarded')),
    old_status TEXT,
    new_status TEXT,
    text       TEXT
);
CREATE INDEX ticket_event_ticket ON ticket_event (ticket_id, at);

-- The project leader's registers (version 4; logbog_tui/storage/specialties.py, course_leaders.py, documents.py,
-- contracts.py). Their dates may lie before the organisation's start (an old målbeskrivelse, a contract).
-- PL1: the recognised medical specialties (39 seeded; data like the regions: one can be added, one can end)
-- and their målbeskrivelser (curriculum), each version with its appendices (bilag).
CREATE TABLE specialty (
    id         INTEGER NOT NULL PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    valid_from DATE CHECK (valid_from IS NULL OR valid_from IS date(valid_from)),
    valid_to   DATE CHECK (valid_to IS NULL OR (valid_to IS date(valid_to)
                                               AND (valid_from IS NULL OR valid_from <= valid_to)))
);

CREATE TABLE curriculum (
    id           INTEGER NOT NULL PRIMARY KEY,
    specialty_id INTEGER NOT NULL REFERENCES specialty (id),
    edition      TEXT NOT NULL CHECK (length(edition) BETWEEN 1 AND 100),
    approved     DATE NOT NULL CHECK (approved IS date(approved)),
    effective    DATE CHECK (effective IS NULL OR effective IS date(effective)),
    loaded       DATE CHECK (loaded IS NULL OR loaded IS date(loaded)),
    link         TEXT CHECK (link IS NULL OR length(link) <= 1000),
    note         TEXT CHECK (note IS NULL OR length(note) <= 2000)
);
CREATE INDEX curriculum_specialty ON curriculum (specialty_id, approved);

CREATE TABLE curriculum_appendix (
    id            INTEGER NOT NULL PRIMARY KEY,
    curriculum_id INTEGER NOT NULL REFERENCES curriculum (id) ON DELETE CASCADE,
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    version       TEXT CHECK (version IS NULL OR length(version) <= 100),
    loaded        DATE CHECK (loaded IS NULL OR loaded IS date(loaded))
);
CREATE INDEX curriculum_appendix_curriculum ON curriculum_appendix (curriculum_id);

-- PL2: the hovedkursusleder (role main) and the delkursusledere (role sub) per specialty and education
-- region: a person in the register, or an outside name (and e-mail); entered: the day the change was
-- entered in logbog.net.
CREATE TABLE course_leader (
    id              INTEGER NOT NULL PRIMARY KEY,
    specialty_id    INTEGER NOT NULL REFERENCES specialty (id),
    edu_region_code TEXT NOT NULL REFERENCES edu_region (code),
    role            TEXT NOT NULL CHECK (role IN ('main', 'sub')),
    person_id       INTEGER REFERENCES person (id),
    name            TEXT CHECK (name IS NULL OR length(name) BETWEEN 1 AND 200),
    email           TEXT CHECK (email IS NULL OR length(email) <= 254),
    valid_from      DATE NOT NULL CHECK (valid_from IS date(valid_from)),
    valid_to        DATE CHECK (valid_to IS NULL OR (valid_to IS date(valid_to) AND valid_from <= valid_to)),
    entered         DATE CHECK (entered IS NULL OR entered IS date(entered)),
    CHECK ((person_id IS NULL) <> (name IS NULL))
);
CREATE INDEX course_leader_specialty ON course_leader (specialty_id, edu_region_code, valid_from);
CREATE INDEX course_leader_person ON course_leader (person_id);

-- PL3: guides and information material for the users, and their reviews.
CREATE TABLE document (
    id        INTEGER NOT NULL PRIMARY KEY,
    title     TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    audience  TEXT NOT NULL CHECK (audience IN ('trainees', 'supervisors', 'administrators', 'all')),
    version   TEXT CHECK (version IS NULL OR length(version) <= 100),
    published DATE CHECK (published IS NULL OR published IS date(published)),
    owner     TEXT CHECK (owner IS NULL OR length(owner) <= 200),
    review_on DATE CHECK (review_on IS NULL OR review_on IS date(review_on)),
    link      TEXT CHECK (link IS NULL OR length(link) <= 1000),
    note      TEXT CHECK (note IS NULL OR length(note) <= 2000)
);

CREATE TABLE document_review (
    id          INTEGER NOT NULL PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    reviewed_on DATE NOT NULL CHECK (reviewed_on IS date(reviewed_on)),
    note        TEXT CHECK (note IS NULL OR length(note) <= 2000)
);
CREATE INDEX document_review_document ON document_review (document_id, reviewed_on);

-- PL7: contracts and agreements. A contract runs from valid_from to valid_to (blank: until terminated);
-- renewal_months: it renews itself by that many months at a time unless terminated; notice_months: the
-- notice before the end of a term; successor_id: the contract that replaces it.
CREATE TABLE contract (
    id              INTEGER NOT NULL PRIMARY KEY,
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    party           TEXT NOT NULL CHECK (length(party) BETWEEN 1 AND 200),
    signed          DATE CHECK (signed IS NULL OR signed IS date(signed)),
    valid_from      DATE CHECK (valid_from IS NULL OR valid_from IS date(valid_from)),
    valid_to        DATE CHECK (valid_to IS NULL OR (valid_to IS date(valid_to)
                                                    AND (valid_from IS NULL OR valid_from <= valid_to))),
    notice_months   INTEGER CHECK (notice_months IS NULL OR notice_months BETWEEN 0 AND 120),
    renewal_months  INTEGER CHECK (renewal_months IS NULL OR renewal_months BETWEEN 1 AND 120),
    owner           TEXT CHECK (owner IS NULL OR length(owner) <= 200),
    reference       TEXT CHECK (reference IS NULL OR length(reference) <= 200),
    successor_id    INTEGER REFERENCES contract (id) CHECK (successor_id IS NULL OR successor_id <> id),
    needs_successor BOOLEAN NOT NULL DEFAULT 1 CHECK (needs_successor IN (0, 1)),
    note            TEXT CHECK (note IS NULL OR length(note) <= 2000)
);

-- Issue 20: the economy in whole kroner (INTEGER, never REAL). A budget line per year and kind;
-- profile: blank = even over the year, or 12 whole month weights separated by spaces.
CREATE TABLE econ_line (
    id      INTEGER NOT NULL PRIMARY KEY,
    year    INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    kind    TEXT NOT NULL CHECK (kind IN ('supplier', 'development', 'hosting', 'project_leadership',
                                          'follow_up_group', 'other')),
    name    TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    budget  INTEGER NOT NULL CHECK (typeof(budget) = 'integer' AND budget BETWEEN 0 AND 1000000000000),
    profile TEXT CHECK (profile IS NULL OR length(profile) <= 200),
    note    TEXT CHECK (note IS NULL OR length(note) <= 2000),
    UNIQUE (year, name)
);
-- Postings on a line: invoices (a credit note is negative) and commitments (is_commitment = 1:
-- an order or agreed payment not yet invoiced; it counts as committed, not spent).
CREATE TABLE posting (
    id            INTEGER NOT NULL PRIMARY KEY,
    line_id       INTEGER NOT NULL REFERENCES econ_line (id),
    date          DATE NOT NULL CHECK (date IS date(date)),
    amount        INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND abs(amount) <= 1000000000000),
    supplier      TEXT CHECK (supplier IS NULL OR length(supplier) <= 200),
    reference     TEXT CHECK (reference IS NULL OR length(reference) <= 200),
    note          TEXT CHECK (note IS NULL OR length(note) <= 2000),
    is_commitment BOOLEAN NOT NULL DEFAULT 0 CHECK (is_commitment IN (0, 1))
);
CREATE INDEX posting_line ON posting (line_id, date);
-- The distribution key per year: each political region's share as an exact decimal ('0.31') or
-- fraction ('1/3'); the shares of a year add up to exactly 1 (checked by storage/economy.py).
CREATE TABLE cost_key (
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    region_code TEXT NOT NULL REFERENCES region (code),
    share       TEXT NOT NULL CHECK (length(share) BETWEEN 1 AND 60),
    PRIMARY KEY (year, region_code)
);
-- The value of an hour per year (kr.); a year without a row uses 670 kr. (RSI's rate, 2023).
CREATE TABLE hour_rate (
    year INTEGER NOT NULL PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
    rate INTEGER NOT NULL CHECK (typeof(rate) = 'integer' AND rate BETWEEN 0 AND 100000)
);


-- The development backlog with the supplier (version 8; logbog_tui/storage/development.py): items from an
-- idea to a release of logbog.net, their tickets, the regions/secretariats that asked, and their timeline.
-- priority: a rank ('1', '2', ...) or hoej/mellem/lav set at a follow-up group meeting (decision_item_id).
CREATE TABLE dev_release (
    id          INTEGER NOT NULL PRIMARY KEY,
    version     TEXT NOT NULL UNIQUE CHECK (length(version) BETWEEN 1 AND 50),
    released_on DATE NOT NULL CHECK (released_on IS date(released_on)),
    notes       TEXT CHECK (notes IS NULL OR length(notes) <= 20000)
);

CREATE TABLE dev_item (
    id               INTEGER NOT NULL PRIMARY KEY,
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description      TEXT CHECK (description IS NULL OR length(description) <= 10000),
    kind             TEXT NOT NULL DEFAULT 'improvement'
                     CHECK (kind IN ('bugfix', 'improvement', 'feature', 'workflow', 'integration')),
    area_id          INTEGER REFERENCES task_area (id),
    status           TEXT NOT NULL DEFAULT 'idea' CHECK (status IN ('idea', 'prioritised', 'ordered',
                     'in_development', 'delivered', 'verified', 'rejected')),
    created_on       DATE NOT NULL CHECK (created_on IS date(created_on)),
    origin_item_id   INTEGER REFERENCES agenda_item (id) ON DELETE SET NULL,
    origin_person_id INTEGER REFERENCES person (id),
    priority         TEXT CHECK (priority IS NULL OR priority IN ('hoej', 'mellem', 'lav')
                                 OR (priority GLOB '[1-9]*' AND priority NOT GLOB '*[^0-9]*')),
    decision_item_id INTEGER REFERENCES agenda_item (id) ON DELETE SET NULL,
    supplier_ref     TEXT CHECK (supplier_ref IS NULL OR length(supplier_ref) <= 100),
    estimate_hours   REAL CHECK (estimate_hours IS NULL OR estimate_hours >= 0),
    estimate_kr      INTEGER CHECK (estimate_kr IS NULL OR estimate_kr >= 0),
    ordered_on       DATE CHECK (ordered_on IS NULL OR ordered_on IS date(ordered_on)),
    promised_on      DATE CHECK (promised_on IS NULL OR promised_on IS date(promised_on)),
    release_id       INTEGER REFERENCES dev_release (id),
    reason           TEXT CHECK (reason IS NULL OR length(reason) <= 2000),
    CHECK (status <> 'rejected' OR reason IS NOT NULL),
    CHECK (status NOT IN ('delivered', 'verified') OR release_id IS NOT NULL)
);
CREATE INDEX dev_item_status ON dev_item (status, promised_on);
CREATE INDEX dev_item_release ON dev_item (release_id);

CREATE TABLE dev_item_ticket (
    item_id   INTEGER NOT NULL REFERENCES dev_item (id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL REFERENCES ticket (id),
    PRIMARY KEY (item_id, ticket_id)
);
CREATE INDEX dev_item_ticket_ticket ON dev_item_ticket (ticket_id);

CREATE TABLE dev_item_asker (
    id              INTEGER NOT NULL PRIMARY KEY,
    item_id         INTEGER NOT NULL REFERENCES dev_item (id) ON DELETE CASCADE,
    region_code     TEXT REFERENCES region (code),
    edu_region_code TEXT REFERENCES edu_region (code),
    CHECK ((region_code IS NULL) <> (edu_region_code IS NULL)),
    UNIQUE (item_id, region_code, edu_region_code)
);

CREATE TABLE dev_item_event (
    id         INTEGER NOT NULL PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES dev_item (id) ON DELETE CASCADE,
    at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    author_id  INTEGER REFERENCES person (id),
    kind       TEXT NOT NULL CHECK (kind IN ('created', 'status', 'comment', 'priority')),
    old_status TEXT,
    new_status TEXT,
    text       TEXT
);
CREATE INDEX dev_item_event_item ON dev_item_event (item_id, at);

-- The journal (logbog_tui/storage/journal.py): one entry per transaction that changed the organisation's
-- data; per row its values before and after (JSON), written by triggers that journal_triggers.py makes
-- from the tables above (journal_<table>_<insert|update|delete>). rows = 0: an entry without row
-- values (load, demo; an erased person's), which cannot be undone.
CREATE TABLE journal (
    id        INTEGER NOT NULL PRIMARY KEY,
    at        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    who       TEXT,
    origin    TEXT,
    what      TEXT CHECK (what IS NULL OR what IN ('load', 'demo', 'undo')),
    open      INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1)),
    rows      INTEGER NOT NULL DEFAULT 1 CHECK (rows IN (0, 1)),
    undoes    INTEGER REFERENCES journal (id),
    undone_by INTEGER REFERENCES journal (id)
);
CREATE TABLE journal_row (
    id         INTEGER NOT NULL PRIMARY KEY,
    journal_id INTEGER NOT NULL REFERENCES journal (id) ON DELETE CASCADE,
    tbl        TEXT NOT NULL,
    row_id     INTEGER NOT NULL,
    before     TEXT,
    after      TEXT
);
CREATE INDEX journal_row_entry ON journal_row (journal_id);
CREATE INDEX journal_row_row ON journal_row (tbl, row_id);

-- Views for outside tools (the sqlite3 shell, datasette, a spreadsheet's database connection):
-- plain SQL (no custom functions or collations), plain names, hours rather than minutes, names
-- rather than ids. Described in docs/data-format.md.
CREATE VIEW time_entries AS
SELECT te.id AS id, te.date AS date, round(te.minutes / 60.0, 2) AS hours, p.name AS person,
       a.code AS area_code, a.name AS area_name, tk.title AS task, te.is_support AS support,
       ob.name AS on_behalf_of, te.note AS note
  FROM time_entry te
  JOIN person p ON p.id = te.person_id
  JOIN task_area a ON a.id = te.area_id
  LEFT JOIN task tk ON tk.id = te.task_id
  LEFT JOIN person ob ON ob.id = te.on_behalf_of_id;

CREATE VIEW tickets AS
SELECT t.id AS id, printf('%d-%04d', t.year, t.seq) AS number, t.title AS title, t.category AS category,
       t.priority AS priority, t.status AS status, t.opened_on AS opened_on, t.closed_on AS closed_on,
       coalesce(p.name, t.reporter_name) AS reporter, t.reporter_org AS reporter_org,
       t.supplier_ref AS supplier_ref, t.sent_to_supplier AS sent_to_supplier, t.promised_on AS promised_on
  FROM ticket t
  LEFT JOIN person p ON p.id = t.reporter_id;

CREATE VIEW memberships AS
SELECT m.id AS id, b.name AS body, s.label AS seat, p.name AS person, m.role AS role,
       sp.name AS substitute_for, m.valid_from AS valid_from, m.valid_to AS valid_to
  FROM membership m
  JOIN seat s ON s.id = m.seat_id
  JOIN body b ON b.code = s.body_code
  JOIN person p ON p.id = m.person_id
  LEFT JOIN membership sm ON sm.id = m.substitute_for_id
  LEFT JOIN person sp ON sp.id = sm.person_id;
