"""The one masker: exact masked forms per kind, the birth-date rule, the config table."""

import random

import pytest
import regex

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


@pytest.mark.parametrize("kind, value, masked", [
    ("resident_id", "１１０１０５１９６７０３１５００１４", "１１０１０５********００１４"),
    ("mobile_phone", "138\u30001234\u30005678", "138\u3000****\u30005678"),
    ("license_plate", "闽Ａ·１２３４５", "闽Ａ·１***５"),
    ("email", "zhangsan＠163.com", "z*******＠163.com"),
])
def test_full_width_and_ideographic_spaces_keep_their_shape(kind, value, masked):
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


@pytest.mark.parametrize("address, masked", [
    ("三明市五四路6号", "三明市五四路*号"),                     # numerals of place names stay
    ("幸福小区5栋501", "幸福小区*栋***"),                        # a room without 室
    ("南岭村3-2-501", "南岭村*-*-***"),
    ("东街88 - 1 号", "东街** - * 号"),
    ("南岭村三组", "南岭村*组"),
    ("南岭乡南岭村", "南岭乡南岭村"),                            # no detail at all
    ("3号", "*号"),
    ("东街8号8", "东街*号8"),                                    # 8 after 号 is no room number
])
def test_address_masks_only_the_numbers_of_details(address, masked):
    assert mask_address(address) == masked


#: the masker as it was written before a run of details became one match
_PLAIN_DETAIL = regex.compile(
    r"(\p{Nd}+(?:\s*[-－‐–—]\s*\p{Nd}+)*|[一二三四五六七八九十百零〇]+)\s*"
    r"(号楼|号院|号|栋|幢|单元|层|楼|室|户|组|弄|巷)"
    r"|(?<=单元|栋|幢|号楼|座)(\p{Nd}+)(?!\p{Nd})|(?<!\p{Nd})(\p{Nd}+(?:[-－]\p{Nd}+){2,3})(?!\p{Nd})")


def _plain_mask_address(address: str, char: str) -> str:
    return _PLAIN_DETAIL.sub(
        lambda m: regex.sub(r"[\p{Nd}一二三四五六七八九十百零〇]", char, m.group()), address)


def test_address_masking_is_the_plain_substitution():
    rnd = random.Random(11)
    alphabet = "0123456789１٣三百〇 \u3000\t-－—号楼院栋幢单元层室户组弄巷座东街村"
    for _ in range(10000):
        address = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        for char in ("*", "●"):
            assert mask_address(address, char) == _plain_mask_address(address, char), address


def test_office_policy_from_config():
    cfg = config_from_dict({"masking": {"resident_id": [3, 2], "char": "●"}})
    assert cfg.masking.mask("resident_id", "110105196703150014") == "110●●●●●●●●●●●●●14"


def test_policy_that_shows_the_birth_date_is_refused():
    with pytest.raises(ConfigError, match="出生日期"):
        config_from_dict({"masking": {"resident_id": [14, 4]}})


def test_value_hash_is_keyed():
    assert value_hash("13800138000", b"k1") != value_hash("13800138000", b"k2")
    assert len(value_hash("13800138000", b"k1")) == 64
