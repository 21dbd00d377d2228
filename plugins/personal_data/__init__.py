"""Personal data: Chinese identifiers, names, addresses and special categories in published lists.

Detectors (names are persisted in reports and records: never rename one):

* ``personal_data.identifiers`` — resident IDs, bank cards and accounts, mobile and landline
  numbers, e-mail, passports, travel permits, licence plates, 社保卡号, and organisation codes as
  info (:mod:`.identifiers`; one recognizer module per kind, one finding per span). Its findings
  carry the recognizer's name (``personal_data.resident_id`` …) as ``Finding.detector``.
* ``personal_data.person_name`` — names in name columns, after role labels, with honorifics
  (:mod:`.person_name`; jieba only where a word boundary decides, loaded lazily).
* ``personal_data.address`` — personal addresses down to number, building, unit, room or 组
  (:mod:`.address`); an agency's own address is info.
* ``personal_data.special_category`` — health, disability, welfare and status terms tied to
  named people (:mod:`.special_category`).

Lexicons (data; an office extends them with its own plugin or ``[lexicons]`` in screening.toml):
``pd_identifier_context``, ``pd_public_numbers``, ``pd_area_codes``, ``pd_regions``,
``pd_email_domains``, ``pd_surnames``, ``pd_name_context``, ``pd_address``,
``pd_special_category``. The office's own phone numbers: ``[personal_data] office_numbers``.
"""

from screening import hookimpl, load_builtin

from .address import AddressDetector
from .identifiers import IdentifierDetector
from .people import LEXICONS as PEOPLE_LEXICONS
from .person_name import PersonNameDetector
from .recognizer import LEXICONS as IDENTIFIER_LEXICONS
from .special_category import SpecialCategoryDetector


@hookimpl
def screening_register_lexicons(register):
    for name in IDENTIFIER_LEXICONS + PEOPLE_LEXICONS:
        register(load_builtin(name))


@hookimpl
def screening_register_detectors(register, config):
    register(IdentifierDetector())
    register(PersonNameDetector())
    register(AddressDetector())
    register(SpecialCategoryDetector())
