"""Public contact points: the phone, e-mail and address of a public body are not personal data.

A text may name a government body's office phone (本机关联系电话：0757-83030000), its e-mail
(xxgk@foshan.gov.cn), its address, or a public hotline (12345, 0757-12345). Masking them
hides nothing about a person and makes the text useless, so a found landline, e-mail or
address is left standing when ``PublicContacts`` says it is public:

- ``numbers``: numbers that are public wherever they appear (digits only; an area code
  before a hotline such as 12345 does not change it);
- ``email_domains``: domains whose addresses are public (``gov.cn`` covers every
  ``*.gov.cn``);
- ``public_bodies``: a landline, e-mail or address is public when, in its own sentence,
  the nearest party named before it is a public body (…局, …人民政府, 本机关, …法院,
  …医院) with no person or personal label (联系人, 住址 …) in between, when a public body
  is named in brackets right after it (0757-83030000（佛山市民政局）), or when it is
  labelled as a public line (咨询电话, 监督电话, 服务热线, 如有疑问请致电) with no person
  before it in its sentence; an address labelled as a body's premises (办公地址, 办事地点);
  a landline in one sentence with a public e-mail (联系人：X科长，电话…，邮箱…@foshan.gov.cn);
  a bank account whose statement names a body as its holder (户名：佛山市财政局；…账号：…);
  the lines of a record a body heads (名称：…局\n地址：…\n联系电话：…);
  an address that runs on into the body at it (…148号佛山市财政局5楼); a contact named by a
  title only (联系人：张科长) after a body; a bare contact line after a sentence sending the
  reader to a body (…可向…局反映。联系电话：…), in a bracket opened after a body, with its
  owner named after it (…，联系单位：…局), or around a body's signature (…局\n2026年3月1日);
  a role mailbox (service@, xinfang@, fsjubao@ …; ``masking.public_mailboxes``) with no person
  before it; a credit code of GB 32100 category 1 (机关 11, 事业单位 12 …), published by law; and
  the rules of ``masking.public_lines`` and ``masking.public_desks`` (banks, letters' footers,
  tables of offices, form fields labelled as an office's line …).

Mobile numbers, ID numbers and other identifiers are never public. The default
(``DEFAULT_PUBLIC_CONTACTS``) holds the national service hotlines, ``gov.cn`` and the
body rule; ``PublicContacts.from_setting`` reads a steward's setting
(``{"numbers": [...], "emailDomains": [...], "publicBodies": true}``) and
``NO_PUBLIC_CONTACTS`` (a setting of ``false``) masks everything found; ``validate_setting``
refuses a setting it could not read. A free-text field's policy may carry its own
(``masking.policies.FieldPolicy.public_contacts``), used instead of the dataset's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, FrozenSet, Iterable, Mapping, Sequence, Tuple, Union

from masking.companies import company_contact
from masking.errors import BadMaskingInput
from masking.public_desks import (MORE_BODIES, bank_desk, continues_public_list, in_offices_table, issuer_footer,
                                  label_line_joined, office_line_field, official_desk, sms_sender,
                                  speaking_body, under_offices_heading)
from masking.public_lines import public_line
from masking.public_mailboxes import office_mailbox

# National public service hotlines (市民热线, 消费者投诉, 劳动保障, 医保 …) and emergency numbers.
SERVICE_HOTLINES = frozenset(
    "12345 12315 12333 12320 12348 12358 12365 12366 12368 12369 12319 12328 12338 12339 12350 12355 "
    "12356 12361 12363 12367 12377 12380 12381 12388 12393 12395 12110 12122 110 119 120 122".split()
)
CHECKED_ENTITIES = frozenset({"CN_LANDLINE", "EMAIL_ADDRESS", "CN_ADDRESS", "CN_BANK_CARD", "CN_CREDIT_CODE"})
# GB 32100's first character: 1 = registered by the staffing authorities (11 机关, 12 事业单位,
# 13 群众团体, 19 其他), bodies whose codes are published by law; 9 (enterprises) and the rest are not.
PUBLIC_CREDIT_CATEGORIES = ("1",)

_BODY = re.compile(
    r"(?:" + MORE_BODIES + r"人民政府|政府|管理局|分局|局|委员会|办公室|办事处|管理处|服务中心|中心|人民法院|法院|检察院|"
    r"派出所|大队|中队|支队|医院|纪念馆|博物馆|故居|图书馆|文化馆|本机关|本局|本院|本委|本中心|本所|本站|本办|本处|本馆|"
    r"我局|我委|我办|我院|我中心|村委会|居委会|红十字会|联合会|残联|妇联|总工会|团委|党委|纪委|"
    r"学校|学院|大学|中学|小学|幼儿园|卫生院|保健院|卫生站|服务站|工作站|救助站|司法所|财政所|税务所|"
    # an office's short name (信访办, 招生办, 区府办) or a station or office (林业站, 国土所), named
    # as the party of a contact line: 区信访办接待电话：…, 禅城区综治办：…
    r"(?<=[\u4e00-\u9fff]{2})(?:办|所|站|部|委|科|厅|(?<![住去到出])处|(?<![卧居寝住病])室)(?=[，,\s]*(?:[:：]|(?:[\u4e00-\u9fff]{0,2}(?<!家庭|个人|本人|住宅))?(?:电话|传真|热线|邮箱)))"
    r"|(?:值班室|总机)(?=\s*(?:电话|[:：]|\s*0))|"
    # a section named as the party of a contact line: 联系人及电话：社会救助科，0757-…
    r"(?<=[:：\s])[\u4e00-\u9fff]{2,8}?(?:科|股)(?=[，,；;\s]))"
)
# Evidence that what follows in the sentence belongs to a person.
# Not a party spoken of but the public spoken to (请患者家属…, 居民如需…, 申请人可拨打…, 家属须知): a role
# right after 请 or 各位, or right before 如, 可, 须 …, is no one in particular.
_PERSONAL_CUE = re.compile(
    r"(?<!请)(?<!各位)(?<!广大)(?<!凡)(?:联系人|本人|家属|当事人|来电人|报警人|申请人|户主|患者|住(?!院部|院处)|其|承办人|经办人|负责人|代理人|原告|被告|第三人|"
    r"嫌疑人|配偶|子女|先生|女士|投诉人|举报人|反映人|求助人|咨询人|亲属|监护人|村民|居民|业主|住户|租户|户籍(?!室|科|窗口|业务|大厅|民警)|"
    r"诉求人|来访人|信访人|来信人|收件人|寄件人|学生(?![资事处会工])|家长|员工|职工(?!医院)|学员|人[:：]|人(?:家庭)?(?:地址|住址|电话|联系电话|手机|邮箱)|"
    r"来电号码|来电号|主叫号码)(?!如|若|可(?!能)|须|需|应|们|朋友)"
)
# A section of a body: …局法制科, …医院门诊部, …中心2号窗口.
_SECTION = r"[\u4e00-\u9fff0-9]{0,6}?(?:科|处|室|股|所|庭|组|队|站|部|中心|厅|窗口)"
# A body's contact person named by a title only (联系人：张科长): the line is the office's.
_OFFICIAL_CONTACT = re.compile(
    r"(?:联系人|承办人|经办人)[:：]?\s*[\u4e00-\u9fff]{1,2}?(?:副?(?:科长|主任|处长|局长|股长|所长|站长|队长)|同志|老师|"
    r"科员|干事|专员|先生|女士|小姐|工|总)(?![\u4e00-\u9fff])"
    # an office or section named as the contact, no person: 联系人：社会事务办, 联系人：综合科
    r"|(?:联系人|承办人|经办人|经办)[:：]?\s*[\u4e00-\u9fff]{0,8}?(?:办公室|办|科|股|室|部|中心|窗口|服务台|前台)(?![\u4e00-\u9fff])")
# What may stand between a body and its own address: 佛山市民政局（地址：…）, …局办公地址：…
# (the address may start after its town, which the address's span leaves out: 县教育局（城关镇人民路3号）)
_ADDRESS_LABEL = re.compile(r"(?:\s*[，,（(]?\s*(?:办公|联系|通讯|办事)?(?:地址|地点|位于|坐落于?)(?:为|是|在)?[:：]?\s*"
                            r"|(?:" + _SECTION + r")?\s*[（(]\s*)(?:[\u4e00-\u9fff]{1,8}?(?:省|市|区|县|镇|乡|街道))*")
# The body's own particulars, between its name and its address: 本机关统一社会信用代码：…，地址：…
_BODY_ITEMS = re.compile(
    r"(?:" + _SECTION + r")?(?:[，,；;、\s]*(?:统一社会信用代码|信用代码|组织机构代码|(?:联系|办公|咨询|值班)?电话|传真|邮政编码|邮编|邮箱|网址)"
    r"(?:为|是)?[:：]?\s*[0-9A-Za-z@._\-（）()]+)+[，,；;\s]*(?:办公|联系|通讯|办事)?(?:地址|地点)(?:为|是)?[:：]?\s*"
)
_PUBLIC_LABEL = re.compile(
    r"(?:咨询|监督|投诉|举报|服务|值班|办公|政务|受理|报名|预约|救助|公开|信息公开|征集|意见|建议|反馈|接待|挂号)"
    r"(?:受理|服务|专用|投诉|征集)?(?:电话|热线|邮箱|信箱|方式|渠道)|热线|总机|值班室"
    r"|(?:市长|书记|局长|区长|县长|镇长|院长|主任)信箱|投诉举报|举报投诉|咨询投诉"
    r"|(?:投稿|报送|来稿|申报|材料|收件)(?:邮箱|信箱)|(?:报送|提交)至"
    r"|(?:如有疑问|如有异议|如需咨询|如需帮助|详情)[，,]?(?:请|可)?(?:致电|拨打|联系|来电|咨询|发送?邮件至?|来信)"
    # the reader told whom to call when something happens: 如有发热症状请联系口岸卫生检疫：…
    r"|如(?:有|需|遇|发现|出现)[^，,。；;\n]{0,10}?[，,]?(?:请|可)(?:及时)?(?:致电|拨打|联系|咨询)[\u4e00-\u9fff]{0,12}?[:：]"
    # a bare service label (咨询：0757-…, 投诉：…), an office's own line (科室电话, 办公室电话, 窗口电话),
    # the reader asked to call (请致电0757-…了解详情)
    r"|(?<![\u4e00-\u9fff])(?:咨询|投诉|举报|监督|预约|报名|查询)[:：]"
    r"|(?:科室|办公室|窗口|大厅|服务台|前台|值班|病区|病房|护士站|医生办公室|诊室|住院部|门诊部|急诊科?)(?:联系)?(?:电话|热线|座机)|(?<!家庭|个人|本人|住宅)传真|(?:请|可|欢迎)(?:致电|拨打|来电咨询|电话咨询)"
)
# What may stand between a public line's label and its contact point: other numbers and
# mailboxes, punctuation, 或, 发送邮件至 … and no sentence going on (热线接到市民来电，号码…).
_CONTACT_GAP = re.compile(
    r"(?:[0-9A-Za-z@._+\-()（）:：，,、/／\s]|或者?|及|和|与|为|是|号码|电话|传真|邮箱|电子邮箱|(?:发送?|发)?(?:电子)?邮件至?"
    r"|拨打|致电|工作日|工作时间|[\u4e00-\u9fff]{1,4}?(?:区|市|县|镇|街道))*"
)
# Labels only a body's premises carry: a person's home is never its 办公地址.
_OFFICE_ADDRESS = re.compile(r"(?:办公|办事|服务|受理|接待|来访|报名|咨询|办理|领取|投诉|举报|窗口|大厅|网点|营业|机关|本院|法院|医院|"
                             r"(?<![住居场处])所|局|馆)(?:地址|地点|窗口|网点|场所)"
                             r"(?:为|是|在|位于)?[:：]?\s*$")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_PARAGRAPH_END = re.compile(r"[。！？!?\n]")  # an account's 户名；开户银行；账号 are one statement
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# 0757-83030000（佛山市民政局）, …（佛山市市场监督管理局法制科）: a body, or a section of one.
_BRACKETED_BODY = re.compile(r"\s*[（(]([^（）()]{2,30}?(?:" + _BODY.pattern + r")(?:" + _SECTION + r")?"
                             r"(?:[0-9一二三四五六七八九十]+(?:楼|层)|大厅|[东西南北]?门|[0-9]+号窗口)*)[）)]")
# An address that runs on into the body at it: …汾江中路148号佛山市财政局5楼， …德民路3号区教育局一楼大厅
_BODY_AT = re.compile(
    r"[\u4e00-\u9fff0-9]{0,16}?(?:" + _BODY.pattern + r")(?:" + _SECTION + r")?"
    r"(?:[0-9一二三四五六七八九十]+(?:楼|层)|大厅|[东西南北]?门)*(?=[，,。；;（(\s]|收|$)")
_AREA = re.compile(r"^0(?:10|2\d|[3-9]\d{2})")
# A record's lines (名称：佛山市禅城区教育局\n地址：…\n联系电话：…) and a bracket's parts (；) are
# one statement: a body heading it, on a line of its own or after an organisation's label, owns
# the contact points below it unless a person or personal label comes between.
_RECORD_END = re.compile(r"[。！？!?]|\n\s*\n")
_RECORD_HEAD = re.compile(
    r"\s*(?:[\u4e00-\u9fff]{0,6}(?:名称|单位|机构|机关|部门|组织|处所|采购人|招标人|发布|主办|承办|经办|受理|联系人)[\u4e00-\u9fff]{0,4}[）)]?[:：])?"
    r"\s*[\u4e00-\u9fff（）()]{0,30}")
_NOT_A_HEAD = re.compile(r"反映|投诉|举报|市民(?!政)|群众|对象|涉及|前往|(?<!应)到|当事人|申请人|被|原告|户")
# …局\n, …局；, …局（, or the body's own particulars right after its name: 本院地址：…；联系电话：…
_AFTER_HEAD = re.compile(r"(?:" + _SECTION + r")?\s*(?:$|[\n；;（(]|(?:办公|联系|通讯|办事|值班)?"
                         r"(?:地址|地点|电话|传真|邮编|邮政编码|邮箱|电子邮箱)[:：])")
# Words ending like a body's short name that are a person's or a firm's place (住所：, 经营场所：)
_NOT_PREMISES = ("住所", "场所", "处所", "居所", "寓所", "厕所")
# An address's own label at the start of its line or clause: …，地址：… / \n联系地址：…
_ADDRESS_LINE = re.compile(r"(?:^|[\n；;，,、（(])\s*(?:办公|联系|通讯|办事|单位|机构|机关)?(?:地址|地点)(?:为|是)?"
                           r"(?:\s*[/／]?\s*(?:Office\s+)?Add(?:ress|r\.?))?\s*[:：]?\s*$")  # a bilingual form's 地址 Address：
_SITE = re.compile(r"现场|涉事|事发|案发|发生|位置")
# An address the reader is sent to for a service: 到…16号办理, …88号区行政服务中心办理
_SERVICE_AFTER = re.compile(r"\s*(?:[\u4e00-\u9fff0-9]{0,16}?(?:" + _BODY.pattern + r")(?:" + _SECTION + r")?"
                            r"(?:[0-9一二三四五六七八九十]+(?:楼|层)|大厅)*)?\s*"
                            r"(?:办理|咨询|领取|报名|递交|提交|查询|缴纳|办事|申领|登记)")
_SENT_THERE = re.compile(r"(?:到|至|前往|赴|来|于)\s*$")
# A number given for reaching a body: 可拨打0757-…向佛山市城管局举报
_TO_BODY = re.compile(r"\s*(?:向|与)[^，,。；;]{0,20}?(?:" + _BODY.pattern + r")[^，,。；;]{0,6}?(?:举报|投诉|咨询|反映|联系|查询)")
# A district's or town's line in a list of offices: 祖庙街道0757-…，石湾镇街道0757-…
_PLACE_BEFORE = re.compile(r"(?:街道|镇|区|县)(?:办事处|政府)?[:：]?$")
# A person turning to a body in the words right before it (…向|到|找 …局).
_TURNS_TO = re.compile(r"(?:向|到|至|往|给|找|去|对|跟)[^，,。；;\n]{0,16}$")
# A notice speaking to its addressee (你, 您, 请): a body sending them somewhere, not a person going there.
_ADDRESSEE_SENT = re.compile(r"(?<![申提报])请(?!求|示)|你|您")
# A person named by surname and title (王女士): no name span, but a person all the same.
_TITLED_PERSON = re.compile(r"[\u4e00-\u9fff](?:先生|女士|小姐|阿姨|师傅|大爷|大妈|大姐|大哥|阿婆|阿伯)")
# A contact label opening its sentence with nothing else before the number: 联系电话：…
_BARE_LABEL = re.compile(r"\s*[（(]?\s*(?:联系|咨询|举报|投诉|监督|办公|值班|服务|受理|来信)?(?:电话|方式|热线|传真|邮箱|"
                         r"电子邮箱|地址|通讯地址)(?:号码)?(?:为|是)?[:：]?\s*")
# A sentence that sends the reader to a body, ending right before the contact line:
# 如有异议，可向佛山市禅城区民政局反映。\n联系电话：…
_DIRECTED_TO_BODY = re.compile(
    r"(?:向|与|联系|咨询|致电|到)[^。；;\n]{0,24}?(?:" + _BODY.pattern + r")(?:" + _SECTION + r")?[^。；;\n]{0,16}?"
    r"(?:反映|联系|咨询|举报|投诉|申请|提出|查询|办理|复议|报名)[^。；;\n]{0,10}[。；;\n]\s*$")
# The same in a clause: 请向镇社会事务办反映，电话：… (a body's short name too, after 向 and before 反映)
_DIRECTED_CLAUSE = re.compile(
    r"(?:向|与|联系|咨询|致电|到)[^，,。；;\n]{0,24}?(?:" + _BODY.pattern + r"|[\u4e00-\u9fff]{1,8}(?:办|所|站|科|股|室|部))"
    r"(?:" + _SECTION + r")?[^，,。；;\n]{0,8}?(?:反映|联系|咨询|举报|投诉|申请|提出|查询|办理|复议|报名|预约|登记|领取|报到)"
    r"[^，,。；;\n]{0,6}[，,]\s*$")
# A bracket opened right after a body: 请与区人社局联系（电话：…；地址：…）
_BODY_BEFORE_BRACKET = re.compile(
    r"(?:" + _BODY.pattern + r")(?:" + _SECTION + r")?(?:联系|咨询|反映|举报|查询|办理)?\s*[（(]$")
# A body named after the number as the line's owner: 联系电话：…，联系单位：佛山市禅城区民政局
_BODY_AFTER = re.compile(
    r"[，,；;\s]*(?:联系|受理|承办|主管|咨询|发布|经办|办理)?(?:单位|机关|部门)[:：]?\s*[^，,。；;\n]{0,24}?(?:"
    + _BODY.pattern + r")")
# A body's signature: its name alone on a line, the date on the next (公告's, 通知's footer).
_SIGNATURE = re.compile(
    r"(?:^|\n)[ \t\u3000]*[\u4e00-\u9fff（）()]{0,30}?(?:" + _BODY.pattern + r")(?:" + _SECTION + r")?"
    r"(?:[（(][\u4e00-\u9fff]{1,4}[）)])?[ \t\u3000]*\n[ \t\u3000]*(?:\d{4}\s*年|\d{4}[-./]|二[〇○零O])[^\n]{0,14}(?=\n|$)")
# The rest of a contact line, then the body bracketed at its end: 地址：…，电话：…（佛山市财政局）
_ITEMS_THEN_BODY = re.compile(
    r"(?:[，,；;\s]*(?:联系|办公|咨询)?(?:电话|传真|邮编|邮政编码|邮箱|电子邮箱|网址)(?:为|是)?[:：]?\s*[0-9A-Za-z@._\-]+)*"
    + _BRACKETED_BODY.pattern)
# An office's part bracketed after a number: 0757-…（办公室）, …（传真）, …（窗口）
_OFFICE_TAG = re.compile(r"\s*[（(](?:办公室|传真|窗口|值班室|值班|总机|服务台|前台|咨询台|总台|科室|[\u4e00-\u9fff]{1,6}(?:科|股|办|窗口))[）)]")
# Office hours bracketed after a number: 0757-…（工作日）, …（周一至周五 8:30-17:30）
_OFFICE_HOURS = re.compile(r"\s*[（(][^（）()\n]{0,12}?(?:工作日|周一至周[五六日]|星期一至星期[五六日]|上班时间|办公时间|工作时间"
                           r"|\d{1,2}[:：]\d{2}\s*[-—–~至]\s*\d{1,2}[:：]\d{2})")
# An office's premises named earlier in the sentence: 办公地址：…，联系电话：…
_OFFICE_PREMISES = re.compile(r"(?:办公|办事|服务|受理|接待|来访|报名)(?:地址|地点|窗口|网点|场所|大厅)")
_SIGNATURE_REACH = 160  # characters between a footer's contact line and the signature


@dataclass(frozen=True)
class PublicContacts:
    """Which contact points in free text are public (left unmasked); see the module doc."""

    numbers: FrozenSet[str] = SERVICE_HOTLINES
    email_domains: Tuple[str, ...] = ("gov.cn",)
    public_bodies: bool = True

    @classmethod
    def from_setting(cls, setting: Union[None, bool, Mapping[str, Any]]) -> "PublicContacts":
        """A steward's setting; keys left out keep the default, ``None`` (or ``true``) is the
        default and ``false`` masks every contact point. Read ``validate_setting`` first."""
        if setting is False:
            return NO_PUBLIC_CONTACTS
        if not setting or setting is True:
            return DEFAULT_PUBLIC_CONTACTS
        numbers = setting.get("numbers")
        domains = setting.get("emailDomains", setting.get("email_domains"))
        bodies = setting.get("publicBodies", setting.get("public_bodies"))
        return cls(
            numbers=DEFAULT_PUBLIC_CONTACTS.numbers if numbers is None else frozenset(_digits(n) for n in numbers),
            email_domains=DEFAULT_PUBLIC_CONTACTS.email_domains if domains is None
            else tuple(d.lower().lstrip("*.") for d in domains),
            public_bodies=DEFAULT_PUBLIC_CONTACTS.public_bodies if bodies is None else bool(bodies),
        )

    def is_public(self, text: str, start: int, end: int, entity: str, people: Iterable[Tuple[int, int]] = ()) -> bool:
        """Whether the ``entity`` found at ``text[start:end]`` is a public contact point.

        ``people``: spans of the persons found in the text (a person between a body and a
        contact point makes the contact point that person's).
        """
        if entity not in CHECKED_ENTITIES:
            return False
        value = text[start:end]
        if entity == "CN_CREDIT_CODE":
            return self.public_bodies and value.startswith(PUBLIC_CREDIT_CATEGORIES)
        if entity == "CN_LANDLINE" and self._listed_number(value):
            return True
        if entity == "EMAIL_ADDRESS" and self._public_domain(value):
            return True
        if not self.public_bodies:
            return False
        joined = label_line_joined(text, start) if "\n" in text else text
        if joined is not text:  # 联系电话\n0871-…: a form's label on the line above its value
            return self.is_public(joined, start, end, entity, people)
        if entity == "CN_LANDLINE" and self._beside_public_email(text, start, end):
            return True
        if entity == "EMAIL_ADDRESS" and not _personal_before(text, start, people) and office_mailbox(text, start, value):
            return True
        people = list(people)
        return _attributed_to_body(text, start, end, entity, people) \
            or public_line(text, start, end, entity, people, _BODY, _PERSONAL_CUE) \
            or entity == "CN_LANDLINE" and self._public_desk(text, start, end, people) \
            or entity != "CN_BANK_CARD" and company_contact(text, start, entity, people, _PERSONAL_CUE)

    def _public_desk(self, text: str, start: int, end: int, people: Sequence[Tuple[int, int]]) -> bool:
        """The rules of ``masking.public_desks``: a list going on, a letter's footer, a table of offices."""
        sentence_start = _sentence(text, start, end, _SENTENCE_END)[0]
        return continues_public_list(text, start, end, lambda s, e: self.is_public(text, s, e, "CN_LANDLINE", people)) \
            or issuer_footer(text, start, people, _BODY, _PERSONAL_CUE) \
            or bank_desk(text, start, people, _PERSONAL_CUE, sentence_start) \
            or sms_sender(text, start, people, _BODY, _PERSONAL_CUE, sentence_start) \
            or official_desk(text, start, end, people) \
            or speaking_body(text, start, people, _PERSONAL_CUE, sentence_start) \
            or office_line_field(text, start, people, _PERSONAL_CUE) \
            or "\n" in text and in_offices_table(text, start, people)

    def _beside_public_email(self, text: str, start: int, end: int) -> bool:
        """A landline in one contact line with a public e-mail (…电话：0757-…，邮箱：x@foshan.gov.cn)
        is the office's, whoever is named as its contact."""
        sentence_start, sentence_end = _sentence(text, start, end, _SENTENCE_END)
        return any(self._public_domain(m.group()) for m in _EMAIL.finditer(text, sentence_start, sentence_end))

    def _listed_number(self, value: str) -> bool:
        digits = _digits(value)
        if digits in self.numbers:
            return True
        area = _AREA.match(digits)
        return area is not None and digits[area.end():] in self.numbers

    def _public_domain(self, value: str) -> bool:
        domain = value.rpartition("@")[2].lower()
        return any(domain == d or domain.endswith("." + d) for d in self.email_domains)


SETTING_KEYS = ("numbers", "emailDomains", "publicBodies")
_DOMAIN = re.compile(r"^(?:\*\.)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")


def validate_setting(setting: Any) -> None:
    """Refuse a public-contact setting ``from_setting`` could not read (``BadMaskingInput``)."""
    if setting is None or isinstance(setting, bool):
        return
    if not isinstance(setting, Mapping):
        raise BadMaskingInput('publicContacts is false (mask every contact point) or an object like '
                              '{"numbers": ["0757-83030000"], "emailDomains": ["*.gov.cn"], "publicBodies": true}')
    unknown = sorted(set(setting) - set(SETTING_KEYS))
    if unknown:
        raise BadMaskingInput(f"publicContacts keys are {', '.join(SETTING_KEYS)}; not {', '.join(unknown)}")
    numbers = setting.get("numbers")
    if numbers is not None and (not isinstance(numbers, (list, tuple)) or not all(
            isinstance(n, (str, int)) and not isinstance(n, bool) and 3 <= len(_digits(n)) <= 20 for n in numbers)):
        raise BadMaskingInput("publicContacts.numbers is a list of phone numbers of 3 to 20 digits, "
                              'e.g. ["12345", "0757-83030000"]')
    domains = setting.get("emailDomains")
    if domains is not None and (not isinstance(domains, (list, tuple)) or not all(
            isinstance(d, str) and _DOMAIN.match(d) for d in domains)):
        raise BadMaskingInput('publicContacts.emailDomains is a list of domains, e.g. ["*.gov.cn", "foshan.gov.cn"]')
    if "publicBodies" in setting and not isinstance(setting["publicBodies"], bool):
        raise BadMaskingInput("publicContacts.publicBodies is true or false")


def _digits(value: Any) -> str:
    return "".join(ch for ch in str(value) if ch.isdigit())


def _sentence(text: str, start: int, end: int, ends: "re.Pattern[str]") -> Tuple[int, int]:
    """Start and end of the sentence around ``text[start:end]``."""
    sentence_start = 0
    for m in ends.finditer(text, 0, start):
        sentence_start = m.end()
    after = ends.search(text, end)
    return sentence_start, after.start() if after else len(text)




def _personal_before(text: str, start: int, people: Sequence[Tuple[int, int]]) -> bool:
    """Whether the sentence before ``text[start]`` names a person or a personal label."""
    sentence_start, _ = _sentence(text, start, start, _SENTENCE_END)
    return _PERSONAL_CUE.search(_OFFICIAL_CONTACT.sub("", text[sentence_start:start])) is not None \
        or any(sentence_start <= p < start for p, _ in people)


def _private_between(text: str, lo: int, hi: int, people: Sequence[Tuple[int, int]]) -> bool:
    return _PERSONAL_CUE.search(_OFFICIAL_CONTACT.sub("", text[lo:hi])) is not None or any(lo <= p < hi for p, _ in people)


def _person_addresses_body(text: str, sentence_start: int, body_start: int, people: Sequence[Tuple[int, int]]) -> bool:
    """Whether a person named earlier in the sentence turns to the body (陈秀英向禅城区民政局申请低保，
    联系电话…): the number after it is the person's, not the body's. A role alone (当事人可向…局
    申请复议) names no one."""
    turn = _TURNS_TO.search(text, sentence_start, body_start)
    if turn is None or _ADDRESSEE_SENT.search(text, sentence_start, turn.start()):
        return False  # 王秀英：你申请的事项已受理，请到镇政府领取: the body sends its addressee to itself
    return any(sentence_start <= p < turn.start() for p, _ in people) \
        or _TITLED_PERSON.search(text, sentence_start, turn.start()) is not None


def _directed_or_signed(text: str, start: int, end: int, people: Sequence[Tuple[int, int]]) -> bool:
    """A contact point the text around it gives to a body: after a sentence sending the reader
    to the body (…可向…局反映。\n联系电话：…), in a bracket opened after the body (请与…局联系
    （电话：…；地址：…）), labelled with its body after it (…，联系单位：…局), or in the footer
    of a text a body signs (…局\n2026年3月1日\n联系电话：…), given with office hours (…（工作日）) or
    after an office's premises (办公地址：…，联系电话：…), with no person in between."""
    sentence_start, _ = _sentence(text, start, end, _SENTENCE_END)
    if (_OFFICE_HOURS.match(text, end) or _OFFICE_TAG.match(text, end)
            or _OFFICE_PREMISES.search(text, sentence_start, start)) \
            and not _private_between(text, sentence_start, start, people):
        return True
    clause = max(text.rfind("，", sentence_start, start), text.rfind(",", sentence_start, start))
    if clause >= 0 and _BARE_LABEL.fullmatch(text, clause + 1, start) \
            and _DIRECTED_CLAUSE.search(text, max(sentence_start, clause - 60), clause + 1) \
            and not _private_between(text, sentence_start, start, people):
        return True  # 如有异议，请向镇社会事务办反映，电话：…
    owner = _BODY_AFTER.match(text, end) or _ITEMS_THEN_BODY.match(text, end)
    if owner and not _private_between(text, sentence_start, start, people) and not _private_between(text, end, owner.end(), people):
        return True
    if _BARE_LABEL.fullmatch(text, sentence_start, start):
        previous = max(0, sentence_start - 80)
        directed = _DIRECTED_TO_BODY.search(text, previous, sentence_start)
        if directed:  # the whole sentence before: 申请人向区民政局提出申请。联系电话：… is the applicant's
            previous_start, _ = _sentence(text, directed.start(), directed.start(), _SENTENCE_END)
            if not _private_between(text, previous_start, start, people):
                return True
    opening = max(text.rfind("（", max(0, start - 80), start), text.rfind("(", max(0, start - 80), start))
    if opening >= 0 and not any(c in text[opening:start] for c in "）)。\n") \
            and _BODY_BEFORE_BRACKET.search(text, max(0, opening - 40), opening + 1) \
            and not _private_between(text, opening, start, people):
        return True
    if "\n" not in text:
        return False
    signatures = list(_SIGNATURE.finditer(text, max(0, start - _SIGNATURE_REACH), start))
    if signatures and not _private_between(text, signatures[-1].end(), start, people):
        return True
    after = _SIGNATURE.search(text, end, end + _SIGNATURE_REACH)
    if after:
        paragraph = max(text.rfind("\n\n", 0, start) + 2, start - _SIGNATURE_REACH, 0)
        return not _private_between(text, paragraph, start, people) and not _private_between(text, end, after.start(), people)
    return False


def _attributed_to_body(text: str, start: int, end: int, entity: str, people: Sequence[Tuple[int, int]]) -> bool:
    sentence_start, _ = _sentence(text, start, end, _PARAGRAPH_END if entity == "CN_BANK_CARD" else _SENTENCE_END)
    bracketed = _BRACKETED_BODY.match(text, end)
    if bracketed and not _PERSONAL_CUE.search(bracketed.group(1)):
        return True
    if entity in ("CN_LANDLINE", "EMAIL_ADDRESS") and _TO_BODY.match(text, end):
        return True
    before = text[sentence_start:start]
    if entity == "CN_ADDRESS" and _SENT_THERE.search(before) and _SERVICE_AFTER.match(text, end) \
            and not any(sentence_start <= p < start for p, _ in people):
        return True  # 请携带材料到…16号办理, 申请人可到…88号区行政服务中心办理: a service's premises
    if entity == "CN_ADDRESS" and _BODY_AT.match(text, end) and not _PERSONAL_CUE.search(before):
        return not any(sentence_start <= p < start for p, _ in people)
    if entity == "CN_ADDRESS" and _OFFICE_ADDRESS.search(before[-8:]):
        return not any(sentence_start <= p < start for p, _ in people) or _BODY.search(before) is not None
    bodies = list(_BODY.finditer(before))
    if bodies:
        body_end = sentence_start + bodies[-1].end()
        between = text[body_end:start]
        personal = _PERSONAL_CUE.search(_OFFICIAL_CONTACT.sub("", between)) or any(body_end <= p < start for p, _ in people)
        if entity == "CN_ADDRESS":
            # 佛山市统计局2026年3月发布，地址：…; not 局核查，涉事地址：…; a body's name, a comma, its address
            return _ADDRESS_LABEL.fullmatch(between) is not None or not personal and (
                re.fullmatch(r"\s*[，,：:]\s*", between) is not None and not _PERSONAL_CUE.search(before)
                and not text.endswith(_NOT_PREMISES, 0, body_end) or
                _BODY_ITEMS.fullmatch(between) is not None
                or len(between) <= 20 and _ADDRESS_LINE.search(between) is not None and not _SITE.search(between))
        if not personal and not _person_addresses_body(text, sentence_start, sentence_start + bodies[-1].start(), people):
            return True
    elif _record_owner(text, start, entity, people):
        return True
    if entity == "CN_LANDLINE" and _PLACE_BEFORE.search(before):
        return not _PERSONAL_CUE.search(before) and not any(sentence_start <= p < start for p, _ in people)
    labels = list(_PUBLIC_LABEL.finditer(before)) if entity not in ("CN_ADDRESS", "CN_BANK_CARD") else []
    # a public line's label, then only its numbers and mailboxes: 如有疑问请致电0757-…或发送邮件至x@163.com
    if labels and (labels[-1].start() >= len(before) - 10 or _CONTACT_GAP.fullmatch(before, labels[-1].end())):
        return not _PERSONAL_CUE.search(before) and not any(sentence_start <= p < start for p, _ in people)
    if entity in ("CN_LANDLINE", "EMAIL_ADDRESS", "CN_ADDRESS"):
        return _directed_or_signed(text, start, end, people) or "\n" in text and under_offices_heading(text, start, people, _PERSONAL_CUE, _private_between)
    return False



def _record_owner(text: str, start: int, entity: str, people: Sequence[Tuple[int, int]]) -> bool:
    """Whether a body heads the record (lines, or a bracket's parts) that ``text[start]`` is in."""
    record_start = max(0, start - 300)
    for m in _RECORD_END.finditer(text, record_start, start):
        record_start = m.end()
    bodies = list(_BODY.finditer(text, record_start, start))
    if not bodies:
        return False
    body = bodies[-1]
    line_start = max(record_start, *(text.rfind(c, record_start, body.start()) + 1 for c in "\n；;（("))
    head = text[line_start:body.start()]
    if not _RECORD_HEAD.fullmatch(head) or _NOT_A_HEAD.search(head) or any(line_start <= p < start for p, _ in people):
        return False
    if not _AFTER_HEAD.match(text, body.end()):
        return False  # the body is named inside a sentence, not as the record's head
    between = text[body.end():start]
    if _PERSONAL_CUE.search(_OFFICIAL_CONTACT.sub("", between)) or any(body.end() <= p < start for p, _ in people):
        return False
    return entity != "CN_ADDRESS" or _ADDRESS_LINE.search(between) is not None


DEFAULT_PUBLIC_CONTACTS = PublicContacts()
NO_PUBLIC_CONTACTS = PublicContacts(numbers=frozenset(), email_domains=(), public_bodies=False)
