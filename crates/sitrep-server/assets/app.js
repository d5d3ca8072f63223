// sitrep serve: small progressive enhancements; every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Rows of the event table open the event (links inside still work).
  document.querySelectorAll("tr[data-href]").forEach(function (row) {
    row.addEventListener("click", function (ev) {
      if (ev.target.closest("a")) return;
      window.location.href = row.getAttribute("data-href");
    });
  });
  // Filter forms leave empty fields out of the URL.
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input").forEach(function (input) {
        if (input.value.trim() === "") input.disabled = true;
      });
    });
  });
  // Network: pointing at an actor lights its links and neighbours.
  var net = document.getElementById("network");
  if (net) {
    net.querySelectorAll(".node").forEach(function (node) {
      var id = node.getAttribute("data-id");
      node.addEventListener("mouseenter", function () {
        net.classList.add("focus");
        node.classList.add("lit");
        net.querySelectorAll(".edge").forEach(function (edge) {
          var s = edge.getAttribute("data-source"), t = edge.getAttribute("data-target");
          if (s === id || t === id) {
            edge.classList.add("lit");
            net.querySelectorAll(".node").forEach(function (other) {
              var oid = other.getAttribute("data-id");
              if (oid === s || oid === t) other.classList.add("lit");
            });
          }
        });
      });
      node.addEventListener("mouseleave", function () {
        net.classList.remove("focus");
        net.querySelectorAll(".lit").forEach(function (el) { el.classList.remove("lit"); });
      });
    });
  }
});
