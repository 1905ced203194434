"""The wheel carries the templates, runtime and XSDs, and builds a course when installed outside the repo."""
from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from helpers import ROOT, SAMPLE, copy_course


def test_wheel_is_complete_and_builds_outside_the_repo(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path / "wheels"), str(ROOT)], check=True)
    wheel = next((tmp_path / "wheels").glob("scorm_builder-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ["scorm_builder/templates/sco.html.j2", "scorm_builder/templates/static/sb-lms.js",
                   "scorm_builder/templates/static/sb-app.js", "scorm_builder/templates/static/sb.css",
                   "scorm_builder/templates/i18n/ar.json", "scorm_builder/docs/authoring.md",
                   "scorm_builder/docs/authoring.ar.md", "scorm_builder/docs/authoring.fr.md",
                   "scorm_builder/xsd/imscp_rootv1p1p2.xsd",
                   "scorm_builder/xsd/adlcp_rootv1p2.xsd", "scorm_builder/xsd/imsmd_rootv1p2p1.xsd",
                   "scorm_builder/xsd/ims_xml.xsd", "scorm_builder/xsd/w3c-xml.xsd",
                   "scorm_builder/locale/ar/LC_MESSAGES/scorm_builder.mo",
                   "scorm_builder/locale/fr/LC_MESSAGES/scorm_builder.mo"]:
        assert needed in names, needed

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # the dependencies come from this environment: a path listed in a .pth file is searched after the new
    # environment's own packages, and its own .pth files (this checkout's editable install) are not run
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    here = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "dependencies.pth").write_text("".join(f"{p}\n" for p in sorted(here)))
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    work = tmp_path / "elsewhere"
    course = copy_course(SAMPLE, work / "course")
    where = subprocess.run([python, "-c", "import scorm_builder; print(scorm_builder.__file__)"], cwd=work,
                           check=True, capture_output=True, text=True).stdout
    assert Path(where).is_relative_to(venv), where
    done = subprocess.run([python, "-m", "scorm_builder", "build", str(course), "-o", str(work / "dist")],
                          cwd=work, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (work / "dist" / "sample-course-1.0.zip").is_file()
    # the installed catalogues are found and read (the stdlib's gettext, no Babel needed)
    french = subprocess.run([python, "-m", "scorm_builder", "build", str(work / "missing"), "--lang", "fr"],
                            cwd=work, capture_output=True, text=True)
    assert french.returncode == 2 and "ce dossier n'existe pas" in french.stderr, french.stderr
