"""Usage mistakes (an unknown option or command, a missing or invalid value) in Japanese.

typer reports these itself, in English, before any command runs, so ``user_errors`` never sees
them. The root command group below catches them for Japanese readers and says the same facts in
Japanese, in the style of ``fail``, with click's exit code 2. English readers get typer's own
message, unchanged; so do --help and the help shown when a group is run without a command.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from difflib import get_close_matches
from enum import Enum
from typing import Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

# typer 0.29.2 (pinned) vendors click as typer._click: these are click's own classes. The
# parameters typer builds (_TyperParameter) know their choices; a typer upgrade that moves any
# of these names fails mypy and tests/test_usage_errors.py.
from typer._click import Command, Context
from typer._click.exceptions import (
    BadArgumentUsage,
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperGroup, _TyperParameter

from pledgewatch.brief.labels import label
from pledgewatch.cli.options import error_language, error_markup

USAGE_EXIT_CODE = 2  # click's, for every usage mistake; scripts may rely on it
_ARGS = "pledgewatch.usage_args"

# Pydantic's error types for a number out of bounds, as typer reports them for min= and max=.
_BOUNDS = {
    "greater_than_equal": ("ge", "{} 以上"),
    "greater_than": ("gt", "{} より大きい"),
    "less_than_equal": ("le", "{} 以下"),
    "less_than": ("lt", "{} 未満"),
}


class UsageErrorGroup(TyperGroup):
    """The root command group: usage mistakes anywhere below it reach the reader's language.

    Options are parsed in ``make_context`` (the root's own) and in ``invoke`` (every command
    below it), so both are watched; the command line is kept in ``ctx.meta`` for the second.
    """

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: Context | None = None,
        **extra: Any,
    ) -> Context:
        """Parse the root's own options; keep the command line for ``invoke``."""
        prog = info_name or "pledgewatch"
        line = list(args)  # a copy: click's parser consumes the list it is given
        with usage_errors(self, prog, line):
            ctx = super().make_context(info_name, args, parent, **extra)
        ctx.meta[_ARGS] = (prog, line)
        return ctx

    def invoke(self, ctx: Context) -> Any:
        """Run the command named, whose options are parsed here."""
        prog, args = ctx.meta[_ARGS]
        with usage_errors(self, prog, args):
            return super().invoke(ctx)


@contextmanager
def usage_errors(root: Command, prog: str, args: Sequence[str]) -> Iterator[None]:
    """Tell a usage mistake in Japanese to a Japanese reader; let typer tell everyone else."""
    try:
        yield
    except NoArgsIsHelpError:
        raise  # not a mistake: typer shows the help
    except UsageError as exc:
        if usage_language(args) != "ja":
            raise
        path, reached, word = _walk(root, prog, args)
        ctx = exc.ctx
        unknown = word if ctx is not None and ctx.command is reached else None
        # Printed like fail(): the error line, then where to read more, dimmed.
        console = Console(stderr=True, highlight=False)
        console.print(error_markup(japanese_message(exc, unknown), "ja"))
        hint = label("usage_hint", "ja").format(command=ctx.command_path if ctx else path)
        console.print(escape(hint), style="dim")
        raise typer.Exit(code=USAGE_EXIT_CODE) from None


def usage_language(args: Sequence[str]) -> str:
    """--lang en|ja on the command line (the last one), else PLEDGEWATCH_LANG, else the locale.

    The command line was not parsed (that is what failed), so --lang is looked for by hand.
    """
    lang: str | None = None
    for index, word in enumerate(args):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(args):
            lang = args[index + 1]
        elif word.startswith("--lang="):
            lang = word.removeprefix("--lang=")
    return error_language(lang)


def japanese_message(exc: UsageError, unknown_command: str | None) -> str:
    """The facts of click's message, in Japanese; click's English detail in brackets at worst."""
    detail = exc.message or exc.format_message()
    if isinstance(exc, NoSuchOption):
        text = f"オプション {exc.option_name} はありません"
        if exc.possibilities:
            text += f"（候補: {', '.join(sorted(exc.possibilities))}）"
        return text
    if isinstance(exc, MissingParameter):
        return _missing(exc)
    if isinstance(exc, BadParameter):
        return _bad_value(exc, detail)
    if isinstance(exc, BadOptionUsage):
        return f"オプション {exc.option_name} の指定が正しくありません（{detail}）"
    if isinstance(exc, BadArgumentUsage):
        return f"引数の指定が正しくありません（{detail}）"
    if type(exc) is UsageError and exc.ctx is not None:
        # A plain UsageError comes from ctx.fail: a group fails on a missing or unknown
        # command, a command only on arguments left over once its own are taken.
        group = exc.ctx.command
        if isinstance(group, TyperGroup):
            if unknown_command is None:
                return "コマンドを指定してください"
            text = f"コマンド '{unknown_command}' はありません"
            close = get_close_matches(unknown_command, list(group.commands))
            if close:
                text += f"（候補: {', '.join(close)}）"
            return text
        return f"余分な引数があります（{detail}）"
    return f"コマンドラインの指定が正しくありません（{detail}）"


def _missing(exc: MissingParameter) -> str:
    param = exc.param
    if not isinstance(param, _TyperParameter):
        return f"必要な値が指定されていません（{exc.format_message()}）"
    if param.param_type_name == "argument":
        text = f"引数 {_name(param)} を指定してください"
    else:
        text = f"オプション {_name(param)} を指定してください"
    choices = _choices(param)
    if choices:
        text += f"（{choices} のいずれか）"
    return text


def _bad_value(exc: BadParameter, detail: str) -> str:
    param = exc.param
    if not isinstance(param, _TyperParameter):
        return f"値が正しくありません（{exc.format_message()}）"
    name = _name(param)
    error = _validation_error(exc)
    value = repr(error["input"]) if error and isinstance(error.get("input"), str) else None
    choices = _choices(param)
    if choices:
        if value is None:
            return f"{name} には {choices} のいずれかを指定してください"
        return f"{name} に {value} は使えません。{choices} のいずれかを指定してください"
    kind = error["type"] if error else ""
    if kind in ("int_parsing", "int_type", "int_from_float") and value is not None:
        return f"{name} には整数を指定してください（{value} は整数として読めません）"
    if kind in _BOUNDS and error and value is not None:
        key, bound = _BOUNDS[kind]
        limit = error.get("ctx", {}).get(key)
        if limit is not None:
            return (
                f"{name} には {bound.format(limit)}の値を指定してください（{value} は使えません）"
            )
    if value is None:
        return f"{name} の値が正しくありません（{detail}）"
    return f"{name} の値 {value} は使えません（{detail}）"


def _name(param: _TyperParameter) -> str:
    """The option's first name (--format), or the argument's name as its --help shows it."""
    if param.param_type_name != "argument" and param.opts:
        return param.opts[0]
    return param.display_name_raw


def _choices(param: _TyperParameter) -> str:
    choices = param.type_descriptor.choices or ()
    return ", ".join(str(c.value) if isinstance(c, Enum) else str(c) for c in choices)


def _validation_error(exc: BadParameter) -> dict[str, Any] | None:
    """The first error of the pydantic check typer ran on the value, which holds the value."""
    cause = exc.__cause__
    if isinstance(cause, ValidationError) and cause.errors():
        return dict(cause.errors()[0])
    return None


def _walk(root: Command, prog: str, args: Sequence[str]) -> tuple[str, Command, str | None]:
    """The command the command line names, and the word its group does not know, if any.

    Click no longer holds that word when it fails on it. Groups take no option with a value,
    so each word that is not an option names a command of the group reached so far.
    """
    path, command = [prog], root
    for word in args:
        if word.startswith("-"):
            continue
        if not isinstance(command, TyperGroup):
            break
        sub = command.commands.get(word)
        if sub is None:
            return " ".join(path), command, word
        path.append(word)
        command = sub
    return " ".join(path), command, None
