"""The Typer application object and its one-line error policy.

Command modules add their commands to :data:`app`; ``actviz.cli.app`` imports
them all, ``actviz.cli.main`` only the one a command line needs.

Errors the user caused (:class:`~actviz.errors.ActvizError`, or a command-line
usage error) print one red line on stderr and exit with status 2. Anything else
is a bug and keeps its traceback.
"""

from __future__ import annotations

import importlib

import typer
from typer.core import TyperCommand, TyperGroup

from ..errors import ActvizError


# The click exceptions Typer raises and catches: click's own in older Typer, a
# vendored copy in newer ones; the module of the public typer.BadParameter is
# the right one either way.
_click_exceptions = importlib.import_module(typer.BadParameter.__module__)


class UserError(_click_exceptions.ClickException):
    """A bad input, shown as one line: ``error: <message>``."""

    exit_code = 2

    def show(self, file=None) -> None:  # noqa: ANN001  (click's signature)
        typer.secho(f"error: {self.format_message()}", err=True, fg="red")


class Interrupted(KeyboardInterrupt):
    """SIGTERM, raised where the program is (like Ctrl-C's KeyboardInterrupt), so
    every ``finally`` runs and no temporary file is left; exit status 128 + 15."""

    exit_code = 143


def interrupted(error: KeyboardInterrupt) -> typer.Exit:
    """Say "interrupted" on one line; the exit status is 130 (Ctrl-C) or 143 (SIGTERM)."""
    typer.secho("interrupted", err=True, fg="red")
    return typer.Exit(getattr(error, "exit_code", 130))


def _usage_error(error) -> UserError:  # noqa: ANN001  (a click UsageError)
    where = f" (see '{error.ctx.command_path} --help')" if error.ctx else " (see 'actviz --help')"
    return UserError(error.format_message() + where)


class ActvizGroup(TyperGroup):
    """Turns library errors, usage errors (of the program and of its commands) and
    interruptions into one line on stderr."""

    def make_context(self, info_name, args, parent=None, **extra):  # noqa: ANN001,ANN003,ANN201
        if not args:
            commands = ", ".join(self.list_commands(None))  # type: ignore[arg-type]
            raise UserError(f"missing command: expected one of {commands} (see 'actviz --help')")
        try:
            return super().make_context(info_name, args, parent, **extra)
        except _click_exceptions.UsageError as error:
            raise _usage_error(error) from None

    def invoke(self, ctx):  # noqa: ANN001,ANN201  (Typer's click.Context)
        try:
            return super().invoke(ctx)
        except ActvizError as error:
            raise UserError(error.render(self._option_names(ctx))) from None
        except _click_exceptions.UsageError as error:
            raise _usage_error(error) from None
        except KeyboardInterrupt as error:
            raise interrupted(error) from None


    def _option_names(self, ctx) -> dict[str, str]:  # noqa: ANN001
        """The invoked command's options, Python name -> its longest option string
        (``x_range`` -> ``--range``): how a library error's arguments are named here."""
        command = self.get_command(ctx, ctx.invoked_subcommand) if ctx.invoked_subcommand else None
        return {param.name: max(param.opts, key=len) for param in getattr(command, "params", ())
                if param.param_type_name == "option"}


class SpecsCommand(TyperCommand):
    """A command whose SPEC arguments may start with ``-``: ``actviz plot -x``,
    ``actviz plot -sigmoid(x) -d``. Before click parses the command line, every
    token that is neither an option of the command nor an option's value is moved
    (in order) behind a ``--``, so click reads ``-x`` as a spec, not as the options
    ``-x`` or ``-s -i -g ...``. Unknown ``--long`` options stay options (and fail)."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:  # noqa: ANN001
        options = {name: param for param in self.params if param.param_type_name == "option"
                   for name in (*param.opts, *param.secondary_opts)}
        leading, positional, index = [], [], 0
        while index < len(args):
            token = args[index]
            if token == "--":
                positional += args[index + 1:]
                break
            param = options.get(token.split("=", 1)[0])
            if token in ctx.help_option_names:
                leading.append(token)
                index += 1
                continue
            if param is not None:
                values = 0 if param.is_flag or "=" in token else param.nargs
                leading += args[index:index + 1 + values]
                index += 1 + values
                continue
            (leading if token.startswith("--") else positional).append(token)
            index += 1
        return super().parse_args(ctx, leading + (["--", *positional] if positional else []))


app = typer.Typer(
    cls=ActvizGroup,
    name="actviz",
    help="See and reason about activation functions: curves, exact derivatives, properties, deep stacks.",
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"actviz {version('actviz')}")
        except PackageNotFoundError:  # run from a source tree that was never installed
            typer.echo("actviz (not installed)")
        raise typer.Exit()


@app.callback()
def _group(
    show_version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version,
                                      help="Print the version and exit."),
) -> None:
    """See and reason about activation functions: curves, exact derivatives, properties, deep stacks."""
    # A callback keeps `app` a group even when the entry point has loaded only one
    # command module, and that module only one command (Typer would otherwise make
    # that command the whole program and read its name as an argument).
