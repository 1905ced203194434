"""Structure and faithfulness checks of the seed course (course/), read with yaml.safe_load only.

These tests do not use the builder's API on purpose: they check the course files against the course format
(docs/course-format.md) and against the seed text the course was written from, as proofread (spelling, hamzas,
agreement, attached «و»; the corrections are listed in the closing note of issue 16).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

COURSE_DIR = Path(__file__).resolve().parent.parent / "course"
SLUG = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
LETTERS = "abcdefghijklmnopqrstuvwxyz"
CHOICE_TYPES = {"single", "multiple"}
QUESTION_TYPES = {"single", "multiple", "true-false", "fill-in", "numeric", "matching", "ordering"}
MODULE_FILES = ["modules/01-concepts.yaml", "modules/02-founding.yaml", "modules/03-animation.yaml"]

# Every section heading of the seed, as written in the course (page title or body).
SEED_HEADINGS = [
    "تعريف الشبكة",
    "أصناف الشبكات",
    "أهمية التشبيك",
    "المرحلة الأولى: التوافق على الرؤية",
    "ميثاق الشبكة",
    "المرحلة الثانية: تنظيم السير الداخلي للشبكة",
    "المرحلة الثالثة: تحديد الأنشطة التي تستجيب للأهداف والاحتياجات",
    "المرحلة الرابعة: رصد الموارد",
    "مواصفات منشط الشبكة",
    "آليات تنشيط الشبكة",
    "المخاطر والتحديات التي تواجه الشبكات أثناء تنشيطها",
    "أولًا: مخاطر انحراف الشبكة",
    "ثانيًا: استباق المخاطر",
]

# Sentences of the seed that must appear verbatim (after whitespace normalisation) in a page body.
SEED_SENTENCES = {
    "definition": [
        "الشبكة هي مجموعة من الأشخاص أو الجمعيات الذين يتبادلون بصفة إرادية معلومات ويقومون بأنشطة وبرامج"
        " مشتركة بدون أن تمس استقلالية كل طرف.",
        "من هذا التعريف نستخلص العناصر الأساسية لتشكيل الشبكة وهي:",
    ],
    "types": [
        "تضم الأفراد أو الجمعيات التي تعمل في مستويات مختلفة، وهذا النوع يتوافق مع الشبكات الموضوعاتية.",
        "المواضيع التي تجمع أعضاء الشبكة سواء كانت عمودية أو أفقية.",
    ],
    "importance": ["زيادة قوة التأثير على تسيير الشأن العام"],
    "stage-vision": [
        "عملية تحديد الرؤية تهم جميع أطراف الشبكة، لهذا فإن صياغة الأهداف يجب أن تكون بطريقة تشاركية، وبمساهمة"
        " أكبر عدد ممكن من الأعضاء والشركاء وحتى الخبراء.",
        "في ختام هذه المرحلة يُعِدّ المؤسسون للشبكة ميثاقًا مفصلًا ويصادقون عليه.",
    ],
    "stage-organisation": ["تحديد المسؤوليات بدقة: من يُسيِّر، وكيف يُعيَّن أو يُنتخَب، وأخيرًا طرق التجديد"],
    "stage-activities": ["ويمكن أن تُسطَّر هذه الأنشطة في برنامج سنوي يتم التصديق عليه في الجمعية العامة العادية للشبكة."],
    "stage-resources": [
        "وعند الحديث عن الموارد فإننا نقصد الموارد المادية من أموال ووسائل، والموارد البشرية من خبرات وكفاءات"
        " وعلاقات، والتي يجب أن يتم استثمارها جيدًا أثناء تنفيذ أنشطة الشبكة.",
        "**الموارد اللازمة**",
        "**قوة الشبكة**",
    ],
    "animator-qualities": ["لنجاح عملية التنشيط يجب أن تتوفر في المنشط بعض المواصفات التالية:"],
    "animation-coordinator": [
        "يُقصد بتنشيط الشبكة عملية التنسيق بين أعضاء الشبكة، وكذا التسيير الروتيني للشبكة داخليًا وخارجيًا.",
        "وقد يكون فردًا أو جمعية أو هيئة حكومية تُوكَل إليه بالتوافق مهمة تنشيط الشبكة.",
    ],
    "animation-mechanisms": ["إعداد وتنفيذ إستراتيجية إعلامية خاصة بالشبكة ومستقلة عن أعضائها"],
    "risks": [
        "يُعتبر العمل في شبكات أسلوبًا احترافيًا في العمل الجمعي، يتطلب التخطيط الجيد ورصد الموارد الكافية"
        " والتنسيق الحسن بين مختلف مكونات الشبكة، لذا، ولضمان جودة في الأداء واستمرارية في العمل، يجب التنويه"
        " إلى بعض المخاطر والتحديات التي تواجه الشبكات أثناء تنشيطها.",
    ],
}

EXPECTED_PAGES = {
    "concepts": ["definition", "types", "importance"],
    "founding": ["stage-vision", "stage-organisation", "stage-activities", "stage-resources"],
    "animation": ["animator-qualities", "animation-coordinator", "animation-mechanisms", "risks"],
}


def norm(text: str) -> str:
    return " ".join(str(text).split())


def load(rel: str):
    return yaml.safe_load((COURSE_DIR / rel).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def course():
    return load("course.yaml")


@pytest.fixture(scope="module")
def modules(course):
    return [load(rel) for rel in course["modules"]]


@pytest.fixture(scope="module")
def assessment(course):
    return load(course["assessment"])


def text_of(page: dict) -> str:
    """A page's Markdown as one text: its body, then its blocks (docs/course-format.md, "Page blocks"), each
    section of an accordion, tabs or steps under its title as a heading, as the seed wrote them."""
    parts = [page.get("body", "")]
    for block in page.get("blocks", []):
        if "items" in block:
            parts += [f"# {item.get('title', item.get('front'))}\n\n{item.get('body', item.get('back'))}"
                      for item in block["items"]]
        else:
            parts.append(block["body"])
    return "\n\n".join(part.strip("\n") for part in parts if part) + "\n"


@pytest.fixture(scope="module")
def pages(course, modules):
    """Every page of the course (module pages, then the closing page), by id; `body` holds its whole text
    (text_of), the blocks it is made of stay in `blocks`."""
    result = {}
    for module in modules:
        for page in module["pages"]:
            result[page["id"]] = {**page, "body": text_of(page)}
    result[course["closing"]["id"]] = {**course["closing"], "body": text_of(course["closing"])}
    return result


@pytest.fixture(scope="module")
def quizzes(modules, assessment):
    return [m["quiz"] for m in modules] + [assessment]


def body_of_list(body: str, heading: str) -> list[str]:
    """The '- ' items of the list that follows `heading` in a Markdown body (until the next heading)."""
    lines = body.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("#") and line.lstrip("# ").strip() == heading)
    items = []
    for line in lines[start + 1:]:
        if line.startswith("#"):
            break
        if line.startswith("- "):
            items.append(line[2:].strip())
    return items


def headings(body: str) -> list[str]:
    """The texts of the ATX headings of a Markdown body."""
    return [m.group(2).strip() for m in re.finditer(r"^(#{1,6}) +(.+?) *#*$", body, re.M)]


# ---- files and course ----

@pytest.mark.parametrize("rel", ["course.yaml", "assessment.yaml"] + MODULE_FILES)
def test_schema_line(rel):
    first = (COURSE_DIR / rel).read_text(encoding="utf-8").splitlines()[0]
    prefix = "../" if rel.startswith("modules/") else ""
    assert first == f"# yaml-language-server: $schema={prefix}course.schema.json"


def test_course_metadata(course):
    assert course["id"] == "networking-collective-work"
    assert course["version"] == "1.0.0"
    assert course["language"] == "ar"
    assert course["title"] == "التشبيك في العمل الجماعي"
    assert course["organisation"] == "المركز الوطني للمجتمع المدني"
    assert "كفاءات +" in course["platform"]
    assert course["authors"] == [{"name": "جمال بوشبوط", "role": "المدرّب"}]
    assert course["pass_mark"] == 70
    assert course["modules"] == MODULE_FILES
    assert course["assessment"] == "assessment.yaml"
    assert course["closing"]["id"] == "summary"
    assert norm(course["description"]) == norm(
        "ستتطرق هذه الدورة إلى موضوع التشبيك في العمل الجماعي وأهميته، وذلك بإبراز أهم المفاهيم المرتبطة"
        " بشبكة الجمعيات وفوائدها، وكذا بشرح آليات تأسيس الشبكة وكيفية تنشيطها وضمان ديمومتها.")
    assert [norm(o) for o in course["objectives"]] == [
        "آليات تنشيط وتقييم الشبكات في العمل الجمعي.",
        "الاطلاع على منهجية بناء الشبكة.",
        "التمكن من فهم دقيق للتشبيك وأهدافه وفوائده.",
    ]
    intro = norm(course["intro"]["body"])
    for axis in ("المحور 1: الإطار المفاهيمي للتشبيك", "المحور 2: تأسيس الشبكة",
                 "المحور 3: آليات تنشيط وتسيير وتقييم الشبكة"):
        assert axis in intro


def test_three_modules(modules):
    assert [m["id"] for m in modules] == ["concepts", "founding", "animation"]
    assert [m["title"] for m in modules] == [
        "المحور الأول: الإطار المفاهيمي للتشبيك",
        "المحور الثاني: تأسيس الشبكة",
        "المحور الثالث: آليات تنشيط وتسيير وتقييم الشبكة",
    ]
    assert [[norm(o) for o in m["objectives"]] for m in modules] == [
        ["التمكن من فهم دقيق للتشبيك وأهدافه وفوائده"],
        ["الإلمام بمنهجية بناء الشبكة"],
        ["فهم آليات تنشيط وتقييم الشبكات."],
    ]
    for m in modules:
        assert [p["id"] for p in m["pages"]] == EXPECTED_PAGES[m["id"]]
        for page in m["pages"]:
            assert isinstance(page["title"], str) and page["title"].strip()
            assert isinstance(page["title"], str) and text_of(page).strip()


# ---- ids ----

def test_ids_are_slugs_and_unique(course, modules, quizzes):
    assert SLUG.match(course["id"])
    nav_ids = ["home"]  # reserved for the home page
    for m in modules:
        nav_ids.append(m["id"])
        nav_ids.extend(p["id"] for p in m["pages"])
    nav_ids.append(course["closing"]["id"])
    nav_ids.extend(q["id"] for q in quizzes)
    for value in nav_ids:
        assert SLUG.match(value), value
    assert len(nav_ids) == len(set(nav_ids)), "module, page and quiz ids must all differ"
    assert [q["id"] for q in quizzes] == ["concepts-quiz", "founding-quiz", "animation-quiz", "final"]
    for quiz in quizzes:
        qids = [q["id"] for q in quiz["questions"]]
        assert len(qids) == len(set(qids)), quiz["id"]
        for qid in qids:
            assert SLUG.match(qid), qid


def test_question_id_pattern(modules, assessment):
    for m in modules:
        assert [q["id"] for q in m["quiz"]["questions"]] == [f"q{i}" for i in range(1, len(m["quiz"]["questions"]) + 1)]
    assert [q["id"] for q in assessment["questions"]] == [f"f{i}" for i in range(1, len(assessment["questions"]) + 1)]


# ---- quizzes ----

def test_module_quizzes(modules):
    for m in modules:
        quiz = m["quiz"]
        assert quiz["attempts"] == 0
        assert quiz["show_answers"] is True
        assert len(quiz["questions"]) >= 6, quiz["id"]
        assert len({q["type"] for q in quiz["questions"]}) >= 4, quiz["id"]


def test_assessment(assessment, pages):
    assert assessment["id"] == "final"
    assert assessment["title"] == "التقييم النهائي"
    assert assessment["draw"] == 12
    assert assessment["pass_mark"] == 70
    assert assessment["attempts"] == 3
    questions = assessment["questions"]
    assert len(questions) >= 24
    assert len({q["type"] for q in questions}) >= 4
    # the pool covers the three axes
    for page_ids in EXPECTED_PAGES.values():
        assert sum(q["see"] in page_ids for q in questions) >= 6


def test_every_page_is_quizzed(modules, assessment):
    seen = {q["see"] for m in modules for q in m["quiz"]["questions"]} | {q["see"] for q in assessment["questions"]}
    for page_ids in EXPECTED_PAGES.values():
        for pid in page_ids:
            assert pid in seen, pid


def test_questions_are_well_formed(quizzes, pages):
    for quiz in quizzes:
        for q in quiz["questions"]:
            where = f"{quiz['id']}/{q['id']}"
            assert q["type"] in QUESTION_TYPES, where
            assert isinstance(q["prompt"], str) and q["prompt"].strip(), where
            feedback = q.get("feedback")
            texts = [feedback] if isinstance(feedback, str) else list((feedback or {}).values())
            assert texts and all(isinstance(t, str) and t.strip() for t in texts), f"{where}: feedback"
            title = pages[q["see"]]["title"] if q.get("see") in pages else None
            assert title is not None, f"{where}: see names no page"
            assert any("«" in t and "»" in t for t in texts), f"{where}: feedback names no section"

            kind = q["type"]
            if kind in CHOICE_TYPES:
                choices = q["choices"]
                assert 2 <= len(choices) <= 26, where
                ids = [c["id"] if isinstance(c, dict) and "id" in c else LETTERS[i] for i, c in enumerate(choices)]
                assert len(ids) == len(set(ids)), where
                texts = [c["text"] if isinstance(c, dict) else c for c in choices]
                assert all(isinstance(t, str) and t.strip() for t in texts), where
                assert len(texts) == len(set(texts)), where
                correct = q["correct"]
                if kind == "single":
                    assert isinstance(correct, str) and correct in ids, where
                else:
                    assert isinstance(correct, list) and correct, where
                    assert len(correct) == len(set(correct)), where
                    assert all(c in ids for c in correct), where
                    assert len(correct) < len(ids), f"{where}: a multiple question needs a wrong choice"
            elif kind == "true-false":
                assert isinstance(q["correct"], bool), where
            elif kind == "fill-in":
                answers = q["answers"]
                assert answers and len(answers) == len(set(answers)), where
                assert all(isinstance(a, str) and a.strip() and len(a) <= 80 for a in answers), where
                assert "______" in q["prompt"], where
            elif kind == "matching":
                pairs = q["pairs"]
                assert 2 <= len(pairs) <= 10, where
                assert all(isinstance(p["left"], str) and isinstance(p["right"], str) for p in pairs), where
                assert len({p["left"] for p in pairs}) == len(pairs), where
                assert len({p["right"] for p in pairs}) == len(pairs), where
            elif kind == "ordering":
                items = q["items"]
                assert 2 <= len(items) <= 10 and len(items) == len(set(items)), where
            for key in ("choices", "correct", "answers", "pairs", "items"):
                allowed = {
                    "single": {"choices", "correct"}, "multiple": {"choices", "correct"},
                    "true-false": {"correct"}, "fill-in": {"answers"}, "numeric": {"correct"},
                    "matching": {"pairs"}, "ordering": {"items"},
                }[kind]
                assert key in allowed or key not in q, f"{where}: '{key}' does not apply to {kind}"


def test_feedback_reads_right_whether_the_answer_was_right_or_wrong(quizzes):
    """One feedback text is shown after a right and after a wrong answer: it must not open with a verdict
    ('خطأ' / 'صحيح') that a learner would read as a judgement of their own answer."""
    for quiz in quizzes:
        for q in quiz["questions"]:
            if isinstance(q["feedback"], str):
                assert not re.match(r"\s*(خطأ|صحيح|خاطئ)", q["feedback"]), f"{quiz['id']}/{q['id']}"


def test_right_and_wrong_feedback_apart(quizzes):
    """A right answer is confirmed, never sent back to a page; a wrong one names the page to review."""
    for quiz in quizzes:
        for q in quiz["questions"]:
            where = f"{quiz['id']}/{q['id']}"
            assert set(q["feedback"]) == {"correct", "incorrect"}, where
            assert "راجع" not in q["feedback"]["correct"], where
            assert q["feedback"]["incorrect"].startswith("راجع "), where


def test_module_quizzes_ask_every_question_in_a_new_order(modules):
    for m in modules:
        assert m["quiz"]["draw"] == len(m["quiz"]["questions"]), m["id"]


def test_no_question_asked_twice_and_no_hint_the_player_gives(quizzes):
    prompts = [norm(q["prompt"]) for quiz in quizzes for q in quiz["questions"]]
    assert len(prompts) == len(set(prompts))
    for quiz in quizzes:
        for q in quiz["questions"]:
            assert "اختر كل" not in q["prompt"], f"{quiz['id']}/{q['id']}"


def test_single_choice_keys_at_varied_places(quizzes):
    for quiz in quizzes:
        keys = [q["correct"] for q in quiz["questions"] if q["type"] == "single"]
        assert max(keys.count(k) for k in set(keys)) < 0.8 * len(keys), quiz["id"]


def test_true_false_balance(quizzes):
    values = [q["correct"] for quiz in quizzes for q in quiz["questions"] if q["type"] == "true-false"]
    assert True in values and False in values


# ---- faithfulness to the seed ----

def test_seed_headings_present(pages):
    texts = [norm(p["title"]) + "\n" + norm(p["body"]) for pid, p in pages.items() if pid != "summary"]
    for heading in SEED_HEADINGS:
        assert any(heading in t for t in texts), heading


def test_seed_sentences_verbatim(pages):
    for pid, sentences in SEED_SENTENCES.items():
        body = norm(pages[pid]["body"])
        for sentence in sentences:
            assert norm(sentence) in body, f"{pid}: {sentence}"


def test_lists_of_the_seed(pages):
    definition = pages["definition"]["body"]
    assert len(re.findall(r"^\d+\. ", definition, re.M)) == 4
    importance = pages["importance"]["body"]
    assert len(re.findall(r"^\d+\. ", importance, re.M)) == 3
    types = pages["types"]["body"]
    for criterion in ("أ- معيار المستوى", "ب- المعيار الجغرافي", "ج- معيار الهدف", "د- معيار المواضيع المعتمدة",
                      "هـ- معيار الشكل القانوني"):
        assert criterion in headings(types), criterion
    # the four procedures of the first stage, in order, as numbered steps (a steps block)
    steps = [b for b in pages["stage-vision"]["blocks"] if b["type"] == "steps"]
    assert [item["title"] for item in steps[0]["items"]] == [
        "التحليل الجيد للواقع", "مشاركة الجميع", "الوضوح والدقة", "المرونة"]
    assert len(re.findall(r"^\d+\. ", pages["stage-organisation"]["body"], re.M)) == 5
    assert len(re.findall(r"^\d+\. ", pages["animator-qualities"]["body"], re.M)) == 5
    assert len(re.findall(r"^\d+\. ", pages["animation-mechanisms"]["body"], re.M)) == 11
    # the 11 mechanisms, numbered through, in an accordion of three groups
    assert [b["type"] for b in pages["animation-mechanisms"]["blocks"]] == ["accordion"]


def test_risks_order_and_items(pages):
    body = pages["risks"]["body"]
    first, second = body.index("أولًا: مخاطر انحراف الشبكة"), body.index("ثانيًا: استباق المخاطر")
    assert first < second, "أولًا comes before ثانيًا"
    drift = body_of_list(body, "أولًا: مخاطر انحراف الشبكة")
    assert drift[-1] == "تدخل المعاملات في التسيير"
    assert len(drift) == 8
    assert body_of_list(body, "ثانيًا: استباق المخاطر") == [
        "تجديد الوسائل", "صيانة المصداقية", "إشراك المستفيدين", "التقييم والمتابعة",
        "التكليف والتفويض وتقاسم المهام والأعباء",
    ]


def test_heading_levels_do_not_skip(course, pages):
    """The page title is the page's top heading: body headings start one level below and never skip a level."""
    for pid, page in list(pages.items()) + [("intro", course["intro"])]:
        levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) ", page["body"], re.M)]
        for before, after in zip([0] + levels, levels):
            assert after <= before + 1, f"{pid}: heading level {after} after {before}"


def test_no_extraction_leftovers(course, pages):
    texts = [p["body"] for p in pages.values()] + [course["description"], course["intro"]["body"]]
    for text in texts:
        assert "•" not in text
        assert not re.search(r" [,،.:;]", text), re.search(r".{0,20} [,،.:;].{0,20}", text)
        for line in text.splitlines():
            if re.match(r"\s*(- |\d+\. )", line):
                assert not line.rstrip().endswith(("،", ",")), line


def test_the_built_package_carries_every_seed_heading(tmp_path):
    """`scorm-builder build course/` succeeds, and the learner's page holds each section heading of the seed."""
    import html as html_lib
    import re
    import zipfile

    from scorm_builder import build

    package = build(COURSE_DIR, tmp_path).packages[0]
    with zipfile.ZipFile(package) as zf:
        page = zf.read("index.html").decode("utf-8")
    text = norm(html_lib.unescape(re.sub(r"<[^>]+>", "", page)))
    for heading in SEED_HEADINGS:
        assert heading in text, heading
