"""README's set-up works on a stock Debian or Ubuntu, whose system Python refuses global installs (PEP 668):
`make build` from a fresh clone, with nothing but the distribution's /usr/bin/python3 on PATH, makes the zip."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT

DEBIAN_PYTHON = Path("/usr/bin/python3")


def _venv_works() -> bool:
    probe = subprocess.run([str(DEBIAN_PYTHON), "-c", "import ensurepip, venv"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not DEBIAN_PYTHON.exists() or not (ROOT / ".git").exists() or not shutil.which("make"),
                    reason="needs a git checkout, GNU make and a distribution Python at /usr/bin/python3")
def test_make_build_from_a_fresh_clone_with_the_system_python(tmp_path):
    if not _venv_works():
        pytest.skip("/usr/bin/python3 has no venv module here (Debian: apt-get install python3-venv)")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    for name in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_CONFIG_FILE", "PIP_FIND_LINKS"):
        if name in os.environ:  # where packages come from is the machine's business, not the test's
            env[name] = os.environ[name]
    run = subprocess.run(["make", "build"], cwd=clone, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert (clone / "dist" / "networking-collective-work-1.0.0.zip").is_file()
    config = (clone / ".venv" / "pyvenv.cfg").read_text()
    assert "home = /usr/bin" in config, config
    # building installs the core only: the test tools come with `make test`
    probe = subprocess.run([str(clone / ".venv" / "bin" / "python"), "-c", "import playwright"], capture_output=True)
    assert probe.returncode != 0
