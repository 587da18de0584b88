"""What the prediction models read from a criminal fact: neutral text, n-gram vectors and sentencing cues.

Why: 法发〔2022〕33号 §4 (公平公正) requires that who the defendant is — name, gender, ethnicity,
home region — never moves a suggested charge or sentence. So every model reads the text only after
:func:`neutralise` has replaced those with placeholders (``Ｐ`` a person, ``Ｌ`` a place) and removed
gender and ethnicity words; :func:`counterfactual` rewrites a fact with another identity so that
tests and benchmarks can check the promise. Offsets into the original text are kept so that the
evidence shown to a judge points at the fact as written.

Everything here is numpy and the standard library: the models run on CPU without scipy.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from fazhi.text.money import find_money
from fazhi.text.normalize import fold_width

__all__ = [
    "MAX_CHARS",
    "Cue",
    "Cues",
    "Neutral",
    "SparseRows",
    "Vectoriser",
    "counterfactual",
    "cue_vector",
    "extract_cues",
    "neutralise",
    "neutralise_map",
    "ngrams",
    "to_simplified",
]

# Facts longer than this are read only up to here: a 50,000-character fact must not cost more
# than a normal one, and the first pages state the conduct the charge rests on.
MAX_CHARS = 5000

PERSON = "Ｐ"  # placeholder for any person's name
PLACE = "Ｌ"  # placeholder for any administrative region (province … village)

# --- traditional → simplified ---------------------------------------------------------------

# Common characters of criminal facts in traditional form (one-to-one, length-preserving), so that a
# fact typed in 繁體 reads like its 简体 twin. Pairs: traditional then simplified.
_TRAD_PAIRS = (
    "萬万與与專专業业東东絲丝兩两嚴严喪丧個个豐丰臨临為为麗丽舉举義义烏乌樂乐習习鄉乡書书買买亂乱爭争"
    "虧亏雲云亞亚產产畝亩親亲褻亵億亿僅仅從从倉仓儀仪們们價价眾众優优會会傘伞偉伟傳传傷伤倫伦偽伪體体"
    "餘余偵侦側侧僑侨債债傾倾償偿儲储兒儿黨党蘭兰關关興兴養养獸兽內内岡冈冊册寫写軍军農农馮冯沖冲決决"
    "況况凍冻淨净涼凉減减幾几鳳凤憑凭凱凯擊击劃划劉刘則则剛刚創创刪删別别劑剂剝剥劇剧勸劝辦办務务動动"
    "勵励勁劲勞劳勢势勻匀匯汇區区醫医華华協协單单賣卖盧卢衛卫卻却廠厂廳厅歷历厲厉壓压厭厌縣县參参雙双"
    "發发變变敘叙疊叠葉叶號号嘆叹後后嚇吓呂吕嗎吗噸吨聽听啟启吳吴響响啞哑嘩哗喚唤問问噴喷囑嘱團团園园"
    "圍围圖图圓圆聖圣場场壞坏塊块堅坚壇坛壩坝墳坟墜坠壘垒墾垦執执墊垫墮堕壯壮聲声殼壳壺壶處处備备復复"
    "夠够頭头誇夸夾夹奪夺奮奋獎奖奧奥婦妇媽妈孫孙學学寧宁寶宝實实寵宠審审憲宪賓宾寢寝對对尋寻導导壽寿"
    "將将爾尔塵尘嘗尝堯尧屍尸盡尽層层屬属屢屡嶼屿歲岁豈岂崗岗島岛峽峡鞏巩幣币帥帅師师帳帐帶带幫帮幹干"
    "並并廣广莊庄慶庆廬庐庫库應应廟庙龐庞廢废開开異异棄弃張张彌弥彎弯彈弹強强歸归當当錄录徹彻徑径憶忆"
    "憂忧懷怀態态總总戀恋懇恳惡恶惱恼悅悦懸悬驚惊懼惧慘惨懲惩慚惭慣惯願愿戲戏戰战戶户撲扑擴扩掃扫揚扬"
    "擾扰撫抚拋抛搶抢護护報报擔担擬拟攏拢揀拣擁拥攔拦撥拨擇择掛挂擋挡擠挤揮挥撈捞損损撿捡換换搗捣據据"
    "擄掳擲掷攙搀攬揽搖摇攜携攝摄擺摆攤摊撐撑敵敌斂敛數数齋斋鬥斗斬斩斷断無无舊旧時时曠旷晝昼顯显晉晋"
    "曬晒曉晓暈晕暉晖暫暂術术樸朴機机殺杀雜杂權权條条來来楊杨傑杰極极構构樞枢棗枣槍枪楓枫櫃柜標标棧栈"
    "棟栋欄栏樹树棲栖樣样橋桥樺桦檔档樁桩夢梦檢检樓楼歡欢歐欧殲歼殘残毆殴毀毁畢毕斃毙氣气漢汉湯汤溝沟"
    "沒没瀝沥淪沦滄沧滬沪濘泞淚泪潑泼澤泽潔洁灑洒窪洼濁浊測测濟济渾浑濃浓濤涛澇涝漣涟潤润澗涧漲涨澀涩"
    "澱淀淵渊漁渔滲渗溫温遊游灣湾濕湿潰溃濺溅滾滚滯滞滿满濾滤濫滥濱滨灘滩瀟潇瀾澜瀕濒滅灭燈灯靈灵災灾"
    "燦灿爐炉燉炖煉炼熾炽爍烁爛烂燭烛煙烟煩烦燒烧燙烫燼烬熱热煥焕愛爱爺爷牽牵犧牺狀状猶犹狽狈獨独狹狭"
    "獅狮獄狱獵猎豬猪貓猫獻献瑪玛環环現现璽玺瑣琐瓊琼電电畫画暢畅療疗瘋疯癢痒癱瘫癮瘾皺皱盞盏鹽盐監监"
    "蓋盖盜盗盤盘睜睁瞞瞒礦矿碼码磚砖確确礙碍禮礼禍祸離离禿秃種种積积稱称穢秽穩稳穀谷窩窝窮穷竊窃竄窜"
    "豎竖競竞筆笔籠笼築筑簽签簡简籌筹糧粮糞粪緊紧糾纠紅红約约級级紀纪緯纬純纯紗纱綱纲納纳縱纵紛纷紙纸"
    "紋纹紡纺紐纽線线練练組组紳绅細细織织終终絆绊紹绍經经綁绑絨绒結结繞绕繪绘給给絡络絕绝統统絹绢繼继"
    "績绩緒绪續续綽绰綿绵維维綜综綠绿締缔編编緣缘緩缓縫缝縮缩繳缴網网羅罗罰罚罷罢翹翘聳耸聯联聰聪職职"
    "聶聂腸肠膚肤腎肾腫肿脹胀脅胁膽胆勝胜脈脉臉脸臘腊膠胶腦脑膿脓臟脏艦舰艙舱艱艰豔艳藝艺節节蘆芦蘇苏"
    "蘋苹範范蔭荫莖茎薦荐藥药蓮莲獲获蕭萧營营蕩荡藍蓝薩萨蘊蕴虛虚蟲虫雖虽蝦虾蠶蚕螞蚂蠟蜡蠻蛮補补襯衬"
    "裝装褲裤襪袜製制見见觀观規规視视覽览覺觉譽誉計计訂订認认譏讥討讨讓让訓训議议訊讯記记講讲許许論论"
    "設设訪访證证評评識识訴诉診诊詞词譯译試试詩诗誠诚話话誕诞詭诡詢询該该詳详誤误說说請请諸诸讀读課课"
    "誰谁調调談谈諒谅謀谋謊谎謎谜謝谢謹谨譜谱讚赞貝贝負负財财責责貢贡貨货販贩貪贪貧贫購购貫贯貴贵貸贷"
    "費费賀贺貿贸賄贿資资賊贼賂赂賈贾賠赔賞赏賭赌賢贤賤贱賬账質质賴赖贈赠贓赃贖赎贏赢趕赶趙赵趨趋躍跃"
    "蹤踪踐践軀躯車车軌轨軒轩轉转輪轮軟软轟轰軸轴輕轻載载較较輛辆輝辉輩辈輸输轄辖辭辞邊边遼辽達达遷迁"
    "過过邁迈運运還还這这進进遠远違违連连遲迟適适選选遺遗遙遥鄧邓鄭郑鄰邻郵邮鄒邹釀酿釋释裡里鑒鉴鑑鉴"
    "針针釘钉鈔钞鋼钢鈴铃鉛铅銀银銷销鋒锋鋪铺鏈链鎖锁錢钱錯错鍋锅鎮镇鐵铁鐘钟長长門门閃闪閉闭閒闲間间"
    "閘闸閱阅闊阔闖闯隊队陽阳陰阴陣阵際际陸陆陳陈隨随險险隱隐隸隶難难雞鸡霧雾靜静韓韩頁页項项順顺須须"
    "預预頑顽頓顿領领頻频題题額额顏颜類类顧顾風风飛飞飯饭飲饮飼饲飽饱飾饰餅饼餓饿館馆馬马駕驾駛驶騙骗"
    "騎骑驗验驅驱驟骤髒脏鬧闹魚鱼鮮鲜鳥鸟鴨鸭鵝鹅麥麦黃黄齊齐齒齿龍龙龜龟週周鬆松麵面髮发衝冲纔才儘尽"
    "嚮向僱雇臺台檯台擡抬緝缉訟讼辯辩詐诈嬰婴釁衅瀆渎汙污採采擊击鬨哄偷偷慾欲姦奸猥猥贜赃麼么隻只"
)
_TRAD = str.maketrans({_TRAD_PAIRS[i]: _TRAD_PAIRS[i + 1] for i in range(0, len(_TRAD_PAIRS) - 1, 2)
                       if _TRAD_PAIRS[i] != _TRAD_PAIRS[i + 1]})


def to_simplified(text: str) -> str:
    """Map common traditional characters to simplified ones; the length never changes."""
    return text.translate(_TRAD)


# --- neutralisation -------------------------------------------------------------------------

# The most common Chinese surnames (about 400), compound ones first: names are masked in published
# facts (张某, 李×1, 王某甲, 李3某林) but the surname is kept, and the surname must not matter.
_COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "慕容", "令狐", "皇甫", "尉迟", "公孙", "长孙",
                      "宇文", "司徒", "夏侯", "端木", "轩辕", "南宫", "西门", "独孤", "申屠")
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
    "武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉"
    "缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑"
    "郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊"
    "仝郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄"
    "邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束"
    "檀衣信展阴昝智幸奉植衡富尧闭由"
)
_SURNAME_RE = "(?:" + "|".join(_COMPOUND_SURNAMES) + "|[" + _SURNAMES + "])"
# 张某 张某某 张某甲 李3某林 王1某 (digits inside the mask tell namesakes apart), 李×1 李X 王ＸＸ.
_MASKED = re.compile(_SURNAME_RE + r"(?:\d{0,2}某+[甲乙丙丁戊己庚辛壬癸\d]{0,2}(?![基醇])|[×xXＸ＊*]{1,3}\d{0,2})")
# Bare masks that carry no surname: x1, ×2, Ｘ某.
_BARE_MASK = re.compile(r"(?<![A-Za-z0-9])[×xXＸ]{1,2}\d{1,2}(?![A-Za-z0-9])")
# Full names right after the word that introduces a person: 被告人王小明.
_ROLE = re.compile(r"(?:被告人|被害人|受害人|证人|犯罪嫌疑人|同案犯|同案人|罪犯|上诉人|报案人)(?=" + _SURNAME_RE + ")")
# Words that follow a role word but are no name (被害人陈述, 被告人全部供述).
_NOT_NAMES = frozenset(
    "陈述 单位 信任 常住 钱财 阴部 全部 钱款 支付 阴道 银行 应当 母亲 父亲 左脸 右脸 安排 平安 索要 信息 相信 明确 "
    "呼喊 智力 玉米 公司 申请 居民 祖母 祖父 向公 向本 向其 和警 当庭 余款 房屋 高度 成功 时间 于是 项目 车辆 "
    "关系 金额 金钱 华为 文化 明显 程度 费用 强行 强制 解释 解除 从事 方面 方式 左手 右手 左腿 右腿 伍某".split())
# Characters that do not continue a name: what follows a name in running text.
_NOT_NAME = set("在于与和将因到被从向对把以为等的了是伙驾持用至系即先又也称经遂便趁供曾知采携窃盗骗多及"
                "并但后前时所其某来去上下中内外已均共同分别驶乘到达使自再还就都一二三四五六七八九十个人、，。；："
                "（）()“”《》 ")
_NOT_NAME |= set("0123456789")

# 56 ethnic groups (民族). Single-character ones only as a listed attribute (，汉族，) so that 水族馆,
# 上班族, 家族 and 民族 are left alone; the longer ones anywhere.
_ETHNIC_LONG = ("蒙古|维吾尔|布依|朝鲜|土家|哈尼|哈萨克|傈僳|拉祜|东乡|纳西|景颇|柯尔克孜|达斡尔|仫佬|布朗|撒拉|"
                "毛南|仡佬|锡伯|阿昌|普米|塔吉克|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|塔塔尔|独龙|鄂伦春|赫哲|"
                "门巴|珞巴|基诺|高山")
_ETHNIC_SHORT = "汉回藏苗彝壮满侗瑶白傣黎佤畲水羌土怒京"
_ETHNIC = re.compile(rf"(?:{_ETHNIC_LONG})族|(?<=[，,、（(\s：:])[{_ETHNIC_SHORT}]族(?=[，,、）)\s。；;])")
# 男 / 女 as an attribute of a person (（男，54岁）, 被告人Ｐ，女，) and the words 男性 / 女性 there.
_GENDER = re.compile(r"(?<=[，,、（(\s：:])(?:男|女)性?(?=[，,、）)\s。；;])")
_SHE = str.maketrans({"她": "他"})
# Birthplace in a person description: 湖北省人, (Ｌ人) → removed with its separator.
_BORN_IN = re.compile(rf"(?<=[，,、（(]){PLACE}+(?:人|籍)(?=[，,、）)。；;])")
# Ages: 54岁, 五十四岁, born on a date. Under 14 is kept as a token (童龄): it marks a child victim
# (猥亵儿童, 奸淫幼女), never a defendant who could stand trial for those charges.
_AGE = re.compile(r"(?<![满至])(?:(?P<n>\d{1,3})|(?P<cn>[一二三四五六七八九十]{1,3}))周?岁(?:半)?(?:\d{1,2}个月)?")
_BIRTH = re.compile(r"(?:生于)?\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:出生|生)(?![产活意])")
_EMPTY_BRACKETS = re.compile(r"[（(][，,、\s]*[）)]")
_SEPARATOR_RUN = re.compile(r"([，,、])[，,、\s]+")
_AFTER_OPEN = re.compile(r"([（(])[，,、\s]+")
_BEFORE_CLOSE = re.compile(r"[，,、\s]+([）)])")
_PLACEHOLDER_RUN = re.compile(f"{PERSON}{{2,}}|{PLACE}{{2,}}")
# A town, street or village right after a region (Ｌ潞城镇, Ｌ某村) is part of the address.
_SUBUNIT = re.compile(rf"(?<={PLACE})(?:(?:(?![的在内等和与及了是将被把向从到对于至])[\u4e00-\u9fff]){{1,4}}?"
                      r"(?:街道|镇|乡|村|社区|嘎查|苏木)|某[镇乡村])")

_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _cn_small(s: str) -> int | None:
    """一 … 九十九 to an int (ages, counts); None if it is not such a numeral."""
    if not s:
        return None
    if "十" not in s:
        return _CN_DIGIT.get(s) if len(s) == 1 else None
    head, _, tail = s.partition("十")
    tens = _CN_DIGIT.get(head, 0) if head else 1
    ones = _CN_DIGIT.get(tail, 0) if tail else 0
    if (head and head not in _CN_DIGIT) or (tail and tail not in _CN_DIGIT):
        return None
    return tens * 10 + ones


@cache
def _gazetteer() -> tuple[frozenset[str], int, frozenset[str], tuple[str, ...]]:
    """Administrative region names (province, prefecture, county) from the court table that fazhi
    ships (every intermediate court is named after its prefecture, every basic court after its
    county): the names, their longest length, their last characters, and the sorted list."""
    from fazhi.documents.courts import all_courts

    # Names that are also ordinary words (阳泉市城区, 矿区) or too short to be safe in running text.
    skip = {"城区", "郊区", "矿区", "新区", "市区", "林区", "特区", "地区", "市辖区", "市中区", "开发区", "高新区"}
    names: set[str] = set()
    prefectures: set[str] = set()
    courts = [c for c in all_courts() if c.full_name.endswith("人民法院") and c.province]
    for court in courts:
        names.add(court.province)
        if court.level == "中级":
            rest = court.full_name[len(court.province):].removesuffix("中级人民法院")
            if rest and not rest.startswith("第") and court.full_name.startswith(court.province):
                prefectures.add(rest)
    names |= prefectures
    for court in courts:
        if court.level != "基层" or not court.full_name.startswith(court.province):
            continue
        rest = court.full_name[len(court.province):].removesuffix("人民法院")
        for pref in prefectures:
            if rest.startswith(pref) and len(rest) > len(pref) + 1:
                rest = rest[len(pref):]
                break
        if rest.endswith(("区", "县", "市", "旗")) and len(rest) >= 2:
            names.add(rest)
    names = {n for n in names if n not in skip and len(n) >= 2
             # 2-character counties whose first character is a common word (和县, 单县)
             and not (len(n) == 2 and n[0] in "和单吉易滑夏县城郊矿新市高东西南北中")}
    provinces = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
                 "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
                 "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
    names.update(provinces)
    ordered = tuple(sorted(names))
    return frozenset(names), max(map(len, names)), frozenset(n[-1] for n in names), ordered


@dataclass(frozen=True, slots=True)
class Neutral:
    """A neutralised fact and, for each of its characters, the offset of its source in the original."""

    text: str
    offsets: np.ndarray  # int32, len(text) + 1 (the last entry is the end of the read part)
    aged: str  # the same text before ages were removed (sentencing cues need them)
    aged_offsets: np.ndarray
    truncated: bool  # the fact was longer than MAX_CHARS and only its beginning was read


def _apply(text: str, offs: list[int], spans: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """Replace non-overlapping (start, end, replacement) spans, carrying original offsets along."""
    if not spans:
        return text, offs
    out: list[str] = []
    new_offs: list[int] = []
    pos = 0
    for start, end, rep in spans:
        out.append(text[pos:start])
        new_offs.extend(offs[pos:start])
        out.append(rep)
        new_offs.extend([offs[start]] * len(rep))
        pos = end
    out.append(text[pos:])
    new_offs.extend(offs[pos:])  # includes the sentinel: the end offset of the read part
    return "".join(out), new_offs


def _sub(pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str], text: str,
         offs: list[int]) -> tuple[str, list[int]]:
    """``pattern.sub`` that keeps the offset map."""
    spans = []
    for m in pattern.finditer(text):
        rep = repl(m) if callable(repl) else repl
        if rep != m.group():
            spans.append((m.start(), m.end(), rep))
    return _apply(text, offs, spans)


def _region_spans(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping gazetteer names (the longest where two overlap), found from their last character."""
    names, longest, last_chars, _ = _gazetteer()
    found: list[tuple[int, int, str]] = []
    for i, ch in enumerate(text):
        if ch not in last_chars:
            continue
        for length in range(min(longest, i + 1), 1, -1):
            if text[i + 1 - length:i + 1] in names:
                start = i + 1 - length
                while found and found[-1][1] > start:  # overlaps the previous name: keep the longer
                    if found[-1][1] - found[-1][0] >= length:
                        break
                    found.pop()
                else:
                    found.append((start, i + 1, PLACE))
                break
    return found


def _full_names(text: str) -> list[str]:
    """Unmasked names introduced by a role word (被告人王小明), longest first."""
    found: set[str] = set()
    for m in _ROLE.finditer(text):
        i = m.end()
        sur = text[i:i + 2] if text[i:i + 2] in _COMPOUND_SURNAMES else text[i]
        j = i + len(sur)
        given = ""
        for ch in text[j:j + 2]:
            if ch in _NOT_NAME or not ("\u4e00" <= ch <= "\u9fff") or ch in "某×":
                break
            given += ch
        if given and text[j:j + 1] not in "某×xXＸ" and (sur + given)[:2] not in _NOT_NAMES:
            found.add(sur + given)
    return sorted(found, key=lambda n: (-len(n), n))


def neutralise_map(fact: str) -> Neutral:
    """The fact as the models read it, with the offset map back to ``fact`` (see :func:`neutralise`).

    The raw text is read up to twice :data:`MAX_CHARS` and the neutral text cut at MAX_CHARS, so
    that a longer or shorter name or region never moves the cut (the fairness promise holds for
    long facts too).
    """
    window = fact[:2 * MAX_CHARS]
    text = to_simplified(fold_width(window))
    offs = list(range(len(text) + 1))
    # places first (a county name may end in a surname character: 开福区XX村), then persons: full
    # names after a role word, everywhere they recur, and masked names
    text, offs = _apply(text, offs, _region_spans(text))
    for name in _full_names(text):
        text, offs = _sub(re.compile(re.escape(name)), PERSON, text, offs)
    text, offs = _sub(_MASKED, PERSON, text, offs)
    text, offs = _sub(_BARE_MASK, PERSON, text, offs)
    text, offs = _sub(_PLACEHOLDER_RUN, _first, text, offs)
    for _ in range(2):  # Ｌ潞城镇某村: town, then village
        text, offs = _sub(_SUBUNIT, "", text, offs)
    text, offs = _sub(_BORN_IN, "", text, offs)
    # ethnicity, gender, pronouns
    text, offs = _sub(_ETHNIC, "", text, offs)
    text, offs = _sub(_GENDER, "", text, offs)
    text = text.translate(_SHE)
    # punctuation left behind by the removals: （，，）, ，，
    text, offs = _sub(_AFTER_OPEN, _group1, text, offs)
    text, offs = _sub(_BEFORE_CLOSE, _group1, text, offs)
    text, offs = _sub(_EMPTY_BRACKETS, "", text, offs)
    text, offs = _sub(_SEPARATOR_RUN, _group1, text, offs)
    aged, aged_offs = text, offs
    text, offs = _sub(_BIRTH, "", text, offs)
    text, offs = _sub(_AGE, _age_token, text, offs)
    text, offs = _sub(_AFTER_OPEN, _group1, text, offs)
    text, offs = _sub(_BEFORE_CLOSE, _group1, text, offs)
    text, offs = _sub(_EMPTY_BRACKETS, "", text, offs)
    text, offs = _sub(_SEPARATOR_RUN, _group1, text, offs)
    truncated = len(fact) > len(window) or len(text) > MAX_CHARS
    if len(text) > MAX_CHARS:
        cut = offs[MAX_CHARS]
        text, offs = text[:MAX_CHARS], offs[:MAX_CHARS] + [cut]
        keep = sum(1 for o in aged_offs[:-1] if o < cut)
        aged, aged_offs = aged[:keep], aged_offs[:keep] + [cut]
    return Neutral(text, np.asarray(offs, dtype=np.int32), aged, np.asarray(aged_offs, dtype=np.int32),
                   truncated)


def _first(m: re.Match[str]) -> str:
    return m.group()[0]


def _group1(m: re.Match[str]) -> str:
    return m.group(1)


def _age_token(m: re.Match[str]) -> str:
    n = int(m["n"]) if m["n"] else _cn_small(m["cn"])
    return "童龄" if n is not None and n < 14 else ""


def neutralise(fact: str) -> str:
    """Remove what must not influence a prediction (法发〔2022〕33号 §4): names of persons (masked or
    not), gender and ethnicity words, home regions and every administrative region name, and ages
    (a child under 14 stays visible as 童龄: that is a fact about a victim). Reads at most
    :data:`MAX_CHARS` characters; traditional characters are mapped to simplified ones."""
    return neutralise_map(fact).text


# --- counterfactual identities (fairness checks) -----------------------------------------------

# The defendant right after 被告人: a masked name (张某, 李×1) or, rarely, a full one
_DEFENDANT = re.compile(r"被告人(?:" + _MASKED.pattern + r")")
_GENDER_SLOT = re.compile(r"^[（(，,]\s*(?P<g>男|女)性?\s*[，,、]")
_ETHNIC_SLOT = re.compile(r"(?P<e>(?:" + _ETHNIC_LONG + r"|[" + _ETHNIC_SHORT + r"])族)")
_ETHNIC_CHOICES = ("汉族", "回族", "壮族", "蒙古族", "维吾尔族", "苗族", "彝族", "藏族", "满族", "土家族")


def counterfactual(fact: str, seed: int) -> str:
    """The same fact for a defendant of another name, gender, ethnicity and home region.

    Every masked name gets another surname (the same one wherever it recurs), every region name
    another region with the same suffix (consistently); the defendant's stated gender is flipped and
    ethnicity changed, and a defendant described by nobody gets a description (gender, ethnicity,
    home county) inserted after the first 被告人. Used by the fairness test and benchmark: the
    predictions for ``fact`` and ``counterfactual(fact, s)`` must be the same.
    """
    rng = random.Random(seed)
    mapping: dict[str, str] = {}
    surnames = list(_SURNAMES)

    def swap(name: str) -> str:
        sur = name[:2] if name[:2] in _COMPOUND_SURNAMES else name[0]
        if sur not in mapping:
            used = set(mapping.values())
            mapping[sur] = rng.choice([s for s in surnames if s != sur and s not in used])
        return mapping[sur] + name[len(sur):]

    # regions first (a county name may end in a surname character), then names
    _, _, _, regions = _gazetteer()
    by_suffix: dict[str, list[str]] = {}
    for r in regions:
        by_suffix.setdefault(r[-1], []).append(r)
    region_map: dict[str, str] = {}
    pieces: list[str] = []
    pos = 0
    for start, end, _ in _region_spans(fact):
        name = fact[start:end]
        if name not in region_map:
            region_map[name] = rng.choice(by_suffix.get(name[-1], [name]))
        pieces += [fact[pos:start], region_map[name]]
        pos = end
    pieces.append(fact[pos:])
    text = "".join(pieces)
    for name in _full_names(text):  # unmasked names (rare in published facts)
        text = text.replace(name, swap(name))
    regions_at = _region_spans(text)

    def masked(m: re.Match[str]) -> str:  # a mask right after a region (上海某某公司) is no name
        inside = any(a <= m.start() < b for a, b, _ in regions_at)
        return m.group() if inside else swap(m.group())

    text = _MASKED.sub(masked, text)
    m = _DEFENDANT.search(text)
    if m is None:
        full = [n for n in _full_names(text) if "被告人" + n in text]
        if not full:
            return text
        m = re.search("被告人" + re.escape(full[0]), text)
        assert m is not None
    rest = text[m.end():]
    g = _GENDER_SLOT.match(rest)
    if g is not None:
        flipped = "女" if g["g"] == "男" else "男"
        rest = rest[:g.start("g")] + flipped + rest[g.end("g"):]
        window = rest[:60].split("。")[0]
        e = _ETHNIC_SLOT.search(window)
        if e is not None:
            rest = rest[:e.start()] + rng.choice([x for x in _ETHNIC_CHOICES if x != e["e"]]) + rest[e.end():]
        return text[:m.end()] + rest
    province = rng.choice(by_suffix.get("省", ["湖南省"]))
    county = rng.choice(by_suffix.get("县", ["长沙县"]))
    desc = f"（{rng.choice('男女')}，{rng.choice(_ETHNIC_CHOICES)}，{province}{county}人）"
    return text[:m.end()] + desc + rest


# --- n-gram vectors ---------------------------------------------------------------------------

_DIGITS = str.maketrans("0123456789", "0000000000")
_WORD = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf0a-z" + PERSON + PLACE + r"]+")


def ngrams(text: str) -> list[str]:
    """Character unigrams and bigrams of the neutral text; digits fold to 0, punctuation breaks."""
    out: list[str] = []
    for m in _WORD.finditer(text.lower().translate(_DIGITS)):
        run = m.group()
        out.extend(run)
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out


@dataclass(slots=True)
class SparseRows:
    """A CSR matrix in three numpy arrays (rows = documents): enough for X @ W and X.T @ G."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    n_cols: int

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def dot(self, w: np.ndarray) -> np.ndarray:
        """X @ w for a dense (n_cols, k) or (n_cols,) w."""
        if self.indices.size == 0:
            return np.zeros((self.n_rows,) + w.shape[1:], dtype=np.float32)
        prod = w[self.indices] * (self.data[:, None] if w.ndim == 2 else self.data)
        out = np.zeros((self.n_rows,) + w.shape[1:], dtype=np.float32)
        filled = self.indptr[:-1] < self.indptr[1:]
        out[filled] = np.add.reduceat(prod, self.indptr[:-1][filled], axis=0)
        return out

    def tdot(self, g: np.ndarray) -> np.ndarray:
        """X.T @ g for a dense (n_rows, k) g."""
        rows = np.repeat(np.arange(self.n_rows), np.diff(self.indptr))
        out = np.zeros((self.n_cols, g.shape[1]), dtype=np.float64)
        order = np.argsort(self.indices, kind="stable")
        idx = self.indices[order]
        contrib = g[rows[order]] * self.data[order, None]
        starts = np.flatnonzero(np.r_[True, idx[1:] != idx[:-1]])
        out[idx[starts]] = np.add.reduceat(contrib, starts, axis=0)
        return out

    def take(self, rows: Sequence[int] | np.ndarray) -> SparseRows:
        rows = np.asarray(rows, dtype=np.int64)
        lens = np.diff(self.indptr)[rows]
        indptr = np.r_[0, np.cumsum(lens)].astype(np.int64)
        sel = np.concatenate([np.arange(self.indptr[r], self.indptr[r + 1]) for r in rows]) if len(rows) else \
            np.zeros(0, dtype=np.int64)
        return SparseRows(indptr, self.indices[sel], self.data[sel], self.n_cols)

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        return self.indices[self.indptr[i]:self.indptr[i + 1]], self.data[self.indptr[i]:self.indptr[i + 1]]


@dataclass(slots=True)
class Vectoriser:
    """A fixed vocabulary with IDF weights: sublinear TF × IDF, L2-normalised rows."""

    vocab: dict[str, int]
    idf: np.ndarray

    @classmethod
    def fit(cls, docs: Iterable[list[str]], extra: Iterable[list[str]] = (), min_df: int = 2,
            max_features: int | None = None) -> Vectoriser:
        """Vocabulary from training documents (n-grams in ≥ ``min_df`` of them) plus every n-gram of
        the knowledge texts in ``extra`` (so that a charge seen in no case still has its words)."""
        df: Counter[str] = Counter()
        n = 0
        for grams in docs:
            df.update(set(grams))
            n += 1
        kept = [g for g, c in df.items() if c >= min_df]
        kept.sort(key=lambda g: (-df[g], g))
        if max_features is not None:
            kept = kept[:max_features]
        vocab_set = set(kept)
        for grams in extra:
            for g in dict.fromkeys(grams):  # first-occurrence order: the same vocabulary on every run
                if g not in vocab_set:
                    vocab_set.add(g)
                    kept.append(g)
        vocab = {g: i for i, g in enumerate(kept)}
        idf = np.array([math.log((n + 1) / (df.get(g, 0) + 1)) + 1.0 for g in kept], dtype=np.float32)
        return cls(vocab, idf)

    def transform(self, docs: Iterable[list[str]]) -> SparseRows:
        indptr = [0]
        indices: list[np.ndarray] = []
        data: list[np.ndarray] = []
        vocab = self.vocab
        for grams in docs:
            counts = Counter(vocab[g] for g in grams if g in vocab)
            if counts:
                idx = np.fromiter(counts.keys(), dtype=np.int32, count=len(counts))
                tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
                w = (1.0 + np.log(tf)) * self.idf[idx]
                w /= np.sqrt(float(w @ w)) or 1.0
                order = np.argsort(idx)
                indices.append(idx[order])
                data.append(w[order].astype(np.float32))
                indptr.append(indptr[-1] + len(idx))
            else:
                indptr.append(indptr[-1])
        return SparseRows(np.asarray(indptr, dtype=np.int64),
                          np.concatenate(indices) if indices else np.zeros(0, np.int32),
                          np.concatenate(data) if data else np.zeros(0, np.float32), len(vocab))


# --- sentencing cues --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cue:
    """One sentencing-relevant fact found in the text, with its span in the original fact."""

    name: str
    start: int
    end: int
    text: str
    value: float = 1.0


@dataclass(slots=True)
class Cues:
    """The numbers and circumstances that drive a sentence (sentencing.md §2.4, §6)."""

    amounts: list[Cue] = field(default_factory=list)  # money (元)
    drugs: list[Cue] = field(default_factory=list)  # grams, name = drug kind
    injuries: list[Cue] = field(default_factory=list)  # 轻微伤 / 轻伤二级 … / 死亡
    counts: list[Cue] = field(default_factory=list)  # 多次, 三次
    circumstances: list[Cue] = field(default_factory=list)  # 自首, 坦白, 累犯 …
    alcohol: float = 0.0  # blood alcohol, mg/100ml (醉驾: ≥ 80)
    minor: bool = False

    def has(self, name: str) -> bool:
        return any(c.name == name for c in self.circumstances)

    @property
    def max_amount(self) -> float:
        return max((c.value for c in self.amounts), default=0.0)

    @property
    def total_amount(self) -> float:
        """Sum of distinct stated amounts, or the largest stated total (共计 / 合计 / 累计)."""
        totals = [c.value for c in self.amounts if c.name == "total"]
        if totals:
            return max(totals)
        return float(sum({c.value for c in self.amounts}))

    def drug_grams(self, heroin_equivalent: bool = False) -> float:
        if not heroin_equivalent:
            return float(sum(c.value for c in self.drugs))
        return float(sum(c.value * _DRUG_FACTOR.get(c.name, 0.1) for c in self.drugs))

    def worst_injury(self) -> int:
        """0 none, 1 轻微伤, 2 轻伤二级, 3 轻伤(一级), 4 重伤二级, 5 重伤(一级), 6 死亡."""
        return max((int(c.value) for c in self.injuries), default=0)


# 法释〔2016〕8号 arts. 1–2: the quantities that count as 数量大 for each drug; the factor puts them on
# the heroin scale (heroin / methamphetamine 50 g = 1).
_DRUG_FACTOR = {"海洛因": 1.0, "甲基苯丙胺": 1.0, "冰毒": 1.0, "可卡因": 1.0, "吗啡": 0.5, "鸦片": 0.05,
                "氯胺酮": 0.1, "大麻": 0.001, "摇头丸": 0.5, "麻古": 1.0, "甲基苯丙胺片剂": 1.0, "芬太尼": 0.4,
                "美沙酮": 0.05, "曲马多": 0.025, "咖啡因": 0.00025, "罂粟": 0.00025, "毒品": 0.5}
_DRUG = re.compile(r"(甲基苯丙胺片剂|甲基苯丙胺|冰毒|海洛因|可卡因|吗啡|鸦片|氯胺酮|K粉|大麻|摇头丸|麻古|芬太尼|美沙酮|"
                   r"曲马多|咖啡因|罂粟|毒品)")
_WEIGHT = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>千克|公斤|kg|KG|克|g|G|毫克|mg)(?![/／])")
_UNIT_G = {"千克": 1000.0, "公斤": 1000.0, "kg": 1000.0, "KG": 1000.0, "克": 1.0, "g": 1.0, "G": 1.0,
           "毫克": 0.001, "mg": 0.001}
_ALCOHOL = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*(?:mg|毫克)\s*[/／每]\s*100\s*(?:ml|mL|ML|毫升)")
_INJURY = re.compile(r"(轻微伤|轻伤一级|轻伤二级|轻伤|重伤一级|重伤二级|重伤|死亡|身亡|抢救无效|伤残)")
_INJURY_LEVEL = {"轻微伤": 1, "轻伤二级": 2, "轻伤": 3, "轻伤一级": 3, "重伤二级": 4, "重伤": 5, "重伤一级": 5,
                 "死亡": 6, "身亡": 6, "抢救无效": 6, "伤残": 4}
_COUNT = re.compile(r"多次|(?P<n>\d{1,3}|[两一二三四五六七八九十]{1,3})(?:次|起)")
_TOTAL = re.compile(r"(?:共计|合计|累计|总计|共|计)(?:[\u4e00-\u9fff]{0,6})$")
_NEGATION = re.compile(r"(?:未|不|没有|拒不|未能|并非|否认|无)[\u4e00-\u9fff]{0,2}$")

# (name, pattern, effect, negatable). The effects are the national rules (sentencing.md §2.4).
_CIRCUMSTANCES: tuple[tuple[str, re.Pattern[str], str, bool], ...] = (
    ("自首", re.compile(r"自首|(?:主动|自动)[^，。；]{0,8}投案"), "可以从轻或者减轻处罚；犯罪较轻的，可以免除处罚（刑法第六十七条第一款）", True),
    ("坦白", re.compile(r"如实供述|坦白|供认不讳"), "可以从轻处罚（刑法第六十七条第三款）", True),
    ("认罪认罚", re.compile(r"认罪认罚|认罪、认罚|签署.{0,4}具结书"), "可以从宽处理（刑事诉讼法第十五条），一般减少基准刑30%以下", True),
    ("当庭认罪", re.compile(r"当庭.{0,4}认罪|自愿认罪|认罪态度"), "可以酌情从轻，减少基准刑10%以下", True),
    ("累犯", re.compile(r"累犯"), "应当从重处罚，不适用缓刑（刑法第六十五条、第七十四条）", True),
    ("前科", re.compile(r"前科|曾因.{0,20}(?:被判处|判处|受过刑事处罚)|刑满释放"), "可以酌情从重，增加基准刑10%以下", True),
    ("未遂", re.compile(r"未遂|未得逞|意志以外"), "可以比照既遂犯从轻或者减轻处罚（刑法第二十三条）", True),
    ("中止", re.compile(r"犯罪中止|自动放弃"), "没有造成损害的，应当免除处罚；造成损害的，应当减轻处罚（刑法第二十四条）", True),
    ("从犯", re.compile(r"从犯|辅助作用|次要作用"), "应当从轻、减轻处罚或者免除处罚（刑法第二十七条）", True),
    ("主犯", re.compile(r"主犯|主要作用|首要分子"), "按照其所参与的或者组织、指挥的全部犯罪处罚（刑法第二十六条）", True),
    ("赔偿", re.compile(r"赔偿|赔付|退赔"), "可以酌情从轻，减少基准刑30%以下", True),
    ("谅解", re.compile(r"谅解"), "可以酌情从轻，赔偿并取得谅解的减少基准刑40%以下", True),
    ("退赃", re.compile(r"退赃|退还|追回|返还|发还"), "可以酌情从轻，减少基准刑30%以下", True),
    ("立功", re.compile(r"立功|检举揭发|协助抓获"), "可以从轻或者减轻处罚（刑法第六十八条）", True),
    ("未成年", re.compile(r"未成年|不满十八周岁|未满十八周岁"), "应当从轻或者减轻处罚（刑法第十七条第四款）", True),
    ("取保候审", re.compile(r"取保候审"), "羁押措施，说明社会危险性较小（缓刑考量）", False),
    ("初犯", re.compile(r"初犯|偶犯"), "可以酌情从轻", True),
)
CIRCUMSTANCE_NAMES = tuple(c[0] for c in _CIRCUMSTANCES)
_EFFECT = {c[0]: c[2] for c in _CIRCUMSTANCES}
# A defendant's own age in the description: 被告人Ｐ（…17岁…
_DEFENDANT_AGE = re.compile(rf"被告人{PERSON}[^。；]{{0,30}}?(?P<n>\d{{1,2}})周?岁")


def circumstance_effect(name: str) -> str:
    return _EFFECT.get(name, "")


def extract_cues(fact: str, neutral: Neutral | None = None) -> Cues:
    """Amounts, drug weights, injury grades, counts, blood alcohol and the statutory sentencing
    circumstances of a fact, each with its span in the original ``fact``."""
    nt = neutral or neutralise_map(fact)
    text, offs = nt.aged, nt.aged_offsets
    cues = Cues()

    def cue(name: str, s: int, e: int, value: float = 1.0) -> Cue:
        a, b = int(offs[s]), int(offs[e]) if e < len(offs) else int(offs[-1])
        b = max(b, a + 1) if e > s else b
        return Cue(name, a, b, fact[a:b], value)

    for money in find_money(text):
        kind = "total" if _TOTAL.search(text[max(0, money.start - 12):money.start]) else "amount"
        cues.amounts.append(cue(kind, money.start, money.end, float(money.amount)))
    for m in _WEIGHT.finditer(text):
        if m["u"] in ("g", "G", "mg") and text[m.end():m.end() + 1].isalpha():
            continue
        window = text[max(0, m.start() - 30):m.start()]
        drug = [d.group() for d in _DRUG.finditer(window)]
        if drug:
            kind = "甲基苯丙胺" if drug[-1] in ("冰毒", "甲基苯丙胺片剂", "麻古") else drug[-1]
            grams = float(m["n"]) * _UNIT_G[m["u"]]
            if grams < 1e6:
                cues.drugs.append(cue(kind, m.start(), m.end(), grams))
    for m in _ALCOHOL.finditer(text):
        cues.alcohol = max(cues.alcohol, float(m["n"]))
    for m in _INJURY.finditer(text):
        if _NEGATION.search(text[max(0, m.start() - 4):m.start()]) and m.group() != "死亡":
            continue
        cues.injuries.append(cue(m.group(), m.start(), m.end(), float(_INJURY_LEVEL[m.group()])))
    for m in _COUNT.finditer(text):
        if m.group() == "多次":
            cues.counts.append(cue("多次", m.start(), m.end(), 3.0))
        else:
            n = int(m["n"]) if m["n"].isdigit() else _cn_small(m["n"].replace("两", "二"))
            if n and 2 <= n <= 500:
                cues.counts.append(cue("次数", m.start(), m.end(), float(n)))
    for name, pattern, _effect, negatable in _CIRCUMSTANCES:
        for m in pattern.finditer(text):
            if negatable and _NEGATION.search(text[max(0, m.start() - 4):m.start()]):
                continue
            cues.circumstances.append(cue(name, m.start(), m.end()))
            break
    age = _DEFENDANT_AGE.search(text)
    if cues.has("未成年") or (age is not None and 12 <= int(age["n"]) < 18):
        cues.minor = True
        if not cues.has("未成年") and age is not None:
            cues.circumstances.append(cue("未成年", age.start("n"), age.end()))
    return cues


# Order of the dense cue features (the term, death/life and fine models read these).
CUE_FEATURES = (
    "log_max_amount", "log_total_amount", "has_amount", "log_drug_g", "log_heroin_eq", "has_drug",
    "injury_slight", "injury_minor2", "injury_minor1", "injury_serious2", "injury_serious1", "death",
    "deaths", "log_count", "many_times", "alcohol_drunk", "log_alcohol", "minor", "log_len",
) + tuple(f"c_{n}" for n in CIRCUMSTANCE_NAMES)


def cue_vector(cues: Cues, text_len: int) -> np.ndarray:
    """The cues as a fixed-length float32 vector (order: :data:`CUE_FEATURES`)."""
    inj = cues.worst_injury()
    deaths = sum(1 for c in cues.injuries if c.value >= 6)
    count = max((c.value for c in cues.counts), default=0.0)
    v = [
        math.log1p(cues.max_amount) / 10, math.log1p(cues.total_amount) / 10, float(bool(cues.amounts)),
        math.log1p(cues.drug_grams()) / 5, math.log1p(cues.drug_grams(True)) / 5, float(bool(cues.drugs)),
        float(inj == 1), float(inj == 2), float(inj == 3), float(inj == 4), float(inj == 5), float(inj == 6),
        min(deaths, 5) / 5, math.log1p(count) / 3, float(any(c.name == "多次" for c in cues.counts)),
        float(cues.alcohol >= 80), math.log1p(cues.alcohol) / 6, float(cues.minor), math.log1p(text_len) / 8,
    ]
    names = {c.name for c in cues.circumstances}
    v.extend(float(n in names) for n in CIRCUMSTANCE_NAMES)
    return np.asarray(v, dtype=np.float32)
