/* SB.lms: SCORM 1.2 runtime (docs/runtime.md). Writes:
 * start: unless readOnly, if status is "", "not attempted" or "browsed": status=incomplete, exit=suspend, commit.
 * Setters queue values; checkpoint() (and visibilitychange->hidden) adds suspend_data/lesson_location if changed
 *   and exit if its value changed, sends the queue (LMSSetValue, in order) and commits once if anything is dirty,
 *   with session_time (since start, plus `carried`). changed(): work in progress, checkpoint() when due().
 * suspend_data gets "t": [total_time at launch, session seconds]; a launch whose total_time did not grow by the
 *   last session's seconds reports them again in its own session_time (info.carried), once.
 * pagehide/finish(): snapshot, session_time, exit ("" once passed/failed/completed, else "suspend"), LMSCommit,
 *   LMSFinish, once; no call after that. Never unload/beforeunload.
 * readOnly (lesson_mode review/browse or credit no-credit): only session_time and exit, at the end. Values read
 *   back are trimmed and lower-cased; any other lesson_mode or credit is normal with credit (nothing is lost).
 * Never downgrade: incomplete < failed < completed < passed (objectives too); once passed, no lower score; no
 *   score (objectives too) lower than the one stored before this launch.
 * Faults: logged; failed values re-sent at the next commit (3 tries); failed commits retried; onWarning
 *   fn(kind, element) once per kind: init set commit finish ended. No API: standalone, localStorage["sb-lms:" + key]. */
(function (w) {
  "use strict";
  var SB = w.SB = w.SB || {};
  var RANK = {"": 0, "not attempted": 0, browsed: 1, incomplete: 2, failed: 3, completed: 4, passed: 5};
  var TYPES = {single: "choice", multiple: "choice", ordering: "sequencing"};
  var api = null, info = null, opts = {}, started = 0, finished = 0, t0 = 0;
  var dirty = 0, pending = {}, order = [], lastSusp, lastLoc, lastExit;
  var stored = null, objIdx = null, objN = 0, objStatus = {}, objScore = {}, nInter = 0, minmax = 0;
  var warned = {}, warnings = [], listeners = [];
  var first = 0, latest = 0, committed = -Infinity, timer = null;
  // The session clock rides in suspend_data ("t": [total_time at launch, session seconds]): Moodle adds
  // session_time into total_time only at LMSFinish, which a closed tab may never send. A next launch that finds
  // total_time not grown by that session reports its seconds again (`carried`), once (docs/runtime.md).
  var clock = 0, base = 0, carried = 0, MAX_CARRY = 86400;
  // Work is saved while the page is alive (a closing page cannot send a synchronous request): `quiet` ms after
  // the last change, `maxWait` after the first at the latest, `gap` after the previous commit at the soonest.
  var POLICY = {quiet: 1500, maxWait: 10000, gap: 2000};
  function due(firstAt, lastAt, prevAt, p) {
    p = p || POLICY;
    return Math.max(Math.min(lastAt + p.quiet, firstAt + p.maxWait), prevAt + p.gap);
  }
  function now() { return new Date().getTime(); }
  function sessionMs() { return carried * 1000 + now() - t0; }

  // seconds of a CMITimespan (HHHH:MM:SS.SS), 0 when unreadable
  function secs(v) {
    var m = /^\s*(\d{1,4}):([0-5]?\d):([0-5]?\d(?:\.\d{1,2})?)\s*$/.exec(String(v));
    return m ? +m[1] * 3600 + +m[2] * 60 + +m[3] : 0;
  }

  // the seconds of an earlier session that total_time does not hold (saved clock t, total_time now)
  function lost(t, total) {
    if (!t || typeof t !== "object" || t.length !== 2) return 0;
    var b = t[0], e = t[1];
    if (!(b >= 0 && e >= 1 && isFinite(b) && isFinite(e))) return 0;
    return total < b + e / 2 ? Math.min(Math.round(e), MAX_CARRY) : 0;
  }

  function log() { try { console.warn.apply(console, arguments); } catch (e) { /* no console */ } }

  function notify(fn, x) { try { fn(x[0], x[1]); } catch (e) { log("SB.lms:", e); } }

  function warn(kind, detail) {
    if (warned[kind]) return;
    warned[kind] = 1;
    warnings.push([kind, detail]);
    for (var i = 0; i < listeners.length; i++) notify(listeners[i], [kind, detail]);
  }

  function findAPI(win) {
    for (var hops = 0; win && hops <= 7; hops++) {
      try {
        if (win.API != null) return win.API;
        if (!win.parent || win.parent === win) break;
        win = win.parent;
      } catch (e) { break; } // cross-origin frame
    }
    return null;
  }

  // standalone: an API of our own over localStorage
  function local(key) {
    var d, K = "sb-lms:" + key;
    try { d = JSON.parse(w.localStorage.getItem(K)); } catch (e) { log("SB.lms: localStorage", e); }
    if (!d || d.constructor !== Object) d = {};  // not our record (a number, a list...): start afresh
    var entry = d["cmi.core.exit"] === "suspend" ? "resume" : d["cmi.core.lesson_status"] ? "" : "ab-initio";
    function T() { return "true"; }
    function save() {
      try { w.localStorage.setItem(K, JSON.stringify(d)); return "true"; } catch (e) { return "false"; }
    }
    return {
      LMSInitialize: T, LMSCommit: save, LMSFinish: save,
      LMSGetValue: function (el) {
        if (el === "cmi.core.entry") return entry;
        for (var n = 0; el === "cmi.objectives._count" && d["cmi.objectives." + n + ".id"] != null;) n++;
        return n ? String(n) : d[el] == null ? "" : d[el];
      },
      LMSSetValue: function (el, v) {
        if (!/^cmi\.(interactions|core\.session_time)/.test(el)) d[el] = v;
        return "true";
      },
      LMSGetLastError: function () { return "0"; }, LMSGetErrorString: T
    };
  }

  function call(name, a, b) {
    if (!api || finished > 1) return null;
    try { return b === undefined ? api[name](a) : api[name](a, b); } catch (e) { log("SB.lms:", name, a, e); return null; }
  }

  function ok(name, a, b) {
    var r = call(name, a, b), code = "?", msg = "";
    if (r === "true" || r === true) return true;
    try { code = String(api.LMSGetLastError()); msg = api.LMSGetErrorString(code); } catch (e) { /* ignore */ }
    log("SB.lms:", name, a, b === undefined ? "" : b, "->", r, code, msg);
    return false;
  }

  function get(el) {
    var r = call("LMSGetValue", el);
    try { return r == null ? "" : String(r); } catch (e) { return ""; }  // an object without toString
  }

  // a value of a vocabulary as some LMSs give it: "Normal", " review "
  function word(el) { return get(el).trim().toLowerCase(); }

  // a stored score: a number in 0-100, else none
  function score(el) {
    var v = get(el).trim();
    return v && v >= 0 && v <= 100 ? +v : null;
  }

  // queue a value; flush() sends the queue in order before each LMSCommit and keeps what failed (3 tries)
  function set(el, v) {
    if (!(el in pending)) order.push(el);
    pending[el] = [String(v), 0];
    dirty = 1;
  }

  function flush() {
    var o = order, i, p, m, k;
    order = [];
    for (i = 0; i < o.length; i++) {
      p = pending[o[i]];
      if (!p || ok("LMSSetValue", o[i], p[0])) { delete pending[o[i]]; continue; }
      warn("set", o[i]);
      if (++p[1] < 3) { order.push(o[i]); continue; }
      delete pending[o[i]];
      // a new array element whose id never got through: drop the rest of it
      m = /^(cmi\.\w+\.\d+\.)id$/.exec(o[i]);
      for (k in pending) if (m && k.indexOf(m[1]) === 0) delete pending[k];
    }
  }

  function exitValue() {
    return /^(passed|failed|completed)$/.test(info.status) ? "" : "suspend";
  }

  function commit() {
    if (!info.readOnly && exitValue() !== lastExit) set("cmi.core.exit", lastExit = exitValue());
    if (!dirty) return;
    set("cmi.core.session_time", span(sessionMs()));
    flush();
    committed = now();
    if (ok("LMSCommit", "")) dirty = order.length ? 1 : 0;
    else warn("commit");
  }

  function pad(n, l) { n = String(n); while (n.length < l) n = "0" + n; return n; }

  // CMITimespan HHHH:MM:SS.SS
  function span(ms) {
    var cs = Math.min(Math.max(0, Math.round(ms / 10) || 0), 3599999999);
    return pad(Math.floor(cs / 360000), 4) + ":" + pad(Math.floor(cs / 6000) % 60, 2) + ":" +
      pad(Math.floor(cs / 100) % 60, 2) + "." + pad(cs % 100, 2);
  }

  // CMIDecimal, 2 decimals at most, in [lo, hi]
  function dec(x, lo, hi) {
    x = x === "" || x === null || typeof x === "boolean" ? NaN : +x;
    return isFinite(x) ? String(Math.round(Math.min(hi, Math.max(lo, x)) * 100) / 100) : null;
  }

  // CMIIdentifier as Moodle checks it: printable ASCII, no spaces
  function ident(s) { return String(s).replace(/[^\x21-\x7E]/g, "-").slice(0, 255); }

  function clocked(state) {
    if (!clock) return state;
    var o = {}, k;
    for (k in state) if (state.hasOwnProperty(k) && k !== "t") o[k] = state[k];
    o.t = [base, Math.min(Math.round(sessionMs() / 1000), MAX_CARRY)];
    return o;
  }

  function snap() {
    var s, d, l;
    try { s = opts.snapshot(); } catch (e) { log("SB.lms: snapshot", e); }
    if (!s || info.readOnly) return;
    d = s.state == null ? null : typeof s.state === "string" ? s.state : JSON.stringify(clocked(s.state));
    l = s.location == null ? null : String(s.location).slice(0, 255);
    if (d != null && d !== lastSusp) {
      if (d.length > 4096) log("SB.lms: suspend_data > 4096", d.length);
      set("cmi.suspend_data", lastSusp = d);
    }
    if (l != null && l !== lastLoc) set("cmi.core.lesson_location", lastLoc = info.location = l);
  }

  function start(o) {
    var k;
    if (started) return info;
    started = 1;
    opts = o || {};
    t0 = now();
    info = {mode: "lms", learner: {}};
    api = findAPI(w);
    try { if (!api && w.opener) api = findAPI(w.opener); } catch (e) { api = null; }
    if (api && !ok("LMSInitialize", "")) {
      warn("init");
      // initialised already? keep going only if the data model answers
      get("cmi.core.lesson_status");
      try { if (String(api.LMSGetLastError()) !== "0") api = null; } catch (e) { api = null; }
    }
    if (!api) {
      info.mode = "standalone";
      api = local(opts.key || "sb");
    }
    info.status = word("cmi.core.lesson_status");
    info.entry = word("cmi.core.entry");
    // only browse/review and no-credit stop writing: a value in an unexpected shape must not lose the session
    info.lessonMode = /^(browse|review)$/.test(k = word("cmi.core.lesson_mode")) ? k : "normal";
    info.credit = word("cmi.core.credit") === "no-credit" ? "no-credit" : "credit";
    info.location = lastLoc = get("cmi.core.lesson_location");
    // read and checked by the app (SB.answers.resume)
    info.suspendData = lastSusp = get("cmi.suspend_data");
    info.score = stored = score("cmi.core.score.raw");
    info.learner = {id: get("cmi.core.student_id"), name: get("cmi.core.student_name")};
    info.readOnly = info.lessonMode !== "normal" || info.credit === "no-credit";
    info.carried = 0;
    if (info.mode === "lms" && !info.readOnly) {
      clock = 1;
      base = Math.min(Math.floor(secs(get("cmi.core.total_time"))), 35999999);
      try { k = JSON.parse(lastSusp).t; } catch (e) { k = 0; }
      info.carried = carried = lost(k, base);
    }
    if (!info.readOnly && !(RANK[info.status] >= RANK.incomplete)) {
      lesson.setStatus("incomplete");
      commit();
    }
    w.addEventListener("pagehide", lesson.finish);
    // back from the bfcache after pagehide: the session is over (no call after LMSFinish), say so
    w.addEventListener("pageshow", function (e) { if (e.persisted && finished) warn("ended"); });
    w.document.addEventListener("visibilitychange", function () {
      if (w.document.visibilityState === "hidden") lesson.checkpoint();
    });
    return info;
  }

  function canWrite() { return started && !finished && !info.readOnly; }

  var lesson = {
    start: start,

    checkpoint: function () {
      clearTimeout(timer);
      first = 0;
      if (!started || finished) return;
      snap();
      commit();
    },

    changed: function () {
      if (!canWrite()) return;
      latest = now();
      first = first || latest;
      clearTimeout(timer);
      timer = setTimeout(lesson.checkpoint, Math.max(0, due(first, latest, committed) - latest));
    },

    setStatus: function (s) {
      if (!canWrite() || !(RANK[s] >= RANK.incomplete) || RANK[s] <= (RANK[info.status] || 0)) return;
      set("cmi.core.lesson_status", info.status = s);
    },

    setScore: function (raw) {
      var v = dec(raw, 0, 100);
      // never below the score stored before this launch (its progress may have been lost), nor once passed
      if (!canWrite() || v == null || stored > +v || (info.status === "passed" && info.score > +v)) return;
      info.score = +v;
      set("cmi.core.score.raw", v);
      if (!minmax) { minmax = 1; set("cmi.core.score.min", "0"); set("cmi.core.score.max", "100"); }
    },

    setObjective: function (id, o) {
      if (!canWrite() || id == null) return;
      id = ident(id);
      o = o || {};
      var raw = o.raw == null ? null : dec(o.raw, 0, 100), st = o.status, i, p;
      if (!objIdx) {
        objIdx = {};
        objN = Math.max(0, parseInt(get("cmi.objectives._count"), 10) || 0);
        for (i = 0; i < objN && i < 500; i++) {
          p = get("cmi.objectives." + i + ".id");
          if (p && !objIdx.hasOwnProperty(p)) {
            objIdx[p] = i;
            objStatus[p] = word("cmi.objectives." + i + ".status");
            objScore[p] = score("cmi.objectives." + i + ".score.raw");
          }
        }
      }
      if (!objIdx.hasOwnProperty(id)) set("cmi.objectives." + (objIdx[id] = objN++) + ".id", id);
      p = "cmi.objectives." + objIdx[id] + ".";
      if (raw != null && !(objScore[id] > +raw)) {
        set(p + "score.raw", raw);
        set(p + "score.min", "0");
        set(p + "score.max", "100");
      }
      if (RANK[st] >= RANK.incomplete && RANK[st] > (RANK[objStatus[id]] || 0)) set(p + "status", objStatus[id] = st);
    },

    addInteraction: function (x) {
      if (!canWrite() || !x || x.id == null) return;
      var c = parseInt(get("cmi.interactions._count"), 10);
      c = c >= nInter ? c : nInter;
      nInter = c + 1;
      var p = "cmi.interactions." + c + ".", t = TYPES[x.type] || x.type, d = new Date(x.time || Date.now());
      if (isNaN(d)) d = new Date();
      var r = x.result === true ? "correct" : x.result === false ? "wrong" : x.result;
      var wt = x.weight == null ? null : dec(x.weight, 0, 999);
      set(p + "id", ident(x.id));
      if (x.objective != null) set(p + "objectives.0.id", ident(x.objective));
      if (t) set(p + "type", t);
      set(p + "time", pad(d.getHours(), 2) + ":" + pad(d.getMinutes(), 2) + ":" + pad(d.getSeconds(), 2));
      if (wt != null) set(p + "weighting", wt);
      if (x.response != null) set(p + "student_response", String(x.response).slice(0, 255));
      if (x.pattern != null) set(p + "correct_responses.0.pattern", String(x.pattern).slice(0, 255));
      if (r != null && r !== "") set(p + "result", r);
      if (x.latencyMs != null) set(p + "latency", span(x.latencyMs));
    },

    finish: function () {
      if (!started || finished) return;
      clearTimeout(timer);
      snap();
      finished = 1;
      set("cmi.core.session_time", span(sessionMs()));
      set("cmi.core.exit", exitValue());
      flush();
      if (!ok("LMSCommit", "")) warn("commit");
      if (!ok("LMSFinish", "")) warn("finish");
      finished = 2;
    },

    onWarning: function (fn) {
      if (typeof fn !== "function") return;
      listeners.push(fn);
      for (var i = 0; i < warnings.length; i++) notify(fn, warnings[i]);
    },

    info: function () { return info; }
  };

  // nothing ever throws into the page
  function guard(name) {
    var f = lesson[name];
    lesson[name] = function (a, b) {
      try { return f(a, b); } catch (e) { log("SB.lms." + name, e); return name === "start" ? info : undefined; }
    };
  }
  for (var k in lesson) if (lesson.hasOwnProperty(k)) guard(k);
  lesson.due = due;
  lesson.lost = lost;
  lesson.policy = POLICY;
  SB.lms = lesson;
})(window);
