"""Tables in a terminal that never cut a cell, and plain text when piped.

In a terminal a table is printed as it is when it fits the width; else
transposed (one column per row of the original), when that fits; else split
into blocks of columns that each fit, the first (naming) column repeated in
each. Piped, it is plain text: columns separated by two spaces, no colour, no
trailing blanks, nothing on stderr.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence

import typer


def plain_lines(header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool] = ()) -> list[str]:
    """The table as aligned plain-text lines: numeric columns right-aligned, the
    others left, two spaces between columns, no trailing blanks."""
    from rich.cells import cell_len

    table = [list(header), *(list(row) for row in rows)]
    widths = [max(cell_len(row[i]) for row in table) for i in range(len(header))]
    right = list(numeric) + [False] * (len(header) - len(numeric))

    def cell(text: str, i: int) -> str:
        pad = " " * (widths[i] - cell_len(text))
        return pad + text if right[i] else text + pad

    return ["  ".join(cell(text, i) for i, text in enumerate(row)).rstrip() for row in table]


NAME_WIDTH = 24  # in blocks, the naming column wraps at spaces beyond this ("srelu (t_left=0, a_left=0.2, ...")


def _rich_table(title: str | None, header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool],
                name_width: int | None = None):  # noqa: ANN202
    """A rich table whose cells never wrap, except the first column's at spaces
    when ``name_width`` is given (and then never cut: ``fold``)."""
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, collapse_padding=True, pad_edge=False)
    for i, name in enumerate(header):
        wraps = i == 0 and name_width is not None
        table.add_column(name, justify="right" if i < len(numeric) and numeric[i] else "left", no_wrap=not wraps,
                         max_width=name_width if wraps else None, overflow="fold" if wraps else "ellipsis")
    for row in rows:
        table.add_row(*row)
    return table


def _natural_width(table) -> int:  # noqa: ANN001  (a rich Table)
    from rich.cells import cell_len
    from rich.console import Console

    probe = Console(width=10**4, file=io.StringIO())
    with probe.capture() as captured:
        probe.print(table)
    return max(cell_len(line.rstrip()) for line in captured.get().splitlines())


def column_blocks(widths: Sequence[int], available: int) -> list[list[int]]:
    """Indices of columns 1.. in consecutive blocks whose widths, with column 0's
    (repeated in every block), add up to at most ``available``; a column too wide
    on its own gets a block of its own."""
    blocks: list[list[int]] = []
    used = available + 1
    for i in range(1, len(widths)):
        if used + widths[i] > available or not blocks:
            blocks.append([])
            used = widths[0]
        blocks[-1].append(i)
        used += widths[i]
    return blocks


def fitted_tables(title: str | None, header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool],
                  width: int, *, long_header: Sequence[str] | None = None) -> list:
    """The rich tables that show ``rows`` within ``width`` columns: the table, or
    its transpose (its rows named by ``long_header``, default ``header``), or
    blocks of its columns (see the module docstring)."""
    wide = _rich_table(title, header, rows, numeric)
    if _natural_width(wide) <= width:
        return [wide]
    names = long_header or header
    tall = _rich_table(title, [names[0], *(row[0] for row in rows)], [[names[i], *(row[i] for row in rows)]
                                                                       for i in range(1, len(header))], [False] + [True] * len(rows))
    if _natural_width(tall) <= width:
        return [tall]
    gap = 2  # rich's padding between columns (collapse_padding, SIMPLE_HEAD box)
    widths = [_natural_width(_rich_table(None, [header[i]], [[row[i]] for row in rows], [False])) + gap
              for i in range(len(header))]
    widths[0] = min(widths[0], NAME_WIDTH + gap)
    tables = []
    for n, block in enumerate(column_blocks(widths, width)):
        columns = [0, *block]
        tables.append(_rich_table(title if n == 0 else None, [header[i] for i in columns],
                                  [[row[i] for i in columns] for row in rows],
                                  [i < len(numeric) and numeric[i] for i in columns], name_width=NAME_WIDTH))
    return tables


def print_table(title: str | None, header: Sequence[str], rows: Sequence[Sequence[str]],
                numeric: Sequence[bool] = (), *, plain_rows: Sequence[Sequence[str]] | None = None,
                long_header: Sequence[str] | None = None, terminal: bool | None = None, err: bool = False) -> None:
    """Print a table: fitted to a terminal (:func:`fitted_tables`), or, piped,
    :func:`plain_lines` of ``plain_rows`` (default ``rows``; give full-precision
    numbers here) under the title. ``terminal`` None: whether the stream is one.
    ``err``: on stderr (when the picture itself goes to stdout with ``-o -``)."""
    stream = sys.stderr if err else sys.stdout
    if not (stream.isatty() if terminal is None else terminal):
        lines = ([title] if title else []) + plain_lines(header, plain_rows if plain_rows is not None else rows, numeric)
        typer.echo("\n".join(line.rstrip() for line in lines), err=err)
        return
    from rich.console import Console

    console = Console(highlight=False, stderr=err)
    for table in fitted_tables(title, header, rows, numeric, console.width, long_header=long_header):
        console.print(table)
