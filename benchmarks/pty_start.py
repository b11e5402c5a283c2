"""The TUI's start in a real terminal: ``logbog --db DB`` on a pseudo-terminal of 120x40, as a user
starts it (the console script, the real driver, the day's checks), timed from spawn until the
terminal has received the frame that holds the dashboard's budget line; then `q` is sent and the
process waited for. Prints two numbers in milliseconds from spawn: that frame, and the process's
exit after `q`. No polling process beside it (a tmux capture loop costs CPU of its own).

    python benchmarks/pty_start.py DB
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time
from pathlib import Path

MARK = b"Projektledelse"  # the dashboard's budget line (messages/core.py "dashboard.leadership")


def main() -> None:
    db = sys.argv[1]
    script = Path(sys.executable).parent / "logbog"
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the program, on the terminal
        os.execv(str(script), [str(script), "--db", db])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen, shown = b"", None
    while shown is None and time.perf_counter() - start < 20:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            seen = seen[-len(MARK):] + chunk
            if MARK in seen:
                shown = time.perf_counter()
    time.sleep(0.3)  # let the app settle before `q`, as a user would look first
    os.write(fd, b"q")
    done = 0
    while True:  # drain the terminal until the program has ended
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    if not done:
        os.waitpid(pid, 0)
    ended = time.perf_counter()
    print(f"{(shown - start) * 1000 if shown else 0:.1f}")
    print(f"{(ended - start) * 1000 - 300:.1f}")  # without the 0.3 s looked at the screen


if __name__ == "__main__":
    main()
