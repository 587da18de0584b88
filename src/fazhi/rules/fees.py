"""Litigation fees (诉讼费用) as the 诉讼费用交纳办法 (国务院令第481号, in force 2007-04-01) fixes them.

Why: a judgment states its 案件受理费 and who bears it (CPL art. 155), and both the proof-reading
checks (document_review.md DR-FEE-01…06) and the drafting code need the same numbers. Everything
here is a pure function of the amount in dispute and the kind of case, so a fee can be explained
line by line: the table band, the rate, the halving ground.

Sources (document_review.md §8): art. 13 (acceptance fees: property scale, non-property bands,
IP, labour, administrative), art. 14 (application fees: enforcement, preservation, payment order,
public summons, arbitration, bankruptcy), arts. 15, 16, 18 (halving), art. 17 (appeal fee on the
amount appealed). Where the 办法 leaves a band to the provinces (divorce 50–300 元 …) the result
is a band (:attr:`Fee.low` / :attr:`Fee.high`), not an invented figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "Fee",
    "acceptance_fee",
    "bankruptcy_fee",
    "enforcement_fee",
    "fee_text",
    "format_yuan",
    "payment_order_fee",
    "preservation_fee",
    "property_fee",
]

_CENT = Decimal("0.01")
_YUAN = Decimal("1")
D = Decimal

# 诉讼费用交纳办法 第十三条第（一）项: property cases, tiered and cumulative (分段累计).
# (upper bound of the band, rate within the band); the first band is a flat 50 元.
PROPERTY_BANDS: tuple[tuple[Decimal | None, Decimal], ...] = (
    (D(10_000), D(0)),  # 不超过1万元的，每件交纳50元
    (D(100_000), D("0.025")),  # 超过1万元至10万元的部分，按照2.5%交纳
    (D(200_000), D("0.02")),  # 超过10万元至20万元的部分，按照2%交纳
    (D(500_000), D("0.015")),  # 超过20万元至50万元的部分，按照1.5%交纳
    (D(1_000_000), D("0.01")),  # 超过50万元至100万元的部分，按照1%交纳
    (D(2_000_000), D("0.009")),  # 超过100万元至200万元的部分，按照0.9%交纳
    (D(5_000_000), D("0.008")),  # 超过200万元至500万元的部分，按照0.8%交纳
    (D(10_000_000), D("0.007")),  # 超过500万元至1000万元的部分，按照0.7%交纳
    (D(20_000_000), D("0.006")),  # 超过1000万元至2000万元的部分，按照0.6%交纳
    (None, D("0.005")),  # 超过2000万元的部分，按照0.5%交纳
)
_PROPERTY_FLAT = D(50)

# 第十四条第（一）项: enforcement application fee (执行申请费), paid after enforcement (art. 20).
ENFORCEMENT_BANDS: tuple[tuple[Decimal | None, Decimal], ...] = (
    (D(10_000), D(0)),  # 不超过1万元的，每件交纳50元
    (D(500_000), D("0.015")),  # 超过1万元至50万元的部分，按照1.5%交纳
    (D(5_000_000), D("0.01")),  # 超过50万元至500万元的部分，按照1%交纳
    (D(10_000_000), D("0.005")),  # 超过500万元至1000万元的部分，按照0.5%交纳
    (None, D("0.001")),  # 超过1000万元的部分，按照0.1%交纳
)

# 第十四条第（二）项: preservation application fee (财产保全申请费), capped at 5,000 元.
PRESERVATION_BANDS: tuple[tuple[Decimal | None, Decimal], ...] = (
    (D(1_000), D(0)),  # 不超过1000元或者不涉及财产数额的，每件交纳30元
    (D(100_000), D("0.01")),  # 超过1000元至10万元的部分，按照1%交纳
    (None, D("0.005")),  # 超过10万元的部分，按照0.5%交纳
)
PRESERVATION_CAP = D(5_000)  # 但是，当事人申请保全措施交纳的费用最多不超过5000元
BANKRUPTCY_CAP = D(300_000)  # 第十四条第（六）项: 破产案件依据破产财产总额计算，按照财产案件受理费标准减半交纳，但最高不超过30万元

# Causes that select a special schedule (matched against the 案由).
_LABOUR = re.compile(r"劳动争议|劳动合同|劳动关系|劳动报酬|工伤|经济补偿金|社会保险|养老保险|失业保险|医疗保险待遇|竞业限制")
_DIVORCE = re.compile(r"离婚")
_PERSONALITY = re.compile(r"名誉权|荣誉权|肖像权|隐私权|姓名权|名称权|人格权|个人信息保护|一般人格")
_IP = re.compile(r"知识产权|著作权|商标|专利|不正当竞争|技术合同|植物新品种|集成电路|商业秘密|计算机软件|垄断")
_ADMIN_100 = re.compile(r"商标|专利|海事")  # 第十三条第（五）项: 商标、专利、海事行政案件每件交纳100元
_HALVING_OUTCOMES = {"调解": "第十五条（以调解方式结案的，减半交纳案件受理费）",
                     "撤诉": "第十五条（当事人申请撤诉的，减半交纳案件受理费）",
                     "反诉": "第十八条（被告提起反诉、与本诉合并审理的，减半交纳案件受理费）",
                     "第三人": "第十八条（有独立请求权的第三人提出的与本案有关的诉讼请求，合并审理的，减半交纳）"}
_SIMPLE = {"简易程序", "小额诉讼程序", "小额诉讼"}


@dataclass(frozen=True, slots=True)
class Fee:
    """An acceptance fee: the table figure, what is charged after halving, and why.

    ``full`` is the fee the table gives (None where the 办法 fixes only a band; the band is then
    ``low``–``high``, each before halving); ``charged`` is what the parties pay at this instance.
    ``basis`` names the rules applied; ``note`` says what the caller must still decide.
    """

    full: Decimal | None
    charged: Decimal | None
    halved: bool
    basis: str
    note: str = ""
    low: Decimal | None = None
    high: Decimal | None = None

    def charged_band(self) -> tuple[Decimal, Decimal] | None:
        """(lowest, highest) charge for a banded fee after halving; None for a fixed fee."""
        if self.low is None or self.high is None:
            return None
        if self.halved:
            return _half(self.low), _half(self.high)
        return self.low, self.high


def _quantize(value: Decimal, rounding: str) -> Decimal:
    if rounding not in ("cent", "yuan"):
        raise ValueError("rounding must be 'cent' or 'yuan'")
    return value.quantize(_YUAN if rounding == "yuan" else _CENT, rounding=ROUND_HALF_UP)


def _half(value: Decimal) -> Decimal:
    return (value / 2).quantize(_CENT, rounding=ROUND_HALF_UP)


def _banded(amount: Decimal, bands: tuple[tuple[Decimal | None, Decimal], ...], flat: Decimal) -> Decimal:
    """Tiered, cumulative fee: ``flat`` up to the first bound, then each band's rate on its part."""
    total = flat
    lower = bands[0][0]
    assert lower is not None
    if amount <= lower:
        return total
    for upper, rate in bands[1:]:
        top = amount if upper is None else min(amount, upper)
        if top > lower:
            total += (top - lower) * rate
        if upper is None or amount <= upper:
            break
        lower = upper
    return total


def _amount(value: Decimal | int | float | str | None) -> Decimal | None:
    if value is None:
        return None
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    if amount < 0:
        raise ValueError("an amount in dispute cannot be negative")
    return amount


def property_fee(amount: Decimal | int | float | str, *, rounding: str = "cent") -> Decimal:
    """The property-case fee for ``amount`` (诉讼费用交纳办法 第十三条第（一）项, 分段累计).

    100000 → 2300; 123456.78 → 2769.14 (``rounding="yuan"`` → 2769; the rounding rule is practice,
    not statute, so it is the caller's choice).
    """
    value = _amount(amount)
    assert value is not None
    return _quantize(_banded(value, PROPERTY_BANDS, _PROPERTY_FLAT), rounding)


def enforcement_fee(amount: Decimal | int | float | str | None, *, rounding: str = "cent") -> Fee:
    """The enforcement application fee (第十四条第（一）项): 100000 → 1400; 1000000 → 12400.

    Without an amount the fee is a band of 50–500 元 (没有执行金额或者价额的，每件交纳50元至500元).
    It is paid after enforcement, not in advance (第二十条).
    """
    value = _amount(amount)
    basis = "诉讼费用交纳办法第十四条第（一）项"
    if value is None:
        return Fee(None, None, False, basis, "无执行金额，由各地在50元至500元幅度内确定", D(50), D(500))
    fee = _quantize(_banded(value, ENFORCEMENT_BANDS, D(50)), rounding)
    return Fee(fee, fee, False, basis, "执行申请费执行后交纳（第二十条）")


def preservation_fee(amount: Decimal | int | float | str | None, *, rounding: str = "cent") -> Decimal:
    """The preservation application fee (第十四条第（二）项): 50000 → 520; 500000 → 3020; cap 5000."""
    value = _amount(amount)
    if value is None:
        return D(30)  # 不涉及财产数额的，每件交纳30元
    fee = _banded(value, PRESERVATION_BANDS, D(30))
    return _quantize(min(fee, PRESERVATION_CAP), rounding)  # 最多不超过5000元


def payment_order_fee(amount: Decimal | int | float | str, *, rounding: str = "cent") -> Decimal:
    """The payment-order application fee: one third of the property fee (第十四条第（三）项)."""
    value = _amount(amount)
    assert value is not None
    return _quantize(_banded(value, PROPERTY_BANDS, _PROPERTY_FLAT) / 3, rounding)


def bankruptcy_fee(estate: Decimal | int | float | str, *, rounding: str = "cent") -> Decimal:
    """The bankruptcy fee: half the property scale on the estate, at most 300,000 元 (第十四条第（六）项)."""
    value = _amount(estate)
    assert value is not None
    return _quantize(min(_banded(value, PROPERTY_BANDS, _PROPERTY_FLAT) / 2, BANKRUPTCY_CAP), rounding)


def _halving(trial_procedure: str | None, procedure: str | None, outcome: str | None) -> str | None:
    """The halving ground that applies, if any; several grounds halve once (practice, unverified)."""
    if outcome in _HALVING_OUTCOMES:
        return _HALVING_OUTCOMES[outcome]
    if trial_procedure in _SIMPLE and procedure not in ("二审", "再审"):
        # 第十六条: 适用简易程序审理的案件减半交纳案件受理费 (小额诉讼 is a form of simple procedure)
        return "第十六条（适用简易程序审理的案件减半交纳案件受理费）"
    return None


def acceptance_fee(amount: Decimal | int | float | str | None, *, category: str | None = "民事",
                   cause: str | None = None, procedure: str | None = None,
                   trial_procedure: str | None = None, outcome: str | None = None,
                   rounding: str = "cent") -> Fee:
    """The 案件受理费 of one case (诉讼费用交纳办法 第十三条, halving per 第十五、十六、十八条).

    ``amount``: the amount in dispute (for an appeal, the amount appealed: 第十七条); for divorce
    the value of the property to divide, for personality rights the damages claimed. ``category``:
    民事 / 行政 / 刑事; ``cause``: the 案由, which selects the labour, divorce, personality-rights
    and IP schedules; ``procedure``: 一审 / 二审 / 再审; ``trial_procedure``: 普通程序 / 简易程序 /
    小额诉讼程序; ``outcome``: 调解 / 撤诉 (art. 15), 反诉 / 第三人 (art. 18) when the fee is halved
    for that reason. ``rounding``: "cent" (the formula) or "yuan" (common practice, unverified).
    """
    value = _amount(amount)
    cause = cause or ""
    ground = _halving(trial_procedure, procedure, outcome)
    halved = ground is not None
    basis_half = f"；减半：诉讼费用交纳办法{ground}" if ground else ""

    def fixed(fee: Decimal, basis: str, note: str = "") -> Fee:
        fee = _quantize(fee, rounding)
        return Fee(fee, _half(fee) if halved else fee, halved, basis + basis_half, note)

    def band(low: Decimal, high: Decimal, extra: Decimal, basis: str, note: str) -> Fee:
        return Fee(None, None, halved, basis + basis_half, note, low + extra, high + extra)

    if category == "刑事":
        # The 办法 charges no fee for public prosecutions; incidental civil actions are not charged
        # either (practice; the spec does not state it).
        return Fee(None, None, False, "刑事案件不交纳案件受理费", "刑事附带民事诉讼不收取诉讼费用（实务，未核实）")
    if category == "行政":
        # 第十三条第（五）项: 商标、专利、海事行政案件每件交纳100元；其他行政案件每件交纳50元
        if _ADMIN_100.search(cause):
            return fixed(D(100), "诉讼费用交纳办法第十三条第（五）项（商标、专利、海事行政案件每件100元）")
        return fixed(D(50), "诉讼费用交纳办法第十三条第（五）项（其他行政案件每件50元）")
    if _LABOUR.search(cause) and "劳务" not in cause:  # 劳务合同 is a civil contract, not labour
        # 第十三条第（四）项: 劳动争议案件每件交纳10元
        return fixed(D(10), "诉讼费用交纳办法第十三条第（四）项（劳动争议案件每件10元）")
    if _DIVORCE.search(cause):
        # 第十三条第（二）项第1目: 离婚案件每件交纳50元至300元。涉及财产分割，财产总额不超过20万元的，
        # 不另行交纳；超过20万元的部分，按照0.5%交纳。
        extra = max(D(0), (value or D(0)) - D(200_000)) * D("0.005")
        note = "每件50元至300元，由各省、自治区、直辖市在幅度内确定"
        if value is None:
            note += "；涉及财产分割的，财产总额超过20万元的部分另按0.5%交纳"
        return band(D(50), D(300), _quantize(extra, rounding),
                    "诉讼费用交纳办法第十三条第（二）项第1目（离婚案件）", note)
    if _PERSONALITY.search(cause):
        # 第十三条第（二）项第2目: 侵害姓名权、名称权、肖像权、名誉权、荣誉权以及其他人格权的案件，每件交纳
        # 100元至500元。涉及损害赔偿，赔偿金额不超过5万元的，不另行交纳；超过5万元至10万元的部分，按照1%
        # 交纳；超过10万元的部分，按照0.5%交纳。
        damages = value or D(0)
        extra = max(D(0), min(damages, D(100_000)) - D(50_000)) * D("0.01") \
            + max(D(0), damages - D(100_000)) * D("0.005")
        return band(D(100), D(500), _quantize(extra, rounding),
                    "诉讼费用交纳办法第十三条第（二）项第2目（人格权案件）",
                    "每件100元至500元，由各省、自治区、直辖市在幅度内确定")
    if _IP.search(cause) and value is None:
        # 第十三条第（三）项: 知识产权民事案件，没有争议金额或者价额的，每件交纳500元至1000元
        return band(D(500), D(1000), D(0), "诉讼费用交纳办法第十三条第（三）项（知识产权案件，无争议金额）",
                    "每件500元至1000元，由各省、自治区、直辖市在幅度内确定")
    if value is None:
        # 第十三条第（二）项第3目: 其他非财产案件每件交纳50元至100元
        return band(D(50), D(100), D(0), "诉讼费用交纳办法第十三条第（二）项第3目（其他非财产案件）",
                    "每件50元至100元，由各省、自治区、直辖市在幅度内确定")
    scale = "诉讼费用交纳办法第十三条第（一）项（财产案件，分段累计）"
    if _IP.search(cause):
        scale = "诉讼费用交纳办法第十三条第（三）项（知识产权案件有争议金额的，按财产案件标准）"
    if procedure == "二审":
        scale += "；上诉案件按上诉请求数额计算（第十七条）"
    return fixed(_banded(value, PROPERTY_BANDS, _PROPERTY_FLAT), scale)


def format_yuan(value: Decimal) -> str:
    """An amount as judgments write fees: 2300, 1484.50 (whole yuan without decimals)."""
    value = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    return str(value.quantize(_YUAN)) if value == value.to_integral_value() else f"{value:.2f}"


def fee_text(fee: Fee) -> str:
    """The fee in the official sentence form: 案件受理费2300元，减半收取计1150元.

    A banded fee (the province fixes the figure) is written as its band.
    """
    if fee.full is None or fee.charged is None:
        if fee.low is None or fee.high is None:
            return "不交纳案件受理费"
        text = f"案件受理费{format_yuan(fee.low)}元至{format_yuan(fee.high)}元"
        return text + "，减半收取" if fee.halved else text
    text = f"案件受理费{format_yuan(fee.full)}元"
    if fee.halved:
        text += f"，减半收取计{format_yuan(fee.charged)}元"
    return text
