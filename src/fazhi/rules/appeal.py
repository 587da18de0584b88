"""Appeal routes: may a decision be appealed, within how many days, to which court, and how
the document must say so.

Why: the appeal notice (上诉告知) is mandatory content of an appealable judgment (CPL art. 155
¶1(5)), and a final decision must say that it is final instead (document_review.md DR-APL-01…04).
A wrong period or a wrong appellate court misleads the parties about a right that expires in
days. Proof-reading (fazhi.review.checks_appeal) compares a judgment against this rule; drafting
uses the same rule to write the sentence, so both agree by construction.

Rules (document_review.md §9; deadlines.md C-15, K-10, A-06):

* Civil: judgment 15 days, ruling 10 days from service (CPL art. 171); a party without a domicile
  in China 30 days (CPL art. 286 in the 2023 numbering). Only rulings of non-acceptance, on a
  jurisdiction objection and dismissing the action are appealable (CPL art. 157 ¶2).
* Administrative: judgment 15 days, ruling 10 days (ALL art. 85); appealable rulings as in civil
  cases plus 不予立案 (ALL Interp. 2018 art. 101 ¶2, unverified).
* Criminal: judgment 10 days, ruling 5 days from the day after receipt, through the trial court
  or directly to the next-higher court (CrimPL arts. 227, 230, 231).
* Final, no appeal: second-instance decisions (CPL art. 182, CrimPL art. 244), small-claims
  judgments (CPL art. 165), decisions of the SPC (CPL art. 10, two-instance system), special
  procedure (CPL art. 185), mediation documents (CPL art. 100), enforcement rulings (remedies are
  objection, reconsideration or a separate suit: CPL arts. 236, 238), rulings on retrial
  petitions, payment orders, decisions (决定书).
* Appellate court: a basic court's parent intermediate court, an intermediate (or
  intermediate-level specialised) court's high court, a high court's SPC. Parents come from the
  court-code table (fazhi.documents.courts); in the four municipalities from
  ``data/municipal_appeal_courts.csv``, because there a basic court's code does not name its
  intermediate court (case_number.md §3). Technical IP cases (patents, technical secrets,
  software, plant varieties, layout designs, monopoly) go to the SPC IP Tribunal (unverified
  scope, document_review.md DR-APL-03).

Nothing is guessed silently: where the route cannot be decided, ``appellate_court`` is None,
``determined`` is False, and ``basis`` says why.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from fazhi.documents.courts import Court, court_by_code, court_by_name

__all__ = ["AppealRule", "appeal_rule", "appellate_court_of", "municipal_appellate"]

_MUNICIPAL_FILE = "municipal_appeal_courts.csv"
_MUNICIPALITIES = ("京", "津", "沪", "渝")
SPC = "最高人民法院"

# Rulings that may be appealed: CPL art. 157 ¶2 (不予受理, 对管辖权有异议, 驳回起诉); ALL Interp.
# 2018 art. 101 ¶2 adds 不予立案 for administrative cases (unverified article number).
APPEALABLE_RULINGS = frozenset({"不予受理", "不予立案", "管辖权异议", "驳回起诉"})

# Technical IP cases whose appeals go to the SPC IP Tribunal (document_review.md DR-APL-03,
# scope unverified: 法释〔2018〕22号 as later adjusted).
_TECH_IP = re.compile(r"发明专利|实用新型专利|专利权|植物新品种|集成电路布图设计|技术秘密|计算机软件|垄断")

_CN_NUM = {5: "五", 10: "十", 15: "十五", 30: "三十"}


@dataclass(frozen=True, slots=True)
class AppealRule:
    """How a decision may be appealed, and how the document must say it.

    ``appealable``: whether an appeal lies at all. ``days``: the appeal period (None if not
    appealable). ``appellate_court``: full name of the court the appeal goes to, None when it
    cannot be determined. ``notice``: the official appeal-notice sentence(s) for this kind of
    document (when the appellate court is unknown the sentence carries the placeholder
    【上诉法院】, which proof-reading flags as a leftover, DR-TXT-03). ``final_statement``: the
    sentence a final decision carries ("本判决为终审判决。"), None when none is prescribed.
    ``basis``: the rules applied, in words. ``appellate_code``: the appellate court's 法院代字.
    ``court_verified``: True when the appellate court follows from the code structure or from a
    verified table row; False for rows from memory. ``determined``: False when appealability
    itself could not be decided (e.g. a first-instance ruling of unknown kind, a retrial under an
    unknown procedure).
    """

    appealable: bool
    days: int | None
    appellate_court: str | None
    notice: str | None
    final_statement: str | None
    basis: str
    appellate_code: str | None = None
    court_verified: bool = False
    determined: bool = True


@dataclass(frozen=True, slots=True)
class _MunicipalRow:
    code: str
    court_name: str
    appellate_code: str
    appellate_court: str
    verified: bool
    basis: str


@cache
def _municipal() -> dict[str, _MunicipalRow]:
    text = resources.files("fazhi.rules").joinpath("data", _MUNICIPAL_FILE).read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return {
        r["code"]: _MunicipalRow(r["code"], r["court_name"], r["appellate_code"], r["appellate_court"],
                                 r["verified"].strip().lower() == "yes", r["basis"])
        for r in rows
    }


def municipal_appellate(code: str) -> tuple[str, str, bool, str] | None:
    """(appellate code, appellate court, verified, basis) for a municipal basic court, or None."""
    row = _municipal().get(code)
    if row is None or not row.appellate_code:
        return None
    return row.appellate_code, row.appellate_court, row.verified, row.basis


def _find_court(court_name: str | None, court_code: str | None) -> Court | None:
    if court_code:
        court = court_by_code(court_code)
        if court is not None:
            return court
    if court_name:
        name = "".join(court_name.split()).removeprefix("中华人民共和国")
        return court_by_name(name)
    return None


def appellate_court_of(court: Court, *, technical_ip: bool = False) -> tuple[str | None, str | None, bool, str]:
    """(code, full name, verified, basis) of the court that hears appeals from ``court``.

    (None, None, False, reason) when the table cannot tell.
    """
    tier = court.tier
    if tier == "最高":
        return None, None, True, "最高人民法院的裁判是终审裁判"
    if technical_ip and tier in ("中级", "基层"):
        # Technical IP appeals go to the SPC IP Tribunal (document_review.md DR-APL-03, scope unverified).
        return "最高法", SPC, False, "技术类知识产权案件上诉至最高人民法院知识产权法庭（范围未核实）"
    if tier == "高级":
        return "最高法", SPC, True, "高级人民法院第一审案件上诉于最高人民法院"
    if tier == "基层" and court.code[:1] in _MUNICIPALITIES:
        # Municipalities: the basic court's code is its county code (case_number.md §3).
        found = municipal_appellate(court.code)
        if found is None:
            return None, None, False, f"直辖市基层法院{court.full_name}的上诉法院不在对照表中"
        code, name, verified, basis = found
        return code, name, verified, f"直辖市基层法院上诉法院对照表：{basis}"
    if court.parent_code:
        parent = court_by_code(court.parent_code)
        if parent is not None:
            # Province: county code → prefecture intermediate court; intermediate → high court.
            return parent.code, parent.full_name, True, f"法院代字表：{court.code}的上级法院为{parent.code}"
    return None, None, False, f"法院代字表中没有{court.full_name}的上级法院"


def _norm_category(category: str | None) -> str | None:
    if not category:
        return None
    if category.startswith("刑事"):
        return "刑事"  # 刑事附带民事 follows the criminal rules (CrimPL art. 230)
    if category.startswith("行政"):
        return "行政"
    return category


def _norm_doc(doc_type: str | None) -> str | None:
    if not doc_type:
        return None
    for kind in ("判决", "裁定", "调解", "决定", "支付令"):
        if kind in doc_type:
            return {"判决": "判决书", "裁定": "裁定书", "调解": "调解书", "决定": "决定书"}.get(kind, kind)
    return doc_type


def _final(doc: str | None) -> str | None:
    if doc == "判决书":
        return "本判决为终审判决。"
    if doc == "裁定书":
        return "本裁定为终审裁定。"
    return None


def _notice(category: str, doc: str, days: int, court: str | None, copies: int | None) -> str:
    """The official appeal-notice wording (document_review.md DR-APL-01/02; 民事诉讼文书样式 2016)."""
    word = "判决" if doc == "判决书" else "裁定"
    n = _CN_NUM.get(days, str(days))
    target = court or "【上诉法院】"
    if category == "刑事":
        # CrimPL arts. 227, 230, 231: from the day after receipt, through this court or directly.
        text = (f"如不服本{word}，可在接到{word}书的第二日起{n}日内，通过本院或者直接向{target}提出上诉。"
                "书面上诉的，应当提交上诉状正本一份")
        return text + (f"，副本{_count(copies)}份。" if copies else "及副本。")
    # CPL art. 171 / ALL art. 85: from service; copies per the number of opposing parties.
    return (f"如不服本{word}，可以在{word}书送达之日起{n}日内，向本院递交上诉状，"
            f"并按照对方当事人或者代表人的人数提出副本，上诉于{target}。")


def _count(n: int) -> str:
    digits = "零一二三四五六七八九"
    if 0 < n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n - 10] if n > 10 else "")
    return str(n)


def appeal_rule(
    *,
    category: str | None,
    doc_type: str | None,
    procedure: str | None,
    trial_procedure: str | None,
    court_name: str | None,
    court_code: str | None,
    cause: str | None = None,
    foreign_party: bool = False,
    ruling_kind: str | None = None,
    copies: int | None = None,
) -> AppealRule:
    """The appeal route of one decision.

    ``category``: 民事 / 刑事 (incl. 刑事附带民事) / 行政 / 执行 / …; ``doc_type``: 判决书 / 裁定书 /
    调解书 / 决定书 / 支付令; ``procedure``: the instance as the case-type code gives it (一审, 二审,
    再审, 再审审查, 执行, 执行异议, 复核, 特别程序, 非诉); ``trial_procedure``: 普通程序 / 简易程序 /
    速裁程序 / 小额诉讼程序, and for retrials 第一审程序 / 第二审程序 / 提审; ``court_name`` /
    ``court_code``: the deciding court (the code wins); ``cause``: the 案由, used for technical IP
    appeals; ``foreign_party``: a party without a domicile in China (civil: 30 days);
    ``ruling_kind``: for rulings, what they decide (不予受理, 不予立案, 管辖权异议, 驳回起诉, or
    anything else); ``copies``: number of copies a criminal appellant files, for the notice.
    """
    cat = _norm_category(category)
    doc = _norm_doc(doc_type)
    court = _find_court(court_name, court_code)
    tp = trial_procedure or ""

    def final(basis: str, statement: str | None = None, *, determined: bool = True) -> AppealRule:
        return AppealRule(False, None, None, None, statement, basis, determined=determined)

    # Documents that are never appealed.
    if doc == "调解书":
        # CPL art. 100: effective on signature by both parties; no appeal.
        return final("民事诉讼法第一百条：调解书经双方当事人签收后即具有法律效力，不得上诉",
                     "本调解书经双方当事人签收后，即具有法律效力。")
    if doc == "决定书":
        return final("决定书不得上诉（罚款、拘留等决定可申请复议）")
    if doc == "支付令":
        return final("支付令不得上诉，债务人可在收到之日起十五日内提出书面异议（民事诉讼法督促程序）")
    if cat == "执行" or procedure in ("执行", "执行异议"):
        # CPL arts. 236, 238: objection, reconsideration, or a separate suit — never an appeal.
        return final("执行裁定不得上诉：执行行为异议可申请复议（民事诉讼法第二百三十六条），"
                     "案外人异议可另行起诉（第二百三十八条）")
    if procedure == "二审":
        # CPL art. 182; CrimPL art. 244; ALL (两审终审).
        art = "刑事诉讼法第二百四十四条" if cat == "刑事" else "民事诉讼法第一百八十二条"
        return final(f"{art}：第二审人民法院的判决、裁定是终审的判决、裁定", _final(doc))
    if procedure == "再审审查":
        return final("驳回再审申请或裁定再审的裁定不得上诉（民事诉讼法审判监督程序）")
    if procedure == "复核":
        return final("复核裁定不得上诉")
    if court is not None and court.tier == "最高":
        return final("最高人民法院的判决、裁定是终审的判决、裁定（两审终审制，民事诉讼法第十条）", _final(doc))
    if procedure == "特别程序":
        # CPL art. 185 (2021 numbering; 2023 number unverified): special procedure is final.
        return final("民事诉讼法第一百八十五条（2021年文本，2023年编号未核实）：依照特别程序审理的案件实行一审终审",
                     "本判决为终审判决。" if doc == "判决书" else None)
    if procedure == "非诉":
        return final("督促、公示催告等非讼程序的裁定不得上诉")
    if "小额" in tp:
        # CPL art. 165: small-claims cases are final at first instance.
        return final("民事诉讼法第一百六十五条：适用小额诉讼的程序审理的案件实行一审终审", _final(doc))
    if procedure == "再审":
        if tp in ("第二审程序", "提审") or (court is not None and court.tier == "高级"):
            # CPL art. 218 (2021 text: art. 214): a retrial under the second-instance procedure,
            # or one brought up by a higher court (提审), ends in a final decision.
            return final("民事诉讼法第二百一十八条（2021年文本第二百一十四条）：按照第二审程序再审或者上级法院提审的，"
                         "所作判决、裁定是发生法律效力的判决、裁定", _final(doc))
        if tp != "第一审程序":
            return AppealRule(False, None, None, None, None,
                              "再审适用的程序（第一审或第二审程序）不明，无法确定可否上诉", determined=False)
    elif procedure not in (None, "一审"):
        return AppealRule(False, None, None, None, None, f"程序“{procedure}”的上诉规则未收录", determined=False)
    if cat not in ("民事", "行政", "刑事"):
        return AppealRule(False, None, None, None, None, f"案件类别“{category}”的上诉规则未收录", determined=False)

    # First instance (or a retrial under the first-instance procedure): appealable?
    if doc == "裁定书" and cat in ("民事", "行政"):
        if ruling_kind is None:
            return AppealRule(False, None, None, None, None,
                              "裁定内容不明：只有不予受理、管辖权异议、驳回起诉的裁定可以上诉（民事诉讼法第一百五十七条第二款）",
                              determined=False)
        if ruling_kind not in APPEALABLE_RULINGS:
            # CPL art. 157 ¶2: other rulings are effective when made.
            return final("民事诉讼法第一百五十七条第二款：除不予受理、管辖权异议、驳回起诉的裁定外，其他裁定不得上诉",
                         "本裁定一经作出即生效。")
    if doc not in ("判决书", "裁定书"):
        return AppealRule(False, None, None, None, None, f"文书类型“{doc_type}”的上诉规则未收录", determined=False)

    # Period.
    if cat == "刑事":
        days = 10 if doc == "判决书" else 5  # CrimPL art. 230
        basis = f"刑事诉讼法第二百三十条：不服判决的上诉期限为十日，不服裁定的上诉期限为五日（本件{days}日）"
    elif cat == "民事" and foreign_party:
        days = 30  # CPL art. 286 (2023 numbering): parties without a domicile in China
        basis = "民事诉讼法第二百八十六条：在中华人民共和国领域内没有住所的当事人上诉期为三十日（境内当事人仍为十五日/十日）"
    elif cat == "民事":
        days = 15 if doc == "判决书" else 10  # CPL art. 171
        basis = f"民事诉讼法第一百七十一条：判决上诉期十五日，裁定上诉期十日（本件{days}日）"
    else:
        days = 15 if doc == "判决书" else 10  # ALL art. 85
        basis = f"行政诉讼法第八十五条：判决上诉期十五日，裁定上诉期十日（本件{days}日）"

    # Appellate court.
    code = name = None
    verified = False
    if court is None:
        basis += "；未能识别作出裁判的法院，上诉法院无法确定"
    else:
        tech = bool(cause and _TECH_IP.search(cause))
        code, name, verified, route = appellate_court_of(court, technical_ip=tech)
        basis += f"；上诉法院：{route}"
    notice = _notice(cat, doc, days, name, copies)
    return AppealRule(True, days, name, notice, None, basis, code, verified, True)
