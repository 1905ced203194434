#!/usr/bin/env python3
"""Benchmark: whole-process builds of synthetic courses against the floors of this stack.

    python bench/bench.py            # SMALL, LARGE, rebuilds, 8 seed courses in parallel
    python bench/bench.py --runs 7   # more runs per figure
    python bench/bench.py --python "$(command -v python3)"   # time another installation

Floors, measured in the same run and with the same interpreter:
  (a) a Python process that imports the builder's heavy dependencies and exits;
  (b) writing the same output files into a zip with Python's zipfile (text deflated, media stored).
Courses are generated deterministically (fixed seed) in a temporary folder. By default the builder is installed
with pip into a new virtual environment there, as users install it (pipx, venv): this measures the builder,
not whatever a machine's global site-packages runs at every interpreter start.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_COURSE = ROOT / "course"
HEAVY = "import click, jinja2, lxml.etree, markdown_it, nh3, yaml"
WORDS = ("الشبكة الجمعيات التشبيك العمل الجماعي الموارد الأعضاء الرؤية الميثاق التنسيق التقييم المتابعة "
         "الأهداف الأنشطة البرامج الشركاء المعلومة المرافعة الاستقلالية التخطيط المشاركة").split()
TYPES = ("single", "multiple", "true-false", "fill-in", "numeric", "matching", "ordering")


# Synthetic courses -----------------------------------------------------------------------------------------

def _paragraphs(rng: random.Random, words: int) -> str:
    out, line = [], []
    for i in range(words):
        line.append(rng.choice(WORDS))
        if len(line) >= 60 or i == words - 1:
            out.append(" ".join(line) + ".")
            line = []
    return "\n\n".join(out)


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _distinct(rng: random.Random, count: int, low: int, high: int) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        text = _words(rng, low, high)
        if text not in found:
            found.append(text)
    return found


def _question(rng: random.Random, n: int) -> str:
    """A question whose texts, like a real course's, are (almost always) written once."""
    kind = TYPES[n % len(TYPES)]
    head = (f"  - id: q{n}\n    type: {kind}\n    prompt: {_words(rng, 8, 14)}؟\n"
            f"    feedback: {_words(rng, 6, 12)}.\n")
    if kind in ("single", "multiple"):
        choices = "".join(f"      - {text}\n" for text in _distinct(rng, 4, 3, 6))
        correct = "b" if kind == "single" else "[a, c]"
        return head + f"    choices:\n{choices}    correct: {correct}\n"
    if kind == "true-false":
        return head + "    correct: true\n"
    if kind == "fill-in":
        return head + f"    answers: [{rng.choice(WORDS)}]\n"
    if kind == "numeric":
        return head + "    correct: 4\n"
    if kind == "matching":
        pairs = "".join(f"      - left: {left}\n        right: {right}\n"
                        for left, right in zip(_distinct(rng, 3, 2, 4), _distinct(rng, 3, 2, 4)))
        return head + f"    pairs:\n{pairs}"
    return head + "    items: [" + ", ".join(_distinct(rng, 4, 2, 4)) + "]\n"


def make_course(dest: Path, modules: int, pages: int, questions: int, images: int, words: int = 300) -> Path:
    rng = random.Random(42)
    (dest / "modules").mkdir(parents=True)
    (dest / "media").mkdir()
    for i in range(images):
        # a JPEG start (SOI and a JFIF segment), so that the build sniffs a picture; the rest does not compress
        (dest / "media" / f"img{i}.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + rng.randbytes(100 * 1024 - 11))
    names, page_no, q_no = [], 0, 0
    for m in range(modules):
        body = [f"id: m{m}\ntitle: المحور {m}\nobjectives:\n  - {rng.choice(WORDS)}\npages:\n"]
        for p in range(pages // modules):
            media = ""
            if page_no < images:
                media = f"    media:\n      - src: media/img{page_no}.jpg\n        alt: صورة {page_no}\n"
            body.append(f"  - id: p{page_no}\n    title: صفحة {page_no}\n    body: |\n"
                        + "".join(f"      {line}\n" for line in _paragraphs(rng, words).splitlines()) + media)
            page_no += 1
        count = questions // modules
        body.append(f"quiz:\n  id: quiz{m}\n  title: اختبار {m}\n  questions:\n")
        body += [textwrap.indent(_question(rng, q_no + k), "  ") for k in range(count)]
        q_no += count
        (dest / "modules" / f"m{m}.yaml").write_text("".join(body), encoding="utf-8")
        names.append(f"modules/m{m}.yaml")
    (dest / "course.yaml").write_text(
        f"id: bench-{modules}\nversion: \"1.0\"\ntitle: دورة\nlanguage: ar\npackaging:\n  suspend_data_limit: warn\n"
        "modules:\n" + "".join(f"  - {n}\n" for n in names), encoding="utf-8")
    return dest


# Measuring -------------------------------------------------------------------------------------------------

def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in MiB of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    errors = proc.stderr.read()  # before waiting: a full pipe would block the build
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{errors.decode()}")
    return elapsed, usage.ru_maxrss // 1024


def repeat(runs: int, fn) -> dict:
    times, mems = zip(*(fn() for _ in range(runs)))
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "mem": max(mems)}


def zip_floor(package: Path, work: Path) -> float:
    """Time to write the files of `package` into a new zip with zipfile, media stored, text deflated."""
    unpacked = work / "unpacked"
    shutil.rmtree(unpacked, ignore_errors=True)
    with zipfile.ZipFile(package) as zf:
        zf.extractall(unpacked)
    files = sorted(p for p in unpacked.rglob("*") if p.is_file())
    start = time.perf_counter()
    with zipfile.ZipFile(work / "floor.zip", "w") as zf:
        for path in files:
            kind = zipfile.ZIP_STORED if path.suffix in (".jpg", ".png") else zipfile.ZIP_DEFLATED
            zf.write(path, path.relative_to(unpacked).as_posix(), compress_type=kind)
    return time.perf_counter() - start


PYTHON = sys.executable  # the interpreter every measured process runs; main() may set another


def handout_available() -> bool:
    """Whether the measured interpreter has the `handout` extra and Pango (else its row is left out)."""
    return subprocess.run([PYTHON, "-c", "import weasyprint"], capture_output=True).returncode == 0


def builder(*args: str) -> list[str]:
    return [PYTHON, "-m", "scorm_builder", "build", *args]


def fresh_install(work: Path) -> str:
    """A new virtual environment with the builder installed in it; its interpreter."""
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    done = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           f"{ROOT}[handout]"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"could not install the builder in {venv}:\n{done.stdout}{done.stderr}")
    return python


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true",
                        help="a much smaller LARGE course, one run, and this interpreter: a smoke test")
    parser.add_argument("--python", help="interpreter with the builder installed (default: a new virtual environment)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="scorm-bench-"))
    global PYTHON
    try:
        PYTHON = args.python or (sys.executable if args.quick else fresh_install(work))
        print(f"interpreter: {PYTHON}")
        report(work, 1 if args.quick else args.runs, scale=10 if args.quick else 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(work: Path, runs: int, scale: int = 1) -> None:
    small = make_course(work / "small", modules=3, pages=12, questions=21, images=0)
    large = make_course(work / "large", modules=20, pages=400 // scale, questions=2000 // scale, images=200 // scale)
    rows = {"python -c pass (interpreter alone)": repeat(runs, lambda: run([PYTHON, "-c", "pass"])),
            "floor (a): import heavy deps": repeat(runs, lambda: run([PYTHON, "-c", HEAVY]))}
    for name, course in (("SMALL", small), ("LARGE", large)):
        out = work / f"out-{name}"
        rows[f"{name} cold build"] = repeat(runs, lambda: run(builder(str(course), "-o", str(out), "--force")))
        package = next(out.glob("*.zip"))
        floor_b = statistics.median(zip_floor(package, work) for _ in range(runs))
        rows[f"floor (b): zipfile, {name} files"] = {"median": floor_b, "min": floor_b, "max": floor_b, "mem": 0}
        if name == "SMALL":
            rows["no-change rebuild (SMALL)"] = repeat(runs, lambda: run(builder(str(course), "-o", str(out))))
        else:
            rows["reference: yaml.load (C) of its YAML"] = repeat(runs, lambda: yaml_alone(course))
            run(builder(str(course), "-o", str(out)))  # a build that keeps its cache, as a trainer's builds do
            edits = iter(range(runs))
            rows["one-page edit rebuild (LARGE)"] = repeat(runs, lambda: edit_one_page(course, next(edits), out))
            if handout_available():  # one run: a PDF of the whole LARGE course takes seconds, not milliseconds
                rows["LARGE handout (PDF)"] = repeat(1, lambda: run([PYTHON, "-m", "scorm_builder", "handout",
                                                                     str(course), "-o", str(work / "pdf")]))
    for count in (8, 32):
        courses = seed_courses(work, count)
        out = work / f"out-{count}"
        for jobs in ("1", "2"):
            rows[f"{count} seed courses, --jobs {jobs}"] = repeat(
                runs, lambda: run(builder(str(courses), "-o", str(out), "--force", "--jobs", jobs)))
        if count == 8:
            rows["8 seed courses, one process each"] = repeat(runs, lambda: one_by_one(courses, out))

    print(f"{'what':38} {'median':>9} {'min':>9} {'max':>9} {'peak MiB':>9}")
    for name, r in rows.items():
        print(f"{name:38} {r['median'] * 1000:7.0f}ms {r['min'] * 1000:7.0f}ms {r['max'] * 1000:7.0f}ms {r['mem'] or '':>9}")
    med = {name: r["median"] for name, r in rows.items()}
    floor_a, floor_large = med["floor (a): import heavy deps"], med["floor (b): zipfile, LARGE files"]
    checks = [
        ("SMALL cold / floor (a)", med["SMALL cold build"] / floor_a, "<= 1.5", med["SMALL cold build"] / floor_a <= 1.5),
        ("LARGE cold / (floor (a) + floor (b))", med["LARGE cold build"] / (floor_a + floor_large), "<= 1.5",
         med["LARGE cold build"] / (floor_a + floor_large) <= 1.5),
        ("LARGE cold, seconds", med["LARGE cold build"], "< 1", med["LARGE cold build"] < 1),
        ("LARGE peak memory, MiB", rows["LARGE cold build"]["mem"], "<= 64", rows["LARGE cold build"]["mem"] <= 64),
        ("no-change rebuild, ms", med["no-change rebuild (SMALL)"] * 1000, "<= 30", med["no-change rebuild (SMALL)"] <= 0.030),
        ("8 courses: --jobs 1 / --jobs 2", med["8 seed courses, --jobs 1"] / med["8 seed courses, --jobs 2"], ">= 1.6",
         med["8 seed courses, --jobs 1"] / med["8 seed courses, --jobs 2"] >= 1.6),
        ("8 courses: one process each / --jobs 2",
         med["8 seed courses, one process each"] / med["8 seed courses, --jobs 2"], ">= 1.6",
         med["8 seed courses, one process each"] / med["8 seed courses, --jobs 2"] >= 1.6),
        ("LARGE handout, seconds", med.get("LARGE handout (PDF)", float("nan")), "< 60",
         med["LARGE handout (PDF)"] < 60 if "LARGE handout (PDF)" in med else None),
        ("32 courses: --jobs 1 / --jobs 2", med["32 seed courses, --jobs 1"] / med["32 seed courses, --jobs 2"],
         "", None),
    ]
    print()
    print(f"{'target':38} {'measured':>9} {'goal':>9}")
    for name, value, goal, met in checks:
        verdict = "" if met is None else "met" if met else "NOT MET"
        print(f"{name:38} {value:9.2f} {goal or 'info':>9}  {verdict}")


YAML_ALONE = """
import glob, sys, time, yaml
texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(sys.argv[1] + "/**/*.yaml", recursive=True))]
start = time.perf_counter()
for text in texts:
    yaml.load(text, Loader=yaml.CSafeLoader)
print(time.perf_counter() - start)
"""


def yaml_alone(course: Path) -> tuple[float, int]:
    """PyYAML's C loader reading the course's files, timed inside a process: a part of any build of the course
    that no builder on this stack can avoid (and does less than a build needs: no positions, no checks)."""
    done = subprocess.run([PYTHON, "-c", YAML_ALONE, str(course)], capture_output=True, text=True, check=True)
    return float(done.stdout), 0


def edit_one_page(course: Path, n: int, out: Path) -> tuple[float, int]:
    """Change a sentence of one page, then rebuild: what a trainer does all day."""
    module = course / "modules" / "m3.yaml"
    text = module.read_text(encoding="utf-8")
    start = text.index("    body: |\n") + len("    body: |\n")
    module.write_text(text[:start] + f"      تعديل {n}.\n" + text[start:], encoding="utf-8")
    return run(builder(str(course), "-o", str(out)))


def one_by_one(courses: Path, out: Path) -> tuple[float, int]:
    """The 8 builds as a shell loop would run them: one process after the other."""
    times, mems = zip(*(run(builder(str(c), "-o", str(out), "--force")) for c in sorted(courses.iterdir())))
    return sum(times), max(mems)


def seed_courses(work: Path, count: int) -> Path:
    """`count` copies of the seed course, each with its own id, in one folder."""
    courses = work / f"seed-{count}"
    for i in range(count):
        shutil.copytree(SEED_COURSE, courses / f"c{i}")
        path = courses / f"c{i}" / "course.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("id: networking-collective-work",
                                                                 f"id: networking-copy-{i}", 1), encoding="utf-8")
    return courses


if __name__ == "__main__":
    main()
