// Filter the rows of a data table by the menus above it (DataTable.filters in
// analysis.report.glue): a row stays when it matches every chosen value.
document.addEventListener("DOMContentLoaded", () => {
  for (const bar of document.querySelectorAll(".table-filters")) {
    const table = bar.nextElementSibling;
    const rows = Array.from(table.querySelectorAll("tbody tr"));
    const menus = Array.from(bar.querySelectorAll("select[data-filter-column]"));
    const shown = bar.querySelector("output");
    const apply = () => {
      let count = 0;
      for (const row of rows) {
        const keep = menus.every((menu) => !menu.value || row.dataset[menu.dataset.filterColumn] === menu.value);
        row.hidden = !keep;
        count += keep ? 1 : 0;
      }
      shown.textContent = `${count} of ${rows.length} rows shown`;
    };
    menus.forEach((menu) => menu.addEventListener("change", apply));
    apply();
  }
});
