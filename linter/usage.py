"""Usage errors the command-line parser finds, said as kzlint says every error: one line, and the fix.

Click, under typer, prints its own three-line block ("Usage: … / Try … /
Error: …"); :func:`one_line` turns the same error into
``kzlint: error: missing argument 'B' (usage: kzlint align [OPTIONS] A B; see kzlint align --help)``.
"""

from __future__ import annotations

from typing import Any

from typer import TyperException
from typer.core import TyperArgument, TyperCommand

PREFIX = "kzlint: error: "


class ReadableCommand(TyperCommand):
    """A command whose help names its arguments as the user types them: ``A B``, ``FILE...``.

    typer would show ``{a} {b}`` in the usage line and ``<list[Path]>``
    beside each argument; an argument given a ``metavar`` is shown as exactly that.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if _is_named_argument(param):
                param.display_type_rich = _no_type  # type: ignore[method-assign]

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            pieces += [param.metavar] if _is_named_argument(param) else param.get_usage_pieces(ctx)
        return pieces


def _is_named_argument(param: object) -> bool:
    return isinstance(param, TyperArgument) and bool(param.metavar)


def _no_type(**_: object) -> None:
    """An argument's type, as the help shows it beside the name: nothing, the name says it."""


def one_line(error: TyperException) -> str:
    """The error as one line (no newline at the end), with the command's usage when the parser knows it."""
    message = " ".join(error.format_message().split()).rstrip(".").replace("Value error, ", "")
    message = message[:1].lower() + message[1:]
    context = getattr(error, "ctx", None)
    if context is None:
        return PREFIX + message
    usage = " ".join([context.command_path, *context.command.collect_usage_pieces(context)])
    return f"{PREFIX}{message} (usage: {usage}; see {context.command_path} --help)"
