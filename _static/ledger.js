// The claims ledger (analysis.report.ledger.Ledger): menus by verdict, phase
// and topic and a text search; an entry stays when it matches every menu and
// every word searched. A permalink (#K36) to an entry the filters hide clears them.
document.addEventListener("DOMContentLoaded", () => {
  for (const ledger of document.querySelectorAll(".ledger")) {
    const rows = Array.from(ledger.querySelectorAll("tr.ledger-entry"));
    const menus = Array.from(ledger.querySelectorAll("select[data-ledger-filter]"));
    const search = ledger.querySelector("input[data-ledger-search]");
    const shown = ledger.querySelector(".ledger-filters output");
    const texts = new Map(rows.map((row) => [row, row.textContent.toLowerCase()]));
    const apply = () => {
      const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      let count = 0;
      for (const row of rows) {
        const keep =
          menus.every((menu) => !menu.value || row.dataset[menu.dataset.ledgerFilter] === menu.value) &&
          words.every((word) => texts.get(row).includes(word));
        row.hidden = !keep;
        count += keep ? 1 : 0;
      }
      shown.textContent = `${count} of ${rows.length} claims shown`;
    };
    const reveal = () => {
      const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
      if (target && rows.includes(target) && target.hidden) {
        menus.forEach((menu) => { menu.value = ""; });
        search.value = "";
        apply();
        target.scrollIntoView();
      }
    };
    menus.forEach((menu) => menu.addEventListener("change", apply));
    search.addEventListener("input", apply);
    window.addEventListener("hashchange", reveal);
    apply();
  }
});
