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

/**
 * One hang-up notice per call end. Between two of our components the side that hangs up sends
 * it at once (their invites and accepts say sendsHangupNotice); in a group call only the last
 * one left sends one, after the 10 s leave grace.
 */
function expectNotices(stage, expected) {
  const sent = stage.hangupNotices();
  return JSON.stringify(sent) === JSON.stringify(expected)
    ? [] : [`hang-up notices ${JSON.stringify(sent)}, expected ${JSON.stringify(expected)}`];
}

const SCENARIOS = [
  {
    name: '1v1',
    title: '1v1 video call: ring, accept, talk 20 s, hang up',
    script: ['alice call bob video', 'bob accept', 'wait 20s', 'alice hangup'],
    check(stage) {
      const totals = USERS.slice(0, 2).map((userID) => stage.phones[userID].events('callEnd').map((e) => e.totalTime)[0]);
      return endedAs(stage, { alice: ['hangup'], bob: ['hangup'] })
        .concat(totals.every((t) => t >= 20 && t <= 23) ? [] : [`the call lasted ${totals.join(' / ')} s, expected about 21 s`])
        .concat(expectNotices(stage, ['alice>bob']));
    },
  },
  {
    name: 'busy',
    title: 'bob busy: alice calls bob, accepted; carol calls bob and gets busy',
    script: ['alice call bob video', 'bob accept', 'wait 5s', 'carol call bob audio', 'wait 5s', 'bob hangup'],
    check(stage) {
      return endedAs(stage, { alice: ['hangup'], bob: ['hangup'], carol: ['line_busy'] })
        .concat(expectToast(stage, 'carol', 'bob is busy'))
        .concat(expectNotices(stage, ['bob>alice']));
    },
  },
  {
    name: 'reject',
    title: 'a reject: alice calls carol, carol declines',
    script: ['alice call carol audio', 'wait 3s', 'carol reject'],
    check(stage) {
      return endedAs(stage, { alice: ['reject'], carol: ['reject'] }).concat(expectToast(stage, 'alice', 'carol declined'))
        .concat(expectNotices(stage, []));
    },
  },
  {
    name: 'no-answer',
    title: 'a no-answer timeout: alice calls bob, who never picks up (30 s ring)',
    script: ['alice call bob video', 'wait 29s', 'show', 'wait 3s'],
    check(stage) {
      return endedAs(stage, { alice: ['no_response'], bob: ['no_response'] })
        .concat(expectToast(stage, 'alice', 'bob did not answer in time'))
        .concat(expectToast(stage, 'bob', 'Missed call from alice'))
        .concat(expectNotices(stage, []));
    },
  },
  {
    name: 'group',
    title: '3-person group video call; carol leaves first, then bob; alice, left alone, ends the call for the group',
    script: ['alice group-call bob carol video', 'bob accept', 'carol accept', 'wait 10s', 'carol hangup', 'wait 5s',
      'bob hangup', 'wait 10s'],
    check(stage) {
      return endedAs(stage, { alice: ['hangup'], bob: ['hangup'], carol: ['hangup'] })
        .concat(expectNotices(stage, ['alice>team']));
    },
  },
];

module.exports = { SCENARIOS, endedAs };
