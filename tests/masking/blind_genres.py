"""The documents of the blind corpus, genre by genre: each genre is a list of sections and each
section a list of alternative wordings (``""`` leaves the section out), so that two documents of a
genre rarely read alike.

Slots: ``{slot}``, ``{slot#k}`` (the same value again within the document) and ``{name@where}``
(where a name stands: ``cue`` after a label, ``kin`` after a kinship word, ``role`` after a role
such as 民警 or 房东, ``start`` opening a sentence, ``mid`` inside a sentence with nothing before
or after it, ``list`` in a list, ``sign`` alone on a signature line, ``cc`` in 抄送, ``title``
followed by a title, ``post`` followed by 称/名下/表示). The slots are filled in ``blind_corpus.py``.
"""
from __future__ import annotations

HOTLINE = [
    ["工单编号：{order}\n来电时间：{datetime}\n来电人：{name@cue}\n联系电话：{mobile}\n诉求内容：",
     "【12345热线】{order}　{datetime}　市民{name@cue}（{mobile}）来电反映：",
     "受理渠道：12345政务服务便民热线　受理时间：{datetime}　诉求人：{name@cue}　回访号码：{mobile}\n",
     "{datetime}，市民{title_person}来电（来电号码{mobile}）反映：",
     "工单号{order}，{title_person}通过佛山12345网络平台留言，联系方式{mobile}，留言称："],
    ["其居住的{address}楼上住户长期在夜间装修，噪音严重影响休息，多次与物业沟通无果。",
     "{address}附近有商户占道经营，夜宵档油烟扰民，要求相关部门尽快处理。",
     "其在{company}工作期间被拖欠工资{amount}，负责人{name@role}一直以资金周转困难为由拒付。",
     "其父亲{name@kin}（身份证号{id}）的高龄津贴自{date}起停发，要求核实原因。",
     "其于{date}在{company}购买的电动车出现质量问题，销售员{name@role}承诺退换后不再接听电话。",
     "{address}的化粪池堵塞外溢，与邻居{name@kin}多次协商维修费用未果。",
     "其子{name@kin}在{school}就读，学校要求缴纳{amount}资料费，市民质疑收费依据。",
     "其租住在{address}，房东{name@role}拒绝退还押金{amount}，房东电话{mobile}。",
     "其社保卡绑定的银行卡{card}被冻结，到{bank}办理解冻时被告知需本人到场，市民行动不便。",
     "其与{name@mid}于{date}合伙经营的档口被{dept}查封，{name#2@start}至今下落不明。",
     "小区物业经理{name@role}擅自将公共绿地改为停车位，业主{name@mid}、{name@list}等多人联名反对。",
     "{name@start}称其母亲{name@kin}在{hospital}住院期间跌倒骨折，医院拒绝承担责任。",
     "其家门口{address_short}的路灯损坏已近一个月，晚上出行不便。",
     "其丈夫{name@kin}于{date}在工地受伤，用人单位{company}不予申报工伤。"],
    ["", "市民另留座机{landline8}，可在工作时间联系。", "市民邮箱：{email}。", "市民称已向{title_person}反映多次无果。",
     "备用联系电话：{landline}。", "（市民要求对其个人信息保密）", "该市民曾于上月就同一问题来电，原工单号{order}。"],
    ["\n市民诉求：请相关部门核实处理并回复。", "市民要求回复，请承办单位于{days}个工作日内办理。",
     "\n承办单位：{dept}　派单人：{name@cue}", "\n办理结果：已联系市民{title_person}，{dept}已于{date}现场处置，市民表示满意。",
     "\n派单意见：请{dept}按职责办理，办理时限{days}个工作日。如有疑问请致电{gov_phone}。",
     "\n回访情况：{date}回访，市民对办理结果基本满意。经办人：{name@cue}"],
]

PENALTY = [
    ["{agency}\n行政处罚决定书\n{doc_no}\n", "{agency}行政处罚决定书　{doc_no}\n"],
    ["当事人：{name@cue}\n性别：{sex}　民族：汉族\n身份证号码：{id}\n住址：{address}\n联系电话：{mobile}\n",
     "当事人：{shop}（个体工商户）\n统一社会信用代码：{credit92}\n经营者：{name@cue}\n公民身份号码：{id}\n经营场所：{address}\n",
     "当事人：{company}\n统一社会信用代码：{credit91}\n法定代表人：{name@cue}\n住所：{address}\n",
     "当事人{name@cue}，{sex}，{birth}出生，身份证号{id}，户籍地{address_other}，现住{address}。\n",
     "当事人：{name@cue}（身份证号码：{id}），系{shop}实际经营者，手机{mobile}。\n"],
    ["本机关于{date}对当事人经营场所进行检查，发现当事人{violation}。",
     "{date}，执法人员根据举报对{address_short}进行检查，现场负责人{name@role}在场，发现当事人{violation}。",
     "本机关接群众{title_person}投诉后于{date}立案调查，查明当事人{violation}。"],
    ["上述事实有现场笔录、询问笔录、{name@mid}的证人证言及照片等证据证实。",
     "上述事实有当事人提供的身份证复印件、{name@mid}的陈述、现场检查笔录等证据为证。",
     "本机关于{date}向当事人送达了《行政处罚告知书》，当事人在法定期限内未提出陈述、申辩。",
     "当事人委托{name@mid}到本机关陈述申辩，称其不知道相关规定。"],
    ["当事人的上述行为违反了《{law}》第{article}条的规定。依据《{law}》第{article}条第{clause}款的规定，本机关决定：1.没收违法所得{amount}；2.罚款{amount}。",
     "依据《{law}》第{article}条，本机关决定对当事人处以罚款{amount}。"],
    ["罚款应自收到本决定书之日起十五日内缴至指定银行，户名：{gov_body}，账号：{gov_account}。",
     "当事人应自收到本决定书之日起十五日内，持本决定书到{bank}缴纳罚款。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。",
     "罚款请通过“粤省事”或{bank}缴纳。"],
    ["当事人如不服本处罚决定，可以在收到本决定书之日起六十日内向{gov_body}申请行政复议，也可以在六个月内依法向{court}提起行政诉讼。"],
    ["\n执法人员：{name@cue}、{name@list}（执法证号：{cert_no}、{cert_no}）", "\n承办人：{name@cue}　审核人：{name@cue}",
     "\n抄送：{name@cc}，{dept}。", ""],
    ["\n本机关地址：{gov_address}，邮编{postcode}，联系电话：{gov_phone}。", "\n联系电话：{gov_phone}（{agency}）",
     "\n监督电话：12345", ""],
    ["\n{agency}\n{date_cn}", "\n{date_cn}"],
]

ASSISTANCE = [
    ["最低生活保障入户调查记录\n调查时间：{datetime}\n调查地点：{address}\n调查人：{name@cue}、{name@list}\n",
     "特困人员供养审核意见\n", "临时救助申请审核表（摘要）\n经办时间：{date}\n",
     "残疾人两项补贴入户核查情况\n", ""],
    ["被调查人：{name#1@cue}（申请人），身份证号：{id}，联系电话：{mobile}。\n",
     "申请人{name#1@cue}，{sex}，{age}岁，公民身份号码{id}，户籍地址{address_other}，现居住{address}。\n",
     "申请人：{name#1@cue}　身份证：{id}　手机：{mobile}\n家庭住址：{address}\n",
     "{name#1@start}，{sex}，{birth}出生，身份证{id}，住{address}，电话{mobile}。\n"],
    ["家庭基本情况：申请人{name#1@mid}患有{disease}，丧失劳动能力。配偶{name@kin}，{age}岁，在{company}务工，月收入约{amount}。儿子{name@kin}，在{school}读书。",
     "家庭成员：{name@list}、{name@list}、{name@list}。其中{name#1@mid}为户主，长期患病。",
     "申请人丈夫{name@kin}于{date}因病去世，其独自抚养两名子女{name@list}、{name@list}，无固定收入。",
     "申请人与女儿{name@kin}共同生活，女儿的身份证号为{id}，目前在{school}就读。",
     "申请人是外省来佛务工人员，与{name@mid}同住{address}，房租{amount}。"],
    ["经查询，{name#1@post}名下无机动车辆，无商品房，银行存款{amount}。",
     "经核对，申请人家庭人均月收入低于本市最低生活保障标准。",
     "入户时{name#1@post}称其儿子{name@kin}在外打工，每月寄回{amount}。", ""],
    ["救助金发放账户：{bank}，户名{name#1@cue}，卡号{card}。", "补贴发放至申请人本人银行账户（{bank}，{card}）。",
     "救助资金请划入{name#1@post}的社保卡金融账户，卡号{card}。", ""],
    ["村（居）委会意见：经民主评议，同意上报。评议小组成员：{name@list}、{name@list}、{name@list}。",
     "\n{village}意见：情况属实，同意。", "\n镇（街道）审核意见：符合条件，拟同意。"],
    ["\n审核人：{name@cue}　　{date}", "\n{name@sign}\n{date}", "\n调查人签名：{name@cue}　被调查人签名：{name#1@cue}",
     "\n抄送：{name@cc}、{name@cc}，{dept}。"],
]

DISCHARGE = [
    ["出院小结\n姓名：{name#1@cue}　性别：{sex}　年龄：{age}岁　住院号：{inpatient}\n入院日期：{date}　出院日期：{date}\n",
     "{hospital}出院记录\n患者{name#1@cue}，{sex}，{age}岁，因“{complaint}”于{date}入院。\n",
     "出院小结（{hospital}）\n{name#1@start}，{sex}，{age}岁，住院号{inpatient}，床号{bed}。\n"],
    ["住址：{address}　联系电话：{mobile}\n", "身份证号：{id}　医保卡号：{id}\n", "家庭住址：{address}\n", ""],
    ["入院诊断：1.{disease}；2.{disease}。\n出院诊断：1.{disease}；2.{disease}。\n",
     "出院诊断：{disease}，{disease}。\n"],
    ["诊疗经过：入院后予{drug}、{drug}等治疗，病情好转。", "诊疗经过：完善相关检查后于{date}行手术治疗，术后恢复可。",
     "住院期间请{hospital}{name@title}主任会诊，意见为继续保守治疗。"],
    ["出院医嘱：1.低盐低脂饮食；2.按时服药；3.两周后门诊复查。",
     "出院医嘱：如有不适，每周二到骨科{name@title}教授门诊复诊。", "出院医嘱：门诊随诊，定期复查血常规。"],
    ["\n家属：{name@kin}（{relation}），电话{mobile}。", "\n陪护人{name@cue}，手机{mobile}。",
     "\n紧急联系人：{name@cue}　{mobile}", "\n家属{name@kin}已知悉病情并签字。", ""],
    ["\n主治医师：{name@cue}　住院医师：{name@cue}\n{date}", "\n医师签名：{name@cue}", "\n{name@sign}\n{date}",
     "\n上级医师：{name@cue}"],
]

JUDGMENT = [
    ["广东省佛山市{district}人民法院\n民事判决书\n{case_no}\n", "民事判决书　{case_no}\n"],
    ["原告：{name#1@cue}，{sex}，{birth}出生，汉族，住{address}，公民身份号码{id}。\n",
     "原告：{name#1@cue}，{sex}，{birth}生，住{address}。\n",
     "原告：{company}，住所地{address}，统一社会信用代码{credit91}。\n法定代表人：{name#1@cue}，该公司总经理。\n"],
    ["委托诉讼代理人：{name@cue}，广东{lawfirm}律师事务所律师。\n", "委托诉讼代理人：{name@cue}，系原告{relation}。\n", ""],
    ["被告：{name#2@cue}，{sex}，{birth}出生，汉族，住{address}，公民身份号码{id}。\n",
     "被告：{name#2@cue}，{sex}，{birth}出生，户籍地{address_other}，现住{address}，联系电话{mobile}。\n"],
    ["原告{name#1@cue}与被告{name#2@cue}{cause}一案，本院于{date}立案后，依法适用简易程序，公开开庭进行了审理。",
     "原告与被告{cause}一案，本院受理后依法适用普通程序，公开开庭进行了审理。原告及其委托诉讼代理人到庭参加诉讼。"],
    ["{name#1@start}向本院提出诉讼请求：1.判令{name#2@mid}偿还借款{amount}及利息；2.本案诉讼费用由被告负担。",
     "原告向本院提出诉讼请求：1.判令被告支付工资{amount}；2.判令被告支付经济补偿金{amount}。",
     "原告诉称：{date}，{name#2@start}因资金周转向原告借款{amount}，原告通过{bank}账户（卡号{card}）转账支付。"],
    ["事实和理由：{name#2@post}称已归还部分款项，但未能提供证据。", "证人{name@cue}出庭作证称，其亲眼看见{name#2@mid}在借条上签名。",
     "被告辩称：{name#1@mid}所述借款实为{name@mid}所借，与被告无关。", "被告经本院合法传唤，无正当理由拒不到庭参加诉讼。",
     "庭审中，原告提交了与{name#2@mid}的微信聊天记录及{name@mid}出具的收条。"],
    ["依照《中华人民共和国民法典》第六百六十七条、第六百七十五条，《中华人民共和国民事诉讼法》第一百四十七条规定，判决如下：",
     "依照《中华人民共和国劳动合同法》第四十七条、第八十五条之规定，判决如下："],
    ["\n一、被告于本判决发生法律效力之日起十日内向原告支付{amount}；\n二、驳回原告的其他诉讼请求。",
     "\n一、被告{name#2@cue}于本判决生效之日起十日内偿还原告{name#1@cue}借款{amount}及利息；\n二、驳回原告{name#1@cue}的其他诉讼请求。",
     "\n一、被告应于本判决发生法律效力之日起十日内给付原告款项{amount}；\n二、案件受理费{amount}，由被告负担。",
     "\n一、准予原告与被告离婚；\n二、婚生子{name@kin}由原告抚养，被告每月支付抚养费{amount}。"],
    ["\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于广东省佛山市中级人民法院。"],
    ["\n审判员　{name@cue}\n{date_cn}\n书记员　{name@cue}", "\n审　判　长　{name@cue}\n审　判　员　{name@cue}\n{date_cn}",
     "\n{name@sign}\n{date_cn}"],
]

POLICE = [
    ["接警时间：{datetime}\n报警人：{name#1@cue}，{sex}，身份证号码：{id}，联系电话：{mobile}\n简要警情：",
     "{datetime}，{station}接110指令：",
     "警情编号{order}　{datetime}　报警人{name#1@cue}（{mobile}）称：",
     "{datetime}，{name#1@start}到{station}报称："],
    ["其停放在{address}楼下的电动车被盗，车辆价值约{amount}。",
     "在{address}有人打架。民警{name@role}、辅警{name@role}到场处置。",
     "其驾驶的{plate}小车在{road}路口与一辆电动自行车发生碰撞，电动车驾驶人{name@mid}受轻伤。",
     "其放在{address}出租屋内的现金{amount}及身份证被盗，身份证号码{id}。",
     "其母亲{name@kin}（{age}岁，有老年痴呆症）于{date}从{address}走失，至今未归。",
     "其持有的往来港澳通行证（{permit}）及护照（{passport}）在{road}附近遗失。"],
    ["经了解，{name@mid}与{name@mid}因{dispute}发生口角并相互推搡，双方均无明显外伤。",
     "经查，{name@mid}系{company}员工，暂住{address}，手机{mobile}。",
     "涉事车辆{plate}登记车主为{name@cue}，身份证号{id}。",
     "嫌疑人{name@cue}（身份证{id}）已被传唤至{station}接受调查。",
     "经调取监控，发现一名男子于{date}驾驶{plate}离开现场，车辆登记在{name@post}名下。",
     "现场证人{name@cue}（电话{mobile}）称看到嫌疑人往{road}方向逃离。"],
    ["", "已告知双方可通过人民调解途径解决。", "已按盗窃案受案，案件编号{order}。",
     "已录入全国被盗抢机动车信息系统。", "报警人要求对其身份信息保密。"],
    ["\n处警民警：{name@cue}、{name@list}", "\n{station}\n值班民警：{name@cue}", "\n（{name@sign}　{date}）", ""],
]

NOTICE = [
    ["关于{company}简易注销的公告\n{company}（统一社会信用代码：{credit91}）经全体投资人决定，申请简易注销登记。清算组成员：{name@list}、{name@list}、{name@list}。债权人可自本公告发布之日起45日内申报债权。",
     "股权变更公示\n{company}（统一社会信用代码{credit91}）原股东{name@mid}将其持有的{percent}股权转让给{name@mid}，其余股东放弃优先购买权。",
     "遗失声明\n{name@start}不慎遗失{company}开具的增值税普通发票一张，发票代码{invoice_code}，发票号码{invoice_no}，声明作废。",
     "遗失声明\n{name@start}遗失往来港澳通行证，证件号码{permit}，特此声明作废。",
     "遗失声明\n{name@start}不慎遗失中华人民共和国护照，护照号码{passport}，声明作废。",
     "个体工商户{shop}（统一社会信用代码{credit92}，经营者{name@cue}）拟于{date}起停业，特此公告。",
     "{company}招聘公告\n因业务发展需要，现招聘会计2名。有意者请将简历发送至{email}，或致电{mobile}联系{title_person}。",
     "{company}关于法定代表人变更的公告\n经股东会决议，公司法定代表人由{name@mid}变更为{name@mid}，自{date}起生效。"],
    ["", "联系人：{name@cue}，联系电话：{mobile}，邮箱：{email}。", "联系人：{name@cue}　{landline}",
     "联系地址：{address}，邮编{postcode}。", "如有异议，请与{name@mid}联系（手机{mobile}）。"],
    ["\n特此公告。\n{company}\n{date}", "\n法定代表人：{name@cue}\n{company}（盖章）\n{date}", "\n{date}",
     "\n{company}董事会\n{date}\n抄送：{name@cc}、{name@cc}"],
]

CONTROL = [
    ["关于开展{matter}工作的通知\n各镇（街道）、区直各单位：\n为贯彻落实《{law}》和{doc_no}精神，现就有关事项通知如下。"
     "请各单位于{date}前报送材料。联系人：{title_person}，电话：{gov_phone}，邮箱：{gov_email}。\n{gov_body}\n{date_cn}",
     "{gov_body}关于{matter}的公告\n根据《{law}》第{article}条，本机关定于{date}起开展{matter}。咨询电话：{gov_phone}；"
     "监督电话：12345。办公地址：{gov_address}，邮编{postcode}。",
     "各位市民：如对{matter}有意见建议，可拨打12345政务服务便民热线或0757-12345反映，也可发送邮件至{gov_email}。"],
    ["{heritage}", "{heritage}{heritage}"],
    ["{district}人民法院审理的原告{pseudonym}与被告{pseudonym}{cause}一案（{case_no}），原告{pseudonym}，{sex}，1975年出生，汉族，住佛山市{district}。"
     "判决被告于判决生效之日起十日内支付{amount}。依照《中华人民共和国民法典》第{article}条之规定判决。",
     "裁判文书摘要：{pseudonym}诉{pseudonym}、{pseudonym}{cause}，{case_no}。本院认为，{pseudonym}的诉讼请求证据不足，不予支持。"],
    ["{year}年全市12345热线共受理诉求{count}宗，其中{matter}类{count}宗，按时办结率{percent}。{title_person}反映的{matter}问题已由{dept}跟进。",
     "今年以来，{district}累计发放{matter}资金{amount}，惠及困难群众{count}人次。发放账户信息请向{gov_body}（电话{gov_phone}）查询。"],
    ["缴费须知：考试报名费请汇入以下账户。户名：{gov_body}；开户银行：{bank}；账号：{gov_account}。缴费后请凭发票（发票代码{invoice_code}，发票号码{invoice_no}）报销。",
     "非税收入缴款：执收单位{gov_body}，收款账号{gov_account}，缴款码{non_id_run}，金额{amount}。"],
    ["{lookalike}", "{lookalike}{lookalike}", "{lookalike}{lookalike}{lookalike}"],
    ["交通管制通告：因{road}改造施工，{date}至{date}期间实行半封闭施工，请途经车辆绕行佛山一环3号出口。咨询电话：{gov_phone}（{dept}）。",
     "采购公告：项目编号FSCG2026-{count}，采购人{gov_body}，地址{gov_address}，联系电话{gov_phone}。预算金额{amount}。业务流水号{non_id_run}。",
     "{company}（统一社会信用代码：{bad_credit}）于{date}在{district}举行投产仪式，总投资{amount}，项目代码2026-440605-{count}-03-0{count}。",
     "档案整理说明：原登记编号{non_id_run}等{count}份档案已按《{law}》第{article}条移交{gov_body}。",
     "{year}年{district}常住人口{count}万人，户籍人口{count}万人，比上年增长{percent}。邮政编码{postcode}。"],
    ["市民{title_person}来电咨询{matter}办理流程，已告知其到{district}行政服务中心办理，办公地址{gov_address}。",
     "{title_person}、{title_person}在{road}巡查时发现井盖缺失，已通知{dept}（{gov_phone}）处理。",
     "经与{title_person}沟通，双方同意按{doc_no}的规定执行。"],
]

GENRES = {
    "hotline": HOTLINE, "penalty": PENALTY, "assistance": ASSISTANCE, "discharge": DISCHARGE,
    "judgment": JUDGMENT, "police": POLICE, "notice": NOTICE,
}

# phrases for the control texts: words that hold a surname, places named after families, people of history
HERITAGE = [
    "孙中山先生提出的“三民主义”影响深远。", "康有为故居位于南海区丹灶镇苏村，是省级文物保护单位。",
    "黄飞鸿是佛山武术界的代表人物，其狮艺至今仍在祖庙上演。", "叶问将咏春拳带到香港，培养了大批弟子。",
    "詹天佑祖籍婺源，主持修建了京张铁路。", "陈启沅在南海简村创办继昌隆缫丝厂，是中国第一家民族资本缫丝厂。",
    "梁启超与康有为一同发动公车上书。", "吴趼人是清末著名小说家，代表作有《二十年目睹之怪现状》。",
    "冼夫人信俗是国家级非物质文化遗产。", "陈铁军烈士的事迹被编入佛山中小学乡土教材。",
    "袁崇焕纪念园每年清明吸引大量市民前往缅怀。", "邓世昌在甲午海战中壮烈殉国，其精神激励后人。",
    "黄飞鸿纪念馆每天上午十点有醒狮表演。", "叶问堂展出了叶问生前使用过的木人桩。",
]
LOOKALIKES = [
    "高明区创建全国文明城市，请勿在公共场所乱张贴小广告。", "王牌产品“石湾公仔”亮相文博会。",
    "丹灶镇金沙片区将建设新能源汽车产业园。", "当事人应自收到本通知书之日起十五日内提出书面意见。",
    "自收到整改通知起，企业须于三十日内完成整改。", "张槎街道与陈村镇签订结对帮扶协议。",
    "黄岐、罗村、杨和、龙江等地的龙舟赛于端午期间举行。", "常务会议研究了高新区建设方案。",
    "严格落实安全生产责任制，何时发现隐患何时整改。", "马上就办、一次办好是政务服务的基本要求。",
    "向日葵花海在明城镇开放，于是吸引了大批游客。", "钟楼公园改造后新增儿童游乐设施。",
    "白云区与南海区交界处将新建一座跨江大桥。", "陈列馆周一闭馆，节假日正常开放。",
    "方便群众办事，行政服务中心推出周末延时服务。", "黄金周期间全市接待游客超过三百万人次。",
    "文华公园的孔明灯表演取消。", "关于进一步加强安全生产工作的通知已印发。",
    "本决定书自送达之日起生效。", "金榜上街的骑楼建筑群列入历史文化街区保护名录。",
]
MATTERS = ["最低生活保障年度核查", "燃气安全专项整治", "电动自行车集中充电设施建设", "高龄津贴发放",
           "校外培训机构检查", "城乡居民医保参保缴费", "住房公积金提取", "营商环境评价"]
LAWS = ["中华人民共和国食品安全法", "中华人民共和国安全生产法", "广东省城乡生活垃圾管理条例",
        "中华人民共和国消防法", "社会救助暂行办法", "佛山市公共数据管理办法", "中华人民共和国广告法"]
VIOLATIONS = ["经营超过保质期的食品", "未取得食品经营许可从事食品经营活动", "在广告中使用“国家级”“最高级”等用语",
              "未按规定设置消防安全标志", "占用城市道路堆放物料", "未按规定分类投放生活垃圾"]
DISEASES = ["2型糖尿病", "高血压病3级", "阿尔茨海默病", "帕金森病", "克罗恩病", "桥本甲状腺炎", "格林-巴利综合征",
            "霍奇金淋巴瘤", "川崎病", "社区获得性肺炎", "腰椎间盘突出症", "冠状动脉粥样硬化性心脏病"]
DRUGS = ["阿司匹林", "二甲双胍", "甲钴胺", "阿托伐他汀", "头孢曲松", "左旋多巴", "美沙拉嗪"]
COMPLAINTS = ["反复胸闷3天", "右下腹痛1天", "发热伴咳嗽5天", "摔倒致左髋部疼痛2小时", "头晕乏力1周"]
CAUSES = ["民间借贷纠纷", "劳动争议", "房屋租赁合同纠纷", "机动车交通事故责任纠纷", "买卖合同纠纷", "离婚纠纷"]
DISPUTES = ["停车位", "楼道堆放杂物", "装修噪音", "宠物狗咬人", "债务"]
RELATIONS = ["儿子", "女儿", "配偶", "侄子", "兄长"]
HOSPITALS = ["佛山市第一人民医院", "南海区人民医院", "顺德区第一人民医院", "佛山市中医院", "三水区人民医院"]
SCHOOLS = ["佛山市第一中学", "南海区桂城中学", "顺德区大良实验小学", "禅城区石湾第一小学", "三水区西南中学"]
STATIONS = ["桂城派出所", "大良派出所", "祖庙派出所", "西南派出所", "荷城派出所", "容桂派出所"]
AGENCIES = ["佛山市南海区市场监督管理局", "佛山市顺德区应急管理局", "佛山市禅城区城市管理和综合执法局",
            "佛山市三水区卫生健康局", "佛山市高明区市场监督管理局"]
GOV_BODIES = ["佛山市南海区财政局", "佛山市人民政府", "佛山市顺德区人民政府", "佛山市人力资源和社会保障局",
              "佛山市禅城区民政局", "佛山市三水区人民政府"]
DEPTS = ["桂城街道办事处", "南海区住房城乡建设和水利局", "顺德区人社局", "禅城区民政局", "大良街道城管中队",
         "三水区卫生健康局", "佛山市生态环境局南海分局"]
COURTS = ["佛山市南海区人民法院", "佛山市禅城区人民法院", "佛山市顺德区人民法院"]
LAWFIRMS = ["国智", "广和", "金桥", "德赛", "瀚宇"]
SHOPS = ["佛山市南海区桂城明记烧腊店", "顺德区大良好味道餐饮店", "禅城区张槎阿华五金店", "三水区西南鸿发便利店",
         "高明区荷城福临门食品商行"]
