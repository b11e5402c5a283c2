"""Screens that later issues build; each says so plainly."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from logbog_tui.i18n import t


class _Placeholder(Screen):
    NAME = ""
    ISSUE = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("placeholder.text", screen=t(f"screen.{self.NAME}"), issue=self.ISSUE,
                       what=t(f"placeholder.{self.NAME}")), classes="placeholder")
        yield Footer()


class TicketsScreen(_Placeholder):
    NAME, ISSUE = "tickets", 7
