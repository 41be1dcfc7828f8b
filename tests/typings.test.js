// The TypeScript declarations (js-glue/tuicalling.d.ts, js-glue/driver/index.d.ts) compile with
// `tsc` against miniprogram-api-typings, strict, through js-glue/typecheck/usage.ts; the real
// @tencentcloud/chat types fit the driver's IM types (tsconfig.sdk.json); and a deliberately
// wrong usage file fails with exactly the errors it is meant to cause, so the check can fail.
// The declarations are also compared with what they describe: the driver modules' exports and
// methods, the built glue's API and Engine, and the error/event codes in the Rust sources.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const ts = require('typescript');
const { loadBundle, PRODUCTION_BUNDLE, DEBUG_BUNDLE } = require('../js-glue/node');

const REPO = path.join(__dirname, '..');
const TSC = path.join(REPO, 'node_modules', '.bin', 'tsc');
const TYPECHECK = path.join(REPO, 'js-glue', 'typecheck');

function tsc(args) {
  const result = spawnSync(TSC, args, { cwd: REPO, encoding: 'utf8', timeout: 120000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('the declarations compile strictly against miniprogram-api-typings (tsc -p js-glue/typecheck)', () => {
  const config = JSON.parse(
    fs.readFileSync(path.join(TYPECHECK, 'tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''),
  );
  assert.deepEqual(config.compilerOptions.types, ['miniprogram-api-typings']);
  assert.equal(config.compilerOptions.strict, true);
  assert.equal(config.compilerOptions.noEmit, true);
  assert.notEqual(config.compilerOptions.skipLibCheck, true, 'our .d.ts files must be checked too');
  const { status, output } = tsc(['-p', path.relative(REPO, TYPECHECK)]);
  assert.equal(status, 0, output);
  assert.equal(output.trim(), '');
});

test("@tencentcloud/chat's own types fit the driver's IM types (tsconfig.sdk.json)", () => {
  const { status, output } = tsc(['-p', path.relative(REPO, path.join(TYPECHECK, 'tsconfig.sdk.json'))]);
  assert.equal(status, 0, output);
});

/**
 * Wrong usage, one mistake a line, each marked with the error tsc must report there. Paths are
 * filled in for the temporary directory the file is compiled in.
 */
function wrongUsage(driverDir, gluePath) {
  return `
import type { CallDriverModule, CommandError, LivePusherContextLike } from '${driverDir}';
import type { TUICallingApi, TUICallingLoadError, EngineOutput } from '${gluePath}';
import { CallDriver as BarrelValue } from '${driverDir}';
const { CallDriver } = require('${driverDir}/call-driver.js') as CallDriverModule;
declare const api: TUICallingApi;
const driver = new CallDriver({ api, config: { sdkAppID: 1, userID: 'alice', userSig: 'sig' }, wx, component: null });
driver.on('CALL_END', (e) => console.log(e.data.reasons)); // TS2551
driver.on('CALL_ENDED', (e) => console.log(e)); // TS2345
driver.call({ userId: 'bob' }); // TS2561
driver.switchCallMediaType(3); // TS2345
driver.on('USER_VOICE_VOLUME', (e) => { const level: string = e.data.volume; console.log(level); }); // TS2322
driver.handlers.pusherStateChange({ detail: { code: true } }); // TS2322
function refused(error: CommandError) { return error.code === 'BUSYY'; } // TS2367
function notLoaded(error: TUICallingLoadError) { return error.code === 'NO_WEBASSEMBLY'; } // TS2367
function sent(output: EngineOutput) { return output.kind === 'send' && output.reason; } // TS2339
const pusher: LivePusherContextLike = { setMICVolume: (options: { volume: string }) => console.log(options) }; // TS2322
new BarrelValue({ api, config: { sdkAppID: 1, userID: 'a', userSig: 's' } }); // TS1362
const shipped = api.encodeSignal(api.decodeSignal('{}')); // TS2551
export { refused, notLoaded, sent, pusher, shipped };
`;
}

test('a wrong usage file fails to compile, with exactly the intended errors', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'typings-'));
  try {
    const rel = (target) => {
      const relative = path.relative(dir, target).split(path.sep).join('/');
      return relative.startsWith('.') ? relative : `./${relative}`;
    };
    const source = wrongUsage(rel(path.join(REPO, 'js-glue', 'driver')), rel(path.join(REPO, 'js-glue', 'tuicalling')));
    fs.writeFileSync(path.join(dir, 'wrong.ts'), source);
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      extends: path.join(TYPECHECK, 'tsconfig.json'),
      // The same options; miniprogram-api-typings found from here.
      compilerOptions: { typeRoots: [path.join(REPO, 'node_modules')] },
      files: ['wrong.ts'],
    }));
    const expected = [];
    source.split('\n').forEach((line, index) => {
      const mark = / \/\/ (TS\d+)$/.exec(line);
      if (mark) expected.push(`${index + 1} ${mark[1]}`);
    });
    assert.ok(expected.length >= 10);

    const { status, output } = tsc(['-p', dir]);
    assert.notEqual(status, 0, 'the wrong usage compiled:\n' + output);
    const reported = [];
    for (const match of output.matchAll(/^(.*?)\((\d+),\d+\): error (TS\d+)/gm)) {
      assert.equal(path.basename(match[1]), 'wrong.ts', 'an error outside the wrong file:\n' + output);
      reported.push(`${match[2]} ${match[3]}`);
    }
    assert.deepEqual([...new Set(reported)].sort(), expected.sort(), output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---- the declarations against the code they describe ---------------------------------------

/** Top-level interfaces, classes and type aliases of a .d.ts, by name. */
function declarationsOf(file) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = new Map();
  const exported = [];
  for (const statement of source.statements) {
    const named = ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) || ts.isFunctionDeclaration(statement);
    if (named && statement.name) found.set(statement.name.text, statement);
    const isExported = (statement.modifiers || []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (isExported && ts.isFunctionDeclaration(statement)) exported.push(statement.name.text);
    if (isExported && ts.isVariableStatement(statement)) {
      statement.declarationList.declarations.forEach((d) => exported.push(d.name.text));
    }
  }
  return { found, exported };
}

const DRIVER_DTS = declarationsOf(path.join(REPO, 'js-glue', 'driver', 'index.d.ts'));
const GLUE_DTS = declarationsOf(path.join(REPO, 'js-glue', 'tuicalling.d.ts'));

function declared(dts, name) {
  const node = dts.found.get(name);
  assert.ok(node, `${name} is declared`);
  return node;
}

/** Member names of an interface or class: methods (deduplicated overloads), or properties. */
function members(dts, name, kind) {
  const node = declared(dts, name);
  const pick = kind === 'methods'
    ? (m) => ts.isMethodDeclaration(m) || ts.isMethodSignature(m)
    : kind === 'properties'
      ? (m) => ts.isPropertyDeclaration(m) || ts.isPropertySignature(m)
      : (m) => !ts.isConstructorDeclaration(m) && !ts.isConstructSignatureDeclaration(m);
  return [...new Set(node.members.filter(pick).map((m) => m.name.getText()))];
}

/** The string literals of a union alias, following aliases it names. */
function literals(dts, name) {
  const out = [];
  const walk = (type) => {
    if (ts.isUnionTypeNode(type)) type.types.forEach(walk);
    else if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) out.push(type.literal.text);
    else if (ts.isTypeReferenceNode(type) && dts.found.has(type.typeName.getText())) walk(dts.found.get(type.typeName.getText()).type);
  };
  walk(declared(dts, name).type);
  return out;
}

const sorted = (list) => [...list].sort();
const publicNames = (names) => names.filter((n) => n !== 'constructor' && !n.startsWith('_'));
const protoMethods = (Class) => publicNames(Object.getOwnPropertyNames(Class.prototype));
const publicFields = (object) => publicNames(Object.keys(object));
const driverFile = (name) => require(path.join(REPO, 'js-glue', 'driver', name));

test('the driver declarations name exactly what the driver modules export and do', async () => {
  const modules = {
    CallDriverModule: driverFile('call-driver.js'),
    EventsModule: driverFile('events.js'),
    ImAdapterModule: driverFile('im-adapter.js'),
    BinderModule: driverFile('binder.js'),
    TimerModule: driverFile('timer.js'),
  };
  for (const [name, exports] of Object.entries(modules)) {
    assert.deepEqual(sorted(members(DRIVER_DTS, name)), sorted(Object.keys(exports)), name);
  }
  const { CallDriver, EVENT } = modules.CallDriverModule;
  const { ImAdapter, DEFAULTS, CODES } = modules.ImAdapterModule;
  const { Binder, RENDER_KEYS } = modules.BinderModule;
  const { EngineTimer } = modules.TimerModule;
  const { Emitter } = modules.EventsModule;

  const vocabularies = [...members(DRIVER_DTS, 'TUICallingEventMap'), ...members(DRIVER_DTS, 'TUICallKitEventMap')];
  assert.deepEqual(sorted(vocabularies), sorted(Object.keys(EVENT)));
  assert.deepEqual(members(DRIVER_DTS, 'Rendered'), RENDER_KEYS);
  assert.deepEqual(sorted(members(DRIVER_DTS, 'ImAdapterTuning')), sorted(Object.keys(DEFAULTS)));
  assert.deepEqual(sorted(members(DRIVER_DTS, 'ImAdapterCodes')), sorted(Object.keys(CODES)));
  for (const [name, Class] of Object.entries({ CallDriver, ImAdapter, Binder, EngineTimer, Emitter })) {
    assert.deepEqual(sorted(members(DRIVER_DTS, name, 'methods')), sorted(protoMethods(Class)), `${name} methods`);
  }

  const api = await loadBundle(PRODUCTION_BUNDLE);
  const driver = new CallDriver({ api, config: { sdkAppID: 1400000000, userID: 'alice', userSig: 'sig' } });
  try {
    assert.deepEqual(sorted(members(DRIVER_DTS, 'CallDriver', 'properties')), sorted(publicFields(driver)));
    assert.deepEqual(sorted(members(DRIVER_DTS, 'BinderHandlers')), sorted(Object.keys(driver.handlers)));
    assert.deepEqual(sorted(members(DRIVER_DTS, 'ImAdapter', 'properties')), sorted(publicFields(driver.adapter)));
    assert.deepEqual(sorted(members(DRIVER_DTS, 'Binder', 'properties')), sorted(publicFields(driver.binder)));
    assert.deepEqual(sorted(members(GLUE_DTS, 'EngineView')), sorted(Object.keys(driver.view())));
  } finally {
    await driver.destroy();
  }
});

test('the glue declarations name exactly what the built bundles export', async () => {
  const glue = require(path.join(PRODUCTION_BUNDLE, 'tuicalling.js'));
  assert.deepEqual(sorted(GLUE_DTS.exported), sorted(Object.keys(glue)));
  const api = await loadBundle(PRODUCTION_BUNDLE);
  assert.deepEqual(sorted(members(GLUE_DTS, 'TUICallingApi')), sorted(Object.keys(api)));
  const debug = await loadBundle(DEBUG_BUNDLE);
  const debugOnly = Object.keys(debug).filter((name) => !(name in api));
  assert.deepEqual(sorted(members(GLUE_DTS, 'TUICallingDebugApi')), sorted(debugOnly));
  const engineMethods = protoMethods(api.Engine).filter((name) => name !== '__destroy_into_raw');
  assert.deepEqual(sorted(members(GLUE_DTS, 'Engine')), sorted(engineMethods));
  const engine = new api.Engine({ sdkAppID: 1400000000, userID: 'alice', userSig: 'sig' }, 1000, 1);
  try {
    assert.deepEqual(sorted(members(GLUE_DTS, 'EngineView')), sorted(Object.keys(engine.view())));
  } finally {
    engine.free();
  }
});

/** The body of the Rust function whose signature line contains `signature`. */
function rustFn(file, signature) {
  const text = fs.readFileSync(path.join(REPO, 'crates', file), 'utf8');
  const start = text.indexOf(signature);
  assert.ok(start >= 0, `${signature} in ${file}`);
  return text.slice(start, text.indexOf('\n    }\n', start));
}

const quoted = (text, pattern) => [...text.matchAll(pattern)].map((m) => m[1]);

test('the code unions match the Rust sources and the loader', () => {
  const arms = (file) => quoted(rustFn(file, 'pub fn code(&self)'), /=> "([A-Z0-9_]+)"/g);
  assert.deepEqual(sorted(literals(GLUE_DTS, 'EngineErrorCode')), sorted(arms('tuicalling-core/src/engine/error.rs')));
  assert.deepEqual(sorted(literals(GLUE_DTS, 'UserSigErrorCode')), sorted(arms('tuicalling-core/src/usersig/error.rs')));

  const signalFile = 'tuicalling-core/src/protocol/error.rs';
  const codeOf = new Map([...rustFn(signalFile, 'pub fn code(&self)').matchAll(/Self::(\w+)[^=]*=> "([A-Z0-9_]+)"/g)].map((m) => [m[1], m[2]]));
  const foreignArm = rustFn(signalFile, 'pub fn is_foreign(&self)').split('=> true')[0];
  const foreign = quoted(foreignArm, /Self::(\w+)/g).map((variant) => codeOf.get(variant));
  assert.deepEqual(sorted(literals(GLUE_DTS, 'ForeignSignalErrorCode')), sorted(foreign));
  const broken = [...codeOf.values()].filter((code) => !foreign.includes(code));
  assert.deepEqual(sorted(literals(GLUE_DTS, 'BrokenSignalErrorCode')), sorted(broken));

  const engineDir = path.join(REPO, 'crates', 'tuicalling-core', 'src', 'engine');
  const engineSource = fs.readdirSync(engineDir).filter((f) => f.endsWith('.rs'))
    .map((f) => fs.readFileSync(path.join(engineDir, f), 'utf8')).join('\n');
  const errorEvents = new Set(quoted(engineSource, /CallEvent::Error \{\s*code: "([A-Z0-9_]+)"/g));
  assert.deepEqual(sorted(literals(GLUE_DTS, 'EngineEventErrorCode')), sorted(errorEvents));
  const ignored = new Set(quoted(engineSource, /self\.ignore\(\s*"([A-Z0-9_]+)"/g));
  assert.deepEqual(sorted(literals(GLUE_DTS, 'IgnoredReason')), sorted(ignored));
  const names = (file) => quoted(rustFn(file, 'pub fn name(self)'), /=> "([a-z0-9_]+)"/g);
  assert.deepEqual(sorted(literals(GLUE_DTS, 'EndReason')), sorted(names('tuicalling-core/src/engine/output.rs')));
  assert.deepEqual(sorted(literals(GLUE_DTS, 'RemoteUserState')), sorted(names('tuicalling-core/src/engine/view.rs')));

  const loader = fs.readFileSync(path.join(REPO, 'js-glue', 'loader.js'), 'utf8');
  const loadCodes = new Set(quoted(loader, /tuicallingError\('([A-Z0-9_]+)'/g));
  assert.deepEqual(sorted(literals(GLUE_DTS, 'TUICallingLoadErrorCode')), sorted(loadCodes));
});

/** The JSON keys of a serde struct: camelCase fields (`rename_all`), or their `rename`. */
function serdeKeys(file, struct) {
  const text = fs.readFileSync(path.join(REPO, 'crates', file), 'utf8');
  const start = text.indexOf(`struct ${struct}`);
  assert.ok(start >= 0, `struct ${struct} in ${file}`);
  const body = text.slice(text.indexOf('{', start) + 1, text.indexOf('\n}', start));
  const keys = [];
  let rename = null;
  for (const line of body.split('\n').map((l) => l.trim())) {
    const renamed = /rename = "(\w+)"/.exec(line);
    if (line.startsWith('#[') && renamed) rename = renamed[1];
    const field = /^(?:pub )?(\w+):/.exec(line);
    if (field) {
      keys.push(rename || field[1].replace(/_(\w)/g, (_, c) => c.toUpperCase()));
      rename = null;
    }
  }
  return keys;
}

/** A top-level Rust item (fn or const) from its signature to its closing line. */
function rustItem(file, signature) {
  const text = fs.readFileSync(path.join(REPO, 'crates', file), 'utf8');
  const start = text.indexOf(signature);
  assert.ok(start >= 0, `${signature} in ${file}`);
  const end = text.indexOf('\n}\n', start);
  const endConst = text.indexOf('];\n', start);
  return text.slice(start, signature.startsWith('const ') ? endConst : end);
}

/** The keys a JSON writer fn writes (`.str("key", …)`, `.key("key")`, …), each once. */
const writtenKeys = (file, fn) => [
  ...new Set(quoted(rustItem(file, `fn ${fn}(`), /\.(?:str|uint|int|bool|null|opt_str|opt_uint|str_list|opt_str_list|key)\(\s*"(\w+)"/g)),
];

/** The member names a plain-object reader accepts (`const NAME: &[&str] = &[…]`). */
const acceptedKeys = (file, name) => quoted(rustItem(file, `const ${name}: &[&str]`), /"(\w+)"/g);

test('the plain-object shapes match the binding and core structs', () => {
  const view = 'tuicalling-wasm/src/engine_view.rs';
  const engine = 'tuicalling-wasm/src/engine.rs';
  const usersig = 'tuicalling-wasm/src/usersig.rs';
  const normalized = 'tuicalling-core/src/protocol/normalized.rs';
  const shapes = [
    ['PusherView', writtenKeys(view, 'pusher'), 'fn pusher'],
    ['PlayerView', writtenKeys(view, 'player'), 'fn player'],
    ['RemoteUserView', writtenKeys(view, 'remote'), 'fn remote'],
    ['SendOutput', writtenKeys(view, 'send_json'), 'fn send_json'],
    ['EngineView', writtenKeys(view, 'view_json'), 'fn view_json'],
    ['EngineConfig', acceptedKeys(engine, 'CONFIG_FIELDS'), 'CONFIG_FIELDS'],
    ['EngineCallRequest', acceptedKeys(engine, 'CALL_FIELDS'), 'CALL_FIELDS'],
    ['EngineJoinRequest', acceptedKeys(engine, 'JOIN_FIELDS'), 'JOIN_FIELDS'],
    ['OfflinePushTexts', acceptedKeys(engine, 'PUSH_FIELDS'), 'PUSH_FIELDS'],
    ['UserSigInfo', writtenKeys(usersig, 'to_info'), 'fn to_info'],
    ['PrivateMapKeyInfo', writtenKeys(usersig, 'write_grant'), 'fn write_grant'],
    ['Signal', serdeKeys(normalized, 'NormalizedSignal'), 'struct NormalizedSignal'],
    ['Signal', writtenKeys(normalized, 'write_json'), 'NormalizedSignal::write_json'],
    ['SignalInput', serdeKeys(normalized, 'NormalizedSignal'), 'struct NormalizedSignal'],
    ['SignalInput', acceptedKeys('tuicalling-wasm/src/signal.rs', 'SIGNAL_FIELDS'), 'SIGNAL_FIELDS'],
    ['OfflinePushInfo', serdeKeys('tuicalling-core/src/protocol/offline_push.rs', 'OfflinePushInfo'), 'struct OfflinePushInfo'],
    ['OfflinePushInfo', writtenKeys('tuicalling-core/src/protocol/offline_push.rs', 'write_json'), 'OfflinePushInfo::write_json'],
  ];
  for (const [name, keys, source] of shapes) {
    assert.ok(keys.length > 0, `${source}: no keys found`);
    assert.deepEqual(sorted(members(GLUE_DTS, name)), sorted(keys), `${name} vs ${source}`);
  }
});

/** Members of an interface with those it extends (and of an alias naming one): {all, required}. */
function shape(dts, name) {
  let node = declared(dts, name);
  if (ts.isTypeAliasDeclaration(node)) return shape(dts, node.type.typeName.getText());
  const all = new Set();
  const required = new Set();
  for (const clause of node.heritageClauses || []) {
    for (const base of clause.types) {
      const inherited = shape(dts, base.expression.getText());
      inherited.all.forEach((m) => all.add(m));
      inherited.required.forEach((m) => required.add(m));
    }
  }
  for (const member of node.members) {
    const key = member.name.getText();
    all.add(key);
    if (member.questionToken) required.delete(key);
    else required.add(key);
  }
  return { all, required };
}

test('every event payload the mapping builds has its declared shape', () => {
  const events = driverFile('events.js');
  const payloadType = new Map();
  for (const map of ['TUICallingEventMap', 'TUICallKitEventMap']) {
    declared(DRIVER_DTS, map).members.forEach((m) => payloadType.set(m.name.getText(), m.type.getText()));
  }
  const view = (status, role, extra) => Object.assign({
    status, role, type: 2, isGroup: false, groupID: '', inviter: 'bob', roomID: 7, remoteUsers: [],
    players: [], pusher: null, startedAt: null, speaker: true,
  }, extra);
  const ctx = (before, after) => ({ selfID: 'alice', before, after, playerList: [], pusher: {}, invite: null, inviteID: () => 'inv' });
  const calling = view('calling', 'callee');
  const idle = view('idle', null, { type: null, roomID: null, inviter: '' });
  const engineEvents = [
    [{ kind: 'event', name: 'invited', inviter: 'bob', type: 2, userIDList: ['bob'], groupID: '' }, ctx(idle, calling)],
    [{ kind: 'event', name: 'userAccepted', userID: 'bob' }, ctx(calling, calling)],
    [{ kind: 'event', name: 'userRejected', userID: 'bob' }, ctx(calling, calling)],
    [{ kind: 'event', name: 'userBusy', userID: 'bob' }, ctx(calling, calling)],
    [{ kind: 'event', name: 'userNoResponse', userID: 'bob', offline: true }, ctx(calling, calling)],
    [{ kind: 'event', name: 'userNoResponse', userID: 'bob', offline: false }, ctx(calling, calling)],
    [{ kind: 'event', name: 'userEntered', userID: 'bob' }, ctx(calling, calling)],
    [{ kind: 'event', name: 'userLeft', userID: 'bob' }, ctx(calling, calling)],
    [{ kind: 'event', name: 'connected' }, ctx(calling, view('connected', 'callee'))],
    [{ kind: 'event', name: 'mediaChanged', type: 1 }, ctx(calling, calling)],
    [{ kind: 'event', name: 'callEnded', reason: 'canceled', duration: 0, userID: 'bob' }, ctx(calling, idle)],
    [{ kind: 'event', name: 'callEnded', reason: 'no_response', duration: 0 }, ctx(calling, idle)],
    [{ kind: 'event', name: 'error', code: 'SEND_FAILED', message: 'code 2801: ' }, ctx(calling, calling)],
  ];
  const emitted = engineEvents.flatMap(([event, context]) => events.mapEngineEvent(event, context));
  const player = { userID: 'bob', muteVideo: false, muteAudio: false };
  emitted.push(...events.availabilityEvents([], [player]), events.volumeEvent('bob', 40), events.networkEvent('bob', 2));
  const seen = new Set();
  for (const { name, data } of emitted) {
    seen.add(name);
    const { all, required } = shape(DRIVER_DTS, payloadType.get(name));
    const keys = Object.keys(data);
    assert.deepEqual(keys.filter((k) => !all.has(k)), [], `${name}: undeclared keys`);
    assert.deepEqual([...required].filter((k) => !keys.includes(k)), [], `${name}: missing keys`);
  }
  // USER_UPDATE, SDK_READY and KICKED_OUT are built in call-driver.js (covered by driver tests).
  const untested = [...payloadType.keys()].filter((name) => !seen.has(name));
  assert.deepEqual(sorted(untested), ['KICKED_OUT', 'SDK_READY', 'USER_UPDATE']);
});
