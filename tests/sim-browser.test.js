// `make sim` in a real browser: Debian's Chromium driven by playwright-core clicks through a 1v1
// video call (alice calls, bob taps Answer on his phone, both show the call, alice hangs up)
// and a reject, in two tabs at once, and checks what the page shows: the phones' screens, the
// stand-in videos, the timeline, the errors for bad input. It saves a screenshot of the call
// (target/sim.png; SIM_SCREENSHOT=docs/screens/sim.png to refresh the README's, as `make
// screenshots` does). Without Chromium it skips, except under CI=true (.ci/run sets it), where it fails.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { chromiumMissing, launchChromium } = require('../test-support/chromium');
const { startSim } = require('./helpers/sim-process');

const REPO = path.join(__dirname, '..');
const SCREENSHOT = path.resolve(REPO, process.env.SIM_SCREENSHOT || 'target/sim.png');
const missing = chromiumMissing();
const inCi = /^(true|1)$/i.test(process.env.CI || '');

const phone = (slot) => `.phone-card[data-slot="${slot}"]`;
const onScreen = (slot, wxId) => `${phone(slot)} .phone-screen [data-wx-id="${wxId}"]`;

/** The timeline's lines as the page shows them. */
const timeline = (page) => page.$$eval('#entries .entry .text', (nodes) => nodes.map((n) => n.textContent));

async function waitForLine(page, pattern) {
  await page.waitForFunction((source) => [...document.querySelectorAll('#entries .entry .text')]
    .some((n) => new RegExp(source).test(n.textContent)), pattern.source, { timeout: 15000 });
}

test('make sim in Chromium: a 1v1 video call and a reject, clicked on the phones', { skip: !inCi && missing ? `${missing} (the browser test needs it)` : false }, async (t) => {
  if (missing) assert.fail(`CI=true and Chromium cannot run: ${missing}. scripts/setup.sh installs it on CI.`);
  const started = Date.now();
  const sim = await startSim([]);
  const browser = await launchChromium({ viewport: { width: 1600, height: 960 } });
  t.after(async () => {
    await browser.close().catch(() => {});
    await sim.stop('SIGKILL');
  });
  const errors = [];
  const page = browser.page;
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(sim.url);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator('.phone-card').count(), 4);
  assert.deepEqual(await page.$$eval('.phone-status strong', (nodes) => nodes.map((n) => n.textContent)), ['alice', 'bob', 'carol', 'dave']);
  assert.match(await page.textContent('#no-media'), /No audio or video flows here/);
  assert.equal(await page.isDisabled(`${phone(0)} [data-role=service-mode]`), true, 'the service-mode seam is off until issue 15');

  // A second tab on the same sim.
  const second = await browser.context.newPage();
  await second.goto(sim.url);
  await second.waitForSelector('body[data-ready="true"]');

  // 1v1 video: alice calls bob (ticked by default), bob answers on his own phone.
  assert.equal(await page.isChecked(`${phone(0)} [data-role=target][value=bob]`), true);
  await page.selectOption(`${phone(0)} [data-role=media]`, 'video');
  await page.click(`${phone(0)} [data-role=call]`);
  await page.waitForSelector(onScreen(1, 'accept'));
  await second.waitForSelector(onScreen(1, 'accept'));
  assert.match(await page.textContent(onScreen(1, 'peer-name')), /alice/);
  assert.match(await page.textContent(onScreen(0, 'subtitle')), /Waiting/);
  await page.click(`${onScreen(1, 'accept')} .wx-image`); // the icon inside the button, as a finger would
  for (const slot of [0, 1]) {
    await page.waitForFunction((sel) => /^00:00:0[1-9]$/.test((document.querySelector(sel) || {}).textContent || ''),
      onScreen(slot, 'time'), { timeout: 15000 });
  }
  assert.equal(await page.locator(`${phone(0)} .video-placeholder.video-player[data-who=bob]`).count(), 1, 'alice sees bob\'s stand-in');
  assert.equal(await page.locator(`${phone(1)} .video-placeholder.video-player[data-who=alice]`).count(), 1, 'bob sees alice\'s stand-in');
  assert.match(await page.textContent(`${phone(0)} .video-player .video-label`), /^bob$/);
  await second.waitForSelector(onScreen(0, 'time'));
  await waitForLine(page, /^signal accept +#\w{6} bob→alice video$/);
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  await second.close(); // closing a tab stops nothing

  await page.click(onScreen(0, 'hangup'));
  await page.waitForSelector(`${phone(0)}.idle`);
  await page.waitForSelector(`${phone(1)}.idle`);
  await waitForLine(page, /^bob: call ended \(hangup, \d+ s\)$/);
  const lines = await timeline(page);
  for (const want of [/^alice: call bob \(video\)$/, /^signal invite +#\w{6} alice→bob video room \d+$/, /^bob taps #accept$/,
    /^trtc → alice statechange 1031 /, /^alice taps #hangup$/, /^signal invite\/hangup +#\w{6} alice→bob video room \d+$/, /^alice: call ended \(hangup, \d+ s\)$/]) {
    assert.ok(lines.some((line) => want.test(line)), `${want} in:\n${lines.join('\n')}`);
  }
  assert.equal(await page.isVisible('#entries .raw'), false);
  await page.check('#raw');
  assert.match(await page.textContent('#entries .kind-signal .raw'), /"actionType":1/);

  // A reject: alice calls carol (audio), carol declines.
  await page.uncheck(`${phone(0)} [data-role=target][value=bob]`);
  await page.check(`${phone(0)} [data-role=target][value=carol]`);
  await page.selectOption(`${phone(0)} [data-role=media]`, 'audio');
  await page.click(`${phone(0)} [data-role=call]`);
  await page.click(onScreen(2, 'reject'));
  await page.waitForSelector(`${phone(0)}.idle`);
  await page.waitForSelector(`${phone(2)}.idle`);
  await waitForLine(page, /^alice: toast "carol declined"$/);
  await waitForLine(page, /^carol: call ended \(reject, 0 s\)$/);
  assert.ok((await timeline(page)).some((line) => /^signal reject +#\w{6} carol→alice audio$/.test(line)));

  // Bad input from the page is shown in it.
  await page.fill('#delay', 'soon');
  await page.click('#delay-set');
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.textContent('#error-text'), /"seconds" must be a number from 0 to 120/);
  await page.evaluate(() => window.simApi.send({ op: 'call', slot: 0, users: ['zed'] }));
  assert.match(await page.textContent('#error-text'), /unknown user "zed"/);
  await page.evaluate(() => window.simApi.send({ op: 'call', slot: 1, users: ['carol'], media: 'video' }));
  assert.equal(await page.isHidden('#error'), true, 'a good command clears the error');
  await page.click(onScreen(2, 'reject'));
  await page.waitForSelector(`${phone(1)}.idle`);
  assert.deepEqual(errors, [], 'no script errors in the page');

  // Ctrl-C with the page still open stops the server cleanly; the page says so.
  const stopped = await sim.stop('SIGINT');
  assert.equal(stopped.code, 0, stopped.stderr);
  assert.match(stopped.stdout, /sim: stopped \(SIGINT\)/);
  await page.waitForSelector('#link.down');
  t.diagnostic(`wall time ${((Date.now() - started) / 1000).toFixed(1)} s; screenshot ${path.relative(REPO, SCREENSHOT)}`);
});
