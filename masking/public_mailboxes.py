"""Mailboxes of offices, not of persons (issue 18): what ``masking.public_contacts`` reads of an
e-mail address under ``publicBodies`` once no person stands before it in its sentence.

- a **role mailbox**: each part of its local part is a role word (service, xinfang, jubao …),
  possibly with a short place or body prefix (fsjubao, jiandu_fs), and no birth year (xinfang1988
  is a person's);
- a mailbox **the public is asked to send to** (意见建议请发送至…, 投递邮箱：…), unless a firm or a
  CV is in the text before it (…有限公司招聘公告…请将简历发送至…: a recruiter's).
"""
from __future__ import annotations

import re

# Local parts of role mailboxes: an office's, not a person's (xinfang@…, fsjubao@…, service@…).
_ROLE_WORDS = frozenset(
    "admin info service services office contact contactus support help webmaster postmaster hotline kefu fuwu "
    "bangong bangongshi bgs xinfang jubao tousu jiandu zixun tougao gongkai xxgk zwgk zwfw zfxxgk news press "
    "zhaopin recruit jobs job feedback public mail email master dangban dzb zhb yjbg jianyi yijian zhengji "
    "baoming shenbao".split())
_ROLE_WHOLE_ONLY = frozenset("hr jb ts xf gk".split())  # too short to find inside a longer part
_LOCAL_PARTS = re.compile(r"[a-z]+")
# A mailbox the public is asked to send to (意见建议请发送至…, 报名表请发送至电子邮箱…, 投递邮箱：…):
# an office's, unless a firm or a CV is in the text before it (…有限公司招聘公告…请将简历发送至…: a recruiter's).
_SENT_TO = re.compile(r"(?:发送|投递|提交|报送|发)(?:至|到)(?:电子)?(?:邮箱)?[:：]?\s*$|(?:投递|报名|申报|征集)邮箱[:：]?\s*$")
_BY_A_FIRM = re.compile(r"公司|企业|商行|招聘|简历|店")
_FIRM_REACH = 150  # characters back: a firm's notice heads the text (…有限公司招聘公告\n…请将简历发送至…)
_BIRTH_YEAR = re.compile(r"(?<!\d)(?:19[4-9]\d|200\d)(?!\d)")


def office_mailbox(text: str, start: int, value: str) -> bool:
    """Whether the e-mail ``value`` at ``text[start]`` is an office's by its local part or by the
    words sending the public to it."""
    return _role_mailbox(value) or _SENT_TO.search(text, max(0, start - 30), start) is not None \
        and not _BY_A_FIRM.search(text, max(0, start - _FIRM_REACH), start)


def _role_mailbox(value: str) -> bool:
    """Whether an e-mail's local part names a role, not a person: each of its parts is a role word
    (service, xinfang, jubao …), possibly with a short place or body prefix (fsjubao, jiandu_fs)."""
    local = value.partition("@")[0].lower()
    if _BIRTH_YEAR.search(local):
        return False  # xinfang1988: a person's name and birth year, not an office
    parts = _LOCAL_PARTS.findall(local)
    role = False
    for part in parts:
        if part in _ROLE_WORDS or part in _ROLE_WHOLE_ONLY:
            role = True
        elif any(part.startswith(w) and len(part) - len(w) <= 4 or part.endswith(w) and len(part) - len(w) <= 4
                 for w in _ROLE_WORDS if len(w) >= 3):
            role = True
        elif len(part) > 4:
            return False  # a part that is neither a role nor a short prefix: lina, zhangwei
    return role
