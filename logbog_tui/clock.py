"""The one place that asks what day it is.

``LOGBOG_TODAY=YYYY-MM-DD`` freezes the date: used by tests, benchmarks and demos on fixed data.
"""

import os
from datetime import date


def today() -> date:
    frozen = os.environ.get("LOGBOG_TODAY")
    if frozen:
        return date.fromisoformat(frozen)
    return date.today()
