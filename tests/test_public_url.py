"""PLANNER_PUBLIC_URL: parsing and checking the setting, localhost detection, links built from it; the QR code."""

import pytest

from planner.public_url import PublicUrlError, configured_public_url, is_local, page_url, parse_public_url
from planner.qr import qr_png


@pytest.mark.parametrize("value, parsed", [
    ("http://kickoff.example:8672", "http://kickoff.example:8672/"),
    ("https://Planner.Example/kickoff/", "https://planner.example/kickoff/"),
    ("  HTTPS://planner.example  ", "https://planner.example/"),
    ("http://192.168.1.20:8501", "http://192.168.1.20:8501/"),
    ("http://[fe80::1]:8501/", "http://[fe80::1]:8501/"),
])
def test_a_good_address_is_kept_with_one_trailing_slash(value, parsed):
    assert parse_public_url(value) == parsed


@pytest.mark.parametrize("value, why", [
    ("kickoff.example:8672", "must start with http:// or https://"),
    ("ftp://kickoff.example", "must start with http:// or https://"),
    ("javascript:alert(1)", "must start with http:// or https://"),
    ("http://", "names no host"),
    ("http://:8501", "names no host"),
    ("http://kickoff.example:99999", "port is not a number"),
    ("http://kickoff.example:abc", "port is not a number"),
    ("http://kickoff.example:0", "port is not a number"),
    ("http://kickoff.example/?x=1", "must not have a query"),
    ("http://kickoff.example/?", "must not have a query"),
    ("http://kickoff.example/#top", "must not have a fragment"),
    ("http://ana:secret@kickoff.example", "user name or password"),
    ("http://kick off.example", "spaces or control characters"),
    ("http://kickoff.example/\x1b[31m", "spaces or control characters"),
])
def test_a_bad_address_gets_one_line_naming_the_setting(value, why):
    with pytest.raises(PublicUrlError) as caught:
        parse_public_url(value)
    message = str(caught.value)
    assert message.startswith("PLANNER_PUBLIC_URL = ") and why in message and "\n" not in message
    assert "\x1b" not in message  # repr() shows control characters as escapes


def test_unset_or_empty_means_no_public_address():
    assert configured_public_url({}) is None
    assert configured_public_url({"PLANNER_PUBLIC_URL": "  "}) is None
    assert configured_public_url({"PLANNER_PUBLIC_URL": "https://k.example"}) == "https://k.example/"
    with pytest.raises(PublicUrlError):
        configured_public_url({"PLANNER_PUBLIC_URL": "k.example"})


@pytest.mark.parametrize("url, local", [
    ("http://127.0.0.1:8611/workshop", True), ("http://127.1.2.3/", True), ("http://localhost:8501/", True),
    ("http://LOCALHOST./", True), ("http://app.localhost/", True), ("http://[::1]:8501/", True), ("http://0.0.0.0:8501/", True),
    ("http://192.168.1.20:8501/", False), ("https://kickoff.example/", False), ("http://[fe80::1]/", False), ("/", False),
])
def test_local_addresses_are_recognised(url, local):
    assert is_local(url) is local


def test_page_links_are_built_on_the_base():
    base = "https://k.example/planner/"
    assert page_url(base, "workshop", {"room": "ABC234"}) == "https://k.example/planner/workshop?room=ABC234"
    assert page_url(base, "home", {"project": "p", "key": "a b"}) == "https://k.example/planner/?project=p&key=a+b"


def test_the_qr_code_is_a_png_made_in_memory():
    png = qr_png("https://k.example/workshop?room=ABC234", scale=4)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    import segno

    qr = segno.make("https://k.example/workshop?room=ABC234", error="m", boost_error=True, micro=False)
    width = int.from_bytes(png[16:20], "big")
    assert width == qr.symbol_size(scale=4, border=4)[0]
