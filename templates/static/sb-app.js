/* SB.app: navigation, progress, the quiz engine and the results of one SCO launch page.
 *
 * The contract with the template, the JSON block, suspend_data and SB.lms is docs/runtime.md.
 * Plain ES5 in one IIFE, with no dependency and no build step, so that it runs as is in any LMS frame.
 * The builder minifies it when it packages a course (render.assets(), rjsmin): comments and indentation are
 * free, but names are kept as written, and the runtime's files (render.ASSETS) must stay under 45,000 bytes
 * minified (tests/browser/test_ui.py).
 *
 * Names: `q` is always a question of the JSON block, `quiz` a quiz, `state` a quiz's state (see quizState),
 * `response` a response in the student_response format of its type (runtime.md, the table of types). */
(function (window, document) {
  "use strict";

  var SB = window.SB = window.SB || {},
      slice = Array.prototype.slice,
      // how to answer, said under the prompt, for the types where it is not obvious
      HINTS = {multiple: "multiple_hint", matching: "matching_hint", ordering: "ordering_hint"};

  var data,                 // the JSON block (#sb-data)
      strings = {},         // the message catalogue
      nav = [],             // the pages in navigation order: [{id, kind, title, module, quiz}]
      lms,                  // SB.lms; may be missing: the course must still work, untracked
      liveRegion,           // #sb-live, for announcements
      currentPageId,
      seenPages = {},       // page id -> true
      quizStates = {},      // quiz id -> quiz state (see quizState)
      completionSent = false,
      reported = "",        // the score and status last sent (reportScore)
      courseDoneSaid = false;

  /* ---------------------------------------------------------------- DOM helpers */

  function $(selector, root) {
    return (root || document).querySelector(selector);
  }

  function $$(selector, root) {
    return slice.call((root || document).querySelectorAll(selector));
  }

  function closest(node, selector) {
    return node && node.closest ? node.closest(selector) : null;
  }

  // el("tag.class.other", {name: value, text: "…", html: "…"}, children). Attributes whose value is null,
  // undefined or false are left out and true gives an empty one, so optional and boolean attributes can be
  // written inline.
  function el(spec, attributes, children) {
    var parts = spec.split("."), node = document.createElement(parts[0]), name, value;
    if (parts[1]) node.className = parts.slice(1).join(" ");
    for (name in attributes) {
      value = attributes[name];
      if (value == null || value === false) continue;
      if (name === "html") node.innerHTML = value;
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    return append(node, children);
  }

  // children: a node, a text (string or number), null, or an array of those, arrays nested at will
  function append(parent, children) {
    var i, child;
    if (children == null) return parent;
    if (!(children instanceof Array)) children = [children];
    for (i = 0; i < children.length; i++) {
      child = children[i];
      if (child instanceof Array) append(parent, child);
      else if (child != null) parent.appendChild(typeof child === "object" ? child : document.createTextNode(child));
    }
    return parent;
  }

  // Fisher-Yates, in place
  function shuffle(list) {
    var i, j, swap;
    for (i = list.length - 1; i > 0; i--) {
      j = Math.floor(Math.random() * (i + 1));
      swap = list[i];
      list[i] = list[j];
      list[j] = swap;
    }
    return list;
  }

  function pluck(list, field) {
    return list.map(function (item) { return item[field || "id"]; });
  }

  // The text of some course HTML, for places that take no markup (options, labels, announcements)
  function plainText(html) {
    return el("div", {html: html}).textContent.replace(/\s+/g, " ").trim();
  }

  /* ---------------------------------------------------------------- messages */

  function string(key) {
    return strings[key] != null ? String(strings[key]) : key;
  }

  // A message with {placeholders}, as an element. Each value is isolated in a <bdi> so that numbers and Latin
  // names keep their place in right-to-left text; a "%" right after a placeholder goes with its number.
  function message(key, values, spec) {
    var node = el(spec || "span"), text = string(key), placeholder = /\{(\w+)\}(\s?%)?/g;
    var match, value, done = 0;
    while ((match = placeholder.exec(text))) {
      value = values[match[1]];
      append(node, [
        text.slice(done, match.index),
        el("bdi", {text: (value == null ? "" : value) + (match[2] || "")})
      ]);
      done = placeholder.lastIndex;
    }
    return append(node, text.slice(done));
  }

  function messageText(key, values) {
    return message(key, values).textContent;
  }

  // A tick or a cross before a verdict; hidden from screen readers, which read the verdict itself
  function mark(right, content) {
    return [el("span.mark", {"aria-hidden": "true", text: right ? "\u2713 " : "\u2717 "}), content];
  }

  function actionButton(action) {
    return el("div.actions", {}, el("button.button.primary", {
      type: "button", "data-action": action, text: string(action)
    }));
  }

  // The region is emptied first and filled a moment later: screen readers only speak a change, and the same
  // message twice in a row would otherwise be silent.
  function announce(text) {
    liveRegion.textContent = "";
    setTimeout(function () { liveRegion.textContent = text; }, 60);
  }

  // SB.lms may be missing (its script failed to load) or may throw: neither must stop the learner
  function callLms(method) {
    try {
      return lms && lms[method] ? lms[method].apply(lms, slice.call(arguments, 1)) : null;
    } catch (e) {
      return null;
    }
  }

  /* ---------------------------------------------------------------- navigation and progress */

  function pageIndex(id) {
    for (var i = 0; i < nav.length; i++) {
      if (nav[i].id === id) return i;
    }
    return -1;
  }

  // Shows a page. quiet: at launch, where moving the focus, scrolling or announcing would only disturb.
  function go(id, quiet) {
    var index = pageIndex(id), entry = nav[index], section, quizBox, heading;
    if (index < 0) return;
    currentPageId = id;
    seenPages[id] = true;
    $$("section.sb-page").forEach(function (page) { page.hidden = page.dataset.page !== id; });
    section = $('section.sb-page[data-page="' + id + '"]');
    // A quiz is drawn when it is first shown, so that the attempt's clock (interaction latency) starts then
    quizBox = entry.quiz && $('.sb-quiz[data-quiz="' + entry.quiz + '"]');
    if (quizBox && !quizBox.hasAttribute("data-state")) drawQuiz(entry.quiz);
    markContents(id);
    $("#sb-prev").disabled = !index;
    $("#sb-next").disabled = index === nav.length - 1;
    updateProgress(quiet);
    setContentsOpen(false);
    if (!quiet && section) {
      window.scrollTo(0, 0);
      heading = $("h1", section);
      if (heading) heading.focus();
    }
    reportScore();
    callLms("checkpoint");
  }

  function markContents(currentId) {
    $$("#sb-toc a[data-page]").forEach(function (link) {
      var id = link.dataset.page;
      if (id === currentId) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
      if (seenPages[id]) link.classList.add("done");
    });
  }

  function updateProgress(quiet) {
    var bar = $("#sb-progress"), label = $("#sb-progress-text"), total = nav.length, seen = 0, id, values;
    for (id in seenPages) {
      if (pageIndex(id) >= 0) seen++;
    }
    values = {seen: seen, total: total};
    if (seen === total && !quiet && !courseDoneSaid) {
      courseDoneSaid = true;
      announce(string("course_done"));
    }
    bar.setAttribute("aria-valuenow", seen);
    bar.setAttribute("aria-valuetext", messageText("progress_text", values));
    $("span", bar).style.inlineSize = Math.round(100 * seen / total) + "%";
    label.textContent = "";
    append(label, message("progress_text", values));
  }

  // The contents drawer of small screens; without an argument, toggles it
  function setContentsOpen(open) {
    if (open == null) open = !document.body.classList.contains("toc-open");
    $("#sb-toc-toggle").setAttribute("aria-expanded", String(!!open));
    document.body.classList.toggle("toc-open", !!open);
  }

  function toggleContents() {
    var link;
    setContentsOpen();
    // The focus goes to the current page's link, so that keyboard users start from where they are
    link = $("#sb-toc a[aria-current]") || $("#sb-toc a");
    if (link && document.body.classList.contains("toc-open")) link.focus();
  }

  /* ---------------------------------------------------------------- typed answers */

  // How typed answers are read lives in sb-answers.js (SB.answers), loaded first: folding, numbers
  var answers = SB.answers;

  // The inputs' maxlength, which bounds the worst-case length of suspend_data
  function maxLength(type) {
    return type === "numeric" ? 20 : 80;
  }

  /* ---------------------------------------------------------------- quiz state */

  function quizById(id) {
    return data.quizzes[id];
  }

  function questionById(quiz, id) {
    for (var i = 0; i < quiz.questions.length; i++) {
      if (quiz.questions[i].id === id) return quiz.questions[i];
    }
    return null;
  }

  // The state of a quiz, made on first use; a new attempt draws its questions. Saved in suspend_data (see
  // snapshot): attemptsUsed, bestScore, lastScore (-1 before any submission), submitted (the current attempt),
  // drawn (question ids) and responses (by question id). Not saved: `attempt`, the current attempt's start
  // time, answer times and display orders, which only matter while the page is open.
  function quizState(quiz) {
    var state = quizStates[quiz.id], drawn;
    if (!state) {
      state = quizStates[quiz.id] = {
        attemptsUsed: 0, bestScore: 0, lastScore: -1, submitted: false, drawn: [], responses: {}
      };
    }
    if (!state.drawn.length) {
      drawn = pluck(quiz.questions);
      // a draw of the whole pool asks every question, in a new order at each attempt
      if (quiz.draw) drawn = shuffle(drawn).slice(0, quiz.draw);
      state.drawn = drawn;
      state.submitted = false;
      state.responses = {};
    }
    state.attempt = state.attempt || {startedAt: Date.now(), answeredAt: {}, order: {}};
    return state;
  }

  function attemptsLeft(quiz, state) {
    return quiz.attempts ? Math.max(0, quiz.attempts - state.attemptsUsed) : Infinity;
  }

  // A quiz's score is final once it is passed or no attempt is left (runtime.md, "Scoring, status and exit")
  function isFinal(quiz, state) {
    return state.attemptsUsed > 0 && (state.bestScore >= quiz.passMark || !attemptsLeft(quiz, state));
  }

  /* ---------------------------------------------------------------- responses and scoring, per type */

  // Responses name choices by key (one letter: SCORM 1.2's response format), the data's `correct` by id
  function choiceIdsOf(q, response) {
    var keys = (response || "").split(",");
    return pluck(q.choices.filter(function (choice) { return keys.indexOf(choice.key) >= 0; }));
  }

  function choiceKeysOf(q, choiceIds) {
    return q.choices
      .filter(function (choice) { return choiceIds.indexOf(choice.id) >= 0; })
      .map(function (choice) { return choice.key; })
      .sort().join(",");
  }

  // "1.a,2.c" -> {1: "a", 2: "c"}
  function matchedPairs(response) {
    var pairs = {};
    (response || "").split(",").forEach(function (pair) {
      pair = pair.split(".");
      if (pair[1]) pairs[pair[0]] = pair[1];
    });
    return pairs;
  }

  // The correct response, in the SCORM 1.2 format of the question's type
  function correctPattern(q) {
    switch (q.type) {
      case "single":
      case "multiple":
        return choiceKeysOf(q, q.correct);
      case "true-false":
        return q.correct ? "t" : "f";
      case "fill-in":
        return q.answers[0] || "";
      case "numeric":
        return String(q.correct);
      case "matching":
        return q.pairs.map(function (pair) { return pair.key + "." + pair.rightKey; }).join(",");
      default:  // ordering
        return pluck(q.items, "key").join(",");
    }
  }

  // Only a fully right response counts. Choice keys and matching pairs are written in the order of the
  // pattern (sorted keys, pairs in data order), so for them comparing the strings is enough.
  function isCorrect(q, response) {
    var value;
    if (!response) return false;
    if (q.type === "fill-in") {
      value = answers.fold(response);
      return !!value && q.answers.some(function (answer) { return answers.fold(answer) === value; });
    }
    if (q.type === "numeric") {
      value = answers.readNumber(response).value;
      // 1e-9 absorbs binary rounding: 3.6 - 3.5 is a little more than 0.1, yet 3.6 is within 3.5 ± 0.1
      return value !== null && Math.abs(value - q.correct) <= (q.tolerance || 0) + 1e-9;
    }
    return response === correctPattern(q);
  }

  // student_response: as kept; a typed answer as typed (direction marks and extra spaces removed), so that the
  // trainer sees in the LMS what was written, read or not
  function interactionResponse(q, response) {
    return q.type === "fill-in" || q.type === "numeric" ? answers.typed(response) : response || "";
  }

  // The learner's response to a question as the page shows it; null when unanswered
  function readResponse(q, fieldset) {
    var values, checked, typed;
    switch (q.type) {
      case "single":
      case "multiple":
        values = pluck($$("input:checked", fieldset), "value");
        return values.length ? choiceKeysOf(q, values) : null;
      case "true-false":
        checked = $("input:checked", fieldset);
        return checked ? checked.value.charAt(0) : null;  // "true" / "false" -> "t" / "f"
      case "matching":
        values = $$("select", fieldset)
          .filter(function (select) { return select.value; })
          .map(function (select) { return select.dataset.left + "." + select.value; });
        return values.length ? values.join(",") : null;
      case "ordering":
        return $$("li", fieldset).map(function (item) { return item.dataset.key; }).join(",");
      default:  // fill-in, numeric
        typed = $("input", fieldset).value;
        return typed.trim() ? typed.slice(0, maxLength(q.type)) : null;
    }
  }

  function weightOf(q) {
    return q.weight == null ? 1 : +q.weight;
  }

  // The weights of the drawn questions answered right, over all their weights, on 0-100
  function quizScore(quiz, state) {
    var total = 0, earned = 0;
    state.drawn.forEach(function (id) {
      var q = questionById(quiz, id), weight = weightOf(q);
      total += weight;
      if (isCorrect(q, state.responses[id])) earned += weight;
    });
    return total ? Math.round(100 * earned / total) : 0;
  }

  // The verdict on one question, with its mark
  function verdict(response, right) {
    return mark(right, string(response == null ? "unanswered" : right ? "correct" : "incorrect"));
  }

  // "Question 2 of 5"
  function questionNumber(state, i, spec) {
    return message("question_n", {n: i + 1, total: state.drawn.length}, spec);
  }

  /* ---------------------------------------------------------------- quiz view */

  // Draws a quiz from its state: the questions, open or with their feedback once submitted
  function drawQuiz(quizId) {
    var quiz = quizById(quizId), box = $('.sb-quiz[data-quiz="' + quizId + '"]'), state, left, missing;
    if (!quiz || !box) return;
    missing = missingPages(quiz);
    if (missing.length) {  // drawn (and its clock started) only once it opens: no data-state until then
      box.textContent = "";
      return append(box, lockedView(missing));
    }
    state = quizState(quiz);
    left = attemptsLeft(quiz, state);
    box.textContent = "";
    box.setAttribute("data-state", state.submitted ? "submitted" : "open");
    append(box, state.submitted ? resultsView(quiz, state, left) : introView(quiz, state, left));
    state.drawn.forEach(function (id, i) {
      append(box, questionView(quiz, state, questionById(quiz, id), i));
    });
    // the learner is at the bottom of a submitted quiz: the score and what to do next are there too
    append(box, state.submitted ? endView(quiz, state, left) : actionButton("submit"));
  }

  // The score of the submitted attempt (computed again for data saved before scores were kept)
  function shownScore(quiz, state) {
    return state.lastScore < 0 ? quizScore(quiz, state) : state.lastScore;
  }

  // Another attempt is offered while attempts are left, except once a final assessment is passed
  function retryOffered(quiz, state, left) {
    return !!left && (quiz.retryAfterPass || state.bestScore < quiz.passMark);
  }

  function introView(quiz, state, left) {
    if (quiz.final) {
      // the graded step says so: how many questions from how large a bank, the pass mark, attempts, best counts
      return el("div.quiz-intro.final", {}, [
        el("p", {}, message(quiz.questions.length > state.drawn.length ? "final_intro" : "final_intro_all",
                            {count: state.drawn.length, bank: quiz.questions.length, mark: quiz.passMark})),
        el("p", {}, quiz.attempts ? [message("final_attempts", {n: quiz.attempts}), " \u00B7 ",
                                     message("attempts_left", {n: left})] : string("final_best"))
      ]);
    }
    return el("p.quiz-intro", {}, [
      message("quiz_intro", {count: state.drawn.length, mark: quiz.passMark}),
      quiz.attempts ? [" \u00B7 ", message("attempts_left", {n: left})] : null
    ]);
  }

  function resultsView(quiz, state, left) {
    var score = shownScore(quiz, state);
    var passed = score >= quiz.passMark, list = el("ol.qlist");
    state.drawn.forEach(function (id, i) {
      var response = state.responses[id], right = isCorrect(questionById(quiz, id), response);
      append(list, el("li." + (right ? "ok" : "ko"), {}, el("a", {href: "#q-" + quiz.id + "-" + id}, [
        questionNumber(state, i),
        ": ",
        verdict(response, right)
      ])));
    });
    return el("div.result." + (passed ? "pass" : "fail"), {
      "data-result": "", "data-score": score, "data-passed": String(passed),
      tabindex: "-1", role: "region", "aria-labelledby": "r-" + quiz.id
    }, [
      el("h2", {id: "r-" + quiz.id, text: string("results")}),
      message("score", {score: score}, "p.score"),
      el("p.verdict", {}, mark(passed, string(passed ? "passed" : "failed"))),
      el("p.small", {}, [
        message("pass_mark", {mark: quiz.passMark}),
        state.attemptsUsed > 1 ? [" \u00B7 ", message("best_score", {score: state.bestScore})] : null,
        // attempts left are only news while another attempt is offered
        quiz.attempts && (retryOffered(quiz, state, left) || !left)
          ? [" \u00B7 ", left ? message("attempts_left", {n: left}) : string("no_attempts_left")] : null
      ]),
      list,
      quiz.final ? courseView(quiz, state, left, passed) : null,
      retryOffered(quiz, state, left) ? actionButton("retry") : null
    ]);
  }

  // Under the last question of a submitted quiz: the score again, then retry or the next step
  function endView(quiz, state, left) {
    var score = shownScore(quiz, state), passed = score >= quiz.passMark;
    return el("div.result-end." + (passed ? "pass" : "fail"), {}, [
      message("score", {score: score}, "p.score"),
      el("p.verdict", {}, mark(passed, string(passed ? "passed" : "failed"))),
      quiz.final ? el("p", {text: nextStep(quiz, state, left)}) : null,
      retryOffered(quiz, state, left) ? actionButton("retry") : quiz.final && passed ? actionButton("exit") : null
    ]);
  }

  function nextStep(quiz, state, left) {
    if (state.bestScore >= quiz.passMark) return string("next_close");
    return string(retryOffered(quiz, state, left) ? "next_retry" : "next_contact");
  }

  // The course's outcome, shown with the final assessment's results: passed or not, the modules done, what now
  function courseView(quiz, state, left, passed) {
    var best = state.bestScore >= quiz.passMark, done = data.modules.filter(moduleDone).length;
    return el("div.course-result", {"data-course-result": best ? "passed" : isFinal(quiz, state) ? "failed" : "open"}, [
      el("h3", {}, mark(best, string(best ? "course_passed" : "course_failed"))),
      state.attemptsUsed > 1 && !passed ? message("best_score", {score: state.bestScore}, "p") : null,
      message("modules_done", {done: done, total: data.modules.length}, "p"),
      el("p", {text: nextStep(quiz, state, left)})
    ]);
  }

  // A module is done when its pages were seen and its quiz, if any, passed
  function moduleDone(module) {
    return nav.every(function (entry) {
      var quiz = entry.quiz && quizById(entry.quiz), state = quiz && quizStates[quiz.id];
      if (entry.module !== module.id) return true;
      return seenPages[entry.id] && (!quiz || (state && state.bestScore >= quiz.passMark));
    });
  }

  // One question as a fieldset: its legend (number, prompt, hint), the controls of its type and, once
  // submitted, its feedback. The renderers get a `view` with what they need and return the controls.
  function questionView(quiz, state, q, index) {
    var view = {
      id: "q-" + quiz.id + "-" + q.id,  // the fieldset's id, prefix of its controls' ids
      quiz: quiz,
      state: state,
      question: q,
      response: state.responses[q.id],
      submitted: state.submitted,
      showAnswers: state.submitted && quiz.showAnswers
    };
    var legend = el("legend", {}, [
      questionNumber(state, index, "span.qn"),
      el("span.prompt", {html: q.prompt})
    ]);
    var render = RENDERERS[q.type] || renderTypedAnswer;
    var body = el("div.qbody", {}, render(view));
    if (HINTS[q.type]) append(legend, el("span.hint", {text: string(HINTS[q.type])}));
    return el("fieldset.question", {"data-question": q.id, id: view.id, disabled: view.submitted, tabindex: "-1"}, [
      legend,
      body,
      view.submitted ? feedbackView(view) : null
    ]);
  }

  // single, multiple and true-false: a radio button or a checkbox per option
  function renderChoices(view) {
    var q = view.question, response = view.response, options, checked, correct;
    if (q.type === "true-false") {
      options = [{id: "true", text: string("true")}, {id: "false", text: string("false")}];
      checked = response ? [response === "t" ? "true" : "false"] : [];
      correct = [String(q.correct)];
    } else {
      checked = choiceIdsOf(q, response);
      correct = q.correct;
      options = choiceOrder(view.quiz, view.state, q);
    }
    return options.map(function (option, i) {
      var inputId = view.id + i;
      var isChecked = checked.indexOf(option.id) >= 0, isRight = correct.indexOf(option.id) >= 0;
      var row = el("div.choice" + (view.showAnswers && isRight ? ".right" : "") +
                        (view.submitted && isChecked && !isRight ? ".wrong" : ""), {}, [
        el("input", {
          type: q.type === "multiple" ? "checkbox" : "radio",
          name: view.id, id: inputId, value: option.id, checked: isChecked
        }),
        el("label", {"for": inputId, html: option.html, text: option.text})
      ]);
      if (view.showAnswers && isRight) {
        // the catalogue writes "Correct answer:" to introduce an answer; as a tag it stands alone
        append(row, el("span.tag", {text: string("correct_answer").replace(/\s*:\s*$/, "")}));
      }
      if (view.submitted && isChecked && option.feedback) {
        append(row, el("div.cfb", {html: option.feedback}));
      }
      return row;
    });
  }

  // The choices in display order: shuffled once per attempt when the quiz says so; pinned choices (such as
  // "none of the above") keep their written place.
  function choiceOrder(quiz, state, q) {
    var orders = state.attempt.order, movable, next = 0;
    if (!orders[q.id]) {
      movable = q.choices.filter(function (choice) { return !choice.pin; });
      if (quiz.shuffle) shuffle(movable);
      orders[q.id] = q.choices.map(function (choice) { return choice.pin ? choice : movable[next++]; });
    }
    return orders[q.id];
  }

  // matching: a select per left-hand item; the right-hand items are offered in an order shuffled once per
  // attempt, since the data lists them in the matching order
  function renderMatching(view) {
    var q = view.question, orders = view.state.attempt.order, chosen = matchedPairs(view.response);
    var rights = orders[q.id] || (orders[q.id] = shuffle(q.pairs.slice()));
    return q.pairs.map(function (pair, i) {
      var selectId = view.id + i, isRight = chosen[pair.key] === pair.rightKey;
      var select = el("select", {id: selectId, "data-left": pair.key, "aria-labelledby": selectId + "l"},
        el("option", {value: "", text: string("choose")}));
      rights.forEach(function (option) {
        append(select, el("option", {
          value: option.rightKey, text: plainText(option.right), selected: chosen[pair.key] === option.rightKey
        }));
      });
      return el("div.pair" + (view.submitted ? (isRight ? ".right" : ".wrong") : ""), {"data-left": pair.key}, [
        el("div.left", {id: selectId + "l", html: pair.left}),
        select,
        view.showAnswers && !isRight
          ? el("span.tag", {text: string("correct_answer") + " " + plainText(pair.right)})
          : null
      ]);
    }).concat(view.submitted ? [] : [answerChips(rights)]);
  }

  // The right-hand answers as chips to drag onto the lines (dragging); the selects are the keyboard and
  // screen-reader way, so the chips are hidden from assistive technology
  function answerChips(rights) {
    return el("div.chips", {"aria-hidden": "true"}, rights.map(function (option) {
      return el("span.chip", {"data-right": option.rightKey, html: option.right});
    }));
  }

  // ordering: a list whose items move up and down with buttons (which keyboards and screen readers can use,
  // unlike dragging). Shown in the learner's order, else shuffled, and never already in the right order.
  function renderOrdering(view) {
    var q = view.question, orders = view.state.attempt.order, right = correctPattern(q);
    var keys = view.response ? view.response.split(",") : orders[q.id];
    var items = {}, list = el("ol.order"), tries;
    q.items.forEach(function (item) { items[item.key] = item; });
    if (!keys || keys.slice().sort().join() !== pluck(q.items, "key").sort().join()) {
      keys = right.split(",");
      // a few reshuffles: two items stay in place half of the time
      for (tries = 0; tries < 9 && keys.length > 1 && keys.join(",") === right; tries++) shuffle(keys);
    }
    orders[q.id] = keys;
    keys.forEach(function (key) {
      var name = plainText(items[key].html);
      append(list, el("li", {"data-key": key}, [
        el("span.grip", {"aria-hidden": "true", text: "\u2807"}),  // a finger drags from here (dragging)
        el("span.item", {html: items[key].html}),
        el("span.moves", {}, [moveButton("up", "\u2191", name), moveButton("down", "\u2193", name)])
      ]));
    });
    updateMoveButtons(list);
    return list;
  }

  function moveButton(direction, arrow, itemName) {
    return el("button.move", {
      type: "button", "data-move": direction, "aria-label": string("move_" + direction) + ": " + itemName, text: arrow
    });
  }

  // fill-in and numeric: one text field. Numbers are typed as text so that Arabic digits and decimal commas
  // are accepted (SB.answers.readNumber); dir=auto lets an answer in Latin letters read left to right in Arabic.
  // A number that can be read two ways ("1,000") is said under the field (numberProblem).
  function renderTypedAnswer(view) {
    var numeric = view.question.type === "numeric", inputId = view.id + "i", hintId = view.id + "h";
    var input = el("input.text", {
      type: "text", id: inputId, dir: "auto", autocomplete: "off", spellcheck: "false",
      maxlength: maxLength(view.question.type),
      inputmode: numeric ? "decimal" : null,
      "aria-describedby": numeric ? hintId + " " + hintId + "p" : null
    });
    input.value = view.response || "";
    return [
      el("label.lbl", {"for": inputId, text: string("your_answer")}),
      numeric ? el("span.hint", {id: hintId, text: string("numeric_hint")}) : null,
      input,
      numeric ? numberProblem(el("span.hint.problem", {id: hintId + "p", "aria-live": "polite"}), view.response) : null
    ];
  }

  // Fills `box` with what is wrong with a typed number that has two readings; returns whether there is one
  function numberProblem(box, response) {
    var read = answers.readNumber(response);
    box.textContent = "";
    if (read.problem === "ambiguous") append(box, message("number_ambiguous", {a: read.readings[0], b: read.readings[1]}));
    return box;
  }

  var RENDERERS = {
    single: renderChoices,
    multiple: renderChoices,
    "true-false": renderChoices,
    "fill-in": renderTypedAnswer,
    numeric: renderTypedAnswer,
    matching: renderMatching,
    ordering: renderOrdering
  };

  // After submission: the verdict, the author's feedback, the correct answer where the controls cannot show
  // it, and a link back to the page the question comes from
  function feedbackView(view) {
    var q = view.question, right = isCorrect(q, view.response);
    var feedback = q.feedback && q.feedback[right ? "correct" : "incorrect"];
    var answer = view.showAnswers && !right ? correctAnswerView(q) : null;
    var box = el("div.qfb." + (right ? "ok" : "ko"), {},
      el("p.verdict", {}, verdict(view.response, right)));
    if (feedback) append(box, el("div.fbtext", {html: feedback}));
    if (answer) {
      append(box, el("div.answer", {}, [el("strong", {text: string("correct_answer") + " "}), answer]));
    }
    if (!right && q.see && pageIndex(q.see.id) >= 0) {  // a right answer is never sent back to review
      append(box, el("p.see", {}, el("a", {href: "#p-" + q.see.id, "data-goto": q.see.id},
        message("see", {title: q.see.title}))));
    }
    return box;
  }

  // Choices, true-false and matching mark the right answer on their controls; the other types need it written
  function correctAnswerView(q) {
    switch (q.type) {
      case "fill-in":
        return el("bdi", {text: q.answers[0]});
      case "numeric":
        return el("bdi", {text: q.correct + (q.tolerance ? " \u00B1 " + q.tolerance : "")});
      case "ordering":
        return el("ol", {}, q.items.map(function (item) { return el("li", {html: item.html}); }));
      default:
        return null;
    }
  }

  /* ---------------------------------------------------------------- answering, submitting, retrying */

  function updateMoveButtons(list) {
    var items = $$("li", list);
    items.forEach(function (item, i) {
      $("[data-move=up]", item).disabled = !i;
      $("[data-move=down]", item).disabled = i === items.length - 1;
    });
  }

  /* ---------------------------------------------------------------- dragging (mouse, pen and touch) */

  // Ordering items move under the pointer; a matching chip dropped on a line chooses it in that line's select.
  // A mouse drags an item from anywhere, a finger from its grip only, so that the page still scrolls.
  var dragged = null;

  function onPointerDown(event) {
    var item = closest(event.target, ".order li, .chip");
    if (!item || event.button > 0 || closest(event.target, "button") || closest(item, "fieldset:disabled")) return;
    if (event.pointerType !== "mouse" && item.matches(".order li") && !closest(event.target, ".grip")) return;
    dragged = {item: item, id: event.pointerId, x: event.clientX, y: event.clientY, moved: false};
    if (item.setPointerCapture) item.setPointerCapture(event.pointerId);
  }

  function onPointerMove(event) {
    var d = dragged;
    if (!d || event.pointerId !== d.id) return;
    if (!d.moved && Math.abs(event.clientX - d.x) + Math.abs(event.clientY - d.y) < 6) return;
    d.moved = true;
    d.item.classList.add("dragging");
    event.preventDefault();
    if (d.item.matches(".chip")) {
      d.item.style.transform = "translate(" + (event.clientX - d.x) + "px," + (event.clientY - d.y) + "px)";
    } else {
      placeAt(d.item, event.clientY);
    }
  }

  function onPointerUp(event) {
    var d = dragged, fieldset, pair, select;
    if (!d || event.pointerId !== d.id) return;
    dragged = null;
    d.item.classList.remove("dragging");
    if (!d.moved) return;
    fieldset = closest(d.item, "fieldset");
    if (d.item.matches(".chip")) {
      d.item.style.transform = "";
      pair = closest(document.elementFromPoint(event.clientX, event.clientY), ".pair");
      select = pair && closest(pair, "fieldset") === fieldset && $("select", pair);
      if (!select) return;
      select.value = d.item.dataset.right;
      announce(plainText($(".left", pair).innerHTML) + ": " + plainText(d.item.innerHTML));
    } else {
      updateMoveButtons(d.item.parentNode);
      announceMove(d.item);
    }
    recordResponse(fieldset);
  }

  // Puts an ordering item before the first other item whose middle is below y
  function placeAt(item, y) {
    var list = item.parentNode, before = $$("li", list).filter(function (other) {
      var box = other.getBoundingClientRect();
      return other !== item && y < box.top + box.height / 2;
    })[0] || null;
    if (before !== item.nextElementSibling) list.insertBefore(item, before);
  }

  function moveItem(button) {
    var item = closest(button, "li"), list = item.parentNode, up = button.dataset.move === "up";
    var neighbour = up ? item.previousElementSibling : item.nextElementSibling;
    if (!neighbour) return;
    list.insertBefore(item, up ? neighbour : neighbour.nextSibling);
    updateMoveButtons(list);
    // At the top or the bottom the button just used gets disabled: the focus stays on the item, on its other
    // button, so that it is not lost to the page
    (button.disabled ? $("[data-move=" + (up ? "down" : "up") + "]", item) : button).focus();
    announceMove(item);
    recordResponse(closest(item, "fieldset"));
  }

  // "Agree on a vision: position 2 of 4", after an ordering item moved
  function announceMove(item) {
    var list = item.parentNode;
    announce(messageText("moved", {
      item: plainText($(".item", item).innerHTML), pos: $$("li", list).indexOf(item) + 1, total: list.children.length
    }));
  }

  // Keeps a question's response as the learner answers, and when the first one was given: SCORM's latency runs
  // from when the question is shown (the attempt's start) to the first response
  function recordResponse(fieldset) {
    var box = closest(fieldset, ".sb-quiz"), quiz = box && quizById(box.dataset.quiz), state, id, response;
    if (!quiz) return;
    state = quizState(quiz);
    id = fieldset.dataset.question;
    response = readResponse(questionById(quiz, id), fieldset);
    if (response == null) delete state.responses[id];
    else state.responses[id] = response;
    if ($(".problem", fieldset)) numberProblem($(".problem", fieldset), response);
    if (response != null && !state.attempt.answeredAt[id]) state.attempt.answeredAt[id] = Date.now();
    callLms("changed");  // committed soon, while the page is alive: a closing tab may not reach the LMS
  }

  function submitQuiz(box) {
    var quiz = quizById(box.dataset.quiz), state = quizState(quiz), now = Date.now(), score, result, unclear;
    // the page is the reference: read every question once more
    $$("fieldset", box).forEach(recordResponse);
    // a number that can be read two ways is not submitted: the learner says which one is meant
    unclear = $$(".problem", box).filter(function (problem) { return problem.textContent; })[0];
    if (unclear) {
      $("input", closest(unclear, "fieldset")).focus();
      return announce(unclear.textContent);
    }
    score = quizScore(quiz, state);
    state.attemptsUsed = Math.min(state.attemptsUsed + 1, 9999);  // bounded, as suspend_data's length is
    state.lastScore = score;
    state.submitted = true;
    state.bestScore = Math.max(state.bestScore, score);
    state.drawn.forEach(function (id) {
      var q = questionById(quiz, id), response = state.responses[id];
      callLms("addInteraction", {
        id: quiz.id + "_" + id,
        type: q.type,  // SB.lms names it the SCORM 1.2 way
        response: interactionResponse(q, response),
        pattern: correctPattern(q),
        result: isCorrect(q, response) ? "correct" : "wrong",
        weight: weightOf(q),
        latencyMs: Math.max(0, (state.attempt.answeredAt[id] || now) - state.attempt.startedAt),
        time: new Date(now)
      });
    });
    // like the SCO's status, the objective only fails once its score is final
    callLms("setObjective", quiz.id, {
      raw: state.bestScore,
      status: state.bestScore >= quiz.passMark ? "passed" : isFinal(quiz, state) ? "failed" : "incomplete"
    });
    reportScore();
    drawQuiz(quiz.id);
    result = $("[data-result]", box);
    if (result) result.focus();
    announce(messageText("submitted", {score: score}) + " " + string(score >= quiz.passMark ? "passed" : "failed"));
    callLms("checkpoint");
  }

  function retryQuiz(box) {
    var quiz = quizById(box.dataset.quiz), state = quizStates[quiz.id], first;
    if (!state || !attemptsLeft(quiz, state)) return;
    state.drawn = [];      // a new draw of questions
    state.attempt = null;  // a new clock and new display orders
    quizState(quiz);
    drawQuiz(quiz.id);
    first = $("input,select,li button:enabled", box);
    if (first) first.focus();
    callLms("checkpoint");
  }

  /* ---------------------------------------------------------------- the SCO's score and status */

  // The quizzes that make the SCO's score (ids without data are ignored)
  function scoringQuizIds() {
    return ((data.scoring || {}).quizzes || []).filter(quizById);
  }

  function scoresNothing() {
    return (data.scoring || {}).method === "none" || !scoringQuizIds().length;
  }

  // runtime.md, "Scoring, status and exit": the score and passed/failed are reported only once every scoring
  // quiz is final (completion.assessment "submit": submitted) and the pages the completion rule asks for are
  // seen. A failing score reported earlier would let Moodle's mastery override mark the attempt failed and
  // close it while the learner may still retry.
  function reportScore() {
    var ids = scoringQuizIds(), rule = data.completion, sum = 0, i, quiz, state, raw, status;
    if (rule.assessment === "none") reportCompletion();
    if (scoresNothing()) return reportCompletion();
    for (i = 0; i < ids.length; i++) {
      quiz = quizById(ids[i]);
      state = quizStates[ids[i]];
      if (!state || !(rule.assessment === "submit" ? state.attemptsUsed > 0 : isFinal(quiz, state))) return;
      sum += state.bestScore;
    }
    if (!pagesDone()) return;
    raw = Math.round(sum / ids.length);
    status = rule.assessment === "none" ? null : rule.assessment === "submit" ? "completed"
      : raw >= data.sco.masteryScore ? "passed" : "failed";
    if (reported === raw + status) return;  // each page turn asks again: send only what is new
    reported = raw + status;
    callLms("setScore", raw);
    if (status) callLms("setStatus", status);
  }

  // Without a score (or with completion.assessment "none"), the SCO is completed once the pages are seen
  function reportCompletion() {
    if (completionSent || !pagesDone()) return;
    completionSent = true;
    callLms("setStatus", "completed");
  }

  // completion.pages: the share of the pages to see (1: all)
  function pagesDone() {
    return nav.filter(function (entry) { return seenPages[entry.id]; }).length >=
      Math.ceil(data.completion.pages * nav.length);
  }

  // requires: all-pages: the pages still to see before this quiz opens (none once it was taken)
  function missingPages(quiz) {
    var state = quizStates[quiz.id];
    if (!quiz.requiresAllPages || (state && (state.attemptsUsed || state.submitted))) return [];
    return nav.filter(function (entry) { return entry.quiz !== quiz.id && !seenPages[entry.id]; });
  }

  function lockedView(missing) {
    return el("div.locked", {"data-locked": ""}, [
      el("p", {text: string("final_locked")}),
      el("ul", {}, missing.map(function (entry) {
        return el("li", {}, el("a", {href: "#p-" + entry.id, "data-goto": entry.id, text: entry.title}));
      }))
    ]);
  }

  /* ---------------------------------------------------------------- suspend_data (version 1) */

  // What SB.lms saves (runtime.md, "suspend_data"); SB.answers.resume reads it back. The keys are short
  // because SCORM 1.2 allows 4096 characters and the builder checks each SCO's worst case against that.
  function snapshot() {
    var quizzes = {}, id, state;
    for (id in quizStates) {
      state = quizStates[id];
      if (state.drawn.length) {
        quizzes[id] = {
          n: state.attemptsUsed, b: state.bestScore, s: state.lastScore, f: state.submitted ? 1 : 0,
          d: state.drawn, r: savedResponses(quizById(id), state.responses)
        };
      }
    }
    return {
      state: {
        v: 1,
        l: currentPageId,
        p: pluck(nav.filter(function (entry) { return seenPages[entry.id]; })),
        q: quizzes
      },
      location: currentPageId
    };
  }

  // Choice responses are saved by choice id (the letter, for a choice without an id of its own), so that a new
  // build may move choices that have ids: saved answers follow them
  function savedResponses(quiz, responses) {
    var out = {}, id, q;
    for (id in responses) {
      q = questionById(quiz, id);
      out[id] = q && q.choices ? choiceIdsOf(q, responses[id]).join(",") : responses[id];
    }
    return out;
  }

  /* ---------------------------------------------------------------- notices, exit, events, start */

  // The home page's start button takes a returning learner back to where they were
  function continueButton(pageId) {
    var button = $(".hero .start a");
    if (!button) return;
    button.textContent = string("continue");
    button.dataset.goto = pageId;
    button.setAttribute("href", "#p-" + pageId);
  }

  function showNotice(text) {
    var notice = $("#sb-notice");
    if (notice.textContent.indexOf(text) < 0) append(notice, el("p", {text: text}));
    notice.hidden = false;
  }

  // Ends the LMS session now and says so: closing the window is the LMS's business
  function exitCourse() {
    var heading = el("h1", {tabindex: "-1", text: string("exit_done")});
    callLms("checkpoint");
    callLms("finish");
    document.body.classList.add("finished");
    $$("section.sb-page").forEach(function (page) { page.hidden = true; });
    $("#sb-main").appendChild(el("section.sb-page.sb-page-exit", {}, heading));
    heading.focus();
  }

  function onClick(event) {
    var link = closest(event.target, "a[data-goto],a[data-page],a[href^='#p-']"), button, pageId, target;
    target = closest(event.target, "a[href^='#q-']");
    if (target) {  // a result line: to its question, without changing the frame's address
      event.preventDefault();
      target = document.getElementById(target.hash.slice(1));
      if (target) { target.scrollIntoView({block: "start"}); target.focus(); }
      return;
    }
    if (link) {
      pageId = link.dataset.goto || link.dataset.page || link.hash.slice(3);  // "#p-" + id
      if (pageIndex(pageId) >= 0) {
        event.preventDefault();  // the page is switched here: no jump, no change of the LMS frame's address
        go(pageId);
      }
      return;
    }
    button = closest(event.target, "button");
    if (button && !button.disabled) onButton(button);
  }

  function onButton(button) {
    var index = pageIndex(currentPageId), action = button.dataset.action, box = closest(button, ".sb-quiz");
    if (button.id === "sb-prev" && index > 0) go(nav[index - 1].id);
    else if (button.id === "sb-next" && index < nav.length - 1) go(nav[index + 1].id);
    else if (button.id === "sb-toc-toggle") toggleContents();
    else if (button.dataset.move) moveItem(button);
    else if (action === "submit" && box) submitQuiz(box);
    else if (action === "retry" && box) retryQuiz(box);
    else if (action === "exit") exitCourse();
  }

  function onAnswer(event) {
    var fieldset = closest(event.target, "fieldset[data-question]");
    if (fieldset) recordResponse(fieldset);
  }

  function onKeydown(event) {
    // "Esc": older Edge
    if (/^Esc/.test(event.key) && document.body.classList.contains("toc-open")) {
      setContentsOpen(false);
      $("#sb-toc-toggle").focus();
    }
  }

  // An error in one handler is logged and must not break the page for the rest of the session
  function guarded(handler) {
    return function (event) {
      try {
        handler(event);
      } catch (error) {
        if (window.console) console.error("SB.app", error);
      }
    };
  }

  function start() {
    var session, resumed;
    data = JSON.parse($("#sb-data").textContent);
    strings = data.strings || {};
    nav = data.nav;
    liveRegion = $("#sb-live");
    lms = SB.lms;
    document.addEventListener("click", guarded(onClick));
    document.addEventListener("change", guarded(onAnswer));
    document.addEventListener("input", guarded(onAnswer));
    document.addEventListener("keydown", guarded(onKeydown));
    document.addEventListener("pointerdown", guarded(onPointerDown));
    document.addEventListener("pointermove", guarded(onPointerMove));
    document.addEventListener("pointerup", guarded(onPointerUp));
    document.addEventListener("pointercancel", guarded(function () { if (dragged) dragged.item.classList.remove("dragging"); dragged = null; }));
    callLms("onWarning", function () { showNotice(string("lms_warning")); });
    session = callLms("start", {key: data.course.id + "/" + data.sco.id, snapshot: snapshot}) || {};
    // the saved progress, checked (SB.answers.resume, which never throws): what is broken starts clean, and the
    // learner is told
    resumed = answers.resume(session.suspendData, data);
    seenPages = resumed.pages;
    quizStates = resumed.quizzes;
    if (resumed.broken.length) showNotice(string("resume_notice"));
    if (session.mode === "standalone") showNotice(string("standalone_notice"));
    if (session.readOnly) showNotice(string("review_notice"));
    else if (session.entry === "resume" && pageIndex(session.location) > 0) {
      showNotice(string("welcome_back"));
      continueButton(session.location);
    }
    go(pageIndex(session.location) >= 0 ? session.location : nav[0].id, true);
  }

  // go and current are also what the tests drive
  SB.app = {
    go: guarded(go),
    current: function () { return currentPageId; }
  };
  guarded(start)();
})(window, document);
