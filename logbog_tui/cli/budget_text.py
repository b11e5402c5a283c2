"""Human-readable output of ``logbog budget``."""

from __future__ import annotations

from logbog_tui.i18n import fmt_date, fmt_hours, t
from logbog_tui.overview import BudgetOverview, planned_note, status_words


def print_budget(ov: BudgetOverview) -> None:
    pl = ov.leadership
    print(t("budget.title", year=ov.year, as_of=fmt_date(ov.as_of), elapsed=ov.working_days_elapsed,
            total=ov.working_days_year))
    print()
    print(t("budget.leadership"))
    print(t("budget.leadership_line", used=fmt_hours(pl.used), budget=fmt_hours(pl.budget),
            remaining=fmt_hours(pl.remaining), expected=fmt_hours(round(pl.expected_to_date, 1)),
            forecast=fmt_hours(round(pl.forecast, 1)), status=status_words(pl.used, pl.budget, pl.status))
          + planned_note(ov.leadership_planned))
    print("  " + t("budget.days_off_line", days_off=ov.days_off.text() or "–"))
    print()
    print(t("budget.members"))
    if not ov.members:
        print("  " + t("budget.no_members"))
    width = max((len(m.person) for m in ov.members), default=10)
    for m in ov.members:
        line = t("budget.member_line", used=fmt_hours(m.used), budget=fmt_hours(m.budget),
                 remaining=fmt_hours(m.remaining), expected=fmt_hours(round(m.expected_to_date, 1)),
                 forecast=fmt_hours(round(m.forecast, 1)), support=fmt_hours(m.support),
                 status=status_words(m.used, m.budget, m.status)) + planned_note(m.planned)
        print(f"  {m.person:<{width}}  {line}")
        for name, hours in sorted(m.by_substitute.items()):
            print("  " + " " * width + "  " + t("budget.substitute_line", person=name, hours=fmt_hours(hours)))
        if m.days < 365:
            print("  " + " " * width + "  " + t("budget.prorated", days=m.days))
    if ov.unattributed:
        print("  " + t("budget.unattributed", hours=fmt_hours(ov.unattributed)))
    if ov.steering:
        print()
        print(t("budget.steering"))
        width = max(len(name) for name, _ in ov.steering)
        for name, hours in ov.steering:
            print(f"  {name:<{width}}  {fmt_hours(hours)}")
