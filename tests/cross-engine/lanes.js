// The lanes of the cross-engine suite, as data (tests/cross-engine.test.js reads it without
// loading any SDK): each lane runs in its own process (one Tencent engine per process) and
// its scenarios one after the other; the lanes run side by side. `ours` are our phones (the
// Tencent user is 'tom'); `tests` are [title, scenario (a function of ./scenarios.js), options].
'use strict';

const media = (type) => (type === 2 ? 'video' : 'audio');

function oneToOneTests(from) {
  const tests = [];
  for (const type of [2, 1]) {
    for (const hangsUp of ['ours', 'theirs']) {
      tests.push([`1v1 ${media(type)}, ${from} calls ${from === 'ours' ? 'theirs' : 'ours'}, ${hangsUp} hangs up`,
        'oneToOne', { from, type, hangsUp }]);
    }
  }
  return tests;
}

const LANES = {
  'one-to-one-ours': {
    ours: ['alice'],
    tests: [
      ...oneToOneTests('ours'),
      ['call() right after init() reaches Tencent\'s engine (init waits for the chat SDK)', 'callRightAfterInit', {}],
    ],
  },
  'one-to-one-theirs': {
    ours: ['alice'],
    tests: [...oneToOneTests('theirs'), ['theirs calls ours with a string room ID (strRoomID)', 'stringRoomFromTheirs', {}]],
  },
  refusals: {
    ours: ['alice', 'bob'],
    tests: [
      ['reject: ours calls, theirs rejects', 'notConnected', { from: 'ours', how: 'reject' }],
      ['reject: theirs calls, ours rejects', 'notConnected', { from: 'theirs', how: 'reject' }],
      ['cancel: ours calls and cancels', 'notConnected', { from: 'ours', how: 'cancel' }],
      ['cancel: theirs calls and cancels', 'notConnected', { from: 'theirs', how: 'cancel' }],
      ['busy: ours calls theirs while theirs talks to bob', 'busy', { from: 'ours' }],
      ['busy: theirs calls ours while ours talks to bob', 'busy', { from: 'theirs' }],
      ['cancel while ours is logged out: Tencent\'s modifyInvitation (consumed) keeps ours from ringing at login', 'canceledWhileLoggedOut', {}],
    ],
  },
  group: {
    ours: ['alice', 'bob'],
    tests: [
      ['IM-group call from theirs to alice and bob', 'groupFromTheirs', {}],
      ['IM-group call from ours to theirs and bob', 'groupFromOurs', {}],
      ['multi-party call without a group (C2C) from ours to theirs and bob', 'multiC2cFromOurs', {}],
      ['inviteUser mid-call: ours invites theirs into a 1v1 call with bob', 'inviteUserToTheirs', {}],
    ],
  },
  switch: {
    ours: ['alice'],
    tests: [
      ['switch to audio asked by ours (Tencent\'s side not proven in node)', 'switchToAudio', { from: 'ours' }],
      ['switch to audio asked by theirs (Tencent\'s side not proven in node)', 'switchToAudio', { from: 'theirs' }],
    ],
  },
  'no-answer-ours': { ours: ['alice'], tests: [['no answer in 30 s: ours calls theirs', 'noAnswer', { from: 'ours' }]] },
  'no-answer-theirs': { ours: ['alice'], tests: [['no answer in 30 s: theirs calls ours', 'noAnswer', { from: 'theirs' }]] },
};

module.exports = { LANES };
