"""screening.detector.make_finding: findings made by its fast constructor are the findings the
dataclass makes, and its checks still hold."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import dataclass

import pytest

from screening import Block, Category, Config, Finding, Location, Severity, make_finding
from screening.detector import _slot_constructor


class _Detector:
    name = "test.detector"
    version = "1"
    category = Category.PERSONAL_DATA


def test_make_finding_equals_the_dataclass_built_the_usual_way():
    block = Block(text="联系电话13812345678。", part="table", index=3, page=2, table=(0, 1, 2),
                  bbox=(1.0, 2.0, 3.0, 4.0))
    f = make_finding(_Detector(), block, 4, 15, kind="mobile_phone", severity=Severity.REVIEW,
                     basis="保护第三方合法权益", confidence=0.85, explanation="号段已分配的手机号码",
                     config=Config(), masked="138****5678")
    expected = Finding("test.detector", Category.PERSONAL_DATA, "mobile_phone", Severity.REVIEW,
                       "13812345678", "138****5678", "保护第三方合法权益", 0.85, "号段已分配的手机号码",
                       Location("table", 2, 3, 4, 15, (1.0, 2.0, 3.0, 4.0)))
    assert f == expected and hash(f) == hash(expected) and repr(f) == repr(expected)
    assert type(f) is Finding and type(f.location) is Location
    assert f.suppressed_by is None and f.id == expected.id
    with pytest.raises(AttributeError):
        f.text = "x"  # still frozen


def test_masked_defaults_to_the_text():
    block = Block(text="abc", part="body", index=0)
    f = make_finding(_Detector(), block, 0, 3, kind="k", severity=Severity.INFO, basis="",
                     confidence=1.0, explanation="", config=Config())
    assert (f.text, f.masked) == ("abc", "abc")


@pytest.mark.parametrize("confidence", [-0.1, 1.01])
def test_confidence_outside_zero_to_one_is_refused(confidence):
    block = Block(text="abc", part="body", index=0)
    with pytest.raises(ValueError, match="outside 0..1"):
        make_finding(_Detector(), block, 0, 3, kind="k", severity=Severity.REVIEW, basis="",
                     confidence=confidence, explanation="", config=Config())


def test_the_fast_constructor_refuses_what_it_cannot_build_faithfully():
    @dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            pass

    @dataclass(frozen=True, slots=True)
    class Base:
        a: int

    @dataclass(frozen=True, slots=True)
    class Derived(Base):  # its slots are split over two classes: no twin has its layout
        b: int

    with pytest.raises(TypeError, match="slotted"):
        _slot_constructor(NoSlots)
    with pytest.raises(TypeError):
        _slot_constructor(Derived)
    with pytest.raises(TypeError, match="__post_init__"):
        _slot_constructor(Checked)
    assert _slot_constructor(Checked, post_init_checked=True)(1) == Checked(1)


def test_a_fast_made_finding_copies_pickles_and_replaces_like_any():
    block = Block(text="联系电话13812345678。", part="body", index=0)
    f = make_finding(_Detector(), block, 4, 15, kind="mobile_phone", severity=Severity.REVIEW,
                     basis="", confidence=0.85, explanation="", config=Config())
    assert pickle.loads(pickle.dumps(f)) == f
    assert copy.deepcopy(f) == f and copy.copy(f) == f
    changed = dataclasses.replace(f, severity=Severity.BLOCK)
    assert type(changed) is Finding and changed.severity is Severity.BLOCK
    assert changed.location is f.location
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.location.start = 0
