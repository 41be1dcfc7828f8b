#!/usr/bin/env node
// Pictures of every call screen, for the README: docs/screens/*.png.
//
//   bash scripts/setup-chromium.sh   # once: Debian `chromium` (+ CJK fonts) and playwright-core
//   make screenshots                 # or: node scripts/screenshots.js [--keep-html]
//
// How: real <tuicalling> components are rendered by miniprogram-simulate (official wcc/wcsc)
// and driven into each state by whole calls over the local IM hub and the simulated TRTC room
// (test-support/component-world.js). The simulated DOM of one phone is serialized with the
// component's compiled wxss (rpx -> px for a 375-px-wide phone, an iPhone-X-like safe area),
// WeChat tags become styled divs (live-pusher/live-player/camera: dark video placeholders
// labelled with the user id) and headless Chromium screenshots the page at 375x812, scale 2.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const r = require('../test-support/component-world');
const html = require('../test-support/phone-html');
const { chromiumMissing, launchChromium } = require('../test-support/chromium');

const OUT = path.join(r.REPO, 'docs', 'screens');
const WIDTH = html.PHONE_WIDTH;
const HEIGHT = html.PHONE_HEIGHT;

/** A mini-program package path ('/wxcomponents/...') as a file:// URL of the repository. */
const packageUrl = (src) => (src && src.startsWith('/') ? `file://${path.join(r.REPO, src)}` : src);

// The page and the phone chrome (status bar, home bar); the built-in tags are html.WX_CSS.
const PAGE_CSS = `
html, body { margin: 0; padding: 0; width: ${WIDTH}px; height: ${HEIGHT}px; overflow: hidden; background: #000; }
body { font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif;
  font-size: 16px; line-height: 1.4; -webkit-font-smoothing: antialiased; }
.page { position: relative; width: ${WIDTH}px; height: ${HEIGHT}px; background: #fff; overflow: hidden; }
.status-bar { position: absolute; z-index: 100; left: 0; right: 0; top: 0; height: ${html.SAFE_TOP}px; display: flex;
  align-items: center; justify-content: space-between; padding: 0 28px; box-sizing: border-box;
  font: 600 15px -apple-system, "Helvetica Neue", Arial, sans-serif; pointer-events: none; }
.home-bar { position: absolute; z-index: 100; left: 50%; bottom: 8px; width: 134px; height: 5px; margin-left: -67px; border-radius: 3px; }
`;

function pageHtml(phone, title) {
  const css = html.phoneCss(r.compiledWxss());
  const body = html.toHtml(phone.comp.dom, { me: phone.userID, assetUrl: packageUrl });
  const dark = /tuicalling--video/.test(body);
  const chrome = dark ? '#fff' : '#111';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=${WIDTH}"><title>${html.escapeHtml(title)}</title>
<style>${PAGE_CSS}${html.WX_CSS}</style><style>${css}</style></head>
<body><div class="page">${body}
<div class="status-bar" style="color:${chrome}"><span>9:41</span><span>5G ▮▮▮</span></div>
<div class="home-bar" style="background:${chrome}"></div></div></body></html>`;
}

// ---- the screens -----------------------------------------------------------------------------

const connected = (phones, players) => () => phones.every((p) => p.data.screen === 'connected' && p.data.playerList.length === players);

/** The elapsed time has moved past 00:00:00. */
const ticked = (phone) => r.waitFor(() => phone.data.chatTime !== '00:00:00', 'the clock ticks', 4000);

/** Each screen: a name, a title, and how to get there; returns the phone whose screen to shoot. */
const SCREENS = [
  {
    name: 'dialing-video', title: '1v1 video call: dialing with the camera preview',
    async drive(world) {
      const [alice] = await r.readyPhones(world, [['alice'], ['bob']]);
      await alice.comp.instance.call({ userID: 'bob', type: 2 });
      await r.sleep(50);
      return alice;
    },
  },
  {
    name: 'incoming', title: 'incoming video call: reject / accept',
    async drive(world) {
      const [alice, bob] = await r.readyPhones(world, [['alice'], ['bob']]);
      await alice.comp.instance.call({ userID: 'bob', type: 2 });
      await r.waitFor(() => bob.data.screen === 'incoming', 'bob rings');
      return bob;
    },
  },
  {
    name: 'connected-video', title: 'connected 1v1 video: big remote view, small local view, controls',
    async drive(world) {
      const [alice, bob] = await r.readyPhones(world, [['alice'], ['bob']]);
      await alice.comp.instance.call({ userID: 'bob', type: 2 });
      await r.waitFor(() => bob.data.screen === 'incoming', 'bob rings');
      await bob.tap('#accept');
      await r.waitFor(connected([alice, bob], 1), 'connected');
      await ticked(alice);
      return alice;
    },
  },
  {
    name: 'group-video', title: 'group video call of three: the grid',
    async drive(world) {
      world.hub.createGroup('g1', ['alice', 'bob', 'carol']);
      const [alice, bob, carol] = await r.readyPhones(world, [['alice'], ['bob'], ['carol']]);
      await alice.comp.instance.groupCall({ userIDList: ['bob', 'carol'], type: 2, groupID: 'g1' });
      await r.waitFor(() => bob.data.screen === 'incoming' && carol.data.screen === 'incoming', 'both ring');
      await bob.tap('#accept');
      await carol.tap('#accept');
      await r.waitFor(connected([alice, bob, carol], 2), 'everyone connected');
      await ticked(alice);
      return alice;
    },
  },
  {
    name: 'audio-call', title: 'connected audio call of three: the avatar grid',
    async drive(world) {
      world.hub.createGroup('g2', ['alice', 'bob', 'carol']);
      const [alice, bob, carol] = await r.readyPhones(world, [['alice', { type: 1 }], ['bob', { type: 1 }], ['carol', { type: 1 }]]);
      await alice.comp.instance.groupCall({ userIDList: ['bob', 'carol'], type: 1, groupID: 'g2' });
      await r.waitFor(() => bob.data.screen === 'incoming' && carol.data.screen === 'incoming', 'both ring');
      await bob.tap('#accept');
      await carol.tap('#accept');
      await r.waitFor(connected([alice, bob, carol], 2), 'everyone connected');
      await ticked(alice);
      return alice;
    },
  },
];

async function main() {
  const keepHtml = process.argv.includes('--keep-html');
  const missing = chromiumMissing();
  if (missing) {
    console.error(missing);
    process.exit(2);
  }
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tuicalling-screens-'));
  const pages = [];
  for (const screen of SCREENS) {
    const world = r.createWorld();
    const phone = await screen.drive(world);
    const doc = pageHtml(phone, screen.title);
    await r.destroyAll(world);
    const file = path.join(keepHtml ? OUT : tmp, `${screen.name}.html`);
    fs.writeFileSync(file, doc);
    pages.push({ screen, file });
  }

  const browser = await launchChromium({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 2, offline: true });
  try {
    for (const { screen, file } of pages) {
      await browser.page.goto(`file://${file}`);
      await browser.page.evaluate(() => document.fonts.ready);
      const png = path.join(OUT, `${screen.name}.png`);
      await browser.page.screenshot({ path: png, fullPage: false });
      console.log(`${path.relative(r.REPO, png)}  ${screen.title}`);
    }
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
