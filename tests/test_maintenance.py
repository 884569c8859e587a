"""Nothing lost, nothing doubled, nobody let in: backup, restore and forgetting a person.

Backups of SQLite go through `coopbot backup` / `coopbot restore` in-process on real
files; PostgreSQL gets the pg_dump / pg_restore command to run, without a connection.
Forgetting a person runs on whichever database the suite uses.
"""

from __future__ import annotations

import asyncio
import re
import shlex
import shutil
import sqlite3
import subprocess
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import select as sa_select
from sqlmodel import SQLModel, select

from bot.cli import main
from bot.infra.persistence import FORGOTTEN_CHECK_SECONDS
from store import chatstate, contact, invitations, migrate
from store.db import Database, make_engine
from store.maintenance import (
    ERASED_MESSAGE, MaintenanceError, backup_revision, backup_sqlite, forget_person, pg_dump_command,
    pg_restore_command, restore_sqlite,
)  # fmt: skip
from store.models import (
    Adhesion, AdhesionRow, AdhesionTeacher, ChatState, ContactCopy, ContactMessage, Coop, Department,
    Invitation, Ledger, Person, Role, RoleKind, utcnow,
)  # fmt: skip
from store.people import Who, who_is

from .conftest import TEST_DATABASE_URL

sqlite_only = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite backups: the suite runs on PostgreSQL")
HEAD = ScriptDirectory(str(migrate.MIGRATIONS)).get_current_head()
BIG_TELEGRAM_ID = 7_123_456_789  # more than 32 bits


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run `coopbot …` in-process with DATABASE_URL set: (exit code, stdout, stderr)."""

    def run(*argv: str, url: str):
        monkeypatch.setenv("DATABASE_URL", url)
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def refused(result) -> str:
    """Exit code 2, nothing on stdout, one line on stderr (no traceback); returns the line."""
    code, out, err = result
    assert (code, out) == (2, ""), result
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of every table of the model, in primary-key order."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table.name: [tuple(row) for row in connection.execute(
                    sa_select(table).order_by(*table.primary_key.columns))]
                for table in SQLModel.metadata.sorted_tables
            }  # fmt: skip
    finally:
        engine.dispose()


def enrich(session) -> None:
    """Beyond the demo: a question to the AD with its copy, bot state, an invitation, a big id."""
    julien = who_is(session, 1002)
    sent = contact.write_to_ad(session, julien, "Bonjour, où envoyer le CRF ? « merci » ✓")
    contact.record_copies(session, sent.contact_id, [(1004, 77)])
    session.add(Person(telegram_id=BIG_TELEGRAM_ID, name="Zoé Ah-Kiem", language="en"))
    session.add(ChatState(kind="user", key="1002", data='{"lang": "fr"}'))
    session.add(ChatState(kind="conversation", name="adhesion", key="[1002, 1002]", data='"ROWS"'))
    invitations.invite(session, None, RoleKind.AD, department_code="974")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def migrated_empty(path: Path, revision: str = "head") -> str:
    url = sqlite_url(path)
    engine = make_engine(url)
    migrate.upgrade(engine, revision)
    engine.dispose()
    return url


# ------------------------------------------------------------------ backup and restore (SQLite)


@sqlite_only
@pytest.mark.parametrize("target", ["fresh file", "migrated empty database"])
def test_a_backup_restored_into_an_empty_database_has_every_record(demo, database_url, tmp_path, cli, target):
    demo.run(enrich)
    backup = tmp_path / "backups" / "coopbot-2026-09-01.db"
    backup.parent.mkdir()
    code, out, err = cli("backup", str(backup), url=database_url)
    assert (code, err) == (0, "")
    assert out.startswith(f"Sauvegarde écrite dans {backup} (") and out.endswith(f", schéma {HEAD}).\n")

    restored = tmp_path / "restored" / "coopbot.db"
    restored.parent.mkdir()
    url = sqlite_url(restored) if target == "fresh file" else migrated_empty(restored)
    code, out, err = cli("restore", str(backup), url=url)
    assert (code, err) == (0, "")
    assert out == f"Base restaurée depuis {backup} : 5 personnes, 2 coopératives (schéma {HEAD}).\n"

    source, copy = snapshot(database_url), snapshot(url)
    assert {name: len(rows) for name, rows in copy.items()} == {name: len(rows) for name, rows in source.items()}
    for name in ("person", "role", "coop", "ledger", "adhesion", "adhesionrow", "adhesionteacher",
                 "contactmessage", "contactcopy", "chatstate", "invitation", "department"):  # fmt: skip
        assert source[name], f"the demo should fill {name}"
    assert copy == source
    database = Database(url)
    try:
        assert database.run(lambda s: who_is(s, BIG_TELEGRAM_ID).person.name) == "Zoé Ah-Kiem"
        assert database.run(lambda s: s.exec(select(ContactMessage.text)).one()).endswith("« merci » ✓")
    finally:
        database.dispose()


@sqlite_only
def test_the_backup_is_one_consistent_file_made_while_the_bot_writes(demo, database_url, tmp_path):
    """WAL: an open write transaction of the bot neither blocks the backup nor gets into it."""
    engine = make_engine(database_url)
    backup = tmp_path / "backup.db"
    try:
        with engine.connect() as connection:
            transaction = connection.begin()
            connection.execute(Department.__table__.insert().values(
                code="976", name="OCCE de Mayotte", timezone="Indian/Mayotte", membership_opens="09-01",
                membership_closes="09-30", report_deadline="09-30", cotisation_cents=205, assurance_cents=25,
                chart="occe"))  # fmt: skip
            started = datetime.now()
            done = backup_sqlite(database_url, backup)
            assert datetime.now() - started < timedelta(seconds=3)
            transaction.commit()
    finally:
        engine.dispose()
    assert done.path == backup and done.size == backup.stat().st_size and done.revision == HEAD
    assert backup.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL: one file
    assert not list(tmp_path.glob("backup.db-*"))
    with sqlite3.connect(backup) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert [code for (code,) in copy.execute("SELECT code FROM department")] == ["974"]
        assert copy.execute("SELECT count(*) FROM person").fetchone() == (4,)


@sqlite_only
def test_a_backup_does_not_overwrite_a_file_unless_forced(demo, database_url, tmp_path, cli):
    backup = tmp_path / "backup.db"
    backup.write_text("last week's backup")
    line = refused(cli("backup", str(backup), url=database_url))
    assert line == f"coopbot: {backup} existe déjà (--force pour le remplacer)"
    assert backup.read_text() == "last week's backup"
    assert cli("backup", str(backup), "--force", url=database_url)[0] == 0
    assert backup_revision(backup) == HEAD
    assert not list(tmp_path.glob(".backup.db.*"))  # no partial file left behind


@sqlite_only
def test_backup_refusals(tmp_path, cli):
    absent = tmp_path / "absent.db"
    assert refused(cli("backup", str(tmp_path / "b.db"), url=sqlite_url(absent))) == (
        f"coopbot: la base {absent} n'existe pas (DATABASE_URL)")
    assert not absent.exists()
    db = tmp_path / "coopbot.db"
    migrated_empty(db)
    assert "est un dossier" in refused(cli("backup", str(tmp_path), url=sqlite_url(db)))
    assert "n'existe pas" in refused(cli("backup", str(tmp_path / "nowhere" / "b.db"), url=sqlite_url(db)))
    assert "même fichier" in refused(cli("backup", str(db), "--force", url=sqlite_url(db)))
    assert "en mémoire" in refused(cli("backup", str(tmp_path / "b.db"), url="sqlite://"))
    assert refused(cli("backup", "b.db", url="mysql://x")).startswith("coopbot: DATABASE_URL")


@sqlite_only
def test_restore_refuses_a_database_with_data_unless_forced_and_then_keeps_it(demo, database_url, tmp_path, cli):
    backup = tmp_path / "backup.db"
    backup_sqlite(database_url, backup)
    other = tmp_path / "other.db"
    url = migrated_empty(other)
    Database(url).run(lambda s: s.add(Department(code="976", name="OCCE de Mayotte")))
    before = snapshot(url)

    line = refused(cli("restore", str(backup), url=url))
    assert line == ("coopbot: la base contient déjà des données (1 ligne) : --force pour la remplacer "
                    "(elle est alors gardée à côté)")  # fmt: skip
    assert snapshot(url) == before

    now = datetime(2026, 9, 1, 8, 30, tzinfo=timezone.utc)
    done = restore_sqlite(url, backup, force=True, now=now)
    assert done.saved == tmp_path / "other.db.before-restore-20260901T083000Z"
    assert snapshot(sqlite_url(done.saved)) == before
    assert snapshot(url) == snapshot(database_url)
    # Restoring the same backup again, over itself, is refused too: nothing gets doubled.
    assert "déjà des données" in refused(cli("restore", str(backup), url=url))


@sqlite_only
def test_restore_refuses_what_is_not_a_coopbot_backup(tmp_path, cli):
    target = tmp_path / "coopbot.db"
    url = sqlite_url(target)
    text = tmp_path / "notes.txt"
    text.write_text("SQLite? non.\n")
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    assert refused(cli("restore", str(text), url=url)) == (
        f"coopbot: {text} n'est pas une sauvegarde CoopBot (ce n'est pas une base SQLite)")
    assert refused(cli("restore", str(foreign), url=url)) == (
        f"coopbot: {foreign} n'est pas une sauvegarde CoopBot (pas de table alembic_version)")
    assert refused(cli("restore", str(tmp_path / "absent.db"), url=url)) == (
        f"coopbot: impossible de lire {tmp_path / 'absent.db'} : fichier introuvable")
    valid = tmp_path / "valid.db"
    assert "même fichier" in refused(cli("restore", str(valid), url=migrated_empty(valid)))
    assert not target.exists()

    newer = tmp_path / "newer.db"
    migrated_empty(newer)
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    assert "version plus récente de CoopBot (schéma 9999_future)" in refused(cli("restore", str(newer), url=url))
    assert not target.exists()


@sqlite_only
def test_an_older_backup_is_upgraded_when_restored(tmp_path, cli):
    old = tmp_path / "old.db"
    old_url = migrated_empty(old, "0001")
    with sqlite3.connect(old) as connection:
        connection.execute("INSERT INTO person (id, telegram_id, name, email, language) "
                           "VALUES (1, 1001, 'Marie Payet', NULL, 'fr')")  # fmt: skip
    connection.close()
    backup = tmp_path / "old-backup.db"
    assert backup_sqlite(old_url, backup).revision == "0001"

    url = sqlite_url(tmp_path / "coopbot.db")
    code, out, err = cli("restore", str(backup), url=url)
    assert (code, err) == (0, "")
    assert out == f"Base restaurée depuis {backup} : 1 personne, 0 coopérative (schéma 0001 → {HEAD}).\n"
    database = Database(url)
    try:
        assert database.run(lambda s: who_is(s, 1001).person.name) == "Marie Payet"
        database.run(lambda s: s.add(ChatState(kind="user", key="1001", data="{}")))  # 0002's table is there
    finally:
        database.dispose()


# ------------------------------------------------------------------ PostgreSQL: pg_dump and pg_restore

PG_URL = "postgresql://coopbot:s3cret-pw@db.example.org:5433/coopbot"


def test_postgresql_backup_and_restore_give_the_commands_without_the_password(cli):
    line = refused(cli("backup", "coopbot.dump", url=PG_URL))
    assert line == ("coopbot: la base est PostgreSQL : sauvegardez-la avec pg_dump --format=custom "
                    "--host=db.example.org --port=5433 --username=coopbot --dbname=coopbot --file=coopbot.dump "
                    "(mot de passe : PGPASSWORD ou ~/.pgpass)")  # fmt: skip
    line = refused(cli("restore", "coopbot.dump", url=PG_URL.replace("postgresql:", "postgresql+psycopg:")))
    assert line == ("coopbot: la base est PostgreSQL : restaurez dans une base vide avec pg_restore --no-owner "
                    "--exit-on-error --host=db.example.org --port=5433 --username=coopbot --dbname=coopbot "
                    "coopbot.dump, puis coopbot db upgrade")  # fmt: skip
    assert "s3cret" not in line
    assert pg_dump_command("postgresql:///coopbot?host=/run/postgresql", "sauvegarde du 1er.dump") == (
        "pg_dump --format=custom --host=/run/postgresql --dbname=coopbot '--file=sauvegarde du 1er.dump'")
    assert pg_restore_command("postgresql://u@h/db", "x.dump") == (
        "pg_restore --no-owner --exit-on-error --host=h --username=u --dbname=db x.dump")


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs the PostgreSQL test database")
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
def test_the_pg_dump_command_given_works(demo, database_url, tmp_path, cli):
    line = refused(cli("backup", str(tmp_path / "coopbot.dump"), url=database_url))
    command = line.split("sauvegardez-la avec ", 1)[1].rsplit(" (mot de passe", 1)[0]
    assert "--schema=coopbot_test_" in command
    subprocess.run(shlex.split(command), check=True, capture_output=True, timeout=60)
    assert (tmp_path / "coopbot.dump").read_bytes()[:5] == b"PGDMP"
    listing = subprocess.run(["pg_restore", "--list", str(tmp_path / "coopbot.dump")], check=True,
                             capture_output=True, text=True, timeout=60).stdout  # fmt: skip
    assert "TABLE DATA" in listing and " person " in listing and " alembic_version " in listing


# ------------------------------------------------------------------ forgetting a person (RGPD)


def business(session) -> dict[str, list]:
    """What the accounting is made of: it must not change when someone is forgotten."""
    return {model.__name__: [row.model_dump() for row in session.exec(select(model).order_by(model.id))]
            for model in (Coop, Ledger, Adhesion, AdhesionRow)}  # fmt: skip


def test_a_forgotten_person_keeps_the_books_but_not_their_identity(demo):
    now = datetime(2026, 10, 5, 9, 0, tzinfo=timezone.utc)
    demo.run(enrich)

    def before(session):
        julien = who_is(session, 1002).person
        session.add(ChatState(kind="chat", key="1002", data="{}"))
        session.add(ChatState(kind="conversation", name="depense", key="[10021, 10021]", data='"AMOUNT"'))
        session.add(ChatState(kind="user", key="1001", data="{}"))
        ledger = session.exec(select(Ledger).where(Ledger.name == "CE1A")).one()
        session.add(Invitation(code_hash="x" * 64, role=RoleKind.ENSEIGNANT, department_code="974",
                               coop_id=ledger.coop_id, ledger_id=ledger.id, person_id=julien.id,
                               expires_at=now + timedelta(days=3)))  # fmt: skip
        return julien.id, business(session)

    julien_id, books = demo.run(before)
    done = demo.run(forget_person, 1002, now=now)
    assert (done.person_id, done.roles_ended, done.messages_erased) == (julien_id, 1, 1)
    assert (done.chat_states_deleted, done.teachers_pseudonymised, done.invitations_revoked) == (3, 1, 1)

    def after(session):
        assert who_is(session, 1002) == Who(None)
        person = session.get(Person, julien_id)
        assert (person.name, person.email, person.telegram_id, person.language) == (
            f"Personne supprimée n°{julien_id}", None, None, "fr")
        roles = session.exec(select(Role).where(Role.person_id == julien_id)).all()
        assert len(roles) == 1 and roles[0].kind == RoleKind.ENSEIGNANT and roles[0].ledger_id is not None
        assert roles[0].ended_at.replace(tzinfo=timezone.utc) == now
        message = session.exec(select(ContactMessage)).one()
        assert (message.person_id, message.text) == (julien_id, ERASED_MESSAGE)
        assert session.exec(select(ContactCopy)).one().chat_id == 1004  # the AD's copy, not Julien's
        assert {(s.kind, s.key) for s in session.exec(select(ChatState))} == {
            ("conversation", "[10021, 10021]"), ("user", "1001")}
        teachers = {t.email: t.name for t in session.exec(select(AdhesionTeacher))}
        assert "julien.hoarau@ac-reunion.fr" not in teachers and teachers["supprime@invalid"] == "Enseignant·e"
        assert teachers["sophie.grondin@ac-reunion.fr"] == "Sophie Grondin"
        assert business(session) == books
        marie = who_is(session, 1001)  # the others keep everything
        assert marie.person.name == "Marie Payet" and marie.kinds == {RoleKind.MANDATAIRE}

    demo.run(after)


def test_a_pending_invitation_meant_for_them_no_longer_opens(demo):
    def invite(session):
        """A mandataire of 974-145 with a link meant for them still pending (a new phone, say)."""
        coop = session.exec(select(Coop).where(Coop.affiliation == "974-145")).one()
        person = Person(name="Omar Lebon", email="Omar.Lebon@ac-reunion.fr", telegram_id=4242)
        session.add(person)
        session.flush()
        session.add(Role(person_id=person.id, kind=RoleKind.MANDATAIRE, coop_id=coop.id))
        session.add(Invitation(code_hash=invitations.hash_code("code-for-omar"), role=RoleKind.MANDATAIRE,
                               department_code="974", coop_id=coop.id, person_id=person.id,
                               expires_at=utcnow() + timedelta(days=7)))  # fmt: skip
        return "code-for-omar"

    code = demo.run(invite)
    done = demo.run(forget_person, 4242)
    assert (done.roles_ended, done.invitations_revoked, done.teachers_pseudonymised) == (1, 1, 1)
    with pytest.raises(invitations.InvitationError) as refused_link:
        demo.run(invitations.accept, code, 5555, "Quelqu'un", "fr")
    assert refused_link.value.reason == "expired"
    assert demo.run(lambda s: who_is(s, 5555).person) is None


def test_forgetting_an_unknown_or_already_forgotten_person_is_refused(demo):
    demo.run(forget_person, 1003)
    for telegram_id in (1003, 999999):
        with pytest.raises(MaintenanceError) as refused_forget:
            demo.run(forget_person, telegram_id)
        assert (refused_forget.value.reason, refused_forget.value.detail) == ("unknown_person", telegram_id)


def test_cli_person_forget(demo, database_url, cli):
    demo.run(enrich)
    ad_id = demo.run(lambda s: who_is(s, 1004).person.id)
    code, out, err = cli("person", "forget", "1004", url=database_url)
    assert (code, err) == (0, "")
    assert out == f"Personne n°{ad_id} pseudonymisée : 1 rôle clos, 0 message effacé.\n"
    assert demo.run(lambda s: s.exec(select(ContactCopy)).all()) == []  # copies delivered to the AD's chat
    julien_id = demo.run(lambda s: who_is(s, 1002).person.id)
    code, out, err = cli("person", "forget", "1002", url=database_url)
    assert (code, err) == (0, "")
    assert out == (f"Personne n°{julien_id} pseudonymisée : 1 rôle clos, 1 message effacé, "
                   "1 ligne d'adhésion anonymisée.\n")  # fmt: skip
    assert refused(cli("person", "forget", "1002", url=database_url)) == (
        "coopbot: aucune personne reliée au compte Telegram 1002")
    assert refused(cli("person", "forget", "Julien", url=database_url)) == (
        "coopbot: identifiant Telegram invalide (un nombre, ex. 123456789) : 'Julien'")
    assert demo.run(lambda s: s.exec(select(Person).where(Person.telegram_id == 1001)).one().name) == "Marie Payet"
    assert demo.run(lambda s: len(s.exec(select(Role).where(Role.ended_at.is_(None))).all())) == 2


NINA = 7_200_000_001  # a teacher who joins by link: the bot knows her by her Telegram name only


async def test_forgetting_a_teacher_who_joined_by_link_while_the_bot_runs_leaves_nothing(bot, sim, cast, cli,
                                                                                         database_url):
    marie = cast["mandataire"]
    await marie.send("/inviter")
    await marie.press("Enseignant·e d'une classe")
    step = await marie.press("CE2B")
    code = re.search(r"\?start=([\w-]+)", step.text)[1]
    nina = sim.user(NINA, "Nina", "Boyer")
    step = await nina.send(f"/start {code}")
    assert step.text.startswith("Bienvenue Nina ! Vous tenez le cahier CE2B")
    step = await nina.send("/depense 12,50 Piles pour la classe de Nina Boyer")  # a draft the bot keeps
    assert step.last.buttons

    code, out, err = cli("person", "forget", str(NINA), url=database_url)  # the bot keeps running
    assert (code, err) == (0, "")
    assert out.endswith(": 1 rôle clos, 0 message effacé, 1 ligne d'adhésion anonymisée.\n")
    deadline = time.monotonic() + FORGOTTEN_CHECK_SECONDS + 5
    while NINA in bot.user_data and time.monotonic() < deadline:  # the bot drops its copy
        await asyncio.sleep(0.1)
    step = await nina.send("Fournitures")  # she writes again: nothing of her is written back
    assert "Désolé" not in step.text

    found = []
    for table, column, value in every_value(database_url, but="forgottenaccount"):  # the tombstone: the id only
        text = str(value).casefold()
        if value == NINA or any(part in text for part in ("nina boyer", "nina.boyer@", str(NINA))):
            found.append(f"{table}.{column}: {value!r}")
    assert found == []
    assert (bot.user_data.get(NINA, {}), bot.chat_data.get(NINA, {})) == ({}, {})  # nothing of her in memory


def every_value(url: str, but: str):
    """(table, column, value) for every non-null value of every table of the model but one."""
    for table, rows in snapshot(url).items():
        if table == but:
            continue
        columns = [column.name for column in SQLModel.metadata.tables[table].columns]
        for row in rows:
            yield from ((table, column, value) for column, value in zip(columns, row) if value is not None)


def test_a_forgotten_account_gets_no_chat_data_until_linked_again(demo):
    demo.run(forget_person, 1002)
    for kind, key in (("user", "1002"), ("chat", "1002"), ("conversation", "[1002, 1002]")):
        demo.run(chatstate.save, kind, key, {"draft": "Julien"} if kind != "conversation" else "AMOUNT", "x")
    demo.run(chatstate.save, "user", "1001", {"lang": "fr"})
    assert {(s.kind, s.key) for s in demo.run(lambda s: s.exec(select(ChatState)).all())} == {("user", "1001")}
    (tombstone, telegram_id), = demo.run(chatstate.forgotten_after, 0)
    assert telegram_id == 1002 and demo.run(chatstate.forgotten_after, tombstone) == []

    demo.run(lambda s: s.add(Person(telegram_id=1002, name="Julien H.")))  # back, by a new invitation
    assert demo.run(chatstate.forgotten_after, 0) == []
    demo.run(chatstate.save, "user", "1002", {"lang": "fr"})
    assert demo.run(chatstate.load_all, "user") == {"1001": {"lang": "fr"}, "1002": {"lang": "fr"}}
