"""What a receipt file is, told by its first bytes, never by the name or type its sender claims."""

from __future__ import annotations

from dataclasses import dataclass

MAX_RECEIPT_BYTES = 20 * 1024 * 1024  # what the Bot API lets a bot download
HEAD_BYTES = 16  # enough to tell every kind below
# ISO base media files whose brand says HEIF/HEIC: what iPhones take photos in.
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


@dataclass(frozen=True)
class FileKind:
    mime: str
    suffix: str


JPEG = FileKind("image/jpeg", ".jpg")
PNG = FileKind("image/png", ".png")
WEBP = FileKind("image/webp", ".webp")
HEIC = FileKind("image/heic", ".heic")
PDF = FileKind("application/pdf", ".pdf")


def receipt_kind(head: bytes) -> FileKind | None:
    """The kind of a receipt from its first HEAD_BYTES bytes; None for anything but a photo or a PDF."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return HEIC
    if head.startswith(b"%PDF-"):
        return PDF
    return None
