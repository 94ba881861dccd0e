"""The SSRF guard: which URLs and addresses a fetch may reach.

A feed or page URL comes from outside (a source list, a redirect, a link in a feed), so it must
not be able to make pledgewatch talk to the machines behind the firewall: the cloud metadata
service at 169.254.169.254, a database on localhost, an intranet at 10.x. Only http and https
are fetched, and a host is refused when ANY address it resolves to is not a public one, unless
the policy allows private targets or names the address or host in `allowed_networks`.

The address check runs where the connection is made (`GuardedBackend.connect_tcp`, the
network backend of the httpx transport), and the socket is opened to the very address that was
checked. A DNS answer that changes between a check and the connect (DNS rebinding) therefore
cannot slip through: there is no second lookup. Every redirect hop opens its connections through
the same backend, so it is checked too.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore

from pledgewatch.errors import ConfigurationError, FetchError, FetchRefusedError
from pledgewatch.fetch.policy import FetchPolicy

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOWED_SCHEMES = frozenset({"http", "https"})

HOW_TO_ALLOW = (
    "set PLEDGEWATCH_ALLOW_PRIVATE_NETWORKS or add it to PLEDGEWATCH_ALLOWED_NETWORKS to allow it"
)
HOW_TO_ALLOW_JA = (
    "許可するには PLEDGEWATCH_ALLOW_PRIVATE_NETWORKS を設定するか、"
    "PLEDGEWATCH_ALLOWED_NETWORKS に追加してください"
)

_SHARED = ipaddress.ip_network("100.64.0.0/10")
_PRIVATE: tuple[IPNetwork, ...] = tuple(
    ipaddress.ip_network(cidr)
    for cidr in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def address_problem(address: IPAddress) -> tuple[str, str] | None:
    """Why `address` is not a public internet address (English, Japanese); None when it is one.

    IPv6 forms that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, 6to4 2002::/16, NAT64
    64:ff9b::/96) are judged by the IPv4 address they carry.
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            problem = address_problem(embedded)
            if problem is None:
                return None
            return (
                f"{problem[0]} ({embedded} embedded in IPv6)",
                f"{problem[1]}（IPv6 に埋め込まれた {embedded}）",
            )
    checks: tuple[tuple[bool, str, str], ...] = (
        (address.is_unspecified, "an unspecified address", "未指定アドレス"),
        (address.is_loopback, "a loopback address", "ループバックアドレス"),
        (address.is_link_local, "a link-local address", "リンクローカルアドレス"),
        (address.is_multicast, "a multicast address", "マルチキャストアドレス"),
        (
            isinstance(address, ipaddress.IPv4Address) and address in _SHARED,
            "a shared address",
            "共有アドレス",
        ),
        (address.is_reserved, "a reserved address", "予約済みアドレス"),
        (
            any(address in network for network in _PRIVATE),
            "a private address",
            "プライベートアドレス",
        ),
        (
            address.is_private or not address.is_global,
            "a special-purpose address, not a public one",
            "特殊用途のアドレス（公開アドレスではありません）",
        ),
    )
    for failed, what, what_ja in checks:
        if failed:
            return what, what_ja
    return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


@dataclass(frozen=True)
class Allowances:
    """The policy's exceptions to the rule, parsed once: networks and host names."""

    allow_private: bool
    networks: tuple[IPNetwork, ...]
    hosts: frozenset[str]

    @classmethod
    def from_policy(cls, policy: FetchPolicy) -> Allowances:
        """Parse `policy.allowed_networks`; a malformed CIDR raises ConfigurationError."""
        networks: list[IPNetwork] = []
        hosts: set[str] = set()
        for entry in policy.allowed_networks:
            text = entry.strip()
            if not text:
                continue
            if "/" in text or _is_ip_literal(text):
                try:
                    networks.append(ipaddress.ip_network(text.strip("[]"), strict=False))
                except ValueError as error:
                    raise ConfigurationError(
                        f"allowed network {entry!r} is not a CIDR such as 10.1.0.0/16 or an "
                        f"address ({error}); fix PLEDGEWATCH_ALLOWED_NETWORKS",
                        ja=f"許可するネットワーク {entry!r} が 10.1.0.0/16 のような CIDR でも"
                        f"アドレスでもありません（{error}）。PLEDGEWATCH_ALLOWED_NETWORKS を"
                        "直してください",
                    ) from error
            else:
                hosts.add(_host_key(text))
        return cls(policy.allow_private, tuple(networks), frozenset(hosts))

    def allows_host(self, host: str) -> bool:
        """Whether every address of `host` may be reached, by the policy or by its name."""
        return self.allow_private or _host_key(host) in self.hosts

    def allows_address(self, address: IPAddress) -> bool:
        """Whether a non-public `address` may be reached all the same."""
        return self.allow_private or any(
            address.version == network.version and address in network for network in self.networks
        )


def _is_ip_literal(text: str) -> bool:
    try:
        ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return False
    return True


def _host_key(host: str) -> str:
    return host.strip("[]").rstrip(".").lower()


def check_scheme(url: str, scheme: str) -> None:
    """Refuse any scheme but http and https (file://, gopher://, ftp://, data:)."""
    if scheme.lower() not in ALLOWED_SCHEMES:
        shown = scheme or "(none)"
        raise FetchRefusedError(
            url,
            f"the scheme {shown!r} is not fetched; only http and https URLs are",
            reason_ja=f"スキーム {shown!r} は取得しません。"
            "取得するのは http と https の URL だけです",
        )


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to, in the resolver's order, without duplicates.

    Raises FetchError (whose url is the host) when the name does not resolve.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(
            host,
            f"cannot resolve the host name {host!r} ({error})",
            reason_ja=f"ホスト名 {host!r} を解決できません（{error}）",
        ) from error
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        # IPv6 socket addresses may carry a zone ("fe80::1%eth0"); the zone is not the address.
        literal = str(sockaddr[0]).split("%", 1)[0]
        address = ipaddress.ip_address(literal)
        if address not in addresses:
            addresses.append(address)
    return addresses


def checked_addresses(host: str, port: int, allowances: Allowances) -> list[IPAddress]:
    """Resolve `host` and return its addresses if ALL may be reached; refuse otherwise.

    Raises FetchRefusedError (whose url is the host) naming the first address refused and why.
    """
    addresses = resolve(host, port)
    if allowances.allows_host(host):
        return addresses
    literal = _is_ip_literal(host)
    for address in addresses:
        problem = address_problem(address)
        if problem is None or allowances.allows_address(address):
            continue
        if literal:
            reason = f"{address} is {problem[0]}"
            reason_ja = f"{address} は{problem[1]}です"
        else:
            reason = f"{host} resolves to {address}, which is {problem[0]}"
            reason_ja = f"{host} のアドレスは {address} で、{problem[1]}です"
        raise FetchRefusedError(
            host, f"{reason} ({HOW_TO_ALLOW})", reason_ja=f"{reason_ja}。{HOW_TO_ALLOW_JA}"
        )
    return addresses


def refuse_named_address(url: str, allowances: Allowances) -> None:
    """Refuse a URL whose host is written as an address the guard would refuse (or localhost).

    No name is resolved: this is the check that can be made when a source is registered, so a
    user learns at once that http://127.0.0.1/feed will not be fetched. Host names are checked
    when they are fetched, after resolution, as always.
    """
    host = urlsplit(url).hostname
    if not host or allowances.allows_host(host):
        return
    if _host_key(host) == "localhost":
        address: IPAddress = ipaddress.ip_address("127.0.0.1")
    elif _is_ip_literal(host):
        address = ipaddress.ip_address(host.strip("[]"))
    else:
        return
    problem = address_problem(address)
    if problem is not None and not allowances.allows_address(address):
        raise FetchRefusedError(
            url,
            f"{host} is {problem[0]} ({HOW_TO_ALLOW})",
            reason_ja=f"{host} は{problem[1]}です。{HOW_TO_ALLOW_JA}",
        )


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to addresses the guard has just checked.

    The host is resolved here, every address is checked, and the socket is opened to one of
    those checked address literals, so no second DNS lookup happens between check and connect.
    TLS still verifies the certificate against the host name, which httpcore passes as SNI.
    """

    def __init__(self, allowances: Allowances) -> None:
        self._allowances = allowances

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Check `host`'s addresses, then connect to the first checked one that answers."""
        addresses = checked_addresses(host, port, self._allowances)
        last_error: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:
            try:
                return super().connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                last_error = error
        if last_error is None:
            raise httpcore.ConnectError(f"{host} has no address")
        raise last_error
