/* The LMS side of `scorm-builder preview`: a SCORM 1.2 API (window.API) checked by scorm12-rules.js, what Moodle
 * will record (moodle-result.js) under the activity settings chosen, the data model and call log shown live,
 * launches (attempts, leave and come back, one data model per SCO), and live rebuilds announced by the preview
 * server on /events. Stored data and settings live in localStorage, per course. */
(function () {
  "use strict";
  var R = window.Scorm12Rules, M = window.MoodleResult;
  var FUNCS = ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
    "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"];
  var READS = {LMSGetValue: 1, LMSGetLastError: 1, LMSGetErrorString: 1, LMSGetDiagnostic: 1};
  var MAX_LOG = 5000;
  var DEFAULTS = {mode: "auto", credit: "auto", learnerName: "Tester, Amal", learnerId: "s1001", device: "desktop",
    tech: false};

  var build = null;      // what the server serves: {generation, title, courseId, scos: [...]}
  var instance = null;   // which run of the preview server built it
  var buildError = null;
  var store = null;      // {attempt, attempts: {n: {key: {values: {...stored}, launches}}}}
  var settings = load("sb-preview:settings", DEFAULTS);
  var moodle = Object.assign({}, M.DEFAULTS);   // the activity's settings, per course (moodleKey())
  var entryMode = "";    // the mode Moodle chose when the learner last entered ("" before any entry)
  var T = {};            // the labels, in the CLI's language (/messages)
  var session = null;    // the current launch
  var current = null;    // key of the SCO shown
  var log = [];
  var queue = Promise.resolve();

  /* ---------- small helpers ---------- */
  function $(id) { return document.getElementById(id); }

  // el("td.cls", {attr: value}, children): text is always set as text, never parsed as HTML
  function el(tag, attrs, kids) {
    var p = tag.split("."), e = document.createElement(p[0]);
    if (p.length > 1) e.className = p.slice(1).join(" ");
    Object.keys(attrs || {}).forEach(function (k) { if (attrs[k] != null) e.setAttribute(k, attrs[k]); });
    append(e, kids);
    return e;
  }

  function append(e, kids) {
    if (kids instanceof Array) kids.forEach(function (k) { append(e, k); });
    else if (kids != null) e.appendChild(typeof kids === "object" ? kids : document.createTextNode(String(kids)));
  }

  function load(key, fallback) {
    try { return Object.assign({}, fallback, JSON.parse(localStorage.getItem(key)) || {}); }
    catch (e) { return Object.assign({}, fallback); }
  }

  function save(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode: keep it in memory */ }
  }

  function quote(v) { return typeof v === "string" ? JSON.stringify(v) : String(v); }

  // long values (suspend_data) are cut in the log; the data model panel shows them whole
  function short(v) {
    var q = quote(v);
    return q.length > 160 ? q.slice(0, 120) + "…\" (" + String(v).length + " chars)" : q;
  }

  // a label: T[key] with {name} placeholders filled in
  function t(key, vars) {
    return String(T[key] || key).replace(/\{(\w+)\}/g, function (m, k) { return vars && k in vars ? vars[k] : m; });
  }

  function storeKey() { return "sb-preview:" + (build ? build.courseId : ""); }
  function moodleKey() { return "sb-preview:moodle:" + (build ? build.courseId : ""); }

  function loadStore() {
    var s = load(storeKey(), {attempt: 1, attempts: {}});
    if (s.scos) {   // stored by an earlier preview: one attempt
      s.attempts[s.attempt || 1] = s.scos;
      delete s.scos;
    }
    return s;
  }

  function record(key) {
    var attempt = store.attempts[store.attempt] || (store.attempts[store.attempt] = {});
    return attempt[key] || (attempt[key] = {values: {}, launches: 0});
  }

  // what each attempt stored, as moodle-result.js reads it: {n: {key: values}}
  function storedAttempts() {
    var out = {};
    Object.keys(store.attempts).forEach(function (n) {
      out[n] = {};
      Object.keys(store.attempts[n]).forEach(function (k) { out[n][k] = store.attempts[n][k].values; });
    });
    return out;
  }

  function scoKeys() { return build.scos.map(function (s) { return s.key; }); }

  function findSco(key) {
    for (var i = 0; i < build.scos.length; i++) if (build.scos[i].key === key) return build.scos[i];
    return null;
  }

  // Moodle: the attempt is finished when every SCO is completed, passed or failed; re-entry is then in review
  function attemptDone() { return M.attemptDone(storedAttempts()[store.attempt], scoKeys()); }

  /* ---------- one launch of a SCO: the API's state ---------- */
  function Session(sco) {
    var rec = record(sco.key), stored = rec.values;
    this.sco = sco;
    this.rec = rec;
    this.n = ++rec.launches;
    // a copy: what was stored at launch, while commits update rec.values
    this.launch = R.launch(Object.assign({}, stored), {mode: settings.mode !== "auto" ? settings.mode : entryMode,
      credit: settings.credit, attemptDone: attemptDone()});
    this.values = Object.assign({}, stored);
    delete this.values["cmi.core.exit"];          // write-only, per session
    delete this.values["cmi.core.session_time"];
    Object.assign(this.values, {
      "cmi.core.student_id": settings.learnerId, "cmi.core.student_name": settings.learnerName,
      "cmi.core.entry": this.launch.entry, "cmi.core.lesson_mode": this.launch.mode,
      "cmi.core.credit": this.launch.credit,
      "cmi.core.lesson_status": stored["cmi.core.lesson_status"] || "not attempted",
      "cmi.core.total_time": stored["cmi.core.total_time"] || "0000:00:00.00",
      "cmi.launch_data": sco.launchData, "cmi.student_data.mastery_score": sco.masteryScore,
      "cmi.student_data.max_time_allowed": sco.maxTimeAllowed,
      "cmi.student_data.time_limit_action": sco.timeLimitAction
    });
    this.dirty = {};
    this.state = "loading";      // loading -> running -> finished, or closed (unloaded without LMSFinish)
    this.lastError = "0";
    this.diagnostic = "";
    this.t0 = performance.now();
  }

  function result(ret, code, diagnostic) { return {ret: ret, code: code || "0", diagnostic: diagnostic || ""}; }

  Session.prototype.call = function (fn, args) {
    var r = this[fn].apply(this, args);
    if (!READS[fn] || fn === "LMSGetValue") {
      this.lastError = r.code;
      this.diagnostic = r.diagnostic || (r.code !== "0" ? R.errorString(r.code) : "");
    }
    return r;
  };

  Session.prototype.started = function (fn) {
    if (this.state === "running") return null;
    return result(fn === "LMSGetValue" ? "" : "false", "301",
      this.state === "loading" ? fn + " before LMSInitialize" : fn + " after LMSFinish");
  };

  Session.prototype.LMSInitialize = function (arg) {
    if (arg !== "") return result("false", "201", "LMSInitialize takes \"\"");
    if (this.state !== "loading") {
      return result("false", "101", this.state === "running" ? "already initialized" : "this launch is over");
    }
    this.state = "running";
    return result("true");
  };

  Session.prototype.LMSGetValue = function (el) {
    var r = this.started("LMSGetValue") || R.get(this.values, el);
    return r.ret != null ? r : result(r.value, r.code, r.diagnostic);
  };

  Session.prototype.LMSSetValue = function (el, value) {
    var bad = this.started("LMSSetValue"), r;
    if (bad) return bad;
    r = R.set(this.values, el, value, moodle.standards);
    var out = result(r.code === "0" ? "true" : "false", r.code, r.diagnostic);
    out.warnings = R.lint(this.values, el, value, this.launch);
    if (r.code === "0") {
      this.values[el] = r.value;
      this.dirty[el] = 1;
    }
    return out;
  };

  Session.prototype.LMSCommit = function (arg) {
    if (arg !== "") return result("false", "201", "LMSCommit takes \"\"");
    var r = this.started("LMSCommit") || result("true");
    if (r.ret === "true") r.note = this.commit();
    return r;
  };

  Session.prototype.LMSFinish = function (arg) {
    if (arg !== "") return result("false", "201", "LMSFinish takes \"\"");
    var r = this.started("LMSFinish");
    if (r) return r;
    var notes = [], fin = R.finish(this.values, this.launch, this.sco.masteryScore,
      {masteryOverride: moodle.masteryOverride !== false});
    if (fin.reason) {
      this.values["cmi.core.lesson_status"] = fin.status;
      this.dirty["cmi.core.lesson_status"] = 1;
      notes.push("lesson_status → " + fin.status + " (" + fin.reason + ")");
    }
    notes.push(this.commit());
    this.state = "finished";
    r = result("true");
    r.note = notes.join("; ");
    return r;
  };

  Session.prototype.LMSGetLastError = function () { return result(this.lastError, this.lastError); };
  Session.prototype.LMSGetErrorString = function (code) { return result(R.errorString(code)); };
  Session.prototype.LMSGetDiagnostic = function (code) {
    var mine = code == null || code === "" || String(code) === this.lastError;
    return result(mine ? this.diagnostic : R.errorString(code));
  };

  // What Moodle stores: the values set since the last commit; session_time is added into total_time.
  // A new window being closed: what the SCO sends while it closes never reaches Moodle (docs/moodle.md).
  Session.prototype.commit = function () {
    var keys = Object.keys(this.dirty), stored = this.rec.values, self = this;
    if (this.closing) {
      this.lost = (this.lost || 0) + keys.length;
      this.dirty = {};
      return "not stored: the new window was closed (" + keys.length + " values lost)";
    }
    keys.forEach(function (k) { stored[k] = self.values[k]; });
    if (this.dirty["cmi.core.session_time"]) {
      stored["cmi.core.total_time"] = R.addTime(this.values["cmi.core.total_time"], this.values["cmi.core.session_time"]);
      delete stored["cmi.core.session_time"];
    }
    this.dirty = {};
    save(storeKey(), store);
    return "stored " + keys.length + " value" + (keys.length === 1 ? "" : "s");
  };

  Session.prototype.close = function () {
    var lost = Object.keys(this.dirty).length;
    if (this.state === "running") {
      addMarker("warn", "the SCO was unloaded without LMSFinish" + (lost ? ": " + lost + " uncommitted values lost" : ""));
    }
    if (this.lost) addMarker("warn", t("popup_lost", {n: this.lost}));
    if (this.state !== "finished") this.state = "closed";
  };

  /* ---------- window.API: every call goes to the current launch and into the log ---------- */
  function dispatch(fn, args) {
    var r = session ? session.call(fn, args) : result(fn === "LMSGetValue" ? "" : "false", "301", "no SCO launched");
    addCall(fn, args, r);
    return r.ret;
  }

  window.API = {};
  FUNCS.forEach(function (fn) {
    window.API[fn] = function () { return dispatch(fn, Array.prototype.slice.call(arguments)); };
  });

  /* ---------- the log ---------- */
  function addCall(fn, args, r) {
    var entry = {kind: "call", launch: session ? session.n : 0, sco: current, fn: fn, args: args, ret: r.ret,
      code: r.code, diagnostic: r.diagnostic, warnings: r.warnings || [], note: r.note || "",
      t: session ? Math.round(performance.now() - session.t0) / 1000 : 0};
    if (READS[fn] && fn !== "LMSGetValue") entry.code = null;   // these do not change the error state
    push(entry);
  }

  function addMarker(kind, text) { push({kind: kind, text: text, t: session ? Math.round(performance.now() - session.t0) / 1000 : 0}); }

  function push(entry) {
    log.push(entry);
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
    appendRow(entry, log.length);
    schedule();
  }

  function appendRow(e, n) {
    var body = $("sim-log").tBodies[0], row, bad, scroll = $("sim-log-scroll");
    var atEnd = scroll.scrollTop + scroll.clientHeight >= scroll.scrollHeight - 4;
    if (e.kind !== "call") {
      row = el("tr.marker." + e.kind, {}, el("td", {colspan: 4}, e.text));
    } else {
      bad = e.code && e.code !== "0" || e.ret === "false";
      row = el("tr" + (bad ? ".err" : e.warnings.length ? ".warn" : "") + (READS[e.fn] ? ".read" : ""),
        {"data-fn": e.fn, "data-el": e.fn.indexOf("Value") > 0 ? String(e.args[0]) : null, "data-code": e.code},
        [el("td.t", {}, e.t.toFixed(2)),
         el("td.call", {}, [el("span.fn", {}, e.fn), "(" + e.args.map(short).join(", ") + ")",
           e.diagnostic && e.code !== "0" ? el("div.why", {}, e.diagnostic) : null,
           e.warnings.map(function (w) { return el("div.why", {}, "⚠ " + w); }),
           e.note ? el("div.note", {}, e.note) : null]),
         el("td.ret", {}, short(e.ret)),
         el("td.code", {title: e.code ? R.errorString(e.code) : null, "data-code": e.code}, e.code == null ? "" : e.code)]);
    }
    body.appendChild(row);
    while (body.rows.length > MAX_LOG) body.deleteRow(0);
    $("sim-log-count").textContent = n + " entries";
    if (atEnd) scroll.scrollTop = scroll.scrollHeight;
  }

  /* ---------- the data model panel ---------- */
  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; renderModel(); renderScos(); renderResult(); });
  }

  function renderModel() {
    var s = session, v = s ? s.values : {}, dl = $("sim-model");
    var dirty = s ? Object.keys(s.dirty).length : 0;
    $("sim-session").textContent = s ? "· " + s.sco.title + " · launch " + s.n + " · " + s.state +
      (dirty ? " · " + dirty + " uncommitted" : "") : "";
    dl.textContent = "";
    function row(label, els, extra) {
      dl.appendChild(el("div", {"data-el": els[0]}, [el("dt", {}, label),
        el("dd", {}, [el("span.v", {}, els.map(function (k) { return v[k] || "—"; }).join(" · ")), extra || null])]));
    }
    var stored = s ? s.launch.stored["cmi.core.lesson_status"] : "";
    row("lesson_status", ["cmi.core.lesson_status"], stored ? el("span.sub", {}, " (stored at launch: " + stored + ")") : null);
    row("score raw · min · max", ["cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max"]);
    row("lesson_location", ["cmi.core.lesson_location"]);
    row("entry", ["cmi.core.entry"]);
    row("mode · credit", ["cmi.core.lesson_mode", "cmi.core.credit"]);
    row("exit", ["cmi.core.exit"]);
    row("session · total time", ["cmi.core.session_time", "cmi.core.total_time"]);
    row("mastery_score", ["cmi.student_data.mastery_score"]);
    row("learner", ["cmi.core.student_name", "cmi.core.student_id"]);
    renderSuspend(v["cmi.suspend_data"] || "");
    renderArray("objectives", v, ["id", "status", "score.raw"]);
    renderArray("interactions", v, ["id", "type", "student_response", "correct_responses.0.pattern", "result"]);
  }

  function renderSuspend(text) {
    var limit = (R.PROFILES[moodle.standards] || R.PROFILES.strict).string4096, n = text.length, pretty = text;
    var level = n > limit ? "over" : n > R.STANDARD.string4096 ? "warn" : "ok";
    $("sim-suspend-size").textContent = n + " / " + limit + " chars";
    $("sim-suspend").className = "suspend " + level;
    $("sim-suspend-bar").style.width = Math.min(100, 100 * n / limit) + "%";
    try { pretty = JSON.stringify(JSON.parse(text), null, 1); } catch (e) { /* not JSON: show as is */ }
    $("sim-suspend-text").textContent = pretty || "(empty)";
  }

  function renderArray(name, v, fields) {
    var body = $("sim-" + name).tBodies[0], count = R.count(v, "cmi." + name), i;
    body.textContent = "";
    for (i = 0; i < count; i++) {
      var p = "cmi." + name + "." + i + ".";
      body.appendChild(el("tr", {"data-n": i}, [el("td", {}, i)].concat(fields.map(function (f) {
        var text = v[p + f] || "";
        if (f === "score.raw" && text) text += " (" + (v[p + "score.min"] || "?") + "–" + (v[p + "score.max"] || "?") + ")";
        return el("td", {"data-f": f}, text);
      }))));
    }
    $("sim-" + name + "-count").textContent = count ? "(" + count + ")" : "(none)";
  }

  function renderScos() {
    var list = $("sim-sco-list");
    $("sim-scos").hidden = !build || build.scos.length < 2;
    if (!build) return;
    list.textContent = "";
    build.scos.forEach(function (s) {
      var status = record(s.key).values["cmi.core.lesson_status"] || "not attempted";
      var button = el("button", {type: "button", "data-sco": s.key, "aria-current": s.key === current ? "true" : null},
        [el("span.title", {}, s.title), el("span.status." + status.replace(" ", "-"), {"data-status": status},
          t("status_" + status))]);
      button.addEventListener("click", function () { run(function () { return launchSco(s.key); }); });
      list.appendChild(el("li", {}, button));
    });
  }

  /* ---------- launches ---------- */
  // one launch change at a time (a rebuild may arrive while a relaunch is under way)
  function run(step) { queue = queue.then(step).catch(function (e) { console.error("preview:", e); }); return queue; }

  function unloadFrame() {
    var frame = $("scorm_object"), s = session;
    return new Promise(function (resolve) {
      if (!s || s.unloaded) return resolve();
      // "New window": the learner closes the window, and what the SCO sends while it closes is lost
      if (moodle.display === "popup") s.closing = true;
      var done = function () { clearTimeout(timer); resolve(); };
      var timer = setTimeout(done, 3000);
      frame.addEventListener("load", done, {once: true});
      frame.src = "about:blank";     // the SCO gets pagehide, and finishes there
    }).then(function () {
      if (s && !s.unloaded) {
        s.close();
        s.unloaded = true;
      }
    });
  }

  function launchSco(key) {
    return unloadFrame().then(function () {
      var sco = findSco(key) || build.scos[0];
      if (!sco) return;
      current = sco.key;
      session = new Session(sco);
      var l = session.launch;
      addMarker("launch", "launch " + session.n + " of " + sco.title + " (attempt " + store.attempt + ") — entry=" +
        (l.entry || "\"\"") + ", mode=" + l.mode + ", credit=" + l.credit + ", profile=" + moodle.standards +
        ", build " + build.generation);
      $("scorm_object").src = sco.url;
      var launched = session;
      setTimeout(function () {
        if (session === launched && launched.state === "loading") {
          addMarker("warn", "no LMSInitialize 3 s after the launch: does the SCO find window.API?");
        }
      }, 3000);
    });
  }

  function startAttempt(n, why) {
    store.attempt = n;
    store.attempts[n] = {};
    save(storeKey(), store);
    entryMode = "normal";
    addMarker("attempt", "attempt " + n + " (" + why + "): nothing stored yet");
  }

  // the learner leaves the activity and enters it again: Moodle's scorm_check_mode picks attempt and mode
  function reenter() {
    return unloadFrame().then(function () {
      var e = M.enter(storedAttempts(), store.attempt, moodle, scoKeys(), false);
      if (e.newAttempt) startAttempt(e.attempt, "Force new attempt");
      else entryMode = e.mode;
      return launchSco(current);
    });
  }

  function newAttempt() {
    return unloadFrame().then(function () {
      startAttempt((store.attempt || 1) + 1, "started by hand");
      return launchSco(current);
    });
  }

  /* ---------- what Moodle will record ---------- */
  function number(x) { return (Math.round(x * 100) / 100).toFixed(2); }

  function renderResult() {
    if (!build || !store) return;
    var keys = scoKeys(), attempts = storedAttempts(), r = M.result(attempts, store.attempt, moodle, keys);
    var next = M.enter(attempts, store.attempt, moodle, keys, false);
    var status = r.statuses.length === 1 ? t("status_" + r.statuses[0]) : build.scos.map(function (s, i) {
      return s.title + ": " + t("status_" + r.statuses[i]);
    }).join(" · ");
    var grade = r.grade === null ? t("no_grade") : number(r.grade) + " / " + number(r.max) +
      (r.grade > r.max ? " (" + t("over_max") + ")" : "");
    var attempt = +moodle.maxattempt ? t("attempt_of", {n: r.attempt, max: moodle.maxattempt}) :
      t("attempt_unlimited", {n: r.attempt});
    var entry = next.mode === "review" ? t("entry_review") : next.newAttempt ? t("entry_new", {n: next.attempt}) :
      t("entry_normal", {n: next.attempt});
    show("grade", grade, r.grade === null ? "" : String(r.grade));
    show("status", status, r.statuses.join(","));
    show("completion", t("comp_" + r.completion.state), r.completion.state);
    show("attempt", attempt, String(r.attempt));
    show("next", entry, next.mode + (next.newAttempt ? ":new" : ""));
    var line = $("sim-result-line");
    line.textContent = t("will_show") + ": " + [grade, status, t("comp_" + r.completion.state)].join(" · ");
    line.className = "headline " + (r.statuses.length === 1 ? r.statuses[0] : "");
    var dirty = session ? Object.keys(session.dirty).length : 0;
    $("sim-pending").hidden = !dirty;
    $("sim-pending").textContent = t("pending", {n: dirty});
  }

  function show(name, text, value) {
    var dd = document.querySelector('#sim-result [data-r="' + name + '"] dd');
    dd.textContent = text;
    dd.setAttribute("data-value", value);
  }

  /* ---------- the preview server: builds and errors ---------- */
  function onState(state) {
    buildError = state.error;
    renderBuild(state);
    if (!state.build || (build && state.build.generation === build.generation && state.instance === instance)) return;
    var first = !build, before = build && storeKey();
    build = state.build;
    instance = state.instance;
    document.title = build.title + " · preview";
    $("sim-title").textContent = build.title;
    if (storeKey() !== before) {   // first build, or another course
      store = loadStore();
      moodle = load(moodleKey(), M.DEFAULTS);
      bindMoodle();
    }
    if (!first) addMarker("build", "rebuilt (build " + build.generation + ", " + build.seconds.toFixed(2) + " s" +
      (build.changed.length ? ": " + build.changed.join(", ") : "") + "): relaunching");
    run(function () { return launchSco(current || build.scos[0].key); });
  }

  function renderBuild(state) {
    var badge = $("sim-build"), list = $("sim-error-list"), b = state.build;
    badge.className = "badge " + (state.error ? "bad" : "ok");
    badge.textContent = state.error ? t("build_failed", {at: state.error.at}) :
      b ? t("build_ok", {n: b.generation, at: b.builtAt, s: b.seconds.toFixed(2)}) : "";
    $("sim-error").hidden = !state.error;
    list.textContent = "";
    if (!state.error) return;
    var items = state.error.diagnostics.length ? state.error.diagnostics : [{text: state.error.message}];
    items.forEach(function (d) { list.appendChild(diagnostic(d)); });
  }

  // file:line:col opens in the editor (VS Code's vscode:// link) and the line itself is shown under it
  function diagnostic(d) {
    var where = d.path && d.line ? "vscode://file" + encodeURI(d.path.charAt(0) === "/" ? d.path : "/" + d.path) +
      ":" + d.line + ":" + (d.col || 1) : null;
    return el("li", {"data-file": d.file || null, "data-line": d.line || null}, [
      where ? el("a", {href: where, title: t("open_editor")}, d.text) : d.text,
      d.source != null ? el("pre.source", {}, d.line + " | " + d.source) : null]);
  }

  function connect() {
    var events = new EventSource("/events");
    events.addEventListener("state", function (e) { onState(JSON.parse(e.data)); });
    events.onerror = function () {
      var badge = $("sim-build");
      badge.className = "badge off";
      badge.textContent = t("server_stopped");
    };
  }

  /* ---------- controls ---------- */
  function exportSession() {
    var data = {
      tool: "scorm-builder preview", exported: new Date().toISOString(), settings: settings, moodle: moodle,
      course: build && {id: build.courseId, title: build.title, build: build.generation},
      attempt: store && store.attempt,
      scos: build ? build.scos.map(function (s) {
        return {key: s.key, title: s.title, launches: record(s.key).launches, stored: record(s.key).values};
      }) : [],
      attempts: store ? storedAttempts() : {},
      result: build && store ? M.result(storedAttempts(), store.attempt, moodle, scoKeys()) : null,
      current: session && {sco: session.sco.key, launch: session.n, state: session.state, values: session.values,
        uncommitted: Object.keys(session.dirty)},
      log: log
    };
    return data;
  }

  function download() {
    var data = exportSession();
    var blob = new Blob([JSON.stringify(data, null, 2)], {type: "application/json"});
    var a = el("a", {href: URL.createObjectURL(blob), download: (data.course ? data.course.id : "scorm") + "-session.json"});
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  // the activity settings: each [data-m] field is a key of `moodle`, saved per course
  function bindMoodle() {
    document.querySelectorAll("#sim-moodle [data-m]").forEach(function (input) {
      var key = input.getAttribute("data-m");
      if (input.type === "checkbox") input.checked = !!moodle[key];
      else input.value = String(moodle[key]);
    });
  }

  function readMoodle(input) {
    var key = input.getAttribute("data-m"), v = input.type === "checkbox" ? input.checked : input.value;
    if (key === "masteryOverride") v = v === "true";
    if (key === "maxattempt" || key === "maxgrade") v = +v || 0;
    moodle[key] = v;
    save(moodleKey(), moodle);
    schedule();
  }

  function applyView() {
    var frame = $("sim-device-frame"), tech = !!settings.tech;
    frame.className = "device " + settings.device;
    $("sim-techview").hidden = !tech;
    $("sim-tech").setAttribute("aria-pressed", String(tech));
    document.body.classList.toggle("tech-on", tech);
  }

  function bindControls() {
    [["sim-mode", "mode"], ["sim-credit", "credit"], ["sim-device", "device"],
     ["sim-learner-name", "learnerName"], ["sim-learner-id", "learnerId"]].forEach(function (pair) {
      var input = $(pair[0]);
      input.value = settings[pair[1]];
      input.addEventListener("change", function () {
        settings[pair[1]] = input.value;
        save("sb-preview:settings", settings);
        applyView();
        schedule();
      });
    });
    document.querySelectorAll("#sim-moodle [data-m]").forEach(function (input) {
      input.addEventListener("change", function () { readMoodle(input); });
    });
    bindMoodle();
    $("sim-tech").addEventListener("click", function () {
      settings.tech = !settings.tech;
      save("sb-preview:settings", settings);
      applyView();
    });
    $("sim-relaunch").addEventListener("click", function () { run(reenter); });
    $("sim-new-attempt").addEventListener("click", function () { run(newAttempt); });
    $("sim-export").addEventListener("click", download);
    $("sim-hide-reads").addEventListener("change", function (e) {
      $("sim-log").classList.toggle("hide-reads", e.target.checked);
    });
    applyView();
  }

  // the labels: /messages answers the CLI's language and its catalogue (English where a label is missing)
  function translate(answer) {
    T = answer.messages || {};
    document.documentElement.lang = answer.lang || "en";
    document.documentElement.dir = answer.lang === "ar" ? "rtl" : "ltr";
    document.querySelectorAll("[data-t]").forEach(function (e) { e.textContent = t(e.getAttribute("data-t")); });
    document.querySelectorAll("[data-t-title]").forEach(function (e) { e.title = t(e.getAttribute("data-t-title")); });
  }

  // for tests and the curious: a read-only view of the simulator
  window.sim = {
    info: function () {
      return {generation: build && build.generation, sco: current, launch: session && session.n,
        state: session && session.state, entry: session && session.launch.entry, error: buildError,
        attempt: store && store.attempt, mode: session && session.launch.mode};
    },
    values: function () { return session ? Object.assign({}, session.values) : {}; },
    result: function () { return build && store ? M.result(storedAttempts(), store.attempt, moodle, scoKeys()) : null; },
    log: function () { return log.slice(); },
    exportSession: exportSession
  };

  bindControls();
  fetch("/messages").then(function (r) { return r.json(); }).then(translate, function () { /* English as written */ })
    .then(connect);
})();
