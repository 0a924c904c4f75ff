"""Issue 10 point 3: SIGKILL at random points of a series of writes and of a 10,000-row import (20 kills);
after each the database passes the integrity check, every reported commit is there, and an import is
all there or absent. bench/bench_kills.py runs 50."""

import random
import sys

import pytest

from tests.durability import Outcome, kill_imports, kill_writes, new_database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def test_sigkill_during_writes_and_imports_loses_no_commit_and_leaves_no_half_import(tmp_path):
    url = f"sqlite:///{tmp_path / 'kills.sqlite3'}"
    new_database(url)
    outcome = Outcome()
    rng = random.Random(20261205)
    kill_writes(url, 12, rng, outcome)
    kill_imports(url, 8, rng, outcome, tmp_path)
    assert outcome.kills == 20
    assert len(outcome.reported) >= 12  # each run committed at least once before its kill
    assert outcome.damaged == []
    assert outcome.lost == []
    assert outcome.partial_imports == []
