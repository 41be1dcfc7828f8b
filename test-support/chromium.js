// Headless Chromium through playwright-core, for scripts/screenshots.js and the simulator's
// browser test: Debian's /usr/bin/chromium (scripts/setup-chromium.sh; playwright's own
// browser download does not work on these machines), the flags that keep it off the network,
// and a fresh profile that is removed on close. Node only; never shipped.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** Without the background-networking flags Chromium keeps dialling Google on a closed network. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Why Chromium cannot be driven here (a sentence saying what to install), or null when it can. */
function chromiumMissing() {
  if (!fs.existsSync(CHROMIUM)) {
    return `no ${CHROMIUM}: run \`bash scripts/setup-chromium.sh\` first (or set CHROMIUM=/path/to/chromium)`;
  }
  try {
    require.resolve('playwright-core');
  } catch (error) {
    return 'playwright-core is missing: run `npm ci` (or `bash scripts/setup-chromium.sh`)';
  }
  return null;
}

/**
 * Launches headless Chromium with a new empty profile. `options` go to playwright's
 * launchPersistentContext (viewport, deviceScaleFactor, offline, …). Resolves to
 * `{context, page, close()}`; close() also removes the profile.
 */
async function launchChromium(options) {
  const { chromium } = require('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuicalling-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, Object.assign({
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    }, options));
  } catch (error) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] || await context.newPage();
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

module.exports = { CHROMIUM, CHROMIUM_ARGS, chromiumMissing, launchChromium };
