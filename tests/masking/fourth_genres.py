"""Genres of the fourth corpus: each writes one text and records its gold spans and look-alikes.

A genre is a function of ``Values`` returning a ``Doc``; ``Doc(...)`` appends plain text
(``str``), a gold value (a ``V`` with an entity) or a look-alike (a ``V`` without one), so
every span is recorded where it is written. ``GENRES`` hold personal data; ``CONTROLS``
hold none, only look-alikes of it.
"""
from __future__ import annotations

from tests.masking.fourth_values import BANKS, COMMON_SURNAMES, COUNTIES, VILLAGES, V, Values


def D(text: str, kind: str) -> V:
    """A look-alike: text that must stay."""
    return V(text, "", kind)


class Doc:
    def __init__(self):
        self.parts, self.gold, self.decoys, self.pos = [], [], [], 0

    def __call__(self, *items) -> "Doc":
        for item in items:
            if isinstance(item, str):
                text = item
            else:
                text = item.text
                start = self.pos
                if item.entity:
                    c0 = start + len(item.before)
                    self.gold.append((start, start + len(text), item.entity, c0, c0 + len(item.core), item.kind))
                else:
                    self.decoys.append((start, start + len(text), item.kind))
            self.parts.append(text)
            self.pos += len(text)
        return self

    def render(self):
        return "".join(self.parts), self.gold, self.decoys


def nocue(v: V) -> V:
    """A name written mid-sentence with no cue word before it."""
    return V(v.core, v.entity, "name_nocue" if v.kind == "name" else v.kind, v.before, v.after)


def kv(doc: Doc, v: Values, label: str, *value, ocr_layout: bool = False):
    """One labelled field, written as documents do: `label：value`, tab, spaces or line break."""
    sep = "\n" if ocr_layout else v.pick(["：", "：", ":", "： ", "\t", "  "])
    doc(label, sep, *value)
    doc(v.pick(["\n", "\n", "  ", "\t"]) if not ocr_layout else "\n")


TOWN_BODIES = ["镇社会事务办", "街道社会工作办公室", "镇农业农村办", "镇综治中心", "街道城建和水利办"]
DISTRICTS = ["南海区", "顺德区", "禅城区", "三水区", "高明区"]
COMPLAINTS = ["村里征地补偿款一直没有发放到位", "楼上住户长期漏水，物业不予处理", "邻居加建三层违章建筑，影响采光",
              "工厂夜间噪音严重扰民", "低保申请被驳回但未说明理由", "宅基地被他人占用多年", "工地拖欠工资三个月未付",
              "房屋拆迁评估价格明显偏低", "村集体分红名单中漏了我家", "小孩学位申请被退回"]
RELATIONS = ["配偶", "儿子", "女儿", "父亲", "母亲", "兄弟", "侄子", "儿媳"]


def _company(v: Values) -> str:
    return v.pick(["佛山市", "佛山市南海区", "佛山市顺德区", ""]) + v.fake.company()


# ==================================================================== personal genres

def xinfang(v: Values) -> Doc:
    """A 信访 letter from a citizen, or the body's 答复意见书 to one."""
    d = Doc()
    district = v.pick(DISTRICTS)
    county = next(c for c in COUNTIES if c[3] == district)
    if v.chance(0.55):
        writer = v.han_name() if v.chance(0.8) else v.name()
        d(f"尊敬的{district}信访局领导：\n    您好！我叫", writer, "，")
        if v.chance(0.7):
            d(v.pick(["身份证号", "身份证号码：", "公民身份号码", "身分证"]),
              v.id_number("id_wrong_check" if v.chance(0.1) else None), "，")
        d("家住", v.address(county=county, split=v.chance(0.2)), "。")
        d(f"现反映一个问题：{v.pick(COMPLAINTS)}。")
        if v.chance(0.6):
            d("此事我曾多次找过村干部", nocue(v.name("name")), "，他总说再等等，")
        d(v.pick(["去年", "前年", "上个月"]), "村里把地租给了", nocue(v.han_name()),
          "，每亩租金只有", v.amount(), "，村民都不知情。")
        d("恳请领导重视，尽快给予答复。\n")
        d(v.pick(["联系电话：", "电话：", "手机", "联系方式 "]), v.mobile())
        if v.chance(0.35):
            d(v.pick(["（白天）/ ", "，家里电话", "；座机"]), v.landline())
        if v.chance(0.3):
            d("，邮箱", v.email())
        if v.chance(0.35):
            d("\n联名人：")
            for i in range(v.rng.randint(2, 4)):
                d("、" if i else "", v.han_name())
        d("\n" + " " * v.rng.randint(10, 30) + "信访人：", writer, "\n" + " " * v.rng.randint(10, 30), v.cn_date(), "\n")
    else:
        who = v.name()
        d(v.doc_no(), "\n", f"{district}信访局\n信访事项答复意见书\n\n", who, "：\n")
        d("    你（身份证号：", v.id_number(), f"）于{v.cn_date()}反映的关于“{v.pick(COMPLAINTS)}”的信访事项，本机关已依法受理。")
        d("经调查核实：你反映的问题属实，", v.pick(["镇政府", "村委会", "街道办"]), "已责成村委会副主任", v.han_name(),
          "跟进处理。")
        d("如对本答复意见不服，可以", D("自收到", "phrase"), "本答复意见书之日起30日内向", district, "人民政府书面申请复查。\n")
        d("    承办人：", v.han_name(), "    联系电话：", v.public_phone())
        if v.chance(0.5):
            d("\n    来访接待地址：", v.office_address(), "；网上信访可发送至", v.gov_mailbox())
        d("\n    抄送：", v.han_name(), "（", v.pick(["其代理人", "其配偶", "其子"]), "），地址", v.address(county=county), "\n")
        d(" " * 20, v.cn_date())
    return d


def budongchan(v: Values) -> Doc:
    """A 不动产登记 notice: first registration or cancellation, one or several owners."""
    d = Doc()
    first = v.chance(0.6)
    d("不动产首次登记公告\n" if first else "不动产权证书遗失（注销）公告\n")
    d(f"编号：{v.rng.randint(2025, 2026)}第{v.rng.randint(1, 999):03d}号\n")
    if first:
        d("经初步审定，我机构拟对下列不动产权利予以首次登记，根据《不动产登记暂行条例实施细则》第十七条的规定，现予公告。"
          "如有异议，请", D("自本公告之日起", "phrase"), "十五个工作日内将异议书面材料送达我机构。\n")
    else:
        d("下列不动产权利人声称其不动产权证书遗失，申请补发，现予公告。\n")
    for i in range(v.rng.randint(1, 3)):
        layout = v.pick(["kv", "kv", "line"])
        owner = v.name()
        if layout == "kv":
            kv(d, v, "不动产权利人", owner, v.pick(["（", "，证件号"]), v.id_number(), v.pick(["）", ""]))
            if v.chance(0.4):
                kv(d, v, "共有人", v.han_name(), "、", v.han_name())
            kv(d, v, "不动产坐落", v.address(split=v.chance(0.15)))
            if not first:
                kv(d, v, "原不动产权证书号", v.property_cert())
            kv(d, v, "不动产单元号", D(f"{v.county()[0]}{v.digits(6)}JC{v.digits(5)}F{v.digits(8)}", "unit_no"))
            kv(d, v, "面积", f"{v.rng.randint(40, 380)}.{v.rng.randint(10, 99)}平方米")
        else:
            d(f"{i + 1}. ", owner, "，", v.id_number(), "，坐落于", v.address(), f"的{v.pick(['宅基地使用权及房屋所有权', '国有建设用地使用权'])}，"
              f"面积{v.rng.randint(40, 380)}平方米；\n")
    d("异议书面材料送达地址：", v.office_address(), "\n联系电话：", v.public_phone(), "\n")
    d(f"{v.pick(['佛山市', '南海区', '顺德区'])}不动产登记中心\n", v.cn_date())
    return d


def gongshi(v: Values) -> Doc:
    """A 公示名单 of 低保 / 征地补偿 / 拆迁 as a table, several people per text."""
    d = Doc()
    county = v.county()
    town = v.pick(county[4])
    village = v.pick(VILLAGES)
    kind = v.pick(["dibao", "zhengdi", "chaiqian"])
    sep = v.pick(["\t", "  ", "   ", " \t", "\u3000"])
    title = {"dibao": f"{town}{village}村2026年第{v.pick('一二三四')}季度农村最低生活保障对象公示",
             "zhengdi": f"{county[3]}{town}{village}村征地补偿款发放名单公示",
             "chaiqian": f"{county[3]}{v.pick(['旧村改造', '棚户区改造', '道路扩建'])}项目被征收人补偿名单公示"}[kind]
    d(title, "\n")
    columns = {"dibao": ["序号", "户主姓名", "身份证号码", "保障人数", "家庭住址", "月保障金（元）"],
               "zhengdi": ["序号", "户主", "身份证号", "被征地面积（亩）", "补偿金额（元）", "收款账号"],
               "chaiqian": ["序号", "被征收人", "房屋坐落", "联系电话", "补偿款（元）"]}[kind]
    d(sep.join(columns), "\n")
    for i in range(v.rng.randint(3, 7)):
        d(str(i + 1), sep, v.name(), sep)
        if kind == "dibao":
            d(v.id_number(v.pick(["id", "id", "id_x", "id_15", "id_space"])), sep, str(v.rng.randint(1, 6)), sep)
            d(v.address(v.pick(["address_group", "address_village", "address_short"]), county=county), sep)
            d(v.amount(), "\n")
        elif kind == "zhengdi":
            d(v.id_number(v.pick(["id", "id", "id_x", "id_hyphen"])), sep, f"{v.rng.randint(0, 12)}.{v.rng.randint(1, 99):02d}", sep)
            d(v.amount(), sep, v.card(v.pick(["card_19", "card_16", "card_6_13", "card_4_4_4_4_3"])), "\n")
        else:
            d(v.address(v.pick(["address_road", "address_estate", "address_group"]), county=county), sep)
            d(v.mobile(v.pick(["mobile", "mobile", "mobile_hyphen", "mobile_space"])), sep, v.amount(), "\n")
    d(f"公示期为{v.cn_date()}至{v.cn_date()}。如有异议，请于公示期内向", town, v.pick(TOWN_BODIES), "反映。")
    d("监督电话：", v.public_phone(), v.pick(["，", "；", "  "]), v.pick(["举报邮箱：", "监督邮箱："]), v.gov_mailbox(), "\n")
    d(f"{town}人民政府\n", v.cn_date())
    return d


def jiaozheng(v: Values) -> Doc:
    """A 社区矫正 talk record or a 社区戒毒 agreement note."""
    d = Doc()
    county = v.county()
    town = v.pick(county[4])
    person = v.name()
    if v.chance(0.55):
        d(f"社区矫正对象个别教育谈话记录\n时间：{v.cn_date()} 14:30  地点：{town}司法所\n")
        d("谈话人：", v.han_name(), "  记录人：", v.han_name(), "\n")
        d("矫正对象：", person, f"，{v.pick(['男', '女'])}，", v.pick(["公民身份号码", "身份证", "身份证号："]),
          v.id_number(), "，户籍地", v.address(county=county), "，")
        d("居住地", v.address(v.pick(["address_estate", "address_road", "address_group"]), split=v.chance(0.2)), "。")
        d(f"因犯{v.pick(['盗窃罪', '危险驾驶罪', '帮助信息网络犯罪活动罪', '诈骗罪'])}被判处{v.pick(['有期徒刑一年，缓刑二年', '拘役四个月，缓刑六个月', '管制一年'])}。\n")
        d("问：最近在做什么工作？\n答：在", v.pick(["表哥", "同学", "朋友"]), nocue(v.han_name()), "的五金厂打工，每月", v.amount(), "。\n")
        d("问：家里有什么困难？\n答：我老婆", v.name(v.pick(["name_two_char", "name"])), "身体不好，她电话是", v.mobile(), "。\n")
        d("监护人/保证人：", v.han_name(), f"（{v.pick(RELATIONS)}），联系电话", v.mobile(), "\n")
        d("司法所值班电话：", v.public_phone())
    else:
        d("社区戒毒协议（摘要）\n")
        d("甲方：", f"{county[3]}{town}禁毒办", "（社区戒毒康复工作站，电话", v.public_phone(), "）\n")
        d("乙方（社区戒毒人员）：", person, "\n证件号码：", v.id_number(), "\n")
        d("现住址：", v.address(), "\n联系电话：", v.mobile(), "\n")
        d(f"乙方自{v.cn_date()}起执行社区戒毒三年，须按期接受尿液检测。")
        d("帮教人员", v.han_name(), "、", v.han_name(), "负责日常帮扶；家属", v.han_name(), "（", v.pick(RELATIONS), "，", v.mobile(), "）承诺配合。\n")
        d(f"尿检记录：{v.cn_date()} 阴性；{v.cn_date()} 阴性。")
    return d


def yibao(v: Values) -> Doc:
    """A 医保零星报销 application form."""
    d = Doc()
    d(v.pick(["佛山市基本医疗保险零星报销申请表\n", "异地就医费用手工报销申请表\n", "城乡居民医保报销登记表\n"]))
    kv(d, v, "参保人姓名", v.name())
    kv(d, v, "性别", v.pick(["男", "女"]))
    kv(d, v, "身份证号码", v.id_number())
    kv(d, v, "联系电话", v.mobile())
    if v.chance(0.25):
        kv(d, v, "家庭电话", v.landline())
    if v.chance(0.5):
        kv(d, v, "联系地址", v.address())
    kv(d, v, "就诊医院", v.pick(["佛山市第一人民医院", "南海区人民医院", "顺德区第一人民医院", "中山大学附属第一医院"]))
    kv(d, v, "住院号", D(v.pick(["ZY", "", "Z"]) + v.digits(v.pick([8, 10])), "inpatient_no"))
    kv(d, v, "入院日期", v.cn_date())
    kv(d, v, "申报金额", v.amount())
    kv(d, v, "开户银行", v.pick(BANKS))
    kv(d, v, "银行账号", v.card())
    if v.chance(0.55):
        kv(d, v, "代办人", v.han_name(), f"（与参保人关系：{v.pick(RELATIONS)}）")
        kv(d, v, "代办人身份证", v.id_number(), "  代办人电话 ", v.mobile())
    d("经办人：", v.han_name(), "  复核：", v.han_name(), "  ", v.cn_date())
    return d


def xueji(v: Values) -> Doc:
    """A 学籍 record: a child, its 全国学籍号 (G + ID number), guardians."""
    d = Doc()
    child_kind = v.pick(["name", "name", "name_rare", "name_compound", "name_minority_uyghur", "name_two_char"])
    child = v.name(child_kind)
    digits = v.id18_digits(born=(2010, 2019))
    d(v.pick(["学生学籍信息登记表\n", "义务教育学校新生入学登记表\n", "转学申请表（学籍信息）\n"]))
    kv(d, v, "学生姓名", child)
    kv(d, v, "性别", v.pick(["男", "女"]))
    kv(d, v, "民族", "维吾尔族" if child_kind == "name_minority_uyghur" else v.pick(["汉族", "汉族", "壮族", "瑶族"]))
    kv(d, v, "身份证件号", V(digits, "CN_ID_NUMBER", "id"))
    kv(d, v, "全国学籍号", V(digits, "CN_ID_NUMBER", "id_prefix", before="G"))
    kv(d, v, "现就读学校", v.pick(["南海区桂城中心小学", "顺德区大良实验小学", "禅城区石湾第一小学", "三水区西南中学"]))
    kv(d, v, "户口所在地", v.address(v.pick(["address_group", "address_village", "address_road"])))
    kv(d, v, "现住址", v.address(v.pick(["address_estate", "address_road"]), split=v.chance(0.15)))
    for i in (1, 2):
        kv(d, v, f"监护人{i}", v.han_name(), f"  关系：{'父亲' if i == 1 else '母亲'}")
        kv(d, v, "联系电话", v.mobile())
        if v.chance(0.35):
            kv(d, v, "监护人身份证", v.id_number())
        if v.chance(0.2):
            kv(d, v, "电子邮箱", v.email())
    if v.chance(0.3):
        d("转出原因：随父母迁居；原学校联系人", v.han_name(), "，学校电话", v.public_phone())
    return d


def huiyi(v: Values) -> Doc:
    """Meeting minutes (会议纪要) naming officials and citizens, or a 村民代表会议 record by speaker."""
    if v.chance(0.4):
        return _cundai(v)
    d = Doc()
    county = v.county()
    town = v.pick(county[4])
    village = v.pick(VILLAGES)
    d(f"{town}关于{village}村{v.pick(['征地补偿', '旧改', '集体分红', '河道整治'])}问题协调会会议纪要\n")
    d(f"时间：{v.cn_date()}上午9:30\n地点：镇政府三楼第二会议室\n")
    chair = v.han_name()
    d("主持：", chair, v.pick(["（镇党委副书记）", "（副镇长）", ""]), "\n参加：")
    for i in range(v.rng.randint(2, 4)):
        d("、" if i else "", v.han_name())
    d(f"，{village}村党支部书记", v.han_name(), "，村民代表")
    reps = [v.name() for _ in range(v.rng.randint(2, 3))]
    for i, r in enumerate(reps):
        d("、" if i else "", r)
    d("\n记录：", v.han_name(), "\n\n")
    d("会议听取了村民代表", reps[0], "关于", v.pick(COMPLAINTS), "的情况反映。")
    d(nocue(reps[-1]), v.pick(["表示", "提出", "补充说"]), "，", v.pick(["去年分红少了一户", "补偿标准低于邻村", "测量面积有误"]), "。")
    d("会议议定：一、由", nocue(v.han_name()), "牵头，会同国土所于十个工作日内复核；二、", v.pick(["村民", "村民代表"]),
      nocue(v.name("name_two_char")), "家的宅基地问题另行处理，联系电话", v.mobile(), "；")
    d("三、下次会议时间另行通知。镇党政办电话", v.public_phone(), "。\n")
    return d


def _cundai(v: Values) -> Doc:
    d = Doc()
    village = v.pick(VILLAGES)
    d(f"{village}村村民代表会议记录\n时间：{v.cn_date()} 19:30  地点：村委会二楼会议室\n")
    d(f"应到代表{v.rng.randint(20, 40)}人，实到{v.rng.randint(15, 20)}人。列席：镇驻村干部", v.han_name(), "\n")
    chair, clerk = v.han_name(), v.name()
    reps = [v.name() for _ in range(3)]
    d("主持人：", chair, "  记录人：", clerk, "\n")
    d(V(chair.core, "PERSON", chair.kind), "：今天主要讨论", v.pick(["集体土地出租", "祠堂修缮", "分红方案"]), "的事。\n")
    d(reps[0], "：我同意，但系", nocue(v.han_name()), "屋企嗰块地要重新量过。\n")
    d(reps[1], v.pick(["：", "说："]), "上次", nocue(v.name("name_two_char")), "讲的租金太低，每亩至少", v.amount(), "。\n")
    d(V(chair.core, "PERSON", chair.kind), "：大家举手表决。\n")
    d(f"表决结果：同意{v.rng.randint(12, 18)}票，反对2票（", reps[2], "、", v.han_name(), "），弃权0票。\n参会代表签名：")
    for i in range(v.rng.randint(3, 6)):
        d(" " if i else "", v.name())
    return d


CHAT_TYPOS = {"身份证": ["身份证", "身分证", "身份正", "sfz"], "电话": ["电话", "电活", "电化", "手机好"],
              "地址": ["地址", "住址", "地只"]}


def chat(v: Values) -> Doc:
    """A WeChat or SMS transcript with typos, nicknames and numbers as people type them."""
    d = Doc()
    citizen = v.name()
    nick = v.pick(["阳光", "A杰", "小鱼儿", "心若止水", "Lucy", "老张", "花开富贵", "平安是福"]) if v.chance(0.5) else None
    officer = v.han_name()
    stamp = lambda: f"{v.rng.randint(8, 22)}:{v.rng.randint(0, 59):02d}"  # noqa: E731
    me = (lambda: d(D(nick, "nickname"), "：")) if nick else (lambda: d(V(citizen.core, "PERSON", citizen.kind), "："))
    d(v.pick(["【微信聊天记录】\n", "以下为网格员与居民的微信对话截图转文字：\n", "短信记录\n"]))
    d(f"[{stamp()}] 网格员", officer, "：你好，我是社区网格员，请发一下", v.pick(CHAT_TYPOS["身份证"]), "号和",
      v.pick(CHAT_TYPOS["电话"]), "登记一下\n")
    d(f"[{stamp()}] "); me()
    d(v.pick(["好的，我叫", "我系", "你好我是", "收到 我是"]), citizen, "\n")
    d(f"[{stamp()}] "); me()
    d(v.id_number(v.pick(["id", "id_space", "id_hyphen", "id_space_irregular", "id_lower_x", "id_full"])), "\n")
    d(f"[{stamp()}] "); me()
    if v.chance(0.15):
        d(v.pick(CHAT_TYPOS["电话"]), " ", v.mobile("mobile_run"), v.id_number("id_run"), " 前面系电话后面系身份证\n")
    elif v.chance(0.2):
        d(v.pick(CHAT_TYPOS["身份证"]), v.id_number("id_run"), v.mobile("mobile_run"), " 后面11位系电话\n")
    else:
        d(v.pick(CHAT_TYPOS["电话"]), v.pick([" ", "：", ""]), v.mobile(), "\n")
    if v.chance(0.6):
        d(f"[{stamp()}] "); me()
        d(v.pick(["我老婆", "我老公", "我妈", "屋企人"]), v.pick(["叫", "系", "是"]), v.name(v.pick(["name_two_char", "name", "name_rare"])),
          v.pick(["，她电话", "，电话", " 手机"]), v.mobile(), "\n")
    if v.chance(0.5):
        d(f"[{stamp()}] 网格员", officer, "：补贴打到哪张卡？\n")
        d(f"[{stamp()}] "); me()
        d(v.card(), v.pick([" 农商行的", " 工行", "", " 邮政卡"]), "\n")
    if v.chance(0.2):
        d(f"[{stamp()}] "); me()
        d(v.pick(["我护照系", "护照号", "通行证号码", "回乡证唔系，通行证系"]), v.passport(), "\n")
    if v.chance(0.2):
        d(f"[{stamp()}] "); me()
        d(v.pick(["车牌", "我架车", "车系"]), v.plate(), v.pick(["，停喺楼下", "", " 白色"]), "\n")
    if v.chance(0.2):
        d(f"[{stamp()}] "); me()
        d(v.pick(["邮箱", "发去我邮箱 ", "email："]), v.email(), "\n")
    if v.chance(0.5):
        d(f"[{stamp()}] "); me()
        d(v.pick(CHAT_TYPOS["地址"]), v.pick(["：", " ", "系"]),
          v.address(v.pick(["address_estate", "address_group", "address_road", "address_shorthand"])), "\n")
    d(f"[{stamp()}] 网格员", officer, "：收到，有问题可以打社区电话", v.public_phone(), "或者", v.hotline(), "\n")
    return d


def ocr_form(v: Values) -> Doc:
    """An OCR'd form: each label on one line, its value on the next; stray spaces, full width, breaks."""
    d = Doc()
    form = v.pick(["居住证申领登记表", "最低生活保障申请表", "法律援助申请表", "个体工商户设立登记申请书"])
    d(form, "\n")
    if v.chance(0.4):
        d(v.pick(["（扫描件识别结果）", "第 1 页 共 2 页", "OCR识别置信度 0.87"]), "\n")
    name = v.name()
    if v.chance(0.3) and len(name.core) <= 3:
        name = V(" ".join(name.core), "PERSON", name.kind + "_ocr")
    kv(d, v, v.pick(["姓  名", "姓名", "申 请 人"]), name, ocr_layout=True)
    kv(d, v, v.pick(["公民身份号码", "身份证号", "身份证件号码"]),
       v.ocr(v.id_number(v.pick(["id", "id_x", "id_15", "id_linebreak", "id_space", "id_wrong_check"]))), ocr_layout=True)
    kv(d, v, v.pick(["户籍地址", "住所", "经常居住地"]), v.address(split=v.chance(0.5)), ocr_layout=True)
    kv(d, v, v.pick(["联系电话", "手机号码", "电 话"]), v.ocr(v.mobile(v.pick(["mobile", "mobile", "mobile_plus86"]))), ocr_layout=True)
    if form == "个体工商户设立登记申请书":
        kv(d, v, "统一社会信用代码", v.ocr(v.credit("credit_92")), ocr_layout=True)
        kv(d, v, "经营场所", v.address(v.pick(["address_road", "address_estate"]), split=v.chance(0.4)), ocr_layout=True)
    elif form == "最低生活保障申请表":
        kv(d, v, "家庭成员", v.han_name(), f"（{v.pick(RELATIONS)}）", ocr_layout=True)
        kv(d, v, "收款账号", v.ocr(v.card()), ocr_layout=True)
    elif form == "法律援助申请表":
        kv(d, v, "对方当事人", v.han_name(), ocr_layout=True)
        kv(d, v, "对方住所", v.address(split=v.chance(0.5)), ocr_layout=True)
    else:
        kv(d, v, "紧急联系人", v.han_name(), ocr_layout=True)
        kv(d, v, "紧急联系人电话", v.ocr(v.mobile()), ocr_layout=True)
    kv(d, v, "申请日期", v.cn_date(), ocr_layout=True)
    d(v.pick(["受理窗口", "受理单位"]), "\n", v.office_address())
    return d


def hotline(v: Values) -> Doc:
    """A 12345 work order: caller (named or only 李先生), call-back number, place, handling unit."""
    d = Doc()
    d(v.pick(["佛山市12345政务服务便民热线工单\n", "12345热线转办单\n", "【工单】"]))
    kv(d, v, "工单编号", v.work_order())
    kv(d, v, "来电时间", f"{v.cn_date()} {v.rng.randint(8, 21)}:{v.rng.randint(0, 59):02d}")
    titled = v.chance(0.45)
    if titled:
        surname = v.pick(COMMON_SURNAMES)
        kv(d, v, "来电人", D(surname + v.pick(["先生", "女士", "小姐", "伯", "生"]), "title_name"))
    else:
        kv(d, v, "来电人", v.name())
    label = v.pick(["回访号码", "回拨号码", "来电号码", "联系方式", "来电号码/回访电话"])
    kv(d, v, label, v.mobile() if v.chance(0.8) else v.landline())
    kv(d, v, "诉求地址", v.address(split=v.chance(0.1)))
    d("诉求内容：", v.pick(["市民来电反映", "来电人反映", "市民称"]), v.pick(COMPLAINTS), "。")
    if v.chance(0.4):
        d("市民称已找过物业经理", nocue(v.han_name()), "，未果。")
    if v.chance(0.3):
        d(v.pick(["另反映", "并称"]), v.plate(), v.pick(["长期占用消防通道", "的车主多次乱停", "每晚停在楼下"]), "。")
    d(v.pick(["市民要求尽快处理并回复。", "请相关部门核实处理。"]), "\n")
    kv(d, v, "承办单位", f"{v.pick(DISTRICTS)}{v.pick(['城管局', '住建水利局', '人社局', '市场监管局'])}")
    kv(d, v, "承办单位电话", v.public_phone())
    if v.chance(0.4):  # the desk phone stays, the handler's own mobile beside it does not
        d(v.pick(["（承办人", "/ 经办人", "；联系人"]), v.han_name(), v.pick(["手机", " ", "："]), v.mobile(), v.pick(["）", ""]), "\n")
    d("办理结果：经核实，承办人", v.han_name(), f"已于{v.cn_date()}电话回复", v.pick(["市民", "来电人", ""]))
    if not titled and v.chance(0.6):
        d(v.name())
    d("，并告知其可拨打", v.hotline(), "继续反映。")
    return d


def jiechujing(v: Values) -> Doc:
    """A police 接处警 record: caller, parties, officers and their 警号, a plate; or a 询问笔录."""
    if v.chance(0.35):
        return _xunwen(v)
    d = Doc()
    d("接处警登记表\n")
    kv(d, v, "接警时间", f"{v.cn_date()} {v.rng.randint(0, 23):02d}:{v.rng.randint(0, 59):02d}")
    kv(d, v, "接警编号", D("J" + v.digits(4) + "2026" + v.digits(8), "work_order_no"))
    caller = v.name()
    kv(d, v, "报警人", caller)
    kv(d, v, "报警电话", v.mobile(v.pick(["mobile", "mobile_plus86", "mobile_0086", "mobile"])))
    place = v.address(v.pick(["address_road", "address_estate", "address_group"]))
    d("报警内容：报警人称在", place, "与", v.pick(["邻居", "租客", "前夫", "工友"]), v.han_name(),
      v.pick(["发生口角并被推倒", "因停车问题发生纠纷", "因欠款发生争执"]), "。\n")
    d("处警民警：", v.han_name(), "（警号", D(v.digits(6), "police_no"), "）、", v.han_name(), "\n")
    party = v.name()
    d("处警情况：民警到场后经了解，当事人", party, f"（{v.pick(['男', '女'])}，{v.rng.randint(18, 80)}岁，身份证号",
      v.id_number(), "，住", v.address(), "）")
    if v.chance(0.5):
        d("驾驶", v.plate(), "小型轿车")
    elif v.chance(0.3):
        d("持", v.pick(["往来港澳通行证", "港澳通行证", "护照"]), v.passport())
    d(v.pick(["，双方经调解达成和解。", "，已将双方带回派出所处理。", "，现场无人受伤。"]))
    if v.chance(0.4):
        d("另一方", nocue(v.han_name()), "电话", v.mobile(), "。")
    d("\n值班电话：", v.public_phone(), "  报警服务台：", v.hotline())
    return d


def _xunwen(v: Values) -> Doc:
    d = Doc()
    station = f"{v.pick(DISTRICTS)}公安分局{v.pick(['桂城', '大良', '石湾', '西南', '荷城'])}派出所"
    d("询问笔录\n", f"时间 {v.cn_date()} 10时05分至10时50分\n地点 {station}办案区询问室\n")
    d("询问人 ", v.han_name(), "、", v.han_name(), f"  工作单位 {station}\n")
    person = v.name()
    d("被询问人 ", person, f"  性别 {v.pick(['男', '女'])}  出生日期 {v.cn_date(1960, 2004)}\n")
    d("身份证件种类及号码 居民身份证 ", v.id_number(), "\n现住址 ", v.address(split=v.chance(0.2)), "\n")
    d("户籍所在地 ", v.address(v.pick(["address_group", "address_village", "address_short"])), "\n联系方式 ", v.mobile(), "\n")
    d("问：我们是", station, "的民警（出示工作证件），现依法向你询问，你要如实回答，听清楚了吗？\n答：听清楚了。\n")
    d("问：你把事情经过讲一下。\n答：昨晚我同", nocue(v.han_name()), "喺", v.address(v.pick(["address_road", "address_shorthand"])),
      "楼下食宵夜，", v.pick(["佢", "他"]), "用微信转咗", v.amount(), "俾我，之后就吵起来了。\n")
    if v.chance(0.5):
        d("问：对方联系方式？\n答：佢电话", v.mobile(), "，住", v.address(v.pick(["address_estate", "address_shorthand"])), "。\n")
    d("问：以上所讲是否属实？\n答：属实。\n被询问人签名：", V(person.core, "PERSON", person.kind))
    return d


def songda(v: Values) -> Doc:
    """A court 送达回证: addressee, address, who served and who signed."""
    d = Doc()
    court = v.pick(["佛山市南海区人民法院", "佛山市顺德区人民法院", "佛山市中级人民法院", "佛山市禅城区人民法院"])
    d(court, "\n送达回证\n")
    sep = v.pick(["\t", "  ", "\n"])
    d("案号", sep, v.case_no(), "\n")
    d("案由", sep, v.pick(["民间借贷纠纷", "离婚纠纷", "买卖合同纠纷", "劳动争议", "机动车交通事故责任纠纷"]), "\n")
    addressee = v.name()
    d("受送达人", sep, addressee, "\n")
    d("送达地址", sep, v.address(split=v.chance(0.25)), "\n")
    d("送达文书", sep, "起诉状副本、应诉通知书、举证通知书、传票\n")
    d("送达方式", sep, v.pick(["直接送达", "邮寄送达", "留置送达"]), "\n")
    d("受送达人签名或盖章", sep)
    if v.chance(0.65):
        d(addressee, " ", v.cn_date(), "\n")
    else:
        d("（拒签）\n")
    if v.chance(0.5):
        d("代收人及代收理由", sep, v.han_name(), f"（系受送达人之{v.pick(['妻', '夫', '母', '子'])}，电话",
          v.mobile() if v.chance(0.7) else v.landline(), "）\n")
    d("送达人", sep, v.han_name(), "、", v.han_name(), "\n")
    if v.chance(0.5):
        d("见证人", sep, v.han_name(), "（", v.pick(["村委会干部", "物业管理人员"]), "）\n")
    d("备注", sep, "法院地址：", v.office_address(), "，电话", v.public_phone())
    return d


def nianbao(v: Values) -> Doc:
    """An enterprise or individual business 年报 contact block."""
    d = Doc()
    individual = v.chance(0.45)
    d(v.pick(["企业年度报告（基本信息）\n", "个体工商户年度报告\n" if individual else "企业年报公示信息\n"]))
    if individual:
        kv(d, v, "名称", f"{v.pick(DISTRICTS)}{v.pick(['阿华', '兴旺', '好运来', '鸿福'])}{v.pick(['五金店', '小食店', '士多', '理发店'])}")
        kv(d, v, "统一社会信用代码", v.credit("credit_92"))
        kv(d, v, "经营者姓名", v.name())
        kv(d, v, "经营场所", v.address(v.pick(["address_road", "address_group", "address_short"])))
        kv(d, v, "联系电话", v.mobile() if v.chance(0.7) else v.landline())
    else:
        kv(d, v, "企业名称", _company(v))
        kv(d, v, "统一社会信用代码", v.credit(v.pick(["credit_91", "credit_91", "credit_93", "credit_52"])))
        kv(d, v, "企业通信地址", v.address(v.pick(["address_road", "address_estate"]), split=v.chance(0.15)))
        kv(d, v, "邮政编码", D("528" + v.digits(3), "postcode"))
        kv(d, v, "企业联系电话", v.mobile() if v.chance(0.5) else v.landline())
        kv(d, v, "企业电子邮箱", v.email())
        kv(d, v, "联络员", v.name(), "  联络员身份证", v.id_number())
    kv(d, v, "从业人数", str(v.rng.randint(1, 300)))
    kv(d, v, "资产总额", v.amount())
    if v.chance(0.4):
        d("（以上信息由登记机关", D(f"{v.pick(DISTRICTS)}市场监督管理局", "public_body"), "公示，咨询电话", v.hotline(), "）")
    return d


def zhengshou(v: Values) -> Doc:
    """A 房屋征收补偿协议 between a public body (public contact) and a resident (private)."""
    d = Doc()
    district = v.pick(DISTRICTS)
    d("国有土地上房屋征收补偿协议\n", v.doc_no(), "\n")
    d(f"甲方（征收部门）：{district}住房城乡建设和水利局\n统一社会信用代码：", v.public_credit(), "\n")
    d("地址：", v.office_address(), "  电话：", v.public_phone(), "\n")
    owner = v.name()
    d("乙方（被征收人）：", owner, "  身份证号：", v.id_number(), "\n")
    if v.chance(0.5):
        d("共有人：", v.han_name(), "（", v.id_number(), "）\n")
    d("联系电话：", v.mobile(), "\n")
    d("被征收房屋坐落：", v.address(split=v.chance(0.2)), "，建筑面积", f"{v.rng.randint(50, 400)}.{v.rng.randint(1, 99):02d}", "平方米，",
      "不动产权证号", v.property_cert(), "。\n")
    d("补偿款共计", v.amount(), "，甲方于协议签订后30日内支付至乙方账户：户名", V(owner.core, "PERSON", owner.kind), "，开户行",
      v.pick(BANKS), "，账号", v.card(), "。\n")
    d("乙方", D("应自", "phrase"), "收到补偿款之日起15日内腾空房屋。甲方专户：", v.public_account(), "。")
    return d


def yishi(v: Values) -> Doc:
    """Lost-document statements (遗失声明) of a newspaper's classified page, several per text."""
    d = Doc()
    d(v.pick(["遗失声明\n", "【分类广告·遗失声明】\n", ""]))
    for _ in range(v.rng.randint(2, 5)):
        what = v.rng.random()
        if what < 0.4:
            d(v.name(), "遗失", v.pick(["居民身份证", "第二代居民身份证", "身份证"]), "，", v.pick(["号码", "证号", "身份证号："]),
              v.id_number(), "，声明作废。")
        elif what < 0.6:
            d(v.name(), "遗失", v.pick(["残疾人证", "出生医学证明", "社保卡"]), "，证号", v.id_number(v.pick(["id", "id_x", "id_prefix"])),
              "，声明作废。")
        elif what < 0.8:
            d(_company(v).replace("有限公司", v.pick(["有限公司", "经营部"])), "遗失营业执照正本，统一社会信用代码", v.credit(), "，声明作废。")
        else:
            d(v.name(), "遗失", v.pick(["港澳通行证", "护照"]), "，证号", v.passport(), "，声明作废。")
        d(v.pick(["\n", " ", "\n\n"]))
    d("刊登热线：", v.public_phone())
    return d


GENRES = {
    "xinfang": xinfang, "budongchan": budongchan, "gongshi": gongshi, "jiaozheng": jiaozheng, "yibao": yibao,
    "xueji": xueji, "huiyi": huiyi, "chat": chat, "ocr_form": ocr_form, "hotline": hotline,
    "jiechujing": jiechujing, "songda": songda, "nianbao": nianbao, "zhengshou": zhengshou, "yishi": yishi,
}


# ==================================================================== controls

HISTORICAL = ["文天祥", "林则徐", "孙中山", "康有为", "梁启超", "詹天佑", "邓世昌", "袁崇焕", "黄飞鸿", "陈启沅",
              "冼星海", "何香凝", "廖仲恺", "戴鸿慈", "邹伯奇", "吴趼人", "关天培", "张之洞", "戚继光", "郑成功",
              "海瑞", "岳飞", "苏轼", "鲁迅", "雷锋", "焦裕禄", "孔繁森", "叶问", "陈白沙", "湛若水"]
DOCTRINE = ["马克思列宁主义", "毛泽东思想", "邓小平理论", "习近平新时代中国特色社会主义思想"]
PSEUDONYMS = ["张某某", "李某", "王某甲", "陈某乙", "黄某", "刘某某", "欧阳某", "区某某", "冼某", "何某某"]


def c_hotline_notice(v: Values) -> Doc:
    d = Doc()
    district = v.pick(DISTRICTS)
    d(f"关于公布{district}{v.pick(['信访', '投诉举报', '政务服务'])}渠道的公告\n")
    d("为方便群众反映诉求，现将有关渠道公布如下：\n一、热线电话：", v.hotline(), "（24小时）、", v.hotline(), "；\n")
    d("二、区政府办电话：", v.public_phone(), "，传真", v.public_phone(), "；\n")
    d("三、举报邮箱：", v.gov_mailbox(), "；", v.pick(["信访局邮箱：", "纪委监委举报邮箱："]), v.gov_mailbox(), "；\n")
    d("四、来访接待地址：", v.office_address(), "，接待时间为工作日9:00-12:00。\n")
    d(f"请群众依法逐级反映，{v.pick(['对无理缠访', '对扰乱秩序'])}的行为依法处理。\n{district}人民政府办公室\n", v.cn_date())
    return d


def c_heritage(v: Values) -> Doc:
    d = Doc()
    a, b = v.rng.sample(HISTORICAL, 2)
    d(f"{v.pick(['佛山', '南海', '顺德'])}历史文化街区保护规划（公示稿）\n")
    d("该街区保存有", D(a, "historical"), v.pick(["故居", "纪念馆", "祠堂", "读书处"]), "等文物保护单位，是研究",
      D(b, "historical"), "生平的重要实物。")
    d("规划范围东至", D(v.pick(["李子园路", "黄岐大道", "何村路", "冼村路"]), "road_name"), "，西至", D(v.pick(["文华北路", "张槎路", "陈村大道"]), "road_name"),
      f"，面积约{v.rng.randint(5, 90)}公顷，总投资", v.amount(), "。")
    d("街区内", D(v.pick(HISTORICAL), "historical"), "雕像由", v.pick(["市文广旅体局", "区文化馆"]), "于", v.cn_date(2010, 2024), "落成。")
    d("意见请于公示期内寄至", v.office_address(), "，或发送至", v.gov_mailbox(), "，咨询电话", v.public_phone(), "。\n")
    d("（坚持以", D(v.pick(DOCTRINE), "doctrine"), "为指导。）")
    return d


def c_pseudonym_judgment(v: Values) -> Doc:
    d = Doc()
    p1, p2 = v.rng.sample(PSEUDONYMS, 2)
    d(v.pick(["佛山市南海区人民法院", "佛山市中级人民法院"]), "\n民事判决书\n", v.case_no(), "\n")
    d("原告：", D(p1, "pseudonym"), "，男，汉族，住佛山市南海区。\n被告：", D(p2, "pseudonym"), "，女，住佛山市顺德区。\n")
    d("原告", D(p1, "pseudonym"), "与被告", D(p2, "pseudonym"), "民间借贷纠纷一案，本院于", v.cn_date(), "立案后，依法适用简易程序公开开庭进行了审理。")
    d("被告", D("应自", "phrase"), "本判决发生法律效力之日起十日内偿还原告借款", v.amount(), "。")
    d("如不服本判决，可以在判决书送达之日起十五日内提交上诉状。案件受理费", v.amount(), "，由被告负担。\n")
    d("（本判决书已隐去当事人信息；诉讼服务热线", v.hotline(), "）")
    return d


def c_penalty(v: Values) -> Doc:
    d = Doc()
    d(f"{v.pick(DISTRICTS)}{v.pick(['市场监督管理局', '城市管理和综合执法局', '应急管理局'])}\n行政处罚决定书\n", v.doc_no(), "\n")
    d("当事人：佛山市某某餐饮管理有限公司（已隐去）\n")
    d("经查，当事人在", D(v.pick(["李子园路", "黄岐大道", "王圣堂大街", "何村路"]), "road_name"), "经营场所内存放过期食品，违反了《中华人民共和国食品安全法》第三十四条的规定。")
    d("本机关决定对当事人罚款", v.amount(), "。当事人", D("应自", "phrase"), "收到本决定书之日起十五日内缴纳罚款。")
    d("如不服本决定，可", D("自收到", "phrase"), "本决定书之日起六十日内申请行政复议。\n")
    d("缴款账户：", v.public_account(), "（", v.pick(["区财政局非税收入专户", "国库待结算户"]), "）\n联系电话：", v.public_phone())
    return d


def c_titles(v: Values) -> Doc:
    d = Doc()
    t = lambda: D(v.pick(COMMON_SURNAMES) + v.pick(["先生", "女士", "老师", "医生", "伯", "姨", "生", "太", "师傅"]), "title_name")  # noqa: E731
    d(f"{v.pick(['社区新闻', '民生速递', '走访手记'])}｜", v.pick(["桂城", "大良", "石湾"]), "的暖心故事\n")
    d("家住附近的", t(), "告诉记者，自从社区开设长者饭堂后，", t(), "每天都来帮忙。")
    d("负责饭堂的", t(), "说：“我们会继续做好服务。”")
    d("据", v.pick(["街道", "社区居委会"]), "介绍，下一步将联合", t(), "等志愿者开展义诊。")
    d("长者可拨打社区服务电话", v.public_phone(), "预约，或拨打", v.hotline(), "咨询。")
    return d


def c_stats(v: Values) -> Doc:
    d = Doc()
    county = v.county()
    town = v.pick(county[4])
    villages = v.rng.sample(VILLAGES, 4)
    d(f"{town}2026年{v.pick(['低保', '特困供养', '临时救助'])}资金发放情况统计\n")
    d("村（居）\t户数\t人数\t金额（元）\n")
    for name in villages:
        d(D(name if name.endswith("村") else name + "村", "area"), "\t", str(v.rng.randint(3, 60)), "\t",
          str(v.rng.randint(5, 150)), "\t", v.amount(), "\n")
    d("合计金额", v.amount(), "，资金已通过", D(v.pick(["佛山农商银行", "邮储银行"]), "public_body"), "代发，批次流水号", v.serial_18(), "。")
    d("票据快递单号", v.non_luhn(), "。")
    d("文件依据：", v.doc_no(), "。")
    return d


def c_directory(v: Values) -> Doc:
    d = Doc()
    d(f"{v.pick(DISTRICTS)}{v.pick(['社保', '不动产登记', '出入境', '医保'])}业务办事指南（窗口一览）\n")
    for i in range(v.rng.randint(2, 4)):
        d(f"{i + 1}. {v.pick(['区行政服务中心', '镇便民服务中心', '街道党群服务中心'])}：地址", v.office_address(), "；电话", v.public_phone(),
          "；办公时间 周一至周五 9:00-17:00\n")
    d("办理材料：居民身份证原件、户口簿、申请表。网上办理请登录“粤省事”，咨询热线", v.hotline(), "，意见箱", v.gov_mailbox(), "。\n")
    d("公交线路：", v.pick(["桂15路", "K3路", "广佛地铁"]), "至", D(v.pick(["李子园路口", "黄岐站", "何村站"]), "road_name"), "站下车。")
    return d


def c_procurement(v: Values) -> Doc:
    d = Doc()
    d(f"{v.pick(DISTRICTS)}{v.pick(['教育局', '卫生健康局', '民政局'])}{v.pick(['办公设备', '食材配送', '物业管理'])}采购项目中标（成交）公告\n")
    d("项目编号：", D(f"FSCG{v.digits(4)}-{v.digits(4)}", "project_no"), "\n")
    d("采购人：", D(f"佛山市{v.pick(['南海区', '顺德区'])}{v.pick(['第一中学', '人民医院', '社会福利院'])}", "public_body"),
      "（统一社会信用代码", v.public_credit(), "）\n")
    d("采购人地址：", v.office_address(), "\n采购人联系电话：", v.public_phone(), "\n")
    d("预算金额：", v.amount(), "；成交金额：", v.amount(), "\n")
    d("质疑请", D("自", "phrase"), "本公告发布之日起七个工作日内以书面形式提出。监督部门：区财政局，电话", v.public_phone(), "。")
    return d


def c_official_sms(v: Values) -> Doc:
    d = Doc()
    brand = v.pick(["【佛山医保】", "【南海人社】", "【佛山12345】", "【顺德不动产】", "【佛山公安】"])
    for _ in range(v.rng.randint(1, 3)):
        d(brand, v.pick(["尊敬的市民", "尊敬的参保人", "您好"]), "，您于", v.cn_date(), "提交的申请已受理，受理号",
          v.work_order(), v.pick(["，办理进度可拨打", "，如有疑问请致电"]), v.hotline(), v.pick(["查询。", "。", "，或回复TD退订。"]), "\n")
    d("（本短信由", D(v.pick(["佛山市政务服务数据管理局", "南海区人力资源和社会保障局"]), "public_body"), "发送，官方邮箱", v.gov_mailbox(), "）")
    return d


def c_policy_phrases(v: Values) -> Doc:
    d = Doc()
    d("关于进一步做好", v.pick(["城乡居民最低生活保障", "征地补偿安置", "社区矫正"]), "工作的通知\n", v.doc_no(), "\n")
    d("各镇人民政府、街道办事处，区直各有关单位：\n为深入贯彻", D(v.pick(DOCTRINE), "doctrine"), "，")
    d("现就有关事项通知如下：一、申请人", D("应自", "phrase"), "收到不予批准通知", D("之日起", "phrase"), "六十日内申请复核。")
    d("二、", D("高明区", "area"), "、", D("石湾镇街道", "area"), "要向", D("文明", "phrase"), "单位看齐，", D("何时", "phrase"), "受理、何时办结须公开。")
    d("三、经费由区财政在", v.amount(), "额度内统筹。联系人：区民政局社会救助股，电话", v.public_phone(), "，邮箱", v.gov_mailbox(), "。")
    return d


CONTROLS = {
    "c_hotline_notice": c_hotline_notice, "c_heritage": c_heritage, "c_pseudonym_judgment": c_pseudonym_judgment,
    "c_penalty": c_penalty, "c_titles": c_titles, "c_stats": c_stats, "c_directory": c_directory,
    "c_procurement": c_procurement, "c_official_sms": c_official_sms, "c_policy_phrases": c_policy_phrases,
}
