"""Hostile YAML is refused quickly and in bounded memory: alias bombs, deep nesting, huge files and scalars.

Each attack is read in a fresh subprocess, so that its peak memory (resource.getrusage) is its own; the figures
are printed (`pytest -s tests/test_yaml_limits.py`). The bounds asserted are generous for slow CI machines; the
figures measured are far below them.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import ROOT
from scorm_builder.yamlsource import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES

SECONDS = 2.0
MEBIBYTES = 64  # peak resident memory added by reading the file

# VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child of pytest would start at pytest's peak
PROBE = r"""
import json, re, sys, time
from pathlib import Path
from scorm_builder.yamlsource import read_yaml
read_yaml(Path(sys.argv[2]), "warm-up.yaml")  # imports and first use, outside the measure
def peak_kib():
    return int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read())[1])
before = peak_kib()
started = time.perf_counter()
source, errors = read_yaml(Path(sys.argv[1]), "attack.yaml")
seconds = time.perf_counter() - started
after = peak_kib()
print(json.dumps({"seconds": seconds, "grew_kib": after - before, "peak_kib": after,
                  "errors": [str(e) for e in errors]}))
"""


def _bomb(levels: int) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


ATTACKS = {
    # name: (file text, or a size for a file of spaces; expected diagnostic, or None when it must be accepted)
    "billion-laughs": (_bomb(9), f"attack.yaml:6:5: error: the document expands to more than {MAX_NODES} values"),
    "billion-laughs-20-levels": (_bomb(20), "expands to more than"),
    "alias-chain-deeper-than-text": ("a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 200)),
                                     f"nested more than {MAX_DEPTH} levels deep"),
    "alias-cycle": ("a: &a [x, *a]\n", f"nested more than {MAX_DEPTH} levels deep"),
    "flow-nesting-100k": ("x: " + "[" * 100_000 + "]" * 100_000 + "\n",
                          f"attack.yaml:1:67: error: the document is nested more than {MAX_DEPTH} levels deep"),
    "block-nesting-2000": ("".join(" " * i + "a:\n" for i in range(2000)), f"nested more than {MAX_DEPTH} levels"),
    "million-item-list": ("x: [" + ",".join(["1"] * 900_000) + "]\n", f"the file holds more than {MAX_NODES} values"),
    "many-keys": ("x: {" + ", ".join(f"k{i}: 1" for i in range(250_000))[: MAX_FILE_BYTES - 10] + "}\n",
                  f"the file holds more than {MAX_NODES} values"),
    "file-of-50-mib": (50 * 1024 * 1024, "attack.yaml:1:1: error: the file is 51200 KiB"),
    "scalar-of-2-mib-under-the-limit": ("body: " + "x" * (MAX_FILE_BYTES - 100) + "\n", None),
}


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attack_is_refused_quickly_in_bounded_memory(name, tmp_path):
    content, expected = ATTACKS[name]
    path = tmp_path / "attack.yaml"
    if isinstance(content, int):
        with open(path, "wb") as f:  # sparse: the reader must refuse it by its size, without reading it
            f.truncate(content)
    else:
        path.write_text(content, encoding="utf-8")
    warm = tmp_path / "warm.yaml"
    warm.write_text("id: x\nitems: [a, b]\n", encoding="utf-8")
    # Through sh, which forks python: Linux keeps a process's peak memory across exec, so a python exec'd straight
    # from this (large) pytest process would report pytest's peak instead of its own.
    run = subprocess.run(["/bin/sh", "-c", '"$0" -c "$1" "$2" "$3"; exit $?', sys.executable, PROBE, str(path),
                          str(warm)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]  # a crash (the C composer used to segfault on deep nesting)
    figures = json.loads(run.stdout)
    print(f"\n{name}: {path.stat().st_size / 1024:.0f} KiB read in {figures['seconds'] * 1000:.1f} ms, "
          f"peak memory +{figures['grew_kib'] / 1024:.1f} MiB (process {figures['peak_kib'] / 1024:.0f} MiB): "
          f"{figures['errors'][0][:110] if figures['errors'] else 'accepted'}")
    if expected is None:
        assert figures["errors"] == []
    else:
        assert len(figures["errors"]) == 1 and expected in figures["errors"][0], figures["errors"]
    assert figures["seconds"] < SECONDS
    assert figures["grew_kib"] < MEBIBYTES * 1024
