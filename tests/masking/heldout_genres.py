"""Genres of the held-out masking corpus: twelve kinds of government text and the controls.

Each genre is a function of ``Values`` returning a ``Doc``: text pieces and value slots, so
that gold spans are recorded while the text is written. Each section has several wordings.
"""
from __future__ import annotations

import re

from tests.masking.heldout_values import Val, Values

SLOT = re.compile(r"\{(\w+)\}")


class Doc:
    def __init__(self):
        self.parts: list = []

    def add(self, template: str, **slots) -> "Doc":
        at = 0
        for m in SLOT.finditer(template):
            self.parts.append(template[at:m.start()])
            self.parts.append(slots[m.group(1)])
            at = m.end()
        self.parts.append(template[at:])
        return self

    def render(self):
        text, gold, decoys = [], [], []
        pos = 0
        for part in self.parts:
            if isinstance(part, Val):
                a, b = part.core or (0, len(part.text))
                if part.entity:
                    gold.append((pos, pos + len(part.text), part.entity, pos + a, pos + b, part.kind))
                else:
                    decoys.append((pos, pos + len(part.text), part.kind))
                part = part.text
            text.append(part)
            pos += len(part)
        return "".join(text), gold, decoys


def office(v: Values) -> str:
    return v.pick(["佛山市南海区市场监督管理局", "佛山市顺德区城市管理和综合执法局", "佛山市禅城区人力资源和社会保障局",
                   "佛山市生态环境局三水分局", "佛山市高明区应急管理局", "佛山市禅城区民政局", "佛山市南海区桂城街道办事处"])


def company(v: Values) -> str:
    return v.pick([v.fake.company(), f"佛山市{v.pick(['南海区', '顺德区', '禅城区'])}{v.pick(['鸿运', '锦华', '盈丰', '顺景', '永利达', '粤兴'])}"
                   f"{v.pick(['五金制品', '餐饮管理', '家具', '物业服务', '陶瓷'])}有限公司", f"{v.pick(['阿强', '兴记', '老陈', '明珠'])}{v.pick(['大排档', '烧腊店', '士多', '五金店'])}"])


# ---------------------------------------------------------------- the twelve genres

def hotline(v: Values) -> Doc:
    d, caller = Doc(), v.name_val()
    d.add("工单编号：{no}\n受理时间：{t}\n", no=v.doc_number(), t=v.date_text())
    d.add(v.pick(["来电人：{p}    来电号码：{m}\n", "市民{p}（联系方式{m}）来电反映：", "诉求人 {p}，电话 {m}。\n", "{p}来电，回访电话{m}，"]),
          p=caller, m=v.mobile_val())
    issue = v.pick([
        "其居住的{a}楼上住户长期在夜间装修，噪音扰民，多次沟通无果，要求相关部门处理。",
        "位于{a}附近的餐饮店油烟直排，影响居民生活，希望尽快整改。",
        "反映{a}小区电梯经常故障，物业不作为，请求协调。",
        "反映住所{a}门前道路积水严重，雨天无法通行。",
    ])
    d.add(issue, a=v.address_val())
    if v.chance(0.5):
        d.add(v.pick(["来电人称其身份证号为{i}，", "市民提供证件号码{i}，"]) + "要求书面回复。", i=v.id_val())
    if v.chance(0.4):
        d.add(v.pick(["\n来电人补充：联系人为其{rel}{q}，电话{m}。", "\n另称已与{q}沟通过（{rel}），号码{m}。"]),
              rel=v.pick(["丈夫", "妻子", "儿子", "女儿", "母亲"]), q=v.name_val(), m=v.mobile_val())
    d.add(v.pick(["\n派单单位：{o}，承办人{h}，请于{n}个工作日内办结并回复12345热线。",
                  "\n转{o}办理，经办人：{h}（办公电话{op}）。"]),
          o=office(v), h=v.name_val(), n=str(v.r.randint(3, 15)), op=v.office_phone())
    return d


def penalty(v: Values) -> Doc:
    d = Doc()
    org = office(v)
    d.add("{o}\n行政处罚决定书\n{no}\n", o=org, no=v.doc_number())
    if v.chance(0.5):
        d.add("当事人：{c}\n统一社会信用代码：{cc}\n{role}：{p}\n住所：{a}\n",
              c=company(v), cc=v.credit_val(), role=v.pick(["法定代表人", "经营者", "负责人", "投资人"]), p=v.name_val(), a=v.address_val())
    else:
        d.add(v.pick(["当事人：{p}，{g}，{b}出生，公民身份号码{i}，住址{a}。\n",
                      "当事人{p}（身份证号：{i}），{g}，住{a}，联系电话{m}。\n"]),
              p=v.name_val(), g=v.pick(["男", "女"]), b=f"{v.r.randint(1950, 2002)}年{v.r.randint(1, 12)}月", i=v.id_val(), a=v.address_val(), m=v.mobile_val())
    d.add(v.pick(["{dt}，本机关执法人员{e1}、{e2}在日常检查中发现当事人涉嫌{x}，经立案调查，",
                  "经查，当事人于{dt}起{x}。执法人员{e1}（执法证号{cert}）、{e2}依法进行了现场检查，"]),
          dt=v.date_text(), e1=v.name_val(), e2=v.name_val(), cert=f"440{v.digits(3)}{v.digits(6)}",
          x=v.pick(["销售过期食品", "未取得许可从事经营活动", "占道经营", "违规排放污水", "未按规定设置安全警示标志"]))
    d.add("违法所得{amt}。上述事实有现场检查笔录、询问笔录等证据为证。依据《{law}》{art}的规定，决定对当事人处以罚款{fine}。\n",
          amt=v.amount(), law=v.pick(["中华人民共和国食品安全法", "城市市容和环境卫生管理条例", "广东省环境保护条例"]), art=v.article(), fine=v.amount())
    d.add(v.pick(["当事人应自收到本决定书之日起十五日内，将罚款缴至指定银行。",
                  "当事人应当自收到本决定书之日起十五日内缴纳罚款，逾期不缴纳的，每日按罚款数额的百分之三加处罚款。"]))
    if v.chance(0.5):
        d.add("收款账户：{b}非税收入专户，账号{acct}。", b=org, acct=v.public_account())
    d.add("如不服本决定，可在收到本决定书之日起六十日内向{gov}申请行政复议。\n联系人：{h}  电话：{op}\n{o}\n{dt}",
          gov=v.pick(["佛山市人民政府", "佛山市南海区人民政府", "佛山市顺德区人民政府"]), h=v.pick([v.name_val(), v.titled()]),
          op=v.office_phone(), o=org, dt=v.date_text())
    return d


def dibao(v: Values) -> Doc:
    d = Doc()
    head = v.name_val()
    d.add(v.pick(["最低生活保障审核意见\n申请人：{p}  身份证号：{i}\n家庭住址：{a}\n",
                  "低保复核记录（{c}）\n户主{p}，证件号码{i}，现住{a}。\n"]),
          p=head, i=v.id_val(), a=v.pick([v.address_val(), v.split_address()]), c=v.coarse_place())
    n = v.r.randint(1, 3)
    for _ in range(n):
        d.add(v.pick(["家庭成员：{p}，{rel}，{age}岁，{st}；\n", "{rel}{p}（{i}），{st}。\n", "共同生活成员{p}，系申请人{rel}，{st}，\n"]),
              p=v.name_val(), rel=v.pick(["配偶", "长子", "次女", "孙子", "母亲"]), age=str(v.r.randint(3, 90)), i=v.pick([v.id_val(), v.id15_val()]),
              st=v.pick(["患尿毒症长期透析", "在读初中", "无劳动能力", "灵活就业月收入约1500元", "二级肢体残疾"]))
    d.add(v.pick(["经入户核查，该户月人均收入{amt}，低于本市低保标准。", "核对系统显示该户无车辆、无工商登记，存款{amt}。"]), amt=v.amount())
    d.add(v.pick(["保障金发放至申请人{bank}账户{card}。\n", "申请人提供的社保卡银行账号：{card}（{bank}）。\n"]),
          bank=v.pick(["农业银行", "农商银行", "工商银行", "邮储银行"]), card=v.card_val())
    d.add(v.pick(["入户调查人：{w1}、{w2}\n村（居）委会意见：同意。\n审核人：{w3}  {dt}",
                  "调查人员{w1}与{w2}于{dt}入户，{h}在场。\n街道审核：{w3}"]),
          w1=v.name_val(), w2=v.name_val(), w3=v.name_val(), dt=v.date_text(), h=head)
    return d


def discharge(v: Values) -> Doc:
    d, pt = Doc(), v.name_val()
    d.add(v.pick(["出院小结\n姓名：{p}  性别：{g}  年龄：{age}岁  住院号：{no}\n",
                  "{hosp}出院记录\n患者{p}，{g}，{age}岁，住院号{no}，"]),
          p=pt, g=v.pick(["男", "女"]), age=str(v.r.randint(1, 95)), no=Val(v.digits(8), None, "inpatient_no"),
          hosp=v.pick(["佛山市第一人民医院", "南海区人民医院", "顺德区第一人民医院", "佛山市妇幼保健院"]))
    if v.chance(0.6):
        d.add(v.pick(["身份证号：{i}\n联系电话：{m}\n现住址：{a}\n", "证件号{i}，家属电话{m}，住址{a}。\n"]),
              i=v.id_val(), m=v.mobile_val(), a=v.address_val())
    d.add("入院日期：{d1}  出院日期：{d2}\n入院诊断：{dx}\n",
          d1=v.date_text(), d2=v.date_text(), dx=v.pick(["社区获得性肺炎", "2型糖尿病", "急性阑尾炎", "腰椎间盘突出症", "冠状动脉粥样硬化性心脏病"]))
    d.add(v.pick(["诊疗经过：入院后予抗感染、补液等对症治疗，{p}病情好转，", "住院期间患者{p}一般情况可，"]), p=pt)
    d.add("出院医嘱：低盐低脂饮食，{n}周后门诊复查，不适随诊。\n", n=str(v.r.randint(1, 4)))
    d.add(v.pick(["主治医师：{doc}  住院医师：{doc2}\n", "医师签名：{doc} / {doc2}\n", "经治医生{doc}，上级医生{doc2}。\n"]),
          doc=v.name_val(), doc2=v.name_val())
    if v.chance(0.4):
        d.add(v.pick(["家属{f}签字确认。", "陪护人：{f}（{rel}），电话{m}"]), f=v.name_val(), rel=v.pick(["女儿", "儿子", "配偶"]), m=v.mobile_val())
    return d


def judgment(v: Values) -> Doc:
    d = Doc()
    pl, df = v.name_val(), v.name_val()
    d.add("{court}\n民事判决书\n{no}\n", court=v.pick(["佛山市禅城区人民法院", "佛山市南海区人民法院", "佛山市顺德区人民法院"]), no=v.doc_number())
    d.add(v.pick(["原告：{pl}，{g}，{y}年{mo}月{dd}日出生，汉族，住{a1}，公民身份号码{i1}。\n",
                  "原告{pl}，男，住{a1}。身份证号{i1}\n"]),
          pl=pl, g=v.pick(["男", "女"]), y=str(v.r.randint(1950, 2000)), mo=str(v.r.randint(1, 12)), dd=str(v.r.randint(1, 28)),
          a1=v.address_val(), i1=v.id_val())
    d.add(v.pick(["委托诉讼代理人：{lw}，{firm}律师。\n", "委托代理人{lw}，{firm}律师\n"]),
          lw=v.name_val(), firm=v.pick(["广东国智律师事务所", "广东众达律师事务所", "北京大成（佛山）律师事务所"]))
    d.add(v.pick(["被告：{df}，{g}，住{a2}。\n", "被告{df}，户籍地{a2}，现下落不明。\n"]), df=df, g=v.pick(["男", "女"]), a2=v.address_val())
    d.add(v.pick(["原告{pl}与被告{df}民间借贷纠纷一案，本院于{dt}立案后，依法适用简易程序公开开庭进行了审理。",
                  "本院受理{pl}诉{df}买卖合同纠纷一案后，依法组成合议庭审理。"]), pl=pl, df=df, dt=v.date_text())
    d.add(v.pick(["经审理查明：{dt}，{df}向{pl}借款{amt}，约定月利率1%，并通过{bank}账户{card}转账交付。",
                  "{df}于{dt}出具借条，确认尚欠货款{amt}，款项汇入{pl}名下账号{card}。"]),
          pl=pl, df=df, dt=v.date_text(), amt=v.amount(), bank=v.pick(["工商银行", "建设银行", "招商银行"]), card=v.card_val())
    if v.chance(0.5):
        d.add("证人{w}出庭作证称，其与双方均相识，", w=v.name_val())
        d.add("另查明，案外人{ps}曾为该笔借款提供担保。", ps=v.pseudonym())
    d.add("依照《中华人民共和国民法典》{art}之规定，判决如下：被告{df}于本判决发生法律效力之日起十日内向原告{pl}偿还借款本金{amt}。\n",
          art=v.article(), df=df, pl=pl, amt=v.amount())
    d.add(v.pick(["审判员　{j}\n{dt}\n书记员　{c}", "审 判 员 {j}\n书 记 员 {c}\n{dt}", "审判长{j}  人民陪审员{j2}\n书记员{c}"]),
          j=v.name_val(), j2=v.name_val(), c=v.name_val(), dt=v.date_text())
    return d


def police(v: Values) -> Doc:
    d, rp = Doc(), v.name_val()
    d.add("{dt} {h}时{mi}分，{st}接110指令：", dt=v.date_text(), h=str(v.r.randint(0, 23)), mi=f"{v.r.randint(0, 59):02d}",
          st=v.pick(["容桂派出所", "张槎派出所", "桂城派出所", "大良派出所", "西南派出所"]))
    d.add(v.pick(["报警人{p}（{m}）称在{a}与人发生纠纷。", "{p}报警称其停放在{a}楼下的电动车被盗，报警电话{m}。",
                  "报警人称：{a}有人打架。报警人姓名{p}，电话{m}。"]), p=rp, m=v.mobile_val(), a=v.address_val())
    d.add(v.pick(["民警{o1}、辅警{o2}到场处置。", "值班民警{o1}带领辅警{o2}赶到现场，"]), o1=v.name_val(), o2=v.name_val())
    if v.chance(0.6):
        d.add(v.pick(["经查，对方{q}（身份证{i}，驾驶{pl}小汽车）与报警人因停车问题发生口角，", "现场查明{q}驾驶车牌{pl}的车辆与{p}发生碰擦，{q}证件号{i}。"]),
              q=v.name_val(), i=v.id_val(), pl=v.plate_val(), p=rp)
    if v.chance(0.3):
        d.add(v.pick(["{q}出示护照{pp}，", "当事人{q}持往来港澳通行证{pe}，"]), q=v.name_val(), pp=v.passport_val("passport"),
              pe=v.passport_val("permit"))
    d.add(v.pick(["双方经调解达成和解。", "已告知报警人向法院起诉。", "已受理为治安案件，案件编号{no}。"]), no=v.doc_number())
    if v.chance(0.3):
        i, m = v.id_and_mobile()
        d.add(v.pick(["\n附：{p}身份证号码与手机号 {i}{m}", "\n（报警人证件及电话：{i}{m}）"]), p=rp, i=i, m=m)
    return d


def enterprise(v: Values) -> Doc:
    d, name = Doc(), company(v)
    d.add(v.pick(["{c}关于变更法定代表人的公告\n", "{c}清算组公告\n", "{c}\n减资公告\n"]), c=name)
    d.add("统一社会信用代码：{cc}\n", cc=v.credit_val(v.pick(["91", "92", "93"])))
    d.add(v.pick(["经股东会决议，本公司法定代表人由{a}变更为{b}。", "本公司股东{a}、{b}决定解散公司并成立清算组，{a}任清算组负责人。",
                  "本公司注册资本由{amt}减少至{amt2}，股东{a}持股比例调整。"]),
          a=v.name_val(), b=v.name_val(), amt=v.amount(), amt2=v.amount())
    d.add(v.pick(["请债权人自本公告发布之日起四十五日内向本公司申报债权。\n联系人：{p}\n联系电话：{ph}\n地址：{addr}\n",
                  "债权申报联系人{p}，电话{ph}，邮箱{e}，申报地址{addr}。\n"]),
          p=v.name_val(), ph=v.pick([v.mobile_val(), v.landline_val()]), e=v.email_val(), addr=v.address_val())
    if v.chance(0.3):
        d.add("（登记机关：{o}，咨询电话{op}）", o=v.pick(["佛山市市场监督管理局", "佛山市顺德区市场监督管理局"]), op=v.office_phone())
    d.add("{dt}", dt=v.date_text())
    return d


def petition(v: Values) -> Doc:
    d, p = Doc(), v.name_val()
    d.add(v.pick(["信访事项处理意见书\n{no}\n{p}：\n", "{p}同志：\n"]), no=v.doc_number(), p=p)
    d.add(v.pick(["您于{dt}通过{ch}反映的{x}问题收悉。", "你{dt}来访反映{x}一事，我局已受理。"]),
          dt=v.date_text(), ch=v.pick(["网上信访平台", "来信", "12345热线转办"]),
          x=v.pick(["征地补偿款未足额发放", "小区业委会选举违规", "工伤待遇认定", "宅基地确权"]))
    d.add(v.pick(["经调查，您所在的{a}属于{c}旧村改造范围，", "经核实，你户（{a}）的补偿款{amt}已于{dt}发放至户主{q}账户{card}。"]),
          a=v.address_val(), c=v.coarse_place(), amt=v.amount(), dt=v.date_text(), q=v.name_val(), card=v.card_val())
    if v.chance(0.4):
        d.add("另，同行来访的{q}（电话{m}）所提诉求另行答复。", q=v.name_val(), m=v.mobile_val())
    d.add("如对本意见不服，可自收到之日起三十日内向{gov}申请复查。\n承办人：{h}  电话：{op}  监督邮箱：{em}\n{o}\n{dt}",
          gov=v.pick(["佛山市南海区人民政府", "佛山市信访局"]), h=v.name_val(), op=v.office_phone(), em=v.office_email(),
          o=office(v), dt=v.date_text())
    return d


def hukou(v: Values) -> Doc:
    d, p = Doc(), v.name_val()
    d.add("户籍证明\n{st}：\n", st=v.pick(["兹证明", "经查询常住人口信息系统"]))
    d.add(v.pick(["{p}，{g}，{nat}族，出生日期{b}，公民身份号码{i}，户籍地址{a}。\n",
                  "姓名：{p}\n性别：{g}\n民族：{nat}\n公民身份号码：{i}\n住址：{a}\n"]),
          p=p, g=v.pick(["男", "女"]), nat=v.pick(["汉", "汉", "壮", "维吾尔", "藏", "蒙古", "瑶"]), b=v.date_text(1950, 2010),
          i=v.pick([v.id_val(), v.id_val("full"), v.id15_val(), v.id_wrong_check()]), a=v.pick([v.address_val(), v.split_address()]))
    if v.chance(0.5):
        d.add("户主：{h}，与户主关系：{rel}。\n", h=v.name_val(), rel=v.pick(["子", "女", "妻", "孙子"]))
    if v.chance(0.3):
        d.add("曾用名：{old}。", old=v.name_val())
    d.add("特此证明。\n{st}（盖章）\n经办民警：{o}  联系电话：{op}\n{dt}",
          st=v.pick(["佛山市公安局禅城分局祖庙派出所", "佛山市公安局南海分局桂城派出所", "佛山市公安局顺德分局大良派出所"]),
          o=v.name_val(), op=v.office_phone(), dt=v.date_text())
    return d


def enrolment(v: Values) -> Doc:
    d, kid, parent = Doc(), v.name_val(), v.name_val()
    d.add("{sch}{y}年秋季一年级新生录取通知\n", sch=v.pick(["佛山市南海区桂城中心小学", "顺德区大良实验小学", "禅城区张槎中心小学", "三水区西南中心小学"]),
          y=str(v.r.randint(2023, 2026)))
    d.add(v.pick(["{k}同学家长：\n您的孩子{k}（学籍号G{i}）已被我校录取。", "{k}（身份证号{i}）家长{pa}：\n恭喜您的孩子被录取！"]),
          k=kid, i=v.id_val(v.pick(["plain", "plain", "spaces"])), pa=parent)
    d.add(v.pick(["请家长{pa}于{dt}携带户口簿、房产证明（{a}）到校报到。", "报到时请监护人{pa}（电话{m}）带齐积分入学材料，居住地址{a}须与居住证一致。"]),
          pa=parent, dt=v.date_text(), a=v.address_val(), m=v.mobile_val())
    d.add(v.pick(["班主任：{t}老师，联系电话{m}。", "咨询电话：{op}（招生办{tt}）"]), t=v.name_val(), m=v.mobile_val(), op=v.office_phone(), tt=v.titled())
    if v.chance(0.3):
        d.add("学费及代收费可通过家长{pa}名下银行卡{card}代扣。", pa=parent, card=v.card_val())
    return d


def property_reg(v: Values) -> Doc:
    d = Doc()
    d.add("不动产登记申请审批表\n不动产权证号：{cert}\n", cert=Val(f"粤（{v.r.randint(2018, 2026)}）佛{v.pick(['南', '顺', '禅', '三', '高'])}不动产权第{v.digits(7)}号", None, "property_cert"))
    owners = [v.name_val() for _ in range(v.r.randint(1, 2))]
    for o in owners:
        no = v.pick([v.id_val(), v.id_val(), v.passport_val()])
        kind = v.pick(["居民身份证", "身份证"]) if no.entity == "CN_ID_NUMBER" else \
            ("往来港澳通行证" if no.text[0] == "C" else "护照")
        d.add(v.pick(["权利人：{o}  证件种类：{kind}  证件号：{no}\n", "权利人{o}，{kind}{no}；\n"]), o=o, kind=kind, no=no)
    d.add("坐落：{a}\n", a=v.pick([v.address_val("estate"), v.address_val("urban"), v.split_address()]))
    d.add("面积：{n}平方米，用途：住宅，共有情况：{sh}\n", n=f"{v.r.randint(40, 180)}.{v.digits(2)}", sh=v.pick(["单独所有", "共同共有", "按份共有"]))
    d.add(v.pick(["代理人：{ag}（{m}）\n", "受理人：{ag}  复审人：{rv}\n", "通知人联系电话：{ll}\n"]),
          ag=v.name_val(), m=v.mobile_val(), rv=v.name_val(), ll=v.landline_val())
    d.add("登记机构：{o}（{addr}）", o=v.pick(["佛山市不动产登记中心", "佛山市南海区不动产登记中心"]), addr=v.public_address())
    return d


def chat(v: Values) -> Doc:
    d, me = Doc(), v.name_val()
    d.add(v.pick(["你好 我叫{p} ", "您好，我是{p}，", "在吗？我{p}啊，", "{p}，"]), p=me)
    bits = [
        ("手机号{m}有事打我", dict(m=v.mobile_val())),
        ("我身份证{i}帮我查下社保", dict(i=v.id_val())),
        ("身份证号码是{i}电话{m}", dict(i=v.id_val(), m=v.mobile_val())),
        ("住在{a}那边 楼下天天有人烧烤", dict(a=v.address_val(v.pick(["short", "estate", "community"])))),
        ("我老婆{q}的卡号{card}钱一直没到账", dict(q=v.name_val(), card=v.card_val())),
        ("qq邮箱{e}材料发那里就行", dict(e=v.email_val())),
        ("我的港澳通行证{pp}过期了 怎么续", dict(pp=v.passport_val("permit"))),
        ("车牌{pl}被贴罚单了", dict(pl=v.plate_val())),
        ("家里座机{ll}没人接就打我手机", dict(ll=v.landline_val(v.pick(["no_area", "hyphen", "spaced"])))),
        ("隔壁{q}天天占我车位", dict(q=v.name_val())),
    ]
    for template, slots in v.r.sample(bits, v.r.randint(2, 4)):
        d.add(template + v.pick(["，", "。", " ", "！！", "，，"]), **slots)
    d.add(v.pick(["谢谢", "麻烦尽快回复", "打12345也没用", "急！！", "{t}说让我找你们"]), t=v.titled())
    return d


GENRES = {
    "hotline": hotline, "penalty": penalty, "dibao": dibao, "discharge": discharge, "judgment": judgment,
    "police": police, "enterprise": enterprise, "petition": petition, "hukou": hukou, "enrolment": enrolment,
    "property": property_reg, "chat": chat,
}


# ---------------------------------------------------------------- controls: no personal data

def c_policy(v: Values) -> Doc:
    return Doc().add("{o}关于印发《{t}》的通知\n{no}\n各镇人民政府（街道办事处）、区直各单位：\n为深入学习贯彻习近平新时代中国特色社会主义思想，"
                     "根据《{law}》{art}，现将实施方案印发给你们，请认真贯彻执行。补助标准为每人每月{amt}，自{dt}起执行。\n"
                     "联系人：{t2}，电话：{op}，邮箱：{em}。\n{o}\n{dt2}",
                     o=office(v), t=v.pick(["佛山市最低生活保障实施办法", "南海区老旧小区改造三年行动计划", "顺德区学雷锋志愿服务实施方案"]),
                     no=v.doc_number(), law=v.pick(["社会救助暂行办法", "广东省社会救助条例"]), art=v.article(), amt=v.amount(),
                     dt=v.date_text(), t2=v.titled(), op=v.office_phone(), em=v.office_email(), dt2=v.date_text())


def c_heritage(v: Values) -> Doc:
    h, h2 = v.historical(), v.historical()
    return Doc().add(v.pick([
        "{h}故居位于{place}，始建于清代，{yr}年被公布为省级文物保护单位。{h2}纪念馆每年接待游客逾{n}万人次。",
        "岭南武术代表人物{h}的事迹陈列于祖庙博物馆，馆内另有{h2}生平展。开放时间9:00-17:00，咨询电话{op}。",
        "为纪念{h}诞辰{n}周年，{o}在{place}举办专题展览，展出{h2}手稿复制件{n2}件。",
    ]), h=h, h2=h2, place=v.coarse_place(), yr=str(v.r.randint(1980, 2015)), n=str(v.r.randint(10, 160)),
        n2=str(v.r.randint(10, 90)), op=v.office_phone(), o=office(v))


def c_hotline_report(v: Values) -> Doc:
    return Doc().add("{m}月12345热线运行情况通报\n本月共受理市民诉求{n}件，按时办结率{p}%。其中{place}诉求量居首，主要为噪音、"
                     "油烟、停车问题。{o}办结{k}件，满意率{s}%。工单{no}等{q}件被退回重办。热线电话：12345，"
                     "传真{op}。",
                     m=str(v.r.randint(1, 12)), n=f"{v.r.randint(10000, 99999)}", p=f"{v.r.randint(90, 99)}.{v.r.randint(0, 9)}",
                     place=v.coarse_place(), o=office(v), k=str(v.r.randint(100, 9999)), s=str(v.r.randint(85, 99)),
                     no=v.doc_number(), q=str(v.r.randint(2, 40)), op=v.office_phone())


def c_case_summary(v: Values) -> Doc:
    a, b = v.pseudonym(), v.pseudonym()
    return Doc().add(v.pick([
        "【典型案例】{a}诉{b}民间借贷纠纷案\n基本案情：{a}向{b}出借{amt}，约定{dt}前归还。法院依据《民法典》{art}判决{b}还款。"
        "案号{no}。本案由{c}审理，经办法官联系电话{op}。",
        "{c}发布劳动争议典型案例：劳动者{a}与用人单位{b}（某物业公司）因加班费发生争议，仲裁裁决支付{amt}。{t}表示，"
        "将持续加强普法宣传。",
    ]), a=a, b=b, amt=v.amount(), dt=v.date_text(), art=v.article(), no=v.doc_number(),
        c=v.pick(["佛山市中级人民法院", "禅城区人民法院", "南海区劳动人事争议仲裁院"]), op=v.office_phone(), t=v.titled())


def c_procurement(v: Values) -> Doc:
    return Doc().add("{o}{what}采购项目中标结果公告\n项目编号：{no}\n采购人：{o}（统一社会信用代码{pc}）\n地址：{addr}\n"
                     "中标金额：{amt}\n采购人联系方式：{t}，{op}\n监督部门：{o2}，邮箱{em}\n账户：{acct}",
                     o=office(v), what=v.pick(["办公设备", "物业管理服务", "信息化运维"]), no=v.doc_number(), pc=v.public_credit(),
                     addr=v.public_address(), amt=v.amount(), t=v.titled(), op=v.office_phone(), o2=v.pick(["佛山市财政局", "南海区财政局"]),
                     em=v.office_email(), acct=v.public_account())


def c_service_guide(v: Values) -> Doc:
    return Doc().add("办事指南：{item}\n办理地点：{o}（{addr}）{w}号窗口\n办理时限：{n}个工作日\n收费标准：{amt}\n"
                     "咨询电话：{op}；投诉电话：12345\n依据：《{law}》{art}\n注：申请人须提供身份证原件及复印件，{t}可代为预约。",
                     item=v.pick(["户口迁移", "居住证办理", "不动产转移登记", "低保申请", "新生儿入户"]), o=office(v),
                     addr=v.public_address(), w=str(v.r.randint(1, 40)), n=str(v.r.randint(1, 20)), amt=v.amount(),
                     op=v.office_phone(), law=v.pick(["户口登记条例", "不动产登记暂行条例"]), art=v.article(), t=v.titled())


def c_statistics(v: Values) -> Doc:
    return Doc().add("{place}{y}年国民经济和社会发展统计公报显示，全年地区生产总值{amt}，同比增长{p}%。常住人口{n}万人，"
                     "交易流水号{s}对应的财政直达资金已拨付；快递单号{nl}的公文已寄出，邮编528000。批次号{no}。",
                     place=v.coarse_place(), y=str(v.r.randint(2020, 2025)), amt=v.amount(), p=f"{v.r.randint(1, 9)}.{v.r.randint(0, 9)}",
                     n=str(v.r.randint(20, 300)), s=v.serial18(), nl=v.non_luhn_run(), no=v.doc_number())


def c_meeting(v: Values) -> Doc:
    return Doc().add(v.pick([
        "{dt}，{o}召开安全生产工作会议，传达学习省、市有关会议精神。会议要求各单位压实责任，{t}作总结发言。会议地点：{addr}。",
        "本周六上午，{place}开展“学雷锋”志愿服务活动，{t}带领志愿者清理河涌垃圾。报名电话{op}，邮箱{em}。",
    ]), dt=v.date_text(), o=office(v), t=v.titled(), addr=v.public_address(), place=v.coarse_place(), op=v.office_phone(), em=v.office_email())


CONTROLS = {
    "c_policy": c_policy, "c_heritage": c_heritage, "c_hotline_report": c_hotline_report, "c_case_summary": c_case_summary,
    "c_procurement": c_procurement, "c_service_guide": c_service_guide, "c_statistics": c_statistics, "c_meeting": c_meeting,
}
