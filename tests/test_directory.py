"""The AD's directory: departments and their settings, coops imported from a spreadsheet.

Store functions first, then the `coopbot department` and `coopbot coops import`
commands run in-process against this test's own database.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import examples
from sqlmodel import Session, func, select

from bot.cli import main
from store.coops_import import CoopImportError, ImportProblem, ImportResult, import_coops
from store.departments import DirectoryError, add_department, set_department
from store.models import Coop, Department, Ledger, LedgerKind, Person, Role, RoleKind

GOOD_ROWS = [
    ("974-111", "École Les Tamarins", "Saint-Paul", "Marie Payet", "marie.payet@ac-reunion.fr"),
    ("974-112", "École du Centre", "Saint-Denis", "", ""),
    ("974-113", "École Jean Albany, annexe", "Le Tampon", "Luc Técher", ""),
]


def csv_text(rows, delimiter=";", header=("Affiliation", "École", "Commune", "Mandataire", "E-mail")):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture
def reunion(database):
    database.run(add_department, "974", "OCCE de La Réunion", "Indian/Reunion")
    return database


def count(database, model) -> int:
    return database.run(lambda s: s.exec(select(func.count()).select_from(model)).one())


def directory(session: Session) -> dict[str, dict]:
    """Every coop, its ledgers and its active mandataire, as plain values."""
    result = {}
    for coop in session.exec(select(Coop).order_by(Coop.affiliation)).all():
        ledgers = session.exec(select(Ledger).where(Ledger.coop_id == coop.id)).all()
        mandataires = session.exec(
            select(Person).join(Role, Role.person_id == Person.id).where(
                Role.coop_id == coop.id, Role.kind == RoleKind.MANDATAIRE, Role.ended_at.is_(None))
        ).all()  # fmt: skip
        result[coop.affiliation] = {
            "school": coop.school_name,
            "commune": coop.commune,
            "department": coop.department_code,
            "ledgers": sorted((ledger.name, ledger.kind) for ledger in ledgers),
            "mandataires": [(p.name, p.email, p.telegram_id) for p in mandataires],
        }
    return result


EXPECTED = {
    "974-111": {"school": "École Les Tamarins", "commune": "Saint-Paul", "department": "974",
                "ledgers": [("École", LedgerKind.ECOLE)],
                "mandataires": [("Marie Payet", "marie.payet@ac-reunion.fr", None)]},
    "974-112": {"school": "École du Centre", "commune": "Saint-Denis", "department": "974",
                "ledgers": [("École", LedgerKind.ECOLE)], "mandataires": []},
    "974-113": {"school": "École Jean Albany, annexe", "commune": "Le Tampon", "department": "974",
                "ledgers": [("École", LedgerKind.ECOLE)], "mandataires": [("Luc Técher", None, None)]},
}  # fmt: skip


# ------------------------------------------------------------------ the import, good files


def test_semicolons_accented_header_and_bom(reunion):
    data = ("\ufeff" + csv_text(GOOD_ROWS)).encode("utf-8")
    assert reunion.run(import_coops, data) == ImportResult(created=3, updated=0, unchanged=0)
    assert reunion.run(directory) == EXPECTED


def test_the_same_file_with_commas_and_plain_header(reunion):
    text = csv_text(GOOD_ROWS, ",", ("affiliation", "ecole", "commune", "mandataire", "email"))
    assert reunion.run(import_coops, text) == ImportResult(3, 0, 0)
    assert reunion.run(directory) == EXPECTED


@pytest.mark.parametrize("header", [
    ("  AFFILIATION ", " Nom de l’École", "Ville", "Nom du mandataire", "Courriel"),
    ("N° d'affiliation", "nom de l'ecole", "COMMUNE", "mandataire", "mail"),
    ("affiliation", "Ecole", "commune", "Mandataire", "e-mail"),
])  # fmt: skip
def test_header_names_are_matched_loosely(reunion, header):
    assert reunion.run(import_coops, csv_text(GOOD_ROWS, ";", header)) == ImportResult(3, 0, 0)
    assert reunion.run(directory) == EXPECTED


def test_columns_in_any_order_others_ignored_blank_lines_skipped(reunion):
    text = (
        "Commentaire;E-mail;École;Affiliation;Téléphone;Mandataire;Commune\n"
        "\n"
        "à rappeler;marie.payet@ac-reunion.fr;École Les Tamarins;974-111;0262;Marie Payet;Saint-Paul\n"
        ";;;;;;\n"
        "   \n"
        ";;  École du Centre ; 974-112 ;;;Saint-Denis\n"
        ";;École Jean Albany, annexe;974-113;;Luc Técher;Le Tampon\n"
    )
    assert reunion.run(import_coops, text) == ImportResult(3, 0, 0)
    assert reunion.run(directory) == EXPECTED


def test_only_the_required_columns(reunion):
    assert reunion.run(import_coops, "affiliation;école\n974-111;École Les Tamarins\n") == ImportResult(1, 0, 0)
    assert reunion.run(directory)["974-111"] == {**EXPECTED["974-111"], "commune": "", "mandataires": []}


def test_a_windows_excel_export_is_read_too(reunion):
    data = csv_text(GOOD_ROWS).encode("cp1252")
    assert reunion.run(import_coops, data) == ImportResult(3, 0, 0)
    assert reunion.run(directory) == EXPECTED


def test_tab_separated_as_copied_from_a_spreadsheet(reunion):
    assert reunion.run(import_coops, csv_text(GOOD_ROWS, "\t")) == ImportResult(3, 0, 0)


def test_corsica_and_two_digit_departments(database):
    database.run(add_department, "2a", "OCCE de Corse-du-Sud", "Europe/Paris")
    database.run(add_department, "01", "OCCE de l'Ain", "Europe/Paris")
    database.run(import_coops, "affiliation;ecole\n2A-7;École de Sartène\n01-12345;École de Bourg\n")
    coops = database.run(directory)
    assert coops["2A-7"]["department"] == "2A"
    assert coops["01-12345"]["department"] == "01"


# ------------------------------------------------------------------ the import, bad files


def test_bad_rows_are_all_listed_with_their_line_and_nothing_is_written(reunion):
    text = (
        "Affiliation;École;Commune;Mandataire;E-mail\n"  # 1
        "974-111;École Les Tamarins;Saint-Paul;Marie Payet;marie@ac-reunion.fr\n"  # 2: good
        "97-4;École A;;;\n"  # 3
        "\n"  # 4
        "974-114;;;;\n"  # 5
        '974-115;"École\nsur deux lignes";;;\n'  # 6-7: good, a quoted newline
        "975-1;École B;;;\n"  # 8
        "974-111;École C;;;\n"  # 9
        f"974-116;{'x' * 121};{'y' * 81};{'z' * 121};pas-un-mail\n"  # 10
        "974-117;École D;;;jean@ac-reunion.fr\n"  # 11
        "974-118;École E, annexe, la suite;;;;trop\n"  # 12
        "974111;École F;;;\n"  # 13
    )
    with pytest.raises(CoopImportError) as caught:
        reunion.run(import_coops, text)
    assert [(p.line, p.reason) for p in caught.value.problems] == [
        (3, "affiliation"),
        (5, "school_missing"),
        (8, "department_unknown"),
        (9, "duplicate_affiliation"),
        (10, "school_too_long"),
        (10, "commune_too_long"),
        (10, "mandataire_too_long"),
        (10, "email_invalid"),
        (11, "email_without_mandataire"),
        (12, "extra_cells"),
        (13, "affiliation"),
    ]
    assert caught.value.problems[0] == ImportProblem(3, "affiliation", "97-4")
    assert caught.value.problems[2] == ImportProblem(8, "department_unknown", "975-1")
    assert caught.value.problems[3] == ImportProblem(9, "duplicate_affiliation", "974-111")
    line, reason, detail = caught.value.problems[7]  # a plain tuple too
    assert (line, reason, detail) == (10, "email_invalid", "pas-un-mail")
    for model in (Coop, Ledger, Person, Role):
        assert count(reunion, model) == 0


def test_one_bad_row_refuses_a_file_that_would_update_too(reunion):
    reunion.run(import_coops, csv_text(GOOD_ROWS))
    changed = [("974-111", "Nouveau nom", "", "", ""), ("974-999", "", "", "", "")]
    with pytest.raises(CoopImportError):
        reunion.run(import_coops, csv_text(changed))
    assert reunion.run(directory) == EXPECTED


@pytest.mark.parametrize(("text", "problems"), [
    ("", [(1, "empty_file", "")]),
    ("\n  \n", [(1, "empty_file", "")]),
    ("commune;mandataire\n974-111;X\n", [(1, "missing_column", "affiliation"), (1, "missing_column", "school")]),
    ("\nAffiliation;École;Ville;Commune\n", [(2, "duplicate_column", "commune")]),
    ("affiliation,école\n974-111;École\n", [(2, "affiliation", "974-111;École"), (2, "school_missing", "")]),
])  # fmt: skip
def test_files_refused_as_a_whole(reunion, text, problems):
    with pytest.raises(CoopImportError) as caught:
        reunion.run(import_coops, text)
    assert caught.value.problems == [ImportProblem(*p) for p in problems]


def test_undecodable_bytes_give_their_line(reunion):
    data = "affiliation;école\n974-111;A\n".encode() + b"974-112;\x81\x8d\n"
    with pytest.raises(CoopImportError) as caught:
        reunion.run(import_coops, data)
    assert caught.value.problems == [ImportProblem(3, "encoding", "")]


def test_an_unreadable_line_is_a_problem_not_a_crash(reunion):
    text = 'affiliation;école\n974-111;École\n974-112;"' + "x" * 200_000 + "\n"
    with pytest.raises(CoopImportError) as caught:
        reunion.run(import_coops, text)
    assert caught.value.problems == [ImportProblem(3, "unreadable", "")]


def test_unknown_department(database):
    with pytest.raises(CoopImportError) as caught:
        database.run(import_coops, csv_text(GOOD_ROWS[:1]))
    assert caught.value.problems == [ImportProblem(2, "department_unknown", "974-111")]


# ------------------------------------------------------------------ re-importing


def test_reimport_updates_and_never_duplicates(reunion):
    reunion.run(import_coops, csv_text(GOOD_ROWS))
    assert reunion.run(import_coops, csv_text(GOOD_ROWS)) == ImportResult(0, 0, 3)
    changed = [
        ("974-111", "École Les Tamarins", "Saint-Paul", "Marie Payet-Hoarau", "marie@ac-reunion.fr"),
        ("974-112", "École élémentaire du Centre", "Saint-Denis", "", ""),
        ("974-113", "École Jean Albany, annexe", "Le Tampon", "Luc Técher", ""),
        ("974-120", "École neuve", "", "", ""),
    ]
    assert reunion.run(import_coops, csv_text(changed)) == ImportResult(1, 2, 1)
    coops = reunion.run(directory)
    assert len(coops) == 4
    assert coops["974-111"]["mandataires"] == [("Marie Payet-Hoarau", "marie@ac-reunion.fr", None)]
    assert coops["974-112"]["school"] == "École élémentaire du Centre"
    assert all(c["ledgers"] == [("École", LedgerKind.ECOLE)] for c in coops.values())
    assert count(reunion, Person) == 2
    assert count(reunion, Role) == 2
    assert count(reunion, Ledger) == 4


def test_a_row_without_mandataire_keeps_the_one_there(reunion):
    reunion.run(import_coops, csv_text(GOOD_ROWS))
    assert reunion.run(import_coops, "affiliation;école\n974-111;École Les Tamarins\n") == ImportResult(0, 0, 1)
    assert reunion.run(directory)["974-111"] == EXPECTED["974-111"]


def test_without_a_commune_column_the_commune_stays(reunion):
    reunion.run(import_coops, csv_text(GOOD_ROWS))
    assert reunion.run(import_coops, "affiliation;école\n974-111;Tamarins\n") == ImportResult(0, 1, 0)
    assert reunion.run(directory)["974-111"]["commune"] == "Saint-Paul"


def test_a_mandataire_already_on_telegram_keeps_their_name(demo):
    """The demo's 974-111 has Marie Payet, linked to Telegram account 1001."""
    before = demo.run(directory)["974-111"]
    assert before["mandataires"] == [("Marie Payet", "marie.payet@ac-reunion.fr", 1001)]
    text = "affiliation;école;commune;mandataire;email\n974-111;École Les Tamarins;Saint-Paul;Jeanne Hoarau;jh@ac-reunion.fr\n"
    result = demo.run(import_coops, text)
    assert result == ImportResult(0, 1, 0, mandataires_kept=((2, "974-111"),))
    after = demo.run(directory)["974-111"]
    assert after["mandataires"] == [("Marie Payet", "jh@ac-reunion.fr", 1001)]
    assert after["ledgers"] == before["ledgers"]  # the demo's three ledgers, no second school one


def test_same_name_written_differently_is_not_reported(demo):
    text = "affiliation;école;commune;mandataire\n974-111;École Les Tamarins;Saint-Paul;MARIE PAYET\n"
    assert demo.run(import_coops, text) == ImportResult(0, 0, 1)


def test_a_coop_made_before_gets_its_school_ledger(reunion):
    def old_coop(session):
        session.add(Coop(affiliation="974-200", school_name="Ancienne", department_code="974"))

    reunion.run(old_coop)
    assert reunion.run(import_coops, "affiliation;école\n974-200;Ancienne\n") == ImportResult(0, 1, 0)
    assert reunion.run(directory)["974-200"]["ledgers"] == [("École", LedgerKind.ECOLE)]


names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).map(lambda s: " ".join(s.split())).filter(bool)


@settings(max_examples=examples(3))
@given(rows=st.lists(st.tuples(names, names), min_size=1, max_size=5), delimiter=st.sampled_from(";,\t"))
def test_any_school_name_comes_back_as_written(reunion, rows, delimiter):
    """Separators, quotes and accents inside cells survive the trip through a spreadsheet file."""
    rows = [(f"974-{i}", school, commune) for i, (school, commune) in enumerate(rows, start=1)]
    text = csv_text(rows, delimiter, ("Affiliation", "École", "Commune"))
    with Session(reunion.engine) as session:
        with session.begin():
            import_coops(session, text)
            got = [(c.affiliation, c.school_name, c.commune)
                   for c in session.exec(select(Coop).order_by(Coop.id))]  # fmt: skip
            session.rollback()
    assert got == rows


# ------------------------------------------------------------------ departments


def test_add_department(database):
    department = database.run(add_department, " 974 ", "  OCCE de La Réunion ", "Indian/Reunion")
    assert (department.code, department.name, department.timezone) == ("974", "OCCE de La Réunion", "Indian/Reunion")
    assert department.membership_opens == "09-01"
    assert database.run(lambda s: s.get(Department, "974")).cotisation_cents == 205


@pytest.mark.parametrize(("code", "name", "tz", "reason"), [
    ("9740", "X", "Europe/Paris", "department_code"),
    ("9", "X", "Europe/Paris", "department_code"),
    ("2C", "X", "Europe/Paris", "department_code"),
    ("00", "X", "Europe/Paris", "department_code"),
    ("974", "", "Europe/Paris", "name"),
    ("974", "x" * 121, "Europe/Paris", "name"),
    ("974", "X", "Indian/Réunion", "timezone"),
    ("974", "X", "", "timezone"),
    ("974", "X", "../etc/passwd", "timezone"),
])  # fmt: skip
def test_add_department_refusals(database, code, name, tz, reason):
    with pytest.raises(DirectoryError) as caught:
        database.run(add_department, code, name, tz)
    assert caught.value.reason == reason
    assert count(database, Department) == 0


def test_a_department_is_added_once(reunion):
    with pytest.raises(DirectoryError) as caught:
        reunion.run(add_department, "974", "Encore", "Europe/Paris")
    assert (caught.value.reason, caught.value.value) == ("department_exists", "974")


def test_set_department_every_setting(reunion):
    department = reunion.run(
        set_department, "974", name="OCCE 974", timezone="Europe/Paris", membership_opens="09-02",
        membership_closes="11-30", report_deadline="10-15", cotisation_cents=210, assurance_cents=0,
        adult_rate_cents=230, chart="occe-974",
    )  # fmt: skip
    stored = reunion.run(lambda s: s.get(Department, "974"))
    for d in (department, stored):
        assert (d.name, d.timezone, d.membership_opens, d.membership_closes, d.report_deadline) == (
            "OCCE 974", "Europe/Paris", "09-02", "11-30", "10-15")  # fmt: skip
        assert (d.cotisation_cents, d.assurance_cents, d.adult_rate_cents, d.chart) == (210, 0, 230, "occe-974")
    reunion.run(set_department, "974", adult_rate_cents=None)
    assert reunion.run(lambda s: s.get(Department, "974")).adult_rate_cents is None


@pytest.mark.parametrize(("changes", "reason", "field"), [
    ({"membership_opens": "02-29"}, "month_day", "membership_opens"),
    ({"membership_closes": "13-01"}, "month_day", "membership_closes"),
    ({"report_deadline": "9-30"}, "month_day", "report_deadline"),
    ({"report_deadline": "0930"}, "month_day", "report_deadline"),
    ({"report_deadline": "09-31"}, "month_day", "report_deadline"),
    ({"report_deadline": "00-10"}, "month_day", "report_deadline"),
    ({"cotisation_cents": -1}, "amount", "cotisation_cents"),
    ({"assurance_cents": 2.5}, "amount", "assurance_cents"),
    ({"cotisation_cents": None}, "amount", "cotisation_cents"),
    ({"adult_rate_cents": 100_000_01}, "amount", "adult_rate_cents"),
    ({"chart": "../occe"}, "chart", "chart"),
    ({"chart": ""}, "chart", "chart"),
    ({"timezone": "Mars/Olympus"}, "timezone", "timezone"),
    ({"name": "  "}, "name", "name"),
    ({"name": "OCCE 974", "report_deadline": "02-30"}, "month_day", "report_deadline"),
])  # fmt: skip
def test_set_department_refusals_change_nothing(reunion, changes, reason, field):
    with pytest.raises(DirectoryError) as caught:
        reunion.run(set_department, "974", **changes)
    assert (caught.value.reason, caught.value.field) == (reason, field)
    department = reunion.run(lambda s: s.get(Department, "974"))
    assert department.name == "OCCE de La Réunion"
    assert department.report_deadline == "09-30"


def test_set_department_reminder_settings(reunion):
    reunion.run(set_department, "974", reminder_days="1, 3,15,7,3", reminder_from_hour="9", reminder_until_hour=18,
                school_holidays="2026-10-17:2026-11-01; 2026-12-19:2027-01-03", validation_wait_days=5,
                report_prepare="06-15")  # fmt: skip
    d = reunion.run(lambda s: s.get(Department, "974"))
    assert (d.reminder_days, d.reminder_from_hour, d.reminder_until_hour, d.validation_wait_days, d.report_prepare) == (
        "15,7,3,1", 9, 18, 5, "06-15")  # fmt: skip
    assert d.school_holidays == "2026-10-17:2026-11-01,2026-12-19:2027-01-03"


@pytest.mark.parametrize(("changes", "reason"), [
    ({"reminder_days": "0,7"}, "reminder_days"), ({"reminder_days": "quinze"}, "reminder_days"),
    ({"reminder_from_hour": 19}, "reminder_hours"), ({"reminder_until_hour": "25"}, "reminder_hours"),
    ({"school_holidays": "2026-11-01:2026-10-17"}, "school_holidays"),
    ({"school_holidays": "Toussaint"}, "school_holidays"), ({"validation_wait_days": 0}, "validation_wait_days"),
])  # fmt: skip
def test_reminder_settings_refused(reunion, changes, reason):
    with pytest.raises(DirectoryError) as caught:
        reunion.run(set_department, "974", **changes)
    assert caught.value.reason == reason
    assert reunion.run(lambda s: s.get(Department, "974")).reminder_from_hour == 8


def test_set_unknown_department_or_setting(reunion):
    with pytest.raises(DirectoryError) as caught:
        reunion.run(set_department, "976", name="OCCE de Mayotte")
    assert caught.value.reason == "department_unknown"
    with pytest.raises(TypeError):
        reunion.run(set_department, "974", colour="blue")


# ------------------------------------------------------------------ the command line


@pytest.fixture
def cli(database_url, monkeypatch, capsys):
    """Run `coopbot …` in-process on this test's database: (exit code, stdout, stderr)."""
    monkeypatch.setenv("DATABASE_URL", database_url)

    def run(*argv: str):
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_cli_department_add_and_set(cli):
    code, out, err = cli("department", "add", "974", "OCCE de La Réunion", "--timezone", "Indian/Reunion")
    assert (code, err) == (0, "")
    assert out == "Département 974 créé : OCCE de La Réunion (Indian/Reunion).\n"

    code, out, err = cli("department", "set", "974", "--membership-closes", "11-30", "--cotisation", "2,10",
                         "--assurance", "0,25", "--adult-rate", "2,30", "--chart", "occe974")  # fmt: skip
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "Département 974 mis à jour."
    assert "  adhésion : du 1er septembre au 30 novembre" in out
    assert "  cotisation : 2,10\u00a0€, assurance : 0,25\u00a0€" in out
    assert "  tarif adulte : 2,30\u00a0€" in out
    assert "  plan comptable : occe974" in out

    code, out, err = cli("department", "set", "974", "--adult-rate", "aucun", "--assurance", "0")
    assert code == 0
    assert "  tarif adulte : aucun" in out
    assert "assurance : 0,00\u00a0€" in out

    code, out, _ = cli("department", "set", "974")
    assert code == 0 and out.startswith("Département 974 :\n974 — OCCE de La Réunion\n")

    code, out, err = cli("department", "set", "974", "--reminder-days", "10,5,1", "--reminder-hours", "9-18",
                         "--school-holidays", "2026-10-17:2026-11-01", "--validation-wait", "4")  # fmt: skip
    assert (code, err) == (0, "")
    assert ("  rappels : 10,5,1 jours avant chaque date limite, de 9 h à 18 h, "
            "préparation des comptes rendus le 1er juillet") in out
    assert "  vacances scolaires : 2026-10-17:2026-11-01" in out
    assert "  adhésion en attente de validation : rappel à l'OCCE après 4 jours" in out
    code, _, err = cli("department", "set", "974", "--reminder-hours", "19-8")
    assert (code, err.strip()) == (2, "coopbot: heures d'envoi invalides (de 0 à 24, la première avant la seconde, ex. 8-19)")


@pytest.mark.parametrize(("argv", "message"), [
    (("department", "add", "974", "Encore"), "coopbot: le département 974 existe déjà (coopbot department set)"),
    (("department", "add", "9745", "X"), "coopbot: code de département invalide (974, 01, 2A…) : '9745'"),
    (("department", "add", "75", "X", "--timezone", "Paris"), "coopbot: fuseau horaire inconnu (ex. Indian/Reunion) : 'Paris'"),
    (("department", "set", "976", "--name", "X"), "coopbot: département inconnu : 976 (coopbot department add)"),
    (("department", "set", "974", "--report-deadline", "02-29"),
     "coopbot: date invalide pour --report-deadline (MM-JJ, ex. 09-30) : '02-29'"),
    (("department", "set", "974", "--cotisation", "deux"), "coopbot: --cotisation : montant invalide (ex. 2,05) : 'deux'"),
    (("department", "set", "974", "--adult-rate", "2,305"), "coopbot: --adult-rate : deux décimales au plus : '2,305'"),
    (("department", "set", "974", "--chart", "a/b"), "coopbot: plan comptable invalide (lettres, chiffres, - et _) : 'a/b'"),
])  # fmt: skip
def test_cli_department_refusals(cli, argv, message):
    cli("department", "add", "974", "OCCE de La Réunion", "--timezone", "Indian/Reunion")
    code, out, err = cli(*argv)
    assert (code, out, err) == (2, "", message + "\n")


def test_cli_coops_import(cli, tmp_path):
    cli("department", "add", "974", "OCCE de La Réunion", "--timezone", "Indian/Reunion")
    path = tmp_path / "coops.csv"
    path.write_bytes(("\ufeff" + csv_text(GOOD_ROWS)).encode())
    assert cli("coops", "import", str(path)) == (0, "Import terminé : 3 créées, 0 mise à jour, 0 inchangée.\n", "")
    path.write_text(csv_text([*GOOD_ROWS[:2], ("974-113", "École Jean Albany", "", "", "")]))
    assert cli("coops", "import", str(path)) == (0, "Import terminé : 0 créée, 1 mise à jour, 2 inchangées.\n", "")


def test_cli_coops_import_refused(cli, tmp_path, database):
    cli("department", "add", "974", "OCCE de La Réunion", "--timezone", "Indian/Reunion")
    path = tmp_path / "coops.csv"
    path.write_text(
        "Affiliation;École;Commune;Mandataire;E-mail\n"
        "974-111;École Les Tamarins;;;\n"
        "974-112;;;;\n"
        "97-4;École;;;\n"
        f"974-113;{'Très long nom ' * 10};;Jean;jean@\n"
    )
    code, out, err = cli("coops", "import", str(path))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "ligne 3 : nom de l'école manquant",
        "ligne 4 : numéro d'affiliation invalide (attendu 974-123) : '97-4'",
        "ligne 5 : nom d'école trop long (120 max) : 'Très long nom Très long nom T…'",
        "ligne 5 : adresse e-mail invalide : 'jean@'",
        "Rien n'a été importé.",
    ]
    assert all(len(line) <= 80 for line in err.splitlines())
    assert count(database, Coop) == 0


def test_cli_coops_import_many_problems_are_cut_short(cli, tmp_path):
    cli("department", "add", "974", "OCCE de La Réunion", "--timezone", "Indian/Reunion")
    path = tmp_path / "coops.csv"
    path.write_text("affiliation;école\n" + "x;y\n" * 100)
    code, _, err = cli("coops", "import", str(path))
    lines = err.splitlines()
    assert code == 2
    assert len(lines) == 32
    assert lines[-2:] == ["… et 70 autres problèmes.", "Rien n'a été importé."]


def test_cli_coops_import_reports_kept_mandataire_names(cli, demo, tmp_path):
    path = tmp_path / "coops.csv"
    path.write_text("affiliation;école;commune;mandataire\n974-111;École Les Tamarins;Saint-Paul;Jeanne Hoarau\n")
    code, out, err = cli("coops", "import", str(path))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "ligne 2 : 974-111 : mandataire déjà inscrit sur le bot, nom gardé",
        "Import terminé : 0 créée, 0 mise à jour, 1 inchangée.",
    ]


def test_cli_coops_import_from_standard_input(cli, monkeypatch):
    cli("department", "add", "974", "OCCE de La Réunion", "--timezone", "Indian/Reunion")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(csv_text(GOOD_ROWS).encode())))
    assert cli("coops", "import", "-")[:2] == (0, "Import terminé : 3 créées, 0 mise à jour, 0 inchangée.\n")


def test_cli_coops_import_missing_file(cli, tmp_path):
    code, out, err = cli("coops", "import", str(tmp_path / "absent.csv"))
    assert (code, out) == (2, "")
    assert err == f"coopbot: impossible de lire {tmp_path / 'absent.csv'} : fichier introuvable\n"


def test_cli_bad_database_url_is_one_line(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "mysql://nope")
    assert main(["department", "add", "974", "X"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and err.startswith("coopbot: DATABASE_URL")
