// node --test tests/js/: the Moodle 5.0 grading and completion rules of the preview (templates/preview/moodle-result.js)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const M = require("../../templates/preview/moodle-result.js");

const S = (settings) => Object.assign({}, M.DEFAULTS, settings);
const sco = (status, raw) => Object.assign({"cmi.core.lesson_status": status}, raw === undefined ? {} : {"cmi.core.score.raw": raw});

test("one attempt: highest grade is the score; a raw score of 0 gives no value", () => {
  assert.equal(M.userGrade({1: {a: sco("passed", "88")}}, S({})), 88);
  assert.equal(M.userGrade({1: {a: sco("failed", "0")}}, S({})), 0);
  assert.equal(M.userGrade({1: {}}, S({})), null);   // nothing stored: no grade yet
  // incomplete without a score does not reach the gradebook
  assert.equal(M.userGrade({1: {a: sco("incomplete")}}, S({})), null);
  assert.equal(M.userGrade({1: {a: sco("completed")}}, S({})), 0);
});

test("grading methods over several SCOs", () => {
  const attempt = {a: sco("completed"), b: sco("passed", "80"), c: sco("failed", "40"), d: sco("failed", "0")};
  assert.equal(M.attemptGrade(attempt, "highest"), 80);
  assert.equal(M.attemptGrade(attempt, "average"), 60);     // (80 + 40) / 2: the 0 is left out
  assert.equal(M.attemptGrade(attempt, "sum"), 120);
  assert.equal(M.attemptGrade(attempt, "scoes"), 2);        // completed + passed
  assert.equal(M.gradeMax(S({grademethod: "scoes"}), 4), 4);
  assert.equal(M.gradeMax(S({}), 4), 100);
});

test("attempts grading: highest, average, first, last completed", () => {
  const attempts = {1: {a: sco("failed", "40")}, 2: {a: sco("passed", "90")}, 3: {a: sco("incomplete", "50")}};
  assert.equal(M.userGrade(attempts, S({whatgrade: "highest"})), 90);
  assert.equal(M.userGrade(attempts, S({whatgrade: "average"})), 60);
  assert.equal(M.userGrade(attempts, S({whatgrade: "first"})), 40);
  assert.equal(M.userGrade(attempts, S({whatgrade: "last"})), 90);   // attempt 3 is not completed or passed
  assert.equal(M.userGrade(attempts, S({whatgrade: "highest", maxattempt: 1})), 40);
  // average counts only the attempts that stored a score, but sums them all
  assert.equal(M.userGrade({1: {a: sco("incomplete")}, 2: {a: sco("passed", "80")}}, S({whatgrade: "average"})), 80);
});

test("completion rules: status bits, minimum score, all SCOs, failed when no attempt is left", () => {
  const keys = ["a", "b"];
  let c = M.completion({1: {a: sco("passed", "75")}}, S({completionStatus: "passed"}), keys);
  assert.equal(c.state, "complete");
  c = M.completion({1: {a: sco("passed", "75")}}, S({completionStatus: "both"}), keys);
  assert.equal(c.state, "incomplete");       // passed and completed are both required
  c = M.completion({1: {a: sco("passed"), b: sco("completed")}}, S({completionStatus: "both"}), keys);
  assert.equal(c.state, "complete");
  c = M.completion({1: {a: sco("failed", "60")}}, S({completionScore: 70}), keys);
  assert.equal(c.state, "incomplete");
  c = M.completion({1: {a: sco("failed", "60")}}, S({completionScore: 70, maxattempt: 1}), keys);
  assert.equal(c.state, "failed");
  c = M.completion({1: {a: sco("passed")}}, S({completionAllScos: true}), keys);
  assert.equal(c.state, "incomplete");
  assert.equal(M.completion({1: {a: sco("passed")}}, S({}), keys).state, "none");
});

test("entering again: review once done, new attempt when forced, always a new attempt with 'Always'", () => {
  const keys = ["a"];
  const done = {1: {a: sco("passed", "90")}}, open = {1: {a: sco("incomplete")}};
  assert.deepEqual(M.enter(open, 1, S({}), keys), {attempt: 1, mode: "normal", newAttempt: false});
  assert.deepEqual(M.enter(done, 1, S({}), keys), {attempt: 1, mode: "review", newAttempt: false});
  assert.deepEqual(M.enter(done, 1, S({}), keys, true), {attempt: 2, mode: "normal", newAttempt: true});
  assert.deepEqual(M.enter(done, 1, S({maxattempt: 1}), keys, true), {attempt: 1, mode: "review", newAttempt: false});
  assert.deepEqual(M.enter(done, 1, S({forcenewattempt: "oncomplete"}), keys), {attempt: 2, mode: "normal", newAttempt: true});
  assert.deepEqual(M.enter(open, 1, S({forcenewattempt: "oncomplete"}), keys), {attempt: 1, mode: "normal", newAttempt: false});
  assert.deepEqual(M.enter(open, 1, S({forcenewattempt: "always"}), keys), {attempt: 2, mode: "normal", newAttempt: true});
  assert.deepEqual(M.enter({1: {}}, 1, S({forcenewattempt: "always"}), keys), {attempt: 1, mode: "normal", newAttempt: false});
});

test("result: statuses of the current attempt, attempts left", () => {
  const r = M.result({1: {a: sco("failed", "40")}, 2: {a: sco("passed", "88")}}, 2, {maxattempt: 3}, ["a"]);
  assert.equal(r.grade, 88);
  assert.deepEqual(r.statuses, ["passed"]);
  assert.equal(r.attemptsMade, 2);
  assert.equal(r.attemptsLeft, 1);
  assert.equal(r.done, true);
});
