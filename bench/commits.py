#!/usr/bin/env python3
"""Benchmark: how many LMSCommit calls a learner's full pass through the seed course makes (docs/runtime.md,
"When SB.lms commits"), in headless Chromium against the test LMS host (tests/browser/lms_host).

    python bench/commits.py                      # a learner's pace: 3 s per question, 6 keys a second
    python bench/commits.py --think 0.3          # a fast learner
    python bench/commits.py --runtime-from REF   # the runtime (templates/static/*.js) of a git ref, for comparison

Needs the test extra (Playwright), Debian's Chromium and `npm ci` (scorm-again).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import CHROMIUM, CHROMIUM_ARGS, SEED, StaticServer, build_one, unpack  # noqa: E402
from lms_harness import Launch, LmsServer, commit_counts, install_host, install_sco, mastery_score, paced_pass  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--think", type=float, default=3.0, help="seconds after each answer (default 3)")
    ap.add_argument("--keys", type=float, default=6.0, help="keys a second for typed answers (default 6)")
    ap.add_argument("--runtime-from", metavar="REF", help="use templates/static/sb-lms.js and sb-app.js of this git ref")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sco = unpack(build_one(SEED, work), work / "sco")
        if args.runtime_from:
            for name in ("sb-lms.js", "sb-app.js"):
                old = subprocess.run(["git", "show", f"{args.runtime_from}:templates/static/{name}"], cwd=ROOT,
                                     capture_output=True, check=True).stdout
                (sco / "assets" / name).write_bytes(old)
        root = work / "site"
        root.mkdir()
        site = StaticServer(root)
        install_host(root)
        install_sco(root, sco)
        server = LmsServer(site)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                run = Launch(browser.new_page(), site, mastery=mastery_score(sco), transport=server.transport("bench"))
                walk = paced_pass(run, args.think, 1 / args.keys)
                counts = commit_counts(run.host(), walk)
                browser.close()
        finally:
            site.close()
    print(f"runtime: {args.runtime_from or 'this tree'}; think {args.think} s, {args.keys} keys/s")
    print(f"pages {walk['pages']}, answers {walk['answers']}")
    print(f"LMSCommit {counts['commits']}, LMSFinish {counts['finishes']}, requests stored {len(server.fns('bench'))}")
    print(f"while answering: {counts['while_answering']} commits in {counts['seconds_answering']:.1f} s "
          f"= {counts['rate']:.2f} a second")


if __name__ == "__main__":
    main()
