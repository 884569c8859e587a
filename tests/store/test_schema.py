"""The Alembic history builds exactly the tables the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import store.models  # noqa: F401


def test_migrations_match_models(database):
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_ledger_names_unique_per_coop_whatever_the_case(demo):
    import pytest
    from sqlalchemy.exc import IntegrityError
    from sqlmodel import select

    from store.models import Coop, Ledger, LedgerKind

    with pytest.raises(IntegrityError):
        with demo.transaction() as session:
            coop = session.exec(select(Coop).where(Coop.affiliation == "974-111")).one()
            session.add(Ledger(coop_id=coop.id, name="ce1a", kind=LedgerKind.CLASSE))


def test_head_is_alembics_head_and_a_database_there_is_left_alone(database, monkeypatch):
    """store.migrate.HEAD names the newest migration; upgrading a database already there runs no Alembic."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from store import migrate

    assert ScriptDirectory(str(migrate.MIGRATIONS)).get_current_head() == migrate.HEAD
    assert migrate.current_revision(database.engine) == migrate.HEAD
    monkeypatch.setattr(command, "upgrade", lambda *_: (_ for _ in ()).throw(AssertionError("Alembic ran")))
    migrate.upgrade(database.engine)
