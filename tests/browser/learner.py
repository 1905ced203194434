"""A learner in a launch page: goes from page to page, answers each question type right or wrong from the page's
#sb-data block, submits and reads the result, through the DOM conventions of docs/runtime.md.

The launch page is a Playwright Page (opened at the top of a tab) or a Frame (the SCO in an LMS's
iframe#scorm_object). Waits use selectors only, never wait_for_function, which the preview's CSP forbids.
"""
from __future__ import annotations

SHOWN = "section.sb-page:not([hidden])"
SCORM_TYPE = {"single": "choice", "multiple": "choice", "true-false": "true-false", "fill-in": "fill-in",
              "numeric": "numeric", "matching": "matching", "ordering": "sequencing"}
WRONG_TEXT = "nothing like it"


class Learner:
    def __init__(self, target):
        """target: a Playwright Page (driven through its main frame) or Frame."""
        self.frame = getattr(target, "main_frame", target)
        self.page = self.frame.page
        self._data = None

    @property
    def data(self) -> dict:
        """The #sb-data block (read once)."""
        if self._data is None:
            self._data = self.frame.evaluate("JSON.parse(document.getElementById('sb-data').textContent)")
        return self._data

    @property
    def storage_key(self) -> str:
        """The localStorage key of SB.lms's data in standalone mode."""
        return f"sb-lms:{self.data['course']['id']}/{self.data['sco']['id']}"

    @property
    def nav(self) -> list[str]:
        """The page ids, in navigation order."""
        return [entry["id"] for entry in self.data["nav"]]

    # ---------------------------------------------------------------- pages

    def wait_ready(self) -> None:
        """Wait until the runtime shows a page (every section is hidden until it does)."""
        self.frame.wait_for_selector(SHOWN, state="attached")

    def visible(self) -> list[str]:
        return self.frame.eval_on_selector_all(SHOWN, "s => s.map(x => x.dataset.page)")

    def current(self) -> str | None:
        """The page shown, None if there is none (after exit)."""
        shown = self.visible()
        return shown[0] if shown else None

    def section(self, page_id: str):
        return self.frame.locator(f'section.sb-page[data-page="{page_id}"]')

    def wait_page(self, page_id: str) -> None:
        self.frame.wait_for_selector(f'section.sb-page[data-page="{page_id}"]:not([hidden])', state="attached")

    def go(self, page_id: str) -> None:
        """Click the page's link in the table of contents (dispatch the click when the contents are folded away);
        the page, and it alone, is shown."""
        link = self.frame.locator(f'#sb-toc a[data-page="{page_id}"]')
        if link.is_visible():
            link.click()
        else:
            link.dispatch_event("click")
        self.wait_page(page_id)
        assert self.visible() == [page_id]

    def next(self) -> str:
        """Click #sb-next; returns the page it leads to."""
        target = self.nav[self.nav.index(self.current()) + 1]
        self.frame.click("#sb-next")
        self.wait_page(target)
        return target

    def notice(self) -> str:
        """The text of #sb-notice ("" when hidden)."""
        return self.frame.evaluate(
            "(() => { const n = document.getElementById('sb-notice'); return n && !n.hidden ? n.textContent : ''; })()")

    # ---------------------------------------------------------------- quizzes

    def quiz(self, quiz_id: str) -> dict:
        return self.data["quizzes"][quiz_id]

    def quiz_page(self, quiz_id: str) -> str:
        return next(entry["id"] for entry in self.data["nav"] if entry.get("quiz") == quiz_id)

    def question(self, quiz_id: str, qid: str) -> dict:
        return next(q for q in self.quiz(quiz_id)["questions"] if q["id"] == qid)

    def box(self, quiz_id: str):
        return self.frame.locator(f'div.sb-quiz[data-quiz="{quiz_id}"]')

    def fieldset(self, quiz_id: str, qid: str):
        return self.box(quiz_id).locator(f'fieldset[data-question="{qid}"]')

    def drawn(self, quiz_id: str) -> list[str]:
        """The ids of the questions shown, in their order."""
        return self.box(quiz_id).locator("fieldset[data-question]").evaluate_all(
            "f => f.map(x => x.dataset.question)")

    def answer(self, quiz_id: str, qid: str, right: bool = True) -> dict:
        """Answer one question right or wrong; returns the interaction SB.lms should record for it:
        type, student_response, pattern, result, weighting."""
        q, fs = self.question(quiz_id, qid), self.fieldset(quiz_id, qid)
        kind = q["type"]
        if kind in ("single", "multiple"):
            ids = q["correct"] if right else [next(c["id"] for c in q["choices"] if c["id"] not in q["correct"])]
            for cid in ids:
                fs.locator(f'input[value="{cid}"]').check()
            response = choice_keys(q, ids)
        elif kind == "true-false":
            value = bool(q["correct"]) == right
            fs.locator(f'input[value="{"true" if value else "false"}"]').check()
            response = "t" if value else "f"
        elif kind == "fill-in":
            response = q["answers"][0] if right else WRONG_TEXT
            fs.locator("input[type=text]").fill(response)
        elif kind == "numeric":
            response = number(q["correct"] if right else q["correct"] + 100)
            fs.locator("input[inputmode=decimal]").fill(response)
        elif kind == "matching":
            rights = [p["rightKey"] for p in q["pairs"]]
            if not right:
                rights = rights[1:] + rights[:1]
            for p, key in zip(q["pairs"], rights):
                fs.locator(f'select[data-left="{p["key"]}"]').select_option(key)
            response = ",".join(f'{p["key"]}.{key}' for p, key in zip(q["pairs"], rights))
        elif kind == "ordering":
            keys = [i["key"] for i in q["items"]]
            if not right:
                keys = keys[::-1]
            self.reorder(quiz_id, qid, keys)
            response = ",".join(keys)
        else:
            raise AssertionError(f"no way to answer a {kind} question")
        return {"type": SCORM_TYPE[kind], "student_response": response, "pattern": pattern(q),
                "result": "correct" if right else "wrong", "weighting": q.get("weight", 1)}

    def answer_quiz(self, quiz_id: str, right: bool | dict[str, bool] = True,
                    only: list[str] | None = None) -> dict[str, dict]:
        """Answer the drawn questions (or those of them in `only`), right or wrong (per question id if `right` is a
        dict, right for those it leaves out); returns the expected interactions by question id."""
        return {qid: self.answer(quiz_id, qid, right.get(qid, True) if isinstance(right, dict) else right)
                for qid in self.drawn(quiz_id) if only is None or qid in only}

    def order(self, quiz_id: str, qid: str) -> list[str]:
        """The item keys of an ordering question, as listed."""
        return self.fieldset(quiz_id, qid).locator("li[data-key]").evaluate_all("l => l.map(x => x.dataset.key)")

    def reorder(self, quiz_id: str, qid: str, keys: list[str]) -> None:
        """Put an ordering question's items in this order with their up buttons."""
        for pos, key in enumerate(keys):
            while self.order(quiz_id, qid).index(key) > pos:
                self.fieldset(quiz_id, qid).locator(f'li[data-key="{key}"] button[data-move=up]').click()
        assert self.order(quiz_id, qid) == keys

    def submit(self, quiz_id: str) -> tuple[int, bool]:
        self.box(quiz_id).locator("[data-action=submit]").click()
        return self.result(quiz_id)

    def result(self, quiz_id: str) -> tuple[int, bool]:
        """(data-score, data-passed) of the quiz's result, once shown."""
        res = self.box(quiz_id).locator("[data-result]")
        res.wait_for(state="attached")
        passed = {"true": True, "false": False}[res.get_attribute("data-passed")]
        return int(res.get_attribute("data-score")), passed

    def retry(self, quiz_id: str) -> None:
        self.box(quiz_id).locator("[data-action=retry]").first.click()
        self.box(quiz_id).locator("[data-action=submit]").wait_for(state="attached")

    # ---------------------------------------------------------------- paths

    def walk(self, quizzes: dict[str, bool] | None = None) -> dict[str, dict[str, dict]]:
        """Go through every page with #sb-next from the first; at each quiz, answer every question (right unless
        `quizzes` says False) and submit once. Returns {quiz id: expected interactions by question id}."""
        quizzes = quizzes or {}
        done = {}
        if self.current() != self.nav[0]:
            self.go(self.nav[0])
        for i, entry in enumerate(self.data["nav"]):
            if i:
                self.next()
            if entry.get("quiz"):
                done[entry["quiz"]] = self.answer_quiz(entry["quiz"], quizzes.get(entry["quiz"], True))
                self.submit(entry["quiz"])
        return done

    def fail_all(self, after_attempt=None) -> tuple[dict[str, int], list[tuple[str, dict]]]:
        """Go through every page from the first; answer each unscored quiz right and submit it; fail every attempt
        of each scoring quiz (one question right) and check no retry is left. `after_attempt(quiz, n, attempts)`
        runs after each failed attempt. Returns the best score by scoring quiz and every (quiz, interactions)
        submitted, in order."""
        data = self.data
        scoring = data["scoring"]["quizzes"]
        scores, submissions = {}, []
        for i, entry in enumerate(data["nav"]):
            if i:
                self.next()
            qz = entry.get("quiz")
            if not qz:
                continue
            if qz not in scoring:
                submissions.append((qz, self.answer_quiz(qz, True)))
                self.submit(qz)
                continue
            attempts = data["quizzes"][qz]["attempts"]
            assert attempts, "the fail path needs a scoring quiz with limited attempts"
            for n in range(attempts):
                if n:
                    self.retry(qz)
                first = self.drawn(qz)[0]
                submissions.append((qz, self.answer_quiz(qz, {qid: qid == first for qid in self.drawn(qz)})))
                score, passed = self.submit(qz)
                assert not passed
                scores[qz] = max(scores.get(qz, 0), score)
                if after_attempt:
                    after_attempt(qz, n, attempts)
            assert self.box(qz).locator("[data-action=retry]").count() == 0
        return scores, submissions


def choice_keys(q: dict, ids: list[str]) -> str:
    """The student_response of a choice question: the keys of these choices, sorted, comma-separated."""
    return ",".join(sorted(c["key"] for c in q["choices"] if c["id"] in ids))


def number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def pattern(q: dict) -> str:
    """The correct_responses pattern SB.lms writes for a question (docs/runtime.md)."""
    kind = q["type"]
    if kind in ("single", "multiple"):
        return choice_keys(q, q["correct"])
    if kind == "true-false":
        return "t" if q["correct"] else "f"
    if kind == "fill-in":
        return q["answers"][0]
    if kind == "numeric":
        return number(q["correct"])
    if kind == "matching":
        return ",".join(f'{p["key"]}.{p["rightKey"]}' for p in q["pairs"])
    return ",".join(i["key"] for i in q["items"])
