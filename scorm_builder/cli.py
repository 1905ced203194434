"""The `scorm-builder` command: a thin shell over the library."""
from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from pathlib import Path

import click

from . import __version__
from .catalogue import UI_LANGUAGES
from .guide import GUIDES
from .errors import ScormBuilderError


def _fail(error: ScormBuilderError) -> None:
    click.echo(str(error), err=True)
    sys.exit(error.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scorm-builder")
@click.option("-v", "--verbose", is_flag=True, help="Say what each step does.")
def main(verbose: bool) -> None:
    """Compile a course written in YAML into SCORM 1.2 packages for Moodle and other LMSs.

    \b
    Example:
      scorm-builder build course/ -o dist/
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s: %(message)s")
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
def build(course_dirs: tuple[Path, ...], out_dir: Path, jobs: int, force: bool, as_json: bool) -> None:
    """Build each COURSE_DIR (default: course/) into OUT/<course-id>-<version>.zip.

    A COURSE_DIR may also be a folder of course folders. A course whose files have not changed since its
    last build is not rebuilt; after an edit, only what changed is parsed, rendered and zipped again.

    \b
    Examples:
      scorm-builder build course/ -o dist/
      scorm-builder build courses/ --jobs 2
    Exit status: 0 built, 1 a course has errors (each shown as file:line:col), 2 wrong usage.
    """
    from .batch import build_many, find_courses, total_line

    try:
        outcomes = build_many(find_courses(list(course_dirs) or [Path("course")]), out_dir, jobs, force)
    except ScormBuilderError as error:
        _fail(error)
    if as_json:
        click.echo(json.dumps([o.__dict__ for o in outcomes], ensure_ascii=False, indent=2))
    for outcome in outcomes:
        if outcome.error:
            click.echo(outcome.error, err=True)
        elif not as_json:
            for warning in outcome.summary["warnings"]:
                click.echo(warning, err=True)
            click.echo(outcome.line())
            if logging.getLogger().isEnabledFor(logging.INFO) and not outcome.skipped:
                click.echo("  " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in outcome.summary["phases"].items()))
    failed = [o for o in outcomes if o.error]
    if len(outcomes) > 1 and not as_json:
        click.echo(total_line(outcomes))
    if failed:
        sys.exit(max(o.exit_code for o in failed))


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
        click.echo(f"created {path}")
    note = id_note(directory)
    if note:
        click.echo(f"note: {note}")
    click.echo(f"next: edit {shlex.quote(str(directory / 'course.yaml'))}, then run: "
               f"scorm-builder build {shlex.quote(str(directory))} -o dist/")
    click.echo("the guide: scorm-builder docs --open" + (f" --language {language}" if language != "en" else "")
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


@main.command("check")
@click.argument("package", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check_command(package: Path, as_json: bool) -> None:
    """Check any SCORM package (ours or another tool's) before uploading it to Moodle.

    \b
    Example:
      scorm-builder check dist/networking-collective-work-1.0.0.zip
    Exit status: 0 no errors (warnings allowed), 1 errors found, 2 unreadable input.
    """
    from .check import check

    try:
        report = check(package)
    except ScormBuilderError as error:
        _fail(error)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        kind = f"SCORM {report.version}" if report.version[0].isdigit() else f"{report.version} format"
        click.echo(f"{package}: {kind}: {report.verdict}")
        for finding in report.findings:
            click.echo(f"  {finding}")
    sys.exit(1 if report.errors else 0)


@main.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def diff_command(old: Path, new: Path, as_json: bool) -> None:
    """Say whether replacing OLD with NEW in Moodle keeps learner data and what saved answers mean.

    Besides the ids Moodle tracks, each question is compared: its choices (text and order), correct answer,
    matching pairs, ordering items, numeric answer and tolerance, and each quiz's pool and draw.

    \b
    Example:
      scorm-builder diff old/course-1.0.0.zip dist/course-1.1.0.zip
    Exit status: 0 safe, 1 learner data would be lost or saved answers misread, 2 unreadable input.
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
        for line in report.lost:
            click.echo(f"  lost: {line}")
        for line in report.misread:
            click.echo(f"  misread: {line}")
        for line in report.changed + report.notes:
            click.echo(f"  {line}")
    sys.exit(0 if report.safe else 1)


@main.command()
@click.argument("course_dir", default="course", type=click.Path(path_type=Path))
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the simulator in the web browser.")
def preview(course_dir: Path, port: int, open_browser: bool) -> None:
    """Play COURSE_DIR in an LMS simulator on 127.0.0.1, rebuilt at every save.

    The page shows the SCORM 1.2 data model and every API call. Stop with ctrl-C.

    \b
    Example:
      scorm-builder preview course/ --open
    """
    import webbrowser

    from .preview import PreviewServer

    def report(build) -> None:
        if build.ok:
            changed = f" ({', '.join(build.changed)})" if build.changed else ""
            click.echo(f"build {build.generation} ready in {build.seconds:.2f} s{changed}")
        else:
            kept = "the last good build stays loaded" if build.generation else "nothing to show until it is fixed"
            click.echo(f"{build.error}\n{kept}", err=True)
        for warning in build.warnings:
            click.echo(warning, err=True)

    server = PreviewServer(course_dir, port=port, on_build=report)
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
