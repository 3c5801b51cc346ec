"""What stands around a person's name in Chinese documents: the patterns ``masking.person`` reads.

Before a name: cue words (``PREFIX_ANCHOR``: 原告, 申请人, 配偶 …), a form's role label
(``ROLE_LABEL``: 派单人：), court titles spelt with spaces, weaker openers (致, 尊敬的).
After it: what follows names (``SUFFIX_CONTEXT``: 先生, ，男, 名下, 向本院 …), what a
person did (``ACTION_AFTER``: 到场, 擅自, 为户主 …), what only a person does (``PERSON_ACT``,
which makes even a common word a name) and, after a cue, the person's act (``CUED_ACT``).
Around it: a person of history (``HISTORICAL_AFTER``: 故居, 诞辰; disease eponyms), an
organisation or a place the "name" is part of (``ORG_AFTER``, ``PLACE_AFTER``), a signature.
"""
from __future__ import annotations

import re

from masking import places
from masking.lexicon import NAME_PREFIX_CONTEXT, NAME_SUFFIX_CONTEXT

TITLES = tuple(sorted(NAME_SUFFIX_CONTEXT, key=len, reverse=True))
SUFFIX_CONTEXT = re.compile(
    "(?:副|代)?(?:" + "|".join(TITLES) + ")(?!事务所|协会|学会)"  # 国智律师事务所: a firm, not 律师
    r"|名下|身份证|证件号|手机|电话"
    r"|的(?:身份证|证件|手机|电话|银行卡|账户|驾驶证|女儿|儿子|家长|父亲|母亲|妻子|丈夫|配偶|住址|户籍|社保|医保|车辆|房屋|名下)"
    r"|[，,（(]\s*[男女](?:[，,）)、]|$)|[（(](?:身份证|驾驶证|证件|公民身份|护照|手机|电话)"
    r"|(?:两|二|三|四|等|一行)人"
    r"|于(?:\d{4}|今年|去年|本月|上月|近日|当日|\d{1,2}月)"
    r"|(?:称|反映|来电|来访|投诉|举报|表示|签字|签名|确认|本人|辩称|陪同|出庭|作证|现年|系)"
    # what judgments, notices and police notes say of a party right after its name
    r"|向(?:本院|法院|原告|被告|本机关)|所借|所述|(?:不慎)?遗失|的(?:陈述|微信|聊天|社保卡|收条)|出具|持有|签收|到庭|诉称"
    r"|联系"  # 请与刘昌永联系: before 系, which alone is context too
    r"|[，,（(]\s*\d{1,3}岁|[，,]\s*(?:手机|联系电话|身份证)"
)
# What a document says a person did, right after the name (到场, 擅自, 知悉, 为户主 …): it makes a
# surname and a likely given name a name (白淑兰到派出所报称), not a common word after a cue
# (被告单位至今未支付).
ACTION_AFTER = re.compile(
    r"在场|到场|到(?:[^，。；\n]{0,10}?)(?:派出所|公安局|医院)(?:报称|报案|报警|就诊)|报称|报案|报警"
    r"|擅自|拒绝|拒不|至今|(?:已|均已)?知悉|患有|偿还|将其|为户主|同住|共同生活|等多人"
    r"|因(?:资金|债务|琐事|纠纷|病|故|家庭|经济|工作)|由(?:原告|被告|申请人|其)?抚养|与(?:原告|被告|第三人)"
    r"|的(?:证人证言|证言|询问笔录)|在[^，。；\n]{0,6}?(?:签名|签字|捺印)"
    r"|夫妇|之(?:子|女|妻|夫|父|母)|诉(?:被告|至)|(?:因病)?(?:去世|死亡|身故|病故)|受伤|就诊|入院|出院"
)
# What a party of a police note or a penalty decision did, right after its name (黄俊杰驾车离开,
# 万志刚承认了上述事实): weaker than ``ACTION_AFTER`` (things and bodies do some of it too), so it
# lifts only a candidate with a likely given name (``masking.person``), never a rare reading.
PARTY_ACT = re.compile(
    r"驾驶|驾车|骑(?:行|乘|车)|承认|供述|交代|声称|自述|主诉|多次|殴打|辱骂|盗窃|购买|租住|居住|拨打|摔倒|摔伤"
    r"|签订|借款|转账|辩解|入职|离职|退休|离开|离去|逃离|赶到|回家"
)
# Where a clause begins: punctuation, a line, or a time or sequence word (次日，| 当晚 | 随后 | 因).
CLAUSE_START = re.compile(
    r"(?:^|[，,。；;：:\n（(]|后|次日|当晚|当天|当日|随后|期间|事发时|其后|之后|同日|翌日|当时|此前|此后|近日|日前"
    r"|凌晨|晚上|上午|下午|中午|傍晚|深夜|夜间|因|由于|经查|据查|后经|发现)$"
)


def context_after(text: str, i: int) -> bool:
    """Whether what follows names, or what a person did, starts at ``text[i]``."""
    return SUFFIX_CONTEXT.match(text, i) is not None or ACTION_AFTER.match(text, i) is not None


PREFIX_ANCHOR = re.compile(
    "(?:" + "|".join(sorted(NAME_PREFIX_CONTEXT, key=len, reverse=True)) + r")(?P<sep>(?:[:：\s]|是|为|系|叫|由)*)"
)
# After a name, words that make it a person of history (孙中山故居, 纪念康有为诞辰): not personal data.
# So are the eponyms of diseases (霍奇金淋巴瘤, 帕金森病，).
HISTORICAL_AFTER = re.compile(r"(?:先生)?(?:故居|旧居|纪念馆|纪念堂|诞辰|铜像|塑像|雕像|手稿|遗墨|墓|祠|像|题写|题词|生平|事迹|思想)"
                               r"|(?:淋巴瘤|综合征|综合症|氏[病症征]|病(?:[，,。；;、）)\n]|$))")
HISTORICAL_BEFORE = re.compile(r"(?:纪念|缅怀|追忆|弘扬)$")
# A role label of a form: a word ending in 人, 者 or 员 and a colon (派单人：, 经营者：, 调查员：).
ROLE_LABEL = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{1,4}?(?:人|者|员)[:：]\s*")
# Court titles spelt out with spaces in a judgment's signature block (审　判　长).
SPACED_COURT_TITLE = re.compile(
    "(?:" + "|".join("[ \u3000]*".join(title) for title in ("代理审判员", "人民陪审员", "审判长", "审判员", "陪审员",
                                                            "书记员", "法官助理", "执行员")) + ")[ \u3000]+"
)
# A signature: two to four characters alone on a line, with a date or the end of the text below. A date
# is a year (2026年, 2026-03-01), not any four digits: 单位电话\n0757-83331234 is a label over its value.
_DATE = r"(?:(?:19|20)\d{2}\s*(?:年|[-./]\s*\d{1,2}|\d{4}(?!\d))|二〇|二零)"
SIGNATURE_LINE = re.compile(
    r"(?:^|\n)[ \u3000]*([\u4e00-\u9fff]{2,4})[ \u3000]*(?=\n[ \u3000]*" + _DATE + r"|\s*$)"
    r"|[（(]([\u4e00-\u9fff]{2,4})[ \u3000]+(?=" + _DATE + r"[^）)\n]{0,14}[）)])"  # （马力　2025-07-11）
)
# What a document says only of a person right after its name: a word that begins with a surname
# (温暖, 田野) is a name before it (田野向本院提出, 江山名下, 华夏为户主). Not what things do
# too (钱包不慎遗失, 高温至今未退, 路人报警).
PERSON_ACT = re.compile(
    r"向本院|到庭|出庭|作证|诉称|辩称|报称|名下|为户主|的陈述|所述|所借"
    r"|[，,（(]\s*[男女][，,）)、]|[，,（(]\s*\d{1,3}岁|[，,]\s*(?:手机|联系电话|身份证)"
)
# And, after a cue word (负责人马力在场, 家属方圆已知悉), what the person there did.
CUED_ACT = re.compile(r"在场|到场|(?:已|均已)?知悉|由(?:原告|被告|申请人|其)?抚养|[（(](?:电话|手机|身份证)|与(?:原告|被告)")
# Weaker openers: the name after them must end at a colon or comma (致张三：…).
STRICT_ANCHOR = re.compile(r"(?:致|尊敬的|亲爱的)")
ORG_AFTER = re.compile(
    places.HAN + r"{0,10}?(?:有限公司|有限责任公司|股份|公司|集团|商行|商店|门市部|工作室|事务所|合作社|研究院|医院|学校|中学|小学|大学|银行|店|厂"
    # a body's name the "name" is the start of (区民|政局, 区人|社局)
    r"|政局|社局|管局|政府|委员会|人民法院|检察院|派出所|服务中心|办事处|居委会|村委会)"
)
PLACE_AFTER = re.compile(r"(?:街道|镇|乡|村|社区|路|大道|区|县|公园|广场|花园|派出所|中队|大队|分局|法庭)")  # 容桂派出所
ORG_BREAKERS = frozenset("在于向到从和与、的及将把被对给为是")
# Words after a place's name: a "name" before them is a place (林岳一带, 黎涌附近, 林岳方向).
# Also a market, a bridge or a station named after the place (林岳市场, 黎涌大桥), and where a
# vehicle went from (由林岳驶往张槎): a vehicle leaves places, not people.
PLACE_WORDS = re.compile(r"一带|附近|方向|片区|周边|辖区|境内|路段|一侧|地段"
                         r"|(?:菜|农贸|综合)?市场|商场|墟|圩|大桥|码头|(?:汽车|客运)?车站|汽车站|客运站|牌坊"
                         r"|驶往|驶向|开往|驶入|驶离"
                         # the water, land and sights a place names (冯家湾渔港, 贺兰山景区, 刘家峡水库)
                         r"|湾|渔港|港湾|港口|景区|风景区|海滩|沙滩|水库|山庄|林场|农场|渔场|茶场|牧场|果园|河畔|湖畔")
# Words before a place's name: what comes right after them is where, not who (家住黎涌, 途经林岳).
PLACE_BEFORE = re.compile(r"(?:家住|住在|居住在|位于|经过|途经|前往|驶往|驶向|来自|到达|抵达|地处|坐落于)$")
# A road or lane named after a surname (李子园路, 魏家巷): one or two more characters and a road's
# suffix, then what follows a road (a junction, a direction, a number, punctuation), not 路过 or 街头.
ROAD_AFTER = re.compile(
    r"[\u4e00-\u9fff]{0,2}?(?:大道|大街|路|街|巷)(?:[东西南北中]?(?:[0-9一二三四五六七八九十]+号|口|与|和|、|段|以|交|向|一带|附近|旁|沿线)"
    r"|[，,。；;）)\s]|$)")
LISTING = ("、", "和", "与", "及")
