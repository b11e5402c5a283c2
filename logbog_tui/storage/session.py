"""Sessions: how the storage modules read and write, through SQLModel.

Every storage function takes the program's connection (:func:`~logbog_tui.storage.db.open_db`:
the file's checks, its lock and its journal stay with it) and works through a SQLModel
:class:`~sqlmodel.Session` on that connection:

- :func:`reading` for reads: no transaction is begun (each statement sees the newest commit);
- :func:`transaction` for writes: ``BEGIN IMMEDIATE`` (the write lock is taken before anything is
  read, so read-modify-write in two processes cannot lose an update), the file's mark, one journal
  entry, ``COMMIT``; nothing is half written. A transaction inside a transaction joins it (a batch
  of meeting hours, an import: one change, one undo).

The engine is SQLAlchemy's over the one connection (``StaticPool``): the pragmas, ``fold()`` and the
collation ``da`` are the connection's (:func:`~logbog_tui.storage.db.configure`, the one place for
SQLite's specifics). A server database would take a pool of its own connections here and
``SERIALIZABLE`` transactions (or ``SELECT ... FOR UPDATE``) instead of ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, exc, update
from sqlalchemy.engine import Connection as SAConnection
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, col, create_engine

from logbog_tui.storage.db import Connection, marked
from logbog_tui.storage.models import DbMark

WRITE = "logbog_write"


def _begin(connection: SAConnection) -> None:
    """The engine's "begin": writes take the lock first; reads begin nothing (autocommit)."""
    if connection.get_execution_options().get(WRITE):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def engine_for(conn: Connection) -> Engine:
    """The SQLAlchemy engine over ``conn`` (made once per connection)."""
    engine: Engine | None = conn.engine
    if engine is None:
        engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool,
                               pool_reset_on_return=None)
        event.listen(engine, "begin", _begin)
        conn.engine = engine
    return engine


def _current(conn: Connection) -> Session | None:
    current: Session | None = conn.session
    return current


@contextmanager
def reading(conn: Connection) -> Iterator[Session]:
    """A session for reading (the open transaction's, when there is one)."""
    current = _current(conn)
    if current is not None:
        yield current
        return
    session = Session(engine_for(conn), expire_on_commit=False, autoflush=False)
    conn.session = session
    try:
        yield session
    finally:
        conn.session = None
        session.close()


def _storage_error(error: Exception) -> Exception:
    from logbog_tui.failures import as_user_error

    return as_user_error(error) or error


@contextmanager
def transaction(conn: Connection, *, what: str | None = None,
                rows: bool = True) -> Iterator[Session]:
    """A short write transaction on a session: ``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on
    any error).

    It writes the file's mark and opens one journal entry (:mod:`logbog_tui.storage.journal`): every
    row the transaction changes is recorded under it by the journal's triggers (``rows=False``:
    the entry says ``what`` happened, without row values: ``load``, ``demo``).

    A held lock (after the busy timeout), a full disk or a read-only file raises a
    :class:`~logbog_tui.failures.StorageError` with one plain line."""
    from logbog_tui.storage import journal

    current = _current(conn)
    if current is not None and current.info.get(WRITE):
        yield current  # joins the open transaction: one change
        return
    engine = engine_for(conn).execution_options(**{WRITE: True})
    session = Session(engine, expire_on_commit=False, autoflush=True, info={WRITE: True})
    outer, conn.session = current, session
    entry, kept = None, False
    try:
        with session.begin():
            session.connection()  # BEGIN IMMEDIATE now, before anything is read
            if marked(conn):  # every -wal this transaction leaves holds the file's uid
                session.execute(update(DbMark).where(col(DbMark.id) == 1).values(seq=col(DbMark.seq) + 1))
                entry = journal.begin(conn, what, rows)
            yield session
            session.flush()
            if entry is not None:
                kept = journal.end(conn, entry, rows)
    except (exc.DBAPIError, sqlite3.Error) as error:
        raise _storage_error(error) from error
    finally:
        conn.session = outer
        session.close()
    if kept and entry is not None:
        conn.entries.append(entry)  # this connection's own changes: the TUI's u undoes the newest
