"""Receipts fetched from Telegram: the size counted while the file comes, the kind told by its content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from telegram import File, Message

from bot.texts import t
from store.filetypes import HEAD_BYTES, MAX_RECEIPT_BYTES, FileKind, receipt_kind

CHUNK_BYTES = 64 * 1024
TOTAL_SECONDS, READ_SECONDS = 300, 60  # a download's whole time, and the longest wait for its next bytes


def _session():
    """An HTTP session for one download. aiohttp is imported here, when a file comes: a bot process that
    receives none (every start of `coopbot run`) does not pay its import (a fifth of a second of CPU)."""
    import aiohttp

    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TOTAL_SECONDS, sock_read=READ_SECONDS))


class ReceiptRefused(Exception):
    """The file is not kept; ``reason`` is "too_big" or "kind"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


async def fetch_receipt(telegram_file: File, stem: Path) -> tuple[Path, FileKind, int]:
    """Download to ``stem`` + the suffix of what the file really is; its path, kind and size.

    Telegram may leave the size out of getFile, and a client says whatever it likes about the
    type: the download stops past MAX_RECEIPT_BYTES, and anything but a photo or a PDF is dropped.
    """
    if (telegram_file.file_size or 0) > MAX_RECEIPT_BYTES:
        raise ReceiptRefused("too_big")
    partial = stem.with_name(stem.name + ".part")
    size, head = 0, b""
    try:
        async with _session() as http:
            async with http.get(telegram_file.file_path) as answer:
                answer.raise_for_status()
                with partial.open("wb") as out:
                    async for chunk in answer.content.iter_chunked(CHUNK_BYTES):
                        size += len(chunk)
                        if size > MAX_RECEIPT_BYTES:
                            raise ReceiptRefused("too_big")
                        if len(head) < HEAD_BYTES:
                            head += chunk[: HEAD_BYTES - len(head)]
                            if len(head) == HEAD_BYTES and receipt_kind(head) is None:
                                raise ReceiptRefused("kind")  # no need to fetch the rest
                        out.write(chunk)
        kind = receipt_kind(head)
        if kind is None:
            raise ReceiptRefused("kind")
        path = stem.with_name(stem.name + kind.suffix)
        partial.replace(path)
        return path, kind, size
    finally:
        partial.unlink(missing_ok=True)


async def keep_sent_file(message: Message, folder: Path, prefix: str,
                         language: str) -> tuple[Any, Path, FileKind, int] | None:  # fmt: skip
    """The photo or document of ``message`` fetched as a receipt into ``folder``, named ``prefix``-its unique id:
    (the photo or document, path, kind, size); None once the person was told why it is refused."""
    incoming = message.photo[-1] if message.photo else message.document
    folder.mkdir(parents=True, exist_ok=True)
    try:
        path, kind, size = await fetch_receipt(await incoming.get_file(), folder / f"{prefix}-{incoming.file_unique_id}")
    except ReceiptRefused as refused:
        await message.reply_text(t(f"receipt.{refused.reason}", language))
        return None
    return incoming, path, kind, size


async def fetch_small(telegram_file: File, limit: int) -> bytes | None:
    """A small file's content (a bank statement), or None past ``limit`` bytes, counted while it comes."""
    if (telegram_file.file_size or 0) > limit:
        return None
    data = bytearray()
    async with _session() as http:
        async with http.get(telegram_file.file_path) as answer:
            answer.raise_for_status()
            async for chunk in answer.content.iter_chunked(CHUNK_BYTES):
                data += chunk
                if len(data) > limit:
                    return None
    return bytes(data)
