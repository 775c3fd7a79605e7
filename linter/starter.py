"""``kzlint init``: a commented starter configuration and an example rule file.

Both are written atomically and only when neither exists yet, so running
``init`` twice, or in a folder that is already set up, changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from linter.errors import ConfigError
from linter.output import write_atomic

CONFIG_FILE = Path("kzlint.toml")
EXAMPLE_RULE_FILE = Path("kzlint-rules") / "example.yml"

STARTER_CONFIG = """\
# kzlint configuration. kzlint reads the first kzlint.toml (or [tool.kzlint] table in
# pyproject.toml) found from the working folder upward; command-line flags override it.
# Paths are relative to this file's folder.

# Folders or files of your own rules (YAML). kzlint-rules/example.yml shows the format.
rules = ["kzlint-rules"]

# The rule files that come with kzlint (glossary, untranslated text, house style).
default_rules = true

# Rules switched off, by id or by the start of an id ("house." switches off a whole file).
# disable = ["house.percent", "KZ12"]

# Other sources of the same story, read for cross-source checks (files or folders).
# companions = ["sources"]

# Exit with status 1 when a finding is at least this severe: info, warning or error.
fail_on = "error"

# How the texts are read: by default a byte-order mark, else UTF-8, else the encoding is detected.
# encoding = "windows-1251"
# Texts larger than this many megabytes are refused (a whole book is about 4).
max_file_mb = 64
# Seconds to wait for a page given by its address (kzlint align https://... B).
fetch_timeout = 20

# A rule's severity changed: info, warning or error.
[severity]
# "glossary.sco-name" = "warning"

[grammar]
# auto (LanguageTool if configured or installed, else Harper), languagetool, harper or off.
backend = "auto"
# languagetool_url = "http://localhost:8081"
language = "en-US"
picky = false
# Words the spelling checker must accept: a list, or the path of a file with one word a line.
words = []
# Seconds to wait for each answer of a LanguageTool server (it is asked three times, then the
# run goes on without grammar findings and its report says so).
timeout = 30
"""

EXAMPLE_RULES = """\
# Your own rules. Each rule needs an id (family.name), a type and a message; see
# `kzlint rules show ID` for any shipped rule, and run `kzlint rules test` after an edit.
# Phrases are regular expressions matched as whole words, ignoring case, unless the
# rule says `ignorecase: false` or `whole_words: false`.

rules:
  - id: example.no-hereby
    type: pattern
    message: '"{match}" is legal boilerplate: leave it out'
    severity: info
    words: [hereby, herewith, aforementioned]
    examples:
      fail:
        - The parties hereby agree to meet again.
      pass:
        - The parties agree to meet again.

  - id: example.capital
    type: substitution
    message: 'the capital is "{preferred}" since 2022, not "{match}"'
    severity: warning
    swap:
      Nur-Sultan: Astana
    examples:
      fail:
        - The summit took place in Nur-Sultan.
      pass:
        - The summit took place in Astana.
"""


def write_starter(folder: Path) -> list[Path]:
    """Write the starter files into ``folder``; refuse, writing nothing, if either exists."""
    targets = {folder / CONFIG_FILE: STARTER_CONFIG, folder / EXAMPLE_RULE_FILE: EXAMPLE_RULES}
    for target in targets:
        if target.exists():
            raise ConfigError(
                f"{target.relative_to(folder).as_posix()} already exists; kzlint init never overwrites files"
            )
    for target, text in targets.items():
        write_atomic(target, text)
    return [target.relative_to(folder) for target in targets]
