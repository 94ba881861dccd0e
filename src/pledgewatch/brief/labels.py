"""Every word the faces show, in English and Japanese, looked up by key."""

from __future__ import annotations

from typing import Final

LABELS: Final[dict[str, tuple[str, str]]] = {
    "agreement": ("Agreement", "合意"),
    "agreements": ("Agreements", "合意一覧"),
    "date": ("Date", "日付"),
    "place": ("Place", "場所"),
    "parties": ("Parties", "当事者"),
    "program": ("Program", "日程"),
    "documents": ("Documents", "文書"),
    "commitments": ("Commitments", "コミットメント"),
    "commitment": ("Commitment", "コミットメント"),
    "id": ("ID", "ID"),
    "statement": ("Statement", "内容"),
    "sectors": ("Sectors", "分野"),
    "strength": ("Strength", "拘束の強さ"),
    "deadline": ("Deadline", "期限"),
    "precision": ("Precision", "精度"),
    "basis": ("Basis", "根拠"),
    "rule": ("Computed as", "算出方法"),
    "written_in": ("Written in", "記載箇所"),
    "status": ("Status", "状況"),
    "source": ("Source", "出典"),
    "section": ("Section", "節"),
    "passage": ("Passage", "該当箇所"),
    "span": ("Characters", "文字位置"),
    "no_span": ("Exact span not available", "正確な位置は未確定"),
    "conditions": ("Conditions", "条件"),
    "follow_ons": ("Follow-on obligations", "後続の義務"),
    "if_missed": ("If missed", "不履行の場合"),
    "waiting_for": ("Waiting for", "待機中の事象"),
    "history": ("History", "履歴"),
    "recorded_by": ("By", "記録者"),
    "reason": ("Reason", "理由"),
    "responsible": ("Responsible bodies", "担当機関"),
    "actors": ("Actors", "実施主体"),
    "grey_zone": ("Grey zone", "グレーゾーン"),
    "note": ("Note", "注記"),
    "soft": ("soft", "参考"),
    "watch_points": ("Watch points", "注目ポイント"),
    "due": ("Due", "期日"),
    "days_left": ("Days left", "残り日数"),
    "ongoing": ("ongoing", "継続中"),
    "deadlines": ("Deadlines", "期限一覧"),
    "pending": ("Deadlines waiting for an event", "事象待ちの期限"),
    "by_status": ("By status", "状況別"),
    "by_sector": ("By sector (primary)", "分野別（主分野）"),
    "by_party": ("By party", "当事者別"),
    "projects": ("Investment projects", "投資案件"),
    "named": ("named", "件を特定"),
    "listed": ("listed in the sources", "件が資料に記載"),
    "announced": ("announced (up to)", "発表額（上限）"),
    "as_of": ("as of", "基準日"),
    "minutes": ("min", "分"),
    "count": ("Count", "件数"),
    "error": ("Error", "エラー"),
    "hint": ("See", "参照"),
    "none": ("none", "なし"),
    "loaded": ("Loaded", "読み込み完了"),
    "unchanged": ("Already loaded, unchanged", "読み込み済み（変更なし）"),
    "replaced": ("Replaced (history kept)", "置き換え（履歴は保持）"),
    "created": ("Loaded", "読み込み完了"),
    "initialised": ("Database ready", "データベース準備完了"),
    "event_recorded": ("Event recorded", "事象を記録しました"),
    "events": ("Condition events", "条件となる事象"),
    "occurrences": ("Occurrences", "発生記録"),
    "day": ("day", "日"),
    "month": ("month", "月"),
    "quarter": ("quarter", "四半期"),
    "fiscal_year": ("fiscal year", "年度"),
    "year": ("year", "年"),
    "binding": ("binding", "拘束的"),
    "intent": ("intent", "意図"),
    "aspiration": ("aspiration", "努力目標"),
    "not_started": ("not started", "未着手"),
    "in_progress": ("in progress", "進行中"),
    "achieved": ("achieved", "達成"),
    "missed": ("missed", "未達"),
    "setback": ("setback", "後退"),
    "unclear": ("unclear", "不明"),
    "overdue": ("overdue", "超過"),
    "days": ("days", "日"),
}


def label(key: str, lang: str) -> str:
    """The word for ``key`` in ``lang``; an unknown key is shown as itself, never dropped."""
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "ja" else pair[0]


def days_left_text(days: int, lang: str) -> str:
    """'38 days left' / 'あと38日', or '12 days overdue' / '12日超過'."""
    if lang == "ja":
        if days > 0:
            return f"あと{days}日"
        return "本日期限" if days == 0 else f"{-days}日超過"
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} left"
    return "due today" if days == 0 else f"{-days} day{'s' if days != -1 else ''} overdue"
