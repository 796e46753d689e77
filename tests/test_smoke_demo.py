from pathlib import Path

from helpers import DEMO_AS_OF

from auditor.periods import parse_period
from auditor.session import Session


def test_demo_database_shows_every_core_status(demo_db: Path) -> None:
    a = Session(demo_db).assess(parse_period("2026H2"), DEMO_AS_OF)
    statuses = {r.status.value for r in a.results}
    assert {"met", "not_met", "at_risk", "on_track", "overdue"} <= statuses
