"""``python -m actviz``: the same as the ``actviz`` command."""

from .cli.main import main

main()
