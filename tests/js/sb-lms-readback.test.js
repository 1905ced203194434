// What SB.lms reads back from the LMS (docs/runtime.md, "What is read back"): lesson_mode, credit and status as
// some LMSs give them (another case, spaces, not a string), scores out of range; nothing read may stop the
// session from being recorded, or lower what is stored.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const SOURCE = fs.readFileSync(path.join(__dirname, "..", "..", "templates", "static", "sb-lms.js"), "utf8");

// sb-lms.js in a page whose LMS answers LMSGetValue with `stored` as given (any type); localStorage: for the
// standalone mode (no API)
function launch(stored, {api = true, localStorage = null} = {}) {
  const calls = [], values = {...stored};
  const API = {
    LMSInitialize: () => "true", LMSCommit: () => { calls.push(["LMSCommit"]); return "true"; },
    LMSFinish: () => { calls.push(["LMSFinish"]); return "true"; },
    LMSSetValue: (el, v) => { calls.push([el, v]); values[el] = v; return "true"; },
    LMSGetValue: (el) => (el in values ? values[el] : ""),
    LMSGetLastError: () => "0", LMSGetErrorString: () => ""
  };
  const win = {document: {addEventListener() {}}, addEventListener() {}, localStorage};
  if (api) win.API = API;
  win.parent = win;
  vm.runInNewContext(SOURCE, {window: win, console: {warn() {}}, setTimeout: () => 0, clearTimeout() {}});
  const lms = win.SB.lms;
  const info = lms.start({key: "k", snapshot: () => ({state: {v: 1, p: ["a"]}, location: "a"})});
  const sets = () => calls.filter((c) => c.length === 2);
  return {lms, info, calls, values, sets, written: (el) => sets().filter((c) => c[0] === el).map((c) => c[1])};
}

const modes = {
  "normal": "normal", "Normal": "normal", " normal ": "normal", "NORMAL\n": "normal", "": "normal",
  "review": "review", " Review": "review", "BROWSE ": "browse",
  "preview": "normal", "0": "normal"
};
for (const [given, mode] of Object.entries(modes)) {
  test(`lesson_mode ${JSON.stringify(given)} is ${mode}`, () => {
    const p = launch({"cmi.core.lesson_mode": given, "cmi.core.credit": "credit"});
    assert.strictEqual(p.info.lessonMode, mode);
    assert.strictEqual(p.info.readOnly, mode !== "normal");
  });
}

test("lesson_mode and credit that are not strings: normal with credit, and the session is recorded", () => {
  const odd = [{}, {value: "review"}, 0, null, undefined, true, Object.create(null),
    {toString() { throw new Error("no"); }}];
  odd.forEach((value, i) => {
    const p = launch({"cmi.core.lesson_mode": value, "cmi.core.credit": value});
    assert.deepStrictEqual([p.info.lessonMode, p.info.credit, p.info.readOnly], ["normal", "credit", false], `odd[${i}]`);
    p.lms.setScore(80);
    p.lms.checkpoint();
    assert.deepStrictEqual(p.written("cmi.core.lesson_status"), ["incomplete"]);
    assert.deepStrictEqual(p.written("cmi.core.score.raw"), ["80"]);
    assert.ok(p.written("cmi.suspend_data").length === 1);
  });
});

test("credit: only no-credit, however written, stops writing", () => {
  for (const [given, credit] of [["no-credit", "no-credit"], [" No-Credit ", "no-credit"], ["credit", "credit"],
    ["CREDIT", "credit"], ["nocredit", "credit"], ["", "credit"]]) {
    const p = launch({"cmi.core.lesson_mode": "normal", "cmi.core.credit": given});
    assert.deepStrictEqual([p.info.credit, p.info.readOnly], [credit, credit === "no-credit"], given);
  }
});

test("a stored status in another case is that status: passed is never overwritten", () => {
  const p = launch({"cmi.core.lesson_status": " Passed ", "cmi.core.score.raw": "90"});
  assert.strictEqual(p.info.status, "passed");
  p.lms.setStatus("incomplete");
  p.lms.setStatus("failed");
  p.lms.checkpoint();
  assert.deepStrictEqual(p.written("cmi.core.lesson_status"), []);
});

test("stored scores: a number in 0-100, else none", () => {
  const cases = {"85": 85, " 85.5 ": 85.5, "0": 0, "100": 100, "": null, "abc": null, "1e9": null, "1000000000": null,
    "-5": null, "101": null, "NaN": null, "Infinity": null, " ": null};
  for (const [raw, score] of Object.entries(cases)) {
    assert.strictEqual(launch({"cmi.core.score.raw": raw}).info.score, score, raw);
  }
  assert.strictEqual(launch({"cmi.core.score.raw": {}}).info.score, null);
});

test("the score is never written below the one stored before the launch, whatever the status", () => {
  const p = launch({"cmi.core.lesson_status": "failed", "cmi.core.score.raw": "60"});
  p.lms.setScore(40);
  p.lms.checkpoint();
  assert.deepStrictEqual(p.written("cmi.core.score.raw"), []);
  p.lms.setScore(75);
  p.lms.checkpoint();
  p.lms.setScore(65);  // within the session the score follows (not passed), down to the stored one
  p.lms.checkpoint();
  p.lms.setScore(59);
  p.lms.checkpoint();
  assert.deepStrictEqual(p.written("cmi.core.score.raw"), ["75", "65"]);
  // a stored score that is not a score does not block a real one
  const q = launch({"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "1e9"});
  q.lms.setScore(30);
  q.lms.checkpoint();
  assert.deepStrictEqual(q.written("cmi.core.score.raw"), ["30"]);
});

test("objectives: status read in any case, score never below the stored one, counts out of range", () => {
  const p = launch({"cmi.objectives._count": "2", "cmi.objectives.0.id": "final", "cmi.objectives.0.status": "Passed",
    "cmi.objectives.0.score.raw": "90", "cmi.objectives.1.id": "basics", "cmi.objectives.1.status": "incomplete"});
  p.lms.setObjective("final", {raw: 40, status: "failed"});
  p.lms.setObjective("basics", {raw: 40, status: "failed"});
  p.lms.checkpoint();
  assert.deepStrictEqual(p.written("cmi.objectives.0.score.raw"), []);
  assert.deepStrictEqual(p.written("cmi.objectives.0.status"), []);
  assert.deepStrictEqual([p.written("cmi.objectives.1.score.raw"), p.written("cmi.objectives.1.status")], [["40"], ["failed"]]);
  for (const count of ["-3", "abc", "1e9", {}]) {
    const q = launch({"cmi.objectives._count": count});
    q.lms.setObjective("final", {raw: 50, status: "passed"});
    q.lms.checkpoint();
    const ids = q.sets().filter((c) => /^cmi\.objectives\.\d+\.id$/.test(c[0]));
    assert.strictEqual(ids.length, 1, String(count));
    assert.match(ids[0][0], /^cmi\.objectives\.(0|1)\.id$/);
  }
});

test("suspend_data is handed to the app as read, as a string", () => {
  assert.strictEqual(launch({"cmi.suspend_data": "{not json"}).info.suspendData, "{not json");
  assert.strictEqual(launch({"cmi.suspend_data": 12}).info.suspendData, "12");
  assert.strictEqual(launch({}).info.suspendData, "");
});

test("standalone: whatever localStorage holds, the session starts and is saved", () => {
  for (const held of ["{not json", "5", "null", '"text"', "[1]", '{"cmi.core.lesson_status": 7}']) {
    const store = {"sb-lms:k": held};
    const localStorage = {getItem: (k) => (k in store ? store[k] : null), setItem: (k, v) => { store[k] = v; }};
    const p = launch({}, {api: false, localStorage});
    assert.strictEqual(p.info.mode, "standalone", held);
    p.lms.checkpoint();
    assert.strictEqual(JSON.parse(store["sb-lms:k"])["cmi.suspend_data"], '{"v":1,"p":["a"]}', held);
  }
});
