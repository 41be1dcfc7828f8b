// The uni-app example (examples/uniapp) built for mp-weixin with the real uni-app compiler from
// npm (@dcloudio/* Vue 3 + vite, exact pins, lockfile committed), then:
//  - the output holds our component byte for byte (the .wasm.br included) and the page json
//    registers `tuicalling`;
//  - the built uni runtime (common/vendor.js, which wraps Component()), the built app and the
//    BUILT page with our component are loaded into miniprogram-simulate (WeChat's own wcc); the
//    page's own code (the seed's `this.$refs.TUICalling.init()` in $nextTick, call, groupCall,
//    destroyed, wired to its buttons) reaches our component, and its events reach the page.
// Slow (npm ci ~25 s, build ~10 s). Skipped only when TUICALLING_SKIP_UNIAPP=1.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { installWeChatGlobals } = require('../test-support/wechat-globals');

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

const { sleep, waitFor } = require('./helpers/wait');

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

  await t.test('the BUILT uni-app page in miniprogram-simulate: its this.$refs.TUICalling calls reach our component', async () => {
    // Package paths resolve against the BUILT output, so the built .wasm.br is the one loaded.
    const { instantiated } = installWeChatGlobals(OUT);
    const simulate = require('miniprogram-simulate'); // sets global.Component
    const { createImHub } = require('../test-support/im-hub');

    // The mini-program globals uni's runtime (common/vendor.js) expects at load.
    const timers = [];
    global.wx = {
      showToast() {},
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
    // WeChat's App()/getApp(): uni's app.js registers the app; WeChat then launches it.
    let app = null;
    global.App = (options) => { app = options; };
    global.getApp = () => app;
    global.getCurrentPages = () => [];
    global.Page = () => {};
    const hub = createImHub({ latencyMs: 5 });
    // uni's runtime replaces global Component with its wrapper around simulate's.
    const realSetTimeout = global.setTimeout;
    global.setTimeout = (fn, ms, ...rest) => { const id = realSetTimeout(fn, ms, ...rest); if (ms >= 1000) { timers.push(id); } return id; };
    const vendor = require(path.join(OUT, 'common', 'vendor.js'));
    global.setTimeout = realSetTimeout;
    timers.forEach((id) => clearTimeout(id)); // vendor's 3 s wx.preloadAssets of a CDN image
    assert.notEqual(global.Component.toString().indexOf('uP'), -1, 'uni wrapped Component()');
    // uni replaces the global wx with its own copy, which the app's compiled `wx` (vendor.wx$1)
    // is too; so App.vue's `wx.$TIM = TencentCloudChat.create(...)` is what our component reads.
    // The test puts a local-hub instance there, as App.vue does with the real SDK.
    assert.equal(vendor.wx$1, global.wx, 'the app and the component share one wx');
    vendor.wx$1.$TIM = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' });
    require(path.join(OUT, 'app.js'));
    assert.ok(app && app.$vm, 'uni registered the app with App()');
    app.onLaunch(global.wx.getLaunchOptionsSync());

    // The example ships blank credentials (src/config.js); the developer fills them in. The
    // built config module gets what a developer would write there.
    const configModule = path.join(OUT, 'config.js');
    assert.match(fs.readFileSync(configModule, 'utf8'), /SDK_APP_ID=0/, 'the example ships no SDKAppID');
    require.cache[configModule] = { id: configModule, filename: configModule, loaded: true, exports: { SDK_APP_ID, USER_ID: 'user0', USER_SIG: 'sig-user0' } };

    // The BUILT page (index.js/json/wxml/wxss, with WeChat's compiler), mounted as WeChat does:
    // a component with a route, attached, then onLoad.
    const pageId = simulate.load(path.join(OUT, 'pages', 'index', 'index'), { compiler: 'official', rootPath: OUT });
    const page = simulate.render(pageId, {});
    page.instance.route = 'pages/index/index';
    page.attach(document.createElement('div'));
    page.instance.onLoad({});
    const vm = page.instance.$vm;
    assert.ok(vm, 'uni created the page\'s Vue instance');
    const statusText = () => page.querySelector('.status').dom.textContent;

    // onReady → this.$nextTick(() => this.$refs.TUICalling.init())
    await waitFor(() => statusText() === 'ready', 'init() through $refs shows "ready"');
    assert.deepEqual(instantiated, ['/wxcomponents/TUICalling/wasm/tuicalling_bg.wasm.br']);
    const tuicalling = vm.$refs.TUICalling;
    assert.equal(typeof tuicalling.init, 'function', '$refs.TUICalling is our component instance');
    assert.equal(tuicalling, page.instance.selectComponent('#TUICalling-component'), 'the $scope.selectComponent fallback finds the same instance');
    assert.equal(tuicalling, vm.$scope.selectComponent('#TUICalling-component'));
    assert.equal(tuicalling.data.config.userID, 'user0', ':config reached the component through uni\'s props');

    const callees = {};
    for (const userID of ['user1', 'user2']) {
      callees[userID] = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' });
      await callees[userID].login({ userID, userSig: `sig-${userID}` });
    }
    const invitesTo = (userID) => hub.sent.filter((m) => m.recipients.includes(userID) && /"actionType":1/.test(m.payload.data));
    const [callButton, groupButton, destroyedButton] = page.querySelectorAll('.btn');

    // The button's call(): this.$refs.TUICalling.call({userID:'user1', type:2})
    callButton.dispatchEvent('tap');
    await waitFor(() => tuicalling.data.screen === 'dialing', 'call() dials');
    await waitFor(() => invitesTo('user1').length === 1, 'the invite reaches user1');
    assert.equal(JSON.parse(JSON.parse(invitesTo('user1')[0].payload.data).data).call_type, 2);
    await waitFor(() => vm.lastMessage, '@sendMessage reaches the page');
    tuicalling.hangup();
    await waitFor(() => tuicalling.data.screen === 'idle' && statusText() === 'call ended', '@callEnd reaches the page');

    // groupCall({userIDList:['user1','user2'], type:2})
    groupButton.dispatchEvent('tap');
    await waitFor(() => tuicalling.data.screen === 'dialing' && tuicalling.data.isGroup, 'groupCall() dials');
    await waitFor(() => invitesTo('user2').length === 1 && invitesTo('user1').length === 2, 'both are invited');
    tuicalling.hangup();
    await waitFor(() => tuicalling.data.screen === 'idle', 'back to idle');

    // destroyed(): afterwards the page's call() gets the component's clear error.
    destroyedButton.dispatchEvent('tap');
    await sleep(50);
    callButton.dispatchEvent('tap');
    await waitFor(() => /call init\(\) first/.test(statusText()), 'call() after destroyed() shows the component\'s error');
    page.detach();
    delete require.cache[configModule];
  });
});

// Sub-packages (the same installed compiler, so in this file, after the test above).
require('./helpers/uniapp-subpackage');
