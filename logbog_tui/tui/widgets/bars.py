"""Text bars and sparklines for table cells, coloured by budget status."""

from __future__ import annotations

from rich.text import Text

STATUS_STYLE = {"ok": "green", "warning": "dark_orange", "over": "bold red"}
BLOCKS = " ▁▂▃▄▅▆▇█"


def bar(used: float, budget: float, status: str, width: int = 20) -> Text:
    """``████████░░░░`` filled to used/budget (full past 100 %), in the status colour."""
    ratio = used / budget if budget > 0 else (1.0 if used > 0 else 0.0)
    filled = max(0, min(width, round(ratio * width)))
    text = Text("█" * filled, style=STATUS_STYLE.get(status, ""))
    text.append("░" * (width - filled), style="dim")
    text.append(f" {ratio * 100:3.0f} %", style=STATUS_STYLE.get(status, ""))
    return text


def spark(values: list[float]) -> str:
    """One character per value, scaled to the largest."""
    top = max(values, default=0)
    if top <= 0:
        return BLOCKS[1] * len(values)
    return "".join(BLOCKS[max(1, round(v / top * (len(BLOCKS) - 1)))] if v > 0 else BLOCKS[1] for v in values)


def status_text(label: str, status: str) -> Text:
    return Text(label, style=STATUS_STYLE.get(status, ""))
