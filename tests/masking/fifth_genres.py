"""Genres of the fifth corpus: forms and records from across China that the earlier corpora
did not have, and control texts holding only look-alikes of personal data.

Each genre is a function of ``Values`` returning a ``Doc``; ``Doc.w`` writes plain text, gold
values (``Val``) and look-alikes (``Decoy``) in order and records their spans.
"""
from __future__ import annotations

from tests.masking.fifth_values import CITIES, DOCTRINES, Decoy, Val, Values

ETHNIC = {"uyghur": "维吾尔", "tibetan": "藏", "mongol": "蒙古", "yi": "彝"}
TYPOS = {"身份证号": ["身分证号", "身份正号", "身份证好"], "联系电话": ["联系电活", "联糸电话", "联系电化"],
         "手机": ["手几", "首机"], "住址": ["住止", "往址"], "姓名": ["姓明", "性名"]}


class Doc:
    def __init__(self):
        self.parts, self.gold, self.decoys, self.pos = [], [], [], 0

    def w(self, *items) -> "Doc":
        for item in items:
            if item is None or item == "":
                continue
            if isinstance(item, Val):
                text = item.pre + item.core + item.post
                c0 = self.pos + len(item.pre)
                self.gold.append((self.pos, self.pos + len(text), item.entity, c0, c0 + len(item.core), item.kind))
            elif isinstance(item, Decoy):
                text = item.text
                self.decoys.append((self.pos, self.pos + len(text), item.kind))
            else:
                text = str(item)
            self.parts.append(text)
            self.pos += len(text)
        return self

    def render(self):
        return "".join(self.parts), self.gold, self.decoys


def lab(v: Values, word: str) -> str:
    """A label, now and then mistyped as people type them."""
    if word in TYPOS and v.chance(0.06):
        return v.pick(TYPOS[word])
    return word


def ethnic(v: Values, p) -> str:
    return ETHNIC.get(p.minority) or v.weighted({"汉": 90, "壮": 3, "回": 3, "满": 2, "土家": 2})


def colon(v: Values) -> str:
    return v.weighted({"：": 70, ":": 15, " ": 10, "： ": 5})


def birth_text(v: Values, p) -> str:
    b = p.birth
    return v.pick([f"{b.year}年{b.month}月{b.day}日", f"{b.year}年{b.month}月", f"{b.year}.{b.month:02d}", b.isoformat()])


def official(v: Values, city: str):
    return v.person(city=city)


# ------------------------------------------------------------------ genres with personal data

def fuyi(v: Values) -> Doc:
    """行政复议决定书."""
    city = v.city()
    a, agent, head, staff = v.person(city=city), v.person(city=city), official(v, city), official(v, city)
    body, office = v.office(city)
    gov = (CITIES[city][1] or CITIES[city][0]) + "人民政府"
    d = Doc().w(gov, "\n行政复议决定书\n", v.doc_no(city), "\n\n申请人：", v.name(a), "，", a.sex, "，", birth_text(v, a), "出生，",
                ethnic(v, a), "族，公民", lab(v, "身份证号"), "码：", v.id(a), "，住址：", v.address(a), "。\n")
    if v.chance(0.6):
        d.w("委托代理人：", v.name(agent), "，", v.pick(["广东", "浙江", "四川", "新疆", "北京"]), v.pick(["正平", "天元", "君合", "明理"]),
            "律师事务所律师，", lab(v, "联系电话"), "：", v.mobile(agent), "。\n")
    d.w("被申请人：", body, "，住所地：", office, "。\n法定代表人：", v.name(head), "，", v.pick(["局长", "主任", "支队长"]), "。\n")
    if v.chance(0.35):
        name, code = v.company(city)
        d.w("第三人：", name, "，统一社会信用代码：", code, "。\n")
    d.w("\n申请人不服被申请人于", v.date_text(), "作出的", v.doc_no(city), "《", v.pick(["不予受理决定书", "行政处罚决定书", "工伤认定结论",
        "政府信息公开答复书"]), "》，于", v.date_text(), "向本机关申请行政复议，本机关依法已予受理。本案适用普通程序审理，",
        "承办人", v.name(staff), "。\n申请人称：", v.pick(["其于", "本人于"]), v.date_text(), "向被申请人提交申请，被申请人",
        "未在法定期限内答复……\n本机关认为：……根据《中华人民共和国行政复议法》第六十四条的规定，本机关决定：撤销被申请人作出的",
        "具体行政行为，责令被申请人", v.pick(["在三十日内重新作出处理", "于收到本决定书之日起六十日内重新答复"]), "。\n申请人如不服本决定，可以",
        Decoy("自收到", "phrase"), "本决定书之日起十五日内向人民法院提起行政诉讼。\n\n", gov, "\n", v.date_text(), "\n（联系电话：",
        v.public_phone(city), "）")
    return d


def zhongcai(v: Values) -> Doc:
    """劳动人事争议仲裁裁决书."""
    city = v.city()
    a, rep, arb, clerk = v.person(city=city), v.person(city=city), official(v, city), official(v, city)
    name, code = v.company(city, v.pick(["91", "91", "91", "52", "92"]))
    d = Doc().w(CITIES[city][1] or CITIES[city][0], "劳动人事争议仲裁委员会\n裁 决 书\n", v.case_no(), "\n\n申请人：", v.name(a), "，",
                a.sex, "，", ethnic(v, a), "族，", birth_text(v, a), "出生，", lab(v, "身份证号"), "：", v.id(a), "，",
                v.pick(["住", "住址：", "现住"]), v.address(a), "，", lab(v, "联系电话"), "：", v.mobile(a), "。\n被申请人：", name,
                "，统一社会信用代码", code, "。\n法定代表人：", v.name(rep), "，该公司", v.pick(["总经理", "执行董事", "董事长"]), "。\n\n")
    d.w("申请人", v.name(a), "与被申请人", name, "劳动争议一案，本委于", v.date_text(), "立案受理，依法组成仲裁庭，由仲裁员",
        v.name(arb), "独任审理，书记员", v.name(clerk), "担任记录。申请人请求：1.支付拖欠工资", v.amount(), "；2.支付经济补偿金",
        v.amount(), "。\n经审理查明：申请人于", v.date_text(), "入职，月工资", v.amount(), "……\n裁决如下：被申请人应",
        v.pick(["自本裁决书生效之日起五日内", "于本裁决生效之日起十日内"]), "向申请人支付", v.amount(), "。\n\n仲裁员：", v.name(arb),
        "\n书记员：", v.name(clerk), "\n", v.date_text())
    return d


def falv_yuanzhu(v: Values) -> Doc:
    """法律援助申请表, as a form exported with its cells."""
    city = v.city()
    a, other, agent = v.person(city=city), v.person(), v.person(city=city)
    sep = v.pick(["\t", "｜", " | ", "：", "\n"])
    d = Doc().w("法律援助申请表\n", "编号：", Decoy(f"{v.pick(['穗', '蓉', '乌', '拉', '呼'])}法援〔2026〕{v.r.randint(1, 3000)}号", "doc_no"),
                "\n", lab(v, "姓名"), sep, v.name(a), sep, "性别", sep, a.sex, sep, "民族", sep, ethnic(v, a), "\n出生日期", sep,
                birth_text(v, a), sep, lab(v, "身份证号"), "码", sep, v.id(a), "\n户籍所在地", sep, v.address(a, city=a.city),
                "\n经常居住地", sep, v.address(a), "\n", lab(v, "联系电话"), sep, v.mobile(a))
    if v.chance(0.3):
        d.w("\n固定电话", sep, v.landline(city))
    if v.chance(0.4):
        d.w("\n代理申请人", sep, v.name(agent), sep, "与申请人关系", sep, v.pick(["配偶", "子女", "父亲", "母亲"]), sep,
            "电话", sep, v.mobile(agent))
    d.w("\n申请事项", sep, v.pick(["追索劳动报酬", "请求给付赡养费", "工伤赔偿", "交通事故人身损害赔偿"]), "\n案情概要", sep,
        "申请人与", v.name(other), v.pick(["因", "就"]), v.pick(["欠薪", "赡养", "工伤", "交通事故"]), "纠纷，对方住",
        v.address(other), "，", v.pick(["经多次协商未果。", "对方拒不履行。"]), "\n家庭人口", sep, str(v.r.randint(1, 6)), "人，月收入",
        v.amount(), "\n受理机构", sep, (CITIES[city][1] or CITIES[city][0]), "法律援助中心（热线", v.public_phone(city), "）")
    return d


def canji_youfu(v: Values) -> Doc:
    """残疾人证 records and 优抚对象 records."""
    city = v.city()
    p, guard = v.person(city=city, old=v.chance(0.3)), v.person(city=city)
    if v.chance(0.5):
        number = p.id + str(v.r.randint(1, 7)) + str(v.r.randint(1, 4))
        d = Doc().w("残疾人证信息\n", lab(v, "姓名"), colon(v), v.name(p), "  性别：", p.sex, "\n残疾人证号", colon(v),
                    Val("CN_ID_NUMBER", "id_disability", number[:18], post=number[18:]), "\n残疾类别：",
                    v.pick(["肢体", "视力", "听力", "言语", "智力", "精神", "多重"]), "  残疾等级：", v.pick(["一级", "二级", "三级", "四级"]),
                    "\n", lab(v, "住址"), colon(v), v.address(p), "\n")
        if v.chance(0.6):
            d.w("监护人：", v.name(guard), "（", v.pick(["父亲", "母亲", "配偶", "女儿"]), "）  ", lab(v, "联系电话"), "：", v.mobile(guard), "\n")
        d.w("发证日期：", v.date_text(v.date(2015, 2025)), "  有效期至：", v.date_text(v.date(2026, 2030)), "\n享受补贴：困难残疾人生活补贴",
            v.amount(), "/月")
        return d
    bank, card = v.card()
    d = Doc().w("优抚对象信息登记表\n优抚对象", lab(v, "姓名"), colon(v), v.name(p), "\n类别：",
                v.pick(["伤残军人（六级）", "烈士遗属", "在乡老复员军人", "带病回乡退伍军人", "参战退役人员"]), "\n优待证号：",
                Decoy(f"{v.pick(['粤', '川', '新', '蒙', '黑'])}优字第{v.digits(6)}号", "doc_no"), "\n", lab(v, "身份证号"), colon(v),
                v.id(p), "\n", lab(v, "住址"), colon(v), v.address(p), "\n", lab(v, "联系电话"), colon(v), v.mobile(p),
                "\n抚恤金发放账户：", bank, " ", card, "\n月标准：", v.amount(), "\n")
    if v.chance(0.5):
        d.w("联系人（子女）：", v.name(guard), "，电话", v.mobile(guard) if v.chance(0.7) else v.landline(city), "\n")
    d.w("登记人：", v.name(official(v, city)), "  登记日期：", v.date_text())
    return d


def chusheng_siwang(v: Values) -> Doc:
    """出生医学证明 and 死亡医学证明 extracts."""
    city = v.city()
    if v.chance(0.5):
        baby, mother, father = v.person(city=city, minor=True), v.person(city=city), v.person(city=city)
        cert = Decoy(v.pick("PQRO") + v.digits(9), "cert_no")
        d = Doc().w("出生医学证明（副页摘录）\n出生证编号：", cert, "\n新生儿姓名：", v.name(baby), "  性别：", baby.sex,
                    "\n出生时间：", v.date_text(v.date(2025, 2026)), " ", f"{v.r.randint(0, 23):02d}时{v.r.randint(0, 59):02d}分",
                    "\n出生地点：", CITIES[city][1] or CITIES[city][0], v.pick(["妇幼保健院", "人民医院", "第一人民医院"]),
                    "\n出生孕周：", str(v.r.randint(36, 41)), "周  体重：", str(v.r.randint(2500, 4200)), "克\n母亲姓名：", v.name(mother),
                    "  国籍：中国  民族：", ethnic(v, mother), "\n母亲有效身份证件号码：", v.id(mother), "\n父亲姓名：", v.name(father),
                    "  民族：", ethnic(v, father), "\n父亲有效身份证件号码：",
                    v.id(father) if v.chance(0.85) else v.pick([v.passport(), v.permit()]), "\n")
        if v.chance(0.5):
            d.w("家庭住址：", v.address(mother), "\n")
        d.w("接生人员：", v.name(official(v, city)), "\n签发日期：", v.date_text())
        return d
    dead, kin, doctor = v.person(city=city, old=True), v.person(city=city), official(v, city)
    d = Doc().w("居民死亡医学证明（推断）书\n编号：", Decoy(v.digits(6) + "2026" + v.digits(5), "doc_no"), "\n死者姓名：", v.name(dead),
                "  性别：", dead.sex, "  民族：", ethnic(v, dead), "\n", lab(v, "身份证号"), "：", v.id(dead), "\n常住地址：",
                v.address(dead), "\n死亡日期：", v.date_text(), "  死亡地点：", v.pick(["家中", "医疗卫生机构", "送医途中"]),
                "\n直接死亡原因：", v.pick(["急性心肌梗死", "脑出血", "肺部感染", "多器官功能衰竭"]), "\n可联系的家属姓名：", v.name(kin),
                "  ", lab(v, "联系电话"), "：", v.mobile(kin), "\n家属住址或工作单位：", v.address(kin), "\n医师签名：", v.name(doctor),
                "  填报日期：", v.date_text())
    return d


def hunyin(v: Values) -> Doc:
    """婚姻登记 records (结婚, 离婚, 补领)."""
    city = v.city()
    man, woman, clerk = v.person(city=city), v.person(city=city), official(v, city)
    kind = v.pick(["结婚登记", "离婚登记", "补领结婚证"])
    d = Doc().w("婚姻登记审查处理表（", kind, "）\n登记机关：", (CITIES[city][1] or CITIES[city][0]), CITIES[city][5][0][0],
                "民政局婚姻登记处\n", "字号：", Decoy(f"J{CITIES[city][5][0][1]}-2026-{v.digits(6)}", "cert_no"), "\n\n男方\n",
                lab(v, "姓名"), "：", v.name(man), "\n出生日期：", birth_text(v, man), "\n身份证件号：", v.id(man), "\n国籍：中国  民族：",
                ethnic(v, man), "  职业：", v.pick(["职员", "务农", "自由职业", "教师", "个体"]), "\n\n女方\n", lab(v, "姓名"), "：",
                v.name(woman), "\n出生日期：", birth_text(v, woman), "\n")
    if v.chance(0.2):
        d.w("身份证件：港澳居民来往内地通行证 ", v.permit(), "\n国籍：中国（香港）\n")
    else:
        d.w("身份证件号：", v.id(woman), "\n国籍：中国  民族：", ethnic(v, woman), "\n")
    d.w("\n", v.pick(["双方自愿结婚，符合《中华人民共和国民法典》规定，予以登记。", "双方自愿离婚，对子女抚养、财产及债务处理等事项协商一致，予以登记。",
                      "经核查婚姻登记档案，准予补发结婚证。"]), "\n登记员：", v.name(clerk), "\n登记日期：", v.date_text())
    if v.chance(0.4):
        d.w("\n当事人联系电话：", v.mobile(man), "、", v.mobile(woman) if v.chance(0.7) else v.landline(city))
    return d


def gongzheng(v: Values) -> Doc:
    """公证书 (继承, 委托, 声明)."""
    city = v.city()
    a, b, notary = v.person(city=city), v.person(city=city), official(v, city)
    dead = v.person(city=city, old=True)
    office_name = f"{CITIES[city][1] or CITIES[city][0]}{v.pick(['第一', '南方', '中信', '公信'])}公证处"
    no = Decoy(f"（2026）{v.pick(['粤', '川', '新', '京', '浙'])}{v.pick(['穗', '蓉', '乌', '京', '杭'])}{v.pick(['证', '内民证'])}字第{v.r.randint(1, 99999)}号", "doc_no")
    d = Doc().w("公 证 书\n", no, "\n\n申请人：", v.name(a), "，", a.sex, "，", birth_text(v, a), "出生，公民身份号码：", v.id(a),
                "，住", v.address(a), "。\n")
    kind = v.pick(["继承", "委托", "声明"])
    if kind == "继承":
        d.w("申请人：", v.name(b), "，", b.sex, "，公民身份号码：", v.id(b), "。\n公证事项：继承权\n\n被继承人", v.name(dead), "（公民身份号码：",
            v.id(dead), "）于", v.date_text(), "死亡，生前遗有坐落于", v.address(dead), "的房屋一套。被继承人的配偶", v.name(b),
            "、子女", v.name(a), "为法定继承人……\n")
    elif kind == "委托":
        d.w("公证事项：委托\n\n兹证明", v.name(a), "于", v.date_text(), "来到我处，在本公证员面前，在前面的《委托书》上签名，委托", v.name(b),
            "（联系电话", v.mobile(b), "）代为办理", v.pick(["房屋出售", "公积金提取", "车辆过户"]), "事宜。\n")
    else:
        d.w("公证事项：声明书\n\n兹证明", v.name(a), "于", v.date_text(), "来到我处，在前面的《声明书》上签名，声明其本人护照号码为",
            v.passport(), "。\n")
    d.w("\n", office_name, "\n公证员：", v.name(notary), "\n", v.date_text(), "\n（本公证处地址：", v.office(city)[1], "，电话",
        v.public_phone(city), "）")
    return d


def jiaotong(v: Values) -> Doc:
    """道路交通事故认定书."""
    city = v.city()
    a, b, cop1, cop2 = v.person(city=city), v.person(), official(v, city), official(v, city)
    district, _, _, roads = v.pick(CITIES[city][5])
    d = Doc().w("道路交通事故认定书", v.pick(["（简易程序）", ""]), "\n第", Decoy(CITIES[city][5][0][1] + "1202600" + v.digits(5), "doc_no"),
                "号\n事故时间：", v.date_text(), " ", f"{v.r.randint(0, 23)}时{v.r.randint(0, 59)}分", "\n事故地点：",
                Decoy(f"{district}{roads[0]}与{roads[-1]}交叉路口", "area"), "\n\n当事人甲：", v.name(a), "，", a.sex, "，",
                str(a.age), "岁，驾驶证号：", v.id(a), "，", lab(v, "联系电话"), "：", v.mobile(a), "，住址：", v.address(a),
                "，驾驶", v.plate(city), v.pick(["小型轿车", "小型普通客车", "电动自行车", "重型货车"]), "。\n当事人乙：", v.name(b),
                "，", b.sex, "，", str(b.age), "岁，")
    if v.chance(0.5):
        d.w("身份证号：", v.id(b), "，电话：", v.mobile(b), "，驾驶", v.plate(), "小型轿车。\n")
    else:
        d.w("行人，电话：", v.mobile(b), "，住", v.address(b), "。\n")
    d.w("\n交通事故事实：甲车沿", roads[0], "由东往西行驶至事发路口时，与乙", v.pick(["车发生碰撞", "发生刮碰"]), "，造成两车损坏",
        v.pick(["、乙受伤", ""]), "。\n当事人导致交通事故的过错及责任：", v.name(a), "承担事故", v.pick(["全部", "主要"]), "责任，", v.name(b),
        v.pick(["无责任", "承担次要责任"]), "。\n交通警察：", v.name(cop1), "（警号", Decoy(v.digits(6), "badge_no"), "）  ",
        v.name(cop2), "\n", CITIES[city][1] or CITIES[city][0], "公安局交通警察支队", district, "大队\n", v.date_text(),
        "\n当事人对交通事故认定有异议的，可", Decoy("自收到", "phrase"), "本认定书之日起三日内提出书面复核申请。")
    return d


def gongshang(v: Values) -> Doc:
    """工伤认定决定书."""
    city = v.city()
    w, rep = v.person(city=city), v.person(city=city)
    name, code = v.company(city, v.pick(["91", "91", "92", "93", "52"]))
    body, office = v.office(city)
    d = Doc().w(CITIES[city][1] or CITIES[city][0], "人力资源和社会保障局\n认定工伤决定书\n", v.case_no(), "\n\n申请人：",
                v.pick([v.name(w), name]), "\n职工姓名：", v.name(w), "  性别：", w.sex, "  出生日期：", birth_text(v, w),
                "\n", lab(v, "身份证号"), "码：", v.id(w), "\n", lab(v, "联系电话"), "：", v.mobile(w), "\n用人单位：", name,
                "\n统一社会信用代码：", code, "\n单位负责人：", v.name(rep), "\n职业、工种或工作岗位：", v.pick(["操作工", "搬运工", "厨师", "电工", "快递员"]),
                "\n事故时间：", v.date_text(), "\n受伤害部位：", v.pick(["左手食指", "右踝关节", "腰椎", "头部"]), "\n\n")
    d.w(v.date_text(), "，", v.name(w), "在", name, "车间工作时", v.pick(["被机器压伤", "从梯子上跌落", "被叉车撞伤"]), "，经",
        CITIES[city][1] or CITIES[city][0], "人民医院诊断为", v.pick(["骨折", "软组织挫伤", "腰椎压缩性骨折"]), "。\n根据《工伤保险条例》第十四条第（一）项之规定，",
        "属于工伤，现予以认定。\n如对本工伤认定决定不服，可", Decoy("自收到", "phrase"), "本决定书之日起60日内向", body,
        "申请行政复议（地址：", office, "）。\n", v.date_text())
    return d


def gongjijin(v: Values) -> Doc:
    """住房公积金提取申请."""
    city = v.city()
    p, spouse, clerk = v.person(city=city), v.person(city=city), official(v, city)
    bank, card = v.card()
    d = Doc().w(CITIES[city][1] or CITIES[city][0], "住房公积金提取申请表\n业务流水号：", v.serial_18(), "\n职工", lab(v, "姓名"), colon(v),
                v.name(p), "\n证件类型：居民身份证  证件号码：", v.id(p), "\n", lab(v, "手机"), "号码：", v.mobile(p), "\n提取原因：",
                v.pick(["购买自住住房", "偿还商业贷款", "租赁住房", "离职提取", "退休提取"]), "\n")
    if v.chance(0.6):
        d.w("房屋坐落：", v.address(p), "\n购房合同编号：", Decoy(f"{2026}{v.digits(8)}", "doc_no"), "\n")
    if v.chance(0.5):
        d.w("配偶姓名：", v.name(spouse), "  配偶证件号码：", v.id(spouse), "\n")
    d.w("提取金额：", v.amount(), "\n收款银行：", bank, "\n收款账号：", card, "\n受理网点：", v.office(city)[1], "\n经办人：", v.name(clerk),
        "  复核：", v.name(official(v, city)), "\n咨询电话：", Decoy("12329", "hotline"))
    return d


def rencai(v: Values) -> Doc:
    """人才引进公示 (a list of several people)."""
    city = v.city()
    sep = v.pick(["\t", "  ", "｜", " "])
    d = Doc().w((CITIES[city][1] or CITIES[city][0]), v.pick(["2026年度高层次人才引进拟聘人员公示", "事业单位公开引进急需紧缺人才拟聘用人员名单公示"]),
                "\n根据", v.doc_no(city), "有关规定，经报名、资格审查、考核、体检，现将拟引进人员名单公示如下：\n",
                sep.join(["序号", "姓名", "性别", "出生年月", "学历学位", "毕业院校及专业", "拟聘单位"]) + (sep + "身份证号" if sep == "\t" else ""), "\n")
    show_id = sep == "\t" and v.chance(0.7)
    for i in range(v.r.randint(3, 7)):
        p = v.person(city=city, years=(1986, 2000))
        d.w(str(i + 1), sep, v.name(p), sep, p.sex, sep, f"{p.birth.year}.{p.birth.month:02d}", sep,
            v.pick(["博士研究生", "硕士研究生", "大学本科"]), sep, v.pick(["四川大学临床医学", "武汉大学法学", "新疆大学计算机科学与技术",
                                                               "中山大学公共卫生", "西藏大学藏医学"]), sep,
            v.pick(["市人民医院", "市疾病预防控制中心", "市第一中学", "市农业科学研究院"]))
        if show_id:
            d.w(sep, v.masked_id(p) if v.chance(0.8) else v.id(p, "id"))
        d.w("\n")
    d.w("公示期：", v.date_text(), "至", v.date_text(), "（5个工作日）。如有异议，请以书面形式实名反映。\n监督电话：", v.public_phone(city),
        "\n电子邮箱：", v.public_email(city), "\n来信地址：", v.office(city)[1])
    return d


def youdai(v: Values) -> Doc:
    """义务兵家庭优待金发放名单 (a table)."""
    city = v.city()
    sep = v.pick(["\t", "  ", "｜", " | "])
    d = Doc().w(CITIES[city][1] or CITIES[city][0], CITIES[city][5][0][0], "2026年度义务兵家庭优待金发放名单\n",
                sep.join(["序号", "义务兵姓名", "入伍时间", "家属姓名", "与本人关系", "家属身份证号", "银行卡号", "金额（元）"]), "\n")
    for i in range(v.r.randint(3, 6)):
        soldier, kin = v.person(city=city, minor=False), v.person(city=city)
        _, card = v.card(v.pick(["card", "card", "card_4_4_4_4"]))
        d.w(str(i + 1), sep, v.name(soldier), sep, f"2025.{v.pick(['03', '09'])}", sep, v.name(kin), sep, v.pick(["父亲", "母亲", "配偶"]),
            sep, v.id(kin, v.pick(["id", "id", "id", "id_space", "id_full"])), sep, card, sep, str(v.r.randint(12000, 30000)), "\n")
    d.w("发放单位：", CITIES[city][1] or CITIES[city][0], CITIES[city][5][0][0], "退役军人事务局  联系电话：", v.public_phone(city), "\n",
        v.date_text())
    return d


def yimiao_chuanran(v: Values) -> Doc:
    """传染病报告卡 and 预防接种 records."""
    city = v.city()
    doctor = official(v, city)
    if v.chance(0.5):
        child = v.chance(0.4)
        p = v.person(city=city, minor=child)
        d = Doc().w("中华人民共和国传染病报告卡\n卡片编号：", Decoy(CITIES[city][5][0][1] + v.digits(10), "doc_no"), "\n报卡类别：1.初次报告\n",
                    "患者姓名：", v.name(p), "\n")
        if child:
            parent = v.person(city=city)
            d.w("（患儿家长姓名：", v.name(parent), "）\n")
        d.w("有效证件号：", v.id(p), "  性别：", p.sex, "\n出生日期：", birth_text(v, p), "  实足年龄：", str(p.age), "岁\n工作单位（学校）：",
            v.pick(["无", "个体", "市实验小学", "建筑工地"]), "\n", lab(v, "联系电话"), "：", v.mobile(parent if child else p),
            "\n病人属于：本县区\n现住址（详填）：", v.address(p, kind=v.pick(["address", "address_village", "address_group", "address_estate"])),
            "\n人群分类：", v.pick(["学生", "农民", "散居儿童", "家务及待业"]), "\n病例分类：", v.pick(["确诊病例", "临床诊断病例"]),
            "\n发病日期：", v.date_text(), "\n诊断：", v.pick(["手足口病", "肺结核", "流行性感冒", "细菌性痢疾", "水痘"]), "\n报告单位：",
            CITIES[city][1] or CITIES[city][0], "人民医院\n联系电话：", v.public_phone(city), "\n报告医生：", v.name(doctor),
            "  填卡日期：", v.date_text())
        return d
    child, parent = v.person(city=city, years=(2020, 2025)), v.person(city=city)
    d = Doc().w("预防接种记录\n受种者：", v.name(child), "  性别：", child.sex, "  出生日期：", birth_text(v, child), "\n监护人：", v.name(parent),
                "  ", lab(v, "联系电话"), "：", v.mobile(parent), "\n家庭住址：", v.address(parent), "\n")
    for _ in range(v.r.randint(1, 3)):
        d.w(v.date_text(), "  ", v.pick(["乙肝疫苗", "脊灰疫苗", "百白破疫苗", "麻腮风疫苗", "乙脑减毒活疫苗"]), "  批号：",
            Decoy(v.pick(["2025", "2026"]) + v.digits(6) + v.pick(["", "-1", "A"]), "batch_no"), "  接种医生：", v.name(doctor), "\n")
    d.w("接种单位：", CITIES[city][5][0][2][0], "社区卫生服务中心（预约电话", v.public_phone(city), "）")
    return d


def wangge(v: Values) -> Doc:
    """网格员走访日志."""
    city = v.city()
    worker = official(v, city)
    d = Doc().w(v.area(city), "第", str(v.r.randint(1, 30)), "网格 走访日志\n网格员：", v.name(worker), "  ", lab(v, "手机"), "：",
                v.mobile(worker), "\n")
    for _ in range(v.r.randint(2, 4)):
        p = v.person(city=city, old=v.chance(0.5))
        d.w("\n", v.date_text(), " 走访", v.address(p, kind=v.pick(["address_estate", "address_short", "address"])), "，住户",
            v.name(p), "（", str(p.age), "岁", v.pick(["，独居老人", "，低保户", "，残疾人", "", "，外来务工人员"]), "），")
        mood = v.r.random()
        if mood < 0.4:
            d.w("电话", v.mobile(p) if v.chance(0.75) else v.landline(city), "。", v.pick(["反映楼道灯坏了", "反映楼上漏水", "身体状况良好", "咨询高龄津贴申领"]), "。")
        elif mood < 0.7:
            d.w("其女儿", v.name(v.person(city=city)), "（", v.mobile(v.person(city=city)), "）在外地工作。")
        else:
            d.w("邻居", v.title(p), "说", v.pick(["他最近住院了", "家里常没人", "门口堆放杂物"]), "。")
    d.w("\n已录入网格系统，需协调事项转", v.pick(["社区居委会", "物业", "街道综治中心"]), "处理。")
    return d


def wuye(v: Values) -> Doc:
    """物业报修 records."""
    city = v.city()
    d = Doc().w(v.pick(["物业服务中心报修登记表", "报修工单导出", "业主报修记录"]), "\n")
    for _ in range(v.r.randint(2, 4)):
        p, fixer = v.person(city=city), official(v, city)
        d.w("工单号：", Decoy("BX" + v.digits(12), "doc_no"), "\n报修人：", v.pick([v.name(p), v.name(p), v.title(p)]), "  房号：",
            v.address(p, kind="address_estate") if v.chance(0.4) else Val("CN_ADDRESS", "address_room",
                                                                                f"{v.r.randint(1, 30)}栋{v.r.randint(1, 4)}单元{v.r.randint(2, 33)}0{v.r.randint(1, 6)}"),
            "  电话：", v.mobile(p) if v.chance(0.8) else v.landline(city), "\n内容：", v.pick(["厨房水管漏水", "卫生间下水道堵塞", "门禁卡失灵", "客厅灯不亮", "空调外机噪音大"]),
            "\n维修人员：", v.pick([v.name(fixer), v.title(fixer)]), "  完成时间：", v.date_text(), "  满意度：", v.pick(["满意", "基本满意"]),
            "\n\n")
    d.w("物业服务热线：", v.public_phone(city))
    return d


def kuaidi_waimai(v: Values) -> Doc:
    """快递面单 and 外卖 orders."""
    city = v.city()
    a, b = v.person(city=city), v.person()
    if v.chance(0.5):
        d = Doc().w(v.pick(["顺丰速运", "中通快递", "圆通速递", "京东物流", "邮政EMS"]), "\n运单号：", v.non_luhn_run(), "\n收件人：", v.name(a),
                    " ", v.mobile(a), "\n", v.address(a), "\n寄件人：", v.name(b), " ")
        d.w(v.pick([v.mobile(b), v.masked_mobile(b)]), "\n", v.address(b, kind=v.pick(["address", "address_short"])), "\n托寄物：",
            v.pick(["文件", "衣物", "食品", "日用品"]), "  件数：1  计费重量：", str(v.r.randint(1, 20)), "kg\n签收人：______  ",
            v.date_text())
        return d
    rider = v.person(city=city)
    d = Doc().w(v.pick(["美团外卖", "饿了么"]), "订单\n订单号：", v.serial_18(), "\n下单时间：", v.date_text(), " ",
                f"{v.r.randint(10, 22)}:{v.r.randint(0, 59):02d}", "\n顾客：", v.pick([v.name(a), v.title(a)]), "\n电话：",
                v.pick([v.mobile(a), v.mobile(a), v.masked_mobile(a)]), "\n地址：", v.address(a, kind=v.pick(["address", "address_estate", "address_short"])),
                "\n备注：", v.pick(["放门口，不要敲门", "少辣", "到了打电话", "放快递柜"]), "\n商品：", v.pick(["黄焖鸡米饭", "麻辣烫", "手抓饭", "酥油茶套餐"]),
                " ×1  实付：", v.amount(), "\n骑手：", v.name(rider), " ", v.mobile(rider))
    return d


def email_thread(v: Values) -> Doc:
    """E-mail threads with signatures and forwarded messages."""
    city = v.city()
    a, b = v.person(city=city), v.person(city=city)
    ea, eb = v.email(a), v.email(b)
    d = Doc().w("发件人：", v.name(a), " <", ea, ">\n收件人：", v.name(b), " <", eb, ">\n抄送：", v.public_email(city),
                "\n主题：回复：", v.pick(["关于入职材料", "租房合同", "报名资料补交", "请假申请"]), "\n\n", v.name(b), v.pick(["，你好：", "老师您好：", "："]),
                "\n", v.pick(["材料已补齐，见附件。", "合同我看过了，没问题。", "附件是身份证扫描件。"]), "我的身份证号", v.id(a),
                v.pick(["，银行卡", "，工资卡"]), v.card()[1], "，有问题随时联系。")
    if v.chance(0.25):
        d.w("签证材料里的护照号是", v.passport(), "。")
    d.w("\n\n", v.name(a), "\n", lab(v, "手机"), "：", v.mobile(a),
                "\n")
    if v.chance(0.4):
        d.w("座机：", v.landline(city), "\n")
    d.w("\n------------------ 原始邮件 ------------------\n发件人: \"", v.name(b), "\" <", eb, ">\n发送时间: ", v.date_text(),
        "\n主题: ", v.pick(["关于入职材料", "租房合同", "报名资料补交"]), "\n\n请补交材料，地址寄到", v.address(b), "，收件人写我")
    if v.chance(0.5):
        d.w("，电话", v.mobile(b))
    return d.w("。")


def zhengwu(v: Values) -> Doc:
    """政务公开: 任前公示 and 领导分工 naming officials."""
    city = v.city()
    place = CITIES[city][1] or CITIES[city][0]
    d = Doc()
    if v.chance(0.5):
        d.w(place, "委组织部 干部任前公示\n根据《党政领导干部选拔任用工作条例》，现将拟任职干部公示如下：\n")
        for _ in range(v.r.randint(3, 5)):
            p = v.person(city=city)
            d.w(v.name(p), "，", p.sex, "，", ethnic(v, p), "族，", f"{p.birth.year}年{p.birth.month}月生", "，",
                v.pick(["大学", "研究生", "在职研究生"]), "学历，", v.pick(["中共党员", "民盟盟员", "无党派"]), "，现任", place,
                v.pick(["民政局副局长", "司法局办公室主任", "卫生健康委员会副主任", "发展和改革局科长"]), "，拟任",
                v.pick(["正处级领导职务", "副处级领导职务", "街道党工委书记"]), "。\n")
        d.w("公示时间：", v.date_text(), "至", v.date_text(), "。\n举报电话：", v.public_phone(city), "、", Decoy("12380", "hotline"),
            "\n举报邮箱：", v.public_email(city), "\n通信地址：", v.office(city)[1])
        return d
    body, office = v.office(city)
    d.w(body, "领导信息\n")
    for role in v.r.sample(["局长", "副局长", "副局长", "党组成员", "纪检监察组组长"], v.r.randint(3, 5)):
        p = v.person(city=city)
        d.w(role, "：", v.name(p), "\n分工：", v.pick(["主持全面工作", "负责办公室、法规科工作", "负责社会救助、养老服务工作", "分管政务公开、信访工作"]), "\n")
    d.w("办公地址：", office, "\n办公电话：", v.public_phone(city), "\n邮政编码：", Decoy(CITIES[city][5][0][1][:4] + "00", "postcode"))
    return d


def excel(v: Values) -> Doc:
    """A spreadsheet pasted as text."""
    city = v.city()
    sep = v.pick(["\t", "\t", ",", "  "])
    cols = v.r.sample(["身份证号码", "联系电话", "家庭住址", "银行卡号"], v.r.randint(2, 4))
    d = Doc().w(v.pick(["2026年困难群众临时救助发放明细", "社区志愿者信息汇总", "高龄津贴申领名单", "返乡人员登记表"]), "\n",
                sep.join(["序号", "姓名", "性别"] + cols + ["备注"]), "\n")
    for i in range(v.r.randint(3, 7)):
        p = v.person(city=city, old=v.chance(0.3))
        d.w(str(i + 1), sep, v.name(p), sep, p.sex)
        for c in cols:
            d.w(sep)
            if v.chance(0.08):
                continue  # an empty cell
            if c == "身份证号码":
                d.w(v.pick([v.id(p), v.id(p), Val("CN_ID_NUMBER", "id_quote", p.id, pre="'")]))
            elif c == "联系电话":
                d.w(v.mobile(p, v.pick(["mobile", "mobile", "mobile_space", "mobile_hyphen"])) if v.chance(0.85) else v.landline(city))
            elif c == "家庭住址":
                d.w(v.address(p, kind=v.pick(["address", "address_short", "address_estate", "address_village"])))
            else:
                d.w(v.card(v.pick(["card", "card", "card_4_4_4_4"]))[1])
        d.w(sep, v.pick(["", "", "已核实", "待复核", "本人签字"]), "\n")
    d.w("制表：", v.name(official(v, city)), sep, "审核：", v.name(official(v, city)), sep, v.date_text())
    return d


def id_ocr(v: Values) -> Doc:
    """The OCR text of an ID card: the front's fields broken over lines, the back's issuing office."""
    p = v.person()
    b = p.birth
    sp = v.pick(["", " ", "  "])
    d = Doc()
    if v.chance(0.85):
        d.w("姓名", sp, " ", v.name(p, layout=v.pick(["", "spaced"])), "\n性别", sp, " ", p.sex, "  民族 ", ethnic(v, p), "\n出生 ",
            f"{b.year} 年 {b.month} 月 {b.day} 日" if v.chance(0.6) else f"{b.year}年{b.month}月{b.day}日", "\n住址 ",
            v.address(p, kind=v.pick(["address_split", "address_split", "address", "address_village"])), "\n\n公民身份号码 ",
            v.id(p, v.pick(["id", "id", "id", "id_space", "id_full", "id_space_irregular"])), "\n")
    if v.chance(0.6) or not d.gold:
        city = p.city
        start = v.date(2008, 2024)
        until = f"{start.year + (10 if p.age < 26 else 20)}.{start.month:02d}.{start.day:02d}" if p.age < 46 else "长期"
        d.w("\n中华人民共和国\n居民身份证\n签发机关 ", Decoy(f"{CITIES[city][1] or CITIES[city][0]}公安局{CITIES[city][5][0][0][:-1]}分局", "issuing_office"),
            "\n有效期限 ", f"{start:%Y.%m.%d}-{until}")
        if not d.gold:
            d.w("\n（正面）姓名：", v.name(p), "  公民身份号码：", v.id(p))
    return d


GENRES = {
    "fuyi": fuyi, "zhongcai": zhongcai, "falv_yuanzhu": falv_yuanzhu, "canji_youfu": canji_youfu,
    "chusheng_siwang": chusheng_siwang, "hunyin": hunyin, "gongzheng": gongzheng, "jiaotong": jiaotong,
    "gongshang": gongshang, "gongjijin": gongjijin, "rencai": rencai, "youdai": youdai,
    "yimiao_chuanran": yimiao_chuanran, "wangge": wangge, "wuye": wuye, "kuaidi_waimai": kuaidi_waimai,
    "email_thread": email_thread, "zhengwu": zhengwu, "excel": excel, "id_ocr": id_ocr,
}


# ------------------------------------------------------------------ controls: look-alikes only

def c_history(v: Values) -> Doc:
    """Heritage and policy text: people of history, doctrines, roads and places named after people."""
    h1, h2 = v.historical(), v.historical()
    return Doc().w("坚持以", Decoy(v.pick(DOCTRINES), "doctrine"), "为指导，深入挖掘红色文化资源。", h1, "故居位于", v.road_named(), "旁，始建于清光绪年间，", v.date_text(), "被公布为第", v.pick("一二三四五六七八"),
                   "批全国重点文物保护单位。", h2, "纪念馆年接待游客", str(v.r.randint(10, 90)), "万人次，门票收入", v.amount(),
                   "。\n", v.road_named(), "沿线将开展立面改造，计划投资", v.amount(), "，工期", str(v.r.randint(3, 18)), "个月。")


def c_contacts(v: Values) -> Doc:
    """A public body's contact page."""
    city = v.city()
    body, office = v.office(city)
    d = Doc().w(body, "\n机构职能：负责本行政区域内", v.pick(["行政复议", "劳动人事争议仲裁", "法律援助", "优抚安置", "婚姻登记"]), "工作。\n办公地址：",
                office, "\n统一社会信用代码：", v.public_credit(city), "\n咨询电话：", v.public_phone(city), "\n传真：", v.public_phone(city),
                "\n投诉举报：", v.public_phone(city), "\n电子邮箱：", v.public_email(city), "\n办公时间：工作日上午9:00-12:00，下午14:00-17:30")
    if v.chance(0.5):
        d.w("\n政务服务便民热线：", Decoy("12345", "hotline"))
    return d


def c_pseudonym_case(v: Values) -> Doc:
    """A typical case published with court pseudonyms."""
    p1, p2 = v.pseudonym(), v.pseudonym()
    return Doc().w(v.pick(["劳动争议", "行政复议", "法律援助", "工伤认定"]), "典型案例\n【基本案情】", p1, "于", v.date_text(),
                   "入职某物流公司，双方未签订书面劳动合同。", p2, "系该公司负责人。", v.date_text(), "，", p1,
                   "申请仲裁，请求支付二倍工资差额", v.amount(), "。\n【处理结果】仲裁委（", v.case_no(), "）裁决支持", p1, "的请求，",
                   "公司应", Decoy("自收到", "phrase"), "裁决书之日起十日内支付", v.amount(), "。\n【典型意义】……")


def c_stats(v: Values) -> Doc:
    """A statistical bulletin."""
    city = v.city()
    return Doc().w(CITIES[city][1] or CITIES[city][0], "2025年国民经济和社会发展统计公报（摘录）\n全年地区生产总值", v.amount(),
                   "，比上年增长", f"{v.r.randint(1, 9)}.{v.r.randint(0, 9)}%", "。年末常住人口", str(v.r.randint(100, 2200)), ".",
                   str(v.r.randint(10, 99)), "万人。全年发放义务兵家庭优待金", v.amount(), "，惠及", str(v.r.randint(500, 9000)),
                   "户；办理婚姻登记", str(v.r.randint(3000, 90000)), "对；法律援助案件", str(v.r.randint(1000, 20000)),
                   "件。\n数据来源：", CITIES[city][1] or CITIES[city][0], "统计局（", v.office(city)[1], "）")


def c_notice(v: Values) -> Doc:
    """A notice with document numbers and the office's line."""
    city = v.city()
    body, office = v.office(city)
    return Doc().w("关于做好2026年度", v.pick(["住房公积金年度结息", "残疾人两项补贴资格复核", "义务兵家庭优待金发放", "疫苗接种查验"]),
                   "工作的通知\n", v.doc_no(city), "\n各区", v.pick(["民政局", "卫生健康局", "退役军人事务局"]), "：\n根据", v.doc_no(city),
                   "要求，请于", v.date_text(), "前报送有关材料。\n联系人：办公室；联系电话：", v.public_phone(city), "；邮箱：",
                   v.public_email(city), "。\n附件：1.", v.pick(["汇总表", "申请表", "资格复核表"]), "\n\n", body, "\n", v.date_text())


def c_titles(v: Values) -> Doc:
    """A news item naming people only by surname and title, or by 某."""
    p = v.person()
    t1, t2 = v.title(p), v.title(v.person())
    return Doc().w(v.date_text(), "，市民", t1, "拨打", Decoy("12345", "hotline"), "反映，其在", v.area(), "购买的商品房漏水，物业",
                   t2, "多次上门未能修复。接报后，", v.pick(["街道", "住建部门", "市场监管部门"]), "工作人员",
                   Decoy(v.pick(["赵主任", "小王", "老李", "陈科长"]), "title_name"),
                   "带队调查，", v.pseudonym(), "承诺于", v.date_text(), "前完成维修，并赔偿", v.amount(), "。", t1, "表示满意。")


def c_procurement(v: Values) -> Doc:
    """A government procurement notice (buyers are public bodies)."""
    city = v.city()
    body, office = v.office(city)
    return Doc().w(body, v.pick(["办公设备采购项目", "信息化运维服务项目", "物业管理服务项目"]), "公开招标公告\n项目编号：",
                   Decoy(f"{CITIES[city][5][0][1]}-2026-{v.digits(5)}", "doc_no"), "\n预算金额：", v.amount(), "\n采购人：", body,
                   "\n统一社会信用代码：", v.public_credit(city), "\n地址：", office, "\n联系方式：", v.public_phone(city),
                   "\n采购代理机构：", CITIES[city][1] or CITIES[city][0], "公共资源交易中心（", v.public_phone(city), "）\n开标时间：",
                   v.date_text(), " 9:30")


def c_accounts(v: Values) -> Doc:
    """Public bodies' collection and donation accounts."""
    city = v.city()
    place = CITIES[city][1] or CITIES[city][0]
    return Doc().w(place, v.pick(["慈善总会", "红十字会", "财政局非税收入"]), "收款账户\n户名：", place, v.pick(["慈善总会", "红十字会", "财政局"]),
                   "\n账号：", v.public_account(), "\n开户行：", v.pick(["中国工商银行", "中国建设银行", "中国农业银行"]), place, "分行营业部\n",
                   "单位统一社会信用代码：", v.public_credit(city), "\n缴款码示例：", v.serial_18(), "\n捐赠热线：", v.public_phone(city),
                   "\n截至", v.date_text(), "，累计接收捐款", v.amount(), "。")


def c_logistics(v: Values) -> Doc:
    """A parcel and payment notice with long numbers that are not cards."""
    return Doc().w("关于", v.pick(["快递包裹", "政务邮件"]), "滞留件处理的公告\n以下运单超过保管期限：", v.non_luhn_run(), "、", v.non_luhn_run(),
                   "、", v.non_luhn_run(), "。\n退款交易流水号：", v.serial_18(), "，金额", v.amount(), "。\n客服热线：", v.public_phone(),
                   "，服务时间8:00-20:00。")


def c_hospital(v: Values) -> Doc:
    """A hospital's public notice."""
    city = v.city()
    return Doc().w(CITIES[city][1] or CITIES[city][0], v.pick(["人民医院", "妇幼保健院", "疾病预防控制中心"]), "门诊调整通知\n自", v.date_text(),
                   "起，", v.pick(["儿童预防接种门诊", "发热门诊", "结核病门诊"]), "迁至", v.office(city)[1], "。\n预约电话：", v.public_phone(city),
                   "\n", Decoy(v.pick(["王主任", "李医生", "张护士长", "刘教授"]), "title_name"), "专家门诊时间调整为每周三上午。\n住院号查询请登录公众号，示例：",
                   Decoy("ZY" + v.digits(8), "inpatient_no"), "\n传染病疫情报告电话：", v.public_phone(city))


CONTROLS = {
    "c_history": c_history, "c_contacts": c_contacts, "c_pseudonym_case": c_pseudonym_case, "c_stats": c_stats,
    "c_notice": c_notice, "c_titles": c_titles, "c_procurement": c_procurement, "c_accounts": c_accounts,
    "c_logistics": c_logistics, "c_hospital": c_hospital,
}
