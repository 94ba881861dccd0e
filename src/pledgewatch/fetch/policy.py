"""What a fetch may do: which addresses it may reach, and its size, time and redirect limits."""

from __future__ import annotations

from dataclasses import dataclass

from pledgewatch.settings import Settings


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and permissions of one Fetcher; the defaults are safe for the open internet."""

    allow_private: bool = False
    """Allow private, loopback, link-local and reserved targets (tests, intranets)."""
    allowed_networks: tuple[str, ...] = ()
    """CIDRs or host names allowed even though private ("127.0.0.1/32", "intranet.example")."""
    timeout_seconds: float = 20.0
    """Time budget of one attempt: connect, every redirect hop and the whole body.

    Each retry gets a fresh budget, so a fetch lasts at most (retries + 1) budgets plus the
    waits between them. Name resolution (getaddrinfo) is not interruptible and is not counted.
    """
    max_bytes: int = 20_000_000
    """A body larger than this is refused; reading stops at the cap."""
    max_redirects: int = 5
    user_agent: str = "pledgewatch/0.1 (commitment tracker)"
    host_interval_seconds: float = 1.0
    """Politeness: the least time between two requests to one host."""
    retries: int = 2
    """Retries on 429, 5xx and connection errors, with backoff; Retry-After honoured up to a cap."""
    backoff_seconds: float = 1.0


def fetch_policy(settings: Settings) -> FetchPolicy:
    """The fetch policy the settings describe."""
    return FetchPolicy(
        allow_private=settings.allow_private_networks,
        allowed_networks=tuple(settings.allowed_networks),
        timeout_seconds=settings.fetch_timeout_seconds,
        max_bytes=settings.fetch_max_bytes,
        max_redirects=settings.fetch_max_redirects,
        host_interval_seconds=settings.fetch_host_interval_seconds,
    )
