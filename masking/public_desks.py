"""Desk phones of public bodies in forms and notices (issue 18, fifth round, precision half): the
rules ``masking.public_contacts`` calls under ``publicBodies`` once its own have not decided.

- **More kinds of body** (``MORE_BODIES``): banks and their branches (…支行, 营业网点, 我行), the
  bodies of funeral and elder care (殡仪馆, 养老院, 福利院), customs and border posts (海关, 边检站),
  utilities' offices (供电所, 自来水公司) and tribunals (法庭, 仲裁院). ``public_contacts`` reads them
  as it reads …局 or …医院: by where they stand, never as a word list of phones.
- **A list going on**: a number right after a public one, joined by 、 ／ ； 或 (举报电话：0591-…／87654322,
  0745-7221234、7221235（传真）), is the same office's.
- **A body's letter after its closing words**: a bare contact line (联系电话：…) after 特此证明。
  特此通知。 … in a text a body heads or signs is the issuer's, whoever the letter is about.
- **A table of offices**: rows under a heading whose first column names offices (单位, 窗口, 部门,
  科室 …) and which has a phone column are the offices' rows, unless a row names a person.
"""
from __future__ import annotations

import re
from typing import Callable, Sequence, Tuple

# Bodies beyond public_contacts' own: branches of banks, funeral and elder care, border posts,
# utilities, tribunals. Anchored on their name's ending, like …局.
MORE_BODIES = (
    r"殡仪馆|殡仪服务站|火葬场|公墓|陵园|"
    r"福利院|养老院|敬老院|光荣院|护理院|颐养院|海关|边检站|边防检查站|出入境管理|供电局|供电所|供电公司|自来水公司|"
    r"燃气公司|水务公司|邮政局|法庭|仲裁院|公证处|疾控中心|卫生室|看守所|拘留所|戒毒所|监狱|"
    # a community, a village or a street office by its short name, right before its phone (社区电话, 村委电话)
    r"(?:社区|街道|村委)(?=(?:联系|办公|值班|服务)?电话)|"
)
# A bank and its branches: their desk phones are public, but a bank is no account holder, so they are
# not bodies for ``public_contacts`` (开户行：…银行 after a card leaves the card a person's).
_BANK = re.compile(r"银行|支行|分行|营业部|营业厅|营业网点|储蓄所|信用社|信用联社|农商行|我行|本行")
_BANK_REACH = 60
_ADDRESSED = re.compile(r"(?<![申提报])请(?!求|示)|你|您")  # a notice speaking to its addressee
# A text message's signature at its start: 【城西派出所】, [青山县人民法院]
_SMS_SENDER = re.compile(r"\s*[【\[]([^】\]\n]{2,24})[】\]]")
# A number of a list going on after another: …0591-87654321／87654322, …7221234、7221235
_LIST_BEFORE = re.compile(r"((?:[(（]?0\d{2,3}[)）\-－]?\s?)?[2-9]\d{2,3}[\-\s]?\d{4}(?:转\d{1,5})?)"
                          r"\s*(?:[、／/；;]|或者?|及)\s*$")
_NUMBER_AFTER = re.compile(r"\s*(?:[、／/]|或者?|及)\s*((?:[(（]?0\d{2,3}[)）\-－]?\s?)?[2-9]\d{2,3}[\-\s]?\d{4})"
                           r"\s*[（(](?:传真|办公室|值班室|总机)[）)]")
# The closing words of a body's letter, certificate or notice: what follows is its footer.
_CLOSING = re.compile(r"(?:特此(?:证明|通知|告知|公告|通告|函告|说明|函复)|此复|此致\s*\n?\s*敬礼)[。！!]?[ \t\u3000]*\n")
_BARE_LINE = re.compile(r"(?:^|\n)[ \t\u3000]*(?:联系|咨询|办公|值班)?(?:电话|方式|传真)(?:号码)?[:：]?[ \t\u3000]*$")
_LETTER_REACH = 120
# A table's heading: an office column first (单位, 窗口, 部门 …), then a phone column.
_TABLE_HEAD = re.compile(r"^[ \t\u3000|｜]*(?:序号[ \t\u3000|｜]+)?(?:[\u4e00-\u9fff]{0,4}(?:单位|窗口|部门|科室|机构|站点|网点|处室)"
                         r"(?:名称)?)[ \t\u3000|｜]+[^\n]{0,30}?(?:电话|联系方式|座机)")
# A row naming a person: a name's label, a role, a form of address.
_PERSON_ROW = re.compile(r"人[:：]|联系人|本人|家属|户主|姓名|先生|女士|小姐")
_TABLE_REACH = 600


def continues_public_list(text: str, start: int, end: int, is_public: Callable[[int, int], bool]) -> bool:
    """Whether the landline at ``text[start:end]`` goes on a list whose number before it is public,
    or is followed in a list by a number tagged as an office's (…、7221235（传真）)."""
    before = _LIST_BEFORE.search(text, max(0, start - 24), start)
    if before is not None and is_public(before.start(1), before.end(1)):
        return True
    return _NUMBER_AFTER.match(text, end) is not None


def issuer_footer(text: str, start: int, people: Sequence[Tuple[int, int]],
                  body: "re.Pattern[str]", personal: "re.Pattern[str]") -> bool:
    """A bare contact line after a body's closing words (特此证明。\\n联系电话：…), in a text whose
    first line or a signature names a body, with no person or personal label in between."""
    if "\n" not in text or not _BARE_LINE.search(text, max(0, start - 16), start):
        return False
    closings = list(_CLOSING.finditer(text, max(0, start - _LETTER_REACH), start))
    if not closings:
        return False
    between = text[closings[-1].end():start]
    if personal.search(between) or any(closings[-1].end() <= p < start for p, _ in people):
        return False
    first_line = text[:text.find("\n")].strip()
    if len(first_line) <= 30 and body.search(first_line) and not any(p < len(first_line) for p, _ in people):
        return True  # a letterhead
    return body.search(between) is not None  # a signature between the closing words and the line


def in_offices_table(text: str, start: int, people: Sequence[Tuple[int, int]]) -> bool:
    """Whether ``text[start]`` is in a row of a table headed by an office column and a phone column."""
    top = max(0, start - _TABLE_REACH)
    blank = text.rfind("\n\n", top, start)
    if blank >= 0:
        top = blank + 2
    row_start = text.rfind("\n", top, start) + 1
    if row_start <= top:
        return False  # the heading must be a line above
    for heading in re.finditer(r"[^\n]+", text[top:row_start]):
        if _TABLE_HEAD.match(heading.group()):
            row = text[row_start:start]
            return not _PERSON_ROW.search(row) and not any(row_start <= p < start for p, _ in people)
    return False


def bank_desk(text: str, start: int, people: Sequence[Tuple[int, int]], personal: "re.Pattern[str]",
              sentence_start: int) -> bool:
    """A landline after a bank's or branch's name, in its sentence or on the line above, with no
    person or personal label in between (…支行 网点电话：…; 受理网点：…支行\n网点电话：…); in a
    notice to its addressee, after the bank they are sent to (致李四：…请联系我行，电话…)."""
    line_above = text.rfind("\n", 0, max(0, text.rfind("\n", 0, start)))
    top = max(line_above + 1, start - _BANK_REACH, text.rfind("。", 0, start) + 1)
    banks = list(_BANK.finditer(text, top, start))
    if not banks:
        return False
    if personal.search(text, banks[-1].end(), start) or any(banks[-1].end() <= p < start for p, _ in people):
        return False
    if not personal.search(text, top, banks[-1].start()) and not any(top <= p < start for p, _ in people):
        return True
    return _ADDRESSED.search(text, top, banks[-1].start()) is not None


def sms_sender(text: str, start: int, people: Sequence[Tuple[int, int]], body: "re.Pattern[str]",
               personal: "re.Pattern[str]", sentence_start: int) -> bool:
    """A landline in a text message a body signs (【城西派出所】您的居住证已办好…电话：…), in a sentence
    naming no person or personal label before it."""
    sender = _SMS_SENDER.match(text)
    if sender is None or not (body.search(sender.group(1)) or _BANK.search(sender.group(1))):
        return False
    return not personal.search(text, sentence_start, start) and not any(sentence_start <= p < start for p, _ in people)


# Roles only a body's staff hold at work (a court's clerk, a station's officer, a ward's doctor, a
# branch's account manager): a landline given for one of them is their office's desk phone. A list,
# because the role is what tells an office's line from a home's; kept to roles that name no private party.
_OFFICIAL_ROLE = re.compile(
    r"(?:办案|承办|经办|处警|出警|接警|社区|值班)?(?:民警|警官|辅警)|承办法官|审判长|审判员|书记员|法官助理|法官|执行员|检察官"
    r"|(?:主治|经治|值班|接诊|管床)?(?:医生|医师)|护士长|责任护士|客户经理|网格员|调解员|驻村干部|包村干部|专管员|村干部|承办人|经办人|工作人员")
# What may stand between the role and the landline: the official's name, a badge number, a phone label.
_ROLE_GAP = re.compile(r"[:：\s]*(?:[\u4e00-\u9fff·]{1,6}?)?\s*(?:[（(]\s*(?:警号|工号|编号)?[:：]?\s*[0-9A-Za-z]{0,8}\s*[）)])?"
                       r"\s*[，,、;；\s]*(?:的)?(?:联系|办公|值班)?(?:电话|座机|固话)(?:号码)?(?:为|是)?[:：]?\s*$")
_MOBILE_NEAR = re.compile(r"(?<!\d)1[3-9]\d(?:[\s-]?\d){8}(?!\d)")
_ROLE_REACH = 30


def official_desk(text: str, start: int, end: int, people: Sequence[Tuple[int, int]]) -> bool:
    """A landline labelled as an official's at work (办案民警：马力（警号012345） 联系电话：…, 书记员电话：…),
    unless their mobile is given beside it (…（13712345678，0757-…）: the official's own contact)."""
    top = max(0, start - _ROLE_REACH, text.rfind("\n", 0, start) + 1)
    if _BARE_LINE.search(text, max(0, start - 16), start) and top > 0:
        top = max(0, text.rfind("\n", 0, top - 1) + 1)  # 书记员：王芳\n联系电话：…: the officer on the line above
    roles = list(_OFFICIAL_ROLE.finditer(text, top, start))
    if not roles or not (_ROLE_GAP.fullmatch(text, roles[-1].end(), start)
                         or re.fullmatch(r"[:：]\s*", text[roles[-1].end():start])):  # 社区工作人员：0757-…
        return False
    return not _MOBILE_NEAR.search(text, max(0, roles[-1].end()), min(len(text), end + 20))


# A label alone on its line, its value on the next (an OCR'd form): 联系电话\n0871-…, 办公地址：\n…
_LABEL_LINE = re.compile(r"(?:^|\n)[^\n]{0,24}?(?:电话|传真|热线|座机|方式|地址|地点|邮箱)(?:号码)?[ \t\u3000]*[:：]?[ \t\u3000]*\n[ \t\u3000]*$")


def label_line_joined(text: str, start: int) -> str:
    """``text`` with the line break between a label alone on its line and the value at ``start``
    made a space (same offsets), so that the value is read after its label; or ``text`` unchanged."""
    label = _LABEL_LINE.search(text, max(0, start - 40), start)
    if label is None:
        return text
    newline = text.rfind("\n", 0, start)
    return text[:newline] + " " + text[newline + 1:]


# Labels that by themselves name an office's line, not a person's (单位电话, 值班电话, 科室电话 …).
_OFFICE_LINE_LABEL = re.compile(
    r"(?:单位|机构|机关|部门|科室|网点|窗口|办公室?|值班室?|总机|监督|举报|投诉|咨询|服务|受理|报警|报案|业务|预约|挂号|病区|护士站)"
    r"(?:联系|咨询|服务|受理|值班)?(?:电话|热线|座机)(?:号码)?|传真")
_OFFICE_ONLY = re.compile(r"单位|机构|机关|部门|科室|网点|窗口|值班|总机|传真|病区|护士站")  # no person's line
# Where a form's field ends on a line: two spaces, a tab, a bar, a semicolon or a comma.
_FIELD_END = re.compile(r"[ \u3000]{2,}|\t|[|｜；;，,]|(?<=[\u4e00-\u9fff\d）)])[ \u3000](?=[\u4e00-\u9fff]{1,8}[:：])")


def office_line_field(text: str, start: int, people: Sequence[Tuple[int, int]], personal: "re.Pattern[str]") -> bool:
    """A landline in a form's field labelled as an office's line (…  单位电话：…, ｜值班电话：…) whose
    field, and the field before it, name no person and hold no personal label."""
    line_start = text.rfind("\n", 0, start) + 1
    ends = list(_FIELD_END.finditer(text, line_start, start))
    field_start = ends[-1].end() if ends else line_start
    label = _OFFICE_LINE_LABEL.search(text, field_start, start)
    if label is None or not re.fullmatch(r"[:：\s]*", text[label.end():start]):
        return False
    if not ends:
        return not personal.search(text, line_start, start) and not any(line_start <= p < start for p, _ in people)
    if personal.search(text, field_start, start) or any(field_start <= p < start for p, _ in people):
        return False
    if _OFFICE_ONLY.match(label.group()):
        return True  # 单位电话, 值班电话, 传真: an office's line even after a named officer
    # 联系人：王芳  办公电话：…, 咨询人何小红，咨询电话…: theirs
    previous_start = ends[-2].end() if len(ends) >= 2 else line_start
    return not personal.search(text, previous_start, start) and not any(previous_start <= p < start for p, _ in people)


# A heading over a list of offices' points (附：各镇街受理点, 联系我们, 各社区服务中心地址及电话：): the lines
# below it, up to a blank line, are the offices' unless a person is named in them.
_OFFICES_HEADING = re.compile(
    r"(?:受理|服务|办事|办理|咨询|报名|接待|便民|投诉)(?:点|网点|地点|窗口|大厅)|联系我们|通讯录|地址及(?:联系)?电话|电话及地址"
    r"|各[^\n]{0,20}?(?:联系方式|电话|地址)")
_HEADING_REACH = 400


def under_offices_heading(text: str, start: int, people: Sequence[Tuple[int, int]], personal: "re.Pattern[str]",
                          private_between: Callable[[str, int, int, Sequence[Tuple[int, int]]], bool]) -> bool:
    """Whether ``text[start]`` is in a list headed by ``_OFFICES_HEADING`` with no person in between
    (``private_between``: ``public_contacts``'s reading of a person or a personal label in a span)."""
    top = max(0, start - _HEADING_REACH)
    blank = text.rfind("\n\n", top, start)
    if blank >= 0:
        top = blank + 2
    line_start = text.rfind("\n", top, start)
    if line_start < 0:
        return False  # the heading must be a line above
    first_end = text.find("\n", top, line_start + 1)
    heading = text[top:first_end if first_end >= 0 else line_start]
    if len(heading) > 40 or not _OFFICES_HEADING.search(heading) or personal.search(heading):
        return False
    return not private_between(text, top, start, people)


# A body speaking of itself (本院定于…, 请到我所领取, 我行将…): its notice's bare contact line is its own.
_SELF_BODY = re.compile(r"(?:本|我)(?:院|局|所|行|委|办|中心|站|科|庭|馆|处|机关|公司)(?![\u4e00-\u9fff]{0,1}(?:人|民|家))")
_ROLE_FIELD = re.compile(r"\s*[\u4e00-\u9fff]{0,6}(?:人|者|员|属|主|户|姓名|名称)\s*[:：]")
_BARE_SENTENCE = re.compile(r"\s*(?:联系|咨询|办公|值班)?(?:电话|方式)(?:号码)?(?:为|是)?[:：]?\s*")


def speaking_body(text: str, start: int, people: Sequence[Tuple[int, int]], personal: "re.Pattern[str]",
                  sentence_start: int) -> bool:
    """A bare contact sentence (联系电话：…) in a notice a body writes of itself (本院定于…开庭，请准时到庭。
    联系电话：…), whoever it is addressed to."""
    if not _BARE_SENTENCE.fullmatch(text, sentence_start, start):
        return False
    if _SELF_BODY.search(text, 0, sentence_start) is None:
        return False
    # the sentence before is no person's record: not a role's field (申请人：张三), not ending on a name
    previous = max(text.rfind(c, 0, max(0, sentence_start - 1)) for c in "。；;！？!?\n") + 1
    if _ROLE_FIELD.match(text, previous) or personal.search(text, max(previous, sentence_start - 12), sentence_start):
        return False
    return not any(sentence_start - 6 <= e <= sentence_start for _, e in people)
