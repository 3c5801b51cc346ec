"""More lines of public bodies and firms that are no one's personal data (issue 18, fifth round):
the rules ``masking.public_contacts`` calls under ``publicBodies`` once its own have not decided.

- **A firm's published phone**: in the contact block of an enterprise's annual report or a unit's
  record, 企业联系电话：… or 单位电话：… is the firm's landline when the text names no person and
  holds no personal label (联系人 …); its address and mailbox stay masked (an individual
  business's are its owner's).
- **A bare contact line of a body with no person in sight**: a landline after 联系方式：, 联系电话：,
  电话： on the line below a body's name alone (a letterhead, a notice's footer), in a text that
  names no person and holds no personal label (联系人, 本人, 住址, 申请人 …).
- **A body's premises and mailbox by their place**: an address running on into a body's name
  (…35号区公证处; not …5号人民医院旁) or bracketed right after one (禅城区公证处（…33号）), with no
  home's label before it; a mailbox labelled as a body's (社区联系邮箱：) in a text naming no person.
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
# Bodies whose premises an address often names right after it or before it in brackets.
_BODY_NAME = (r"(?:公证处|法律援助处|法律援助中心|派出所|人民法院|法院|检察院|仲裁委员会|仲裁委|公安局|分局|局|服务中心|中心|"
              r"社区居委会|居委会|村委会|街道办事处|办事处|街道办|人民医院|医院|卫生院|司法所|人民政府|政府|管理处|服务大厅|大厅)")
# An address running on into the body it is the premises of (…35号区公证处, …3号顺德区法律援助处), not a
# home beside one (…5号人民医院旁).
_BODY_AFTER = re.compile(r"[\u4e00-\u9fff]{0,14}?" + _BODY_NAME + r"(?![\u4e00-\u9fff]{0,2}(?:旁|附近|对面|隔壁|后面|宿舍|楼上|楼下))")
# An address in brackets right after a body's name (禅城区公证处（佛山市…33号）).
_BODY_BRACKET = re.compile(_BODY_NAME + r"[ \t\u3000]*[（(][ \t\u3000]*$")
# A body's mailbox by its label: 社区联系邮箱：, 区消委会投诉邮箱：, 居委会邮箱：.
_BODY_MAILBOX = re.compile(r"(?:社区|居委会|村委会|街道|局|中心|办|所|院|站|委|会)(?:联系|举报|投诉|咨询|监督|办公|工作)?(?:电子)?邮箱[:：]?\s*$")
_HOME_LABEL = re.compile(r"住|户籍|家|居住|现居|本人|暂住")


def public_line(text: str, start: int, end: int, entity: str, people: Sequence[Tuple[int, int]],
                body: "re.Pattern[str]", personal: "re.Pattern[str]") -> bool:
    """Whether the contact point at ``text[start:end]`` is public by one of the rules above; ``body``
    and ``personal`` are ``public_contacts``'s patterns of a public body and of a personal label."""
    before = text[max(0, start - 16):start]
    if entity == "CN_ADDRESS":
        return _HOME_LABEL.search(text, max(0, start - 12), start) is None \
            and (_BODY_AFTER.match(text, end) is not None or _BODY_BRACKET.search(before) is not None)
    if entity == "EMAIL_ADDRESS":
        return _BODY_MAILBOX.search(before) is not None and not people
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
