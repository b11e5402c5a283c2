"""The 39 medical specialties recognised in Denmark (Sundhedsstyrelsen; akutmedicin, created in
2018, is the 39th), with their Danish names, in the order of issue 19: what a new database and
the migration to version 4 put into the table ``specialty``. Data like the regions: a specialty
can be added later, and one can end (``valid_to``).

Standard library only, like :mod:`logbog_tui.storage.seed` and the migrations that use it.
"""

from __future__ import annotations

import sqlite3

SPECIALTIES = (
    "Akutmedicin", "Almen medicin", "Anæstesiologi", "Arbejdsmedicin", "Børne- og ungdomspsykiatri",
    "Dermato-venerologi", "Gynækologi og obstetrik", "Intern medicin: endokrinologi",
    "Intern medicin: gastroenterologi og hepatologi", "Intern medicin: geriatri", "Intern medicin: hæmatologi",
    "Intern medicin: infektionsmedicin", "Intern medicin: kardiologi", "Intern medicin: lungesygdomme",
    "Intern medicin: nefrologi", "Intern medicin: reumatologi", "Karkirurgi", "Kirurgi", "Klinisk biokemi",
    "Klinisk farmakologi", "Klinisk fysiologi og nuklearmedicin", "Klinisk genetik", "Klinisk immunologi",
    "Klinisk mikrobiologi", "Klinisk onkologi", "Neurokirurgi", "Neurologi", "Oftalmologi", "Ortopædisk kirurgi",
    "Oto-rhino-laryngologi", "Patologisk anatomi og cytologi", "Plastikkirurgi", "Psykiatri", "Pædiatri",
    "Radiologi", "Retsmedicin", "Samfundsmedicin", "Thoraxkirurgi", "Urologi",
)
assert len(SPECIALTIES) == 39


def seed_specialties(conn: sqlite3.Connection) -> None:
    """Insert the 39 specialties (ids 1-39 in a new table), inside the caller's transaction."""
    conn.executemany("INSERT INTO specialty (name) VALUES (?)", [(name,) for name in SPECIALTIES])
