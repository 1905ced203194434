"""The pure JavaScript logic (tests/js/*.test.js), run with `node --test`."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

JS_TESTS = Path(__file__).parent / "js"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_node_tests_pass():
    run = subprocess.run(["node", "--test", *sorted(str(p) for p in JS_TESTS.glob("*.test.js"))],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "# fail 0" in run.stdout
