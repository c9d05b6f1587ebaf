// Every chart and map fills the width of its text column, on a desktop and on a
// phone, with its text at the size the theme set.
//
// Vega-Lite's `width: "container"` only works for a single view. Concatenated
// charts (panels side by side or stacked) and maps have fixed widths, which the
// browser would otherwise shrink to fit a phone, text and all. After a chart is
// drawn, this scales the width of every view in it by one factor so the whole
// drawing (axes, labels and legends included) is exactly as wide as its
// column, and again whenever the column's width changes. Maps (a spec with
// `usermeta.fit == "aspect"`) scale their height with their width so the
// projection keeps its shape; the spec's `usermeta.maxHeight` caps that height,
// and the width with it. A page that must hold a map's whole drawing (its key
// and margins too) within some height sends it a "vega-fit:cap" event with that
// height: the map is drawn again, shorter and narrower, its type at full size.
(function () {
  "use strict";
  var embed = window.vegaEmbed;
  if (typeof embed !== "function") return;

  var SIZE = /(^|_)width$/;
  var MIN_VIEW = 40;

  // The drawing's "width" or "height" as drawn (0 before it is).
  function drawn(el, size) {
    var svg = el.querySelector("svg.marks");
    return svg ? parseFloat(svg.getAttribute(size)) || 0 : 0;
  }

  function columnWidth(el) {
    var parent = el.parentElement;
    if (!parent) return 0;
    var style = getComputedStyle(parent);
    return parent.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  }

  function sizeSignals(view, spec) {
    var state = view.getState({ signals: function () { return true; }, data: function () { return false; }, recurse: false }).signals;
    var names = Object.keys(state).filter(function (name) {
      if (!SIZE.test(name) || typeof state[name] !== "number" || state[name] <= 0) return false;
      return !(name === "width" && spec.width === "container");
    });
    var widths = {};
    names.forEach(function (name) { widths[name] = state[name]; });
    return { widths: widths, height: state.height };
  }

  function scaled(view, design, factor, aspect, maxHeight) {
    var keepsShape = aspect && typeof design.height === "number";
    // A map capped in height keeps its shape: it is drawn narrower than its column.
    if (keepsShape && design.height * factor > maxHeight) factor = maxHeight / design.height;
    Object.keys(design.widths).forEach(function (name) {
      view.signal(name, Math.max(MIN_VIEW, Math.floor(design.widths[name] * factor)));
    });
    if (keepsShape) view.signal("height", Math.floor(design.height * factor));
    // A concatenated layout's drawing keeps its old size unless asked to resize.
    return view.resize().runAsync();
  }

  // The drawing's width grows with the factor, piecewise linearly (a title or
  // legend wider than the views holds it up at small factors): the secant
  // method finds the factor that makes it as wide as the column in a few draws.
  function fit(el, view, spec) {
    var design = sizeSignals(view, spec);
    if (!Object.keys(design.widths).length) {
      el.setAttribute("data-fitted", "container");
      return Promise.resolve();
    }
    var meta = spec.usermeta || {};
    var aspect = meta.fit === "aspect";
    var state = { column: 0, drawingCap: Infinity };

    // The map's own height at most: its spec's cap, and what a cap on the whole drawing leaves it beside
    // what the drawing holds around it (its key, its margins), as drawn now.
    function maxHeight() {
      var around = drawn(el, "height") - view.signal("height");
      return Math.min(meta.maxHeight || Infinity, state.drawingCap - around);
    }

    function refit() {
      var column = columnWidth(el);
      if (!column || Math.abs(column - state.column) < 1) return Promise.resolve();
      state.column = column;
      var tries = 0;
      function step(k0, w0, k1) {
        return scaled(view, design, k1, aspect, maxHeight()).then(function () {
          var w1 = drawn(el, "width");
          tries += 1;
          if (Math.abs(w1 - column) <= 0.5 || tries >= 6 || w1 === w0) {
            if (w1 > column + 0.5 && k1 > 0) return scaled(view, design, k1 * column / w1, aspect, maxHeight());
            return null;
          }
          return step(k1, w1, k1 + ((column - w1) * (k1 - k0)) / (w1 - w0));
        });
      }
      return scaled(view, design, 1, aspect, maxHeight())
        .then(function () {
          var w0 = drawn(el, "width");
          return w0 > 0 ? step(1, w0, column / w0) : null;
        })
        .then(function () { el.setAttribute("data-fitted", String(Math.round(column))); });
    }

    // One fit at a time, each after the last: a cap waits for a fit to a new column, and the last fit
    // marks the drawing fitted.
    var turn = Promise.resolve();
    function inTurn(task) {
      turn = turn.then(task, task);
      return turn;
    }

    var pending = null;
    new ResizeObserver(function () {
      if (pending) return;
      pending = requestAnimationFrame(function () { pending = null; inTurn(refit); });
    }).observe(el.parentElement);
    if (aspect) {
      el.addEventListener("vega-fit:cap", function (event) {
        el.removeAttribute("data-fitted");
        inTurn(function () {
          el.removeAttribute("data-fitted");
          state.drawingCap = event.detail;
          state.column = 0;
          return refit();
        });
      });
    }
    return inTurn(refit);
  }

  // Several legends under a chart stack one above the other (Vega would set
  // them side by side, wider than a phone). Vega-Lite passes this Vega legend
  // layout through its config, but its schema (and so Altair) does not know it.
  function stacked(spec) {
    var config = Object.assign({}, spec.config);
    config.legend = Object.assign({ layout: { bottom: { direction: "vertical", anchor: "start", margin: 8 } } }, config.legend);
    return Object.assign({}, spec, { config: config });
  }

  function fitted(el, spec, options) {
    if (spec && typeof spec === "object") spec = stacked(spec);
    var result = embed.call(this, el, spec, options);
    return Promise.resolve(result).then(function (res) {
      var target = typeof el === "string" ? document.querySelector(el) : el;
      if (!res || !res.view || !target || typeof spec !== "object") return res;
      return fit(target, res.view, spec).then(function () { return res; });
    });
  }
  Object.assign(fitted, embed);
  window.vegaEmbed = fitted;
})();
