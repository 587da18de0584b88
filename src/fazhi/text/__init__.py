"""Text toolkit: normalise judgment text and read its numbers, money, dates and penalty terms.

Every extractor builds on these small verbs; they are pure functions over strings, fast enough for
hundreds of judgments a second, and raise ``ValueError`` (:class:`TextParseError`) on bad input.
"""

from fazhi.text.dates import DateSpan, date_to_chinese, find_dates, parse_date
from fazhi.text.durations import Term, find_terms, parse_term
from fazhi.text.money import MoneySpan, find_money, money_to_capitals, parse_money
from fazhi.text.normalize import fold_width, normalize, repair_line_breaks, strip_invisible
from fazhi.text.numerals import TextParseError, cn_to_int, digits_to_cn, int_to_cn, parse_number

__all__ = [
    "DateSpan",
    "MoneySpan",
    "Term",
    "TextParseError",
    "cn_to_int",
    "date_to_chinese",
    "digits_to_cn",
    "find_dates",
    "find_money",
    "find_terms",
    "fold_width",
    "int_to_cn",
    "money_to_capitals",
    "normalize",
    "parse_date",
    "parse_money",
    "parse_number",
    "parse_term",
    "repair_line_breaks",
    "strip_invisible",
]
