/* What Moodle 5.0 records for a SCORM 1.2 activity: the grade the gradebook gets, the activity completion and
 * the mode and attempt of the next entry, from the values the SCOs stored and the activity's settings.
 * No DOM, no state: simulator.js shows the answer live, node --test checks it (tests/js/).
 * Sources (mod/scorm of Moodle 5.0, see docs/moodle.md "What the preview computes"):
 *   locallib.php scorm_grade_user_attempt, scorm_grade_user, scorm_get_attempt_count,
 *                scorm_get_last_completed_attempt, scorm_insert_track; lib.php scorm_check_mode, scorm_grade_item_update,
 *                scorm_status_options; classes/completion/custom_completion.php get_state.
 * attempts: {"1": {scoKey: {"cmi.core.lesson_status": "passed", ...}}, "2": {...}}: what each attempt stored.
 * Exports window.MoodleResult (or module.exports). */
(function (root) {
  "use strict";

  var DEFAULTS = {
    masteryOverride: true,     // "Mastery score overrides status"
    grademethod: "highest",    // "Grading method": highest | average | sum | scoes ("Learning objects")
    maxgrade: 100,             // "Maximum grade"
    maxattempt: 0,             // "Number of attempts": 0 = unlimited
    whatgrade: "highest",      // "Attempts grading": highest | average | first | last
    forcenewattempt: "no",     // "Force new attempt": no | oncomplete | always
    display: "current",        // "Display package": current | popup ("New window")
    standards: "strict",       // site setting "SCORM standards mode": strict (on, 4096) | moodle (off, 64000)
                               // | generic (another LMS): a profile of scorm12-rules.js
    completionStatus: "",      // "Require status": "" | passed | completed | both
    completionScore: "",       // "Require minimum score": "" or a number
    completionAllScos: false   // "Require all scos to return completion status"
  };
  var STATUS_BITS = {passed: 2, completed: 4};   // scorm_status_options(): the ids are bits
  var REQUIRED_BITS = {passed: 2, completed: 4, both: 6};

  // PHP's empty(): "" and "0" are empty (so a raw score of "0" is left out of the grade), "0.0" is not
  function phpEmpty(v) { return v == null || v === "" || v === "0"; }

  function numbers(attempts) {
    return Object.keys(attempts || {}).map(Number).filter(function (n) { return n > 0; }).sort(function (a, b) { return a - b; });
  }

  function tracked(attempt) {
    return Object.keys(attempt || {}).filter(function (k) { return Object.keys(attempt[k]).length > 0; });
  }

  /* scorm_grade_user_attempt: the grade of one attempt */
  function attemptGrade(attempt, method) {
    var scoes = 0, values = 0, sum = 0, max = 0;
    tracked(attempt).forEach(function (key) {
      var v = attempt[key], status = v["cmi.core.lesson_status"], raw = v["cmi.core.score.raw"];
      if (status === "completed" || status === "passed") scoes++;
      if (!phpEmpty(raw)) {
        values++;
        sum += parseFloat(raw) || 0;
        max = Math.max(max, parseFloat(raw) || 0);
      }
    });
    if (method === "average") return values > 0 ? sum / values : 0;
    if (method === "sum") return sum;
    if (method === "scoes") return scoes;
    return max;
  }

  // scorm_get_last_completed_attempt: the last attempt holding any value "completed" or "passed", else 1
  function lastCompleted(attempts) {
    var found = 1;
    numbers(attempts).forEach(function (n) {
      tracked(attempts[n]).forEach(function (key) {
        var v = attempts[n][key];
        if (Object.keys(v).some(function (k) { return v[k] === "completed" || v[k] === "passed"; })) found = n;
      });
    });
    return found;
  }

  // scorm_insert_track updates the gradebook only when a score.raw, or a status completed or passed, is stored
  function graded(attempts) {
    return numbers(attempts).some(function (n) {
      return tracked(attempts[n]).some(function (k) {
        var v = attempts[n][k], st = v["cmi.core.lesson_status"];
        return "cmi.core.score.raw" in v || st === "completed" || st === "passed";
      });
    });
  }

  /* scorm_grade_user: the grade across attempts; null while the gradebook has none */
  function userGrade(attempts, s) {
    var all = numbers(attempts), last = all.length ? all[all.length - 1] : 1, n, grade = 0;
    if (!graded(attempts)) return null;
    var capped = s.maxattempt > 0 && last >= s.maxattempt ? s.maxattempt : last;
    var g = function (a) { return attemptGrade(attempts[a] || {}, s.grademethod); };
    if (s.whatgrade === "first") return g(all[0] || 1);
    if (s.whatgrade === "last") return g(lastCompleted(attempts));
    if (s.whatgrade === "average") {
      // only attempts that stored the grading element count (MDL-43222), but all attempts are summed
      var element = s.grademethod === "scoes" ? "cmi.core.lesson_status" : "cmi.core.score.raw";
      var counted = all.filter(function (a) {
        return tracked(attempts[a]).some(function (k) { return element in attempts[a][k]; });
      }).length;
      if (!counted) return 0;
      for (n = 1; n <= last; n++) grade += g(n);
      return phpRound(grade / counted);
    }
    for (n = 1; n <= capped; n++) grade = Math.max(grade, g(n));
    return grade;
  }

  function phpRound(x) { return x < 0 ? -Math.round(-x) : Math.round(x); }

  /* scorm_grade_item_update: the grade's maximum ("Learning objects": the number of SCOs) */
  function gradeMax(s, scoCount) { return s.grademethod === "scoes" ? scoCount : +s.maxgrade; }

  /* custom_completion::get_state for each rule switched on; tracks of every attempt count */
  function completion(attempts, s, scoKeys) {
    var rules = [], tracks = [];
    numbers(attempts).forEach(function (n) {
      tracked(attempts[n]).forEach(function (key) { tracks.push({sco: key, values: attempts[n][key]}); });
    });
    var statuses = tracks.map(function (t) { return {sco: t.sco, status: t.values["cmi.core.lesson_status"]}; })
      .filter(function (t) { return t.status in STATUS_BITS; });
    if (s.completionStatus) {
      var bits = 0, want = REQUIRED_BITS[s.completionStatus];
      statuses.forEach(function (t) { bits |= STATUS_BITS[t.status]; });
      rules.push({rule: "status", met: (bits & want) === want});
    }
    if (s.completionScore !== "" && s.completionScore != null) {
      rules.push({rule: "score", met: tracks.some(function (t) {
        var raw = t.values["cmi.core.score.raw"];
        return raw != null && String(raw).length > 0 && parseFloat(raw) >= +s.completionScore;
      })});
    }
    if (s.completionAllScos) {
      rules.push({rule: "allscos", met: scoKeys.every(function (k) {
        return statuses.some(function (t) { return t.sco === k; });
      })});
    }
    // not met and no attempt left: "complete, failed" (COMPLETION_COMPLETE_FAIL)
    var noneLeft = s.maxattempt > 0 && numbers(attempts).length >= s.maxattempt;
    rules.forEach(function (r) { r.state = r.met ? "complete" : noneLeft ? "failed" : "incomplete"; });
    var state = !rules.length ? "none" : rules.every(function (r) { return r.state === "complete"; }) ? "complete" :
      rules.some(function (r) { return r.state === "incomplete"; }) ? "incomplete" : "failed";
    return {state: state, rules: rules};
  }

  // every SCO completed, passed or failed in this attempt (scorm_check_mode's "incomplete" is the opposite)
  function attemptDone(attempt, scoKeys) {
    return scoKeys.length > 0 && scoKeys.every(function (k) {
      var st = attempt && attempt[k] && attempt[k]["cmi.core.lesson_status"];
      return st === "completed" || st === "passed" || st === "failed";
    });
  }

  /* scorm_check_mode: entering the activity again. wantNew: the learner ticked "Start a new attempt".
   * -> {attempt, mode, newAttempt} */
  function enter(attempts, current, s, scoKeys, wantNew) {
    var hasData = numbers(attempts).some(function (n) { return tracked(attempts[n]).length; });
    if (s.forcenewattempt === "always") {   // no check against "Number of attempts" here, as in Moodle
      return current === 1 && !hasData ? {attempt: 1, mode: "normal", newAttempt: false} :
        {attempt: current + 1, mode: "normal", newAttempt: true};
    }
    var incomplete = !attemptDone(attempts[current], scoKeys);
    var newAttempt = incomplete ? false : s.forcenewattempt === "oncomplete" ? true : !!wantNew;
    if (newAttempt && (current < s.maxattempt || +s.maxattempt === 0)) {
      return {attempt: current + 1, mode: "normal", newAttempt: true};
    }
    return {attempt: current, mode: incomplete ? "normal" : "review", newAttempt: false};
  }

  /* Everything the result view shows */
  function result(attempts, current, settings, scoKeys) {
    var s = Object.assign({}, DEFAULTS, settings), grade = userGrade(attempts, s);
    var statuses = scoKeys.map(function (k) {
      var v = (attempts[current] || {})[k] || {};
      return v["cmi.core.lesson_status"] || "not attempted";
    });
    var made = numbers(attempts).filter(function (n) { return tracked(attempts[n]).length; }).length;
    return {
      grade: grade, max: gradeMax(s, scoKeys.length), statuses: statuses,
      completion: completion(attempts, s, scoKeys), attempt: current, attemptsMade: made,
      attemptsLeft: +s.maxattempt === 0 ? Infinity : Math.max(0, s.maxattempt - made),
      done: attemptDone(attempts[current], scoKeys)
    };
  }

  var MoodleResult = {DEFAULTS: DEFAULTS, attemptGrade: attemptGrade, userGrade: userGrade, gradeMax: gradeMax,
    completion: completion, attemptDone: attemptDone, enter: enter, result: result, lastCompleted: lastCompleted};
  if (typeof module === "object" && module.exports) module.exports = MoodleResult;
  else root.MoodleResult = MoodleResult;
})(this);
