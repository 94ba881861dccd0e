"""pydantic's field errors in Japanese, for the problems of agreement, thesaurus and review files.

pydantic words its messages in English only ("Field required", "Input should be a valid
date"). The English message is kept as pydantic writes it; this module gives the same problem
in Japanese, from the error's type and context, so a Japanese reader sees every problem of a
file in Japanese, each with its line and field.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import ErrorDetails

from pledgewatch.errors import japanese_reason

_BY_TYPE: dict[str, str] = {
    "missing": "必須の項目がありません",
    "extra_forbidden": "この項目は使えません",
    "string_type": "文字列で書いてください",
    "string_too_short": "{min_length}文字以上で書いてください",
    "string_too_long": "{max_length}文字以内で書いてください",
    "string_pattern_mismatch": "形式が正しくありません（パターン {pattern}）",
    "literal_error": "{expected} のいずれかを指定してください",
    "enum": "{expected} のいずれかを指定してください",
    "int_type": "整数で書いてください",
    "int_parsing": "整数で書いてください",
    "int_from_float": "整数で書いてください（小数は使えません）",
    "float_type": "数値で書いてください",
    "float_parsing": "数値で書いてください",
    "decimal_type": "数値で書いてください",
    "decimal_parsing": "数値で書いてください",
    "greater_than": "{gt} より大きい値にしてください",
    "greater_than_equal": "{ge} 以上にしてください",
    "less_than": "{lt} 未満にしてください",
    "less_than_equal": "{le} 以下にしてください",
    "bool_type": "true か false で書いてください",
    "bool_parsing": "true か false で書いてください",
    "date_type": "正しい日付を YYYY-MM-DD の形で書いてください",
    "date_parsing": "正しい日付を YYYY-MM-DD の形で書いてください",
    "date_from_datetime_parsing": "正しい日付を YYYY-MM-DD の形で書いてください",
    "date_from_datetime_inexact": "時刻を含まない日付（YYYY-MM-DD）を書いてください",
    "time_type": '時刻を "HH:MM" の形で書いてください',
    "time_parsing": '時刻を "HH:MM" の形で書いてください',
    "list_type": "リストで書いてください",
    "too_short": "{min_length}件以上必要です",
    "too_long": "{max_length}件以内にしてください",
    "dict_type": "項目名と値の組（マッピング）で書いてください",
    "model_type": "項目名と値の組（マッピング）で書いてください",
    "model_attributes_type": "項目名と値の組（マッピング）で書いてください",
}


def field_error_ja(error: ErrorDetails) -> str:
    """The Japanese message of one pydantic error, with the values of its context."""
    context: dict[str, Any] = dict(error.get("ctx") or {})
    if error["type"] in ("value_error", "assertion_error") and "error" in context:
        return japanese_reason(context["error"], otherwise="値が正しくありません")
    template = _BY_TYPE.get(error["type"])
    if template is None:
        return f"値が正しくありません（{error['msg']}）"
    if "expected" in context:
        context["expected"] = str(context["expected"]).replace(" or ", ", ")
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return f"値が正しくありません（{error['msg']}）"
