/* LMS side of the runtime tests: scorm-again's Scorm12API wrapped with a "Moodle profile".
 *
 * Configuration: location.hash = encodeURIComponent(JSON.stringify(cfg)), with
 *   sco        URL of the launch page, relative to this page (default "sco/index.html")
 *   prev       the tracks stored by the previous launch (window.lmsHost.tracks of that launch) or null
 *   mastery    adlcp:masteryscore read from the manifest (number or null)
 *   mode       lesson_mode to force ("normal" | "review" | "browse"); default: Moodle's rule (review once
 *              the attempt is finished: prev status passed/completed/failed), else normal
 *   credit     "credit" | "no-credit"; default: no-credit in review mode, else credit
 *   student    {id, name}
 *   noApi      true: no window.API at all
 *   nest       put the SCO that many frames deeper (frame.html in between); popup: open it with window.open
 *   faults     {LMSSetValue|LMSCommit|LMSInitialize|LMSFinish|LMSGetValue:
 *                {mode: "false" | "throw" | "slow", ms, times, match}}  (times: how many calls fail, default all;
 *                match: only calls whose first argument contains this string)
 *   storeKey   localStorage key where the tracks are saved at each commit (default "lmshost")
 *
 * What it records (window.lmsHost):
 *   calls      [{fn, args, ret, err, t}] every API call (err = LMSGetLastError after the call)
 *   violations ["..."] Moodle-profile violations (the call then returns "false" with error 405/201/101)
 *   commits    [{fn, tracks}] the tracks after each successful LMSCommit/LMSFinish
 *   tracks     what reached the LMS (values set, merged at each successful commit/finish) -> relaunch with it
 *   launch     the launch data given to the SCO; finished: LMSFinish succeeded; override: mastery override
 * The tracks are also saved in localStorage[storeKey] at each commit, so they survive a closed tab.
 */
(function () {
  "use strict";
  var cfg = {};
  try { cfg = JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}"); } catch (e) { cfg = {}; }
  var H = window.lmsHost = {cfg: cfg, calls: [], violations: [], commits: [], tracks: {}, pending: {},
    launch: {}, finished: false, initialized: false, override: null, loaded: false};
  var storeKey = cfg.storeKey || "lmshost";

  // ---- Moodle's checks (mod/scorm/datamodels/scorm_12.js) ----
  var RE = {
    CMIIdentifier: /^[\u0021-\u007E]{0,255}$/,
    CMIDecimal: /^-?([0-9]{0,3})(\.[0-9]*)?$/,
    CMITimespan: /^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$/,
    CMITime: /^([0-2][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,2})?$/,
    CMIStatus: /^(passed|completed|failed|incomplete|browsed)$/,
    CMIStatus2: /^(passed|completed|failed|incomplete|browsed|not attempted)$/,
    CMIExit: /^(time-out|suspend|logout|)$/,
    CMIType: /^(true-false|choice|fill-in|matching|performance|sequencing|likert|numeric)$/,
    CMIResult: /^(correct|wrong|unanticipated|neutral|-?([0-9]{1,4})(\.[0-9]{1,18})?)$/
  };
  function str(max) { return function (v) { return v.length <= max; }; }
  function re(r) { return function (v) { return r.test(v); }; }
  function score(v) { return RE.CMIDecimal.test(v) && (v === "" || (+v >= 0 && +v <= 100)); }
  var RULES = [
    [/^cmi\.core\.lesson_location$/, str(255)],
    [/^cmi\.core\.lesson_status$/, re(RE.CMIStatus)],
    [/^cmi\.core\.exit$/, re(RE.CMIExit)],
    [/^cmi\.core\.score\.(raw|min|max)$/, score],
    [/^cmi\.core\.session_time$/, re(RE.CMITimespan)],
    [/^cmi\.suspend_data$/, str(4096)],
    [/^cmi\.objectives\.\d+\.id$/, re(RE.CMIIdentifier)],
    [/^cmi\.objectives\.\d+\.score\.(raw|min|max)$/, score],
    [/^cmi\.objectives\.\d+\.status$/, re(RE.CMIStatus2)],
    [/^cmi\.interactions\.\d+\.id$/, re(RE.CMIIdentifier)],
    [/^cmi\.interactions\.\d+\.objectives\.\d+\.id$/, re(RE.CMIIdentifier)],
    [/^cmi\.interactions\.\d+\.time$/, re(RE.CMITime)],
    [/^cmi\.interactions\.\d+\.type$/, re(RE.CMIType)],
    [/^cmi\.interactions\.\d+\.correct_responses\.\d+\.pattern$/, str(255)],
    [/^cmi\.interactions\.\d+\.student_response$/, str(255)],
    [/^cmi\.interactions\.\d+\.weighting$/, re(RE.CMIDecimal)],
    [/^cmi\.interactions\.\d+\.result$/, re(RE.CMIResult)],
    [/^cmi\.interactions\.\d+\.latency$/, re(RE.CMITimespan)]
  ];

  // arrays: a new element is appended at n = _count and its id is set first
  function arrayCheck(el) {
    var m = /^cmi\.(objectives|interactions)\.(\d+)\.(.*)$/.exec(el);
    if (!m) return null;
    var n = +m[2], count = +api.cmi[m[1]].childArray.length;
    if (n > count) return el + ": index " + n + " > _count " + count;
    if (n === count && m[3] !== "id") return el + ": new " + m[1] + " element must start with .id";
    return null;
  }

  function profile(el, v) {
    if (typeof v !== "string") return el + ": value is not a string (" + typeof v + ")";
    for (var i = 0; i < RULES.length; i++) {
      if (RULES[i][0].test(el)) {
        if (!RULES[i][1](v)) return el + ": bad value " + JSON.stringify(v.length > 80 ? v.slice(0, 80) + "…" : v);
        return arrayCheck(el);
      }
    }
    return null;
  }

  // ---- time helpers ----
  function secs(ts) {
    var m = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(ts || "");
    return m ? +m[1] * 3600 + +m[2] * 60 + +m[3] : 0;
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function ts(s) {
    var cs = Math.round(s * 100), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60;
    var r = (cs % 6000) / 100;
    return (h < 10 ? "000" : h < 100 ? "00" : h < 1000 ? "0" : "") + h + ":" + pad(m) + ":" + (r < 10 ? "0" : "") + r.toFixed(2);
  }

  // ---- launch data (Moodle's rules) ----
  var prev = cfg.prev || null;
  var launch = H.launch;
  var prevStatus = prev ? prev["cmi.core.lesson_status"] || "" : "";
  var done = prevStatus === "passed" || prevStatus === "completed" || prevStatus === "failed";
  launch.mode = cfg.mode || (done ? "review" : "normal");
  launch.credit = cfg.credit || (launch.mode === "review" ? "no-credit" : "credit");
  launch.entry = !prev ? "ab-initio" : (prev["cmi.core.exit"] === "suspend" ? "resume" : "");
  var student = cfg.student || {id: "s1001", name: "Tester, Amal"};
  var load = {
    "cmi.core.student_id": student.id,
    "cmi.core.student_name": student.name,
    "cmi.core.entry": launch.entry,
    "cmi.core.lesson_mode": launch.mode,
    "cmi.core.credit": launch.credit,
    "cmi.core.total_time": prev && prev["cmi.core.total_time"] ? prev["cmi.core.total_time"] : "0000:00:00.00"
  };
  if (cfg.mastery != null) load["cmi.student_data.mastery_score"] = String(cfg.mastery);
  if (prev) {
    for (var k in prev) {
      if (/^cmi\.core\.(lesson_status|lesson_location|score\.(raw|min|max))$|^cmi\.suspend_data$|^cmi\.objectives\.|^cmi\.interactions\./.test(k)) {
        load[k] = prev[k];
      }
    }
  }
  H.launch.data = load;
  var api = null;

  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify({tracks: H.tracks, finished: H.finished, commits: H.commits.length})); }
    catch (e) { H.violations.push("host could not save: " + e); }
  }

  // start from the previous tracks (Moodle keeps them between launches)
  if (prev) { for (var p in prev) H.tracks[p] = prev[p]; }

  if (!cfg.noApi) {
    api = new window.Scorm12API({logLevel: 5, autocommit: false, mastery_override: false, sendFullCommit: true});
    // loadFromFlattenedJSON wants array elements in order, ids first: sort by index then id first
    var keys = Object.keys(load).sort(function (a, b) {
      var ma = /^cmi\.(\w+)\.(\d+)\.(.*)$/.exec(a), mb = /^cmi\.(\w+)\.(\d+)\.(.*)$/.exec(b);
      if (!ma || !mb) return ma ? 1 : mb ? -1 : 0;
      if (ma[1] !== mb[1]) return ma[1] < mb[1] ? -1 : 1;
      if (+ma[2] !== +mb[2]) return +ma[2] - +mb[2];
      return (ma[3] === "id" ? 0 : 1) - (mb[3] === "id" ? 0 : 1);
    });
    var flat = {};
    keys.forEach(function (key) { flat[key] = load[key]; });
    api.loadFromFlattenedJSON(flat);
    if (cfg.mastery == null) api.cmi.student_data.mastery_score = "";

    var orig = {}, fake = null;
    var NAMES = ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
      "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"];
    NAMES.forEach(function (n) { orig[n] = api[n]; });
    var faultCount = {};

    var fault = function (name, args) {
      var f = cfg.faults && cfg.faults[name];
      if (!f) return null;
      if (f.match && String(args[0]).indexOf(f.match) < 0) return null;
      faultCount[name] = (faultCount[name] || 0) + 1;
      if (f.times != null && faultCount[name] > f.times) return null;
      return f;
    };

    var record = function (name, args, ret, err) {
      H.calls.push({fn: name, args: args, ret: ret, err: err, t: Date.now()});
    };

    var mergePending = function () {
      for (var el in H.pending) H.tracks[el] = H.pending[el];
      H.pending = {};
    };

    var wrapped = function (name) {
      return function () {
        var args = Array.prototype.slice.call(arguments);
        if (/^LMSGet(LastError|ErrorString|Diagnostic)$/.test(name)) {
          var r0 = name === "LMSGetLastError" && fake !== null ? fake : orig[name].apply(api, args);
          if (name !== "LMSGetLastError") record(name, args, r0, null);
          return r0;
        }
        fake = null;
        if (H.finished) {
          H.violations.push(name + "(" + JSON.stringify(args) + ") after LMSFinish");
          fake = "101";
          record(name, args, name === "LMSGetValue" ? "" : "false", fake);
          return name === "LMSGetValue" ? "" : "false";
        }
        var f = fault(name, args);
        if (f && f.mode === "slow") {
          var until = Date.now() + (f.ms || 300);
          while (Date.now() < until) { /* busy-wait: a slow synchronous LMS */ }
        } else if (f && f.mode === "throw") {
          record(name, args, "THROW", null);
          throw new Error("test LMS: " + name + " exploded");
        } else if (f && f.mode === "false") {
          fake = "101";
          record(name, args, "false", fake);
          return "false";
        }
        if (name === "LMSSetValue") {
          var bad = profile(String(args[0]), args[1]);
          if (bad) {
            H.violations.push(bad);
            fake = /index|must start/.test(bad) ? "201" : "405";
            record(name, args, "false", fake);
            return "false";
          }
        }
        if (name === "LMSFinish" && H.initialized) {
          // Moodle (StoreData at LMSFinish): mastery override in normal mode with credit
          var st = api.cmi.core.lesson_status, raw = api.cmi.core.score.raw, before = st;
          if (launch.mode === "normal" && launch.credit === "credit" && cfg.mastery != null && raw !== "") {
            st = +raw >= +cfg.mastery ? "passed" : "failed";
          }
          if (launch.mode === "browse" && (st === "not attempted" || st === "") && !prevStatus) st = "browsed";
          if (st === "not attempted" || st === "") st = "completed";
          if (st !== before) {
            api.cmi.core.lesson_status = st;
            H.pending["cmi.core.lesson_status"] = st;
            H.override = {before: before, after: st};
          }
        }
        var ret = orig[name].apply(api, args);
        var err = String(orig.LMSGetLastError.call(api));
        record(name, args, ret, err);
        if (ret === "true") {
          if (name === "LMSInitialize") H.initialized = true;
          if (name === "LMSSetValue") H.pending[args[0]] = String(args[1]);
          if (name === "LMSSetValue" && args[0] === "cmi.core.session_time") H.sessionTime = String(args[1]);
          if (name === "LMSCommit" || name === "LMSFinish") {
            if (name === "LMSFinish") {
              // Moodle adds the last session_time of this launch into total_time
              if (H.sessionTime != null) {
                H.pending["cmi.core.total_time"] = ts(secs(load["cmi.core.total_time"]) + secs(H.sessionTime));
              }
              H.finished = true;
            }
            mergePending();
            H.commits.push({fn: name, tracks: JSON.parse(JSON.stringify(H.tracks))});
            save();
          }
        }
        return ret;
      };
    };
    NAMES.forEach(function (n) { api[n] = wrapped(n); });
    window.API = api;
  }
  H.api = api;

  function mount() {
    var src = cfg.sco || "sco/index.html";
    if (cfg.popup) {  // Moodle's "new window" display: the SCO finds the API through window.opener
      H.popup = window.open(src, "scorm_popup");
      H.loaded = true;
      return;
    }
    var f = document.createElement("iframe");
    f.id = "scorm_object";
    f.name = "scorm_object";
    f.title = "SCO";
    // nest: the SCO sits that many frames deeper (frame.html pages in between)
    f.src = cfg.nest ? "frame.html?depth=" + cfg.nest + "&src=" + encodeURIComponent(src) : src;
    f.addEventListener("load", function () { H.loaded = true; });
    document.body.appendChild(f);
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
