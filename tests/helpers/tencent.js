// Helpers around Tencent's reference UserSig generator (npm tls-sig-api-v2).
'use strict';

const zlib = require('zlib');

/** Runs `fn` with Date.now pinned to `now` unix seconds (tls-sig-api-v2 reads only Date.now). */
function tencentAt(now, fn) {
  const realNow = Date.now;
  Date.now = () => now * 1000;
  try {
    return fn();
  } finally {
    Date.now = realNow;
  }
}

/** tls-sig-api-v2-style decoding: undo the armor, base64, inflate, parse the JSON. */
function tencentDecode(sig) {
  const standard = sig.replace(/_/g, '=').replace(/-/g, '/').replace(/\*/g, '+');
  return JSON.parse(zlib.inflateSync(Buffer.from(standard, 'base64')).toString('utf8'));
}

module.exports = { tencentAt, tencentDecode };
