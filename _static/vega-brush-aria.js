// Vega-Lite draws an interval selection's brush as two rect marks
// (NAME_brush_bg and NAME_brush). Vega gives each mark container
// role="graphics-symbol" but, unlike the chart's own marks, a spec cannot label
// them, so screen readers announce an unnamed image and axe-core reports
// svg-img-alt (serious). They are interaction chrome, not data: hide them from
// assistive technology exactly as a Vega mark with `aria: false` would be.
(function () {
  "use strict";
  var BRUSH = /_brush(_bg)?$/;

  function isBrush(node) {
    if (!node.classList || !node.classList.contains("role-mark")) return false;
    for (var i = 0; i < node.classList.length; i++) {
      if (BRUSH.test(node.classList[i])) return true;
    }
    return false;
  }

  function hide(node) {
    if (isBrush(node) && node.getAttribute("role") && !node.getAttribute("aria-label")) {
      node.removeAttribute("role");
      node.removeAttribute("aria-roledescription");
      node.setAttribute("aria-hidden", "true");
    }
  }

  function scan(root) {
    if (!root || root.nodeType !== 1) return;
    hide(root);
    var marks = root.querySelectorAll('g.role-mark[role="graphics-symbol"]');
    for (var i = 0; i < marks.length; i++) hide(marks[i]);
  }

  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var record = records[i];
      if (record.type === "attributes") hide(record.target);
      for (var j = 0; j < record.addedNodes.length; j++) scan(record.addedNodes[j]);
    }
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["role"] });
})();
