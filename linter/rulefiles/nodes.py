"""Reading a rule file's YAML with line numbers, so every mistake is reported as ``path:line: what``.

PyYAML's composer keeps each node's position; these helpers read values off
the nodes instead of off plain Python objects, so the line of a bad value is
always at hand when it is rejected.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from linter.errors import RuleFileError

_TEXT_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "timestamp"))


@dataclass(frozen=True)
class Place:
    """A rule file as people see it (the path relative to the working folder) and how to blame a node in it."""

    display: str

    def error(self, node: yaml.Node, problem: str) -> RuleFileError:
        return RuleFileError(f"{self.display}:{node.start_mark.line + 1}: {problem}")

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1

    def compose(self, text: str) -> yaml.Node:
        """The document's node tree; YAML syntax errors become one line at the first bad position."""
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            raise RuleFileError(f"{self.display}:{line}: invalid YAML: {exc.problem or exc.context}") from None
        except yaml.YAMLError as exc:
            raise RuleFileError(f"{self.display}:1: invalid YAML: {exc}") from None
        if node is None:
            raise RuleFileError(f"{self.display}:1: the file is empty; it needs a 'rules:' list")
        return node

    def mapping(self, node: yaml.Node, what: str) -> Fields:
        """The keys of a mapping node; duplicate or non-text keys are errors."""
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, f"{what} must be a mapping of keys and values")
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise self.error(key, f"{what}: keys must be plain words")
            if key.value in entries:
                raise self.error(key, f"{what}: key '{key.value}' appears twice")
            entries[key.value] = (key, value)
        return Fields(self, node, what, entries)

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, f"{what} must be a list")
        return list(node.value)

    def text(self, node: yaml.Node, what: str) -> str:
        """A scalar as written: ``yes`` stays "yes" and ``1990`` stays "1990" where text is expected."""
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _TEXT_TAGS or node.value == "":
            raise self.error(node, f"{what} must be non-empty text")
        return node.value

    def texts(self, node: yaml.Node, what: str) -> list[str]:
        """One text or a non-empty list of texts."""
        if isinstance(node, yaml.ScalarNode):
            return [self.text(node, what)]
        items = self.sequence(node, what)
        if not items:
            raise self.error(node, f"{what} must not be empty")
        return [self.text(item, what) for item in items]

    def boolean(self, node: yaml.Node, what: str) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            raise self.error(node, f"{what} must be true or false")
        return node.value.lower() in ("true", "yes", "on", "y")

    def integer(self, node: yaml.Node, what: str, minimum: int) -> int:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:int" or int(node.value) < minimum:
            raise self.error(node, f"{what} must be a whole number of at least {minimum}")
        return int(node.value)

    def choice(self, node: yaml.Node, what: str, choices: tuple[str, ...]) -> str:
        value = self.text(node, what)
        if value not in choices:
            raise self.error(node, f"{what} must be one of {', '.join(choices)}, not '{value}'")
        return value


@dataclass(frozen=True)
class Fields:
    """The keys of one mapping in a rule file, read and checked one at a time."""

    place: Place
    node: yaml.Node
    what: str
    entries: dict[str, tuple[yaml.Node, yaml.Node]]

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def value(self, key: str) -> yaml.Node:
        """The node under ``key``; a missing key is an error at the mapping's first line."""
        if key not in self.entries:
            raise self.place.error(self.node, f"{self.what}: missing '{key}'")
        return self.entries[key][1]

    def key_node(self, key: str) -> yaml.Node:
        return self.entries[key][0]

    def reject_unknown(self, allowed: frozenset[str]) -> None:
        for key in self.entries:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.place.error(self.key_node(key), f"{self.what}: unknown key '{key}' (known keys: {known})")

    def error(self, key: str, problem: str) -> RuleFileError:
        """An error about the value under ``key``, at that value's line."""
        return self.place.error(self.value(key), f"{self.what}: {problem}")

    def text(self, key: str, default: str | None = None) -> str:
        if key not in self and default is not None:
            return default
        return self.place.text(self.value(key), f"{self.what}: '{key}'")

    def texts(self, key: str) -> list[str]:
        return self.place.texts(self.value(key), f"{self.what}: '{key}'")

    def optional_texts(self, key: str) -> list[str]:
        return self.texts(key) if key in self else []

    def boolean(self, key: str, default: bool) -> bool:
        return self.place.boolean(self.value(key), f"{self.what}: '{key}'") if key in self else default

    def integer(self, key: str, default: int, minimum: int) -> int:
        return self.place.integer(self.value(key), f"{self.what}: '{key}'", minimum) if key in self else default

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        return self.place.choice(self.value(key), f"{self.what}: '{key}'", choices) if key in self else default

    def mapping(self, key: str) -> Fields:
        return self.place.mapping(self.value(key), f"{self.what}: '{key}'")

    def sequence(self, key: str) -> list[yaml.Node]:
        return self.place.sequence(self.value(key), f"{self.what}: '{key}'")
