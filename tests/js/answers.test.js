// How typed answers are read (templates/static/sb-answers.js), and the examples the guides give for it.
// Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const answers = require("../../templates/static/sb-answers.js");

const ROOT = path.join(__dirname, "..", "..");
const GUIDES = ["docs/authoring.md", "docs/authoring.ar.md"].map((p) => fs.readFileSync(path.join(ROOT, p), "utf8"));

// `a` = `b` and `a` ≠ `b` in the guides' tables and sentences
function examples(sign) {
  const found = [];
  const pattern = new RegExp("`([^`]+)` " + sign + " `([^`]+)`", "g");
  for (const text of GUIDES) {
    for (const m of text.matchAll(pattern)) found.push([m[1], m[2]]);
  }
  return found;
}

test("the guides' folding examples are folded alike", () => {
  const same = examples("=");
  assert.ok(same.length >= 15, `only ${same.length} examples found in the guides`);
  for (const [a, b] of same) assert.equal(answers.fold(a), answers.fold(b), `${a} = ${b}`);
});

test("the guides' examples of different words stay different", () => {
  const different = examples("≠");
  assert.ok(different.length >= 3);
  for (const [a, b] of different) assert.notEqual(answers.fold(a), answers.fold(b), `${a} ≠ ${b}`);
});

test("every hamza seat and Arabic-Indic digit of the table", () => {
  assert.equal(answers.fold("أ إ آ ٱ"), "ا ا ا ا");
  assert.equal(answers.fold("ؤ ئ ء"), "ء ء ء");
  assert.equal(answers.fold("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹"), "0123456789 0123456789");
  assert.equal(answers.fold("مَسْؤُولٌ"), answers.fold("مسئول"));
  assert.equal(answers.fold("\u200Fمسئول\u200E"), answers.fold("مسؤول"));  // direction marks are not letters
});

// the number table of docs/authoring.md: | `typed`, `typed` | `value` or refused | why |
test("the guide's number table", () => {
  const section = GUIDES[0].split("How a typed number is read")[1].split("A refused number")[0];
  const rows = section.split("\n").filter((line) => /^\| `/.test(line));
  assert.ok(rows.length >= 8, `${rows.length} rows`);
  for (const row of rows) {
    const [typed, read] = row.split("|").slice(1, 3);
    const wanted = read.includes("refused") ? null : Number(/`([^`]+)`/.exec(read)[1]);
    for (const m of typed.matchAll(/`([^`]+)`/g)) {
      const got = answers.readNumber(m[1]);
      assert.equal(got.value, wanted, `${m[1]} -> ${JSON.stringify(got)}`);
      if (wanted === null) assert.equal(got.problem, "ambiguous");
    }
  }
});

test("numbers learners type", () => {
  const value = (s) => answers.readNumber(s).value;
  assert.equal(value("٣،٥"), 3.5);
  assert.equal(value("٣٫٥"), 3.5);
  assert.equal(value("3,5"), 3.5);
  assert.equal(value("۳"), 3);
  assert.equal(value(" -0.5 "), -0.5);
  assert.equal(value("\u2212" + "2"), -2);
  assert.equal(value(".5"), 0.5);
  assert.equal(value("12\u202F345,6"), 12345.6);  // French: narrow no-break space between thousands
  assert.deepEqual(answers.readNumber("1,000"), {value: null, problem: "ambiguous", readings: ["1000", "1.000"]});
  assert.deepEqual(answers.readNumber("-٢،٥٠٠").readings, ["-2500", "-2.500"]);
  for (const bad of ["", " ", "abc", "3..5", "1,2,3", "1.2.3,4", "12,34,5", "٣٫٥.1", "3 5", "1e3", ",", "+"]) {
    assert.deepEqual(answers.readNumber(bad), {value: null, problem: "invalid"}, bad);
  }
});

test("a response is kept as typed, without direction marks and extra spaces", () => {
  assert.equal(answers.typed("  ٣،٥ "), "٣،٥");
  assert.equal(answers.typed("\u200F٣٫٥\u200E"), "٣٫٥");
  assert.equal(answers.typed("the   vision"), "the vision");
  assert.equal(answers.typed(null), "");
});
