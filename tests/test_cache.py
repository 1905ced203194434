"""Rebuilds after an edit: only what changed is parsed, rendered and zipped again, and the result is the same
as a cold build's."""
from __future__ import annotations

import marshal
import shutil

import pytest

from helpers import SAMPLE, copy_course, edit
from scorm_builder import CourseError, build, loader, markup
from scorm_builder.cache import FOLDER


@pytest.fixture
def course(tmp_path):
    return copy_course(SAMPLE, tmp_path / "c")


def cold(course, tmp_path, name="cold"):
    return build(course, tmp_path / name, reuse=False).packages


def counting(monkeypatch, module, name) -> list:
    calls = []
    real = getattr(module, name)

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return calls


def test_a_one_page_edit_parses_and_renders_only_that_page(course, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(course, out)
    edit(course / "modules" / "basics.yaml", "stay independent.", "stay fully independent.")
    parsed = counting(monkeypatch, loader, "parse")
    rendered = counting(monkeypatch, markup, "render")
    package = build(course, out).packages[0]
    assert [shown for _, shown in parsed] == [(course / "modules" / "basics.yaml").as_posix()]
    assert len(rendered) == 1 and "stay fully independent." in rendered[0][0]
    assert package.read_bytes() == cold(course, tmp_path)[0].read_bytes()


def test_package_per_module_rewrites_only_the_package_that_changed(course, tmp_path):
    edit(course / "course.yaml", "assessment: final.yaml\n", "assessment: final.yaml\npackaging:\n  mode: package-per-module\n")
    out = tmp_path / "out"
    before = {p.name: p.stat().st_mtime_ns for p in build(course, out).packages}
    edit(course / "modules" / "basics.yaml", "stay independent.", "stay fully independent.")
    packages = build(course, out).packages
    changed = {p.name for p in packages if p.stat().st_mtime_ns != before[p.name]}
    assert changed == {"sample-course-basics-1.0.zip"}
    assert [p.read_bytes() for p in packages] == [p.read_bytes() for p in cold(course, tmp_path)]


def test_an_unreadable_cache_is_ignored(course, tmp_path):
    out = tmp_path / "out"
    build(course, out)
    files = list((out / FOLDER).iterdir())
    assert len(files) >= 5  # 4 YAML files, the Markdown and the package
    for path in files:
        path.write_bytes(b"\x00 not marshal")
    edit(course / "modules" / "basics.yaml", "stay independent.", "stay fully independent.")
    assert build(course, out).packages[0].read_bytes() == cold(course, tmp_path)[0].read_bytes()


def test_force_neither_reads_nor_writes_the_cache(course, tmp_path):
    out = tmp_path / "out"
    build(course, out)
    markup_file = next((out / FOLDER).glob("markup-*"))
    saved = marshal.loads(markup_file.read_bytes())
    saved["entries"] = {key: ("<p>TAMPERED</p>", links) for key, (html, links) in saved["entries"].items()}
    markup_file.write_bytes(marshal.dumps(saved))
    package = build(course, out, reuse=False).packages[0]
    assert b"TAMPERED" not in package.read_bytes() and markup_file.read_bytes() == marshal.dumps(saved)
    forced_out = tmp_path / "forced"
    build(course, forced_out, reuse=False)
    assert not (forced_out / FOLDER).exists()


def test_a_file_linked_from_cached_markdown_is_still_checked(course, tmp_path):
    shutil.copy(course / "media" / "dot.png", course / "media" / "inline.png")
    edit(course / "modules" / "basics.yaml", "stay independent.", "stay independent. ![a dot](media/inline.png)")
    out = tmp_path / "out"
    build(course, out)
    (course / "media" / "inline.png").unlink()
    with pytest.raises(CourseError) as caught:
        build(course, out)
    assert "basics.yaml:" in str(caught.value) and "'media/inline.png' does not exist" in str(caught.value)


def test_a_failed_build_writes_no_cache(course, tmp_path):
    edit(course / "modules" / "basics.yaml", "correct: b\n", "correct: z\n")
    with pytest.raises(CourseError):
        build(course, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_helper_process_parses_half_the_modules_of_a_large_course(course, tmp_path, monkeypatch):
    from scorm_builder import helper

    monkeypatch.setattr(helper, "worthwhile", lambda sizes: True)  # the sample course is small
    parsed_here = counting(monkeypatch, loader, "_parse_and_check")
    started = counting(monkeypatch, helper, "start")
    package = cold(course, tmp_path, "with-helper")[0]
    assert len(started) == 1  # practice.yaml, the second module, is parsed in the helper:
    assert [shown for _, shown, _ in parsed_here] == [(course / "course.yaml").as_posix(),
                                                      (course / "modules" / "basics.yaml").as_posix(),
                                                      (course / "final.yaml").as_posix()]
    monkeypatch.setattr(helper, "enabled", False)
    assert package.read_bytes() == cold(course, tmp_path, "alone")[0].read_bytes()


def test_a_failed_helper_process_costs_time_not_the_build(course, tmp_path, monkeypatch):
    from scorm_builder import helper

    monkeypatch.setattr(helper, "worthwhile", lambda sizes: True)
    monkeypatch.setattr(loader, "_parsed_elsewhere", lambda raws, shape: 1 / 0)  # raises in the child
    package = cold(course, tmp_path, "failed-helper")[0]
    monkeypatch.setattr(helper, "worthwhile", lambda sizes: False)
    assert package.read_bytes() == cold(course, tmp_path, "alone")[0].read_bytes()


def test_module_errors_are_the_same_with_a_helper_process(course, tmp_path, monkeypatch):
    from scorm_builder import helper

    edit(course / "modules" / "practice.yaml", "id: practice", "id: Practice!")
    edit(course / "modules" / "basics.yaml", "title: Basics", "titel: Basics")
    found = []
    for worth in (True, False):
        monkeypatch.setattr(helper, "worthwhile", lambda sizes, worth=worth: worth)
        with pytest.raises(CourseError) as caught:
            cold(course, tmp_path, f"errors-{worth}")
        found.append(str(caught.value))
    assert found[0] == found[1] and "practice.yaml" in found[0] and "basics.yaml" in found[0]


def test_cached_markdown_follows_a_link_that_now_names_another_file(course, tmp_path):
    shutil.copy(course / "media" / "dot.png", course / "media" / "other.png")
    (course / "media" / "shown.png").symlink_to("dot.png")
    edit(course / "modules" / "basics.yaml", "stay independent.", "stay independent. ![a dot](media/shown.png)")
    out = tmp_path / "out"
    build(course, out)
    (course / "media" / "shown.png").unlink()
    (course / "media" / "shown.png").symlink_to("other.png")
    assert build(course, out).packages[0].read_bytes() == cold(course, tmp_path)[0].read_bytes()


def test_cache_entries_of_the_wrong_shape_are_ignored(course, tmp_path):
    out = tmp_path / "out"
    build(course, out)
    for path in (out / FOLDER).iterdir():
        saved = marshal.loads(path.read_bytes())
        entries = saved["entries"]
        saved["entries"] = {key: "not an entry" for key in entries} if isinstance(entries, dict) else ("a", "b")
        path.write_bytes(marshal.dumps(saved))
    edit(course / "modules" / "basics.yaml", "stay independent.", "stay fully independent.")
    assert build(course, out).packages[0].read_bytes() == cold(course, tmp_path)[0].read_bytes()
