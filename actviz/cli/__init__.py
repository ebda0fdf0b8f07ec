"""The ``actviz`` command line: Typer commands that parse, call the library and format."""
