// The page: wires the filter form, the map, the timeline, the network, the
// table and the event view to the API and to each other.
import './style.css';
import { getJSON, allEvents } from './api.js';
import { state, onChange, setFilters, setBrush, filterParams, viewParams } from './state.js';
import { createMap } from './map.js';
import { createTimeline } from './timeline.js';
import { createNetwork } from './network.js';
import { createTable } from './table.js';
import { showEvent } from './eventview.js';

const $ = (id) => document.getElementById(id);
const status = $('status');
const eventPanel = $('event-panel');

async function openEvent(id) {
  eventPanel.hidden = false;
  try {
    await showEvent($('event-view'), id);
    eventPanel.scrollIntoView({ behavior: 'smooth', block: 'start' });
  } catch (err) {
    $('event-view').textContent = `Could not load event ${id}: ${err.message}`;
  }
}

const map = createMap($('map'), $('legend'), openEvent);
const timeline = createTimeline($('timeline'), (sel) => setBrush(sel));
const network = createNetwork($('network'), (actor) => {
  $('f-actor').value = actor;
  applyForm();
});
const table = createTable($('events-table'), $('table-filter'), openEvent);

function formFilters() {
  return {
    actor: $('f-actor').value.trim(),
    country: $('f-country').value,
    type: $('f-type').value,
    from: $('f-from').value,
    to: $('f-to').value,
    q: $('f-q').value.trim(),
  };
}

function applyForm() {
  setFilters(formFilters());
}

/** Redraws the views the brush filters: map, network, table. */
async function loadView() {
  const params = viewParams();
  const [{ total, events }, net] = await Promise.all([allEvents(params), getJSON('network', params)]);
  const placed = map.update(events);
  network.update(net);
  table.update(events);
  const period = state.brush ? `, ${state.brush.from} to ${state.brush.to}` : '';
  const unplaced = events.length - placed;
  status.textContent =
    `${total} events${period}` +
    (events.length < total ? ` (first ${events.length} shown)` : '') +
    (unplaced > 0 ? `; ${unplaced} without coordinates are in the table only` : '');
  document.body.dataset.events = String(total);
}

async function loadTimeline() {
  timeline.update(await getJSON('timeline', { ...filterParams(), bucket: $('t-bucket').value }));
  timeline.showSelection(state.brush);
}

async function refresh(what) {
  status.textContent = 'loading…';
  document.body.dataset.loading = 'true';
  try {
    if (what !== 'brush') await loadTimeline();
    else if (!state.brush) timeline.showSelection(null);
    await loadView();
    $('t-clear').hidden = !state.brush;
  } catch (err) {
    status.textContent = `Error: ${err.message}`;
  } finally {
    delete document.body.dataset.loading;
  }
}

async function fillChoices() {
  const [stats, actors] = await Promise.all([getJSON('stats'), getJSON('actors', { limit: 500 })]);
  for (const [code, n] of stats.by_country) {
    const option = document.createElement('option');
    option.value = code;
    option.textContent = `${code} (${n})`;
    $('f-country').append(option);
  }
  for (const a of actors.actors) {
    const option = document.createElement('option');
    option.value = a.name;
    $('actor-names').append(option);
  }
}

$('filters').addEventListener('submit', (e) => {
  e.preventDefault();
  applyForm();
});
$('f-reset').addEventListener('click', () => {
  $('filters').reset();
  applyForm();
});
$('t-bucket').addEventListener('change', () => refresh('filters'));
$('t-clear').addEventListener('click', () => setBrush(null));
$('event-close').addEventListener('click', () => {
  eventPanel.hidden = true;
});
onChange(refresh);

fillChoices().catch((err) => {
  status.textContent = `Error: ${err.message}`;
});
refresh('filters');
