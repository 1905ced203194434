"""Messages in the trainer's language: the catalogues are complete and compiled, and the command line speaks
Arabic, French or English as asked (--lang, else LC_ALL / LC_MESSAGES / LANG, else English)."""
from __future__ import annotations

import gettext
import io
import json
import re
import string

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from helpers import ROOT, SAMPLE, copy_course, edit
from scorm_builder import i18n
from scorm_builder.cli import main
from scorm_builder.components import extract_messages
from scorm_builder.errors import Diagnostic

LOCALE = ROOT / "scorm_builder" / "locale"
TRANSLATED = ("ar", "fr")
# bidi controls: Arabic text must read right in the order it is written, never by hidden marks
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
POSITION = re.compile(r"^\S+\.yaml:\d+:\d+: ", re.M)


def _extracted() -> dict[str, str | tuple]:
    """Every message in the source now, as `make messages` extracts it (babel.cfg, the same keywords)."""
    found = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "scorm_builder"), method_map=[("**.py", "python")],
            keywords={"_": None, "N_": None, "ngettext": (1, 2)}):
        found[message if isinstance(message, str) else message[0]] = message
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "templates" / "components"), method_map=[("*/schema.json", extract_messages)]):
        found[message] = message
    return found


def _catalogue(language: str):
    with open(LOCALE / language / "LC_MESSAGES" / "scorm_builder.po", "rb") as f:
        return read_po(f, locale=language)


def _fields(text: str) -> set[str]:
    return {f"{name}:{spec}!{conv}" for _, name, spec, conv in string.Formatter().parse(text) if name is not None}


def test_template_has_every_message_of_the_source():
    with open(LOCALE / "scorm_builder.pot", "rb") as f:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    missing = sorted(set(_extracted()) - template)
    assert not missing, f"run `make messages`, then translate: {missing[:5]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_the_same_placeholders(language):
    catalogue = _catalogue(language)
    problems = []
    for key, message in _extracted().items():
        entry = catalogue.get(message)
        forms = [] if entry is None else [entry.string] if isinstance(entry.string, str) else list(entry.string)
        if entry is None or entry.fuzzy or not forms or not all(form.strip() for form in forms):
            problems.append(f"untranslated: {key!r}")
            continue
        wanted = _fields(message if isinstance(message, str) else message[1])
        for form in forms:
            # a plural form may leave the number out ("صفحتان": two pages); the general form keeps every value
            if not _fields(form) <= wanted or form == forms[-1] and _fields(form) != wanted:
                problems.append(f"placeholders differ: {key!r} -> {form!r}")
        if language == "ar" and any(BIDI_CONTROLS.search(form) for form in forms):
            problems.append(f"bidi control character in {key!r}")
    assert not problems, "\n".join(problems[:20])


def test_the_check_itself_catches_a_missing_translation(monkeypatch):
    """The test above fails when a message has no translation (not a test that cannot fail)."""
    catalogue = _catalogue("fr")
    entry = catalogue.get("'{shown}' does not exist")
    assert entry.string
    entry.string = ""
    monkeypatch.setattr(f"{__name__}._catalogue", lambda language: catalogue)
    with pytest.raises(AssertionError, match="untranslated: \"'{shown}' does not exist\""):
        test_every_message_is_translated_with_the_same_placeholders("fr")


@pytest.mark.parametrize("language", TRANSLATED)
def test_committed_mo_files_are_compiled_from_the_po_files(language):
    """The .mo files are committed (the tool reads them with the standard library, so installing it and
    building the wheel need no Babel); they must say exactly what the .po files say."""
    compiled = io.BytesIO()
    write_mo(compiled, _catalogue(language))
    compiled.seek(0)
    with open(LOCALE / language / "LC_MESSAGES" / "scorm_builder.mo", "rb") as f:
        shipped = gettext.GNUTranslations(f)
    fresh = gettext.GNUTranslations(compiled)
    assert shipped._catalog == fresh._catalog, "run `make messages` to compile the catalogues"


def test_messages_keep_an_english_code_in_every_language():
    i18n.set_language("fr")
    try:
        french = Diagnostic("a.yaml", 1, 1, "", i18n._("unknown key '{key}'").format(key="titel"))
    finally:
        i18n.set_language("en")
    english = Diagnostic("a.yaml", 1, 1, "", i18n._("unknown key '{key}'").format(key="titel"))
    assert french.message == "clé inconnue 'titel'" and english.message == "unknown key 'titel'"
    assert french.code == english.code == "unknown-key"


def _missing_media(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "course")
    edit(course / "modules" / "basics.yaml", "src: media/dot.png", "src: media/dott.png")
    return course


def _syntax_error(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "course")
    edit(course / "course.yaml", "title: Sample course", 'title: "Sample course')
    return course


ERRORS = [
    ("ar", _missing_media, ["خطأ: ", "'media/dott.png' غير موجود", "هل تقصد 'media/dot.png'؟", "خطأ واحد في الدورة"]),
    ("fr", _missing_media, ["erreur: ", "'media/dott.png' n'existe pas", "vouliez-vous dire 'media/dot.png' ?",
                            "1 erreur dans le cours"]),
    ("ar", _syntax_error, ["course.yaml:4:8: خطأ: خطأ في صياغة YAML: هذا النص المنصَّص لا يُغلق في سطره"]),
    ("fr", _syntax_error, ["course.yaml:4:8: erreur: erreur de syntaxe YAML : ce texte entre guillemets n'est "
                           "jamais fermé sur sa ligne"]),
]


@pytest.mark.parametrize("language,mistake,said", ERRORS, ids=[f"{e[0]}-{e[1].__name__}" for e in ERRORS])
def test_errors_in_arabic_and_french_keep_their_position(tmp_path, language, mistake, said):
    course = mistake(tmp_path)
    result = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "dist"), "--lang", language])
    assert result.exit_code == 1, result.output
    assert POSITION.search(result.stderr), result.stderr
    for text in said:
        assert text in result.stderr, result.stderr
    assert not BIDI_CONTROLS.search(result.stderr)
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").glob("*.zip"))


@pytest.mark.parametrize("environ,word", [
    ({"LANG": "fr_FR.UTF-8"}, "erreur: "),
    ({"LC_ALL": "ar_DZ.UTF-8", "LANG": "fr_FR.UTF-8"}, "خطأ: "),
    ({"LC_MESSAGES": "fr_CA.UTF-8", "LANG": "en_GB.UTF-8"}, "erreur: "),
    ({"LANG": "de_DE.UTF-8"}, "error: "),
    ({"LANG": "C.UTF-8"}, "error: "),
])
def test_language_comes_from_the_environment_without_lang(tmp_path, environ, word):
    course = _missing_media(tmp_path)
    env = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": None, "LANGUAGE": None, **environ}
    result = CliRunner(env=env).invoke(main, ["build", str(course), "-o", str(tmp_path / "dist")])
    assert result.exit_code == 1 and f": {word}" in result.stderr, result.stderr


def test_lang_goes_before_the_verb_too_and_wins_over_the_environment(tmp_path):
    course = _missing_media(tmp_path)
    result = CliRunner(env={"LC_ALL": "ar_MA.UTF-8"}).invoke(
        main, ["--lang", "fr", "build", str(course), "-o", str(tmp_path / "dist")])
    assert "erreur: " in result.stderr
    assert i18n.language() == "en"  # the caller's language again afterwards


def test_json_keeps_english_codes_beside_the_translated_message(tmp_path):
    course = _missing_media(tmp_path)
    result = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "dist"), "--json", "--lang", "ar"])
    assert result.exit_code == 1
    [found] = json.loads(result.stdout)[0]["diagnostics"]
    assert found["code"] == "does-not-exist" and found["severity"] == "error"
    assert found["message"] == "'media/dott.png' غير موجود" and found["hint"].startswith("هل تقصد")


def test_help_is_translated():
    arabic = CliRunner().invoke(main, ["build", "--help", "--lang", "ar"])
    assert arabic.exit_code == 0
    assert "الاستعمال: main build" in arabic.output and "الخيارات:" in arabic.output
    assert "ابنِ كل COURSE_DIR" in arabic.output and "اعرض هذه الرسالة واخرج." in arabic.output
    french = CliRunner().invoke(main, ["--lang", "fr", "--help"])
    assert "Commandes:" in french.output and "Afficher ce message et quitter." in french.output
    assert "Compiler un cours écrit en YAML" in french.output
    english = CliRunner().invoke(main, ["build", "--help"], env={"LC_ALL": "C"})
    assert "Usage: main build" in english.output and "Show this message and exit." in english.output


def test_schema_descriptions_in_the_chosen_language():
    french = json.loads(CliRunner().invoke(main, ["schema", "--lang", "fr"]).stdout)
    arabic = json.loads(CliRunner().invoke(main, ["schema", "--lang", "ar"]).stdout)
    english = json.loads(CliRunner().invoke(main, ["schema", "--lang", "en"]).stdout)
    media = {lang: schema["anyOf"][0]["properties"]["theme"]["description"]
             for lang, schema in (("fr", french), ("ar", arabic), ("en", english))}
    assert media["fr"].startswith("l'apparence de la plateforme") and media["ar"].startswith("مظهر المنصة")
    assert media["en"].startswith("the platform's look")
    # only texts change: the keys and rules are the same in every language
    assert json.dumps(french).count('"type"') == json.dumps(english).count('"type"')


def test_new_writes_the_schema_in_the_course_language(tmp_path):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "c"), "--language", "fr"])
    assert result.exit_code == 0
    schema = json.loads((tmp_path / "c" / "course.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "fichiers de cours scorm-builder"


def test_an_up_to_date_course_repeats_its_warnings_in_the_language_asked(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "course")
    edit(course / "modules" / "basics.yaml", "alt: A small red dot", "alt: TODO")
    out = tmp_path / "dist"
    english = CliRunner().invoke(main, ["build", str(course), "-o", str(out), "--lang", "en"])
    assert english.exit_code == 0 and "is not described yet" in english.stderr
    french = CliRunner().invoke(main, ["build", str(course), "-o", str(out), "--lang", "fr"])
    assert french.exit_code == 0 and "n'est pas encore décrite" in french.stderr, french.stderr
    again = CliRunner().invoke(main, ["build", str(course), "-o", str(out), "--lang", "fr"])
    assert again.stdout.startswith("à jour") and "n'est pas encore décrite" in again.stderr
