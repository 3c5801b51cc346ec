"""Genres of the seventh corpus: each function writes one text (a ``Doc``) from ``Values``.

Personal genres (``GENRES``) hold gold values of private people; control genres
(``CONTROLS``, names starting ``c_``) hold only look-alikes. See ``seventh_corpus.py``.
"""
from __future__ import annotations

from tests.masking.oracles import id_check_char
from tests.masking.seventh_values import D, Doc, G, MINORITY, Values

ID_KINDS = (("id", 40), ("id_x", 2), ("id_15", 5), ("id_lower_x", 2), ("id_full", 4), ("id_space", 5), ("id_space4", 3),
            ("id_hyphen", 4), ("id_linebreak", 3), ("id_wrong_check", 4), ("id_ocr", 0))
MOBILE_KINDS = (("mobile", 50), ("mobile_plus86", 5), ("mobile_0086", 2), ("mobile_paren86", 2), ("mobile_space", 7),
                ("mobile_hyphen", 6), ("mobile_full", 4), ("mobile_linebreak", 3))
CARD_KINDS = (("card_16", 14), ("card_19", 30), ("card_17", 4), ("card_18", 5), ("card_4_4_4_4", 10),
              ("card_4_4_4_4_3", 12), ("card_6_13", 6), ("card_hyphen", 4), ("card_full", 3), ("card_linebreak", 3))


def weighted(v: Values, table) -> str:
    kinds, weights = zip(*table)
    return v.rng.choices(kinds, weights)[0]


def any_id(v: Values, p, kind: str = None) -> G:
    kind = kind or weighted(v, ID_KINDS)
    if kind == "id_15" and p.birth.year > 1984:  # the old numbers were replaced from 1999 on
        kind = "id"
    if kind in ("id_lower_x", "id_x") and not p.id18.endswith("X"):
        make_x(p)
    if kind == "id" and p.id18.endswith("X"):
        kind = "id_x"
    return v.id(p, kind)


def make_x(p) -> None:
    """Give ``p`` a number of the same region, birth date and sex whose check character is X."""
    for n in range(1000):
        seq = f"{n:03d}"
        if int(seq[2]) % 2 == int(p.id18[16]) % 2 and id_check_char(p.id18[:14] + seq) == "X":
            p.id18 = p.id18[:14] + seq + "X"
            return


def any_mobile(v: Values, kind: str = None) -> G:
    return v.mobile(kind or weighted(v, MOBILE_KINDS))


def any_card(v: Values, kind: str = None) -> G:
    return v.card(kind or weighted(v, CARD_KINDS))


def any_landline(v: Values) -> G:
    return v.landline(v.pick(("landline", "landline", "landline_paren", "landline_no_area", "landline_ext")))


def bank(v: Values) -> str:
    return v.pick(("中国工商银行", "中国建设银行", "中国农业银行", "中国银行", "交通银行", "招商银行", "中国邮政储蓄银行",
                   "佛山农村商业银行", "广发银行")) + v.pick(("佛山分行", "南海支行", "桂城支行", "顺德支行", "", "营业部"))


def company(v: Values) -> str:
    return v.pick(("佛山市", "广东", "佛山市南海区", "佛山市顺德区")) + v.pick(
        ("宏达", "盛世", "联创", "众鑫", "利华", "美嘉", "恒通", "骏业", "粤顺", "锦程", "鸿运", "华南")) + v.pick(
        ("五金制品", "物流", "家具", "电子科技", "建材", "餐饮管理", "陶瓷", "服装", "机械设备", "贸易")) + "有限公司"


def shop(v: Values, owner: str) -> str:
    return v.pick(("佛山市南海区桂城", "顺德区容桂", "禅城区", "三水区西南")) + owner[:1] + v.pick(("记", "氏", "家")) + v.pick(
        ("五金店", "烧腊店", "便利店", "士多", "汽车维修部", "服装店", "水果档"))


def police(v: Values) -> str:
    return "佛山市公安局" + v.pick(("南海分局桂城派出所", "禅城分局祖庙派出所", "顺德分局大良派出所", "三水分局西南派出所",
                                 "高明分局荷城派出所", "南海分局大沥派出所"))


def court(v: Values) -> str:
    return v.pick(("佛山市南海区人民法院", "佛山市禅城区人民法院", "佛山市顺德区人民法院", "佛山市中级人民法院",
                   "佛山市三水区人民法院", "佛山市高明区人民法院"))


def edu(v: Values) -> str:
    return v.pick(("小学", "初中", "高中", "中专", "大专", "大学本科", "研究生"))


def job(v: Values) -> str:
    return v.pick(("务工", "个体经营", "无业", "司机", "厨师", "保安", "务农", "自由职业", "公司职员", "退休", "学生"))


def minority_person(v: Values):
    return v.person(kind="name_" + v.pick(tuple(MINORITY)))


# ====================================================================== personal genres

def xunwen(v: Values) -> Doc:
    """询问笔录: the questions and answers of a police interview."""
    d = Doc()
    p, q = v.person(), v.person()
    t0 = v.date()
    hour = v.rng.randint(8, 20)
    d.f("询问笔录\n时间：{}{}时{}分至{}时{}分\n地点：{}{}\n询问人：民警（警号{}）、辅警（警号{}）\n记录人：同上\n",
        D(v.cn_date(t0), "date"), hour, v.rng.randint(0, 59), hour + v.rng.randint(1, 3), v.rng.randint(0, 59),
        police(v), v.pick(("办案区询问室", "值班室", "调解室")), D(v.digits(6), "badge_no"), D(v.digits(6), "badge_no"))
    d.f("被询问人：{}　性别：{}　民族：{}　出生日期：{}\n", v.name(p), p.sex, p.ethnic,
        D(p.birth.strftime("%Y年%m月%d日"), "date"))
    d.f("身份证件种类及号码：居民身份证 {}\n", any_id(v, p))
    d.f("现住址：{}　联系方式：{}\n", v.address(region=p.region if v.chance(0.3) else None), any_mobile(v))
    d.t("问：我们是" + police(v)[6:] + "的民警，现依法对你进行询问，你要如实回答，对与案件无关的问题有拒绝回答的权利，听清楚了吗？\n答：听清楚了。\n")
    d.t("问：你今天为什么来派出所？\n")
    if v.chance(0.5):
        d.f("答：我来报案。{}晚上我在{}附近被人骗了，对方自称是{}的客服，让我转账。我用尾号{}的银行卡转了{}。\n",
            D(v.cn_date(), "date"), D(v.pick(("千灯湖公园", "大沥镇黄岐市场", "祖庙路口", "顺德华侨城")), "area"),
            v.pick(("快递公司", "某电商平台", "银行")), D(v.digits(4), "masked_card"), v.amount())
        d.f("问：你转账的银行卡卡号是多少？\n答：卡号是{}，开户行是{}。\n", any_card(v), bank(v))
        d.f("问：对方的联系方式你还记得吗？\n答：对方用的号码是{}，微信名叫“{}”。\n", any_mobile(v),
            D(v.pick(("客服小美", "阳光", "平安是福", "A诚信物流")), "nickname"))
    else:
        d.f("答：{}下午我和{}（{}）在{}因为停车的事吵了起来，他推了我一把。\n", D(v.cn_date(), "date"), v.name(q),
            v.pick(("邻居", "同事", "楼下住户", "前夫")), v.address(v.pick(("address_room", "address_estate"))))
        d.f("问：{}的联系方式和住址你知道吗？\n答：他电话是{}，住我楼下，身份证号我不知道，车牌是{}。\n", v.name(q, q.kind),
            any_mobile(v), v.plate(v.pick(("plate", "plate_ne"))))
    d.t("问：你还有什么要补充的吗？\n答：没有了。\n问：你以上讲的是否属实？\n答：属实。\n")
    d.f("以上笔录我看过，和我说的相符。\n被询问人签名：{}　{}\n", v.name(p), D(v.cn_date(t0), "date"))
    return d


def qisu(v: Values) -> Doc:
    """起诉书 or 检察建议书 of a procuratorate."""
    d = Doc()
    yuan = v.pick(("佛山市南海区人民检察院", "佛山市禅城区人民检察院", "佛山市顺德区人民检察院"))
    if v.chance(0.7):
        d.f("{}\n起诉书\n{}\n", yuan, D(f"佛{v.pick(('南', '禅', '顺'))}检刑诉〔{v.rng.randint(2025, 2026)}〕{v.rng.randint(1, 999)}号", "doc_no"))
        people = [v.person(ages=(19, 60)) for _ in range(v.rng.randint(1, 3))]
        for i, p in enumerate(people):
            d.f("被告人{}，{}，{}出生，公民身份号码{}，{}，{}文化，{}，户籍所在地{}，住{}。",
                v.name(p), p.sex, D(p.birth.strftime("%Y年%m月%d日"), "date"), any_id(v, p), p.ethnic, edu(v), job(v),
                D(v.upper(p.region), "area") if v.chance(0.5) else v.address("address_village", p.region),
                v.address(v.pick(("address_room", "address_estate", "address_road"))))
            d.f("因涉嫌{}罪，于{}被{}刑事拘留，{}经本院批准逮捕。\n", v.pick(("盗窃", "诈骗", "帮助信息网络犯罪活动", "危险驾驶", "故意伤害")),
                D(v.cn_date(), "date"), police(v)[6:], D(v.cn_date(), "date"))
        victim = v.person()
        d.f("经依法审查查明：{}，被告人{}伙同他人，将其名下{}银行卡（卡号{}）出租给上游犯罪分子使用，被害人{}被骗{}。",
            D(v.cn_date(), "date"), v.name(people[0]), bank(v)[:6], any_card(v), v.name(victim), v.amount())
        d.f("本院认为，被告人{}的行为已触犯《中华人民共和国刑法》第{}条，应当以{}罪追究其刑事责任。\n此致\n{}\n检察官：{}\n{}\n",
            v.name(people[0]), D(str(v.rng.randint(100, 300)), "article"), v.pick(("帮助信息网络犯罪活动", "诈骗", "盗窃")),
            court(v), v.title_name(), D(v.cn_date(), "date"))
    else:
        p = v.person()
        d.f("{}\n检察建议书\n{}\n{}：\n本院在办理{}一案中发现，你单位在{}工作中存在漏洞：", yuan,
            D(f"佛南检建〔{v.rng.randint(2025, 2026)}〕{v.rng.randint(1, 99)}号", "doc_no"),
            v.pick(("佛山市南海区某镇人民政府", "某区市场监督管理局", "某街道社区卫生服务中心")), "一起冒名登记",
            v.pick(("个体工商户登记", "医保报销审核", "低收入人口认定")))
        d.f("犯罪嫌疑人{}（公民身份号码{}）冒用{}的身份信息（身份证号{}，手机号{}）办理登记，登记地址为{}。",
            v.name(p), any_id(v, p), v.name(q := v.person()), any_id(v, q), any_mobile(v), v.address())
        d.f("建议你单位自收到本建议书之日起两个月内书面回复本院。联系人：{}，电话{}。\n{}\n", v.title_name(), v.public_phone(),
            D(v.cn_date(), "date"))
    return d


def shixin(v: Values) -> Doc:
    """失信被执行人名单 or 限制消费令 as courts publish them."""
    d = Doc()
    if v.chance(0.5):
        d.f("{}失信被执行人名单公布（第{}批）\n依照《最高人民法院关于公布失信被执行人名单信息的若干规定》，现将下列失信被执行人予以公布：\n",
            court(v), D(str(v.rng.randint(1, 40)), "batch_no"))
        for i in range(v.rng.randint(3, 6)):
            p = v.person(ages=(25, 65))
            if v.chance(0.25):
                d.f("{}. {}（法定代表人{}），统一社会信用代码{}，案号{}，未履行金额{}；\n", i + 1, company(v), v.name(p),
                    v.credit("credit_91"), v.case_no(), v.amount())
            else:
                d.f("{}. {}，{}，{}岁，身份证号码{}，住{}，案号{}，未履行金额{}；\n", i + 1, v.name(p), p.sex, p.age,
                    v.masked_id() if v.chance(0.6) else any_id(v, p),
                    v.address(v.pick(("address_village", "address_group", "address_road"))), v.case_no(), v.amount())
        d.f("举报被执行人财产线索请拨打{}或{}。\n{}\n", v.public_phone(), v.hotline(), D(v.cn_date(), "date"))
    else:
        p = v.person(ages=(25, 65))
        d.f("{}\n限制消费令\n{}\n{}：\n本院于{}立案执行申请执行人{}与被执行人{}{}纠纷一案。",
            court(v), v.case_no(), v.name(p), D(v.cn_date(), "date"), v.name(v.person()), v.name(p),
            v.pick(("民间借贷", "买卖合同", "租赁合同", "劳务合同")))
        if v.chance(0.4):
            d.f("被执行人{}（统一社会信用代码{}，经营者{}）", D(shop(v, p.name), "shop_name"), v.credit("credit_92"), v.name(p))
        else:
            d.f("被执行人{}（{}，{}生，公民身份号码{}，住{}）", v.name(p), p.sex, D(p.birth.strftime("%Y年%m月%d日"), "date"),
                any_id(v, p), v.address())
        d.f("未按执行通知书指定的期间履行生效法律文书确定的给付义务，依照《中华人民共和国民事诉讼法》第{}条，限制其乘坐飞机、列车软卧、G字头动车组列车全部座位及其他非生活和工作必需的消费行为。"
            "如认为本令有误，可向本院申请纠正。执行法官：{}，联系电话：{}。\n{}\n",
            D(str(v.rng.randint(250, 270)), "article"), v.title_name(), v.public_phone(), D(v.cn_date(), "date"))
    return d


def xuanshang(v: Values) -> Doc:
    """悬赏通告 of the police (a wanted person's full ID is still personal) or 寻人启事 of a family."""
    d = Doc()
    p = v.person(ages=(18, 70)) if v.chance(0.7) else v.id_x_person(ages=(18, 70))
    if v.chance(0.5):
        d.f("悬赏通告\n{}\n{}在{}发生一起{}案件，经查，犯罪嫌疑人{}有重大作案嫌疑。为尽快缉捕犯罪嫌疑人，现悬赏通缉。\n",
            D(f"佛公悬字〔{v.rng.randint(2025, 2026)}〕{v.rng.randint(1, 60)}号", "doc_no"), D(v.cn_date(), "date"),
            v.area(), v.pick(("故意伤害", "抢劫", "电信诈骗", "盗窃")), v.name(p))
        d.f("犯罪嫌疑人：{}，{}，{}，身份证号码：{}，户籍地：{}，身高约{}厘米，{}口音。",
            v.name(p), p.sex, p.ethnic, any_id(v, p, v.pick(("id", "id", "id_space"))), v.address(v.pick(("address_village", "address_county")), p.region),
            v.rng.randint(150, 185), v.pick(("广东", "四川", "湖南", "河南", "本地")))
        if v.chance(0.5):
            d.f("该人可能驾驶车牌号为{}的{}色小汽车，并使用手机号码{}。", v.plate(v.pick(("plate", "plate_dot", "plate_dot", "plate_ne"))),
                v.pick("白黑灰红银"), any_mobile(v))
        d.f("对提供线索直接抓获犯罪嫌疑人的，奖励人民币{}元。举报电话：{}、{}。\n{}\n",
            D(str(v.pick((5000, 10000, 20000, 50000))), "amount"), v.public_phone(), v.hotline(), police(v))
    else:
        kid = v.person(ages=(6, 88))
        d.f("寻人启事\n{}，{}，{}岁，身高{}米左右，{}于{}在{}附近走失，走失时身穿{}。", v.name(kid), kid.sex, kid.age,
            f"1.{v.rng.randint(10, 80)}", "患有阿尔茨海默病，" if kid.age > 60 else "", D(v.cn_date(), "date"),
            v.address(v.pick(("address_road", "address_estate"))), v.pick(("蓝色外套", "灰色毛衣黑裤", "红色校服")))
        if v.chance(0.6):
            d.f("其身份证号为{}。", any_id(v, kid))
        d.f("有知情者请联系其家属{}（{}），电话{}，或{}，必有重谢！也可拨打{}报警。\n", v.name(v.person()),
            v.pick(("儿子", "女儿", "父亲", "母亲", "丈夫")), any_mobile(v),
            any_mobile(v, v.pick(("mobile", "mobile_space"))), D("110", "hotline"))
    return d


def geshui(v: Values) -> Doc:
    """个人所得税 年度汇算 / 完税证明."""
    d = Doc()
    p = v.person(ages=(22, 64))
    if v.chance(0.5):
        d.f("中华人民共和国税收完税证明\n{}\n填发日期：{}　税务机关：{}\n纳税人识别号：{}\n纳税人名称：{}\n",
            D(f"No.{v.digits(3)}{v.digits(15)}", "cert_no"), D(v.cn_date(), "date"),
            v.pick(("国家税务总局佛山市南海区税务局", "国家税务总局佛山市禅城区税务局", "国家税务总局佛山市顺德区税务局")),
            any_id(v, p, v.pick(("id", "id", "id_space"))), v.name(p))
        d.t("原凭证号\t税种\t品目名称\t税款所属时期\t入（退）库日期\t实缴（退）金额\n")
        for _ in range(v.rng.randint(2, 4)):
            d.f("{}\t个人所得税\t工资薪金所得\t{}\t{}\t{}\n", D(v.digits(18, "123456789") + v.digits(2), "voucher_no"),
                D(v.date().strftime("%Y-%m-01至%Y-%m-%d").replace("-", "."), "date"), D(v.cn_date(), "date"), v.amount(30, 8000))
        d.t("妥善保管。本凭证不作纳税人记账、抵扣凭证。\n")
    else:
        kid, parent = v.person(ages=(3, 20)), v.person(ages=(60, 85))
        d.f("{}年度个人所得税综合所得汇算清缴申报表（简易版）\n纳税人姓名：{}　纳税人识别号：{}\n手机号码：{}　电子邮箱：{}\n"
            "任职受雇单位：{}　单位纳税人识别号：{}\n",
            D("2025", "year"), v.name(p), any_id(v, p), any_mobile(v), v.email(v.pick(("email", "email_qq")), p),
            company(v), v.credit("credit_91"))
        d.f("专项附加扣除：子女教育，子女姓名{}，身份证件号码{}，就读学校{}，扣除比例{}%；赡养老人，被赡养人{}，身份证件号码{}，"
            "分摊方式：{}。\n", v.name(kid), any_id(v, kid), v.pick(("佛山市南海区石门实验学校", "顺德一中", "华南师范大学")),
            v.pick((50, 100)), v.name(parent), any_id(v, parent, v.pick(("id", "id_15"))), v.pick(("平均分摊", "约定分摊", "独生子女")))
        d.f("应退税额：{}。退税账户：{} {}\n谨声明：本表是根据国家税收法律法规及相关规定填报的，本人对填报内容的真实性、可靠性、完整性负责。\n",
            v.amount(), bank(v), any_card(v))
    return d


def fapiao(v: Values) -> Doc:
    """增值税普通发票 whose buyer is a private person."""
    d = Doc()
    p = v.person(ages=(22, 70))
    d.f("{}\n发票代码：{}　发票号码：{}\n开票日期：{}　校验码：{}\n",
        v.pick(("广东增值税普通发票", "广东增值税电子普通发票", "电子发票（普通发票）")), v.kind_decoy("invoice_code"), v.kind_decoy("invoice_no"),
        D(v.cn_date(), "date"), v.kind_decoy("check_code"))
    d.f("购买方\n名称：{}\n纳税人识别号：{}\n地址、电话：{} {}\n开户行及账号：{} {}\n",
        v.name(p), any_id(v, p, v.pick(("id", "id", "id_full"))) if v.chance(0.8) else "",
        v.address(v.pick(("address_room", "address_estate"))), any_mobile(v), bank(v), any_card(v))
    d.t("货物或应税劳务、服务名称\t规格型号\t单位\t数量\t单价\t金额\t税率\t税额\n")
    for _ in range(v.rng.randint(1, 3)):
        d.f("*{}*{}\t{}\t{}\t{}\t{}\t{}\t{}%\t{}\n", v.pick(("家用电器", "家具", "餐饮服务", "维修服务", "建筑材料")),
            v.pick(("空调", "实木床", "餐费", "热水器维修", "瓷砖")), D(v.pick(("KFR-35GW", "1.8m", "-", "600x1200")), "model_no"),
            v.pick(("台", "张", "次", "件", "箱")), v.rng.randint(1, 20), D(f"{v.rng.randint(50, 9000)}.00", "amount"),
            v.amount(), v.pick((1, 3, 6, 9, 13)), v.amount())
    c = v.credit("credit_91" if v.chance(0.7) else "credit_92")
    d.f("价税合计（大写）{}\n销售方\n名称：{}\n纳税人识别号：{}\n地址、电话：{} {}\n收款人：{}　复核：{}　开票人：{}\n",
        D(v.pick(("壹万贰仟元整", "叁仟陆佰伍拾元整", "捌佰捌拾元整")), "amount"),
        company(v) if c.kind == "credit_91" else shop(v, v.fake.last_name()), c,
        D(v.pick(("佛山市南海区狮山镇工业大道", "佛山市顺德区乐从镇325国道")) + f"{v.rng.randint(1, 99)}号", "company_address"),
        D(f"0757-{v.digits(8, '28')}", "company_phone"), v.title_name(), v.title_name(), v.title_name())
    return d


def laodong(v: Values) -> Doc:
    """劳动合同 (head of the contract)."""
    d = Doc()
    boss, p, sos = v.person(ages=(30, 65)), v.person(ages=(18, 58)), v.person()
    ck = v.pick(("credit_91", "credit_91", "credit_52", "credit_93"))
    employer = {"credit_52": v.pick(("佛山市南海区康乐养老院", "佛山市顺德区启智培训学校", "佛山市禅城区颐康护理中心")),
                "credit_93": v.pick(("佛山市三水区绿源蔬菜专业合作社", "佛山市高明区丰收水产养殖专业合作社"))}.get(ck) or company(v)
    d.f("劳动合同书\n合同编号：{}\n甲方（用人单位）：{}\n统一社会信用代码：{}\n法定代表人：{}\n注册地址：{}\n",
        D(f"LD{v.rng.randint(2025, 2026)}{v.digits(6)}", "contract_no"), employer, v.credit(ck), v.name(boss),
        D(v.pick(("佛山市南海区狮山镇科技大道", "佛山市三水区乐平镇中心科技工业区")) + f"{v.rng.randint(1, 99)}号", "company_address"))
    d.f("乙方（劳动者）：{}　性别：{}\n居民身份证号码：{}\n户籍地址：{}\n现居住地址：{}\n联系电话：{}\n",
        v.name(p), p.sex, any_id(v, p), v.address(v.pick(("address_village", "address_group", "address_county")), p.region),
        v.address(v.pick(("address_room", "address_estate", "address_split"))), any_mobile(v))
    d.f("紧急联系人：{}（{}），电话：{}\n", v.name(sos), v.pick(("配偶", "父亲", "母亲", "姐姐", "哥哥")), any_mobile(v))
    d.f("第一条 本合同为{}期限劳动合同，自{}起至{}止，其中试用期{}个月。\n第二条 乙方同意根据甲方工作需要，担任{}岗位工作，工作地点为{}。\n",
        v.pick(("固定", "无固定")), D(v.cn_date(), "date"), D(v.cn_date(v.date((2027, 1, 1), (2029, 12, 31))), "date"),
        v.rng.randint(1, 6), v.pick(("操作工", "仓管员", "销售代表", "司机", "厨工", "质检员")), v.area())
    d.f("第三条 乙方月工资为{}，甲方于每月{}日前以货币形式支付，发放至乙方{}账户（卡号{}）。\n",
        v.amount(2300, 12000), v.rng.randint(5, 15), bank(v), any_card(v))
    d.f("劳动争议可向{}劳动人事争议仲裁委员会申请仲裁，咨询电话{}。\n甲方（盖章）　乙方（签名）：{}\n{}\n",
        v.pick(("南海区", "顺德区", "禅城区")), v.hotline(), v.name(p), D(v.cn_date(), "date"))
    return d


def gongshang(v: Values) -> Doc:
    """工伤认定决定书."""
    d = Doc()
    p = v.person(ages=(18, 60))
    d.f("认定工伤决定书\n{}\n申请人：{}\n职工姓名：{}　性别：{}　出生日期：{}\n身份证号码：{}\n联系电话：{}\n家庭地址：{}\n",
        v.doc_no(), v.name(p) if v.chance(0.6) else D(company(v), "company_name"), v.name(p), p.sex,
        D(p.birth.strftime("%Y年%m月%d日"), "date"), any_id(v, p), any_mobile(v), v.address())
    d.f("用人单位：{}\n统一社会信用代码：{}\n职业/工种：{}\n事故时间：{}\n事故地点：{}车间\n诊断时间：{}\n受伤害部位：{}\n",
        *((company(v), v.credit("credit_91")) if v.chance(0.7) else (shop(v, v.fake.last_name()), v.credit("credit_92"))),
        v.pick(("冲压工", "电焊工", "搬运工", "木工")),
        D(v.cn_date(), "date"), v.address("address_road"), D(v.cn_date(), "date"), v.pick(("左手食指", "右足", "腰部", "头部")))
    d.f("受伤害经过简述：{}，{}在操作{}时不慎受伤，被同事{}送往{}救治，诊断为{}。\n",
        D(v.cn_date(), "date"), v.name(p), v.pick(("冲床", "叉车", "切割机")), v.name(v.person()),
        v.pick(("南海区人民医院", "佛山市第一人民医院", "顺德区中医院")), v.pick(("左手食指末节离断伤", "右足跟骨骨折", "腰椎压缩性骨折")))
    d.f("根据《工伤保险条例》第十四条第（一）项之规定，属于工伤认定范围，现予以认定为工伤。\n如对本工伤认定决定不服，可自收到本决定书之日起60日内向{}申请行政复议。\n"
        "{}\n地址：{}　电话：{}\n{}\n",
        v.pick(("佛山市人民政府", "佛山市南海区人民政府")), v.pick(("佛山市南海区人力资源和社会保障局", "佛山市人力资源和社会保障局")),
        v.office(), v.public_phone(), D(v.cn_date(), "date"))
    return d


def lipei(v: Values) -> Doc:
    """保险理赔申请书."""
    d = Doc()
    ins, ben = v.person(ages=(1, 80)), v.person(ages=(22, 70))
    d.f("{}理赔申请书\n保单号：{}　报案号：{}\n", v.pick(("中国人寿保险股份有限公司", "中国平安人寿保险", "太平洋健康险", "惠民保")),
        v.kind_decoy("policy_no"), v.kind_decoy("order_no"))
    d.f("被保险人姓名：{}　证件类型：{}　证件号码：{}\n出生日期：{}　性别：{}　职业：{}\n",
        v.name(ins), "身份证" if ins.age >= 16 or v.chance(0.5) else "户口簿", any_id(v, ins),
        D(ins.birth.strftime("%Y-%m-%d"), "date"), ins.sex, job(v))
    d.f("出险时间：{}　出险地点：{}\n出险经过：{}\n", D(v.cn_date(), "date"), v.address(v.pick(("address_road", "address_room"))),
        v.pick(("在家中跌倒致右腕骨折，于当日前往佛山市中医院就诊。", "因急性阑尾炎住院治疗7天。", "驾驶电动车与小车碰撞受伤。")))
    d.f("申请人（受益人）：{}　与被保险人关系：{}\n证件号码：{}\n手机：{}　邮箱：{}\n",
        v.name(ben), v.pick(("本人", "父亲", "母亲", "配偶", "子女")), any_id(v, ben), any_mobile(v),
        v.email(v.pick(("email", "email", "email_fullwidth_at", "email_qq")), ben))
    d.f("领款方式：银行转账　开户银行：{}　户名：{}\n银行账号：{}\n", bank(v), v.name(ben), any_card(v))
    d.f("申请理赔金额：{}。本人声明以上所填内容真实，并授权保险公司向医疗机构查询相关病历资料。\n申请人签名：{}　日期：{}\n客服电话：{}\n",
        v.amount(), v.name(ben), D(v.cn_date(), "date"), D(v.pick(("95519", "95511", "95500")), "hotline"))
    return d


def zhengxin(v: Values) -> Doc:
    """个人信用报告 (本人版) excerpt."""
    d = Doc()
    p = v.person(ages=(22, 65))
    d.f("个人信用报告\n（本人版）\n报告编号：{}　报告时间：{}\n被查询者姓名：{}　被查询者证件类型：身份证　被查询者证件号码：{}\n",
        v.kind_decoy("report_no"), D(v.date().strftime("%Y.%m.%d 10:21:33"), "date"), v.name(p), any_id(v, p))
    d.f("一 个人基本信息\n（一）身份信息\n性别：{}　出生日期：{}　婚姻状况：{}　手机号码：{}\n工作单位：{}\n单位电话：{}\n通讯地址：{}\n户籍地址：{}\n电子邮箱：{}\n",
        p.sex, D(p.birth.strftime("%Y.%m.%d"), "date"), v.pick(("已婚", "未婚", "离婚")), any_mobile(v), company(v),
        D(f"0757-{v.digits(8, '28')}", "company_phone"), v.address(v.pick(("address_room", "address_estate"))),
        v.address(v.pick(("address_village", "address_group")), p.region), v.email(p=p))
    if v.chance(0.6):
        sp = v.person(ages=(22, 65))
        d.f("（二）配偶信息\n姓名：{}　证件类型：身份证　证件号码：{}　工作单位：{}　联系电话：{}\n",
            v.name(sp), any_id(v, sp), company(v), any_mobile(v))
    d.t("（三）居住信息\n编号\t居住地址\t住宅电话\t居住状况\t信息更新日期\n")
    for i in range(v.rng.randint(2, 3)):
        d.f("{}\t{}\t{}\t{}\t{}\n", i + 1, v.address(v.pick(("address_room", "address_road", "address_estate"))),
            any_landline(v) if v.chance(0.5) else "--", v.pick(("自置", "租房", "按揭", "亲属楼宇")),
            D(v.date((2018, 1, 1), (2026, 11, 1)).strftime("%Y.%m.%d"), "date"))
    d.f("二 信贷交易信息明细\n账户1：{}{}年{}月发放的{}，账户标识{}，截至{}余额{}，最近5年内无逾期。\n",
        bank(v), v.rng.randint(2015, 2025), v.rng.randint(1, 12), v.pick(("个人住房贷款", "个人消费贷款", "贷记卡")),
        D(v.digits(4) + "******" + v.digits(4), "masked_card"), D(v.cn_date(), "date"), v.amount())
    return d


def zhuxue(v: Values) -> Doc:
    """助学金 / 奖学金 公示 of a school (several students, some in a 、 list)."""
    d = Doc()
    school = v.pick(("佛山市南海区第一职业技术学校", "佛山科学技术学院", "顺德职业技术学院", "佛山市第三中学", "三水区华侨中学"))
    d.f("{}{}年{}评审结果公示\n根据{}，经个人申请、班级评议、学校审核，拟确定以下学生为资助对象，现予公示：\n",
        school, D(str(v.rng.randint(2025, 2026)), "year"), v.pick(("国家助学金", "国家奖学金", "励志奖学金", "雨露计划补助")),
        v.doc_no())
    d.t("序号\t姓名\t学号\t班级\t身份证号\t资助档次\t金额\n")
    for i in range(v.rng.randint(3, 6)):
        s = v.person(ages=(15, 22))
        name = v.spaced(s) if len(s.name) == 2 and v.chance(0.5) else v.name(s)
        d.f("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", i + 1, name, v.kind_decoy("student_no"),
            v.pick(("2023级会计1班", "高二（5）班", "24机电2班", "计算机2201")),
            v.masked_id() if v.chance(0.5) else any_id(v, s, v.pick(("id", "id", "id_space"))), v.pick(("一档", "二档", "三档")),
            D(v.pick(("3300元", "2500元", "1500元", "8000元")), "amount"))
    more = [v.person(kind=v.pick(("name_common", "name_common", "name_two_char", None)), ages=(15, 22)) for _ in range(v.rng.randint(3, 6))]
    d.t("另，以下同学获评校级优秀学生干部：")
    for i, s in enumerate(more):
        d.add(v.name(s, "name_list" if s.kind in ("name_common", "name_two_char") else None))
        d.t("、" if i < len(more) - 1 else "。\n")
    d.f("公示期为{}至{}。如有异议，请向学生资助管理中心反映，联系人：{}，电话：{}，邮箱：{}。\n",
        D(v.cn_date(), "date"), D(v.cn_date(), "date"), v.title_name(), v.public_phone(), v.public_email())
    return d


def jiandang(v: Values) -> Doc:
    """防返贫监测 / 建档立卡 register of a household."""
    d = Doc()
    head = v.person(ages=(35, 75))
    d.f("防止返贫监测对象信息采集表\n户编号：{}　监测对象类别：{}\n户主姓名：{}　身份证号：{}　联系电话：{}\n家庭住址：{}\n",
        v.kind_decoy("household_no"), v.pick(("脱贫不稳定户", "边缘易致贫户", "突发严重困难户")), v.name(head),
        any_id(v, head), any_mobile(v), v.address(v.pick(("address_group", "address_village", "address_county")), head.region))
    d.t("家庭成员情况：\n序号\t姓名\t与户主关系\t身份证号\t健康状况\t在校/务工情况\n")
    for i, rel in enumerate(("户主", "配偶") + tuple(v.pick(("之子", "之女", "之母", "之孙", "之父")) for _ in range(v.rng.randint(1, 3)))):
        m = head if i == 0 else v.person(ages=(1, 85))
        d.f("{}\t{}\t{}\t{}\t{}\t{}\n", i + 1, v.name(m), rel, any_id(v, m, v.pick(("id", "id", "id", "id_15", "id_wrong_check"))),
            v.pick(("健康", "长期慢性病", "残疾", "大病")), v.pick(("务工", "在校", "务农", "学龄前", "无劳动能力")))
    if v.chance(0.4):
        d.f("产业帮扶主体：{}（统一社会信用代码{}）。\n", v.pick(("高明区更合镇丰收养殖专业合作社", "三水区大塘镇绿源蔬菜专业合作社")),
            v.credit("credit_93"))
    d.f("致贫返贫风险：{}。\n帮扶措施：产业帮扶、{}。帮扶责任人：{}（镇干部），联系电话：{}。\n补助资金发放账户（一卡通）：{}\n填表日期：{}\n",
        v.pick(("因病", "因残", "因学", "因灾", "缺劳动力")), v.pick(("公益性岗位", "医疗救助", "教育资助", "小额信贷")),
        v.name(v.person()), any_mobile(v), any_card(v), D(v.cn_date(), "date"))
    return d


def tuiyi(v: Values) -> Doc:
    """退役军人 信息采集 / 登记."""
    d = Doc()
    p = v.person(ages=(22, 80), sex="男" if v.chance(0.85) else "女")
    d.f("退役军人信息采集表\n姓名：{}　曾用名：{}　性别：{}　民族：{}\n公民身份号码：{}\n",
        v.name(p), v.name(v.person(kind="name_common")) if v.chance(0.3) else "无", p.sex, p.ethnic, any_id(v, p))
    d.f("入伍时间：{}　退出现役时间：{}\n原部队：{}　退役时职务（级别）：{}\n退役证编号：{}\n",
        D(f"{min(2026, p.birth.year + 18)}年9月", "date"), D(f"{min(2026, p.birth.year + v.rng.randint(20, 30))}年12月", "date"),
        v.kind_decoy("unit_code"), v.pick(("上士", "中士", "下士", "正连职", "四级军士长")), v.kind_decoy("cert_no"))
    d.f("户籍地址：{}\n常住地址：{}\n手机号码：{}　备用电话：{}\n", v.address(v.pick(("address_village", "address_group")), p.region),
        v.address(v.pick(("address_room", "address_estate", "address_road"))), any_mobile(v), any_landline(v))
    sp = v.person(ages=(22, 80))
    d.f("配偶姓名：{}　配偶身份证号：{}\n优待证号：{}\n就业创业意向：{}\n采集单位：{}退役军人服务站　采集人：{}　电话：{}\n",
        v.name(sp), any_id(v, sp), D(f"{v.pick(('4406', '4400'))}{v.digits(8)}", "cert_no"),
        v.pick(("自主创业", "参加技能培训", "公益性岗位", "暂无")), v.area().text, v.title_name(), v.public_phone())
    return d


def xuanmin(v: Values) -> Doc:
    """选民名单 of an electoral district (table rows, names spaced in cells)."""
    d = Doc()
    d.f("{}第{}选区选民名单\n（{}）\n根据《全国人民代表大会和地方各级人民代表大会选举法》，现将本选区选民名单公布如下：\n",
        v.area(), D(str(v.rng.randint(1, 40)), "district_no"), D(v.cn_date(), "date"))
    d.t("序号 | 姓名 | 性别 | 民族 | 出生年月 | 住址\n")
    for i in range(v.rng.randint(4, 8)):
        s = v.person(ages=(18, 92))
        name = v.spaced(s) if len(s.name) == 2 and v.chance(0.6) else v.name(s)
        d.f("{} | {} | {} | {} | {} | {}\n", i + 1, name, s.sex, s.ethnic, D(s.birth.strftime("%Y.%m"), "date"),
            v.address(v.pick(("address_room", "address_group", "address_estate", "address_village"))))
    d.f("对公布的选民名单有不同意见的，可以在名单公布之日起五日内向选举委员会提出申诉。选举委员会地址：{}，电话：{}。\n",
        v.office("选举委员会办公室"), v.public_phone())
    return d


def pucha(v: Values) -> Doc:
    """人口普查 短表 (a household's entries)."""
    d = Doc()
    head = v.person(ages=(28, 80))
    d.f("第八次全国人口普查短表\n普查小区代码：{}　建筑物编码：{}　户编号：{}\n户别：{}　本户地址：{}\n",
        v.kind_decoy("stat_code"), D(v.digits(3), "building_code"), D(v.digits(3), "household_no"),
        v.pick(("家庭户", "集体户")), v.address(v.pick(("address_room", "address_estate", "address_group"))))
    d.f("本户应登记人数：{}人　户主联系电话：{}\n", v.rng.randint(2, 5), any_mobile(v))
    rels = ("户主", "配偶", "子女", "父母", "孙子女", "兄弟姐妹")
    for i in range(v.rng.randint(2, 4)):
        m = head if i == 0 else v.person(ages=(0, 90))
        d.f("R{}. 姓名：{}　与户主关系：{}　公民身份号码：{}　性别：{}　出生年月：{}　民族：{}　受教育程度：{}　"
            "户口登记地：{}\n", i + 1, v.name(m), rels[min(i, len(rels) - 1)] if i < 2 else v.pick(rels[2:]),
            any_id(v, m) if v.chance(0.85) else "（未落户）", m.sex, D(m.birth.strftime("%Y年%m月"), "date"), m.ethnic,
            edu(v), v.pick(("本普查小区", "本村（居）委会其他普查小区", "本县（市、区）其他乡镇（街道）", "其他省")))
    d.f("普查员：{}（证号{}）　普查指导员：{}\n", v.title_name(), D(f"PC{v.digits(10)}", "badge_no"), v.title_name())
    return d


def shuidian(v: Values) -> Doc:
    """水电燃气 开户申请 / 欠费催缴通知."""
    d = Doc()
    p = v.person(ages=(22, 80))
    util = v.pick(("佛山水业集团", "南方电网广东佛山供电局", "佛山市燃气集团", "顺德区供水有限公司"))
    if v.chance(0.5):
        d.f("{}用户开户申请表\n用户类别：居民　申请日期：{}\n户主姓名：{}　证件号码：{}\n用电（水、气）地址：{}\n"
            "联系电话：{}　固定电话：{}\n代扣银行：{}　代扣账号：{}\n",
            util, D(v.cn_date(), "date"), v.name(p), any_id(v, p),
            v.address(v.pick(("address_room", "address_estate", "address_split"))), any_mobile(v), any_landline(v), bank(v), any_card(v))
        if v.chance(0.5):
            agent = v.person()
            d.f("委托代理人：{}　代理人身份证：{}　代理人电话：{}\n", v.name(agent), any_id(v, agent), any_mobile(v))
        d.f("分配户号：{}　电表（水表）编号：{}\n服务热线：{}\n", v.kind_decoy("household_no"), v.kind_decoy("product_sn"), v.hotline())
    else:
        d.f("欠费催缴通知书\n尊敬的{}用户（户号{}）：\n您位于{}的{}账户截至{}已欠费{}，",
            v.name(p), v.kind_decoy("household_no"), v.address(v.pick(("address_room", "address_estate", "address_road"))),
            v.pick(("电费", "水费", "燃气费")), D(v.cn_date(), "date"), v.amount(30, 3000))
        d.f("请于{}前缴清，逾期将依法停止供应。您预留的联系电话为{}，如已变更请及时更新。可通过“粤省事”、银行代扣或营业厅缴费，"
            "热线{}。\n{}\n{}\n", D(v.cn_date(), "date"), any_mobile(v), v.hotline(), util, D(v.cn_date(), "date"))
    return d


def wangyueche(v: Values) -> Doc:
    """网约车 / 出租车 驾驶员档案, or a passenger's complaint call transcribed (spoken digits)."""
    d = Doc()
    p = v.person(ages=(23, 60))
    if v.chance(0.45):
        d.f("网络预约出租汽车驾驶员信息登记\n平台公司：{}\n驾驶员姓名：{}　性别：{}　民族：{}\n身份证号：{}\n"
            "驾驶证号：{}　准驾车型：{}　初次领证日期：{}\n网约车驾驶员证号：{}\n",
            v.pick(("滴滴出行", "曹操出行", "T3出行", "如祺出行")), v.name(p), p.sex, p.ethnic, any_id(v, p),
            any_id(v, p, "id"), v.pick(("C1", "C2", "A2")), D(v.cn_date(v.date((2005, 1, 1), (2020, 1, 1))), "date"),
            any_id(v, p, v.pick(("id", "id_hyphen"))))
        d.f("车辆号牌：{}　车辆识别代号：{}　车身颜色：{}\n手机号码：{}　紧急联系人：{}　紧急联系电话：{}\n现住址：{}\n",
            v.plate(v.pick(("plate_ne", "plate_ne", "plate", "plate_dot"))), v.kind_decoy("vin"), v.pick(("白色", "黑色", "蓝色")),
            any_mobile(v), v.name(v.person()), any_mobile(v), v.address())
        d.f("背景核查结果：无犯罪记录。审核人：{}　日期：{}　运输管理部门电话：{}\n", v.title_name(), D(v.cn_date(), "date"), v.public_phone())
    else:
        d.f("来电录音转写（投诉工单{}）\n坐席：您好，{}客服，请问有什么可以帮您？\n乘客：我{}晚上坐了一辆网约车，司机绕路还骂人。\n",
            v.kind_decoy("order_no"), v.pick(("出租车服务", "网约车平台", "交通运输")), D(v.cn_date(), "date"))
        d.f("坐席：请问您贵姓，联系电话多少？\n乘客：我叫{}，电话是{}。\n", v.name(p), v.mobile("mobile_spoken"))
        d.f("坐席：车牌号您记得吗？\n乘客：{}，白色的。司机姓{}，工号牌上写着{}。\n",
            v.plate(v.pick(("plate", "plate_ne"))), D(v.fake.last_name()[:1], "surname"), v.pick(("", "司机")) + "编号" + v.digits(6))
        if v.chance(0.8):
            d.f("坐席：为了核实身份，请报一下您的身份证号。\n乘客：{}。\n", v.id(p, "id_spoken"))
        d.f("坐席：好的，已为您登记，工作人员会在三个工作日内回复。也可拨打{}查询。\n", v.hotline())
    return d


def tousu(v: Values) -> Doc:
    """市场监管 投诉举报 登记."""
    d = Doc()
    p = v.person(ages=(18, 75))
    boss = v.person(ages=(25, 65))
    d.f("{}投诉举报登记表\n登记编号：{}　来源：{}\n投诉人：{}　证件号码：{}\n联系电话：{}　电子邮箱：{}\n联系地址：{}\n",
        v.pick(("佛山市市场监督管理局", "南海区市场监督管理局", "顺德区市场监督管理局")), D(f"TS{v.digits(14)}", "order_no"),
        v.pick(("12315热线", "全国12315平台", "来信", "来访")), v.name(p), any_id(v, p) if v.chance(0.7) else "未提供",
        any_mobile(v), v.email(v.pick(("email", "email_qq", "email_fullwidth_at")), p), v.address())
    seller = D(shop(v, boss.name), "shop_name")
    d.f("被投诉人：{}（统一社会信用代码{}，经营者{}，电话{}）\n", seller, v.credit(v.pick(("credit_92", "credit_92", "credit_91"))),
        v.name(boss), any_mobile(v))
    d.f("投诉内容：投诉人称于{}在被投诉人处购买{}，订单号{}，支付{}，{}。要求退一赔三。\n",
        D(v.cn_date(), "date"), v.pick(("过期食品", "翻新手机", "预付卡会员服务", "电动自行车")), v.kind_decoy("order_no"), v.amount(20, 20000),
        v.pick(("商家拒绝退款", "商品存在质量问题", "商家已关门", "实际与宣传不符")))
    d.f("处理结果：经调解，双方达成一致。承办人：{}　办结日期：{}　监督电话：{}\n",
        v.title_name(), D(v.cn_date(), "date"), v.hotline())
    return d


def churujing(v: Values) -> Doc:
    """出入境证件 / 签证 申请表 (Chinese and pinyin names)."""
    d = Doc()
    zh, py = v.pinyin_pair()
    p = v.person(kind="name_common")
    d.f("{}\n申请人中文姓名：{}　拼音姓名：{}\n性别：{}　出生日期：{}　出生地：{}\n公民身份号码：{}\n",
        v.pick(("中国公民出入境证件申请表", "往来港澳通行证及签注申请表", "签证申请表（VISA APPLICATION FORM）")), zh, py, p.sex,
        D(p.birth.strftime("%Y-%m-%d"), "date"), v.pick(("广东", "湖南", "四川", "北京")), any_id(v, p))
    d.f("现持证件：护照 {}　往来港澳通行证 {}\n", v.passport(v.pick(("passport_E8", "passport_E_letter"))), v.passport("permit_C8"))
    d.f("手机号码：{}　电子邮箱：{}\n现住址：{}\n", any_mobile(v, v.pick(("mobile", "mobile_plus86", "mobile_0086", "mobile_paren86"))),
        v.email(v.pick(("email", "email_qq")), p), v.address(v.pick(("address_room", "address_estate"))))
    sos = v.person()
    d.f("紧急联系人：{}（{}）　电话：{}\n申请事由：{}\n", v.name(sos), v.pick(("配偶", "父亲", "母亲")), any_mobile(v),
        v.pick(("旅游", "探亲", "商务", "留学")))
    d.f("受理单位：{}出入境管理大队　受理编号：{}\n咨询电话：{}\n", v.pick(("南海区公安分局", "禅城区公安分局", "顺德区公安分局")),
        D(f"{v.digits(16)}", "service_no"), v.hotline())
    return d


def gonggao(v: Values) -> Doc:
    """法院公告 (送达 in a newspaper)."""
    d = Doc()
    people = [v.person(ages=(25, 70)) for _ in range(v.rng.randint(1, 2))]
    d.f("{}公告\n", court(v))
    for p in people:
        d.add(v.name(p))
        if v.chance(0.6):
            d.f("（公民身份号码：{}）", any_id(v, p, v.pick(("id", "id", "id_space"))))
        d.t("、" if p is not people[-1] else "：")
    plaintiff = v.person()
    d.f("本院受理原告{}诉你{}{}纠纷一案（{}），因你下落不明，依照《中华人民共和国民事诉讼法》第九十五条的规定，向你公告送达起诉状副本、"
        "应诉通知书、举证通知书及开庭传票。", v.name(plaintiff), "们" if len(people) > 1 else "", v.pick(("民间借贷", "离婚", "房屋租赁", "机动车交通事故责任")),
        v.case_no())
    if v.chance(0.5):
        d.f("你最后住所地为{}。", v.address())
    d.f("自公告之日起经过三十日即视为送达。提出答辩状和举证的期限分别为公告期满后的十五日和三十日内。本案定于举证期满后第三日{}时在本院第{}法庭公开开庭审理，"
        "逾期将依法缺席判决。\n本院地址：{}　联系电话：{}\n{}\n", v.rng.randint(9, 15), v.rng.randint(1, 30), v.office(),
        v.public_phone(), D(v.cn_date(), "date"))
    return d


def paimai(v: Values) -> Doc:
    """拍卖 / 变卖 公告 of a court (a private owner's home)."""
    d = Doc()
    p = v.person(ages=(28, 75))
    d.f("{}拍卖公告\n{}\n本院将于{}10时至{}10时止（延时除外）在淘宝网司法拍卖网络平台（网址：https://sf.taobao.com/{}）上进行公开拍卖活动，现公告如下：\n",
        court(v), v.case_no(), D(v.cn_date(), "date"), D(v.cn_date(), "date"), D(v.digits(8), "listing_no"))
    d.f("一、拍卖标的：被执行人{}名下位于{}的房产（不动产权证号：{}，建筑面积{}平方米）。", v.name(p),
        v.address(v.pick(("address_room", "address_estate", "address_split"))), v.kind_decoy("cert_no"), v.rng.randint(40, 200))
    if v.chance(0.4):
        co = v.person()
        d.f("该房产共有人{}（身份证号{}）已书面同意。", v.name(co), any_id(v, co))
    d.f("起拍价{}，保证金{}，增价幅度{}。\n二、竞买人应于拍卖前将保证金交至本院指定账户：户名{}，账号{}，开户行{}。\n",
        v.amount(), v.amount(), v.amount(), court(v), v.public_account(), bank(v))
    d.f("三、标的物现由{}（电话{}）居住使用，本院不负责清场。\n咨询电话：{}　监督电话：{}\n{}\n",
        v.name(v.person()), any_mobile(v), v.public_phone(), v.public_phone(), D(v.cn_date(), "date"))
    return d


def syslog(v: Values) -> Doc:
    """Logs and records of a government app: access logs, JSON, CSV, key=value (IDs in URLs and file names)."""
    d = Doc()
    p = v.person(kind=v.pick(("name_common", "name_common", "name_two_char", "name_rare", "name_compound")))
    ts = v.date().strftime("%Y-%m-%d") + f" {v.rng.randint(0, 23):02d}:{v.rng.randint(0, 59):02d}:{v.rng.randint(0, 59):02d}"
    form = v.pick(("log", "json", "csv", "kv"))
    if form == "log":
        d.f("{},{} INFO  [{}] {} - GET /api/v2/citizen/query?idCard={}&mobile={}&channel=app HTTP/1.1 200 {}ms\n",
            D(ts, "date"), v.rng.randint(100, 999), D(v.kind_decoy("uuid").text[:8], "trace_id"), v.kind_decoy("ip"),
            v.id(p, "id_url"), v.mobile("mobile_url"), v.rng.randint(3, 900))
        d.f("{},{} INFO  [upload] 用户{}上传附件 /data/attach/{}/{}_身份证_{}.jpg size={}KB\n",
            D(ts, "date"), v.rng.randint(100, 999), D(f"uid={v.digits(8)}", "user_id"), D(v.date().strftime("%Y%m"), "date"),
            v.name(p, "name_filename"), v.id(p, "id_filename"), v.rng.randint(80, 4000))
        d.f("{},{} WARN  [sms] 短信发送失败 phone={} tpl=SMS_{} err=isv.BUSINESS_LIMIT_CONTROL\n",
            D(ts, "date"), v.rng.randint(100, 999), v.mobile("mobile_url"), D(v.digits(9), "template_id"))
    elif form == "json":
        card = v.card(v.pick(("card_16", "card_19")))
        d.f('{"code":0,"msg":"success","requestId":"{}","data":{"applyNo":"{}","name":"{}","certNo":"{}","phone":"{}",'
            '"email":"{}","addr":"{}","bankCardNo":"{}","status":"已受理","updateTime":"{}"}}\n',
            v.kind_decoy("uuid"), D(f"SQ{v.digits(16)}", "service_no"), v.name(p, "name_json"), v.id(p, "id_json"),
            v.mobile("mobile_json"), v.email("email_json", p), v.address(v.pick(("address_room", "address_estate"))), card, D(ts, "date"))
    elif form == "csv":
        d.t("序号,姓名,证件号码,手机,银行卡号,地址,申请时间\n")
        for i in range(v.rng.randint(2, 4)):
            q = p if i == 0 else v.person()
            d.f('{},{},{},{},{},"{}",{}\n', i + 1, v.name(q), v.id(q, "id_csv"), v.mobile("mobile_csv"), v.card("card_csv"),
                v.address(v.pick(("address_room", "address_road", "address_group"))), D(ts, "date"))
    else:
        d.f("[{}] audit action=export operator={} target_name={} target_id={} target_phone={} plate={} result=ok ip={}\n",
            D(ts, "date"), D(f"admin_{v.digits(3)}", "user_id"), v.name(p, "name_json"), v.id(p, "id_kv"),
            v.mobile("mobile_kv"), v.plate(v.pick(("plate", "plate_ne"))), v.kind_decoy("ip"))
    return d


def markdown(v: Values) -> Doc:
    """A markdown table pasted from a 临时救助 / 困难群众 register."""
    d = Doc()
    d.f("## {}临时救助审批台账（{}）\n\n| 序号 | 姓名 | 身份证号 | 联系电话 | 救助金额 | 发放账户 | 住址 |\n|---|---|---|---|---|---|---|\n",
        v.area(), D(f"{v.rng.randint(2025, 2026)}年第{v.rng.randint(1, 4)}季度", "date"))
    for i in range(v.rng.randint(3, 5)):
        p = v.person()
        name = v.spaced(p) if len(p.name) == 2 and v.chance(0.5) else v.name(p)
        d.f("| {} | {} | {} | {} | {} | {} | {} |\n", i + 1, name, any_id(v, p), any_mobile(v), v.amount(500, 20000), any_card(v),
            v.address(v.pick(("address_room", "address_group", "address_village", "address_estate"))))
    d.f("\n> 经办：{}　审核：{}　审批日期：{}\n> 监督电话：{}\n", v.title_name(), v.title_name(), D(v.cn_date(), "date"), v.public_phone())
    return d


def fanti(v: Values) -> Doc:
    """Traditional-character documents of Hong Kong, Macao and Taiwan residents."""
    d = Doc()
    name = v.trad_name()
    form = v.pick(("hk", "tw", "mo"))
    if form == "hk":
        d.f("港澳居民來往內地通行證申請資料\n中文姓名：{}　英文姓名：{}\n", name, G(v.pick(("CHAN Tai Man", "WONG Chi Keung", "LAM Mei Ling", "CHEUNG Ka Ho",
                                                                  "HO Wing Sze", "NG Ka Ming")), "PERSON", "name_pinyin"))
        d.f("回鄉證號碼：{}　港澳居民居住證號碼：{}\n", v.passport("permit_H8"), v.hmt_id("810000"))
    elif form == "mo":
        d.f("澳門居民內地就業登記表\n姓名：{}\n往來港澳通行證（回鄉證）：{}\n居住證號碼：{}\n", name, v.passport("permit_M8"), v.hmt_id("820000"))
    else:
        d.f("臺灣居民來往大陸通行證資料\n姓名：{}\n證件號碼：{}　居住證號碼：{}\n", name, v.passport("permit_taiwan"), v.hmt_id("830000"))
    d.f("香港/澳門/臺灣住址：{}\n聯絡電話：{}　內地手機：{}\n", v.hk_address(), v.landline("phone_hk"),
        any_mobile(v, v.pick(("mobile", "mobile_plus86", "mobile_space"))))
    if v.chance(0.7):
        sp = v.person()
        d.f("內地配偶姓名：{}　身份證號碼：{}\n內地住址：{}\n", v.name(sp), any_id(v, sp), v.address(v.pick(("address_room", "address_estate"))))
    d.f("電郵：{}\n查詢電話：{}（辦公時間）　辦理機關：{}\n", v.email(p=None), v.public_phone(),
        v.pick(("佛山市公安局出入境管理支隊", "南海區人力資源和社會保障局", "順德區台港澳事務局")))
    return d


def queq(v: Values) -> Doc:
    """土地确权 / 老地契 transcription: holders of old land certificates written 张王氏."""
    d = Doc()
    p = v.person(ages=(45, 80))
    d.f("农村宅基地使用权确权登记申请\n申请人：{}　身份证号：{}　联系电话：{}\n宗地坐落：{}\n",
        v.name(p), any_id(v, p), any_mobile(v),
        v.address(v.pick(("address_village", "address_group", "address_county")), v.pick(("440605", "440606", "440607"))))
    d.f("权属来源：申请人提交{}年{}颁发的《土地房产所有证》（{}）一份，证载户主{}，共有人{}、{}。", D(str(v.rng.randint(1951, 1954)), "year"),
        v.pick(("南海县人民政府", "顺德县人民政府", "三水县人民政府")), D(f"南字第{v.digits(5)}号", "cert_no"), v.shi_name(),
        v.name(v.person(kind="name_common")), v.shi_name())
    d.f("四至：东至{}屋，南至巷，西至{}地，北至{}祠堂。\n", v.name(v.person(kind="name_two_char")), v.shi_name(),
        D(v.pick(("何氏宗", "陈氏大宗", "梁氏家")), "clan_hall"))
    heirs = [v.person(ages=(40, 85)) for _ in range(v.rng.randint(2, 4))]
    d.t("继承情况：原户主已故，经村民小组证明，由其子女")
    for i, h in enumerate(heirs):
        d.add(v.name(h, "name_list" if h.kind in ("name_common", "name_two_char") else None))
        d.t("、" if i < len(heirs) - 1 else "共同继承，其中")
    d.f("{}（身份证号{}）为代表人。\n村民小组长：{}　村委会盖章　{}\n", v.name(heirs[0]), any_id(v, heirs[0]), v.title_name(),
        D(v.cn_date(), "date"))
    return d


def ocr_edge(v: Values) -> Doc:
    """OCR of a filled-in form: labels glued to values, O/l inside numbers, values at the text's edges."""
    d = Doc()
    p = v.person()
    if v.chance(0.35):
        d.add(v.name(p, "name_edge"))
        d.f("{}{}{}\n", v.pick(("", " ")), v.id(p, v.pick(("id_edge", "id_ocr"))), v.pick(("", " ")))
    d.f("{}登记表\n姓名{}性别{}民族{}出生{}\n", v.pick(("居住证申领", "暂住人员", "就业失业", "房屋出租人员", "残疾证申请")),
        v.name(p, "name_edge"), p.sex, p.ethnic, D(p.birth.strftime("%Y年%m月%d日"), "date"))
    d.f("身份证{}电话{}\n", v.id(p, v.pick(("id_edge", "id_edge", "id_ocr"))), v.mobile(v.pick(("mobile_edge", "mobile_ocr"))))
    d.f("住址{}\n", v.address(v.pick(("address_room", "address_estate", "address_group"))))
    if v.chance(0.5):
        q = v.person()
        d.f("联系人{}手机{}身份证号{}\n", v.name(q, "name_edge"), v.mobile("mobile_edge"), v.id(q, v.pick(("id_edge", "id_ocr"))))
    if v.chance(0.4):
        d.f("银行卡号{}开户行{}\n", v.card(v.pick(("card_19", "card_16"))), bank(v))
    d.f("受理单位{}受理日期{}", v.area(), D(v.date().strftime("%Y.%m.%d"), "date"))
    if v.chance(0.5):
        d.f("\n{}", v.mobile("mobile_edge"))
    return d


# ====================================================================== control genres (no personal data)

def c_yearbook(v: Values) -> Doc:
    """A table of a statistical yearbook."""
    d = Doc()
    d.f("{}统计年鉴{}\n表{}-{}　{}\n单位：{}\n地区\t区划代码\t户籍人口（万人）\t地区生产总值（亿元）\t增长（%）\t邮政编码\n",
        v.pick(("佛山", "南海", "顺德")), D(str(v.rng.randint(2020, 2026)), "year"), v.rng.randint(1, 20), v.rng.randint(1, 40),
        v.pick(("各镇（街道）主要经济指标", "分区常住人口", "各区财政收支")), v.pick(("万人、亿元", "户、人")))
    for _ in range(v.rng.randint(4, 7)):
        d.f("{}\t{}\t{}\t{}\t{}\t{}\n", v.area(), v.kind_decoy("stat_code"), f"{v.rng.randint(5, 150)}.{v.rng.randint(0, 99):02d}",
            D(f"{v.rng.randint(100, 9999)}.{v.rng.randint(0, 99):02d}", "amount"), f"{v.rng.uniform(-3, 12):.1f}", v.kind_decoy("postcode"))
    d.f("全市合计\t{}\t{}\t{}\t{}\t—\n注：{}数据为初步核实数；户籍人口据公安部门统计。资料来源：{}，咨询电话{}。\n",
        D("440600000000", "stat_code"), v.rng.randint(400, 1000), D(f"{v.rng.randint(10000, 14000)}.{v.rng.randint(10, 99)}", "amount"),
        f"{v.rng.uniform(1, 8):.1f}", D(str(v.rng.randint(2020, 2026)), "year"), v.pick(("佛山市统计局", "国家统计局佛山调查队")),
        v.public_phone())
    return d


def c_law(v: Values) -> Doc:
    """Articles of a regulation."""
    d = Doc()
    n = v.rng.randint(3, 60)
    d.f("{}\n（{}{}通过　{}）\n第{}条　{}应当建立健全个人信息保护制度，对收集的公民身份号码、手机号码、银行账号等个人信息严格保密。\n",
        v.pick(("佛山市公共数据管理办法", "广东省社会信用条例", "佛山市城市管理综合执法条例", "佛山市物业管理条例")),
        D(v.cn_date(v.date((2015, 1, 1), (2025, 12, 31))), "date"), v.pick(("佛山市第十六届人民代表大会常务委员会第十次会议",
                                                                           "佛山市人民政府第十五届第38次常务会议")),
        v.doc_no(), n, v.pick(("公共管理和服务机构", "信用服务机构", "物业服务人", "数据提供单位")))
    d.f("第{}条　违反本办法第{}条规定，泄露个人信息的，由{}责令改正，处{}以上{}以下罚款；情节严重的，处{}以下罚款。\n",
        n + 1, n, v.pick(("市政务服务数据管理局", "网信部门", "公安机关")), D("一万元", "amount"), D("十万元", "amount"),
        D("五十万元", "amount"))
    d.f("第{}条　公民可以通过{}热线或者{}电子信箱对违法行为进行投诉举报，受理部门应当自收到之日起{}个工作日内答复。\n第{}条　本办法自{}起施行。"
        "{}发布的《{}》（{}）同时废止。\n", n + 2, v.hotline(), v.public_email(), v.rng.randint(5, 30), n + 3, D(v.cn_date(), "date"),
        D(v.cn_date(v.date((2010, 1, 1), (2020, 1, 1))), "date"), v.pick(("佛山市政务信息资源共享管理办法", "佛山市公共信用信息管理办法")), v.doc_no())
    return d


def c_api(v: Values) -> Doc:
    """API documentation of a government service, example values failing their checks."""
    d = Doc()
    d.f("### 接口：{}\n请求地址：`POST https://api.{}.gov.cn/open/v{}/{}`\n请求参数：\n\n| 参数 | 类型 | 必填 | 说明 | 示例 |\n|---|---|---|---|---|\n",
        v.pick(("实名核验", "社保参保查询", "不动产登记预约", "公积金余额查询")), v.pick(("fs", "nanhai", "gdzwfw")), v.rng.randint(1, 3),
        v.pick(("identity/verify", "social/query", "estate/booking")))
    d.f("| certNo | string | 是 | 公民身份号码（18位） | {} |\n| name | string | 是 | 姓名 | {} |\n| mobile | string | 否 | 手机号 | {} |\n"
        "| bankCard | string | 否 | 银行卡号 | {} |\n| creditCode | string | 否 | 单位统一社会信用代码 | {} |\n",
        v.kind_decoy("api_example_id"), D(v.pick(("张三", "李四", "王五")), "placeholder_name"), v.kind_decoy("api_placeholder"),
        v.kind_decoy("api_example_card"), v.public_credit())
    d.f('\n请求示例：\n```json\n{"certNo": "{}", "name": "张三", "mobile": "{}", "timestamp": {}}\n```\n',
        v.kind_decoy("api_example_id"), v.kind_decoy("api_placeholder"), D(v.digits(13, "1"), "timestamp"))
    d.f("返回码：0 成功；{} 证件号码校验失败；{} 签名错误。技术支持：{}，邮箱 {}。\n", D("40001", "error_code"), D("40003", "error_code"),
        D(f"400-{v.digits(3, '6789')}-{v.digits(4)}", "hotline"), v.public_email())
    return d


def c_tender(v: Values) -> Doc:
    """A procurement notice with the purchaser's and the agency's contacts."""
    d = Doc()
    d.f("{}{}项目{}公告\n项目编号：{}\n预算金额：{}\n", v.pick(("佛山市南海区教育局", "佛山市顺德区人民医院", "佛山市禅城区城市管理和综合执法局")),
        v.pick(("智慧校园设备采购", "医用耗材配送服务", "环卫作业服务", "政务云资源租赁")), v.pick(("公开招标", "中标（成交）结果", "竞争性磋商")),
        v.kind_decoy("tender_no"), v.amount())
    d.f("一、采购人信息\n名称：{}\n统一社会信用代码：{}\n地址：{}\n联系人：{}　联系方式：{}\n", v.pick(("佛山市南海区教育局", "佛山市顺德区人民医院")),
        v.public_credit(), v.office(), v.title_name(), v.public_phone())
    d.f("二、采购代理机构信息\n名称：{}\n地址：{}\n联系人：{}、{}　联系方式：{}\n电子邮箱：{}\n",
        v.pick(("广东华伦招标有限公司", "佛山市公共资源交易中心", "广东省机电设备招标中心有限公司")),
        D(v.pick(("佛山市禅城区季华五路", "佛山市南海区桂城街道天佑三路")) + f"{v.rng.randint(1, 99)}号{v.rng.randint(3, 30)}楼", "company_address"),
        v.title_name(), v.title_name(), D(f"0757-{v.digits(8, '28')}", "company_phone"), D(f"zb{v.digits(3)}@{v.pick(('hualun', 'gdmec'))}.com.cn", "company_email"))
    d.f("三、投标保证金账户：户名{}，账号{}，开户行{}。\n四、中标金额：{}（{}）。质疑请在{}前以书面形式提出，监督部门电话：{}。\n",
        v.pick(("佛山市公共资源交易中心", "佛山市南海区财政局")), v.public_account(), bank(v), v.amount(),
        D(v.pick(("壹佰贰拾万元整", "叁拾捌万伍仟元整")), "amount"), D(v.cn_date(), "date"), v.public_phone())
    return d


def c_gazetteer(v: Values) -> Doc:
    """A gazetteer of place names and public buildings' addresses."""
    d = Doc()
    d.f("{}地名志（{}版）· {}\n", v.pick(("南海区", "顺德区", "禅城区")), D(str(v.rng.randint(2018, 2025)), "year"),
        v.pick(("公共建筑", "街巷", "标准地名")))
    for _ in range(v.rng.randint(3, 5)):
        d.f("【{}】位于{}，{}。地址：{}，邮编{}。{}\n", D(v.pick(("佛山市图书馆", "南海区人民法院", "桂城街道办事处", "顺德区行政服务中心",
                                                    "祖庙博物馆", "佛山西站", "千灯湖公园管理处", "三水区档案馆")), "body_name"),
            v.area(), v.pick(("始建于清光绪年间，1986年重修", "1999年建成", "由原县委大院改建")), v.office(), v.kind_decoy("postcode"),
            v.pick(("", "开放时间：9:00—17:00。", "二层设有陈列室。")))
        if v.chance(0.5):
            d.f("咨询电话：{}。\n", v.public_phone())
    d.f("{}得名于{}，因{}在此设馆讲学而闻名。{}\n", v.road(), v.historical(), v.historical(),
        v.pick(("今为步行街。", "沿街多骑楼。", "现为历史文化街区。")))
    return d


def c_manual(v: Values) -> Doc:
    """A product manual with serial numbers and the maker's service contacts."""
    d = Doc()
    d.f("{}使用说明书\n型号：{}　产品序列号：{}\n", v.pick(("家用燃气热水器", "智能门锁", "电动自行车", "空气净化器", "4G 执法记录仪")),
        D(v.pick(("JSQ25-13", "X9-Pro", "TDT2312Z", "KJ500F")), "model_no"), v.kind_decoy("product_sn"))
    d.f("IMEI：{}　出厂编号：{}\n一、安全注意事项：使用前请仔细阅读本说明书。\n二、技术参数：额定电压220V，额定功率{}W。\n",
        v.kind_decoy("imei"), v.serial_18(), v.rng.randint(20, 3000))
    d.f("三、保修：整机保修{}年，凭购机发票及保修卡（编号{}）享受保修服务。\n四、售后服务：全国服务热线{}，服务邮箱 {}\n"
        "制造商：{}　地址：{}　邮编：{}\n执行标准：{}　生产许可证号：{}\n",
        v.rng.randint(1, 6), v.non_luhn(), D(f"400-{v.digits(3, '6789')}-{v.digits(4)}", "hotline"),
        D(f"service@{v.pick(('vanward', 'macro', 'yadea'))}.com.cn", "company_email"), v.pick(("广东万和新电气股份有限公司", "佛山市某某电器有限公司")),
        D(f"佛山市顺德区容桂街道{v.pick(('华口', '红旗'))}工业区{v.rng.randint(1, 30)}号", "company_address"), v.kind_decoy("postcode"),
        D(f"GB {v.rng.randint(4000, 40000)}-{v.rng.randint(2005, 2024)}", "standard_no"), D(f"XK{v.digits(2)}-{v.digits(3)}-{v.digits(5)}", "cert_no"))
    return d


def c_timetable(v: Values) -> Doc:
    """Train and bus timetables."""
    d = Doc()
    d.f("{}列车时刻表（{}起实行）\n车次\t始发站\t终到站\t开点\t到点\t检票口\n", v.pick(("佛山西站", "顺德站", "佛山站")), D(v.cn_date(), "date"))
    for _ in range(v.rng.randint(4, 7)):
        d.f("{}\t{}\t{}\t{}\t{}\t{}\n", v.kind_decoy("train_no"), v.pick(("佛山西", "广州南", "深圳北", "南宁东")),
            v.pick(("长沙南", "北京西", "贵阳北", "湛江西", "上海虹桥")), f"{v.rng.randint(6, 22):02d}:{v.rng.randint(0, 59):02d}",
            f"{v.rng.randint(7, 23):02d}:{v.rng.randint(0, 59):02d}", v.pick(("A1", "A3", "B2", "5")))
    d.f("公交{}路：{}—{}，首班{}，末班{}，票价{}。\n客服电话：{}（铁路）　{}（公交）　失物招领：{}\n",
        v.rng.randint(100, 300), v.road(), v.area(), "06:30", "22:00", D("2元", "amount"), D("12306", "hotline"),
        D(v.pick(("0757-96833", "96833")), "hotline"), v.public_phone())
    return d


def c_guide(v: Values) -> Doc:
    """A body's service guide (办事指南) with its phones, mailboxes and addresses."""
    d = Doc()
    item = v.pick(("居住证办理", "个体工商户设立登记", "失业保险金申领", "城乡居民医保参保登记", "退役军人优待证申领", "公共租赁住房申请"))
    d.f("{}办事指南\n事项编码：{}\n实施主体：{}\n统一社会信用代码：{}\n", item, D(f"{v.digits(8)}-{v.digits(4)}-{v.digits(3)}", "item_code"),
        v.pick(("佛山市南海区人力资源和社会保障局", "佛山市公安局禅城分局", "佛山市顺德区市场监督管理局")), v.public_credit())
    d.f("申请材料：1. 申请人居民身份证原件；2. 户口簿；3. {}。\n办理时限：{}个工作日　收费标准：不收费\n", v.pick(("近期免冠照片", "租赁合同", "银行卡复印件")),
        v.rng.randint(1, 20))
    d.f("办理地点：{}\n办公时间：周一至周五 9:00—12:00，13:30—17:30\n咨询电话：{}、{}\n投诉电话：{}\n电子邮箱：{}\n网上办理：https://www.gdzwfw.gov.cn\n",
        v.office(v.pick(("区行政服务中心一楼A区", "政务服务中心3号窗口", ""))), v.public_phone(), v.hotline(), v.public_phone(), v.public_email())
    d.f("示例：身份证号码请按“{}”格式填写，手机号码如“{}”。\n", v.masked_id(), v.masked_mobile())
    return d


def c_biography(v: Values) -> Doc:
    """A biography of a historical figure."""
    d = Doc()
    h = v.historical()
    d.f("{}（{}—{}），{}人。{}年{}", h, D(str(v.rng.randint(1500, 1880)), "year"), D(str(v.rng.randint(1900, 1950)), "year"),
        v.pick(("广东南海", "广东顺德", "广东香山", "福建侯官", "广东佛山")), D(str(v.rng.randint(1600, 1900)), "year"),
        v.pick(("中举人", "赴美留学", "任两广总督", "创办继昌隆缫丝厂", "于佛山设武馆授徒")))
    d.f("。其故居位于今{}，现为{}文物保护单位。{}与{}交往甚密，{}年曾同游{}。", D(v.pick(("南海区西樵镇简村", "顺德区杏坛镇", "禅城区祖庙街道福宁路")), "historic_place"),
        v.pick(("省级", "市级", "全国重点")), h, v.historical(), D(str(v.rng.randint(1850, 1920)), "year"), v.area())
    d.f("著有《{}》等。后人为纪念他，将{}命名为{}。纪念馆开放咨询：{}。\n", v.pick(("蚕桑谱", "海国图志", "四洲志", "南海百咏")), v.road(),
        D(v.pick(("启沅路", "詹天佑路", "黄飞鸿纪念馆", "叶问堂")), "road_name"), v.public_phone())
    return d


def c_anon_case(v: Values) -> Doc:
    """A case summary made anonymous (张某, 李某某)."""
    d = Doc()
    a, b = v.pseudonym(), v.pseudonym()
    d.f("【典型案例】{}\n案号：{}\n基本案情：{}，{}（男，{}年生，身份证号{}）通过微信结识{}，以投资为名骗取{}钱款共计{}。",
        v.pick(("冒用他人身份信息办理贷款案", "出租出借银行卡帮信案", "养老诈骗案", "侵犯公民个人信息案")), v.case_no(), D(v.cn_date(), "date"),
        a, D(str(v.rng.randint(1960, 2000)), "year"), v.masked_id(), b, b, v.amount())
    d.f("{}使用的手机号{}、银行卡尾号{}均已被冻结。{}经营的{}位于{}。\n裁判结果：{}判处{}有期徒刑{}年，并处罚金{}。\n典型意义：{}提醒，请勿向他人出租出借银行卡，如有线索请拨打{}。\n",
        a, v.masked_mobile(), D(v.digits(4), "masked_card"), D(v.pick(("某公司", "某商行")), "pseudonym"), v.pick(("门店", "网店")),
        v.area(), court(v), a, v.rng.randint(1, 8), v.amount(), v.pick(("佛山市中级人民法院", "佛山市人民检察院")), D("96110", "hotline"))
    return d


GENRES = {f.__name__: f for f in (xunwen, qisu, shixin, xuanshang, geshui, fapiao, laodong, gongshang, lipei, zhengxin,
                                  zhuxue, jiandang, tuiyi, xuanmin, pucha, shuidian, wangyueche, tousu, churujing, gonggao,
                                  paimai, syslog, markdown, fanti, queq, ocr_edge)}
CONTROLS = {f.__name__: f for f in (c_yearbook, c_law, c_api, c_tender, c_gazetteer, c_manual, c_timetable, c_guide,
                                    c_biography, c_anon_case)}
