/* SB.answers: how the answers a learner gives are read: as typed, and as saved progress read back from the LMS.
 * Pure functions, no DOM, no state.
 *
 * Loaded before sb-app.js in every package; in node, require()d by the tests (tests/js/). Plain ES5.
 * The folding table and the number rules are documented for trainers in docs/authoring.md ("How typed answers
 * are compared"); the examples written there are tests (tests/js/answers.test.js), so keep the two in step.
 * Saved progress (resume) is tested in tests/js/resume.test.js. */
(function (root) {
  "use strict";

  // Arabic-Indic (U+0660) and Persian (U+06F0) digits: both blocks start at a multiple of 16, hence "% 16"
  var DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g,
      // marks that only steer the direction of text: invisible, and never part of what was meant
      BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

  function digit(d) {
    return String(d.charCodeAt(0) % 16);
  }

  // What Arabic writing varies freely, folded to one form (the table of docs/authoring.md)
  var FOLDS = [
    [/[\u064B-\u065F\u0670\u06D6-\u06ED]/g, ""],  // diacritics (tashkeel, shadda, sukun, Quranic marks)
    [/\u0640/g, ""],                              // tatweel
    [/[\u0622\u0623\u0625\u0671]/g, "\u0627"],    // آ أ إ ٱ -> ا
    [/[\u0624\u0626]/g, "\u0621"],                // ؤ ئ -> ء: a hamza counts, whatever its seat
    [/[\u0649\u06CC]/g, "\u064A"],                // ى (alef maqsura), ی (Persian ya) -> ي
    [/\u0629/g, "\u0647"],                        // ة -> ه
    [DIGITS, digit]                               // ٠-٩ ۰-۹ -> 0-9
  ];

  function text(value) {
    value = String(value == null ? "" : value);
    return value.normalize ? value.normalize("NFKC") : value;
  }

  // A response as it is kept and reported: what was typed, without direction marks and extra spaces
  function typed(value) {
    return text(value).replace(BIDI, "").replace(/\s+/g, " ").trim();
  }

  // A fill-in answer in the form answers are compared in: Arabic folded, spaces and case ignored
  function fold(value) {
    var out = typed(value), i;
    for (i = 0; i < FOLDS.length; i++) out = out.replace(FOLDS[i][0], FOLDS[i][1]);
    return out.toLowerCase();
  }

  // A typed number: {value} or {value: null, problem: "invalid"} or, for "1,000" (one thousand, or one with
  // three decimals?), {value: null, problem: "ambiguous", readings: ["1000", "1.000"]}: the two ways to write it.
  // Decimal marks: "." and "٫" always; "," and "،" when the number has a single one. Thousands separators:
  // spaces and "٬", or "," / "." written more than once or before the other mark ("1,000.5", "1.000,5").
  function readNumber(value) {
    var t = typed(value).replace(DIGITS, digit).replace(/^[\u2212\u2013]/, "-").replace(/\u060C/g, ","),
        sign = /^[-+]/.test(t) ? t.charAt(0) : "", body = t.slice(sign.length).replace(/[\s\u066C]/g, "_"),
        dots = count(body, "."), commas = count(body, ","), mark = "", whole, decimals, cut;
    if (/\u066B/.test(body)) {
      if (dots) return invalid();
      body = body.replace(/\u066B/g, ".");
      dots = count(body, ".");
    }
    if (dots && commas) mark = body.lastIndexOf(".") > body.lastIndexOf(",") ? "." : ",";
    else if (dots === 1) mark = ".";
    else if (commas === 1) mark = ",";
    if (mark && count(body, mark) > 1) return invalid();
    cut = mark ? body.lastIndexOf(mark) : body.length;
    whole = body.slice(0, cut);
    decimals = body.slice(cut + 1);
    if (!/^\d*$/.test(decimals) || !(whole + decimals) || !/^(\d*|\d{1,3}([_.,])\d{3}(\2\d{3})*)$/.test(whole)) {
      return invalid();
    }
    whole = whole.replace(/\D/g, "");
    if (mark === "," && !/_/.test(body) && /^[1-9]\d{0,2}$/.test(whole) && decimals.length === 3) {
      return {value: null, problem: "ambiguous", readings: [sign + whole + decimals, sign + whole + "." + decimals]};
    }
    return {value: parseFloat(sign + (whole || "0") + "." + (decimals || "0")), problem: null};
  }

  function count(s, c) {
    return s.split(c).length - 1;
  }

  function invalid() {
    return {value: null, problem: "invalid"};
  }

  /* ---------------------------------------------------------------- saved progress (docs/runtime.md)
   * cmi.suspend_data, version 1, checked before it is used. The LMS may hand back anything: a value cut at 4096
   * characters, another course's data, a record edited by hand or mangled by a faulty LMS. What is broken is
   * dropped for its part only (the seen pages, or one quiz's record: that quiz starts clean) and named in
   * `broken`, so that the learner is told; the rest is kept. Ids the course no longer has are dropped without a
   * word, as after a rebuild of the course. */

  function has(o, key) {
    return Object.prototype.hasOwnProperty.call(o, key);
  }

  // an object as JSON.parse makes one: not null, not an array
  function isRecord(x) {
    return !!x && typeof x === "object" && !(x instanceof Array);
  }

  function isInt(x, lo, hi) {
    return x === Math.round(x) && x >= lo && x <= hi;
  }

  function byId(list) {
    var out = {};
    list.forEach(function (item) { out[item.id] = item; });
    return out;
  }

  // A saved response in the page's terms ("" when nothing of it is left). Choices are saved by id, or by key in
  // data saved by older builds (a choice without an id of its own has its key as id); choices that are gone are
  // dropped. Typed answers are cut to the inputs' maxlength, which bounds suspend_data.
  function savedResponse(q, saved) {
    var names = saved.split(","), ids = q.choices && byId(q.choices);
    if (ids) {
      return q.choices.filter(function (choice) {
        return names.indexOf(choice.id) >= 0 || (names.indexOf(choice.key) >= 0 && !ids[choice.key]);
      }).map(function (choice) { return choice.key; }).sort().join(",");
    }
    if (q.type === "true-false") return /^[tf]$/.test(saved) ? saved : "";
    return saved.slice(0, q.type === "numeric" ? 20 : q.type === "fill-in" ? 80 : 255);  // 255: CMIFeedback
  }

  // One quiz's state (see quizState in sb-app.js) from its saved record; null when the record is not one the
  // runtime can have written: a wrong type, a score outside 0-100, a score without a submission or the other way
  // round, a best score below the last one, drawn ids or responses that are not text. More attempts used than the
  // quiz allows (it allowed more then) count as all of them.
  function savedQuiz(quiz, old) {
    var questions = byId(quiz.questions), drawn = [], responses = {}, done;
    var ok = isRecord(old) && isInt(old.n, 0, 1e9) && isInt(old.b, 0, 100) && isInt(old.s, -1, 100) &&
      isInt(old.f, 0, 1) && old.d instanceof Array && isRecord(old.r) &&
      (old.n > 0) === (old.s >= 0) && old.b >= old.s && (old.n > 0 || !old.b && !old.f);
    (ok ? old.d : []).forEach(function (id) {
      var saved = has(old.r, id) ? old.r[id] : "";
      if (typeof id !== "string" || typeof saved !== "string") ok = false;
      else if (has(questions, id) && drawn.indexOf(id) < 0) {
        drawn.push(id);
        if ((saved = savedResponse(questions[id], saved))) responses[id] = saved;
      }
    });
    if (!ok) return null;
    done = !!(drawn.length && old.f);
    return {
      // an attempt still open is one of the quiz's attempts; unlimited ones are counted up to 9999 (suspend.py)
      attemptsUsed: Math.min(old.n, (quiz.attempts || 9999) - (done ? 0 : 1)),
      bestScore: old.b, lastScore: old.s, submitted: done, drawn: drawn, responses: responses
    };
  }

  // suspend_data (a string) and the course's JSON block (nav, quizzes) -> {pages: {id: true}, quizzes: {id: state},
  // broken: [what was dropped: "data" (unreadable: not JSON, cut short, another format), "shape" (the pages or the
  // quizzes missing, or not a list / a record), "quiz:<id>"]}. Another course's data is only unknown ids: dropped,
  // and nothing of this course is lost.
  function resume(raw, data) {
    var out = {pages: {}, quizzes: {}, broken: []}, pages = byId(data.nav), saved, seen, quizzes, id, state;
    if (!raw) return out;
    try {
      saved = JSON.parse(raw);
    } catch (e) { /* cut short, or not JSON */ }
    if (!isRecord(saved) || saved.v !== 1) {
      out.broken.push("data");
      return out;
    }
    seen = saved.p instanceof Array ? saved.p : [];
    quizzes = isRecord(saved.q) ? saved.q : {};
    if (seen !== saved.p || quizzes !== saved.q) out.broken.push("shape");
    seen.forEach(function (pageId) {
      if (has(pages, pageId)) out.pages[pageId] = true;
    });
    for (id in quizzes) {
      if (!has(data.quizzes, id)) continue;
      state = savedQuiz(data.quizzes[id], quizzes[id]);
      if (state) out.quizzes[id] = state;
      else out.broken.push("quiz:" + id);
    }
    return out;
  }

  var api = {typed: typed, fold: fold, readNumber: readNumber, FOLDS: FOLDS, resume: resume};
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.SB = root.SB || {}).answers = api;
})(typeof window !== "undefined" ? window : this);
