"""Person and organisation names in the free text of judgments (anonymization.md §3, §4, §9).

The anonymiser must find *every* surface form of a person it protects: in the party block, the
facts, the reasoning, the judgment items and the signature block, whether or not the person
is a party (victims, witnesses, appraisers, relatives, minors). The structured party data is
the best source (§7 step 2), so the caller passes what it already knows as ``known``; this
module adds what only the free text says.

Recognisers, in order of priority (a span found by an earlier one wins an overlap):

1. **Known names** (``known``): every exact occurrence, also with spaces between the characters
   as in the signature block (``审判长　张　明``), plus the given name alone (``三丰称``) and
   ``小``/``阿`` nicknames when a cue word stands next to them. Confidence 0.99 (partial 0.85).
2. **Context cues**: a role word (被害人, 证人, 鉴定人, 审判长, 其妻 …) followed by a plausible
   name: a surname from the list below plus one or two given-name characters, stopping before
   verbs and particles (证实, 称, 的, 在, 与 …); also a minority or transliterated name with a
   middle dot, a Latin-script name, or an already masked form (张某某). Lists after the cue
   (``被害人赵某、孙某``) inherit the role. A name before a kinship word (``张三丰之妻``) and a
   name opening a clause before a statement verb (``。李四证实``) count as cued, with less
   confidence. A name the text introduces with a role (``原告宋佳怡``) is then found at its
   other occurrences too (``向宋佳怡转账``; recognizer ``names.propagated``, confidence 0.9).
3. **Masked forms** anywhere (张某, 李某某, 王某1, 赵某甲, 刘某华, 黄××).
4. **Dotted names** anywhere (阿依古丽·买买提, 约翰·史密斯).
5. **The character tagger** (``name_tagger.npz``, trained by ``fazhi.privacy.train_tagger``
   on the CAIL NER sets): a span is accepted only when it starts with a listed surname, is two
   to four characters, is not a common word, does not start inside a word (主张双倍), and the
   tagger's margin gives at least 0.6. Only characters up to three after a common surname
   are scored (the only places such a span can lie), which keeps a 3,000-character judgment
   at about 1.5 ms for the whole function. The tagger's tags also settle the length of cued
   names where the character lists cannot (a third character that is neither typical of
   given names nor followed by a particle).

Roles. ``attrs["role"]`` is the role the nearest cue gives (normalised as in
``documents.parties``: 委托代理人 → 委托诉讼代理人, 陪审员 → 人民陪审员 …), else the role
``known`` gives. Judges, clerks, judicial assistants, prosecutors and lawyers are reported
with their role (审判长, 审判员, 人民陪审员, 书记员, 法官助理, 检察员, 辩护人,
委托诉讼代理人, 律师), never dropped: the anonymiser decides to keep them. When a known name
has several roles (a judge sharing a party's name) and no cue stands next to an occurrence,
the party role is reported (the safe side) and ``attrs["possible_roles"]`` lists all.

Already masked names (张某, 李某某, 王某1) **are reported**, with ``attrs["already_masked"] =
True``: the anonymiser leaves them as they are, but it needs them to number collisions
(a new 张某 next to an existing one must become 张某1/张某2) and the benchmark needs them
(the CAIL NER sets are masked text).

Common-word names (高明, 方正, 文明, 平安, 金山 …) are reported only after a role cue or when
known; after a cue, and for known ones where no cue stands before the occurrence, with
``attrs["uncertain"] = True``, confidence 0.6 and an explanation saying the detection is
uncertain.

Organisations (:func:`detect_organizations`): a name ending in an organisation suffix
(有限公司, 个体工商户, 经营部, 超市, 合作社, 厂, 店 …), its left edge at a place name (the
divisions in the court table: 深圳市, 南山区, 广东 …) or else after the last role word, verb or
punctuation before it; short names the text defines (``（以下简称启辰公司）``) and short forms of
known names (启辰公司) are found everywhere. Generic shops (一烧烤店, 五金店), posts (店长) and
places (十八里店乡) are not reported. Courts, procuratorates, public-security organs, prisons
and governments are not reported. Appraisal and price-certification institutions (司法鉴定中心,
价格认证中心) and village committees are reported with ``attrs["kind"] = "public_body"``; law
firms with ``"law_firm"``, banks with ``"bank"``; the others with ``"company"``,
``"sole_trader"``, ``"cooperative"`` or ``"institution"`` (hospital, school). Names of
protected persons embedded in an organisation name (张三丰个体工商户, XX县三丰超市) are also
reported as PERSON detections lying inside the ORGANIZATION detection when ``persons`` names
them: the only overlaps the function returns.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from fazhi.privacy.types import ORGANIZATION, PERSON, Detection

# --------------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------------

# Compound surnames (复姓): the whole compound is kept when masking (§4).
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 轩辕 澹台 公冶 太史 "
    "申屠 闻人 濮阳 万俟 呼延 独孤 南宫 西门 百里 东郭 公羊 钟离 宗政 拓跋 赫连 完颜 仲孙 淳于 鲜于 "
    "闾丘 司空 亓官 司寇 颛孙 漆雕 乐正 梁丘 左丘 东门 谷梁 段干 巫马 公西 羊舌 微生 南门 归海 第五".split()
)
# Common single surnames that are rarely anything else at the start of a name.
_STRONG = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫"
    "孔汤温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕"
    "季裴霍涂苗谷盛曲翁冉骆蓝游辛靳柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农卓古吉缪简麦褚娄窦戚岑景党宫费"
    "卜冷晏席卫米柏宗瞿桂佟臧闵苟邬卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝封匡鞠惠荆冀郁"
    "胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼闻厉伊仝郜阚权帅屠豆朴练廉禹井祖漆狄索宣晋芮阙浦戈伏鹿薄邸雍辜"
    "裘亓邰赫杭况宿逯隆茹诸慕亢嵇湛宾戎勾茅揭尉冶束檀昝幸奉植衡尧闭付芦竺禤"
)
# Surnames that are also common function words or word starts (于, 向, 和, 从, 经 …): accepted
# after a cue only when the next character is a typical given-name character.
_WEAK = "于向和从经将同及时全成明万平国元来都信由但常关路原能那位初战利富展衣干相计支门车单连项段管谈商花应任申海云丰银玉盖区巴母师司居乐东南"
STRONG_SURNAMES = frozenset(_STRONG)
WEAK_SURNAMES = frozenset(_WEAK) - STRONG_SURNAMES
SURNAMES = STRONG_SURNAMES | WEAK_SURNAMES

# Characters typical of given names (used to decide whether a third character belongs to the name).
_GIVEN = (
    "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺"
    "信子杰涛昌成康星光天达安岩中茂林坚彪博诚敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩"
    "亮政谦亨奇固翰朗伯宏若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士建致树炎德泰盛雄琛钧冠策腾楠榕风航弘"
    "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳"
    "瑞凡佳嘉琼勤珍贞莉桂娣叶璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓仪荷丹蓉眉君琴蕊薇"
    "菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希欣飘育滢馥筠柔竹凝晓欢霄枫芸菲寒伊亚宜可"
    "舒影荔丽阳妮宝贝初程罡恒鸿桦骅剑娇纪宽灵玛媚琪晴容睿烁堂唯威韦雯苇萱彦宇雨洋忠宗曼紫逸贤蝶菡"
    "绿蓝儿小大金银铁水木石根柱喜财旺兵卫夏冬桃杏杨柏森淼鑫焱垚犇双喆晗昊晟旻昕曦暄皓瀚淳涵渊源滨"
    "沛泓洪润澄湘湖溪汉峻岭崇嵩巍峥岳锋钢铭锐钊铮尧舜禹周唐宋朝耀煌灿炜烨焕熙照斐妙姗婧嫣姝霖霜"
    "虹碧珏璇瑜璋瑛祺禄禧寿吉恬愉笑颖敏捷凯琨玮璞臣廷仕佑俭孝廉礼智勋卓亭芹蕾芙莹萌琴娴秦运存来"
    "然轩宸梓彤诺煜楷奕淇萍蕙琛铠锴骏驰骐麒麟鹤鹰雕凤鸾燕莺鹃娆婀姿姚娉嫒嫚嫱妤妃姗婉倩萱"
    "芊芷苓茹荃莘菀蓓蔓蔚蕴藻兆乾坤泉湛潇澈澍濠灏炫烽焘熠燊璟琨瑭瑄璨珂珅珩琅琥瑚璘斐晖晔晋"
    "晏晴暖曜朗桐桢楷槐樟檀欧歆毅汐沐沫洛洲浚涵淑渝溢滔漫潮澜灿炎烈焰熙燎爵牧犀玥珑琛瑾璐"
    "甜田畅皎益盈真睿瞻硕磊祎禅秉秦稷穗章端竣笙筱箐篪粲紫絮纬绮维缘罗翊翌翠耘聆聿肖胤臻舟航"
    "艺芃芮苒苗茂荟莉萱蒙蓬蔡蕊薪藤蘅虎蛟衍裕覃詹誉谊谦豫贝贤赋赞赫跃轶辉迅远逸遥邦郁钊钰铃"
    "锋锦镇镭闯阔陶雍雪霆青静韬韶顺颂飒馨驹骁鸥鹏麦黎鼎齐"
)
# Characters that end a name: punctuation, particles, pronouns and verbs that follow a name.
_HARD_STOP = (
    "的地得之在于与和及等称说某其们者系是被将把对向从给让跟并也又都均即就便遂亦仍因为所以到至已曾未"
    "不没无证供陈述辩驾持用拿打殴踢砍刺捅窃盗抢骗购卖贩携带去回进出要想欲拒先后经通见看听叫喊请借还"
    "签收付交提诉承认知离逃住乘趁再当则只共另各每这那此该你我他她它几个年日时分一二两三四五六七八九"
    "十百千万鉴作做如若虽但而或且有系于自使诈犯伙涉雇委负赔退返偷撬砸逼主、，。；：！？“”‘’（）()《》〈〉【】[]…—-·,.;:!?/ \t\r\n\u3000"
)
HARD_STOP = frozenset(_HARD_STOP)
GIVEN = frozenset(_GIVEN) - HARD_STOP
# After a strong surname only these keep the next character out of the name (被告人张，…).
_TIGHT_STOP = frozenset("的之等及与在于称述某其们者系是被将、，。；：！？“”‘’（）()《》,.;:!? \t\r\n\u3000")
# Two-character words that often follow a name and start with a character found in given names.
_NEXT_WORDS = frozenset(
    "明知 明显 明确 发现 发生 发出 发给 发送 发放 来到 来往 同意 同时 同样 同伙 强行 强迫 平时 当场 当即 "
    "当时 当天 当晚 当日 家中 家里 家门 家属 家人 成功 成为 全部 全额 先后 先行 立即 立刻 随后 随即 一起 "
    "一同 一直 二人 两人 三人 曾经 以及 以上 安排 开车 驾车 从中 方面 飞往 回到 回家 正在 正当 达成 进行 "
    "进入 再次 东西 海洛 金额 元钱 元的 元给 春节 夫妇 夫妻 母亲 父亲 兄弟 姐妹 朋友 雇佣 光头 云南 "
    "乐意 永久 信用 宝马 大众 天天 月份 月底 月初 小区 小时 小孩 小型 大量 大约 大型 水泥 木棍 石头 金属 "
    "铁棍 银行 红色 白色 黄色 绿色 蓝色 紫色 新的 新型 阳台 建设 建议 宏观 恒大 雅阁 东风 华为 明天 明日 冰毒 "
    "海洛因 麻古 K粉 天然 小包 小袋 小时 小额".split()
)
# Words that begin with a surname and are ordinary words: a name only when context says so.
COMMON_WORDS = frozenset(
    "高明 方正 文明 平安 金山 江山 黄金 白云 万里 文化 高度 高速 高级 高中 高于 高价 高额 高达 高兴 方面 "
    "方式 方法 方案 方向 方便 方可 文件 文书 文字 王者 江湖 黄色 白色 白天 时间 时候 时许 常常 常年 安全 "
    "安排 安装 安置 安静 和平 和解 于是 于此 向前 从而 从事 从此 从未 经过 经营 经济 经查 经审 同时 同意 "
    "同案 同年 同日 同月 同伙 同事 同样 及其 及时 马上 马路 石头 石油 林业 林地 金额 金钱 金融 金属 钱款 "
    "钱财 孙子 毛巾 包括 包装 包庇 史上 明显 明知 明确 明天 关于 关系 管理 管辖 管制 车辆 车主 车牌 车上 "
    "路上 路边 路口 周边 周围 周岁 周末 严重 严格 严厉 施工 施行 连续 连同 程序 程度 任何 任意 任职 曾经 "
    "左右 左侧 田地 余额 余款 申请 申诉 申报 应当 应该 成立 成为 成年 成功 成交 成本 全部 全额 全体 全面 "
    "付款 付清 支付 支持 尚未 单位 单独 花费 花园 原因 原告 原审 能够 能力 宁可 司机 东西 门口 门前 门店 "
    "房屋 房产 房东 房间 项目 卫生 强行 强制 宋体 万元 平时 平台 国家 元旦 都是 信息 信用 由于 但是 那么 "
    "初中 利用 利息 富裕 展开 相关 相互 计算 支出 连接 段时 谈话 商品 商店 应付 海洛 云南 丰富 银行 区域 "
    "巴士 母亲 师傅 居住 乐意 华丽 华为 陆续 齐全 温度 温和 康复 庞大 易于 乔装 伍仟 韩国 英国 法国 "
    "叶子 梅花 柏油 谷物 甘心 游戏 游玩 龙头 牛奶 熊猫 毕业 解除 解释 解决 简单 简易 姜汤 雷同 席位 "
    "宫殿 景区 党员 费用 冷静 米饭 桂花 干部 干净 左手 贾某 邢事 胡乱 洪水 黎明 阳台 阳光 常住 常用 "
    "武器 武力 范围 汤圆 符合 舒适 凌晨 柯尔 麦当 祝贺 汪洋 鲁莽 焦急 俞某 齐心 易燃 甘肃 蒙受 苗木 "
    "曲折 蓝色 蒲公 滕州 屈服 艾滋 尤其 穆斯 农村 农民 农业 卓越 古代 吉林 缪斯 岑溪 戚某 党委 费县 "
    "卜卦 冷库 晏驾 卫星 宗教 瞿某 佟某 邬某 卞某 师范 仇恨 沙发 荣誉 巫山 桑拿 郎中 甄别 丛林 仲裁 "
    "虞某 敖包 巩固 池塘 查询 查明 查获 查处 查看 麻醉 苑某 迟延 迟到 封闭 封存 匡算 鞠躬 惠州 荆州 "
    "冀州 郁闷 燕窝 楚雄 劳动 劳务 皮肤 皮包 粟米 楼房 楼梯 楼道 闻讯 伊犁 权利 权益 帅气 屠宰 豆腐 "
    "练习 廉洁 井下 祖父 祖母 漆黑 狄某 索要 索取 宣告 宣判 宣读 晋江 阙某 浦东 伏法 鹿城 薄弱 雍某 "
    "裘某 杭州 况且 宿舍 宿迁 隆重 慕名 湛江 宾馆 戎装 勾结 茅台 揭阳 束缚 檀香 幸福 奉化 植物 衡阳 "
    "付出 付给 付清 苏醒 苏州 江苏 江西 江门 黄石 石家 贺州 贺礼 梁山 鲍鱼 房屋 乐山 乐清 万州 海南 "
    "海口 海口 海宁 海门 海盐 平顶 开平 南宁 南昌 南京 南通 南充 南阳 东莞 东营 龙岩 龙华 金华 金坛 "
    "高邮 高州 高要 安阳 安庆 安顺 文山 曲靖 邢台 孝感 林芝 武汉 武威 岳阳 邵阳 钟祥 钟表 庄园 柳州 "
    "宁波 宁德 宁夏 温州 温岭 常州 常德 吉安 景德 滁州 魏县 秦皇 韶关 汕头 云浮 连云 宜宾 宜昌 阳江".split()
)
# Two-character words whose second character is a surname: a name does not start there (主张双倍, 支付宝).
WORDS_BEFORE = frozenset(
    "主张 扩张 紧张 开张 夸张 慌张 伸张 声张 嚣张 铺张 公安 治安 平安 保安 不安 晚安 公司 上司 合同 共同 不同 如同 认同 "
    "协同 陪同 连同 双方 对方 一方 各方 甲方 乙方 丙方 地方 警方 校方 院方 资方 买方 卖方 官方 男方 女方 本金 资金 现金 "
    "租金 押金 定金 订金 奖金 罚金 薪金 税金 基金 黄金 工程 过程 章程 规程 流程 进程 全程 课程 行程 日程 议程 路程 住房 "
    "租房 楼房 平房 厂房 库房 病房 药房 汽车 货车 停车 开车 驾车 下车 上车 轿车 火车 卡车 客车 电车 单车 倒车 刹车 条文 "
    "原文 全文 本文 下文 上文 中文 公文 正文 明白 空白 坦白 中华 繁华 精华 正常 日常 非常 异常 经常 通常 照常 反常 时常 "
    "机关 有关 相关 海关 无关 权利 胜利 福利 便利 顺利 营利 盈利 获利 提高 最高 增高 升高 身高 岩石 宝石 钻石 长江 浙江 "
    "森林 园林 树林 农田 油田 稻田 感谢 答谢 致谢 多谢 道谢 荒唐 允许 准许 特许 默许 或许 也许 少许 如何 任何 为何 几何 "
    "其余 多余 剩余 业余 责任 信任 主任 担任 继任 现任 前任 兼任 放任 分钟 时钟 大陆 内陆 着陆 登陆 规范 防范 示范 模范 "
    "华夏 盛夏 手段 阶段 路段 时段 地段 片段 地雷 历史 祝贺 恭贺 照顾 光顾 回顾 不顾 兼顾 羽毛 价钱 本钱 工钱 赚钱 借钱 "
    "还钱 交钱 付钱 有钱 没钱 尊严 威严 戒严 面孔 鸡汤 体温 气温 高温 保温 低温 健康 实施 措施 设施 黄牛 吹牛 瓜葛 纠葛 "
    "整齐 备齐 凑齐 配齐 补齐 交易 贸易 容易 简易 轻易 不易 队伍 落伍 入伍 退伍 村庄 农庄 山庄 钱庄 规章 印章 公章 文章 "
    "盖章 私章 粗鲁 庆祝 钱包 书包 背包 红包 皮包 打包 承包 分包 转包 发包 安宁 时尚 高尚 和尚 相符 不符 年纪 违纪 世纪 "
    "法纪 儿童 完毕 糊涂 树苗 疫苗 稻谷 山谷 茂盛 旺盛 歌曲 弯曲 扭曲 富翁 艰辛 火柴 启蒙 委屈 求饶 了解 理解 和解 调解 "
    "谅解 辩解 见解 误解 讲解 化解 瓦解 分解 注解 破解 太阳 务农 考古 小麦 亲戚 情景 背景 风景 场景 前景 政党 入党 子宫 "
    "讼费 理费 疗费 工费 通费 养费 食费 宿费 务费 育费 业费 租费 用费 修费 证费 定费 保费 车费 话费 电费 水费 学费 会费 "
    "税费 收费 缴费 免费 付费 消费 浪费 花费 经费 运费 旅费 路费 出席 主席 缺席 列席 保卫 门卫 自卫 防卫 大米 厘米 方米 "
    "卷宗 报仇 光荣 繁荣 新郎 电池 调查 检查 审查 侦查 核查 排查 搜查 盘查 清查 追查 复查 抽查 勘查 督查 大麻 芝麻 推迟 "
    "延迟 查封 密封 信封 优惠 实惠 上班 下班 加班 值班 航班 仓储 清楚 功劳 疲劳 酬劳 大楼 高楼 新闻 严厉 产权 股权 债权 "
    "物权 授权 职权 特权 训练 熟练 教练 水井 油漆 线索 勒索 索要 埋伏 起伏 无辜 情况 状况 概况 住宿 兴隆 羡慕 嘉宾 来宾 "
    "结束 约束 管束 拘束 不幸 荣幸 种植 平衡 关闭 封闭 倒闭 支付 给付 交付 偿付 垫付 应付 预付 拨付 兑付 对付 托付 "
    "支付宝 中国 全国 外国 爱国 回国 出国 美国 各国 本国 我国 一般 一起 一向 外甥 侄子 孙子 孙女 王子 鲁莽 内容 宽容 "
    "包容 纵容 美容 笑容 市容 阵容 收容 从容 军容 形容 容易 温馨 民警 辅警 警察 门口 出口 入口 路口 人口 户口 借口 "
    "窗口 港口 伤口 渡口 开口 张口 口头 百姓 同姓 贵姓 尊姓 姓名 人员 成员 会员 官员 店员 职员 雇员 动员 党员 团员 "
    "住宿 宿舍".split()
)
# Masked forms: 某某, 某甲, 某1, 某A, 某, 1某 (刘1某), ××/XX/** placeholders.
_UNIT_AFTER_DIGIT = "包次克元粒颗支人个块年月日时分号袋张部台辆斤两万千百十g.．%余多件只瓶条套份家户间栋楼层室米小"
_MASK_TAIL = re.compile(
    r"某某[0-9０-９](?![0-9０-９" + _UNIT_AFTER_DIGIT + r"])|某某某|某某|某[甲乙丙丁戊己庚辛壬癸]"
    r"|某[0-9０-９]{1,2}(?![0-9０-９" + _UNIT_AFTER_DIGIT + r"])|某[A-Za-z](?![A-Za-z])|某"
    r"|[0-9０-９]某|[×xX*＊]{1,3}(?![A-Za-z0-9×xX*＊])"
)
# Characters of addresses and places: a placeholder or 某 next to them is not a name (**区**路, 区某广场).
_PLACE_CHARS = frozenset("区市县镇乡村路街道号楼栋幢单元室组段弄巷厦苑园宾酒广场店公司厂超社站桥湾坝")
_ORG_SUFFIX_IN_NAME = re.compile(r"(?:公司|集团|企业|中心|银行|支行|分行|事务所|厂|店|超市|合作社|经营部|个体工商户|医院|学校|委员会|局|院|所)$")

# --------------------------------------------------------------------------------------------
# Role cues
# --------------------------------------------------------------------------------------------

# Cue word -> normalised role. Bench roles may be written with spaces between the characters.
_BENCH_CUES: dict[str, str] = {
    "审判长": "审判长", "审判员": "审判员", "代理审判员": "审判员", "独任审判员": "审判员", "助理审判员": "审判员",
    "人民陪审员": "人民陪审员", "陪审员": "人民陪审员", "书记员": "书记员", "代理书记员": "书记员",
    "法官助理": "法官助理", "执行员": "执行员", "速录员": "书记员",
}
_PARTY_CUES: dict[str, str] = {
    "附带民事诉讼原告人": "附带民事诉讼原告人", "附带民事诉讼被告人": "附带民事诉讼被告人",
    "附带民事诉讼原告": "附带民事诉讼原告人", "附带民事诉讼被告": "附带民事诉讼被告人",
    "原审附带民事诉讼原告人": "附带民事诉讼原告人", "委托诉讼代理人": "委托诉讼代理人", "委托代理人": "委托诉讼代理人",
    "诉讼代理人": "委托诉讼代理人", "指定辩护人": "辩护人", "辩护人": "辩护人", "辩护律师": "辩护人", "律师": "律师",
    "法定代表人": "法定代表人", "法定代理人": "法定代理人", "诉讼代表人": "诉讼代表人", "负责人": "负责人",
    "再审申请人": "再审申请人", "被申请再审人": "被申请再审人", "申请执行人": "申请执行人", "被执行人": "被执行人",
    "被申请执行人": "被执行人", "申请复议人": "申请复议人", "原审第三人": "原审第三人", "被上诉人": "被上诉人",
    "被申请人": "被申请人", "原审原告": "原审原告", "原审被告人": "原审被告人", "原审被告": "原审被告",
    "上诉人": "上诉人", "申请人": "申请人", "被告人": "被告人", "自诉人": "自诉人", "被害人": "被害人",
    "受害人": "被害人", "第三人": "第三人", "异议人": "异议人", "案外人": "案外人", "申诉人": "申诉人",
    "答辩人": "答辩人", "原告": "原告", "被告": "被告", "证人": "证人", "目击证人": "证人", "鉴定人": "鉴定人",
    "检察员": "检察员", "代理检察员": "检察员", "检察官": "检察员", "公诉人": "公诉人", "犯罪嫌疑人": "犯罪嫌疑人",
    "嫌疑人": "犯罪嫌疑人", "同案犯": "同案犯", "同案人": "同案犯", "罪犯": "罪犯", "报案人": "报案人",
    "举报人": "举报人", "吸毒人员": "吸毒人员", "购毒人员": "吸毒人员", "吸毒者": "吸毒人员", "侦查人员": "侦查人员",
    "民警": "民警", "辅警": "民警", "翻译人员": "翻译人员", "工作人员": "工作人员", "驾驶人": "驾驶人",
    "驾驶员": "驾驶人", "司机": "驾驶人", "乘客": "乘客", "车主": "车主", "业主": "业主", "房东": "房东",
    "承租人": "承租人", "出租人": "出租人", "出借人": "出借人", "借款人": "借款人", "保证人": "保证人",
    "担保人": "担保人", "债务人": "债务人", "债权人": "债权人", "监护人": "监护人", "未成年人": "未成年人",
    "死者": "被害人", "受害者": "被害人", "被骗人": "被害人", "受骗人": "被害人", "被继承人": "被继承人",
    "遗嘱人": "被继承人", "立遗嘱人": "被继承人", "代书人": "证人", "见证人": "证人", "患者": "患者", "店主": "店主", "老板": "老板", "经理": "经理", "股东": "股东",
    "员工": "员工", "职工": "员工", "村民": "村民",
}
_KIN_CUES: dict[str, str] = {
    f"{pre}{rel}": rel
    for pre in ("其", "之")
    for rel in ("妻", "夫", "子", "女", "父", "母", "兄", "弟", "姐", "妹", "孙", "侄", "婿", "媳", "丈夫", "妻子",
                "儿子", "女儿", "父亲", "母亲", "哥哥", "弟弟", "姐姐", "妹妹", "前妻", "前夫", "岳父", "岳母",
                "外甥", "侄子", "孙子", "孙女", "儿媳", "女婿", "祖父", "祖母", "继父", "继母", "养父", "养母")
}
_KIN_CUES.update({w: w for w in ("妻子", "丈夫", "儿子", "女儿", "父亲", "母亲", "哥哥", "弟弟", "姐姐", "妹妹",
                                 "外甥", "侄子", "孙子", "孙女", "爷爷", "奶奶", "外公", "外婆", "舅舅", "叔叔",
                                 "姑姑", "阿姨", "表弟", "表哥", "表妹", "表姐", "堂弟", "堂哥", "前妻", "前夫")})
_OTHER_REL_CUES = {w: w for w in ("朋友", "同事", "男友", "女友", "男朋友", "女朋友", "邻居", "网友", "同学", "室友", "情人")}
# Cues that are ordinary nouns (民警查获, 司机开车): a Han name after them needs a given-name character.
_GENERIC_CUES = frozenset({"民警", "辅警", "工作人员", "驾驶人", "驾驶员", "司机", "乘客", "车主", "业主", "房东", "店主",
                           "老板", "经理", "股东", "员工", "职工", "村民", "患者", "死者", "律师", "侦查人员",
                           "翻译人员", "监护人", "未成年人", "吸毒者", "朋友", "同事", "邻居", "网友", "同学", "室友"})
BENCH_ROLES = frozenset({"审判长", "审判员", "人民陪审员", "书记员", "法官助理", "执行员"})
KEEP_ROLES = BENCH_ROLES | {"辩护人", "委托诉讼代理人", "律师", "检察员", "公诉人"}

# Clause-opening name before a statement verb: 。李四证实 …
_POST_STATEMENT = re.compile(r"(?:证实|证明|供述|陈述|辩称|辩解|证言|称[:：，,]|述称|报案称|交代)")
# Name followed by a kinship word: 张三丰之妻, 李四的妻子.
_KIN_AFTER = re.compile(
    r"(?:之(?:前妻|前夫|妻子|丈夫|儿子|女儿|父亲|母亲|岳父|岳母|外甥|侄子|孙子|孙女|儿媳|女婿|妻|夫|子|女|父|母|兄|弟|姐|妹|孙|侄|婿|媳)"
    r"|的(?:妻子|丈夫|儿子|女儿|父亲|母亲|哥哥|弟弟|姐姐|妹妹|孙子|孙女|前妻|前夫|外甥|侄子|男友|女友|男朋友|女朋友))"
)
# Cues around a given name used alone (三丰称, 三丰的, 叫三丰) or a nickname (小丰说).
_PARTIAL_AFTER = re.compile(
    r"(?:称|说|讲|的|证实|供述|陈述|表示|告诉|回忆|承认|辩称|家|处|让|叫|把|将|对|向|和|与|便|就|遂|随即|当即|也|又|都"
    r"|超市|商店|商行|店|个体工商户|经营部|门市部|厂|、|，|。|；|：|！|？)"
)
_ORG_WORDS_AFTER = frozenset({"超市", "商店", "商行", "店", "个体工商户", "经营部", "门市部", "厂"})
# Characters that often stand right before a name (判令张伟赔偿, 由李四负担).
_NAME_BEFORE = frozenset("令由替帮告催欠付还借判责诉称即请叫喊让给向对与和及跟同经从将把被")
_PARTIAL_BEFORE = frozenset("叫喊让给对向与和跟同找告“‘、，。；：！？（( \n\t\u3000")

_SPACES = "[ \t\u3000]*"


def _cue_pattern(cue: str, spaced: bool) -> str:
    return _SPACES.join(map(re.escape, cue)) if spaced else re.escape(cue)


_ALL_CUES: dict[str, tuple[str, str]] = {}  # cue -> (role, kind) kind: bench | party | kin | rel
for _c, _r in _BENCH_CUES.items():
    _ALL_CUES[_c] = (_r, "bench")
for _c, _r in _PARTY_CUES.items():
    _ALL_CUES[_c] = (_r, "party")
for _c, _r in _KIN_CUES.items():
    _ALL_CUES.setdefault(_c, ("亲属", "kin"))
for _c, _r in _OTHER_REL_CUES.items():
    _ALL_CUES.setdefault(_c, ("关系人", "rel"))
_CUE_ALT = "|".join(
    _cue_pattern(c, _ALL_CUES[c][1] == "bench") for c in sorted(_ALL_CUES, key=len, reverse=True)
)
_CUE_RE = re.compile(rf"(?:{_CUE_ALT})")
_CUE_END_RE = re.compile(rf"(?:{_CUE_ALT})[ \t\u3000:：]*$")
_DOT = "·•・‧．"
_DOT_NAME = re.compile(rf"([\u4e00-\u9fff]{{1,10}})((?:[{_DOT}][\u4e00-\u9fff]{{1,8}})+)")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'\-]{1,20}(?:[ .\-·][A-Z][A-Za-z'\-]{0,20}){0,3}")
_MASKED_ANY = re.compile(r"[\u4e00-\u9fff](?=某|[0-9０-９]某|[×xX*＊])")
_AFTER_WEAK_MASK = frozenset("日时天月年处地些种人个件方物项次类样段位名家市县区镇乡村路街号店厂公单部小大0123456789０１２３４５６７８９")


def _norm_role(role: str) -> str:
    role = re.sub(r"\s+", "", role)
    if role in _ALL_CUES:
        return _ALL_CUES[role][0]
    return role


# --------------------------------------------------------------------------------------------
# The name parser (what follows a cue)
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Parsed:
    """A name read at a position: its span, surname, and how it looks."""

    start: int
    end: int
    surname: str
    form: str  # han | compound | masked | dotted | latin
    uncertain: bool = False


# Between a role and the name: spaces, an original role in brackets, a colon (上诉人（原审被告）：).
_CUE_GAP = re.compile(r"[ \t\u3000]*(?:[（(][^）)\n]{1,30}[）)])?[ \t\u3000]*[:：]?[ \t\u3000]*")
_ORG_AHEAD = re.compile(
    r"[\u4e00-\u9fff]{0,14}?(?:公司|集团|企业|政府|委员会|银行|支行|分行|合作社|经营部|"
    r"门市部|事务所|中心|医院|学校|超市|商行|酒店|宾馆|协会|商会|研究院|研究所|大学|学院|法院|检察院|派出所|管理局|局)"
)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _boundary(ch: str) -> bool:
    """True where a name may end right before ``ch``."""
    return not ch or not _is_cjk(ch) or ch in HARD_STOP


def _given_length(s: str, g: int, weak: bool, tags: Sequence[int] | None = None) -> int:
    """How many given-name characters (0, 1 or 2) follow a surname ending at index ``g`` of ``s``.

    ``tags`` (the tagger's tag per character of ``s``, 2 = inside a name) settles the cases the
    character lists leave open: a third character that is neither a typical given-name
    character nor followed by a boundary.
    """
    if g >= len(s) or not _is_cjk(s[g]):
        return 0
    c1 = s[g]
    if weak:
        if c1 not in GIVEN or c1 in HARD_STOP or s[g:g + 2] in _NEXT_WORDS or s[g:g + 2] in COMMON_WORDS:
            return 0
    elif c1 in _TIGHT_STOP:
        return 0
    if g + 1 >= len(s):
        return 1
    c2 = s[g + 1]
    if not _is_cjk(c2) or c2 in HARD_STOP or s[g + 1:g + 3] in _NEXT_WORDS:
        return 1
    c3 = s[g + 2] if g + 2 < len(s) else ""
    if c2 in GIVEN or _boundary(c3):
        return 2
    if tags is not None and g + 1 < len(tags) and tags[g + 1] == 2:
        return 2
    return 1


def _parse_compact(s: str, cued: bool, weak_cue: bool = False, tags: Sequence[int] | None = None,
                   any_surname: bool = False) -> tuple[int, str, str, bool] | None:
    """(length, surname, form, uncertain) of the name at the start of ``s``, or None.

    ``any_surname``: the context guarantees a name (signature block, a party line with a colon),
    so a surname missing from the lists (竺, 禤) is accepted and weak surnames count as strong.
    """
    if not s:
        return None
    if "A" <= s[0] <= "Z":
        m = _LATIN_NAME.match(s)
        if m and cued:
            name = m.group(0).rstrip(" .-")
            return len(name), name[0], "latin", False
        return None
    if not _is_cjk(s[0]):
        return None
    dm = _DOT_NAME.match(s)
    if dm and len(dm.group(1)) <= 8:
        right = _trim_right(dm.group(2))
        if right:
            return len(dm.group(1)) + len(right), dm.group(1)[0], "dotted", False
    sur = 2 if s[:2] in COMPOUND_SURNAMES else 1 if s[0] in SURNAMES else 0
    if sur == 0 and any_surname and s[0] not in HARD_STOP and not _MASK_TAIL.match(s, 0):
        sur = 1
        weak_cue = False
    if sur == 0:
        # Masked names keep any surname (字某某, 吉地某某 are real surnames too).
        # Without a cue only the double forms (郗某某, 千某甲), and not after a verb or a place word.
        if s[0] not in HARD_STOP and s[0] not in _PLACE_CHARS and s[0] not in _FUNCTION_CHARS:
            if cued and (m := re.match(r"[\u4e00-\u9fff]{1,2}?(?:某某|某[甲乙丙丁0-9])", s)):
                return m.end(), s[: m.end() - 2], "masked", False
            if (m := re.match(r"[\u4e00-\u9fff](?:某某|某[甲乙丙丁])", s)):
                return m.end(), s[0], "masked", False
        return None
    mt = _MASK_TAIL.match(s, sur)
    if mt:
        end = mt.end()
        tail = mt.group(0)
        nxt = s[end:end + 1]
        if tail[0] in "×xX*＊":
            # Placeholders: only after a common surname, not inside an address (**区**路**号).
            if sur == 1 and (s[0] not in STRONG_SURNAMES or s[0] in _PLACE_CHARS) or nxt in _PLACE_CHARS:
                return None
        if tail in ("某", "×", "x", "X") and nxt and nxt in GIVEN and nxt not in "家中处" \
                and s[end:end + 2] not in _NEXT_WORDS and not (cued is False and nxt in _PLACE_CHARS):
            end += 1  # 刘某华: the first given character masked, the last kept
            nxt = s[end:end + 1]
        if s[0] in WEAK_SURNAMES and sur == 1 and not cued and tail in ("某", "某某") \
                and (not nxt or nxt in _AFTER_WEAK_MASK or nxt in _PLACE_CHARS):
            return None
        return end, s[:sur], "masked", False
    weak = weak_cue or (sur == 1 and s[0] in WEAK_SURNAMES and not any_surname)
    if sur == 1 and s[0] in WEAK_SURNAMES and s[1:2] in SURNAMES and s[2:3] in ("某", "×", "*", "x", "X"):
        return None  # 从杨某: a preposition before a masked name
    n = _given_length(s, sur, weak=weak, tags=tags)
    if n == 0:
        return None
    name = s[: sur + n]
    uncertain = name in COMMON_WORDS or name[:2] in COMMON_WORDS and n == 1
    return sur + n, s[:sur], "compound" if sur == 2 else "han", uncertain


_DOT_RIGHT_END = re.compile(r"见面|见|来到|前往|离开|驾驶|联系|通过|发生|一起|共同|商量|约定|签订|购买|出售|贩卖|盗窃|殴打|"
                            r"携带|乘坐|居住|住在|现住|持|报案|报警|证实|证明|陈述|供述|辩称|称|说|告诉|到|在|于|将|把|被|与|和|及|的|等|系|是|因|为|向|对|从|给|也|又|均|都|已|未|不")


# Characters of transliterated names that are also in HARD_STOP (阿布都, 买买提, 阿不都则力).
_DOT_NAME_CHARS = frozenset("都提则也买拉克尔汗古丽江木阿")


def _trim_right(part: str) -> str:
    """The right part of a dotted name (·买买提…), cut before a verb or particle (买买提报案称 → 买买提)."""
    out: list[str] = []
    seg = ""
    for ch in part:
        if ch in _DOT:
            out.append(seg)
            out.append(ch)
            seg = ""
            continue
        seg += ch
    out.append(seg)
    # Cut the last segment (the one that runs into the sentence) before a verb or particle.
    last = out[-1]
    m = _DOT_RIGHT_END.search(last, 1)
    if m:
        last = last[:m.start()]
    out[-1] = last[:8]
    s = "".join(out).rstrip(_DOT)
    return s if any(c not in _DOT for c in s) else ""


def _parse_at(text: str, pos: int, spaced: bool, cued: bool, weak_cue: bool = False,
              tags: np.ndarray | None = None, any_surname: bool = False) -> _Parsed | None:
    """The name starting at ``pos``; with ``spaced`` single spaces between characters are allowed."""
    if not spaced:
        window = text[pos:pos + 20]
        nl = window.find("\n")
        if nl >= 0:
            window = window[:nl]
        if not window:
            return None
        res0 = _parse_compact(window, cued, weak_cue,
                              None if tags is None else tags[pos:pos + len(window)].tolist(), any_surname)
        if res0 is None:
            return None
        n0, surname0, form0, uncertain0 = res0
        if cued and form0 in ("han", "compound") and (oa := _ORG_AHEAD.match(text, pos)) \
                and not any(ch in _FUNCTION_CHARS for ch in oa.group(0)):
            return None  # 被告杭州青禾文化传播有限公司: an organisation, not 杭州青
        return _Parsed(pos, pos + n0, surname0, form0, uncertain0)
    chars: list[str] = []
    where: list[int] = []
    i = pos
    limit = min(len(text), pos + 24)
    while i < limit and len(chars) < 24:
        ch = text[i]
        if spaced and ch in " \t\u3000" and chars:
            i += 1
            continue
        if ch == "\n":
            break
        chars.append(ch)
        where.append(i)
        i += 1
    res = _parse_compact("".join(chars), cued, weak_cue,
                         None if tags is None else tags[where].tolist() if where else None, any_surname)
    if res is None:
        return None
    n, surname, form, uncertain = res
    if cued and form in ("han", "compound") and (oa := _ORG_AHEAD.match(text, where[0])) \
            and not any(ch in _FUNCTION_CHARS for ch in oa.group(0)):
        return None  # 被告杭州青禾文化传播有限公司: an organisation, not 杭州青
    return _Parsed(where[0], where[n - 1] + 1, surname, form, uncertain)


# --------------------------------------------------------------------------------------------
# The character tagger (inference; training is in train_tagger.py)
# --------------------------------------------------------------------------------------------

TAGS = ("O", "B", "I")
FEATURE_VERSION = 2
_PAD = 3
_K = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93],
              dtype=np.uint64)


@lru_cache(maxsize=1)
def _class_table() -> np.ndarray:
    """Per BMP code point a small class id: base class ×32 + flags (surname, given, stop, 某)."""
    lut = np.zeros(0x10000, dtype=np.int64)
    for cp in range(0x10000):
        ch = chr(cp)
        if "\u4e00" <= ch <= "\u9fff":
            base = 0
        elif ch.isdigit():
            base = 1
        elif ch.isascii() and ch.isalpha():
            base = 2
        elif ch.isspace():
            base = 4
        else:
            base = 3
        lut[cp] = base * 32
    for ch in STRONG_SURNAMES:
        lut[ord(ch)] |= 1
    for ch in WEAK_SURNAMES:
        lut[ord(ch)] |= 2
    for ch in GIVEN:
        lut[ord(ch)] |= 4
    for ch in HARD_STOP:
        lut[ord(ch)] |= 8
    for ch in "某×＊*xX":
        lut[ord(ch)] |= 16
    return lut


def _mix(x: np.ndarray) -> np.ndarray:
    x = x ^ (x >> np.uint64(29))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(32))
    return x


@lru_cache(maxsize=1)
def _start_table() -> np.ndarray:
    """Per BMP code point: can a name the tagger reports start here (common or compound surname)?"""
    lut = np.zeros(0x10000, dtype=bool)
    for ch in STRONG_SURNAMES | {c[0] for c in COMPOUND_SURNAMES}:
        lut[ord(ch)] = True
    return lut


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def char_features(text: str, n_buckets: int, positions: np.ndarray | None = None) -> np.ndarray:
    """Hashed feature indices, shape (len(positions or text), n_features): character n-grams
    around each position (unigrams at −3…+3, bigrams and trigrams, the cue trigram before), and
    character classes (surname, given-name, stop, 某). Vectorised with numpy; ``positions``
    restricts the work to the characters that matter (see :meth:`Tagger.predict`)."""
    n = len(text)
    codes = _codes(text)
    padded = np.concatenate([np.full(_PAD, 1, np.uint64), codes, np.full(_PAD, 2, np.uint64)])
    lut = _class_table()
    cls = np.concatenate([np.full(_PAD, 7 * 32, np.uint64),
                          lut[np.minimum(codes, 0xFFFF).astype(np.int64)].astype(np.uint64)
                          * (codes < 0x10000).astype(np.uint64),
                          np.full(_PAD, 6 * 32, np.uint64)])
    base = (np.arange(n) if positions is None else np.asarray(positions)) + _PAD
    m = base.shape[0]
    u = {k: padded[base + k] for k in range(-3, 4)}
    q = {k: cls[base + k] + np.uint64(0x200000) for k in range(-2, 3)}
    zero = np.zeros(m, np.uint64)
    b256 = np.uint64(256)
    templates: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = [
        (zero, zero, zero),
        (u[0], zero, zero), (u[-1], zero, zero), (u[1], zero, zero), (u[-2], zero, zero),
        (u[2], zero, zero), (u[-3], zero, zero), (u[3], zero, zero),
        (u[-1], u[0], zero), (u[0], u[1], zero), (u[-2], u[-1], zero), (u[1], u[2], zero),
        (u[-1], u[1], zero), (u[-3], u[-2], u[-1]), (u[1], u[2], u[3]), (u[-2], u[-1], u[0]),
        (q[-1], q[0], q[1]), (q[-2] * b256 + q[-1], q[0], q[1] * b256 + q[2]),
        (q[0], u[-1], zero), (q[0], u[1], zero), (q[-1], u[0], zero), (q[1], u[0], zero),
    ]
    a = np.stack([t[0] for t in templates])
    b = np.stack([t[1] for t in templates])
    d = np.stack([t[2] for t in templates])
    tconst = np.array([(t + 1) * 0x2545F4914F6CDD1D % (1 << 64) for t in range(len(templates))],
                      dtype=np.uint64)[:, None]
    x = tconst + a * _K[0] + b * _K[1] + d * _K[2]
    return np.ascontiguousarray((_mix(x) & np.uint64(n_buckets - 1)).astype(np.int64).T)


@dataclass(slots=True)
class Tagger:
    """A linear BIO tagger over hashed character features (averaged perceptron weights)."""

    weights: np.ndarray  # (n_buckets, 3) float32
    scale: float
    meta: dict[str, Any]
    by_tag: np.ndarray = field(init=False, repr=False)  # (3, n_buckets), contiguous: fast gathers

    def __post_init__(self) -> None:
        self.by_tag = np.ascontiguousarray(self.weights.T, dtype=np.float32)

    @property
    def n_buckets(self) -> int:
        return int(self.weights.shape[0])

    def scores(self, text: str, positions: np.ndarray | None = None) -> np.ndarray:
        """Tag scores, shape (len(positions or text), 3)."""
        if not text:
            return np.zeros((0, 3), np.float32)
        idx = char_features(text, self.n_buckets, positions)
        return np.stack([self.by_tag[t][idx].sum(axis=1) for t in range(3)], axis=1)

    def spans(self, text: str, full: bool = True) -> list[tuple[int, int, float]]:
        """(start, end, confidence) of every name span the tagger marks (B followed by I's);
        confidence is a logistic function of the smallest per-character margin between the best
        and the second-best tag."""
        return self.predict(text, full=full)[1]

    def predict(self, text: str, full: bool = False) -> tuple[np.ndarray, list[tuple[int, int, float]]]:
        """The tag per character (0 O, 1 B, 2 I) and the spans as in :meth:`spans`.

        Unless ``full``, only characters at most three after a common or compound surname (or
        right before 某) are scored, the only places where a span detect_names accepts can lie;
        the others are tagged O. The scores are the same as on the full text (features are
        per position), at about a fifth of the cost on judgments.
        """
        n = len(text)
        if not n:
            return np.zeros(0, np.int64), []
        if full:
            positions = np.arange(n)
        else:
            codes = _codes(text)
            bmp = codes < 0x10000
            start = _start_table()[np.minimum(codes, 0xFFFF).astype(np.int64)] & bmp
            mou = codes == ord("某")
            start[:-1] |= mou[1:]
            need = start.copy()
            for k in (1, 2, 3):
                need[k:] |= start[:-k]
            positions = np.flatnonzero(need)
            if positions.size == 0:
                return np.zeros(n, np.int64), []
        sc = self.scores(text, positions)
        sub = sc.argmax(axis=1)
        tags = np.zeros(n, np.int64)
        tags[positions] = sub
        if not sub.any():
            return tags, []
        hi = sc.max(axis=1)
        margin = np.zeros(n, np.float32)
        margin[positions] = hi - (sc.sum(axis=1) - hi - sc.min(axis=1))  # best minus second best
        is_ent = tags != 0
        cont = np.zeros_like(is_ent)
        cont[1:] = is_ent[1:] & is_ent[:-1] & (tags[1:] == 2)  # continues the span before it
        starts = np.flatnonzero(is_ent & ~cont)
        last = is_ent.copy()
        last[:-1] &= ~cont[1:]
        ends = np.flatnonzero(last) + 1
        low = np.minimum.reduceat(np.where(is_ent, margin, np.inf), starts)
        conf = 1.0 / (1.0 + np.exp(-low / self.scale))
        return tags, list(zip(starts.tolist(), ends.tolist(), conf.tolist(), strict=True))


def save_tagger(weights: np.ndarray, meta: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    """Write ``name_tagger.npz`` (float16 weights, no pickled objects) and ``name_tagger.json``.

    The ``.npz`` is written by hand with a fixed timestamp, so the same weights give the same
    bytes (``np.savez_compressed`` stamps the current time into the archive).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    npz = out_dir / "name_tagger.npz"
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.ascontiguousarray(weights, dtype=np.float16), allow_pickle=False)
    info = zipfile.ZipInfo("weights.npy", date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    with zipfile.ZipFile(npz, "w") as zf:
        zf.writestr(info, buf.getvalue(), compresslevel=9)
    js = out_dir / "name_tagger.json"
    js.write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return npz, js


def load_tagger(directory: Path | None = None) -> Tagger | None:
    """The tagger shipped in ``fazhi/privacy/data`` (or in ``directory``); None when absent."""
    if directory is None:
        base = resources.files("fazhi.privacy") / "data"
        npz_res, js_res = base / "name_tagger.npz", base / "name_tagger.json"
        if not npz_res.is_file() or not js_res.is_file():
            return None
        with resources.as_file(npz_res) as p:
            with np.load(p, allow_pickle=False) as z:
                w = np.asarray(z["weights"], dtype=np.float32)
        meta = json.loads(js_res.read_text(encoding="utf-8"))
    else:
        npz_p, js_p = directory / "name_tagger.npz", directory / "name_tagger.json"
        if not npz_p.is_file() or not js_p.is_file():
            return None
        with np.load(npz_p, allow_pickle=False) as z:
            w = np.asarray(z["weights"], dtype=np.float32)
        meta = json.loads(js_p.read_text(encoding="utf-8"))
    if meta.get("feature_version") != FEATURE_VERSION:
        return None
    return Tagger(weights=w, scale=float(meta.get("scale", 1.0)), meta=meta)


@lru_cache(maxsize=1)
def default_tagger() -> Tagger | None:
    """The shipped tagger, loaded once."""
    return load_tagger()


# --------------------------------------------------------------------------------------------
# detect_names
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    priority: int
    confidence: float
    recognizer: str
    explanation: str
    attrs: dict[str, Any]


def _surname_note(name: str) -> str:
    if name[:2] in COMPOUND_SURNAMES:
        return f"复姓：{name[:2]}"
    if name[:1] in STRONG_SURNAMES:
        return f"常见姓氏：{name[0]}"
    if name[:1] in WEAK_SURNAMES:
        return f"姓氏：{name[0]}（也常作虚词）"
    return f"首字：{name[:1]}"


def _is_masked(name: str) -> bool:
    name = re.sub(r"\s+", "", name)
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{1,3}?(?:某某|某[甲乙丙丁戊己庚辛壬癸]|某[0-9０-９]{1,2}|某[A-Za-z]|某"
                             r"|[0-9０-９]某|[×xX*＊]{1,3}|某[\u4e00-\u9fff])", name))


def _known_table(known: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for name, role in known:
        name = re.sub(r"[\s\u3000]+", " " if re.search(r"[A-Za-z]", name or "") else "", name or "").strip()
        if len(name) < 2 or len(name) > 30 or (_is_cjk(name[0]) and (len(name) > 8 and _DOT not in name)):
            continue
        if _is_cjk(name[-1]) and _ORG_SUFFIX_IN_NAME.search(name) and len(name) > 4:
            continue  # an organisation: detect_organizations handles it
        roles = table.setdefault(name, [])
        r = _norm_role(role or "")
        if r and r not in roles:
            roles.append(r)
    return table


@lru_cache(maxsize=64)
def _known_regex(names: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for n in sorted(names, key=len, reverse=True):
        if re.search(r"[A-Za-z]", n):
            parts.append(r"(?<![A-Za-z])" + re.escape(n).replace(r"\ ", r"\s+") + r"(?![A-Za-z])")
        else:
            parts.append("[ \t\u3000]{0,3}".join(map(re.escape, n)))
    return re.compile("|".join(parts))


@dataclass(frozen=True, slots=True)
class _Hit:
    """A match of a known name (the part of ``re.Match`` the caller reads)."""

    s: int
    e: int
    surface: str

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e

    def group(self, _n: int = 0) -> str:
        return self.surface


def _find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + len(needle))
    return out


# Han names written with spaces between the characters (审　判　员　　张　伟).
_SPACED_RUN = re.compile(r"[\u4e00-\u9fff](?:[ \t\u3000]{1,3}[\u4e00-\u9fff]){1,12}")


def _known_matches(text: str, names: tuple[str, ...]) -> list[_Hit]:
    """Non-overlapping occurrences of the known names, longest first, by plain search (no
    per-document regex to compile: the same speed for any set of names)."""
    hits: list[_Hit] = []
    taken = bytearray(len(text) + 1)
    han = [n for n in names if not re.search(r"[A-Za-z]", n)]
    for n in sorted(han, key=len, reverse=True):
        for i in _find_all(text, n):
            if not any(taken[i:i + len(n)]):
                hits.append(_Hit(i, i + len(n), n))
                taken[i:i + len(n)] = b"\x01" * len(n)
    compact = {n for n in han if len(n) >= 2}
    if compact:
        for m in _SPACED_RUN.finditer(text):
            run = m.group(0)
            squeezed = re.sub(r"[ \t\u3000]", "", run)
            for n in compact:
                j = squeezed.find(n)
                if j < 0:
                    continue
                # map the name's characters back to offsets in the spaced run
                idx = [k for k, ch in enumerate(run) if ch not in " \t\u3000"]
                s, e = m.start() + idx[j], m.start() + idx[j + len(n) - 1] + 1
                if not any(taken[s:e]):
                    hits.append(_Hit(s, e, text[s:e]))
                    taken[s:e] = b"\x01" * (e - s)
    for n in (n for n in names if re.search(r"[A-Za-z]", n)):
        for m in _known_regex((n,)).finditer(text):
            if not any(taken[m.start():m.end()]):
                hits.append(_Hit(m.start(), m.end(), m.group(0)))
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return sorted(hits, key=lambda h: h.s)


def _cue_before(text: str, start: int) -> tuple[str, str] | None:
    """(cue as written, normalised role) of a role word ending right before ``start``."""
    window = text[max(0, start - 24):start]
    m = _CUE_END_RE.search(window)
    if not m:
        return None
    cue = re.sub(r"[ \t\u3000:：]+", "", m.group(0))
    # Take the longest cue that ends here (…原审被告人 rather than 被告人).
    for c in sorted(_ALL_CUES, key=len, reverse=True):
        if cue.endswith(c):
            return c, _ALL_CUES[c][0]
    return None


def _choose_role(roles: Sequence[str]) -> str | None:
    if not roles:
        return None
    for r in roles:
        if r not in KEEP_ROLES:
            return r
    return roles[0]


def _known_candidates(text: str, table: dict[str, list[str]]) -> list[_Cand]:
    out: list[_Cand] = []
    if not table:
        return out
    compact_to_name = {re.sub(r"\s+", "", n): n for n in table}
    for m in _known_matches(text, tuple(table)):
        surface = m.group(0)
        key = re.sub(r"\s+", "", surface)
        name = compact_to_name.get(key) or (surface if surface in table else None)
        if name is None:
            name = next((n for n in table if re.sub(r"\s+", "", n) == key), surface)
        roles = table.get(name, [])
        attrs: dict[str, Any] = {}
        cue = _cue_before(text, m.start())
        conf = 0.99
        notes = []
        if cue:
            attrs["role"] = cue[1]
            attrs["cue"] = cue[0]
        elif roles:
            attrs["role"] = _choose_role(roles)
        if len(roles) > 1:
            attrs["possible_roles"] = list(roles)
        if surface != key:
            attrs["normalized"] = key
        if _is_masked(key):
            attrs["already_masked"] = True
        if key in COMMON_WORDS and not cue:
            attrs["uncertain"] = True
            conf = 0.6
            notes.append(f"“{key}”也是常用词语，此处无称谓提示，识别不确定，请核对")
        elif _is_cjk(key[-1]) and len(key) == 2 and m.end() < len(text):
            nxt = text[m.end():m.end() + 2]
            if nxt[:1] in GIVEN and nxt not in _NEXT_WORDS and _boundary(nxt[1:2]) and nxt[:1] not in HARD_STOP:
                conf = 0.8
                notes.append(f"可能是更长姓名“{key + nxt[0]}”的一部分，请核对")
        if km := _KIN_AFTER.match(text, m.end()):
            attrs["kinship"] = km.group(0)
        role_txt = f"（{'、'.join(roles)}）" if roles else ""
        expl = f"与当事人或署名中的已知姓名“{name}”{role_txt}完全一致"
        if cue:
            expl += f"，前有称谓“{cue[0]}”"
        if notes:
            expl += "；" + "；".join(notes)
        out.append(_Cand(m.start(), m.end(), 0, conf, "names.known", expl, attrs))
    # Given name alone / nicknames of known 3–4 character Han names.
    for name, roles in table.items():
        if not all(_is_cjk(ch) for ch in name) or _is_masked(name):
            continue
        sur = 2 if name[:2] in COMPOUND_SURNAMES and len(name) >= 3 else 1
        given = name[sur:]
        forms: list[tuple[str, str, float]] = []
        if len(given) == 2:
            forms.append((given, "given_name", 0.85))
        if len(given) >= 1:
            for pre in ("小", "阿"):
                forms.append((pre + given[-1], "nickname", 0.7))
        for form, kind, conf in forms:
            for s in _find_all(text, form):
                e = s + len(form)
                before = text[s - 1] if s > 0 else "\n"
                if kind == "given_name" and text[max(0, s - sur):s] == name[:sur]:
                    continue  # part of the full name
                after = _PARTIAL_AFTER.match(text, e)
                pre_ok = (not _is_cjk(before) or before in _PARTIAL_BEFORE or before in HARD_STOP
                          or _cue_before(text, s) is not None)
                # a given name opening a quotation ("三丰平时…") is how parties speak of a relative
                strong_pre = kind == "given_name" and before in "叫喊让给对向找跟同与和“「"
                org_after = after is not None and after.group(0) in _ORG_WORDS_AFTER and kind == "given_name"
                if not ((after and pre_ok) or strong_pre or org_after):
                    continue
                attrs = {"partial_of": name, "partial": kind}
                if roles:
                    attrs["role"] = _choose_role(roles)
                what = "名字部分" if kind == "given_name" else "昵称"
                out.append(_Cand(s, e, 1, conf, "names.known",
                                 f"已知姓名“{name}”的{what}“{form}”，上下文“{text[max(0, s - 1):s].strip()}…{after.group(0) if after else ''}”提示指人",
                                 attrs))
    return out


def _cue_candidates(text: str, tags: np.ndarray | None = None) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _CUE_RE.finditer(text):
        cue_written = m.group(0)
        cue = re.sub(r"[ \t\u3000]+", "", cue_written)
        role, kind = _ALL_CUES.get(cue, ("", ""))
        if not role:
            continue
        pos = m.end()
        gap = _CUE_GAP.match(text, pos)
        colon = bool(gap and re.search("[:：]", gap.group(0)))
        pos = gap.end() if gap else pos
        spaced = kind == "bench" or " " in cue_written or "\u3000" in cue_written
        first = True
        while True:
            p = _parse_at(text, pos, spaced=spaced, cued=True, weak_cue=cue in _GENERIC_CUES, tags=tags,
                          any_surname=kind == "bench" or (colon and kind == "party"))
            if p is None:
                break
            name = text[p.start:p.end]
            compact = re.sub(r"[ \t\u3000]+", "", name) if p.form != "latin" else name
            attrs: dict[str, Any] = {"role": role, "cue": cue}
            if kind in ("kin", "rel"):
                attrs["relation"] = _KIN_CUES.get(cue) or _OTHER_REL_CUES.get(cue) or cue
            if compact != name:
                attrs["normalized"] = compact
            conf = 0.95 if kind in ("bench", "party") else 0.85
            via = f"上下文“{cue}”后" if first else f"上下文“{cue}”后的并列"
            if p.form == "masked":
                attrs["already_masked"] = True
                expl = f"{via}的已隐名称谓“{compact}”（{_surname_note(compact)}），无需再次隐名"
            elif p.form == "dotted":
                expl = f"{via}的少数民族或外国人译名（含间隔号）“{compact}”"
            elif p.form == "latin":
                expl = f"{via}的拉丁字母姓名“{compact}”"
                conf = 0.9
            else:
                expl = f"{via}的姓名（{_surname_note(compact)}）"
            if p.uncertain:
                attrs["uncertain"] = True
                conf = 0.6
                expl += f"；“{compact}”也是常用词语，识别不确定，请核对"
            elif p.surname in WEAK_SURNAMES and p.form == "han":
                conf = min(conf, 0.75)
            if km := _KIN_AFTER.match(text, p.end):
                attrs["kinship"] = km.group(0)
            out.append(_Cand(p.start, p.end, 1, conf, "names.cue", expl, attrs))
            # A list after the cue: 被害人赵某、孙某、李某
            nxt = text[p.end:p.end + 2]
            if nxt[:1] in "、，," and nxt[:1] != "，" or nxt[:1] in "和及" and nxt[1:2] in SURNAMES:
                pos = p.end + 1
                first = False
                continue
            break
    return out


def _backward_name(text: str, end: int) -> tuple[int, str] | None:
    """Start of a name that ends at ``end`` (before 之妻, 证实 …), from the surname list."""
    for length in (4, 3, 2):
        s = end - length
        if s < 0:
            continue
        cand = text[s:end]
        if not all(_is_cjk(ch) for ch in cand):
            continue
        sur = 2 if cand[:2] in COMPOUND_SURNAMES else 1 if cand[0] in STRONG_SURNAMES else 0
        if sur == 0 or length - sur not in (1, 2):
            continue
        if length == 4 and sur != 2:
            continue
        if any(ch in _TIGHT_STOP or not _is_cjk(ch) for ch in cand[sur:]) or cand in COMMON_WORDS \
                or cand[:2] in COMMON_WORDS or (s > 0 and text[s - 1:s + 1] in WORDS_BEFORE):
            continue
        if length - sur == 2 and cand[sur + 1] not in GIVEN:
            continue
        before = text[s - 1] if s > 0 else ""
        # Prefer the longer reading only when the character before is not itself a surname
        # that would make a different split plausible (和李四之妻 → 李四).
        if length == 3 and sur == 1 and before and _is_cjk(before) and before not in HARD_STOP \
                and before not in "人方" and before not in _TIGHT_STOP:
            if cand[1] in STRONG_SURNAMES:
                continue
        return s, cand[:sur]
    return None


def _context_after_candidates(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _KIN_AFTER.finditer(text):
        r = _backward_name(text, m.start())
        if r is None:
            continue
        s, sur = r
        name = text[s:m.start()]
        out.append(_Cand(s, m.start(), 2, 0.8, "names.kinship",
                         f"亲属称谓“{m.group(0)}”前的姓名（{_surname_note(name)}）", {"kinship": m.group(0)}))
    for m in _POST_STATEMENT.finditer(text):
        r = _backward_name(text, m.start())
        if r is None:
            continue
        s, sur = r
        before = text[s - 1] if s > 0 else "\n"
        if _is_cjk(before) and before not in "、，。；：":
            continue
        name = text[s:m.start()]
        out.append(_Cand(s, m.start(), 2, 0.75, "names.cue",
                         f"句首姓名，后接“{m.group(0).rstrip('：:，,')}”（{_surname_note(name)}）", {}))
    return out


def _masked_candidates(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _MASKED_ANY.finditer(text):
        s = m.start()
        if s > 0 and text[s - 1:s + 1] in COMPOUND_SURNAMES:
            s -= 1  # 欧阳某
        p = _parse_at(text, s, spaced=False, cued=False)
        if p is None or p.form != "masked":
            continue
        name = text[p.start:p.end]
        before = text[s - 1] if s > 0 else ""
        if "某" not in name and before and (before.isascii() and before.isalnum()):
            continue
        if p.start > 0 and text[p.start - 1:p.start + 1] in WORDS_BEFORE and _cue_before(text, p.start) is None:
            continue  # 住宿某房: the surname character ends a word
        out.append(_Cand(p.start, p.end, 3, 0.9, "names.masked",
                         f"已隐名处理的称谓“{name}”（{_surname_note(name)}），无需再次隐名", {"already_masked": True}))
    return out


def _dotted_candidates(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    if not any(d in text for d in _DOT):
        return out
    for m in _DOT_NAME.finditer(text):
        left = m.group(1)
        cut = 0
        for cm in _CUE_RE.finditer(left):
            cut = max(cut, cm.end())
        for i, ch in enumerate(left):
            if ch in HARD_STOP and ch not in _DOT_NAME_CHARS and i + 1 > cut:
                cut = i + 1
        left = left[cut:]
        right = _trim_right(m.group(2))
        if not left or not right:
            continue
        s = m.start(1) + cut
        e = m.start(2) + len(right)
        name = text[s:e]
        out.append(_Cand(s, e, 4, 0.85, "names.dotted",
                         f"少数民族或外国人译名（含间隔号）“{name}”", {}))
    return out


def _tagger_candidates(text: str, spans: list[tuple[int, int, float]], tags: np.ndarray) -> list[_Cand]:
    out: list[_Cand] = []
    for s, e, conf in spans:
        if not (2 <= e - s <= 4) or conf < 0.6:
            continue
        if s > 0 and text[s - 1:s + 1] in WORDS_BEFORE:
            continue  # 主张双倍, 支付宝: the surname character belongs to the word before
        name = text[s:e]
        masked = _is_masked(name)
        if name[:2] in COMPOUND_SURNAMES:
            sur = 2
        elif name[0] in STRONG_SURNAMES or masked:
            sur = 1
        else:
            continue
        if not masked:
            # The boundary from the name parser (given-name characters, stop words, the tagger's
            # own tags for the open cases) when it reads a name here too.
            p = _parse_at(text, s, spaced=False, cued=False, tags=tags)
            if p is not None and p.form in ("han", "compound") and abs(p.end - e) <= 1:
                e = p.end
                name = text[s:e]
            if any(not _is_cjk(ch) or ch in HARD_STOP for ch in name[sur:]) or name in COMMON_WORDS \
                    or name[:2] in COMMON_WORDS or not 1 <= len(name) - sur <= 2:
                continue
        if masked:
            p = _parse_at(text, s, spaced=False, cued=False)
            if p is None or p.form != "masked":
                continue  # 于某日: a preposition and 某, not a masked name
        attrs: dict[str, Any] = {"already_masked": True} if masked else {}
        out.append(_Cand(s, e, 5, round(conf * 0.95, 3), "names.tagger",
                         f"字符标注模型识别，置信度{conf:.2f}（{_surname_note(name)}）", attrs))
    return out


def _propagated_candidates(text: str, cues: list[_Cand], table: dict[str, list[str]]) -> list[_Cand]:
    """Other occurrences of names the text itself introduces with a role (原告宋佳怡 … 向宋佳怡转账)."""
    found: dict[str, list[str]] = {}
    for c in cues:
        if c.recognizer != "names.cue" or c.confidence < 0.9 or c.attrs.get("uncertain") \
                or c.attrs.get("already_masked"):
            continue
        name = c.attrs.get("normalized") or text[c.start:c.end]
        if name in table or len(name) < 2:
            continue
        roles = found.setdefault(name, [])
        if c.attrs.get("role") and c.attrs["role"] not in roles:
            roles.append(c.attrs["role"])
    out: list[_Cand] = []
    if not found:
        return out
    rx = re.compile("|".join(re.escape(n) for n in sorted(found, key=len, reverse=True)))
    for m in rx.finditer(text):
        name = m.group(0)
        s, e = m.start(), m.end()
        before, after = text[s - 1:s], text[e:e + 1]
        if before and text[s - 1:s + 1] in WORDS_BEFORE:
            continue
        if len(name) == 2 and _is_cjk(before) and before not in HARD_STOP and before not in _NAME_BEFORE \
                and not _boundary(after) and _cue_before(text, s) is None:
            continue  # 主张明显: a two-character name inside running words
        roles = found[name]
        attrs: dict[str, Any] = {"propagated": True}
        if roles:
            attrs["role"] = _choose_role(roles)
            if len(roles) > 1:
                attrs["possible_roles"] = list(roles)
        out.append(_Cand(s, e, 2, 0.9, "names.propagated",
                         f"同一文书中以称谓“{'、'.join(roles)}”引出的姓名“{name}”再次出现", attrs))
    return out


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping: higher priority first, then longer, then earlier."""
    chosen: list[_Cand] = []
    taken = bytearray()
    for c in sorted(cands, key=lambda c: (c.priority, -(c.end - c.start), -c.confidence, c.start)):
        if c.end > len(taken):
            taken.extend(b"\0" * (c.end - len(taken)))
        if any(taken[c.start:c.end]):
            continue
        taken[c.start:c.end] = b"\1" * (c.end - c.start)
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def detect_names(text: str, known: Iterable[tuple[str, str]] = (), *, use_tagger: bool = True) -> list[Detection]:
    """Person names in ``text``, non-overlapping, sorted by start; offsets exact into ``text``.

    ``known`` is (name, role) pairs from the party block and the signature block: every exact
    occurrence is reported (confidence 0.99), the given name alone and ``小``/``阿`` nicknames
    near a cue word too. Unknown names come from context cues, masked forms, dotted names and the
    character tagger (see the module docstring). ``attrs`` carries ``name`` (always: the
    person's full name as the anonymiser should look it up: the known name a partial reference
    or nickname stands for, the name without the spaces of the signature block), and where they
    apply ``role``, ``cue``, ``possible_roles``, ``already_masked``, ``uncertain``, ``kinship``,
    ``relation``, ``partial_of``/``partial``, ``normalized``, ``propagated``. ``use_tagger=False``
    runs the rules alone.
    """
    if not text:
        return []
    table = _known_table(known)
    tagger = default_tagger() if use_tagger else None
    tags: np.ndarray | None = None
    spans: list[tuple[int, int, float]] = []
    if tagger is not None:
        tags, spans = tagger.predict(text)
    cands = _known_candidates(text, table)
    cued = _cue_candidates(text, tags)
    cands += cued
    cands += _propagated_candidates(text, cued, table)
    cands += _context_after_candidates(text)
    cands += _masked_candidates(text)
    cands += _dotted_candidates(text)
    if tags is not None:
        cands += _tagger_candidates(text, spans, tags)
    chosen = _resolve(cands)
    # Roles from a cue right before (masked and tagger spans), and lists: 被害人赵某、孙某
    prev: _Cand | None = None
    for c in chosen:
        if "role" not in c.attrs:
            cue = _cue_before(text, c.start)
            if cue:
                c.attrs["role"] = cue[1]
                c.attrs["cue"] = cue[0]
            elif prev is not None and "role" in prev.attrs and text[prev.end:c.start] in ("、", "和", "及"):
                c.attrs["role"] = prev.attrs["role"]
                c.attrs["role_from"] = "并列"
            else:
                key = c.attrs.get("normalized") or text[c.start:c.end]
                if key in table and table[key]:
                    c.attrs["role"] = _choose_role(table[key])
        if "kinship" not in c.attrs and (km := _KIN_AFTER.match(text, c.end)):
            c.attrs["kinship"] = km.group(0)
        c.attrs.setdefault("name", c.attrs.get("partial_of") or c.attrs.get("normalized") or text[c.start:c.end])
        prev = c
    return [Detection(type=PERSON, start=c.start, end=c.end, text=text[c.start:c.end],
                      confidence=c.confidence, recognizer=c.recognizer, explanation=c.explanation,
                      attrs=c.attrs) for c in chosen]


# --------------------------------------------------------------------------------------------
# detect_organizations
# --------------------------------------------------------------------------------------------

# Suffix -> kind, longest first in the regex.
_ORG_SUFFIXES: dict[str, str] = {
    "农民专业合作社": "cooperative", "专业合作社": "cooperative", "合作社": "cooperative", "合作联社": "cooperative",
    "股份有限公司": "company", "有限责任公司": "company", "有限公司": "company", "分公司": "company", "支公司": "company",
    "公司": "company", "集团": "company", "合伙企业": "company", "个人独资企业": "company",
    "个体工商户": "sole_trader", "经营部": "sole_trader", "门市部": "sole_trader", "批发部": "sole_trader",
    "商行": "sole_trader", "商店": "sole_trader", "超市": "sole_trader", "便利店": "sole_trader", "商场": "sole_trader",
    "加工厂": "sole_trader", "修理厂": "sole_trader", "工厂": "sole_trader", "厂": "sole_trader", "店": "sole_trader",
    "工作室": "sole_trader", "农家乐": "sole_trader", "酒店": "sole_trader", "饭店": "sole_trader",
    "宾馆": "sole_trader", "旅馆": "sole_trader", "餐厅": "sole_trader", "酒楼": "sole_trader", "网吧": "sole_trader",
    "诊所": "sole_trader", "药店": "sole_trader", "药房": "sole_trader", "养殖场": "sole_trader", "农场": "sole_trader",
    "车行": "sole_trader", "会所": "sole_trader", "俱乐部": "sole_trader",
    "律师事务所": "law_firm", "法律服务所": "law_firm",
    "医院": "institution", "卫生院": "institution", "学校": "institution", "小学": "institution", "中学": "institution",
    "幼儿园": "institution", "大学": "institution", "学院": "institution", "协会": "institution", "基金会": "institution",
    "司法鉴定中心": "public_body", "司法鉴定所": "public_body", "鉴定中心": "public_body", "价格认证中心": "public_body",
    "价格认定中心": "public_body", "鉴定所": "public_body", "村民委员会": "public_body", "居民委员会": "public_body",
    "村委会": "public_body", "居委会": "public_body", "村民小组": "public_body",
}
_BANK = (r"(?:银行|信用合作联社|信用合作社|信用社)(?:股份有限公司|有限责任公司|有限公司)?"
         r"(?:[\u4e00-\u9fff]{1,12}?(?:支行|分行|营业部|分理处|储蓄所|分社|信用社))?")
_ORG_RE = re.compile(
    "(?P<bank>" + _BANK + ")|(?P<suf>"
    + "|".join(sorted(_ORG_SUFFIXES, key=len, reverse=True))
    + r")(?:[\u4e00-\u9fff]{1,8}?(?:分公司|支公司|分店|门店|店|营业部|办事处|分部))?"
)
# Bank names need a brand or a place before 银行 (not 名下银行, 全国银行间…).
_BANK_BRAND = re.compile(r"工商|农业|建设|交通|招商|浦发|浦东发展|民生|光大|华夏|中信|兴业|平安|广发|邮政|邮储|农村商业|农商|"
                         r"村镇|城市商业|渤海|浙商|恒丰|徽商|北京|上海|江苏|宁波|南京|杭州|中国|汇丰|渣打|花旗|东亚|农村信用|"
                         r"农村合作|商业")
# Organisations never reported: the court and the other organs of the proceedings.
_OFFICIAL = re.compile(r"人民法院|法院|人民检察院|检察院|公安局|公安分局|派出所|公安机关|看守所|拘留所|监狱|戒毒所|人民政府|"
                       r"交警|交通警察|刑警|司法局|司法所|政府|管理局|监督管理局|委员会办公室|中国人民银行|人民银行|全国")
_WEAK_SUFFIX_KINDS = {"sole_trader", "institution"}
_FUNCTION_CHARS = frozenset("的在于与和及等因为被将把对向从给是系并也又都均即就而或且但若如虽所以到至已曾未不没无")
# Role words and verbs that end the text before an organisation's name (约定锐达公司, 判令…).
_ORG_CUT = re.compile("|".join(sorted(set(
    "原告 被告 上诉人 被上诉人 第三人 申请人 被申请人 被执行人 申请执行人 被告人 被害人 证人 案外人 原审 一审 二审 再审 "
    "判令 责令 约定 驳回 返还 入职 要求 证明 认定 考虑 交付 提交 加盖 列明 载明 免除 退赔 名下 通过 按照 依照 根据 导致 "
    "出具 代表 提供 支付 起诉 收到 告知 催告 通知 联系 委托 签订 签署 履行 违反 解除 承担 负担 赔偿 偿还 归还 清偿 给付 "
    "转账 汇款 借款 拖欠 执行 查封 冻结 评估 拍卖 任职 就职 供职 受雇 离职 雇佣 聘用 隶属 注销 变更 设立 成立 注册 登记 "
    "经营 管理 负责 认为 主张 陈述 确认 否认 承认 同意 拒绝 未能 无权 应当 改判 判决 裁定 决定 撤销 维持 送往 送至 前往 "
    "来到 进入 位于 就读 当日 次日 同日 此后 之后 以后 随后 其后 现由 分别 共同 以及 或者 并且 但是 同时 另查明 查明 经查 "
    "暂住 住所地 户籍地 住址 现住 住 在 于 与 和 及 向 由 将 把 被 对 给 从 自 至 到 为 是 系 称 诉 之 的 其 该 本 此 这 那 "
    "各 每 另 但 且 并 则 就 再 又 也 还 都 只 才 曾 已 仍 亦 均 即 令 让 使 欠 等 经 一家 一间 一个 某地 因 所 以 而 "
    "如 若 虽 据 凭 依 按 比 除 关于 对于 作为 属于 担任 工资 款项".split()),
    key=len, reverse=True)) + r"|\d+[年月日号]?|[年月日]")
_STRONG_ORG_CUT = re.compile(r"原告|被告|上诉人|申请人|被执行人|第三人|案外人|判令|责令|约定|驳回|返还|支付|给付|交付|"
                             r"要求|认定|通过|按照|依照|根据|与|和|及|向|在|于|由|对|给|从|的|系|是|、|\d{2,}|元")
_GENERIC_ORG_PREFIX = frozenset(
    "烧烤 五金 水果 便利 小卖 理发 服装 手机 烟酒 副食 餐饮 修理 洗车 汽修 美容 美发 维修 百货 杂货 食品 蔬菜 快餐 "
    "早餐 面包 蛋糕 药 花 书 茶 酒 网 电脑 家电 建材 家具 超 门 分 总 本 该 连锁 大型 小型 个体 其 涉案 上述 前述 "
    "两 二 各 贵 我 你 他 她 对方 同一 另一 多 这 那 物流 快递 担保 保险 小额贷款 网络 科技 贸易 商贸 实业 投资 "
    "房地产 物业 建筑 工程 劳务 运输 汽车 原告 被告 上诉人 这家 那家 一家 某 某某 肉 菜 米 粮油 服饰 鞋 眼镜 "
    "珠宝 金店 母婴 饭 面 粉 奶茶 咖啡 电器 电动车 自行车 摩托车 五金建材 农资 化肥 种子 兽药 医药 大 小 新 老 "
    "私人 民营 国有 外资 合资 子 母 总公司 分公司 用人 用工 施工 建设 开发 销售 生产 经销 代理 中介 信托 目标 "
    "证券 期货 基金 银行 支付 游戏 影视 文化 传媒 广告 设计 咨询 服务 管理 培训 教育 医疗 健康 养老 门店 实体 "
    "民办 公办 私立 公立 村 镇 乡 县 市 区 省 当地 附近 周边 隔壁 对面 楼下 街边 路边 小区 该村 本村 清洗 网店 "
    "二手车 二手 出租 租赁 装修 装饰 家政 保洁 中小 知名 普通 一般 正规 合法 非法 黑 空壳 皮包 关联 母公司 子公司".split()
)
_REGION_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{2,9}?(?:省|自治区|市|自治州|地区|盟|县|区|旗|镇|乡|街道|村))+")
_PLACE_AFTER = frozenset("乡镇村街路巷区县市站弄里")
_ALIAS = re.compile(r"[（(](?:以下简称|下称|简称|以下称)[:：]?[“\"‘]?([^”\"’）)，,。；\s]{2,20})[”\"’]?[）)]")


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Province, prefecture and county names (from the court table), for the left edge of an
    organisation's name: 深圳市, 深圳, 南山区, 广东省, 广东 …"""
    try:
        from fazhi.documents.courts import all_courts
        courts = all_courts()
    except Exception:  # pragma: no cover - the court table ships with fazhi
        courts = ()
    names: set[str] = {"中国", "中华", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "台湾"}
    for c in courts:
        full = c.full_name.replace("人民法院", "")
        for m in re.finditer(r".+?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|地区|盟|林区|区|县|旗)", full):
            comp = m.group(0)
            if comp.startswith(("第", "中级", "高级")) or len(comp) < 2:
                continue
            names.add(comp)
            if comp[-1] in "省市" and len(comp) >= 3:
                names.add(comp[:-1])
    return frozenset(n for n in names if 2 <= len(n) <= 12)


def _find_place(seg: str, pos: int = 0) -> int:
    """Index of the first place name in ``seg`` at or after ``pos``, or -1."""
    places = _places()
    for i in range(pos, len(seg) - 1):
        for length in (2, 3, 4, 5, 6, 7, 8):
            if i + length > len(seg):
                break
            if seg[i:i + length] in places:
                return i
    return -1


@lru_cache(maxsize=64)
def _known_org_regex(names: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = []
    for n in sorted(names, key=len, reverse=True):
        parts.append(re.escape(n))
        core = _REGION_PREFIX.sub("", n)
        core = re.split(r"股份有限公司|有限责任公司|有限公司|公司|集团", core)[0]
        if core != n and len(core) >= 2 and core[:2] not in _GENERIC_ORG_PREFIX:
            # Short forms: 深圳市启辰电子科技有限公司 → 启辰公司, 鼎安财产保险… → 鼎安保险成都支公司
            parts.append(re.escape(core[:2]) + r"[\u4e00-\u9fff]{0,6}?(?:有限公司|分公司|支公司|公司)")
    return re.compile("|".join(parts)) if parts else None


def _org_kind(name: str) -> str:
    if re.search(r"银行|信用社|信用合作", name):
        return "bank"
    for suf in sorted(_ORG_SUFFIXES, key=len, reverse=True):
        if name.endswith(suf):
            return _ORG_SUFFIXES[suf]
    if re.search(r"公司|集团|企业", name):
        return "company"
    return "other"


def _owner_name(prefix: str) -> tuple[int, str] | None:
    """(offset, name) of a personal name at the end of an organisation's name part (张三丰个体工商户)."""
    core = _REGION_PREFIX.sub("", prefix)
    off = len(prefix) - len(core)
    if not (2 <= len(core) <= 4) or not all(_is_cjk(c) for c in core):
        return None
    sur = 2 if core[:2] in COMPOUND_SURNAMES else 1 if core[0] in STRONG_SURNAMES else 0
    if sur and 1 <= len(core) - sur <= 2 and core not in COMMON_WORDS:
        return off, core
    return None


def _org_start(text: str, s_suf: int) -> tuple[int, bool]:
    """Where the name before the suffix at ``s_suf`` begins, and whether a place name anchors it."""
    i = s_suf
    depth = 0
    while i > 0 and s_suf - i < 30:
        ch = text[i - 1]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                break
            depth -= 1
        elif not (_is_cjk(ch) or ch.isalnum()):
            break
        i -= 1
    seg = text[i:s_suf]
    p = _find_place(seg)
    if p >= 0:
        # A place anchors the start unless a role word or a verb stands between it and the suffix.
        strong = [m.end() for m in _STRONG_ORG_CUT.finditer(seg, p)]
        if not strong:
            return i + p, True
        p2 = _find_place(seg, strong[-1])
        if p2 >= 0:
            return i + p2, True
        return i + strong[-1], False
    cut = 0
    for m in _ORG_CUT.finditer(seg):
        cut = max(cut, m.end())
    return i + cut, False


def detect_organizations(text: str, known: Iterable[str] = (), *, persons: Iterable[str] = ()) -> list[Detection]:
    """Organisation names in ``text``, sorted by start (see the module docstring for kinds).

    ``known``: organisation names from the party block; every exact occurrence and short forms
    (深圳市启辰电子科技有限公司 → 启辰公司) are reported (confidence 0.99 / 0.9). Short names the
    text defines (``…有限公司（以下简称启辰公司）``) are found everywhere too. Other names are found
    by their suffix; the left edge is a place name (from the court table) or the last role word
    or verb before the suffix (confidence 0.9 with a place, 0.7 without; weak suffixes such as
    店/厂 need a place, an owner's name or a distinctive name part).
    ``persons``: names of persons whose names may be part of an organisation's name; a matching
    part (full name or given name alone) is reported as a PERSON detection inside the
    ORGANIZATION detection, with ``attrs["inside_organization"] = True`` (the only overlaps).
    """
    if not text:
        return []
    cands: list[_Cand] = []
    known_t = tuple(sorted({k.strip() for k in known if k and len(k.strip()) >= 2}))
    if known_t and (krx := _known_org_regex(known_t)):
        for m in krx.finditer(text):
            exact = m.group(0) in known_t
            cands.append(_Cand(m.start(), m.end(), 0, 0.99 if exact else 0.9, "orgs.known",
                               f"与当事人中的已知单位名称{'完全一致' if exact else '的简称一致'}",
                               {"kind": _org_kind(m.group(0))}))
    aliases: dict[str, str] = {}
    for m in _ORG_RE.finditer(text):
        s_suf, e = m.start(), m.end()
        kind = "bank" if m.group("bank") else _ORG_SUFFIXES[m.group("suf")]
        if text[e:e + 1] in _PLACE_AFTER and kind != "bank":
            continue  # 十八里店乡, 大学路: a place name
        if text[e:e + 1] in "长员主" and kind != "bank":
            continue  # 店长, 厂长, 行长: a post, not the organisation
        start, anchored = _org_start(text, s_suf)
        prefix = text[start:s_suf]
        name = text[start:e]
        bare = _REGION_PREFIX.sub("", prefix) if anchored else prefix
        if not prefix or prefix in _GENERIC_ORG_PREFIX or (len(prefix) < 2 and kind != "bank"):
            continue
        if kind == "bank" and not (_BANK_BRAND.search(prefix) or anchored):
            continue
        if _OFFICIAL.search(name) and kind not in ("public_body", "law_firm"):
            continue
        if re.search(r"人民法院|人民检察院|公安", name):
            continue
        owner = _owner_name(prefix) if kind in ("sole_trader", "company") else None
        if kind in _WEAK_SUFFIX_KINDS and not anchored and owner is None and (
                len(bare) < 3 or bare in _GENERIC_ORG_PREFIX or any(ch in _FUNCTION_CHARS for ch in bare)):
            continue
        if (q := re.search(r"(?:一家|一间|一个|一|某|该|这|那)([\u4e00-\u9fff]{0,4})$", prefix)) and (
                q.group(1) in _GENERIC_ORG_PREFIX or not q.group(1)) and q.group(0)[0] != "某":
            continue  # 桐柏路一烧烤店: a kind of shop, not a name
        if name.endswith("门店") and prefix[:-1] in _GENERIC_ORG_PREFIX | {""}:
            continue
        if not anchored and len(prefix) > 8:
            continue  # no place, no cue: the left edge is a guess
        attrs: dict[str, Any] = {"kind": kind}
        if re.search(r"某某|[\u4e00-\u9fff]某(?![\u4e00-\u9fff])|×", prefix):
            attrs["already_masked"] = True
        if owner is not None:
            attrs["owner_name"] = owner[1]
        kind_txt = {"bank": "银行机构", "law_firm": "律师事务所", "public_body": "履行公共职能的机构",
                    "institution": "事业单位或社会组织"}.get(kind, "单位")
        conf = (0.9 if kind in ("company", "bank", "law_firm", "cooperative") else 0.75) if anchored else 0.7
        how = "，以地名起首" if anchored else "，起点依前文称谓或动词判断"
        cands.append(_Cand(start, e, 1 if kind == "bank" else 2, conf, "orgs.suffix",
                           f"以“{text[s_suf:e] if kind != 'bank' else '银行'}”结尾的{kind_txt}名称{how}", attrs))
        am = _ALIAS.match(text, e)
        if am and re.search(r"公司|集团|厂|店|社|部|行|所|院|中心|超市", am.group(1)):
            aliases.setdefault(am.group(1), name)
    if aliases:
        rx = re.compile("|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True)))
        for m in rx.finditer(text):
            full = aliases[m.group(0)]
            cands.append(_Cand(m.start(), m.end(), 0, 0.95, "orgs.alias",
                               f"文书中“{full}”的简称“{m.group(0)}”", {"kind": _org_kind(full), "alias_of": full}))
    orgs = _resolve(cands)
    out = [Detection(type=ORGANIZATION, start=c.start, end=c.end, text=text[c.start:c.end], confidence=c.confidence,
                     recognizer=c.recognizer, explanation=c.explanation, attrs=c.attrs) for c in orgs]
    # Personal names of protected persons inside organisation names.
    person_forms: dict[str, str] = {}
    for p in persons:
        p = re.sub(r"\s+", "", p or "")
        if len(p) < 2:
            continue
        person_forms[p] = p
        sur = 2 if p[:2] in COMPOUND_SURNAMES and len(p) >= 3 else 1
        if len(p) - sur == 2:
            person_forms.setdefault(p[sur:], p)
    inner: list[Detection] = []
    if person_forms:
        rx = re.compile("|".join(re.escape(f) for f in sorted(person_forms, key=len, reverse=True)))
        for o in out:
            for m in rx.finditer(text, o.start, o.end):
                full = person_forms[m.group(0)]
                o.attrs.setdefault("person_parts", []).append([m.start(), m.end()])
                inner_attrs: dict[str, Any] = {"inside_organization": True, "organization": o.text}
                if full != m.group(0):
                    inner_attrs["partial_of"] = full
                inner.append(Detection(
                    type=PERSON, start=m.start(), end=m.end(), text=m.group(0),
                    confidence=0.95 if full == m.group(0) else 0.85, recognizer="orgs.person_part",
                    explanation=f"单位名称“{o.text}”中含已知自然人“{full}”的姓名"
                                + ("" if full == m.group(0) else "（名字部分）"),
                    attrs=inner_attrs))
    return sorted(out + inner, key=lambda d: (d.start, -d.end, d.type))
