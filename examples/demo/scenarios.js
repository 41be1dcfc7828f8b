// The scripted demo scenarios: a command script each (commands.js) and the end state every
// phone must reach. `check(stage)` returns the list of what is wrong (empty when all is well).
'use strict';

const { USERS } = require('./stage');

/** Problems with each phone's end: idle, and its last callEnd reason as expected. */
function endedAs(stage, reasons) {
  const problems = [];
  for (const userID of USERS) {
    const phone = stage.phones[userID];
    if (phone.data.screen !== 'idle') problems.push(`${userID} is still ${phone.data.screen}`);
    const ends = phone.events('callEnd').map((e) => e.reason);
    const want = reasons[userID] || [];
    if (JSON.stringify(ends) !== JSON.stringify(want)) {
      problems.push(`${userID}: call ends ${JSON.stringify(ends)}, expected ${JSON.stringify(want)}`);
    }
  }
  return problems;
}

function expectToast(stage, userID, title) {
  return stage.phones[userID].toastTitles().includes(title) ? [] : [`${userID} never showed "${title}"`];
}

const SCENARIOS = [
  {
    name: '1v1',
    title: '1v1 video call: ring, accept, talk 20 s, hang up',
    script: ['alice call bob video', 'bob accept', 'wait 20s', 'alice hangup'],
    check(stage) {
      const totals = stage.phones.alice.events('callEnd').map((e) => e.totalTime);
      return endedAs(stage, { alice: ['hangup'], bob: ['hangup'] })
        .concat(totals[0] >= 20 && totals[0] <= 23 ? [] : [`alice's call lasted ${totals[0]} s, expected about 21 s`]);
    },
  },
  {
    name: 'busy',
    title: 'bob busy: alice calls bob, accepted; carol calls bob and gets busy',
    script: ['alice call bob video', 'bob accept', 'wait 5s', 'carol call bob audio', 'wait 5s', 'bob hangup'],
    check(stage) {
      return endedAs(stage, { alice: ['hangup'], bob: ['hangup'], carol: ['line_busy'] })
        .concat(expectToast(stage, 'carol', 'bob is busy'));
    },
  },
  {
    name: 'reject',
    title: 'a reject: alice calls carol, carol declines',
    script: ['alice call carol audio', 'wait 3s', 'carol reject'],
    check(stage) {
      return endedAs(stage, { alice: ['reject'], carol: ['reject'] }).concat(expectToast(stage, 'alice', 'carol declined'));
    },
  },
  {
    name: 'no-answer',
    title: 'a no-answer timeout: alice calls bob, who never picks up (30 s ring)',
    script: ['alice call bob video', 'wait 29s', 'show', 'wait 3s'],
    check(stage) {
      return endedAs(stage, { alice: ['no_response'], bob: ['no_response'] })
        .concat(expectToast(stage, 'alice', 'bob did not answer in time'))
        .concat(expectToast(stage, 'bob', 'Missed call from alice'));
    },
  },
  {
    name: 'group',
    title: '3-person group video call; carol leaves first, then the rest hang up',
    script: ['alice group-call bob carol video', 'bob accept', 'carol accept', 'wait 10s', 'carol hangup', 'wait 5s',
      'bob hangup'],
    check(stage) {
      return endedAs(stage, { alice: ['hangup'], bob: ['hangup'], carol: ['hangup'] });
    },
  },
];

module.exports = { SCENARIOS, endedAs };
