"""Addresses and standard input: the same reading as a file, and one line for what is not a page.

A local HTTP server, started here on 127.0.0.1 in a thread, serves the
pages; no test touches the internet.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import EXCERPTS, FULL, kzlint
from documents import news_page
from test_documents import align_json, findings

PAGE = news_page(EXCERPTS).encode("utf-8")
SLOW_SECONDS = 3


class Site(BaseHTTPRequestHandler):
    """A news site with one article and every way an address can fail to be a page."""

    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        Site.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/news/xi-article.html":
            self._answer(200, "text/html; charset=utf-8", PAGE)
        elif self.path == "/moved":
            self._redirect("/news/xi-article.html")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/photo.png":
            self._answer(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100))
        elif self.path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._answer(200, "text/html", PAGE)
        else:
            self._answer(404, "text/html", b"<html><body><h1>Not found</h1></body></html>")

    def _answer(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        """Quiet: the test output is not the place for an access log."""


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_address_is_read_as_the_page_saved_to_a_file(site: str, tmp_path: Path) -> None:
    saved = tmp_path / "xi-article.html"
    saved.write_bytes(PAGE)
    address = f"{site}/moved"
    fetched = align_json(address, FULL)
    from_file = align_json(saved, FULL)
    assert fetched["a"]["path"] == address and fetched["a"]["format"] == "html"
    assert findings(fetched) == findings(from_file)
    assert [f.get("a") for f in fetched["findings"]] == [f.get("a") for f in from_file["findings"]]
    assert Site.agents and all(agent.startswith("kzlint/") for agent in Site.agents)


def test_an_address_s_report_is_named_after_the_page(site: str, tmp_path: Path) -> None:
    result = kzlint("align", f"{site}/news/xi-article.html", str(FULL), "--grammar", "off", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert (tmp_path / "reports" / f"xi-article--{FULL.stem}.md").is_file()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/missing", "the server answered 404 Not Found"),
        ("/photo.png", "not a web page (content type image/png)"),
        ("/loop", "more than 5 redirects"),
        ("/slow", "no answer within 1 seconds"),
    ],
)
def test_an_address_that_is_not_a_page_is_one_line_and_exit_2(site: str, tmp_path: Path, path: str, expected: str) -> None:
    (tmp_path / "kzlint.toml").write_text("fetch_timeout = 1\n", encoding="utf-8")
    result = kzlint("align", f"{site}{path}", str(FULL), "--grammar", "off", "-f", "json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"kzlint: error: {site}{path}: {expected}\n"


def test_an_address_nobody_answers_is_one_line(tmp_path: Path) -> None:
    result = kzlint("align", "http://127.0.0.1:9/article.html", str(FULL), "--grammar", "off", "-f", "json")
    assert result.returncode == 2
    assert result.stderr.startswith("kzlint: error: http://127.0.0.1:9/article.html: cannot fetch")
    assert result.stderr.count("\n") == 1


def test_standard_input_as_a_is_read_as_the_file() -> None:
    piped = align_json("-", FULL, stdin=EXCERPTS.read_text(encoding="utf-8"))
    from_file = align_json(EXCERPTS, FULL)
    assert piped["a"]["path"] == "-"
    assert findings(piped) == findings(from_file)
    assert [f.get("a") for f in piped["findings"]] == [f.get("a") for f in from_file["findings"]]


def test_a_page_on_standard_input_is_recognised_as_a_page() -> None:
    piped = align_json(EXCERPTS, "-", stdin=news_page(FULL))
    assert piped["b"]["format"] == "html"
    assert findings(piped) == findings(align_json(EXCERPTS, FULL))


def test_standard_input_cannot_be_both_texts() -> None:
    result = kzlint("align", "-", "-", "--grammar", "off")
    assert result.returncode == 2
    assert result.stderr == "kzlint: error: standard input (-) can be read once: give it as A or as B, not both\n"


def test_a_page_above_the_size_limit_is_refused_while_it_streams_in(site: str) -> None:
    address = f"{site}/news/xi-article.html"
    result = kzlint("align", address, str(FULL), "--grammar", "off", "--max-file-mb", "0.005", "-f", "json")
    assert result.returncode == 2
    assert result.stderr == f"kzlint: error: {address}: the page is above the limit of 0.005 MB\n"
