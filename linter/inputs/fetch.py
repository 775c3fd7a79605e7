"""Addresses: fetch a web page over HTTP(S) for reading as a page, within limits.

One request, with a timeout for the whole of it, at most five redirects,
a size limit (the one on input files) enforced while the body streams in,
and a user agent that says what is asking. Only a web page is accepted:
another content type, an error status or a page too large is one line
saying so.
"""

from __future__ import annotations

import time

from linter import __version__
from linter.errors import InputError
from linter.inputs.base import optional_library

USER_AGENT = f"kzlint/{__version__} (translation-quality linter; fetches one page per address given)"
_MAX_REDIRECTS = 5
_PAGE_TYPES = ("text/html", "application/xhtml+xml")


def fetch(address: str, max_file_mb: float, timeout: float) -> bytes:
    """The body of the page at ``address``; anything that is not a page within the limits is an InputError."""
    httpx = optional_library("httpx", address, "web addresses")
    limit = int(max_file_mb * 1_000_000)
    deadline = time.monotonic() + timeout
    try:
        with httpx.Client(
            timeout=timeout, follow_redirects=True, max_redirects=_MAX_REDIRECTS, headers={"User-Agent": USER_AGENT}
        ) as client, client.stream("GET", address) as response:
            _check_response(address, response)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise InputError(f"{address}: the page is above the limit of {max_file_mb:g} MB")
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("the page took too long to arrive")
            return bytes(body)
    except httpx.TimeoutException:
        raise InputError(f"{address}: no answer within {timeout:g} seconds") from None
    except httpx.TooManyRedirects:
        raise InputError(f"{address}: more than {_MAX_REDIRECTS} redirects") from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise InputError(f"{address}: cannot fetch ({type(exc).__name__}: {exc})") from None


def _check_response(address: str, response) -> None:
    if response.status_code >= 400:
        raise InputError(f"{address}: the server answered {response.status_code} {response.reason_phrase}")
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in _PAGE_TYPES:
        raise InputError(f"{address}: not a web page (content type {content_type or 'not given'})")
