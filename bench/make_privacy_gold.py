"""Generate the anonymisation gold sets: full, realistic judgments with every personal item annotated.

    python bench/make_privacy_gold.py                      # both sets, default seeds and sizes
    python bench/make_privacy_gold.py --set dev --seed 20251 --n 40 --out bench/data/privacy/dev.jsonl
    python bench/make_privacy_gold.py --set holdout --seed 77003 --n 30 --out bench/data/privacy/holdout.jsonl

Deterministic: a document depends only on (set, seed, index). Every person, number and address is
invented (IDs carry valid GB 11643 checksums, cards valid Luhn digits, credit codes valid GB 32100
check characters, all computed here); courts, court codes and statutes are real.

Sets. ``dev`` (tuning) and ``holdout`` (honest figures) use different seeds, different courts,
different phrasings of the party block, signature block and number lead-ins (``公民身份号码X`` vs
``身份证号码：X``, ``联系电话`` vs ``手机号码：``…), and partly different templates: the holdout has a
criminal appeal (上诉人（原审被告人）), dangerous driving, a traffic crime with an incidental civil
action brought by the dead victim's family, a house-sale dispute and a school-injury case that the
dev set never shows.

One JSON object per line::

    {"id": "dev-007-drug",
     "profile_case": {"case_type": "criminal"|"civil", "category": "...", "cause": "贩卖毒品罪",
                      "procedure": "first_instance"|"second_instance", "family": bool,
                      "incidental_civil": bool, "minor_involved": bool, "juvenile_defendant": bool,
                      "template": "drug"},
     "text": "...",
     "entities": [{"type", "start", "end", "text", "role"?, "pid"?, "subtype"?, "mask_2016", "mask_2024"}],
     "publishable": bool, "publish_reason": str | null}

``text[start:end] == entity["text"]`` always; entities never overlap; every mention is listed
separately (``pid`` ties the mentions of one person together and tells two namesakes apart).
``subtype`` is set only where it says more than ``type``: ``id15``, ``id18_ocr`` (O for 0 or
spaces), ``org_account`` (not Luhn), ``org_domicile``, ``property`` (a person's real estate),
``injury_subject``, ``given_name``, ``latin``, ``new_energy``, ``landline``, ``wechat``, ``qq``,
``hk_macao_permit``, ``indictment``, ``arbitration``. Signature-block names keep their padding
(``张　明``). Some documents end with the statute appendix courts print (附：本判决适用的法律条文),
non-personal text that must stay (劳动合同法 第四十二条 mentions 患病). Names that are ordinary
words (文明, 高峰, 安宁…) also occur as words (文明驾驶, 早高峰): those words are not annotated.
Size: every mention costs ~120 bytes of JSON, so 40 documents of ~1,900 characters are ~560 KB.
``type`` is one of ``fazhi.privacy.types.ALL_TYPES`` or one of two keep-only types,
``case_number`` (the document's own and cited case numbers, procuratorate document numbers) and
``licence_number`` (lawyers' 执业证号): these are listed so that masking them can be counted as
over-masking; they are never masked.

Gold rules (anonymization.md; ``mask_2016``/``mask_2024``):

* Persons, art. 8: in criminal cases victims, incidental-civil plaintiffs, witnesses and appraisers
  (鉴定人) T/T; adult defendants F/T; minors and their statutory representatives T/T in every case;
  in marriage-family and succession cases the parties, their representatives and every private
  person named (the decedent 被继承人, relatives, children, will witnesses) T/T (art. 8(1) plus
  art. 10(4), private information in family disputes: our choice for non-parties); in other civil
  cases natural-person parties F/T, organisation parties and their legal representatives F/T,
  non-lawyer agents follow their principal under 2016 and are masked under 2024.
* Always kept (F/F): judges, people's assessors, judicial assistants, clerks, prosecutors, lawyers
  (name, law firm, licence number), courts, procuratorates, police organs, appraisal institutions,
  case numbers.
* Numbers and details, both profiles (T/T): ID numbers (18-digit, legacy 15-digit, OCR-damaged),
  phones, bank cards and organisations' bank accounts, plates, home-address details below the
  county (the province/city/county prefix is not part of the span: it is kept), e-mail, WeChat/QQ
  ids, passports and permits, property-certificate numbers, health conditions, technical
  investigation measures.
* Organisations' domicile details and 统一社会信用代码: F/T (art. 11 keeps an organisation's domicile
  and code; the 2024 practice removes everything that identifies a party organisation).
* Health: a private condition (患有抑郁症…) T/T; the injury that is the subject matter of an injury
  or traffic case (轻伤二级 description, fracture) is listed with subtype ``injury_subject`` and F/F
  (§5: keep the injury description when it is what the case is about).
* Birth dates (``birth_date``): F/F for everyone (art. 11 keeps a party's date of birth; anonymization.md example D keeps a minor's too).
  This is a choice: the spec keeps name-less details, but a minor's birth date together with the
  county identifies a child.

Publication (art. 4): divorce (离婚诉讼), child custody (涉及未成年子女抚养、监护) and juvenile crime
(未成年人犯罪) are not publishable; everything else is.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
try:
    from fazhi.privacy.types import (
        ACCOUNT_ID,
        ADDRESS,
        BANK_CARD,
        BIRTH_DATE,
        CREDIT_CODE,
        EMAIL,
        HEALTH,
        ID_NUMBER,
        ORGANIZATION,
        PASSPORT,
        PERSON,
        PHONE,
        PLATE,
        PROPERTY_CERT,
        TECH_INVESTIGATION,
    )
except ImportError:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT / "src"))
    from fazhi.privacy.types import (
        ACCOUNT_ID,
        ADDRESS,
        BANK_CARD,
        BIRTH_DATE,
        CREDIT_CODE,
        EMAIL,
        HEALTH,
        ID_NUMBER,
        ORGANIZATION,
        PASSPORT,
        PERSON,
        PHONE,
        PLATE,
        PROPERTY_CERT,
        TECH_INVESTIGATION,
    )

CASE_NUMBER = "case_number"        # keep-only
LICENCE_NUMBER = "licence_number"  # keep-only
KEEP_ONLY_TYPES = (CASE_NUMBER, LICENCE_NUMBER)

OUT_DIR = ROOT / "bench" / "data" / "privacy"
DEFAULTS = {"dev": (20251, 40, OUT_DIR / "dev.jsonl"), "holdout": (77003, 30, OUT_DIR / "holdout.jsonl")}

T, F = True, False
MaskPair = tuple[bool, bool]

# ---------------------------------------------------------------------------------------------
# Check digits (the tests re-implement these independently).

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
CC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def id_check_char(first17: str) -> str:
    """GB 11643 (ISO 7064 MOD 11-2) check character of the first 17 digits of an ID number."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def luhn_digit(partial: str) -> str:
    """The Luhn check digit to append to ``partial``."""
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def credit_check_char(first17: str) -> str:
    """GB 32100 check character of the first 17 characters of a 统一社会信用代码."""
    s = sum(CC_CHARS.index(c) * w for c, w in zip(first17, CC_WEIGHTS, strict=True))
    c = 31 - s % 31
    return CC_CHARS[0 if c == 31 else c]


def org_code_check(body8: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    s = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, ORG_WEIGHTS, strict=True))
    c = 11 - s % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


# ---------------------------------------------------------------------------------------------
# Places and name pools.

@dataclass(frozen=True)
class Court:
    """A basic court, its city's other districts and the local codes a judgment from there uses."""

    court: str
    code: str
    inter: str
    inter_code: str
    proc: str
    proc_abbr: str
    police: str
    plate: str          # province character + city letter
    tel_code: str
    prov_short: str     # for law-firm names
    cert_abbr: str      # province abbreviation in property certificates
    counties: tuple[tuple[str, str, str], ...]  # (prefix, area code, short county name); first = the court's


DEV_COURTS = (
    Court("北京市朝阳区人民法院", "京0105", "北京市第三中级人民法院", "京03", "北京市朝阳区人民检察院", "京朝检",
          "北京市公安局朝阳分局", "京N", "010", "北京市", "京",
          (("北京市朝阳区", "110105", "朝阳区"), ("北京市东城区", "110101", "东城区"), ("北京市丰台区", "110106", "丰台区"))),
    Court("四川省成都市锦江区人民法院", "川0104", "四川省成都市中级人民法院", "川01", "成都市锦江区人民检察院", "锦检",
          "成都市公安局锦江区分局", "川A", "028", "四川", "川",
          (("四川省成都市锦江区", "510104", "锦江区"), ("四川省成都市成华区", "510108", "成华区"),
           ("四川省成都市武侯区", "510107", "武侯区"))),
    Court("河南省郑州市中原区人民法院", "豫0102", "河南省郑州市中级人民法院", "豫01", "郑州市中原区人民检察院", "郑中检",
          "郑州市公安局中原分局", "豫A", "0371", "河南", "豫",
          (("河南省郑州市中原区", "410102", "中原区"), ("河南省郑州市二七区", "410103", "二七区"),
           ("河南省郑州市金水区", "410105", "金水区"))),
    Court("浙江省杭州市西湖区人民法院", "浙0106", "浙江省杭州市中级人民法院", "浙01", "杭州市西湖区人民检察院", "杭西检",
          "杭州市公安局西湖区分局", "浙A", "0571", "浙江", "浙",
          (("浙江省杭州市西湖区", "330106", "西湖区"), ("浙江省杭州市拱墅区", "330105", "拱墅区"),
           ("浙江省杭州市余杭区", "330110", "余杭区"))),
    Court("广东省深圳市南山区人民法院", "粤0305", "广东省深圳市中级人民法院", "粤03", "深圳市南山区人民检察院", "深南检",
          "深圳市公安局南山分局", "粤B", "0755", "广东", "粤",
          (("广东省深圳市南山区", "440305", "南山区"), ("广东省深圳市福田区", "440304", "福田区"),
           ("广东省深圳市宝安区", "440306", "宝安区"))),
    Court("新疆维吾尔自治区乌鲁木齐市天山区人民法院", "新0102", "新疆维吾尔自治区乌鲁木齐市中级人民法院", "新01",
          "乌鲁木齐市天山区人民检察院", "乌天检", "乌鲁木齐市公安局天山区分局", "新A", "0991", "新疆", "新",
          (("新疆维吾尔自治区乌鲁木齐市天山区", "650102", "天山区"), ("新疆维吾尔自治区乌鲁木齐市沙依巴克区", "650103", "沙依巴克区"),
           ("新疆维吾尔自治区乌鲁木齐市新市区", "650104", "新市区"))),
)
HOLDOUT_COURTS = (
    Court("湖北省武汉市江岸区人民法院", "鄂0102", "湖北省武汉市中级人民法院", "鄂01", "武汉市江岸区人民检察院", "岸检",
          "武汉市公安局江岸区分局", "鄂A", "027", "湖北", "鄂",
          (("湖北省武汉市江岸区", "420102", "江岸区"), ("湖北省武汉市江汉区", "420103", "江汉区"),
           ("湖北省武汉市洪山区", "420111", "洪山区"))),
    Court("上海市浦东新区人民法院", "沪0115", "上海市第一中级人民法院", "沪01", "上海市浦东新区人民检察院", "沪浦检",
          "上海市公安局浦东分局", "沪B", "021", "上海市", "沪",
          (("上海市浦东新区", "310115", "浦东新区"), ("上海市闵行区", "310112", "闵行区"), ("上海市徐汇区", "310104", "徐汇区"))),
    Court("云南省昆明市五华区人民法院", "云0102", "云南省昆明市中级人民法院", "云01", "昆明市五华区人民检察院", "昆五检",
          "昆明市公安局五华分局", "云A", "0871", "云南", "云",
          (("云南省昆明市五华区", "530102", "五华区"), ("云南省昆明市盘龙区", "530103", "盘龙区"),
           ("云南省昆明市官渡区", "530111", "官渡区"))),
    Court("广西壮族自治区南宁市青秀区人民法院", "桂0103", "广西壮族自治区南宁市中级人民法院", "桂01", "南宁市青秀区人民检察院",
          "青检", "南宁市公安局青秀分局", "桂A", "0771", "广西", "桂",
          (("广西壮族自治区南宁市青秀区", "450103", "青秀区"), ("广西壮族自治区南宁市兴宁区", "450102", "兴宁区"),
           ("广西壮族自治区南宁市西乡塘区", "450107", "西乡塘区"))),
    Court("陕西省西安市雁塔区人民法院", "陕0113", "陕西省西安市中级人民法院", "陕01", "西安市雁塔区人民检察院", "雁检",
          "西安市公安局雁塔分局", "陕A", "029", "陕西", "陕",
          (("陕西省西安市雁塔区", "610113", "雁塔区"), ("陕西省西安市碑林区", "610103", "碑林区"),
           ("陕西省西安市未央区", "610112", "未央区"))),
    Court("湖南省长沙市岳麓区人民法院", "湘0104", "湖南省长沙市中级人民法院", "湘01", "长沙市岳麓区人民检察院", "岳检",
          "长沙市公安局岳麓分局", "湘A", "0731", "湖南", "湘",
          (("湖南省长沙市岳麓区", "430104", "岳麓区"), ("湖南省长沙市天心区", "430103", "天心区"),
           ("湖南省长沙市开福区", "430105", "开福区"))),
)
HOMETOWNS = (
    ("河南省周口市川汇区", "411602"), ("河北省保定市莲池区", "130606"), ("四川省南充市顺庆区", "511302"),
    ("安徽省阜阳市颍州区", "341202"), ("湖南省邵阳市双清区", "430502"), ("江西省赣州市章贡区", "360702"),
    ("山东省菏泽市牡丹区", "371702"), ("湖北省黄冈市黄州区", "421102"), ("重庆市万州区", "500101"),
    ("甘肃省天水市秦州区", "620502"), ("贵州省遵义市红花岗区", "520302"), ("黑龙江省齐齐哈尔市龙沙区", "230202"),
    ("云南省曲靖市麒麟区", "530302"), ("广西壮族自治区玉林市玉州区", "450702"), ("新疆维吾尔自治区喀什地区喀什市", "653101"),
)

SURNAMES = tuple("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡杜叶程苏魏吕丁沈姚卢"
                 "姜崔钟谭陆汪范金石廖贾夏韦邹孟熊秦邱尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃戴莫孔汤")
COMPOUND = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木")
GIVEN_M2 = ("建国", "建军", "志强", "志刚", "海涛", "文博", "子轩", "浩然", "宇航", "俊杰", "明辉", "振华", "永刚", "德明",
            "立新", "卫东", "庆丰", "家豪", "天佑", "晓东", "春生", "长江", "国栋", "秋实", "少华", "嘉伟", "铭远", "鸿飞")
GIVEN_F2 = ("秀英", "桂兰", "玉梅", "淑珍", "丽华", "晓燕", "雅琴", "欣怡", "子涵", "诗琪", "梦瑶", "婉清", "娜娜", "思雨",
            "佳怡", "雨桐", "美玲", "春梅", "海燕", "慧敏", "静怡", "若兰", "晓雯", "凤英", "紫萱", "可馨")
GIVEN_M1 = tuple("伟强磊军勇杰涛斌超刚辉鹏鑫波宇浩凯健俊帆旭龙林洋毅")
GIVEN_F1 = tuple("丽娟敏静芳燕艳玲婷雪琳倩蕾萍颖")
MINORITY = (("阿依古丽·买买提", "阿依古丽", "女"), ("买买提·艾力", "买买提", "男"), ("古丽娜尔·吐尔逊", "古丽娜尔", "女"),
            ("艾力·库尔班", "艾力", "男"), ("热依拉·阿不都", "热依拉", "女"), ("迪丽达尔·阿木提", "迪丽达尔", "女"))
MINORITY_ETH = {"阿依古丽·买买提": "维吾尔族", "买买提·艾力": "维吾尔族", "古丽娜尔·吐尔逊": "维吾尔族",
                "艾力·库尔班": "维吾尔族", "热依拉·阿不都": "维吾尔族", "迪丽达尔·阿木提": "维吾尔族"}
OTHER_MINORITY = (("扎西顿珠", "男", "藏族"), ("格桑卓玛", "女", "藏族"), ("巴特尔", "男", "蒙古族"), ("其木格", "女", "蒙古族"))
FOREIGN = (("约翰·史密斯", "John Smith", "男", "美国"), ("玛丽亚·加西亚", "Maria Garcia", "女", "西班牙"),
           ("伊万·彼得罗夫", "Ivan Petrov", "男", "俄罗斯"), ("大卫·米勒", "David Miller", "男", "英国"),
           ("安娜·施密特", "Anna Schmidt", "女", "德国"))
# Full names that are also ordinary words, each with a phrase that uses the word, not the name.
# (name, sex, the phrase of the template that uses the word; "" where a template only uses the name)
WORD_NAMES = (("文明", "男", "文明驾驶"), ("高峰", "男", "早高峰"), ("安宁", "女", "生活安宁"), ("周全", "男", "照料周全"),
              ("方正", "男", "字迹方正"), ("高明", "男", ""))
BRANDS = ("恒泰", "鼎盛", "华锐", "众诚", "嘉禾", "瑞丰", "金诺", "远航", "润达", "博远", "智汇", "天成", "新锐", "宏图",
          "盛世", "蓝海", "鑫源", "卓越", "汇通", "锦程")
INDUSTRIES = ("建材", "贸易", "科技", "物流", "餐饮管理", "建筑工程", "电子商务", "装饰工程", "汽车销售", "文化传媒",
              "供应链管理", "机械设备")
FIRMS = ("明理", "正谊", "衡平", "致远", "弘信", "瀚宇", "睿和", "同泽", "守正", "笃行", "澄明", "信达")
ROADS = ("建设路", "人民路", "解放路", "中山路", "长江路", "和平街", "文化路", "青年路", "胜利街", "新华路", "东风路",
         "滨江路", "红星路", "花园路", "学府路", "科技路", "迎宾大道", "五一路", "幸福路", "团结街")
JIEDAO = ("书院", "东华", "西湖", "南湖", "北苑", "新村", "光华", "桂溪", "双桥", "莲花", "东湖", "金桥")
XIAOQU = ("阳光花园", "锦绣家园", "翠苑", "金色家园", "幸福里", "碧水苑", "名都花园", "紫荆公寓", "天润城", "观澜苑")
TOWNS = ("龙泉", "石桥", "白马", "青龙", "黄土", "金桥", "柳林", "马家")
VILLAGES = ("新丰", "红旗", "和平", "柳树", "高桥", "三合", "太平", "双河")
DISEASES = ("抑郁症", "精神分裂症", "双相情感障碍", "乙型病毒性肝炎", "糖尿病", "冠心病", "尿毒症", "肺癌", "甲状腺癌",
            "癫痫", "重度焦虑症", "艾滋病")
BANKS = (("中国工商银行", "622202"), ("中国农业银行", "622848"), ("中国建设银行", "621700"), ("招商银行", "622588"),
         ("中国银行", "621661"), ("交通银行", "622262"))
HANDLES = ("sunny", "happy", "tiger", "moon", "river", "lucky", "xiaoyu", "dandan", "haohao", "feifei", "momo", "yoyo",
           "star", "cloud", "lemon", "panda")
MAIL_DOMAINS = ("163.com", "qq.com", "126.com", "sina.com", "outlook.com", "foxmail.com")
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
PLATE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"

CN_DIGITS = "〇一二三四五六七八九"


def cn_num(n: int) -> str:
    """1..31 in Chinese numerals (months and days of a signature date)."""
    if n <= 10:
        return "十" if n == 10 else CN_DIGITS[n]
    if n < 20:
        return "十" + CN_DIGITS[n - 10]
    return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


def cn_date_upper(d: date) -> str:
    """二〇二三年九月二十一日."""
    return "".join(CN_DIGITS[int(c)] for c in str(d.year)) + f"年{cn_num(d.month)}月{cn_num(d.day)}日"


def ymd(d: date) -> str:
    """2023年4月2日."""
    return f"{d.year}年{d.month}月{d.day}日"


def md(d: date) -> str:
    """4月2日."""
    return f"{d.month}月{d.day}日"


def later(d0: date, d1: date) -> str:
    """A second date after ``d0``: 同年4月2日, or with the year when it differs."""
    return f"同年{md(d1)}" if d1.year == d0.year else ymd(d1)


def add_months(d: date, months: int) -> date:
    """``d`` plus ``months`` calendar months, clamped to the month's last day."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def cn_term(months: int) -> str:
    """有期徒刑 term in words: 一年六个月."""
    y, m = divmod(months, 12)
    words = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一")
    out = (words[y] + "年") if y else ""
    return out + (words[m] + "个月" if m else "")


# ---------------------------------------------------------------------------------------------
# Annotated pieces and the document builder.

@dataclass
class Ent:
    """A piece of text that is annotated in the gold (to mask or explicitly to keep)."""

    text: str
    type: str
    m16: bool
    m24: bool
    role: str | None = None
    pid: str | None = None
    subtype: str | None = None


@dataclass
class Decoy:
    """An ordinary word that equals a person's name in this document (must not be masked)."""

    text: str


Piece = str | Ent | Decoy


class Person:
    """A natural person in a document; attributes render annotated pieces, generated once."""

    def __init__(self, g: Gen, name: str, given: str, role: str, m: MaskPair, sex: str, birth: date,
                 pid: str, ethnicity: str = "汉族", latin: str | None = None, nationality: str | None = None,
                 surname: str = "") -> None:
        self.gen, self.name, self.given, self.role, self.m = g, name, given, role, m
        self.surname = surname or name[0]
        self.sex, self.birth, self.pid, self.ethnicity = sex, birth, pid, ethnicity
        self.latin, self.nationality = latin, nationality
        self.minor = False
        rng = g.rng
        self.res = g.court.counties[0] if rng.random() < 0.55 else rng.choice(g.court.counties)
        self.home = (self.res[0], self.res[1]) if rng.random() < 0.55 else rng.choice(HOMETOWNS)
        self._cache: dict[str, Any] = {}

    def _e(self, text: str, subtype: str | None = None) -> Ent:
        return Ent(text, PERSON, *self.m, role=self.role, pid=self.pid, subtype=subtype)

    def _once(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    # names ------------------------------------------------------------------------------------
    @property
    def n(self) -> Ent:
        return self._e(self.name)

    @property
    def g(self) -> Ent:
        """The given name alone (亲昵称呼, quoted messages)."""
        return self._e(self.given, "given_name")

    @property
    def lat(self) -> Ent:
        assert self.latin
        return self._e(self.latin, "latin")

    @property
    def sig(self) -> Ent:
        """The name as printed in a signature block (two-character names padded with a full-width space)."""
        text = "　".join(self.name) if len(self.name) == 2 else self.name
        return self._e(text)

    # plain details ----------------------------------------------------------------------------
    @property
    def sx(self) -> str:
        return self.sex

    @property
    def eth(self) -> str:
        return self.ethnicity

    def age_at(self, d: date) -> int:
        return d.year - self.birth.year - ((d.month, d.day) < (self.birth.month, self.birth.day))

    # annotated details ------------------------------------------------------------------------
    @property
    def b(self) -> Ent:
        return Ent(ymd(self.birth), BIRTH_DATE, False, False)  # art. 11 keeps it, minors too (example D)

    def _id18(self) -> str:
        rng = self.gen.rng
        seq = f"{rng.randint(0, 99):02d}{rng.choice('13579' if self.sex == '男' else '02468')}"
        body = f"{self.home[1]}{self.birth:%Y%m%d}{seq}"
        return body + id_check_char(body)

    @property
    def id(self) -> Ent:
        return Ent(self._once("id", self._id18), ID_NUMBER, T, T)

    @property
    def idn(self) -> Ent:
        """The same ID number with OCR damage: an O for a 0, or spaces between groups."""
        def noisy() -> str:
            clean = self._once("id", self._id18)
            zeros = [i for i, c in enumerate(clean) if c == "0" and 0 < i < 17]
            if zeros and self.gen.rng.random() < 0.6:
                i = self.gen.rng.choice(zeros)
                return clean[:i] + "O" + clean[i + 1:]
            return f"{clean[:6]} {clean[6:14]} {clean[14:]}"
        return Ent(self._once("idn", noisy), ID_NUMBER, T, T, subtype="id18_ocr")

    @property
    def id15(self) -> Ent:
        def make() -> str:
            rng = self.gen.rng
            return (f"{self.home[1]}{self.birth:%y%m%d}{rng.randint(0, 99):02d}"
                    f"{rng.choice('13579' if self.sex == '男' else '02468')}")
        return Ent(self._once("id15", make), ID_NUMBER, T, T, subtype="id15")

    @property
    def addr(self) -> list[Piece]:
        detail = self._once("addr", lambda: address_detail(self.gen.rng))
        return [self.res[0], Ent(detail, ADDRESS, T, T)]

    @property
    def hj(self) -> list[Piece]:
        """户籍地 (registered domicile), a home address too."""
        detail = self._once("hj", lambda: address_detail(self.gen.rng, rural=True))
        return [self.home[0], Ent(detail, ADDRESS, T, T)]

    @property
    def county(self) -> str:
        return self.res[0]

    @property
    def tel(self) -> Ent:
        return Ent(self._once("tel", lambda: mobile(self.gen.rng)), PHONE, T, T)

    @property
    def tel2(self) -> Ent:
        return Ent(self._once("tel2", lambda: mobile(self.gen.rng, fancy=True)), PHONE, T, T)

    @property
    def land(self) -> Ent:
        return Ent(self._once("land", lambda: landline(self.gen.rng, self.gen.court.tel_code)), PHONE, T, T,
                   subtype="landline")

    @property
    def card(self) -> Ent:
        return Ent(self._once("card", lambda: bank_card(self.gen.rng)), BANK_CARD, T, T)

    @property
    def bank(self) -> str:
        return self._once("bank", lambda: self.gen.rng.choice(BANKS)[0])

    @property
    def wx(self) -> Ent:
        return Ent(self._once("wx", lambda: wechat(self.gen.rng)), ACCOUNT_ID, T, T, subtype="wechat")

    @property
    def qq(self) -> Ent:
        return Ent(self._once("qq", lambda: str(self.gen.rng.randint(10**7, 3 * 10**9))), ACCOUNT_ID, T, T,
                   subtype="qq")

    @property
    def mail(self) -> Ent:
        return Ent(self._once("mail", lambda: email(self.gen.rng)), EMAIL, T, T)

    @property
    def pp(self) -> Ent:
        def make() -> str:
            rng = self.gen.rng
            if self.nationality and self.nationality != "中国":
                return "".join(rng.choice("0123456789") for _ in range(9)) if rng.random() < 0.5 else \
                    rng.choice("CDEFGHJKLMNP") + "".join(rng.choice("0123456789") for _ in range(8))
            return "E" + "".join(rng.choice("0123456789") for _ in range(8))
        return Ent(self._once("pp", make), PASSPORT, T, T)

    @property
    def hkp(self) -> Ent:
        """往来港澳通行证 number."""
        return Ent(self._once("hkp", lambda: "C" + "".join(self.gen.rng.choice("0123456789") for _ in range(8))),
                   PASSPORT, T, T, subtype="hk_macao_permit")

    @property
    def plate(self) -> Ent:
        return Ent(self._once("plate", lambda: plate(self.gen.rng, self.gen.court.plate)), PLATE, T, T)

    @property
    def firm(self) -> Ent:
        """A lawyer's law firm (kept)."""
        return self._cache["firm"]

    @property
    def lic(self) -> Ent:
        """A lawyer's practising-certificate number (kept)."""
        return self._cache["lic"]

    @property
    def nev(self) -> Ent:
        return Ent(self._once("nev", lambda: plate(self.gen.rng, self.gen.court.plate, new_energy=True)), PLATE, T, T,
                   subtype="new_energy")


class Org:
    """An organisation: a party (masked under 2024) or an institution that is always kept."""

    def __init__(self, g: Gen, name: str, short: str | None, role: str, m: MaskPair,
                 credit_kind: str = "91") -> None:
        self.gen, self.name, self.short, self.role, self.m = g, name, short, role, m
        self.credit_kind = credit_kind
        self.res = g.court.counties[0] if g.rng.random() < 0.6 else g.rng.choice(g.court.counties)
        self._cache: dict[str, Any] = {}

    def _once(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    @property
    def n(self) -> Ent:
        return Ent(self.name, ORGANIZATION, *self.m, role=self.role)

    @property
    def s(self) -> Ent:
        assert self.short
        return Ent(self.short, ORGANIZATION, *self.m, role=self.role)

    @property
    def cc(self) -> Ent:
        return Ent(self._once("cc", lambda: credit_code(self.gen.rng, self.res[1], self.credit_kind)),
                   CREDIT_CODE, F, self.m[1])

    @property
    def addr(self) -> list[Piece]:
        detail = self._once("addr", lambda: address_detail(self.gen.rng, office=True))
        return [self.res[0], Ent(detail, ADDRESS, F, self.m[1], subtype="org_domicile")]

    @property
    def acct(self) -> Ent:
        def make() -> str:
            rng = self.gen.rng
            digits = "".join(rng.choice("0123456789") for _ in range(rng.choice((13, 16, 18))))
            acct = rng.choice("1234567") + digits
            return " ".join(acct[i:i + 4] for i in range(0, len(acct), 4)) if rng.random() < 0.3 else acct
        return Ent(self._once("acct", make), BANK_CARD, T, T, subtype="org_account")

    @property
    def bank(self) -> str:
        return self._once("bank", lambda: self.gen.rng.choice(BANKS)[0] + self.gen.rng.choice(
            ("营业部", "高新支行", "城南支行", "东城支行", "新区支行")))


class Doc:
    """Builds the text and records an entity for every annotated piece, with exact offsets."""

    def __init__(self, ctx: dict[str, Any]) -> None:
        self.ctx = ctx
        self.parts: list[str] = []
        self.pos = 0
        self.ents: list[dict[str, Any]] = []
        self.decoys: list[tuple[int, int]] = []

    def _put(self, piece: Any) -> None:
        if isinstance(piece, str):
            self.parts.append(piece)
            self.pos += len(piece)
        elif isinstance(piece, Ent):
            rec: dict[str, Any] = {"type": piece.type, "start": self.pos, "end": self.pos + len(piece.text),
                                   "text": piece.text}
            if piece.role:
                rec["role"] = piece.role
            if piece.pid:
                rec["pid"] = piece.pid
            if piece.subtype:
                rec["subtype"] = piece.subtype
            rec["mask_2016"], rec["mask_2024"] = piece.m16, piece.m24
            self.ents.append(rec)
            self.parts.append(piece.text)
            self.pos += len(piece.text)
        elif isinstance(piece, Decoy):
            self.decoys.append((self.pos, self.pos + len(piece.text)))
            self.parts.append(piece.text)
            self.pos += len(piece.text)
        elif isinstance(piece, (Person, Org)):
            self._put(piece.n)
        elif isinstance(piece, (list, tuple)):
            for p in piece:
                self._put(p)
        else:
            raise TypeError(f"cannot render {piece!r}")

    def w(self, template: str, end: str = "\n") -> None:
        """Append ``template`` with ``{name}`` / ``{name.attr}`` placeholders resolved from the context."""
        i = 0
        while True:
            j = template.find("{", i)
            if j < 0:
                break
            k = template.index("}", j)
            self._put(template[i:j])
            key = template[j + 1:k]
            name, _, attr = key.partition(".")
            obj = self.ctx[name]
            self._put(getattr(obj, attr) if attr else obj)
            i = k + 1
        self._put(template[i:] + end)

    def text(self) -> str:
        return "".join(self.parts)


# ---------------------------------------------------------------------------------------------
# Value generators.

def address_detail(rng: random.Random, rural: bool = False, office: bool = False) -> str:
    """An address below the county level: street, compound, building, unit, room."""
    n = rng.randint(1, 399)
    if office:
        return rng.choice((f"{rng.choice(ROADS)}{n}号{rng.randint(1, 30)}层{rng.randint(1, 30):02d}室",
                           f"{rng.choice(JIEDAO)}街道{rng.choice(ROADS)}{n}号{rng.choice(BRANDS)}大厦{rng.randint(3, 28)}楼",
                           f"{rng.choice(ROADS)}{n}号{rng.randint(1, 9)}栋{rng.randint(101, 2308)}号"))
    if rural and rng.random() < 0.5:
        return f"{rng.choice(TOWNS)}镇{rng.choice(VILLAGES)}村{rng.randint(1, 12)}组{rng.randint(1, 99)}号"
    return rng.choice((
        f"{rng.choice(JIEDAO)}街道{rng.choice(ROADS)}{n}号{rng.randint(1, 20)}栋{rng.randint(1, 6)}单元{rng.randint(1, 33)}0{rng.randint(1, 4)}号",
        f"{rng.choice(ROADS)}{n}号院{rng.randint(1, 20)}号楼{rng.randint(1, 6)}单元{rng.randint(1, 30)}0{rng.randint(1, 4)}室",
        f"{rng.choice(XIAOQU)}{rng.randint(1, 30)}栋{rng.randint(1, 32)}0{rng.randint(1, 4)}室",
        f"{rng.choice(ROADS)}{n}弄{rng.randint(1, 60)}号{rng.randint(1, 6)}0{rng.randint(1, 4)}室",
    ))


def mobile(rng: random.Random, fancy: bool = False) -> str:
    num = rng.choice(("138", "139", "135", "150", "158", "186", "177", "199", "187", "152")) + \
        "".join(rng.choice("0123456789") for _ in range(8))
    if not fancy:
        return num
    return rng.choice((f"{num[:3]}-{num[3:7]}-{num[7:]}", f"{num[:3]} {num[3:7]} {num[7:]}", f"+86 {num}",
                       f"{num[:3]}-{num[3:]}"))


def landline(rng: random.Random, code: str) -> str:
    n = 8 if len(code) == 3 else rng.choice((7, 8))
    num = rng.choice("2345678") + "".join(rng.choice("0123456789") for _ in range(n - 1))
    return rng.choice((f"{code}-{num}", f"（{code}）{num}", f"{code}-{num[:4]} {num[4:]}", f"{code}{num}"))


def bank_card(rng: random.Random) -> str:
    prefix = rng.choice(BANKS)[1]
    length = rng.choice((16, 19, 19))
    partial = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    card = partial + luhn_digit(partial)
    if rng.random() < 0.3:
        return " ".join(card[i:i + 4] for i in range(0, len(card), 4))
    return card


def wechat(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return "wxid_" + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz0123456789") for _ in range(12))
    return rng.choice(HANDLES) + rng.choice(("_", "")) + str(rng.randint(1970, 2005))


def email(rng: random.Random) -> str:
    return f"{rng.choice(HANDLES)}{rng.choice(('', '.', '_'))}{rng.randint(10, 9999)}@{rng.choice(MAIL_DOMAINS)}"


def plate(rng: random.Random, prefix: str, new_energy: bool = False) -> str:
    if new_energy:
        tail = rng.choice("DF") + "".join(rng.choice("0123456789") for _ in range(5)) if rng.random() < 0.7 else \
            "".join(rng.choice("0123456789") for _ in range(5)) + rng.choice("DF")
    else:
        tail = "".join(rng.choice(PLATE_CHARS) for _ in range(5))
        if tail.isalpha():
            tail = tail[:4] + rng.choice("0123456789")
    sep = rng.choice(("", "", "", "·"))
    return prefix + sep + tail


def credit_code(rng: random.Random, area: str, kind: str = "91") -> str:
    body8 = "".join(rng.choice("0123456789" if i else "3456789MNPQ") for i in range(8))
    if rng.random() < 0.5:  # post-2015 codes have a letter or digit mix
        body8 = "MA" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(6))
    org = body8 + org_code_check(body8)
    first17 = kind + area + org
    return first17 + credit_check_char(first17)


def property_cert(rng: random.Random, court: Court, year: int) -> str:
    county = court.counties[0][2]
    n = rng.randint(1, 999999)
    short = county[0]
    return rng.choice((f"{court.cert_abbr}（{year}）{county}不动产权第{n:07d}号",
                       f"{court.cert_abbr}房权证{short}字第{n:06d}号",
                       f"{court.cert_abbr}（{year}）{county}不动产权第{n:07d}号"))


# ---------------------------------------------------------------------------------------------
# Document context.

@dataclass
class Case:
    """What a template produces besides the text."""

    case_type: str
    category: str
    cause: str
    procedure: str = "first_instance"
    family: bool = False
    incidental_civil: bool = False
    minor_involved: bool = False
    juvenile_defendant: bool = False
    publishable: bool = True
    publish_reason: str | None = None


class Gen:
    """Random choices for one document: court, dates, unique names, persons and organisations."""

    def __init__(self, rng: random.Random, variant: str, courts: tuple[Court, ...]) -> None:
        self.rng = rng
        self.variant = variant
        self.court = rng.choice(courts)
        self.year = rng.randint(2021, 2024)
        self.names: set[str] = set()
        self.n_pid = 0
        # the events happened 5-14 months before the judgment
        self._judgment = date(self.year, rng.randint(3, 12), rng.randint(1, 28))
        self.event = self._judgment - timedelta(days=rng.randint(150, 420))
        self.latest = self.event
        self.file_year = (self.event + timedelta(days=90)).year  # year in the case number (立案)

    def v(self, dev: str, holdout: str) -> str:
        """The dev phrasing or the holdout phrasing."""
        return dev if self.variant == "dev" else holdout

    def pick(self, seq: Any) -> Any:
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def after(self, d: date, lo: int, hi: int) -> date:
        """A date ``lo``..``hi`` days after ``d``; the judgment date is kept later than all of them."""
        out = d + timedelta(days=self.rng.randint(lo, hi))
        self.latest = max(self.latest, out)
        return out

    @property
    def judgment(self) -> date:
        """The signature date: the drawn date, or later when the proceedings ran past it."""
        return max(self._judgment, self.latest + timedelta(days=12))

    def money(self, lo: int, hi: int, step: int = 100) -> int:
        return self.rng.randrange(lo, hi, step)

    def _free(self, name: str) -> bool:
        return not any(name in x or x in name for x in self.names)

    def _new_pid(self) -> str:
        self.n_pid += 1
        return f"P{self.n_pid}"

    def person(self, role: str, m: MaskPair, *, sex: str | None = None, age: tuple[int, int] = (23, 58),
               kind: str = "han", given_len: int | None = None, name: str | None = None,
               surname: str | None = None, minor: bool = False) -> Person:
        """A new person with a name unique in the document (unless ``name`` forces a namesake)."""
        rng = self.rng
        sex = sex or rng.choice("男女")
        ethnicity, latin, nationality = "汉族", None, None
        given, sur = "", ""
        for _ in range(200):
            if name is not None:
                full, given = name, name[-2:] if len(name) >= 3 else name[-1]
                sur = full[:-len(given)]
                break
            if kind == "minority":
                full, given, sex = rng.choice(MINORITY)
                ethnicity = MINORITY_ETH[full]
            elif kind == "tibetan":
                full, sex, ethnicity = rng.choice(OTHER_MINORITY)
                given = full
            elif kind == "foreign":
                full, latin, sex, nationality = rng.choice(FOREIGN)
                given = full.split("·")[0]
            elif kind == "word":
                full, sex, _ = rng.choice(WORD_NAMES)
                given = full[1:]
            else:
                sur = surname or (rng.choice(COMPOUND) if kind == "compound" else rng.choice(SURNAMES))
                glen = given_len or rng.choice((1, 2, 2, 2))
                pool = (GIVEN_M2 if sex == "男" else GIVEN_F2) if glen == 2 else (GIVEN_M1 if sex == "男" else GIVEN_F1)
                given = rng.choice(pool)
                full = sur + given
            if self._free(full):
                break
        else:
            raise RuntimeError("no free name")
        self.names.add(full)
        if latin:
            self.names.add(latin)
        lo, hi = age
        birth = self.event - timedelta(days=rng.randint(lo * 365 + 10, hi * 365 + 300))
        p = Person(self, full, given, role, m, sex, birth, self._new_pid(), ethnicity, latin, nationality,
                   surname=sur if kind in ("han", "compound") or name is not None else full[0])
        p.minor = minor
        return p

    def namesake(self, other: Person, role: str, m: MaskPair, age: tuple[int, int] = (25, 60)) -> Person:
        """A different person with exactly ``other``'s name."""
        p = self.person(role, m, sex=other.sex, age=age, name=other.name)
        return p

    def official(self, role: str, *, like: Person | None = None, surname_of: Person | None = None) -> Person:
        """A judge, assessor, assistant, clerk or prosecutor: always kept.

        ``like`` gives them a protected person's full name; ``surname_of`` only the surname.
        """
        if like is not None:
            return self.person(role, (F, F), sex=like.sex, name=like.name)
        sur = None
        if surname_of is not None and surname_of.surname in SURNAMES + COMPOUND:
            sur = surname_of.surname
        return self.person(role, (F, F), surname=sur, age=(28, 55))

    def lawyer(self, *, surname_of: Person | None = None) -> Person:
        """A lawyer with a firm and a practising-certificate number, all kept."""
        sur = surname_of.surname if surname_of is not None and surname_of.surname in SURNAMES + COMPOUND else None
        p = self.person("律师", (F, F), surname=sur, age=(28, 55))
        firm_name = f"{self.court.prov_short}{self.pick(FIRMS)}律师事务所"
        p._cache["firm"] = Ent(firm_name, ORGANIZATION, F, F, role="律师事务所")
        area4 = self.court.counties[0][1][:4]
        lic = f"1{area4}{self.rng.randint(2005, 2020)}1{self.rng.choice('01')}{self.rng.randint(0, 999999):06d}"
        p._cache["lic"] = Ent(lic, LICENCE_NUMBER, F, F)
        return p

    def company(self, role: str, *, industry: str | None = None, kind: str = "91",
                name: str | None = None, short: str | None = None) -> Org:
        """A company party: name, short name, credit code, domicile, account; masked under 2024 only."""
        for _ in range(100):
            brand = self.pick(BRANDS)
            ind = industry or self.pick(INDUSTRIES)
            city = self.court.counties[0][0]
            city = city[:city.index("市") + 1] if "市" in city else city
            city = city.split("省")[-1].split("自治区")[-1]
            full = name or f"{city}{brand}{ind}有限公司"
            sh = short or f"{brand}公司"
            if full not in self.names and sh not in self.names and brand not in self.names:
                break
        self.names.update((full, sh, brand))
        return Org(self, full, sh, role, (F, T), credit_kind=kind)

    def keep_org(self, name: str, role: str) -> Ent:
        return Ent(name, ORGANIZATION, F, F, role=role)

    def case_no(self, kind: str, year: int | None = None, inter: bool = False, court: Court | None = None) -> Ent:
        c = court or self.court
        code = c.inter_code if inter else c.code
        n = self.rng.randint(100, 31999)
        return Ent(f"（{year or self.file_year}）{code}{kind}{n}号", CASE_NUMBER, F, F)

    def indictment(self) -> Ent:
        return Ent(f"{self.court.proc_abbr}刑诉〔{self.file_year}〕{self.rng.randint(100, 2999)}号", CASE_NUMBER, F, F,
                   subtype="indictment")

    def health(self, text: str, subject: bool = False) -> Ent:
        if subject:
            return Ent(text, HEALTH, F, F, subtype="injury_subject")
        return Ent(text, HEALTH, T, T)

    def tech(self, text: str) -> Ent:
        return Ent(text, TECH_INVESTIGATION, T, T)

    def cert(self) -> Ent:
        return Ent(property_cert(self.rng, self.court, self.rng.randint(2008, self.year - 1)), PROPERTY_CERT, T, T)

    def disease(self) -> str:
        return self.pick(DISEASES)



# Statute texts for the appendix some courts print after the signature (附：本判决适用的法律条文).
# Not personal information: an anonymiser must leave them alone (e.g. 患病 in 劳动合同法 第四十二条).
LAW_TEXTS: dict[str, tuple[str, str]] = {
    "刑264": ("中华人民共和国刑法", "第二百六十四条　盗窃公私财物，数额较大的，或者多次盗窃、入户盗窃、携带凶器盗窃、扒窃的，处三年"
             "以下有期徒刑、拘役或者管制，并处或者单处罚金；数额巨大或者有其他严重情节的，处三年以上十年以下有期徒刑，并处"
             "罚金；数额特别巨大或者有其他特别严重情节的，处十年以上有期徒刑或者无期徒刑，并处罚金或者没收财产。"),
    "刑67": ("中华人民共和国刑法", "第六十七条　犯罪以后自动投案，如实供述自己的罪行的，是自首。对于自首的犯罪分子，可以从轻或者"
            "减轻处罚。其中，犯罪较轻的，可以免除处罚。\n被采取强制措施的犯罪嫌疑人、被告人和正在服刑的罪犯，如实供述司法"
            "机关还未掌握的本人其他罪行的，以自首论。\n犯罪嫌疑人虽不具有前两款规定的自首情节，但是如实供述自己罪行的，可以"
            "从轻处罚；因其如实供述自己罪行，避免特别严重后果发生的，可以减轻处罚。"),
    "刑52": ("中华人民共和国刑法", "第五十二条　判处罚金，应当根据犯罪情节决定罚金数额。"),
    "刑53": ("中华人民共和国刑法", "第五十三条　罚金在判决指定的期限内一次或者分期缴纳。期满不缴纳的，强制缴纳。对于不能全部"
            "缴纳罚金的，人民法院在任何时候发现被执行人有可以执行的财产，应当随时追缴。\n由于遭遇不能抗拒的灾祸等原因缴纳"
            "确实有困难的，经人民法院裁定，可以延期缴纳、酌情减少或者免除。"),
    "刑64": ("中华人民共和国刑法", "第六十四条　犯罪分子违法所得的一切财物，应当予以追缴或者责令退赔；对被害人的合法财产，应当"
            "及时返还；违禁品和供犯罪所用的本人财物，应当予以没收。没收的财物和罚金，一律上缴国库，不得挪用和自行处理。"),
    "刑266": ("中华人民共和国刑法", "第二百六十六条　诈骗公私财物，数额较大的，处三年以下有期徒刑、拘役或者管制，并处或者单处"
             "罚金；数额巨大或者有其他严重情节的，处三年以上十年以下有期徒刑，并处罚金；数额特别巨大或者有其他特别严重情节的，"
             "处十年以上有期徒刑或者无期徒刑，并处罚金或者没收财产。本法另有规定的，依照规定。"),
    "刑25": ("中华人民共和国刑法", "第二十五条　共同犯罪是指二人以上共同故意犯罪。\n二人以上共同过失犯罪，不以共同犯罪论处；"
            "应当负刑事责任的，按照他们所犯的罪分别处罚。"),
    "刑27": ("中华人民共和国刑法", "第二十七条　在共同犯罪中起次要或者辅助作用的，是从犯。\n对于从犯，应当从轻、减轻处罚或者"
            "免除处罚。"),
    "刑234": ("中华人民共和国刑法", "第二百三十四条　故意伤害他人身体的，处三年以下有期徒刑、拘役或者管制。\n犯前款罪，致人"
             "重伤的，处三年以上十年以下有期徒刑；致人死亡或者以特别残忍手段致人重伤造成严重残疾的，处十年以上有期徒刑、"
             "无期徒刑或者死刑。本法另有规定的，依照规定。"),
    "刑72": ("中华人民共和国刑法", "第七十二条　对于被判处拘役、三年以下有期徒刑的犯罪分子，同时符合下列条件的，可以宣告缓刑，"
            "对其中不满十八周岁的人、怀孕的妇女和已满七十五周岁的人，应当宣告缓刑：\n（一）犯罪情节较轻；\n（二）有悔罪表现；"
            "\n（三）没有再犯罪的危险；\n（四）宣告缓刑对所居住社区没有重大不良影响。\n宣告缓刑，可以根据犯罪情况，同时禁止"
            "犯罪分子在缓刑考验期限内从事特定活动，进入特定区域、场所，接触特定的人。\n被宣告缓刑的犯罪分子，如果被判处"
            "附加刑，附加刑仍须执行。"),
    "刑133": ("中华人民共和国刑法", "第一百三十三条　违反交通运输管理法规，因而发生重大事故，致人重伤、死亡或者使公私财产遭受"
             "重大损失的，处三年以下有期徒刑或者拘役；交通运输肇事后逃逸或者有其他特别恶劣情节的，处三年以上七年以下有期"
             "徒刑；因逃逸致人死亡的，处七年以上有期徒刑。"),
    "刑133-1": ("中华人民共和国刑法", "第一百三十三条之一　在道路上驾驶机动车，有下列情形之一的，处拘役，并处罚金：\n（一）追逐"
               "竞驶，情节恶劣的；\n（二）醉酒驾驶机动车的；\n（三）从事校车业务或者旅客运输，严重超过额定乘员载客，或者严重"
               "超过规定时速行驶的；\n（四）违反危险化学品安全管理规定运输危险化学品，危及公共安全的。"),
    "刑347": ("中华人民共和国刑法", "第三百四十七条　走私、贩卖、运输、制造毒品，无论数量多少，都应当追究刑事责任，予以刑事"
             "处罚。\n……\n走私、贩卖、运输、制造鸦片不满二百克、海洛因或者甲基苯丙胺不满十克或者其他少量毒品的，处三年以下"
             "有期徒刑、拘役或者管制，并处罚金；情节严重的，处三年以上七年以下有期徒刑，并处罚金。"),
    "刑17": ("中华人民共和国刑法", "第十七条　……\n对依照前三款规定追究刑事责任的不满十八周岁的人，应当从轻或者减轻处罚。\n"
            "因不满十六周岁不予刑事处罚的，责令其父母或者其他监护人加以管教；在必要的时候，依法进行专门矫治教育。"),
    "刑诉236": ("中华人民共和国刑事诉讼法", "第二百三十六条　第二审人民法院对不服第一审判决的上诉、抗诉案件，经过审理后，应当"
               "按照下列情形分别处理：\n（一）原判决认定事实和适用法律正确、量刑适当的，应当裁定驳回上诉或者抗诉，维持原判；"
               "\n（二）原判决认定事实没有错误，但适用法律有错误，或者量刑不当的，应当改判；\n（三）原判决事实不清楚或者证据"
               "不足的，可以在查清事实后改判；也可以裁定撤销原判，发回原审人民法院重新审判。"),
    "民1123": ("中华人民共和国民法典", "第一千一百二十三条　继承开始后，按照法定继承办理；有遗嘱的，按照遗嘱继承或者遗赠办理；"
              "有遗赠扶养协议的，按照协议办理。"),
    "民1127": ("中华人民共和国民法典", "第一千一百二十七条　遗产按照下列顺序继承：\n（一）第一顺序：配偶、子女、父母；\n（二）"
              "第二顺序：兄弟姐妹、祖父母、外祖父母。\n继承开始后，由第一顺序继承人继承，第二顺序继承人不继承；没有第一顺序"
              "继承人继承的，由第二顺序继承人继承。"),
    "民1130": ("中华人民共和国民法典", "第一千一百三十条　同一顺序继承人继承遗产的份额，一般应当均等。\n对生活有特殊困难又缺乏"
              "劳动能力的继承人，分配遗产时，应当予以照顾。\n对被继承人尽了主要扶养义务或者与被继承人共同生活的继承人，分配"
              "遗产时，可以多分。\n有扶养能力和有扶养条件的继承人，不尽扶养义务的，分配遗产时，应当不分或者少分。\n继承人"
              "协商同意的，也可以不均等。"),
    "民1135": ("中华人民共和国民法典", "第一千一百三十五条　代书遗嘱应当有两个以上见证人在场见证，由其中一人代书，并由遗嘱人、"
              "代书人和其他见证人签名，注明年、月、日。"),
    "民1079": ("中华人民共和国民法典", "第一千零七十九条　夫妻一方要求离婚的，可以由有关组织进行调解或者直接向人民法院提起离婚"
              "诉讼。\n人民法院审理离婚案件，应当进行调解；如果感情确已破裂，调解无效的，应当准予离婚。"),
    "民1084": ("中华人民共和国民法典", "第一千零八十四条　父母与子女间的关系，不因父母离婚而消除。离婚后，子女无论由父或者母"
              "直接抚养，仍是父母双方的子女。\n离婚后，父母对于子女仍有抚养、教育、保护的权利和义务。\n离婚后，不满两周岁的"
              "子女，以由母亲直接抚养为原则。已满两周岁的子女，父母双方对抚养问题协议不成的，由人民法院根据双方的具体情况，"
              "按照最有利于未成年子女的原则判决。子女已满八周岁的，应当尊重其真实意愿。"),
    "民1085": ("中华人民共和国民法典", "第一千零八十五条　离婚后，子女由一方直接抚养的，另一方应当负担部分或者全部抚养费。负担"
              "费用的多少和期限的长短，由双方协议；协议不成的，由人民法院判决。\n前款规定的协议或者判决，不妨碍子女在必要时"
              "向父母任何一方提出超过协议或者判决原定数额的合理要求。"),
    "民509": ("中华人民共和国民法典", "第五百零九条　当事人应当按照约定全面履行自己的义务。\n当事人应当遵循诚信原则，根据合同的"
             "性质、目的和交易习惯履行通知、协助、保密等义务。\n当事人在履行合同过程中，应当避免浪费资源、污染环境和破坏生态。"),
    "民577": ("中华人民共和国民法典", "第五百七十七条　当事人一方不履行合同义务或者履行合同义务不符合约定的，应当承担继续履行、"
             "采取补救措施或者赔偿损失等违约责任。"),
    "民688": ("中华人民共和国民法典", "第六百八十八条　当事人在保证合同中约定保证人和债务人对债务承担连带责任的，为连带责任保证。"
             "\n连带责任保证的债务人不履行到期债务或者发生当事人约定的情形时，债权人可以请求债务人履行债务，也可以请求保证人"
             "在其保证范围内承担保证责任。"),
    "民675": ("中华人民共和国民法典", "第六百七十五条　借款人应当按照约定的期限返还借款。对借款期限没有约定或者约定不明确，依据"
             "本法第五百一十条的规定仍不能确定的，借款人可以随时返还；贷款人可以催告借款人在合理期限内返还。"),
    "民1064": ("中华人民共和国民法典", "第一千零六十四条　夫妻双方共同签名或者夫妻一方事后追认等共同意思表示所负的债务，以及夫妻"
              "一方在婚姻关系存续期间以个人名义为家庭日常生活需要所负的债务，属于夫妻共同债务。\n夫妻一方在婚姻关系存续期间"
              "以个人名义超出家庭日常生活需要所负的债务，不属于夫妻共同债务；但是，债权人能够证明该债务用于夫妻共同生活、共同"
              "生产经营或者基于夫妻双方共同意思表示的除外。"),
    "民1179": ("中华人民共和国民法典", "第一千一百七十九条　侵害他人造成人身损害的，应当赔偿医疗费、护理费、交通费、营养费、住院"
              "伙食补助费等为治疗和康复支出的合理费用，以及因误工减少的收入。造成残疾的，还应当赔偿辅助器具费和残疾赔偿金；"
              "造成死亡的，还应当赔偿丧葬费和死亡赔偿金。"),
    "民1245": ("中华人民共和国民法典", "第一千二百四十五条　饲养的动物造成他人损害的，动物饲养人或者管理人应当承担侵权责任；但是，"
              "能够证明损害是因被侵权人故意或者重大过失造成的，可以不承担或者减轻责任。"),
    "民1246": ("中华人民共和国民法典", "第一千二百四十六条　违反管理规定，未对动物采取安全措施造成他人损害的，动物饲养人或者管理人"
              "应当承担侵权责任；但是，能够证明损害是因被侵权人故意造成的，可以减轻责任。"),
    "民1200": ("中华人民共和国民法典", "第一千二百条　限制民事行为能力人在学校或者其他教育机构学习、生活期间受到人身损害，学校或者"
              "其他教育机构未尽到教育、管理职责的，应当承担侵权责任。"),
    "劳42": ("中华人民共和国劳动合同法", "第四十二条　劳动者有下列情形之一的，用人单位不得依照本法第四十条、第四十一条的规定解除"
            "劳动合同：\n（一）从事接触职业病危害作业的劳动者未进行离岗前职业健康检查，或者疑似职业病病人在诊断或者医学观察"
            "期间的；\n（二）在本单位患职业病或者因工负伤并被确认丧失或者部分丧失劳动能力的；\n（三）患病或者非因工负伤，在"
            "规定的医疗期内的；\n（四）女职工在孕期、产期、哺乳期的；\n（五）在本单位连续工作满十五年，且距法定退休年龄不足"
            "五年的；\n（六）法律、行政法规规定的其他情形。"),
    "劳87": ("中华人民共和国劳动合同法", "第八十七条　用人单位违反本法规定解除或者终止劳动合同的，应当依照本法第四十七条规定的"
            "经济补偿标准的二倍向劳动者支付赔偿金。"),
    "民诉177": ("中华人民共和国民事诉讼法", "第一百七十七条　第二审人民法院对上诉案件，经过审理，按照下列情形，分别处理：\n（一）"
               "原判决、裁定认定事实清楚，适用法律正确的，以判决、裁定方式驳回上诉，维持原判决、裁定；\n（二）原判决、裁定认定"
               "事实错误或者适用法律错误的，以判决、裁定方式依法改判、撤销或者变更；\n（三）原判决认定基本事实不清的，裁定撤销"
               "原判决，发回原审人民法院重审，或者查清事实后改判；\n（四）原判决遗漏当事人或者违法缺席判决等严重违反法定程序的，"
               "裁定撤销原判决，发回原审人民法院重审。"),
}


def appendix(g: Gen, d: Doc, keys: tuple[str, ...], p: float = 0.7) -> None:
    """With probability ``p``, the statute appendix after the signature block."""
    if not g.chance(p):
        return
    d.w("")
    d.w("")
    d.w(g.v("附：本判决适用的法律条文", "附：相关法律条文"), end="")
    law = ""
    for key in keys:
        title, text = LAW_TEXTS[key]
        if title != law:
            d.w("")
            d.w(f"《{title}》", end="")
            law = title
        d.w("")
        d.w(text, end="")

# ---------------------------------------------------------------------------------------------
# Shared blocks.

def judges(g: Gen, ctx: dict[str, Any], protected: list[Person], *, panel: bool = True,
           appeal: bool = False) -> list[tuple[str, str]]:
    """Adds J1..J3, AS (assistant), CL (clerk) to ctx; sometimes a judge bears a protected person's
    full name or surname. Second-instance panels have no people's assessors. Returns the
    signature lines as (title, ctx key)."""
    like = g.pick(protected) if protected and g.chance(0.35) else None
    same_sur = g.pick(protected) if protected and g.chance(0.5) else None
    ctx["J1"] = g.official("审判长", surname_of=same_sur)
    if panel:
        ctx["J2"] = g.official("审判员" if appeal or g.chance(0.5) else "人民陪审员", like=like)
        ctx["J3"] = g.official("审判员" if appeal else "人民陪审员")
    else:
        ctx["J1"].role = "审判员"
    ctx["AS"] = g.official("法官助理")
    ctx["CL"] = g.official("书记员", like=like if (not panel and like) else None)
    if panel:
        return [("审判长", "J1"), (ctx["J2"].role, "J2"), (ctx["J3"].role, "J3")]
    return [("审判员", "J1")]


def signature(g: Gen, d: Doc, lines: list[tuple[str, str]]) -> None:
    d.w("")
    spaced = {"审判长": "审　判　长", "审判员": "审　判　员", "人民陪审员": "人民陪审员", "法官助理": "法官助理",
              "书记员": "书　记　员"}
    fmt = (lambda t: spaced[t] + "　　") if g.variant == "dev" else (lambda t: t + "　")
    for title, key in lines:
        d.w(fmt(title) + "{" + key + ".sig}")
    d.w("")
    d.w(cn_date_upper(g.judgment))
    d.w("")
    if g.chance(0.6):
        d.w("本件与原本核对无异")
        d.w("")
    d.w(fmt("法官助理") + "{AS.sig}")
    d.w(fmt("书记员") + "{CL.sig}", end="")


def header(g: Gen, d: Doc, title: str) -> None:
    d.w("{court}")
    d.w(g.v(" ".join(title) if g.chance(0.4) else title, title))
    d.w("{cn}")
    d.w("")


def criminal_tail(g: Gen, d: Doc) -> None:
    d.w("如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向{inter}提出上诉。书面上诉的，"
        "应当提交上诉状正本一份，副本二份。")


def civil_tail(g: Gen, d: Doc, fee: int, payer: str) -> None:
    d.w("如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条规定，"
        "加倍支付迟延履行期间的债务利息。")
    d.w(f"案件受理费{fee}元，由{payer}负担。")
    d.w("如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数提出副本，上诉于{inter}。")


def base_ctx(g: Gen, own: str, inter_court: bool = False) -> dict[str, Any]:
    c = g.court
    ctx: dict[str, Any] = {
        "court": g.keep_org(c.inter if inter_court else c.court, "法院"),
        "inter": g.keep_org(c.inter, "法院"),
        "lower": g.keep_org(c.court, "法院"),
        "cn": g.case_no(own, inter=inter_court),
        "proc": g.keep_org(c.proc, "公诉机关"),
        "police": g.keep_org(c.police, "公安机关"),
    }
    return ctx


def detention(g: Gen, d0: date) -> tuple[str, date]:
    arrest = g.after(d0, 10, 30)
    return (f"{ymd(d0)}因涉嫌犯{{charge}}被{{police}}刑事拘留，{later(d0, arrest)}被逮捕。"
            f"现羁押于{g.court.counties[0][2]}看守所。", arrest)


def party_line(g: Gen, p: str, extra: str = "", id_attr: str = "id", tel: bool = False) -> str:
    """The natural-person description of a party block line (without the role prefix)."""
    idlead = g.v("公民身份号码", g.pick(("身份证号码：", "身份证号")))
    s = f"{{{p}}}，{{{p}.sx}}，{{{p}.b}}{g.v('出生', g.pick(('出生', '生')))}，{{{p}.eth}}，{extra}" \
        f"{g.v('住', '住址：')}{{{p}.addr}}，{idlead}{{{p}.{id_attr}}}"
    if tel:
        s += f"，{g.v('联系电话', g.pick(('手机号码：', '电话：')))}{{{p}.tel}}"
    return s + "。"


# ---------------------------------------------------------------------------------------------
# Templates.

@dataclass
class Template:
    name: str
    types: tuple[str, ...]
    sets: tuple[str, ...]
    fn: Callable[[Gen], tuple[Doc, Case]]


TEMPLATES: dict[str, Template] = {}


def template(name: str, types: Iterable[str], sets: tuple[str, ...] = ("dev", "holdout")
             ) -> Callable[[Callable[[Gen], tuple[Doc, Case]]], Callable[[Gen], tuple[Doc, Case]]]:
    """Register a template with the entity types every document it makes contains."""
    def deco(fn: Callable[[Gen], tuple[Doc, Case]]) -> Callable[[Gen], tuple[Doc, Case]]:
        TEMPLATES[name] = Template(name, tuple(types), sets, fn)
        return fn
    return deco


def crim_defendant(g: Gen, key: str, edu: str, job: str, det: str, id_attr: str = "id", prior: str = "",
                   label: str = "被告人") -> str:
    """A defendant's line in the party block (dev and holdout order the details differently)."""
    if g.variant == "dev":
        return (f"{label}{{{key}}}，{{{key}.sx}}，{{{key}.b}}出生，{{{key}.eth}}，{edu}，{job}，户籍地{{{key}.hj}}，"
                f"住{{{key}.addr}}，公民身份号码{{{key}.{id_attr}}}。{prior}{det}")
    idl = g.pick(("身份证号码：", "身份证号"))
    return (f"{label}{{{key}}}，{{{key}.sx}}，{{{key}.b}}生，{{{key}.eth}}，{idl}{{{key}.{id_attr}}}，{edu}，{job}，"
            f"户籍所在地{{{key}.hj}}，现住{{{key}.addr}}。{prior}{det}")


def sentence_block(g: Gen, det: date, months: int, fine: int, key: str = "A", charge: str = "{charge}") -> str:
    end = add_months(det, months) - timedelta(days=1)
    return (f"被告人{{{key}}}犯{charge}，判处有期徒刑{cn_term(months)}，并处罚金人民币{fine}元。\n"
            f"（刑期从判决执行之日起计算。判决执行以前先行羁押的，羁押一日折抵刑期一日，即自{ymd(det)}起至{ymd(end)}止。"
            "罚金于本判决生效后十日内缴纳。）")


def opening_criminal(g: Gen, d: Doc, names: str, counsel: str, dpros: date, procedure: str = "") -> None:
    d.w(f"{{proc}}以{{ind}}起诉书指控被告人{names}犯{{charge}}，于{ymd(dpros)}向本院提起公诉。"
        + g.v(f"本院依法组成合议庭，{procedure or '公开开庭审理了本案'}。",
              f"本院受理后，依法组成合议庭，{procedure or '于' + md(g.after(dpros, 20, 50)) + '公开开庭审理了本案'}。")
        + f"{{proc}}指派检察员{{P}}出庭支持公诉，被告人{names}{counsel}到庭参加诉讼。现已审理终结。")


@template("theft", (PERSON, ORGANIZATION, ID_NUMBER, ADDRESS, BANK_CARD, PLATE, ACCOUNT_ID, PHONE, HEALTH,
                    BIRTH_DATE, CASE_NUMBER))
def t_theft(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "刑初")
    A = g.person("被告人", (F, T), sex="男", age=(20, 45))
    V1 = g.person("被害人", (T, T), kind=g.pick(("han", "compound")), sex="男", age=(35, 70))
    V1w = g.person("证人", (T, T), sex="女", age=(33, 68))
    V2 = g.person("被害人", (T, T), kind=g.pick(("han", "word", "han")))
    W = g.person("证人", (T, T))
    L = g.lawyer(surname_of=A if g.chance(0.3) else None)
    ctx.update(A=A, V1=V1, V1w=V1w, V2=V2, W=W, L=L, P=g.official("检察员"), charge="盗窃罪", ind=g.indictment(),
               dis=g.health(g.pick(("乙型病毒性肝炎", "抑郁症", "糖尿病", "癫痫"))),
               ill=g.health(g.pick(("冠心病", "高血压病", "慢性肾病"))))
    lines = judges(g, ctx, [V1, V2, W, V1w])
    d1 = g.event
    d2 = g.after(d1, 5, 40)
    det = g.after(d2, 3, 30)
    det_text, _ = detention(g, det)
    cash, phone_val, cash2, cig, sold = g.money(3000, 9000), g.money(2500, 6800), g.money(800, 4000), \
        g.money(300, 900, 10), g.money(800, 2000)
    months, fine = g.pick((8, 10, 12, 18, 24)), g.money(2000, 10000, 1000)
    d = Doc(ctx)
    header(g, d, "刑事判决书")
    d.w("公诉机关{proc}。")
    d.w(crim_defendant(g, "A", "初中文化", "无业", det_text))
    d.w("辩护人{L}，{L.firm}律师。")
    d.w("")
    opening_criminal(g, d, "{A}", "及其辩护人{L}", g.after(det, 40, 70))
    d.w("")
    d.w(f"{{proc}}指控，被告人{{A}}于{ymd(d1)}至{ymd(d2)}间先后两次入户或者砸窗盗窃他人财物，价值共计人民币"
        f"{cash + phone_val + cash2 + cig}元，应当以盗窃罪追究其刑事责任，建议判处有期徒刑{cn_term(months)}，并处罚金。")
    d.w("")
    d.w("被告人{A}对指控的事实和罪名无异议。辩护人提出，{A}系初犯，到案后如实供述，且患有{dis}，请求对其从轻处罚。")
    d.w("")
    d.w(g.v("经审理查明：", "经审理查明的事实与公诉机关指控的事实一致，具体如下："))
    d.w(f"一、{ymd(d1)}凌晨，被告人{{A}}窜至被害人{{V1}}位于{{V1.addr}}的家中，趁无人之机，窃得{{V1}}放置在客厅的"
        + g.v("苹果牌手机一部（号码{V1.tel}）", "华为牌手机一部（手机号码为{V1.tel}）")
        + f"及{V1.bank}借记卡一张（卡号{{V1.card}}）。当日，{{A}}使用该卡在自动取款机上取现人民币{cash}元。"
        f"经价格认定，被盗手机价值人民币{phone_val}元。证人{{V1w}}（系{{V1}}之妻）证实，案发当晚其陪同{{V1}}到医院治疗"
        "{ill}，家中无人。")
    d.w(f"二、{ymd(d2)}晚，被告人{{A}}在{g.court.counties[0][2]}{g.pick(ROADS)}路边，采用砸窗手段，从被害人{{V2}}停放的"
        f"{{V2.plate}}号小型轿车内窃得现金人民币{cash2}元及香烟两条。经价格认定，被盗香烟价值人民币{cig}元。")
    d.w("案发后，{A}通过" + g.v("微信（微信号{A.wx}）", "微信账号“{A.wx}”") + f"将窃得的手机以人民币{sold}元的价格出售给证人"
        f"{{W}}。{ymd(det)}，{{A}}在其住处被公安民警抓获，到案后如实供述了上述事实。被盗手机已追回并发还被害人{{V1}}。")
    d.w("")
    d.w("上述事实，有被害人{V1}、{V2}的陈述，证人{V1w}、{W}的证言，价格认定结论书，银行交易明细，微信聊天记录，扣押、发还"
        "清单，监控录像，到案经过及被告人{A}的供述和辩解等证据证实，足以认定。")
    d.w("")
    d.w("本院认为，被告人{A}以非法占有为目的，入户盗窃并多次盗窃他人财物，数额较大，其行为已构成盗窃罪。公诉机关指控的"
        "罪名成立。{A}到案后如实供述自己的罪行，依法可以从轻处罚。关于辩护人提出{A}患有{dis}的意见，经查属实，但该情节不"
        "影响其刑事责任能力，本院在量刑时酌情考虑。依照《中华人民共和国刑法》第二百六十四条、第六十七条第三款、第五十二条、"
        "第五十三条、第六十四条之规定，判决如下：")
    d.w("")
    d.w("一、" + sentence_block(g, det, months, fine))
    d.w(f"二、责令被告人{{A}}退赔被害人{{V1}}人民币{cash}元，退赔被害人{{V2}}人民币{cash2 + cig}元。")
    d.w("")
    criminal_tail(g, d)
    signature(g, d, lines)
    appendix(g, d, ("刑264", "刑67", "刑52", "刑53", "刑64"))
    return d, Case("criminal", "criminal", "盗窃罪")


@template("fraud", (PERSON, ORGANIZATION, ID_NUMBER, BANK_CARD, PHONE, ACCOUNT_ID, EMAIL, PASSPORT, TECH_INVESTIGATION,
                    HEALTH, ADDRESS, BIRTH_DATE, CASE_NUMBER))
def t_fraud(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "刑初")
    A = g.person("被告人", (F, T), age=(20, 40))
    B = g.person("被告人", (F, T), age=(20, 40))
    V1 = g.person("被害人", (T, T), kind=g.pick(("compound", "han")), age=(40, 75))
    V2 = g.person("被害人", (T, T), kind="foreign", age=(25, 50))
    V3 = g.person("被害人", (T, T), kind=g.pick(("han", "minority", "tibetan")), age=(19, 30))
    W = g.person("证人", (T, T))
    L1, L2 = g.lawyer(), g.lawyer()
    ctx.update(A=A, B=B, V1=V1, V2=V2, V3=V3, W=W, L1=L1, L2=L2, P=g.official("检察员"), charge="诈骗罪",
               ind=g.indictment(), dis=g.health(g.pick(("重度焦虑症", "抑郁症", "急性应激障碍"))),
               tech1=g.tech(g.v("技术侦查措施", "技术侦查手段")), tech2=g.tech("技侦材料"))
    lines = judges(g, ctx, [V1, V3, W])
    d1 = g.event
    da, db, d2 = g.after(d1, 3, 20), g.after(d1, 25, 50), g.after(d1, 55, 80)
    det = g.after(d2, 5, 25)
    det_text, _ = detention(g, det)
    x1, x2, x3 = g.money(30000, 180000), g.money(20000, 90000), g.money(8000, 40000)
    r1 = g.money(5000, min(x1, 30000))
    ma, mb = g.pick((36, 42, 48, 54)), g.pick((24, 30, 36))
    d = Doc(ctx)
    header(g, d, "刑事判决书")
    d.w("公诉机关{proc}。")
    d.w(crim_defendant(g, "A", "高中文化", "无业", det_text, id_attr="idn"))
    d.w("辩护人{L1}，{L1.firm}律师。")
    d.w(crim_defendant(g, "B", "大专文化", "个体经营者", det_text))
    d.w("辩护人{L2}，{L2.firm}律师。")
    d.w("")
    opening_criminal(g, d, "{A}、{B}", "及其辩护人{L1}、{L2}", g.after(det, 60, 90))
    d.w("")
    d.w("经审理查明：" + f"{ymd(d1)}至{ymd(d2)}期间，被告人{{A}}、{{B}}经事先预谋，由{{A}}通过QQ（QQ号{{A.qq}}）、{{B}}通过"
        "电子邮箱{B.mail}冒充某电商平台客服，以“订单异常需退款”“刷单返利”等理由，诱骗被害人向其控制的银行账户转账。具体如下：")
    d.w(f"1.{ymd(d1)}，{{A}}使用手机号码{{A.tel2}}拨打被害人{{V1}}的电话{{V1.tel}}，骗得{{V1}}通过手机银行向{{B}}名下的"
        f"{B.bank}账户（账号{{B.card}}）转账人民币{x1}元。")
    d.w(f"2.{ymd(da)}，{{B}}以相同手段骗取在华工作的外籍人员{{V2}}（{{V2.lat}}，{V2.nationality}国籍，"
        + g.v("护照号码{V2.pp}", "护照号：{V2.pp}") + f"）人民币{x2}元，{{V2}}将款项转入{{A}}名下银行卡（卡号{{A.card}}）。")
    d.w(f"3.{ymd(db)}，{{A}}、{{B}}以帮助“刷单返利”为名，骗取被害人{{V3}}人民币{x3}元。{{V3}}被骗后诱发{{dis}}，住院治疗。")
    d.w(f"{ymd(det)}，公安机关经依法批准采取{{tech1}}，确定{{A}}、{{B}}的落脚点后将二人抓获。案发后，{{A}}、{{B}}已退赔被害人"
        f"{{V1}}人民币{r1}元。")
    d.w("")
    d.w("上述事实，有被害人{V1}、{V2}、{V3}的陈述，证人{W}（银行柜员）的证言，银行交易明细，QQ聊天记录，电子邮件截图，"
        "依法调取的{tech2}，电子数据检查笔录，抓获经过及被告人{A}、{B}的供述和辩解等证据证实，足以认定。")
    d.w("")
    d.w(f"本院认为，被告人{{A}}、{{B}}以非法占有为目的，利用电信网络虚构事实、隐瞒真相，骗取他人财物共计人民币{x1 + x2 + x3}元，"
        "数额巨大，其行为均已构成诈骗罪。在共同犯罪中，{A}起主要作用，系主犯；{B}起次要作用，系从犯，依法应当从轻处罚。"
        "二被告人到案后均如实供述，自愿认罪认罚，可以从宽处理。依照《中华人民共和国刑法》第二百六十六条、第二十五条第一款、"
        "第二十六条、第二十七条、第六十七条第三款、第六十四条之规定，判决如下：")
    d.w("")
    d.w("一、" + sentence_block(g, det, ma, g.money(20000, 60000, 5000)))
    d.w("二、" + sentence_block(g, det, mb, g.money(10000, 30000, 5000), key="B"))
    d.w(f"三、责令被告人{{A}}、{{B}}共同退赔被害人{{V1}}人民币{x1 - r1}元、被害人{{V2}}人民币{x2}元、被害人{{V3}}人民币{x3}元。")
    d.w("")
    criminal_tail(g, d)
    signature(g, d, lines)
    appendix(g, d, ("刑266", "刑25", "刑27", "刑67", "刑64"))
    return d, Case("criminal", "criminal", "诈骗罪")


@template("injury", (PERSON, ORGANIZATION, ID_NUMBER, ADDRESS, HEALTH, PHONE, BIRTH_DATE, CASE_NUMBER))
def t_injury(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "刑初")
    A = g.person("被告人", (F, T), sex="男", age=(20, 50))
    V = g.person("被害人", (T, T), sex="男", age=(20, 55))
    namesake = g.chance(0.5)
    W1 = g.namesake(V, "证人", (T, T)) if namesake else g.person("证人", (T, T))
    W2 = g.person("证人", (T, T), kind=g.pick(("han", "minority")))
    AP1, AP2 = g.person("鉴定人", (T, T), age=(30, 55)), g.person("鉴定人", (T, T), age=(30, 55))
    inst = f"{g.court.counties[0][0][:g.court.counties[0][0].index('市') + 1]}公安局物证鉴定所"
    inj = g.pick(("左侧鼻骨骨折、左眼眶内侧壁骨折", "右侧第5、6肋骨骨折", "左侧颞部头皮裂伤、左顶骨线性骨折",
                  "左手第二掌骨骨折"))
    grade = g.pick(("轻伤一级", "轻伤二级"))
    ctx.update(A=A, V=V, W1=W1, W2=W2, AP1=AP1, AP2=AP2, L=g.lawyer(), P=g.official("检察员"), charge="故意伤害罪",
               ind=g.indictment(), inst=g.keep_org(inst, "鉴定机构"),
               inj=g.health(inj, subject=True), grade=g.health(grade, subject=True), dis=g.health(g.pick(("双相情感障碍", "抑郁症", "精神分裂症"))),
               dis2=g.health(g.pick(("高血压病", "糖尿病"))))
    lines = judges(g, ctx, [V, W1, W2, AP1])
    d1 = g.event
    det = g.after(d1, 1, 3)
    det_text, _ = detention(g, det)
    med, comp = g.money(8000, 40000), g.money(20000, 60000, 1000)
    months = g.pick((8, 10, 12, 14))
    d = Doc(ctx)
    header(g, d, "刑事判决书")
    d.w("公诉机关{proc}。")
    d.w(crim_defendant(g, "A", g.pick(("初中文化", "高中文化")), g.pick(("厨师", "务工", "货车司机")), det_text))
    d.w("辩护人{L}，{L.firm}律师。")
    d.w("")
    opening_criminal(g, d, "{A}", "及其辩护人{L}", g.after(det, 50, 80))
    d.w("")
    d.w(f"{{proc}}指控：{ymd(d1)}21时许，被告人{{A}}与被害人{{V}}因琐事发生争执，{{A}}持啤酒瓶击打{{V}}头面部，致{{V}}"
        "{grade}。公诉机关认为，应当以故意伤害罪追究被告人{A}的刑事责任。")
    d.w("")
    d.w("被告人{A}对指控的事实无异议，但辩称其案发时情绪失控。辩护人提出，{A}案发前患有{dis}，请求从轻处罚。")
    d.w("")
    d.w(f"经审理查明：{ymd(d1)}21时许，被告人{{A}}与被害人{{V}}在{g.court.counties[0][2]}{g.pick(ROADS)}一烧烤店内"
        "因座位问题发生争执，{A}持啤酒瓶击打{V}头面部，并用拳头殴打{V}，证人"
        + ("{W1}（系烧烤店店员，与被害人{V}同名）" if namesake else "{W1}（系烧烤店店员）")
        + "、{W2}上前劝阻。{V}随即用手机" + g.v("{V.tel}", "（号码{V.tel}）") + "报警。{V}被送往医院治疗，诊断为{inj}。"
        f"{{V}}另因既往{{dis2}}住院观察三日，共支出医疗费人民币{med}元。")
    d.w("经{inst}鉴定人{AP1}、{AP2}鉴定，被害人{V}的损伤程度为{grade}。经司法精神病鉴定，被告人{A}虽患有{dis}，但案发时"
        "具有完全刑事责任能力。" + f"{ymd(det)}，{{A}}在其住处被公安机关抓获，到案后如实供述了犯罪事实。")
    d.w(f"另查明，审理期间被告人{{A}}的亲属代为赔偿被害人{{V}}经济损失人民币{comp}元，{{V}}对{{A}}表示谅解。")
    d.w("")
    d.w("上述事实，有被害人{V}的陈述，证人{W1}、{W2}的证言，现场监控视频，人体损伤程度鉴定书，鉴定人{AP1}、{AP2}的"
        "出庭意见，司法精神病鉴定意见书，病历，谅解书，抓获经过及被告人{A}的供述和辩解等证据证实，足以认定。")
    d.w("")
    d.w("本院认为，被告人{A}故意伤害他人身体，致一人轻伤，其行为已构成故意伤害罪。公诉机关指控的罪名成立。{A}到案后如实"
        "供述自己的罪行，依法可以从轻处罚；其亲属代为赔偿被害人损失并取得谅解，可以酌情从轻处罚。辩护人的相关意见，本院"
        "予以采纳。依照《中华人民共和国刑法》第二百三十四条第一款、第六十七条第三款、第七十二条第一款之规定，判决如下：")
    d.w("")
    d.w(f"被告人{{A}}犯故意伤害罪，判处有期徒刑{cn_term(months)}，缓刑{cn_term(months + 12)}。")
    d.w("（缓刑考验期限，从判决确定之日起计算。）")
    d.w("")
    criminal_tail(g, d)
    signature(g, d, lines)
    appendix(g, d, ("刑234", "刑67", "刑72"))
    return d, Case("criminal", "criminal", "故意伤害罪")


@template("traffic_crime", (PERSON, ORGANIZATION, PLATE, ID_NUMBER, ADDRESS, PHONE, BIRTH_DATE, HEALTH, CASE_NUMBER),
          sets=("dev",))
def t_traffic_crime(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "刑初")
    A = g.person("被告人", (F, T), sex="男", age=(25, 55))
    V = g.person("被害人", (T, T), sex="男", age=(40, 75), kind=g.pick(("han", "compound")))
    Vw = g.person("被害人近亲属", (T, T), sex="女", age=(38, 72), surname=None)
    word = g.pick(("文明", "高峰"))
    W = g.person("证人", (T, T), name=word, sex="男") if g.chance(0.7) else g.person("证人", (T, T))
    W2 = g.person("证人", (T, T))
    AP = g.person("鉴定人", (T, T), age=(30, 55))
    ctx.update(A=A, V=V, Vw=Vw, W=W, W2=W2, AP=AP, L=g.lawyer(), P=g.official("检察员"), charge="交通肇事罪",
               ind=g.indictment(), dec1=Decoy("高峰"), dec2=Decoy("文明"),
               inj=g.health(g.pick(("颅脑损伤", "创伤性休克", "多发性骨折合并失血性休克")), subject=True),
               inst=g.keep_org(f"{g.court.prov_short}{g.pick(('正衡', '求实', '明鉴'))}司法鉴定所", "鉴定机构"))
    lines = judges(g, ctx, [V, Vw, W, W2])
    d1 = g.event
    det = g.after(d1, 0, 2)
    d = Doc(ctx)
    header(g, d, "刑事判决书")
    d.w("公诉机关{proc}。")
    d.w(crim_defendant(g, "A", "初中文化", g.pick(("货车司机", "网约车司机", "个体运输户")),
                       f"{ymd(det)}因涉嫌犯交通肇事罪被{{police}}刑事拘留，{later(det, g.after(det, 10, 20))}被取保候审。"))
    d.w("辩护人{L}，{L.firm}律师。")
    d.w("")
    opening_criminal(g, d, "{A}", "及其辩护人{L}", g.after(det, 60, 120))
    d.w("")
    d.w("{proc}指控，被告人{A}违反交通运输管理法规，因而发生重大事故，致一人死亡，负事故全部责任，应当以交通肇事罪追究其"
        "刑事责任。{A}有自首情节，已赔偿被害人近亲属损失并取得谅解，建议判处有期徒刑，适用缓刑。被告人{A}对指控的事实、"
        "罪名无异议。辩护人提出，{A}系自首，积极赔偿，取得谅解，平时表现良好，请求对其从轻处罚并适用缓刑。")
    d.w("")
    d.w(f"经审理查明：{ymd(d1)}7时40分许，正值早{{dec1}}，被告人{{A}}驾驶{{A.plate}}号重型厢式货车，沿"
        f"{g.court.counties[0][2]}{g.pick(ROADS)}由南向北行驶至与{g.pick(ROADS)}交叉路口时，未按交通信号灯通行，与由东向西"
        "骑行电动自行车的被害人{V}相撞，致{V}倒地后被卷入车底，当场死亡。事故发生后，{A}立即用手机"
        + g.v("{A.tel}", "（{A.tel}）") + "拨打120急救电话并报警，在现场等候处理。经公安机关核实，死者为{V}（公民身份号码{V.id}）。")
    d.w("证人{W}证实，其驾驶{W.nev}号新能源小型轿车跟随在肇事货车后方，看到货车闯红灯后与电动自行车相撞。证人{W2}证实，"
        "其在路口等候通行时目睹事故经过。经{inst}鉴定人{AP}鉴定，被害人{V}系因{inj}死亡。公安机关交通管理部门认定，{A}负"
        "事故全部责任，{V}无责任。")
    d.w(f"另查明，案发后被告人{{A}}赔偿被害人{{V}}的近亲属各项损失共计人民币{g.money(300000, 900000, 10000)}元，"
        "{V}之妻{Vw}代表被害人近亲属出具谅解书，对{A}的行为表示谅解。")
    d.w("")
    d.w("上述事实，有道路交通事故认定书，现场勘查笔录及照片，尸体检验报告，证人{W}、{W2}的证言，行车记录仪视频，谅解书，"
        "赔偿协议，到案经过及被告人{A}的供述和辩解等证据证实，足以认定。")
    d.w("")
    d.w("本院认为，被告人{A}违反交通运输管理法规，因而发生重大事故，致一人死亡，负事故全部责任，其行为已构成交通肇事罪。"
        "机动车驾驶人应当遵守交通信号、{dec2}驾驶。{A}案发后主动报警并在现场等候，到案后如实供述，系自首，依法可以从轻"
        "处罚；其积极赔偿并取得被害人近亲属谅解，可以酌情从轻处罚。依照《中华人民共和国刑法》第一百三十三条、第六十七条"
        "第一款、第七十二条第一款之规定，判决如下：")
    d.w("")
    months = g.pick((10, 12, 18))
    d.w(f"被告人{{A}}犯交通肇事罪，判处有期徒刑{cn_term(months)}，缓刑{cn_term(months + 12)}。")
    d.w("（缓刑考验期限，从判决确定之日起计算。）")
    d.w("")
    criminal_tail(g, d)
    signature(g, d, lines)
    appendix(g, d, ("刑133", "刑67", "刑72"))
    return d, Case("criminal", "criminal", "交通肇事罪")


@template("drug", (PERSON, ORGANIZATION, ID_NUMBER, PHONE, ACCOUNT_ID, BANK_CARD, TECH_INVESTIGATION, HEALTH, PLATE,
                   ADDRESS, BIRTH_DATE, CASE_NUMBER))
def t_drug(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "刑初")
    A = g.person("被告人", (F, T), age=(22, 50))
    W1 = g.person("证人", (T, T), kind=g.pick(("han", "minority", "han")))
    W2 = g.person("证人", (T, T), given_len=2)
    ctx.update(A=A, W1=W1, W2=W2, L=g.lawyer(surname_of=A if g.chance(0.4) else None), P=g.official("检察员"),
               charge="贩卖毒品罪", ind=g.indictment(),
               tech1=g.tech("技术侦查措施"), tech2=g.tech(g.v("技术侦查", "技侦")),
               dis=g.health(g.pick(("艾滋病", "乙型病毒性肝炎", "活动性肺结核"))))
    lines = judges(g, ctx, [W1, W2])
    d1 = g.event
    d2, d3 = g.after(d1, 7, 20), g.after(d1, 25, 40)
    det_text, _ = detention(g, d3)
    g1, p1, g2, p2 = g.pick(("0.5", "0.8", "1.2")), g.money(200, 600), g.pick(("1.0", "1.5", "2.0")), g.money(400, 1200)
    seized = g.pick(("2.32", "3.15", "4.06", "6.8"))
    months = g.pick((30, 36, 45))
    d = Doc(ctx)
    header(g, d, "刑事判决书")
    d.w("公诉机关{proc}。")
    d.w(crim_defendant(g, "A", "初中文化", "无业", det_text))
    d.w("辩护人{L}，{L.firm}律师（法律援助律师）。")
    d.w("")
    opening_criminal(g, d, "{A}", "及其辩护人{L}", g.after(d3, 60, 100))
    d.w("")
    d.w(f"{{proc}}指控：{ymd(d1)}至{ymd(d3)}，被告人{{A}}先后多次向吸毒人员贩卖甲基苯丙胺（冰毒），公诉机关认为其行为已构成"
        f"贩卖毒品罪，建议判处有期徒刑{cn_term(months)}，并处罚金。")
    d.w("")
    d.w("被告人{A}对指控的事实、罪名无异议。辩护人提出，{A}患有{dis}，系以贩养吸，请求从轻处罚。")
    d.w("")
    d.w(f"经审理查明：1.{ymd(d1)}，被告人{{A}}通过" + g.v("微信（微信号{A.wx}）", "微信号“{A.wx}”")
        + f"与吸毒人员{{W1}}约定交易，在{g.court.counties[0][2]}{g.pick(ROADS)}附近以人民币{p1}元的价格向{{W1}}贩卖甲基苯丙胺约"
        f"{g1}克，{{W1}}通过微信转账支付毒资。")
    d.w(f"2.{ymd(d2)}，{{A}}使用手机号码{{A.tel}}联系吸毒人员{{W2}}，驾驶{{A.nev}}号小型汽车至约定地点，以人民币{p2}元的价格"
        f"向{{W2}}贩卖甲基苯丙胺约{g2}克，{{W2}}将毒资转入{{A}}的{A.bank}账户（卡号{{A.card}}）。")
    d.w(f"3.公安机关经依法批准对{{A}}使用的上述手机号码采取{{tech1}}，于{ymd(d3)}在其住处将其抓获，当场查获甲基苯丙胺"
        f"{seized}克。经鉴定，查获的可疑物品中均检出甲基苯丙胺成分。经体检，{{A}}患有{{dis}}。")
    d.w("")
    d.w("上述事实，有扣押清单，称量、取样笔录，检验鉴定报告，证人{W1}、{W2}的证言，微信聊天及转账记录，银行交易明细，"
        "辨认笔录，依法移送的{tech2}证据材料，抓获经过及被告人{A}的供述和辩解等证据证实，足以认定。")
    d.w("")
    d.w("本院认为，被告人{A}明知是毒品而多次贩卖，其行为已构成贩卖毒品罪，且属情节严重。公诉机关指控的罪名成立。{A}到案后"
        "如实供述自己的罪行，依法可以从轻处罚。辩护人提出以贩养吸的意见，缺乏证据证实，本院不予采纳。依照《中华人民共和国"
        "刑法》第三百四十七条第一款、第四款、第六十七条第三款、第五十二条、第五十三条、第六十四条之规定，判决如下：")
    d.w("")
    d.w("一、" + sentence_block(g, d3, months, g.money(5000, 20000, 1000)))
    d.w(f"二、追缴被告人{{A}}的违法所得人民币{p1 + p2}元，上缴国库；扣押在案的毒品及作案工具手机一部，予以没收。")
    d.w("")
    criminal_tail(g, d)
    signature(g, d, lines)
    appendix(g, d, ("刑347", "刑67", "刑52", "刑53", "刑64"))
    return d, Case("criminal", "criminal", "贩卖毒品罪")


@template("incidental_civil", (PERSON, ORGANIZATION, ID_NUMBER, ADDRESS, BIRTH_DATE, BANK_CARD, PHONE, HEALTH,
                               LICENCE_NUMBER, CASE_NUMBER), sets=("dev",))
def t_incidental(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "刑初")
    A = g.person("被告人", (F, T), sex="男", age=(19, 40))
    V = g.person("附带民事诉讼原告人", (T, T), sex="男", age=(15, 16), given_len=2, minor=True)
    VP = g.person("法定代理人", (T, T), sex="男", age=(38, 50), surname=V.surname)
    W = g.person("证人", (T, T))
    AP = g.person("鉴定人", (T, T), age=(30, 55))
    LV, LA = g.lawyer(), g.lawyer(surname_of=V if g.chance(0.5) else None)
    ctx.update(A=A, V=V, VP=VP, W=W, AP=AP, LV=LV, LA=LA, P=g.official("检察员"), charge="故意伤害罪",
               ind=g.indictment(), inj=g.health(g.pick(("左尺骨骨折", "下颌骨骨折", "右侧胫骨平台骨折")), subject=True),
               grade=g.health("轻伤一级", subject=True), dis=g.health(g.pick(("癫痫", "先天性心脏病", "哮喘"))),
               inst=g.keep_org(f"{g.court.prov_short}{g.pick(('天平', '华西', '中正'))}司法鉴定中心", "鉴定机构"))
    lines = judges(g, ctx, [V, VP, W])
    d1 = g.event
    det = g.after(d1, 1, 5)
    det_text, _ = detention(g, det)
    med, lost, care, total_paid = g.money(10000, 30000), g.money(2000, 6000), g.money(1500, 4000), g.money(3000, 8000)
    months = g.pick((10, 12, 18))
    d = Doc(ctx)
    header(g, d, "刑事附带民事判决书")
    d.w("公诉机关{proc}。")
    d.w("附带民事诉讼原告人{V}，{V.sx}，{V.b}出生，{V.eth}，学生，住{V.addr}。")
    d.w("法定代理人{VP}，{VP.sx}，{VP.b}出生，{VP.eth}，系{V}之父，住址同上，" + g.v("联系电话{VP.tel}", "电话：{VP.tel}") + "。")
    d.w("委托诉讼代理人{LV}，{LV.firm}律师，执业证号{LV.lic}。")
    d.w(crim_defendant(g, "A", "初中文化", "务工", det_text))
    d.w("辩护人{LA}，{LA.firm}律师。")
    d.w("")
    d.w(f"{{proc}}以{{ind}}起诉书指控被告人{{A}}犯故意伤害罪，于{ymd(g.after(det, 40, 60))}向本院提起公诉。在诉讼过程中，"
        "附带民事诉讼原告人{V}向本院提起附带民事诉讼。因本案涉及未成年人，本院依法组成合议庭，不公开开庭进行了合并审理。"
        "{proc}指派检察员{P}出庭支持公诉，附带民事诉讼原告人{V}的法定代理人{VP}及委托诉讼代理人{LV}，被告人{A}及其辩护人"
        "{LA}到庭参加诉讼。现已审理终结。")
    d.w("")
    d.w(f"{{proc}}指控：{ymd(d1)}18时许，被告人{{A}}在{g.court.counties[0][2]}一网吧门口因琐事与被害人{{V}}发生争执，"
        "持木棍击打{V}，致{V}{inj}，经鉴定为{grade}。")
    d.w("")
    d.w(f"附带民事诉讼原告人{{V}}诉称，被告人{{A}}的犯罪行为致其受伤，请求判令{{A}}赔偿医疗费、护理费、营养费、交通费等共计"
        f"人民币{med + lost + care + 2000}元。")
    d.w("")
    d.w(f"经审理查明：{ymd(d1)}18时许，被告人{{A}}在网吧门口因琐事与被害人{{V}}（时年{V.age_at(d1)}岁）发生争执，持木棍"
        "击打{V}的左前臂及头部，证人{W}上前制止。经{inst}鉴定人{AP}鉴定，{V}的损伤程度为轻伤一级。{V}受伤后，其法定代理人"
        "{VP}陪同其住院治疗，{V}因既往患有{dis}，住院期间另行接受相关治疗。"
        f"{ymd(det)}，{{A}}被公安机关抓获。审理期间，{{A}}已向{{VP}}的银行账户（{VP.bank}，账号{{VP.card}}）转账赔偿人民币"
        f"{total_paid}元。")
    d.w("")
    d.w("上述事实，有被害人{V}的陈述，证人{W}的证言，鉴定意见书，病历及医疗费票据，银行转账凭证，抓获经过及被告人{A}的"
        "供述和辩解等证据证实，足以认定。")
    d.w("")
    d.w("本院认为，被告人{A}故意伤害未成年人身体，致一人轻伤，其行为已构成故意伤害罪，应予惩处。被告人{A}的犯罪行为给"
        "附带民事诉讼原告人{V}造成的物质损失，应当依法赔偿。对于与既往疾病相关的治疗费用，不属于本案赔偿范围。"
        f"经核定，{{V}}的合理损失为医疗费人民币{med}元、护理费人民币{care}元、营养费人民币{lost}元，共计人民币{med + care + lost}元，"
        f"扣除已赔偿的{total_paid}元，{{A}}还应赔偿人民币{med + care + lost - total_paid}元。依照《中华人民共和国刑法》第二百三十四条"
        "第一款、第六十七条第三款，《中华人民共和国民法典》第一千一百七十九条，《中华人民共和国刑事诉讼法》第一百零一条之规定，"
        "判决如下：")
    d.w("")
    d.w("一、" + sentence_block(g, det, months, 0).replace("，并处罚金人民币0元", "").replace("罚金于本判决生效后十日内缴纳。", ""))
    d.w(f"二、被告人{{A}}于本判决生效之日起十日内赔偿附带民事诉讼原告人{{V}}人民币{med + care + lost - total_paid}元。")
    d.w("三、驳回附带民事诉讼原告人{V}的其他诉讼请求。")
    d.w("")
    criminal_tail(g, d)
    signature(g, d, lines)
    appendix(g, d, ("刑234", "刑67", "民1179"))
    return d, Case("criminal", "criminal_incidental_civil", "故意伤害罪", incidental_civil=True, minor_involved=True)


@template("juvenile_theft", (PERSON, ORGANIZATION, ID_NUMBER, ADDRESS, BIRTH_DATE, PHONE, CASE_NUMBER))
def t_juvenile(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "刑初")
    A = g.person("被告人", (T, T), sex="男", age=(17, 17), minor=True, given_len=2)
    AM = g.person("法定代理人", (T, T), sex="女", age=(38, 48))
    V = g.person("被害人", (T, T), age=(25, 60))
    ctx.update(A=A, AM=AM, V=V, L=g.lawyer(), P=g.official("检察员"), charge="盗窃罪", ind=g.indictment())
    lines = judges(g, ctx, [A, AM, V])
    d1 = g.event
    det = g.after(d1, 2, 15)
    val = g.money(2000, 8000)
    d = Doc(ctx)
    header(g, d, "刑事判决书")
    d.w("公诉机关{proc}。")
    d.w(crim_defendant(g, "A", "初中文化", "学生",
                       f"{ymd(det)}因涉嫌犯盗窃罪被{{police}}刑事拘留，{later(det, g.after(det, 5, 20))}被取保候审。"))
    d.w("法定代理人{AM}，{AM.sx}，{AM.b}出生，{AM.eth}，系被告人{A}之母，住址同上，"
        + g.v("联系电话{AM.tel}", "手机号码：{AM.tel}") + "。")
    d.w("辩护人{L}，{L.firm}律师（法律援助律师）。")
    d.w("")
    d.w(f"{{proc}}以{{ind}}起诉书指控被告人{{A}}犯盗窃罪，于{ymd(g.after(det, 40, 70))}向本院提起公诉。因被告人系未成年人，"
        "本院依法适用简易程序，组成少年法庭合议庭，不公开开庭审理了本案。{proc}指派检察员{P}出庭支持公诉，被告人{A}及其法定"
        "代理人{AM}、辩护人{L}到庭参加诉讼。现已审理终结。")
    d.w("")
    d.w(f"经审理查明：{ymd(d1)}，被告人{{A}}（时年{A.age_at(d1)}岁）在{g.court.counties[0][2]}{g.pick(ROADS)}一商场内，"
        f"趁被害人{{V}}不备，窃得其放在柜台上的挎包一个，内有现金人民币{val}元及手机一部。{ymd(det)}，{{A}}在其母{{AM}}陪同下"
        "到公安机关投案，如实供述了犯罪事实。被盗财物已全部发还被害人{V}，{V}对{A}表示谅解。")
    d.w("另查明，" + g.v("社会调查报告显示，{A}平时表现良好，家庭具备监护条件。",
                        "{A}的社会调查报告及其就读学校的证明显示，{A}在校表现尚可，其母{AM}表示愿意严加管教。"))
    d.w("")
    d.w("上述事实，有被害人{V}的陈述，监控录像，扣押、发还清单，社会调查报告，谅解书，到案经过及被告人{A}的供述等证据证实，"
        "足以认定。")
    d.w("")
    d.w("在法庭教育阶段，公诉人、辩护人及法定代理人{AM}对被告人{A}进行了教育，{A}表示认识到自己行为的违法性，愿意改过"
        "自新。辩护人提出，{A}系初犯、偶犯，犯罪时未满十八周岁，有自首情节，已退赃并取得谅解，建议对其适用缓刑。公诉机关"
        "认为，被告人认罪认罚，建议判处拘役四个月，适用缓刑，并处罚金。")
    d.w("")
    d.w("本院认为，被告人{A}以非法占有为目的，秘密窃取他人财物，数额较大，其行为已构成盗窃罪。{A}犯罪时已满十六周岁不满"
        "十八周岁，依法应当从轻处罚；其自动投案并如实供述，系自首，依法可以从轻处罚；已退赃并取得谅解，可酌情从轻处罚。"
        "依照《中华人民共和国刑法》第二百六十四条、第十七条第一款、第四款、第六十七条第一款、第七十二条第一款、第五十二条、"
        "第五十三条之规定，判决如下：")
    d.w("")
    d.w(f"被告人{{A}}犯盗窃罪，判处拘役四个月，缓刑六个月，并处罚金人民币{g.money(1000, 3000, 500)}元。")
    d.w("")
    criminal_tail(g, d)
    signature(g, d, lines)
    appendix(g, d, ("刑264", "刑17", "刑67", "刑72"))
    return d, Case("criminal", "criminal", "盗窃罪", minor_involved=True, juvenile_defendant=True,
                   publishable=False, publish_reason="未成年人犯罪")


def evidence_para(g: Gen, d: Doc) -> None:
    """The standard paragraph on evidence exchange in civil judgments (no personal information)."""
    d.w(g.v("本案当事人围绕诉讼请求依法提交了证据，本院组织当事人进行了证据交换和质证。对当事人无异议的证据，本院予以确认"
            "并在卷佐证。对有争议的证据和事实，本院认定如下：",
            "当事人围绕诉讼请求提交了证据，本院组织双方进行了质证。对于双方没有争议的证据，本院予以确认；对于有争议的证据，"
            "本院结合其他证据综合审查认定。根据当事人陈述和经审查确认的证据，本院认定事实如下："))
    d.w("")


def civil_opening(g: Gen, d: Doc, plaintiffs: str, defendants: str, cause: str, present: str, dfile: date,
                  simple: bool = False) -> None:
    proc = ("依法适用简易程序，由审判员{J1}独任审判" if simple else
            "依法适用普通程序，由审判员{J1}担任审判长，与{J2}、{J3}组成合议庭")
    d.w(f"原告{plaintiffs}与被告{defendants}{cause}一案，本院于{ymd(dfile)}立案后，{proc}，于{ymd(g.after(dfile, 30, 80))}"
        f"公开开庭进行了审理。{present}到庭参加诉讼。本案现已审理终结。")


@template("inheritance", (PERSON, ORGANIZATION, ID_NUMBER, ADDRESS, PHONE, PROPERTY_CERT, BANK_CARD, HEALTH, BIRTH_DATE,
                          LICENCE_NUMBER, CASE_NUMBER))
def t_inheritance(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "民初")
    m = (T, T)
    D = g.person("被继承人", m, sex="男", kind=g.pick(("compound", "han")), age=(70, 88), given_len=2)
    sur = D.surname
    C1 = g.person("原告", m, sex="女", surname=sur, age=(40, 58), given_len=2)
    C2 = g.person("被告", m, sex="男", surname=sur, age=(40, 58), given_len=2)
    C3 = g.person("被告", m, sex=g.pick("男女"), surname=sur, age=(35, 55), given_len=2)
    C2w = g.person("亲属", m, sex="女", age=(38, 56))
    word = g.pick(("周全", "方正"))
    WW1 = g.person("证人", m, name=word, sex="男") if g.chance(0.6) else g.person("证人", m)
    WW2 = g.person("证人", m)
    L1, L2 = g.lawyer(), g.lawyer(surname_of=C2 if g.chance(0.4) else None)
    dec = Decoy(word)
    ctx.update(D=D, C1=C1, C2=C2, C3=C3, C2w=C2w, WW1=WW1, WW2=WW2, L1=L1, L2=L2, cert=g.cert(),
               dis=g.health(g.pick(("阿尔茨海默病", "帕金森病", "肺癌", "脑梗死后遗症"))), dec=dec)
    lines = judges(g, ctx, [C1, C2, C3, D])
    death = g.event
    will = death - timedelta(days=g.rng.randint(200, 900))
    house, dep = g.money(1800000, 6000000, 10000), g.money(80000, 400000, 1000)
    d = Doc(ctx)
    header(g, d, "民事判决书")
    d.w(g.v("原告：", "原告") + party_line(g, "C1", tel=True))
    d.w("委托诉讼代理人：{L1}，{L1.firm}律师。")
    d.w(g.v("被告：", "被告") + party_line(g, "C2"))
    d.w("委托诉讼代理人：{L2}，{L2.firm}律师，执业证号{L2.lic}。")
    d.w(g.v("被告：", "被告") + party_line(g, "C3", tel=g.chance(0.5)))
    d.w("")
    civil_opening(g, d, "{C1}", "{C2}、{C3}", "法定继承纠纷",
                  "原告{C1}及其委托诉讼代理人{L1}，被告{C2}的委托诉讼代理人{L2}，被告{C3}", g.after(death, 60, 200))
    d.w("")
    d.w(f"{{C1}}向本院提出诉讼请求：1.依法分割被继承人{{D}}的遗产，即位于{{D.addr}}的房屋（不动产权证书号：{{cert}}）及"
        f"{D.bank}账户（账号{{D.card}}）内存款；2.诉讼费由二被告负担。事实和理由：被继承人{{D}}与其妻（已故）共生育子女三人，"
        f"即原告{{C1}}、被告{{C2}}、{{C3}}。{{D}}于{ymd(death)}因病去世，生前未留有合法有效的遗嘱。")
    d.w("")
    d.w(f"{{C2}}辩称，{{D}}生前于{ymd(will)}立有代书遗嘱，由证人{{WW1}}代书、{{WW2}}见证，表示上述房屋由{{C2}}继承。{{D}}晚年"
        "患有{dis}，长期由{C2}及其妻{C2w}照料，{C2}应当多分。")
    d.w("")
    d.w("{C3}述称，同意按法定继承分割，{D}住院期间其亦多次陪护。")
    d.w("")
    evidence_para(g, d)
    d.w(f"经审理查明：被继承人{{D}}，{{D.b}}出生，{ymd(death)}死亡。{{D}}之妻先于其死亡。{{D}}与其妻生育{{C1}}、{{C2}}、"
        f"{{C3}}三名子女。位于{{D.addr}}的房屋登记在{{D}}名下，不动产权证书号为{{cert}}，各方确认现价值人民币{house}元。"
        f"{{D}}去世时其{D.bank}账户（账号{{D.card}}）内存款余额为人民币{dep}元。")
    d.w(f"{{C2}}提交的《遗嘱》落款日期为{ymd(will)}，由{{WW1}}代书，{{WW2}}作为见证人签名。庭审中，{{WW1}}出庭作证称其与"
        f"{{C2}}系同事关系。另查明，{{D}}于立遗嘱前已被诊断患有{{dis}}，病历记载其认知功能明显下降。{{C1}}称，“"
        "{C2.g}平时工作忙，父亲住院主要是我和{C3.g}轮流照顾”，{C2}对此不予认可。")
    d.w("")
    d.w("本院认为，继承从被继承人死亡时开始。代书遗嘱应当有两个以上见证人在场见证，见证人应当具有完全民事行为能力并与"
        "继承人、受遗赠人没有利害关系。{WW1}与{C2}系同事，且{D}立遗嘱时的民事行为能力存疑，该遗嘱不能认定为{D}的真实意思"
        "表示，本院不予采信，{D}的遗产应按法定继承办理。原告主张其对被继承人生前" + ("照料{dec}" if word == "周全" else "照料较多")
        + "，但未提供充分证据；" + ("遗嘱虽字迹{dec}，但" if word == "方正" else "")
        + "被告{C2}及其妻{C2w}对被继承人尽了较多扶养义务，分配遗产时可以适当多分。依照《中华人民共和国民法典》第一千一百二十三条、"
        "第一千一百二十七条、第一千一百三十条、第一千一百三十五条之规定，判决如下：")
    d.w("")
    d.w("一、位于{D.addr}的房屋（不动产权证书号：{cert}）由被告{C2}继承百分之四十的份额，原告{C1}、被告{C3}各继承百分之"
        "三十的份额；")
    d.w(f"二、被继承人{{D}}名下存款人民币{dep}元，由原告{{C1}}、被告{{C2}}、{{C3}}各继承三分之一。")
    d.w("")
    civil_tail(g, d, g.money(8000, 30000, 1), "原告{C1}、被告{C2}、{C3}按继承份额")
    signature(g, d, lines)
    appendix(g, d, ("民1123", "民1127", "民1130", "民1135"))
    return d, Case("civil", "succession", "法定继承纠纷", family=True)


@template("divorce", (PERSON, ORGANIZATION, ID_NUMBER, ADDRESS, BIRTH_DATE, HEALTH, PROPERTY_CERT, PLATE, BANK_CARD,
                      ACCOUNT_ID, PHONE, PASSPORT, CASE_NUMBER))
def t_divorce(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "民初")
    m = (T, T)
    PW = g.person("原告", m, sex="女", age=(28, 45), kind=g.pick(("han", "han", "minority")))
    DH = g.person("被告", m, sex="男", age=(30, 48))
    K = g.person("子女", m, sex=g.pick("男女"), age=(4, 12), surname=DH.surname,
                 given_len=2, minor=True)
    L1, L2 = g.lawyer(), g.lawyer()
    ctx.update(PW=PW, DH=DH, K=K, L1=L1, L2=L2, cert=g.cert(),
               dis=g.health(g.pick(("精神分裂症", "双相情感障碍", "重度抑郁症"))))
    lines = judges(g, ctx, [PW, DH])
    marry = g.event - timedelta(days=g.rng.randint(3000, 5000))
    file = g.after(g.event, 20, 90)
    car, dep = g.money(80000, 200000, 1000), g.money(50000, 300000, 1000)
    kid = "子" if K.sex == "男" else "女"
    d = Doc(ctx)
    header(g, d, "民事判决书")
    d.w(g.v("原告：", "原告") + party_line(g, "PW", tel=True))
    d.w("委托诉讼代理人：{L1}，{L1.firm}律师。")
    d.w(g.v("被告：", "被告") + party_line(g, "DH"))
    d.w("委托诉讼代理人：{L2}，{L2.firm}律师。")
    d.w("")
    d.w(f"原告{{PW}}与被告{{DH}}离婚纠纷一案，本院于{ymd(file)}立案后，依法适用普通程序，由审判员{{J1}}担任审判长，与{{J2}}、"
        f"{{J3}}组成合议庭，因涉及个人隐私，于{ymd(g.after(file, 30, 70))}不公开开庭进行了审理。原告{{PW}}及其委托诉讼代理人"
        "{L1}，被告{DH}及其委托诉讼代理人{L2}到庭参加诉讼。本案现已审理终结。")
    d.w("")
    d.w("{PW}向本院提出诉讼请求：1.判令原告与被告离婚；2.婚生" + kid + "{K}由原告抚养，被告每月支付抚养费；3.依法分割夫妻共同财产。"
        "事实和理由：双方婚后感情尚可，但被告婚后被确诊患有{dis}，长期拒绝治疗，多次在家中摔砸物品，双方感情确已破裂。")
    d.w("")
    d.w("{DH}辩称，不同意离婚；如法院判决离婚，要求由其抚养{K}。")
    d.w("")
    evidence_para(g, d)
    d.w(f"经审理查明：{{PW}}与{{DH}}于{ymd(marry)}登记结婚，{{K.b}}生育一{kid}{{K}}。{{DH}}于婚后被诊断患有{{dis}}，"
        "曾多次住院治疗。" + f"{ymd(g.event)}起，双方分居至今。{{PW}}提交的微信聊天记录显示，其微信号为{{PW.wx}}，"
        "双方多次就离婚问题进行协商未果。{K}现随{PW}在" + "{PW.county}" + "居住，{PW}表示“{K.g}由我带大，不能离开我”。")
    d.w(f"双方婚后共同购买位于{{DH.addr}}的房屋一套（不动产权证书号：{{cert}}），登记在双方名下；{{DH}}名下有{{DH.plate}}"
        f"号小型轿车一辆，价值人民币{car}元；{{DH}}名下{DH.bank}账户（账号{{DH.card}}）内有存款人民币{dep}元。"
        "分居期间，{DH}的护照（" + g.v("护照号码", "号码：") + "{DH.pp}）由{PW}保管，{DH}要求返还。")
    d.w("")
    d.w("本院认为，夫妻感情确已破裂，调解无效的，应当准予离婚。{PW}与{DH}分居已满一年，且{DH}长期拒绝治疗，双方感情确已"
        "破裂，对{PW}的离婚请求，本院予以支持。{K}自幼随{PW}生活，从有利于子女身心健康的原则出发，{K}由{PW}抚养为宜。"
        "依照《中华人民共和国民法典》第一千零七十九条、第一千零八十四条、第一千零八十五条、第一千零八十七条之规定，判决如下：")
    d.w("")
    d.w("一、准予原告{PW}与被告{DH}离婚；")
    d.w(f"二、婚生{kid}{{K}}由原告{{PW}}抚养，被告{{DH}}自本判决生效之次月起每月支付抚养费人民币{g.money(1500, 4000, 500)}元，"
        "至{K}年满十八周岁止；")
    d.w(f"三、位于{{DH.addr}}的房屋归原告{{PW}}所有，原告{{PW}}支付被告{{DH}}房屋折价款人民币{g.money(600000, 1500000, 10000)}元；")
    d.w(f"四、{{DH.plate}}号小型轿车归被告{{DH}}所有，{{DH}}名下存款由双方各半分割，{{DH}}支付{{PW}}人民币{dep // 2}元。")
    d.w("")
    d.w(f"案件受理费{g.money(300, 2000, 50)}元，由原告{{PW}}、被告{{DH}}各半负担。")
    d.w("如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数提出副本，上诉于{inter}。")
    signature(g, d, lines)
    appendix(g, d, ("民1079", "民1084", "民1085"))
    return d, Case("civil", "divorce", "离婚纠纷", family=True, minor_involved=True, publishable=False,
                   publish_reason="离婚诉讼")


@template("custody", (PERSON, ORGANIZATION, ID_NUMBER, ADDRESS, BIRTH_DATE, HEALTH, PHONE, PASSPORT, CASE_NUMBER))
def t_custody(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "民初")
    m = (T, T)
    M = g.person("原告", m, sex="女", age=(28, 45))
    Fa = g.person("被告", m, sex="男", age=(30, 48), kind=g.pick(("han", "compound")))
    Fw = g.person("亲属", m, sex="女", age=(26, 45))
    K = g.person("子女", m, sex=g.pick("男女"), age=(8, 13), surname=Fa.surname,
                 given_len=2, minor=True)
    L1 = g.lawyer(surname_of=M if g.chance(0.4) else None)
    ctx.update(M=M, Fa=Fa, Fw=Fw, K=K, L1=L1, dis=g.health(g.pick(("哮喘", "注意缺陷多动障碍", "抑郁症", "1型糖尿病"))))
    lines = judges(g, ctx, [M, Fa, K], panel=g.chance(0.5))
    divorce = g.event - timedelta(days=g.rng.randint(700, 2000))
    file = g.after(g.event, 10, 60)
    simple = "J2" not in ctx
    kid = "子" if K.sex == "男" else "女"
    d = Doc(ctx)
    header(g, d, "民事判决书")
    d.w(g.v("原告：", "原告") + party_line(g, "M", tel=True))
    d.w("委托诉讼代理人：{L1}，{L1.firm}律师。")
    d.w(g.v("被告：", "被告") + party_line(g, "Fa", tel=True))
    d.w("")
    d.w(f"原告{{M}}与被告{{Fa}}变更抚养关系纠纷一案，本院于{ymd(file)}立案后，"
        + ("依法适用简易程序，由审判员{J1}独任审判" if simple else "依法适用普通程序，由审判员{J1}担任审判长，与{J2}、{J3}组成合议庭")
        + f"，因涉及未成年人，于{ymd(g.after(file, 20, 60))}不公开开庭进行了审理。原告{{M}}及其委托诉讼代理人{{L1}}、"
        "被告{Fa}到庭参加诉讼。本案现已审理终结。")
    d.w("")
    d.w("{M}向本院提出诉讼请求：1.婚生" + kid + "{K}变更由原告抚养；2.被告每月支付抚养费。事实和理由：双方于"
        f"{ymd(divorce)}协议离婚，约定{{K}}由被告抚养。离婚后被告再婚，{{K}}主要由被告之妻{{Fw}}照看。{{K}}患有{{dis}}，"
        "被告未能及时带其就医，原告多次探望时发现{K}情绪低落。")
    d.w("")
    d.w("{Fa}辩称，{K}一直随其生活，学习成绩稳定，{Fw}对{K}照顾周到，不同意变更抚养关系。{M}工作繁忙，并不具备更好的"
        "抚养条件；{K}的病情已得到控制，不存在延误治疗的情况。")
    d.w("")
    evidence_para(g, d)
    d.w(f"经审理查明：{{M}}与{{Fa}}原系夫妻，{{K.b}}生育{{K}}。双方于{ymd(divorce)}协议离婚，约定{{K}}由{{Fa}}抚养。"
        "{Fa}再婚后与{Fw}共同生活。" + "{K}的病历显示，其于" + f"{ymd(g.event)}被诊断患有{{dis}}，需长期规律治疗。"
        "本院征询了{K}本人意见，{K}表示愿意随母亲生活，并称“爸爸和{Fw}阿姨工作忙，平时没人陪我”。{M}现住"
        "{M.addr}，距{K}就读学校较近。")
    d.w(f"另查明，{{Fa}}在外地从事运输工作，每月在家时间不足十日；{{M}}从事会计工作，月收入约人民币{g.money(6000, 15000, 500)}元，"
        "工作时间固定。{M}离婚后每月按时探望{K}，并支付了{K}的部分医疗费用，曾为{K}办理往来港澳通行证（证件号码{K.hkp}）"
        "带其赴港就医。{K}的班主任出具的情况说明显示，{K}近一学期"
        "多次缺课，作业完成情况较差。")
    d.w("")
    d.w("本院认为，离婚后，父母对于子女仍有抚养、教育、保护的权利和义务。变更抚养关系应当以最有利于未成年子女为原则。"
        "{K}已满八周岁，应当尊重其真实意愿。结合{K}的身体状况及双方的照料条件，{K}由{M}抚养更有利于其身心健康。"
        "依照《中华人民共和国民法典》第一千零八十四条、第一千零八十五条之规定，判决如下：")
    d.w("")
    d.w("一、婚生" + kid + "{K}自本判决生效之日起由原告{M}抚养；")
    d.w(f"二、被告{{Fa}}自本判决生效之次月起每月支付{{K}}抚养费人民币{g.money(1000, 3000, 500)}元，至{{K}}年满十八周岁止。")
    d.w("")
    d.w("案件受理费300元，由被告{Fa}负担。")
    d.w("如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数提出副本，上诉于{inter}。")
    signature(g, d, lines)
    appendix(g, d, ("民1084", "民1085"))
    return d, Case("civil", "custody", "变更抚养关系纠纷", family=True, minor_involved=True, publishable=False,
                   publish_reason="涉及未成年子女抚养、监护")


def org_block(g: Gen, key: str, role: str, rep: str, rep_title: str = "法定代表人") -> list[str]:
    """Party-block lines of an organisation: name, domicile, credit code; legal representative."""
    if g.variant == "dev":
        first = f"{role}：{{{key}}}，住所地{{{key}.addr}}，统一社会信用代码{{{key}.cc}}。"
    else:
        first = f"{role}：{{{key}}}，统一社会信用代码：{{{key}.cc}}，住所{{{key}.addr}}。"
    return [first, f"{rep_title}：{{{rep}}}，{g.pick(('董事长', '执行董事', '总经理', '经理'))}。"]


@template("contract", (PERSON, ORGANIZATION, CREDIT_CODE, ADDRESS, ID_NUMBER, PHONE, BANK_CARD, EMAIL, LICENCE_NUMBER,
                       BIRTH_DATE, CASE_NUMBER))
def t_contract(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "民初")
    C1, C2 = g.company("原告"), g.company("被告")
    R1 = g.person("法定代表人", (F, T), age=(35, 60))
    R2 = g.person("被告", (F, T), age=(30, 60), kind=g.pick(("han", "compound")))
    E2 = g.person("委托诉讼代理人", (F, T), age=(25, 45))
    L1 = g.lawyer(surname_of=R2 if g.chance(0.3) else None)
    goods = g.pick(("钢材", "电子元器件", "建筑涂料", "冷链设备", "办公家具"))
    price, paid = g.money(300000, 2000000, 1000), 0
    paid = g.money(50000, price // 2, 1000)
    rate = g.pick(("百分之五", "日万分之五", "百分之十"))
    ctx.update(C1=C1, C2=C2, R1=R1, R2=R2, E2=E2, L1=L1)
    lines = judges(g, ctx, [R2, E2])
    sign = g.event
    deliver = g.after(sign, 20, 60)
    d = Doc(ctx)
    header(g, d, "民事判决书")
    for line in org_block(g, "C1", "原告", "R1"):
        d.w(line)
    d.w("委托诉讼代理人：{L1}，{L1.firm}律师，执业证号{L1.lic}。")
    for line in org_block(g, "C2", "被告", "R2"):
        d.w(line)
    d.w("委托诉讼代理人：{E2}，该公司员工。")
    d.w(g.v("被告：", "被告") + party_line(g, "R2", tel=True))
    d.w("")
    d.w(f"原告{{C1}}（以下简称{{C1.s}}）与被告{{C2}}（以下简称{{C2.s}}）、{{R2}}买卖合同纠纷一案，本院于"
        f"{ymd(g.after(deliver, 90, 200))}立案后，依法适用普通程序，由审判员{{J1}}担任审判长，与{{J2}}、{{J3}}组成合议庭，"
        f"公开开庭进行了审理。{{C1.s}}的委托诉讼代理人{{L1}}，{{C2.s}}的委托诉讼代理人{{E2}}，被告{{R2}}到庭参加诉讼。本案现已审理终结。")
    d.w("")
    d.w(f"{{C1.s}}向本院提出诉讼请求：1.判令{{C2.s}}支付货款人民币{price - paid}元及逾期付款违约金；2.判令{{R2}}对上述债务"
        f"承担连带保证责任；3.本案诉讼费由二被告负担。事实和理由：{ymd(sign)}，{{C1.s}}与{{C2.s}}签订《{goods}买卖合同》，约定"
        f"{{C1.s}}向{{C2.s}}供应{goods}，总价款人民币{price}元，{{C2.s}}应于收货后三十日内将货款支付至{{C1.s}}在{C1.bank}开立的"
        f"账户（账号{{C1.acct}}）。同日，{{C2.s}}的法定代表人{{R2}}出具《担保函》，承诺对上述货款承担连带保证责任。")
    d.w("")
    d.w(f"{{C2.s}}辩称，{{C1.s}}交付的部分{goods}存在质量问题，其有权拒付相应货款。{{R2}}辩称，《担保函》系以公司名义出具，"
        "其个人不应承担保证责任。")
    d.w("")
    evidence_para(g, d)
    d.w(f"经审理查明：{ymd(sign)}，{{C1.s}}（供方）与{{C2.s}}（需方）签订《{goods}买卖合同》，约定的收货联系人为{{E2}}，"
        + g.v("联系电话{E2.tel}", "手机：{E2.tel2}") + f"，订单以电子邮件方式确认，{{C2.s}}指定的收件邮箱为{{E2.mail}}。"
        f"合同约定逾期付款的，按未付款项{rate}支付违约金。{ymd(deliver)}，{{C1.s}}将全部货物交付{{C2.s}}，{{E2}}签收。"
        f"{{C2.s}}此后通过其{C2.bank}账户（账号{{C2.acct}}）向{{C1.s}}支付货款人民币{paid}元，余款未付。")
    d.w("同日，{R2}向{C1.s}出具《担保函》，载明“本人{R2}（身份证号码{R2.id}）自愿对{C2.s}在上述合同项下的全部付款义务"
        "承担连带保证责任”，{R2}在担保人处签名并捺印。{C2.s}未就质量问题在合同约定的检验期内提出书面异议。")
    d.w("")
    d.w(f"本院认为，{{C1.s}}与{{C2.s}}签订的买卖合同系双方真实意思表示，合法有效。{{C1.s}}已履行交货义务，{{C2.s}}未在约定"
        f"检验期内提出质量异议，视为标的物质量符合约定，其应支付剩余货款人民币{price - paid}元。《担保函》由{{R2}}以个人名义"
        "签署并载明其身份信息，{R2}应承担连带保证责任。依照《中华人民共和国民法典》第五百零九条、第五百七十七条、第六百二十条、"
        "第六百二十一条、第六百八十八条之规定，判决如下：")
    d.w("")
    d.w(f"一、被告{{C2}}于本判决生效之日起十日内支付原告{{C1}}货款人民币{price - paid}元及逾期付款违约金；")
    d.w("二、被告{R2}对上述第一项债务承担连带清偿责任，其承担保证责任后，有权向被告{C2}追偿。")
    d.w("")
    civil_tail(g, d, g.money(5000, 20000, 1), "被告{C2}、{R2}")
    signature(g, d, lines)
    appendix(g, d, ("民509", "民577", "民688"))
    return d, Case("civil", "contract", "买卖合同纠纷")


@template("loan", (PERSON, ORGANIZATION, ID_NUMBER, BANK_CARD, PHONE, ACCOUNT_ID, ADDRESS, BIRTH_DATE, CASE_NUMBER))
def t_loan(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "民初")
    P = g.person("原告", (F, T), age=(30, 65), kind=g.pick(("han", "han", "compound", "tibetan")))
    B = g.person("被告", (F, T), sex="男", age=(28, 55), given_len=2)
    Bw = g.person("被告", (F, T), sex="女", age=(26, 55))
    L1 = g.lawyer(surname_of=B if g.chance(0.4) else None)
    ctx.update(P=P, B=B, Bw=Bw, L1=L1)
    lines = judges(g, ctx, [P, B, Bw], panel=g.chance(0.4))
    simple = "J2" not in ctx
    lend = g.event
    due = add_months(lend, g.pick((3, 6, 12)))
    amount = g.money(50000, 500000, 10000)
    repaid = g.money(5000, amount // 3, 1000)
    d = Doc(ctx)
    header(g, d, "民事判决书")
    d.w(g.v("原告：", "原告") + party_line(g, "P", tel=False)[:-1] + "，" + g.v("联系电话", "电话：") + "{P.tel2}。")
    d.w("委托诉讼代理人：{L1}，{L1.firm}律师。")
    d.w(g.v("被告：", "被告") + party_line(g, "B")[:-1] + "，" + g.v("联系电话", "固定电话：") + "{B.land}。")
    d.w(g.v("被告：", "被告") + party_line(g, "Bw")[:-1] + "，系被告{B}之妻。")
    d.w("")
    civil_opening(g, d, "{P}", "{B}、{Bw}", "民间借贷纠纷", "原告{P}的委托诉讼代理人{L1}，被告{B}", g.after(due, 60, 200),
                  simple=simple)
    d.w("")
    d.w(f"{{P}}向本院提出诉讼请求：1.判令二被告共同偿还借款本金人民币{amount - repaid}元及利息；2.本案诉讼费由二被告负担。"
        f"事实和理由：{ymd(lend)}，{{B}}因经营需要向{{P}}借款人民币{amount}元，约定于{ymd(due)}前归还。借款到期后，{{B}}仅归还"
        f"人民币{repaid}元。该借款发生在{{B}}与{{Bw}}夫妻关系存续期间，用于家庭经营，应为夫妻共同债务。")
    d.w("")
    d.w("{B}辩称，借款属实，但其已陆续归还部分款项，利息约定过高。{Bw}未到庭，亦未提交书面答辩意见。")
    d.w("")
    evidence_para(g, d)
    d.w(f"经审理查明：{ymd(lend)}，{{B}}向{{P}}出具借条一张，载明“今借到{{P}}人民币{amount}元，于{ymd(due)}前归还，月利率"
        "百分之一。借款人：{B}，" + g.v("身份证号：", "身份证：") + "{B.id15}”。同日，{P}通过其" + f"{P.bank}账户（卡号{{P.card}}）"
        f"向{{B}}的{B.bank}账户（卡号{{B.card}}）转账人民币{amount}元。{{B}}的借条上所载身份证号码为其旧版十五位号码。")
    d.w(f"借款到期后，{{P}}多次催要。{{P}}提交的微信聊天记录显示，{{P}}（微信号{{P.wx}}）于{ymd(g.after(due, 5, 40))}向"
        "{B}发送消息称：“{B.g}，钱到期了，请尽快还上”，{B}回复：“再宽限两个月”。" + f"{{B}}于{ymd(g.after(due, 60, 90))}通过"
        f"微信转账归还人民币{repaid}元。")
    d.w(f"另查明，{{B}}与{{Bw}}于{ymd(lend - timedelta(days=g.rng.randint(900, 4000)))}登记结婚，{{B}}经营的五金门店由{{Bw}}"
        "负责收银，借款转入后部分用于该门店进货。")
    d.w("")
    d.w(f"本院认为，合法的借贷关系受法律保护。{{B}}向{{P}}借款，有借条及转账凭证为证，双方借贷关系成立且合法有效。{{B}}已归还"
        f"人民币{repaid}元，尚欠本金人民币{amount - repaid}元。双方约定月利率百分之一，未超过合同成立时一年期贷款市场报价利率四倍，"
        "本院予以支持。该借款用于夫妻共同经营，属于夫妻共同债务，{Bw}应共同偿还。依照《中华人民共和国民法典》第六百六十七条、"
        "第六百七十五条、第六百七十六条、第一千零六十四条之规定，判决如下：")
    d.w("")
    d.w(f"被告{{B}}、{{Bw}}于本判决生效之日起十日内共同偿还原告{{P}}借款本金人民币{amount - repaid}元及利息（以"
        f"{amount - repaid}元为基数，按月利率百分之一自{ymd(due)}起计算至实际清偿之日止）。")
    d.w("")
    civil_tail(g, d, g.money(1000, 8000, 1), "被告{B}、{Bw}")
    signature(g, d, lines)
    appendix(g, d, ("民675", "民1064"))
    return d, Case("civil", "loan", "民间借贷纠纷")


@template("minor_tort", (PERSON, ORGANIZATION, ID_NUMBER, ADDRESS, BIRTH_DATE, HEALTH, PHONE, CASE_NUMBER), sets=("dev",))
def t_minor_tort(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "民初")
    K = g.person("原告", (T, T), age=(6, 12), given_len=2, minor=True)
    KF = g.person("法定代理人", (T, T), sex="男", age=(32, 46), surname=K.surname)
    KM = g.person("法定代理人", (T, T), sex="女", age=(30, 44))
    DO = g.person("被告", (F, T), name="安宁", sex="女", age=(30, 60)) if g.chance(0.6) else g.person("被告", (F, T))
    L1 = g.lawyer(surname_of=KF if g.chance(0.4) else None)
    ctx.update(K=K, KF=KF, KM=KM, DO=DO, L1=L1, dec=Decoy("安宁"),
               inj=g.health(g.pick(("右小腿犬咬伤（Ⅲ级暴露）", "左前臂多处犬咬伤", "面部犬咬伤伴软组织撕裂")), subject=True),
               dis=g.health(g.pick(("先天性心脏病", "孤独症谱系障碍", "血友病"))))
    lines = judges(g, ctx, [K, KF, KM], panel=False)
    d1 = g.event
    med, care, nut, trans, spirit = g.money(3000, 20000), g.money(1000, 4000), g.money(500, 2000), g.money(200, 800), \
        g.money(2000, 8000, 1000)
    d = Doc(ctx)
    header(g, d, "民事判决书")
    d.w(g.v("原告：", "原告") + "{K}，{K.sx}，{K.b}出生，{K.eth}，学生，住{K.addr}。")
    d.w("法定代理人：{KF}，{KF.sx}，{KF.b}出生，{KF.eth}，系{K}之父，住址同上，公民身份号码{KF.id}，"
        + g.v("联系电话{KF.tel}", "电话：{KF.tel2}") + "。")
    d.w("法定代理人：{KM}，{KM.sx}，{KM.b}出生，{KM.eth}，系{K}之母，住址同上。")
    d.w("委托诉讼代理人：{L1}，{L1.firm}律师。")
    d.w(g.v("被告：", "被告") + party_line(g, "DO"))
    d.w("")
    civil_opening(g, d, "{K}", "{DO}", "饲养动物损害责任纠纷", "原告{K}的法定代理人{KF}及委托诉讼代理人{L1}，被告{DO}",
                  g.after(d1, 60, 150), simple=True)
    d.w("")
    d.w(f"{{K}}向本院提出诉讼请求：判令被告赔偿医疗费、护理费、营养费、交通费、精神损害抚慰金等共计人民币"
        f"{med + care + nut + trans + spirit}元。事实和理由：{ymd(d1)}，{{K}}在小区内玩耍时被{{DO}}饲养的未拴绳犬只咬伤，"
        "诊断为{inj}。")
    d.w("")
    d.w("{DO}辩称，事发时犬只已拴绳，系{K}主动逗弄犬只所致，原告监护人未尽看护义务，应减轻其责任。")
    d.w("")
    evidence_para(g, d)
    d.w(f"经审理查明：{ymd(d1)}17时许，{{K}}（时年{K.age_at(d1)}岁）在其居住小区内玩耍时，被{{DO}}饲养的一只未拴绳的"
        "中型犬咬伤，诊断为{inj}，住院治疗七日。{K}自幼患有{dis}，住院期间医院对其进行了相应监测，" + f"共支出医疗费人民币{med}元。"
        "小区监控视频显示，事发时犬只未拴绳，{K}未有逗弄行为。{KM}称，“{K.g}被咬后好几天晚上都做噩梦”。"
        "小区其他业主亦反映{DO}饲养的犬只多次在小区内追逐行人，严重影响了居民的生活{dec}。")
    d.w("")
    d.w(f"本院认为，饲养的动物造成他人损害的，动物饲养人或者管理人应当承担侵权责任。{{DO}}违反管理规定，未对犬只采取"
        "安全措施，致{K}受伤，应当承担全部赔偿责任。{DO}主张{K}逗弄犬只，未提供证据证明，本院不予采纳。与{K}既往疾病相关的"
        f"监测费用，不属于本案损失。本院确认原告的损失为：医疗费人民币{med}元、护理费人民币{care}元、营养费人民币{nut}元、"
        f"交通费人民币{trans}元，精神损害抚慰金酌定人民币{spirit}元。依照《中华人民共和国民法典》第一千一百七十九条、"
        "第一千一百八十三条、第一千二百四十五条、第一千二百四十六条之规定，判决如下：")
    d.w("")
    d.w(f"一、被告{{DO}}于本判决生效之日起十日内赔偿原告{{K}}各项损失共计人民币{med + care + nut + trans + spirit}元；")
    d.w("二、驳回原告{K}的其他诉讼请求。")
    d.w("")
    civil_tail(g, d, g.money(50, 800, 1), "被告{DO}")
    signature(g, d, lines)
    appendix(g, d, ("民1179", "民1245", "民1246"))
    return d, Case("civil", "tort", "饲养动物损害责任纠纷", minor_involved=True)


@template("labour", (PERSON, ORGANIZATION, CREDIT_CODE, ID_NUMBER, ADDRESS, BANK_CARD, HEALTH, PHONE, EMAIL,
                     LICENCE_NUMBER, BIRTH_DATE, CASE_NUMBER))
def t_labour(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "民初")
    E = g.person("原告", (F, T), age=(25, 50), kind=g.pick(("han", "han", "minority")))
    C = g.company("被告", industry=g.pick(("物流", "餐饮管理", "电子商务", "科技")))
    R = g.person("法定代表人", (F, T), age=(35, 60))
    HR = g.person("委托诉讼代理人", (F, T), age=(25, 45))
    L1 = g.lawyer(surname_of=E if g.chance(0.4) else None)
    award = Ent(f"{g.court.counties[0][2][:2]}劳人仲案字〔{g.file_year}〕{g.rng.randint(100, 9999)}号", CASE_NUMBER, F, F,
                subtype="arbitration")
    ctx.update(E=E, C=C, R=R, HR=HR, L1=L1, award=award, dis=g.health(g.pick(("腰椎间盘突出症", "甲状腺癌", "肺结核",
                                                                              "抑郁症", "慢性肾炎"))))
    lines = judges(g, ctx, [E, HR], panel=g.chance(0.5))
    simple = "J2" not in ctx
    hired = g.event - timedelta(days=g.rng.randint(700, 2500))
    fired = g.event
    wage = g.money(5000, 15000, 100)
    owed = wage * g.pick((1, 2, 3))
    d = Doc(ctx)
    header(g, d, "民事判决书")
    d.w(g.v("原告：", "原告") + party_line(g, "E", tel=True)[:-1] + "，电子邮箱{E.mail}。")
    d.w("委托诉讼代理人：{L1}，{L1.firm}律师，执业证号{L1.lic}。")
    for line in org_block(g, "C", "被告", "R"):
        d.w(line)
    d.w("委托诉讼代理人：{HR}，该公司人事专员。")
    d.w("")
    civil_opening(g, d, "{E}", "{C}（以下简称{C.s}）", "劳动争议", "原告{E}及其委托诉讼代理人{L1}，被告{C.s}的委托诉讼代理人{HR}",
                  g.after(fired, 60, 120), simple=simple)
    d.w("")
    d.w(f"{{E}}向本院提出诉讼请求：1.判令{{C.s}}支付违法解除劳动合同赔偿金人民币{wage * 2 * 3}元；2.判令{{C.s}}支付拖欠工资"
        f"人民币{owed}元。事实和理由：{{E}}于{ymd(hired)}入职{{C.s}}，月工资人民币{wage}元，工资每月通过银行转账发放至其"
        f"{E.bank}账户（卡号{{E.card}}）。{ymd(fired - timedelta(days=90))}，{{E}}因患{{dis}}住院治疗并休病假，{{C.s}}在其医疗期内"
        f"以“连续旷工”为由于{ymd(fired)}通过电子邮件向{{E}}的邮箱{{E.mail}}发送解除劳动合同通知。{{E}}不服{{award}}仲裁裁决，"
        "诉至本院。")
    d.w("")
    d.w("{C.s}辩称，{E}未按公司规定办理请假手续，公司解除劳动合同合法，不应支付赔偿金。")
    d.w("")
    evidence_para(g, d)
    d.w(f"经审理查明：{{E}}于{ymd(hired)}入职{{C.s}}，双方签订了书面劳动合同。{{E}}离职前十二个月的平均工资为人民币{wage}元。"
        f"{{E}}提交的病历及病假证明显示，其于{ymd(fired - timedelta(days=90))}被确诊患有{{dis}}，医院建议休息三个月，{{E}}于"
        "次日通过微信将病假证明发送给{C.s}的人事专员{HR}，{HR}回复“收到”。" + f"{{C.s}}于{ymd(fired)}向{{E}}发送解除通知。"
        f"{{E}}遂申请劳动仲裁，仲裁委员会作出{{award}}裁决书，仅支持拖欠工资人民币{owed}元。")
    d.w("")
    d.w("本院认为，劳动者患病在规定的医疗期内的，用人单位不得以旷工为由解除劳动合同。{E}已向{C.s}提交病假证明，{C.s}在"
        "{E}医疗期内解除劳动合同，违反法律规定，应当支付赔偿金。依照《中华人民共和国劳动合同法》第二十九条、第三十条、"
        "第四十二条、第四十七条、第四十八条、第八十七条之规定，判决如下：")
    d.w("")
    d.w(f"一、被告{{C}}于本判决生效之日起十日内支付原告{{E}}违法解除劳动合同赔偿金人民币{wage * 2 * 3}元；")
    d.w(f"二、被告{{C}}于本判决生效之日起十日内支付原告{{E}}拖欠工资人民币{owed}元。")
    d.w("")
    d.w("案件受理费10元，由被告{C}负担。")
    d.w("如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数提出副本，上诉于{inter}。")
    signature(g, d, lines)
    appendix(g, d, ("劳42", "劳87"))
    return d, Case("civil", "labour", "劳动争议")


@template("civil_appeal", (PERSON, ORGANIZATION, CREDIT_CODE, ID_NUMBER, ADDRESS, PROPERTY_CERT, PHONE, BANK_CARD,
                           BIRTH_DATE, CASE_NUMBER))
def t_civil_appeal(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "民终", inter_court=True)
    AP = g.person("上诉人", (F, T), age=(35, 65), kind=g.pick(("han", "compound", "minority")))
    CO = g.company("被上诉人", industry=g.pick(("餐饮管理", "文化传媒", "科技")))
    R = g.person("法定代表人", (F, T), age=(30, 55))
    L1, L2 = g.lawyer(), g.lawyer(surname_of=AP if g.chance(0.4) else None)
    ctx.update(AP=AP, CO=CO, R=R, L1=L1, L2=L2, cert=g.cert(), ocn=g.case_no("民初", year=g.file_year - 1),
               prop=[AP.addr[0], Ent(address_detail(g.rng), ADDRESS, T, T, subtype="property")])
    lines = judges(g, ctx, [AP], appeal=True)
    start = g.event - timedelta(days=g.rng.randint(400, 900))
    rent = g.money(8000, 30000, 500)
    deposit = rent * 2
    d = Doc(ctx)
    header(g, d, "民事判决书")
    d.w(g.v("上诉人（原审被告）：", "上诉人（原审被告）") + party_line(g, "AP", tel=True))
    d.w("委托诉讼代理人：{L1}，{L1.firm}律师。")
    if g.variant == "dev":
        d.w("被上诉人（原审原告）：{CO}，住所地{CO.addr}，统一社会信用代码{CO.cc}。")
    else:
        d.w("被上诉人（原审原告）：{CO}，统一社会信用代码：{CO.cc}，住所{CO.addr}。")
    d.w("法定代表人：{R}，执行董事。")
    d.w("委托诉讼代理人：{L2}，{L2.firm}律师。")
    d.w("")
    d.w("上诉人{AP}因与被上诉人{CO}（以下简称" + "{CO.s}）房屋租赁合同纠纷一案，不服{lower}{ocn}民事判决，向本院提起上诉。"
        f"本院于{ymd(g.after(g.event, 30, 90))}立案后，依法组成合议庭，公开开庭进行了审理。上诉人{{AP}}及其委托诉讼代理人{{L1}}，"
        "被上诉人{CO.s}的委托诉讼代理人{L2}到庭参加诉讼。本案现已审理终结。")
    d.w("")
    d.w("{AP}上诉请求：撤销一审判决，改判驳回{CO.s}的全部诉讼请求。事实和理由：{CO.s}擅自改变房屋用途，{AP}解除合同"
        "有据，不应返还押金及支付违约金。")
    d.w("")
    d.w("{CO.s}辩称，一审判决认定事实清楚，适用法律正确，请求驳回上诉，维持原判。")
    d.w("")
    d.w(f"{{CO.s}}向一审法院起诉请求：1.判令{{AP}}返还押金人民币{deposit}元；2.判令{{AP}}支付违约金人民币{rent}元。")
    d.w("")
    d.w(f"一审法院认定事实：{ymd(start)}，{{AP}}（出租人）与{{CO.s}}（承租人）签订《房屋租赁合同》，约定{{AP}}将其所有的位于"
        f"{{prop}}的房屋（不动产权证书号：{{cert}}）出租给{{CO.s}}作为办公用房，月租金人民币{rent}元，押金人民币{deposit}元。"
        f"{{CO.s}}通过其{CO.bank}账户（账号{{CO.acct}}）向{{AP}}的{AP.bank}账户（卡号{{AP.card}}）支付了押金及租金。"
        f"{ymd(g.event)}，{{AP}}以{{CO.s}}改变房屋用途为由通知解除合同并更换门锁。一审法院判决：{{AP}}返还押金人民币{deposit}元，"
        f"支付违约金人民币{rent}元。")
    d.w("")
    d.w("本院二审期间，双方当事人均未提交新证据。本院对一审查明的事实予以确认。")
    d.w("")
    d.w("本院认为，{AP}主张{CO.s}改变房屋用途，但其提交的照片仅显示房屋内摆放有办公桌椅，与合同约定的办公用途相符，{AP}"
        "单方解除合同并更换门锁，构成违约。关于押金，合同约定合同解除后，出租人在扣除承租人应承担的费用后无息退还押金，"
        "{AP}未举证证明{CO.s}存在欠付租金、水电费或者损坏房屋的情形，应当全额退还。关于违约金，一审法院结合合同履行情况、"
        "当事人的过错程度及预期利益，确定违约金数额为一个月租金，亦无不当。综上，{AP}的上诉请求不能成立，应予驳回。"
        "依照《中华人民共和国民事诉讼法》第一百七十七条第一款第一项规定，判决如下：")
    d.w("")
    d.w("驳回上诉，维持原判。")
    d.w("")
    d.w(f"二审案件受理费{g.money(100, 1500, 1)}元，由上诉人{{AP}}负担。")
    d.w("")
    d.w("本判决为终审判决。")
    signature(g, d, lines)
    appendix(g, d, ("民诉177", "民577"))
    return d, Case("civil", "lease", "房屋租赁合同纠纷", procedure="second_instance")


# ------------------------------------------------------------------ holdout-only templates


@template("robbery_appeal", (PERSON, ORGANIZATION, ID_NUMBER, ADDRESS, BANK_CARD, PHONE, PLATE, HEALTH, BIRTH_DATE,
                             CASE_NUMBER), sets=("holdout",))
def t_robbery_appeal(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "刑终", inter_court=True)
    A = g.person("上诉人", (F, T), sex="男", age=(20, 40))
    V = g.person("被害人", (T, T), sex="女", age=(20, 60), kind=g.pick(("han", "compound")))
    W = g.person("证人", (T, T))
    ctx.update(A=A, V=V, W=W, L=g.lawyer(), charge="抢劫罪", ocn=g.case_no("刑初"), ind=g.indictment(),
               dis=g.health(g.pick(("慢性乙型肝炎", "肺结核", "2型糖尿病"))))
    lines = judges(g, ctx, [V, W], appeal=True)
    d1 = g.event
    det = g.after(d1, 2, 20)
    det_text, _ = detention(g, det)
    cash = g.money(1000, 6000)
    months = g.pick((40, 42, 48, 54))
    d = Doc(ctx)
    header(g, d, "刑事裁定书")
    d.w("原公诉机关{proc}。")
    d.w(crim_defendant(g, "A", "初中文化", "无业", det_text, label="上诉人（原审被告人）"))
    d.w("辩护人{L}，{L.firm}律师。")
    d.w("")
    d.w(f"{{lower}}审理{{proc}}指控原审被告人{{A}}犯抢劫罪一案，于{ymd(g.after(det, 90, 150))}作出{{ocn}}刑事判决。原审被告人"
        "{A}不服，提出上诉。本院依法组成合议庭，经过阅卷，讯问上诉人，听取辩护人的意见，认为事实清楚，决定不开庭审理。"
        "现已审理终结。")
    d.w("")
    d.w(f"原判认定：{ymd(d1)}22时许，{{A}}驾驶{{A.plate}}号二轮摩托车尾随下班回家的被害人{{V}}至其居住的{{V.addr}}楼下，"
        f"采用持刀威胁的手段，劫得{{V}}的挎包一个，内有现金人民币{cash}元、手机一部及{V.bank}银行卡一张。{{A}}逼问得银行卡密码后，"
        f"使用该卡（卡号{{V.card}}）取现人民币{g.money(2000, 8000)}元。{{V}}随即用路人{{W}}的手机" + "（号码{W.tel2}）报警。"
        f"原判以抢劫罪判处{{A}}有期徒刑{cn_term(months)}，并处罚金人民币{g.money(5000, 20000, 1000)}元。")
    d.w("")
    d.w("上诉人{A}上诉提出，其患有{dis}，家庭困难，原判量刑过重，请求从轻改判。辩护人提出，{A}到案后如实供述，赃款已部分"
        "退还，且系初犯，原判量刑偏重，请求二审法院依法改判。")
    d.w("")
    d.w("出庭检察员认为，原判认定事实清楚，证据确实、充分，定罪准确，量刑适当，审判程序合法，建议驳回上诉，维持原判。")
    d.w("")
    d.w("经审理查明的事实和证据与原判相同。本院对原判认定的事实和证据予以确认。被害人{V}的陈述、证人{W}的证言、监控录像、"
        "银行交易明细、辨认笔录等证据，均经一审庭审举证、质证，查证属实。")
    d.w("")
    d.w("本院认为，上诉人{A}以非法占有为目的，采用持刀威胁的方法劫取他人财物，其行为已构成抢劫罪。关于{A}所提患有{dis}"
        "的上诉理由，经查，该情况不属于法定从轻处罚情节，原判已综合考虑其认罪态度，量刑适当。原判认定事实清楚，证据确实、"
        "充分，定罪准确，量刑适当，审判程序合法。依照《中华人民共和国刑事诉讼法》第二百三十六条第一款第一项之规定，"
        "裁定如下：")
    d.w("")
    d.w("驳回上诉，维持原判。")
    d.w("")
    d.w("本裁定为终审裁定。")
    signature(g, d, lines)
    appendix(g, d, ("刑诉236",))
    return d, Case("criminal", "criminal", "抢劫罪", procedure="second_instance")


@template("drunk_driving", (PERSON, ORGANIZATION, ID_NUMBER, PLATE, PASSPORT, HEALTH, PHONE, ADDRESS, BIRTH_DATE,
                            CASE_NUMBER), sets=("holdout",))
def t_drunk_driving(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "刑初")
    A = g.person("被告人", (F, T), age=(25, 55))
    AP1, AP2 = g.person("鉴定人", (T, T), age=(30, 55)), g.person("鉴定人", (T, T), age=(30, 55))
    ctx.update(A=A, AP1=AP1, AP2=AP2, L=g.lawyer(surname_of=A if g.chance(0.5) else None), P=g.official("检察员"),
               charge="危险驾驶罪", ind=g.indictment(), dis=g.health(g.pick(("糖尿病", "痛风", "高血压病"))),
               inst=g.keep_org(f"{g.court.prov_short}{g.pick(('公正', '同济', '求是'))}司法鉴定中心", "鉴定机构"))
    lines = judges(g, ctx, [AP1], panel=False)
    d1 = g.event
    bac = g.rng.randint(85, 230)
    d = Doc(ctx)
    header(g, d, "刑事判决书")
    d.w("公诉机关{proc}。")
    d.w(crim_defendant(g, "A", "大学文化", g.pick(("个体经营者", "公司职员", "销售经理")),
                       f"{ymd(d1)}因涉嫌犯危险驾驶罪被{{police}}取保候审。", id_attr=g.pick(("id", "idn"))))
    d.w("辩护人{L}，{L.firm}律师。")
    d.w("")
    d.w(f"{{proc}}以{{ind}}起诉书指控被告人{{A}}犯危险驾驶罪，于{ymd(g.after(d1, 30, 90))}向本院提起公诉。本院依法适用速裁程序，"
        "实行独任审判，公开开庭审理了本案。{proc}指派检察员{P}出庭支持公诉，被告人{A}及其辩护人{L}到庭参加诉讼。现已审理终结。")
    d.w("")
    d.w("{proc}指控，被告人{A}在道路上醉酒驾驶机动车，其行为已构成危险驾驶罪。被告人{A}到案后如实供述，自愿认罪认罚，"
        "建议判处拘役，并处罚金。被告人{A}对指控的事实、罪名及量刑建议均无异议，且签字具结。辩护人提出，{A}系初犯，"
        "醉驾距离较短，未造成实际损害，请求从轻处罚。")
    d.w("")
    d.w(f"经审理查明：{ymd(d1)}23时许，被告人{{A}}酒后驾驶{{A.nev}}号小型轿车，行驶至{g.court.counties[0][2]}{g.pick(ROADS)}时，"
        f"被执勤民警查获。经{{inst}}鉴定人{{AP1}}、{{AP2}}鉴定，{{A}}血液中乙醇含量为{bac}mg/100ml。{{A}}归案后如实供述了上述事实。"
        "取保候审期间，{A}按要求交出其往来港澳通行证（证件号码{A.hkp}），并保持手机" + "{A.tel}" + "畅通。")
    d.w("")
    d.w("上述事实，有呼气酒精含量检测单，血液酒精含量检验鉴定意见，机动车驾驶证、行驶证，执法记录仪视频，到案经过及被告人"
        "{A}的供述等证据证实，足以认定。")
    d.w("")
    d.w("本院认为，被告人{A}在道路上醉酒驾驶机动车，其行为已构成危险驾驶罪。{A}到案后如实供述，自愿认罪认罚，依法可以"
        "从轻处罚。辩护人提出{A}患有{dis}、需长期服药的意见，与本案量刑无关，本院不予评价。依照《中华人民共和国刑法》"
        "第一百三十三条之一第一款第二项、第六十七条第三款、第五十二条、第五十三条之规定，判决如下：")
    d.w("")
    d.w(f"被告人{{A}}犯危险驾驶罪，判处拘役{g.pick(('二个月', '三个月', '四个月'))}，并处罚金人民币{g.money(3000, 10000, 1000)}元。")
    d.w("")
    criminal_tail(g, d)
    signature(g, d, lines)
    appendix(g, d, ("刑133-1", "刑67", "刑52"))
    return d, Case("criminal", "criminal", "危险驾驶罪")


@template("traffic_incidental", (PERSON, ORGANIZATION, ID_NUMBER, PLATE, ADDRESS, BIRTH_DATE, BANK_CARD, PHONE, HEALTH,
                                 LICENCE_NUMBER, CASE_NUMBER), sets=("holdout",))
def t_traffic_incidental(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "刑初")
    A = g.person("被告人", (F, T), sex="男", age=(25, 55))
    V = g.person("被害人", (T, T), sex="男", age=(35, 60), given_len=2)
    Vw = g.person("附带民事诉讼原告人", (T, T), sex="女", age=(33, 58))
    Vs = g.person("附带民事诉讼原告人", (T, T), sex="男", age=(8, 15), surname=V.surname, given_len=2, minor=True)
    W = g.person("证人", (T, T))
    AP = g.person("鉴定人", (T, T), age=(30, 55))
    LV = g.lawyer()
    ctx.update(A=A, V=V, Vw=Vw, Vs=Vs, W=W, AP=AP, LV=LV, LA=g.lawyer(), P=g.official("检察员"), charge="交通肇事罪",
               ind=g.indictment(), inj=g.health(g.pick(("重型颅脑损伤", "胸腹腔脏器破裂")), subject=True),
               inst=g.keep_org(f"{g.court.prov_short}{g.pick(('明正', '法正'))}司法鉴定所", "鉴定机构"))
    lines = judges(g, ctx, [V, Vw, W])
    d1 = g.event
    det = g.after(d1, 0, 3)
    funeral, paid = g.money(40000, 60000), g.money(50000, 150000, 1000)
    d = Doc(ctx)
    header(g, d, "刑事附带民事判决书")
    d.w("公诉机关{proc}。")
    d.w("附带民事诉讼原告人{Vw}，{Vw.sx}，{Vw.b}生，{Vw.eth}，系被害人{V}之妻，住址：{Vw.addr}，身份证号码：{Vw.id}。")
    d.w("附带民事诉讼原告人{Vs}，{Vs.sx}，{Vs.b}生，{Vs.eth}，系被害人{V}之子，住址同上。")
    d.w("法定代理人{Vw}，系{Vs}之母。")
    d.w("委托诉讼代理人{LV}，{LV.firm}律师，执业证号：{LV.lic}。")
    d.w(crim_defendant(g, "A", "高中文化", "货车司机",
                       f"{ymd(det)}因涉嫌犯交通肇事罪被{{police}}刑事拘留，{later(det, g.after(det, 10, 25))}被逮捕。"))
    d.w("辩护人{LA}，{LA.firm}律师。")
    d.w("")
    d.w(f"{{proc}}以{{ind}}起诉书指控被告人{{A}}犯交通肇事罪，于{ymd(g.after(det, 50, 90))}向本院提起公诉。附带民事诉讼原告人"
        "{Vw}、{Vs}向本院提起附带民事诉讼。本院受理后，依法组成合议庭，公开开庭进行了合并审理。{proc}指派检察员{P}出庭支持公诉，"
        "附带民事诉讼原告人{Vw}及其委托诉讼代理人{LV}，被告人{A}及其辩护人{LA}到庭参加诉讼。现已审理终结。")
    d.w("")
    d.w(f"经审理查明：{ymd(d1)}19时许，被告人{{A}}驾驶{{A.plate}}号重型半挂牵引车，在{g.court.counties[0][2]}{g.pick(ROADS)}"
        "路口右转弯时未让行，与驾驶{V.nev}号新能源小型轿车直行的被害人{V}相撞，致{V}因{inj}经抢救无效死亡。证人{W}证实其目睹"
        "事故发生经过。经{inst}鉴定人{AP}鉴定，{V}符合{inj}死亡。公安机关交通管理部门认定，{A}负事故主要责任，{V}负次要责任。")
    d.w(f"事故发生后，{{A}}用手机{{A.tel2}}报警并在现场等候。{{A}}的雇主已通过银行转账向{{Vw}}的账户（卡号{{Vw.card}}）"
        f"垫付丧葬费人民币{paid}元。{{Vs}}现年{Vs.age_at(g.judgment)}岁，系在校学生，由{{Vw}}抚养。")
    d.w("")
    d.w("本院认为，被告人{A}违反交通运输管理法规，因而发生重大事故，致一人死亡，负事故主要责任，其行为已构成交通肇事罪。"
        "{A}案发后主动报警并在现场等候，如实供述，系自首，依法可以从轻处罚。" + f"附带民事诉讼原告人{{Vw}}、{{Vs}}因{{V}}死亡"
        f"遭受的物质损失，被告人{{A}}应当在其责任范围内予以赔偿。经核定，丧葬费人民币{funeral}元，扣除已垫付部分后，{{A}}还应"
        f"赔偿人民币{max(funeral - paid, 0) + 30000}元。依照《中华人民共和国刑法》第一百三十三条、第六十七条第一款，"
        "《中华人民共和国民法典》第一千一百七十九条、第一千一百八十一条之规定，判决如下：")
    d.w("")
    months = g.pick((12, 18, 24))
    d.w(f"一、被告人{{A}}犯交通肇事罪，判处有期徒刑{cn_term(months)}。")
    d.w(f"二、被告人{{A}}于本判决生效之日起十日内赔偿附带民事诉讼原告人{{Vw}}、{{Vs}}经济损失人民币"
        f"{max(funeral - paid, 0) + 30000}元。")
    d.w("")
    criminal_tail(g, d)
    signature(g, d, lines)
    appendix(g, d, ("刑133", "刑67", "民1179"))
    return d, Case("criminal", "criminal_incidental_civil", "交通肇事罪", incidental_civil=True, minor_involved=True)


@template("house_sale", (PERSON, ORGANIZATION, CREDIT_CODE, PROPERTY_CERT, ID_NUMBER, ADDRESS, PHONE, BANK_CARD, EMAIL,
                         BIRTH_DATE, CASE_NUMBER), sets=("holdout",))
def t_house_sale(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "民初")
    BY = g.person("原告", (F, T), age=(28, 50), kind=g.pick(("han", "foreign", "han")))
    S1 = g.person("被告", (F, T), sex="男", age=(40, 70))
    S2 = g.person("被告", (F, T), sex="女", age=(38, 68))
    AG = g.company("第三人", industry="房地产经纪")
    R = g.person("法定代表人", (F, T), age=(30, 55))
    AGT = g.person("委托诉讼代理人", (F, T), age=(24, 40))
    L1 = g.lawyer()
    c1 = g.cert()
    ctx.update(BY=BY, S1=S1, S2=S2, AG=AG, R=R, AGT=AGT, L1=L1, cert=c1,
               prop=[S1.addr[0], Ent(address_detail(g.rng), ADDRESS, T, T, subtype="property")])
    lines = judges(g, ctx, [BY, S1, S2], panel=g.chance(0.5))
    simple = "J2" not in ctx
    sign = g.event
    price = g.money(1500000, 6000000, 10000)
    dep = g.money(100000, 300000, 10000)
    d = Doc(ctx)
    header(g, d, "民事判决书")
    if BY.latin:
        d.w("原告{BY}（{BY.lat}），{BY.sx}，{BY.b}生，" + f"{BY.nationality}国籍，护照号码：{{BY.pp}}，住{{BY.addr}}，"
            "电话：{BY.tel2}。")
    else:
        d.w("原告" + party_line(g, "BY", tel=True))
    d.w("委托诉讼代理人{L1}，{L1.firm}律师。")
    d.w("被告" + party_line(g, "S1", tel=True))
    d.w("被告" + party_line(g, "S2")[:-1] + "，系被告{S1}之妻。")
    for line in org_block(g, "AG", "第三人", "R"):
        d.w(line)
    d.w("委托诉讼代理人：{AGT}，该公司员工，电子邮箱{AGT.mail}。")
    d.w("")
    d.w(f"原告{{BY}}与被告{{S1}}、{{S2}}，第三人{{AG}}（以下简称{{AG.s}}）房屋买卖合同纠纷一案，本院于"
        f"{ymd(g.after(sign, 60, 150))}立案后，"
        + ("依法适用简易程序，由审判员{J1}独任审判" if simple else "依法适用普通程序，由审判员{J1}担任审判长，与{J2}、{J3}组成合议庭")
        + "，公开开庭进行了审理。原告{BY}的委托诉讼代理人{L1}，被告{S1}，第三人{AG.s}的委托诉讼代理人{AGT}到庭参加诉讼。"
        "被告{S2}经传票传唤无正当理由拒不到庭。本案现已审理终结。")
    d.w("")
    d.w(f"{{BY}}向本院提出诉讼请求：判令二被告继续履行房屋买卖合同，协助办理位于{{prop}}房屋的过户登记手续。事实和理由："
        f"{ymd(sign)}，经{{AG.s}}居间，{{BY}}与{{S1}}、{{S2}}签订《房屋买卖合同》，约定以人民币{price}元购买上述房屋"
        f"（{{cert}}），{{BY}}当日通过其{BY.bank}账户（卡号{{BY.card}}）向{{S1}}的账户（卡号{{S1.card}}）支付定金人民币{dep}元。"
        "此后房价上涨，二被告拒绝履行。")
    d.w("")
    d.w("{S1}辩称，{S2}对出售房屋不知情，合同未经其同意，应属无效。{AG.s}述称，签约时{S1}、{S2}均在场并签名，其已尽居间义务。")
    d.w("")
    evidence_para(g, d)
    d.w(f"经审理查明：涉案房屋登记在{{S1}}、{{S2}}名下，权属证书号为{{cert}}。{ymd(sign)}，{{BY}}与{{S1}}、{{S2}}在{{AG.s}}"
        f"门店签订《房屋买卖合同》，{{S2}}在出卖人处签名。{{BY}}依约支付定金人民币{dep}元。{{AG.s}}工作人员{{AGT}}于"
        f"{ymd(g.after(sign, 10, 30))}通过电子邮件（发件邮箱{{AGT.mail}}）通知双方办理网签，{{S1}}回复称“暂缓办理”。")
    d.w("")
    d.w("本院认为，{BY}与{S1}、{S2}签订的《房屋买卖合同》系各方真实意思表示，合法有效。{S2}在合同上签名，其主张不知情，"
        "本院不予采信。二被告应当依约履行合同义务。依照《中华人民共和国民法典》第五百零九条、第五百七十七条、第五百九十八条"
        "之规定，判决如下：")
    d.w("")
    d.w(f"被告{{S1}}、{{S2}}于本判决生效之日起三十日内协助原告{{BY}}办理位于{{prop}}房屋的产权过户登记手续，原告{{BY}}同时支付"
        f"剩余购房款人民币{price - dep}元。")
    d.w("")
    civil_tail(g, d, g.money(10000, 40000, 1), "被告{S1}、{S2}")
    signature(g, d, lines)
    appendix(g, d, ("民509", "民577"))
    return d, Case("civil", "contract", "房屋买卖合同纠纷")


@template("school_injury", (PERSON, ORGANIZATION, CREDIT_CODE, ADDRESS, BIRTH_DATE, HEALTH, PHONE, ID_NUMBER, CASE_NUMBER),
          sets=("holdout",))
def t_school_injury(g: Gen) -> tuple[Doc, Case]:
    ctx = base_ctx(g, "民初")
    K = g.person("原告", (T, T), age=(8, 13), given_len=2, minor=True, kind=g.pick(("han", "compound")))
    KM = g.person("法定代理人", (T, T), sex="女", age=(32, 45))
    K2 = g.person("未成年人", (T, T), age=(8, 13), minor=True)
    county = g.court.counties[0][0]
    school_name = f"{county.split('省')[-1].split('自治区')[-1]}{g.pick(('实验', '育才', '新华', '光明'))}小学"
    SC = Org(g, school_name, None, "被告", (F, T), credit_kind="12")
    g.names.add(school_name)
    R = g.person("法定代表人", (F, T), age=(40, 58))
    L1 = g.lawyer(surname_of=K if g.chance(0.4) else None)
    ctx.update(K=K, KM=KM, K2=K2, SC=SC, R=R, L1=L1, inj=g.health(g.pick(("左尺骨骨折", "右锁骨骨折", "门牙折断")),
                                                                  subject=True),
               dis=g.health(g.pick(("注意缺陷多动障碍", "癫痫", "过敏性哮喘"))))
    lines = judges(g, ctx, [K, KM], panel=False)
    d1 = g.event
    med = g.money(5000, 30000)
    d = Doc(ctx)
    header(g, d, "民事判决书")
    d.w("原告{K}，{K.sx}，{K.b}生，{K.eth}，学生，住址：{K.addr}，身份证号：{K.id}。")
    d.w("法定代理人{KM}，{KM.sx}，{KM.b}生，{KM.eth}，系{K}之母，住址同上，手机号码：{KM.tel2}。")
    d.w("委托诉讼代理人{L1}，{L1.firm}律师。")
    d.w("被告{SC}，统一社会信用代码：{SC.cc}，住所{SC.addr}。")
    d.w("法定代表人{R}，校长。")
    d.w("")
    d.w(f"原告{{K}}与被告{{SC}}教育机构责任纠纷一案，本院于{ymd(g.after(d1, 60, 150))}立案后，依法适用简易程序，由审判员"
        "{J1}独任审判，因涉及未成年人，不公开开庭进行了审理。原告{K}的法定代理人{KM}及委托诉讼代理人{L1}，被告{SC}的法定代表人"
        "{R}到庭参加诉讼。本案现已审理终结。")
    d.w("")
    d.w(f"{{K}}向本院提出诉讼请求：判令被告赔偿医疗费等各项损失共计人民币{med + 8000}元。事实和理由：{ymd(d1)}课间，{{K}}在"
        "学校走廊被同班同学{K2}推倒，致{inj}。学校未尽到教育、管理职责，应承担赔偿责任。")
    d.w("")
    d.w("{SC}辩称，事发时值班教师在场，学校已尽到管理职责；{K}患有{dis}，平时较为好动，其自身亦有过错。")
    d.w("")
    evidence_para(g, d)
    d.w(f"经审理查明：{ymd(d1)}上午课间，{{K}}（时年{K.age_at(d1)}岁）与同班同学{{K2}}在教学楼走廊追逐，{{K2}}推搡{{K}}致其"
        f"摔倒，诊断为{{inj}}，支出医疗费人民币{med}元。事发时走廊无值班教师。{{K}}的病历显示其于一年前被诊断患有{{dis}}，"
        "学校对此知情。{KM}称，“{K.g}出事后一直不敢去上学”。")
    d.w("")
    d.w(f"关于原告的损失，本院认定如下：医疗费人民币{med}元，有医疗费票据为证，予以支持；护理费按每日人民币150元计算"
        "30日为人民币4500元；营养费酌定人民币1500元；交通费酌定人民币500元；精神损害抚慰金，结合原告的伤情及被告的过错程度，"
        "酌定为人民币1500元。以上共计人民币" + f"{med + 8000}元。")
    d.w("")
    d.w("本院认为，限制民事行为能力人在学校学习、生活期间受到人身损害，学校未尽到教育、管理职责的，应当承担责任。事发时"
        "走廊无教师值守，{SC}未尽到管理职责，应承担主要责任；{K}对自身安全亦未尽到合理注意，可适当减轻被告责任。依照"
        "《中华人民共和国民法典》第一千一百七十九条、第一千二百条之规定，判决如下：")
    d.w("")
    d.w(f"一、被告{{SC}}于本判决生效之日起十日内赔偿原告{{K}}各项损失人民币{int((med + 8000) * 0.7)}元；")
    d.w("二、驳回原告{K}的其他诉讼请求。")
    d.w("")
    civil_tail(g, d, g.money(100, 1500, 1), "被告{SC}")
    signature(g, d, lines)
    appendix(g, d, ("民1179", "民1200"))
    return d, Case("civil", "tort", "教育机构责任纠纷", minor_involved=True)


# ---------------------------------------------------------------------------------------------
# Generation, validation, output.

def _validate(doc_id: str, text: str, ents: list[dict[str, Any]], decoys: list[tuple[int, int]],
              persons: list[Person], orgs: list[str]) -> None:
    """Offsets exact, no overlaps, and every surface form of a listed name is annotated where it occurs."""
    last = 0
    for e in sorted(ents, key=lambda e: e["start"]):
        assert text[e["start"]:e["end"]] == e["text"], (doc_id, e)
        assert e["start"] >= last, (doc_id, "overlap", e)
        last = e["end"]
    covered = bytearray(len(text))
    for e in ents:
        covered[e["start"]:e["end"]] = b"\x01" * (e["end"] - e["start"])
    for s, t in decoys:
        covered[s:t] = b"\x01" * (t - s)
    forms = [p.name for p in persons] + [p.latin for p in persons if p.latin] + orgs
    forms += [e["text"] for e in ents if e.get("subtype") == "given_name"]
    for form in forms:
        i = text.find(form)
        while i >= 0:
            if not all(covered[i:i + len(form)]):
                raise ValueError(f"{doc_id}: unannotated occurrence of {form!r} at {i}")
            i = text.find(form, i + 1)


def generate(set_name: str, seed: int, n: int) -> list[dict[str, Any]]:
    """``n`` documents of one set; the same (set, seed, n) always gives the same documents."""
    names = [t.name for t in TEMPLATES.values() if set_name in t.sets]
    courts = DEV_COURTS if set_name == "dev" else HOLDOUT_COURTS
    docs = []
    for i in range(n):
        tname = names[i % len(names)]
        tpl = TEMPLATES[tname]
        for attempt in range(20):
            rng = random.Random(seed * 1_000_003 + i * 101 + attempt)
            g = Gen(rng, set_name, courts)
            d, case = tpl.fn(g)
            text = d.text()
            persons = [v for v in d.ctx.values() if isinstance(v, Person)]
            orgs = [s for v in d.ctx.values() if isinstance(v, Org) for s in (v.name, v.short) if s]
            try:
                _validate(f"{set_name}-{i}", text, d.ents, d.decoys, persons, orgs)
            except ValueError:
                continue  # a name that happens to occur inside other text: draw again
            break
        else:
            raise RuntimeError(f"could not generate document {i} ({tname})")
        docs.append({
            "id": f"{set_name}-{i + 1:03d}-{tname}",
            "profile_case": {"case_type": case.case_type, "category": case.category, "cause": case.cause,
                             "procedure": case.procedure, "family": case.family,
                             "incidental_civil": case.incidental_civil, "minor_involved": case.minor_involved,
                             "juvenile_defendant": case.juvenile_defendant, "template": tname},
            "text": text,
            "entities": d.ents,
            "publishable": case.publishable,
            "publish_reason": case.publish_reason,
        })
    return docs


def dump(docs: list[dict[str, Any]]) -> str:
    """JSON Lines, UTF-8, compact (one document per line)."""
    return "".join(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n" for doc in docs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=("dev", "holdout", "both"), default="both")
    ap.add_argument("--seed", type=int, help="default: 20251 (dev), 77003 (holdout)")
    ap.add_argument("--n", type=int, help="documents; default 40 (dev), 30 (holdout)")
    ap.add_argument("--out", type=Path, help="output file (only with a single --set)")
    args = ap.parse_args(argv)
    sets = ("dev", "holdout") if args.set == "both" else (args.set,)
    if len(sets) > 1 and (args.seed is not None or args.n is not None or args.out is not None):
        ap.error("--seed/--n/--out need a single --set")
    for s in sets:
        seed, n, out = DEFAULTS[s]
        seed = args.seed if args.seed is not None else seed
        n = args.n if args.n is not None else n
        out = args.out or out
        docs = generate(s, seed, n)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(dump(docs), encoding="utf-8")
        n_ent = sum(len(d["entities"]) for d in docs)
        print(f"{s}: {len(docs)} documents, {n_ent} entities, {out.stat().st_size / 1024:.0f} KiB -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
