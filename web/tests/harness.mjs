// What the browser tests share: Debian's chromium launched headless with
// the flags that keep it off the network, TAP-like checks that keep going
// after a failure, and the closing tally.
import { chromium } from 'playwright-core';

/** The browser, from CHROMIUM (default /usr/bin/chromium). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

let passed = 0;
let failed = 0;

/** Runs one named check; a failure is printed and counted, not thrown. */
export async function check(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed += 1;
    console.log(`not ok - ${name}\n  ${String(err.stack || err).replace(/\n/g, '\n  ')}`);
  }
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Prints the tally and exits 0 only when every check passed. */
export function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
