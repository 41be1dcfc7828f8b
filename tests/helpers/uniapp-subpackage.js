// Run by tests/uniapp-example.test.js, after the example's own test, because both use
// examples/uniapp/node_modules, which that test reinstalls (tests in one file run in order).
// Sub-packages in uni-app, with the real uni compiler (examples/uniapp's pinned @dcloudio/*):
// the call page moves into a sub-package `pkgCall` and takes the component with it.
//  - <root>/wxcomponents/TUICalling: uni prints "路径下没有找到对应的json文件", says "Build
//    complete" and the output has no component (tools/check.js reports this placement);
//  - <root>/static/TUICalling: copied byte for byte into the sub-package, and at runtime (in
//    miniprogram-simulate, with the this.is WeChat gives it) the component loads its wasm from
//    /pkgCall/static/TUICalling/wasm/ and dials a call;
//  - the main package's bytes with the call page and component in the main package, and with
//    both in the sub-package (printed; docs/subpackages.md has them).
// Also: manifest.json "mp-weixin".packOptions reaches project.config.json (how a uni-app project
// leaves tools/ out of the upload). Needs examples/uniapp/node_modules (npm ci, done here when
// missing). Skipped when TUICALLING_SKIP_UNIAPP=1.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { installWeChatGlobals, emulateComponentPaths } = require('../../test-support/wechat-globals');

const REPO = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(REPO, 'examples', 'uniapp');
const COMPONENT = path.join(REPO, 'wxcomponents', 'TUICalling');
const SKIP = process.env.TUICALLING_SKIP_UNIAPP === '1' ? 'TUICALLING_SKIP_UNIAPP=1' : false;
const SUB = 'pkgCall';

function filesUnder(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
  }).sort();
}

const bytesOf = (dir, files) => files.reduce((sum, file) => sum + fs.statSync(path.join(dir, file)).size, 0);

/** The example's sources in a scratch project that shares the example's node_modules. */
function scratchProject(root, name) {
  const dir = path.join(root, name);
  for (const file of ['package.json', 'vite.config.js', 'index.html']) fs.cpSync(path.join(EXAMPLE, file), path.join(dir, file));
  fs.cpSync(path.join(EXAMPLE, 'src'), path.join(dir, 'src'), { recursive: true });
  fs.rmSync(path.join(dir, 'src', 'wxcomponents'), { recursive: true, force: true });
  fs.symlinkSync(path.join(EXAMPLE, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // A home page without the component, so that only the call page needs it.
  fs.writeFileSync(path.join(dir, 'src', 'pages', 'index', 'index.vue'),
    `<template><view><navigator url="/${SUB}/call/call">call</navigator></view></template>\n<script>\nexport default {};\n</script>\n`);
  return dir;
}

/**
 * Builds a layout: `callPage` is where the example's call page goes ('pages/call' or
 * `${SUB}/call`), `folder` where the component goes (under src/); returns {out, log}.
 */
function build(dir, { callPage, folder }) {
  const src = path.join(dir, 'src');
  const page = path.join(src, callPage, 'call.vue');
  fs.mkdirSync(path.dirname(page), { recursive: true });
  const source = fs.readFileSync(path.join(EXAMPLE, 'src', 'pages', 'index', 'index.vue'), 'utf8');
  fs.writeFileSync(page, source.replace("'../../config.js'", `'${path.posix.relative(callPage, 'config.js')}'`));
  fs.cpSync(COMPONENT, path.join(src, folder), { recursive: true });
  const style = { navigationBarTitleText: 'call', usingComponents: { tuicalling: `/${folder}/TUICalling` } };
  const pages = {
    pages: [{ path: 'pages/index/index', style: { navigationBarTitleText: 'home' } }],
    globalStyle: { navigationBarTitleText: 'TUICalling' },
  };
  if (callPage.startsWith(SUB)) pages.subPackages = [{ root: SUB, pages: [{ path: 'call/call', style }] }];
  else pages.pages.push({ path: `${callPage}/call`, style });
  fs.writeFileSync(path.join(src, 'pages.json'), JSON.stringify(pages, null, 2));
  const log = execFileSync(path.join(dir, 'node_modules', '.bin', 'uni'), ['build', '-p', 'mp-weixin'],
    { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300000 });
  assert.match(log, /DONE\s+Build complete/);
  return { out: path.join(dir, 'dist', 'build', 'mp-weixin'), log };
}

/** Files of the main package: everything outside the sub-package root (WeChat's own config aside). */
function mainPackage(out) {
  return filesUnder(out).filter((file) => !file.startsWith(`${SUB}${path.sep}`) && !/^project(\.private)?\.config\.json$/.test(file));
}

test('uni-app sub-packages: <root>/static/TUICalling works (build and runtime), <root>/wxcomponents does not', { skip: SKIP, timeout: 600000 }, async (t) => {
  if (!fs.existsSync(path.join(EXAMPLE, 'node_modules', '.bin', 'uni'))) {
    execFileSync('npm', ['ci', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: EXAMPLE, stdio: 'ignore', timeout: 480000 });
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tuicalling-subpkg-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const componentFiles = filesUnder(COMPONENT);
  const componentBytes = bytesOf(COMPONENT, componentFiles);

  // Before: the call page and the component in the main package.
  const before = build(scratchProject(root, 'main'), { callPage: 'pages/call', folder: 'wxcomponents/TUICalling' });
  assert.deepEqual(filesUnder(path.join(before.out, 'wxcomponents', 'TUICalling')), componentFiles);
  const mainBefore = bytesOf(before.out, mainPackage(before.out));

  // A sub-package's wxcomponents/ is not copied: the warning, then "Build complete" anyway.
  const wrong = build(scratchProject(root, 'sub-wxcomponents'), { callPage: `${SUB}/call`, folder: `${SUB}/wxcomponents/TUICalling` });
  assert.match(wrong.log, new RegExp(`/${SUB}/wxcomponents/TUICalling/TUICalling 路径下没有找到对应的json文件`));
  assert.deepEqual(filesUnder(wrong.out).filter((file) => file.includes('TUICalling')), [], 'no component in the output');

  // <root>/static/TUICalling: copied byte for byte into the sub-package.
  const dir = scratchProject(root, 'sub-static');
  const manifest = path.join(dir, 'src', 'manifest.json');
  const ignore = { type: 'folder', value: `${SUB}/static/TUICalling/tools` };
  // The example leaves tools/ out of the upload; in a sub-package the folder's path changes.
  const example = fs.readFileSync(manifest, 'utf8');
  assert.match(example, /"value": "wxcomponents\/TUICalling\/tools"/);
  fs.writeFileSync(manifest, example.replace('"value": "wxcomponents/TUICalling/tools"', `"value": "${ignore.value}"`));
  const after = build(dir, { callPage: `${SUB}/call`, folder: `${SUB}/static/TUICalling` });
  assert.doesNotMatch(after.log, /没有找到/);
  const copied = path.join(after.out, SUB, 'static', 'TUICalling');
  assert.deepEqual(filesUnder(copied), componentFiles);
  for (const file of componentFiles) {
    assert.ok(fs.readFileSync(path.join(copied, file)).equals(fs.readFileSync(path.join(COMPONENT, file))), `${file} is byte-identical`);
  }
  const pageJson = JSON.parse(fs.readFileSync(path.join(after.out, SUB, 'call', 'call.json'), 'utf8'));
  assert.equal(pageJson.usingComponents.tuicalling, '../static/TUICalling/TUICalling');
  const appJson = JSON.parse(fs.readFileSync(path.join(after.out, 'app.json'), 'utf8'));
  assert.deepEqual(appJson.subPackages, [{ root: SUB, pages: ['call/call'] }]);
  const project = JSON.parse(fs.readFileSync(path.join(after.out, 'project.config.json'), 'utf8'));
  assert.deepEqual(project.packOptions.ignore, [ignore], 'manifest "mp-weixin".packOptions reaches project.config.json');
  const mainFiles = mainPackage(after.out);
  assert.deepEqual(mainFiles.filter((file) => file.includes('TUICalling')), [], 'nothing of the component in the main package');
  const mainAfter = bytesOf(after.out, mainFiles);
  const subBytes = bytesOf(path.join(after.out, SUB), filesUnder(path.join(after.out, SUB)));
  assert.ok(mainBefore - mainAfter >= componentBytes, `the main package shrinks by at least the component (${mainBefore} -> ${mainAfter})`);
  const vendor = fs.statSync(path.join(after.out, 'common', 'vendor.js')).size;
  t.diagnostic(`main package: ${mainBefore} B with the call page and component in it, ${mainAfter} B with both in ${SUB}/ ` +
    `(-${mainBefore - mainAfter} B; the component is ${componentBytes} B in ${componentFiles.length} files); ` +
    `sub-package ${SUB}/: ${subBytes} B; common/vendor.js (uni runtime + vue + @tencentcloud/chat, main package): ${vendor} B`);

  // Runtime: the sub-package's component loads its wasm from its own path and dials.
  const { instantiated } = installWeChatGlobals(after.out);
  const simulate = require('miniprogram-simulate');
  emulateComponentPaths(after.out);
  const { initAndDial } = require('./dial');
  const call = await initAndDial(simulate, path.join(copied, 'TUICalling'), { rootPath: after.out });
  assert.deepEqual(instantiated, [`/${SUB}/static/TUICalling/wasm/tuicalling_bg.wasm.br`]);
  assert.equal(call.comp.instance.data.assets, `/${SUB}/static/TUICalling/static`, 'icons and ringtone from the sub-package too');
  assert.equal(call.invite.call_type, 2);
  await call.end();
});
