"""Genres of the eighth corpus: each writes one text from ``Values`` and records its spans.

``GENRES`` (24) hold personal data; ``CONTROLS`` (10, names starting ``c_``) hold none, only its
look-alikes. A ``Doc`` is written piece by piece: ``t`` plain text, ``g`` a gold value (with a
prefix such as +86 or a suffix such as an extension outside its core), ``d`` a look-alike.
"""
from __future__ import annotations

from tests.masking.eighth_values import HISTORICAL, Values


class Doc:
    def __init__(self, v: Values):
        self.v = v
        self.parts: list = []
        self.n = 0
        self.gold: list = []
        self.decoys: list = []

    def t(self, s: str) -> "Doc":
        self.parts.append(s)
        self.n += len(s)
        return self

    def g(self, entity: str, value: str, kind: str, prefix: str = "", suffix: str = "") -> "Doc":
        a = self.n
        self.t(prefix)
        c0 = self.n
        self.t(value)
        c1 = self.n
        self.t(suffix)
        self.gold.append((a, self.n, entity, c0, c1, kind))
        return self

    def d(self, value: str, kind: str) -> "Doc":
        a = self.n
        self.t(value)
        self.decoys.append((a, self.n, kind))
        return self

    # gold shorthands
    def name(self, kind=None):
        n, k = self.v.name(kind)
        return self.g("PERSON", n, k)

    def spaced_name(self):
        n, _ = self.v.name(self.v.pick(("name_common", "name_two_char")))
        return self.g("PERSON", self.v.pick((" ", "　")).join(n), "name_spaced")

    def names_list(self, k: int, sep: str = "、"):
        for i in range(k):
            if i:
                self.t(sep)
            n, _ = self.v.name(self.v.pick(("name_common", "name_common", "name_two_char", "name_rare")))
            self.g("PERSON", n, "name_list")
        return self

    def id(self, kind=None, region=None):
        if kind is None:
            value, kind = self.v.any_id()
        else:
            value = self.v.id_number(kind, region)
        return self.g("CN_ID_NUMBER", value, kind)

    def mobile(self, kind=None):
        prefix, value, kind = self.v.mobile(kind)
        return self.g("CN_MOBILE", value, kind, prefix=prefix)

    def landline(self, kind=None):
        value, ext, kind = self.v.landline(kind)
        return self.g("CN_LANDLINE", value, kind, suffix=ext)

    def card(self, kind=None):
        value, kind = self.v.card(kind)
        return self.g("CN_BANK_CARD", value, kind)

    def address(self, kind=None):
        value, kind = self.v.address(kind)
        return self.g("CN_ADDRESS", value, kind)

    def passport(self, kind=None):
        value, kind = self.v.passport(kind)
        return self.g("CN_PASSPORT", value, kind)

    def plate(self):
        return self.g("CN_LICENSE_PLATE", self.v.plate(), "plate")

    def email(self):
        return self.g("EMAIL_ADDRESS", self.v.email(), "email")

    def credit(self, head="91"):
        return self.g("CN_CREDIT_CODE", self.v.credit(head), f"credit_{head}")

    def minority(self):
        n, k, region = self.v.minority()
        self.g("PERSON", n, k)
        return region

    # look-alike shorthands
    def title(self):
        return self.d(self.v.title_name(), "title_name")

    def date(self):
        return self.d(self.v.date(), "date")

    def amount(self):
        return self.d(self.v.amount(), "amount")

    def hotline(self):
        return self.d(self.v.pick(("12345", "12315", "95598", "96777", "12320", "110", "119", "12388")), "hotline")

    def public_phone(self):
        return self.d(self.v.public_phone(), "public_phone")

    def filler(self, p: float = 0.5):
        """A paragraph of boilerplate, so that lengths vary."""
        if self.v.chance(p):
            for text in self.v.rng.sample(BOILERPLATE, self.v.rng.randrange(1, 4)):
                self.t(text)
        return self

    def render(self):
        return "".join(self.parts), self.gold, self.decoys


BOILERPLATE = (
    "\n本表所载信息仅用于办理本项业务，经办单位应按照《中华人民共和国个人信息保护法》的规定妥善保管，"
    "不得向无关人员泄露，不得用于其他用途。如信息有误，请于十个工作日内到原经办窗口申请更正。",
    "\n注意事项：一、请核对以上信息是否准确；二、本单据涂改无效；三、遗失不补，请妥善保存；"
    "四、如有疑问请在工作时间内咨询服务窗口，节假日顺延。",
    "\n备注：本记录由系统自动生成，打印后由经办人签字确认，一式两份，一份交当事人，一份留存归档，"
    "保存期限不少于三年。对本记录内容有异议的，可自收到之日起十五日内书面提出。",
    "\n温馨提示：为保障您的合法权益，请勿将本凭证转借他人使用，凭证遗失请及时挂失。",
    "\n办理依据：《国务院办公厅关于加快推进政务服务标准化规范化便利化的指导意见》及本市实施细则。"
    "办理流程：申请—受理—审核—办结，承诺时限五个工作日。收费标准：不收费。"
    "服务评价：办结后可通过政务服务平台对本次服务作出评价，差评将由专人回访整改。",
    "\n信息安全声明：本单位已建立个人信息保护制度，对经手的个人信息采取加密存储、访问控制、"
    "操作留痕等措施，工作人员均签署保密承诺书。个人可依法查阅、复制、更正、删除其个人信息，"
    "也可撤回同意；撤回不影响撤回前基于同意已进行的处理活动的效力。",
)


def _hospital(v: Values) -> str:
    return v.pick(("南海区人民医院", "佛山市第一人民医院", "顺德区中医院", "禅城区妇幼保健院", "三水区人民医院"))


# ================================================================== genres with personal data

def guahao(v):
    """医院挂号单 / 检验报告单."""
    d = Doc(v)
    if v.chance(0.5):
        d.t(f"{_hospital(v)} 门诊挂号单\n姓名：").name().t(f"  性别：{v.pick('男女')}  年龄：{v.rng.randrange(1, 90)}岁\n")
        d.t("就诊卡号：").d(v.digits(12), "card_no").t("  身份证号：").id().t("\n科室：").t(v.pick(("内科", "儿科", "骨科", "眼科")))
        d.t("  医生：").title().t("  挂号费：").amount().t("\n联系电话：").mobile()
    else:
        d.t(f"{_hospital(v)}检验报告单\n姓 名|").spaced_name().t("|病历号|").d(v.digits(10), "patient_no")
        d.t("|样本号|").d(v.digits(8), "sample_no").t("\n检验项目：血常规  白细胞计数 6.2×10^9/L  参考值 3.5-9.5\n")
        d.t("送检医生：").title().t("  报告日期：").date().t("\n患者电话：").mobile().t("  咨询：").public_phone()
    return d.filler(0.4)


def chufang(v):
    """处方笺."""
    d = Doc(v)
    d.t("处 方 笺\n费别：自费  门诊号：").d(v.digits(9), "patient_no").t("\n姓名：").name()
    d.t(f"  性别：{v.pick('男女')}  年龄：{v.rng.randrange(1, 90)}岁  电话：").mobile()
    if v.chance(0.5):
        d.t("\n住址：").address()
    d.t("\nRp.\n阿莫西林胶囊 0.25g×24粒 用法：口服 一次2粒 一日3次\n医师：").title().t("  药师：").title()
    d.t("  金额：").amount()
    return d.filler(0.35)


def tijian(v):
    """体检报告 (入职 / 健康证)."""
    d = Doc(v)
    d.t("健康体检报告\n体检编号：").d("TJ" + v.digits(10), "report_no").t("\n受检人：").name()
    d.t("  证件号码：").id().t("\n单位：").t(v.pick(("佛山市某物流有限公司", "南海区某餐饮店", "个人"))).t("\n手机：").mobile()
    d.t("\n结论：心肺未见异常，胸片正常，肝功能各项在参考值内。主检医生：").title()
    d.t("\n报告领取地址：").d(v.office_address(), "office_address").t("（体检中心一楼）")
    return d.filler(0.6)


def yajin(v):
    """住院押金收据."""
    d = Doc(v)
    d.t(f"{_hospital(v)} 住院预交金收据\nNo.").d(v.digits(8), "receipt_no").t("\n住院号：").d(v.digits(8), "patient_no")
    d.t("  患者：").name().t("\n交款人：").name().t("（关系：").t(v.pick(("配偶", "子女", "父母"))).t("）  交款人电话：").mobile()
    d.t("\n金额：").amount().t("  方式：银行卡  卡号：").card().t("\n收款员：").d(v.digits(4), "staff_no")
    return d.filler(0.3)


def chengji(v):
    """学生成绩单 / 毕业生登记表."""
    d = Doc(v)
    if v.chance(0.5):
        d.t("普通高等学校毕业生登记表\n姓名：").name().t("  学号：").d("2021" + v.digits(6), "student_no")
        d.t("\n身份证号：").id().t("\n家庭住址：").address().t("\n本人联系电话：").mobile().t("  电子邮箱：").email()
        d.t("\n自我鉴定：在校期间学习认真，积极参加社会实践。辅导员：").title()
        d.filler(0.8)
    else:
        d.t("2025-2026学年第一学期成绩单\n学号 | 姓名 | 高数 | 英语\n")
        for _ in range(v.rng.randrange(3, 6)):
            d.d("2024" + v.digits(6), "student_no").t(" | ").g("PERSON", *v.name(v.pick(("name_common", "name_two_char", "name_rare")))).t(
                f" | {v.rng.randrange(50, 100)} | {v.rng.randrange(50, 100)}\n")
        d.t("教务处（章）")
    return d.filler(0.35)


def jiazhang(v):
    """家长会签到表."""
    d = Doc(v)
    d.t(f"{v.pick(('三年级（2）班', '七年级（5）班', '高一（3）班'))}家长会签到表  ").date().t("\n序号 学生 家长 手机 签名\n")
    for i in range(v.rng.randrange(3, 6)):
        d.t(f"{i + 1} ").name(v.pick(("name_common", "name_two_char", "name_compound"))).t(" ")
        d.spaced_name().t(" ").mobile().t(" ______\n")
    d.t("到会家长：").names_list(v.rng.randrange(2, 4)).t("等。班主任：").title()
    return d.filler(0.35)


def jiaxiao(v):
    """驾校学员档案."""
    d = Doc(v)
    d.t("机动车驾驶人培训学员档案\n档案号：").d("JX" + v.digits(10), "file_no").t("\n学员姓名：").name().t("  准驾车型：C1\n")
    d.t("身份证明号码：").id().t("\n联系地址：").address().t("\n手机号码：").mobile()
    d.t("\n教练员：").title().t("  培训学时：62学时  结业日期：").date()
    return d.filler(0.5)


def weifa(v):
    """公安交通管理 简易程序处罚决定书."""
    d = Doc(v)
    d.t("公安交通管理简易程序处罚决定书\n编号：").d("440604" + v.digits(10), "doc_no").t("\n被处罚人：").name()
    d.t("  驾驶证号：").id().t("\n联系方式：").mobile().t("  车辆牌号：").plate()
    d.t("\n违法事实：").date().t("在").d(v.pick(("佛山大道与季华路交叉口", "南海大道北段")), "road_name")
    d.t("实施机动车违反禁止标线指示的违法行为，罚款").amount().t("，记3分。\n执勤民警警号：").d(v.digits(6), "badge_no")
    d.t("\n如不服本决定，可在六十日内申请行政复议。")
    return d.filler(0.35)


def tingche(v):
    """停车缴费记录 (a car park's export)."""
    d = Doc(v)
    d.t("车牌,入场时间,出场时间,金额,支付方式,车主手机\n")
    for _ in range(v.rng.randrange(1, 4)):
        d.plate().t(",2025-10-0" + str(v.rng.randrange(1, 9)) + " 08:12,")
        d.t("2025-10-0" + str(v.rng.randrange(1, 9)) + " 17:40,").d(f"{v.rng.randrange(5, 60)}.00", "amount")
        d.t(",微信,").mobile("mobile").t("\n")
    return d.filler(0.35)


def lvguan(v):
    """酒店入住登记 (旅馆业治安管理信息系统)."""
    d = Doc(v)
    d.t("旅馆业治安管理信息系统 住宿登记\n房号：").d(str(v.rng.randrange(201, 1899)), "room_no")
    if v.chance(0.35):
        d.t("  旅客：")
        region = d.minority()
        d.t("  民族：").t(v.pick(("维吾尔族", "藏族", "彝族", "蒙古族", "苗族"))).t("\n证件类型：居民身份证  号码：").id("id", region)
    elif v.chance(0.5):
        d.t("  旅客：").name().t("\n证件类型：护照或往来港澳通行证  号码：").passport()
    else:
        d.t("  旅客：").name().t("\n证件类型：居民身份证  号码：").id()
    d.t("\n入住：").date().t("  同住人：").name().t("\n联系电话：").mobile().t("  前台：").title()
    return d.filler(0.3)


def wangba(v):
    """网吧上网登记."""
    d = Doc(v)
    d.t("上网服务场所实名登记\n机号 ").d(f"A{v.rng.randrange(1, 99):02d}", "seat_no").t(" 姓名 ").name()
    if v.chance(0.3):
        d.t(" 证号 ").id("id_15")
    else:
        d.t(" 证号 ").id()
    d.t(" 上机 ").d("2025-11-02 21:07", "date").t(" 押金 ").amount()
    return d.filler(0.35)


def jijian(v):
    """快递实名寄件记录."""
    d = Doc(v)
    d.t("实名收寄信息\n运单号：").d(v.order_no(), "order_no").t("\n寄件人：").name()
    if v.chance(0.3):
        d.t("  证件：往来港澳通行证 ").passport(v.pick(("permit_C8", "permit_H8")))
    else:
        d.t("  证件：").id()
    d.t("\n寄件人电话：").mobile()
    d.t("\n收件人：").name().t("  电话：").mobile().t("\n收件地址：").t(v.pick(("广东省佛山市南海区", "广州市天河区", "深圳市南山区")))
    d.address().t("\n揽收员：").title()
    return d.filler(0.35)


def caipiao(v):
    """彩票中奖兑奖登记."""
    d = Doc(v)
    d.t("体育彩票中奖兑奖登记表\n票号：").d(v.digits(20), "ticket_no").t("  期号：").d("25" + v.digits(3), "issue_no")
    d.t("\n中奖人：").name().t("  身份证号：").id().t("\n领奖银行卡：").card().t("\n联系电话：").mobile()
    d.t("\n奖金：").amount().t("  代扣个人所得税20%。兑奖中心电话：").public_phone()
    return d.filler(0.6)


def weixiu(v):
    """物业维修工单."""
    d = Doc(v)
    d.t("报修工单 ").d("WX" + v.digits(10), "order_no").t("\n报修人：").name().t("  房号：").address("address_room")
    d.t("\n电话：").mobile().t("\n内容：").t(v.pick(("卫生间漏水，楼下天花板渗水", "厨房水龙头损坏", "入户门锁无法打开")))
    d.t("\n维修师傅：").title().t("  完成时间：").date().t("  客户签字：").name()
    return d.filler(0.35)


def dianti(v):
    """电梯困人救援记录."""
    d = Doc(v)
    d.t("电梯困人应急救援记录\n电梯注册代码：").d("3110" + v.digits(16), "unit_code").t("\n地点：").address("address_road")
    d.t(v.pick(("东梯", "2号梯"))).t("\n被困人员：").names_list(v.rng.randrange(1, 4)).t("\n报警人电话：").mobile()
    d.t("\n接警时间：").date().t("  到达时间：12分钟  维保单位：佛山市某电梯工程有限公司（电话：").d(v.public_phone(), "company_phone").t("）")
    d.t("\n救援人员：").title()
    return d.filler(0.5)


def ranqi(v):
    """燃气入户安检记录."""
    d = Doc(v)
    d.t("燃气用户入户安全检查记录\n用户编号：").d(v.digits(10), "account_no").t("  户主：").name().t("\n地址：").address()
    d.t("\n联系电话：").landline().t(" / ").mobile()
    d.t("\n检查结果：胶管老化（已告知更换），报警器正常。安检员：").title().t("  客服：").hotline()
    return d.filler(0.35)


def xiaofang(v):
    """消防检查记录 (出租屋 / 家庭)."""
    d = Doc(v)
    d.t("消防安全检查记录\n被检查场所：出租屋  地址：").address().t("\n房东：").name().t("  电话：").mobile()
    d.t("\n租户：").names_list(v.rng.randrange(2, 4)).t("\n发现问题：电动自行车在楼道充电。检查人：").title().t("、").title()
    d.t("\n举报电话：").hotline()
    return d.filler(0.5)


def zhiyuan(v):
    """志愿服务时长证明."""
    d = Doc(v)
    d.t("志愿服务时长证明\n兹证明").name().t("（身份证号：").id().t("，志愿者编号：").d(v.digits(12), "volunteer_no")
    d.t("）于").date().t("至").date().t("期间参加社区志愿服务，累计服务时长").t(str(v.rng.randrange(10, 300)))
    d.t("小时。\n特此证明。\n联系人：").title().t("  电话：").public_phone()
    return d.filler(0.5)


def dangyuan(v):
    """党员组织关系介绍信."""
    d = Doc(v)
    d.t("中国共产党党员组织关系介绍信\n").d(f"第{v.rng.randrange(1, 300)}号", "doc_no").t("\n").t(v.pick(("南海区桂城街道工委", "禅城区委组织部")))
    d.t("：\n").name().t("同志（").t(v.pick(("男", "女"))).t("，").t(str(v.rng.randrange(22, 70))).t("岁，身份证号码")
    d.id().t("）系中共正式党员，组织关系由").t("佛山某科技公司党支部").t("转去").t("贵处，请接洽。\n党员联系电话：").mobile()
    d.t("\n党员来去单位联系电话：").public_phone().t("\n有效期30天。")
    return d.filler(0.4)


def gonghui(v):
    """工会困难职工档案."""
    d = Doc(v)
    d.t("困难职工帮扶档案\n姓名：").name().t("  工作单位：佛山市某纺织有限公司\n身份证号：").id().t("\n家庭住址：").address()
    d.t("\n家庭成员：配偶").name().t("（无业），子女").name().t("（在读）\n帮扶资金发放银行卡：").card()
    d.t("\n联系电话：").mobile().t("\n困难原因：本人患病，家庭人均月收入低于当地标准。")
    return d.filler(0.7)


def jisheng(v):
    """计划生育服务登记 / 生育登记."""
    d = Doc(v)
    d.t("生育服务登记表\n女方：").name().t("  身份证：").id().t("\n男方：").name().t("  身份证：").id()
    d.t("\n现居住地：").address().t("\n联系电话：").mobile().t("\n登记孩次：").t(v.pick(("一孩", "二孩", "三孩")))
    d.t("  登记机关：").t(v.pick(("桂城街道卫生健康办", "大沥镇卫生健康办"))).t("（").d(v.public_phone(), "public_phone").t("）")
    return d.filler(0.35)


def paicha(v):
    """社区人员排查登记 (returning travellers)."""
    d = Doc(v)
    d.t("社区返乡人员排查登记\n")
    for _ in range(v.rng.randrange(1, 4)):
        d.t("姓名：").name().t(" 手机：").mobile().t(" 住址：").address().t(f" 来自：{v.pick(('广州', '深圳', '武汉'))}\n")
    d.t("排查人：").title().t("  社区电话：").public_phone()
    return d.filler(0.35)


def qishou(v):
    """外卖骑手投诉."""
    d = Doc(v)
    if v.chance(0.5):
        d.t("投诉：骑手").name().t("（工号").d(v.digits(7), "staff_no").t("）送餐超时还骂人，他电话是").mobile()
        d.t("，我的地址").address().t("，订单").d(v.order_no(), "order_no").t("，请平台处理！")
    else:
        d.t("订单").d(v.order_no(), "order_no").t("顾客").name().t("投诉骑手私存其号码").mobile().t("并多次发短信骚扰。")
    return d.filler(0.35)


def weifang(v):
    """农村危房改造公示."""
    d = Doc(v)
    d.t(f"{v.pick(('西樵镇', '九江镇'))}2025年农村危房改造补助对象公示\n序号 户主 身份证号 家庭住址 补助金额\n")
    for i in range(v.rng.randrange(3, 6)):
        d.t(f"{i + 1} ").name().t(" ").id().t(" ").address("address_village").t(" ").amount().t("\n")
    d.t("公示期7天，如有异议请向镇农业农村办反映（电话：").public_phone().t("）。")
    return d.filler(0.35)


def zupu(v):
    """宗族族谱 (living people)."""
    d = Doc(v)
    d.t("《").t(v.pick(("陈氏", "何氏", "梁氏"))).t("族谱》续修 第二十一世\n")
    for _ in range(v.rng.randrange(2, 4)):
        d.name().t(f"，{v.rng.randrange(1950, 2010)}年生，现居").address().t("，电话").mobile().t("；\n")
    d.t("始祖源自南雄珠玑巷，与").d(v.pick(HISTORICAL), "historical").t("同时代。续谱联系人：").name().t("。")
    return d.filler(0.4)


def shejiao(v):
    """社交媒体 posts and comments quoting someone's phone."""
    d = Doc(v)
    d.t("#避坑# 这个装修师傅").name().t("收了定金就跑路，电话").mobile(v.pick(("mobile", "mobile_space", "mobile_full")))
    d.t("，大家小心！\n评论 @").t(v.pick(("小鱼", "南海吃货", "阿珍"))).t("：我也被坑了，他老婆").name("name_two_char")
    d.t("的号是").mobile().t("\n评论：已报警，报警回执号").d("J" + v.digits(14), "case_no")
    return d.filler(0.35)


def yuyin(v):
    """Voice-assistant transcripts."""
    d = Doc(v)
    d.t("[语音转写] 用户：小度小度，给").name(v.pick(("name_two_char", "name_common"))).t("打电话，号码是").mobile()
    d.t("\n助手：正在呼叫。\n用户：导航到").address().t("\n助手：已为您规划路线，全程约").t(str(v.rng.randrange(2, 40))).t("公里。")
    return d.filler(0.35)


def hotline_en(v):
    """Government hotline call summaries in English and Chinese mixed."""
    d = Doc(v)
    d.t("12345 Call Summary / 来电摘要\nCaller 来电人: ").name().t("\nPhone 电话: ").mobile(v.pick(("mobile_plus86", "mobile", "mobile_hyphen")))
    d.t("\nAddress 地址: ").address().t("\nE-mail: ").email()
    d.t("\nIssue: noise from construction at night 夜间施工噪音. Assigned to 承办单位 (tel ").public_phone().t(").")
    if v.chance(0.4):
        d.t("\nPassport (foreign spouse's Chinese passport) 护照: ").passport("passport_E8")
    return d.filler(0.3)


def shangpu(v):
    """个体工商户 报修 / 登记 (an individual business: its contacts are personal)."""
    d = Doc(v)
    d.t("个体工商户年度信息登记\n名称：").t(v.pick(("南海区桂城", "禅城区祖庙"))).t(v.pick(("阿强", "好味", "新兴"))).t("士多店\n统一社会信用代码：")
    d.credit("92").t("\n经营者：").name().t("  经营者电话：").landline().t("\n经营场所：").address()
    d.t("\n另：合作供应商 佛山市某贸易有限公司 信用代码 ").credit("91")
    d.t("，公司电话 ").d(v.public_phone(), "company_phone")
    return d.filler(0.35)


GENRES = {
    "guahao": guahao, "chufang": chufang, "tijian": tijian, "yajin": yajin, "chengji": chengji,
    "jiazhang": jiazhang, "jiaxiao": jiaxiao, "weifa": weifa, "tingche": tingche, "lvguan": lvguan,
    "wangba": wangba, "jijian": jijian, "caipiao": caipiao, "weixiu": weixiu, "dianti": dianti, "ranqi": ranqi,
    "xiaofang": xiaofang, "zhiyuan": zhiyuan, "dangyuan": dangyuan, "gonghui": gonghui, "jisheng": jisheng,
    "paicha": paicha, "qishou": qishou, "weifang": weifang, "zupu": zupu, "shejiao": shejiao, "yuyin": yuyin,
    "hotline_en": hotline_en, "shangpu": shangpu,
}


# ================================================================== controls

def c_catalogue(v):
    d = Doc(v)
    d.t("佛山市").t(v.pick(("华美", "顺达", "南方"))).t("电器有限公司 产品目录\n型号 ").d("HM-" + v.digits(4), "product_sn")
    d.t(" 额定功率 2200W  序列号 ").d("SN" + v.digits(16), "product_sn")
    d.t("\n销售热线：").d(v.public_phone(), "company_phone").t("  地址：").d(v.office_address(), "company_address")
    d.t("  邮箱：").d(f"sales@{v.pick(('huamei', 'shunda', 'nanfang'))}.com.cn", "company_email")
    return d.filler(0.5)


def c_dept(v):
    d = Doc(v)
    d.t(_hospital(v)).t(v.pick(("心血管内科", "儿科", "康复医学科"))).t("简介\n本科室开放床位").t(str(v.rng.randrange(30, 120)))
    d.t("张，年门诊量逾").t(str(v.rng.randrange(3, 20))).t("万人次。科主任由").title().t("担任。\n护士站电话：").public_phone()
    d.t("  预约挂号：").hotline().t("\n地址：").d(v.office_address(), "office_address").t("门诊楼三楼")
    return d.filler(0.5)


def c_school(v):
    d = Doc(v)
    d.t("致全体家长的一封信\n各位家长：寒假将于").date().t("开始，请督促孩子注意交通安全、防溺水。学校值班电话：").public_phone()
    d.t("，校园安全举报邮箱：").d("xaq@nh.gov.cn", "public_email").t("。\n").t(v.pick(("南海区桂城中学", "禅城区第一小学"))).t("  ").date()
    return d.filler(0.35)


def c_stats(v):
    d = Doc(v)
    d.t("2025年前三季度全区经济运行情况\n地区生产总值 ").d(f"{v.rng.randrange(1000, 4000)}.{v.digits(2)}亿元", "amount")
    d.t("，同比增长").t(f"{v.rng.randrange(1, 9)}.{v.rng.randrange(10)}%").t("。统计代码 ").d("440605" + v.digits(6), "stat_code")
    d.t("，规模以上工业企业").t(str(v.rng.randrange(1000, 5000))).t("家。数据来源：区统计局（").public_phone().t("）")
    return d.filler(0.6)


def c_weather(v):
    d = Doc(v)
    d.t("天气及交通提示：").date().t("受冷空气影响，最低气温").t(str(v.rng.randrange(3, 12))).t("℃。")
    d.d(v.pick(("广佛高速", "佛山一环", "南海大道")), "road_name").t("桂城段施工封闭，请绕行。路况咨询").hotline().t("。")
    return d.filler(0.35)


def c_ticket(v):
    d = Doc(v)
    d.t("车次 ").d(v.pick(("G1001", "D7401", "C6501", "K1205")), "train_no").t("  检票口 ").t(str(v.rng.randrange(1, 30)))
    d.t("\n票号 ").d(v.digits(21), "ticket_no").t("\n温馨提示：本票仅限当日当次有效，退改签请至12306或车站窗口办理。").hotline()
    return d.filler(0.35)


def c_museum(v):
    d = Doc(v)
    h = v.pick(HISTORICAL[:9])
    d.t("展品说明：").d(h, "historical").t("手迹（复制品）\n馆藏编号 ").d("FS-" + v.digits(6), "product_sn")
    d.t("。此件为").d(h, "historical").t("于光绪年间所书。本馆开放时间9:00-17:00，咨询电话").public_phone()
    d.t("，地址").d(v.office_address(), "office_address")
    return d.filler(0.5)


def c_press(v):
    d = Doc(v)
    d.t("新闻发布会：").date().t("，区政府召开新闻发布会，").d(v.fake.last_name()[:1] + "区长", "title_name").t("、")
    d.title().t("出席并回答记者提问。媒体联络电话：").public_phone().t("，邮箱 ").d("xwb@fs.gov.cn", "public_email")
    d.t("。区人民政府统一社会信用代码 ").d(v.credit("11"), "public_credit_code")
    return d.filler(0.6)


def c_licence(v):
    d = Doc(v)
    d.t("软件许可协议\n许可证编号：").d(v.digits(4) + "-" + v.digits(4) + "-" + v.digits(4), "licence_no")
    d.t("\n1. 本软件授权用户在一台设备上安装使用。2. 不得反向工程。3. 许可方地址：").d(v.office_address(), "company_address")
    d.t("，服务电话 ").d(v.public_phone(), "company_phone").t("。示例账号 ").d(v.non_luhn_run(19), "non_luhn_run")
    return d.filler(0.35)


def c_lottery(v):
    d = Doc(v)
    d.t("第").d("25" + v.digits(3), "issue_no").t("期开奖公告：前区 ").d(" ".join(f"{v.rng.randrange(1, 35):02d}" for _ in range(5)), "lottery_numbers")
    d.t(" 后区 ").d(f"{v.rng.randrange(1, 12):02d} {v.rng.randrange(1, 12):02d}", "lottery_numbers")
    d.t("。一等奖").t(str(v.rng.randrange(1, 9))).t("注，单注奖金").amount().t("。本期销售额").amount()
    d.t("，奖池滚存。流水号").d(v.serial_18(), "serial_18").t("。兑奖咨询").hotline()
    return d.filler(0.35)


CONTROLS = {
    "c_catalogue": c_catalogue, "c_dept": c_dept, "c_school": c_school, "c_stats": c_stats, "c_weather": c_weather,
    "c_ticket": c_ticket, "c_museum": c_museum, "c_press": c_press, "c_licence": c_licence, "c_lottery": c_lottery,
}
