"""Pattern recognisers of personal information (anonymization.md §5 detectors, §8/§9 vectors, issue 5).

Every detection must index the text it was given (``text[start:end] == det.text``), so most
tests go through :func:`found`, which checks that before returning the detections.
"""

from __future__ import annotations

import string
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.privacy.recognizers import (
    PRIORITY,
    RECOGNIZERS,
    credit_code_check_char,
    credit_code_ok,
    detect_patterns,
    id_check_char,
    id_checksum_ok,
    luhn_check_digit,
    luhn_ok,
    repair_ocr_digits,
)
from fazhi.privacy.types import (
    ACCOUNT_ID,
    ADDRESS,
    ALL_TYPES,
    BANK_CARD,
    BIRTH_DATE,
    CREDIT_CODE,
    EMAIL,
    HEALTH,
    ID_NUMBER,
    PASSPORT,
    PHONE,
    PLATE,
    PROPERTY_CERT,
    TECH_INVESTIGATION,
    Detection,
)


def found(text: str, kind: str | None = None) -> list[Detection]:
    """Run the recognisers, check the invariants every result must satisfy, filter by kind."""
    dets = detect_patterns(text)
    last_end = 0
    for d in dets:
        assert text[d.start:d.end] == d.text, d
        assert d.start >= last_end, f"overlap or unsorted: {d}"  # sorted, non-overlapping
        last_end = d.end
        assert 0.0 <= d.confidence <= 1.0
        assert d.type in ALL_TYPES
        assert d.explanation
        assert d.recognizer in {r.name for r in RECOGNIZERS}
    return [d for d in dets if kind is None or d.type == kind]


def texts(text: str, kind: str) -> list[str]:
    return [d.text for d in found(text, kind)]


# =============================================================================================
# Validators
# =============================================================================================


class TestIdChecksum:
    @pytest.mark.parametrize("valid", [
        "11010519491231002X",  # the textbook GB 11643 sample
        "11010519491231002x",  # lower-case x accepted
        "110105199001011232",  # anonymization.md §9 ("valid checksum"), checked by hand: Σ=321, 321 mod 11 = 2 → '2'
        "110108196503021233",  # anonymization.md §8 Example A
    ])
    def test_known_valid(self, valid: str) -> None:
        assert id_checksum_ok(valid)

    @pytest.mark.parametrize("invalid", [
        "110105199001011233",   # last digit changed
        "110105199001011231",
        "11010519491231002",    # 17 chars
        "1101051949123100211",  # 19 chars
        "11O105199001011232",   # OCR letter not repaired: the strict validator refuses it
        "１１０１０５１９９００１０１１２３２",  # full-width digits are not ASCII digits
        "",
    ])
    def test_invalid(self, invalid: str) -> None:
        assert not id_checksum_ok(invalid)

    def test_check_char_matches_validator(self) -> None:
        assert id_check_char("11010519491231002") == "X"
        assert id_check_char("11010519900101123") == "2"
        with pytest.raises(ValueError):
            id_check_char("1101051990010112")

    @given(st.text(alphabet=string.digits, min_size=17, max_size=17))
    def test_every_17_digits_have_exactly_one_check_char(self, first17: str) -> None:
        good = id_check_char(first17)
        assert id_checksum_ok(first17 + good)
        assert sum(id_checksum_ok(first17 + c) for c in "0123456789X") == 1


class TestLuhn:
    def test_known(self) -> None:
        assert luhn_ok("79927398713")  # the classic Luhn example
        assert luhn_ok("4111111111111111")  # Visa test card
        assert not luhn_ok("4111111111111112")
        assert not luhn_ok("6222021001000000000")  # the account of Example C is not Luhn-valid
        assert not luhn_ok("6222 0210")  # spaces are not digits
        assert not luhn_ok("7")

    def test_check_digit(self) -> None:
        assert luhn_check_digit("7992739871") == "3"
        assert luhn_ok("622202100100000000" + luhn_check_digit("622202100100000000"))


class TestCreditCode:
    def test_known_valid(self) -> None:
        assert credit_code_ok("91350100M000100Y43")  # the GB 32100 sample code, checked by hand

    def test_spec_example_has_a_wrong_check_char(self) -> None:
        # anonymization.md Example C uses 91310115MA1K000000; its check character should be 3.
        assert not credit_code_ok("91310115MA1K000000")
        assert credit_code_check_char("91310115MA1K00000") == "3"
        assert credit_code_ok("91310115MA1K000003")

    def test_refuses_letters_outside_the_alphabet(self) -> None:
        assert not credit_code_ok("91310115MA1K0000O3")  # O is not in GB 32100's 31 symbols
        assert not credit_code_ok("91310115ma1k000003")  # upper case only
        with pytest.raises(ValueError):
            credit_code_check_char("9131011")


def test_repair_ocr_digits() -> None:
    assert repair_ocr_digits("1101 0519 9001 0112 32") == "110105199001011232"
    assert repair_ocr_digits("11O105199001011232") == "110105199001011232"
    assert repair_ocr_digits("l1010519900101123２") == "110105199001011232"
    assert repair_ocr_digits("110105-19491231-002x") == "11010519491231002X"
    assert repair_ocr_digits("139—1234—5678") == "13912345678"
    assert repair_ocr_digits("I39") == "139"


# =============================================================================================
# Spec worked examples and test vectors (anonymization.md §8, §9)
# =============================================================================================


def test_example_a_party_block() -> None:
    text = ("原告：王建国，男，1965年3月2日出生，汉族，住北京市海淀区中关村南大街5号院3号楼201室，"
            "公民身份号码110108196503021233，电话13912345678。")
    dets = found(text)
    assert [(d.type, d.text) for d in dets] == [
        (BIRTH_DATE, "1965年3月2日"),
        (ADDRESS, "中关村南大街5号院3号楼201室"),
        (ID_NUMBER, "110108196503021233"),
        (PHONE, "13912345678"),
    ]
    address = dets[1]
    assert address.attrs["kept"] == "北京市海淀区"
    assert text[:address.start].endswith("住北京市海淀区")
    assert address.attrs["keep_end"] == address.start
    assert dets[2].confidence >= 0.98 and dets[2].attrs == {"normalized": "110108196503021233", "valid_checksum": True}
    assert "公民身份号码" in dets[2].explanation
    assert dets[3].attrs["kind"] == "mobile"


def test_example_a_second_party_and_lawyer() -> None:
    text = ("被告：王建华，女，1968年7月9日出生，汉族，住北京市朝阳区建国路88号。\n"
            "委托诉讼代理人：刘明，北京某某律师事务所律师，执业证号11101201010123456。")
    dets = found(text)
    assert [(d.type, d.text) for d in dets] == [(BIRTH_DATE, "1968年7月9日"), (ADDRESS, "建国路88号")]
    assert dets[1].attrs["kept"] == "北京市朝阳区"


def test_example_b_criminal_case() -> None:
    text = ("被告人李强，男，1990年1月1日出生……因涉嫌盗窃罪于2023年3月1日被刑事拘留。\n"
            "……被害人赵丽（女，16岁）的手机（价值人民币3000元）被盗……证人孙伟证实……"
            "经北京某某司法鉴定中心鉴定人周杰鉴定……被告人驾驶的京A12345号小型轿车……")
    dets = found(text)
    assert [(d.type, d.text) for d in dets] == [(BIRTH_DATE, "1990年1月1日"), (PLATE, "京A12345")]
    plate = dets[1]
    assert plate.attrs["prefix"] == "京A"  # for the partial mask 京A×××××
    assert plate.attrs["suffix"] == "号"
    assert plate.confidence > 0.95  # 驾驶/轿车 nearby


def test_example_c_contract_dispute() -> None:
    text = ("原告：上海甲乙丙贸易有限公司，住所地上海市浦东新区张江路100号，统一社会信用代码91310115MA1K000000。"
            "法定代表人：陈红，董事长。\n"
            "被告：钱多多，男，1985年5月5日出生，住上海市徐汇区漕溪北路1号，开户行工商银行账号6222021001000000000。")
    dets = found(text)
    assert [(d.type, d.text) for d in dets] == [
        (ADDRESS, "张江路100号"),
        (CREDIT_CODE, "91310115MA1K000000"),
        (BIRTH_DATE, "1985年5月5日"),
        (ADDRESS, "漕溪北路1号"),
        (BANK_CARD, "6222021001000000000"),
    ]
    assert dets[0].attrs["kept"] == "上海市浦东新区" and dets[0].attrs["cue"] == "住所地"
    code = dets[1]
    assert code.attrs["valid_checksum"] is False and 0.6 <= code.confidence <= 0.75
    assert "3" in code.explanation  # says what the check character should be
    assert dets[3].attrs["kept"] == "上海市徐汇区"
    account = dets[4]
    assert account.attrs["valid_checksum"] is False  # not Luhn-valid, found by 账号
    assert 0.8 <= account.confidence < 0.95


def test_vector_id_anywhere() -> None:
    text = "公民身份号码110105199001011232，"
    assert [(d.type, d.text) for d in found(text)] == [(ID_NUMBER, "110105199001011232")]
    # "anywhere": a valid ID is found without any context word too.
    (d,) = found("王某某110105199001011232的借条", ID_NUMBER)
    assert d.text == "110105199001011232" and 0.9 <= d.confidence < 0.99


def test_vector_case_number_judge_and_dates_unchanged() -> None:
    text = ("北京市朝阳区人民法院\n民事判决书\n（2023）京0105民初12345号\n"
            "审判长 张伟\n二〇二三年五月十日\n书记员 李丽")
    assert found(text) == []


def test_vector_party_address() -> None:
    text = "被告住北京市朝阳区建国路88号"
    (d,) = found(text)
    assert (d.type, d.text, d.attrs["kept"]) == (ADDRESS, "建国路88号", "北京市朝阳区")
    assert text[:d.start] + text[d.end:] == "被告住北京市朝阳区"


def test_vector_plate_as_evidence() -> None:
    (d,) = found("车牌号为京A12345的小型轿车是本案关键证据", PLATE)
    assert d.text == "京A12345" and d.attrs["prefix"] == "京A"


# =============================================================================================
# ID numbers
# =============================================================================================


class TestIdNumber:
    @pytest.mark.parametrize("noisy", [
        "1101 0519 9001 0112 32",
        "110105 19900101 1232",
        "110105-19900101-1232",
        "11O105199001011232",
        "11o1O5199001011232",
        "l10105199001011232",
        "11010519900101I232",
        "１１０１０５１９９００１０１１２３２",
    ])
    def test_ocr_noise_with_context(self, noisy: str) -> None:
        text = f"被告人张某，公民身份号码{noisy}，住所略。"
        (d,) = found(text, ID_NUMBER)
        assert d.text == noisy
        assert d.attrs == {"normalized": "110105199001011232", "valid_checksum": True}
        assert d.confidence >= 0.95

    def test_ocr_noise_without_context(self) -> None:
        (d,) = found("借款人11O105199001011232签字", ID_NUMBER)
        assert d.text == "11O105199001011232" and d.attrs["normalized"] == "110105199001011232"
        assert "OCR" in d.explanation

    def test_lower_case_x(self) -> None:
        (d,) = found("身份证号11010519491231002x。", ID_NUMBER)
        assert d.text == "11010519491231002x" and d.attrs["normalized"] == "11010519491231002X"

    def test_wrong_check_digit_with_context_is_still_reported(self) -> None:
        (d,) = found("公民身份号码110105199001011233，", ID_NUMBER)
        assert d.text == "110105199001011233"
        assert d.attrs["valid_checksum"] is False
        assert d.confidence == pytest.approx(0.6)
        assert "check digit wrong" in d.explanation and "应为2" in d.explanation

    def test_wrong_check_digit_without_context_is_not_reported(self) -> None:
        assert found("编码110105199001011233，", ID_NUMBER) == []
        assert found("110105199001011233", ID_NUMBER) == []

    def test_impossible_birth_date_without_context(self) -> None:
        first17 = "11010519901301123"  # month 13
        assert found("号码" + first17 + id_check_char(first17), ID_NUMBER) == []

    def test_wrong_length_after_context(self) -> None:
        (d,) = found("身份证号码11010519900101123，", ID_NUMBER)  # 17 digits: a digit lost
        assert d.confidence <= 0.6 and d.attrs["valid_checksum"] is False

    def test_legacy_15_digits_needs_context(self) -> None:
        (d,) = found("身份证号码110105900101123，", ID_NUMBER)
        assert d.text == "110105900101123" and d.attrs.get("legacy") is True
        assert found("编号110105900101123的合同", ID_NUMBER) == []

    def test_not_inside_a_longer_digit_run(self) -> None:
        assert found("流水号9110105199001011232", ID_NUMBER) == []
        assert found("1101051990010112321", ID_NUMBER) == []

    def test_two_numbers_separated_by_a_space(self) -> None:
        text = "身份证号110105199001011232 13912345678"
        dets = found(text)
        assert [(d.type, d.text) for d in dets] == [(ID_NUMBER, "110105199001011232"), (PHONE, "13912345678")]


# =============================================================================================
# Phones
# =============================================================================================


class TestPhone:
    @pytest.mark.parametrize(("text", "number"), [
        ("电话13912345678。", "13912345678"),
        ("联系电话：139-1234-5678。", "139-1234-5678"),
        ("手机 139 1234 5678，", "139 1234 5678"),
        ("手机+86 13912345678，", "+86 13912345678"),
        ("手机+8613912345678，", "+8613912345678"),
        ("其使用的18612345678号码", "18612345678"),
        ("电话010-12345678", "010-12345678"),
        ("电话0755-27644225，", "0755-27644225"),
        ("座机01012345678，", "01012345678"),
        ("客服400-810-8888", "400-810-8888"),
        ("电话010-12345678转801，", "010-12345678转801"),
    ])
    def test_formats(self, text: str, number: str) -> None:
        assert texts(text, PHONE) == [number]

    def test_local_number_only_after_context(self) -> None:
        assert texts("联系电话：87654321", PHONE) == ["87654321"]
        assert texts("共计87654321件", PHONE) == []

    @pytest.mark.parametrize("text", [
        "借款13912345678元",           # an amount, not a phone
        "借款 13912345678 元",
        "价值人民币13912345678",
        "（2023）京0105民初12345号",    # case number
        "公民身份号码110105199001011232",  # a phone-like piece inside an ID
        "卡号6222021391234567800",       # …and inside a card number
        "第13912345678号",
        "13912345678.50",
        "www.13912345678.com",
        "2023年12月13日",
    ])
    def test_negatives(self, text: str) -> None:
        assert found(text, PHONE) == []


# =============================================================================================
# Bank cards and accounts
# =============================================================================================


def _luhn_card(payload: str) -> str:
    return payload + luhn_check_digit(payload)


class TestBankCard:
    def test_luhn_valid_card_after_context(self) -> None:
        card = _luhn_card("622848001234567890")
        (d,) = found(f"被告名下中国农业银行卡（卡号：{card}）", BANK_CARD)
        assert d.text == card and d.attrs["valid_checksum"] is True and d.confidence >= 0.98

    def test_card_in_groups_of_four(self) -> None:
        card = _luhn_card("622202100100000000")
        grouped = " ".join(card[i:i + 4] for i in range(0, len(card), 4))
        (d,) = found(f"银行卡号{grouped}。", BANK_CARD)
        assert d.text == grouped and d.attrs["normalized"] == card

    def test_corporate_account(self) -> None:
        (d,) = found("对公账户：110060224018010012345，开户行交通银行", BANK_CARD)
        assert d.text == "110060224018010012345" and d.confidence >= 0.85

    def test_context_after_the_number(self) -> None:
        card = _luhn_card("436742000123456")
        assert texts(f"转入{card}的银行卡", BANK_CARD) == [card]

    def test_luhn_valid_without_context_is_a_card_with_lower_confidence(self) -> None:
        card = _luhn_card("621700324000223")
        (d,) = found(f"向{card}转入", BANK_CARD)
        assert d.text == card and 0.7 <= d.confidence <= 0.8

    def test_without_context_and_without_luhn_nothing(self) -> None:
        card = _luhn_card("621700324000223")
        bad = card[:-1] + str((int(card[-1]) + 1) % 10)
        assert found(f"向{bad}转入", BANK_CARD) == []

    def test_not_an_id_or_phone(self) -> None:
        assert [d.type for d in found("中国银行职员，公民身份号码110105199001011232")] == [ID_NUMBER]
        assert [d.type for d in found("银行预留手机13912345678")] == [PHONE]

    def test_contract_numbers_near_bank_are_not_accounts(self) -> None:
        assert found("与招商银行签订编号为38021116001905的《个人贷款合同》", BANK_CARD) == []

    def test_lawyer_licence_number_is_kept(self) -> None:
        text = "北京某某律师事务所律师，执业证号11101201010123456，律师执业证11101201010123456"
        assert found(text) == []


# =============================================================================================
# Plates
# =============================================================================================


class TestPlate:
    @pytest.mark.parametrize(("text", "plate"), [
        ("驾驶京A12345号小型轿车", "京A12345"),
        ("驾驶粤B·D12345号新能源汽车", "粤B·D12345"),
        ("粤BD12345", "粤BD12345"),
        ("粤B12345D号大型客车", "粤B12345D"),
        ("贵A12345", "贵A12345"),
        ("云LR7399号长安牌小型普通客车", "云LR7399"),
        ("蒙K 12345", "蒙K 12345"),
        ("鲁A1234挂重型半挂车", "鲁A1234挂"),
        ("京A1234学教练车", "京A1234学"),
        ("粤Z1234港", "粤Z1234港"),
    ])
    def test_formats(self, text: str, plate: str) -> None:
        assert texts(text, PLATE) == [plate]

    @pytest.mark.parametrize("text", [
        "（2023）京0105民初12345号",  # a court code, not a plate
        "京A1234567",                 # too long
        "京A123456",                  # six characters but not a new-energy pattern
        "新ABCDE公司",                # letters only
        "京AI2345",                   # I is never used on plates
        "京A12345B7",                 # glued to more Latin/digits
    ])
    def test_negatives(self, text: str) -> None:
        assert found(text, PLATE) == []


# =============================================================================================
# E-mail, accounts, credit codes, passports, property certificates
# =============================================================================================


def test_email_and_account_ids() -> None:
    text = "邮箱zhang.san@163.com，微信号：wxid_abc123，QQ号123456789，支付宝账号lisi@qq.com。"
    assert [(d.type, d.text) for d in found(text)] == [
        (EMAIL, "zhang.san@163.com"), (ACCOUNT_ID, "wxid_abc123"), (ACCOUNT_ID, "123456789"), (EMAIL, "lisi@qq.com"),
    ]


def test_wechat_that_is_a_phone_number_is_a_phone() -> None:
    assert [(d.type, d.text) for d in found("微信13912345678")] == [(PHONE, "13912345678")]


class TestCreditCodeDetection:
    def test_valid_with_context(self) -> None:
        (d,) = found("统一社会信用代码：91350100M000100Y43。", CREDIT_CODE)
        assert d.text == "91350100M000100Y43" and d.attrs["valid_checksum"] is True and d.confidence >= 0.98

    def test_valid_without_context(self) -> None:
        (d,) = found("甲公司（91350100M000100Y43）", CREDIT_CODE)
        assert 0.85 <= d.confidence < 0.98

    def test_invalid_without_context_is_not_reported(self) -> None:
        assert found("甲公司（91310115MA1K000000）", CREDIT_CODE) == []


def test_passports_and_permits() -> None:
    text = ("护照号码E12345678，港澳居民来往内地通行证H1234567801，台湾居民来往大陆通行证号码：12345678，"
            "护照（号码：EA1234567）")
    assert texts(text, PASSPORT) == ["E12345678", "H1234567801", "12345678", "EA1234567"]
    assert found("其护照已过期", PASSPORT) == []


def test_property_certificates() -> None:
    text = ("房屋登记在被告名下，不动产权证书号为京（2020）朝阳区不动产权第0012345号；"
            "另有京房权证朝字第123456号房屋所有权证，房产证号：A2008123，车辆登记证书编号：320012345678。")
    assert texts(text, PROPERTY_CERT) == [
        "京（2020）朝阳区不动产权第0012345号", "京房权证朝字第123456号", "A2008123", "320012345678"]


# =============================================================================================
# Birth dates
# =============================================================================================


class TestBirthDate:
    @pytest.mark.parametrize(("text", "date_text", "iso"), [
        ("男，1985年3月12日出生，汉族", "1985年3月12日", "1985-03-12"),
        ("男，一九八五年三月十二日出生，汉族", "一九八五年三月十二日", "1985-03-12"),
        ("男，出生于1985年3月12日，汉族", "1985年3月12日", "1985-03-12"),
        ("男，1985年3月12日出生于河南省，", "1985年3月12日", "1985-03-12"),
        ("男，1985年3月12日生，汉族", "1985年3月12日", "1985-03-12"),
        ("男，生于1985年3月12日，", "1985年3月12日", "1985-03-12"),
        ("母亲，1946年10月出生，", "1946年10月", "1946-10"),
        ("出生日期：1985-03-12，", "1985-03-12", "1985-03-12"),
    ])
    def test_forms(self, text: str, date_text: str, iso: str) -> None:
        (d,) = found(text, BIRTH_DATE)
        assert d.text == date_text and d.attrs["iso"] == iso

    @pytest.mark.parametrize("text", [
        "二〇二三年五月十日",                        # judgment date
        "因涉嫌盗窃罪于2023年3月1日被刑事拘留",      # detention date
        "本判决自2023年3月1日生效",                  # 生效 is not 生
        "事故发生于2023年3月1日",                    # 发生于 is not 生于
        "于1985年出生",                              # a year alone is not reported
    ])
    def test_negatives(self, text: str) -> None:
        assert found(text, BIRTH_DATE) == []


# =============================================================================================
# Addresses
# =============================================================================================


class TestAddress:
    @pytest.mark.parametrize(("text", "deleted", "kept"), [
        ("住北京市朝阳区建国路88号。", "建国路88号", "北京市朝阳区"),
        ("住北京市海淀区中关村南大街5号院3号楼201室", "中关村南大街5号院3号楼201室", "北京市海淀区"),
        ("住河南省商丘市睢阳区郭村镇李庄村3组。", "郭村镇李庄村3组", "河南省商丘市睢阳区"),
        ("住浙江省义乌市稠城街道江东路88号。", "稠城街道江东路88号", "浙江省义乌市"),
        ("住浙江省金华市义乌市稠城街道江东路88号。", "稠城街道江东路88号", "浙江省金华市义乌市"),
        ("住重庆市石柱土家族自治县南宾镇城南路3号。", "南宾镇城南路3号", "重庆市石柱土家族自治县"),
        ("住内蒙古自治区鄂尔多斯市伊金霍洛旗阿勒腾席热镇某街5号。", "阿勒腾席热镇某街5号",
         "内蒙古自治区鄂尔多斯市伊金霍洛旗"),
        ("住所地北京市北京经济技术开发区科创十三街88号。", "科创十三街88号", "北京市北京经济技术开发区"),
        ("住所地上海市浦东新区张江路100号，", "张江路100号", "上海市浦东新区"),
        ("户籍地湖北省恩施土家族苗族自治州利川市都亭街道解放路12号。", "都亭街道解放路12号",
         "湖北省恩施土家族苗族自治州利川市"),
        ("现住广东省东莞市长安镇振安路3号。", "长安镇振安路3号", "广东省东莞市"),
        ("住朝阳区望京西园小区3号楼。", "望京西园小区3号楼", "朝阳区"),
        ("汉族，住北京市朝阳区农光里10号楼2单元301室。", "农光里10号楼2单元301室", "北京市朝阳区"),
        ("住所地北京市朝阳区望京SOHO塔1座1201室，", "望京SOHO塔1座1201室", "北京市朝阳区"),
        ("家住本村3组。", "本村3组", ""),
        ("经常居住地：江苏省南京市鼓楼区中山北路8号。", "中山北路8号", "江苏省南京市鼓楼区"),
    ])
    def test_after_cue(self, text: str, deleted: str, kept: str) -> None:
        (d,) = found(text, ADDRESS)
        assert d.text == deleted and d.attrs["kept"] == kept
        assert text[d.start - len(kept):d.start] == kept

    def test_free_standing_in_facts(self) -> None:
        (d,) = found("被告人在北京市朝阳区建国路88号附近将被害人拦下。", ADDRESS)
        assert d.text == "建国路88号" and d.attrs["kept"] == "北京市朝阳区"

    @pytest.mark.parametrize("text", [
        "住北京市朝阳区。",                  # stops at district level: nothing to delete
        "户籍地河南省商丘市睢阳区，",
        "被告人于2023年3月1日住院治疗。",   # 住院 is not an address cue
        "原、被告住在一起。",
        "北京市朝阳区人民法院",              # court name
        "本院于北京市朝阳区人民法院审理",
    ])
    def test_negatives(self, text: str) -> None:
        assert found(text, ADDRESS) == []


# =============================================================================================
# Health and technical investigation
# =============================================================================================


class TestHealth:
    def test_diagnoses(self) -> None:
        text = "被告人患有精神分裂症，系艾滋病病毒感染者，住院号：ZY20230012。"
        dets = found(text, HEALTH)
        assert [d.text for d in dets] == ["精神分裂症", "艾滋病病毒感染者", "ZY20230012"]
        assert all(0.5 <= d.confidence <= 0.9 for d in dets)

    @pytest.mark.parametrize("text", [
        "经鉴定，被害人的损伤程度为轻伤二级，右侧第5肋骨骨折。",  # injuries stay in injury cases
        "原告主张残疾赔偿金120000元。",
        "依照《艾滋病防治条例》第三十八条",
        "委托山东精神疾病司法鉴定所鉴定",
    ])
    def test_negatives(self, text: str) -> None:
        assert found(text, HEALTH) == []


def test_technical_investigation_clause() -> None:
    text = "公安机关依法对被告人采取技术侦查措施，获取其通话记录。上述事实，有证人证言、技侦材料、书证等证据证实。"
    dets = found(text, TECH_INVESTIGATION)
    # the clause that names the measure, not the whole sentence (names in it may have to stay)
    assert [d.text for d in dets] == ["公安机关依法对被告人采取技术侦查措施，", "技侦材料"]
    assert dets[1].attrs["enumerated"] is True


# =============================================================================================
# Overlaps, offsets, registry
# =============================================================================================


def test_priority_order() -> None:
    assert PRIORITY[TECH_INVESTIGATION] > PRIORITY[ID_NUMBER] > PRIORITY[BANK_CARD] > PRIORITY[PHONE]
    assert {r.type for r in RECOGNIZERS} == set(PRIORITY)
    assert len({r.name for r in RECOGNIZERS}) == len(RECOGNIZERS)


def test_clause_to_delete_and_numbers_beside_it() -> None:
    text = "经技术侦查，调取13912345678的通话记录。"
    assert [(d.type, d.text) for d in found(text)] == [(TECH_INVESTIGATION, "经技术侦查，"), (PHONE, "13912345678")]


def test_offsets_with_full_width_and_surrogates() -> None:
    text = "😀原告（身份证号：１１０１０５１９９００１０１１２３２）电话：１３９１２３４５６７８"
    dets = found(text)
    assert [(d.type, d.text) for d in dets] == [
        (ID_NUMBER, "１１０１０５１９９００１０１１２３２"), (PHONE, "１３９１２３４５６７８")]


def test_empty_and_plain_text() -> None:
    assert detect_patterns("") == []
    assert detect_patterns("本院认为，原告的诉讼请求于法有据，应予支持。") == []


def test_types_filter() -> None:
    text = "电话13912345678，身份证号110105199001011232"
    assert [d.type for d in detect_patterns(text, types={PHONE})] == [PHONE]


# =============================================================================================
# Property tests: recall and offsets on random embeddings
# =============================================================================================

# Filler characters that form no context word, unit, cue or boundary-breaking token.
_FILLER = ("的是在不了有和人这中大为上个我以要他来们到作地就分对成会可主发动工也能下过子说种面而方后多定学所得经十三之"
           "进着等部度家力如水化高自理起小物现实加量都两体制当使点从本去把性好开它还因其些然前外天那义事平形相全表间"
           "样与关各重新线内数正心反你明看原又么利比或但质气向道此变条只没结解问意建无系很情者最立代想已通并直题程展"
           "五果料象员位入常文总次品式活设及管特件求老头基资边流级少图统接知较将见计别她角期根论运农指几九强放决被干"
           "做必战先回则任取据处研，。；、")
_PROVINCE_CODES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
                   "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"]

filler = st.text(alphabet=_FILLER, max_size=30)


@st.composite
def valid_ids(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(_PROVINCE_CODES)) + draw(st.text(alphabet=string.digits, min_size=4, max_size=4))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date.today()))
    seq = draw(st.text(alphabet=string.digits, min_size=3, max_size=3))
    first17 = region + born.strftime("%Y%m%d") + seq
    return first17 + id_check_char(first17)


@settings(max_examples=150, deadline=None)
@given(valid_ids(), filler, filler, st.sampled_from(["", "公民身份号码", "身份证号：", "（身份证号码"]))
def test_random_valid_ids_are_all_found(number: str, before: str, after: str, cue: str) -> None:
    text = before + cue + number + after
    start = len(before) + len(cue)
    dets = found(text, ID_NUMBER)
    assert [(d.start, d.end, d.text) for d in dets] == [(start, start + 18, number)]
    assert dets[0].attrs["valid_checksum"] is True


@settings(max_examples=150, deadline=None)
@given(valid_ids(), filler, filler)
def test_random_valid_ids_in_groups_are_found(number: str, before: str, after: str) -> None:
    grouped = f"{number[:6]} {number[6:14]} {number[14:]}"
    text = before + "身份证号" + grouped + after
    (d,) = found(text, ID_NUMBER)
    assert (d.start, d.text, d.attrs["normalized"]) == (len(before) + 4, grouped, number)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from("3456789"), st.text(alphabet=string.digits, min_size=9, max_size=9), filler, filler,
       st.sampled_from(["", "电话", "手机号：", "联系方式"]))
def test_random_mobiles_are_all_found(second: str, rest: str, before: str, after: str, cue: str) -> None:
    number = "1" + second + rest
    text = before + cue + number + after
    start = len(before) + len(cue)
    dets = found(text, PHONE)
    assert [(d.start, d.end, d.text) for d in dets] == [(start, start + 11, number)]


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=16, max_value=19), st.data(), filler, filler)
def test_random_luhn_cards_after_context_are_all_found(length: int, data: st.DataObject, before: str,
                                                       after: str) -> None:
    payload = data.draw(st.text(alphabet=string.digits, min_size=length - 1, max_size=length - 1))
    card = payload + luhn_check_digit(payload)
    text = before + "卡号" + card + after
    start = len(before) + 2
    dets = found(text, BANK_CARD)
    assert [(d.start, d.end, d.text) for d in dets] == [(start, start + length, card)]
    assert dets[0].attrs["valid_checksum"] is True
