// Compile each Vega-Lite spec of a JSON file ({name: spec}) with the book's own
// Vega-Lite and run it in Vega without a renderer; print {name: [warnings]}.
// Used by tests/test_figures.py: a warning is a spec the library had to guess at.
import * as vegaLite from "vega-lite";
import * as vega from "vega";
import fs from "fs";

// Only Node has no window for the charts' interaction events to listen to.
const NO_BROWSER = /Can not resolve event source: window/;
const specs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const found = {};
for (const [name, spec] of Object.entries(specs)) {
  const warnings = [];
  const logger = {
    level() { return this; },
    warn(...parts) { const text = parts.join(" "); if (!NO_BROWSER.test(text)) warnings.push(text.slice(0, 300)); return this; },
    error(...parts) { warnings.push("error: " + parts.join(" ").slice(0, 300)); return this; },
    info() { return this; },
    debug() { return this; },
  };
  try {
    const view = new vega.View(vega.parse(vegaLite.compile(spec, { logger }).spec), { renderer: "none" });
    view.logger(logger);
    await view.runAsync();
  } catch (error) {
    warnings.push("error: " + String(error).slice(0, 300));
  }
  found[name] = warnings;
}
console.log(JSON.stringify(found));
