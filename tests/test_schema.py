"""schema.sql is the one description of the tables; the SQLModel classes must mirror it."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import logbog_tui.storage.models  # noqa: F401 - registers the tables
from logbog_tui.storage.db import schema_sql, split_sql

TYPE_NAMES = {"VARCHAR": "TEXT", "TEXT": "TEXT", "INTEGER": "INTEGER", "FLOAT": "REAL", "REAL": "REAL",
              "DATE": "DATE", "DATETIME": "DATETIME", "BOOLEAN": "BOOLEAN"}


def describe(path) -> dict:
    conn = sqlite3.connect(path)
    out = {}
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table' ORDER BY name")]
    for table in tables:
        cols = {}
        for _cid, name, ctype, notnull, _default, pk in conn.execute(f"PRAGMA table_info({table})"):
            cols[name] = (TYPE_NAMES.get(ctype.upper().split("(")[0], ctype.upper()), bool(notnull or pk), bool(pk))
        fks = sorted((r[3], r[2], r[4]) for r in conn.execute(f"PRAGMA foreign_key_list({table})"))
        out[table] = {"columns": cols, "foreign_keys": fks}
    conn.close()
    return out


@pytest.fixture
def from_schema(tmp_path):
    path = tmp_path / "schema.db"
    conn = sqlite3.connect(path)
    for statement in split_sql(schema_sql()):
        conn.execute(statement)
    conn.commit()
    conn.close()
    return describe(path)


@pytest.fixture
def from_models(tmp_path):
    path = tmp_path / "models.db"
    engine = create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    return describe(path)


def test_models_have_exactly_the_tables_of_schema_sql(from_schema, from_models):
    assert sorted(from_models) == sorted(from_schema)


def test_columns_types_nullability_and_foreign_keys_match(from_schema, from_models):
    for table, spec in from_schema.items():
        assert from_models[table]["columns"] == spec["columns"], table
        assert from_models[table]["foreign_keys"] == spec["foreign_keys"], table


def test_the_comparison_notices_a_difference(from_schema):
    """The check itself can fail: a column dropped from one side is seen."""
    changed = {t: {"columns": dict(s["columns"]), "foreign_keys": s["foreign_keys"]} for t, s in from_schema.items()}
    changed["time_entry"]["columns"].pop("note")
    assert changed != from_schema


def test_schema_checks_reject_bad_rows(conn):
    conn.execute("INSERT INTO person (name) VALUES ('Test Person')")
    pid = conn.execute("SELECT id FROM person").fetchone()[0]
    area = conn.execute("SELECT id FROM task_area WHERE code = 'PL1'").fetchone()[0]
    bad = [
        ("INSERT INTO time_entry (person_id, date, minutes, area_id) VALUES (?, '2026-11-25', 0, ?)", (pid, area)),
        ("INSERT INTO time_entry (person_id, date, minutes, area_id) VALUES (?, '2026-11-25', 1441, ?)", (pid, area)),
        ("INSERT INTO time_entry (person_id, date, minutes, area_id) VALUES (?, '25.11.2026', 60, ?)", (pid, area)),
        ("INSERT INTO time_entry (person_id, date, minutes, area_id) VALUES (9999, '2026-11-25', 60, ?)", (area,)),
        ("INSERT INTO meeting (body_code, date, status) VALUES ('folgegruppe', '2026-11-25', 'maybe')", ()),
        ("INSERT INTO membership (person_id, seat_id, valid_from, valid_to) VALUES (?, 1, '2026-02-01', '2026-01-01')",
         (pid,)),
    ]
    for sql, params in bad:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql, params)
