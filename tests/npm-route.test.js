// The npm route for native mini-programs, checked with WeChat's own tools:
//  1. `npm pack` wxcomponents/TUICalling (its package.json has the `miniprogram` field);
//  2. `npm install` the tarball into a scratch copy of examples/miniprogram;
//  3. miniprogram-ci's packNpm (the devtools' 构建 npm, offline; any RSA key will do) builds
//     miniprogram_npm/tuicalling-component/: the folder byte for byte, the .wasm.br included;
//  4. that built component, loaded in miniprogram-simulate under the path WeChat gives it,
//     init()s (its wasm path derived from `this.is`: /miniprogram_npm/…) and dials a call;
//  5. miniprogram-ci's compileJS with the project's settings (ES6→ES5 on, minified) rewrites
//     every shipped JS file, and the compiled component still inits and dials.
// miniprogram-ci (275 MB) lives in tests/npm-route/ and is installed here, not by the root
// npm ci. Slow the first time (~50 s install). Skipped when TUICALLING_SKIP_NPM_ROUTE=1.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { installWeChatGlobals, emulateComponentPaths } = require('../test-support/wechat-globals');

const REPO = path.join(__dirname, '..');
const COMPONENT = path.join(REPO, 'wxcomponents', 'TUICalling');
const TOOLS = path.join(__dirname, 'npm-route');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(COMPONENT, 'package.json'), 'utf8'));
const SKIP = process.env.TUICALLING_SKIP_NPM_ROUTE === '1' ? 'TUICALLING_SKIP_NPM_ROUTE=1' : false;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function filesUnder(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
  }).sort();
}

/** Installs tests/npm-route (miniprogram-ci) unless its lockfile is installed already. */
function installTools() {
  const stamp = path.join(TOOLS, 'node_modules', '.tuicalling-lock-hash');
  const want = crypto.createHash('sha256').update(fs.readFileSync(path.join(TOOLS, 'package-lock.json'))).digest('hex');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return;
  execFileSync(npm, ['ci', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: TOOLS, stdio: 'ignore', timeout: 480000 });
  fs.writeFileSync(stamp, want);
}

test('npm pack → npm install → miniprogram-ci packNpm → the built component inits and dials, also after compileJS', { skip: SKIP, timeout: 600000 }, async (t) => {
  installTools();
  const ci = require(path.join(TOOLS, 'node_modules', 'miniprogram-ci'));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tuicalling-npm-'));
  t.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  // 1. The package.
  assert.equal(PACKAGE.miniprogram, '.', 'the component folder itself is the mini-program package');
  const packed = execFileSync(npm, ['pack', COMPONENT, '--pack-destination', scratch, '--silent'], { encoding: 'utf8' }).trim();
  const tarball = path.join(scratch, packed);
  assert.ok(fs.existsSync(tarball), packed);

  // 2. A native mini-program that depends on it (the example's page, registered via npm).
  const project = path.join(scratch, 'mp');
  for (const name of ['app.js', 'app.json', 'config.js', 'pages', 'project.config.json', 'sitemap.json']) {
    fs.cpSync(path.join(REPO, 'examples', 'miniprogram', name), path.join(project, name), { recursive: true });
  }
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({
    name: 'npm-route-scratch', private: true, dependencies: { [PACKAGE.name]: `file:${tarball}` },
  }));
  const pageJson = path.join(project, 'pages', 'call', 'call.json');
  const page = JSON.parse(fs.readFileSync(pageJson, 'utf8'));
  page.usingComponents.tuicalling = `${PACKAGE.name}/TUICalling`;
  fs.writeFileSync(pageJson, JSON.stringify(page));
  execFileSync(npm, ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, stdio: 'ignore' });
  assert.deepEqual(filesUnder(path.join(project, 'node_modules', PACKAGE.name)), filesUnder(COMPONENT), 'npm installs every file');

  // 3. WeChat's npm build.
  const keyFile = path.join(scratch, 'any.key');
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  const ciProject = new ci.Project({ appid: 'touristappid', type: 'miniProgram', projectPath: project, privateKeyPath: keyFile, ignores: ['node_modules/**/*'] });
  let report = null;
  const warnings = await ci.packNpm(ciProject, { reporter: (r) => { report = r; } });
  assert.deepEqual(warnings, [], 'packNpm warns about nothing');
  assert.equal(report.miniprogram_pack_num, 1, 'packNpm took it as a mini-program package (the `miniprogram` field)');
  const built = path.join(project, 'miniprogram_npm', PACKAGE.name);
  assert.deepEqual(filesUnder(built), filesUnder(COMPONENT), 'miniprogram_npm holds every file');
  for (const file of filesUnder(COMPONENT)) {
    assert.ok(fs.readFileSync(path.join(built, file)).equals(fs.readFileSync(path.join(COMPONENT, file))), `${file} is byte-identical`);
  }
  t.diagnostic(`packNpm: ${filesUnder(built).length} files in miniprogram_npm/${PACKAGE.name}, report ${JSON.stringify(report)}`);

  // The project checker agrees with the npm layout (the page's bare package path resolves).
  const checked = require(path.join(COMPONENT, 'tools', 'check.js')).checkProject(project);
  assert.deepEqual(checked.problems.map((p) => p.id), ['im-sdk-missing'], 'only the IM SDK, which this scratch project does not install');

  // 5 (prepared before simulate loads). The devtools' JS compiler with the example's settings.
  const settings = JSON.parse(fs.readFileSync(path.join(project, 'project.config.json'), 'utf8')).setting;
  assert.equal(settings.es6, true);
  assert.equal(settings.minified, true);
  const compiler = new ci.OriginalCompiler(ciProject);
  await compiler.init();
  const compiled = path.join(project, 'compiled', PACKAGE.name);
  fs.cpSync(built, compiled, { recursive: true });
  let rewritten = 0;
  for (const file of filesUnder(built).filter((f) => f.endsWith('.js') && !f.startsWith('tools'))) {
    const relative = path.posix.join('miniprogram_npm', PACKAGE.name, file.split(path.sep).join('/'));
    const result = await compiler.compileJS({ root: '', filePath: relative, babelRoot: '@babel/runtime',
      setting: { es6: settings.es6, enhance: settings.enhance, minified: settings.minified }, onProgressUpdate() {} });
    assert.equal(result.error, null, `${file}: ${JSON.stringify(result.error)}`);
    assert.deepEqual(result.helpers, [], `${file} needs no babel runtime helpers`);
    assert.ok(result.code.length < fs.readFileSync(path.join(built, file)).length, `${file} is minified`);
    fs.writeFileSync(path.join(compiled, file), result.code);
    rewritten += 1;
  }
  if (typeof compiler.destroy === 'function') compiler.destroy();
  t.diagnostic(`compileJS (es6 ${settings.es6}, enhance ${settings.enhance}, minified ${settings.minified}): ${rewritten} files`);

  // 4 and 5 at runtime. Package paths resolve against the scratch project.
  const { instantiated } = installWeChatGlobals(project);
  const simulate = require('miniprogram-simulate');
  emulateComponentPaths(project);
  const { initAndDial } = require('./helpers/dial');
  for (const [name, dir] of [['packNpm output', built], ['compiled', compiled]]) {
    instantiated.length = 0;
    const call = await initAndDial(simulate, path.join(dir, 'TUICalling'), { rootPath: project, tagName: `tuicalling-${name.length}` });
    const packagePath = '/' + path.relative(project, dir).split(path.sep).join('/');
    assert.deepEqual(instantiated, [`${packagePath}/wasm/tuicalling_bg.wasm.br`], `${name}: the wasm comes from the component's own path`);
    assert.equal(call.invite.call_type, 2, `${name}: a video call invite`);
    await call.end();
  }
});
