"""The flood window and the recognition of receipt files by their first bytes."""

from __future__ import annotations

from store.filetypes import HEAD_BYTES, receipt_kind
from store.traffic import FloodGate, Verdict


def test_past_the_limit_one_warning_then_drops_until_the_window_passes():
    gate = FloodGate(limit=3, seconds=10)
    assert [gate.check(1, 0.0 + i) for i in range(5)] == [Verdict.READ] * 3 + [Verdict.WARN, Verdict.DROP]
    assert gate.check(2, 4.0) is Verdict.READ  # someone else is not held
    assert gate.check(1, 9.9) is Verdict.DROP
    assert gate.check(1, 10.0) is Verdict.READ  # the first read update has left the window
    assert gate.check(1, 10.5) is Verdict.WARN  # a new flood gets a new notice
    assert gate.check(1, 30.0) is Verdict.READ


def test_quiet_people_are_forgotten():
    gate = FloodGate(limit=2, seconds=10)
    for person in range(1000):
        gate.check(person, 0.0)
    gate.check(5000, 25.0)
    assert list(gate._read) == [5000]


def test_receipts_are_told_by_their_content():
    kinds = {
        b"\xff\xd8\xff\xe0\x00\x10JFIF": "image/jpeg",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR": "image/png",
        b"RIFF\x24\x00\x00\x00WEBPVP8 ": "image/webp",
        b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00": "image/heic",
        b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00": "image/heic",
        b"%PDF-1.4\n": "application/pdf",
    }
    for head, mime in kinds.items():
        assert receipt_kind(head[:HEAD_BYTES]).mime == mime
    for head in (b"", b"\xff\xd8", b"<svg xmlns='http://www.w3.org/2000/svg'>", b"<?xml version='1.0'?><svg",
                 b"GIF89a", b"MZ\x90\x00", b"RIFF\x24\x00\x00\x00WAVEfmt ", b"\x00\x00\x00\x18ftypisom",
                 b"PK\x03\x04", b"%!PS-Adobe", b" %PDF-1.4"):  # fmt: skip
        assert receipt_kind(head[:HEAD_BYTES]) is None, head
