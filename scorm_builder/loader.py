"""Reading a course folder: every YAML file parsed, checked and turned into the model, or all errors raised."""
from __future__ import annotations

from pathlib import Path

from . import components, helper, schema, structure, theme, validate
from .cache import BuildCache, content_key
from .catalogue import ui_language
from .errors import CourseError, Diagnostic, UsageError
from .i18n import _
from .model import Author, Block, Choice, Course, Feedback, Item, Loc, Media, Module, Page, Pair, Question, Quiz
from .paths import inside
from .validate import KEYS, choice_id, truth
from .yamlsource import Source, parse, read_bytes

COURSE_FILE = "course.yaml"


def load_course(course_dir: Path, cache: BuildCache | None = None) -> Course:
    """Load and check the course in `course_dir`; raise CourseError listing every mistake found. Files whose
    content `cache` has seen parse and pass their shape check already are not parsed again."""
    course_dir = Path(course_dir)
    if not course_dir.is_dir():
        raise UsageError(_("{folder}: no such folder (give the folder that holds {file})").format(
            folder=course_dir, file=COURSE_FILE))
    if not (course_dir / COURSE_FILE).is_file():
        raise UsageError(_("{folder}: no {file} in this folder (run `scorm-builder new {folder}` to start one)").format(
            folder=course_dir, file=COURSE_FILE))
    errors: list[Diagnostic] = []
    read = _Reader(errors, cache)
    top = read(course_dir / COURSE_FILE, _shown(course_dir, COURSE_FILE), "course")
    modules: list[Source] = []
    assessment = None
    if isinstance(top.data, dict):
        modules = _read_modules(course_dir, top, read, errors)
        written = top.data.get("assessment")
        if isinstance(written, str) and written.strip() and "\0" not in written:  # else: reported already
            assessment = _read_included(course_dir, top, ("assessment",), read, errors)
    # the checks across files run on every file that is sound, so that all mistakes come at once; references
    # to pages are checked only once every file is, as the page named may be in a broken one
    sound = [s for s in modules if s.file not in read.broken]
    errors += validate.course(course_dir, top if top.file not in read.broken else None, sound,
                              assessment if assessment and assessment.file not in read.broken else None,
                              complete=not errors)
    if errors:
        raise CourseError(errors)
    return _course(top, modules, assessment)


def _shown(course_dir: Path, rel: str) -> str:
    return (course_dir / rel).as_posix()


class _Reader:
    """Reads each YAML file and checks its shape, adding what is wrong to `errors`."""

    SHAPES = {"course": schema.COURSE, "module": schema.MODULE, "quiz": schema.QUIZ}

    def __init__(self, errors: list, cache: BuildCache | None):
        self.errors = errors
        self.cache = cache
        self.ready: dict[str, tuple] = {}  # file shown -> what the helper process parsed of the same bytes

    @property
    def broken(self) -> set[str]:
        """The files that could not be read, or whose shape is wrong: the model cannot be made of them."""
        return {d.file for d in self.errors}

    def __call__(self, path: Path, shown: str, shape: str) -> Source:
        raw, problems = read_bytes(path, shown)
        if raw is None:
            return self._failed(shown, problems)
        return self._source(raw, content_key(shape + components.signature(), raw), shown, shape)

    def _failed(self, shown: str, problems: list) -> Source:
        self.errors += problems
        return Source(shown)

    def _source(self, raw: bytes, key: str, shown: str, shape: str) -> Source:
        known = self.cache.yaml(shown, key) if self.cache else None
        if known is not None:
            return Source(shown, *known)
        if shown in self.ready:
            source = Source(shown, *self.ready[shown])
        else:
            source, problems = _parse_and_check(raw, shown, shape)
            if problems:  # the data is kept: the files it names are read and checked too
                self.errors += problems
                return source
        if self.cache:
            self.cache.keep_yaml(shown, key, (source.data, source.values, source.keys))
        return source

    def many(self, files: list[tuple[Path, str]], shape: str) -> list[Source]:
        """Read `files`. For a large course, a helper process parses half of those the cache does not hold while
        this one reads the others."""
        read = {shown: read_bytes(path, shown) for path, shown in files}
        keys = {shown: content_key(shape + components.signature(), raw)
                for shown, (raw, _) in read.items() if raw is not None}
        new = [shown for shown in keys if not (self.cache and self.cache.has_yaml(shown, keys[shown]))]
        elsewhere = new[len(new) // 2:] if helper.worthwhile([len(read[shown][0]) for shown in new]) else []
        waiting = None
        if elsewhere:
            waiting = helper.start(lambda: _parsed_elsewhere({s: read[s][0] for s in elsewhere}, shape))
        sources: dict[str, Source] = {}

        def one(shown: str) -> Source:
            raw, problems = read[shown]
            return self._failed(shown, problems) if raw is None else self._source(raw, keys[shown], shown, shape)

        try:
            for shown in read:
                if shown not in elsewhere:
                    sources[shown] = one(shown)
        finally:
            if waiting:
                self.ready.update(waiting() or {})
        for shown in elsewhere:
            sources[shown] = one(shown)
        return [sources[shown] for _, shown in files]


def _parse_and_check(raw: bytes, shown: str, shape: str) -> tuple[Source, list[Diagnostic]]:
    source, problems = parse(raw, shown)
    return source, problems or structure.check(source, _Reader.SHAPES[shape])


def _parsed_elsewhere(raws: dict[str, bytes], shape: str) -> dict:
    """What the helper process sends back: the files that parse and pass their shape check, by file shown."""
    done = {}
    for shown, raw in raws.items():
        source, problems = _parse_and_check(raw, shown, shape)
        if not problems:
            done[shown] = (source.data, source.values, source.keys)
    return done


def _read_included(course_dir: Path, top: Source, path: tuple, read: _Reader, errors: list) -> Source | None:
    written = top.data
    for part in path:
        written = written[part]
    target, problem, hint = inside(course_dir, written)
    if target is None:
        errors.append(top.diag(path, problem, hint))
        return None
    return read(target, _shown(course_dir, written), "quiz")


def _read_modules(course_dir: Path, top: Source, read: _Reader, errors: list) -> list[Source]:
    listed = top.data.get("modules")
    if not isinstance(listed, list):
        return []
    seen: dict[Path, int] = {}
    files = []
    for i, written in enumerate(listed):
        if not isinstance(written, str) or not written.strip() or "\0" in written:  # reported by the YAML checks
            continue
        target, problem, hint = inside(course_dir, written)
        if target is None:
            errors.append(top.diag(("modules", i), problem, hint))
        elif target in seen:
            errors.append(top.diag(("modules", i), _("'{written}' is listed twice, also as module file {seen}").format(
                written=written, seen=seen[target] + 1),
                                   _("list each module file once")))
        else:
            seen[target] = i
            files.append((target, _shown(course_dir, written)))
    return read.many(files, "module")


# Turning checked data into the model ------------------------------------------------------------------------

def _loc(source: Source, path: tuple) -> Loc:
    line, col = source.where(path)
    return Loc(source.file, line, col)


def _locs(source: Source, path: tuple, keys: list[str]):
    """The place of each text `keys` names ("objectives.0": path + ("objectives", 0)), for model.loc_of."""
    return tuple((key, _loc(source, path + tuple(int(p) if p.isdigit() else p for p in key.split("."))))
                 for key in keys)


def _numbered(key: str, d: dict) -> list[str]:
    """"objectives.0", "objectives.1" ...: a key for each entry of the list d[key]."""
    return [f"{key}.{i}" for i in range(len(d.get(key, [])))]


def _course(top: Source, modules: list[Source], assessment: Source | None) -> Course:
    d = top.data
    pass_mark = d.get("pass_mark", 70)
    packaging = d.get("packaging", {})
    ui = d.get("ui", {})
    intro = d.get("intro", {})
    return Course(
        id=d["id"], version=d["version"], title=d["title"].strip(), language=d["language"],
        description=d.get("description", ""), organisation=d.get("organisation", ""), platform=d.get("platform", ""),
        authors=tuple(Author(a) if isinstance(a, str) else Author(a["name"], a.get("role", ""))
                      for a in d.get("authors", [])),
        objectives=tuple(d.get("objectives", [])), pass_mark=pass_mark,
        intro_title=intro.get("title", ""), intro=intro.get("body", ""),
        modules=tuple(_module(s, pass_mark, d["language"]) for s in modules),
        closing=_page(top, d["closing"], ("closing",)) if "closing" in d else None,
        assessment=_quiz(assessment, assessment.data, (), pass_mark, d["language"]) if assessment else None,
        packaging_mode=packaging.get("mode", "single-sco"), suspend_limit=packaging.get("suspend_data_limit", "error"),
        ui_language=ui_language(d["language"], ui.get("language")),
        strings=tuple(sorted(ui.get("strings", {}).items())), loc=_loc(top, ()),
        theme=theme.from_yaml(d["theme"]) if d.get("theme") else None,
        upload_limit=packaging.get("upload_limit", 100),
        completion_pages=_share(d.get("completion", {}).get("pages")),
        completion_assessment=d.get("completion", {}).get("assessment", "pass"),
        locs=_locs(top, (), ["description", "intro.body", *_numbered("objectives", d)]),
    )


def _share(pages: str | None) -> float | None:
    """completion.pages: "all" or "80%" as a share of the pages."""
    if pages is None:
        return None
    return 1.0 if pages == "all" else int(pages.rstrip("%")) / 100


def _module(source: Source, pass_mark: float, language: str) -> Module:
    d = source.data
    return Module(
        id=d["id"], title=d["title"].strip(), objectives=tuple(d.get("objectives", [])),
        pages=tuple(_page(source, p, ("pages", i)) for i, p in enumerate(d["pages"])),
        quiz=_quiz(source, d["quiz"], ("quiz",), pass_mark, language) if "quiz" in d else None, loc=_loc(source, ()),
        locs=_locs(source, (), _numbered("objectives", d)),
    )


def _page(source: Source, d: dict, path: tuple) -> Page:
    media = tuple(Media(m["src"], m.get("alt", ""), m.get("caption", ""), _loc(source, path + ("media", i)),
                        tuple(m.get("captions", {}).items()), m.get("transcript", ""))
                  for i, m in enumerate(d.get("media", [])))
    blocks = tuple(_block(source, b, path + ("blocks", i)) for i, b in enumerate(d.get("blocks", [])))
    return Page(d["id"], d["title"].strip(), d.get("body", ""), media,
                _loc(source, path + ("body",) if "body" in d else path), blocks)


def _block(source: Source, d: dict, path: tuple) -> Block:
    """Frozen fields in the schema's order: lists of mappings become tuples of (key, value) tuples."""
    def frozen(value, field: dict):
        if isinstance(value, list):
            return tuple(frozen(item, field.get("items", {})) for item in value)
        if isinstance(value, dict):  # the keys of its schema in order, else (a map such as captions) as written
            props = field.get("properties", {})
            keys = [key for key in props if key in value] if props else list(value)
            return tuple((key, frozen(value[key], props.get(key, {}))) for key in keys)
        return value

    schema = components.fields_of(d["type"])
    return Block(d["type"], tuple((key, frozen(d[key], schema[key])) for key in schema if key in d),
                 _loc(source, path))


def _quiz(source: Source, d: dict, path: tuple, pass_mark: float, language: str) -> Quiz:
    return Quiz(
        id=d["id"], title=d["title"].strip(), pass_mark=d.get("pass_mark", pass_mark), draw=d.get("draw"),
        shuffle=d.get("shuffle", True), attempts=d.get("attempts", 0), show_answers=d.get("show_answers", True),
        questions=tuple(_question(source, q, path + ("questions", i), language) for i, q in enumerate(d["questions"])),
        loc=_loc(source, path), retry_after_pass=d.get("retry_after_pass"),
        requires_all_pages=d.get("requires") == "all-pages",
    )


def _feedback(value) -> Feedback | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Feedback(value, value)
    return Feedback(value["correct"], value["incorrect"])


def _question(source: Source, d: dict, path: tuple, language: str) -> Question:
    kind = d["type"]
    extra: dict = {}
    if kind in ("single", "multiple"):
        extra["choices"] = tuple(
            Choice(choice_id(c, i), KEYS[i], c if isinstance(c, str) else c["text"],
                   False if isinstance(c, str) else c.get("pin", False),
                   "" if isinstance(c, str) else c.get("feedback", ""))
            for i, c in enumerate(d["choices"]))
        correct = d["correct"]
        extra["correct"] = (correct,) if isinstance(correct, str) else tuple(correct)
    elif kind == "true-false":
        extra["correct"] = truth(d["correct"], language)
    elif kind == "numeric":
        extra["correct"] = d["correct"]
        extra["tolerance"] = d.get("tolerance", 0.0)
    elif kind == "fill-in":
        extra["answers"] = tuple(d["answers"])
    elif kind == "matching":
        extra["pairs"] = tuple(Pair(str(i + 1), p["left"], p["right"], KEYS[i]) for i, p in enumerate(d["pairs"]))
    elif kind == "ordering":
        extra["items"] = tuple(Item(KEYS[i], text) for i, text in enumerate(d["items"]))
    return Question(id=d["id"], type=kind, prompt=d["prompt"], weight=d.get("weight", 1),
                    feedback=_feedback(d.get("feedback")), see=d.get("see"), loc=_loc(source, path),
                    locs=_locs(source, path, _text_keys(d)), **extra)


def _text_keys(d: dict) -> list[str]:
    """The Markdown texts of a question, as loc_of names them."""
    keys = ["prompt", "feedback", "feedback.correct", "feedback.incorrect"]
    for i, c in enumerate(d.get("choices", [])):
        keys += [f"choices.{i}"] + ([f"choices.{i}.text", f"choices.{i}.feedback"] if isinstance(c, dict) else [])
    keys += [f"{pair}.{side}" for pair in _numbered("pairs", d) for side in ("left", "right")]
    return keys + _numbered("items", d)

