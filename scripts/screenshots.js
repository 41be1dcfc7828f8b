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

const OUT = path.join(r.REPO, 'docs', 'screens');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WIDTH = 375;
const HEIGHT = 812;
const SAFE_TOP = 44;
const SAFE_BOTTOM = 34;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// ---- serialization -------------------------------------------------------------------------

/** wxss for a WIDTH-px phone: 750rpx = WIDTH px; env() safe areas of an iPhone X. */
function phoneCss(css) {
  return css
    .replace(/(-?\d*\.?\d+)rpx/g, (all, n) => `${+(Number(n) * WIDTH / 750).toFixed(3)}px`)
    .replace(/env\(\s*safe-area-inset-top\s*\)/g, `${SAFE_TOP}px`)
    .replace(/env\(\s*safe-area-inset-bottom\s*\)/g, `${SAFE_BOTTOM}px`)
    .replace(/env\(\s*safe-area-inset-(left|right)\s*\)/g, '0px');
}

/** An attribute the template set on a built-in node (simulate keeps it off the DOM, e.g. image src). */
function templateAttr(node, name) {
  const vt = node.__wxElement && node.__wxElement._vt;
  const attr = vt && vt.attrs.find((a) => a.name === name);
  return attr ? attr.value : null;
}

/** A mini-program package path ('/wxcomponents/...') as a file:// URL of the repository. */
const packageUrl = (src) => (src && src.startsWith('/') ? `file://${path.join(r.REPO, src)}` : src);

const escapeHtml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const VIDEO_TAGS = { 'wx-live-pusher': 'pusher', 'wx-live-player': 'player', 'wx-camera': 'camera' };
const PERSON_SVG = '<svg viewBox="0 0 64 64" width="72" height="72" aria-hidden="true"><circle cx="32" cy="22" r="12" fill="#5b6270"/>'
  + '<path d="M8 60c0-14 10.7-22 24-22s24 8 24 22z" fill="#5b6270"/></svg>';

/**
 * The simulated DOM as plain HTML: wx-* tags become divs/spans with a `wx-<tag>` class; media
 * tags become dark video placeholders that name whose picture they would show.
 */
function toHtml(node, ctx) {
  if (node.nodeType === 3) return escapeHtml(node.textContent);
  if (node.nodeType !== 1) return '';
  const tag = node.tagName.toLowerCase();
  const attrs = [...node.attributes].filter((a) => a.name !== 'class' && a.name !== 'style')
    .map((a) => ` ${a.name}="${escapeHtml(a.value)}"`).join('');
  const cls = [tag.startsWith('wx-') ? tag : '', node.getAttribute('class') || ''].filter(Boolean).join(' ');
  const style = node.getAttribute('style') ? ` style="${escapeHtml(node.getAttribute('style'))}"` : '';
  const children = [...node.childNodes].map((c) => toHtml(c, ctx)).join('');
  if (VIDEO_TAGS[tag]) {
    const kind = VIDEO_TAGS[tag];
    const who = kind === 'player' ? node.getAttribute('data-userid') || '?' : ctx.me;
    const label = kind === 'camera' ? `${who} · camera preview` : kind === 'pusher' ? `${who} (me)` : who;
    return `<div class="${cls} video-placeholder video-${kind}"${attrs}${style}>`
      + `<div class="video-figure">${PERSON_SVG}<div class="video-label">${escapeHtml(label)}</div></div>${children}</div>`;
  }
  if (tag === 'wx-text') return `<span class="${cls}"${attrs}${style}>${children}</span>`;
  if (tag === 'wx-image') {
    const src = packageUrl(node.getAttribute('src') || templateAttr(node, 'src'));
    return `<div class="${cls}"${attrs}${style}>${src ? `<img src="${escapeHtml(src)}" alt="">` : ''}</div>`;
  }
  if (tag.startsWith('wx-') || tag === r.TAG) return `<div class="${cls}"${attrs}${style}>${children}</div>`;
  return `<${tag}${cls ? ` class="${cls}"` : ''}${attrs}${style}>${children}</${tag}>`;
}

// WeChat's built-in component defaults, the page, and the phone chrome (status bar, home bar).
const BASE_CSS = `
html, body { margin: 0; padding: 0; width: ${WIDTH}px; height: ${HEIGHT}px; overflow: hidden; background: #000; }
body { font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif;
  font-size: 16px; line-height: 1.4; -webkit-font-smoothing: antialiased; }
.page { position: relative; width: ${WIDTH}px; height: ${HEIGHT}px; background: #fff; overflow: hidden; }
.wx-view { display: block; box-sizing: border-box; }
.wx-text { display: inline; white-space: pre-wrap; }
.wx-image { display: inline-block; width: 320px; height: 240px; overflow: hidden; }
.wx-image img { width: 100%; height: 100%; object-fit: cover; }
.wx-live-pusher, .wx-live-player, .wx-camera { display: block; width: 300px; height: 225px; }
.video-placeholder { position: relative; overflow: hidden;
  background: #2a2e35; color: #c9ced8; box-shadow: inset 0 0 0 0.5px rgba(0,0,0,.6); }
.video-figure { position: absolute; left: 0; right: 0; top: 50%; transform: translateY(-50%);
  display: flex; flex-direction: column; align-items: center; gap: 6px; }
.video-pusher { background: #464d59; }
.video-camera { background: #1d2026; }
.video-camera .video-figure { top: 62%; }
.video-label { font-size: 13px; letter-spacing: .02em; background: rgba(0,0,0,.35); padding: 2px 8px; border-radius: 10px; }
.stream .video-placeholder svg { width: 40%; max-width: 96px; height: auto; }
.status-bar { position: absolute; z-index: 100; left: 0; right: 0; top: 0; height: ${SAFE_TOP}px; display: flex;
  align-items: center; justify-content: space-between; padding: 0 28px; box-sizing: border-box;
  font: 600 15px -apple-system, "Helvetica Neue", Arial, sans-serif; pointer-events: none; }
.home-bar { position: absolute; z-index: 100; left: 50%; bottom: 8px; width: 134px; height: 5px; margin-left: -67px; border-radius: 3px; }
`;

function pageHtml(phone, title) {
  const css = phoneCss(r.compiledWxss());
  const body = toHtml(phone.comp.dom, { me: phone.userID });
  const dark = /tuicalling--video/.test(body);
  const chrome = dark ? '#fff' : '#111';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=${WIDTH}"><title>${escapeHtml(title)}</title>
<style>${BASE_CSS}</style><style>${css}</style></head>
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
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`no ${CHROMIUM}: run \`bash scripts/setup-chromium.sh\` first (or set CHROMIUM=/path/to/chromium)`);
    process.exit(2);
  }
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch (e) {
    console.error('playwright-core is missing: run `bash scripts/setup-chromium.sh` (or `npm install`)');
    process.exit(2);
  }
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tuicalling-screens-'));
  const pages = [];
  for (const screen of SCREENS) {
    const world = r.createWorld();
    const phone = await screen.drive(world);
    const html = pageHtml(phone, screen.title);
    await r.destroyAll(world);
    const file = path.join(keepHtml ? OUT : tmp, `${screen.name}.html`);
    fs.writeFileSync(file, html);
    pages.push({ screen, file });
  }

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuicalling-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: WIDTH, height: HEIGHT },
    deviceScaleFactor: 2,
    offline: true,
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    for (const { screen, file } of pages) {
      await page.goto(`file://${file}`);
      await page.evaluate(() => document.fonts.ready);
      const png = path.join(OUT, `${screen.name}.png`);
      await page.screenshot({ path: png, fullPage: false });
      console.log(`${path.relative(r.REPO, png)}  ${screen.title}`);
    }
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
