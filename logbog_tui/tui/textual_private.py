"""Every private Textual name logbog uses, in one place, each behind one function.

Textual (pinned to one minor version in pyproject.toml) has no public API for these needs. Each
function says why logbog needs it and what would replace it; tests/test_textual_private.py has a
test per function that fails when a Textual release changes what it relies on. Before raising the
pin, run those tests: a failure names the function to rewrite.

Nothing else in logbog_tui/ (nor in tests/ or benchmarks/) touches an underscore name of a
Textual object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.notifications import Notification
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import DataTable, Input, Select

# --- prewarming: building screens in idle time (tui/app.py, tui/hours.py) ------------------------


def mode_screen(app: App[Any], mode: str) -> Screen[Any] | None:
    """The screen of ``mode`` if Textual has built it (a mode's screen is built on first use).

    Why: the prewarm pass builds the modes' screens before their first visit and must know which
    exist. Textual keeps them in ``App._screen_stacks``. Would be replaced by a public "is this
    mode initialised / its base screen" accessor."""
    stack = app._screen_stacks.get(mode)
    return stack[0] if stack else None


def built_screens(app: App[Any]) -> list[Screen[Any]]:
    """The base screen of every mode built so far (``App._screen_stacks``, as in
    :func:`mode_screen`)."""
    return [stack[0] for stack in app._screen_stacks.values() if stack]


async def build_mode(app: App[Any], mode: str) -> Screen[Any]:
    """Build and mount the screen of ``mode`` without showing it; returns the screen.

    Why: a first visit to a screen costs its compose and mount (hundreds of ms on 20 years of
    data); the app does that in idle time after start. ``App._init_mode`` is what
    ``switch_mode`` runs for a mode not yet built, without switching. Would be replaced by a
    public way to initialise a mode (Textual has none; ``switch_mode`` there and back would show
    the screen)."""
    await app._init_mode(mode)
    return app._screen_stacks[mode][0]


def restyle_hidden_screens(app: App[Any]) -> None:
    """Bring the styles of every built but hidden mode screen up to date now.

    Why: Textual restyles a screen that was hidden when the stylesheet last changed on its first
    visit (``refresh_css``: 20-30 ms per switch). The prewarm pass does it in idle time, the way
    ``App.refresh_css`` does it for the screens of the current stack: ``stylesheet.update`` and
    the screen's ``_css_update_count``, Textual's mark that the screen has the current styles.
    Would be replaced by a public "restyle this screen" call."""
    for mode, stack in app._screen_stacks.items():
        if mode != app.current_mode and stack[0]._css_update_count != app._css_update_count:
            app.stylesheet.update(stack[0])
            stack[0]._css_update_count = app._css_update_count


def build_screen(app: App[Any], screen: Screen[Any]) -> AwaitMount:
    """Compose and mount an installed ``screen`` without showing it; await the result to wait
    for the mount.

    Why: the log dialog (`l`) is built in idle time so that its first opening is quick. Textual
    composes a screen when it is first pushed; ``App._get_screen`` registers (composes and
    mounts) it without pushing. Would be replaced by a public "mount this installed screen"."""
    return app._get_screen(screen)[1]


# --- the error hook: one line instead of a traceback (tui/app.py) ---------------------------------


class OneLineErrors:
    """Mixed into the App, before ``App``: an unhandled error is handed to
    ``unexpected_error(error)`` (which logs it), and the program ends with the one line that
    ``unexpected_error_line()`` returns instead of Textual's on-screen traceback; several errors
    give that line once.

    Why: Textual has no public hook for unhandled errors; ``App._handle_exception`` is where
    every one of them arrives, and ``App._fatal_error`` renders the traceback into
    ``App._exit_renderables`` (printed to stderr at exit) and closes the app's message queue
    (``_close_messages_no_wait``). Would be replaced by a public error handler hook."""

    def unexpected_error(self, error: Exception) -> None:
        """Called with every unhandled error (before the app ends)."""

    def unexpected_error_line(self) -> str:
        """The line the user sees on the terminal when the app ends after an unhandled error."""
        raise NotImplementedError

    def _handle_exception(self, error: Exception) -> None:
        self.unexpected_error(error)
        super()._handle_exception(error)  # type: ignore[misc]

    def _fatal_error(self) -> None:
        app: Any = self
        app.bell()
        line = self.unexpected_error_line()
        if line not in app._exit_renderables:  # one line, however many errors (each is logged)
            app._exit_renderables.append(line)
        app._close_messages_no_wait()


def handle_error(app: App[Any], error: Exception) -> None:
    """Hand ``error`` to the app as Textual does with an error that a handler raised
    (``App._handle_exception``). The tests raise errors with it; no public way to do that for
    several errors at once (the first one ends the app's message loop)."""
    app._handle_exception(error)


def exit_lines(app: App[Any]) -> list[object]:
    """What the app prints on the terminal when it ends after an error (``App._exit_renderables``;
    empty after a clean exit). Read by the tests; no public accessor."""
    return list(app._exit_renderables)


# --- widgets ---------------------------------------------------------------------------------------


def update_dimensions_later(table: DataTable[Any]) -> None:
    """Have ``table`` recompute its size when it is next idle, as after a change of its rows
    (widgets/plain.py, after a column's label got its sort mark ▲/▼ in place).

    Why: DataTable's private flag ``_require_update_dimensions``, which its public methods set
    when they add rows or columns; while it is set, ``move_cursor`` scrolls the cursor into view
    after the next refresh. Note: it does not widen a column for a longer label (Textual 8.2
    measures a label only when its column is added or one of its cells updated), so the mark can
    be cut off in a column that is only as wide as its label. Would be replaced by a public
    "set column label" method that remeasures the column."""
    table._require_update_dimensions = True


def shown_suggestion(field: Input) -> str:
    """The completion an Input shows after its cursor (``Input._suggestion``; "" for none).

    Why: Tab in a completing field takes the suggestion shown, like Textual's own →
    (``Input.action_cursor_right`` reads the same attribute). Would be replaced by a public
    ``Input.suggestion``."""
    return field._suggestion


# --- read by the tests and the benchmark ------------------------------------------------------------


def notifications(app: App[Any]) -> list[Notification]:
    """The app's current notifications, oldest first (``App._notifications``). No public
    accessor; a toast's text is drawn later and only while it is shown."""
    return list(app._notifications)


def select_options(select: Select[Any]) -> list[tuple[object, object]]:
    """The (prompt, value) pairs a Select offers, with its blank entry (``Select._options``).
    No public accessor."""
    return list(select._options)


def on_redraw(callback: Callable[[Screen[Any]], None]) -> Callable[[], None]:
    """Call ``callback(screen)`` after every compositor refresh of any screen (benchmarks: the
    last redraw a step caused). Returns a function that removes the hook.

    Why: ``Screen._compositor_refresh`` is where a screen's update reaches the terminal; there is
    no public "after redraw" event that fires for every redraw."""
    original = Screen._compositor_refresh

    def recording(screen: Screen[Any]) -> None:
        original(screen)
        callback(screen)

    Screen._compositor_refresh = recording  # type: ignore[method-assign]

    def remove() -> None:
        Screen._compositor_refresh = original  # type: ignore[method-assign]

    return remove
