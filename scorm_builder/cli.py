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

from . import __version__, completion, i18n  # noqa: F401 - completion: registers PowerShell completion
from .catalogue import UI_LANGUAGES, language_from_env
from .guide import GUIDES
from .errors import ScormBuilderError, severity_word
from .i18n import N_, _, ngettext

# -q, -v, --no-color and --lang: accepted before the verb and after it (every command gets them, see _Group)
_OUTPUT = "scorm_builder.output"
# click's own headings, translated where they are written (_Formatter)
_HEADINGS = (N_("Options"), N_("Commands"), N_("Usage: "), N_("Show this message and exit."))


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
                         help=N_("Say what each step does.")),
            click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, callback=_set_output,
                         help=N_("Print only errors and warnings.")),
            click.Option(["--no-color"], is_flag=True, expose_value=False, callback=_set_output,
                         help=N_("No colour (also: NO_COLOR set). Colour is used on a terminal only.")),
            # read before click parses anything (_Group.main), so that its help and usage errors are translated
            # too; declared here for --help and for checking the value
            click.Option(["--lang"], type=click.Choice(UI_LANGUAGES), expose_value=False, is_eager=True,
                         help=N_("Language of the messages (default: from LC_ALL, LC_MESSAGES or LANG; else "
                                 "English)."))]


def _chosen_language(args: list[str]) -> str:
    """--lang ar|fr|en anywhere on the command line (the last one wins), else the environment's language."""
    chosen = language_from_env()
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg[len("--lang="):] \
            if arg.startswith("--lang=") else None
        if value in UI_LANGUAGES:
            chosen = value
    return chosen


class _Formatter(click.HelpFormatter):
    """click's headings ("Usage:", "Options", "Commands") in the messages' language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _(prefix or "Usage: "))

    def section(self, name: str):
        return super().section(_(name))

    def write_dl(self, rows, *args, **kwargs) -> None:
        super().write_dl([(term, _CLICK_NOTES.sub(_click_note, text)) for term, text in rows], *args, **kwargs)


# what click adds after an option's help: "[default: dist]", "[required]"
_CLICK_NOTES = re.compile(r"\[(default: .*?|required)\]$")


def _click_note(match: re.Match) -> str:
    note = match[1]
    if note == "required":
        return _("[required]")
    return _("[default: {value}]").format(value=note[len("default: "):])


class _Context(click.Context):
    formatter_class = _Formatter


class _Translated:
    """The help texts of `items` (commands, options) translated while help is written, English again after."""

    def __init__(self, items):
        self.items = [item for item in items if getattr(item, "help", None)]

    def __enter__(self):
        self.saved = [item.help for item in self.items]
        for item in self.items:
            item.help = _(item.help)

    def __exit__(self, *exc):
        for item, text in zip(self.items, self.saved):
            item.help = text


class _Command(click.Command):
    context_class = _Context

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _Translated([self, *self.get_params(ctx)]):
            super().format_help(ctx, formatter)


class _Group(click.Group):
    """Every verb added (by @main.command()) accepts -q, -v, --no-color and --lang too."""

    context_class = _Context
    command_class = _Command

    def main(self, args=None, *rest, **kwargs):
        args = list(sys.argv[1:] if args is None else args)
        previous = i18n.language()  # the caller's again afterwards (a test runner, a program embedding the CLI)
        i18n.set_language(_chosen_language(args))
        try:
            return super().main(args, *rest, **kwargs)
        finally:
            i18n.set_language(previous)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.params.extend(_output_options())
        super().add_command(cmd, name)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _Translated([self, *self.get_params(ctx), *self.commands.values()]):
            super().format_help(ctx, formatter)


def _echo(text: str, err: bool = False) -> None:
    """Print a line; `error:` and `warning:` (in the messages' language) stand out in colour on a terminal."""
    if _output("no_color") or os.environ.get("NO_COLOR"):
        click.echo(text, err=err, color=False)
        return
    colours = {severity_word("error"): "red", severity_word("warning"): "yellow"}
    words = "|".join(re.escape(word) for word in colours)
    severity = re.compile(rf"(?<![\w-])({words}):")
    click.echo(severity.sub(lambda m: click.style(m[0], fg=colours[m[1]], bold=True), text), err=err)


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
        _echo(ngettext("error: {count} warning treated as errors (--strict)",
                       "error: {count} warnings treated as errors (--strict)", warnings).format(
                           count=warnings), err=True)
        sys.exit(1)


_STRICT = click.option("--strict", is_flag=True, help=N_("Fail (exit status 1) on warnings too, as CI should."))


@click.group(cls=_Group, params=_output_options(), context_settings={"help_option_names": ["-h", "--help"]},
             help=N_("""Compile a course written in YAML into SCORM 1.2 packages for Moodle and other LMSs.

    Without a COURSE_DIR, build, lint, check and preview work on the current folder when it holds course.yaml,
    else on course/. -q, -v, --no-color and --lang go before or after the verb.

    \b
    Example:
      scorm-builder build course/ -o dist/
    Shell completion: see README.md ("Shell completion").
    """))
@click.version_option(__version__, prog_name="scorm-builder", help=N_("Show the version and exit."))
def main() -> None:
    logging.basicConfig(level=_log_level(), format="%(levelname)s: %(message)s")
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum, frame) -> None:
    """SIGTERM (a CI job cancelled, `kill`) unwinds like Ctrl-C, so the package being written is removed."""
    raise SystemExit(128 + signum)


@main.command(help=N_("""Build each COURSE_DIR (default: this folder if it holds course.yaml, else course/) into
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
"""))
@click.argument("course_dirs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", default="dist", show_default=True, type=click.Path(path_type=Path),
              help=N_("Folder to write the zip(s) into."))
@click.option("-j", "--jobs", default=0, type=click.IntRange(min=0),
              help=N_("Courses built at once (default: one per core)."))
@click.option("--force", is_flag=True, help=N_("Rebuild from scratch, without what earlier builds remembered."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print the summary as JSON (for CI)."))
@click.option("--format", "fmt", type=click.Choice(["scorm", "web"]), default="scorm", show_default=True,
              help=N_("web: OUT/<course-id>-<version>-web/, a folder for any web server or file://, no LMS needed."))
@_STRICT
def build(course_dirs: tuple[Path, ...], out_dir: Path, jobs: int, force: bool, as_json: bool, fmt: str,
          strict: bool) -> None:
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


@main.command(help=N_("""Print the JSON Schema of the course files (for editor completion).

    \b
    Example:
      scorm-builder schema > course/course.schema.json
      scorm-builder schema --lang fr > course/course.schema.json
    then start each YAML file with
      # yaml-language-server: $schema=course.schema.json
    The descriptions editors show are in the language of --lang.
    """))
def schema() -> None:
    from .schema import json_text

    click.echo(json_text(i18n.language()), nl=False)


@main.command("new", help=N_("""Start a course in DIRECTORY: a small, valid, commented example to edit.

    Writes course.yaml, modules/01-....yaml (an introduction, a lesson and a quiz) and
    course.schema.json (for editor completion, described in the course's language). DIRECTORY must be new
    or empty.

    \b
    Example:
      scorm-builder new my-course --language ar
      scorm-builder build my-course -o dist/
    Exit status: 0 created, 2 DIRECTORY is not empty (nothing is written).
    """))
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("-l", "--language", type=click.Choice(UI_LANGUAGES), default="en", show_default=True,
              help=N_("Language of the course's texts and comments."))
def new_command(directory: Path, language: str) -> None:
    import shlex

    from .scaffold import id_note, scaffold

    try:
        written = scaffold(directory, language)
    except ScormBuilderError as error:
        _fail(error)
    for path in written:
        _info(_("created {path}").format(path=path))
    note = id_note(directory)
    if note:
        _info(_("note: {note}").format(note=note))
    _info(_("next: edit {file}, then run: {command}").format(
        file=shlex.quote(str(directory / 'course.yaml')),
        command=f"scorm-builder build {shlex.quote(str(directory))} -o dist/"))
    _info(_("the guide: {command} (or read {file})").format(
        command="scorm-builder docs --open" + (f" --language {language}" if language != "en" else ""),
        file=_guide_file(language)))


@main.command("docs", help=N_(
    """Where the guide NAME installed with the tool is (default: the trainers' guide), or open it.

    \b
    Examples:
      scorm-builder docs --language fr
      scorm-builder docs moodle --open
    Exit status: 0 shown, 2 wrong usage.
    """))
@click.argument("name", default="authoring", type=click.Choice(list(GUIDES)))
@click.option("--language", "language", default="en", type=click.Choice(list(UI_LANGUAGES)), show_default=True,
              help=N_("Language of the guide, where it exists (else English)."))
@click.option("--open", "open_it", is_flag=True, help=N_("Open the guide as a web page in your browser."))
def docs_command(name: str, language: str, open_it: bool) -> None:
    from .guide import as_web_page, guide_path
    from .locations import user_cache

    try:
        path = guide_path(name, language)
        if open_it:
            page = as_web_page(path, Path(user_cache()) / "docs")
            click.launch(page.as_uri())
            click.echo(_("opened {page}").format(page=page))
        else:
            click.echo(str(path))
    except ScormBuilderError as error:
        _fail(error)


def _guide_file(language: str) -> str:
    from .guide import guide_path

    return str(guide_path("authoring", language))


@main.command("lint", help=N_(
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
    """))
@click.argument("course_dir", required=False, type=click.Path(path_type=Path))
@click.option("--no-spelling", is_flag=True, help=N_("Leave spelling out (no dictionary needed)."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print the findings as JSON."))
@_STRICT
def lint_command(course_dir: Path | None, no_spelling: bool, as_json: bool, strict: bool) -> None:
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
        _info(ngettext("{count} finding in {course}", "{count} findings in {course}", len(found))
              .format(count=len(found), course=course_dir))
    if strict:
        _strict_failure(len(found))


@main.command("check", help=N_("""Check any SCORM package (ours or another tool's) before uploading it to Moodle.

    PACKAGE is a zip, or a course folder (built into a temporary folder, then each zip is checked);
    without it: this folder if it holds course.yaml, else course/.

    \b
    Examples:
      scorm-builder check dist/networking-collective-work-1.0.0.zip
      scorm-builder check --strict            (in a course folder)
    Exit status: 0 no errors (warnings allowed, unless --strict), 1 errors found, 2 unreadable input (not a zip,
    or not a regular file: a folder is read as a course, a pipe or a device is refused).
"""))
@click.argument("package", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help=N_("Print the report as JSON."))
@_STRICT
def check_command(package: Path | None, as_json: bool, strict: bool) -> None:
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
            kind = f"SCORM {report.version}" if report.version[0].isdigit() else \
                _("{name} format").format(name=report.version)
            shown = package if not package.is_dir() else Path(report.package).name
            (_echo if report.errors else _info)(f"{shown}: {kind}: {report.verdict}")
            for finding in report.findings:
                _echo(f"  {finding}")
    if any(r.errors for r in reports):
        sys.exit(1)
    if strict:
        _strict_failure(sum(len(r.findings) for r in reports))


@main.command("diff", help=N_(
    """Say whether replacing OLD with NEW in Moodle keeps learner data and what saved answers mean.

    Besides the ids Moodle tracks, each question is compared: its choices (text and order), correct answer,
    matching pairs, ordering items, numeric answer and tolerance, and each quiz's pool and draw. Both packages
    are checked as `check` does: one that is not ready for Moodle is never called safe.

    \b
    Example:
      scorm-builder diff old/course-1.0.0.zip dist/course-1.1.0.zip
    Exit status: 0 safe, 1 learner data would be lost, saved answers misread or a package is not ready,
    2 unreadable input (not a zip, not a regular file).
"""))
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help=N_("Print the report as JSON."))
def diff_command(old: Path, new: Path, as_json: bool) -> None:
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
            click.echo("  " + _("lost: {what}").format(what=line))
        for line in report.misread:
            click.echo("  " + _("misread: {what}").format(what=line))
        for line in report.changed + report.notes:
            click.echo(f"  {line}")
    sys.exit(0 if report.safe else 1)


@main.command(help=N_(
    """Play COURSE_DIR (default: this folder if it holds course.yaml, else course/) in an LMS simulator on
    127.0.0.1, rebuilt at every save.

    The page shows what Moodle will record (grade, status, activity completion, attempt) under the activity
    settings you choose, the course at phone, tablet or computer width, and, one click away, the SCORM 1.2
    data model and every API call. The simulator's labels are in the language of --lang. Stop with ctrl-C.

    \b
    Example:
      scorm-builder preview course/ --open
    """))
@click.argument("course_dir", required=False, type=click.Path(path_type=Path))
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help=N_("Port on 127.0.0.1 (0: any free port)."))
@click.option("--open", "open_browser", is_flag=True, help=N_("Open the simulator in the web browser."))
def preview(course_dir: Path | None, port: int, open_browser: bool) -> None:
    import webbrowser

    from .preview import PreviewServer

    def report(build) -> None:
        if build.ok:
            changed = f" ({', '.join(build.changed)})" if build.changed else ""
            _info(_("build {number} ready in {seconds} s{changed}").format(
                number=build.generation, seconds=f"{build.seconds:.2f}", changed=changed))
        else:
            kept = _("the last good build stays loaded") if build.generation else _("nothing to show until it is fixed")
            _echo(f"{build.error}\n{kept}", err=True)
        for warning in build.warnings:
            _echo(warning, err=True)

    course_dir = course_dir or default_course()
    server = PreviewServer(course_dir, port=port, on_build=report, lang=i18n.language())
    try:
        server.start()
        click.echo(_("preview of {course} at {url} (ctrl-C to stop)").format(course=course_dir, url=server.url))
        if open_browser:
            webbrowser.open(server.url)
        while not server.wait(0.5):
            pass
    except ScormBuilderError as error:
        _fail(error)
    except KeyboardInterrupt:
        click.echo(_("stopped"))
    finally:
        server.stop()


@main.command("handout", help=N_(
    """Write COURSE_DIR (default: this folder if it holds course.yaml, else course/) as a printable handout,
    OUT/<course-id>-<version>.pdf (needs the `handout` extra).

    \b
    Example:
      scorm-builder handout course/ -o dist/ --with-quizzes
    Exit status: 0 written, 1 the course has errors, 2 wrong usage or WeasyPrint missing, 3 the PDF cannot be
    written (disk full, read-only, no permission: the message says what to do).
"""))
@click.argument("course_dir", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", default="dist", show_default=True, type=click.Path(path_type=Path),
              help=N_("Folder to write the PDF into."))
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option("--with-quizzes", is_flag=True, help=N_("Print the quizzes too, and their answer key at the end."))
def handout_command(course_dir: Path | None, out_dir: Path, paper: str, with_quizzes: bool) -> None:
    from .handout import handout

    try:
        result = handout(course_dir or default_course(), out_dir, paper, with_quizzes)
    except ScormBuilderError as error:
        _fail(error)
    _info(ngettext("wrote {path}: {count} page, {size} KiB, {seconds} s",
                   "wrote {path}: {count} pages, {size} KiB, {seconds} s", result.pages).format(
        path=result.path, count=result.pages, size=f"{result.size / 1024:.0f}", seconds=f"{result.seconds:.2f}"))


@main.command("import", help=N_("""Start a course from slides or a document: .pptx, .docx, .odp, .odt or .md.

    Section-divider slides (or the top heading level) start modules; slides (or the next heading level) become
    pages; pictures go to media/, speaker notes and a quiz skeleton become comments. Reading .pptx and .docx
    needs: pip install 'scorm-builder[import]'.

    \b
    Example:
      scorm-builder import slides.pptx -o my-course --language ar
      scorm-builder build my-course -o dist/
    Exit status: 0 imported, 2 unreadable SOURCE or COURSE_DIR not empty (nothing is written).
    """))
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--out", "course_dir", required=True, metavar="COURSE_DIR", type=click.Path(path_type=Path),
              help=N_("Course folder to create (new or empty)."))
@click.option("-l", "--language", help=N_("Language of the texts (ar, fr, en, ...; default: guessed from them)."))
@click.option("--force", is_flag=True, help=N_("Replace COURSE_DIR even if it holds files."))
def import_command(source: Path, course_dir: Path, language: str | None, force: bool) -> None:
    import shlex

    from .importer import import_course

    try:
        result = import_course(source, course_dir, language, force)
    except ScormBuilderError as error:
        _fail(error)
    counts = i18n.list_separator().join((ngettext("{count} module", "{count} modules", result.modules).format(
        count=result.modules),
                        ngettext("{count} page", "{count} pages", result.pages).format(count=result.pages),
                        ngettext("{count} picture", "{count} pictures", result.pictures)
                        .format(count=result.pictures)))
    _info(_("imported {source} into {course}: {counts}, language {language}").format(
        source=source, course=course_dir, counts=counts, language=result.language))
    for line in result.dropped:  # shown with -q too, as warnings are
        _echo("  " + _("not carried: {what}").format(what=line), err=True)
    _info(_("next: edit {file}, then run: {command}").format(
        file=shlex.quote(str(course_dir / 'course.yaml')),
        command=f"scorm-builder build {shlex.quote(str(course_dir))} -o dist/"))


@main.command("report", help=N_(
    """Analyse the answers in Moodle's SCORM report downloads (EXPORT: Interactions or Basic report, as text
    file, ODS or Excel) against COURSE_DIR: facility, discrimination, chosen options, flags.

    \b
    Example:
      scorm-builder report course/ interactions.ods -o report.html --csv questions.csv
    Excel files need: pip install 'scorm-builder[report]'. Exit status: 0 written, 1 unreadable input.
    """))
@click.argument("course_dir", type=click.Path(path_type=Path))
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "html_out", default="report.html", show_default=True, type=click.Path(path_type=Path),
              help=N_("The HTML report to write."))
@click.option("--json", "json_out", type=click.Path(path_type=Path), help=N_("Also write the figures as JSON."))
@click.option("--csv", "csv_out", type=click.Path(path_type=Path), help=N_("Also write one CSV row per question."))
@click.option("--names", is_flag=True, help=N_("List learners by name (the report is anonymous without it)."))
@click.option("-l", "--language", type=click.Choice(UI_LANGUAGES), help=N_("Report language (default: the course's)."))
def report_command(course_dir: Path, exports: tuple[Path, ...], html_out: Path, json_out: Path | None,
                   csv_out: Path | None, names: bool, language: str | None) -> None:
    from .report import make_report, write_outputs

    try:
        result = make_report(course_dir, list(exports), names=names, language=language)
        written = write_outputs(result, html_out, json_out, csv_out)
    except ScormBuilderError as error:
        _fail(error)
    for warning in result.warnings:
        click.echo(warning, err=True)
    click.echo(_("{summary}: wrote {files}").format(summary=result.summary(), files=", ".join(str(p) for p in written)))
