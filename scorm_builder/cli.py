"""The `scorm-builder` command: a thin shell over the library."""
from __future__ import annotations

import json
import logging
import os
import re
import signal
import sys
import threading
from pathlib import Path

import click

from . import __version__, completion  # noqa: F401 - completion: registers PowerShell completion
from .catalogue import UI_LANGUAGES, language_from_env
from .guide import GUIDES
from .errors import ScormBuilderError

# -q, -v and --no-color: accepted before the verb and after it (every command gets them, see _Group)
_OUTPUT = "scorm_builder.output"
_SEVERITY = re.compile(r"(?<![\w-])(error|warning):")


def _output(name: str) -> bool:
    """Whether "verbose", "quiet" or "no_color" was chosen for this run."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().meta.get(_OUTPUT, {}).get(name))


def _set_output(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:   # an option left out after the verb must not undo the same option given before it
        ctx.find_root().meta.setdefault(_OUTPUT, {})[param.name] = True
        logging.getLogger().setLevel(_log_level())


def _log_level() -> int:
    return logging.INFO if _output("verbose") else logging.ERROR if _output("quiet") else logging.WARNING


def _output_options() -> list[click.Option]:
    return [click.Option(["-v", "--verbose"], is_flag=True, expose_value=False, callback=_set_output,
                         help="Say what each step does."),
            click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, callback=_set_output,
                         help="Print only errors and warnings."),
            click.Option(["--no-color"], is_flag=True, expose_value=False, callback=_set_output,
                         help="No colour (also: NO_COLOR set). Colour is used on a terminal only.")]


class _Group(click.Group):
    """Every verb added (by @main.command()) accepts -q, -v and --no-color too."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.params.extend(_output_options())
        super().add_command(cmd, name)


def _echo(text: str, err: bool = False) -> None:
    """Print a line; `error:` and `warning:` stand out in colour on a terminal."""
    if _output("no_color") or os.environ.get("NO_COLOR"):
        click.echo(text, err=err, color=False)
        return
    colours = {"error": "red", "warning": "yellow"}
    click.echo(_SEVERITY.sub(lambda m: click.style(m[0], fg=colours[m[1]], bold=True), text), err=err)


def _info(text: str) -> None:
    """A line that is neither an error nor a warning: left out with -q."""
    if not _output("quiet"):
        click.echo(text)


def _fail(error: ScormBuilderError) -> None:
    _echo(str(error), err=True)
    sys.exit(error.exit_code)


def default_course() -> Path:
    """The course a verb works on when none is named: the current folder if it holds course.yaml, else course/."""
    return Path(".") if Path("course.yaml").is_file() else Path("course")


def _strict_failure(warnings: int) -> None:
    if warnings:
        _echo(f"error: {warnings} warning{'s' if warnings != 1 else ''} treated as errors (--strict)", err=True)
        sys.exit(1)


_STRICT = click.option("--strict", is_flag=True, help="Fail (exit status 1) on warnings too, as CI should.")


@click.group(cls=_Group, params=_output_options(), context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scorm-builder")
def main() -> None:
    """Compile a course written in YAML into SCORM 1.2 packages for Moodle and other LMSs.

    Without a COURSE_DIR, build, lint, check and preview work on the current folder when it holds course.yaml,
    else on course/. -q, -v and --no-color go before or after the verb.

    \b
    Example:
      scorm-builder build course/ -o dist/
    Shell completion: see README.md ("Shell completion").
    """
    logging.basicConfig(level=_log_level(), format="%(levelname)s: %(message)s")
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum, frame) -> None:
    """SIGTERM (a CI job cancelled, `kill`) unwinds like Ctrl-C, so the package being written is removed."""
    raise SystemExit(128 + signum)


@main.command()
@click.argument("course_dirs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", default="dist", show_default=True, type=click.Path(path_type=Path),
              help="Folder to write the zip(s) into.")
@click.option("-j", "--jobs", default=0, type=click.IntRange(min=0),
              help="Courses built at once (default: one per core).")
@click.option("--force", is_flag=True, help="Rebuild from scratch, without what earlier builds remembered.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON (for CI).")
@click.option("--format", "fmt", type=click.Choice(["scorm", "web"]), default="scorm", show_default=True,
              help="web: OUT/<course-id>-<version>-web/, a folder for any web server or file://, no LMS needed.")
@_STRICT
def build(course_dirs: tuple[Path, ...], out_dir: Path, jobs: int, force: bool, as_json: bool, fmt: str,
          strict: bool) -> None:
    """Build each COURSE_DIR (default: this folder if it holds course.yaml, else course/) into
    OUT/<course-id>-<version>.zip.

    A COURSE_DIR may also be a folder of course folders. A course whose files have not changed since its
    last build is not rebuilt; after an edit, only what changed is parsed, rendered and zipped again.

    \b
    Examples:
      scorm-builder build course/ -o dist/
      scorm-builder build courses/ --jobs 2
      scorm-builder build --strict            (in a course folder; CI: warnings fail too)
      scorm-builder build course/ --format web   # a public version; progress kept in the browser
    Exit status: 0 built, 1 a course has errors (each shown as file:line:col) or, with --strict, warnings,
    2 wrong usage, 3 the output cannot be written (disk full, read-only, no permission, a folder in the way,
    too many open files: the message names the path and what to do; the previous package is kept).
    """
    from .batch import build_many, find_courses, total_line

    try:
        outcomes = build_many(find_courses(list(course_dirs) or [default_course()]), out_dir, jobs, force, fmt)
    except ScormBuilderError as error:
        _fail(error)
    if as_json:
        click.echo(json.dumps([o.__dict__ for o in outcomes], ensure_ascii=False, indent=2))
    for outcome in outcomes:
        if outcome.error:
            _echo(outcome.error, err=True)
        elif not as_json:
            for warning in outcome.summary["warnings"]:
                _echo(warning, err=True)
            _info(outcome.line())
            if _output("verbose") and not outcome.skipped:
                click.echo("  " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in outcome.summary["phases"].items()))
    failed = [o for o in outcomes if o.error]
    if len(outcomes) > 1 and not as_json:
        _info(total_line(outcomes))
    if failed:
        sys.exit(max(o.exit_code for o in failed))
    if strict:
        _strict_failure(sum(len(o.summary["warnings"]) for o in outcomes))


@main.command()
def schema() -> None:
    """Print the JSON Schema of the course files (for editor completion).

    \b
    Example:
      scorm-builder schema > course/course.schema.json
    then start each YAML file with
      # yaml-language-server: $schema=course.schema.json
    """
    from .schema import json_text

    click.echo(json_text(), nl=False)


@main.command("new")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("-l", "--language", type=click.Choice(UI_LANGUAGES), default="en", show_default=True,
              help="Language of the course's texts and comments.")
def new_command(directory: Path, language: str) -> None:
    """Start a course in DIRECTORY: a small, valid, commented example to edit.

    Writes course.yaml, modules/01-....yaml (an introduction, a lesson and a quiz) and
    course.schema.json (for editor completion). DIRECTORY must be new or empty.

    \b
    Example:
      scorm-builder new my-course --language ar
      scorm-builder build my-course -o dist/
    Exit status: 0 created, 2 DIRECTORY is not empty (nothing is written).
    """
    import shlex

    from .scaffold import id_note, scaffold

    try:
        written = scaffold(directory, language)
    except ScormBuilderError as error:
        _fail(error)
    for path in written:
        _info(f"created {path}")
    note = id_note(directory)
    if note:
        _info(f"note: {note}")
    _info(f"next: edit {shlex.quote(str(directory / 'course.yaml'))}, then run: "
          f"scorm-builder build {shlex.quote(str(directory))} -o dist/")
    _info("the guide: scorm-builder docs --open" + (f" --language {language}" if language != "en" else "")
          + f" (or read {_guide_file(language)})")


@main.command("docs")
@click.argument("name", default="authoring", type=click.Choice(list(GUIDES)))
@click.option("--language", "language", default="en", type=click.Choice(list(UI_LANGUAGES)), show_default=True,
              help="Language of the guide, where it exists (else English).")
@click.option("--open", "open_it", is_flag=True, help="Open the guide as a web page in your browser.")
def docs_command(name: str, language: str, open_it: bool) -> None:
    """Where the guide NAME installed with the tool is (default: the trainers' guide), or open it.

    \b
    Examples:
      scorm-builder docs --language fr
      scorm-builder docs moodle --open
    Exit status: 0 shown, 2 wrong usage.
    """
    from .guide import as_web_page, guide_path
    from .locations import user_cache

    try:
        path = guide_path(name, language)
        if open_it:
            page = as_web_page(path, Path(user_cache()) / "docs")
            click.launch(page.as_uri())
            click.echo(f"opened {page}")
        else:
            click.echo(str(path))
    except ScormBuilderError as error:
        _fail(error)


def _guide_file(language: str) -> str:
    from .guide import guide_path

    return str(guide_path("authoring", language))


@main.command("lint")
@click.argument("course_dir", required=False, type=click.Path(path_type=Path))
@click.option("--no-spelling", is_flag=True, help="Leave spelling out (no dictionary needed).")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@_STRICT
def lint_command(course_dir: Path | None, no_spelling: bool, as_json: bool, strict: bool) -> None:
    """Review COURSE_DIR (default: this folder if it holds course.yaml, else course/) as a careful reader
    would: spelling in the course language (Hunspell; names and terms in COURSE_DIR/words.txt, one per line)
    and authoring habits (duplicate questions, the right choice always at the same place, one feedback for
    right and wrong, no page to review, a hint the player already gives, pictures without a meaningful
    description). Each finding is a warning.

    \b
    Examples:
      scorm-builder lint course/
      scorm-builder lint course/ --strict --json
    Exit status: 0 reviewed, 1 findings with --strict or the course has errors, 2 wrong usage or a missing
    dictionary (the message names the package to install).
    """
    from dataclasses import asdict

    from .lint import lint

    course_dir = course_dir or default_course()
    try:
        found = lint(course_dir, spell=not no_spelling)
    except ScormBuilderError as error:
        _fail(error)
    if as_json:
        click.echo(json.dumps([asdict(d) for d in found], ensure_ascii=False, indent=2))
    else:
        for finding in found:
            _echo(str(finding), err=True)
        _info(f"{len(found)} finding{'s' if len(found) != 1 else ''} in {course_dir}")
    if strict:
        _strict_failure(len(found))


@main.command("check")
@click.argument("package", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@_STRICT
def check_command(package: Path | None, as_json: bool, strict: bool) -> None:
    """Check any SCORM package (ours or another tool's) before uploading it to Moodle.

    PACKAGE is a zip, or a course folder (built into a temporary folder, then each zip is checked);
    without it: this folder if it holds course.yaml, else course/.

    \b
    Examples:
      scorm-builder check dist/networking-collective-work-1.0.0.zip
      scorm-builder check --strict            (in a course folder)
    Exit status: 0 no errors (warnings allowed, unless --strict), 1 errors found, 2 unreadable input (not a zip,
    or not a regular file: a folder is read as a course, a pipe or a device is refused).
    """
    import tempfile

    from .check import check

    package = package or default_course()
    try:
        if not package.is_dir():
            reports = [check(package)]
        else:
            from .pipeline import build as build_course

            with tempfile.TemporaryDirectory(prefix="scorm-check-") as out:
                built = build_course(package, Path(out), reuse=False)
                for warning in built.warnings:
                    _echo(warning, err=True)
                reports = [check(zip_path) for zip_path in built.packages]
    except ScormBuilderError as error:
        _fail(error)
    if as_json:
        found = [r.as_dict() for r in reports]
        click.echo(json.dumps(found[0] if len(found) == 1 else found, ensure_ascii=False, indent=2))
    else:
        for report in reports:
            kind = f"SCORM {report.version}" if report.version[0].isdigit() else f"{report.version} format"
            shown = package if not package.is_dir() else Path(report.package).name
            (_echo if report.errors else _info)(f"{shown}: {kind}: {report.verdict}")
            for finding in report.findings:
                _echo(f"  {finding}")
    if any(r.errors for r in reports):
        sys.exit(1)
    if strict:
        _strict_failure(sum(len(r.findings) for r in reports))


@main.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def diff_command(old: Path, new: Path, as_json: bool) -> None:
    """Say whether replacing OLD with NEW in Moodle keeps learner data and what saved answers mean.

    Besides the ids Moodle tracks, each question is compared: its choices (text and order), correct answer,
    matching pairs, ordering items, numeric answer and tolerance, and each quiz's pool and draw. Both packages
    are checked as `check` does: one that is not ready for Moodle is never called safe.

    \b
    Example:
      scorm-builder diff old/course-1.0.0.zip dist/course-1.1.0.zip
    Exit status: 0 safe, 1 learner data would be lost, saved answers misread or a package is not ready,
    2 unreadable input (not a zip, not a regular file).
    """
    from .diff import diff

    try:
        report = diff(old, new)
    except ScormBuilderError as error:
        _fail(error)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.verdict)
        for line in report.not_ready:
            click.echo(f"  not ready: {line}")
        for line in report.lost:
            click.echo(f"  lost: {line}")
        for line in report.misread:
            click.echo(f"  misread: {line}")
        for line in report.changed + report.notes:
            click.echo(f"  {line}")
    sys.exit(0 if report.safe else 1)


@main.command()
@click.argument("course_dir", required=False, type=click.Path(path_type=Path))
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the simulator in the web browser.")
@click.option("--lang", type=click.Choice(UI_LANGUAGES), default=None,
              help="Language of the simulator's labels (default: from LC_ALL, LC_MESSAGES or LANG; else English).")
def preview(course_dir: Path | None, port: int, open_browser: bool, lang: str | None) -> None:
    """Play COURSE_DIR (default: this folder if it holds course.yaml, else course/) in an LMS simulator on
    127.0.0.1, rebuilt at every save.

    The page shows what Moodle will record (grade, status, activity completion, attempt) under the activity
    settings you choose, the course at phone, tablet or computer width, and, one click away, the SCORM 1.2
    data model and every API call. Stop with ctrl-C.

    \b
    Example:
      scorm-builder preview course/ --open
    """
    import webbrowser

    from .preview import PreviewServer

    def report(build) -> None:
        if build.ok:
            changed = f" ({', '.join(build.changed)})" if build.changed else ""
            _info(f"build {build.generation} ready in {build.seconds:.2f} s{changed}")
        else:
            kept = "the last good build stays loaded" if build.generation else "nothing to show until it is fixed"
            _echo(f"{build.error}\n{kept}", err=True)
        for warning in build.warnings:
            _echo(warning, err=True)

    course_dir = course_dir or default_course()
    server = PreviewServer(course_dir, port=port, on_build=report, lang=lang or language_from_env())
    try:
        server.start()
        click.echo(f"preview of {course_dir} at {server.url} (ctrl-C to stop)")
        if open_browser:
            webbrowser.open(server.url)
        while not server.wait(0.5):
            pass
    except ScormBuilderError as error:
        _fail(error)
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.stop()


@main.command("handout")
@click.argument("course_dir", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", default="dist", show_default=True, type=click.Path(path_type=Path),
              help="Folder to write the PDF into.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option("--with-quizzes", is_flag=True, help="Print the quizzes too, and their answer key at the end.")
def handout_command(course_dir: Path | None, out_dir: Path, paper: str, with_quizzes: bool) -> None:
    """Write COURSE_DIR (default: this folder if it holds course.yaml, else course/) as a printable handout,
    OUT/<course-id>-<version>.pdf (needs the `handout` extra).

    \b
    Example:
      scorm-builder handout course/ -o dist/ --with-quizzes
    Exit status: 0 written, 1 the course has errors, 2 wrong usage or WeasyPrint missing, 3 the PDF cannot be
    written (disk full, read-only, no permission: the message says what to do).
    """
    from .handout import handout

    try:
        result = handout(course_dir or default_course(), out_dir, paper, with_quizzes)
    except ScormBuilderError as error:
        _fail(error)
    _info(f"wrote {result.path}: {result.pages} pages, {result.size / 1024:.0f} KiB, {result.seconds:.2f} s")


@main.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--out", "course_dir", required=True, metavar="COURSE_DIR", type=click.Path(path_type=Path),
              help="Course folder to create (new or empty).")
@click.option("-l", "--language", help="Language of the texts (ar, fr, en, ...; default: guessed from them).")
@click.option("--force", is_flag=True, help="Replace COURSE_DIR even if it holds files.")
def import_command(source: Path, course_dir: Path, language: str | None, force: bool) -> None:
    """Start a course from slides or a document: .pptx, .docx, .odp, .odt or .md.

    Section-divider slides (or the top heading level) start modules; slides (or the next heading level) become
    pages; pictures go to media/, speaker notes and a quiz skeleton become comments. Reading .pptx and .docx
    needs: pip install 'scorm-builder[import]'.

    \b
    Example:
      scorm-builder import slides.pptx -o my-course --language ar
      scorm-builder build my-course -o dist/
    Exit status: 0 imported, 2 unreadable SOURCE or COURSE_DIR not empty (nothing is written).
    """
    import shlex

    from .importer import import_course

    try:
        result = import_course(source, course_dir, language, force)
    except ScormBuilderError as error:
        _fail(error)
    counts = ", ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in
                       ((result.modules, "module"), (result.pages, "page"), (result.pictures, "picture")))
    _info(f"imported {source} into {course_dir}: {counts}, language {result.language}")
    for line in result.dropped:  # shown with -q too, as warnings are
        _echo(f"  not carried: {line}", err=True)
    _info(f"next: edit {shlex.quote(str(course_dir / 'course.yaml'))}, then run: "
          f"scorm-builder build {shlex.quote(str(course_dir))} -o dist/")


@main.command("report")
@click.argument("course_dir", type=click.Path(path_type=Path))
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "html_out", default="report.html", show_default=True, type=click.Path(path_type=Path),
              help="The HTML report to write.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Also write the figures as JSON.")
@click.option("--csv", "csv_out", type=click.Path(path_type=Path), help="Also write one CSV row per question.")
@click.option("--names", is_flag=True, help="List learners by name (the report is anonymous without it).")
@click.option("-l", "--language", type=click.Choice(UI_LANGUAGES), help="Report language (default: the course's).")
def report_command(course_dir: Path, exports: tuple[Path, ...], html_out: Path, json_out: Path | None,
                   csv_out: Path | None, names: bool, language: str | None) -> None:
    """Analyse the answers in Moodle's SCORM report downloads (EXPORT: Interactions or Basic report, as text
    file, ODS or Excel) against COURSE_DIR: facility, discrimination, chosen options, flags.

    \b
    Example:
      scorm-builder report course/ interactions.ods -o report.html --csv questions.csv
    Excel files need: pip install 'scorm-builder[report]'. Exit status: 0 written, 1 unreadable input.
    """
    from .report import make_report, write_outputs

    try:
        result = make_report(course_dir, list(exports), names=names, language=language)
        written = write_outputs(result, html_out, json_out, csv_out)
    except ScormBuilderError as error:
        _fail(error)
    for warning in result.warnings:
        click.echo(warning, err=True)
    click.echo(f"{result.summary()}: wrote {', '.join(str(p) for p in written)}")
