"""Render /export's files to PNG, to look at them as a treasurer would print them.

    PYTHONPATH=. python bench/render_exports.py [folder]   # default: /tmp/coopbot-exports

Builds the demo coop with its books (and a class entry in Arabic and Chinese script) in a fresh
SQLite file, exports the whole coop's year as PDF, XLSX and the chart of /solde; then coop
974-300's last year (store/demo.py's seed_year_end) counted, closed, its CRA answered and its
quitus given, as the compte rendu's PDF (compte-rendu-*.png), and that year's cahier and journal
(cahier-974-300-*.png, xlsx-974-300-*.png); renders the PDFs with pdftoppm (poppler-utils) and the
XLSX with LibreOffice headless (libreoffice-calc-nogui; skipped, and said, if missing).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlmodel import select

from bot.exports import chart, files, report
from store import crf, entries, exports, migrate, reports
from store.db import Database, make_engine
from store.demo import seed_demo
from store.models import Coop, Direction, Ledger, Means, Treasury
from store.people import who_is
from store.years import fiscal_year_bounds, fiscal_year_of, today_in
from tests.yearend import reported_year

MARIE = 1001


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'coopbot.db'}"
    (folder / "coopbot.db").unlink(missing_ok=True)
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    database = Database(url)
    database.run(seed_demo)
    today = today_in("Indian/Reunion")
    year = fiscal_year_of(today)

    def add_entries(session):
        marie = who_is(session, MARIE)
        ce1a = session.exec(select(Ledger).where(Ledger.name == "CE1A")).first()
        for label, amount, account in (("Don de 李小龙 et de فاطمة", 1234_56, "dons"),
                                       ("Sortie au jardin botanique, car et entrées", 310_00, "sorties")):
            entries.record_entry(session, marie, ce1a.id, direction=Direction.RECETTE if account == "dons"
                                else Direction.DEPENSE, day=today, label=label, treasury=Treasury.BANQUE,
                                means=Means.VIREMENT, amount=amount, splits=account, today=today)

    database.run(add_entries)
    coop_id = database.run(lambda s: s.exec(select(Coop.id).where(Coop.affiliation == "974-111")).one())
    first, last = fiscal_year_bounds(year)
    book = database.run(lambda s: exports.gather(s, who_is(s, MARIE), first=first, last=last, coop_id=coop_id))
    figures = database.run(lambda s: crf.year_report(s, who_is(s, MARIE), coop_id, year))
    write_book(folder, "", book, figures)
    (folder / "journal.csv").write_bytes(files.journal_csv(book))
    picture = database.run(lambda s: exports.year_picture(s, who_is(s, MARIE), coop_id, year))
    (folder / "graphique.png").write_bytes(chart.year_png(picture, "fr"))
    reported = reported_year(database)  # the year tests/test_crf_files.py reads back
    view, made_on = reported.act("mandataire", reports.year_view, reported.coop, reported.year)
    (folder / "compte-rendu.pdf").write_bytes(report.crf_pdf(view, made_on))
    render_pdf(folder / "compte-rendu.pdf")
    # That same year's cahier and journal (974-300's: the year tests/test_yearend_files.py exports and imports)
    first, last = fiscal_year_bounds(reported.year)
    book = reported.act("mandataire", exports.gather, first=first, last=last, coop_id=reported.coop)
    figures = reported.act("mandataire", crf.year_report, reported.coop, reported.year)
    write_book(folder, "-974-300", book, figures)
    print("\n".join(sorted(str(p) for p in folder.glob("*.png"))))


def write_book(folder: Path, suffix: str, book, figures) -> None:
    """A book's cahier as PDF and journal as XLSX (with its CRF sheet), each rendered to PNG pages."""
    (folder / f"cahier{suffix}.pdf").write_bytes(files.cahier_pdf(book))
    (folder / f"journal{suffix}.xlsx").write_bytes(
        files.journal_xlsx(book, lambda workbook: report.crf_sheet(workbook, figures)))
    render_pdf(folder / f"cahier{suffix}.pdf")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        print(f"LibreOffice is not installed (apt-get install libreoffice-calc-nogui): journal{suffix}.xlsx "
              "is not rendered")  # fmt: skip
        return
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", out, str(folder / f"journal{suffix}.xlsx")],
                       check=True, capture_output=True, timeout=180)  # fmt: skip
        shutil.move(Path(out) / f"journal{suffix}.pdf", folder / f"xlsx{suffix}.pdf")
    render_pdf(folder / f"xlsx{suffix}.pdf")


def render_pdf(path: Path) -> None:
    """The PDF's pages as PNG beside it (name-1.png…), at 80 dpi: what a person looks at."""
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm is missing: apt-get install poppler-utils")
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(path), str(path.with_suffix(""))], check=True)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.gettempdir()) / "coopbot-exports")
