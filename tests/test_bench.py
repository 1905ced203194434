"""The benchmark script runs and reports every figure (its timings are read by people, not asserted here)."""
from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def test_bench_quick_reports_every_target():
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "bench.py"), "--quick"], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout
    for row in ("floor (a): import heavy deps", "SMALL cold build", "LARGE cold build", "no-change rebuild",
                "8 seed courses, --jobs 2", "SMALL cold / floor (a)", "LARGE handout", "8 courses: --jobs 1 / --jobs 2"):
        assert row in out, out
