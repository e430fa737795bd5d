"""Database engine and sessions: SQLite (WAL) by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

# Deterministic constraint names, so migrations (Alembic) can address every constraint later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base for every table of the shop."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC, hands back aware UTC datetimes on every backend."""

    impl = DateTime
    cache_ok = True

    @property
    def python_type(self) -> type[datetime]:
        return datetime

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def sqlite_url(path: str) -> str:
    return f"sqlite:///{path}"


# Pool and thread limits, sized from each other (README, "Concurrency"):
# - at most REQUEST_SLOTS requests hold a database session at once (`server.deps` admits the
#   rest only as slots free up, waiting in the event loop, holding neither a thread nor a
#   connection), and each holds exactly one connection for its whole life;
# - the pool keeps REQUEST_SLOTS connections and may open POOL_RESERVE more for work outside a
#   request's session (the request processor, an idempotency claim's short transaction, the
#   fast reads' batch threads and slow lanes of `server.read_batches`: at most 4 + 4), so a
#   request's checkout never waits: nothing can wait for a connection while holding one;
# - the worker-thread limit is REQUEST_SLOTS + THREAD_RESERVE: every admitted request can run
#   its database work at once, and sync work that holds no connection still finds a thread.
REQUEST_SLOTS = max(1, int(os.environ.get("SHOP_REQUEST_SLOTS", "16")))
POOL_RESERVE = REQUEST_SLOTS + 4
THREAD_RESERVE = 8
WORKER_THREADS = REQUEST_SLOTS + THREAD_RESERVE


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout and foreign keys."""
    pool = {"pool_size": REQUEST_SLOTS, "max_overflow": POOL_RESERVE}
    # A database error's message would otherwise carry the statement's values (profile fields,
    # request details, agents' reasons) into the server log.
    hidden = {"hide_parameters": True}
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            **hidden,
            **({} if ":memory:" in url else pool),
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, **hidden, **pool)


Database = Session | Connection  # what the request path's helpers run on


def connection_of(db: Database) -> Connection:
    """The connection under `db`, in a transaction that `db.commit()` will commit.

    Statements run through `DriverStatement` bypass SQLAlchemy's autobegin, so begin here:
    otherwise `commit()` would be a no-op and the pool's reset would roll the work back.
    """
    if isinstance(db, Session):
        return db.connection()
    if not db.in_transaction():
        db.begin()
    return db


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


_Prepared = tuple[str, tuple[str, ...] | None, dict[str, Any], list[Any], dict[str, Any]]


class DriverStatement:
    """A Core statement compiled once per dialect and run on the connection's DBAPI cursor.

    For the few fixed statements every signed-in request runs (token lookup, access-log tip
    and insert): SQLAlchemy's per-execution work (cache key, execution context, result
    metadata) costs more than the database does for them. The SQL still comes from the Core
    statement, and binds and results go through the columns' own type processors, so values
    are the ones `Connection.execute` would give, on every backend.
    """

    def __init__(self, statement: Any, column_keys: list[str] | None = None) -> None:
        self.statement = statement
        self.column_keys = column_keys  # an INSERT's columns, as `execute` would bind them
        self._prepared: dict[str, _Prepared] = {}

    def _prepare(self, dialect: Any) -> _Prepared:
        found = self._prepared.get(dialect.name)
        if found is None:
            compiled = self.statement.compile(dialect=dialect, column_keys=self.column_keys)
            order = tuple(compiled.positiontup) if compiled.positional else None
            binds = {}
            defaults = {}  # literal values the statement carries, such as a LIMIT
            for name, bind in compiled.binds.items():
                if not bind.required:
                    defaults[name] = bind.value
                processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
                if processor is not None:
                    binds[name] = processor
            results = []
            if hasattr(self.statement, "selected_columns"):
                results = [
                    column.type.dialect_impl(dialect).result_processor(dialect, None)
                    for column in self.statement.selected_columns
                ]
            found = (compiled.string, order, binds, results, defaults)
            self._prepared[dialect.name] = found
        return found

    def execute(self, connection: Any, params: dict[str, Any]) -> Any:
        """Run on `connection` (a SQLAlchemy Connection); returns the DBAPI cursor."""
        sql, order, binds, _results, defaults = self._prepare(connection.dialect)
        values = {
            name: (binds[name](value) if name in binds else value)
            for name, value in (defaults | params).items()
        }
        cursor = connection.connection.dbapi_connection.cursor()
        cursor.execute(sql, tuple(values[name] for name in order) if order is not None else values)
        return cursor

    def all(self, connection: Any, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """Every row, its values processed as `Connection.execute` would."""
        cursor = self.execute(connection, params)
        try:
            rows = cursor.fetchall()
        finally:
            cursor.close()
        processors = self._prepare(connection.dialect)[3]
        active = [(i, p) for i, p in enumerate(processors) if p is not None]
        if not active:
            return [tuple(row) for row in rows]
        out = []
        for row in rows:
            values = list(row)
            for index, processor in active:
                values[index] = processor(values[index])
            out.append(tuple(values))
        return out

    def first(self, connection: Any, params: dict[str, Any]) -> tuple[Any, ...] | None:
        """The first row, its values processed as `Connection.execute` would."""
        cursor = self.execute(connection, params)
        try:
            row = cursor.fetchone()
        finally:
            cursor.close()
        if row is None:
            return None
        processors = self._prepare(connection.dialect)[3]
        return tuple(
            processor(value) if processor is not None else value
            for processor, value in zip(processors, row, strict=True)
        )
