"""CLI sub-commands: every module here defines `register(subparsers, _)`
(`_`: the Translator its help texts are written with).

The CLI discovers the modules, so each command lives in its own file and adding one touches nothing else.
A handler returns the exit status; `PortoutError` raised from it becomes one line on stderr and status 2.
"""
