"""Finding, reading and checking rule files; each file is parsed once per version.

A rule file is YAML with one key, ``rules``: a list of rules. The common keys
are read here, the type's own keys by its class in :mod:`linter.rulefiles.kinds`.
Any mistake stops the run with one line: ``path:line: what is wrong``.
"""

from __future__ import annotations

import dataclasses
import importlib.resources
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import regex
import yaml

from linter.config import shown_path
from linter.errors import RuleFileError
from linter.model import Category, Severity
from linter.rulefiles.kinds import RULE_TYPES
from linter.rulefiles.nodes import Fields, Place
from linter.rulefiles.spec import Example, LoadedRule, RuleSpec, checked_message
from linter.settings import Settings

RULE_FILE_SUFFIXES = (".yml", ".yaml")
COMMON_KEYS = frozenset(
    {"id", "type", "message", "severity", "category", "scope", "description", "ignorecase", "whole_words", "examples"}
)
_RULE_ID = regex.compile(r"[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9][A-Za-z0-9-]*)+")
_RESERVED_ID = regex.compile(r"(?i)(?:kz|gr)(?:\d|\.)")
T = TypeVar("T")


def shipped_rules_folder() -> Path:
    """The rule files that come with kzlint: package data when installed, ``rules/`` in a source checkout."""
    packaged = importlib.resources.files("linter") / "shipped_rules"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "rules"


def rule_file_paths(settings: Settings) -> list[Path]:
    """Every rule file the settings name, shipped ones first, each once, in a stable order."""
    roots = [shipped_rules_folder()] if settings.default_rules else []
    return files_under([*roots, *settings.rule_paths])


def files_under(paths: Iterable[Path]) -> list[Path]:
    """Rule files named directly, or found (``*.yml``, ``*.yaml``, sorted by name) in named folders."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            found.update(
                (p.resolve(), None) for p in sorted(path.iterdir()) if p.suffix in RULE_FILE_SUFFIXES and p.is_file()
            )
        elif path.is_file():
            found[path.resolve()] = None
        else:
            raise RuleFileError(f"{path}: no such rule file or folder")
    return list(found)


def load_rule_files(paths: Iterable[Path]) -> list[LoadedRule]:
    """The rules of these files in order; an id used twice is an error naming both places."""
    rules: list[LoadedRule] = []
    seen: dict[str, RuleSpec] = {}
    for path in paths:
        for rule in _parsed(path, _version(path), shown_path(path)):
            earlier = seen.setdefault(rule.spec.id, rule.spec)
            if earlier is not rule.spec:
                place = f"{rule.spec.source}:{rule.spec.line}"
                raise RuleFileError(
                    f"{place}: rule id '{rule.spec.id}' is already used at {earlier.source}:{earlier.line}"
                )
            rules.append(rule)
    return rules


def _version(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=256)
def _parsed(path: Path, version: tuple[int, int], display: str) -> tuple[LoadedRule, ...]:
    """The rules of one file; cached on the file's version, so repeated runs in one process read it once."""
    place = Place(display)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RuleFileError(f"{display}:1: not UTF-8 text") from None
    except OSError as exc:
        raise RuleFileError(f"{display}: cannot read ({exc.strerror})") from None
    document = place.mapping(place.compose(text), "rule file")
    document.reject_unknown(frozenset({"rules"}))
    nodes = document.sequence("rules")
    if not nodes:
        raise document.error("rules", "'rules' must list at least one rule")
    return tuple(_rule(place, node) for node in nodes)


def _rule(place: Place, node: yaml.Node) -> LoadedRule:
    fields = place.mapping(node, "rule")
    rule_id = _rule_id(fields)
    fields = dataclasses.replace(fields, what=f"rule '{rule_id}'")
    if "type" not in fields:
        raise place.error(node, f"rule '{rule_id}': missing 'type' (one of {', '.join(RULE_TYPES)})")
    rule_type = RULE_TYPES[fields.choice("type", tuple(RULE_TYPES), "")]
    fields.reject_unknown(COMMON_KEYS | rule_type.fields)
    scope = fields.choice("scope", rule_type.scopes, rule_type.scopes[0])
    spec = RuleSpec(
        id=rule_id,
        message=checked_message(fields, rule_type.placeholders),
        severity=_parsed_value(fields, "severity", Severity.parse, Severity.WARNING),
        category=_parsed_value(fields, "category", Category.parse, rule_type.default_category),
        scope=scope,
        description=fields.text("description", default=""),
        ignorecase=fields.boolean("ignorecase", True),
        whole_words=fields.boolean("whole_words", True),
        source=place.display,
        line=place.line(node),
        examples=tuple(_examples(fields, pair=scope == "pair")),
    )
    return rule_type.build(spec, fields)


def _rule_id(fields: Fields) -> str:
    rule_id = fields.text("id")
    if _RESERVED_ID.match(rule_id):
        raise fields.error("id", f"id '{rule_id}' looks like a built-in id (KZ..., GR...); choose your own family name")
    if not _RULE_ID.fullmatch(rule_id):
        raise fields.error(
            "id", f"id '{rule_id}' must look like family.name (letters, digits, hyphens), e.g. house.no-hereby"
        )
    return rule_id


def _parsed_value(fields: Fields, key: str, parse: Callable[[str], T], default: T) -> T:
    """A severity or category: the enum's own error message, placed at the value's line."""
    if key not in fields:
        return default
    try:
        return parse(fields.text(key))
    except ValueError as problem:
        raise fields.error(key, str(problem)) from None


def _examples(fields: Fields, pair: bool) -> Iterator[Example]:
    if "examples" not in fields:
        return
    examples = fields.mapping("examples")
    examples.reject_unknown(frozenset({"fail", "pass"}))
    for expect in ("fail", "pass"):
        if expect in examples:
            for node in examples.sequence(expect):
                yield _example(examples.place, node, f"{fields.what}: {expect} example", expect, pair)


def _example(place: Place, node: yaml.Node, what: str, expect: str, pair: bool) -> Example:
    """A pair example has ``a`` and ``b``; a text example is a string or has ``text`` (and ``companions``)."""
    line = place.line(node)
    if not pair and isinstance(node, yaml.ScalarNode):
        return Example(expect, line, text=place.text(node, what))
    fields = place.mapping(node, what)
    keys = {"a", "b"} if pair else {"text", "companions"}
    fields.reject_unknown(frozenset(keys | ({"message"} if expect == "fail" else set())))
    message = fields.text("message") if "message" in fields else None
    if pair:
        return Example(expect, line, a=fields.text("a"), b=fields.text("b"), message=message)
    companions = tuple(fields.texts("companions")) if "companions" in fields else ()
    return Example(expect, line, text=fields.text("text"), companions=companions, message=message)
