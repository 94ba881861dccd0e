"""HTTP GET under a FetchPolicy: the guard, limits, retries, politeness and conditional GETs.

Redirects are followed here, one hop at a time, rather than by httpx, so that each hop is
counted, loops are caught and every new host goes through the guard (guard.py) again. httpx
and httpcore errors are translated into errors.py's FetchError family at this boundary.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType

import httpcore
import httpx

from pledgewatch.errors import (
    FetchError,
    FetchRefusedError,
    FetchStatusError,
    FetchTimeoutError,
    FetchTooLargeError,
)
from pledgewatch.fetch.guard import Allowances, GuardedBackend, check_scheme
from pledgewatch.fetch.policy import FetchPolicy

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# 501 (not implemented) and 505 (version not supported) will not change on a second try.
_PERMANENT_SERVER_ERRORS = frozenset({501, 505})
RETRY_AFTER_CAP_SECONDS = 60.0
"""A server asking to wait longer than this gets no retry: the fetch fails with its status."""


@dataclass(frozen=True)
class Fetched:
    """One successful answer to a GET (after redirects), or a 304 to a conditional GET."""

    url: str
    """The final URL, after redirects."""
    status: int
    content: bytes
    content_type: str | None
    """The media type without parameters, lower-case ("text/html")."""
    charset: str | None
    """The charset named in the Content-Type header, lower-case, if any."""
    etag: str | None
    last_modified: str | None
    not_modified: bool
    """True on a 304 answer to a conditional GET; `content` is then empty."""


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool whose every connection the guard checks.

    No proxy is used (the guard would otherwise check the proxy's address, not the target's).
    """

    def __init__(self, allowances: Allowances) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=GuardedBackend(allowances),
        )


class HostClock:
    """Politeness: spaces requests to one host at least `interval` seconds apart (thread-safe)."""

    def __init__(self, interval: float) -> None:
        self._interval = interval
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        """Sleep until `host` may be asked again, and book the next slot."""
        if self._interval <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self._interval
        if slot > now:
            time.sleep(slot - now)


class Fetcher:
    """Fetches URLs under a FetchPolicy; a context manager holding one httpx.Client.

    Thread-safe: several threads may call `get` on one Fetcher; the per-host clock is shared.
    """

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._clock = HostClock(self.policy.host_interval_seconds)
        self._client = httpx.Client(
            transport=GuardedTransport(Allowances.from_policy(self.policy)),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": self.policy.user_agent},
        )

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET `url`, following redirects; send If-None-Match / If-Modified-Since when given.

        Raises FetchRefusedError (guard, scheme, redirects), FetchTooLargeError,
        FetchTimeoutError, FetchStatusError (an error status after retries) or FetchError.
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                return self._follow(url, headers)
            except _Retryable as retry:
                if attempt >= self.policy.retries or retry.wait > RETRY_AFTER_CAP_SECONDS:
                    raise retry.error from None
                time.sleep(max(retry.wait, self.policy.backoff_seconds * 2**attempt))
                attempt += 1

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _follow(self, url: str, headers: dict[str, str]) -> Fetched:
        """One attempt: the request and its redirects, within one time budget."""
        deadline = time.monotonic() + self.policy.timeout_seconds
        seen: list[str] = []
        current = url
        while True:
            request_url = self._checked_url(current)
            seen.append(str(request_url))
            with self._translated(current), self._open(request_url, headers, deadline) as response:
                status = response.status_code
                if status in REDIRECT_STATUSES and "location" in response.headers:
                    current = self._redirect_target(response, seen)
                    continue
                if status == 304:
                    return self._fetched(response, b"", not_modified=True)
                if 200 <= status < 300:
                    return self._fetched(response, self._read(response, deadline))
                raise self._status_error(response)

    def _checked_url(self, url: str) -> httpx.URL:
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as error:
            raise FetchError(
                url, f"not a valid URL ({error})", reason_ja=f"正しい URL ではありません（{error}）"
            ) from error
        check_scheme(url, parsed.scheme)
        if not parsed.host:
            raise FetchError(url, "the URL has no host", reason_ja="URL にホストがありません")
        return parsed

    @contextmanager
    def _open(
        self, url: httpx.URL, headers: dict[str, str], deadline: float
    ) -> Iterator[httpx.Response]:
        self._clock.wait(url.host)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise self._timeout(str(url))
        request = self._client.build_request(
            "GET", url, headers=headers, timeout=httpx.Timeout(remaining)
        )
        response = self._client.send(request, stream=True)
        try:
            yield response
        finally:
            response.close()

    @contextmanager
    def _translated(self, url: str) -> Iterator[None]:
        """Turn httpx/httpcore errors, and the guard's host-level errors, into FetchErrors."""
        try:
            yield
        except (FetchTooLargeError, FetchTimeoutError, FetchStatusError, _Retryable):
            raise
        except FetchError as error:
            # The guard, deep in the connection pool, knows only the host; name the URL.
            if "://" in error.url:
                raise
            kind = FetchRefusedError if isinstance(error, FetchRefusedError) else FetchError
            raise kind(url, error.reason, reason_ja=error.reason_ja) from None
        except httpx.TimeoutException as error:
            raise self._timeout(url) from error
        except (httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError) as error:
            detail = error or type(error).__name__
            raise _Retryable(
                FetchError(
                    url,
                    f"the connection failed ({detail})",
                    reason_ja=f"接続に失敗しました（{detail}）",
                ),
                wait=0.0,
            ) from error
        except httpx.HTTPError as error:
            raise FetchError(
                url,
                f"{type(error).__name__}: {error}",
                reason_ja=f"通信でエラーが起きました（{type(error).__name__}: {error}）",
            ) from error

    def _timeout(self, url: str) -> FetchTimeoutError:
        seconds = f"{self.policy.timeout_seconds:g}"
        return FetchTimeoutError(
            url,
            f"no complete answer within {seconds} s",
            reason_ja=f"{seconds}秒以内に応答が完了しませんでした",
        )

    def _redirect_target(self, response: httpx.Response, seen: list[str]) -> str:
        target = str(response.url.join(response.headers["location"]))
        if target in seen:
            chain = " -> ".join([*seen, target])
            raise FetchRefusedError(
                seen[0],
                f"redirect loop: {chain}",
                reason_ja=f"リダイレクトがループしています：{chain}",
            )
        if len(seen) > self.policy.max_redirects:
            raise FetchRefusedError(
                seen[0],
                f"more than {self.policy.max_redirects} redirects (last to {target})",
                reason_ja=f"リダイレクトが{self.policy.max_redirects}回を超えました"
                f"（最後の転送先：{target}）",
            )
        return target

    def _read(self, response: httpx.Response, deadline: float) -> bytes:
        """The body, read in chunks; stops at max_bytes or when the time budget is spent."""
        cap = self.policy.max_bytes
        url = str(response.url)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchTooLargeError(
                url,
                f"the server announces {declared} bytes; at most {cap}",
                reason_ja=f"サーバーが示すサイズは {declared} バイトです（上限は {cap} バイト）",
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchTooLargeError(
                    url,
                    f"the body is larger than {cap} bytes",
                    reason_ja=f"本文が {cap} バイトを超えています",
                )
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise self._timeout(url)
        return b"".join(chunks)

    def _status_error(self, response: httpx.Response) -> Exception:
        status = response.status_code
        url = str(response.url)
        error = FetchStatusError(
            url,
            f"the server answered {status} {response.reason_phrase}".rstrip(),
            reason_ja=f"サーバーがエラー {status} {response.reason_phrase}".rstrip()
            + " を返しました",
            status=status,
        )
        if status == 429 or (500 <= status < 600 and status not in _PERMANENT_SERVER_ERRORS):
            return _Retryable(error, wait=_retry_after(response.headers.get("retry-after")))
        return error

    def _fetched(
        self, response: httpx.Response, content: bytes, *, not_modified: bool = False
    ) -> Fetched:
        media_type, charset = _content_type(response.headers.get("content-type"))
        return Fetched(
            url=str(response.url),
            status=response.status_code,
            content=content,
            content_type=media_type,
            charset=charset,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            not_modified=not_modified,
        )


class _Retryable(Exception):  # noqa: N818  (an internal signal, never seen outside this module)
    """An attempt failed in a way worth retrying; carries the error to raise if no retry is left."""

    def __init__(self, error: FetchError, *, wait: float) -> None:
        super().__init__(str(error))
        self.error = error
        self.wait = wait


def _retry_after(value: str | None) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); 0 when absent."""
    if not value:
        return 0.0
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    """("text/html", "shift_jis") from 'text/html; charset="Shift_JIS"'."""
    if not header:
        return None, None
    media_type, *parameters = header.split(";")
    charset = None
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return (media_type.strip().lower() or None), charset
