"""The span a recogniser reports: what kind of personal information, where, how sure, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Kinds of personal information (anonymization.md §5, issue 5 list). Stable strings: they are
# the "type" field of the anonymiser's JSON report and of the benchmark.
PERSON = "person"
ORGANIZATION = "organization"
ID_NUMBER = "id_number"          # 居民身份证号码 (18 digits GB 11643, or legacy 15)
PHONE = "phone"                  # mobile or landline
BANK_CARD = "bank_card"          # bank card / account number
PLATE = "plate"                  # licence plate
ADDRESS = "address"              # address detail below county/district level
EMAIL = "email"
CREDIT_CODE = "credit_code"      # 统一社会信用代码 (GB 32100)
PASSPORT = "passport"            # passport / HK-Macao / Taiwan permits
BIRTH_DATE = "birth_date"
HEALTH = "health"                # health condition in context
PROPERTY_CERT = "property_cert"  # 不动产权 / 房产证 certificate numbers
ACCOUNT_ID = "account_id"        # 微信号 / QQ号
TECH_INVESTIGATION = "tech_investigation"  # 技术侦查措施

ALL_TYPES = (PERSON, ORGANIZATION, ID_NUMBER, PHONE, BANK_CARD, PLATE, ADDRESS, EMAIL, CREDIT_CODE,
             PASSPORT, BIRTH_DATE, HEALTH, PROPERTY_CERT, ACCOUNT_ID, TECH_INVESTIGATION)


@dataclass(slots=True)
class Detection:
    """One span of personal information found in a text.

    ``start``/``end`` are offsets into the text the recogniser was given; ``text`` is
    ``text[start:end]``. ``confidence`` is in [0, 1]; ``explanation`` says in words which
    pattern, validator and context word led to it (shown to the reviewing clerk).
    ``attrs`` holds kind-specific facts, e.g. ``{"role": "被害人"}`` for a person,
    ``{"keep_end": 12}`` for an address (offset up to which the county-level part is kept),
    ``{"valid_checksum": True}`` for numbers, ``{"normalized": "110105…"}`` after OCR repair.

    Conventions of the pattern recognisers (:mod:`fazhi.privacy.recognizers`):

    * address: the span is only the part below county/district level (the part to delete);
      ``kept`` is the province/city/county prefix left in place, ``keep_end`` its end offset
      (equal to ``start``), ``cue`` the address cue (住, 住所地…; "" for a free-standing address).
    * id_number, bank_card, credit_code: ``normalized`` (separators removed, OCR look-alikes
      repaired) and ``valid_checksum``; id_number adds ``legacy`` for 15-digit numbers.
    * phone: ``normalized`` digits and ``kind`` (mobile, landline, hotline, local).
    * plate: ``normalized``, ``prefix`` (京A, for a partial mask 京A×××××), ``new_energy``, and
      ``suffix`` = "号" when 号 directly follows the plate.
    * birth_date: ``iso`` (YYYY-MM-DD, or YYYY-MM for a month).
    * tech_investigation: ``term`` and ``enumerated`` (the span is one evidence item of a list
      rather than a whole sentence).
    """

    type: str
    start: int
    end: int
    text: str
    confidence: float
    recognizer: str
    explanation: str
    attrs: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "start": self.start, "end": self.end, "text": self.text,
                "confidence": round(self.confidence, 3), "recognizer": self.recognizer,
                "explanation": self.explanation, **({"attrs": self.attrs} if self.attrs else {})}
