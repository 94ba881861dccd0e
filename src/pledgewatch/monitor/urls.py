"""Canonical URLs: one spelling per article, so a copy found again is recognised.

The same article is linked as ``HTTPS://Example.com/a?utm_source=x&b=2&a=1#top`` from a feed
and as ``https://example.com/a?a=1&b=2`` from a sitemap. Both become the second form: scheme
and host lower-cased, default port, fragment and tracking parameters dropped, the remaining
query parameters sorted. Path and parameter values keep their case, since servers may not.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pledgewatch.errors import ConfigurationError

TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "gclsrc", "msclkid", "mc_cid", "mc_eid", "yclid", "igshid"}
)
"""Query parameters that identify a click, not a document (utm_* is handled as a prefix)."""

_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_parameter(name: str) -> bool:
    """True for utm_*, fbclid, gclid and the other click identifiers."""
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in TRACKING_PARAMETERS


def canonical_url(url: str) -> str:
    """The canonical form of an http(s) or file URL (see the module docstring)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "file":
        return urlunsplit(("file", "", parts.path, "", ""))
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ConfigurationError(
            f"{url!r} is not an http(s) URL", ja=f"{url!r} は http(s) の URL ではありません"
        )
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError as exc:
        raise ConfigurationError(
            f"{url!r} has an invalid port", ja=f"{url!r} のポート番号が正しくありません"
        ) from exc
    # Credentials (user:password@) are dropped: a secret, not part of the document's name.
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_parameter(name)
    )
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def file_url(path: Path) -> str:
    """The file:// URL of a local file, absolute, as items from folders are named."""
    return path.expanduser().resolve().as_uri()


def check_web_url(url: str) -> str:
    """The URL itself when it is a plausible http(s) URL; a clear error otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in _DEFAULT_PORTS:
        raise ConfigurationError(
            f"{url!r} is not a web address: give a URL starting with http:// or https://",
            ja=f"{url!r} はウェブのアドレスではありません。http:// か https:// で始まる URL を"
            "指定してください",
        )
    if not parts.hostname:
        raise ConfigurationError(f"{url!r} has no host name", ja=f"{url!r} にホスト名がありません")
    try:
        _ = parts.port
    except ValueError as exc:
        raise ConfigurationError(
            f"{url!r} has an invalid port", ja=f"{url!r} のポート番号が正しくありません"
        ) from exc
    return url.strip()
