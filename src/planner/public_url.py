"""The address people in the room use to reach the app (PLANNER_PUBLIC_URL), and links built from it.

A link built from the facilitator's own browser address is `http://127.0.0.1:…` when they run the app on their
laptop, which opens nothing on anyone else's. PLANNER_PUBLIC_URL names the address others reach (the laptop's
network name, or the reverse proxy with TLS in front of it); every shared link is built from it when it is set.
"""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlencode, urlsplit

SETTING = "PLANNER_PUBLIC_URL"
LOCAL_HOSTS = ("localhost", "localhost.localdomain", "ip6-localhost")


class PublicUrlError(ValueError):
    """PLANNER_PUBLIC_URL is not a usable address; the message is one line naming the setting."""


def parse_public_url(value: str) -> str:
    """The app's public address with one trailing slash (e.g. `https://kickoff.example/planner/`), or PublicUrlError."""
    text = str(value).strip()

    def bad(why: str) -> PublicUrlError:
        return PublicUrlError(f"{SETTING} = {text[:200]!r} is not a usable address: {why}. "
                              f"Set it to the address people in the room open, e.g. https://kickoff.example or "
                              f"http://192.168.1.20:8501, or leave it unset.")

    if any(ord(c) < 33 or ord(c) == 127 for c in text):
        raise bad("it contains spaces or control characters")
    try:
        parts = urlsplit(text)
        port = parts.port  # raises for a port that is not a number from 0 to 65535
    except ValueError:
        raise bad("its port is not a number from 1 to 65535") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise bad("it must start with http:// or https://")
    if not parts.hostname:
        raise bad("it names no host")
    if port == 0:
        raise bad("its port is not a number from 1 to 65535")
    if parts.username is not None or parts.password is not None:
        raise bad("it must not contain a user name or password")
    if parts.query or text.endswith("?"):
        raise bad("it must not have a query (the part after ?)")
    if parts.fragment or "#" in text:
        raise bad("it must not have a fragment (the part after #)")
    path = parts.path.rstrip("/")
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}/"


def configured_public_url(environ=None) -> str | None:
    """The parsed PLANNER_PUBLIC_URL, or None when it is unset or empty; PublicUrlError when it is bad."""
    value = (os.environ if environ is None else environ).get(SETTING, "")
    return parse_public_url(value) if value.strip() else None


def is_local(url: str) -> bool:
    """Whether the address points at the machine that opens it (localhost, 127.x, ::1): useless for anyone else."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def page_url(base: str, page: str, params: dict) -> str:
    """A link to one page of the app (`home` is the base itself) with its query parameters."""
    page_path = "" if page == "home" else page
    return f"{base}{page_path}?{urlencode(params)}" if params else f"{base}{page_path}"
