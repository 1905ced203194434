// Saved progress read back from the LMS (SB.answers.resume, templates/static/sb-answers.js; docs/runtime.md,
// "What is read back"): what is broken starts clean for its part only, and what is kept is always sane.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const {resume} = require("../../templates/static/sb-answers.js");

// A course's JSON block, cut down to what resume() reads: nav and quizzes (one of each question type)
const DATA = {
  nav: ["home", "intro", "steps", "practice", "final"].map((id) => ({id})),
  quizzes: {
    practice: {id: "practice", attempts: 0, questions: [
      {id: "tf", type: "true-false"},
      {id: "fill", type: "fill-in"},
      {id: "num", type: "numeric"},
      {id: "match", type: "matching"},
      {id: "order", type: "ordering"}
    ]},
    final: {id: "final", attempts: 3, questions: [
      // choices with ids of their own, and one without (its id is its key)
      {id: "one", type: "single", choices: [{id: "cable", key: "a"}, {id: "wifi", key: "b"}, {id: "c", key: "c"}]},
      {id: "many", type: "multiple", choices: [{id: "x", key: "a"}, {id: "y", key: "b"}, {id: "z", key: "c"}]}
    ]}
  }
};

// What the runtime writes after a learner saw three pages, submitted the final test twice and answered two
// practice questions
function good() {
  return {
    v: 1, l: "final", p: ["home", "intro", "final"],
    q: {
      final: {n: 2, b: 50, s: 50, f: 1, d: ["one", "many"], r: {one: "wifi", many: "x,z"}},
      practice: {n: 0, b: 0, s: -1, f: 0, d: ["tf", "fill", "num", "match", "order"], r: {tf: "t", fill: "routeur"}}
    }
  };
}

const read = (value) => resume(typeof value === "string" ? value : JSON.stringify(value), DATA);

// The invariants of any state resume() gives, whatever it was given
function assertSane(out) {
  assert.deepStrictEqual(Object.keys(out).sort(), ["broken", "pages", "quizzes"]);
  for (const id of Object.keys(out.pages)) assert.ok(DATA.nav.some((p) => p.id === id), id);
  for (const [id, st] of Object.entries(out.quizzes)) {
    const quiz = DATA.quizzes[id], max = quiz.attempts || 9999, ids = quiz.questions.map((q) => q.id);
    assert.ok(quiz, id);
    assert.ok(Number.isInteger(st.attemptsUsed) && st.attemptsUsed >= 0 && st.attemptsUsed <= max, st.attemptsUsed);
    assert.ok(!st.submitted || st.attemptsUsed >= 1);
    assert.ok(st.submitted || st.attemptsUsed < max, "an open attempt leaves one to submit");
    assert.ok(Number.isInteger(st.bestScore) && st.bestScore >= 0 && st.bestScore <= 100);
    assert.ok(Number.isInteger(st.lastScore) && st.lastScore >= -1 && st.lastScore <= 100);
    assert.strictEqual(typeof st.submitted, "boolean");
    assert.ok(st.drawn.every((q) => ids.includes(q)) && new Set(st.drawn).size === st.drawn.length);
    for (const [q, r] of Object.entries(st.responses)) assert.ok(st.drawn.includes(q) && typeof r === "string" && r, q);
  }
}

test("nothing saved: nothing to restore, nothing to say", () => {
  assert.deepStrictEqual(resume("", DATA), {pages: {}, quizzes: {}, broken: []});
});

test("what the runtime writes is restored whole", () => {
  const out = read(good());
  assert.deepStrictEqual(out.broken, []);
  assert.deepStrictEqual(out.pages, {home: true, intro: true, final: true});
  assert.deepStrictEqual(out.quizzes.final, {attemptsUsed: 2, bestScore: 50, lastScore: 50, submitted: true,
    drawn: ["one", "many"], responses: {one: "b", many: "a,c"}});  // choice ids -> the page's keys
  assert.deepStrictEqual(out.quizzes.practice, {attemptsUsed: 0, bestScore: 0, lastScore: -1, submitted: false,
    drawn: ["tf", "fill", "num", "match", "order"], responses: {tf: "t", fill: "routeur"}});
});

test("unreadable data (not JSON, cut short, another format) starts clean and is said", () => {
  const text = JSON.stringify(good());
  for (const bad of ["{not json", "null", "1", '"v"', "[1,2]", "true", JSON.stringify({...good(), v: 2}),
    JSON.stringify({...good(), v: "1"})]) {
    assert.deepStrictEqual(resume(bad, DATA), {pages: {}, quizzes: {}, broken: ["data"]}, bad);
  }
  // cut anywhere (an LMS holding to 4096 characters cuts a longer value)
  for (let n = 1; n < text.length; n++) {
    const out = resume(text.slice(0, n), DATA);
    assert.deepStrictEqual(out, {pages: {}, quizzes: {}, broken: ["data"]}, text.slice(0, n));
  }
});

test("a value cut at 4096 characters", () => {
  const long = good();
  long.q.practice.r.fill = "x".repeat(5000);
  const out = resume(JSON.stringify(long).slice(0, 4096), DATA);
  assert.deepStrictEqual(out.broken, ["data"]);
});

test("one broken quiz record: that quiz starts clean, the rest is kept", () => {
  const saved = good();
  saved.q.final.n = -5;  // "8 attempts left on a 3-attempt assessment"
  const out = read(saved);
  assert.deepStrictEqual(out.broken, ["quiz:final"]);
  assert.ok(!("final" in out.quizzes));
  assert.strictEqual(out.quizzes.practice.responses.fill, "routeur");
  assert.deepStrictEqual(Object.keys(out.pages), ["home", "intro", "final"]);
});

test("pages or quizzes of the wrong shape: that part is dropped, the other kept", () => {
  let out = read({...good(), p: "home"});
  assert.deepStrictEqual([out.broken, out.pages, Object.keys(out.quizzes).sort()], [["shape"], {}, ["final", "practice"]]);
  out = read({...good(), q: [good().q.final]});
  assert.deepStrictEqual([out.broken, Object.keys(out.pages).length, out.quizzes], [["shape"], 3, {}]);
  out = read({v: 1});
  assert.deepStrictEqual(out, {pages: {}, quizzes: {}, broken: ["shape"]});
});

// Each change makes a record the runtime cannot have written: the quiz starts clean
const BROKEN = {
  "attempts negative": {n: -1},
  "attempts not a number": {n: "2"},
  "attempts fractional": {n: 1.5},
  "best score 1e9": {b: 1e9},
  "best score negative": {b: -3},
  "best score as text": {b: "50"},
  "last score over 100": {s: 101},
  "last score fractional": {s: 50.5},
  "submitted not 0/1": {f: true},
  "best below last": {b: 40, s: 50},
  "a score without a submission": {n: 0, b: 0, s: 50, f: 0},
  "a best score without a submission": {n: 0, b: 50, s: -1, f: 0},
  "submitted without an attempt": {n: 0, b: 0, s: -1, f: 1},
  "a submission without a score": {n: 1, b: 0, s: -1, f: 1},
  "drawn not a list": {d: "one"},
  "drawn holding a number": {d: ["one", 2]},
  "responses not a record": {r: ["b"]},
  "a response not a string": {r: {one: 1}},
  "a response that is null": {r: {one: null}},
  "missing fields": {n: undefined}
};
for (const [name, change] of Object.entries(BROKEN)) {
  test(`broken record: ${name}`, () => {
    const saved = good();
    Object.assign(saved.q.final, change);
    const out = read(saved);
    assert.deepStrictEqual(out.broken, ["quiz:final"]);
    assert.ok(!("final" in out.quizzes) && "practice" in out.quizzes);
  });
}

test("the record not an object", () => {
  for (const bad of [null, 3, "x", [1]]) {
    const saved = good();
    saved.q.final = bad;
    assert.deepStrictEqual(read(saved).broken, ["quiz:final"], JSON.stringify(bad));
  }
});

test("attempts used are clamped to what the quiz allows", () => {
  const saved = good();
  Object.assign(saved.q.final, {n: 99, f: 1});
  assert.strictEqual(read(saved).quizzes.final.attemptsUsed, 3);  // used up: 0 left
  Object.assign(saved.q.final, {n: 99, f: 0});
  assert.strictEqual(read(saved).quizzes.final.attemptsUsed, 2);  // the open attempt is the last one
  Object.assign(saved.q.practice, {n: 12345, b: 80, s: 80, f: 1});  // unlimited attempts: counted up to 9999
  assert.strictEqual(read(saved).quizzes.practice.attemptsUsed, 9999);
  assert.deepStrictEqual(read(saved).broken, []);
});

test("another course's data: unknown ids are dropped, nothing of this course is lost", () => {
  const other = {v: 1, l: "lesson-3", p: ["welcome", "lesson-3"],
    q: {"quiz-1": {n: 1, b: 100, s: 100, f: 1, d: ["q1"], r: {q1: "a"}}}};
  assert.deepStrictEqual(read(other), {pages: {}, quizzes: {}, broken: []});
  // a known quiz id with questions of another course: no question is left, the attempt counts stay
  const out = read({v: 1, p: [], q: {final: {n: 1, b: 40, s: 40, f: 1, d: ["q1", "q2"], r: {q1: "a"}}}});
  assert.deepStrictEqual(out.quizzes.final, {attemptsUsed: 1, bestScore: 40, lastScore: 40, submitted: false,
    drawn: [], responses: {}});
});

test("ids that are names of Object.prototype are unknown ids", () => {
  const text = '{"v":1,"p":["__proto__","constructor","toString"],"q":{"__proto__":{"n":1},"constructor":{"n":1},' +
    '"final":{"n":1,"b":10,"s":10,"f":1,"d":["constructor","__proto__","one"],"r":{"__proto__":"a","one":"cable"}}}}';
  const out = resume(text, DATA);
  assert.deepStrictEqual(out.broken, []);
  assert.deepStrictEqual(Object.keys(out.pages), []);
  assert.deepStrictEqual(Object.keys(out.quizzes), ["final"]);
  assert.deepStrictEqual(out.quizzes.final.drawn, ["one"]);
  assert.deepStrictEqual(out.quizzes.final.responses, {one: "a"});
});

test("responses: kept in the page's terms, cut to the inputs' length, dropped when they cannot be answers", () => {
  const saved = good();
  saved.q.final.d = ["one", "one", "gone", "many"];  // a duplicate and a question the course no longer has
  saved.q.final.r = {one: "c", many: "b,gone,y", gone: "a", extra: 5};  // a response to a question not drawn
  saved.q.practice.r = {tf: "x", fill: "é".repeat(300), num: "1".repeat(50), match: "1.a,2.b", order: "b,a"};
  const out = read(saved);
  assert.deepStrictEqual(out.broken, []);
  assert.deepStrictEqual(out.quizzes.final.drawn, ["one", "many"]);
  // "c": the id of a choice without one of its own; of "b,gone,y", choice "y" (key b) is kept, "gone" dropped
  assert.deepStrictEqual(out.quizzes.final.responses, {one: "c", many: "b"});
  const r = out.quizzes.practice.responses;
  assert.deepStrictEqual([r.tf, r.fill.length, r.num.length, r.match, r.order], [undefined, 80, 20, "1.a,2.b", "b,a"]);
});

test("old builds saved choice keys: still read", () => {
  const saved = good();
  saved.q.final.r = {one: "b", many: "a,c"};
  assert.deepStrictEqual(read(saved).quizzes.final.responses, {one: "b", many: "a,c"});
});

// A small deterministic generator (mulberry32), so that a failure can be replayed
function random(seed) {
  return () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD = [null, true, false, 0, -1, 1, 3, 99, 100, 101, 1e9, -1e9, 0.5, "", "0", "3", "t", "a,b", "final", "one",
  "__proto__", [], [1], ["one"], {}, {one: "a"}, {n: 1}];

test("whatever the record holds, resume() never throws and what it keeps is sane", () => {
  const rand = random(21);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  for (let i = 0; i < 5000; i++) {
    const saved = good();
    const targets = [saved, saved.q, saved.q.final, saved.q.practice, saved.q.final.r, saved.q.practice.r, saved.p,
      saved.q.final.d];
    for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
      const target = pick(targets), keys = Object.keys(target).concat(["v", "n", "x", "final"]);
      target[pick(keys)] = pick(ODD);
    }
    let text = JSON.stringify(saved);
    if (rand() < 0.1) text = text.slice(0, Math.floor(rand() * text.length));
    const out = resume(text, DATA);
    assertSane(out);
  }
});
