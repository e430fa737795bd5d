"""Alembic's environment: the models' metadata, and a connection given by the server or a URL."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import create_engine

import server.models  # noqa: F401  (registers every table)
from server.db import Base
from server.migrations import include_name, render_item

config = context.config
target_metadata = Base.metadata


def _run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


given = config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("give a database URL (python -m server migrate --db-url …)")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()
