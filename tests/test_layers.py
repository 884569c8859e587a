"""The layers: bot/ talks to people and never to the database; store/ never to Telegram."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported(path: Path) -> set[str]:
    """The top-level package of every import in a module (relative imports stay in their own package)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def offenders(package: str, forbidden: set[str]) -> dict[str, set[str]]:
    modules = sorted((ROOT / package).rglob("*.py"))
    assert modules, f"no module found in {package}/"
    found = {str(p.relative_to(ROOT)): imported(p) & forbidden for p in modules}
    return {name: bad for name, bad in found.items() if bad}


@pytest.mark.parametrize(("package", "forbidden"),
                         [("bot", {"sqlmodel", "sqlalchemy"}), ("store", {"telegram", "bot"})])  # fmt: skip
def test_a_layer_imports_nothing_of_the_other_side(package, forbidden):
    assert offenders(package, forbidden) == {}


def access_decisions(path: Path) -> list[str]:
    """Where a module makes a Forbidden or asks store.access.may itself (a rule the store should own)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            if name.endswith("Forbidden") or name in ("may", "require", "access.may", "access.require"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_handler_decides_access():
    assert [line for path in sorted((ROOT / "bot").rglob("*.py")) for line in access_decisions(path)] == []


def test_an_import_inside_a_function_counts_too(tmp_path):
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from sqlalchemy.exc import DBAPIError\n    import telegram.error\n")
    assert imported(module) == {"sqlalchemy", "telegram"}



def callback_data_reads(path: Path) -> list[str]:
    """Where a module reads a pressed button's data itself (``query.data``, ``update.callback_query.data``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Attribute) and node.attr == "data":
            owner = ast.unparse(node.value)
            if owner == "query" or owner.endswith("callback_query"):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_only_the_codec_reads_button_data():
    """bot/ui/buttons.py builds and reads callback data; handlers ask their Button declaration for the fields."""
    allowed = {ROOT / "bot" / "ui" / "buttons.py", ROOT / "bot" / "infra" / "gate.py"}  # the gate checks the shape
    modules = [p for p in sorted((ROOT / "bot").rglob("*.py")) if p not in allowed]
    assert [line for path in modules for line in callback_data_reads(path)] == []


def test_reading_button_data_is_seen(tmp_path):
    module = tmp_path / "handler.py"
    module.write_text("async def h(update, context, query):\n"
                      "    return int(query.data.split(':')[2]), update.callback_query.data, context.job.data\n")
    assert sorted(callback_data_reads(module)) == ["handler.py:2: query.data", "handler.py:2: update.callback_query.data"]


def test_every_folder_keeps_its_sentences_in_its_texts_py():
    """One texts convention: bot/<folder>/texts.py (and <concept>_texts.py beside it) holds a plain TEXTS dict
    that imports nothing, gathered by bot.texts; no module registers sentences of its own."""
    from bot.texts import FOLDERS, catalogues

    folders = sorted(p.parent.name for p in (ROOT / "bot").glob("*/__init__.py") if p.parent.name != "sandbox")
    assert sorted(FOLDERS) == folders
    for folder in folders:
        assert "texts" in catalogues(folder), folder
        for name in catalogues(folder):
            catalogue = ROOT / "bot" / folder / f"{name}.py"
            assert imported(catalogue) == set(), catalogue
    registering = [f"{p.relative_to(ROOT)}:{node.lineno}" for p in sorted((ROOT / "bot").rglob("*.py"))
                   if p.stem != "texts" and not p.stem.endswith("_texts")
                   for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
                   if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("register")]
    assert registering == []
