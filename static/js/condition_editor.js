// The condition editor (assessment/admin/condition_editor.py): a row's value list shows only
// the values of the field or question chosen, and a number box only for at least / at most.
// Without this script every value stays visible and the server refuses a mismatched one.
"use strict";
(function () {
  function update(row) {
    var subject = row.querySelector(".condition-subject").value;
    var op = row.querySelector(".condition-op").value;
    var numeric = op === "gte" || op === "lte";
    var values = row.querySelector(".condition-values");
    values.hidden = numeric;
    row.querySelector(".condition-number").hidden = !numeric;
    values.querySelectorAll("optgroup").forEach(function (group) {
      var mine = group.dataset.subject === subject;
      group.hidden = !mine;
      group.disabled = !mine;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".condition-row").forEach(function (row) {
      update(row);
      row.addEventListener("change", function () { update(row); });
    });
  });
})();
