"""The ORM engine for a database file, configured like every other connection (see :mod:`db`).

SQLAlchemy's pysqlite dialect lets Python's sqlite3 module start transactions lazily, which
loses updates when processes do read-modify-write concurrently. The documented fix: turn the
driver's transaction handling off in a "connect" event and emit ``BEGIN IMMEDIATE`` from a
"begin" event, so each session transaction takes the write lock before it reads.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import create_engine

from logbog_tui.storage.db import configure


def make_engine(path: Path | str) -> Engine:
    engine = create_engine(f"sqlite:///{Path(path)}", connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        configure(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
