"""The school coops imported from the AD's spreadsheet (``coopbot coops import``): all the file, or nothing.

Pure store code: errors carry reason codes and the offending values, never
sentences; the caller says them in French.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from sqlmodel import Session, select

from store.departments import _DEPARTMENT, _clean_text
from store.models import Coop, Department, Ledger, LedgerKind, Person, Role, RoleKind

SCHOOL_LEDGER_NAME = "École"

SCHOOL_NAME_MAX = 120
COMMUNE_MAX = 80
PERSON_NAME_MAX = 120
EMAIL_MAX = 254

_AFFILIATION = re.compile(rf"(?P<department>{_DEPARTMENT})-\d{{1,5}}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


class ImportProblem(NamedTuple):
    """A bad line of an import file: its number in the file (header = 1), why, and the value.

    Reasons — about the file: 'encoding', 'empty_file', 'missing_column' and
    'duplicate_column' (detail: the field, see COLUMNS); about a row:
    'affiliation', 'department_unknown', 'duplicate_affiliation', 'school_missing',
    'school_too_long', 'commune_too_long', 'mandataire_too_long', 'email_invalid',
    'email_without_mandataire', 'extra_cells', 'unreadable' (the rest of the file is
    not read).
    """

    line: int
    reason: str
    detail: str


class CoopImportError(ValueError):
    """The file was refused and nothing was written: every problem, in file order."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__(f"{len(problems)} problem(s), first: {problems[0] if problems else None}")
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    """How many coops the file created, changed, and left as they were.

    ``mandataires_kept``: (line, affiliation) of the rows whose mandataire name was
    not applied because the coop's mandataire already uses the bot (see import_coops).
    """

    created: int
    updated: int
    unchanged: int
    mandataires_kept: tuple[tuple[int, str], ...] = ()


def _fold(text: str) -> str:
    """'  Nom de l’École ' → 'nom de l ecole': no case, no accents, punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", bare).split())

# field → the header names it is known by, folded (see _fold).
COLUMNS: dict[str, frozenset[str]] = {
    "affiliation": frozenset({
        "affiliation", "n affiliation", "no affiliation", "num affiliation", "numero affiliation",
        "numero d affiliation", "n d affiliation", "n de l affiliation", "code affiliation",
    }),
    "school": frozenset({
        "ecole", "nom de l ecole", "nom ecole", "nom d ecole", "nom de ecole", "etablissement",
        "nom de l etablissement", "nom etablissement", "ecole nom",
    }),
    "commune": frozenset({"commune", "ville", "localite"}),
    "mandataire": frozenset({
        "mandataire", "nom du mandataire", "nom mandataire", "mandataire nom",
        "nom et prenom du mandataire", "prenom et nom du mandataire",
    }),
    "email": frozenset({
        "email", "e mail", "mail", "courriel", "mel", "adresse e mail", "adresse email",
        "adresse mail", "adresse courriel", "email du mandataire", "e mail du mandataire",
        "mail du mandataire", "courriel du mandataire", "email mandataire", "e mail mandataire",
        "mail mandataire", "courriel mandataire",
    }),
}  # fmt: skip
REQUIRED_COLUMNS = ("affiliation", "school")


def _decode(data: bytes | str) -> str:
    """UTF-8, with or without BOM; failing that Windows-1252 (a French Excel "CSV" export)."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            line = data.count(b"\n", 0, utf8_error.start) + 1
            raise CoopImportError([ImportProblem(line, "encoding", "")]) from None


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


@dataclass
class _Row:
    line: int
    affiliation: str
    school: str
    commune: str | None  # None: no such column in the file
    mandataire: str
    email: str | None  # None: no such column, or empty


def _read_rows(text: str, department_exists: Callable[[str], bool]) -> list[_Row]:
    """Parse and check the file; every problem found, or CoopImportError."""
    lines = text.splitlines()
    header_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_index is None:
        raise CoopImportError([ImportProblem(1, "empty_file", "")])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(lines[header_index]))
    problems: list[ImportProblem] = []
    rows: list[_Row] = []
    columns: dict[str, int] = {}
    header_width = None  # the number of cells of the header, once read
    seen: dict[str, int] = {}
    next_line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:  # e.g. a cell beyond the csv module's size limit
            problems.append(ImportProblem(next_line, "unreadable", ""))
            break
        line, next_line = next_line, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        if header_width is None:
            header_width = len(cells)
            for index, cell in enumerate(cells):
                folded = _fold(cell)
                field = next((f for f, names in COLUMNS.items() if folded in names), None)
                if field is None:
                    continue  # a column we do not use
                if field in columns:
                    problems.append(ImportProblem(line, "duplicate_column", field))
                columns.setdefault(field, index)
            for field in REQUIRED_COLUMNS:
                if field not in columns:
                    problems.append(ImportProblem(line, "missing_column", field))
            if problems:
                raise CoopImportError(problems)
            continue
        row_problems = _check_row(line, cells, columns, header_width, seen, department_exists)
        if isinstance(row_problems, _Row):
            rows.append(row_problems)
        else:
            problems.extend(row_problems)
    if problems:
        raise CoopImportError(problems)
    return rows


def _check_row(line, cells, columns, header_width, seen, department_exists) -> _Row | list[ImportProblem]:
    def cell(field: str) -> str | None:
        index = columns.get(field)
        if index is None:
            return None
        return _clean_text(cells[index]) if index < len(cells) else ""

    problems = []
    if any(c.strip() for c in cells[header_width:]):
        problems.append(ImportProblem(line, "extra_cells", " | ".join(c.strip() for c in cells)))
    affiliation = re.sub(r"\s*[-\u2010-\u2015]\s*", "-", cell("affiliation").upper())
    match = _AFFILIATION.fullmatch(affiliation)
    if not match:
        problems.append(ImportProblem(line, "affiliation", cell("affiliation")))
    elif not department_exists(match["department"]):
        problems.append(ImportProblem(line, "department_unknown", affiliation))
    elif affiliation in seen:
        problems.append(ImportProblem(line, "duplicate_affiliation", affiliation))
    else:
        seen[affiliation] = line
    school = cell("school")
    if not school:
        problems.append(ImportProblem(line, "school_missing", ""))
    elif len(school) > SCHOOL_NAME_MAX:
        problems.append(ImportProblem(line, "school_too_long", school))
    commune = cell("commune")
    if commune is not None and len(commune) > COMMUNE_MAX:
        problems.append(ImportProblem(line, "commune_too_long", commune))
    mandataire = cell("mandataire") or ""
    if len(mandataire) > PERSON_NAME_MAX:
        problems.append(ImportProblem(line, "mandataire_too_long", mandataire))
    email = cell("email") or None
    if email is not None:
        if len(email) > EMAIL_MAX or not _EMAIL.fullmatch(email):
            problems.append(ImportProblem(line, "email_invalid", email))
        elif not mandataire:
            problems.append(ImportProblem(line, "email_without_mandataire", email))
    if problems:
        return problems
    return _Row(line, affiliation, school, commune, mandataire, email)


def import_coops(session: Session, data: bytes | str) -> ImportResult:
    """Create or update the coops listed in a CSV file; all the file, or nothing.

    The file: a header row naming the columns (affiliation, école, commune,
    mandataire, e-mail, in any order, with any case or accents; other columns are
    ignored; affiliation and école are required), then one row per coop; cells
    separated by ';' or ',' (or a tab), as the header shows; UTF-8 with or without
    BOM (Windows-1252 is accepted too). Blank lines are skipped.

    Any bad row (see ImportProblem for the reasons) refuses the whole file:
    CoopImportError lists every problem with its line number, and nothing is
    written. An affiliation already known updates that coop: its school name, its
    commune (when the file has that column), its mandataire; never a second coop.

    A new coop gets its school ledger (« École ») at once.

    The mandataire, when the row names one:
    - if the coop has no active mandataire, a person is created with that name and
      e-mail (no Telegram account yet: an invitation will link it) and given the
      mandataire role of the coop;
    - if its active mandataire has not linked a Telegram account yet, that person
      takes the file's name and e-mail (the file is still the only source);
    - if its active mandataire already uses the bot, their name is theirs and a new
      mandataire comes through a change of mandate, not a file: only their e-mail
      is updated (when the file gives one); a different name is reported back in
      ``ImportResult.mandataires_kept``.
    A row with no mandataire leaves the coop's mandataire as it is: an import never
    removes one.
    """
    departments: dict[str, bool] = {}

    def department_exists(code: str) -> bool:
        if code not in departments:
            departments[code] = session.get(Department, code) is not None
        return departments[code]

    rows = _read_rows(_decode(data), department_exists)

    created = updated = unchanged = 0
    kept: list[tuple[int, str]] = []
    for row in rows:
        coop = session.exec(select(Coop).where(Coop.affiliation == row.affiliation)).first()
        if coop is None:
            coop = Coop(affiliation=row.affiliation, school_name=row.school,
                        commune=row.commune or "", department_code=row.affiliation.split("-")[0])  # fmt: skip
            session.add(coop)
            session.flush()
            _ensure_school_ledger(session, coop)
            _apply_mandataire(session, coop, row)
            created += 1
            continue
        changed = False
        if coop.school_name != row.school:
            coop.school_name, changed = row.school, True
        if row.commune is not None and coop.commune != row.commune:
            coop.commune, changed = row.commune, True
        if changed:
            session.add(coop)
        changed |= _ensure_school_ledger(session, coop)
        mandataire_changed, name_kept = _apply_mandataire(session, coop, row)
        if name_kept:
            kept.append((row.line, row.affiliation))
        if changed or mandataire_changed:
            updated += 1
        else:
            unchanged += 1
    session.flush()
    return ImportResult(created, updated, unchanged, tuple(kept))


def _ensure_school_ledger(session: Session, coop: Coop) -> bool:
    """Give the coop its school ledger if it has none; whether one was created."""
    ledgers = session.exec(select(Ledger).where(Ledger.coop_id == coop.id)).all()
    if any(ledger.kind == LedgerKind.ECOLE for ledger in ledgers):
        return False
    if any(ledger.name.casefold() == SCHOOL_LEDGER_NAME.casefold() for ledger in ledgers):
        return False  # a class ledger took the name; leave it to a person to sort out
    session.add(Ledger(coop_id=coop.id, name=SCHOOL_LEDGER_NAME, kind=LedgerKind.ECOLE))
    session.flush()
    return True


def _apply_mandataire(session: Session, coop: Coop, row: _Row) -> tuple[bool, bool]:
    """The rule of import_coops; (whether anything changed, whether a name was kept)."""
    if not row.mandataire:
        return False, False
    found = session.exec(
        select(Role, Person)
        .join(Person, Role.person_id == Person.id)
        .where(Role.coop_id == coop.id, Role.kind == RoleKind.MANDATAIRE, Role.ended_at.is_(None))
        .order_by(Role.id)
    ).first()
    if found is None:
        person = Person(name=row.mandataire, email=row.email, telegram_id=None)
        session.add(person)
        session.flush()
        session.add(Role(person_id=person.id, kind=RoleKind.MANDATAIRE, coop_id=coop.id))
        session.flush()
        return True, False
    _role, person = found
    if person.telegram_id is None:
        if (person.name, person.email) == (row.mandataire, row.email):
            return False, False
        person.name, person.email = row.mandataire, row.email
        session.add(person)
        return True, False
    name_kept = _fold(person.name) != _fold(row.mandataire)
    if row.email is not None and person.email != row.email:
        person.email = row.email
        session.add(person)
        return True, name_kept
    return False, name_kept
