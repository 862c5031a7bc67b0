// The event view: one occurrence, the reports that tell it with the
// evidence sentences highlighted in their text (mark.evidence) and the
// claims' sentences too (mark.claim), each claim listed with its source.
// Text is always set as text, never parsed as HTML.
import { getJSON } from './api.js';

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const c of children) {
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function figures(f) {
  if (f.best == null) return 'not reported';
  return f.low === f.high ? `${f.best}` : `best ${f.best} (low ${f.low}, high ${f.high})`;
}

/**
 * A block's text cut at every highlight boundary; each piece inside one or
 * more highlights becomes a <mark> with their classes.
 */
function highlighted(text, ranges) {
  const cuts = new Set([0, text.length]);
  for (const r of ranges) {
    cuts.add(Math.max(0, Math.min(text.length, r.start)));
    cuts.add(Math.max(0, Math.min(text.length, r.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = ranges.filter((r) => r.start <= a && r.end >= b);
    if (covering.length === 0) {
      out.push(document.createTextNode(piece));
    } else {
      const classes = [...new Set(covering.map((r) => r.kind))].join(' ');
      const title = covering.map((r) => r.title).filter(Boolean).join('\n');
      out.push(el('mark', { class: classes, title: title || null }, piece));
    }
  }
  return out;
}

function summary(e) {
  const rows = [
    ['type', `${e.type} / ${e.sub_type}`],
    ['date', `${e.date} (${e.precision})`],
    ['place', `${e.location}${e.admin1 ? `, ${e.admin1}` : ''}, ${e.country}${e.lat != null ? ` (${e.lat.toFixed(3)}, ${e.lon.toFixed(3)})` : ''}`],
    ['actor 1', e.actor1 ?? '–'],
    ['actor 2', e.actor2 ?? '–'],
    ['fatalities', figures(e.fatalities)],
    ['injuries', figures(e.injuries)],
    ['civilians targeted', e.civilian_targeting ? 'yes' : 'no'],
    ['records', `${e.records} from ${e.report_ids.length} report(s)`],
  ];
  if (e.status && e.status.length) rows.push(['reviewed', e.status.join(', ')]);
  const dl = el('dl', { class: 'event-summary' });
  for (const [k, v] of rows) dl.append(el('dt', {}, k), el('dd', {}, v));
  return dl;
}

function claimList(claims) {
  const list = el('ul', { class: 'claims' });
  for (const c of claims) {
    const item = el('li', { class: 'claim-item', 'data-stance': c.stance }, el('strong', {}, `${c.by} `), `${c.stance}s`);
    if (c.text) item.append(': ', el('q', {}, c.text));
    item.append(el('div', { class: 'citation' }, c.source ? `source: ${c.source}` : 'source: the report’s own text'));
    list.append(item);
  }
  return list;
}

function reportSection(report, detail) {
  const ranges = new Map();
  const add = (block, range) => {
    if (!ranges.has(block)) ranges.set(block, []);
    ranges.get(block).push(range);
  };
  for (const ev of detail.evidence) {
    if (ev.report_id === report.id && ev.highlight) {
      add(ev.highlight.block, { ...ev.highlight, kind: 'evidence', title: ev.source ? `source: ${ev.source}` : null });
    }
  }
  for (const c of detail.claims) {
    if (c.report_id === report.id && c.highlight) {
      add(c.highlight.block, { ...c.highlight, kind: 'claim', title: `${c.by} ${c.stance}s` });
    }
  }
  const section = el('section', { class: 'report', 'data-report-id': report.id });
  section.append(el('h3', {}, report.title));
  if (report.reference_date) section.append(el('p', { class: 'meta' }, `${report.layout}, ${report.reference_date}`));
  for (const b of report.blocks) {
    const p = el('p', { class: `block block-${b.section.kind}`, 'data-block': b.index });
    p.append(el('span', { class: 'block-label' }, b.label), ' ', ...highlighted(b.text, ranges.get(b.index) ?? []));
    section.append(p);
  }
  if (report.sources.length) {
    const ol = el('ol', { class: 'sources' });
    for (const s of report.sources) ol.append(el('li', {}, s.citation));
    section.append(el('h4', {}, 'Sources'), ol);
  }
  return section;
}

/** A JSON value as a person reads it. */
function shown(v) {
  if (v === null || v === undefined) return 'unknown';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * What people did to the occurrence: the audit log, and for each field a
 * person set, what the coder says now when it disagrees.
 */
function corrections(detail) {
  const list = el('ul', { class: 'corrections' });
  for (const c of detail.corrections) {
    let what = c.action;
    if (c.action === 'set' || c.action === 'clear') what = `${c.action} ${c.field}: ${shown(c.before)} → ${shown(c.after)}`;
    else if (c.action === 'note') what = `note: ${c.note}`;
    else if (c.after !== null && c.after !== undefined) what = `${c.action} ${shown(c.after)}`;
    list.append(el('li', { class: 'correction', 'data-action': c.action }, `${c.at.slice(0, 10)} ${c.by}: ${what}`));
  }
  for (const f of detail.corrected_fields) {
    if (JSON.stringify(f.coder_now) !== JSON.stringify(f.coder_then) && JSON.stringify(f.coder_now) !== JSON.stringify(f.value)) {
      list.append(el('li', { class: 'coder-disagrees' }, `${f.field}: the coder now says ${shown(f.coder_now)} (it said ${shown(f.coder_then)} when ${f.by} set ${shown(f.value)})`));
    }
  }
  return list;
}

export async function showEvent(container, id) {
  container.replaceChildren(el('p', {}, `loading event ${id}…`));
  const detail = await getJSON(`events/${id}`);
  const reports = await Promise.all(detail.report_ids.map((r) => getJSON(`reports/${r}`)));
  const view = el('article', { class: 'event', 'data-id': detail.id });
  view.append(el('h3', {}, el('span', { class: 'event-id' }, detail.id), ` ${detail.sub_type} in ${detail.location}, ${detail.date}`), summary(detail));
  if (detail.claims.length) view.append(el('h4', {}, 'Claims'), claimList(detail.claims));
  if (detail.corrections.length) view.append(el('h4', {}, 'Corrections (on top of the coder’s output)'), corrections(detail));
  const why = el('ul', { class: 'members' });
  for (const m of detail.members) {
    why.append(el('li', {}, el('strong', {}, `r${m.event_id}, ${m.report_title}: `), `${m.date}, ${m.sub_type} at ${m.location}, ${m.fatalities ?? '?'} dead. `, el('em', {}, m.reason)));
  }
  view.append(el('h4', {}, 'Records and why they were merged'), why);
  view.append(el('h4', {}, 'Reports (evidence highlighted)'));
  for (const r of reports) view.append(reportSection(r, detail));
  container.replaceChildren(view);
  return detail;
}
