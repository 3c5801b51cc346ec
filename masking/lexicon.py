"""Word lists the Chinese recognizers lean on: surnames, given-name characters, places.

Everything here is public knowledge (the 百家姓, the national administrative divisions,
the towns and streets of 佛山); nothing is fitted to a test corpus. Lists are frozensets
or tuples so recognizers can build regular expressions from them once.
"""
from __future__ import annotations

from masking import surnames as _data

# About 400 single-character surnames in descending order of frequency (census order,
# approximately; 萧/肖 and 阎/闫 both spelt).
SURNAMES_BY_FREQUENCY = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋"
    "蔡余杜叶程苏魏吕丁任沈姚卢傅姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷"
    "侯龙史陶黎贺顾毛郝龚邵万钱严赖覃洪武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂"
    "章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁"
    "冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎"
    "甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺"
    "楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门"
    "云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危"
    "玉银亢嵇公哈湛宾戎勾茅利呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由萧阎"
)

# Every surname: the frequency list and the whole 百家姓 and rarer ones of ``data/surnames.txt``,
# so that a rare surname (禤, 笪, 冼 …) is masked with its given name, never left standing.
SURNAMES = frozenset(SURNAMES_BY_FREQUENCY) | _data.SINGLE_SURNAMES
# The 120 most frequent (about nine people in ten): a name candidate without context
# right next to it must start with one of these.
COMMON_SURNAMES = frozenset(SURNAMES_BY_FREQUENCY[:120])

# Surnames of the 百家姓 that are also everyday words or particles; they only count as a
# surname next to explicit context (联系人, 先生 …), never on their own.
AMBIGUOUS_SURNAMES = frozenset("于和向从时常全平明成国文东公都能通利经应解干家山车红后查相益空那来安原海花强盘门云普信展元由但居富衡战须") \
    | _data.EVERYDAY_SURNAMES

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 夏侯 诸葛 闻人 东方 赫连 皇甫 尉迟 公羊 澹台 公冶 宗政 濮阳 淳于 单于 "
    "太叔 申屠 公孙 仲孙 轩辕 令狐 钟离 宇文 长孙 慕容 鲜于 闾丘 司徒 司空 端木 呼延 南宫 "
    "西门 东郭 百里 拓跋".split()
) | _data.COMPOUND_SURNAMES

# Characters that commonly occur in given names. Used to judge a surname followed by one
# or two characters that jieba did not recognise as a name.
CORE_GIVEN_NAME_CHARS = frozenset(
    "伟强磊洋勇军杰涛超明刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢佳阳建亮成峰国晨瑞志"
    "兵雷东博彬坤岩杨文利楠霞芳娜敏静秀英丽艳娟燕玲桂丹萍红兰梅莉珍婷凤晶颖雪慧倩琴畅云"
    "洁柳淑春海冬荣莹琳玉欣香芝小金瑜花璐嘉子轩涵怡梓雨萱思一诗妍晓欣宏永胜刘德福贵生祥"
    "光庆民海江河山川清泉水森松柏竹梁栋材才学立新振兴家庭忠孝仁义礼智信诚正直良善美佩"
    "琪琦瑶璇珊瑾瑛琼璐丽娇媛婉嫣妮娅姗姣倚依伊蕾蓉蓓薇蕊菲芬芸芷苗萌茜荷莎菊蓝青翠碧"
    "虹霓露霜冰月星辰日晖晗昊昕昌晋晟景智慧聪颖灵巧敏捷锋锐钢铁铭锦钰鑫银铮镇长永康乐"
    "安宁静和顺祥瑞吉庆喜福禄寿禧宝珠钧鸿鹤鹰雁凤鹏飞翔宇宙天地坤乾元亨利贞启明亚洲"
    "卫红军兵民建设跃进革抗美援朝胜利解放东方文武彪豪雄威猛伦秋冬春夏朝晖旺发达富有"
    "梦婕妤婧娴嫦娥姝媚娉婷婵媛姿韵悦乐怡恬惠慈爱心思念恩君臣卿相士仕伯仲叔季孟嵩峻岭"
    "峰峦崇岳巍峨涛澜波浪潮汐湘沅澄泽润渊源溪涌滨洪沛沐浩淼瀚炜炯烨焕煜熙燕然焱"
)
# With the characters of ``data/given_names.txt`` (雯, 仪, 汉, 祖 …). A word jieba tags as a name
# is judged by the core list only: its tags hold common words (越权, 荣耀, 辛勤) that the wider
# list would let through.
GIVEN_NAME_CHARS = CORE_GIVEN_NAME_CHARS | _data.MORE_GIVEN_NAME_CHARS

# Words that look like names to the segmenter but are not (jieba tags 申请人 and 高明区 nr).
NOT_NAMES = frozenset(
    "申请人 被申请人 当事人 负责人 经办人 联系人 代理人 委托人 法定代表人 申请 高明 高明区 "
    "高新 高速 高级 高中 黄金 白天 白云 金额 金融 余额 万元 文件 文明 明确 明天 明年 成立 "
    "成本 成员 成都 安全 安排 平安 平台 常务 常住 全部 全面 时间 时候 和平 向前 石油 林业 "
    "江门 方面 方式 程序 项目 马上 关于 关注 关系 钱款 周一 周二 周三 周四 周五 周六 周日 "
    "周末 周边 周年 孙子 陈述 陈列 任务 任何 任期 许可 于是 曾经 唐山 宋体 韩国 龙江 "
    "杨和 乐从 乐平 南海 南庄 南山 顺德 禅城 三水 佛山 广州 深圳 广东 东莞 中山 "
    "罗湖 福田 宝安 龙岗 龙华 海珠 荔湾 天河 番禺 花都 南沙 从化 增城 黄埔 越秀 "
    "谢谢 谢绝 谢意 谢罪 银行 银行卡 开户 开户行 应自 应当 应于 自收 于当 高龄 高血 "
    "邓小平 毛泽东 周恩来 习近平 孙中山 鲁迅 张某 李某 王某 刘某 陈某 某某".split()
) | _data.HISTORICAL_FIGURES | frozenset(
    # Plants, crops and herbal drugs that jieba's dictionary tags as names (nr): in a prescription, a
    # harvest or a forest's record nothing around them tells them from a name, so they are listed.
    # Only those no one is named (not 杨梅, 李子, 白莲, 桂花: given names too).
    "金银花 何首乌 罗汉果 罗汉松 万寿菊 车前草 龙胆草 益母草 万年青 常春藤 郁金香 石斛 杜仲 陈皮 柴胡 连翘 田七 "
    "艾叶 沙糖桔 桑叶 麦冬 丹参 秦艽 葛根 玉米 苗木 桂圆 马尾松 胡椒 燕麦 冷杉 云杉 银耳 黄芩 麦芽 山茶花 "
    "水仙花 丁香花 白兰花 玉兰花 马兰花 哈密瓜 巴豆 杜鹃花 龙井茶 乌龙茶 红茶 黄柏 黄精 杨桃 檀香 白芷 连花清".split())

# Words right before a name that make it one (姓名：张三, 申请人李四).
NAME_PREFIX_CONTEXT = (
    "姓名", "名字", "联系人", "申请人", "被申请人", "当事人", "负责人", "经办人", "法定代表人",
    "法人代表", "代理人", "委托人", "户主", "户名", "收件人", "寄件人", "投诉人",
    "举报人", "报案人", "受害人", "患者", "学生", "家长", "监护人", "配偶", "持卡人",
    "开户人", "开户名", "业主", "租户", "承租人", "出租人", "借款人", "担保人", "驾驶人",
    "驾驶员", "车主", "员工", "职工", "工作人员", "村民", "居民", "群众", "市民",
    "同事", "邻居", "丈夫", "妻子", "儿子", "女儿", "父亲", "母亲", "签名", "签字",
    "旅客", "乘客", "游客", "客户", "考生", "病人", "家属", "随行人员", "申报人", "权利人",
    "义务人", "继承人", "受益人", "被保险人", "投保人", "参保人", "纳税人", "购房人", "承诺人",
    "本人", "家庭成员", "成员", "委托", "我叫", "名叫", "叫做", "复核人", "审核人", "审批人",
    "填表人", "记录人", "检查人", "调查人", "制表人", "签收人", "教师", "医师", "护士", "民警", "法官", "检察官", "证人", "嫌疑人", "犯罪嫌疑人",
    # legal and administrative documents
    "原告", "被告", "第三人", "上诉人", "被上诉人", "原审原告", "原审被告", "申诉人", "被申诉人", "被执行人",
    "申请执行人", "审判长", "审判员", "人民陪审员", "陪审员", "书记员", "法官助理", "执行员", "承办人",
    "执法人员", "执法员", "办案人员", "询问人", "被询问人", "讯问人", "报警人", "来电人", "来访人", "求助人",
    "主治医师", "住院医师", "主任医师", "责任护士", "子女", "其母", "其父", "其子", "其女", "其妻", "其夫",
    "前夫", "前妻", "股东", "孙子", "孙女", "监护人", "变更为", "担任",
    # kin, police and copies
    "判令", "实为", "婚生子", "婚生女", "长子", "次子", "长女", "次女", "养子", "养女", "辅警", "协警", "抄送", "转让给",
    "其母亲", "其父亲", "经营者", "陪护人", "陪同人", "陪同人员", "房东",
    # more kin, and the roles of a business or a tenancy
    "哥哥", "弟弟", "姐姐", "妹妹", "胞兄", "胞弟", "胞姐", "胞妹", "儿媳", "女婿", "外孙", "外孙女", "侄子", "侄女",
    "祖父", "祖母", "外公", "外婆", "爷爷", "奶奶", "岳父", "岳母", "继子", "继女", "男友", "女友",
    "店主", "租客", "法人", "执行董事", "监事",
    # the accused of a criminal judgment, a household, a tenant
    "被告人", "住户", "房客",
)

# Words right after a name that make it one (张三先生, 李四同志).
NAME_SUFFIX_CONTEXT = (
    "先生", "女士", "小姐", "同志", "老师", "医生", "律师", "警官", "师傅", "主任", "局长",
    "科长", "处长", "书记", "经理", "本人", "同学", "老人", "阿姨", "叔叔",
    "所长", "站长", "队长", "院长", "校长", "村长", "组长", "部长", "厅长", "会长", "董事长",
    "总经理", "工程师", "教授", "护士长", "警长", "社长",
    # familiar ways of addressing someone by surname (罗大爷, 陈阿婆, 吴老板)
    "大爷", "大妈", "大娘", "大婶", "大叔", "大伯", "大哥", "大姐", "大嫂", "阿婆", "阿伯", "阿公", "阿叔",
    "阿姐", "阿哥", "婆婆", "老板", "老板娘", "大夫", "老总", "总监", "科员", "干事", "专员",
)
# One-character forms of address after a surname (李姐, 陈伯, 王婶, 李工, 王总): with no given name
# the surname and the title name no one (issue 18), whereas 李伯涛 is a name.
SHORT_TITLES = frozenset("伯叔婶嫂姐哥工总董局姨婆爷")

PROVINCES = (
    "北京市 天津市 上海市 重庆市 河北省 山西省 辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 "
    "福建省 江西省 山东省 河南省 湖北省 湖南省 广东省 海南省 四川省 贵州省 云南省 陕西省 "
    "甘肃省 青海省 台湾省 内蒙古自治区 广西壮族自治区 西藏自治区 宁夏回族自治区 "
    "新疆维吾尔自治区 香港特别行政区 澳门特别行政区"
).split()

# Prefecture-level cities, by their names without 市 (Guangdong in full, capitals elsewhere).
CITIES = (
    "广州 深圳 珠海 汕头 佛山 韶关 湛江 肇庆 江门 茂名 惠州 梅州 汕尾 河源 阳江 清远 东莞 "
    "中山 潮州 揭阳 云浮 北京 天津 上海 重庆 石家庄 太原 沈阳 大连 长春 哈尔滨 南京 苏州 "
    "无锡 杭州 宁波 温州 合肥 福州 厦门 泉州 南昌 济南 青岛 郑州 武汉 长沙 南宁 桂林 海口 "
    "三亚 成都 贵阳 昆明 西安 兰州 西宁 银川 乌鲁木齐 拉萨 呼和浩特"
).split()

# Districts and counties named explicitly (all of 佛山, 广州 and 深圳); elsewhere a
# district is recognised generically after a city.
DISTRICTS = (
    "禅城区 南海区 顺德区 三水区 高明区 "
    "越秀区 海珠区 荔湾区 天河区 白云区 黄埔区 番禺区 花都区 南沙区 从化区 增城区 "
    "福田区 罗湖区 南山区 盐田区 宝安区 龙岗区 龙华区 坪山区 光明区 大鹏新区"
).split()
FOSHAN_DISTRICTS = ("禅城区", "南海区", "顺德区", "三水区", "高明区")

# The towns and sub-districts (镇街) of 佛山.
TOWNS = (
    "祖庙街道 石湾镇街道 张槎街道 南庄镇 "
    "桂城街道 九江镇 西樵镇 丹灶镇 狮山镇 大沥镇 里水镇 "
    "大良街道 容桂街道 伦教街道 勒流街道 陈村镇 均安镇 杏坛镇 龙江镇 乐从镇 北滘镇 "
    "西南街道 云东海街道 白坭镇 乐平镇 芦苞镇 大塘镇 南山镇 "
    "荷城街道 杨和镇 明城镇 更合镇"
).split()

# Words that, right before a place, say that what follows is somebody's address.
ADDRESS_CONTEXT = (
    "住址", "地址", "住所", "居住地", "户籍地", "户籍", "家住", "住在", "居住于", "居住在",
    "现住", "暂住", "现居", "寄往", "送达", "收货地址", "通讯地址", "联系地址",
    # with 地 or 所在地 after them, so that the address is read from its first level (住所地佛山市…)
    "住所地", "户籍所在地", "经常居住地", "居住地址", "注册地址", "经营地址",
)
