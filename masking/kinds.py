"""The vocabulary of masking: entity names, field kinds and sensitivity classes.

``Sensitivity`` says how much harm a field's value can do; ``FieldKind`` says what the
value is, so that an operator knows how to mask or generalise it. A field's policy
(``masking.policies.FieldPolicy``) pairs the two with an operator per channel.

Sensitivity classes, with the default operator for the ``shared`` channel (between
departments, under a grant) and the ``open`` channel (published to the public):

======================  =================================================  ==========  ==========
class                   what                                               shared      open
======================  =================================================  ==========  ==========
``PUBLIC``              may be published as is (dataset names, credit      keep        keep
                        codes of companies, statistics)
``INTERNAL``            no personal data, but not for the public            keep        redact
                        (internal case numbers, officers' notes)
``PERSONAL``            about a person, not identifying on its own          keep        generalize
                        (birth date, age, address, income, plate)
``SENSITIVE_PERSONAL``  sensitive personal data, PIPL art. 28 (health,      mask        redact
                        bank accounts, religion, minors, whereabouts)
``DIRECT_IDENTIFIER``   identifies a person on its own (ID number, name,    keep        mask
                        mobile, e-mail, passport)
======================  =================================================  ==========  ==========

A grant decides which fields a department sees at all; the shared default therefore keeps
what was granted, except sensitive data, which leaves partially masked unless the
steward sets ``keep`` for a field.
"""
from __future__ import annotations

from enum import Enum

ENTITIES = (
    "CN_ID_NUMBER",
    "CN_CREDIT_CODE",
    "CN_MOBILE",
    "CN_LANDLINE",
    "CN_BANK_CARD",
    "CN_PASSPORT",
    "CN_LICENSE_PLATE",
    "EMAIL_ADDRESS",
    "CN_ADDRESS",
    "PERSON",
)


class Sensitivity(str, Enum):
    """How much harm a field's values can do (see the module docstring)."""

    PUBLIC = "PUBLIC"
    INTERNAL = "INTERNAL"
    PERSONAL = "PERSONAL"
    SENSITIVE_PERSONAL = "SENSITIVE_PERSONAL"
    DIRECT_IDENTIFIER = "DIRECT_IDENTIFIER"


class Channel(str, Enum):
    """Where data goes: to another department under a grant, or to the public."""

    SHARED = "shared"
    OPEN = "open"


class FieldKind(str, Enum):
    """What a field's values are, which tells ``mask`` and ``generalize`` what to do."""

    ID_NUMBER = "ID_NUMBER"          # 440604199001011234 -> 440604********1234 / 440604
    CREDIT_CODE = "CREDIT_CODE"      # 91440604MA4UJ8XX1K -> 91440604********1K / 91440604
    NAME = "NAME"                    # 张三丰 -> 张** / 张
    PHONE = "PHONE"                  # 13812345678 -> 138****5678 / 138; 0757-83331234 -> 0757-****1234
    EMAIL = "EMAIL"                  # zhangsan@163.com -> z***@163.com / 163.com
    BANK_CARD = "BANK_CARD"          # 6222021234567890123 -> 622202*********0123 / 622202
    PASSPORT = "PASSPORT"            # E12345678 -> E******78 / E
    LICENSE_PLATE = "LICENSE_PLATE"  # 粤E12345 -> 粤E***45 / 粤E
    ADDRESS = "ADDRESS"              # 广东省佛山市南海区桂城街道… -> 广东省佛山市南海区**** / …南海区
    DATE = "DATE"                    # 2026-03-15 -> 2026-**-** / 2026
    BIRTH_DATE = "BIRTH_DATE"        # 1990-01-01 -> 1990-**-** / 1990
    AGE = "AGE"                      # 32 -> 3* / 30-34
    AMOUNT = "AMOUNT"                # 6500 -> 6*** / 5000-9999
    FREE_TEXT = "FREE_TEXT"          # scanned; found spans become tags or partial masks
    OTHER = "OTHER"                  # codes, categories: masked as an opaque string


# The field kind an entity found in free text is masked as.
ENTITY_KIND = {
    "CN_ID_NUMBER": FieldKind.ID_NUMBER,
    "CN_CREDIT_CODE": FieldKind.CREDIT_CODE,
    "CN_MOBILE": FieldKind.PHONE,
    "CN_LANDLINE": FieldKind.PHONE,
    "CN_BANK_CARD": FieldKind.BANK_CARD,
    "CN_PASSPORT": FieldKind.PASSPORT,
    "CN_LICENSE_PLATE": FieldKind.LICENSE_PLATE,
    "EMAIL_ADDRESS": FieldKind.EMAIL,
    "CN_ADDRESS": FieldKind.ADDRESS,
    "PERSON": FieldKind.NAME,
}

DEFAULT_OPERATORS = {
    Sensitivity.PUBLIC: {Channel.SHARED: "keep", Channel.OPEN: "keep"},
    Sensitivity.INTERNAL: {Channel.SHARED: "keep", Channel.OPEN: "redact"},
    Sensitivity.PERSONAL: {Channel.SHARED: "keep", Channel.OPEN: "generalize"},
    Sensitivity.SENSITIVE_PERSONAL: {Channel.SHARED: "mask", Channel.OPEN: "redact"},
    Sensitivity.DIRECT_IDENTIFIER: {Channel.SHARED: "keep", Channel.OPEN: "mask"},
}
