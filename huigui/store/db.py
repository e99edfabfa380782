"""Database engine: URL resolution, SQLite tuning, migrations to the latest schema."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from huigui.settings import load_settings
from scoring.errors import StoreError

__all__ = ["WRITE_OPTION", "connect", "database_url", "migrate"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: Execution option a write transaction sets (SQLite then begins it IMMEDIATE).
WRITE_OPTION = "huigui_write"


def database_url() -> str:
    """``HUIGUI_DATABASE_URL``, or the default SQLite file (see :mod:`huigui.settings`)."""
    return load_settings().database_url


def connect(url: str | None = None, *, upgrade: bool = True) -> Engine:
    """An engine for ``url`` (default: :func:`database_url`), migrated to the latest schema.

    Raises:
        StoreError: the URL is malformed or the database cannot be reached.
    """
    url = url or database_url()
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"HUIGUI_DATABASE_URL is not a database URL: {url!r}") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(url, parsed.database)
        else:
            engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
        if upgrade:
            migrate(engine)
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot open the database {parsed.render_as_string()}: "
            f"{exc.__class__.__name__}: {getattr(exc, 'orig', None) or exc}"
        ) from None
    except ImportError as exc:  # a dialect whose driver is not installed
        if not _is_driver(exc, parsed.get_driver_name()):
            raise  # a bug of ours (a module missing from the package), not the user's setup
        raise StoreError(
            f"cannot open the database {parsed.render_as_string()}: its driver "
            f"({exc.name or exc}) is not installed; for PostgreSQL: "
            "pip install 'huigui[postgres]'"
        ) from None
    return engine


def _is_driver(exc: ImportError, driver: str) -> bool:
    """Whether the failed import is the database driver's (psycopg, pg8000, …)."""
    missing = (exc.name or "").split(".")[0]
    return bool(missing) and (missing == driver or missing in DRIVER_MODULES)


#: Modules SQLAlchemy imports for the database drivers Huigui documents or might meet.
DRIVER_MODULES = frozenset(
    {"psycopg", "psycopg2", "pg8000", "asyncpg", "pymysql", "MySQLdb", "mysqldb", "oracledb"}
)


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _tune(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        # WAL lets readers go on while one writer commits; busy_timeout queues writers.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Deleted rows are overwritten, so deleting really removes the answers from the file.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()
        # SQLAlchemy, not the driver, starts transactions (see _begin).
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):  # type: ignore[no-untyped-def]
        # A write takes SQLite's write lock when it starts, not at its first write: what it
        # reads (is the workshop still open?) cannot change before it commits.
        write = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def migrate(engine: Engine) -> None:
    """Upgrade the database behind ``engine`` to the newest schema (idempotent).

    On SQLite, changing a column rebuilds the table (copy, drop, rename). With foreign keys
    enforced, dropping the old ``assessments`` table would cascade and delete every answer,
    so they are off while migrating (SQLite ignores that pragma inside a transaction, hence
    before it) and the keys are checked before the upgrade commits.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        _foreign_keys(connection, sqlite, on=False)
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StoreError("the upgrade would leave answers without their assessment")
        finally:
            _foreign_keys(connection, sqlite, on=True)


def _foreign_keys(connection: Connection, sqlite: bool, *, on: bool) -> None:
    """Switch SQLite's foreign keys on the driver's connection, which is in autocommit:
    outside any transaction, where SQLite honours the pragma."""
    raw = connection.connection.driver_connection
    if sqlite and raw is not None:
        raw.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
