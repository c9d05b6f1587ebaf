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

  document.addEventListener("click", function (event) {
    if (Date.now() - lastTouch > TAP_MS) return;
    var chart = event.target.closest && event.target.closest(".vega-embed svg");
    if (tapped && tapped !== event.target) send(tapped, "out", event);
    tapped = chart ? event.target : null;
    if (chart) send(event.target, "move", event);
  }, true);
})();
