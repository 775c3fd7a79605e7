"""LanguageTool, the fuller checker: a server the user runs, or a local one kzlint starts.

Checks go straight to LanguageTool's documented HTTP API (``POST /v2/check``),
for any server. ``language_tool_python`` is used for what it is good at:
starting, and stopping, a LanguageTool it downloaded earlier. Its own
``check`` is not used because its offset fix for characters outside
the Basic Multilingual Plane lives in class-level state (unsafe across
threads) and leaves the match length in UTF-16 units, its requests wait up to
300 s, and it drops the server's version, which the cache key needs.

Offsets: LanguageTool is a Java program and counts UTF-16 code units, so an
emoji before an error shifts its offset by one; kzlint converts them to code
points before anything else sees them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter.errors import BackendUnavailable
from linter.grammar.issues import Backend, Issue
from linter.model import Category

URL_ENV = "KZLINT_LANGUAGETOOL_URL"
# Where language_tool_python keeps its downloads (its ``LTP_PATH`` setting).
_DOWNLOAD_DIR_ENV = "LTP_PATH"
_SERVER_JAR = "languagetool-server.jar"
_VERSIONED_FOLDER = re.compile(r"LanguageTool-(\d+\.\d+|\d{8})$")
_PROBE_TIMEOUT = 5.0
_CHECK_TIMEOUT = 120.0
_MAX_SUGGESTIONS = 5
_STYLE_ISSUE_TYPES = frozenset({"style", "register", "locale-violation"})
_STYLE_CATEGORIES = frozenset({"STYLE", "REDUNDANCY", "PLAIN_ENGLISH", "CREATIVE_WRITING", "REPETITIONS_STYLE"})
_HOW_TO_FIX = (
    "give a running server with --languagetool-url URL or KZLINT_LANGUAGETOOL_URL "
    "(for example `docker run -p 8081:8010 erikvl87/languagetool`, then --languagetool-url http://localhost:8081), "
    "or use --grammar harper for the offline checker"
)


class NoAnswerError(Exception):
    """A LanguageTool server did not give a usable reply; the message says why."""


@dataclass(frozen=True)
class LocalInstallation:
    """A LanguageTool that language_tool_python downloaded earlier."""

    version: str
    folder: Path


def local_installation() -> LocalInstallation | None:
    """The newest LanguageTool already downloaded, when Java is on PATH to run it.

    Looked up on disk only: asking language_tool_python would start a
    download of several hundred megabytes, which on a machine without
    internet fails only after minutes.
    """
    if not shutil.which("java"):
        return None
    folder = Path(os.environ.get(_DOWNLOAD_DIR_ENV) or Path.home() / ".cache" / "language_tool_python")
    found = [
        LocalInstallation(match.group(1), path)
        for path in sorted(folder.glob("LanguageTool-*"))
        if (match := _VERSIONED_FOLDER.match(path.name)) and (path / _SERVER_JAR).is_file()
    ]
    return max(found, key=lambda install: _version_key(install.version), default=None)


def nothing_available() -> BackendUnavailable:
    return BackendUnavailable(
        "LanguageTool is not available: no server URL is set and no local LanguageTool "
        f"(downloaded by language_tool_python, run with Java) was found; {_HOW_TO_FIX}"
    )


class LanguageToolBackend(Backend):
    """A LanguageTool server at a known address."""

    family = "languagetool"

    def __init__(self, root_url: str, language: str, picky: bool, version: str) -> None:
        self._root = root_url
        self._language = language
        self._picky = picky
        self._version = version

    @classmethod
    def connect(cls, url: str, language: str, picky: bool) -> LanguageToolBackend:
        """A backend for the server at ``url``, after checking that it answers (within seconds)."""
        root = server_root(url)
        try:
            reply = _post(root, {"text": "kzlint", "language": language}, _PROBE_TIMEOUT)
        except NoAnswerError as error:
            raise BackendUnavailable(f"LanguageTool at {url} is not available ({error}); {_HOW_TO_FIX}") from None
        version = str(reply.get("software", {}).get("version", "unknown"))
        return cls(root, language, picky, version)

    @property
    def version(self) -> str:
        return self._version

    @property
    def description(self) -> str:
        return f"LanguageTool {self._version} at {self._root} ({self._language})"

    @property
    def options(self) -> dict[str, object]:
        return {"language": self._language, "picky": self._picky}

    def check(self, texts: Sequence[str], jobs: int) -> list[list[Issue]]:
        if not texts:
            return []
        root = self._server_root()
        if jobs <= 1 or len(texts) <= 1:
            return [self._check_one(root, text) for text in texts]
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(self._check_one, [root] * len(texts), texts))

    def _server_root(self) -> str:
        return self._root

    def _check_one(self, root: str, text: str) -> list[Issue]:
        fields = {"text": text, "language": self._language}
        if self._picky:
            fields["level"] = "picky"
        try:
            reply = _post(root, fields, _CHECK_TIMEOUT)
        except NoAnswerError as error:
            raise BackendUnavailable(f"LanguageTool at {root} failed while checking ({error})") from None
        try:
            return issues_from_reply(text, reply)
        except (KeyError, TypeError, IndexError) as error:
            raise BackendUnavailable(f"LanguageTool at {root} sent a reply kzlint cannot read ({error!r})") from None


class LocalLanguageTool(LanguageToolBackend):
    """A downloaded LanguageTool that kzlint starts through language_tool_python.

    The server starts only when a paragraph is not in the cache: starting Java
    takes about ten seconds, and a second run over unchanged text needs none.
    """

    def __init__(self, installation: LocalInstallation, language: str, picky: bool) -> None:
        super().__init__("", language, picky, installation.version)
        self._installation = installation
        self._server: Any = None

    @property
    def description(self) -> str:
        return f"LanguageTool {self._version} (local, Java; {self._language})"

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _server_root(self) -> str:
        if self._server is None:
            self._server = self._start()
        return server_root(self._server.url)

    def _start(self) -> Any:
        from language_tool_python import LanguageTool

        try:
            return LanguageTool(language=self._language, language_tool_download_version=self._installation.version)
        # The library reports a missing or unusable Java with SystemExit or SystemError.
        except (Exception, SystemExit) as error:
            raise BackendUnavailable(
                f"local LanguageTool {self._installation.version} in {self._installation.folder} did not start "
                f"({_one_line(error)}); {_HOW_TO_FIX}"
            ) from None


def server_root(url: str) -> str:
    """``http://host:port`` (plus any path prefix) from what a user may type: with or without ``/v2``."""
    if "://" not in url:
        url = f"http://{url}"
    root = url.rstrip("/")
    return root[: -len("/v2")] if root.endswith("/v2") else root


def issues_from_reply(text: str, reply: dict) -> list[Issue]:
    """The matches of a ``/v2/check`` reply as issues, with offsets in code points of ``text``."""
    code_points = utf16_to_code_points(text)
    last = len(code_points) - 1
    issues = [
        Issue(
            code_points[min(match["offset"], last)],
            code_points[min(match["offset"] + match["length"], last)],
            str(match["rule"]["id"]),
            category_of(match["rule"]),
            str(match["message"]),
            tuple(str(r["value"]) for r in match.get("replacements", [])[:_MAX_SUGGESTIONS]),
        )
        for match in reply.get("matches", [])
    ]
    return sorted(issues, key=lambda issue: (issue.start, issue.end, issue.rule))


def utf16_to_code_points(text: str) -> list[int]:
    """Entry ``i`` is the code-point index of UTF-16 offset ``i``; the last entry is ``len(text)``."""
    positions: list[int] = []
    for index, char in enumerate(text):
        positions.extend([index] * (2 if ord(char) > 0xFFFF else 1))
    positions.append(len(text))
    return positions


def category_of(rule: dict) -> Category:
    issue_type = str(rule.get("issueType", ""))
    category = str(rule.get("category", {}).get("id", ""))
    if issue_type == "misspelling" or category == "TYPOS":
        return Category.SPELLING
    if issue_type in _STYLE_ISSUE_TYPES or category in _STYLE_CATEGORIES:
        return Category.STYLE
    return Category.GRAMMAR


def _post(root: str, fields: dict[str, str], timeout: float) -> dict:
    """POST ``fields`` to ``/v2/check`` and decode the JSON reply."""
    body = urllib.parse.urlencode(fields).encode("utf-8")
    request = urllib.request.Request(f"{root}/v2/check", data=body, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            reply = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        raise NoAnswerError(f"HTTP {error.code}: {_one_line(error.read().decode('utf-8', 'replace'))}") from None
    except urllib.error.URLError as error:
        raise NoAnswerError(_one_line(error.reason)) from None
    except (OSError, ValueError) as error:
        raise NoAnswerError(_one_line(error)) from None
    if not isinstance(reply, dict):
        raise NoAnswerError("the reply is not LanguageTool's JSON")
    return reply


def _one_line(detail: object) -> str:
    text = " ".join(str(detail).split())
    return text[:160] or type(detail).__name__


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))
