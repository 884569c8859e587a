"""One person must not slow or fool the bot for the others: edited messages, bursts, slow or hostile files."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

from bot.sandbox.simulator import BotApiSimulator, SimUser
from store.models import Entry, Receipt

EDITED = "Modifier un message déjà envoyé ne change rien : pour corriger une écriture, utilisez /journal."
FLOODED = ("Vous envoyez beaucoup de messages à la fois : je ne lis pas les suivants pendant quelques secondes. "
           "Attendez un instant, puis reprenez.")
ATTACHED = "📎 Justificatif joint à l'écriture"
NOT_A_RECEIPT = "Un justificatif est une photo, une image ou un PDF."
TOO_BIG = "Ce fichier dépasse 20 Mo : envoyez une photo ou un PDF plus léger."
HELP = "Voici ce que vous pouvez faire"


def entries(database) -> int:
    return database.run(lambda s: s.exec(select(func.count()).select_from(Entry)).one())


def answers_to(sim: BotApiSimulator, user: SimUser) -> list[int]:
    """Where, in the order of everything the bot did, each of its new messages to ``user`` stands."""
    return [i for i, (chat, kind, _) in enumerate(sim._events) if chat == user.id and kind == "new"]


async def answered(sim: BotApiSimulator, user: SimUser, count: int = 1, timeout: float = 15) -> None:
    """Until the bot has sent ``user`` at least ``count`` new messages (the settle hook waits for every chat)."""
    deadline = time.monotonic() + timeout
    while len(answers_to(sim, user)) < count:
        assert time.monotonic() < deadline, f"no answer to {user.profile['first_name']}"
        await asyncio.sleep(0.01)


# ------------------------------------------------------------------ edited messages


async def test_an_edited_command_records_nothing(bot, cast, demo_books):
    julien = cast["enseignant"]
    step = await julien.send("/depense 4,20 Colle; fournitures; carte; aujourd'hui")
    assert "enregistrée — cahier CE1A" in step.text
    before = entries(demo_books)
    step = await julien.edit("/depense 42,00 Colle; fournitures; carte; aujourd'hui")
    assert step.text == EDITED
    assert entries(demo_books) == before


async def test_an_edited_answer_does_not_move_the_conversation(bot, cast, demo_books):
    julien = cast["enseignant"]
    before = entries(demo_books)
    step = await julien.send("/depense")
    assert "montant" in step.text.lower()
    step = await julien.send("4,20 Colle")
    assert step.text == "Sur quel compte ?"
    step = await julien.edit("42 Colle")  # at the account step: neither an account nor a new amount
    assert step.text == EDITED
    await julien.press("Fournitures éducatives et administratives")
    await julien.press("💳 Carte")
    step = await julien.press("Aujourd'hui")
    assert "4,20\xa0€" in step.last.content and "42,00" not in step.last.content
    step = await julien.edit("/annuler")  # an edited /annuler does not cancel either
    assert step.text == EDITED
    step = await julien.press("✅ Enregistrer")
    assert "enregistrée — cahier CE1A" in step.text
    assert entries(demo_books) == before + 1


# ------------------------------------------------------------------ receipts

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 40
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 40
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"\x00" * 40
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


async def record(user: SimUser) -> None:
    step = await user.send("/depense 3,20 Craies; fournitures; carte; aujourd'hui")
    assert "enregistrée" in step.text


def stored(database) -> list[tuple[str, str, bytes]]:
    receipts = database.run(lambda s: s.exec(select(Receipt).order_by(Receipt.id)).all())
    return [(Path(r.path).suffix, r.mime_type, Path(r.path).read_bytes()) for r in receipts]


async def test_receipts_are_recognised_by_their_content(bot, cast, demo_books, tmp_path):
    julien = cast["enseignant"]
    await record(julien)
    for data, name in ((PNG, "scan.jpg"), (WEBP, "photo"), (HEIC, "IMG_0001.HEIC"), (PDF, "facture.bin")):
        step = await julien.send_document(data, name)
        assert step.text.startswith(ATTACHED), name
    step = await julien.send_photo(JPEG)
    assert step.text.startswith(ATTACHED)
    for data, name in ((SVG, "logo.svg"), (b"MZ\x90\x00" + b"\x00" * 60, "facture.pdf"), (b"", "vide.png")):
        step = await julien.send_document(data, name)
        assert step.text == NOT_A_RECEIPT, name
    assert stored(demo_books) == [(".png", "image/png", PNG), (".webp", "image/webp", WEBP),
                                  (".heic", "image/heic", HEIC), (".pdf", "application/pdf", PDF),
                                  (".jpg", "image/jpeg", JPEG)]  # fmt: skip
    kept = sorted(p.suffix for p in (tmp_path / "receipts").rglob("*") if p.is_file())
    assert kept == [".heic", ".jpg", ".pdf", ".png", ".webp"]  # nothing left of the refused ones


async def test_a_file_over_20_mb_is_refused_while_downloading(bot, cast, demo_books, tmp_path):
    julien = cast["enseignant"]
    await record(julien)
    big = PDF + b"\x00" * (30 * 1024 * 1024)
    step = await julien.send_document(big, "rapport.pdf", size_known=False)  # getFile without file_size
    assert step.text == TOO_BIG
    step = await julien.send_document(PDF + b"\x00" * (20 * 1024 * 1024 - len(PDF)), "juste.pdf", size_known=False)
    assert step.text.startswith(ATTACHED)  # 20 Mo exactly is still a receipt
    assert [suffix for suffix, _, _ in stored(demo_books)] == [".pdf"]
    kept = [p for p in (tmp_path / "receipts").rglob("*") if p.is_file()]
    assert len(kept) == 1 and kept[0].stat().st_size == 20 * 1024 * 1024


# ------------------------------------------------------------------ one person, many messages


async def test_a_burst_from_one_person_does_not_hold_the_others(guarded_bot, sim, cast, demo_books):
    julien, marie = cast["enseignant"], cast["mandataire"]
    julien.send_nowait("/depense")  # each chat in order: the amount is read at the amount step
    julien.send_nowait("4,20 Colle")
    burst = [julien.send_nowait(f"message {n}") for n in range(298)]
    marie.send_nowait("/aide")
    await answered(sim, marie)
    await sim.wait_processed(burst[-1])

    assert HELP in marie.last.content
    julien_answers = [m for m in julien.history if m.from_bot]
    # Marie's answer came before the bot was done with Julien's burst ...
    assert answers_to(sim, marie)[0] < answers_to(sim, julien)[-1]
    # ... which got one notice, after which the rest was dropped, unread.
    assert [m.content for m in julien_answers].count(FLOODED) == 1
    assert julien_answers[-1].content == FLOODED
    assert len(julien_answers) < 50
    # Julien's messages were answered in the order he sent them.
    replied = [m.reply_to for m in julien_answers if m.reply_to]
    assert replied == sorted(replied) and len(set(replied)) == len(replied)
    assert julien_answers[1].content == "Sur quel compte ?"


async def test_a_slow_download_does_not_hold_the_others(bot, sim, cast, demo_books):
    julien, marie = cast["enseignant"], cast["mandataire"]
    await record(julien)
    slow = sim.store_file(PDF, "facture.pdf", delay=2.0)
    update_id = julien.send_document_nowait(slow, "facture.pdf")
    marie.send_nowait("/aide")
    await answered(sim, marie)
    assert HELP in marie.last.content
    assert sim.files[slow].downloads == 0  # Marie had her answer while Julien's file was still coming
    await sim.wait_processed(update_id)
    assert julien.last.content.startswith(ATTACHED)
