"""The runtime's pure JavaScript logic, tested with Node's own test runner (`node --test tests/js/`)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from helpers import ROOT


def test_node_unit_tests_pass():
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is missing: install nodejs (make test needs it for npm too)")
    run = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout, run.stdout
