"""The terminal chat of `coopbot sandbox`: talk to the real bot as the demo people."""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path
from typing import TextIO

from bot.sandbox.harness import running_bot
from bot.sandbox.simulator import BotApiSimulator, SimMessage, SimUser, Step
from store.db import Database
from store.demo import DEMO_PEOPLE, seed_demo

COMMANDS_HELP = """Commandes du terminal :
  texte ou /commande   envoyer un message au bot
  N                    appuyer sur le bouton numéro N du dernier message à boutons
  :user CLÉ            parler en tant qu'une autre personne
  :users               la liste des personnes de démonstration
  :photo CHEMIN        envoyer une photo
  :doc CHEMIN          envoyer un document
  :aide                cette aide
  :quitter             quitter le bac à sable"""
QUIT = {":quitter", ":quit"}


async def sandbox(database: Database, *, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
    """Start the simulator and the bot on the demo data, then chat in the terminal until :quitter."""
    database.run(seed_demo)
    sim = BotApiSimulator()
    await sim.start("127.0.0.1", 0)
    try:
        async with running_bot(sim, database):
            await Terminal(sim, stdin, stdout).run()
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

    def __init__(self, sim: BotApiSimulator, stdin: TextIO, stdout: TextIO):
        self.users = {p.key: sim.user(p.telegram_id, p.first_name, p.last_name) for p in DEMO_PEOPLE}
        self.key = DEMO_PEOPLE[0].key
        self.bot_name = sim.bot_user["first_name"]
        self.stdin = stdin
        self.stdout = stdout

    @property
    def user(self) -> SimUser:
        """The demo person currently typing."""
        return self.users[self.key]

    async def run(self) -> None:
        """Greet, then read and handle lines until :quitter or the end of input."""
        self.say(f"Bac à sable CoopBot : vous parlez au bot comme {self.who(self.key)}.\n"
                 "Tapez /start pour commencer, :aide pour les commandes du terminal.")  # fmt: skip
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
        if line.isdigit():
            await self.press(int(line))
        elif command == ":user":
            self.switch(argument)
        elif command == ":users":
            self.list_users()
        elif command in (":photo", ":doc"):
            await self.send_file(command, argument)
        elif command == ":aide":
            self.say(COMMANDS_HELP)
        elif line.startswith(":"):
            self.say(f"Commande du terminal inconnue : {command}. Tapez :aide pour la liste.")
        else:
            self.show(await self.user.send(line))

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

    def switch(self, key: str) -> None:
        """Speak as the demo person ``key`` from now on."""
        if key not in self.users:
            self.say(f"Personne inconnue : {key or '(rien)'}.")
            self.list_users()
            return
        self.key = key
        self.say(f"Vous êtes maintenant {self.who(key)}.")

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
        if command == ":photo":
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
        prefix = f"{self.bot_name} › " + ("(modifié) " if edited else "")
        parts = [message.content] if message.content else []
        if message.photo:
            parts.insert(0, "[photo]")
        if message.document:
            parts.insert(0, f"[document: {message.file_name or 'document'}]")
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
