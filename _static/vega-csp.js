// The book's pages carry a content security policy that lets no script turn a
// string into code (no 'unsafe-eval'). Vega compiles its expressions into
// functions unless told otherwise: with `ast: true` vega-embed parses them and
// evaluates them with the interpreter it bundles, which the policy allows.
(function () {
  "use strict";
  var embed = window.vegaEmbed;
  if (typeof embed !== "function") return;

  function interpreted(el, spec, options) {
    return embed.call(this, el, spec, Object.assign({}, options, { ast: true }));
  }
  Object.assign(interpreted, embed);
  window.vegaEmbed = interpreted;
})();
