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
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from linter.errors import BackendFailed, BackendUnavailable
from linter.grammar.issues import Backend, Issue
from linter.model import Category

T = TypeVar("T")
URL_ENV = "KZLINT_LANGUAGETOOL_URL"
# Where language_tool_python keeps its downloads (its ``LTP_PATH`` setting).
_DOWNLOAD_DIR_ENV = "LTP_PATH"
_SERVER_JAR = "languagetool-server.jar"
_VERSIONED_FOLDER = re.compile(r"LanguageTool-(\d+\.\d+|\d{8})$")
_PROBE_TIMEOUT = 5.0
# A request that fails for a reason that may pass (no connection, a timeout,
# a 5xx or 429 reply, a reply that is not LanguageTool's JSON) is tried this
# many more times, after a pause that doubles from _RETRY_PAUSE seconds.
_RETRIES = 2
_RETRY_PAUSE = 0.5
_MAX_SUGGESTIONS = 5
_STYLE_ISSUE_TYPES = frozenset({"style", "register", "locale-violation"})
_STYLE_CATEGORIES = frozenset({"STYLE", "REDUNDANCY", "PLAIN_ENGLISH", "CREATIVE_WRITING", "REPETITIONS_STYLE"})
_HOW_TO_FIX = (
    "give a running server with --languagetool-url URL or KZLINT_LANGUAGETOOL_URL "
    "(for example `docker run -p 8081:8010 erikvl87/languagetool`, then --languagetool-url http://localhost:8081), "
    "or use --grammar harper for the offline checker"
)


class NoAnswerError(Exception):
    """A LanguageTool server did not give a usable reply; the message says why.

    ``transient`` failures (the server is down, slow or confused) may pass on
    a retry; the others (HTTP 4xx: the request itself is wrong) will not.
    """

    def __init__(self, reason: str, transient: bool = True) -> None:
        super().__init__(reason)
        self.transient = transient


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

    def __init__(self, root_url: str, language: str, picky: bool, version: str, timeout: float) -> None:
        self._root = root_url
        self._language = language
        self._picky = picky
        self._version = version
        self._timeout = timeout

    @classmethod
    def connect(cls, url: str, language: str, picky: bool, timeout: float) -> LanguageToolBackend:
        """A backend for the server at ``url``, after checking that it answers (within seconds).

        A server that is down or garbled is BackendFailed (the run goes on
        without grammar); one that refuses the request, such as an unknown
        language, is BackendUnavailable, a mistake the user must fix.
        """
        root = server_root(url)
        try:
            reply = post_with_retries(root, {"text": "kzlint", "language": language}, min(timeout, _PROBE_TIMEOUT))
        except NoAnswerError as error:
            failure = BackendFailed if error.transient else BackendUnavailable
            raise failure(f"LanguageTool at {url} is not available ({error}); {_HOW_TO_FIX}") from None
        version = str(reply.get("software", {}).get("version", "unknown"))
        return cls(root, language, picky, version, timeout)

    @property
    def version(self) -> str:
        return self._version

    @property
    def description(self) -> str:
        return f"LanguageTool {self._version} at {self._root} ({self._language})"

    @property
    def options(self) -> dict[str, object]:
        return {"language": self._language, "picky": self._picky}

    def check(self, texts: Sequence[str], jobs: int, known_words: frozenset[str] = frozenset()) -> list[list[Issue]]:
        if not texts:
            return []
        root = self._server_root()
        if jobs <= 1 or len(texts) <= 1:
            return [self._check_one(root, text) for text in texts]
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(self._check_one, root, text) for text in texts]
            try:
                return [future.result() for future in futures]
            except BackendFailed:
                for future in futures:
                    future.cancel()  # a server that failed once is not asked the rest
                raise

    def _server_root(self) -> str:
        return self._root

    def _check_one(self, root: str, text: str) -> list[Issue]:
        fields = {"text": text, "language": self._language}
        if self._picky:
            fields["level"] = "picky"
        try:
            return post_with_retries(root, fields, self._timeout, read=lambda reply: issues_from_reply(text, reply))
        except NoAnswerError as error:
            raise BackendFailed(f"LanguageTool at {root} failed while checking ({error})") from None


class LocalLanguageTool(LanguageToolBackend):
    """A downloaded LanguageTool that kzlint starts through language_tool_python.

    The server starts only when a paragraph is not in the cache: starting Java
    takes about ten seconds, and a second run over unchanged text needs none.
    """

    def __init__(self, installation: LocalInstallation, language: str, picky: bool, timeout: float) -> None:
        super().__init__("", language, picky, installation.version, timeout)
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


def post_with_retries(
    root: str, fields: dict[str, str], timeout: float, read: Callable[[dict], T] = lambda reply: reply
) -> T:
    """POST to ``/v2/check`` and ``read`` the reply, trying transient failures again a bounded number of times.

    ``read`` turns the reply into what the caller needs; a reply it cannot
    read (a server answering garbage) counts as a transient failure.
    """
    attempt = 0
    while True:
        try:
            return _read_reply(_post(root, fields, timeout), read)
        except NoAnswerError as error:
            if not error.transient or attempt == _RETRIES:
                tries = f", {attempt + 1} tries" if attempt else ""
                raise NoAnswerError(f"{error}{tries}", error.transient) from None
            time.sleep(_RETRY_PAUSE * 2**attempt)
            attempt += 1


def _read_reply(reply: dict, read: Callable[[dict], T]) -> T:
    try:
        return read(reply)
    except (KeyError, TypeError, IndexError, ValueError, AttributeError) as error:
        raise NoAnswerError(f"a reply kzlint cannot read: {_one_line(repr(error))}") from None


def _post(root: str, fields: dict[str, str], timeout: float) -> dict:
    """POST ``fields`` to ``/v2/check`` and decode the JSON reply."""
    body = urllib.parse.urlencode(fields).encode("utf-8")
    request = urllib.request.Request(f"{root}/v2/check", data=body, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            reply = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        transient = error.code >= 500 or error.code == 429
        detail = _one_line(error.read().decode("utf-8", "replace"))
        raise NoAnswerError(f"HTTP {error.code}: {detail}", transient) from None
    except urllib.error.URLError as error:
        raise NoAnswerError(_one_line(error.reason)) from None
    except TimeoutError:
        raise NoAnswerError(f"no reply within {timeout:g} s") from None
    except json.JSONDecodeError:
        raise NoAnswerError("the reply is not LanguageTool's JSON") from None
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
