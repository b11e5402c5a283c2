"""logbog-tui: run the logbog.net organisation offline from the terminal.

Kept import-light on purpose: the CLI's quick paths (``logbog host``) import neither
Textual nor the ORM stack.
"""

__version__ = "0.1.0"
