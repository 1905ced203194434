/* LMS side of the runtime tests: scorm-again's Scorm12API (the LMS implementation) wrapped with a "Moodle profile".
 *
 * The profile is not written here: every check and Moodle behaviour comes from the shared SCORM 1.2 rules,
 * templates/preview/scorm12-rules.js (window.Scorm12Rules, also used by the `preview` simulator), which
 * host.html loads before this file:
 *   Scorm12Rules.set     every LMSSetValue: element, access, array index, value type/vocabulary/range/length
 *   Scorm12Rules.get     every LMSGetValue: element and access (a write-only element cannot be read)
 *   Scorm12Rules.lint    accepted values that break a course elsewhere (downgrade, write in review, not a string)
 *   Scorm12Rules.launch  lesson_mode, credit and entry (resume only after exit=suspend)
 *   Scorm12Rules.finish  LMSFinish: mastery override, browsed, not attempted -> completed
 *   Scorm12Rules.addTime total_time + session_time at LMSFinish
 * A call the rules refuse is a violation: the host answers "false" ("" for LMSGetValue) with the rules' error code
 * and diagnostic, and scorm-again never sees it. Calls the rules accept go to scorm-again, which may refuse more.
 *
 * Configuration: location.hash = encodeURIComponent(JSON.stringify(cfg)), with
 *   sco        URL of the launch page, relative to this page (default "sco/index.html")
 *   prev       the tracks stored by the previous launch (window.lmsHost.tracks of that launch) or null
 *   mastery    adlcp:masteryscore read from the manifest (number or null)
 *   profile    a profile of Scorm12Rules.PROFILES (default "strict": Moodle's checks with SCORM's 255/4096
 *              limits, what the Moodle app enforces)
 *   mode       lesson_mode to force ("normal" | "review" | "browse"); default: Moodle's rule (review once
 *              the attempt is finished: prev status passed/completed/failed), else normal
 *   credit     "credit" | "no-credit"; default: credit in normal mode, else no-credit
 *   student    {id, name}
 *   noApi      true: no window.API at all
 *   nest       put the SCO that many frames deeper (frame.html in between); popup: open it with window.open
 *   getValues  {element: value}: LMSGetValue answers these values as given, of any JSON type (an LMS with its
 *              own spelling of the data model: lesson_mode "Normal", an object...); the launch is unchanged
 *   faults     {LMSSetValue|LMSCommit|LMSInitialize|LMSFinish|LMSGetValue:
 *                {mode: "false" | "throw" | "slow", ms, times, match}}  (times: how many calls fail, default all;
 *                match: only calls whose first argument contains this string)
 *   storeKey   localStorage key where the tracks are saved at each commit (default "lmshost")
 *   server     URL of the test LMS's store (LmsServer in lms_harness.py). Given, LMSCommit/LMSFinish work like
 *              Moodle's StoreData + DoRequest (mod/scorm/datamodels/scorm_12.js, mod/scorm/request.js): the
 *              values changed since they were last sent (marked sent before the request, as Moodle does) go
 *              there by synchronous XMLHttpRequest, and the call answers "false" (101) when it fails. Chromium
 *              refuses a synchronous request during page dismissal (pagehide, visibilitychange after it), so
 *              a commit made then is lost, as in Moodle without its beacon fallback.
 *   beacon     with server: a failed request is sent again with navigator.sendBeacon and answers "true"
 *              without waiting, the fallback of Moodle's request.js
 *   time       with server: "finish" (default, Moodle): cmi.core.session_time is never sent; LMSFinish sends
 *              total_time = launch total_time + session_time. "last": session_time goes with each commit and
 *              the LMS adds the last value into total_time when the session ends (LmsServer does)
 *
 * What it records (window.lmsHost):
 *   calls      [{fn, args, ret, err, t}] every API call (err = LMSGetLastError after the call)
 *   violations ["..."] calls the profile refused (and any call after LMSFinish)
 *   warnings   ["..."] Scorm12Rules.lint on the values accepted
 *   commits    [{fn, tracks}] the tracks after each successful LMSCommit/LMSFinish
 *   tracks     what reached the LMS (values set, merged at each successful commit/finish) -> relaunch with it
 *   lost       ["LMSCommit: NetworkError", ...] requests to the server that failed (with server)
 *   values     the data model of this launch, as the rules see it (launch data + values accepted)
 *   launch     Scorm12Rules.launch() + data (the launch data given to the SCO)
 *   profile    the profile in use; finished: LMSFinish succeeded (with server: was called, the session is over)
 *   override   {before, after, reason}: the status Moodle changed at LMSFinish (Scorm12Rules.finish)
 * The tracks are also saved in localStorage[storeKey] at each commit, so they survive a closed tab.
 */
(function () {
  "use strict";
  var cfg = {};
  try { cfg = JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}"); } catch (e) { cfg = {}; }
  var H = window.lmsHost = {cfg: cfg, calls: [], violations: [], warnings: [], commits: [], tracks: {}, pending: {},
    launch: {}, finished: false, initialized: false, override: null, loaded: false, lost: []};
  var storeKey = cfg.storeKey || "lmshost";

  // ---- the Moodle profile: every rule comes from the shared file (templates/preview/scorm12-rules.js) ----
  var R = window.Scorm12Rules;
  if (!R) throw new Error("lms_host.js: scorm12-rules.js is not loaded (window.Scorm12Rules missing)");
  var profile = cfg.profile || "strict";
  if (!R.PROFILES.hasOwnProperty(profile)) throw new Error("lms_host.js: unknown profile " + JSON.stringify(profile));
  H.profile = profile;

  // ---- launch data (Moodle's rules: R.launch) ----
  // review once the attempt is finished; entry "resume" only after exit=suspend
  var prev = cfg.prev || null;
  var launch = H.launch = R.launch(prev || {}, {mode: cfg.mode || "auto", credit: cfg.credit || "auto",
    attemptDone: R.done(prev ? prev["cmi.core.lesson_status"] : "")});
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
  // the data model as the rules see it (flat): the launch data, then every value the LMS accepted
  var values = H.values = {"cmi.core.lesson_status": "not attempted"};
  for (var v in load) values[v] = load[v];
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

    var orig = {}, fake = null, fakeDiagnostic = null;  // fake: error code of a call the host refused itself
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

    var timeRule = cfg.time || "finish", sent = {};
    for (var l in load) sent[l] = load[l];

    // Moodle's DoRequest: a synchronous POST; request.js's fallback (cfg.beacon) when it throws
    var post = function (name, data) {
      var body = JSON.stringify({fn: name, data: data}), x = new XMLHttpRequest();
      try {
        x.open("POST", cfg.server, false);
        x.setRequestHeader("Content-Type", "application/json");
        x.send(body);
        if (x.status === 200 && /^true/.test(x.responseText)) return true;
        H.lost.push(name + ": HTTP " + x.status);
      } catch (e) {
        H.lost.push(name + ": " + e.name);
        if (cfg.beacon) return navigator.sendBeacon(cfg.server + "&via=beacon", body);
      }
      return false;
    };

    // what reaches the LMS at a commit or finish; false: the request failed
    var store = function (name) {
      var data = {}, el, t = values["cmi.core.session_time"];
      // Moodle adds the last session_time of this launch into total_time at LMSFinish (TotalTime)
      if (name === "LMSFinish" && t != null && timeRule === "finish") {
        H.pending["cmi.core.total_time"] = R.addTime(load["cmi.core.total_time"], t);
      }
      for (el in H.pending) {
        if (!cfg.server) data[el] = H.pending[el];
        // Moodle's CollectData: never session_time, and only what changed since it was last sent, marked sent
        // before the request (a failed request is not sent again)
        else if (!(el === "cmi.core.session_time" && timeRule === "finish") && H.pending[el] !== sent[el]) {
          data[el] = sent[el] = H.pending[el];
        }
      }
      H.pending = {};
      if (cfg.server && !post(name, data)) return false;
      for (el in data) H.tracks[el] = data[el];
      return true;
    };

    var wrapped = function (name) {
      return function () {
        var args = Array.prototype.slice.call(arguments);
        if (/^LMSGet(LastError|ErrorString|Diagnostic)$/.test(name)) {
          var r0 = name === "LMSGetLastError" && fake !== null ? fake
            : name === "LMSGetDiagnostic" && fakeDiagnostic !== null && (args[0] == null || args[0] === "" || String(args[0]) === fake)
              ? fakeDiagnostic : orig[name].apply(api, args);
          if (name !== "LMSGetLastError") record(name, args, r0, null);
          return r0;
        }
        fake = fakeDiagnostic = null;
        if (H.finished) {
          H.violations.push(name + "(" + JSON.stringify(args) + ") after LMSFinish");
          fake = "101";
          record(name, args, name === "LMSGetValue" ? "" : "false", fake);
          return name === "LMSGetValue" ? "" : "false";
        }
        if (name === "LMSGetValue" && cfg.getValues && cfg.getValues.hasOwnProperty(args[0])) {
          record(name, args, cfg.getValues[args[0]], "0");
          return cfg.getValues[args[0]];
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
        var check = null;
        if (name === "LMSSetValue") check = R.set(values, args[0], args[1], profile);
        if (name === "LMSGetValue") check = R.get(values, args[0]);
        if (check && check.code !== "0") {
          // Moodle would refuse it: a violation of the profile, whatever scorm-again says
          H.violations.push(name + ": " + check.diagnostic);
          fake = check.code;
          fakeDiagnostic = check.diagnostic;
          var refused = name === "LMSGetValue" ? "" : "false";
          record(name, args, refused, fake);
          return refused;
        }
        if (name === "LMSFinish" && H.initialized) {
          // Moodle's StoreData at LMSFinish: mastery override, browsed, not attempted -> completed
          var fin = R.finish(values, launch, cfg.mastery);
          if (fin.reason) {
            H.override = {before: values["cmi.core.lesson_status"] || "", after: fin.status, reason: fin.reason};
            api.cmi.core.lesson_status = values["cmi.core.lesson_status"] = fin.status;
            H.pending["cmi.core.lesson_status"] = fin.status;
          }
        }
        var ret = orig[name].apply(api, args);
        var err = String(orig.LMSGetLastError.call(api));
        if (ret === "true" && (name === "LMSCommit" || name === "LMSFinish")) {
          if (name === "LMSFinish") H.finished = true;  // Moodle ends the session before it stores
          if (!store(name)) ret = "false", err = fake = "101";
        }
        record(name, args, ret, err);
        if (ret === "true") {
          if (name === "LMSInitialize") H.initialized = true;
          if (name === "LMSSetValue") {
            // what an LMS accepts but what breaks a course somewhere (downgrade, write in review, not a string)
            R.lint(values, args[0], args[1], launch).forEach(function (w) { H.warnings.push(w); });
            values[args[0]] = H.pending[args[0]] = check.value;
          }
          if (name === "LMSCommit" || name === "LMSFinish") {
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
