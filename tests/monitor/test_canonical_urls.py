from __future__ import annotations

from pathlib import Path

import pytest

from pledgewatch.errors import ConfigurationError
from pledgewatch.monitor.urls import canonical_url, check_web_url, file_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Example.COM/News/A?b=2&a=1#top", "https://example.com/News/A?a=1&b=2"),
        (
            "https://example.com/a?utm_source=x&utm_medium=rss&id=7&fbclid=abc&gclid=z",
            "https://example.com/a?id=7",
        ),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com", "https://example.com/"),
        ("https://user:secret@example.com/a", "https://example.com/a"),
        (
            "https://www.meti.go.jp/press/2025/10/20251028001/20251028001.html?lang=ja",
            "https://www.meti.go.jp/press/2025/10/20251028001/20251028001.html?lang=ja",
        ),
        ("https://例え.jp/記事?q=日米", "https://例え.jp/記事?q=%E6%97%A5%E7%B1%B3"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_copies_of_one_url_share_the_canonical_form() -> None:
    variants = [
        "https://news.example.com/a?id=1&utm_campaign=feed",
        "HTTPS://NEWS.EXAMPLE.COM/a?id=1#comments",
        "https://news.example.com:443/a?fbclid=xyz&id=1",
    ]
    assert len({canonical_url(v) for v in variants}) == 1


def test_file_urls_name_local_files(tmp_path: Path) -> None:
    path = tmp_path / "記事 1.txt"
    assert canonical_url(file_url(path)) == file_url(path)
    assert file_url(path).startswith("file:///")


@pytest.mark.parametrize(
    "bad", ["ftp://example.com/feed", "example.com/feed", "https://", "http://x:99999/"]
)
def test_bad_web_urls_are_refused_clearly(bad: str) -> None:
    with pytest.raises(ConfigurationError):
        check_web_url(bad)
