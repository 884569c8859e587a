"""`coopbot sandbox`: the terminal chat, typed into as a person would."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

from bot.sandbox.terminal import Terminal, sandbox
from store import migrate
from store.db import Database
from tests.conftest import repo_root


async def chat(database, *lines: str, files: Path | None = None) -> str:
    """Everything the terminal prints when these lines are typed into `sandbox`."""
    stdout = io.StringIO()
    await sandbox(database, stdin=io.StringIO("".join(f"{line}\n" for line in lines)), stdout=stdout, files=files)
    return stdout.getvalue()


async def test_start_and_help_in_french_then_switch_user(database, tmp_path):
    out = await chat(database, "/start", "/aide", ":user enseignant", "/start", ":quitter", "/aide",
                     files=tmp_path / "s")  # fmt: skip
    assert "vous parlez au bot comme Marie Payet (mandataire)" in out
    assert ":aide" in out.split("\n")[1]
    assert "Marie (mandataire) › /start\nCoopBot #2 › Bonjour Marie !" in out
    assert "CoopBot #4 › Voici ce que vous pouvez faire :" in out
    assert "             /aide — Les commandes que vous pouvez utiliser" in out
    assert "Vous êtes maintenant Julien Hoarau (enseignant)." in out
    assert "Julien (enseignant) › /start\nCoopBot #2 › Bonjour Julien !" in out
    assert "cahier CE1A" in out
    assert out.endswith("Julien (enseignant) › :quitter\nAu revoir !\n")  # nothing read after :quitter


async def test_terminal_mistakes_get_a_french_explanation(database, tmp_path):
    out = await chat(database, ":1", ":user x", ":users", ":photo /pas/la.jpg", ":doc", ":zut", ":aide", ":reply 99 ?",
                     ":reply", files=tmp_path / "s")  # fmt: skip
    assert "Aucun message avec des boutons : il n'y a rien sur quoi appuyer." in out
    assert "Personne inconnue : x." in out
    assert out.count("  enseignante  Sophie Grondin (enseignante)") == 2  # after :user x, and :users
    assert "Fichier introuvable : /pas/la.jpg." in out
    assert "Fichier introuvable : (aucun chemin)." in out
    assert "Commande du terminal inconnue : :zut. Tapez :aide pour la liste." in out
    assert ":user CLÉ" in out and ":quitter" in out and ":reply N texte" in out and ":N " in out
    assert out.count("Tapez :reply N texte, N étant le numéro d'un message de cette conversation (CoopBot #N).") == 2
    assert out.endswith("Au revoir !\n")  # the end of input quits too


async def test_buttons_are_numbered_across_rows_and_pressed_by_number(sim, bot, demo):
    stdout = io.StringIO()
    terminal = Terminal(sim, io.StringIO(":4\n3\n:2\n"), stdout)
    await sim.api_sendMessage({"chat_id": 1001, "text": "Quel cahier ?", "reply_markup": {
        "inline_keyboard": [[{"text": "CE1A", "callback_data": "gone:1"},
                             {"text": "CE2B", "callback_data": "gone:2"}],
                            [{"text": "Le site", "url": "https://example.org"}]]}})  # fmt: skip
    terminal.show_message(terminal.user.last, edited=False)
    await terminal.run()
    out = stdout.getvalue()
    assert "CoopBot #1 › Quel cahier ?\n  [1] CE1A   [2] CE2B\n  [3] Le site\n" in out
    assert "Il n'y a pas de bouton 4 : choisissez entre 1 et 3." in out
    assert "Ce bouton ouvre un lien : https://example.org" in out
    assert "› :2\n  (notification) Ce bouton n'est plus valable." in out


async def test_files_go_both_ways(sim, bot, demo, tmp_path):
    (tmp_path / "ticket.pdf").write_bytes(b"%PDF-1.4 ticket")
    (tmp_path / "ticket.jpg").write_bytes(b"\xff\xd8\xff ticket")
    stdout = io.StringIO()
    terminal = Terminal(sim, io.StringIO(f":doc {tmp_path}/ticket.pdf\n:photo {tmp_path}/ticket.jpg\n"), stdout)
    await terminal.run()
    sent = [m for m in terminal.user.history if not m.from_bot]
    assert [m.file_name for m in sent if m.document] == ["ticket.pdf"]
    assert terminal.user.download(sent[0].document) == b"%PDF-1.4 ticket"
    assert len([m for m in sent if m.photo]) == 1
    await sim.api_sendDocument({"chat_id": 1001, "caption": "Votre relevé\nde mars",
                                "document": {"upload": b"pdf", "filename": "releve.pdf"}})  # fmt: skip
    terminal.show_message(terminal.user.last, edited=True)
    assert "CoopBot #5 › (modifié) [document: releve.pdf]\n" in stdout.getvalue()
    pad = " " * len("CoopBot #5 › (modifié) ")
    assert f"\n{pad}Votre relevé\n{pad}de mars\n" in stdout.getvalue()


def test_coopbot_sandbox_without_token_answers_in_french(tmp_path):
    coopbot = Path(sys.executable).with_name("coopbot")
    assert coopbot.exists(), "install the project first: pip install -e '.[dev]'"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path}/s.db", "PYTHONPATH": str(repo_root())}
    done = subprocess.run([coopbot, "sandbox"], input="/start\n/aide\n:quitter\n", cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Bonjour Marie" in done.stdout
    assert f"Les documents que le bot envoie sont enregistrés dans {tmp_path.resolve()}/s-documents." in done.stdout
    assert "Voici ce que vous pouvez faire" in done.stdout
    assert "Au revoir !" in done.stdout


async def test_a_typed_number_is_text_when_the_bot_waits_for_text(database, tmp_path):
    """A whole-euro amount, a class's pupils and other adults are typed as numbers; :N and N press buttons."""
    out = await chat(database, "/depense", "12", "/annuler",
                     "/adhesion", ":2", "1", "CM2", "Luc Rivière luc.riviere@ac-reunion.fr", "1", "1", "1",
                     "1", "CE2", "Nina Boyer nina.boyer@ac-reunion.fr", "25", "2", ":1", files=tmp_path / "s")  # fmt: skip
    assert "Il n'y a pas de bouton" not in out and "Aucun message avec des boutons" not in out
    assert "Marie (mandataire) › 12\nCoopBot #4 › Et son libellé ?" in out
    assert "Nombre d'autres adultes de CM2" in out  # "1" pupil was taken as the answer
    assert "Ligne 1 (CM2) enregistrée." in out and "Ligne 2 (CE2) enregistrée." in out
    assert "1 ens. · 1 élève · 1 autre adulte = 3" in out
    assert "1 ens. · 25 élèves · 2 autres adultes = 28" in out
    assert "Total : 2 ens. · 26 élèves · 3 autres adultes = 31 membres" in out


async def test_someone_else_sees_what_arrived_meanwhile_and_replies_to_it(database, tmp_path):
    out = await chat(database, ":user enseignant", "/contact", "Faut-il compter l'ATSEM ?", ":user ad",
                     ":reply 1 Oui, parmi les autres adultes.", ":user ad", ":user enseignant",
                     files=tmp_path / "s")  # fmt: skip
    ad = out.split("Vous êtes maintenant Paul Técher (ad).\n", 1)[1]
    assert ad.startswith("Reçu entre-temps par Paul :\nCoopBot #1 › ✉️ Message de Julien Hoarau")
    assert "Faut-il compter l'ATSEM ?" in ad
    assert "Paul (ad) › :reply 1 Oui, parmi les autres adultes.\nCoopBot #3 › Réponse envoyée." in out
    assert "Vous êtes maintenant Paul Técher (ad).\nPaul (ad) › :user enseignant" in out  # nothing new the 2nd time
    julien = out.rsplit("Vous êtes maintenant Julien Hoarau (enseignant).\n", 1)[1]
    assert julien.startswith("Reçu entre-temps par Julien :\nCoopBot #5 › 💬 Réponse de l'OCCE 974 (Paul Técher)")
    assert "Oui, parmi les autres adultes." in julien


async def test_membership_validated_then_attestation_saved_to_a_file(database, tmp_path):
    out = await chat(database, "/adhesion", "1", "4", "1", ":user ad", "1", "1", ":user mandataire", "/adhesion", "1",
                     files=tmp_path / "essai")  # fmt: skip
    marie = out.split("Vous êtes maintenant Marie Payet (mandataire).\n", 1)[1]
    assert marie.startswith("Reçu entre-temps par Marie :\n")
    assert "L'OCCE a validé l'adhésion" in marie.split("\n")[1]
    saved = sorted((tmp_path / "essai-documents").iterdir())
    assert len(saved) == 1 and saved[0].suffix == ".pdf" and saved[0].read_bytes().startswith(b"%PDF")
    assert f"(enregistré : {saved[0]})" in out


async def test_receipts_are_kept_beside_the_sandbox_database_png_as_png(tmp_path):
    database = Database(f"sqlite:///{tmp_path}/essai.db")
    migrate.upgrade(database.engine)
    (tmp_path / "ticket.png").write_bytes(b"\x89PNG\r\n\x1a\n ticket")
    (tmp_path / "ticket.jpg").write_bytes(b"\xff\xd8\xff ticket")
    try:
        out = await chat(database, "/depense 8,40 Colle; CE1A; fournitures; espèces", "1", "1",
                         f":photo {tmp_path}/ticket.png", f":photo {tmp_path}/ticket.jpg")  # fmt: skip
    finally:
        database.dispose()
    assert "Image non JPEG : envoyée comme fichier (ticket.png), pour être gardée telle quelle." in out
    assert out.count("📎 Justificatif joint à l'écriture") == 2
    kept = sorted(p for p in (tmp_path / "essai-receipts").rglob("*") if p.is_file())
    assert sorted(p.suffix for p in kept) == [".jpg", ".png"]
    assert {p.read_bytes() for p in kept} == {b"\x89PNG\r\n\x1a\n ticket", b"\xff\xd8\xff ticket"}


async def test_cancelling_with_nothing_in_progress_says_so(database, tmp_path):
    out = await chat(database, "/annuler", "/adhesion", "/annuler", "/journal", "/annuler", "/journal", "1",
                     "/annuler", "/cahiers", "/annuler", files=tmp_path / "s")  # fmt: skip
    assert "C'est annulé" not in out
    assert out.count("Il n'y a rien en cours : rien à annuler.") == 2  # at first, and after /cahiers (a plain list)
    assert out.count("Il n'y avait rien en cours à annuler : ce qui est enregistré le reste.") == 3


async def test_the_membership_deadline_is_said_once(database, tmp_path):
    out = await chat(database, "/adhesion", files=tmp_path / "s")
    state = out.split("\n\n")[1]
    assert len(re.findall(r"\d\d/\d\d/\d{4}", state)) == 1, state


async def test_the_demo_has_a_verificateur_who_reads_without_changing(database, tmp_path):
    out = await chat(database, ":user verificateur", "/moi", "/solde", "/depense 3 Craies", files=tmp_path / "s")
    assert "vérificateur·rice aux comptes de la coopérative 974-111" in out
    assert "cahier CE1A" in out  # /solde: every ledger of the coop
    assert "Dépense à enregistrer" not in out


async def test_the_ad_follows_the_department_and_writes_to_its_mandataires(database, tmp_path):
    out = await chat(database, ":user ad", "/suivi", "/annonce", ":1", "Réunion des mandataires mercredi à 14 h.", ":1",
                     ":user mandataire2", files=tmp_path / "s")  # fmt: skip
    assert "974-160 École Les Badamiers · Saint-Pierre\n" in out and "✅ validée" in out
    assert "974-171 École Jean Albany · Saint-Pierre\n" in out
    assert "Tous les mandataires (4)" in out  # 974-111, 974-300, 974-160, 974-171
    assert "Annonce envoyée : 4 remis, 0 bloqué, 0 en échec." in out
    received = out.split("› :user mandataire2")[1]
    assert "Annonce de l'OCCE 974\n" in received and "Réunion des mandataires mercredi à 14 h." in received, received


async def test_the_reminders_clock_moves_forward_in_the_sandbox(database, tmp_path):
    from store.years import fiscal_year_of, today_in

    year = fiscal_year_of(today_in("Indian/Reunion"))
    out = await chat(database, f":date {year}-09-25", ":date demain", f":date {year}-09-26", files=tmp_path / "s")
    assert f"Horloge des rappels : 25/09/{year} à 10 h (La Réunion)." in out
    assert f"CoopBot #1 › ⏰ Adhésion {year}-{year + 1} — coopérative 974-111" in out
    assert f"Il reste 7 jours pour valider l'adhésion : la date limite est le 30/09/{year}." in out
    assert "Tapez une date comme ceci : :date 2026-09-25" in out
    # The next day, the 7-day reminder has gone already and the 3-day one is not due yet.
    assert out.split(f":date {year}-09-26")[1].startswith(f"\nHorloge des rappels : 26/09/{year} à 10 h (La Réunion)."
                                                            "\nAucun rappel à envoyer ce jour-là.")


async def test_the_demo_has_reports_with_the_ad(database, tmp_path):
    from sqlmodel import select

    from store import reports as store_reports
    from store.models import Coop
    from store.years import fiscal_year_of, today_in

    year = fiscal_year_of(today_in("Indian/Reunion")) - 1
    years = f"{year}-{year + 1}"
    out = await chat(database, ":user ad", "/valider", ":2", ":1", ":user mandataire2",
                     f"/depense 5 Timbres; fournitures; espèces; 15/06/{year + 1}", ":3", files=tmp_path / "s")  # fmt: skip
    reports = out.split("Paul (ad) › :2")[1].split("Paul (ad) › :1")[0]
    review = out.split("Paul (ad) › :1")[1].split(":user mandataire2")[0]
    depense = out.split("/depense 5 Timbres")[1]
    assert f"Comptes rendus {years} — OCCE 974" in reports
    assert "🔍 À examiner (1) : 974-160 École Les Badamiers" in reports
    assert "✅ Validés (1) : 974-171 École Jean Albany" in reports
    assert f"Compte rendu {years} — 974-160 École Les Badamiers" in review and "État : 📤 envoyé" in review
    assert "Josiane Grondin (parent d'élève)" in review and "[1] ✅ Valider et verrouiller l'exercice" in review
    # Its mandataire is warned before changing that year; Annuler changes nothing.
    assert f"⚠️ Le compte rendu {years} déjà envoyé sera modifié" in depense and "[1] ✅ Enregistrer" in depense
    assert database.run(lambda s: store_reports.coop_state(s, s.exec(select(Coop.id).where(
        Coop.affiliation == "974-160")).one())) == "sent"  # fmt: skip


async def test_a_typed_number_presses_a_button_of_the_latest_conversation(database, tmp_path):
    """An expense waits for its label, then /adhesion shows its table: « 1 » is its button, not the label."""
    out = await chat(database, "/depense", "12", "/adhesion", "1", files=tmp_path / "s")
    after = out.split("Marie (mandataire) › 1\n")[1]
    assert "Sur quel compte ?" not in after and "Dans quel cahier ?" not in after
    assert "Répondez avec les boutons" not in after


async def test_the_year_end_coop_has_its_verificateurs_to_give_the_quitus(database, tmp_path):
    """974-300's report needs two quitus before it can go to the AD: its vérificateurs are people of the sandbox."""
    out = await chat(database, ":users", ":user filaos-verificateur", "/compterendu", ":user filaos-parent", "/moi",
                     files=tmp_path / "s")  # fmt: skip
    assert "Vous êtes maintenant Gilbert Nativel (filaos-verificateur)." in out
    assert "Compte rendu" in out.split(":user filaos-verificateur")[1] and "974-300 École des Filaos" in out
    assert "Vous êtes maintenant Mina Payet (filaos-parent)." in out
    assert "vérificateur·rice aux comptes de la coopérative 974-300" in out.split(":user filaos-parent")[1]
