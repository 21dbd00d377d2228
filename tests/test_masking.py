"""The one masker: exact masked forms per kind, the birth-date rule, the config table."""

import pytest

from screening import ConfigError
from screening.config import config_from_dict
from screening.masking import MaskingPolicy, mask_address, mask_name, value_hash


@pytest.mark.parametrize("kind, value, masked", [
    ("resident_id", "110105196703150014", "110105********0014"),
    ("resident_id", "11010519670315001x", "110105********001x"),
    ("resident_id", "110105 1967 0315 0014", "110105 **** **** 0014"),
    ("mobile_phone", "13800138000", "138****8000"),
    ("mobile_phone", "+86 138-0013-8000", "+86 138-****-8000"),
    ("bank_card", "6222 0202 0011 2233 445", "**** **** **** ***3 445"),
    ("landline_phone", "0591-87654321", "0591-******21"),
    ("email", "zhangsan@163.com", "z*******@163.com"),
    ("license_plate", "闽A·12345", "闽A·1***5"),
    ("passport", "E12345678", "E******78"),
])
def test_default_masking(kind, value, masked):
    assert MaskingPolicy().mask(kind, value) == masked


def test_country_code_is_not_part_of_the_kept_digits():
    assert MaskingPolicy().mask("mobile_phone", "008613800138000") == "0086138****8000"


@pytest.mark.parametrize("name, masked", [
    ("张三", "张*"), ("王建国", "王**"), ("欧阳修", "欧阳*"), ("司马", "司*"),
    ("阿卜杜拉·买买提", "阿卜杜拉·***"),
])
def test_names_keep_the_surname(name, masked):
    assert mask_name(name) == masked


def test_address_hides_house_building_and_room_numbers():
    assert mask_address("城关镇东街88号3栋2单元501室") == "城关镇东街**号*栋*单元***室"


def test_office_policy_from_config():
    cfg = config_from_dict({"masking": {"resident_id": [3, 2], "char": "●"}})
    assert cfg.masking.mask("resident_id", "110105196703150014") == "110●●●●●●●●●●●●●14"


def test_policy_that_shows_the_birth_date_is_refused():
    with pytest.raises(ConfigError, match="出生日期"):
        config_from_dict({"masking": {"resident_id": [14, 4]}})


def test_value_hash_is_keyed():
    assert value_hash("13800138000", b"k1") != value_hash("13800138000", b"k2")
    assert len(value_hash("13800138000", b"k1")) == 64
