// Project checker, node only (never loaded by WeChat): node <folder>/tools/check.js <project>
// Finds what breaks a tuicalling integration in a uni-app (CLI or HBuilderX) or native
// mini-program project and prints a fix for each. Exit 0 ok, 1 problems found, 2 usage.
// Exclude it from the mini-program package: docs/project-checker.md.
'use strict';

var fs = require('fs');
var path = require('path');
var crypto = require('crypto');

var MIN_LIB = '2.14.0';
var IM_SDKS = ['@tencentcloud/chat', 'tim-wx-sdk'];
var SKIP_DIRS = ['node_modules', 'dist', 'unpackage', '.git', '.hbuilderx'];
var WASM_MARKER = /^\/\/ wasm: (\S+) (\d+) bytes sha256 ([0-9a-f]{16,64})$/m;

function exists(file) { return fs.existsSync(file); }

/** JSON with uni-app's comments (`// #ifdef`, `/* *\/`) and trailing commas. */
function readJson(file) {
  var text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  var out = '';
  for (var i = 0; i < text.length; i++) {
    var c = text[i];
    if (c === '"') {
      var end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(i, end + 1);
      i = end;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i < 0) i = text.length;
      i++;
    } else {
      out += c;
    }
  }
  try {
    return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
  } catch (e) {
    throw new Error(file + ': ' + e.message);
  }
}

function tryJson(file, report) {
  if (!exists(file)) return null;
  try {
    return readJson(file);
  } catch (e) {
    report.problem('bad-json', e.message, 'fix the syntax of ' + file);
    return null;
  }
}

function compareVersions(a, b) {
  var x = String(a).split('.');
  var y = String(b).split('.');
  for (var i = 0; i < Math.max(x.length, y.length); i++) {
    var d = (parseInt(x[i], 10) || 0) - (parseInt(y[i], 10) || 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Component folders (holding TUICalling.js and wasm/), relative to `root`, '/'-separated. */
function findComponents(root) {
  var found = [];
  (function walk(dir, depth) {
    if (depth > 6) return;
    var entries;
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch (e) { return; }
    if (exists(path.join(dir, 'TUICalling.js')) && exists(path.join(dir, 'wasm'))) {
      found.push(path.relative(root, dir).split(path.sep).join('/'));
    }
    entries.forEach(function (entry) {
      if (entry.isDirectory() && SKIP_DIRS.indexOf(entry.name) < 0) walk(path.join(dir, entry.name), depth + 1);
    });
  })(root, 0);
  return found;
}

/** What kind of project `dir` is, and where its sources are. */
function detect(dir) {
  var pkg = exists(path.join(dir, 'package.json')) ? readJson(path.join(dir, 'package.json')) : null;
  if (exists(path.join(dir, 'src', 'pages.json'))) return { kind: 'uni-cli', src: 'src', pkg: pkg };
  if (exists(path.join(dir, 'pages.json'))) return { kind: 'uni-hbuilderx', src: '.', pkg: pkg };
  var project = exists(path.join(dir, 'project.config.json')) ? readJson(path.join(dir, 'project.config.json')) : {};
  var root = (project && project.miniprogramRoot) || '.';
  if (exists(path.join(dir, root, 'app.json'))) return { kind: 'native', src: root, pkg: pkg, project: project };
  return null;
}

/** Every style with usingComponents: [where, style object, json file dir (native) or null]. */
function uniStyles(pages) {
  var styles = [['globalStyle', pages.globalStyle || {}]];
  (pages.pages || []).forEach(function (page, i) { styles.push(['pages[' + i + '] ' + page.path, page.style || {}]); });
  (pages.subPackages || pages.subpackages || []).forEach(function (sub) {
    (sub.pages || []).forEach(function (page) { styles.push([sub.root + '/' + page.path, page.style || {}]); });
  });
  return styles;
}

function nativeStyles(srcDir, app) {
  var styles = [['app.json', app, '']];
  var add = function (page) {
    var file = path.join(srcDir, page + '.json');
    if (exists(file)) styles.push([page + '.json', readJson(file), path.posix.dirname(page)]);
  };
  (app.pages || []).forEach(add);
  (app.subPackages || app.subpackages || []).forEach(function (sub) {
    (sub.pages || []).forEach(function (page) { add(sub.root.replace(/\/$/, '') + '/' + page); });
  });
  return styles;
}

function checkRegistration(ctx, report) {
  var srcDir = path.join(ctx.dir, ctx.src);
  var styles;
  if (ctx.kind === 'native') {
    var app = tryJson(path.join(srcDir, 'app.json'), report);
    if (!app) return;
    styles = nativeStyles(srcDir, app);
  } else {
    var pages = tryJson(path.join(srcDir, 'pages.json'), report);
    if (!pages) return;
    styles = uniStyles(pages);
  }
  var file = ctx.kind === 'native' ? 'the page json' : path.join(ctx.src, 'pages.json');
  var registered = [];
  styles.forEach(function (entry) {
    var style = entry[1];
    Object.keys(style).forEach(function (key) {
      if (key !== 'usingComponents' && /^us(e|ing)[-_]?components?$/i.test(key)) {
        report.problem('usingComponents-misspelled', entry[0] + ': "' + key + '" is not "usingComponents", so nothing is registered',
          'rename the key to "usingComponents"');
      }
    });
    var using = style.usingComponents || {};
    Object.keys(using).forEach(function (tag) {
      var target = String(using[tag]);
      if (!/tuicalling/i.test(tag) && !/(^|\/)TUICalling$/i.test(target)) return;
      registered.push(tag);
      var base = target[0] === '/' ? '' : entry[2] || '';
      var resolved = path.posix.normalize(path.posix.join(base, target)).replace(/^\/+/, '');
      // A bare package path ("pkg/TUICalling") may also name an npm component (miniprogram_npm/).
      var npm = /^[^./]/.test(target) ? path.join(srcDir, 'miniprogram_npm', target + '.json') : '';
      if (!exists(path.join(srcDir, resolved + '.json')) && !(npm && exists(npm))) {
        var where = ctx.components.filter(function (c) { return c.indexOf(ctx.prefix) === 0; })
          .map(function (c) { return '/' + c.slice(ctx.prefix.length) + '/TUICalling'; });
        report.problem('usingComponents-path', entry[0] + ': "' + tag + '": "' + target + '" does not resolve to a component (no ' +
          path.join(ctx.src, resolved + '.json') + ')', where.length ? 'use "' + where[0] + '" (where the folder is)' :
          'fix the path or put the folder where it points');
      }
    });
  });
  if (!registered.length) {
    report.problem('usingComponents-missing', 'no page registers the component in ' + file + ' (usingComponents)',
      'add "usingComponents": { "tuicalling": "/wxcomponents/TUICalling/TUICalling" } to the style of the page that uses <tuicalling>');
  }
}

function checkLocation(ctx, report) {
  var inSrc = ctx.components.filter(function (c) { return c.indexOf(ctx.prefix) === 0; });
  if (ctx.kind === 'uni-cli') {
    ctx.components.filter(function (c) { return c.indexOf(ctx.prefix) !== 0; }).forEach(function (c) {
      report.problem('folder-outside-src', c + ' is outside src/: a CLI (vite) uni-app project only builds src/, so uni prints ' +
        '"路径下没有找到对应的json文件" and builds without the component', 'move it to src/' + c.replace(/^src\//, ''));
    });
  }
  if (!ctx.components.length) {
    report.problem('folder-missing', 'no TUICalling folder (TUICalling.js + wasm/) in ' + ctx.dir,
      'copy wxcomponents/TUICalling to ' + path.posix.join(ctx.src, 'wxcomponents/TUICalling'));
  }
  if (ctx.kind === 'native') return;
  inSrc.forEach(function (c) {
    var rel = c.slice(ctx.prefix.length);
    ctx.subRoots.forEach(function (root) {
      if (rel.indexOf(root + '/wxcomponents/') === 0) {
        report.problem('subpackage-wxcomponents', c + ' is in the sub-package\'s wxcomponents/, which uni-app does not copy into the build',
          'move it to ' + ctx.prefix + root + '/static/TUICalling and register "/' + root + '/static/TUICalling/TUICalling" (docs/subpackages.md)');
      }
    });
  });
}

function checkAppIdAndLib(ctx, report) {
  var appid;
  var lib;
  var where;
  if (ctx.kind === 'native') {
    where = 'project.config.json';
    appid = ctx.project && ctx.project.appid;
    lib = ctx.project && ctx.project.libVersion;
  } else {
    where = path.join(ctx.src, 'manifest.json');
    var manifest = tryJson(path.join(ctx.dir, where), report);
    var weixin = (manifest && manifest['mp-weixin']) || {};
    appid = weixin.appid;
    lib = weixin.libVersion;
    where += ' "mp-weixin"';
  }
  if (!appid) {
    report.problem('appid-missing', where + ' has no appid', 'set your mini-program AppID (WeChat DevTools → Details → Basic info)');
  } else if (appid === 'touristappid') {
    report.warning('appid-tourist', where + ' appid is "touristappid"', 'live-pusher/live-player and real-device preview need your own AppID');
  }
  if (lib && lib !== 'latest' && compareVersions(lib, MIN_LIB) < 0) {
    report.problem('libVersion-too-old', where + ' libVersion ' + lib + ' < ' + MIN_LIB + ' (WXWebAssembly with .wasm.br)',
      'set "libVersion" to ' + MIN_LIB + ' or newer');
  }
}

function checkImSdk(ctx, report) {
  var deps = ctx.pkg ? Object.assign({}, ctx.pkg.dependencies, ctx.pkg.devDependencies) : {};
  var has = IM_SDKS.some(function (name) {
    return deps[name] || exists(path.join(ctx.dir, ctx.src, 'miniprogram_npm', name));
  });
  var jsSdk = path.join(ctx.dir, ctx.src, 'js_sdk');
  if (!has && exists(jsSdk)) {
    has = findFiles(jsSdk, /^(tim-wx.*|index(\.es)?)\.js$/, 4).some(function (f) {
      return /tim-wx|tencentcloud|TencentCloudChat/.test(f) || /TencentCloudChat|TIM\.create|SDKAppID/.test(fs.readFileSync(f, 'utf8').slice(0, 4096));
    });
  }
  if (!has) {
    report.problem('im-sdk-missing', 'no IM SDK: neither @tencentcloud/chat nor tim-wx-sdk in package.json' +
      (ctx.kind === 'uni-hbuilderx' ? ' or js_sdk/' : ''), 'npm i @tencentcloud/chat, then create wx.$TIM = TencentCloudChat.create({SDKAppID}) in the app before init()');
  }
}

function findFiles(dir, pattern, depth) {
  var out = [];
  if (depth < 0) return out;
  fs.readdirSync(dir, { withFileTypes: true }).forEach(function (entry) {
    var full = path.join(dir, entry.name);
    if (entry.isDirectory()) out = out.concat(findFiles(full, pattern, depth - 1));
    else if (pattern.test(entry.name)) out.push(full);
  });
  return out;
}

function checkWasm(ctx, report) {
  ctx.components.forEach(function (c) {
    var dir = path.join(ctx.dir, c, 'wasm');
    var glue = path.join(dir, 'tuicalling.js');
    var marker = exists(glue) && WASM_MARKER.exec(fs.readFileSync(glue, 'utf8').slice(0, 1024));
    var name = marker ? marker[1] : 'tuicalling_bg.wasm.br';
    var file = path.join(dir, name);
    if (!exists(file)) {
      report.problem('wasm-missing', c + '/wasm/' + name + ' is missing', 'copy the whole TUICalling folder again, wasm/ included');
    } else if (!marker) {
      report.warning('wasm-unchecked', c + '/wasm/tuicalling.js records no module hash (an older build)', 'copy the folder from a current release');
    } else {
      var bytes = fs.readFileSync(file);
      if (bytes.length !== Number(marker[2]) || crypto.createHash('sha256').update(bytes).digest('hex').indexOf(marker[3]) !== 0) {
        report.problem('wasm-stale', c + '/wasm/' + name + ' is not the module its glue was built for (' + bytes.length +
          ' bytes, the glue expects ' + marker[2] + ')', 'copy wasm/tuicalling.js and wasm/' + name + ' from the same release');
      }
    }
  });
}

/** Checks `dir`; returns {kind, problems, warnings} (each {id, message, fix}), or null if no project. */
function checkProject(dir) {
  var found = detect(dir);
  if (!found) return null;
  var result = { kind: found.kind, src: found.src, problems: [], warnings: [] };
  var report = {
    problem: function (id, message, fix) { result.problems.push({ id: id, message: message, fix: fix }); },
    warning: function (id, message, fix) { result.warnings.push({ id: id, message: message, fix: fix }); },
  };
  var ctx = Object.assign({ dir: dir, components: findComponents(dir), subRoots: [] }, found);
  ctx.prefix = ctx.src === '.' ? '' : ctx.src + '/';
  if (ctx.kind !== 'native') {
    var pages = {};
    try { pages = readJson(path.join(dir, ctx.src, 'pages.json')); } catch (e) { /* reported by checkRegistration */ }
    ctx.subRoots = (pages.subPackages || pages.subpackages || []).map(function (s) { return String(s.root).replace(/\/$/, ''); });
  }
  checkLocation(ctx, report);
  checkRegistration(ctx, report);
  checkAppIdAndLib(ctx, report);
  checkImSdk(ctx, report);
  checkWasm(ctx, report);
  return result;
}

var KINDS = { 'uni-cli': 'uni-app CLI project (sources in src/)', 'uni-hbuilderx': 'uni-app HBuilderX project', native: 'native mini-program' };

function main(argv) {
  var dir = argv[0];
  if (!dir || argv.length > 1 || dir === '-h' || dir === '--help') {
    process.stderr.write('usage: node tools/check.js <project dir>\n');
    return 2;
  }
  dir = path.resolve(dir);
  var result;
  try {
    result = checkProject(dir);
  } catch (e) {
    process.stderr.write('check: ' + e.message + '\n');
    return 2;
  }
  if (!result) {
    process.stderr.write('check: ' + dir + ' has no pages.json, src/pages.json or app.json: not a uni-app or mini-program project\n');
    return 2;
  }
  var lines = ['tuicalling check: ' + dir + ' (' + KINDS[result.kind] + ')'];
  result.problems.forEach(function (p) { lines.push('problem [' + p.id + '] ' + p.message, '  fix: ' + p.fix); });
  result.warnings.forEach(function (p) { lines.push('warning [' + p.id + '] ' + p.message, '  note: ' + p.fix); });
  lines.push(result.problems.length ? result.problems.length + ' problem(s) found' : 'ok: no problems found');
  process.stdout.write(lines.join('\n') + '\n');
  return result.problems.length ? 1 : 0;
}

module.exports = { checkProject: checkProject, readJson: readJson };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
