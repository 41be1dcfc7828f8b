// wxcomponents/TUICalling/tools/check.js, the project checker: run (as a user would, with
// `node <folder>/tools/check.js <project>`) on copies of examples/uniapp (CLI and HBuilderX
// layouts) and examples/miniprogram, each copy broken in one way. The clean copies pass; every
// broken one exits 1 with exactly the problem that was made and its fix. Plus the glue's record
// of its module (make-glue.js), which the stale-wasm check reads.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const REPO = path.join(__dirname, '..');
const COMPONENT = path.join(REPO, 'wxcomponents', 'TUICalling');
const CHECKER = path.join(COMPONENT, 'tools', 'check.js');
const { checkProject, readJson } = require(CHECKER);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tuicalling-check-'));
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));
let serial = 0;

const copy = (from, to) => fs.cpSync(from, to, { recursive: true });
const writeJson = (file, value) => fs.writeFileSync(file, JSON.stringify(value, null, 2));
const editJson = (file, edit) => { const value = readJson(file); edit(value); writeJson(file, value); };

/** A copy of examples/uniapp with the component in src/wxcomponents (as the build copies it). */
function uniCli() {
  const dir = path.join(scratch, `uni-${serial += 1}`);
  const example = path.join(REPO, 'examples', 'uniapp');
  for (const name of ['package.json', 'vite.config.js', 'index.html']) copy(path.join(example, name), path.join(dir, name));
  copy(path.join(example, 'src'), path.join(dir, 'src'));
  fs.rmSync(path.join(dir, 'src', 'wxcomponents'), { recursive: true, force: true });
  copy(COMPONENT, path.join(dir, 'src', 'wxcomponents', 'TUICalling'));
  return dir;
}

/** The same sources laid out as an HBuilderX project: everything at the project root. */
function uniHBuilderX() {
  const dir = path.join(scratch, `hbx-${serial += 1}`);
  copy(path.join(REPO, 'examples', 'uniapp', 'src'), dir);
  copy(path.join(REPO, 'examples', 'uniapp', 'package.json'), path.join(dir, 'package.json'));
  fs.rmSync(path.join(dir, 'wxcomponents'), { recursive: true, force: true });
  copy(COMPONENT, path.join(dir, 'wxcomponents', 'TUICalling'));
  return dir;
}

/** A copy of examples/miniprogram with the component copied in. */
function native() {
  const dir = path.join(scratch, `mp-${serial += 1}`);
  copy(path.join(REPO, 'examples', 'miniprogram'), dir);
  fs.rmSync(path.join(dir, 'wxcomponents'), { recursive: true, force: true });
  copy(COMPONENT, path.join(dir, 'wxcomponents', 'TUICalling'));
  return dir;
}

/** The checker as a user runs it. */
function run(...args) {
  const result = spawnSync(process.execPath, [CHECKER, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the checker on `dir` and asserts exit 1 with exactly `ids` (in any order). */
function expectProblems(dir, ids) {
  const { code, stdout } = run(dir);
  const found = [...stdout.matchAll(/^problem \[([\w-]+)\]/gm)].map((m) => m[1]);
  assert.deepEqual(found.sort(), [...ids].sort(), stdout);
  assert.equal(code, 1, stdout);
  assert.match(stdout, new RegExp(`^${ids.length} problem\\(s\\) found$`, 'm'));
  for (const problem of checkProject(dir).problems) assert.ok(problem.fix.length > 10, `${problem.id} has a fix`);
  return stdout;
}

function expectClean(dir, kind) {
  const { code, stdout } = run(dir);
  assert.equal(code, 0, stdout);
  assert.match(stdout, /^ok: no problems found$/m);
  assert.equal(checkProject(dir).kind, kind);
  return stdout;
}

test('the clean examples pass (the touristappid placeholder is only a warning)', () => {
  const uni = expectClean(uniCli(), 'uni-cli');
  assert.match(uni, /uni-app CLI project/);
  assert.match(uni, /^warning \[appid-tourist\]/m);
  expectClean(uniHBuilderX(), 'uni-hbuilderx');
  expectClean(native(), 'native');
});

test('uni-app CLI: the folder at the project root instead of src/', () => {
  const dir = uniCli();
  fs.renameSync(path.join(dir, 'src', 'wxcomponents'), path.join(dir, 'wxcomponents'));
  const out = expectProblems(dir, ['folder-outside-src', 'usingComponents-path']);
  assert.match(out, /路径下没有找到对应的json文件/);
  assert.match(out, /fix: move it to src\/wxcomponents\/TUICalling/);
});

test('no component folder at all', () => {
  const dir = native();
  fs.rmSync(path.join(dir, 'wxcomponents'), { recursive: true });
  assert.match(expectProblems(dir, ['folder-missing', 'usingComponents-path']), /fix: copy wxcomponents\/TUICalling to wxcomponents\/TUICalling/);
});

test('usingComponents missing, misspelled, or pointing at a misspelled path', () => {
  let dir = uniCli();
  editJson(path.join(dir, 'src', 'pages.json'), (pages) => { delete pages.pages[0].style.usingComponents; });
  assert.match(expectProblems(dir, ['usingComponents-missing']), /"tuicalling": "\/wxcomponents\/TUICalling\/TUICalling"/);

  dir = uniCli();
  editJson(path.join(dir, 'src', 'pages.json'), (pages) => {
    pages.pages[0].style.usingComponent = pages.pages[0].style.usingComponents;
    delete pages.pages[0].style.usingComponents;
  });
  assert.match(expectProblems(dir, ['usingComponents-misspelled', 'usingComponents-missing']), /"usingComponent" is not "usingComponents"/);

  dir = uniCli();
  editJson(path.join(dir, 'src', 'pages.json'), (pages) => {
    pages.pages[0].style.usingComponents.tuicalling = '/wxcomponents/TUICaling/TUICalling';
  });
  assert.match(expectProblems(dir, ['usingComponents-path']), /use "\/wxcomponents\/TUICalling\/TUICalling"/);

  // globalStyle registration counts (uni puts it in app.json).
  dir = uniCli();
  editJson(path.join(dir, 'src', 'pages.json'), (pages) => {
    pages.globalStyle.usingComponents = pages.pages[0].style.usingComponents;
    delete pages.pages[0].style.usingComponents;
  });
  expectClean(dir, 'uni-cli');

  dir = native();
  editJson(path.join(dir, 'pages', 'call', 'call.json'), (page) => { delete page.usingComponents; });
  expectProblems(dir, ['usingComponents-missing']);
});

test('no appid, and a base library older than 2.14.0', () => {
  let dir = uniCli();
  // uni-app's manifest is JSON with comments: the checker reads it as uni does.
  const manifest = path.join(dir, 'src', 'manifest.json');
  assert.match(fs.readFileSync(manifest, 'utf8'), /\/\*/, 'the example manifest has a comment');
  fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('"appid": "touristappid",', ''));
  expectProblems(dir, ['appid-missing']);

  dir = uniCli();
  fs.writeFileSync(path.join(dir, 'src', 'manifest.json'),
    fs.readFileSync(path.join(dir, 'src', 'manifest.json'), 'utf8').replace('"usingComponents": true,', '"usingComponents": true, "libVersion": "2.13.2",'));
  assert.match(expectProblems(dir, ['libVersion-too-old']), /libVersion 2\.13\.2 < 2\.14\.0/);

  dir = native();
  editJson(path.join(dir, 'project.config.json'), (project) => { project.appid = ''; project.libVersion = '2.10.4'; });
  expectProblems(dir, ['appid-missing', 'libVersion-too-old']);
});

test('uni-app: the component in a sub-package\'s wxcomponents/ (uni does not copy it)', () => {
  const dir = uniCli();
  editJson(path.join(dir, 'src', 'pages.json'), (pages) => {
    pages.subPackages = [{ root: 'pkgCall', pages: [{ path: 'call/call', style: { usingComponents: { tuicalling: '/pkgCall/wxcomponents/TUICalling/TUICalling' } } }] }];
    delete pages.pages[0].style.usingComponents;
  });
  fs.mkdirSync(path.join(dir, 'src', 'pkgCall'), { recursive: true });
  fs.renameSync(path.join(dir, 'src', 'wxcomponents'), path.join(dir, 'src', 'pkgCall', 'wxcomponents'));
  assert.match(expectProblems(dir, ['subpackage-wxcomponents']), /move it to src\/pkgCall\/static\/TUICalling/);

  // The placement that works (tests/uniapp-subpackage.test.js builds it).
  editJson(path.join(dir, 'src', 'pages.json'), (pages) => {
    pages.subPackages[0].pages[0].style.usingComponents.tuicalling = '/pkgCall/static/TUICalling/TUICalling';
  });
  fs.mkdirSync(path.join(dir, 'src', 'pkgCall', 'static'));
  fs.renameSync(path.join(dir, 'src', 'pkgCall', 'wxcomponents', 'TUICalling'), path.join(dir, 'src', 'pkgCall', 'static', 'TUICalling'));
  expectClean(dir, 'uni-cli');
});

test('no IM SDK dependency (package.json, or an HBuilderX project\'s js_sdk/)', () => {
  let dir = uniCli();
  editJson(path.join(dir, 'package.json'), (pkg) => { delete pkg.dependencies['@tencentcloud/chat']; });
  expectProblems(dir, ['im-sdk-missing']);
  editJson(path.join(dir, 'package.json'), (pkg) => { pkg.dependencies['tim-wx-sdk'] = '2.27.6'; });
  expectClean(dir, 'uni-cli');

  // HBuilderX projects often keep the SDK file itself in js_sdk/ instead of npm.
  dir = uniHBuilderX();
  fs.rmSync(path.join(dir, 'package.json'));
  assert.match(expectProblems(dir, ['im-sdk-missing']), /or js_sdk\//);
  fs.mkdirSync(path.join(dir, 'js_sdk', 'tim'), { recursive: true });
  copy(path.join(REPO, 'node_modules', 'tim-wx-sdk', 'tim-wx.js'), path.join(dir, 'js_sdk', 'tim', 'tim-wx.js'));
  expectClean(dir, 'uni-hbuilderx');

  dir = native();
  fs.rmSync(path.join(dir, 'package.json'));
  expectProblems(dir, ['im-sdk-missing']);
});

test('a .wasm.br that is missing, or not the one its glue was built for', () => {
  let dir = uniCli();
  fs.rmSync(path.join(dir, 'src', 'wxcomponents', 'TUICalling', 'wasm', 'tuicalling_bg.wasm.br'));
  expectProblems(dir, ['wasm-missing']);

  // An update that replaced the glue but kept last release's module: here the debug build's.
  dir = uniCli();
  copy(path.join(REPO, 'examples', 'debug', 'wasm', 'tuicalling_bg.wasm.br'), path.join(dir, 'src', 'wxcomponents', 'TUICalling', 'wasm', 'tuicalling_bg.wasm.br'));
  assert.match(expectProblems(dir, ['wasm-stale']), /the glue expects \d+\)/);

  // Same size, one byte changed (a damaged copy).
  dir = native();
  const file = path.join(dir, 'wxcomponents', 'TUICalling', 'wasm', 'tuicalling_bg.wasm.br');
  const bytes = fs.readFileSync(file);
  bytes[100] ^= 1;
  fs.writeFileSync(file, bytes);
  expectProblems(dir, ['wasm-stale']);
});

test('the glues record the size and a SHA-256 prefix of the module next to them (make-glue.js)', () => {
  for (const dir of [path.join(COMPONENT, 'wasm'), path.join(REPO, 'examples', 'debug', 'wasm')]) {
    const header = fs.readFileSync(path.join(dir, 'tuicalling.js'), 'utf8').split('\n')[1];
    const match = /^\/\/ wasm: (\S+) (\d+) bytes sha256 ([0-9a-f]{16})$/.exec(header);
    assert.ok(match, header);
    const bytes = fs.readFileSync(path.join(dir, match[1]));
    assert.equal(bytes.length, Number(match[2]));
    assert.equal(crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16), match[3]);
  }
});

test('usage: exit 2 without a project, or on a folder that is none', () => {
  const none = run();
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^usage: node tools\/check\.js <project dir>/);
  const empty = fs.mkdtempSync(path.join(scratch, 'empty-'));
  const notProject = run(empty);
  assert.equal(notProject.code, 2);
  assert.match(notProject.stderr, /not a uni-app or mini-program project/);
  const dir = uniCli();
  fs.writeFileSync(path.join(dir, 'src', 'pages.json'), '{ "pages": [ }');
  const broken = run(dir);
  assert.equal(broken.code, 1);
  assert.match(broken.stdout, /problem \[bad-json\]/);
});
