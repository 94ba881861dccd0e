"""The SSRF guard: the default policy refuses private targets, on every hop, at connect time."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import replace
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from pledgewatch.errors import ConfigurationError, FetchError, FetchRefusedError
from pledgewatch.fetch.guard import Allowances, address_problem, refuse_named_address
from pledgewatch.fetch.http import Fetcher
from pledgewatch.fetch.policy import FetchPolicy, fetch_policy
from pledgewatch.settings import Settings

DEFAULT = FetchPolicy(host_interval_seconds=0.0, retries=0, timeout_seconds=5.0)
"""The default policy, made quick: no politeness delay, no retries."""


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "loopback"),
        ("10.0.0.5", "private"),
        ("172.16.3.4", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "shared"),
        ("0.0.0.0", "unspecified"),  # noqa: S104  the address under test, not a bind
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("192.0.2.10", "special-purpose"),  # documentation range
        ("198.18.0.1", "special-purpose"),  # benchmarking range
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:10.0.0.1", "private"),
        ("2002:a00:1::", "private"),  # 6to4 of 10.0.0.1
        ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
        ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 of 169.254.169.254
    ],
)
def test_special_addresses_have_a_named_problem(address: str, problem: str) -> None:
    found = address_problem(ipaddress.ip_address(address))
    assert found is not None
    assert problem in found[0]


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1/", "127.0.0.1 is a loopback address"),
        ("http://10.0.0.5/feed", "10.0.0.5 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://[::1]:8080/", "::1 is a loopback address"),
        ("http://localhost/", "localhost resolves to"),
        ("http://0x7f.1/", "loopback"),  # an odd spelling of 127.0.0.1
        ("http://2130706433/", "loopback"),  # 127.0.0.1 as one number
        ("file:///etc/passwd", "the scheme 'file' is not fetched"),
        ("gopher://127.0.0.1:6379/_INFO", "the scheme 'gopher' is not fetched"),
        ("ftp://example.org/file", "the scheme 'ftp' is not fetched"),
    ],
)
def test_the_default_policy_refuses(url: str, why: str) -> None:
    with Fetcher(DEFAULT) as fetcher, pytest.raises(FetchRefusedError) as caught:
        fetcher.get(url)
    message = str(caught.value)
    assert message.startswith(f"refused {url}: ")
    assert why in message
    assert caught.value.url == url
    if "scheme" not in why:
        assert "PLEDGEWATCH_ALLOW_PRIVATE_NETWORKS" in message
        assert "PLEDGEWATCH_ALLOWED_NETWORKS" in message


def test_the_default_policy_refuses_the_local_test_server(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/secret").respond_with_data("internal")
    with Fetcher(DEFAULT) as fetcher, pytest.raises(FetchRefusedError):
        fetcher.get(httpserver.url_for("/secret"))
    assert httpserver.log == []  # nothing reached the server


def test_a_redirect_from_an_allowed_host_to_a_private_address_is_refused(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": "http://10.0.0.5/admin"}
    )
    policy = replace(DEFAULT, allowed_networks=("127.0.0.1/32", "::1/128"))
    with Fetcher(policy) as fetcher, pytest.raises(FetchRefusedError) as caught:
        fetcher.get(httpserver.url_for("/go"))
    assert caught.value.url == "http://10.0.0.5/admin"
    assert "10.0.0.5 is a private address" in str(caught.value)


def test_a_redirect_to_another_scheme_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/go").respond_with_data(
        "", status=301, headers={"Location": "file:///etc/passwd"}
    )
    policy = replace(DEFAULT, allow_private=True)
    with Fetcher(policy) as fetcher, pytest.raises(FetchRefusedError, match="scheme 'file'"):
        fetcher.get(httpserver.url_for("/go"))


def test_allowed_networks_let_one_network_through(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data("ok")
    policy = replace(DEFAULT, allowed_networks=("127.0.0.1/32", "::1/128"))
    with Fetcher(policy) as fetcher:
        assert fetcher.get(httpserver.url_for("/feed")).content == b"ok"
        with pytest.raises(FetchRefusedError, match=r"10\.0\.0\.5 is a private address"):
            fetcher.get("http://10.0.0.5/feed")


def test_an_allowed_host_name_lets_that_host_through(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data("ok")
    policy = replace(DEFAULT, allowed_networks=("LOCALHOST.",))
    with Fetcher(policy) as fetcher:
        assert fetcher.get(httpserver.url_for("/feed")).content == b"ok"
        with pytest.raises(FetchRefusedError):
            fetcher.get("http://127.0.0.1:1/")  # the name is allowed, not its address


def test_a_malformed_allowed_network_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match=r"10\.0\.0\.0/33"):
        Allowances.from_policy(FetchPolicy(allowed_networks=("10.0.0.0/33",)))


def test_a_host_with_one_private_address_among_public_ones_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = socket.getaddrinfo

    def fake(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "mixed.example":
            stream = socket.SOCK_STREAM
            return [
                (socket.AF_INET, stream, 6, "", ("93.184.216.34", port)),
                (socket.AF_INET, stream, 6, "", ("10.1.2.3", port)),
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with Fetcher(DEFAULT) as fetcher, pytest.raises(FetchRefusedError) as caught:
        fetcher.get("http://mixed.example/feed")
    assert "mixed.example resolves to 10.1.2.3, which is a private address" in str(caught.value)


def test_the_socket_is_opened_to_the_checked_address(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding cannot slip through: one lookup per connection, and the socket is opened
    to the address literal that lookup returned and the guard checked, not to the name.
    """
    httpserver.expect_request("/feed").respond_with_data("pinned")
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.create_connection
    lookups: list[str] = []
    connects: list[str] = []

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "pinned.example":
            lookups.append(host)
            return real_getaddrinfo(httpserver.host, port, *args, **kwargs)
        return real_getaddrinfo(host, port, *args, **kwargs)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        connects.append(address[0])
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    policy = replace(DEFAULT, allowed_networks=("127.0.0.1/32", "::1/128"))
    url = f"http://pinned.example:{httpserver.port}/feed"
    with Fetcher(policy) as fetcher:
        assert fetcher.get(url).content == b"pinned"
    assert lookups == ["pinned.example"]
    assert len(connects) == 1
    assert ipaddress.ip_address(connects[0]).is_loopback  # a literal, not "pinned.example"


def test_an_unknown_host_is_a_fetch_error_naming_it() -> None:
    with Fetcher(DEFAULT) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get("http://no-such-host.invalid/feed")
    assert not isinstance(caught.value, FetchRefusedError)
    assert "cannot resolve the host name 'no-such-host.invalid'" in str(caught.value)


def test_the_policy_comes_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLEDGEWATCH_ALLOWED_NETWORKS", "10.1.0.0/16, intranet.example")
    monkeypatch.setenv("PLEDGEWATCH_FETCH_TIMEOUT_SECONDS", "7.5")
    monkeypatch.setenv("PLEDGEWATCH_FETCH_MAX_BYTES", "1000")
    monkeypatch.setenv("PLEDGEWATCH_FETCH_MAX_REDIRECTS", "2")
    monkeypatch.setenv("PLEDGEWATCH_FETCH_HOST_INTERVAL_SECONDS", "0.5")
    policy = fetch_policy(Settings())
    assert policy.allowed_networks == ("10.1.0.0/16", "intranet.example")
    assert policy.allow_private is False
    assert (policy.timeout_seconds, policy.max_bytes, policy.max_redirects) == (7.5, 1000, 2)
    assert policy.host_interval_seconds == 0.5
    monkeypatch.setenv("PLEDGEWATCH_ALLOWED_NETWORKS", '["192.168.0.0/24"]')
    monkeypatch.setenv("PLEDGEWATCH_ALLOW_PRIVATE_NETWORKS", "true")
    policy = fetch_policy(Settings())
    assert policy.allowed_networks == ("192.168.0.0/24",)
    assert policy.allow_private is True


def test_the_default_settings_give_the_safe_default_policy() -> None:
    assert fetch_policy(Settings()) == FetchPolicy()


def test_urls_written_with_a_refused_address_are_refused_without_resolving() -> None:
    strict = Allowances.from_policy(fetch_policy(Settings(allow_private_networks=False)))
    for url, problem in (
        ("http://127.0.0.1:8080/feed.xml", "loopback"),
        ("http://localhost/feed.xml", "loopback"),
        ("https://[::1]/rss", "loopback"),
        ("http://10.0.0.5/rss", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ):
        with pytest.raises(FetchRefusedError, match=problem):
            refuse_named_address(url, strict)
    # Public addresses and host names pass (names are checked after resolution, on fetching).
    refuse_named_address("https://93.184.216.34/feed", strict)
    refuse_named_address("https://www.meti.go.jp/rss/news.xml", strict)
    allowed = Allowances.from_policy(
        fetch_policy(Settings(allow_private_networks=False, allowed_networks=["10.0.0.0/8"]))
    )
    refuse_named_address("http://10.0.0.5/rss", allowed)
    with pytest.raises(FetchRefusedError):
        refuse_named_address("http://127.0.0.1/rss", allowed)
