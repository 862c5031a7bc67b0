// Browser test of the analyst's page: starts `watchfloor serve` on a free
// loopback port against a store, drives Debian's chromium headless through
// playwright-core, and checks what a person would: one marker per placed
// event, a filter that changes the table, an event whose evidence is
// highlighted in its report, and no request leaving this machine.
//
//   WATCHFLOOR_BIN  the watchfloor binary (required)
//   WATCHFLOOR_DB   the store to serve (required)
//   CHROMIUM        the browser (default /usr/bin/chromium)
//   SCREENSHOT      where to save the screenshot (default: a temp file)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { assert, check, finish, launch } from './harness.mjs';

const bin = process.env.WATCHFLOOR_BIN;
const db = process.env.WATCHFLOOR_DB;
if (!bin || !db) {
  console.error('page test: set WATCHFLOOR_BIN and WATCHFLOOR_DB (scripts/test-page.sh does)');
  process.exit(2);
}
const shot = process.env.SCREENSHOT || path.join(os.tmpdir(), `watchfloor-page-${process.pid}.png`);


/** Starts the server on a free port; resolves to its base URL. */
async function startServer() {
  const server = spawn(bin, ['serve', '--db', db, '--addr', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL from watchfloor serve within 60 s: ${out}`)), 60000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    server.on('exit', (code) => reject(new Error(`watchfloor serve exited with ${code}: ${out}`)));
  });
  return { server, url };
}

async function api(url, p) {
  const r = await fetch(new URL(`api/${p}`, url));
  if (!r.ok) throw new Error(`GET /api/${p}: ${r.status} ${await r.text()}`);
  return r.json();
}

/** Waits until the page has finished loading after an action. */
async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.events !== undefined && !document.body.dataset.loading, null, {
    timeout: 30000,
  });
}

const { server, url } = await startServer();
console.log(`page test: serving ${db} at ${url}`);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const outside = [];
  const errors = [];
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && u.protocol !== 'data:') outside.push(req.url());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  await page.goto(url);
  await settled(page);

  const all = await api(url, 'events?limit=1000');
  const placed = all.events.filter((e) => e.lat !== null && e.lon !== null).length;

  await check('one marker per event with coordinates', async () => {
    assert(all.total > 0, 'the store has events');
    assert(all.total <= 1000, 'the test store fits one page');
    const markers = await page.locator('circle.event-marker').count();
    assert(markers === placed, `${markers} markers, ${placed} placed events (of ${all.total})`);
    console.log(`  ${markers} markers for ${all.total} events (${placed} with coordinates)`);
  });

  await check('the table lists every event', async () => {
    const rows = await page.locator('tr.event-row').count();
    assert(rows === all.total, `${rows} rows, ${all.total} events`);
  });

  await check('the timeline and the network are drawn', async () => {
    assert((await page.locator('rect.timeline-bar').count()) > 0, 'timeline bars');
    assert((await page.locator('g.network-node').count()) > 0, 'network nodes');
  });

  await check('a country filter changes the table and the map', async () => {
    const stats = await api(url, 'stats');
    const [country] = stats.by_country.find(([, n]) => n > 0 && n < stats.events) || stats.by_country[0];
    const expected = await api(url, `events?limit=1000&country=${country}`);
    await page.selectOption('#f-country', country);
    await page.click('#f-apply');
    await page.waitForFunction((n) => document.querySelectorAll('tr.event-row').length === n, expected.total, {
      timeout: 30000,
    });
    await settled(page);
    const rows = await page.locator('tr.event-row').count();
    assert(rows === expected.total && rows < all.total, `${rows} rows for ${country}, ${all.total} before`);
    const markers = await page.locator('circle.event-marker').count();
    const placedHere = expected.events.filter((e) => e.lat !== null).length;
    assert(markers === placedHere, `${markers} markers for ${placedHere} placed events in ${country}`);
    console.log(`  country ${country}: ${rows} of ${all.total} events`);
  });

  await check('each row carries its citable occurrence id', async () => {
    const ids = await page.locator('tr.event-row td.col-id').allTextContents();
    assert(ids.length > 0, 'rows with ids');
    for (const id of ids) assert(/^[A-Z]{2,3}\d+$/.test(id), `row id ${id} is not like MLI12`);
    assert(new Set(ids).size === ids.length, 'ids are unique');
  });

  await check('sorting the table by fatalities puts the deadliest first', async () => {
    await page.click('th[data-key="fatalities"]');
    await page.click('th[data-key="fatalities"]');
    const first = await page.locator('tr.event-row td.col-fatalities').first().textContent();
    const values = await page.locator('tr.event-row td.col-fatalities').allTextContents();
    const numbers = values.map(Number).filter((n) => !Number.isNaN(n));
    assert(Number(first) === Math.max(...numbers), `first ${first}, max ${Math.max(...numbers)}`);
  });

  await check('opening an event highlights its evidence in the report', async () => {
    await page.click('#f-reset');
    await settled(page);
    const withEvidence = all.events.find((e) => e.report_ids.length > 0);
    const detail = await api(url, `events/${withEvidence.id}`);
    await page.click(`tr.event-row[data-id="${withEvidence.id}"]`);
    await page.waitForSelector('#event-view article.event', { timeout: 30000 });
    const marks = await page.locator('#event-view mark.evidence').allTextContents();
    assert(marks.length > 0, 'mark.evidence present');
    const sentences = detail.evidence.map((e) => e.text.replace(/\s+/g, ' '));
    for (const m of marks) {
      const text = m.replace(/\s+/g, ' ').trim();
      assert(sentences.some((s) => s.includes(text)), `highlight "${text}" is an evidence sentence`);
    }
    const shownId = await page.locator('#event-view .event-id').textContent();
    assert(shownId === withEvidence.id, `the view names ${shownId}, not ${withEvidence.id}`);
    console.log(`  event ${withEvidence.id}: ${marks.length} highlighted evidence sentence(s)`);
  });

  await check('brushing the timeline narrows the table', async () => {
    await page.click('#f-reset');
    await settled(page);
    await page.locator('#timeline').scrollIntoViewIfNeeded();
    const box = await page.locator('#timeline').boundingBox();
    // Drag over the left third of the plotting area.
    await page.mouse.move(box.x + box.width * 0.05, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => !document.getElementById('t-clear').hidden, null, { timeout: 30000 });
    await settled(page);
    const rows = await page.locator('tr.event-row').count();
    const status = await page.locator('#status').textContent();
    assert(rows < all.total, `${rows} rows after brushing, ${all.total} before (${status})`);
    console.log(`  brushed: ${status}`);
    await page.click('#t-clear');
    await settled(page);
  });

  await check('nothing is requested from outside this machine and no script errors', async () => {
    assert(outside.length === 0, `outside requests: ${outside.join(', ')}`);
    assert(errors.length === 0, `errors: ${errors.join('; ')}`);
  });

  await page.click(`tr.event-row[data-id="${all.events[0].id}"]`);
  await page.waitForSelector('#event-view article.event');
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await once(server, 'exit').catch(() => {});
}
finish();
