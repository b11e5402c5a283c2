"""The log file in the data folder (mode 0600): where tracebacks go instead of the screen."""

from __future__ import annotations

import logging

_LOGGER = "logbog"


def logger() -> logging.Logger:
    """The ``logbog`` logger, writing to the data folder's log file (set up once per process)."""
    from logbog_tui.paths import log_path, private_file

    log = logging.getLogger(_LOGGER)
    logging.raiseExceptions = False  # a log file that cannot be written (a full disk) prints nothing
    try:
        path = log_path()
        if not any(isinstance(h, logging.FileHandler) and h.baseFilename == str(path) for h in log.handlers):
            private_file(path)
            handler = logging.FileHandler(path, encoding="utf-8")
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            log.addHandler(handler)
            log.setLevel(logging.INFO)
    except OSError:  # a read-only or missing data folder: the program goes on without a log file
        if not log.handlers:
            log.addHandler(logging.NullHandler())
        log.propagate = False
    return log
