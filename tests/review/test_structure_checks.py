"""Structure checks of the proof-reader (header, case number, parties, dates, signature, appeal,
text) and the appeal-route rules they use.

Each faulty case takes a correct judgment from the development set, injects one error, and
expects exactly the check of that error among this module's checks (severity error or warning),
with a span that covers the injected token. The gold judgments themselves must raise no error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.review.registry import REGISTRY, Finding
from fazhi.review.run import load_checks, review
from fazhi.rules.appeal import appeal_rule, municipal_appellate

ROOT = Path(__file__).resolve().parents[2]
JUDGMENTS = ROOT / "bench" / "data" / "judgments"
SAMPLE = ROOT / "src" / "fazhi" / "samples" / "criminal_judgment.txt"
MODULES = ("checks_header", "checks_parties", "checks_dates", "checks_signature", "checks_appeal", "checks_text")

load_checks()
MINE = frozenset(k for k, v in REGISTRY.items() if v.fn.__module__.rsplit(".", 1)[-1] in MODULES)

# Gold documents that really contain an error these checks report (see the README of the set:
# document 05 was damaged on purpose, its case number has half-width brackets).
KNOWN_ERRORS = {"05_house_lease_xihu_halfwidth.txt": {"DR-CN-02"}}


def doc(name: str) -> str:
    path = next(JUDGMENTS.glob(f"{name}*.txt"))
    return path.read_text(encoding="utf-8")


def mutate(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text, old
    return text.replace(old, new, count)


def flagged(text: str) -> list[Finding]:
    return [f for f in review(text, only=MINE) if f.severity in ("error", "warning")]


def test_all_structure_checks_registered() -> None:
    expected = {"DR-HDR-01", "DR-HDR-02", "DR-HDR-03", "DR-CN-01", "DR-CN-02", "DR-CN-03", "DR-CN-04", "DR-CN-05",
                "DR-PTY-01", "DR-PTY-02", "DR-PTY-03", "DR-PTY-05", "DR-PTY-06", "DR-DATE-01", "DR-DATE-03",
                "DR-PROC-04", "DR-SIG-01", "DR-SIG-02", "DR-SIG-03", "DR-SIG-04", "DR-SIG-05", "DR-PROC-01",
                "DR-APL-01", "DR-APL-02", "DR-APL-03", "DR-APL-04", "DR-APL-05", "DR-TXT-01", "DR-TXT-03",
                "DR-SEC-01", "DR-TYPO-01"}
    assert expected <= MINE
    for check_id in expected:
        assert REGISTRY[check_id].basis and REGISTRY[check_id].doc


@pytest.mark.parametrize("path", sorted(JUDGMENTS.glob("*.txt")) + [SAMPLE], ids=lambda p: p.name[:24])
def test_gold_judgments_raise_no_error(path: Path) -> None:
    found = [f for f in review(path.read_text(encoding="utf-8"), only=MINE) if f.severity == "error"]
    assert {f.check for f in found} == KNOWN_ERRORS.get(path.name, set()), [(f.check, f.message) for f in found]
    for f in found:
        assert f.suggestion is not None  # a known error comes with its fix


# (test id, document, old, new, expected check, token the span must cover)
FAULTS = [
    ("HDR-01 other court", "01", "北京市朝阳区人民法院\n民事判决书", "北京市海淀区人民法院\n民事判决书", "DR-HDR-01", "海淀"),
    ("HDR-01 short name", "01", "北京市朝阳区人民法院\n民事判决书", "朝阳法院\n民事判决书", "DR-HDR-01", "朝阳法院"),
    ("HDR-01 no province", "02", "广东省深圳市南山区人民法院\n", "深圳市南山区人民法院\n", "DR-HDR-01", "南山区"),
    ("HDR-02 missing 书", "01", "民事判决书", "民事判决", "DR-HDR-02", "民事判决"),
    ("HDR-02 wrong category", "01", "民事判决书", "刑事判决书", "DR-HDR-02", "刑事判决书"),
    ("HDR-03 ruling formula", "01", "判决如下", "裁定如下", "DR-HDR-03", "裁定如下"),
    ("HDR-03 notice word", "11", "如不服本裁定", "如不服本判决", "DR-HDR-03", "本判决"),
    ("CN-01 legacy form", "01", "（2023）京0105民初18426号", "（2023）京0105民初字第18426号", "DR-CN-01", "字第"),
    ("CN-01 leading zero", "01", "民初18426号", "民初018426号", "DR-CN-01", "018426"),
    ("CN-02 half-width", "01", "（2023）京0105民初18426号", "(2023)京0105民初18426号", "DR-CN-02", "(2023)"),
    ("CN-02 space", "01", "（2023）京0105民初18426号", "（2023） 京0105民初18426号", "DR-CN-02", "京0105"),
    ("CN-03 transposed", "01", "本案现已审理终结。", "本案（2023）京0105民初18246号现已审理终结。", "DR-CN-03", "18246"),
    ("CN-05 no lower number", "08", "北京市朝阳区人民法院（2023）京0105民初31552号民事判决", "一审判决", "DR-CN-05", "不服"),
    ("CN-05 court vs number", "08", "不服北京市朝阳区人民法院（2023）", "不服北京市海淀区人民法院（2023）", "DR-CN-05", "海淀"),
    ("PTY-01 stray label", "01", "被告：钱卫东", "上诉人：钱卫东", "DR-PTY-01", "上诉人"),
    ("PTY-02 stranger in 主文", "01", "一、被告赵明辉于本判决", "一、被告王某于本判决", "DR-PTY-02", "王某"),
    ("PTY-02 party never named", "01", "\n\n原告刘建平与被告",
     "\n第三人：孙立新，男，1980年1月1日出生，汉族，住北京市朝阳区。\n\n原告刘建平与被告", "DR-PTY-02", "孙立新"),
    ("PTY-03 person", "01", "三、被告钱卫东对本判决", "三、被告钱伟东对本判决", "DR-PTY-03", "钱伟东"),
    ("PTY-03 two-character name", "06", "何俊辩称：同意离婚", "何峻辩称：同意离婚", "DR-PTY-03", "何峻"),
    ("PTY-03 legal form", "02", "三、驳回原告深圳市启辰电子科技有限公司", "三、驳回原告深圳市启辰电子科技有限责任公司",
     "DR-PTY-03", "有限责任公司"),
    ("PTY-03 block spelling", "01", "被告：赵明辉，男", "被告：赵明晖，男", "DR-PTY-03", "赵明晖"),
    ("PTY-05 no title", "02", "法定代表人：何志强，总经理。", "法定代表人：何志强。", "DR-PTY-05", "何志强"),
    ("PTY-05 no representative", "02", "法定代表人：黄国栋，执行董事。\n", "", "DR-PTY-05", "东莞市锐达"),
    ("PTY-06 agent basis", "02", "委托诉讼代理人：梁永康，该公司员工。", "委托诉讼代理人：梁永康。", "DR-PTY-06", "梁永康"),
    ("DATE-01 arabic", "01", "二〇二三年十一月十六日", "2023年11月16日", "DR-DATE-01", "2023"),
    ("DATE-01 零", "01", "二〇二三年十一月十六日", "二零二三年十一月十六日", "DR-DATE-01", "零"),
    ("DATE-01 letter O", "01", "二〇二三年十一月十六日", "二O二三年十一月十六日", "DR-DATE-01", "O"),
    ("DATE-01 拾", "01", "二〇二三年十一月十六日", "二〇二三年十一月拾六日", "DR-DATE-01", "拾"),
    ("DATE-03 impossible", "01", "于2023年8月29日公开开庭", "于2023年2月29日公开开庭", "DR-DATE-03", "2月29日"),
    ("DATE-03 before hearing", "01", "二〇二三年十一月十六日", "二〇二三年八月十六日", "DR-DATE-03", "八月"),
    ("PROC-04 filing after hearing", "01", "本院于2023年6月12日立案", "本院于2023年9月12日立案", "DR-PROC-04", "开庭"),
    ("PROC-04 filing year", "01", "本院于2023年6月12日立案", "本院于2022年6月12日立案", "DR-PROC-04", "（2023）"),
    ("SIG-01 even panel", "01", "人民陪审员　　陈淑兰\n", "", "DR-SIG-01", "李秀芝"),
    ("SIG-01 order", "15", "审　判　员　　罗　斌\n人民陪审员　　曾小梅", "人民陪审员　　曾小梅\n审　判　员　　罗　斌",
     "DR-SIG-01", "罗"),
    ("SIG-02 lone 审判长", "02", "审判员　　邓嘉欣", "审判长　　邓嘉欣", "DR-SIG-02", "邓嘉欣"),
    ("SIG-04 no clerk", "01", "书　记　员　　周　婷", "", "DR-SIG-04", "二〇二三年"),
    ("SIG-04 clerk before date", "04", "二〇二四年九月十二日\n\n本件与原本核对无异\n\n书记员　　施佳怡",
     "书记员　　施佳怡\n\n二〇二四年九月十二日\n\n本件与原本核对无异", "DR-SIG-04", "施佳怡"),
    ("SIG-05 clerk is judge", "01", "书　记　员　　周　婷", "书　记　员　　李秀芝", "DR-SIG-05", "李秀芝"),
    ("PROC-01 simple with panel", "06", "依法适用简易程序，由审判员万丽独任审理", "依法适用简易程序，依法组成合议庭",
     "DR-PROC-01", "简易程序"),
    ("PROC-01 single with panel", "01", "组成合议庭", "由审判员李秀芝独任审理", "DR-PROC-01", "独任审理"),
    ("SIG-03 named judge", "03", "由审判员钟丽华担任审判长", "由审判员钟立华担任审判长", "DR-SIG-03", "钟立华"),
    ("APL-01 civil period", "01", "送达之日起十五日内", "送达之日起十日内", "DR-APL-01", "十日内"),
    ("APL-01 notice missing", "01",
     "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按照对方当事人或者代表人的人数提出副本，上诉于北京市第三中级人民法院。",
     "", "DR-APL-01", "案件受理费"),
    ("APL-01 objection suit period", "22", "送达之日起十五日内", "送达之日起十日内", "DR-APL-01", "十日"),
    ("APL-01 preservation review", "10", "之日起五日内", "之日起十日内", "DR-APL-01", "十日"),
    ("APL-02 criminal period", "15", "第二日起十日内", "第二日起十五日内", "DR-APL-02", "十五日内"),
    ("APL-03 municipal court", "01", "上诉于北京市第三中级人民法院", "上诉于北京市第一中级人民法院", "DR-APL-03", "第一中级"),
    ("APL-03 province court", "02", "上诉于广东省深圳市中级人民法院", "上诉于广东省广州市中级人民法院", "DR-APL-03", "广州"),
    ("APL-04 small claims notice", "07", "本判决为终审判决。",
     "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于天津市第一中级人民法院。", "DR-APL-04", "如不服"),
    ("APL-04 finality missing", "08", "本判决为终审判决。", "", "DR-APL-04", "二审案件受理费"),
    ("APL-05 divorce", "06", "在本判决发生法律效力前，双方不得另行结婚。", "", "DR-APL-05", "如不服"),
    ("TXT-03 第××条", "01", "第六百六十七条、第六百七十五条", "第××条、第六百七十五条", "DR-TXT-03", "××"),
    ("TXT-03 【待填写】", "01", "案件受理费5378元", "案件受理费【待填写】元", "DR-TXT-03", "【待填写】"),
    ("TXT-03 原告姓名", "01", "本院认为，合法的借贷关系", "本院认为，原告姓名，合法的借贷关系", "DR-TXT-03", "原告姓名"),
    ("SEC-01 no operative part", "01", "规定，判决如下：", "规定：", "DR-SEC-01", "依照"),
    ("SEC-01 order", "01", "有权向被告赵明辉追偿。", "有权向被告赵明辉追偿。\n\n本院认为，以上判决正确。", "DR-SEC-01", "本院认为"),
    ("TYPO-01 和议庭", "01", "组成合议庭", "组成和议庭", "DR-TYPO-01", "和议庭"),
    ("TYPO-01 上述状", "01", "向本院递交上诉状", "向本院递交上述状", "DR-TYPO-01", "上述状"),
    ("TYPO-01 有期徙刑", "15", "判处有期徒刑六年", "判处有期徙刑六年", "DR-TYPO-01", "徙"),
]


@pytest.mark.parametrize(("name", "doc_id", "old", "new", "check_id", "token"), FAULTS, ids=[f[0] for f in FAULTS])
def test_injected_error_is_found(name: str, doc_id: str, old: str, new: str, check_id: str, token: str) -> None:
    text = mutate(doc(doc_id), old, new)
    found = flagged(text)
    assert {f.check for f in found} == {check_id}, [(f.check, f.severity, f.message) for f in found]
    assert any(token in text[f.start:f.end] for f in found), [text[f.start:f.end] for f in found]
    for f in found:
        assert f.basis and f.message


def test_case_number_type_against_roles() -> None:
    """民终 with 原告 and 被告 only: the number is the odd one out (DR-CN-04)."""
    text = mutate(doc("08"), "上诉人（原审被告）：", "原告：")
    text = mutate(text, "被上诉人（原审原告）：", "被告：")
    found = flagged(text)
    assert {f.check for f in found} == {"DR-CN-04"}
    assert "民终" in text[found[0].start:found[0].end]


def test_original_role_contradicts_recital() -> None:
    """宋佳怡 sued at first instance, so she cannot be 被上诉人（原审被告）."""
    text = mutate(doc("08"), "上诉人（原审被告）：", "上诉人（原审原告）：")
    text = mutate(text, "被上诉人（原审原告）：", "被上诉人（原审被告）：")
    found = flagged(text)
    assert {f.check for f in found} == {"DR-PTY-01"}
    assert text[found[0].start:found[0].end] == "原审被告"


def test_anonymised_text_is_not_a_placeholder() -> None:
    """Published texts mask plates and names with × (京A×××××, 王××): not template leftovers."""
    plate = mutate(doc("03"), "陈浩驾驶川A7K3M2号", "陈浩驾驶川A×××××号")
    name = mutate(doc("15"), "被害人王某", "被害人王××")
    birth = mutate(doc("06"), "2016年10月8日登记结婚", "××××年××月××日登记结婚")
    address = mutate(doc("01"), "安贞西里四区12号楼", "安贞西里XXX号楼")
    number = mutate(doc("04"), "浦劳人仲（2024）办字第2635号", "浦劳人仲【2024】办字第2635号")
    for text in (plate, name, birth, address, number):
        assert not [f for f in review(text, only={"DR-TXT-03"}) if f.severity != "info"]
    money = mutate(doc("01"), "借款本金250000元；", "借款本金××元；")
    assert [f.severity for f in review(money, only={"DR-TXT-03"})] == ["info"]


def test_context_bound_typos_leave_ordinary_words() -> None:
    text = mutate(doc("01"), "本案现已审理终结。", "上述人员均已到庭。本案现已审理终结。")
    assert not review(text, only={"DR-TYPO-01"})


def test_unverified_municipal_court_is_a_warning() -> None:
    """Shanghai's district-to-intermediate table is from memory: a mismatch asks for human review
    (warning), not an error; a court of another province is an error."""
    text = mutate(doc("04"), "上诉于上海市第一中级人民法院", "上诉于上海市第二中级人民法院")
    found = review(text, only={"DR-APL-03"})
    assert [f.severity for f in found] == ["warning"]
    text = mutate(doc("04"), "上诉于上海市第一中级人民法院", "上诉于浙江省杭州市中级人民法院")
    assert [f.severity for f in review(text, only={"DR-APL-03"})] == ["error"]


@pytest.mark.parametrize("variant", ["crlf", "seal"])
def test_layout_variants_of_a_clean_judgment(variant: str) -> None:
    """Windows line ends and a seal mark on the date line change nothing."""
    text = doc("01")
    text = text.replace("\n", "\r\n") if variant == "crlf" else mutate(text, "二〇二三年十一月十六日", "二〇二三年十一月十六日（院印）")
    assert not flagged(text)


def test_anonymised_names_raise_nothing() -> None:
    text = doc("01")
    for real, masked in (("刘建平", "刘某"), ("赵明辉", "赵某"), ("钱卫东", "钱某")):
        text = text.replace(real, masked)
    assert not flagged(text)


def test_halfwidth_punctuation_is_info_only() -> None:
    found = review(doc("05"), only={"DR-TXT-01"})
    assert found and {f.severity for f in found} == {"info"}


def test_name_of_a_non_party_is_not_a_variant() -> None:
    """案外人韩立信 (doc 09) is a different person from the party 韩立新."""
    assert not review(doc("09"), only={"DR-PTY-02", "DR-PTY-03"})


# ---------------------------------------------------------------------------------------------
# rules/appeal.py
# ---------------------------------------------------------------------------------------------


def test_appeal_rule_periods_and_courts() -> None:
    civil = appeal_rule(category="民事", doc_type="判决书", procedure="一审", trial_procedure="普通程序",
                        court_name=None, court_code="京0105")
    assert (civil.appealable, civil.days, civil.appellate_court, civil.court_verified) == (
        True, 15, "北京市第三中级人民法院", True)
    assert civil.notice and "十五日内" in civil.notice and civil.notice.endswith("上诉于北京市第三中级人民法院。")
    ruling = appeal_rule(category="民事", doc_type="裁定书", procedure="一审", trial_procedure=None, court_name=None,
                         court_code="粤0106", ruling_kind="管辖权异议")
    assert (ruling.days, ruling.appellate_court) == (10, "广东省广州市中级人民法院")
    foreign = appeal_rule(category="民事", doc_type="判决书", procedure="一审", trial_procedure=None, court_name=None,
                          court_code="粤0305", foreign_party=True)
    assert foreign.days == 30
    crim = appeal_rule(category="刑事附带民事", doc_type="判决书", procedure="一审", trial_procedure="简易程序",
                       court_name="浙江省杭州市上城区人民法院", court_code=None, copies=2)
    assert (crim.days, crim.appellate_court) == (10, "浙江省杭州市中级人民法院")
    assert crim.notice and "接到判决书的第二日起十日内" in crim.notice and "副本二份" in crim.notice
    crim_ruling = appeal_rule(category="刑事", doc_type="裁定书", procedure="一审", trial_procedure=None,
                              court_name=None, court_code="浙0102")
    assert crim_ruling.days == 5
    admin = appeal_rule(category="行政", doc_type="判决书", procedure="一审", trial_procedure=None, court_name=None,
                        court_code="鄂01")
    assert (admin.days, admin.appellate_court) == (15, "湖北省高级人民法院")
    internet = appeal_rule(category="民事", doc_type="判决书", procedure="一审", trial_procedure=None, court_name=None,
                           court_code="京0491")
    assert internet.appellate_court == "北京市第四中级人民法院" and internet.court_verified


@pytest.mark.parametrize(("kwargs", "statement"), [
    ({"procedure": "二审", "court_code": "京03"}, "本判决为终审判决。"),
    ({"procedure": "一审", "court_code": "津0104", "trial_procedure": "小额诉讼程序"}, "本判决为终审判决。"),
    ({"procedure": "一审", "court_code": "最高法"}, "本判决为终审判决。"),
    ({"procedure": "一审", "court_code": "豫0105", "doc_type": "裁定书", "ruling_kind": "准许撤诉"}, "本裁定一经作出即生效。"),
    ({"procedure": "一审", "court_code": "津0101", "doc_type": "调解书"}, "本调解书经双方当事人签收后，即具有法律效力。"),
    ({"procedure": "再审审查", "court_code": "最高法", "doc_type": "裁定书"}, None),
    ({"procedure": "执行", "court_code": "浙0212", "doc_type": "裁定书", "category": "执行"}, None),
])
def test_appeal_rule_final_decisions(kwargs: dict, statement: str | None) -> None:
    args = {"category": "民事", "doc_type": "判决书", "trial_procedure": None, "court_name": None, **kwargs}
    rule = appeal_rule(**args)
    assert not rule.appealable and rule.days is None and rule.notice is None and rule.determined
    assert rule.final_statement == statement
    assert rule.basis


def test_appeal_rule_says_when_it_cannot_tell() -> None:
    unknown_court = appeal_rule(category="民事", doc_type="判决书", procedure="一审", trial_procedure=None,
                                court_name=None, court_code=None)
    assert unknown_court.appealable and unknown_court.appellate_court is None
    assert unknown_court.notice and "【上诉法院】" in unknown_court.notice
    ruling = appeal_rule(category="民事", doc_type="裁定书", procedure="一审", trial_procedure=None, court_name=None,
                         court_code="粤0106")
    assert not ruling.determined and "裁定" in ruling.basis
    retrial = appeal_rule(category="民事", doc_type="判决书", procedure="再审", trial_procedure=None, court_name=None,
                          court_code="粤0106")
    assert not retrial.determined


def test_municipal_table_rows_are_real_courts() -> None:
    from fazhi.documents.courts import court_by_code
    from fazhi.rules.appeal import _municipal

    rows = _municipal()
    assert {c[:1] for c in rows} == {"京", "津", "沪", "渝"}
    for code, row in rows.items():
        court, parent = court_by_code(code), court_by_code(row.appellate_code)
        assert court is not None and parent is not None, code
        assert court.full_name == row.court_name, code
        assert parent.full_name == row.appellate_court and parent.tier == "中级"
    assert municipal_appellate("京0105") == ("京03", "北京市第三中级人民法院", True,
                                            "document_review.md DR-APL-03; case_number.md §3")
