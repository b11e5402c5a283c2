"""Where the data lives: the user's data folder (platformdirs), kept private (0700/0600)."""

import os
from pathlib import Path

APP_NAME = "logbog-tui"


def data_dir() -> Path:
    """The data folder, created with mode 0700 if missing. ``LOGBOG_HOME`` overrides it."""
    override = os.environ.get("LOGBOG_HOME")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False))
    return private_dir(path)


def private_dir(path: Path) -> Path:
    """Create ``path`` and every missing parent with mode 0700, whatever the umask (pathlib's
    ``parents=True`` gives the parents the umask's mode: 0777 under umask 000)."""
    missing = []
    folder = path
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(folder, 0o700)
    return path


def default_db_path() -> Path:
    return data_dir() / "logbog.db"


def log_path() -> Path:
    return data_dir() / "logbog.log"


def backup_dir() -> Path:
    return private_dir(data_dir() / "backups")


def private_file(path: Path) -> None:
    """Create ``path`` if needed and make it readable by its owner only."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
