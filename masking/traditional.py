"""Traditional characters read as simplified ones, one character for one (issue 18, sixth round).

Hong Kong, Macao and Taiwan residents' forms write 廣東省…區…路…號…室, 香港九龍…道…號…樓, 電話,
證件號碼, 陳/張/劉: the recognizers' place words, labels and surname lists are simplified, so a
text holding traditional characters is analysed with them folded (like ``masking.width``'s
full width): one character for one keeps every offset, and the spans apply to the text given.
Only characters whose simplified form is a single character, common in addresses, labels,
names and the sentences around them.
"""
from __future__ import annotations

import re

_PAIRS = """
廣广 東东 區区 號号 樓楼 門门 縣县 鄉乡 鎮镇 龍龙 灣湾 華华 園园 臺台 嶺岭 頭头 莊庄 壩坝 灘滩 蘭兰
陽阳 開开 發发 場场 廠厂 築筑 廈厦 層层 單单 棟栋 閣阁 軒轩 島岛 橋桥 鐵铁 車车 環环 興兴 業业 廳厅
館馆 際际 黃黄 滙汇 匯汇 滿满 潤润 豐丰 寶宝 貴贵 麗丽 藝艺 雲云 漢汉 濱滨 澤泽 濟济 瀋沈 遼辽 寧宁
蘇苏 贛赣 閩闽 魯鲁 晉晋 陝陕 隴陇 瓊琼 觀观 邊边 壯壮 廟庙 鳳凤 羅罗 馬马 聖圣 禮礼 義义 鐘钟 錦锦
綿绵 紅红 綠绿 藍蓝 銀银 鋼钢 線线 嶼屿 崗岗 碼码 樂乐 離离 廬庐 歷历 屬属 實实 體体 議议 會会 員员
戶户 處处 務务 稅税 證证 護护 電电 話话 聯联 絡络 繫系 傳传 郵邮 編编 機机 別别 齡龄 貫贯 現现 詳详
細细 隊队 組组 鄰邻 裡里 裏里 內内 學学 醫医 療疗 診诊 險险 賬账 帳帐 驗验 認认 識识 簽签 團团 營营
經经 貿贸 資资 產产 權权 關关 親亲 紹绍 長长 張张 陳陈 劉刘 趙赵 吳吴 鄭郑 馮冯 楊杨 許许 孫孙 錢钱
葉叶 蕭萧 謝谢 鄧邓 韓韩 盧卢 蔣蒋 賴赖 鍾钟 譚谭 鄒邹 嚴严 顧顾 萬万 賈贾 陸陆 範范 歐欧 閻阎 龔龚
鄔邬 聶聂 閔闵 賀贺 湯汤 闞阚 紀纪 嶽岳 偉伟 強强 軍军 國国 榮荣 傑杰 濤涛 輝辉 艷艳 豔艳 靜静 穎颖
嬌娇 鵬鹏 鴻鸿 誠诚 銘铭 賢贤 愛爱 勝胜 聰聪 億亿 達达 運运 遠远 進进 飛飞 剛刚 慶庆 雙双 鳴鸣 齊齐
誼谊 蓮莲 憶忆 夢梦 歲岁 時时 間间 無无 為为 與与 個个 們们 來来 對对 說说 這这 還还 過过 後后 從从
當当 麼么 樣样 點点 問问 題题 應应 該该 讓让 給给 請请 將将 辦办 報报 據据 並并 於于 則则 條条 規规
決决 書书 審审 訴诉 訟讼 罰罚 執执 調调 檢检 償偿 債债 賠赔 協协 約约 屆届 歸归 麥麦 盤盘 樹树 橫横
溝沟 墳坟 壇坛 巖岩 龐庞 滬沪 蕪芜 溫温 區区 寫写 讀读 號号 碼码 僑侨 屆届 夥伙 佔占 廣广 灣湾 啟启
"""
_TABLE = {ord(pair[0]): pair[1] for pair in _PAIRS.split()}
_ANY = re.compile("[" + "".join(sorted({pair[0] for pair in _PAIRS.split()})) + "]")


def may_hold(text: str) -> bool:
    """Whether ``text`` holds a traditional character this module folds."""
    return not text.isascii() and _ANY.search(text) is not None


def fold_traditional(text: str) -> str:
    """``text`` with each traditional character of the table as its simplified one."""
    return text.translate(_TABLE)
