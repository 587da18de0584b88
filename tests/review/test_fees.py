"""Court fees per 诉讼费用交纳办法 (document_review.md §8): the worked examples and the halving rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fazhi.rules.fees import (
    Fee,
    acceptance_fee,
    bankruptcy_fee,
    enforcement_fee,
    fee_text,
    format_yuan,
    payment_order_fee,
    preservation_fee,
    property_fee,
)

D = Decimal


@pytest.mark.parametrize(("amount", "fee"), [
    (5_000, "50"), (10_000, "50"), (50_000, "1050"), (100_000, "2300"), (150_000, "3300"),
    (200_000, "4300"), (300_000, "5800"), (500_000, "8800"), (1_000_000, "13800"), (2_000_000, "22800"),
    (5_000_000, "46800"), (10_000_000, "81800"), (20_000_000, "141800"), (30_000_000, "191800"),
    ("123456.78", "2769.14"),
])
def test_property_scale_worked_examples(amount: object, fee: str) -> None:
    # document_review.md §8.1: tiered and cumulative (分段累计)
    assert property_fee(amount) == D(fee)  # type: ignore[arg-type]


def test_rounding_to_whole_yuan_is_an_option() -> None:
    assert property_fee("123456.78", rounding="yuan") == D(2769)
    assert property_fee("271879.45", rounding="yuan") == D(5378)  # bench judgment 01
    with pytest.raises(ValueError):
        property_fee(1, rounding="jiao")


def test_simple_procedure_halves_the_fee() -> None:
    fee = acceptance_fee(D(100_000), trial_procedure="简易程序")
    assert (fee.full, fee.charged, fee.halved) == (D(2300), D(1150), True)
    assert "第十六条" in fee.basis
    assert fee_text(fee) == "案件受理费2300元，减半收取计1150元"


def test_ordinary_procedure_charges_in_full() -> None:
    fee = acceptance_fee(D(100_000), trial_procedure="普通程序")
    assert (fee.full, fee.charged, fee.halved) == (D(2300), D(2300), False)
    assert fee_text(fee) == "案件受理费2300元"


@pytest.mark.parametrize("outcome", ["调解", "撤诉", "反诉", "第三人"])
def test_mediation_withdrawal_counterclaim_halve_once(outcome: str) -> None:
    fee = acceptance_fee(D(108_000), trial_procedure="简易程序", outcome=outcome)
    assert (fee.full, fee.charged) == (D(2460), D(1230))  # halved once, not twice


def test_small_claims_is_simple_procedure() -> None:
    fee = acceptance_fee(D("7572.48"), trial_procedure="小额诉讼程序")
    assert (fee.full, fee.charged) == (D(50), D(25))


def test_appeal_fee_uses_the_appealed_amount_and_no_simple_halving() -> None:
    fee = acceptance_fee(D(78_000), procedure="二审", trial_procedure="简易程序")
    assert (fee.full, fee.charged, fee.halved) == (D(1750), D(1750), False)
    assert "第十七条" in fee.basis


def test_labour_administrative_and_criminal() -> None:
    assert acceptance_fee(D(101_250), cause="劳动争议").full == D(10)
    assert acceptance_fee(D(50_000), cause="劳务合同纠纷").full == D(1050)  # 劳务 is civil, not labour
    assert acceptance_fee(None, category="行政", cause="政府信息公开").full == D(50)
    assert acceptance_fee(None, category="行政", cause="商标行政管理").full == D(100)
    crim = acceptance_fee(None, category="刑事")
    assert crim.full is None and crim.charged is None


def test_divorce_is_a_band_with_a_property_part() -> None:
    fee = acceptance_fee(None, cause="离婚纠纷", trial_procedure="简易程序")
    assert fee.full is None and (fee.low, fee.high) == (D(50), D(300))
    assert fee.charged_band() == (D(25), D(150))
    rich = acceptance_fee(D(300_000), cause="离婚纠纷")
    assert (rich.low, rich.high) == (D(550), D(800))  # 0.5% on the 100,000 above 200,000
    assert fee_text(fee) == "案件受理费50元至300元，减半收取"


def test_personality_rights_and_ip_bands() -> None:
    fee = acceptance_fee(D(120_000), cause="名誉权纠纷")
    assert (fee.low, fee.high) == (D(700), D(1100))  # 500 (1% of 50k–100k) + 100 (0.5% above 100k)
    ip = acceptance_fee(None, cause="著作权权属、侵权纠纷")
    assert (ip.low, ip.high) == (D(500), D(1000))
    assert acceptance_fee(D(100_000), cause="侵害商标权纠纷").full == D(2300)
    other = acceptance_fee(None, cause="排除妨害纠纷")
    assert (other.low, other.high) == (D(50), D(100))


def test_application_fees() -> None:
    assert enforcement_fee(100_000).full == D(1400)
    assert enforcement_fee(1_000_000).full == D(12400)
    assert (enforcement_fee(None).low, enforcement_fee(None).high) == (D(50), D(500))
    assert preservation_fee(50_000) == D(520)
    assert preservation_fee(500_000) == D(3020)
    assert preservation_fee(1_000_000) == D(5000)  # cap
    assert preservation_fee(None) == D(30)
    assert payment_order_fee(100_000) == D("766.67")
    assert bankruptcy_fee(1_000_000) == D(6900)
    assert bankruptcy_fee(200_000_000) == D(300_000)  # cap


def test_fee_text_and_formatting() -> None:
    assert format_yuan(D("1484.5")) == "1484.50"
    assert format_yuan(D("2300.00")) == "2300"
    fee = Fee(D("2969.14"), D("1484.57"), True, "basis")
    assert fee_text(fee) == "案件受理费2969.14元，减半收取计1484.57元"
    assert fee_text(Fee(None, None, False, "刑事")) == "不交纳案件受理费"


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(ValueError):
        acceptance_fee(D(-1))
