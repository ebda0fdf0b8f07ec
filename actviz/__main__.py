"""``python -m actviz``: the same as the ``actviz`` command."""

from .cli.app import main

main()
