// Tap for a tooltip. Vega shows a chart's tooltips when a mouse pointer moves
// over a mark, and a touch screen has no hovering pointer: a tap on a mark
// showed nothing. After a tap on a chart this sends the tapped mark the pointer
// move a mouse would have sent, so its tooltip opens; a tap anywhere else sends
// the pointer-out that closes it. (Keyboard readers have each figure's data
// table below it, which holds every value a tooltip shows.)
(function () {
  "use strict";
  var TAP_MS = 1000;
  var lastTouch = 0;
  var tapped = null;

  function send(target, type, event) {
    var init = { bubbles: true, cancelable: true, clientX: event.clientX, clientY: event.clientY, pointerType: "mouse", isPrimary: true };
    target.dispatchEvent(new PointerEvent("pointer" + type, init));
    target.dispatchEvent(new MouseEvent("mouse" + type, init));
  }

  document.addEventListener("pointerdown", function (event) {
    if (event.pointerType === "touch") lastTouch = Date.now();
  }, true);

  // Keep an open tooltip on the screen: vega-tooltip sets it beside the pointer, and on a phone's narrow
  // screen it opened mostly past the left or right edge, its words cut off.
  var MARGIN_PX = 8;
  function keepOnScreen(tip) {
    var box = tip.getBoundingClientRect();
    var left = Math.max(MARGIN_PX, Math.min(box.left, window.innerWidth - box.width - MARGIN_PX));
    var top = Math.max(MARGIN_PX, Math.min(box.top, window.innerHeight - box.height - MARGIN_PX));
    if (Math.abs(left - box.left) > 0.5) tip.style.left = left + "px";
    if (Math.abs(top - box.top) > 0.5) tip.style.top = top + "px";
  }
  function watchForTooltip() {
    new MutationObserver(function () {
      var tip = document.getElementById("vg-tooltip-element");
      if (!tip || tip.dataset.keptOnScreen) return;
      tip.dataset.keptOnScreen = "yes";
      new MutationObserver(function () { keepOnScreen(tip); }).observe(tip, { attributes: true, attributeFilter: ["style", "class"] });
      keepOnScreen(tip);
    }).observe(document.body, { childList: true });
  }
  // This script runs from the page's head, before there is a body to watch.
  if (document.body) watchForTooltip();
  else document.addEventListener("DOMContentLoaded", watchForTooltip);

  document.addEventListener("click", function (event) {
    if (Date.now() - lastTouch > TAP_MS) return;
    var chart = event.target.closest && event.target.closest(".vega-embed svg");
    if (tapped && tapped !== event.target) send(tapped, "out", event);
    tapped = chart ? event.target : null;
    if (chart) send(event.target, "move", event);
  }, true);
})();
