// When SB.lms commits work in progress (docs/runtime.md, "When SB.lms commits"): the policy SB.lms.due(), and the
// runtime itself (templates/static/sb-lms.js) on a fake clock against a recording SCORM 1.2 API.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const SOURCE = fs.readFileSync(path.join(__dirname, "..", "..", "templates", "static", "sb-lms.js"), "utf8");

// A page with sb-lms.js loaded, a fake clock (ms) and an API that records each call with the time it came.
function page() {
  let clock = 1000000, timers = [], seq = 0;
  const calls = [], values = {}, listeners = {};
  class FakeDate extends Date {
    constructor(...a) { super(...(a.length ? a : [clock])); }
    static now() { return clock; }
  }
  const API = {};
  for (const fn of ["LMSInitialize", "LMSCommit", "LMSFinish", "LMSSetValue", "LMSGetValue", "LMSGetLastError", "LMSGetErrorString"]) {
    API[fn] = (a, b) => {
      if (fn !== "LMSGetLastError" && fn !== "LMSGetValue") calls.push({fn, a, b, t: clock});
      if (fn === "LMSSetValue") values[a] = b;
      if (fn === "LMSGetValue") return values[a] || "";
      return fn === "LMSGetLastError" ? "0" : "true";
    };
  }
  const doc = {visibilityState: "visible", addEventListener: (e, f) => { listeners["doc:" + e] = f; }};
  const win = {API, document: doc, addEventListener: (e, f) => { listeners[e] = f; }, localStorage: null};
  win.parent = win;
  const context = {
    window: win, console: {warn() {}, log() {}}, Date: FakeDate,
    setTimeout: (f, ms) => { timers.push({id: ++seq, at: clock + Math.max(0, ms || 0), f}); return seq; },
    clearTimeout: (id) => { timers = timers.filter((t) => t.id !== id); }
  };
  vm.runInNewContext(SOURCE, context);
  const lms = win.SB.lms;
  let state = 0;
  return {
    lms, calls, values, listeners,
    start() { return lms.start({key: "k", snapshot: () => ({state: {v: 1, n: state}, location: "p1"})}); },
    // the learner changes an answer at this moment
    change() { state++; lms.changed(); },
    // let the clock run to `t`, firing the timers that fall due on the way
    runTo(t) {
      for (;;) {
        timers.sort((x, y) => x.at - y.at);
        if (!timers.length || timers[0].at > t) break;
        const next = timers.shift();
        clock = next.at;
        next.f();
      }
      clock = t;
    },
    get now() { return clock; },
    commits() { return calls.filter((c) => c.fn === "LMSCommit"); }
  };
}

test("the policy: quiet after the last change, at most maxWait after the first, at least gap after a commit", () => {
  const {due, policy} = page().lms;
  assert.deepStrictEqual({...policy}, {quiet: 1500, maxWait: 10000, gap: 2000});
  assert.strictEqual(due(0, 0, -Infinity), 1500);          // one change: 1.5 s later
  assert.strictEqual(due(0, 4000, -Infinity), 5500);       // the last change restarts the wait
  assert.strictEqual(due(0, 9500, -Infinity), 10000);      // but no later than 10 s after the first
  assert.strictEqual(due(0, 0, -600), 1500);
  assert.strictEqual(due(0, 0, 1000), 3000);               // and never within 2 s of the previous commit
  assert.strictEqual(due(0, 0, 0, {quiet: 5, maxWait: 7, gap: 1}), 5);
});

test("an answer is committed 1.5 s later, with session_time; nothing more while nothing changes", () => {
  const p = page();
  p.start();
  const t0 = p.now, before = p.commits().length;  // the first launch commits status=incomplete at once
  p.runTo(t0 + 5000);
  p.change();
  p.runTo(t0 + 6499);
  assert.strictEqual(p.commits().length, before);
  p.runTo(t0 + 6500);
  assert.strictEqual(p.commits().length, before + 1);
  assert.strictEqual(p.values["cmi.core.session_time"], "0000:00:06.50");
  assert.match(p.values["cmi.suspend_data"], /"n":1/);
  p.runTo(t0 + 60000);
  assert.strictEqual(p.commits().length, before + 1);
});

test("typing without a pause commits every 10 s, and the last keystroke 1.5 s after it", () => {
  const p = page();
  p.start();
  const t0 = p.now, before = p.commits().length;
  for (let t = 0; t <= 25000; t += 200) { p.runTo(t0 + 10000 + t); p.change(); }  // 5 keys a second for 25 s
  p.runTo(t0 + 60000);
  const at = p.commits().slice(before).map((c) => c.t - t0);
  assert.deepStrictEqual(at, [20000, 30000, 35000 + 1500]);
});

test("whatever the pace of the changes, commits are 2 s apart at least and none is left behind", () => {
  for (let seed = 1; seed <= 40; seed++) {
    const p = page();
    p.start();
    let r = seed, t = p.now + 3000;
    const rnd = () => (r = (r * 16807) % 2147483647) / 2147483647;
    const before = p.commits().length, changes = [];
    for (let i = 0; i < 200; i++) {
      t += Math.floor(rnd() < 0.8 ? rnd() * 800 : rnd() * 6000);
      p.runTo(t);
      p.change();
      changes.push(t);
    }
    p.runTo(t + 20000);
    const at = p.commits().slice(before).map((c) => c.t);
    for (let i = 1; i < at.length; i++) assert.ok(at[i] - at[i - 1] >= 2000, `seed ${seed}: ${at[i] - at[i - 1]} ms apart`);
    const span = t - changes[0];
    assert.ok(at.length <= span / 2000 + 1, `seed ${seed}: ${at.length} commits in ${span} ms`);
    // every change is committed within 10 s (the 2 s gap never pushes past it: 2 s < 10 s)
    for (const c of changes) assert.ok(at.some((x) => x >= c && x - c <= 10000), `seed ${seed}: change at ${c} waited`);
  }
});

test("a checkpoint (page turn, submit) commits at once and takes the pending work with it", () => {
  const p = page();
  p.start();
  const t0 = p.now, before = p.commits().length;
  p.runTo(t0 + 3000);
  p.change();
  p.runTo(t0 + 3500);
  p.lms.checkpoint();
  assert.strictEqual(p.commits().length, before + 1);
  p.runTo(t0 + 30000);
  assert.strictEqual(p.commits().length, before + 1);  // the scheduled commit was dropped: nothing left to send
});

test("after finish nothing is scheduled; in review nothing is written", () => {
  const p = page();
  p.start();
  p.change();
  p.listeners.pagehide();  // finish: session_time, exit, LMSCommit, LMSFinish
  const n = p.calls.length;
  assert.strictEqual(p.calls[n - 1].fn, "LMSFinish");
  p.change();
  p.runTo(p.now + 60000);
  assert.strictEqual(p.calls.length, n);

  const review = page();
  review.values["cmi.core.lesson_mode"] = "review";
  review.start();
  review.change();
  review.runTo(review.now + 60000);
  assert.deepStrictEqual(review.commits(), []);
});

test("the session clock rides in suspend_data and a session whose time was lost is reported once more", () => {
  const {lost} = page().lms;
  assert.strictEqual(lost([100, 40], 100), 40);        // total_time did not grow: that session's finish was lost
  assert.strictEqual(lost([100, 40], 140.5), 0);       // it grew by the session: counted already
  assert.strictEqual(lost([100, 40], 125), 0);         // grew by more than half of it: never count twice
  assert.strictEqual(lost([0, 1e12], 0), 86400);       // bounded: one day at most
  for (const bad of [null, "x", [1], [1, 2, 3], [-1, 5], [0, 0.4], [0, NaN], {0: 1, 1: 2}, ["a", "b"]]) {
    assert.strictEqual(lost(bad, 0), 0, JSON.stringify(bad));
  }

  const p = page();
  p.values["cmi.core.total_time"] = "0000:01:40.00";
  p.values["cmi.core.lesson_status"] = "incomplete";
  p.values["cmi.suspend_data"] = JSON.stringify({v: 1, n: 0, t: [100, 40]});
  assert.strictEqual(p.start().carried, 40);
  p.runTo(p.now + 5000);
  p.change();
  p.runTo(p.now + 1500);
  assert.strictEqual(p.values["cmi.core.session_time"], "0000:00:46.50");
  assert.deepStrictEqual(JSON.parse(p.values["cmi.suspend_data"]).t, [100, 47]);

  const q = page();
  q.values["cmi.core.total_time"] = "0000:02:27.00";  // 100 + 47: the finish came through
  q.values["cmi.core.lesson_status"] = "incomplete";
  q.values["cmi.suspend_data"] = p.values["cmi.suspend_data"];
  assert.strictEqual(q.start().carried, 0);
  q.change();
  q.runTo(q.now + 1500);
  assert.strictEqual(q.values["cmi.core.session_time"], "0000:00:01.50");
  assert.deepStrictEqual(JSON.parse(q.values["cmi.suspend_data"]).t, [147, 2]);
});
