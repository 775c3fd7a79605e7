"""The command line: parse options, call the engine, hand the result to a reporter.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 a usage, input or configuration error, printed as one line on stderr; 130 interrupted.
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
from linter.usage import ReadableCommand, one_line

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
rules_app = typer.Typer(
    help="""List, show and test rules (built-in and from rule files).

    \b
    Examples:
      kzlint rules
      kzlint rules show KZ102
      kzlint rules show GR.harper.SpellCheck
      kzlint rules test my-rules/
    """,
    rich_markup_mode=None,
)
app.add_typer(rules_app, name="rules")


class OutputFormat(str, Enum):
    markdown = "markdown"
    json = "json"
    html = "html"


class GrammarBackend(str, Enum):
    auto = "auto"
    languagetool = "languagetool"
    harper = "harper"
    off = "off"


ConfigOption = Annotated[Optional[Path], typer.Option("--config", metavar="FILE", help="Configuration file (default: the first kzlint.toml, or pyproject.toml with [tool.kzlint], from here upward).")]
RulesOption = Annotated[Optional[list[Path]], typer.Option("--rules", metavar="PATH", help="Extra rule file or folder (repeatable).")]
DisableOption = Annotated[Optional[list[str]], typer.Option("--disable", metavar="ID", help="Switch a rule off by id or id prefix, such as KZ12 or GR.harper (repeatable); an id no rule has is an error.")]
FailOnOption = Annotated[Optional[str], typer.Option("--fail-on", metavar="SEVERITY", help="Exit 1 when a finding is at least this severe: info, warning or error (default: error, or fail_on in the configuration).")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", metavar="markdown|json|html", help="Report format (html: kzlint align only).")]
OutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the report here; - is standard output (default: Markdown to reports/<A>--<B>.md, HTML to reports/<A>--<B>.html, JSON to standard output). Never an input file.")]
CheckOutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the report to this file instead of standard output (the default). Never an input file.")]
GrammarOption = Annotated[Optional[GrammarBackend], typer.Option("--grammar", metavar="auto|languagetool|harper|off", help="Grammar backend (default: auto, which is LanguageTool if configured or installed, else Harper).")]
LanguageToolUrlOption = Annotated[Optional[str], typer.Option("--languagetool-url", metavar="URL", envvar="KZLINT_LANGUAGETOOL_URL", help="URL of a running LanguageTool server.")]
LanguageOption = Annotated[Optional[str], typer.Option("--language", metavar="CODE", help="Language variant for grammar: en-US (default), en-GB, ...")]
PickyOption = Annotated[Optional[bool], typer.Option("--picky/--not-picky", help="Also report style checks that are off by default (long sentences, Oxford comma).  [default: not picky]")]
CacheOption = Annotated[Optional[bool], typer.Option("--cache/--no-cache", help="Reuse grammar results for unchanged paragraphs.  [default: cache]")]
JobsOption = Annotated[Optional[int], typer.Option("--jobs", "-j", metavar="N", min=0, show_default=False, help="Paragraphs checked at once by the grammar backend, and processes for the rules of long texts (default 0: one per core).")]
CompanionOption = Annotated[Optional[list[Path]], typer.Option("--companion", metavar="PATH", help="Another source (file or folder) read for cross-source checks, such as names that all sources spell alike (repeatable).")]
BaselineOption = Annotated[Optional[Path], typer.Option("--baseline", metavar="FILE", help="Report only findings not recorded in this baseline file.")]
UpdateBaselineOption = Annotated[bool, typer.Option("--update-baseline", help="Record the current findings in the --baseline file (no report) and exit 0.")]
EncodingOption = Annotated[Optional[str], typer.Option("--encoding", metavar="NAME", help="Read the texts in this encoding (default: a byte-order mark, else UTF-8, else detected).")]
MaxFileOption = Annotated[Optional[float], typer.Option("--max-file-mb", metavar="MB", min=0.001, help="Refuse texts larger than this many megabytes (default 64).")]
ShowWordingOption = Annotated[bool, typer.Option("--show-wording", help="Also list rewordings that keep the meaning (KZ121: synonyms, word forms, word order), off by default.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")]
WithOption = Annotated[Optional[list[Path]], typer.Option("--with", metavar="FILE", help="Another report of the same event: add a fact check of A, B and these sources to the report (repeatable).")]
FactsOutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the report here; - is standard output (default: Markdown to reports/facts--<A>--<B>.md for two texts, reports/facts.md for more; JSON to standard output). Never an input file.")]


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


@app.command(cls=ReadableCommand)
def align(
    a: Annotated[str, typer.Argument(metavar="A", show_default=False, help="The rendering under review (for example, the excerpts): a file, an http(s) address or - for standard input.")],
    b: Annotated[str, typer.Argument(metavar="B", show_default=False, help="The reference rendering (for example, the full text): a file, an http(s) address or -.")],
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
    show_wording: ShowWordingOption = False,
    quiet: QuietOption = False,
) -> None:
    """Align rendering A with reference B and report where they part ways.

    \b
    Examples:
      kzlint align excerpts.txt full.txt              # writes reports/excerpts--full.md
      kzlint align excerpts.txt full.txt -o -         # Markdown to standard output
      kzlint align excerpts.txt full.txt -f json --fail-on warning
      kzlint align excerpts.txt full.txt --with other-report.txt
    """
    with user_errors():
        from linter import engine
        from linter.inputs import local_files, stem_of

        settings = _settings(locals())
        others = tuple(with_sources or ())
        target = _target(output, output_format, Path("reports") / f"{stem_of(a)}--{stem_of(b)}")
        _refuse_overwrites(settings, target, baseline, update_baseline, *local_files(a, b), *others)
        with _progress(quiet) as display:
            result = engine.compare(a, b, settings, display.stage, others, on_progress=display.progress)
        _finish([result], settings.fail_on, output_format, target, baseline, update_baseline)


@app.command(cls=ReadableCommand)
def check(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", show_default=False, help="One or more texts to check on their own.")],
    output: CheckOutputOption = None,
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
    """Run the single-text rules (grammar, spelling, untranslated text, rule files) on each file.

    The report goes to standard output, as other linters print theirs; -o FILE writes it to a file.

    \b
    Examples:
      kzlint check article.txt
      kzlint check drafts/*.txt --fail-on warning -o check.md
      kzlint check article.txt -f json --grammar off
    """
    with user_errors():
        from linter import engine

        _refuse_html(output_format, "check")

        settings = _settings(locals())
        target = _target(output, output_format, None)
        _refuse_overwrites(settings, target, baseline, update_baseline, *files)
        with _progress(quiet) as display:
            results = [engine.check(path, settings, display.stage) for path in files]
        _finish(results, settings.fail_on, output_format, target, baseline, update_baseline)


@app.command(cls=ReadableCommand)
def facts(
    files: Annotated[list[Path], typer.Argument(metavar="FILE FILE...", show_default=False, help="Two or more reports of the same event.")],
    output: FactsOutputOption = None,
    output_format: FormatOption = OutputFormat.markdown,
    fail_on: FailOnOption = None,
    disable: DisableOption = None,
    config: ConfigOption = None,
    quiet: QuietOption = False,
) -> None:
    """Compare the figures and names that several reports of one event give: where they agree, where they differ.

    \b
    Examples:
      kzlint facts report-1.txt report-2.txt          # writes reports/facts--report-1--report-2.md
      kzlint facts sources/*.txt -o -                 # Markdown to standard output
      kzlint facts a.txt b.txt c.txt -f json --fail-on warning
    """
    with user_errors():
        from linter import engine
        from linter.config import Overrides
        from linter.report import render_facts

        _refuse_html(output_format, "facts")
        if len(files) < 2:
            raise UsageError("kzlint facts compares two or more texts")
        settings = _load_settings(Overrides(config_file=config, disabled=tuple(disable or ()), fail_on=fail_on))
        stems = "--".join(path.stem for path in files) if len(files) == 2 else ""
        target = _target(output, output_format, Path("reports") / (f"facts--{stems}" if stems else "facts"))
        _refuse_overwrites(settings, target, None, False, *files)
        with _progress(quiet) as display:
            result = engine.cross_check(files, settings, display.stage)
        _write(render_facts(result, output_format.value), target)
        raise typer.Exit(engine.exit_code(result.findings, settings.fail_on))


@app.command(cls=ReadableCommand)
def batch(
    manifest: Annotated[Optional[Path], typer.Argument(metavar="MANIFEST", help="CSV or JSON Lines listing the pairs: a, b, id, with, options.")] = None,
    pair_dirs: Annotated[Optional[tuple[Path, Path]], typer.Option("--pair-by-name", metavar="DIR_A DIR_B", help="Pair the texts of two folders that have the same name.")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", show_default=False, help="Folder of the reports and the index (default: reports/batch).")] = Path("reports/batch"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N", min=0, show_default=False, help="Local worker processes (default 0: one per core).")] = 0,
    dask: Annotated[Optional[str], typer.Option("--dask", metavar="ADDRESS", help="Send the pairs to this Dask scheduler (tcp://host:8786).")] = None,
    ship_texts: Annotated[bool, typer.Option("--ship-texts", help="With --dask: send the texts with each task, for workers that cannot read the files.")] = False,
    dask_timeout: Annotated[float, typer.Option("--dask-timeout", metavar="SECONDS", min=0.1, show_default=False, help="Seconds to wait for the Dask scheduler (default 10).")] = 10.0,
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
    """Compare many pairs; write each pair's reports and an index that ranks them. Resumes where it stopped.

    \b
    Examples:
      kzlint batch pairs.csv -o reports/day              # a manifest: columns a, b, id, with
      kzlint batch --pair-by-name excerpts/ full/ -j 2   # files of the same name in two folders
      kzlint batch pairs.jsonl --dask tcp://scheduler:8786 --ship-texts
    """
    with user_errors():
        from linter.batch.command import BatchRequest, batch_command

        settings = _settings({**locals(), "jobs": 1})  # one grammar thread per pair: the pairs share the cores
        request = BatchRequest(manifest, pair_dirs, output, jobs, dask, ship_texts, dask_timeout, quiet)
        result = batch_command(request, settings)
        typer.echo(f"kzlint: {result.summary_line}", err=True)
    raise typer.Exit(result.exit_code(settings.fail_on))


def _refuse_html(output_format: OutputFormat, command: str) -> None:
    """The HTML report shows two texts side by side: only ``kzlint align`` has them."""
    if output_format is OutputFormat.html:
        raise UsageError(f"--format html is for kzlint align; kzlint {command} writes markdown or json")


def _settings(options: dict) -> "Settings":
    from linter.config import Overrides

    overrides = Overrides(
        config_file=options["config"],
        rule_paths=tuple(options["rules"] or ()),
        disabled=tuple(options["disable"] or ()),
        enabled=("KZ121",) if options.get("show_wording") else (),
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
    """The run's settings, once every rule id they name is known to be a rule's."""
    from linter.catalog import all_rule_infos, check_rule_ids
    from linter.config import load_settings
    from linter.rulefiles import load_rules

    try:
        settings = load_settings(Path.cwd(), overrides)
    except ValueError as error:
        from linter.errors import ConfigError

        raise ConfigError(str(error)) from None
    check_rule_ids(settings, all_rule_infos(load_rules(settings)), overrides.disabled)
    return settings


@contextmanager
def _progress(quiet: bool) -> Iterator["Display"]:
    from linter.progress import stage_display

    with stage_display(enabled=not quiet) as display:
        yield display


def _target(output: Optional[Path], output_format: OutputFormat, default: Optional[Path]) -> Path:
    """Where the report goes: ``-o``; else the command's default file (``default`` with the format's suffix)
    for Markdown and HTML, if it has one; else standard output."""
    from linter.output import STANDARD_OUTPUT

    if output is not None:
        return output
    suffix = {OutputFormat.markdown: ".md", OutputFormat.html: ".html"}.get(output_format)
    return Path(f"{default}{suffix}") if default and suffix else STANDARD_OUTPUT


def _refuse_overwrites(
    settings: "Settings", target: Path, baseline: Optional[Path], update_baseline: bool, *texts: Path
) -> None:
    """Before the run: the file it will write (the report, or the baseline it updates) must be none of its inputs."""
    from linter.output import check_output, inputs_of

    if not update_baseline:
        check_output(target, inputs_of(settings, *texts, baseline))
    elif baseline is None:
        from linter.errors import ConfigError

        raise ConfigError("--update-baseline needs --baseline FILE")
    else:
        check_output(baseline, inputs_of(settings, *texts))


def _finish(results, fail_on, output_format, target, baseline, update_baseline) -> None:
    """Filter by baseline, render, write, and exit with the findings' status."""
    from linter import engine
    from linter.report import counts_line, render

    if baseline is not None:
        from linter.baseline import apply_baseline, write_baseline

        if update_baseline:
            count = write_baseline(baseline, results)
            typer.echo(f"kzlint: recorded {count} findings in {baseline}", err=True)
            raise typer.Exit(0)
        results = apply_baseline(baseline, results)
    _write(render(results, output_format.value), target, counts_line(results))
    findings = [f for result in results for f in result.all_findings]
    raise typer.Exit(engine.exit_code(findings, fail_on))


def _write(text: str, target: Path, found: Optional[str] = None) -> None:
    """The report to ``target`` (see :func:`linter.output.write_output`); a file written is named on stderr.

    With ``found`` (what the run found, in a few words), that line says it
    first; a report on standard output is for tools, and stderr stays quiet.
    """
    from linter.output import write_output

    if written := write_output(target, text):
        typer.echo(f"kzlint: {found + '; ' if found else ''}wrote {written}", err=True)


@rules_app.callback(invoke_without_command=True)
def rules_list(
    ctx: typer.Context,
    rules: RulesOption = None,
    config: ConfigOption = None,
) -> None:
    """List every rule: built-in, grammar backends and rule files (id, category, severities, source, summary).

    SEVERITY lists every severity a rule can give its findings (the configured
    one when [severity] sets it; "off" when it is disabled).
    """
    ctx.obj = (config, tuple(rules or ()))
    if ctx.invoked_subcommand is not None:
        return
    with user_errors():
        from linter.catalog import all_rule_infos, rule_table
        from linter.rulefiles import load_rules

        settings = _rule_settings(ctx, None, None)
        typer.echo(rule_table(all_rule_infos(load_rules(settings)), settings), nl=False)


@rules_app.command("show", cls=ReadableCommand)
def rules_show(
    ctx: typer.Context,
    rule_id: Annotated[str, typer.Argument(metavar="ID", show_default=False, help="A rule id, such as KZ201, GR.harper.SpellCheck or glossary.core-interests.")],
    rules: RulesOption = None,
    config: ConfigOption = None,
) -> None:
    """Print a rule's documentation, with its Bad and Good examples.

    \b
    Examples:
      kzlint rules show KZ130
      kzlint rules show GR.harper.SpellCheck
    """
    with user_errors():
        from linter.catalog import all_rule_infos, find_rule, rule_page
        from linter.rulefiles import load_rules

        settings = _rule_settings(ctx, config, rules)
        typer.echo(rule_page(find_rule(all_rule_infos(load_rules(settings)), rule_id), settings), nl=False)


@rules_app.command("test", cls=ReadableCommand)
def rules_test(
    ctx: typer.Context,
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="[PATH...]", show_default=False, help="Rule files or folders (default: every rule file in use).")] = None,
    rules: RulesOption = None,
    config: ConfigOption = None,
) -> None:
    """Run the examples of rule files; exit 1 if a rule flags a pass example or misses a fail example.

    \b
    Examples:
      kzlint rules test
      kzlint rules test kzlint-rules/newsroom.yml
    """
    with user_errors():
        from linter.catalog import examples_report
        from linter.rulefiles import check_examples, files_under, load_rule_files, load_rules

        loaded = load_rule_files(files_under(paths)) if paths else load_rules(_rule_settings(ctx, config, rules))
        report, all_passed = examples_report([check_examples(rule) for rule in loaded])
        typer.echo(report, nl=False)
    raise typer.Exit(0 if all_passed else 1)


@app.command(cls=ReadableCommand)
def init() -> None:
    """Write a commented starter kzlint.toml and an example rule file here; never overwrites.

    \b
    Example:
      kzlint init && kzlint rules test
    """
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
    os._exit(_flushed(run(sys.argv[1:])))


def run(args: list[str]) -> int:
    """Run one command line; its exit status. Every usage error, Click's too, is one line on stderr."""
    args = args or ["--help"]  # `kzlint` alone asks what it can do
    try:
        return _status(typer.main.get_command(app).main(args, prog_name="kzlint", standalone_mode=False))
    except typer.TyperException as error:  # the parser's usage errors: a missing argument, a bad --format ...
        print(one_line(error), file=sys.stderr)
        return 2
    except (typer.Abort, KeyboardInterrupt):
        print("\nkzlint: interrupted", file=sys.stderr)
        return 130
    except SystemExit as end:
        return _status(end.code)
    except BrokenPipeError:
        return 0  # the reader went away, as with `kzlint ... | head`: nobody is left to tell
    except OSError as error:  # standard output on a full disk, wherever the command was writing
        return _cannot_write(error)


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
