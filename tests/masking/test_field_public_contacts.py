"""A free-text field may carry its own public-contact policy (issue 18, item 4): the dataset's
default keeps a body's office phone, the field's ``false`` masks it, the field's own numbers
keep only those."""
from __future__ import annotations

import pytest

from masking.errors import BadMaskingInput
from masking.kinds import FieldKind, Sensitivity
from masking.policies import FieldPolicy, MaskingPolicy
from masking.public_contacts import DEFAULT_PUBLIC_CONTACTS, NO_PUBLIC_CONTACTS, PublicContacts, validate_setting

NOTE = "已转佛山市民政局（0757-83031234）办理，如有疑问请致电0757-83035678，邮箱mz@fs.gov.cn。"


def policy(public=None) -> MaskingPolicy:
    return MaskingPolicy({
        "note": FieldPolicy(FieldKind.FREE_TEXT, Sensitivity.PERSONAL, open="tag", public_contacts=public),
        "remark": FieldPolicy(FieldKind.FREE_TEXT, Sensitivity.PERSONAL, open="tag"),
    })


def test_a_field_without_its_own_setting_takes_the_datasets():
    out = policy().mask_columns({"note": [NOTE], "remark": [NOTE]}, "open")
    assert out["note"] == [NOTE] and out["remark"] == [NOTE]


def test_a_fields_false_masks_every_contact_point_in_it_only():
    out = policy(PublicContacts.from_setting(False)).mask_columns({"note": [NOTE], "remark": [NOTE]}, "open")
    assert out["note"] == ["已转佛山市民政局（<CN_LANDLINE>）办理，如有疑问请致电<CN_LANDLINE>，邮箱<EMAIL_ADDRESS>。"]
    assert out["remark"] == [NOTE]


def test_a_fields_own_numbers_and_domains():
    own = PublicContacts.from_setting({"numbers": ["0757-83035678"], "emailDomains": [], "publicBodies": False})
    out = policy(own).mask_columns({"note": [NOTE]}, "open")["note"]
    assert out == ["已转佛山市民政局（<CN_LANDLINE>）办理，如有疑问请致电0757-83035678，邮箱<EMAIL_ADDRESS>。"]


def test_the_dataset_default_can_itself_mask_everything():
    masked = MaskingPolicy(policy().fields, public_contacts=NO_PUBLIC_CONTACTS).mask_columns({"remark": [NOTE]}, "open")
    assert "<CN_LANDLINE>" in masked["remark"][0]


def test_settings_read_and_refused():
    assert PublicContacts.from_setting(None) is DEFAULT_PUBLIC_CONTACTS
    assert PublicContacts.from_setting(True) is DEFAULT_PUBLIC_CONTACTS
    assert PublicContacts.from_setting(False) is NO_PUBLIC_CONTACTS
    validate_setting({"numbers": ["12345", 83030000], "emailDomains": ["*.gov.cn"], "publicBodies": True})
    for bad, word in (("yes", "false"), ({"phones": []}, "keys"), ({"numbers": "12345"}, "numbers"),
                      ({"numbers": ["12"]}, "numbers"), ({"emailDomains": ["gov cn"]}, "emailDomains"),
                      ({"publicBodies": "yes"}, "publicBodies")):
        with pytest.raises(BadMaskingInput, match=word):
            validate_setting(bad)
