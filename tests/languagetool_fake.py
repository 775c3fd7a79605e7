"""A stand-in LanguageTool server for the tests: LanguageTool's HTTP API (/v2) on 127.0.0.1.

CI has no Java LanguageTool, so the LanguageTool backend is tested against
this server. It speaks the same protocol: ``POST /v2/check`` with form fields
(``text``, ``language``, ``level``, ``disabledRules``) answered with
LanguageTool's JSON (``software``, ``language``, ``matches`` with ``offset``
and ``length`` in UTF-16 code units, as the Java server counts them), and
``GET /v2/languages``. Its matches are computed from the request text:

- a space before a comma: ``COMMA_PARENTHESIS_WHITESPACE`` (typography);
- the words in ``MISSPELLINGS``: ``MORFOLOGIK_RULE_EN_US`` (a typo);
- with ``level=picky``, every "very": ``EN_WEAK_ADJECTIVE`` (style).

Every request's form fields are kept in ``requests`` for the tests to read.
Setting ``fault`` makes the server misbehave on checks (not on kzlint's
version probe, whose text is "kzlint"): ``"slow"`` answers after
``SLOW_SECONDS``, ``"garbage"`` answers 200 with a page that is not JSON,
``"error"`` answers HTTP 503.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

VERSION = "6.6-fake"
LANGUAGES = [
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]
SLOW_SECONDS = 1.0
MISSPELLINGS = {
    "teh": ["the", "ten", "tea", "tech"], "Tokayev": ["Tokay"], "recieve": ["receive"], "Kindgom": ["Kingdom"],
}


def utf16_offset(text: str, index: int) -> int:
    """Java's offset of code point ``index``: characters beyond the BMP count twice."""
    return len(text[:index].encode("utf-16-le")) // 2


def _match(text: str, start: int, end: int, rule: dict[str, Any], message: str, replacements: list[str]) -> dict:
    offset = utf16_offset(text, start)
    return {
        "message": message,
        "shortMessage": "",
        "replacements": [{"value": value} for value in replacements],
        "offset": offset,
        "length": utf16_offset(text, end) - offset,
        "context": {"text": text[max(0, start - 20) : end + 20], "offset": min(start, 20), "length": end - start},
        "sentence": text,
        "type": {"typeName": "Other"},
        "rule": rule,
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


_WHITESPACE_RULE = {
    "id": "COMMA_PARENTHESIS_WHITESPACE",
    "description": "Use of whitespace before comma and before/after parentheses",
    "issueType": "whitespace",
    "category": {"id": "TYPOGRAPHY", "name": "Typography"},
}
_SPELLING_RULE = {
    "id": "MORFOLOGIK_RULE_EN_US",
    "description": "Possible spelling mistake",
    "issueType": "misspelling",
    "category": {"id": "TYPOS", "name": "Possible Typo"},
}
_STYLE_RULE = {
    "id": "EN_WEAK_ADJECTIVE",
    "description": "Weak adjective",
    "issueType": "style",
    "category": {"id": "STYLE", "name": "Style"},
}


def matches_for(text: str, picky: bool, disabled: set[str]) -> list[dict]:
    comma_message = "Put a space after the comma, but not before the comma."
    found = [_match(text, m.start(), m.end(), _WHITESPACE_RULE, comma_message, [","]) for m in re.finditer(" ,", text)]
    for word, suggestions in MISSPELLINGS.items():
        found += [
            _match(text, m.start(), m.end(), _SPELLING_RULE, "Possible spelling mistake found.", suggestions)
            for m in re.finditer(rf"\b{word}\b", text)
        ]
    if picky:
        found += [
            _match(text, m.start(), m.end(), _STYLE_RULE, "Consider a stronger adjective.", [])
            for m in re.finditer(r"\bvery\b", text)
        ]
    found = [match for match in found if match["rule"]["id"] not in disabled]
    return sorted(found, key=lambda match: match["offset"])


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path.rstrip("/") == "/v2/languages":
            self._reply(200, LANGUAGES)
        else:
            self._reply(404, "Not found")

    def do_POST(self) -> None:  # noqa: N802
        if self.path.rstrip("/") != "/v2/check":
            self._reply(404, "Not found")
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
        fields = {key: values[0] for key, values in parse_qs(body, keep_blank_values=True).items()}
        self.server.requests.append(fields)
        if self.server.fault and fields.get("text") != "kzlint":
            self._misbehave(self.server.fault)
            return
        language = fields.get("language", "")
        if language not in {entry["longCode"] for entry in LANGUAGES}:
            self._reply(400, f"Error: '{language}' is not a language code known to LanguageTool.")
            return
        disabled = set(filter(None, fields.get("disabledRules", "").split(",")))
        self._reply(
            200,
            {
                "software": {"name": "LanguageTool", "version": VERSION, "buildDate": "2025-01-01", "apiVersion": 1},
                "language": {"name": language, "code": language},
                "matches": matches_for(fields.get("text", ""), fields.get("level") == "picky", disabled),
            },
        )

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        """Quiet: the tests' output is not the place for an access log."""

    def _misbehave(self, fault: str) -> None:
        if fault == "slow":
            time.sleep(SLOW_SECONDS)
            self._reply(200, {"software": {"version": VERSION}, "matches": []})
        elif fault == "garbage":
            self._reply(200, "<html><body>Service temporarily replaced by a cat picture</body></html>")
        else:
            self._reply(503, "Service Unavailable")

    def _reply(self, status: int, payload: object) -> None:
        data = (json.dumps(payload) if not isinstance(payload, str) else payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if not isinstance(payload, str) else "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict[str, str]] = []
        self.fault: str | None = None

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: with the "slow" fault, kzlint gives up and closes the connection, as it should."""


class FakeLanguageTool:
    """``with FakeLanguageTool() as server:`` a server at ``server.url`` until the block ends."""

    def __init__(self) -> None:
        self._server = _Server()
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    @property
    def requests(self) -> list[dict[str, str]]:
        return self._server.requests

    def misbehave(self, fault: str | None) -> None:
        """From now on answer checks with ``fault`` ("slow", "garbage", "error"), or normally with ``None``."""
        self._server.fault = fault

    def __enter__(self) -> FakeLanguageTool:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
