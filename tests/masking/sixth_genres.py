"""Genres of the sixth corpus: forms the earlier corpora did not have, each a function of
``Values`` returning a ``Doc`` whose gold spans and look-alikes are recorded as it is written.

Conventions are those of ``heldout_corpus.py``: a living person's name is gold whoever the
person is (judges, clerks, police officers, doctors too), and so is the deceased's in a
funeral register; look-alikes are recorded with their kind.
"""
from __future__ import annotations

from tests.masking.sixth_values import CITIES, HISTORICAL, RURAL, SPOKEN


class Doc:
    def __init__(self, v):
        self.v = v
        self.parts, self.n, self.gold, self.decoys = [], 0, [], []

    def t(self, *texts):
        for s in texts:
            self.parts.append(s)
            self.n += len(s)
        return self

    def g(self, entity, text, kind, c0=0, c1=None):
        start = self.n
        self.t(text)
        c1 = len(text) if c1 is None else c1
        self.gold.append((start, start + len(text), entity, start + c0, start + c1, kind))
        return text

    def d(self, kind, text):
        start = self.n
        self.t(text)
        self.decoys.append((start, start + len(text), kind))
        return text

    def render(self):
        return "".join(self.parts), self.gold, self.decoys

    # -------------------------------------------------------------- personal values
    def name(self, kind=None, spaced=False):
        name, kind = self.v.name(kind)
        if spaced and len(name) == 2:
            return self.g("PERSON", name[0] + "　" + name[1], "name_spaced")
        return self.g("PERSON", name, kind)

    def id(self, city=None, born=None, kind=None):
        written, kind = self.v.id(city, born, kind)
        return self.g("CN_ID_NUMBER", written, kind)

    def mobile(self, kind=None):
        written, c0, c1, kind = self.v.mobile(kind)
        return self.g("CN_MOBILE", written, kind, c0, c1)

    def landline(self, city, kind=None):
        written, c0, c1, kind = self.v.landline(city, kind)
        return self.g("CN_LANDLINE", written, kind, c0, c1)

    def card(self, kind=None):
        written, kind = self.v.card(kind)
        return self.g("CN_BANK_CARD", written, kind)

    def credit(self, prefix=None):
        code = self.v.credit(prefix)
        return self.g("CN_CREDIT_CODE", code, "credit_" + code[:2])

    def address(self, city=None, kind=None, split=False):
        prefix, core, kind = self.v.address(city, kind)
        if split and len(core) > 6:
            cut = self.v.r.randint(3, len(core) - 3)
            core, kind = core[:cut] + "\n" + core[cut:], "address_split"
        return self.g("CN_ADDRESS", prefix + core, kind, len(prefix), len(prefix) + len(core))

    def plate(self, city, kind=None):
        plate, kind = self.v.plate(city, kind)
        return self.g("CN_LICENSE_PLATE", plate, kind)

    def passport(self):
        value, kind = self.v.passport()
        return self.g("CN_PASSPORT", value, kind)

    def permit(self, kind=None):
        value, kind = self.v.permit(kind)
        return self.g("CN_PASSPORT", value, kind)

    def email(self):
        value, kind = self.v.email()
        return self.g("EMAIL_ADDRESS", value, kind + ("_fullwidth_at" if "＠" in value else ""))

    # -------------------------------------------------------------- look-alikes
    def title(self):
        return self.d("title_name", self.v.title_name())

    def pseudo(self):
        return self.d("pseudonym", self.v.pseudonym())

    def date(self):
        return self.d("date", self.v.date())

    def amount(self):
        return self.d("amount", self.v.amount())

    def hotline(self):
        return self.d("hotline", self.v.r.choice(("12345", "12348", "110", "12315", "12333", "96110", "12356")))

    def public_phone(self, city):
        return self.d("public_phone", self.v.public_phone(city))

    def office(self, city):
        return self.d("office_address", self.v.office_address(city))

    def num(self, kind, text):
        return self.d(kind, text)


def court_city(v):
    city = v.city()
    return city, CITIES[city]


def case_no(v, city, word):
    prov = {"广西壮族自治区": "桂", "宁夏回族自治区": "宁", "吉林省": "吉", "云南省": "云", "新疆维吾尔自治区": "新",
            "西藏自治区": "藏", "贵州省": "黔", "湖南省": "湘", "河南省": "豫", "山东省": "鲁", "辽宁省": "辽", "福建省": "闽",
            "四川省": "川", "青海省": "青", "海南省": "琼", "浙江省": "浙", "湖北省": "鄂", "内蒙古自治区": "内",
            "北京市": "京", "上海市": "沪"}[CITIES[city][0]]
    return f"（{v.r.randint(2024, 2026)}）{prov}{v.r.randint(100, 9999):04d}{word}{v.r.randint(1, 3999)}号"


# ====================================================================== genres

def xingshi(v):
    """刑事判决书 excerpt: the defendant's particulars, the victim by pseudonym, the bench."""
    city = v.city()
    doc = Doc(v)
    doc.t(f"{CITIES[city][1] or CITIES[city][0]}{CITIES[city][4][0][0]}人民法院\n刑 事 判 决 书\n")
    doc.num("case_no", case_no(v, city, "刑初"))
    doc.t("\n公诉机关" + (CITIES[city][1] or CITIES[city][0]) + CITIES[city][4][0][0] + "人民检察院。\n被告人")
    defendant = doc.name()
    born = v.birth(1960, 2002)
    doc.t(f"，{v.sex()}，{born:%Y年%m月%d日}出生，{v.r.choice(['汉族', '壮族', '回族', '苗族', '朝鲜族'])}，"
          f"{v.r.choice(['初中', '高中', '小学'])}文化，无业，公民身份号码")
    doc.id(city, born=born)
    doc.t("，户籍地")
    doc.address(city)
    doc.t(f"。因涉嫌{v.r.choice(['盗窃罪', '诈骗罪', '危险驾驶罪', '故意伤害罪'])}于")
    doc.date()
    doc.t("被刑事拘留。\n辩护人")
    doc.name()
    doc.t(f"，{v.r.choice(['湘楚', '八桂', '天山', '泉城', '闽江'])}律师事务所律师。\n经审理查明：被告人")
    doc.g("PERSON", defendant, "name_repeat")
    doc.t("在被害人")
    doc.pseudo()
    doc.t("家中窃得现金")
    doc.amount()
    doc.t("，被害人")
    doc.pseudo()
    doc.t("报警。依照《中华人民共和国刑法》第二百六十四条之规定，判决如下……\n审判长　")
    doc.name()
    doc.t("\n人民陪审员　")
    doc.name()
    doc.t("\n书记员　")
    doc.name(spaced=True)
    return doc


def tiaojie(v):
    """民事调解书: the parties with IDs, addresses and phones, the agreement's account."""
    city = v.city()
    doc = Doc(v)
    doc.t("民 事 调 解 书\n")
    doc.num("case_no", case_no(v, city, "民初"))
    doc.t("\n原告：")
    doc.name()
    doc.t(f"，{v.sex()}，{v.r.choice(['1978', '1985', '1991'])}年生，住")
    doc.address(city)
    doc.t("，公民身份号码：")
    doc.id(city)
    doc.t("，联系电话：")
    doc.mobile()
    if v.r.random() < 0.4:
        doc.t("、")
        doc.landline(city)
    doc.t("。\n被告：")
    doc.name()
    doc.t("，住")
    doc.address(city, split=v.r.random() < 0.2)
    doc.t("。\n委托诉讼代理人：")
    doc.name()
    doc.t("，律师。\n本案在审理过程中，经本院主持调解，双方自愿达成如下协议：被告于")
    doc.date()
    doc.t("前向原告支付欠款")
    doc.amount()
    doc.t("，汇入原告")
    doc.t(v.r.choice(["中国农业银行", "农村信用合作社", "中国建设银行"]), "账户（卡号")
    doc.card()
    doc.t("）。案件受理费减半收取。\n审判员　")
    doc.name()
    doc.t("\n书记员　")
    doc.name()
    return doc


def juliu(v):
    """拘留通知书: the detainee, the family member notified, the police station's phone."""
    city = v.city()
    doc = Doc(v)
    doc.t(f"{CITIES[city][1] or CITIES[city][0]}公安局\n拘 留 通 知 书\n")
    doc.num("doc_no", f"{city}公（刑）拘通字〔2026〕{v.r.randint(100, 9999)}号")
    doc.t("\n")
    doc.name()
    doc.t("：\n根据《中华人民共和国刑事诉讼法》第八十二条之规定，我局已于")
    doc.date()
    doc.t("将涉嫌")
    doc.t(v.r.choice(["诈骗", "寻衅滋事", "盗窃"]), "的")
    doc.name()
    doc.t(f"（{v.sex()}，身份证号")
    doc.id(city)
    doc.t("）刑事拘留，现羁押在")
    doc.t(f"{city}市看守所。\n联系人：")
    doc.name()
    doc.t("　办案民警　")
    doc.name()
    doc.t("　警号")
    doc.num("badge_no", f"{v.r.randint(100000, 999999)}")
    doc.t("\n联系电话：")
    doc.public_phone(city)
    doc.t("\n本通知书已收到。被拘留人家属：")
    doc.name()
    doc.t("　电话")
    doc.mobile()
    return doc


def qubao(v):
    """取保候审决定书: the suspect, the guarantor with ID, address and phone, the bail amount."""
    city = v.city()
    doc = Doc(v)
    doc.t("取保候审决定书\n")
    doc.num("doc_no", f"{city}公（经）取保字〔2026〕{v.r.randint(10, 999)}号")
    doc.t("\n犯罪嫌疑人")
    doc.name()
    doc.t("，性别" + v.sex() + "，出生日期")
    doc.t(f"{v.birth():%Y年%m月%d日}，住址")
    doc.address(city)
    doc.t("，身份证件号码")
    doc.id(city)
    doc.t("。\n我局正在侦查的案件，因犯罪嫌疑人患有严重疾病，决定取保候审，期限从")
    doc.date()
    doc.t("起算。" + v.r.choice(["犯罪嫌疑人应当交纳保证金", "保证金"]))
    doc.amount()
    doc.t("。\n保证人：")
    doc.name()
    doc.t("，与犯罪嫌疑人系" + v.r.choice(["父子", "夫妻", "兄弟", "母女"]) + "关系，身份证号")
    doc.id(city)
    doc.t("，手机")
    doc.mobile()
    doc.t("。\n执行机关：")
    doc.t(CITIES[city][4][0][2] + "派出所")
    return doc


def zoufang(v):
    """社区走访 / 信访接待 register: a table of several visits, cells separated by tabs or bars."""
    city = v.city()
    doc = Doc(v)
    sep = v.r.choice(["\t", " | ", "  "])
    doc.t(v.r.choice(["社区走访登记表", "信访接待登记簿"]) + "\n" + sep.join(["序号", "姓名", "联系电话", "住址", "事由", "接待人"]) + "\n")
    for i in range(v.r.randint(3, 5)):
        doc.t(f"{i + 1}{sep}")
        doc.name(spaced=v.r.random() < 0.3)
        doc.t(sep)
        if v.r.random() < 0.2:
            doc.landline(city)
        else:
            doc.mobile()
        doc.t(sep)
        doc.address(city, kind=v.r.choice(["address_room", "address_estate", "address_road"]))
        doc.t(sep + v.r.choice(["反映楼上漏水", "咨询低保", "邻里纠纷", "拆迁补偿", "独居老人探访"]) + sep)
        if v.r.random() < 0.5:
            doc.name()
        else:
            doc.title()
        doc.t("\n")
    doc.t("信访受理电话：")
    doc.hotline()
    return doc


def liudong(v):
    """流动人口登记: the incomer, the landlord, the address rented, the workplace."""
    city = v.city()
    doc = Doc(v)
    doc.t("流动人口信息登记表\n姓名：")
    doc.name(v.r.choice(["minority", None]))
    doc.t("　性别：" + v.sex() + "　民族：" + v.r.choice(["汉", "壮", "回", "苗", "傣", "哈萨克", "维吾尔"]) + "\n"
          + v.r.choice(["公民身份号码", "身分证号码", "身份证号"]) + "：")
    doc.id()
    doc.t("\n户籍地址：")
    doc.address(kind=v.r.choice(["address_village", "address_group"]))
    doc.t("\n现居住地址：")
    doc.address(city, split=v.r.random() < 0.15)
    doc.t("\n联系电话：")
    doc.mobile()
    if v.r.random() < 0.4:
        doc.t("\n自有车辆号牌：")
        doc.plate(city)
    doc.t("\n房东姓名：")
    doc.name()
    doc.t("　房东电话：")
    doc.mobile()
    doc.t("\n登记民警：")
    doc.name()
    doc.t("　登记日期：")
    doc.date()
    return doc


def zufang(v):
    """租房合同: lessor and lessee, the house let, the rent's account."""
    city = v.city()
    doc = Doc(v)
    doc.t("房屋租赁合同\n出租方（甲方）：")
    doc.name()
    doc.t("\n身份证号：")
    doc.id(city)
    doc.t("\n联系电话：")
    doc.mobile()
    doc.t("\n承租方（乙方）：")
    doc.name()
    doc.t("\n证件号码：")
    doc.id()
    doc.t("\n电话：")
    doc.mobile()
    doc.t("\n第一条 甲方将位于")
    doc.address(city, kind=v.r.choice(["address_estate", "address_road"]))
    doc.t("的房屋出租给乙方居住使用，建筑面积" + str(v.r.randint(40, 140)) + "平方米。\n第二条 月租金")
    doc.amount()
    doc.t("，乙方于每月5日前转入甲方银行账户：")
    doc.card()
    doc.t("，开户名：")
    doc.name()
    doc.t("。\n甲方（签字）：　　乙方（签字）：\n")
    doc.date()
    return doc


def ruxue(v):
    """入学报名表: the child, both guardians, the address of the household."""
    city = v.city()
    doc = Doc(v)
    doc.t("2026年秋季一年级新生入学报名表\n学生姓名：")
    doc.name(v.r.choice([None, "name_two_char"]))
    doc.t("　性别：" + v.sex() + "\n学生身份证号：")
    doc.id(city, born=v.birth(2019, 2020))
    doc.t("\n户籍地址：")
    doc.address(city)
    doc.t("\n监护人1（父亲）：")
    doc.name()
    doc.t("　工作单位：")
    doc.t(v.fake.company())
    doc.t("　手机：")
    doc.mobile()
    doc.t("\n监护人2（母亲）：")
    doc.name()
    doc.t("　手机：")
    doc.mobile()
    doc.t("\n报名号：")
    doc.num("doc_no", f"RX2026{v.r.randint(10000, 99999)}")
    doc.t("\n咨询电话：")
    doc.public_phone(city)
    return doc


def yiliao(v):
    """病历首页 and 医疗费用清单: patient, contact person, inpatient number, doctors, costs."""
    city = v.city()
    doc = Doc(v)
    doc.t(v.r.choice(["住院病案首页", "住院费用清单"]) + "\n住院号：")
    doc.num("inpatient_no", f"{v.r.randint(100000, 999999)}")
    doc.t("　病案号：")
    doc.num("inpatient_no", f"BA{v.r.randint(1000000, 9999999)}")
    doc.t("\n姓名：")
    doc.name()
    doc.t(f"　性别：{v.sex()}　年龄：{v.r.randint(1, 95)}岁\n身份证号：")
    doc.id(city)
    doc.t("\n现住址：")
    doc.address(city)
    doc.t("\n联系人姓名：")
    doc.name()
    doc.t("　关系：" + v.r.choice(["配偶", "子", "女", "父亲"]) + "　电话：")
    doc.mobile()
    doc.t("\n项目\t数量\t金额\n床位费\t" + str(v.r.randint(2, 15)) + "\t")
    doc.amount()
    doc.t("\n西药费\t1\t")
    doc.amount()
    doc.t("\n主治医师：")
    doc.name()
    doc.t("　住院医师：")
    doc.name()
    doc.t("\n医保类型：城乡居民医保")
    return doc


def xianxue(v):
    """献血证 and 计生服务证: the holder's particulars and the certificate's numbers."""
    city = v.city()
    doc = Doc(v)
    if v.r.random() < 0.5:
        doc.t("无偿献血证\n编号：")
        doc.num("cert_no", f"{v.r.randint(4300, 6599)}{v.r.randint(10000000, 99999999)}")
        doc.t("\n姓名：")
        doc.name()
        doc.t(f"　性别：{v.sex()}　血型：{v.r.choice(['A', 'B', 'O', 'AB'])}型\n证件号码：")
        doc.id(city)
        doc.t("\n献血量：" + v.r.choice(["200", "300", "400"]) + "毫升　献血日期：")
        doc.date()
        doc.t("\n体检医师：")
        doc.name()
    else:
        doc.t("生育服务登记证\n证号：")
        doc.num("cert_no", f"{v.r.randint(100, 999)}-2026-{v.r.randint(1000, 9999)}")
        doc.t("\n女方：")
        doc.name()
        doc.t("　身份证号：")
        doc.id(city, born=v.birth(1988, 2000))
        doc.t("\n男方：")
        doc.name()
        doc.t("　身份证号：")
        doc.id(city, born=v.birth(1985, 2000))
        doc.t("\n现居住地：")
        doc.address(city)
        doc.t("\n联系电话：")
        doc.mobile()
    return doc


def tudi(v):
    """农村土地承包经营权证 / 林权证: the head of household, the family members, the village."""
    prov, county, region, town, villages = v.r.choice(RURAL)
    doc = Doc(v)
    doc.t(v.r.choice(["农村土地承包经营权证", "林权证"]) + "\n编号：")
    doc.num("cert_no", f"{region}{v.r.randint(100, 999)}{v.r.randint(10000, 99999)}J")
    doc.t("\n发包方：" + county + town + v.r.choice(villages) + "村民委员会\n承包方代表：")
    doc.name(v.r.choice(["zhuang", "hmong", "hui", "korean", "manchu", None]))
    doc.t("\n承包方代表身份证号：")
    doc.id()
    doc.t("\n承包方地址：")
    doc.g("CN_ADDRESS", f"{county}{town}{v.r.choice(villages)}{v.r.randint(1, 9)}组{v.r.randint(1, 99)}号", "address_group",
          len(county + town))
    doc.t("\n家庭成员情况：\n")
    for rel in v.r.sample(["配偶", "长子", "长女", "次子", "母亲"], v.r.randint(2, 3)):
        doc.t(rel + "　")
        doc.name()
        doc.t("　")
        doc.id()
        doc.t("\n")
    doc.t("承包地块总数" + str(v.r.randint(2, 9)) + "块，合计面积" + str(v.r.randint(1, 20)) + "." + str(v.r.randint(0, 9)) + "亩")
    return doc


def chuanyuan(v):
    """渔船登记 and 船员证: the owner, the vessel's number, the crew's certificates (their IDs)."""
    doc = Doc(v)
    port = v.r.choice(["闽连渔", "浙岱渔", "琼临渔", "辽大渔"])
    doc.t("渔业船舶登记\n船名：")
    doc.num("vessel_no", f"{port}{v.r.randint(10000, 99999)}")
    doc.t("\n船舶所有人：")
    doc.name()
    doc.t("\n所有人身份证号：")
    doc.id(v.r.choice(["福州", "舟山", "海口"]))
    doc.t("\n所有人住址：")
    doc.address(v.r.choice(["福州", "舟山", "海口"]))
    doc.t("\n联系电话：")
    doc.mobile()
    doc.t("\n船员名单：\n")
    for _ in range(v.r.randint(2, 3)):
        doc.name()
        doc.t("　船员证号：")
        doc.id()
        doc.t("　" + v.r.choice(["船长", "轮机长", "普通船员"]) + "\n")
    doc.t("登记机关：" + v.r.choice(["连江县海洋与渔业局", "岱山县农业农村局"]))
    return doc


def jiazhao(v):
    """驾驶证 / 行驶证 OCR: labels and values in the order OCR reads them, the address broken across lines."""
    city = v.city()
    doc = Doc(v)
    if v.r.random() < 0.5:
        doc.t("中华人民共和国机动车驾驶证\n证号 ")
        doc.id(city, kind=v.r.choice(["id", "id_space", None]))
        doc.t("\n姓名 ")
        doc.name()
        doc.t(f" 性别 {v.sex()} 国籍 中国\n住址 ")
        doc.address(city, split=v.r.random() < 0.4)
        doc.t(f"\n出生日期 {v.birth():%Y-%m-%d}\n初次领证日期 ")
        doc.date()
        doc.t(f"\n准驾车型 {v.r.choice(['C1', 'C2', 'B2', 'A2'])}\n档案编号 ")
        doc.num("cert_no", f"{v.r.randint(100000000000, 999999999999)}")
    else:
        doc.t("中华人民共和国机动车行驶证\n号牌号码 ")
        doc.plate(city)
        doc.t(" 车辆类型 小型普通客车\n所有人 ")
        doc.name()
        doc.t("\n住址 ")
        doc.address(city)
        doc.t("\n使用性质 非营运　品牌型号 " + v.r.choice(["大众汽车牌SVW7", "比亚迪牌BYD7", "五菱牌LZW6"]))
        doc.t(f"{v.r.randint(1000, 9999)}\n车辆识别代号 ")
        doc.num("vin", "L" + "".join(v.r.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(16)))
        doc.t("\n注册日期 ")
        doc.date()
    return doc


def yingye(v):
    """营业执照 OCR: an individual business (its operator personal) or a company."""
    city = v.city()
    doc = Doc(v)
    doc.t("营 业 执 照\n统一社会信用代码 ")
    if v.r.random() < 0.6:
        doc.credit("92")
        doc.t("\n名　　称 " + v.r.choice(["", city]) + v.fake.last_name() + v.r.choice(["记", "氏"]) +
              v.r.choice(["米粉店", "五金店", "副食店", "手机维修部", "牛肉面馆"]) + "\n类　　型 个体工商户\n经 营 者 ")
        doc.name()
        doc.t("\n经营场所 ")
        doc.address(city, kind=v.r.choice(["address_road", "address_estate"]))
    else:
        doc.credit(v.r.choice(["91", "93", "52"]))
        doc.t("\n名　　称 " + v.fake.company() + "\n类　　型 有限责任公司（自然人投资或控股）\n法定代表人 ")
        doc.name()
        doc.t("\n住　　所 ")
        doc.address(city, kind="address_road")
    doc.t("\n注册资本 ")
    doc.amount()
    doc.t("\n成立日期 ")
    doc.date()
    doc.t("\n登记机关 " + (CITIES[city][1] or CITIES[city][0]) + "市场监督管理局")
    return doc


def yinhang(v):
    """银行流水 extract: the holder, the card, counterparties, serial numbers that are no IDs."""
    doc = Doc(v)
    doc.t(v.r.choice(["中国农业银行", "中国建设银行", "中国邮政储蓄银行"]) + "个人账户交易明细\n户名：")
    doc.name()
    doc.t("　卡号：")
    doc.card()
    doc.t("\n交易日期\t流水号\t摘要\t金额\t对方户名\t对方账号\n")
    for _ in range(v.r.randint(2, 4)):
        doc.date()
        doc.t("\t")
        doc.num("serial_18", v.serial_18())
        doc.t("\t" + v.r.choice(["转账", "工资", "消费", "跨行转出"]) + "\t")
        doc.amount()
        doc.t("\t")
        if v.r.random() < 0.6:
            doc.name()
            doc.t("\t")
            doc.card(v.r.choice(["card_19", "card_16"]))
        else:
            doc.t(v.fake.company() + "\t")
            doc.num("non_luhn_run", v.non_luhn(v.r.choice([16, 19])))
        doc.t("\n")
    return doc


def shebao(v):
    """社保缴费明细 and 工资条: the insured, the employer, the sums."""
    doc = Doc(v)
    if v.r.random() < 0.5:
        doc.t("社会保险个人缴费明细\n姓名：")
        doc.name()
        doc.t("　社会保障号码：")
        doc.id()
        doc.t("\n单位名称：" + v.fake.company() + "　统一社会信用代码：")
        doc.credit("91")
        doc.t("\n缴费年月\t缴费基数\t个人缴纳\n")
        for m in range(1, v.r.randint(3, 5)):
            doc.t(f"2026{m:02d}\t")
            doc.amount()
            doc.t("\t")
            doc.amount()
            doc.t("\n")
    else:
        doc.t("工资条　2026年" + str(v.r.randint(1, 11)) + "月\n姓名 ")
        doc.name()
        doc.t("　工号 ")
        doc.num("badge_no", f"{v.r.randint(1000, 99999)}")
        doc.t("\n应发工资 ")
        doc.amount()
        doc.t("　代扣社保 ")
        doc.amount()
        doc.t("　实发 ")
        doc.amount()
        doc.t("\n发放卡号 ")
        doc.card()
        doc.t("\n如有疑问请联系人事部")
        doc.title()
    return doc


def jianli(v):
    """招聘简历: the applicant's contacts, former employers, a referee."""
    city = v.city()
    doc = Doc(v)
    doc.t("个人简历\n")
    doc.name()
    doc.t(f"\n{v.sex()}｜{v.r.randint(22, 45)}岁｜{v.r.choice(['本科', '硕士', '大专'])}\n电话：")
    doc.mobile()
    if v.r.random() < 0.3:
        doc.t("　座机：")
        doc.landline(city)
    doc.t("\n邮箱：")
    doc.email()
    if v.r.random() < 0.3:
        doc.t("\n护照号：")
        doc.passport()
    doc.t("\n现居：")
    doc.address(city, kind=v.r.choice(["address_estate", "address_road"]))
    doc.t("\n工作经历\n2019.07-2025.12　" + v.fake.company() + "　" + v.fake.job() + "\n证明人：")
    doc.name()
    doc.t("（原部门主管）")
    doc.mobile()
    return doc


def zhiyuan(v):
    """志愿者登记 and 养老机构入住登记: the person and the emergency contact."""
    city = v.city()
    doc = Doc(v)
    if v.r.random() < 0.5:
        doc.t("志愿者注册登记表\n姓名：")
        doc.name()
        doc.t("　政治面貌：" + v.r.choice(["群众", "共青团员", "中共党员"]) + "\n身份证号：")
        doc.id(city, born=v.birth(1960, 2006))
        doc.t("\n手机：")
        doc.mobile()
        doc.t("　微信同号\n服务意向：" + v.r.choice(["助老", "文明交通", "社区防疫", "图书馆"]) + "\n紧急联系人：")
        doc.name()
        doc.t("　")
        doc.mobile()
    else:
        doc.t("养老机构入住登记\n老人姓名：")
        doc.name()
        doc.t(f"　年龄：{v.r.randint(68, 99)}岁\n身份证号：")
        doc.id(city, born=v.birth(1928, 1958))
        doc.t("\n原住址：")
        doc.address(city)
        doc.t("\n委托人（子女）：")
        doc.name()
        doc.t("　电话：")
        doc.mobile()
        doc.t("　")
        doc.landline(city)
        doc.t("\n床位号：" + f"{v.r.randint(1, 6)}-{v.r.randint(101, 520)}" + "　护理等级：" + v.r.choice(["一级", "二级", "三级"]))
    return doc


def binzang(v):
    """殡葬服务登记: the deceased (gold still), the family member who arranges it."""
    city = v.city()
    doc = Doc(v)
    doc.t("殡葬服务登记表\n逝者姓名：")
    doc.name()
    doc.t(f"　性别：{v.sex()}　享年{v.r.randint(55, 101)}岁\n逝者身份证号：")
    doc.id(city, born=v.birth(1925, 1965))
    doc.t("\n死亡日期：")
    doc.date()
    doc.t("\n生前住址：")
    doc.address(city)
    doc.t("\n经办人：")
    doc.name()
    doc.t("　与逝者关系：" + v.r.choice(["儿子", "女儿", "配偶", "侄子"]) + "\n经办人电话：")
    doc.mobile()
    doc.t("\n火化证号：")
    doc.num("cert_no", f"HH{v.r.randint(20260000, 20269999)}")
    doc.t("　服务费用：")
    doc.amount()
    return doc


def zongjiao(v):
    """宗教活动场所负责人备案: the person in charge; the venue's address and phone are public."""
    city = v.city()
    doc = Doc(v)
    doc.t("宗教活动场所主要负责人备案表\n场所名称：" + city + v.r.choice(["清真寺", "观音寺", "天主堂", "基督教堂", "福音堂"]))
    doc.t("\n场所地址：")
    doc.office(city)
    doc.t("\n负责人姓名：")
    doc.name(v.r.choice(["hui", "uyghur", "tibetan", None]))
    doc.t("　宗教教职人员证号：")
    doc.num("cert_no", f"{v.r.choice(['伊', '佛', '天', '基'])}{v.r.randint(100000, 999999)}")
    doc.t("\n身份证号：")
    doc.id(city)
    doc.t("\n联系电话：")
    doc.mobile()
    doc.t("\n场所电话：")
    doc.public_phone(city)
    doc.t("\n备案机关：" + city + "市民族宗教事务局")
    return doc


def call12345(v):
    """12345 call transcript from speech to text: digits spoken (幺, 两), words slipped."""
    city = v.city()
    doc = Doc(v)
    doc.t("【12345热线通话转写】工单号")
    doc.num("doc_no", f"{v.r.randint(2026000000, 2026999999)}")
    doc.t("\n话务员：您好，12345为您服务。\n市民：喂，你好，我叫")
    doc.name()
    doc.t(v.r.choice(["，我的电话是", "，我的手机号吗是", "，电话号马是"]))
    doc.mobile(v.r.choice(["mobile_spoken", "mobile_spoken", "mobile_space", "mobile"]))
    if v.r.random() < 0.3:
        doc.t("，身份证号是")
        raw = v.id_raw(city)
        doc.g("CN_ID_NUMBER", raw.translate(SPOKEN).replace("X", "叉"), "id_spoken")
    doc.t("。我住在")
    doc.address(city, kind=v.r.choice(["address_estate", "address_road", "address_room"]))
    doc.t(v.r.choice(["，楼下烧烤店天天营业到凌晨两点，油烟很大。", "，小区门口的路灯坏了半个月了没人修。",
                      "，楼上装修噪音扰民，周末早上七点就开始砸墙。"]) + "\n话务员：好的，")
    if v.r.random() < 0.3:
        doc.t("您说的车牌是")
        doc.plate(city)
        doc.t("对吧？")
    doc.title()
    doc.t("，请问需要回访吗？\n市民：要的，打这个电话就行，嗯，或者打我爱人")
    doc.name()
    doc.t("的电话")
    doc.mobile(v.r.choice(["mobile_spoken", "mobile"]))
    doc.t("。\n话务员：好的，已为您记录，转交属地街道办理。")
    return doc


def weixin(v):
    """微信群 screenshot OCR: nicknames, timestamps, numbers typed in chat."""
    city = v.city()
    doc = Doc(v)
    doc.t(v.r.choice(["幸福里业主群(486)", "3组村民群(212)", "家长群(52)"]) + "\n")
    doc.t(f"{v.r.randint(8, 21)}:{v.r.randint(10, 59)}\n")
    doc.name()
    doc.t("：谁捡到一个黑色钱包，里面有身份证，名字是")
    doc.name()
    doc.t("，麻烦联系我")
    doc.mobile(v.r.choice(["mobile", "mobile_space", "mobile_hyphen", "mobile_linebreak"]))
    doc.t("\n")
    doc.title()
    doc.t("：收到，我转一下\n")
    doc.name(v.r.choice(["name_a_xiao", "name_two_char", None]))
    doc.t("：快递放")
    doc.address(city, kind="address_room")
    doc.t("门口了，[图片]\n群主：请大家不要在群里发身份证号，有事打物业电话")
    doc.public_phone(city)
    return doc


def sms(v):
    """短信通知 from a body to a person: the addressee named, numbers partly masked."""
    doc = Doc(v)
    doc.t(v.r.choice(["【城乡居民医保】", "【社保局】", "【不动产登记中心】", "【车管所】"]))
    doc.t("尊敬的")
    doc.name()
    doc.t("：您好！")
    choice = v.r.random()
    if choice < 0.35:
        doc.t("您身份证号为")
        doc.id()
        doc.t("的参保人本年度医保缴费")
        doc.amount()
        doc.t("已到账。")
    elif choice < 0.7:
        doc.t("您尾号")
        doc.num("masked_mobile", v.masked_mobile()[-4:])
        doc.t("的手机已绑定业务，办理地址请回复。如非本人操作请致电")
        doc.hotline()
        doc.t("。")
    else:
        city = v.city()
        doc.t("您名下号牌")
        doc.plate(city)
        doc.t("的车辆检验有效期至")
        doc.date()
        doc.t("，请及时检验。")
    doc.t("回复TD退订")
    return doc


def news(v):
    """新闻稿 naming citizens: a good deed, an official quoted, a place named after a person."""
    city = v.city()
    doc = Doc(v)
    doc.t("本报讯（记者")
    doc.name()
    doc.t("）")
    doc.date()
    doc.t(f"，在{city}{v.r.choice(['中山路', '解放路', '人民路'])}，")
    doc.t(f"{v.r.randint(18, 70)}岁的市民")
    doc.name()
    doc.t("跳入河中救起落水儿童。" + v.r.choice(["该区", "街道"]) + "党工委书记")
    doc.name()
    doc.t("表示，将为其申报见义勇为奖励。被救儿童的母亲")
    doc.title()
    doc.t("说，希望好人有好报。这一事迹让人想起")
    doc.d("historical", v.r.choice(HISTORICAL))
    doc.t("当年的家国情怀。（通讯员")
    doc.name()
    doc.t("）")
    return doc


def bilingual(v):
    """Uyghur / Tibetan and Chinese forms: labels in two scripts, values once."""
    doc = Doc(v)
    if v.r.random() < 0.5:
        city = "伊宁"
        doc.t("ئىلتىماس جەدۋىلى 申请表\nئىسمى فامىلىسى 姓名：")
        doc.name(v.r.choice(["uyghur", "kazakh"]))
        doc.t("\nكىملىك نومۇرى 身份证号：")
        doc.id(city)
        doc.t("\nتېلېفون نومۇرى 电话：")
        doc.mobile()
        doc.t("\nئادرېسى 住址：")
        doc.address(city)
    else:
        city = "拉萨"
        doc.t("ཞུ་ཡིག 申请表\nམིང་། 姓名：")
        doc.name("tibetan")
        doc.t("\nཐོབ་ཐང་ལག་ཁྱེར་ཨང་། 身份证号：")
        doc.id(city)
        doc.t("\nཁ་པར། 电话：")
        doc.mobile()
        doc.t("\nསྡོད་གནས། 住址：")
        doc.address(city)
    doc.t("\n受理单位电话：")
    doc.public_phone(city)
    return doc


def gangaotai(v):
    """Documents of Hong Kong, Macao and Taiwan residents and of foreigners with permanent residence."""
    city = v.city()
    doc = Doc(v)
    doc.t(v.r.choice(["人员信息登记", "境外人员临时住宿登记", "就业登记"]))
    for i in range(v.r.randint(1, 2)):
        doc.t("\n同住人：" if i else "\n姓名：")
        kind = v.r.choice(["hmt_residence", "taiwan", "hk_macao", "mainland_permit", "foreign_pr"])
        if kind == "foreign_pr":
            doc.g("PERSON", v.r.choice(["阮氏香", "金敏俊", "朴智妍", "佐藤健一", "安娜·伊万诺娃", "约翰·史密斯", "宋帕·赛雅翁"]),
                  "name_foreign")
            doc.t("\n证件类型：外国人永久居留身份证\n证件号码：")
            doc.g("CN_ID_NUMBER", v.id_foreign_pr(), "id_foreign_pr")
        elif kind == "hmt_residence":
            doc.name()
            doc.t("\n证件类型：港澳台居民居住证\n公民身份号码：")
            doc.g("CN_ID_NUMBER", v.id_hmt(), "id_hmt_residence")
        elif kind == "taiwan":
            doc.name()
            doc.t("\n证件类型：台湾居民来往大陆通行证（台胞证）\n证件号码：")
            doc.permit("permit_taiwan")
        elif kind == "hk_macao":
            doc.name()
            doc.t("\n证件类型：港澳居民来往内地通行证\n证件号码：")
            doc.permit(v.r.choice(["permit_H8", "permit_M8"]))
        else:
            doc.name()
            doc.t("\n证件类型：往来港澳通行证\n证件号码：")
            doc.permit("permit_C8")
            doc.t("　护照号码：")
            doc.passport()
    doc.t("\n境内住址：")
    doc.address(city)
    doc.t("\n联系电话：")
    doc.mobile(v.r.choice(["mobile", "mobile_plus86", "mobile_0086"]))
    doc.t("\n登记单位：" + CITIES[city][4][0][2] + "派出所")
    return doc


GENRES = {f.__name__: f for f in (xingshi, tiaojie, juliu, qubao, zoufang, liudong, zufang, ruxue, yiliao, xianxue, tudi,
                                   chuanyuan, jiazhao, yingye, yinhang, shebao, jianli, zhiyuan, binzang, zongjiao,
                                   call12345, weixin, sms, news, bilingual, gangaotai)}


# ====================================================================== controls: no personal data

def c_notice(v):
    """A body's notice: its phone, hotline, mailbox, address, credit code 11…, document number."""
    city = v.city()
    doc = Doc(v)
    body = (CITIES[city][1] or CITIES[city][0]) + v.r.choice(["人力资源和社会保障局", "民政局", "医疗保障局", "住房和城乡建设局"])
    doc.t(f"{body}关于做好2026年度城乡居民参保登记工作的通知\n")
    doc.num("doc_no", f"{city}{v.r.choice(['人社发', '民发', '医保发'])}〔2026〕{v.r.randint(1, 99)}号")
    doc.t("\n各街道（乡镇）：\n请于")
    doc.date()
    doc.t("前完成登记。咨询电话：")
    doc.public_phone(city)
    doc.t("，监督电话：")
    doc.hotline()
    doc.t("，电子邮箱：")
    doc.num("public_email", f"{v.r.choice(['rsj', 'mzj', 'ybj', 'zjj'])}{v.r.randint(1, 99)}@{v.r.choice(['nn', 'yc', 'cs', 'zz', 'jn'])}.gov.cn")
    doc.t("，地址：")
    doc.office(city)
    doc.t("。\n统一社会信用代码：")
    doc.num("public_credit_code", v.credit("11"))
    doc.t("\n" + body + "\n")
    doc.date()
    return doc


def c_court(v):
    """A court's announcement: case numbers, pseudonyms, surnames with titles, sums."""
    city = v.city()
    doc = Doc(v)
    doc.t("裁判文书公开（已作隐名处理）\n")
    doc.num("case_no", case_no(v, city, v.r.choice(["民初", "刑初", "执"])))
    doc.t("\n原告")
    doc.pseudo()
    doc.t("诉被告")
    doc.pseudo()
    doc.t("民间借贷纠纷一案，本院受理后依法适用简易程序。原告称其于")
    doc.date()
    doc.t("借给被告")
    doc.amount()
    doc.t("，证人")
    doc.title()
    doc.t("出庭作证。被告自收到本判决书之日起十日内履行，逾期应自")
    doc.date()
    doc.t("起加倍支付迟延履行期间的债务利息。诉讼费")
    doc.amount()
    doc.t("由被告负担。联系电话：")
    doc.public_phone(city)
    return doc


def c_heritage(v):
    """Heritage and history text: people of history, roads and places named after them."""
    doc = Doc(v)
    a, b = v.r.sample(HISTORICAL, 2)
    doc.t("文物保护单位简介：该祠始建于清乾隆年间，为纪念")
    doc.d("historical", a)
    doc.t("而建。民国时期曾设学堂，")
    doc.d("historical", b)
    doc.t("的诗文碑刻至今尚存。祠前道路今名")
    doc.d("road_name", v.r.choice(["中山路", "则徐路", "成功大道", "左权路", "靖宇街", "志丹路"]))
    doc.t(f"，{v.r.randint(1982, 2019)}年公布为省级文物保护单位。开放时间9:00-17:00，票价")
    doc.amount()
    doc.t("，咨询电话")
    doc.public_phone(v.city())
    return doc


def c_product(v):
    """Product recall and parcel notice: serial numbers, tracking numbers, batch numbers."""
    doc = Doc(v)
    doc.t("产品召回公告\n召回产品：" + v.r.choice(["电动自行车充电器", "儿童安全座椅", "燃气热水器"]) + "，生产批号")
    doc.num("batch_no", f"{v.r.choice(['PH', 'LOT', 'B'])}{v.r.randint(20250101, 20261231)}{v.r.randint(10, 99)}")
    doc.t("，产品序列号段")
    doc.num("serial_18", v.serial_18())
    doc.t("至")
    doc.num("serial_18", v.serial_18())
    doc.t("。消费者退回时请注明快递单号，如")
    doc.num("non_luhn_run", v.non_luhn(v.r.choice([12, 13, 15])))
    doc.t("。召回热线：")
    doc.num("hotline", v.r.choice(["400-820-5678", "800-830-1234", "400-699-8800"]))
    doc.t("。生产企业统一社会信用代码见公告附件。")
    return doc


def c_budget(v):
    """Budget and public account notice: amounts, bodies' accounts and 12… credit codes."""
    city = v.city()
    doc = Doc(v)
    doc.t(f"{city}市{v.r.choice(['第一中学', '人民医院', '疾病预防控制中心', '图书馆'])}2026年部门预算公开\n单位统一社会信用代码：")
    doc.num("public_credit_code", v.credit("12"))
    doc.t("\n收入预算合计")
    doc.amount()
    doc.t("，其中财政拨款")
    doc.amount()
    doc.t("。\n非税收入汇缴账户：")
    doc.num("public_account", v.non_luhn(v.r.choice([18, 20, 21])))
    doc.t("，开户行：" + v.r.choice(["中国建设银行", "中国工商银行"]) + city + "分行。\n联系人：财务科")
    doc.title()
    doc.t("，电话")
    doc.public_phone(city)
    return doc


def c_stats(v):
    """A 12345 hotline's weekly report: work-order numbers, counts, masked numbers."""
    city = v.city()
    doc = Doc(v)
    doc.t(f"{city}市12345政务服务便民热线周报（第{v.r.randint(1, 50)}期）\n本周共受理诉求{v.r.randint(3000, 20000)}件，")
    doc.t("办结率" + f"{v.r.randint(90, 99)}.{v.r.randint(0, 9)}%。典型工单")
    doc.num("doc_no", f"{v.r.randint(2026000000, 2026999999)}")
    doc.t("：来电人")
    doc.title()
    doc.t("（")
    doc.num("masked_mobile", v.masked_mobile())
    doc.t("）反映")
    doc.d("area", CITIES[city][4][0][2])
    doc.t("积水问题，已办结。另一工单当事人身份证号")
    doc.num("masked_id", v.masked_id())
    doc.t("已核验。热线")
    doc.hotline()
    return doc


def c_recruit(v):
    """A public recruitment notice: the body's phone and mailbox, dates, numbers of posts."""
    city = v.city()
    doc = Doc(v)
    doc.t(f"{city}市{v.r.choice(['事业单位', '社区工作者', '公益性岗位'])}2026年公开招聘公告\n招聘岗位{v.r.randint(5, 120)}个，岗位代码")
    doc.num("doc_no", f"2026{v.r.randint(100, 999)}")
    doc.t("。报名时间：")
    doc.date()
    doc.t("至")
    doc.date()
    doc.t("。报名地点：")
    doc.office(city)
    doc.t("。咨询电话：")
    doc.public_phone(city)
    doc.t("；监督邮箱：")
    doc.num("public_mailbox_163", f"{v.r.choice(['zpjd', 'rsk', 'jdjc'])}{v.r.randint(2020, 2026)}@163.com")
    doc.t("。联系人：")
    doc.title()
    return doc


def c_sms(v):
    """A body's mass text message: hotline, service number, dates, a link."""
    doc = Doc(v)
    doc.t(v.r.choice(["【国家反诈中心】", "【气象局】", "【税务局】", "【疾控中心】"]))
    doc.t(v.r.choice(["近期冒充客服退款诈骗高发，", "预计今夜有强降雨，", "个人所得税汇算将于", "流感高发季，"]))
    doc.date()
    doc.t("前请留意。如有疑问请拨打")
    doc.hotline()
    doc.t("或")
    doc.num("hotline", v.r.choice(["12366", "96110", "12121", "12320"]))
    doc.t("。本短信由")
    doc.num("service_no", v.r.choice(["106575", "1069"]) + f"{v.r.randint(10000000, 99999999)}")
    doc.t("发送，回复TD退订。")
    return doc


CONTROLS = {f.__name__: f for f in (c_notice, c_court, c_heritage, c_product, c_budget, c_stats, c_recruit, c_sms)}
