"""The terminal chat of `coopbot sandbox`: talk to the real bot as the demo people."""

from __future__ import annotations

import asyncio
import sys
import threading
from datetime import date, datetime, time, timezone
from pathlib import Path
from zoneinfo import ZoneInfo
from typing import TextIO

from telegram.ext import Application, MessageHandler

from bot.reminders.jobs import CLOCK, reminders_run
from bot.sandbox.harness import running_bot
from bot.sandbox.simulator import BotApiSimulator, SimMessage, SimUser, Step
from bot.ui.turns import Conversation
from store.db import Database
from store.demo import DEMO_AFFILIATION, DEMO_TIMEZONE, SANDBOX_PEOPLE, YEAR_END_AFFILIATION, seed_sandbox
from store.demofiles import demo_statement, undated_statement, year_end_statement

COMMANDS_HELP = """Commandes du terminal :
  texte ou /commande   envoyer un message au bot (un nombre aussi : 25 élèves, 12 €, un n° de chèque)
  :N                   appuyer sur le bouton numéro N du dernier message à boutons
  N                    pareil, quand le dernier message du bot a des boutons et qu'il n'attend pas de texte
  :reply N texte       répondre au message n° N (le numéro affiché après le nom du bot : CoopBot #N)
  :user CLÉ            parler en tant qu'une autre personne, et voir ce qu'elle a reçu entre-temps
  :users               la liste des personnes de démonstration
  :photo CHEMIN        envoyer une photo (une image PNG part comme fichier, pour rester en PNG)
  :doc CHEMIN          envoyer un document (le relevé de banque de la démo, dans /pointage)
  :date AAAA-MM-JJ      avancer l'horloge des rappels à ce jour (10 h à La Réunion) et les envoyer
  :aide                cette aide
  :quitter             quitter le bac à sable"""
QUIT = {":quitter", ":quit"}
JPEG = b"\xff\xd8"  # how every JPEG file begins


def files_prefix(database: Database) -> Path:
    """Where the sandbox keeps its files: beside its SQLite database, named after it; else here."""
    url = database.url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database).resolve().with_suffix("")
    return Path.cwd() / "coopbot-sandbox"


async def sandbox(database: Database, *, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout,
                  files: Path | None = None) -> None:  # fmt: skip
    """Start the simulator and the bot on the demo data, then chat in the terminal until :quitter.

    Receipts go to ``<files>-receipts/`` and the documents the bot sends to ``<files>-documents/``,
    ``files`` being the database's path without its extension unless given.
    """
    database.run(seed_sandbox)
    files = files or files_prefix(database)
    statement = Path(f"{files}-releve-{DEMO_AFFILIATION}.csv")  # to send in /pointage with :doc
    statement.write_bytes(database.run(demo_statement))
    # 974-300's statement of 31/08 (the year that waits for its end), to send in /pointage as filaos
    Path(f"{files}-releve-{YEAR_END_AFFILIATION}.csv").write_bytes(database.run(year_end_statement))
    # 974-111's operations up to a week ago as Crédit Mutuel gives them: no statement date, /pointage asks it
    Path(f"{files}-releve-{DEMO_AFFILIATION}-sans-date.csv").write_bytes(database.run(undated_statement))
    # the same statement as OFX (with the livret's: /pointage asks which account) and as CFONB 120
    for kind, name in (("ofx", "ofx"), ("cfonb", "cfonb.txt")):
        Path(f"{files}-releve-{DEMO_AFFILIATION}.{name}").write_bytes(database.run(demo_statement, kind))
    sim = BotApiSimulator()
    await sim.start("127.0.0.1", 0)
    try:
        async with running_bot(sim, database, receipts_dir=f"{files}-receipts") as application:
            terminal = Terminal(sim, stdin, stdout, application=application, documents=Path(f"{files}-documents"),
                                statement=statement)  # fmt: skip
            await terminal.run()
    finally:
        await sim.stop()


async def read_line(stdin: TextIO) -> str:
    """The next line typed ('' at the end), read in a daemon thread so that Ctrl-C quits at once."""
    loop = asyncio.get_running_loop()
    line = loop.create_future()

    def read() -> None:
        text = stdin.readline()
        loop.call_soon_threadsafe(lambda: line.done() or line.set_result(text))

    threading.Thread(target=read, daemon=True).start()
    return await line


class Terminal:
    """One person at the keyboard, speaking as any of the demo people."""

    def __init__(self, sim: BotApiSimulator, stdin: TextIO, stdout: TextIO, *,
                 application: Application | None = None, documents: Path | None = None,
                 statement: Path | None = None):  # fmt: skip
        self.users = {p.key: sim.user(p.telegram_id, p.first_name, p.last_name) for p in SANDBOX_PEOPLE}
        self.key = SANDBOX_PEOPLE[0].key
        self.seen = {key: 0 for key in self.users}  # the last message id shown, per person
        self.bot_name = sim.bot_user["first_name"]
        self.stdin = stdin
        self.stdout = stdout
        self.application = application  # to know whether the bot waits for typed text
        self.documents = documents  # where the files the bot sends are saved
        self.statement = statement  # the demo coop's bank statement file, to try /pointage with

    @property
    def user(self) -> SimUser:
        """The demo person currently typing."""
        return self.users[self.key]

    async def run(self) -> None:
        """Greet, then read and handle lines until :quitter or the end of input."""
        self.say(f"Bac à sable CoopBot : vous parlez au bot comme {self.who(self.key)}.\n"
                 "Tapez /start pour commencer, :aide pour les commandes du terminal.")  # fmt: skip
        if self.documents is not None:
            self.say(f"Les documents que le bot envoie sont enregistrés dans {self.documents}.")
        if self.statement is not None:
            self.say(f"Un relevé de banque de la coop {DEMO_AFFILIATION} à importer : /pointage, puis :doc {self.statement}")
            year_end = self.statement.with_name(self.statement.name.replace(DEMO_AFFILIATION, YEAR_END_AFFILIATION))
            self.say(f"Celui du 31/08 de la coop {YEAR_END_AFFILIATION} (:user filaos) : /pointage, puis :doc {year_end}")
            undated = self.statement.with_name(self.statement.name.replace(".csv", "-sans-date.csv"))
            self.say(f"Un relevé sans date, comme le Crédit Mutuel les donne : /pointage, puis :doc {undated}")
            self.say(f"Le même relevé en OFX, avec celui du livret (lequel est le compte de la coop ?) : "
                     f"{self.statement.with_suffix('.ofx')}, et en CFONB 120 : {self.statement.with_suffix('.cfonb.txt')}")
        while True:
            self.prompt()
            line = await read_line(self.stdin)
            if not self.stdin.isatty():
                self.say(line.rstrip("\n"))  # piped input: keep the transcript readable
            if not line or line.strip() in QUIT:
                self.say("Au revoir !")
                return
            if not line.strip():
                continue
            try:
                await self.handle(line.strip())
            except TimeoutError:
                self.say("Le bot n'a pas répondu à temps.")

    async def handle(self, line: str) -> None:
        """Do what one typed line asks."""
        command, _, argument = line.partition(" ")
        argument = argument.strip()
        if line[:1] == ":" and line[1:].isdigit():
            await self.press(int(line[1:]))
        elif line.isdigit() and self.last_has_buttons() and not await self.waiting_for_text():
            await self.press(int(line))
        elif command == ":reply":
            await self.reply(argument)
        elif command == ":user":
            self.switch(argument)
        elif command == ":users":
            self.list_users()
        elif command in (":photo", ":doc"):
            await self.send_file(command, argument)
        elif command == ":date":
            await self.fast_forward(argument)
        elif command == ":aide":
            self.say(COMMANDS_HELP)
        elif line.startswith(":"):
            self.say(f"Commande du terminal inconnue : {command}. Tapez :aide pour la liste.")
        else:
            self.show(await self.user.send(line))

    def last_has_buttons(self) -> bool:
        """Whether the bot's latest message in this chat has buttons."""
        said = [m for m in self.user.history if m.from_bot]
        return bool(said and said[-1].buttons)

    async def waiting_for_text(self) -> bool:
        """Whether the conversation that takes this person's next line is at a step that reads what they type."""
        if self.application is None:
            return False
        key = (self.user.chat["id"], self.user.id)
        conversations = [h for hs in self.application.handlers.values() for h in hs if isinstance(h, Conversation)]
        latest = conversations[0].turns.latest(key) if conversations else None
        for handler in [latest] if latest else conversations:  # the one that asked last reads the line
            state = (await self.application.persistence.get_conversations(handler.name)).get(key)
            if any(isinstance(step, MessageHandler) for step in handler.states.get(state, ())):
                return True
        return False

    async def reply(self, argument: str) -> None:
        """Send ``argument``'s text in reply to the message whose number it starts with."""
        number, _, text = argument.partition(" ")
        replied = [m for m in self.user.history if number.isdigit() and m.message_id == int(number)]
        if not replied or not text.strip():
            self.say("Tapez :reply N texte, N étant le numéro d'un message de cette conversation (CoopBot #N).")
            return
        self.show(await self.user.send(text.strip(), reply_to=replied[0]))

    async def press(self, number: int) -> None:
        """Press button ``number`` of the latest message with buttons."""
        keyboards = [m for m in self.user.history if m.from_bot and m.buttons]
        if not keyboards:
            self.say("Aucun message avec des boutons : il n'y a rien sur quoi appuyer.")
            return
        message = keyboards[-1]
        buttons = [b for row in message.reply_markup["inline_keyboard"] for b in row]
        if not 1 <= number <= len(buttons):
            self.say(f"Il n'y a pas de bouton {number} : choisissez entre 1 et {len(buttons)}.")
        elif "callback_data" not in buttons[number - 1]:
            self.say(f"Ce bouton ouvre un lien : {buttons[number - 1].get('url', '')}")
        else:
            self.show(await self.user.press_data(buttons[number - 1]["callback_data"], message))

    async def fast_forward(self, argument: str) -> None:
        """Set the reminders' clock to that day, 10 h in La Réunion, send what is due then, and show it."""
        try:
            day = date.fromisoformat(argument)
        except ValueError:
            self.say("Tapez une date comme ceci : :date 2026-09-25")
            return
        instant = datetime.combine(day, time(10), ZoneInfo(DEMO_TIMEZONE)).astimezone(timezone.utc)
        self.application.bot_data[CLOCK] = lambda: instant
        before = {key: len(user.history) for key, user in self.users.items()}
        await reminders_run(self.application)
        self.say(f"Horloge des rappels : {day:%d/%m/%Y} à 10 h (La Réunion).")
        for key, user in self.users.items():
            arrived = [m for m in user.history[before[key]:] if m.from_bot]
            if key == self.key:
                for message in arrived:
                    self.show_message(message, edited=False)
            elif arrived:
                count = "1 rappel" if len(arrived) == 1 else f"{len(arrived)} rappels"
                self.say(f"{self.who(key)} a reçu {count} : :user {key} pour le voir.")
        if not any(len(user.history) > before[key] for key, user in self.users.items()):
            self.say("Aucun rappel à envoyer ce jour-là.")

    def switch(self, key: str) -> None:
        """Speak as the demo person ``key`` from now on."""
        if key not in self.users:
            self.say(f"Personne inconnue : {key or '(rien)'}.")
            self.list_users()
            return
        self.key = key
        self.say(f"Vous êtes maintenant {self.who(key)}.")
        arrived = [m for m in self.user.history if m.from_bot and m.message_id > self.seen[key]]
        if arrived:
            self.say(f"Reçu entre-temps par {self.user.profile['first_name']} :")
            for message in arrived:
                self.show_message(message, edited=False)

    def list_users(self) -> None:
        """Print the demo people and the key to give to :user."""
        lines = [f"  {key:<12} {self.who(key)}" for key in self.users]
        self.say("Personnes de démonstration (:user CLÉ) :\n" + "\n".join(lines))

    async def send_file(self, command: str, argument: str) -> None:
        """Send the file at ``argument`` as a photo (:photo) or a document (:doc)."""
        path = Path(argument).expanduser()
        if not argument or not path.is_file():
            self.say(f"Fichier introuvable : {argument or '(aucun chemin)'}.")
            return
        data = path.read_bytes()
        if command == ":photo" and not data.startswith(JPEG):
            # Telegram would turn it into a JPEG; the simulator cannot, so it goes as the file it is.
            self.say(f"Image non JPEG : envoyée comme fichier ({path.name}), pour être gardée telle quelle.")
            self.show(await self.user.send_document(data, path.name))
        elif command == ":photo":
            self.show(await self.user.send_photo(data))
        else:
            self.show(await self.user.send_document(data, path.name))

    def show(self, step: Step) -> None:
        """Print what the bot did: new and edited messages with their buttons, and any notification."""
        for message in step.messages:
            self.show_message(message, edited=False)
        for message in step.edited:
            self.show_message(message, edited=True)
        if step.answer:
            self.say(f"  (notification) {step.answer}")

    def show_message(self, message: SimMessage, *, edited: bool) -> None:
        """Print one bot message, its attachment and its numbered buttons."""
        self.seen[self.key] = max(self.seen[self.key], message.message_id)
        prefix = f"{self.bot_name} #{message.message_id} › " + ("(modifié) " if edited else "")
        parts = [message.content] if message.content else []
        if message.photo:
            parts.insert(0, "[photo]")
        if message.document:
            parts.insert(0, f"[document: {message.file_name or 'document'}]")
            if self.documents is not None and not edited:
                parts.insert(1, f"(enregistré : {self.save(message)})")
        first, *rest = "\n".join(parts).split("\n")
        pad = " " * len(prefix)
        self.say("\n".join([prefix + first] + [pad + line if line else "" for line in rest]))
        number = 0
        for row in message.buttons:
            labels = []
            for label in row:
                number += 1
                labels.append(f"[{number}] {label}")
            self.say("  " + "   ".join(labels))

    def save(self, message: SimMessage) -> Path:
        """Write the document of ``message`` to the documents folder, without replacing an older file."""
        self.documents.mkdir(parents=True, exist_ok=True)
        name = Path(message.file_name or "document").name
        path = self.documents / name
        number = 1
        while path.exists():
            number += 1
            path = self.documents / f"{Path(name).stem}-{number}{Path(name).suffix}"
        path.write_bytes(self.user.download(message.document))
        return path

    def who(self, key: str) -> str:
        """A demo person as shown in the terminal: name and key."""
        profile = self.users[key].profile
        return f"{profile['first_name']} {profile['last_name']} ({key})"

    def prompt(self) -> None:
        """Show who is typing, without ending the line."""
        self.stdout.write(f"{self.user.profile['first_name']} ({self.key}) › ")
        self.stdout.flush()

    def say(self, text: str) -> None:
        """Print a line (or several) and flush."""
        self.stdout.write(text + "\n")
        self.stdout.flush()
