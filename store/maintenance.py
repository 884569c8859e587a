"""The operator's maintenance: backup and restore of a SQLite database, forgetting a person.

Backups use SQLite's online backup API, so they are consistent while the bot runs
(WAL mode: readers never block the bot's writes). A backup is one self-contained
file (rollback journal, not WAL) that still carries its ``alembic_version``:
restoring it runs the migrations, so an older backup comes back upgraded.
PostgreSQL is backed up with pg_dump and restored with pg_restore: the commands
below only say how, they never connect.

Forgetting a person (RGPD) pseudonymises them and erases what they wrote, but keeps
every accounting record (entries, adhesions, roles as history) with its person ids.
"""

from __future__ import annotations

import os
import re
import shlex
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import func
from sqlalchemy.engine import URL
from sqlmodel import Session, select

from store import migrate
from store.errors import StoreError
from store.db import SQLITE_BUSY_TIMEOUT_MS, Database, make_engine, normalise_url
from store.chatstate import accounts_in
from store.leadership import instance_running
from store.models import (
    Adhesion, AdhesionRow, AdhesionTeacher, ChatState, ContactCopy, Coop, ContactMessage, ForgottenAccount,
    Invitation, Person, Role, utcnow,
)  # fmt: skip

SQLITE_HEADER = b"SQLite format 3\x00"
# What a forgotten person's records say instead (stored data, shown as is).
FORGOTTEN_NAME = "Personne supprimée n°{id}"
ERASED_MESSAGE = "(message supprimé)"
FORGOTTEN_TEACHER_NAME = "Enseignant·e"
FORGOTTEN_TEACHER_EMAIL = "supprime@invalid"


class MaintenanceError(StoreError):
    """Why a maintenance operation is refused; ``detail`` names the thing (a path, an id…).

    postgresql, memory, no_database, unreadable_database, exists, is_directory, no_directory,
    same_file, no_backup, not_sqlite, not_a_backup, unknown_revision, not_empty, unknown_person,
    running.
    """

    def __init__(self, reason: str, detail: object = None):
        super().__init__(reason, detail=detail)


# ------------------------------------------------------------------ SQLite backup and restore


@dataclass(frozen=True)
class BackedUp:
    path: Path
    size: int  # bytes
    revision: str | None  # the schema's Alembic revision in the backup


@dataclass(frozen=True)
class Restored:
    backup_revision: str  # the schema version the backup had
    revision: str  # the schema version after the migrations
    persons: int
    coops: int
    saved: Path | None  # where the data that was overwritten (--force) was saved first


def sqlite_path(url: str) -> Path:
    """The file of a SQLite DATABASE_URL; refused for PostgreSQL and in-memory databases."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise MaintenanceError("postgresql")
    if parsed.database in (None, "", ":memory:") or parsed.query.get("mode") == "memory":
        raise MaintenanceError("memory")
    return Path(parsed.database)


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    """A plain sqlite3 connection: mode 'ro', 'rw' (must exist) or 'rwc' (may create)."""
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    connection = sqlite3.connect(uri, uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    return connection


def _revision(connection: sqlite3.Connection) -> str | None:
    """The Alembic revision, or None without an alembic_version table."""
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if found is None:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _rows(connection: sqlite3.Connection) -> int:
    """How many rows the database holds outside alembic_version and SQLite's own tables."""
    tables = [name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
    )]  # fmt: skip
    return sum(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def backup_sqlite(url: str, destination: str | os.PathLike, *, force: bool = False) -> BackedUp:
    """Copy the live SQLite database of ``url`` to ``destination``, consistently, as one file.

    The copy is written next to ``destination`` and renamed into place at the end, so
    a failed backup never leaves half a file; an existing file is replaced only if ``force``.
    """
    source = sqlite_path(url)
    destination = Path(destination)
    if not source.is_file():
        raise MaintenanceError("no_database", source)
    if destination.is_dir():
        raise MaintenanceError("is_directory", destination)
    if not destination.parent.resolve().is_dir():
        raise MaintenanceError("no_directory", destination.parent)
    if _same_file(source, destination):
        raise MaintenanceError("same_file", destination)
    if destination.exists() and not force:
        raise MaintenanceError("exists", destination)
    handle, partial = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".partial",
                                       dir=destination.parent.resolve())  # fmt: skip
    os.close(handle)
    partial = Path(partial)
    try:
        try:
            src = _connect(source, "rw")
        except sqlite3.Error as exc:
            raise MaintenanceError("unreadable_database", exc) from None
        try:
            copy = sqlite3.connect(partial)
            try:
                src.backup(copy)  # all pages in one step: one consistent snapshot
                copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
                revision = _revision(copy)
            finally:
                copy.close()
        except sqlite3.DatabaseError as exc:
            raise MaintenanceError("unreadable_database", exc) from None
        finally:
            src.close()
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)
    return BackedUp(destination, destination.stat().st_size, revision)


def backup_revision(backup: str | os.PathLike) -> str:
    """The schema revision of a CoopBot SQLite backup; refused if it is not one we can restore."""
    backup = Path(backup)
    if not backup.is_file():
        raise MaintenanceError("no_backup", backup)
    try:
        with open(backup, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise MaintenanceError("no_backup", exc.strerror or backup) from None
    if header != SQLITE_HEADER:
        raise MaintenanceError("not_sqlite", backup)
    try:
        with closing(_connect(backup, "ro")) as connection:
            revision = _revision(connection)
    except sqlite3.DatabaseError:
        raise MaintenanceError("not_sqlite", backup) from None
    if revision is None:
        raise MaintenanceError("not_a_backup", backup)
    known = {script.revision for script in ScriptDirectory(str(migrate.MIGRATIONS)).walk_revisions()}
    if revision not in known:
        raise MaintenanceError("unknown_revision", revision)  # made by a newer CoopBot
    return revision


def require_stopped(url: str) -> None:
    """Refuse while a `coopbot run` uses the database of ``url``: a restore under a running bot
    would hand the ids of its entries to other entries (receipts, ↩️ Annuler on the wrong one)."""
    database = Database(url)
    try:
        if instance_running(database):
            raise MaintenanceError("running")
    finally:
        database.dispose()


def restore_sqlite(url: str, backup: str | os.PathLike, *, force: bool = False,
                   now: datetime | None = None) -> Restored:  # fmt: skip
    """Put a backup in place of the (empty) SQLite database of ``url``, then migrate it.

    A database holding any row is replaced only if ``force``, and then saved first
    beside itself (``coopbot.db.before-restore-<UTC time>``). Refused while the bot runs.
    """
    target = sqlite_path(url)
    require_stopped(url)
    backup = Path(backup)
    backup_rev = backup_revision(backup)
    if _same_file(backup, target):
        raise MaintenanceError("same_file", backup)
    if not target.parent.resolve().is_dir():
        raise MaintenanceError("no_directory", target.parent)
    saved = None
    if target.exists():
        if target.is_dir():
            raise MaintenanceError("is_directory", target)
        try:
            with closing(_connect(target, "rw")) as connection:
                rows = _rows(connection)
        except sqlite3.DatabaseError as exc:
            raise MaintenanceError("unreadable_database", exc) from None
        if rows and not force:
            raise MaintenanceError("not_empty", rows)
        if rows:
            stamp = (now or utcnow()).strftime("%Y%m%dT%H%M%SZ")
            saved = backup_sqlite(url, target.with_name(f"{target.name}.before-restore-{stamp}")).path
    try:
        with closing(_connect(backup, "ro")) as src, closing(_connect(target, "rwc")) as destination:
            src.backup(destination)  # one transaction on the target: all of it, or nothing
    except sqlite3.DatabaseError as exc:
        raise MaintenanceError("unreadable_database", exc) from None
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        with Session(engine) as session:
            revision = session.connection().exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
            persons = session.exec(select(func.count()).select_from(Person)).one()
            coops = session.exec(select(func.count()).select_from(Coop)).one()
    finally:
        engine.dispose()
    return Restored(backup_rev, revision, persons, coops, saved)


# ------------------------------------------------------------------ PostgreSQL: pg_dump, pg_restore

_SEARCH_PATH = re.compile(r"-c\s*search_path=([^\s,]+)")


def _pg_connection_options(url: URL) -> list[str]:
    """libpq options naming the server, user and database of ``url``, never the password."""
    options = []
    host = url.host or url.query.get("host")
    if isinstance(host, tuple):
        host = host[0]
    if host:
        options.append(f"--host={host}")
    if url.port:
        options.append(f"--port={url.port}")
    if url.username:
        options.append(f"--username={url.username}")
    options.append(f"--dbname={url.database or url.username or 'postgres'}")
    return options


def pg_dump_command(url: str, file: str) -> str:
    """The shell command that backs up the PostgreSQL database of ``url`` to ``file``."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ValueError("not a PostgreSQL URL")
    args = ["pg_dump", "--format=custom", *_pg_connection_options(parsed)]
    options = parsed.query.get("options")
    match = _SEARCH_PATH.search(options if isinstance(options, str) else "")
    if match:
        args.append(f"--schema={match.group(1)}")
    args.append(f"--file={file}")
    return shlex.join(args)


def pg_restore_command(url: str, file: str) -> str:
    """The shell command that restores ``file`` (from pg_dump --format=custom) into ``url``."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ValueError("not a PostgreSQL URL")
    return shlex.join(["pg_restore", "--no-owner", "--exit-on-error", *_pg_connection_options(parsed), file])


# ------------------------------------------------------------------ forgetting a person (RGPD)


@dataclass(frozen=True)
class Forgotten:
    person_id: int
    roles_ended: int  # current roles closed (their rows stay, as history)
    messages_erased: int  # texts of their questions to the AD
    chat_states_deleted: int  # the bot's user, chat and conversation data about them
    teachers_pseudonymised: int  # membership-table teachers with their e-mail, or their name in their coops
    invitations_revoked: int  # unused links meant for them
    copies_forgotten: int  # where contact messages were delivered to them (AD staff)


def forget_person(session: Session, telegram_id: int, now: datetime | None = None) -> Forgotten:
    """Pseudonymise the person linked to ``telegram_id``; accounting records stay intact.

    Their name becomes ``Personne supprimée n°<id>``, their e-mail and Telegram link go
    (so the bot no longer knows them), their current roles end, the bot's data about
    them is deleted and the texts they wrote are erased. Raises ``unknown_person``.
    """
    now = now or utcnow()
    person = session.exec(select(Person).where(Person.telegram_id == telegram_id)).first()
    if person is None:
        raise MaintenanceError("unknown_person", telegram_id)

    roles = session.exec(select(Role).where(Role.person_id == person.id, Role.ended_at.is_(None))).all()
    for role in roles:
        role.ended_at = now
        session.add(role)

    messages = session.exec(select(ContactMessage).where(ContactMessage.person_id == person.id)).all()
    for message in messages:
        message.text = ERASED_MESSAGE
        session.add(message)

    states = 0
    for state in session.exec(select(ChatState)).all():
        if _about(state, telegram_id):
            session.delete(state)
            states += 1

    teachers = _teacher_lines(session, person)
    for teacher in teachers:
        teacher.name, teacher.email = FORGOTTEN_TEACHER_NAME, FORGOTTEN_TEACHER_EMAIL
        session.add(teacher)

    invitations = session.exec(select(Invitation).where(
        Invitation.person_id == person.id, Invitation.used_at.is_(None), Invitation.expires_at > now
    )).all()  # fmt: skip
    for invitation in invitations:
        invitation.expires_at = now
        session.add(invitation)

    copies = session.exec(select(ContactCopy).where(ContactCopy.chat_id == telegram_id)).all()
    for copy in copies:
        session.delete(copy)

    # A tombstone: a running bot may still hold their chat data; it must not write it back.
    tombstone = session.exec(select(ForgottenAccount).where(ForgottenAccount.telegram_id == telegram_id)).first()
    if tombstone is not None:  # forgotten before, then linked again: a new tombstone for the running bots
        session.delete(tombstone)
        session.flush()
    session.add(ForgottenAccount(telegram_id=telegram_id, forgotten_at=now))

    person.name = FORGOTTEN_NAME.format(id=person.id)
    person.email = None
    person.telegram_id = None
    session.add(person)
    session.flush()
    return Forgotten(person.id, len(roles), len(messages), states, len(teachers), len(invitations), len(copies))


def _about(state: ChatState, telegram_id: int) -> bool:
    """Whether a stored user/chat/conversation entry is this Telegram user's."""
    return telegram_id in accounts_in(state.kind, state.key)


def _teacher_lines(session: Session, person: Person) -> list[AdhesionTeacher]:
    """Their lines in membership tables: by e-mail anywhere, by name in the coops they had roles in
    (a teacher who joined by link is known to the bot by name only)."""
    coops = {role.coop_id for role in session.exec(select(Role).where(Role.person_id == person.id)) if role.coop_id}
    named = session.exec(
        select(AdhesionTeacher).join(AdhesionRow, AdhesionRow.id == AdhesionTeacher.row_id)
        .join(Adhesion, Adhesion.id == AdhesionRow.adhesion_id).where(Adhesion.coop_id.in_(coops))
    ).all() if coops else []  # fmt: skip
    lines = {t.id: t for t in named if _same_name(t.name, person.name)}
    if person.email:
        lines |= {t.id: t for t in session.exec(select(AdhesionTeacher).where(
            func.lower(AdhesionTeacher.email) == person.email.strip().lower()))}  # fmt: skip
    return list(lines.values())


def _same_name(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()
