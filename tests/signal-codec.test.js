// The signaling codec, loaded the way WeChat loads it (no WebAssembly/TextEncoder/TextDecoder
// globals): decodeSignal (production bundle) and the developer tools encodeSignal and
// offlinePushInfo (debug bundle) keep the original mini-program's bytes, errors are typed, and
// offlinePushInfo carries the real call.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { loadInSandbox } = require('./helpers/bundles');

/** Objects made in the sandbox realm have its Object prototype: compare as plain JSON. */
const plain = (value) => JSON.parse(JSON.stringify(value));

const ROOM = 271828182;

/** A V1 envelope exactly as TSignaling writes it, with the call data given as an object. */
function wire({ inviteID = '9f1c-1', inviter = 'alice', actionType = 1, invitees = ['bob'], data, timeout = 30, groupID = '' }) {
  return JSON.stringify({
    businessID: 1,
    inviteID,
    inviter,
    actionType,
    inviteeList: invitees,
    data: JSON.stringify(data),
    timeout,
    groupID,
  });
}

/** The original's 1v1 call invite data. */
function callData(room, callType = 2, cmd = 'videoCall') {
  return {
    extraInfo: '',
    version: 4,
    call_type: callType,
    room_id: room,
    businessID: 'av_call',
    platform: 'MiniApp',
    data: { cmd, room_id: room, message: '' },
  };
}

const INVITE =
  '{"businessID":1,"inviteID":"9f1c-1","inviter":"alice","actionType":1,"inviteeList":["bob"],' +
  '"data":"{\\"extraInfo\\":\\"\\",\\"version\\":4,\\"call_type\\":2,\\"room_id\\":271828182,' +
  '\\"businessID\\":\\"av_call\\",\\"platform\\":\\"MiniApp\\",\\"data\\":{\\"cmd\\":\\"videoCall\\",' +
  '\\"room_id\\":271828182,\\"message\\":\\"\\"}}","timeout":30,"groupID":""}';

let api; // the production bundle: decodeSignal, decodeElement
let tools; // the debug bundle, which adds the developer tools encodeSignal and offlinePushInfo
test.before(async () => {
  ({ api } = await loadInSandbox('production'));
  ({ api: tools } = await loadInSandbox('debug'));
});

/** Asserts `fn` throws a SignalError with `code` and `foreign`; returns the error. */
function throwsSignalError(fn, code, foreign, label) {
  let caught;
  assert.throws(fn, (error) => {
    caught = error;
    assert.equal(error.name, 'SignalError', label);
    assert.equal(error.code, code, label);
    assert.equal(error.foreign, foreign, label);
    assert.equal(typeof error.message, 'string');
    assert.ok(error.message.length > 0, label);
    return true;
  }, label);
  return caught;
}

test('the 1v1 invite decodes to a plain object and re-encodes byte for byte', () => {
  assert.equal(INVITE, wire({ data: callData(ROOM) }), 'the fixture is what TSignaling writes');
  const signal = tools.decodeSignal(INVITE);
  assert.deepEqual(plain(signal), {
    action: 'invite',
    kind: 'call',
    inviteID: '9f1c-1',
    inviter: 'alice',
    invitees: ['bob'],
    groupID: '',
    timeout: 30,
    callType: 2,
    roomID: ROOM,
    callEnd: null,
    busy: false,
    switchTo: null,
    cmd: 'videoCall',
    userIDs: null,
    platform: 'MiniApp',
    version: 4,
    dataInviter: null,
    consumed: false,
    excludeFromHistoryMessage: false,
    sendsHangupNotice: false,
    inCallUserIDs: null,
  });
  assert.equal(tools.encodeSignal(signal), INVITE);
  // A copy made in this realm encodes the same.
  assert.equal(tools.encodeSignal(plain(signal)), INVITE);
  assert.equal(tools.encodeSignal(tools.decodeElement('TIMCustomElem', INVITE)), INVITE);
});

test('non-ASCII user ids cross the boundary through the text codec and round-trip', () => {
  const invitees = ['张三😀', 'bob'];
  const text = wire({ inviter: 'Zoë', invitees, data: callData(ROOM) });
  const signal = tools.decodeSignal(text);
  assert.deepEqual(plain(signal.invitees), invitees);
  assert.equal(signal.inviter, 'Zoë');
  assert.equal(tools.encodeSignal(signal), text);
  // Built from scratch in this realm, too.
  const built = Object.assign(plain(signal), { invitees: ['李四🎉'] });
  assert.deepEqual(plain(tools.decodeSignal(tools.encodeSignal(built)).invitees), ['李四🎉']);
});

test('room ids up to 4294967295 round-trip; beyond is out of range', () => {
  for (const room of [1, 4294967294, 4294967295]) {
    const text = wire({ data: callData(room) });
    const signal = tools.decodeSignal(text);
    assert.equal(signal.roomID, room);
    assert.equal(tools.encodeSignal(signal), text, String(room));
  }
  throwsSignalError(() => tools.decodeSignal(wire({ data: callData(4294967296) })), 'ROOM_ID_OUT_OF_RANGE', false);
  const signal = plain(tools.decodeSignal(INVITE));
  throwsSignalError(() => tools.encodeSignal(Object.assign({}, signal, { roomID: 4294967296 })), 'ROOM_ID_OUT_OF_RANGE', false);
});

test('decode errors are SignalError objects with code and foreign', () => {
  const cases = [
    ['hello', 'NOT_JSON', true],
    ['{"businessID":2}', 'NOT_SIGNALING', true],
    ['{"businessID":"av_call"}', 'OUTER_AV_CALL', true],
    [wire({ data: { businessID: 'rtc_call', call_type: 1 } }), 'FOREIGN_BUSINESS', true],
    [' '.repeat(16 * 1024 + 1), 'TOO_LARGE', false],
    [wire({ invitees: Array.from({ length: 65 }, (_, i) => 'u' + i), data: callData(ROOM) }), 'TOO_MANY_USERS', false],
    [wire({ inviter: 'x'.repeat(33), data: callData(ROOM) }), 'BAD_USER_ID', false],
    [wire({ actionType: 9, data: callData(ROOM) }), 'UNKNOWN_ACTION', false],
    [wire({ data: { version: 4 } }), 'UNKNOWN_INVITE', false],
  ];
  for (const [text, code, foreign] of cases) throwsSignalError(() => api.decodeSignal(text), code, foreign, code);
  throwsSignalError(() => api.decodeElement('TIMTextElem', 'hi'), 'TEXT_ELEMENT', true);
  throwsSignalError(() => api.decodeElement('TIMImageElem', ''), 'OTHER_ELEMENT', true);
});

test('encodeSignal rejects unknown fields and wrong types with a typed error', () => {
  const signal = plain(tools.decodeSignal(INVITE));
  const unknown = throwsSignalError(() => tools.encodeSignal(Object.assign({}, signal, { extra: 1 })), 'INVALID_ARGUMENT', false);
  assert.match(unknown.message, /unknown field `extra`/);
  const wrongType = throwsSignalError(() => tools.encodeSignal(Object.assign({}, signal, { timeout: '30' })), 'INVALID_ARGUMENT', false);
  assert.match(wrongType.message, /invalid type/);
  const bad = [
    Object.assign({}, signal, { invitees: 'bob' }),
    Object.assign({}, signal, { callType: NaN }),
    Object.assign({}, signal, { timeout: 1.5 }),
    Object.assign({}, signal, { busy: () => true }),
    (() => { const cyclic = Object.assign({}, signal, { invitees: [] }); cyclic.invitees.push(cyclic.invitees); return cyclic; })(),
    null,
    undefined,
    'invite',
    42,
  ];
  for (const value of bad) throwsSignalError(() => tools.encodeSignal(value), 'INVALID_ARGUMENT', false, String(value));
  // Validation errors keep the core's codes.
  throwsSignalError(() => tools.encodeSignal(Object.assign({}, signal, { action: 'ring' })), 'UNKNOWN_ACTION', false);
  throwsSignalError(() => tools.encodeSignal(Object.assign({}, signal, { inviter: '' })), 'BAD_USER_ID', false);
  throwsSignalError(() => tools.encodeSignal(Object.assign({}, signal, { callType: 3 })), 'INVALID_FIELD', false);
  // `kind` is accepted (and ignored); `undefined` members are left out like JSON.stringify does.
  assert.equal(tools.encodeSignal(Object.assign({}, signal, { kind: 'hangup', userIDs: undefined })), INVITE);
});

test('offlinePushInfo carries the real call type, room id and timeout', () => {
  const signal = tools.decodeSignal(wire({ data: callData(ROOM, 1, 'audioCall'), timeout: 45 }));
  const info = plain(tools.offlinePushInfo(signal, 1700000000, 'alice', '', 'tuikit_call'));
  assert.deepEqual(Object.keys(info), ['title', 'description', 'androidOPPOChannelID', 'extension']);
  assert.equal(info.title, 'alice');
  assert.equal(info.description, '您有一个通话请求');
  assert.equal(info.androidOPPOChannelID, 'tuikit_call');
  const entity = JSON.parse(info.extension).entity;
  assert.equal(entity.sender, 'alice');
  assert.equal(entity.sendTime, 1700000000);
  assert.equal(entity.chatType, 1);
  const content = JSON.parse(entity.content);
  assert.equal(content.call_type, 1);
  assert.equal(content.room_id, ROOM);
  assert.equal(content.timeout, 45);
  assert.equal(content.call_id, '9f1c-1');
  assert.deepEqual(content.invited_list, ['bob']);
  assert.equal(tools.offlinePushInfo(signal, 0, 't', 'custom', '').description, 'custom');

  const accept = tools.decodeSignal(JSON.stringify({ businessID: 1, inviteID: '9f1c-1', inviter: 'bob', actionType: 3, inviteeList: ['bob'] }));
  assert.equal(tools.offlinePushInfo(accept, 1700000000, '', '', ''), null);
  for (const badTime of [-1, 1.5, NaN, Infinity, undefined]) {
    throwsSignalError(() => tools.offlinePushInfo(signal, badTime, '', '', ''), 'INVALID_ARGUMENT', false, String(badTime));
  }
});
