"""`python -m publisher`, as a Python tool is also run (a venv's python with no scripts on
PATH, `pipx run`, a cron job naming the interpreter): the same command line."""

from .cli import main

main(prog_name="publisher")
