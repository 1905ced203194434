/* SB.answers: how the answers a learner types are read. Pure functions, no DOM, no state.
 *
 * Loaded before sb-app.js in every package; in node, require()d by the tests (tests/js/). Plain ES5.
 * The folding table and the number rules are documented for trainers in docs/authoring.md ("How typed answers
 * are compared"); the examples written there are tests (tests/js/answers.test.js), so keep the two in step. */
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

  var api = {typed: typed, fold: fold, readNumber: readNumber, FOLDS: FOLDS};
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.SB = root.SB || {}).answers = api;
})(typeof window !== "undefined" ? window : this);
