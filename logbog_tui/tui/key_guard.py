"""Keys typed at full speed: nothing after `q`, and nothing lost while a dialog opens.

Two things went wrong when keys came faster than the screens:

- `q` and then at once a key that opens a dialog (`qn`, `qa`, `q?`) pushed the dialog onto an app
  that was already closing; its ``on_mount`` then queried widgets that were being taken down and
  the program ended with "uventet fejl". Once quitting has begun, no screen is pushed and no mode
  is switched (whatever asks for it: a key, a callback, the palette), and keys and clicks are
  dropped.
- `l1,5` Enter typed in one go: Textual hands each key to the focused widget at once and looks up
  the key's binding only when the key comes back up to the app. So `1,5` went to the list behind
  before `l` had opened the dialog, came back when the dialog was current, and were lost (Enter
  then saved an empty hours field). Keys typed after the key that opened a screen (or switched a
  mode) are held from that moment until the new screen has mounted, handled its ``ScreenResume``
  and taken its first focus, and then replayed in the order typed, to whatever has the focus.
- Keys typed while the program starts, before Textual has put the terminal into raw mode, pass
  the terminal's line discipline, which turns Enter (CR) into a line feed: Textual reads it as
  `ctrl+j`, which no field takes, so `l1,5` Enter typed at once after `logbog` opened the dialog
  with 1,5 and never saved it. `ctrl+j` is read as Enter (it means nothing else here).

This costs a few attribute checks per key and one callback per opened screen."""

from __future__ import annotations

from itertools import count

from textual import events
from textual.screen import Screen
from textual.widget import AwaitMount

FALLBACK_SECONDS = 1.0  # held keys are released after this even if a screen never gets ready
REMEMBERED = 64         # keys in flight that are remembered (a widget may consume a key for good)


class KeyGuard:
    """Mixed into the App before ``App``."""

    quitting = False
    """True once the user (or the program) has asked to quit."""

    _held: list[events.Key] | None = None  # keys waiting for the screen being opened
    _opening: Screen | None = None         # that screen
    _opened_by = 0                         # the number of the key that opened it: later keys are its
    _handling: int | None = None           # the number of the key whose bindings run now
    _numbers = count(1)
    _in_flight: dict[int, tuple[events.Key, int, Screen]] | None = None  # id -> (key, number, screen)

    @property
    def closing(self) -> bool:
        """Quitting has begun (or the app is being shut down without `q`, as a test does)."""
        return self.quitting or not self.is_running

    def exit(self, *args, **kw) -> None:
        self.quitting = True
        self._held = None
        super().exit(*args, **kw)

    def push_screen(self, screen, callback=None, wait_for_dismiss: bool = False, *, mode: str | None = None):
        if self.closing:
            return AwaitMount(self.screen, [])
        result = super().push_screen(screen, callback, wait_for_dismiss, mode=mode)
        if mode is None or mode == self.current_mode:
            self._hold_keys_until_ready(self.screen)
        return result

    def switch_mode(self, mode: str) -> AwaitMount:
        if self.closing:
            return AwaitMount(self.screen, [])
        before = self.current_mode
        result = super().switch_mode(mode)
        if mode != before:
            self._hold_keys_until_ready(self.screen)
        return result

    def _hold_keys_until_ready(self, screen: Screen) -> None:
        """Hold later keys until ``screen`` has processed what is already queued for it (its mount
        and ``ScreenResume``, where the dialogs fill their fields and ask for the focus); the focus
        itself is set by a callback of the app, which is queued before the release."""
        self._opening = screen
        if self._handling is not None:
            self._opened_by = self._handling
        if self._held is None:
            self._held = []
        screen.call_later(self.call_later, self._release_keys, screen)
        self.set_timer(FALLBACK_SECONDS, lambda: self._release_keys(screen))

    def _release_keys(self, screen: Screen | None) -> None:
        if self._opening is not screen:  # another screen opened since, or already released
            return
        held, self._held, self._opening = self._held or [], None, None
        for key in held:
            self.post_message(events.Key(key.key, key.character))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and self.closing:
            return
        if not isinstance(event, events.Key):
            await super().on_event(event)
            return
        if event.key == "ctrl+j" and not event.is_forwarded:  # Enter typed before raw mode (above)
            event = events.Key("enter", "\r")
        if not event.is_forwarded:  # fresh from the terminal: priority bindings run now
            if self._held is not None:
                self._held.append(event)
                return
            number = self._remember(event)
        else:  # back from the focused widget: the key's own bindings run now
            number, screen = self._forget(event)
            if number > self._opened_by and screen is not None and screen is not self.screen:
                # typed after the key that opened the current screen, but delivered to the one behind
                self._held = self._held if self._held is not None else []
                self._held.append(event)
                if self._opening is None:
                    self._release_keys(None)
                return
        self._handling = number
        try:
            await super().on_event(event)
        finally:
            self._handling = None

    def _remember(self, key: events.Key) -> int:
        number = next(self._numbers)
        if self._in_flight is None:
            self._in_flight = {}
        self._in_flight[id(key)] = (key, number, self.screen)  # the key is kept, so its id is not reused
        while len(self._in_flight) > REMEMBERED:
            del self._in_flight[next(iter(self._in_flight))]
        return number

    def _forget(self, key: events.Key) -> tuple[int, Screen | None]:
        entry = (self._in_flight or {}).pop(id(key), None)
        if entry is None or entry[0] is not key:
            return 0, None
        return entry[1], entry[2]
