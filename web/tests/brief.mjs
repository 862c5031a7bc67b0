// Browser test of a brief (`watchfloor brief -o brief.html`): opens the
// file in Debian's chromium, headless through playwright-core, with every
// request refused, and checks its parts: headline figures, a map of
// Natural Earth countries with a circle per placed event, a timeline, a
// table of events each with its evidence sentence and source, the claims.
// Saves a screenshot.
//
//   BRIEF       the brief's HTML file (required)
//   CHROMIUM    the browser (default /usr/bin/chromium)
//   SCREENSHOT  where to save the screenshot (default: a temp file)
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { assert, check, finish, launch } from './harness.mjs';

const brief = process.env.BRIEF;
if (!brief) {
  console.error('brief test: set BRIEF to the brief to open (scripts/test-page.sh does)');
  process.exit(2);
}
const shot = process.env.SCREENSHOT || path.join(os.tmpdir(), `watchfloor-brief-${process.pid}.png`);


const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const fetched = [];
  const errors = [];
  // A brief is one file: anything else it asks for is a failure.
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === pathToFileURL(path.resolve(brief)).href) return route.continue();
    fetched.push(u);
    return route.abort();
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(pathToFileURL(path.resolve(brief)).href);

  const rows = await page.locator('table.events tbody tr').count();
  await check('headline figures count the events in the table', async () => {
    const figures = await page.locator('ul.figures li b').allTextContents();
    assert(figures.length >= 3, `figures: ${figures}`);
    assert(Number(figures[0]) === rows && rows > 0, `${figures[0]} events headlined, ${rows} rows`);
  });

  await check('the map draws countries and a circle per placed event', async () => {
    const countries = await page.locator('svg.map path.country').count();
    const circles = await page.locator('svg.map circle.event').count();
    assert(countries > 100, `${countries} countries drawn`);
    assert(circles > 0 && circles <= rows, `${circles} circles for ${rows} events`);
    const box = await page.locator('svg.map').boundingBox();
    assert(box && box.width > 500 && box.height > 200, `map box ${JSON.stringify(box)}`);
    console.log(`  ${countries} countries, ${circles} events on the map`);
  });

  await check('the timeline has bars', async () => {
    const bars = await page.locator('svg.timeline rect.bar').count();
    assert(bars > 0, 'no bars');
  });

  await check('every event cites its evidence sentence and its source', async () => {
    const evidence = await page.locator('table.events q.evidence').allTextContents();
    const sources = await page.locator('table.events .citation').allTextContents();
    assert(evidence.length === rows && evidence.every((t) => t.trim().length > 20), `evidence: ${evidence}`);
    assert(sources.length === rows && sources.every((t) => t.startsWith('Source: ')), `sources: ${sources}`);
    const ids = await page.locator('table.events tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
    assert(ids.every((id) => /^[A-Z]{2,3}\d+$/.test(id)), `ids: ${ids}`);
  });

  await check('the claims are listed', async () => {
    const claims = await page.locator('ul.claims li.claim').count();
    const none = await page.getByText('No one claims').count();
    assert(claims > 0 || none === 1, 'no claims section');
    console.log(`  ${claims} claim(s)`);
  });

  await check('nothing is fetched and no script runs', async () => {
    assert(fetched.length === 0, `fetched: ${fetched.join(', ')}`);
    assert(errors.length === 0, `errors: ${errors.join('; ')}`);
    assert((await page.locator('script').count()) === 0, 'a script in the brief');
  });

  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);
} finally {
  await browser.close();
}
finish();
