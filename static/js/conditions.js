// Shows and hides a questionnaire page's conditional questions in place as the respondent
// answers the questions above them. The server decides the same on every save
// (assessment/asking.py); it renders each condition in data-show-if with what the page
// cannot see (the profile, answers on other pages) already decided as true or false, and
// with option ids, as the inputs carry them, in place of option codes.
(function () {
  "use strict";
  var form = document.getElementById("pillar-form");
  if (!form) return;
  var conditional = Array.prototype.map.call(
    form.querySelectorAll("fieldset[data-show-if]"),
    function (fieldset) {
      return { fieldset: fieldset, condition: JSON.parse(fieldset.dataset.showIf) };
    }
  );
  if (!conditional.length) return;

  // A hidden question counts as unanswered, so a chain of conditions hides from the top.
  function answerOf(code) {
    var fieldset = document.getElementById("q-" + code);
    if (!fieldset || fieldset.hidden) return null;
    var options = Array.prototype.map.call(
      fieldset.querySelectorAll("input:checked"),
      function (input) { return input.value; }
    );
    var input = fieldset.querySelector("input[type=number]");
    var number = input && input.value.trim() !== "" ? Number(input.value) : null;
    if (number !== null && isNaN(number)) number = null;
    return { options: options, number: number };
  }

  function chosen(answer, values) {
    return answer.options.some(function (value) { return values.indexOf(value) !== -1; });
  }

  function holds(condition) {
    if (condition === true || condition === false) return condition;
    if (condition.all) return condition.all.every(holds);
    if (condition.any) return condition.any.some(holds);
    var answer = answerOf(condition.question);
    if (!answer || (!answer.options.length && answer.number === null)) return false;
    if (condition.in) return chosen(answer, condition.in);
    if (condition.not_in) return answer.options.length > 0 && !chosen(answer, condition.not_in);
    if (answer.number === null) return false;
    if ("gte" in condition) return answer.number >= condition.gte;
    return answer.number <= condition.lte;
  }

  // In page order: a question's condition reads only questions above it.
  function update() {
    conditional.forEach(function (item) {
      var show = holds(item.condition);
      // Disabled as well as hidden: a hidden question posts nothing and blocks nothing.
      item.fieldset.hidden = !show;
      item.fieldset.disabled = !show;
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  // The browser may restore typed answers on "back": show what they call for.
  update();
})();
