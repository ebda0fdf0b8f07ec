"""Serialisation: results as text for people and scripts.

:mod:`.numbers` formats a number for a table cell, :mod:`.delimited` writes CSV,
:mod:`.tables` renders property reports (markdown, csv, json, latex),
:mod:`.records` turns deep-stack and catalogue results into JSON/CSV rows,
:mod:`.card` lays out an entry's card (``actviz info``), :mod:`.latex_text`
turns the catalogue's LaTeX into Unicode text and :mod:`.notebook` renders
results as Markdown for Jupyter.
"""
