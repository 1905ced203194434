/* SCORM 1.2 data-model rules, written once: the preview's LMS simulator (simulator.js) enforces them, and any
 * test LMS host can load this same file. No dependencies, no DOM, no state: every function works on a flat map
 * of values {"cmi.core.lesson_status": "incomplete", "cmi.interactions.0.id": "q1", ...}.
 * Sources: SCORM 1.2 RTE; Moodle's mod/scorm/datamodels/scorm_12.js (checks, error codes, launch and finish
 * behaviour; see docs/moodle.md). Exports window.Scorm12Rules (or module.exports). */
(function (root) {
  "use strict";

  var ERRORS = {
    "0": "No error", "101": "General exception", "201": "Invalid argument error",
    "202": "Element cannot have children", "203": "Element not an array - cannot have count",
    "301": "Not initialized", "401": "Not implemented error", "402": "Invalid set value, element is a keyword",
    "403": "Element is read only", "404": "Element is write only", "405": "Incorrect data type"
  };

  // Moodle's regular expressions (scorm_12.js), copied exactly
  var RE = {
    CMIIdentifier: /^[\u0021-\u007E]{0,255}$/,
    CMIDecimal: /^-?([0-9]{0,3})(\.[0-9]*)?$/,
    CMISInteger: /^-?([0-9]+)$/,
    CMITimespan: /^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$/,
    CMITime: /^([0-2][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,2})?$/,
    CMIStatus: /^(passed|completed|failed|incomplete|browsed)$/,
    CMIStatus2: /^(passed|completed|failed|incomplete|browsed|not attempted)$/,
    CMIExit: /^(time-out|suspend|logout|)$/,
    CMIType: /^(true-false|choice|fill-in|matching|performance|sequencing|likert|numeric)$/,
    CMIResult: /^(correct|wrong|unanticipated|neutral|([0-9]{0,3})?(\.[0-9]*)?)$/
  };

  // What differs between LMSs. "moodle": Moodle's web player, whose CMIString256 and CMIString4096 both take
  // 64000 characters unless the admin turns on "scorm12standard"; "strict": the same checks held to SCORM 1.2's
  // 255/4096 (the Moodle app, most LMSs); "generic": the SCORM 1.2 text as written (any decimal, no 0-100 score
  // or -100-100 weighting range, identifiers without spaces).
  var STANDARD = {string255: 255, string4096: 4096};
  var PROFILES = {
    moodle: {label: "Moodle web (64000)", string255: 64000, string4096: 64000,
      identifier: RE.CMIIdentifier, decimal: RE.CMIDecimal, ranges: true},
    strict: {label: "Strict, Moodle app (4096)", string255: 255, string4096: 4096,
      identifier: RE.CMIIdentifier, decimal: RE.CMIDecimal, ranges: true},
    generic: {label: "Generic SCORM 1.2 (4096)", string255: 255, string4096: 4096,
      identifier: /^\S{0,255}$/, decimal: /^-?[0-9]*(\.[0-9]*)?$/, ranges: false}
  };

  // Value types: [check(value, profile), what a valid value looks like, length limit: key of the profile]
  function len(limit) {
    return [function (v, p) { return v.length <= p[limit]; }, "", limit];
  }
  function re(r, what) { return [function (v) { return r.test(v); }, what]; }
  function integer(lo, hi) {
    return [function (v) { return RE.CMISInteger.test(v) && +v >= lo && +v <= hi; }, "an integer " + lo + " to " + hi];
  }
  function decimal(lo, hi) {   // Moodle reads "" as 0 here, so "" passes
    return [function (v, p) { return p.decimal.test(v) && (!p.ranges || (+v >= lo && +v <= hi)); },
      "a decimal " + lo + " to " + hi + " (at most 3 integer digits)"];
  }
  var TYPES = {
    CMIString255: len("string255"),
    CMIString4096: len("string4096"),
    CMIFeedback: len("string255"),
    CMIIdentifier: [function (v, p) { return p.identifier.test(v); }, "printable ASCII without spaces, at most 255"],
    CMIScore: decimal(0, 100),
    Weighting: decimal(-100, 100),
    CMITimespan: re(RE.CMITimespan, "HHHH:MM:SS.SS (2-4 hour digits, at most 2 decimals)"),
    CMITime: re(RE.CMITime, "HH:MM:SS"),
    CMIStatus: re(RE.CMIStatus, "passed, completed, failed, incomplete or browsed"),
    CMIStatus2: re(RE.CMIStatus2, "passed, completed, failed, incomplete, browsed or not attempted"),
    CMIExit: re(RE.CMIExit, "time-out, suspend, logout or \"\""),
    CMIType: re(RE.CMIType, "true-false, choice, fill-in, matching, performance, sequencing, likert or numeric"),
    CMIResult: re(RE.CMIResult, "correct, wrong, unanticipated, neutral or a decimal"),
    Audio: integer(-1, 100), Speed: integer(-100, 100), Text: integer(-1, 1)
  };

  var CHILDREN = {
    "cmi": "core,suspend_data,launch_data,comments,objectives,student_data,student_preference,interactions",
    "cmi.core": "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
    "cmi.core.score": "raw,min,max",
    "cmi.objectives": "id,score,status",
    "cmi.objectives.n.score": "raw,min,max",
    "cmi.student_data": "mastery_score,max_time_allowed,time_limit_action",
    "cmi.student_preference": "audio,language,speed,text",
    "cmi.interactions": "id,objectives,time,type,correct_responses,weighting,student_response,result,latency"
  };

  // The data model: element (array indexes written as n) -> [access, type]
  var ELEMENTS = {
    "cmi.core.student_id": ["RO", "CMIIdentifier"],
    "cmi.core.student_name": ["RO", "CMIString255"],
    "cmi.core.lesson_location": ["RW", "CMIString255"],
    "cmi.core.credit": ["RO", "vocabulary"],
    "cmi.core.lesson_status": ["RW", "CMIStatus"],
    "cmi.core.entry": ["RO", "vocabulary"],
    "cmi.core.score.raw": ["RW", "CMIScore"],
    "cmi.core.score.min": ["RW", "CMIScore"],
    "cmi.core.score.max": ["RW", "CMIScore"],
    "cmi.core.total_time": ["RO", "CMITimespan"],
    "cmi.core.lesson_mode": ["RO", "vocabulary"],
    "cmi.core.exit": ["WO", "CMIExit"],
    "cmi.core.session_time": ["WO", "CMITimespan"],
    "cmi.suspend_data": ["RW", "CMIString4096"],
    "cmi.launch_data": ["RO", "CMIString4096"],
    "cmi.comments": ["RW", "CMIString4096"],
    "cmi.comments_from_lms": ["RO", "CMIString4096"],
    "cmi.student_data.mastery_score": ["RO", "CMIScore"],
    "cmi.student_data.max_time_allowed": ["RO", "CMITimespan"],
    "cmi.student_data.time_limit_action": ["RO", "vocabulary"],
    "cmi.student_preference.audio": ["RW", "Audio"],
    "cmi.student_preference.language": ["RW", "CMIString255"],
    "cmi.student_preference.speed": ["RW", "Speed"],
    "cmi.student_preference.text": ["RW", "Text"],
    "cmi.objectives.n.id": ["RW", "CMIIdentifier"],
    "cmi.objectives.n.score.raw": ["RW", "CMIScore"],
    "cmi.objectives.n.score.min": ["RW", "CMIScore"],
    "cmi.objectives.n.score.max": ["RW", "CMIScore"],
    "cmi.objectives.n.status": ["RW", "CMIStatus2"],
    "cmi.interactions.n.id": ["WO", "CMIIdentifier"],
    "cmi.interactions.n.objectives.n.id": ["WO", "CMIIdentifier"],
    "cmi.interactions.n.time": ["WO", "CMITime"],
    "cmi.interactions.n.type": ["WO", "CMIType"],
    "cmi.interactions.n.correct_responses.n.pattern": ["WO", "CMIFeedback"],
    "cmi.interactions.n.weighting": ["WO", "Weighting"],
    "cmi.interactions.n.student_response": ["WO", "CMIFeedback"],
    "cmi.interactions.n.result": ["WO", "CMIResult"],
    "cmi.interactions.n.latency": ["WO", "CMITimespan"]
  };
  var ARRAYS = ["cmi.objectives", "cmi.interactions", "cmi.interactions.n.objectives",
    "cmi.interactions.n.correct_responses"];
  var RANK = {"": 0, "not attempted": 0, browsed: 1, incomplete: 2, failed: 3, completed: 4, passed: 5};

  function answer(code, value, diagnostic) {
    return {code: code, value: value === undefined ? "" : value, diagnostic: diagnostic || ""};
  }

  // "cmi.interactions.3.correct_responses.0.pattern" -> "cmi.interactions.n.correct_responses.n.pattern"
  function model(el) { return String(el).replace(/\.\d+(?=\.|$)/g, ".n"); }

  // _count of an array ("cmi.interactions" or "cmi.interactions.2.objectives"): highest index used + 1
  function count(values, array) {
    var n = 0, prefix = array + ".", k, m;
    for (k in values) {
      if (k.indexOf(prefix) === 0 && (m = /^(\d+)\./.exec(k.slice(prefix.length)))) n = Math.max(n, +m[1] + 1);
    }
    return n;
  }

  function keyword(values, el) {
    var m = /^(.*)\.(_children|_count|_version)$/.exec(el), parent = m && model(m[1]);
    if (!m) return null;
    if (m[2] === "_version") return el === "cmi._version" ? answer("0", "3.4") : answer("201");
    if (m[2] === "_children") return CHILDREN[parent] ? answer("0", CHILDREN[parent]) : answer("202");
    return ARRAYS.indexOf(parent) >= 0 ? answer("0", String(count(values, m[1]))) : answer("203");
  }

  /* LMSGetValue: {code, value, diagnostic} */
  function get(values, el) {
    if (typeof el !== "string" || el === "") return answer("201", "", "no element named");
    var kw = keyword(values, el);
    if (kw) return kw.code === "0" ? kw : answer(kw.code, "", el + ": " + ERRORS[kw.code]);
    var def = ELEMENTS[model(el)];
    if (!def) return answer("201", "", el + " is not in the SCORM 1.2 data model");
    if (def[0] === "WO") return answer("404", "", el + " is write-only");
    return answer("0", values[el] == null ? "" : String(values[el]));
  }

  // Arrays grow only at n = _count, and a new element starts with its id (what Moodle and the tests expect)
  function checkIndexes(values, el) {
    var re = /\.(\d+)\./g, m, array, n, c;
    while ((m = re.exec(el))) {
      array = el.slice(0, m.index);
      n = +m[1];
      c = count(values, array);
      if (n > c) return array + "." + n + ": index beyond _count (" + c + "): arrays grow at n = _count";
      if (n === c && /^(cmi\.objectives|cmi\.interactions)$/.test(array) && el.slice(re.lastIndex) !== "id") {
        return el + ": a new " + array.slice(4) + " element must start with its .id";
      }
      re.lastIndex = m.index + 1;
    }
    return "";
  }

  /* LMSSetValue: {code, value (what to store), diagnostic}. Does not change `values`. */
  function set(values, el, value, profileName) {
    var p = PROFILES[profileName] || PROFILES.moodle, def, bad, type, v;
    if (typeof el !== "string" || el === "") return answer("201", "", "no element named");
    if (/\.(_children|_count|_version)$/.test(el)) return answer("402", "", el + " is a keyword");
    def = ELEMENTS[model(el)];
    if (!def) return answer("201", "", el + " is not in the SCORM 1.2 data model");
    if (def[0] === "RO") return answer("403", "", el + " is read-only");
    if ((bad = checkIndexes(values, el))) return answer("201", "", bad);
    v = value == null ? "" : String(value);
    type = TYPES[def[1]];
    if (!type[0](v, p)) return answer("405", "", el + ": " + typeError(type, v, p));
    // Moodle appends to cmi.comments instead of replacing it
    if (el === "cmi.comments" && values[el]) v = values[el] + v;
    return answer("0", v);
  }

  function typeError(type, v, p) {
    return type[2] ? v.length + " characters, over the limit of " + p[type[2]] : show(v) + " must be " + type[1];
  }

  function show(v) { return JSON.stringify(v.length > 60 ? v.slice(0, 60) + "…" : v); }

  /* What an LMS accepts but what breaks a course somewhere (launch: from launch() below) -> ["warning", ...].
   * values: the data model before this write (a downgrade is against the stored status or the session's own). */
  function lint(values, el, value, launch) {
    var out = [], st = launch && launch.stored ? launch.stored["cmi.core.lesson_status"] || "" : "";
    var now = values && values["cmi.core.lesson_status"] || "";
    if (RANK[now] > RANK[st]) st = now;
    if (typeof value !== "string") out.push(el + ": the value is a " + typeof value + ", not a string");
    if (launch && launch.readOnly && /^cmi\.core\.(lesson_status|score\.)/.test(el)) {
      out.push(el + " written in " + launch.mode + "/" + launch.credit + " mode: the stored attempt must not change");
    }
    if (el === "cmi.core.lesson_status" && RANK[value] < RANK[st]) {
      out.push("lesson_status downgraded from " + st + " to " + value);
    }
    var def = ELEMENTS[model(el)], limit = def && TYPES[def[1]] && TYPES[def[1]][2];
    if (limit && String(value).length > STANDARD[limit]) {
      out.push(el + " is " + String(value).length + " characters: over SCORM 1.2's " + STANDARD[limit] +
        " (the Moodle app and most LMSs refuse it)");
    }
    return out;
  }

  /* The launch an LMS gives a SCO (Moodle's rules). stored: the values kept from previous launches ({} for none);
   * opts: {mode: "auto"|"normal"|"review"|"browse", credit: "auto"|"credit"|"no-credit", attemptDone: bool} */
  function launch(stored, opts) {
    var has = stored && Object.keys(stored).length > 0;
    var mode = opts.mode && opts.mode !== "auto" ? opts.mode : opts.attemptDone ? "review" : "normal";
    var credit = opts.credit && opts.credit !== "auto" ? opts.credit : mode === "normal" ? "credit" : "no-credit";
    // resume only when the previous session left with exit=suspend
    var entry = !has ? "ab-initio" : stored["cmi.core.exit"] === "suspend" ? "resume" : "";
    return {mode: mode, credit: credit, entry: entry, readOnly: mode !== "normal" || credit === "no-credit",
      stored: stored || {}};
  }

  function done(status) { return status === "passed" || status === "completed" || status === "failed"; }

  /* What Moodle stores as lesson_status at LMSFinish: {status, reason} (reason "" when unchanged).
   * opts.masteryOverride: the activity's "Mastery score overrides status" (on unless false) */
  function finish(values, lch, mastery, opts) {
    var st = values["cmi.core.lesson_status"] || "", raw = values["cmi.core.score.raw"];
    var hasMastery = mastery != null && mastery !== "" && !(opts && opts.masteryOverride === false);
    if (lch.mode === "normal" && lch.credit === "credit" && hasMastery && raw != null && raw !== "") {
      var by = +raw >= +mastery ? "passed" : "failed";
      if (by !== st) return {status: by, reason: "mastery override: score " + raw + (by === "passed" ? " ≥ " : " < ") + mastery};
    }
    if (lch.mode === "browse" && (st === "" || st === "not attempted")) return {status: "browsed", reason: "browse mode"};
    if (st === "" || st === "not attempted") return {status: "completed", reason: "not attempted at LMSFinish"};
    return {status: st, reason: ""};
  }

  function seconds(span) {
    var m = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(span || "");
    return m ? +m[1] * 3600 + +m[2] * 60 + +m[3] : 0;
  }

  function pad(n, l) { n = String(n); while (n.length < l) n = "0" + n; return n; }

  /* total_time + session_time, as CMITimespan HHHH:MM:SS.SS */
  function addTime(a, b) {
    var cs = Math.round((seconds(a) + seconds(b)) * 100);
    return pad(Math.floor(cs / 360000), 4) + ":" + pad(Math.floor(cs / 6000) % 60, 2) + ":" +
      pad(Math.floor(cs / 100) % 60, 2) + "." + pad(cs % 100, 2);
  }

  var Rules = {
    ERRORS: ERRORS, RE: RE, PROFILES: PROFILES, TYPES: TYPES, ELEMENTS: ELEMENTS, RANK: RANK,
    STANDARD: STANDARD, model: model, count: count, get: get, set: set, lint: lint,
    launch: launch, done: done, finish: finish, addTime: addTime,
    errorString: function (code) { return ERRORS[String(code)] || ""; }
  };
  if (typeof module === "object" && module.exports) module.exports = Rules;
  else root.Scorm12Rules = Rules;
})(this);
