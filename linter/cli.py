"""The command line: parse options, call the engine, hand the result to a reporter.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 a usage, input or configuration error, printed as one line on stderr.
Heavy modules are imported inside the commands so that ``kzlint --help`` is instant.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from linter import __version__
from linter.errors import KzlintError, UsageError

if TYPE_CHECKING:
    from linter.config import Overrides
    from linter.progress import Display
    from linter.settings import Settings

app = typer.Typer(
    name="kzlint",
    help="Compare two renderings of one text and lint their translation quality.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="List, show and test rules (built-in and from rule files).", rich_markup_mode=None)
app.add_typer(rules_app, name="rules")


class OutputFormat(str, Enum):
    markdown = "markdown"
    json = "json"


class GrammarBackend(str, Enum):
    auto = "auto"
    languagetool = "languagetool"
    harper = "harper"
    off = "off"


ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="Configuration file (default: kzlint.toml or pyproject.toml found upward).")]
RulesOption = Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule file or folder (repeatable).")]
DisableOption = Annotated[Optional[list[str]], typer.Option("--disable", help="Switch a rule off by id or id prefix (repeatable).")]
FailOnOption = Annotated[Optional[str], typer.Option("--fail-on", help="Exit 1 when a finding is at least this severe: info, warning or error.")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Report format.")]
OutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here (markdown default: reports/<A>--<B>.md; json default: stdout).")]
GrammarOption = Annotated[Optional[GrammarBackend], typer.Option("--grammar", help="Grammar backend: auto (LanguageTool if configured or installed, else Harper), languagetool, harper or off.")]
LanguageToolUrlOption = Annotated[Optional[str], typer.Option("--languagetool-url", envvar="KZLINT_LANGUAGETOOL_URL", help="URL of a running LanguageTool server.")]
LanguageOption = Annotated[Optional[str], typer.Option("--language", help="Language variant for grammar: en-US, en-GB, ...")]
PickyOption = Annotated[Optional[bool], typer.Option("--picky/--not-picky", help="Also report style checks that are off by default (long sentences, Oxford comma).")]
CacheOption = Annotated[Optional[bool], typer.Option("--cache/--no-cache", help="Reuse grammar results for unchanged paragraphs.")]
JobsOption = Annotated[Optional[int], typer.Option("--jobs", "-j", min=0, help="Paragraphs checked at once by the grammar backend, and processes for the rules of long texts (0: one per core).")]
CompanionOption = Annotated[Optional[list[Path]], typer.Option("--companion", help="Another source (file or folder) read for cross-source checks, such as names that all sources spell alike (repeatable).")]
BaselineOption = Annotated[Optional[Path], typer.Option("--baseline", help="Report only findings not recorded in this baseline file.")]
UpdateBaselineOption = Annotated[bool, typer.Option("--update-baseline", help="Record the current findings in the --baseline file and exit 0.")]
EncodingOption = Annotated[Optional[str], typer.Option("--encoding", help="Read the texts in this encoding (default: a byte-order mark, else UTF-8, else detected).")]
MaxFileOption = Annotated[Optional[float], typer.Option("--max-file-mb", min=0.001, help="Refuse texts larger than this many megabytes (default 64).")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")]
WithOption = Annotated[Optional[list[Path]], typer.Option("--with", help="Another report of the same event: add a fact check of A, B and these sources to the report (repeatable).")]
FactsOutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here (markdown default: reports/facts--<A>--<B>.md for two texts, reports/facts.md for more; json default: stdout).")]


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn errors the user can fix into one line on stderr and exit status 2, and Ctrl-C into status 130.

    Reports are written atomically, so an interrupted run leaves the previous one intact.
    """
    try:
        yield
    except KzlintError as error:
        typer.echo(f"kzlint: error: {error}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        typer.echo("\nkzlint: interrupted", err=True)
        raise typer.Exit(130) from None


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"kzlint {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Compare two renderings of one text and lint their translation quality."""


@app.command()
def align(
    a: Annotated[Path, typer.Argument(help="The rendering under review (for example, the excerpts).")],
    b: Annotated[Path, typer.Argument(help="The reference rendering (for example, the full text).")],
    output: OutputOption = None,
    output_format: FormatOption = OutputFormat.markdown,
    fail_on: FailOnOption = None,
    grammar: GrammarOption = None,
    languagetool_url: LanguageToolUrlOption = None,
    language: LanguageOption = None,
    picky: PickyOption = None,
    cache: CacheOption = None,
    jobs: JobsOption = None,
    rules: RulesOption = None,
    disable: DisableOption = None,
    companion: CompanionOption = None,
    with_sources: WithOption = None,
    baseline: BaselineOption = None,
    update_baseline: UpdateBaselineOption = False,
    config: ConfigOption = None,
    encoding: EncodingOption = None,
    max_file_mb: MaxFileOption = None,
    quiet: QuietOption = False,
) -> None:
    """Align rendering A with reference B and report where they part ways."""
    with user_errors():
        from linter import engine

        settings = _settings(locals())
        with _progress(quiet) as display:
            others = tuple(with_sources or ())
            result = engine.compare(a, b, settings, display.stage, others, on_progress=display.progress)
        default = Path("reports") / f"{a.stem}--{b.stem}.md"
        _finish([result], settings.fail_on, output_format, output, default, baseline, update_baseline)


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="One or more texts to check on their own.")],
    output: OutputOption = None,
    output_format: FormatOption = OutputFormat.markdown,
    fail_on: FailOnOption = None,
    grammar: GrammarOption = None,
    languagetool_url: LanguageToolUrlOption = None,
    language: LanguageOption = None,
    picky: PickyOption = None,
    cache: CacheOption = None,
    jobs: JobsOption = None,
    rules: RulesOption = None,
    disable: DisableOption = None,
    companion: CompanionOption = None,
    baseline: BaselineOption = None,
    update_baseline: UpdateBaselineOption = False,
    config: ConfigOption = None,
    encoding: EncodingOption = None,
    max_file_mb: MaxFileOption = None,
    quiet: QuietOption = False,
) -> None:
    """Run the single-text rules (grammar, spelling, untranslated text, rule files) on each file."""
    with user_errors():
        from linter import engine

        settings = _settings(locals())
        with _progress(quiet) as display:
            results = [engine.check(path, settings, display.stage) for path in files]
        default = Path("reports") / f"{files[0].stem}.check.md" if len(files) == 1 else Path("reports") / "check.md"
        _finish(results, settings.fail_on, output_format, output, default, baseline, update_baseline)


@app.command()
def facts(
    files: Annotated[list[Path], typer.Argument(help="Two or more reports of the same event.")],
    output: FactsOutputOption = None,
    output_format: FormatOption = OutputFormat.markdown,
    fail_on: FailOnOption = None,
    disable: DisableOption = None,
    config: ConfigOption = None,
    quiet: QuietOption = False,
) -> None:
    """Compare the figures and names that several reports of one event give: where they agree, where they differ."""
    with user_errors():
        from linter import engine
        from linter.config import Overrides
        from linter.report import render_facts

        if len(files) < 2:
            raise UsageError("kzlint facts compares two or more texts")
        settings = _load_settings(Overrides(config_file=config, disabled=tuple(disable or ()), fail_on=fail_on))
        with _progress(quiet) as display:
            result = engine.cross_check(files, settings, display.stage)
        stems = "--".join(path.stem for path in files) if len(files) == 2 else ""
        default = Path("reports") / (f"facts--{stems}.md" if stems else "facts.md")
        _write(render_facts(result, output_format.value), output_format, output, default)
        raise typer.Exit(engine.exit_code(result.findings, settings.fail_on))


@app.command()
def batch(
    manifest: Annotated[Optional[Path], typer.Argument(metavar="MANIFEST", help="CSV or JSON Lines listing the pairs: a, b, id, with, options.")] = None,
    pair_dirs: Annotated[Optional[tuple[Path, Path]], typer.Option("--pair-by-name", metavar="DIR_A DIR_B", help="Pair the texts of two folders that have the same name.")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder of the reports and the index.")] = Path("reports/batch"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Local worker processes (0: one per core).")] = 0,
    dask: Annotated[Optional[str], typer.Option("--dask", metavar="ADDRESS", help="Send the pairs to this Dask scheduler (tcp://host:8786).")] = None,
    ship_texts: Annotated[bool, typer.Option("--ship-texts", help="With --dask: send the texts with each task, for workers that cannot read the files.")] = False,
    dask_timeout: Annotated[float, typer.Option("--dask-timeout", min=0.1, help="Seconds to wait for the Dask scheduler.")] = 10.0,
    fail_on: FailOnOption = None,
    grammar: GrammarOption = None,
    languagetool_url: LanguageToolUrlOption = None,
    language: LanguageOption = None,
    picky: PickyOption = None,
    cache: CacheOption = None,
    rules: RulesOption = None,
    disable: DisableOption = None,
    companion: CompanionOption = None,
    config: ConfigOption = None,
    encoding: EncodingOption = None,
    max_file_mb: MaxFileOption = None,
    quiet: QuietOption = False,
) -> None:
    """Compare many pairs; write each pair's reports and an index that ranks them. Resumes where it stopped."""
    with user_errors():
        from linter.batch.command import BatchRequest, batch_command

        settings = _settings({**locals(), "jobs": 1})  # one grammar thread per pair: the pairs share the cores
        request = BatchRequest(manifest, pair_dirs, output, jobs, dask, ship_texts, dask_timeout, quiet)
        result = batch_command(request, settings)
        typer.echo(f"kzlint: {result.summary_line}", err=True)
    raise typer.Exit(result.exit_code(settings.fail_on))


def _settings(options: dict) -> "Settings":
    from linter.config import Overrides

    overrides = Overrides(
        config_file=options["config"],
        rule_paths=tuple(options["rules"] or ()),
        disabled=tuple(options["disable"] or ()),
        fail_on=options["fail_on"],
        companions=tuple(options["companion"] or ()),
        grammar=options["grammar"].value if options["grammar"] else None,
        languagetool_url=options["languagetool_url"],
        language=options["language"],
        picky=options["picky"],
        cache=options["cache"],
        jobs=options["jobs"],
        encoding=options["encoding"],
        max_file_mb=options["max_file_mb"],
    )
    return _load_settings(overrides)


def _load_settings(overrides: "Overrides") -> "Settings":
    from linter.config import load_settings

    try:
        return load_settings(Path.cwd(), overrides)
    except ValueError as error:
        from linter.errors import ConfigError

        raise ConfigError(str(error)) from None


@contextmanager
def _progress(quiet: bool) -> Iterator["Display"]:
    from linter.progress import stage_display

    with stage_display(enabled=not quiet) as display:
        yield display


def _finish(results, fail_on, output_format, output, default, baseline, update_baseline) -> None:
    """Filter by baseline, render, write atomically, and exit with the findings' status."""
    from linter import engine
    from linter.report import render

    if baseline is not None:
        from linter.baseline import apply_baseline, write_baseline

        if update_baseline:
            count = write_baseline(baseline, results)
            typer.echo(f"kzlint: recorded {count} findings in {baseline}", err=True)
            raise typer.Exit(0)
        results = apply_baseline(baseline, results)
    elif update_baseline:
        from linter.errors import ConfigError

        raise ConfigError("--update-baseline needs --baseline FILE")
    _write(render(results, output_format.value), output_format, output, default)
    findings = [f for result in results for f in result.all_findings]
    raise typer.Exit(engine.exit_code(findings, fail_on))


def _write(text: str, output_format: OutputFormat, output: Optional[Path], default: Path) -> None:
    """JSON to standard output unless ``-o`` is given; otherwise the file, written atomically."""
    from linter.output import write_atomic

    if output_format is OutputFormat.json and output is None:
        sys.stdout.write(text)
    else:
        target = output or default
        write_atomic(target, text)
        typer.echo(f"kzlint: wrote {target}", err=True)


@rules_app.callback(invoke_without_command=True)
def rules_list(
    ctx: typer.Context,
    rules: RulesOption = None,
    config: ConfigOption = None,
) -> None:
    """List every rule: built-in, grammar backends and rule files (id, category, severity, source, summary)."""
    ctx.obj = (config, tuple(rules or ()))
    if ctx.invoked_subcommand is not None:
        return
    with user_errors():
        from linter.catalog import all_rule_infos, rule_table
        from linter.rulefiles import load_rules

        settings = _rule_settings(ctx, None, None)
        typer.echo(rule_table(all_rule_infos(load_rules(settings)), settings), nl=False)


@rules_app.command("show")
def rules_show(
    ctx: typer.Context,
    rule_id: Annotated[str, typer.Argument(metavar="ID", help="A rule id, such as KZ201 or glossary.core-interests.")],
    rules: RulesOption = None,
    config: ConfigOption = None,
) -> None:
    """Print a rule's documentation, with its Bad and Good examples."""
    with user_errors():
        from linter.catalog import all_rule_infos, find_rule, rule_page
        from linter.rulefiles import load_rules

        settings = _rule_settings(ctx, config, rules)
        typer.echo(rule_page(find_rule(all_rule_infos(load_rules(settings)), rule_id), settings), nl=False)


@rules_app.command("test")
def rules_test(
    ctx: typer.Context,
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="PATH", help="Rule files or folders (default: every rule file in use).")] = None,
    rules: RulesOption = None,
    config: ConfigOption = None,
) -> None:
    """Run the examples of rule files; exit 1 if a rule flags a pass example or misses a fail example."""
    with user_errors():
        from linter.catalog import examples_report
        from linter.rulefiles import check_examples, files_under, load_rule_files, load_rules

        loaded = load_rule_files(files_under(paths)) if paths else load_rules(_rule_settings(ctx, config, rules))
        report, all_passed = examples_report([check_examples(rule) for rule in loaded])
        typer.echo(report, nl=False)
    raise typer.Exit(0 if all_passed else 1)


@app.command()
def init() -> None:
    """Write a commented starter kzlint.toml and an example rule file here; never overwrites."""
    with user_errors():
        from linter.starter import write_starter

        written = write_starter(Path.cwd())
        typer.echo(f"kzlint: wrote {' and '.join(p.as_posix() for p in written)}", err=True)


def _rule_settings(ctx: typer.Context, config: Optional[Path], rules: Optional[list[Path]]) -> "Settings":
    """Settings for the ``rules`` commands: options given to ``kzlint rules`` and to the sub-command."""
    from linter.config import Overrides, load_settings

    group_config, group_rules = ctx.obj if isinstance(ctx.obj, tuple) else (None, ())
    overrides = Overrides(config_file=config or group_config, rule_paths=(*group_rules, *(rules or ())))
    return load_settings(Path.cwd(), overrides)


def main() -> None:
    """The ``kzlint`` command: run it, flush what it printed, and end the process at once.

    Python would otherwise free every object of the run one by one before
    the process ends anyway: a quarter of a second after a book's report is
    written. Reports are written and closed before this point.
    """
    try:
        app()
        code = 0
    except SystemExit as end:
        code = _status(end.code)
    except BrokenPipeError:
        code = 0  # the reader went away, as with `kzlint ... | head`: nobody is left to tell
    except OSError as error:  # standard output on a full disk, wherever the command was writing
        code = _cannot_write(error)
    os._exit(_flushed(code))


def _status(code: object) -> int:
    """The exit status ``sys.exit(code)`` would give: a message is printed and means 1."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


def _flushed(code: int) -> int:
    """``code``, once standard output and error are flushed; 2 if the output could not be written."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    except OSError as error:
        code = _cannot_write(error)
    sys.stderr.flush()
    return code


def _cannot_write(error: OSError) -> int:
    """Say in one line that the output could not be written; the exit status for it."""
    print(f"kzlint: error: cannot write the output ({error.strerror or error})", file=sys.stderr)
    return 2
