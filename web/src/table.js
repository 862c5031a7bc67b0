// The event table: one row per occurrence under its citable id (MLI12),
// sortable by any column (click its heading; again to reverse), filterable
// by text typed above it.
import { select } from 'd3';
import { typeColor } from './colors.js';

const COLUMNS = ['id', 'date', 'country', 'location', 'type', 'sub_type', 'actor1', 'actor2', 'fatalities'];

function cell(e, key) {
  if (key === 'fatalities') return e.fatalities.best;
  return e[key];
}

export function createTable(tableEl, filterEl, onSelect) {
  const table = select(tableEl);
  let events = [];
  let sortKey = 'date';
  let ascending = true;

  table.selectAll('th').on('click', function () {
    const key = this.dataset.key;
    ascending = key === sortKey ? !ascending : true;
    sortKey = key;
    render();
  });
  filterEl.addEventListener('input', render);

  function compare(a, b) {
    const x = cell(a, sortKey);
    const y = cell(b, sortKey);
    // Unknowns last, whichever way.
    if (x == null || x === '') return y == null || y === '' ? 0 : 1;
    if (y == null || y === '') return -1;
    const c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
    return ascending ? c : -c;
  }

  function render() {
    const needle = filterEl.value.trim().toLowerCase();
    const shown = events
      .filter((e) => !needle || COLUMNS.some((k) => String(cell(e, k) ?? '').toLowerCase().includes(needle)))
      .sort(compare);
    table
      .selectAll('th')
      .attr('aria-sort', function () {
        return this.dataset.key === sortKey ? (ascending ? 'ascending' : 'descending') : null;
      });
    const rows = table
      .select('tbody')
      .selectAll('tr')
      .data(shown, (e) => e.id)
      .join('tr')
      .attr('class', 'event-row')
      .attr('data-id', (e) => e.id)
      .on('click', (_, e) => onSelect(e.id))
      .order();
    rows
      .selectAll('td')
      .data((e) => COLUMNS.map((k) => ({ k, v: cell(e, k), e })))
      .join('td')
      .attr('class', (d) => `col-${d.k}`)
      .text((d) => d.v ?? '–')
      .filter((d) => d.k === 'type')
      .style('border-left', (d) => `4px solid ${typeColor(d.e.type)}`);
  }

  function update(next) {
    events = next;
    render();
  }

  return { update };
}
