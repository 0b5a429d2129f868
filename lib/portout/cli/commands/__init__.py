"""CLI sub-commands: every module here defines `register(subparsers)`.

The CLI discovers the modules, so each command lives in its own file and adding one touches nothing else.
A handler returns the exit status; `PortoutError` raised from it becomes one line on stderr and status 2.
"""
