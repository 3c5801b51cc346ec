"""More lines of public bodies and firms that are no one's personal data (issue 18, fifth round):
the rules ``masking.public_contacts`` calls under ``publicBodies`` once its own have not decided.

- **A firm's published phone**: in the contact block of an enterprise's annual report or a unit's
  record, 企业联系电话：… or 单位电话：… is the firm's landline when the text names no person and
  holds no personal label (联系人 …); its address and mailbox stay masked (an individual
  business's are its owner's).
- **A bare contact line of a body with no person in sight**: a landline after 联系方式：, 联系电话：,
  电话： on the line below a body's name alone (a letterhead, a notice's footer), in a text that
  names no person and holds no personal label (联系人, 本人, 住址, 申请人 …).
- **A body speaking of its own number** in a chat (我是街道办的，我们电话是0757-…): a speaker who
  says they are of a body, then gives "our" number.
"""
from __future__ import annotations

import re
from typing import Sequence, Tuple

# Its phone only: an individual business's address or mailbox may be its owner's.
_FIRM_LABEL = re.compile(r"(?:企业|单位|公司|机构)(?:联系|办公)?(?:电话|传真)[:：]?\s*$")
_BARE_LABEL = re.compile(r"(?:^|\n)[ \t\u3000]*(?:联系方式|联系电话|办公电话|电话|座机)[:：]?[ \t\u3000]*$")
# A line holding a public body's name only: 佛山市禅城区应急管理局, 祖庙街道办事处（盖章）.
_BODY_LINE = re.compile(r"[ \t\u3000]*[\u4e00-\u9fff]{2,30}?(?:局|委员会|办公室|办事处|中心|法院|检察院|派出所|居委会|村委会|"
                        r"司法所|人民政府|政府|公证处|仲裁委员会|服务站)(?:[（(]盖章[）)])?[ \t\u3000]*$")
# A line that says something (市民反映…局) is a sentence about a body, not its name as a heading.
_NOT_A_HEADING = re.compile(r"反映|投诉|举报|市民|群众|来电|称|向|到|在|给|对|经|由|请")
_OUR_NUMBER = re.compile(r"我们(?:单位|这边|这里|的)?(?:办公|值班|联系)?(?:电话|座机|号码)(?:是|为)?[:：]?\s*$")
_SPEAKER_OF_BODY = re.compile(r"我(?:们)?是[^，,。！？!?\n]{0,14}?(?:局|委|办|所|院|中心|站|居委会|村委会|街道|政府|法院|派出所)的?")
_SPEAKER_REACH = 80


def public_line(text: str, start: int, end: int, entity: str, people: Sequence[Tuple[int, int]],
                body: "re.Pattern[str]", personal: "re.Pattern[str]") -> bool:
    """Whether the contact point at ``text[start:end]`` is public by one of the rules above; ``body``
    and ``personal`` are ``public_contacts``'s patterns of a public body and of a personal label."""
    before = text[max(0, start - 16):start]
    if entity == "CN_LANDLINE" and _FIRM_LABEL.search(before):
        return not people and personal.search(text) is None  # a block naming a contact person: theirs  # 企业联系电话：…: the firm's published line
    if entity != "CN_LANDLINE":
        return False
    if _OUR_NUMBER.search(before):
        head = text[max(0, start - _SPEAKER_REACH):start]
        speaker = _SPEAKER_OF_BODY.search(head)
        return speaker is not None and not personal.search(head, speaker.end())
    label = _BARE_LABEL.search(text, max(0, start - 16), start)
    if label:  # the line above is a body's name alone (a letterhead or a footer)
        above = text[max(0, label.start() - 40):label.start()].rpartition("\n")[2]
        return not people and _BODY_LINE.match(above) is not None and _NOT_A_HEADING.search(above) is None \
            and personal.search(text) is None
    return False
