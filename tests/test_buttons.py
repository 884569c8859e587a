"""The callback-data codec: one declaration builds the data, gives the pattern and reads the fields back."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.ui.buttons import DIGITS, ID, YEAR, Button, Field, enum, numbers_fit, one_of
from store.models import Means


def pressed(data: str) -> SimpleNamespace:
    return SimpleNamespace(callback_query=SimpleNamespace(data=data))


def test_a_button_reads_back_what_it_built():
    page = Button("hist:p", ID, ID)
    assert page.data(12, 3) == "hist:p:12:3"
    assert page.pattern.pattern == r"^hist:p:(\d+):(\d+)$"
    assert page.read(pressed(page.data(12, 3))) == (12, 3)


def test_one_field_is_read_alone_and_typed():
    assert Button("jnl:y", YEAR).read(pressed("jnl:y:2025")) == 2025
    assert Button("ent:chq", DIGITS).read(pressed("ent:chq:000123")) == "000123"  # a cheque keeps its zeros
    means = Button("ent:means", enum(Means))
    assert means.data(Means.CHEQUE) == "ent:means:cheque"
    assert means.read(pressed("ent:means:cheque")) is Means.CHEQUE


def test_a_button_without_fields():
    close = Button("jnl:close")
    assert close.data() == "jnl:close" and close.pattern.match("jnl:close")
    assert not close.pattern.match("jnl:closed")


@pytest.mark.parametrize("data", ["ent:day:2", "ent:day:", "ent:day:0:1", "ent:days:0", "xent:day:0"])
def test_data_of_another_shape_does_not_match(data):
    day = Button("ent:day", one_of("0", "1", "other"))
    assert not day.pattern.match(data)
    with pytest.raises(ValueError):
        day.read(pressed(data))


def test_a_field_s_own_alternatives_stay_inside_it():
    inventory = Button("ivt", ID, Field(r"\d{4}|all"), Field(r"\d{1,4}", int))
    assert inventory.read(pressed("ivt:7:all:2")) == (7, "all", 2)
    assert not inventory.pattern.match("ivt:7:2025")


def test_building_with_the_wrong_number_of_fields_fails():
    with pytest.raises(TypeError):
        Button("jnl:e", ID).data()


def test_pressed_tells_which_of_two_buttons():
    links = Button("inv:links", ID)
    assert links.pressed(pressed("inv:links:4")) and not links.pressed(pressed("inv:dlinks:974"))


@pytest.mark.parametrize(("data", "fits"), [("jnl:e:2147483647", True), ("jnl:e:2147483648", False),
                                            ("jnl:e:٣", False), ("jnl:close", True)])  # fmt: skip
def test_numbers_must_fit_an_id(data, fits):
    assert numbers_fit(data) is fits
