"""`coopbot sandbox`: the terminal chat, typed into as a person would."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from bot.sandbox.terminal import Terminal, sandbox
from tests.conftest import repo_root


async def chat(database, *lines: str) -> str:
    """Everything the terminal prints when these lines are typed into `sandbox`."""
    stdout = io.StringIO()
    await sandbox(database, stdin=io.StringIO("".join(f"{line}\n" for line in lines)), stdout=stdout)
    return stdout.getvalue()


async def test_start_and_help_in_french_then_switch_user(database):
    out = await chat(database, "/start", "/aide", ":user enseignant", "/start", ":quitter", "/aide")
    assert "vous parlez au bot comme Marie Payet (mandataire)" in out
    assert ":aide" in out.split("\n")[1]
    assert "Marie (mandataire) › /start\nCoopBot › Bonjour Marie !" in out
    assert "CoopBot › Voici ce que vous pouvez faire :" in out
    assert "          /aide — Les commandes que vous pouvez utiliser" in out
    assert "Vous êtes maintenant Julien Hoarau (enseignant)." in out
    assert "Julien (enseignant) › /start\nCoopBot › Bonjour Julien !" in out
    assert "cahier CE1A" in out
    assert out.endswith("Julien (enseignant) › :quitter\nAu revoir !\n")  # nothing read after :quitter


async def test_terminal_mistakes_get_a_french_explanation(database, tmp_path):
    out = await chat(database, "1", ":user x", ":users", ":photo /pas/la.jpg", ":doc", ":zut", ":aide")
    assert "Aucun message avec des boutons : il n'y a rien sur quoi appuyer." in out
    assert "Personne inconnue : x." in out
    assert out.count("  enseignante  Sophie Grondin (enseignante)") == 2  # after :user x, and :users
    assert "Fichier introuvable : /pas/la.jpg." in out
    assert "Fichier introuvable : (aucun chemin)." in out
    assert "Commande du terminal inconnue : :zut. Tapez :aide pour la liste." in out
    assert ":user CLÉ" in out and ":quitter" in out
    assert out.endswith("Au revoir !\n")  # the end of input quits too


async def test_buttons_are_numbered_across_rows_and_pressed_by_number(sim, bot, demo):
    stdout = io.StringIO()
    terminal = Terminal(sim, io.StringIO("4\n3\n2\n"), stdout)
    await sim.api_sendMessage({"chat_id": 1001, "text": "Quel cahier ?", "reply_markup": {
        "inline_keyboard": [[{"text": "CE1A", "callback_data": "gone:1"},
                             {"text": "CE2B", "callback_data": "gone:2"}],
                            [{"text": "Le site", "url": "https://example.org"}]]}})  # fmt: skip
    terminal.show_message(terminal.user.last, edited=False)
    await terminal.run()
    out = stdout.getvalue()
    assert "CoopBot › Quel cahier ?\n  [1] CE1A   [2] CE2B\n  [3] Le site\n" in out
    assert "Il n'y a pas de bouton 4 : choisissez entre 1 et 3." in out
    assert "Ce bouton ouvre un lien : https://example.org" in out
    assert "› 2\n  (notification) Ce bouton n'est plus valable." in out


async def test_files_go_both_ways(sim, bot, demo, tmp_path):
    (tmp_path / "ticket.pdf").write_bytes(b"%PDF-1.4 ticket")
    (tmp_path / "ticket.jpg").write_bytes(b"\xff\xd8 ticket")
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
    assert "CoopBot › (modifié) [document: releve.pdf]\n" in stdout.getvalue()
    pad = " " * len("CoopBot › (modifié) ")
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
    assert "Voici ce que vous pouvez faire" in done.stdout
    assert "Au revoir !" in done.stdout
