"""The `scorm-builder` command: a thin shell over the library."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from . import __version__
from .errors import ScormBuilderError, UsageError


def _fail(error: ScormBuilderError) -> None:
    click.echo(str(error), err=True)
    sys.exit(error.exit_code)


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


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


@main.command()
@click.argument("course_dir", default="course", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", default="dist", show_default=True, type=click.Path(path_type=Path),
              help="Folder to write the zip(s) into.")
def build(course_dir: Path, out_dir: Path) -> None:
    """Build COURSE_DIR (default: course/) into OUT/<course-id>-<version>.zip.

    \b
    Example:
      scorm-builder build course/ -o dist/
    Exit status: 0 built, 1 the course has errors (each shown as file:line:col), 2 wrong usage.
    """
    from .build import build as run_build

    try:
        result = run_build(course_dir, out_dir)
    except ScormBuilderError as error:
        _fail(error)
    for warning in result.warnings:
        click.echo(warning, err=True)
    names = ", ".join(str(p) for p in result.packages)
    click.echo(f"built {names}: {result.pages} pages, {result.questions} questions, {result.files} files, "
               f"{_size(result.size)}, suspend_data ≤ {result.suspend_data_max}/4096 chars, {result.seconds:.2f} s")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the course files (for editor completion).

    \b
    Example:
      scorm-builder schema > course/course.schema.json
    then start each YAML file with
      # yaml-language-server: $schema=course.schema.json
    """
    from .schema import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@main.command("check")
@click.argument("package", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check_command(package: Path, as_json: bool) -> None:
    """Check any SCORM package (ours or another tool's) before uploading it to Moodle.

    \b
    Example:
      scorm-builder check dist/networking-collective-work-1.0.0.zip
    Exit status: 0 no errors (warnings allowed), 1 errors found, 2 unreadable input.
    """
    from .check import check

    if not package.is_file():
        _fail(UsageError(f"{package}: no such file"))
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
    """Say whether replacing OLD with NEW in Moodle keeps learner data.

    \b
    Example:
      scorm-builder diff old/course-1.0.0.zip dist/course-1.1.0.zip
    Exit status: 0 safe, 1 learner data would be lost, 2 unreadable input.
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
        for line in report.changed + report.notes:
            click.echo(f"  {line}")
    sys.exit(0 if report.safe else 1)
