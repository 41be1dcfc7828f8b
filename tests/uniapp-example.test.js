// The uni-app example (examples/uniapp) built for mp-weixin with the real uni-app compiler from
// npm (@dcloudio/* Vue 3 + vite, exact pins, lockfile committed), then:
//  - the output holds our component byte for byte (the .wasm.br included) and the page json
//    registers `tuicalling`;
//  - the built uni runtime (common/vendor.js, which wraps Component()) and the BUILT component
//    are loaded into miniprogram-simulate (WeChat's own wcc), and the calls the page makes
//    (init, call, groupCall, destroyed) work on it. NOT shown: the built Vue page itself in the
//    simulator (it never gets uni's onLoad there, so no $vm / $refs).
// Slow (npm ci ~25 s, build ~10 s). Skipped only when TUICALLING_SKIP_UNIAPP=1.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');

const REPO = path.join(__dirname, '..');
const EXAMPLE = path.join(REPO, 'examples', 'uniapp');
const OUT = path.join(EXAMPLE, 'dist', 'build', 'mp-weixin');
const SKIP = process.env.TUICALLING_SKIP_UNIAPP === '1' ? 'TUICALLING_SKIP_UNIAPP=1' : false;
const SDK_APP_ID = 1400000000;

function filesUnder(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
  }).sort();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(check, what, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

test('uni-app example: npm ci + uni build -p mp-weixin', { skip: SKIP, timeout: 600000 }, async (t) => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = (args) => execFileSync(npm, args, { cwd: EXAMPLE, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 480000 });

  let started = Date.now();
  if (!process.env.TUICALLING_UNIAPP_NO_CI) run(['ci', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund']);
  t.diagnostic(`npm ci: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  started = Date.now();
  const log = run(['run', 'build:mp-weixin']);
  t.diagnostic(`uni build -p mp-weixin: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.match(log, /DONE\s+Build complete/);

  await t.test('the output holds the component byte for byte and the page registers tuicalling', () => {
    const source = path.join(REPO, 'wxcomponents', 'TUICalling');
    const built = path.join(OUT, 'wxcomponents', 'TUICalling');
    assert.ok(fs.existsSync(path.join(built, 'TUICalling.js')), 'wxcomponents/TUICalling/TUICalling.js is built');
    assert.ok(fs.existsSync(path.join(built, 'wasm', 'tuicalling_bg.wasm.br')), 'the .wasm.br is built');
    assert.deepEqual(filesUnder(built), filesUnder(source), 'the same files');
    for (const file of filesUnder(source)) {
      assert.ok(fs.readFileSync(path.join(built, file)).equals(fs.readFileSync(path.join(source, file))), `${file} is byte-identical`);
    }
    const pageJson = JSON.parse(fs.readFileSync(path.join(OUT, 'pages', 'index', 'index.json'), 'utf8'));
    assert.equal(pageJson.usingComponents.tuicalling, '../../wxcomponents/TUICalling/TUICalling');
    const wxml = fs.readFileSync(path.join(OUT, 'pages', 'index', 'index.wxml'), 'utf8');
    assert.match(wxml, /<tuicalling [^>]*u-r="TUICalling"[^>]*id="TUICalling-component"/);
    assert.match(wxml, /bindsendMessage=/, '@sendMessage keeps its name');
    const project = JSON.parse(fs.readFileSync(path.join(OUT, 'project.config.json'), 'utf8'));
    assert.equal(project.appid, 'touristappid', 'the appid placeholder reaches project.config.json');
  });

  await t.test('the built page and component in miniprogram-simulate: the built component takes the page\'s calls (not the built Vue page)', async () => {
    // jsdom globals before miniprogram-simulate (as in component.test.js).
    const { JSDOM } = require('jsdom');
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    for (const name of ['window', 'document', 'CustomEvent', 'Event', 'TouchEvent', 'Touch', 'HTMLElement', 'Node']) {
      if (dom.window[name]) global[name] = dom.window[name];
    }
    const instantiated = [];
    // Package paths resolve against the BUILT output, so the built .wasm.br is the one loaded.
    global.WXWebAssembly = {
      instantiate(packagePath, imports) {
        instantiated.push(packagePath);
        let bytes = fs.readFileSync(path.join(OUT, packagePath.replace(/^\/+/, '')));
        if (packagePath.endsWith('.br')) bytes = zlib.brotliDecompressSync(bytes);
        return WebAssembly.instantiate(bytes, imports);
      },
    };
    const simulate = require('miniprogram-simulate'); // sets global.Component
    const { createImHub } = require('../test-support/im-hub');

    // The mini-program globals uni's runtime (common/vendor.js) expects at load.
    const toasts = [];
    const timers = [];
    global.wx = {
      showToast(o) { toasts.push(o); },
      hideToast() {},
      preloadAssets() {},
      getSystemInfoSync: () => ({ platform: 'devtools', pixelRatio: 2, windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667, language: 'zh_CN', version: '8.0.0', SDKVersion: '3.0.0', safeArea: {} }),
      getWindowInfo: () => ({ pixelRatio: 2, windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667, safeArea: {} }),
      getDeviceInfo: () => ({ platform: 'devtools' }),
      getAppBaseInfo: () => ({ SDKVersion: '3.0.0', language: 'zh_CN' }),
      getLaunchOptionsSync: () => ({ path: 'pages/index/index', scene: 1001, query: {} }),
      getEnterOptionsSync: () => ({ path: 'pages/index/index', scene: 1001, query: {} }),
      canIUse: () => true,
      createLivePusherContext: () => ({ start(o) { if (o && o.success) o.success({}); }, stop(o) { if (o && o.complete) o.complete(); }, switchCamera() {}, setMICVolume() {} }),
      createLivePlayerContext: () => ({ play() {}, stop() {} }),
      createInnerAudioContext: () => ({ play() {}, stop() {}, destroy() {}, onError() {}, onEnded() {} }),
    };
    global.getApp = () => ({ globalData: {} });
    global.getCurrentPages = () => [];
    global.App = () => {};
    global.Page = () => {};
    // uni's runtime replaces global Component with its wrapper around simulate's.
    const realSetTimeout = global.setTimeout;
    global.setTimeout = (fn, ms, ...rest) => { const id = realSetTimeout(fn, ms, ...rest); if (ms >= 1000) { timers.push(id); } return id; };
    require(path.join(OUT, 'common', 'vendor.js'));
    global.setTimeout = realSetTimeout;
    timers.forEach((id) => clearTimeout(id)); // vendor's 3 s wx.preloadAssets of a CDN image
    assert.notEqual(global.Component.toString().indexOf('uP'), -1, 'uni wrapped Component()');

    const hub = createImHub({ latencyMs: 5 });
    global.wx.$TIM = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' });

    // Loading the BUILT Vue page itself is not done: the simulator's page never gets uni's
    // onLoad (no route), so uni never creates the page's $vm. Instead the BUILT component
    // (loaded through uni's Component wrapper, as in WeChat) gets the calls the page makes.
    const compId = simulate.load(path.join(OUT, 'wxcomponents', 'TUICalling', 'TUICalling'), 'tuicalling', { compiler: 'official', rootPath: OUT });
    const comp = simulate.render(compId, { config: { sdkAppID: SDK_APP_ID, userID: 'user0', userSig: 'sig-user0', type: 2 } });
    comp.attach(document.createElement('div'));
    const native = comp.instance;
    await native.init();
    assert.deepEqual(instantiated, ['/wxcomponents/TUICalling/wasm/tuicalling_bg.wasm.br']);
    const callee = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' });
    await callee.login({ userID: 'user1', userSig: 'sig-user1' });
    await native.call({ userID: 'user1', type: 2 });
    await waitFor(() => native.data.screen === 'dialing', 'call() dials');
    await native.hangup();
    await waitFor(() => native.data.screen === 'idle', 'back to idle');
    await native.groupCall({ userIDList: ['user1', 'user2'], type: 2 });
    await waitFor(() => native.data.screen === 'dialing' && native.data.isGroup, 'groupCall() dials');
    await native.hangup();
    await waitFor(() => native.data.screen === 'idle', 'back to idle');
    await native.destroyed();
    await assert.rejects(native.call({ userID: 'user1', type: 2 }), /call init\(\) first/);
    comp.detach();
  });
});
