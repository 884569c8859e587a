"""Realistic books in bulk: departments, coops, their ledgers, people and years of entries.

`python bench/generate.py URL --scale 1.0` builds the national database (50 000 coops,
10 million entries, 100 000 people the bot knows); `--scale 0.001` a small one. Rows go in
by bulk inserts (SQLite) or COPY (PostgreSQL), not through the store's rules: the books
are made right by construction (every entry balanced by its splits, pièces numbered
without gaps per ledger and year, the caisse never below zero, cheques numbered).

Two coops are kept apart for the report's timing: `BIG_COOPS` (500 and 5 000 entries in
the current year). The bench's users are the teachers of the first `USERS` coops.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import insert, text

from store import migrate, outbox
from store.db import make_engine
from store.models import (
    ChatState, Coop, Department, Entry, Ledger, OpeningBalance, Person, Role, Split,
)  # fmt: skip
from store.years import fiscal_year_of

NATIONAL_COOPS = 50_000
ENTRIES_PER_COOP = 200  # 10 million entries nationally, over the years below
KNOWN_PEOPLE = 100_000  # people with chat data the bot's persistence keeps
BIG_COOPS = {"999-500": 500, "999-5000": 5_000}  # affiliation → entries this year
USERS = 50
FIRST_TELEGRAM_ID = 5_000_000
CHUNK = 20_000

# (direction, account, labels, means weights): the mix of a school coop's books.
KINDS = [
    ("recette", "75620008", ["Participation des familles", "Cotisation coopérative", "Participation volontaire"],
     {"cheque": 5, "especes": 4, "virement": 1}, 18),
    ("recette", "70700008", ["Vente de photos de classe", "Vente de gâteaux", "Kermesse", "Vente de calendriers"],
     {"especes": 6, "cheque": 3}, 10),
    ("recette", "70800008", ["Participation sortie cinéma", "Participation classe verte"],
     {"cheque": 6, "especes": 4}, 6),
    ("recette", "74000008", ["Subvention de la mairie", "Subvention du département"], {"virement": 1}, 2),
    ("recette", "75800008", ["Don de l'association des parents", "Don"], {"cheque": 1, "virement": 1}, 2),
    ("depense", "60640008", ["Fournitures de peinture", "Papeterie", "Livres de bibliothèque", "Feutres"],
     {"carte": 6, "cheque": 2, "especes": 1}, 20),
    ("depense", "60600008", ["Goûter de Noël", "Ingrédients atelier cuisine", "Petit matériel"],
     {"carte": 4, "especes": 3}, 12),
    ("depense", "62510008", ["Entrées au musée", "Car pour la sortie", "Spectacle de fin d'année", "Cinéma"],
     {"cheque": 5, "virement": 3, "carte": 1}, 14),
    ("depense", "60700008", ["Photos de classe (photographe)", "Calendriers à vendre"], {"cheque": 1}, 4),
    ("depense", "62700008", ["Frais bancaires", "Agios"], {"prelevement": 1}, 4),
    ("depense", "62810008", ["Cotisation et assurance OCCE"], {"cheque": 1}, 1),
    ("depense", "68000008", ["Vidéoprojecteur", "Tablette", "Appareil photo"], {"virement": 1, "cheque": 1}, 1),
]
WEIGHTS = [k[-1] for k in KINDS]
COMMUNES = ["Saint-Paul", "Saint-Denis", "Le Tampon", "Lyon", "Marseille", "Lille", "Brest", "Pau", "Rodez"]
FIRST_NAMES = ["Marie", "Julien", "Sophie", "Nathalie", "Thomas", "Camille", "Léa", "Hugo", "Inès", "Karim"]
LAST_NAMES = ["Payet", "Hoarau", "Grondin", "Martin", "Bernard", "Dubois", "Nguyen", "Benali", "Lefèvre"]


@dataclass
class Sizes:
    departments: int = 0
    coops: int = 0
    ledgers: int = 0
    people: int = 0
    entries: int = 0
    splits: int = 0
    chat_states: int = 0
    seconds: float = 0.0
    users: list[dict] = field(default_factory=list)  # the bench's users: telegram ids, coop, class ledger


def seed_fanout(session, count: int, first_telegram_id: int) -> None:
    """Department 974 and ``count`` people (Telegram ids from ``first_telegram_id``), each with one membership
    reminder due; no coop, so nothing else becomes due. The fan-out's test and `make bench` send them."""
    session.add(Department(code="974", name="OCCE de La Réunion", timezone="Indian/Reunion"))
    people = [Person(telegram_id=first_telegram_id + n, name=f"Mandataire {n}") for n in range(count)]
    session.add_all(people)
    session.flush()
    for person in people:
        outbox.enqueue(session, kind="adhesion", step="j-7", person_id=person.id, department_code="974", year=2026,
                       due_at=datetime(2026, 9, 23, 4, tzinfo=timezone.utc),
                       params={"affiliation": f"974-{person.id:03}", "deadline": "2026-09-30", "rows": 0})  # fmt: skip


def school_years(today: date) -> list[int]:
    current = fiscal_year_of(today)
    return [current - 2, current - 1, current]


class Writer:
    """Rows of one table, written in chunks: executemany on SQLite, COPY on PostgreSQL.

    When one table's chunk is full, every table is written, in the order of ``writers``, so
    that a row never goes in before the row its foreign key names.
    """

    def __init__(self, connection, table, postgres: bool, writers: list[Writer]):
        self.connection, self.table, self.postgres = connection, table.__table__, postgres
        self.columns = [c.name for c in self.table.columns]
        # Columns a row leaves out take the model's default (settings added by later migrations).
        fields = table.model_fields
        self.defaults = {c: fields[c].get_default(call_default_factory=True) if c in fields else None
                         for c in self.columns}
        self.rows: list[tuple] = []
        self.writers = writers
        writers.append(self)

    def add(self, **row) -> None:
        self.rows.append(tuple(row[c] if c in row else self.defaults[c] for c in self.columns))
        if len(self.rows) >= CHUNK:
            for writer in self.writers:
                writer.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        if self.postgres:
            raw = self.connection.connection.driver_connection
            with raw.cursor().copy(f'COPY "{self.table.name}" ({", ".join(self.columns)}) FROM STDIN') as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            self.connection.execute(insert(self.table), [dict(zip(self.columns, r)) for r in self.rows])
        self.rows = []


def generate(url: str, *, scale: float, today: date, seed: int = 7) -> Sizes:
    """Build the books of ``scale`` × the national size in the (migrated, empty) database at ``url``."""
    started = time.perf_counter()
    rng = random.Random(seed)
    engine = make_engine(url)
    migrate.upgrade(engine)
    postgres = engine.dialect.name == "postgresql"
    sizes = Sizes()
    coops = max(USERS, int(NATIONAL_COOPS * scale))
    known = max(USERS * 4, int(KNOWN_PEOPLE * scale))
    now = datetime.now(timezone.utc)
    years = school_years(today)
    with engine.begin() as connection:
        order: list[Writer] = []
        w = {t.__name__: Writer(connection, t, postgres, order)
             for t in (Department, Coop, Person, Ledger, Role, OpeningBalance, Entry, Split, ChatState)}
        departments = sorted({f"{n:03d}" for n in range(1, 96)} | {"974", "999"})
        for code in departments:
            w["Department"].add(code=code, name=f"OCCE {code}", timezone="Indian/Reunion" if code == "974"
                                else "Europe/Paris", membership_opens="09-01", membership_closes="09-30",
                                report_deadline="09-30", cotisation_cents=205, assurance_cents=25,
                                chart="occe", piece_numbering="single")  # fmt: skip
        ids = dict.fromkeys(("coop", "person", "role", "ledger", "entry", "split", "opening", "state"), 0)

        def next_id(kind: str) -> int:
            ids[kind] += 1
            return ids[kind]

        def person(name: str, telegram_id: int | None) -> int:
            pid = next_id("person")
            w["Person"].add(id=pid, telegram_id=telegram_id, name=name, email=None, language="fr")
            return pid

        def role(person_id: int, kind: str, coop_id: int, ledger_id: int | None = None) -> None:
            w["Role"].add(id=next_id("role"), person_id=person_id, kind=kind, department_code=None,
                          coop_id=coop_id, ledger_id=ledger_id, started_at=now, ended_at=None)  # fmt: skip

        plan = [(f"{departments[i % len(departments)]}-{i + 1:05d}", ENTRIES_PER_COOP) for i in range(coops)]
        plan += list(BIG_COOPS.items())
        telegram = FIRST_TELEGRAM_ID
        for index, (affiliation, entries) in enumerate(plan):
            coop_id = next_id("coop")
            big = affiliation in BIG_COOPS
            w["Coop"].add(id=coop_id, affiliation=affiliation, school_name=f"École {affiliation}",
                          commune=rng.choice(COMMUNES), department_code=affiliation[:3])  # fmt: skip
            ledger_ids = []
            for position, name in enumerate(["École"] + [f"C{n}" for n in range(rng.randint(2, 4))]):
                lid = next_id("ledger")
                w["Ledger"].add(id=lid, coop_id=coop_id, name=name, kind="ecole" if position == 0 else "classe",
                                created_at=now)  # fmt: skip
                w["OpeningBalance"].add(id=next_id("opening"), ledger_id=lid, fiscal_year=years[0],
                                        banque=rng.randint(200, 3000) * 100, caisse=rng.randint(20, 200) * 100,
                                        set_at=now, set_by=None)  # fmt: skip
                ledger_ids.append(lid)
            mandataire = person(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", telegram)
            mandataire_telegram = telegram
            telegram += 1
            role(mandataire, "mandataire", coop_id)
            for lid in ledger_ids[1:]:
                teacher_telegram = telegram if index < USERS else None
                teacher = person(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", teacher_telegram)
                role(teacher, "enseignant", coop_id, lid)
                if index < USERS and lid == ledger_ids[1]:
                    sizes.users.append({"teacher": telegram, "mandataire": mandataire_telegram,
                                        "coop_id": coop_id, "ledger": "C0"})
                if teacher_telegram:
                    telegram += 1
            book_years = [years[-1]] if big else years
            _books(w, rng, next_id, ledger_ids, book_years, entries, today, now)
        for n in range(known):  # the bot's persistence: one small user_data per person who ever wrote
            w["ChatState"].add(id=next_id("state"), kind="user", name="", key=str(FIRST_TELEGRAM_ID + n),
                               data=json.dumps({"lang": "fr"}), updated_at=now)  # fmt: skip
        for writer in order:
            writer.flush()
        if postgres:  # COPY with explicit ids leaves the sequences behind
            for table in ("coop", "person", "role", "ledger", "openingbalance", "entry", "split", "chatstate"):
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))  # fmt: skip
    if postgres:
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
    else:
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    sizes.departments, sizes.coops, sizes.ledgers = len(departments), ids["coop"], ids["ledger"]
    sizes.people, sizes.entries, sizes.splits = ids["person"], ids["entry"], ids["split"]
    sizes.chat_states = known
    sizes.seconds = round(time.perf_counter() - started, 1)
    return sizes


def _books(w, rng, next_id, ledger_ids, years, entries, today, now) -> None:
    """``entries`` entries spread over the ledgers and years, 60 % in the school ledger."""
    per_year = max(1, entries // len(years))
    for year in years:
        first = date(year, 9, 1)
        last = min(date(year + 1, 8, 31), today)
        span = (last - first).days
        pieces = {lid: 0 for lid in ledger_ids}
        caisse = {lid: 0 for lid in ledger_ids}
        cheque = rng.randint(1_000_000, 9_000_000)
        days = sorted(first + timedelta(days=rng.randint(0, span)) for _ in range(per_year))
        for day in days:
            lid = ledger_ids[0] if rng.random() < 0.6 else rng.choice(ledger_ids[1:])
            direction, account, labels, means_weights, _ = rng.choices(KINDS, WEIGHTS)[0]
            means = rng.choices(list(means_weights), list(means_weights.values()))[0]
            amount = rng.randint(300, 45_000) if account != "74000008" else rng.randint(20_000, 150_000)
            if means == "especes" and direction == "depense" and caisse[lid] < amount:
                means = "carte"  # never more cash out than in the box
            treasury = "caisse" if means == "especes" else "banque"
            if treasury == "caisse":
                caisse[lid] += amount if direction == "recette" else -amount
            number = None
            if means == "cheque":
                cheque += 1
                number = f"{cheque:07d}"
            pieces[lid] += 1
            eid = next_id("entry")
            w["Entry"].add(id=eid, ledger_id=lid, fiscal_year=year, piece_prefix="", piece_number=pieces[lid],
                           day=day, label=rng.choice(labels), direction=direction, treasury=treasury,
                           means=means, cheque_number=number, amount=amount, project=None, movement_id=None,
                           created_at=now, created_by=None, cancelled_at=None, cancelled_by=None)  # fmt: skip
            w["Split"].add(id=next_id("split"), entry_id=eid, account_code=account, amount=amount)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    from store.years import today_in
    sizes = generate(args.url, scale=args.scale, today=today_in("Europe/Paris"))
    out = io.StringIO()
    json.dump({k: v for k, v in sizes.__dict__.items() if k != "users"}, out)
    print(out.getvalue())


if __name__ == "__main__":
    main()
