// A node:test reporter for the lanes of the cross-engine suite: one line per finished test,
// `##lane## {"name", "ok", "todo", "ms", "error"}`, read by tests/cross-engine.test.js.
// Anything else the lane prints passes through untouched.
'use strict';

const MARK = '##lane## ';

function errorText(error) {
  if (!error) return null;
  const cause = error.cause || error;
  return String(cause.message || cause);
}

module.exports = async function* laneReporter(source) {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const d = event.data;
    if (d.nesting !== 0) continue;
    const failed = event.type === 'test:fail';
    yield `${MARK}${JSON.stringify({ name: d.name, ok: !failed, todo: d.todo || null, ms: Math.round((d.details && d.details.duration_ms) || 0),
      error: failed ? errorText(d.details && d.details.error) : null })}\n`;
  }
};
module.exports.MARK = MARK;
