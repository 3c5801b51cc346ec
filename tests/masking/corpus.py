"""A synthetic corpus of government texts with gold spans of personal data (issue 18).

``build_corpus(n, seed)`` gives ``n`` texts spread over eight genres: 12345 hotline work
orders, administrative penalty decisions, social-assistance notes, discharge summaries,
court-style judgments, police incident notes, enterprise notices, and control texts with
no personal data. Every value is generated (seeded Faker zh_CN and this module's lists);
no real person is named. Each text carries its gold spans ``(start, end, entity)``.

The hard cases are deliberate and frequent: ID numbers spaced or hyphenated in any
grouping, run together with a phone number, after a letter prefix, full-width, lower-case
x and the 15-digit form; mobiles with +86/0086, spaces and hyphens; bank cards of 16-19
digits in groupings 4-4-4-4, 6-13, 4-4-4-4-3; passports and travel permits; landlines
with and without an area code; rare and compound surnames and two-character names;
addresses down to village group, building, unit and room. Not personal (never gold, and
what the controls are made of): public hotlines and government office phones, e-mails and
addresses, historical figures in heritage notices, court pseudonyms (张某某), a surname
with a title only (李先生), the phrases 应自/自收到 of every penalty decision, order and
case numbers, amounts and dates.

The name and place lists here were written apart from ``masking/data``: the corpus draws
rare surnames, villages and historical figures of its own, so that it measures the
recognizers rather than echoing their lists.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Callable, List, Tuple

from faker import Faker

from masking.check_digits import id_check_digit

Span = Tuple[int, int, str]
GENRES = ("hotline", "penalty", "assistance", "discharge", "judgment", "police", "enterprise", "control")

# -- lists of the corpus's own ------------------------------------------------------------
RARE_SURNAMES = "禤笪冼区佘岑麦邝谌酆郗逄晏仉蔺缑璩濮钭訾荀乜扶隗肖谯秘蒯侴羿那琚阮闫伍郦粘"
COMPOUND = ["欧阳", "司马", "上官", "诸葛", "司徒", "慕容", "东方", "皇甫", "尉迟", "公孙", "令狐", "端木", "夏侯", "长孙", "西门"]
HISTORICAL = ["孙中山", "康有为", "梁启超", "黄飞鸿", "詹天佑", "叶问", "陈启沅", "邹伯奇", "林则徐", "邓世昌",
              "李小龙", "戚继光", "袁崇焕", "陈白沙", "湛若水", "何香凝", "廖仲恺", "冼星海", "张荫桓", "黄遵宪"]
PSEUDONYMS = ["张某某", "李某", "王某某", "陈某", "刘某某", "黄某", "何某某", "梁某"]
DISTRICT_TOWNS = {
    "禅城区": ["祖庙街道", "石湾镇街道", "张槎街道", "南庄镇"],
    "南海区": ["桂城街道", "九江镇", "西樵镇", "丹灶镇", "狮山镇", "大沥镇", "里水镇"],
    "顺德区": ["大良街道", "容桂街道", "伦教街道", "勒流街道", "陈村镇", "均安镇", "杏坛镇", "龙江镇", "乐从镇", "北滘镇"],
    "三水区": ["西南街道", "云东海街道", "白坭镇", "乐平镇", "芦苞镇", "大塘镇", "南山镇"],
    "高明区": ["荷城街道", "杨和镇", "明城镇", "更合镇"],
}
ROADS = ["南海大道北", "桂澜路", "海八路", "灯湖东路", "季华六路", "佛山大道中", "汾江中路", "岭南大道北", "魁奇二路",
         "文华北路", "绿景一路", "张槎一路", "澜石二马路", "东平路", "德胜东路", "河滨路", "三水大道", "西南大道中",
         "荷城大道", "沧江路", "人民西路", "建设大道", "朝安南路", "卫国路", "同济西路", "紫洞北路", "桂和路", "江湾一路"]
VILLAGES = ["岗头", "大岸", "沙头", "联和", "新市", "上安", "仙溪", "平洲", "夏北", "良教", "鹤峰", "杏头", "陈涌", "罗格"]
RURAL_TOWNS = ["城关镇", "花桥镇", "石门乡", "新塘镇", "白沙镇", "大坪乡", "龙潭镇", "太平镇", "车田乡", "黄沙镇"]
ESTATES = ["碧桂园", "万科金域华府", "保利花园", "中海千灯湖", "怡翠花园", "金色家园", "雅居乐", "美的翰城", "星河湾"]
OTHER_PROVINCES = [("湖南省", "衡阳市", "衡南县"), ("广西壮族自治区", "玉林市", "博白县"), ("江西省", "赣州市", "于都县"),
                   ("四川省", "南充市", "仪陇县"), ("河南省", "信阳市", "固始县"), ("广东省", "湛江市", "廉江市")]
BODIES = ["佛山市市场监督管理局", "佛山市南海区人力资源和社会保障局", "佛山市顺德区民政局", "佛山市禅城区城市管理和综合执法局",
          "佛山市生态环境局三水分局", "佛山市高明区住房和城乡建设局", "佛山市公安局禅城分局", "佛山市卫生健康局"]
COURTS = ["佛山市禅城区人民法院", "佛山市南海区人民法院", "佛山市顺德区人民法院", "佛山市中级人民法院"]
HOSPITALS = ["佛山市第一人民医院", "南海区人民医院", "顺德区第一人民医院", "佛山市中医院"]
MATTERS = ["噪音扰民", "占道经营", "拖欠工资", "物业纠纷", "燃气安全", "违章搭建", "垃圾清运", "路灯损坏", "食品安全", "医保报销"]
DIAGNOSES = ["2型糖尿病", "社区获得性肺炎", "高血压病3级", "急性阑尾炎", "冠状动脉粥样硬化性心脏病", "腰椎间盘突出症"]
CARD_PREFIXES = ["622202", "622848", "621700", "623058", "622908", "621226", "622588", "625965", "436742", "518710"]
ORDER_PREFIXES = ["2026", "DD2026", "GD2026", "SL"]


def _luhn_complete(prefix: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(prefix)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return prefix + str((10 - total % 10) % 10)


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@dataclass
class Text:
    """A text being written, with the gold spans of what it says about people."""

    genre: str
    parts: List[str] = field(default_factory=list)
    spans: List[Span] = field(default_factory=list)
    length: int = 0

    def add(self, *pieces: str) -> "Text":
        for piece in pieces:
            self.parts.append(piece)
            self.length += len(piece)
        return self

    def pii(self, entity: str, value: str) -> "Text":
        self.spans.append((self.length, self.length + len(value), entity))
        return self.add(value)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class Values:
    """Random personal values and distractors, each in the many ways people write them."""

    def __init__(self, seed: int) -> None:
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.rng = random.Random(seed)

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def pick(self, seq):
        return self.rng.choice(seq)

    # -- people --------------------------------------------------------------------------
    def name(self) -> str:
        r, f = self.rng.random(), self.fake
        if r < 0.55:
            return f.name()
        if r < 0.72:
            return self.pick(RARE_SURNAMES) + f.first_name()
        if r < 0.84:
            return self.pick(COMPOUND) + f.first_name()
        return f.last_name()[0] + f.first_name()[0]  # a two-character name

    def id_number(self) -> str:
        """An 18-character ID (sometimes lower-case x)."""
        area = self.pick(["440604", "440605", "440606", "440607", "440608", "430422", "450923", "360731"])
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=self.rng.randint(0, 30000))
        first17 = area + birth.strftime("%Y%m%d") + self.digits(3)
        value = first17 + id_check_digit(first17)
        return value.lower() if value.endswith("X") and self.rng.random() < 0.4 else value

    def id_written(self) -> Tuple[str, str]:
        """(how the ID is written, its form): spaced, hyphenated, full-width, legacy …"""
        value = self.id_number()
        form = self.pick(["plain", "plain", "plain", "spaced", "spaced2", "hyphen4", "hyphen", "fullwidth", "legacy"])
        if form == "spaced":
            return f"{value[:6]} {value[6:14]} {value[14:]}", form
        if form == "spaced2":
            return f"{value[:3]} {value[3:6]} {value[6:10]} {value[10:14]} {value[14:]}", form
        if form == "hyphen4":
            return "-".join(value[i:i + 4] for i in range(0, 18, 4)), form
        if form == "hyphen":
            return f"{value[:6]}-{value[6:14]}-{value[14:]}", form
        if form == "fullwidth":
            return _full_width(value), form
        if form == "legacy":
            birth = dt.date(1930, 1, 1) + dt.timedelta(days=self.rng.randint(0, 20000))
            return value[:6] + birth.strftime("%y%m%d") + self.digits(3), form
        return value, form

    def mobile(self) -> str:
        return self.pick(["13" + self.digits(1), "15" + self.pick("0123789"), "18" + self.digits(1), "17" + self.pick("3678"),
                          "19" + self.pick("0389"), "166"]) + self.digits(8)

    def mobile_written(self) -> str:
        m = self.mobile()
        return self.pick([m, m, m, f"{m[:3]}-{m[3:7]}-{m[7:]}", f"{m[:3]} {m[3:7]} {m[7:]}", f"+86 {m}",
                          f"+86-{m}", f"0086{m}", f"+86{m}", _full_width(m)])

    def landline(self, with_area: bool = True) -> str:
        local = self.pick("2345678") + self.digits(7)
        if not with_area:
            return self.pick([local, f"{local[:4]}-{local[4:]}"])
        return self.pick([f"0757-{local}", f"(0757){local}", f"（0757）{local}", f"0757-{local[:4]} {local[4:]}",
                          f"020-{local}", f"0757 {local}"])

    def bank_card(self) -> str:
        card = _luhn_complete(self.pick(CARD_PREFIXES) + self.digits(self.pick([9, 10, 12])))
        grouping = self.pick(["run", "run", "four", "six13", "four3"])
        if grouping == "four":
            return " ".join(card[i:i + 4] for i in range(0, len(card), 4))
        if grouping == "six13":
            return card[:6] + " " + card[6:]
        if grouping == "four3" and len(card) == 19:
            return "-".join([card[0:4], card[4:8], card[8:12], card[12:16], card[16:]])
        return card

    def passport(self) -> str:
        return self.pick(["E" + self.digits(8), "E" + self.pick("ABCDEFGHJK") + self.digits(7), "G" + self.digits(8)])

    def travel_permit(self) -> str:
        """往来港澳通行证 (C + 8, or C + letter + 7) or 港澳居民来往内地通行证 (H/M + 8)."""
        return self.pick(["C" + self.digits(8), "C" + self.pick("ABCDEFGHJK") + self.digits(7), "H" + self.digits(8),
                          "M" + self.digits(8)])

    def email(self) -> str:
        return self.pick([self.fake.free_email(), f"{self.fake.user_name()}@qq.com", f"{self.fake.user_name()}{self.digits(3)}@163.com"])

    def address(self) -> str:
        """A home address from a province or city down to the room or village group."""
        r = self.rng.random()
        if r < 0.15:
            province, city, county = self.pick(OTHER_PROVINCES)
            return f"{province}{city}{county}{self.pick(RURAL_TOWNS)}{self.pick(VILLAGES)}村{self.rng.randint(1, 12)}组{self.rng.randint(1, 99)}号"
        district = self.pick(list(DISTRICT_TOWNS))
        town = self.pick(DISTRICT_TOWNS[district])
        head = self.pick(["广东省佛山市", "佛山市", "佛山市", ""]) + district
        tail_kind = self.pick(["road_room", "road_room", "estate", "village", "village_group", "community"])
        if tail_kind == "road_room":
            tail = f"{self.pick(ROADS)}{self.rng.randint(1, 399)}号{self.rng.randint(1, 20)}栋{self.rng.randint(1, 4)}单元{self.rng.randint(1, 30)}{self.rng.randint(1, 6):02d}室"
        elif tail_kind == "estate":
            tail = f"{self.pick(ROADS)}{self.rng.randint(1, 399)}号{self.pick(ESTATES)}{self.rng.randint(1, 30)}座{self.rng.randint(1, 33)}{self.rng.randint(1, 8):02d}房"
        elif tail_kind == "village":
            tail = f"{self.pick(VILLAGES)}村委会{self.pick(VILLAGES)}村{self.pick(['东', '西', '南', '北', '新'])}{self.pick(['街', '巷', '坊'])}{self.rng.randint(1, 60)}号"
        elif tail_kind == "village_group":
            tail = f"{self.pick(VILLAGES)}村{self.pick(['一', '二', '三', '四', '五', '六'])}组{self.rng.randint(1, 80)}号"
        else:
            tail = f"{self.pick(VILLAGES)}社区{self.pick(ROADS)}{self.rng.randint(1, 200)}号{self.rng.randint(1, 12)}座{self.rng.randint(2, 28)}0{self.rng.randint(1, 6)}"
            tail += "室"
        return head + town + tail

    # -- distractors ---------------------------------------------------------------------
    def date(self) -> str:
        d = dt.date(2026, 1, 1) + dt.timedelta(days=self.rng.randint(0, 330))
        return self.pick([f"{d.year}年{d.month}月{d.day}日", d.isoformat(), f"{d.month}月{d.day}日"])

    def order(self) -> str:
        return self.pick(ORDER_PREFIXES) + self.digits(self.pick([10, 12, 14]))

    def amount(self) -> str:
        return self.pick([f"{self.rng.randint(100, 99999)}元", f"{self.rng.randint(1, 99)}.{self.rng.randint(0, 9)}万元",
                          f"人民币{self.rng.randint(1000, 200000)}元"])

    def case_number(self) -> str:
        return f"（2026）粤{self.pick(['0604', '0605', '0606', '06'])}{self.pick(['民初', '行初', '刑初', '民终'])}{self.rng.randint(100, 9999)}号"

    def decision_number(self) -> str:
        return f"{self.pick(['佛市监', '南人社', '顺民', '禅城管'])}罚〔2026〕{self.rng.randint(1, 999)}号"

    def public_phone(self) -> str:
        return self.pick(["12345", "0757-12345", "12315", "12369", f"0757-8{self.digits(7)}", "110", "0757-12315"])

    def gov_email(self) -> str:
        return self.pick(["fsscjg@fs.gov.cn", "nhrsj@nanhai.gov.cn", "sdmz@shunde.gov.cn", "xxgk@foshan.gov.cn",
                          "12345@fs.gov.cn", "ccgj@chancheng.gov.cn"])

    def body_address(self) -> str:
        district = self.pick(list(DISTRICT_TOWNS))
        return f"佛山市{district}{self.pick(ROADS)}{self.rng.randint(1, 300)}号"


# -- genres ------------------------------------------------------------------------------
def _person_id(t: Text, v: Values, label: str) -> None:
    """An ID number, written one of many ways, sometimes glued to a phone or a prefix."""
    value, _form = v.id_written()
    mode = v.rng.random()
    if mode < 0.08:  # run together with the mobile
        t.add(f"{label}及手机：").pii("CN_ID_NUMBER", value.replace(" ", "").replace("-", "")).pii("CN_MOBILE", v.mobile())
    elif mode < 0.14:
        t.add(f"{label}：{v.pick(['DB', 'SF', 'ID', 'NO'])}").pii("CN_ID_NUMBER", value)
    else:
        t.add(f"{label}").add(v.pick(["：", ":", "", " "])).pii("CN_ID_NUMBER", value)


def hotline(v: Values) -> Text:
    t = Text("hotline")
    t.add(f"工单编号：{v.order()}。来电时间：{v.date()}。来电人：").pii("PERSON", v.name())
    t.add("，联系电话：").pii("CN_MOBILE", v.mobile_written())
    if v.rng.random() < 0.4:
        t.add("，备用电话").pii("CN_LANDLINE", v.landline(with_area=v.rng.random() < 0.6))
    t.add("。来电人反映其住所").pii("CN_ADDRESS", v.address())
    t.add(f"附近{v.pick(MATTERS)}问题已持续{v.rng.randint(2, 30)}天，诉求尽快处理。")
    if v.rng.random() < 0.5:
        t.add("据称").pii("PERSON", v.name()).add("多次在").pii("CN_ADDRESS", v.address()).add("门口堆放杂物。")
    if v.rng.random() < 0.5:
        t.add("来电人").pii("PERSON", v.name()).add("女士表示如处理不及时将再次致电12345热线。")
    t.add(f"已转{v.pick(BODIES)}办理，承办人：").pii("PERSON", v.name())
    t.add(f"，办理时限{v.rng.randint(3, 15)}个工作日。市民可拨打0757-12345查询进度。")
    return t


def penalty(v: Values) -> Text:
    t = Text("penalty")
    t.add(f"{v.pick(BODIES)}行政处罚决定书 {v.decision_number()} 当事人：").pii("PERSON", v.name())
    t.add(f"，{v.pick(['男', '女'])}，")
    _person_id(t, v, "公民身份号码")
    t.add("，住址：").pii("CN_ADDRESS", v.address())
    t.add("，联系电话：").pii("CN_MOBILE", v.mobile_written())
    t.add(f"。经查，当事人于{v.date()}在{v.pick(list(DISTRICT_TOWNS))}从事{v.pick(MATTERS)}相关违法行为，"
          f"违法所得{v.amount()}。执法人员").pii("PERSON", v.name()).add("、").pii("PERSON", v.name())
    t.add(f"当场出示执法证件。本机关决定处以罚款{v.amount()}。当事人应自收到本决定书之日起十五日内缴纳罚款，"
          f"到期不缴纳的，每日按罚款数额的百分之三加处罚款。如不服本决定，可以在收到本决定书之日起六十日内申请行政复议。"
          f"本机关地址：{v.body_address()}，联系电话：0757-8{v.digits(7)}。")
    return t


def assistance(v: Values) -> Text:
    t = Text("assistance")
    t.add("最低生活保障入户调查记录。户主：").pii("PERSON", v.name())
    t.add("，")
    _person_id(t, v, "身份证号")
    t.add("，家庭住址：").pii("CN_ADDRESS", v.address())
    t.add(f"。家庭成员{v.rng.randint(2, 5)}人，配偶").pii("PERSON", v.name()).add("长期患病，")
    t.add("其母").pii("PERSON", v.name()).add(f"现年{v.rng.randint(70, 95)}岁，子女").pii("PERSON", v.name()).add(f"在读。月收入约{v.amount()}。补助资金发放至户主银行卡")
    t.add(v.pick(["", "：", "号"])).pii("CN_BANK_CARD", v.bank_card())
    t.add("（开户行：佛山农村商业银行）。调查人：").pii("PERSON", v.name()).add("，联系方式").pii("CN_MOBILE", v.mobile_written())
    t.add("。审核人：").pii("PERSON", v.name()).add(f"。如有疑问请致电民政服务热线12345或0757-8{v.digits(7)}（{v.pick(BODIES)}）。")
    return t


def discharge(v: Values) -> Text:
    t = Text("discharge")
    t.add(f"{v.pick(HOSPITALS)}出院小结 住院号{v.digits(8)} 患者").pii("PERSON", v.name())
    t.add(f"，{v.pick(['男', '女'])}，{v.rng.randint(18, 92)}岁，")
    if v.rng.random() < 0.5:
        _person_id(t, v, "身份证")
        t.add("，")
    else:
        t.add("医保卡号").pii("CN_BANK_CARD", v.bank_card()).add("，")
    t.add("现住").pii("CN_ADDRESS", v.address())
    t.add(f"。因{v.pick(DIAGNOSES)}于{v.date()}入院，经治疗好转，于{v.date()}出院。出院诊断：{v.pick(DIAGNOSES)}。"
          f"出院医嘱：低盐饮食，两周后门诊复查，口服药物每日{v.rng.randint(1, 3)}次。家属").pii("PERSON", v.name())
    t.add("，电话").pii("CN_MOBILE", v.mobile_written())
    t.add("。由").pii("PERSON", v.name()).add("陪同出院。主治医师：").pii("PERSON", v.name()).add("，住院医师：").pii("PERSON", v.name()).add("。")
    return t


def judgment(v: Values) -> Text:
    t = Text("judgment")
    t.add(f"{v.pick(COURTS)}民事判决书 {v.case_number()} 原告：").pii("PERSON", v.name())
    t.add(f"，{v.pick(['男', '女'])}，{v.rng.randint(1950, 2000)}年{v.rng.randint(1, 12)}月{v.rng.randint(1, 28)}日出生，汉族，住")
    t.add("").pii("CN_ADDRESS", v.address()).add("，")
    _person_id(t, v, "公民身份号码")
    t.add("。委托诉讼代理人：").pii("PERSON", v.name()).add("，广东某某律师事务所律师。被告：").pii("PERSON", v.name())
    t.add("，住").pii("CN_ADDRESS", v.address())
    t.add("。").pii("PERSON", v.name()).add(f"辩称借款已于{v.date()}还清，").pii("PERSON", v.name()).add("出庭作证")
    t.add(f"。第三人：{v.pick(PSEUDONYMS)}。原告向本院提出诉讼请求：判令被告偿还借款{v.amount()}及利息。"
          f"事实与理由：被告于{v.date()}向原告借款，原告通过账号为").pii("CN_BANK_CARD", v.bank_card())
    t.add(f"的银行卡转账。本院认为，{v.pick(PSEUDONYMS)}的证言与本案无关。判决如下：被告应于本判决生效之日起十日内偿还原告借款。"
          "审判员 ").pii("PERSON", v.name()).add(f" {v.date()} 书记员 ").pii("PERSON", v.name())
    return t


def police(v: Values) -> Text:
    t = Text("police")
    t.add(f"{v.date()}，{v.pick(['禅城', '南海', '顺德'])}分局接报警人").pii("PERSON", v.name())
    t.add("（").pii("CN_MOBILE", v.mobile_written()).add("）报称，其停放在")
    t.add("").pii("CN_ADDRESS", v.address())
    t.add("楼下的电动车被盗。民警").pii("PERSON", v.name()).add("到场处置。经调查，").pii("PERSON", v.name())
    t.add("与").pii("PERSON", v.name()).add("系同事关系，当晚曾一同饮酒。嫌疑人").pii("PERSON", v.name())
    t.add("（")
    r = v.rng.random()
    if r < 0.35:
        t.add("护照号码").pii("CN_PASSPORT", v.passport())
    elif r < 0.7:
        t.add(v.pick(["往来港澳通行证", "港澳通行证号", "回乡证"])).pii("CN_PASSPORT", v.travel_permit())
    else:
        _person_id(t, v, "身份证号")
    t.add("）已于当日到案。")
    if v.rng.random() < 0.5:
        t.add("报警人另留电话").pii("CN_LANDLINE", v.landline()).add("。")
    t.add("如有线索请拨打110或0757-12345。")
    return t


def enterprise(v: Values) -> Text:
    from gateway.identifiers import make_credit_code  # a test-side helper, not masking's

    t = Text("enterprise")
    org = v.pick(["MA4", "MA5", "L0"]) + "".join(v.pick("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(6 if v.rng.random() < 0.5 else 6))
    code = make_credit_code(v.pick(["91", "92", "93"]) + v.pick(["440604", "440605", "440606"]) + org[:9].ljust(9, "0"))
    t.add(f"{v.fake.company()}（统一社会信用代码：").pii("CN_CREDIT_CODE", code)
    t.add("）变更公告：法定代表人由").pii("PERSON", v.name()).add("变更为").pii("PERSON", v.name())
    t.add(f"，注册资本增至{v.amount()}，股东").pii("PERSON", v.name()).add("、").pii("PERSON", v.name())
    t.add("各持股50%。联系人：").pii("PERSON", v.name())
    t.add("，手机").pii("CN_MOBILE", v.mobile_written()).add("，邮箱").pii("EMAIL_ADDRESS", v.email())
    t.add(f"。公示期{v.rng.randint(10, 45)}日，监督电话12315，登记机关：{v.pick(BODIES)}（邮箱：{v.gov_email()}）。")
    return t


def control(v: Values) -> Text:
    """Texts with no personal data: the shapes that trip recognizers."""
    t = Text("control")
    kind = v.rng.randrange(12)
    if kind == 0:
        a, b = v.rng.sample(HISTORICAL, 2)
        t.add(f"南海区文物保护单位公告：{a}故居位于{v.pick(DISTRICT_TOWNS['南海区'])}，为{v.rng.randint(1850, 1920)}年所建，"
              f"与{b}纪念馆同为爱国主义教育基地。开放时间为每日9时至17时，咨询电话0757-8{v.digits(7)}。")
    elif kind == 1:
        t.add(f"{v.pick(BODIES)}行政处罚决定书 {v.decision_number()} 当事人应自收到本决定书之日起十五日内，"
              f"到指定银行缴纳罚款{v.amount()}。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。"
              f"如不服本决定，可自收到本决定书之日起六十日内向{v.pick(BODIES)}申请行政复议。")
    elif kind == 2:
        t.add(f"{v.pick(BODIES)}办公地址：{v.body_address()}，办公电话：0757-8{v.digits(7)}，电子邮箱：{v.gov_email()}，"
              f"政务服务便民热线12345，工作时间为周一至周五。")
    elif kind == 3:
        t.add(f"{v.case_number()}：原告{v.pick(PSEUDONYMS)}与被告{v.pick(PSEUDONYMS)}民间借贷纠纷一案，标的额{v.amount()}，"
              f"本院于{v.date()}公开开庭审理。{v.pick(PSEUDONYMS)}经传票传唤未到庭。")
    elif kind == 4:
        t.add(f"{v.pick(['李', '王', '陈', '黄', '区', '欧阳'])}先生来电咨询{v.pick(MATTERS)}政策，"
              f"工单号{v.order()}，已由{v.pick(BODIES)}答复，满意度回访结果为满意。")
    elif kind == 5:
        t.add(f"截至{v.date()}，全市受理{v.pick(MATTERS)}诉求{v.rng.randint(100, 99999)}件，办结率{v.rng.randint(80, 99)}.{v.rng.randint(0, 9)}%，"
              f"涉及金额{v.amount()}，订单号{v.order()}的退款已完成。")
    elif kind == 6:
        a = v.pick(HISTORICAL)
        t.add(f"为纪念{a}诞辰{v.rng.randint(100, 180)}周年，{v.pick(list(DISTRICT_TOWNS))}将举办专题展览，"
              f"展出{a}手稿{v.rng.randint(10, 90)}件。详情请致电12345或发送邮件至{v.gov_email()}。")
    elif kind == 8:
        a = v.pick(HISTORICAL)
        t.add(f"{a}的{v.pick(['变法思想', '爱国精神', '武术精神', '实业救国主张'])}影响深远，{v.pick(list(DISTRICT_TOWNS))}将在中山路、"
              f"逸仙公园一带设置宣传栏。请市民携带本人身份证原件到{v.pick(BODIES)}窗口领取纪念册，{v.pick(['王', '区', '欧阳', '冼'])}女士等志愿者将现场协助。")
    elif kind == 9:
        t.add(f"高明区、陈村镇花卉世界与黄岐商圈的文明城市创建工作已于{v.date()}通过验收，共整改问题{v.rng.randint(10, 999)}个，"
              f"投入资金{v.amount()}，流水号{v.digits(18)}的拨款已到账。")
    elif kind == 10:
        t.add(f"{v.pick(COURTS)}审判员、书记员于{v.date()}到{v.pick(DISTRICT_TOWNS['顺德区'])}开展巡回审判，"
              f"案号{v.case_number()}，当事人应自判决书送达之日起十五日内提起上诉。")
    elif kind == 11:
        t.add(f"本院地址：{v.body_address()}；立案咨询电话：0757-8{v.digits(7)}；诉讼服务热线12368；"
              f"电子邮箱：{v.gov_email()}。{v.pick(BODIES)}位于{v.body_address()}。")
    else:
        t.add(f"关于{v.pick(MATTERS)}专项整治工作的通知（{v.decision_number()}）：各镇街应自即日起开展排查，"
              f"于{v.date()}前将情况报送{v.pick(BODIES)}，联系电话0757-8{v.digits(7)}。")
    return t


GENERATORS: dict = {
    "hotline": hotline, "penalty": penalty, "assistance": assistance, "discharge": discharge,
    "judgment": judgment, "police": police, "enterprise": enterprise, "control": control,
}


@dataclass(frozen=True)
class Sample:
    genre: str
    text: str
    spans: Tuple[Span, ...]


def build_corpus(n: int = 800, seed: int = 18) -> List[Sample]:
    """``n`` texts, genres in turn (one in eight a control), with their gold spans."""
    values = Values(seed)
    out = []
    for i in range(n):
        make: Callable[[Values], Text] = GENERATORS[GENRES[i % len(GENRES)]]
        t = make(values)
        out.append(Sample(t.genre, t.text, tuple(t.spans)))
    return out


# -- scoring -------------------------------------------------------------------------------
@dataclass
class Score:
    """Per-entity counts of one run over a corpus (see ``score``)."""

    gold: dict = field(default_factory=dict)
    found: dict = field(default_factory=dict)  # gold spans wholly masked as their own entity
    predicted: dict = field(default_factory=dict)
    correct: dict = field(default_factory=dict)  # predicted spans that are mostly gold of their entity
    personal_chars: int = 0
    unmasked_chars: int = 0
    controls: int = 0
    controls_touched: int = 0
    misses: list = field(default_factory=list)
    false_finds: list = field(default_factory=list)

    def recall(self, entity: str) -> float:
        return self.found.get(entity, 0) / self.gold[entity] if self.gold.get(entity) else float("nan")

    def precision(self, entity: str = None) -> float:
        if entity is None:
            predicted = sum(self.predicted.values())
            return sum(self.correct.values()) / predicted if predicted else float("nan")
        predicted = self.predicted.get(entity, 0)
        return self.correct.get(entity, 0) / predicted if predicted else float("nan")

    @property
    def unmasked_share(self) -> float:
        return self.unmasked_chars / self.personal_chars if self.personal_chars else 0.0

    @property
    def controls_touched_share(self) -> float:
        return self.controls_touched / self.controls if self.controls else 0.0

    def entities(self) -> list:
        return sorted(set(self.gold) | set(self.predicted))


def score(samples, predictions) -> Score:
    """Compare predicted ``(start, end, entity)`` spans with the gold ones.

    A gold span is found when spans of its own entity cover every one of its characters; a
    predicted span is correct when at least 80% of its characters lie in gold spans of its
    entity (an address label or a bracket may fall on either side). The unmasked share
    counts gold characters that no predicted span of any entity covers.
    """
    s = Score()
    for sample, predicted in zip(samples, predictions):
        predicted = [tuple(p) for p in predicted]
        if sample.genre == "control":
            s.controls += 1
            s.controls_touched += bool(predicted)
        masked = set()
        by_entity: dict = {}
        for start, end, entity in predicted:
            masked.update(range(start, end))
            by_entity.setdefault(entity, set()).update(range(start, end))
        gold_chars: dict = {}
        for start, end, entity in sample.spans:
            chars = set(range(start, end))
            gold_chars.setdefault(entity, set()).update(chars)
            s.gold[entity] = s.gold.get(entity, 0) + 1
            s.personal_chars += len(chars)
            s.unmasked_chars += len(chars - masked)
            if chars <= by_entity.get(entity, set()):
                s.found[entity] = s.found.get(entity, 0) + 1
            else:
                s.misses.append((entity, sample.text[start:end], sample.text))
        for start, end, entity in predicted:
            s.predicted[entity] = s.predicted.get(entity, 0) + 1
            inside = len(set(range(start, end)) & gold_chars.get(entity, set()))
            if inside >= 0.8 * (end - start):
                s.correct[entity] = s.correct.get(entity, 0) + 1
            else:
                s.false_finds.append((entity, sample.text[start:end], sample.text))
    return s
