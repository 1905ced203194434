"""The SVG pictures a package ships run nothing (issue 21), in Chromium, in the SCO frame under the LMS host page:
shown on their page, opened in the SCO frame as a learner following the picture's address would, and opened in
a tab of their own. The hostile SVG records every script it manages to run in the top window, the frame and
localStorage; the same SVG, as the trainer wrote it, served next to the package, shows that the recording works."""
from __future__ import annotations

import zipfile

import pytest

from conftest import SAMPLE, build_one, copy_course, unpack
from lms_harness import Launch, install_host, install_sco

# Each way an SVG can run script sets a mark: top.pwned / window.pwned, the frame's and the top's title, and
# localStorage (shared by every page of the origin, so a mark left in any frame or tab is seen).
MARK = "window.pwned=1;try{top.pwned=1;top.document.title='pwned'}catch(e){};try{localStorage.setItem('pwned','1')}catch(e){}"
EVIL_SVG = f"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="80"
     onload="{MARK}">
  <script>{MARK}</script>
  <script href="data:text/javascript,{MARK}"/>
  <rect width="120" height="80" fill="#2a6" onmouseover="{MARK}"/>
  <a xlink:href="javascript:{MARK}"><circle cx="60" cy="40" r="20" fill="#fff"/></a>
  <foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:{MARK}"/></foreignObject>
  <image href="x" onerror="{MARK}"/>
  <animate attributeName="x" begin="0s" dur="0.01s" onbegin="{MARK}"/>
</svg>
""".encode()
BODY = "A network is a group of people or associations that **exchange** information."


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    work = tmp_path_factory.mktemp("inert")
    course = copy_course(SAMPLE, work / "course")
    (course / "media" / "evil.svg").write_bytes(EVIL_SVG)
    basics = course / "modules" / "basics.yaml"
    basics.write_text(basics.read_text().replace(BODY, BODY + " ![a green card](media/evil.svg)"))
    unpacked = unpack(build_one(course, work), work / "unpacked")
    with zipfile.ZipFile(next((work / "out").glob("*.zip"))) as zf:
        (svg,) = [n for n in zf.namelist() if n.endswith(".svg")]
    return unpacked, svg


def _marks(page) -> list:
    """Every mark the hostile SVG could have left, in every frame of the page."""
    found = [page.evaluate("() => [window.pwned, document.title, localStorage.getItem('pwned')]")]
    for frame in page.frames:
        try:
            found.append(frame.evaluate("() => [window.pwned, document.title === 'pwned']"))
        except Exception:  # a frame of another document kind (an SVG) has window too; a detached one has not
            pass
    return found


def _clean(marks: list) -> bool:
    top, *frames = marks
    return top[0] is None and top[1] != "pwned" and top[2] is None and all(f == [None, False] for f in frames)


def test_svg_picture_runs_nothing_in_its_page_in_the_sco_frame_or_a_tab(browser, site, package):
    unpacked, svg = package
    install_host(site.root)
    install_sco(site.root, unpacked)
    context = browser.new_context()
    try:
        run = Launch(context.new_page(), site)
        run.ui.go("what-is")
        img = run.frame.locator(f'img[src="{svg}"]')
        img.scroll_into_view_if_needed()
        run.frame.wait_for_function("s => { const i = document.querySelector(`img[src=\"${s}\"]`);"
                                    " return i && i.complete && i.naturalWidth > 0; }", arg=svg)
        assert img.evaluate("i => i.naturalWidth") == 120  # the picture is still drawn
        img.hover()
        run.page.wait_for_timeout(200)
        assert _clean(_marks(run.page)), _marks(run.page)

        run.frame.goto(site.url(f"sco/{svg}"))  # the learner opens the picture's address in the SCO frame
        run.page.mouse.move(60, 40)
        run.page.mouse.click(60, 40)
        run.page.wait_for_timeout(300)
        assert _clean(_marks(run.page)), _marks(run.page)

        tab = context.new_page()  # ... or in a tab of its own, on the LMS's origin
        tab.goto(site.url(f"sco/{svg}"))
        tab.mouse.click(60, 40)
        tab.wait_for_timeout(300)
        assert tab.evaluate("() => [window.pwned, localStorage.getItem('pwned')]") == [None, None]
        assert _clean(_marks(run.page))
    finally:
        context.close()


def test_the_unsanitised_svg_would_have_run_in_the_sco_frame(browser, site, package):
    """The control: what the trainer wrote, opened the same way, does leave its marks (so the test above can fail)."""
    unpacked, _ = package
    install_host(site.root)
    install_sco(site.root, unpacked)
    (site.root / "sco" / "raw.svg").write_bytes(EVIL_SVG)
    context = browser.new_context()
    try:
        run = Launch(context.new_page(), site)
        run.frame.goto(site.url("sco/raw.svg"))
        run.page.wait_for_function("() => window.pwned === 1 && document.title === 'pwned'")
        assert not _clean(_marks(run.page))
    finally:
        context.close()
