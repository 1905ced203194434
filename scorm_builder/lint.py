"""`scorm-builder lint`: what a careful reviewer would tell a trainer about a course that builds.

Two kinds of findings, all warnings at `file:line:col`: spelling of every learner-facing text in the course
language (spelling.py, with the course's own word list, words.txt), and authoring habits that weaken a course:
duplicate questions, the right choice always in the same place, one feedback for right and wrong answers,
no page to review, pictures without a meaningful description, hints the player already gives.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import spelling
from .errors import Diagnostic
from .i18n import N_, _
from .loader import COURSE_FILE, load_course
from .model import Course, Question
from .paths import inside
from .yamlsource import Source, read_yaml

WORDS_FILE = "words.txt"
# keys whose text learners never read: ids, paths, settings, accepted answers (which may be variants on purpose)
_NOT_TEXT = {"id", "src", "type", "see", "correct", "language", "version", "mode", "suspend_data_limit", "answers",
             "kind", "logo", "primary", "accent", "font", "captions", "modules", "assessment", "packaging",
             "completion", "theme", "requires", "pin", "draw", "attempts", "shuffle", "weight", "tolerance",
             "pass_mark", "show_answers", "retry_after_pass"}
_MARKDOWN_NOISE = re.compile(r"`[^`]*`|<[^>]+>|\]\([^)]*\)|https?://\S+|\{[^}]*\}|&\w+;")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)")
_GENERIC_ALT = {"image", "picture", "photo", "img", "figure", "illustration", "screenshot", "صورة", "الصورة",
                "رسم", "شكل", "photo.", "capture", "dessin", "schéma"}
# what the player already says beside a multiple-answer question ("choose all that apply")
_CHOOSE_ALL = re.compile(r"اختر\s+(كل|جميع)|(choose|select|tick)\s+all"
                         r"|(plusieurs|toutes les)\s+(bonnes\s+)?réponses", re.IGNORECASE)


@dataclass(frozen=True)
class Text:
    source: Source
    path: tuple
    value: str


def lint(course_dir: Path, spell: bool = True) -> list[Diagnostic]:
    """The findings on the course in `course_dir`, sorted; CourseError if it does not build."""
    course_dir = Path(course_dir)
    course = load_course(course_dir)
    sources = _sources(course_dir)
    found: list[Diagnostic] = []
    if spell:
        found += _spelling(course_dir, course.language, [t for s in sources for t in _texts(s, s.data, ())])
    found += _questions(course)
    found += _pictures(course, sources)
    return sorted(set(found))


def _warn(file: str, line: int, col: int, message: str, hint: str) -> Diagnostic:
    return Diagnostic(file, line, col, "", message, hint, severity="warning")


# The files and their texts --------------------------------------------------------------------------------

def _sources(course_dir: Path) -> list[Source]:
    """course.yaml and the files it names, parsed with positions (they are known to be sound)."""
    shown = lambda rel: (course_dir / rel).as_posix()  # noqa: E731
    top, _ = read_yaml(course_dir / COURSE_FILE, shown(COURSE_FILE))
    found = [top]
    for rel in [*top.data.get("modules", []), *([top.data["assessment"]] if "assessment" in top.data else [])]:
        target, _, _ = inside(course_dir, rel)
        found.append(read_yaml(target, shown(rel))[0])
    return found


def _texts(source: Source, value, path: tuple):
    if isinstance(value, str):
        yield Text(source, path, value)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(source, item, path + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_TEXT or path[-1:] == ("feedback",):  # feedback: {correct: ..., incorrect: ...}
                yield from _texts(source, item, path + (key,))


# Spelling ------------------------------------------------------------------------------------------------

def _word_list(course_dir: Path) -> set[str]:
    path = course_dir / WORDS_FILE
    if not path.is_file():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {spelling.comparable(w.strip()) for w in lines if w.strip() and not w.lstrip().startswith("#")}


# Arabic writes و، ف، ب، ل، ك and ال on the word: a listed name or term is known with them too
_ARABIC_PREFIX = re.compile("^(?:[وف]?(?:[بكل]?ال|لل|[بكل])|[وف])")


def _listed(word: str, known: set[str]) -> bool:
    prefix = _ARABIC_PREFIX.match(word)
    return word in known or word.lower() in known or bool(prefix and word[prefix.end():] in known)


def _spelling(course_dir: Path, language: str, texts: list[Text]) -> list[Diagnostic]:
    known = _word_list(course_dir)
    places: dict[str, list[tuple[Text, int, int]]] = {}  # word -> (text, offset, length as written)
    for text in texts:
        plain = _MARKDOWN_NOISE.sub(lambda m: " " * len(m.group()), text.value)
        for match in spelling.WORD.finditer(plain):
            word = spelling.comparable(match.group().strip("-'’"))
            if len(word) > 1 and not _listed(word, known):
                places.setdefault(word, []).append((text, match.start(), len(match.group())))
    wrong = spelling.misspelt(set(places), language)
    lines_of: dict[str, list[str]] = {}
    found = []
    for word, suggestions in wrong.items():
        for text, offset, length in places[word]:
            file = text.source.file
            if file not in lines_of:
                lines_of[file] = Path(file).read_text(encoding="utf-8").splitlines()
            line, col = _locate(lines_of[file], text, offset, length)
            hint = (_("did you mean {words}? if the word is right (a name, a term), add it to {file}").format(
                words=_(" or ").join(repr(s) for s in suggestions), file=WORDS_FILE) if suggestions else
                _("if the word is right (a name, a term), add it to {file}").format(file=WORDS_FILE))
            found.append(_warn(file, line, col, _("unknown word '{word}'").format(word=word), hint))
    return found


def _locate(lines: list[str], text: Text, offset: int, length: int) -> tuple[int, int]:
    """Where the `length` characters at `offset` of a text value stand in its file. A block scalar ('|') keeps
    the file's lines, so its place is computed; a value folded over several lines (plain or quoted) is not, so
    there the characters are looked for from the value's start."""
    start, col = text.source.where(text.path)
    wanted = text.value[offset:offset + length]
    before = text.value[:offset]
    row = before.count("\n")
    in_line = offset - (before.rfind("\n") + 1)
    if lines[start - 1][col - 1:].startswith(("|", ">")):
        target = min(start + row, len(lines) - 1)
        indent = len(lines[target]) - len(lines[target].lstrip(" "))
        line, column = target + 1, indent + in_line + 1
    else:  # on the key's line, after any opening quote
        line, column = start, col + (lines[start - 1][col - 1:col] in ("'", '"')) + in_line
    if lines[line - 1][column - 1:].startswith(wanted):
        return line, column
    for n in range(start - 1, len(lines)):
        found = lines[n].find(wanted, col - 1 if n == start - 1 else 0)
        if found >= 0:
            return n + 1, found + 1
    return start, col


# Authoring habits ---------------------------------------------------------------------------------------

def _questions(course: Course) -> list[Diagnostic]:
    found = []
    everyone = [(quiz, q) for quiz in course.quizzes for q in quiz.questions]
    found += _duplicates(everyone)
    for quiz in course.quizzes:
        found += _key_positions(quiz)
    for quiz, q in everyone:
        where = (q.loc.file, q.loc.line, q.loc.col)
        if q.feedback and q.feedback.correct == q.feedback.incorrect and not any(c.feedback for c in q.choices):
            found.append(_warn(*where, _("question '{id}' has one feedback for right and wrong answers").format(
                id=q.id),
                               _("write feedback: with correct: and incorrect:, so that a right answer is not told "
                                 "to review")))
        if not q.see:
            found.append(_warn(*where, _("question '{id}' names no page to review").format(id=q.id),
                               _("add see: with the id of the page that teaches the answer")))
        if q.type == "multiple" and _CHOOSE_ALL.search(q.prompt):
            found.append(_warn(*where, _("question '{id}' says to choose all that apply").format(id=q.id),
                               _("remove it from the prompt: the player already says so under every such question")))
    return found


def _normal(text: str) -> str:
    text = re.sub(r"[^\w\s]", " ", spelling.comparable(text.lower()))
    return " ".join(re.sub("[أإآ]", "ا", text).replace("ة", "ه").replace("ى", "ي").split())


def _whole(q: Question) -> str:
    """What a learner reads of a question: its prompt and what it offers to choose, match or order."""
    parts = [q.prompt, *sorted(c.text for c in q.choices), *sorted(i.text for i in q.items),
             *sorted(f"{p.left} {p.right}" for p in q.pairs)]
    return _normal(" ".join(parts))


def _duplicates(everyone: list) -> list[Diagnostic]:
    """The same prompt twice, or two questions that read nearly alike as a whole (prompt and choices):
    a learner answers the second from memory of the first."""
    found = []
    seen: list[tuple[str, str, Question, object]] = []
    for quiz, q in everyone:
        prompt, whole = _normal(q.prompt), _whole(q)
        for other_prompt, other_whole, other, other_quiz in seen:
            matcher = difflib.SequenceMatcher(None, whole, other_whole, autojunk=False)
            if prompt == other_prompt:
                same = N_("question '{id}' of quiz '{quiz}' asks the same as '{other}' of quiz '{other_quiz}' "
                          "({where})")
            elif matcher.real_quick_ratio() >= 0.9 and matcher.quick_ratio() >= 0.9 and matcher.ratio() >= 0.9:
                same = N_("question '{id}' of quiz '{quiz}' is nearly the same as '{other}' of quiz "
                          "'{other_quiz}' ({where})")
            else:
                continue
            found.append(_warn(q.loc.file, q.loc.line, q.loc.col,
                               _(same).format(id=q.id, quiz=quiz.id, other=other.id, other_quiz=other_quiz.id,
                                              where=f"{other.loc.file}:{other.loc.line}"),
                               _("ask something else, or keep only one of them")))
            break
        seen.append((prompt, whole, q, quiz))
    return found


def _key_positions(quiz) -> list[Diagnostic]:
    """The right choice of single-choice questions always at the same place: learners learn the place."""
    places = [next(i for i, c in enumerate(q.choices) if c.id == q.correct[0])
              for q in quiz.questions if q.type == "single"]
    if len(places) < 3:
        return []
    place, count = Counter(places).most_common(1)[0]
    if count < 0.8 * len(places):
        return []
    return [_warn(quiz.loc.file, quiz.loc.line, quiz.loc.col,
                  _("the right choice is choice {place} in {count} of the {total} single-choice questions of quiz "
                    "'{id}'").format(
                      place=place + 1, count=count, total=len(places), id=quiz.id),
                  _("write the right choice at varied places; shuffling on screen does not help a printed copy or "
                    "a learner who reads the order in the review"))]


def _pictures(course: Course, sources: list[Source]) -> list[Diagnostic]:
    found = []
    for page in course.pages:
        # media, and image blocks (templates/components/image/), alike
        pictures = [(m.src, m.alt, m.loc) for m in page.media] + [
            (b.get("src"), b.get("alt"), b.loc) for b in page.blocks if b.type == "image"]
        for src, alt, loc in pictures:
            if _weak_alt(alt, src) and PurePosixPath(src).suffix.lower() in _PICTURES:
                found.append(_warn(loc.file, loc.line, loc.col,
                                   _("the picture '{src}' has no meaningful description ('{alt}')").format(
                                       src=src, alt=alt),
                                   _("write in alt: what the picture shows, for learners who cannot see it")))
    for source in sources:
        for text in _texts(source, source.data, ()):
            for match in _IMAGE.finditer(text.value):
                if _weak_alt(match.group(1), match.group(2)):
                    line, col = _locate(Path(source.file).read_text(encoding="utf-8").splitlines(), text,
                                        match.start(), len(match.group()))
                    found.append(_warn(source.file, line, col,
                                       _("the picture '{src}' has no meaningful description").format(
                                           src=match.group(2)),
                                       _("write what it shows between the brackets: ![what it shows](file)")))
    return found


_PICTURES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}


def _weak_alt(alt: str, src: str) -> bool:
    alt = alt.strip()
    stem = PurePosixPath(src).stem.lower()
    return len(alt) < 4 or alt.lower() in _GENERIC_ALT or alt.lower() in (stem, PurePosixPath(src).name.lower())
