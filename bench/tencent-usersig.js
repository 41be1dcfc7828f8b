// Tencent's debug UserSig generator as shipped in the mini-program UIKit:
// `debug/lib-generate-test-usersig-es.min.js` of npm @trtc/calls-uikit-wx@5.0.0. The package
// cannot be `npm install`ed here (its dependency @tencentcloud/tui-core-lite@~1.0.1 is not in
// the registry), so its tarball is fetched with `npm pack`, checked against the registry's
// dist.integrity pinned below, cached in .tools/bench/, and the one file is extracted from it.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');
const { pathToFileURL } = require('url');
const { REPO } = require('./artifacts');

const SPEC = '@trtc/calls-uikit-wx@5.0.0';
const TARBALL = 'trtc-calls-uikit-wx-5.0.0.tgz';
/** `npm view @trtc/calls-uikit-wx@5.0.0 dist.integrity` */
const INTEGRITY = 'sha512-7hK6kbvXhH+rFmlzvLxU4gKJ2dICQ+piXzd9QkPM9P0u5JpJ98CaYfiDbwN7zYwRWSNhO/9wO8nZaosdppXguQ==';
const MEMBER = 'package/debug/lib-generate-test-usersig-es.min.js';
const CACHE = path.join(REPO, '.tools', 'bench');

function integrityOf(bytes) {
  return `sha512-${crypto.createHash('sha512').update(bytes).digest('base64')}`;
}

/** The verified tarball bytes, fetched once with `npm pack`. */
function tarball() {
  const file = path.join(CACHE, TARBALL);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(CACHE, { recursive: true });
    execFileSync('npm', ['pack', SPEC, '--pack-destination', CACHE, '--silent'], { cwd: CACHE, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const bytes = fs.readFileSync(file);
  const actual = integrityOf(bytes);
  if (actual !== INTEGRITY) throw new Error(`${file}: integrity ${actual}, expected ${INTEGRITY} (delete it to re-fetch)`);
  return bytes;
}

/** One member of a .tgz (ustar; regular files only). */
function extractMember(tgz, member) {
  const tar = zlib.gunzipSync(tgz);
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start, length) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    if (name === member) return tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${member} not in ${TARBALL}`);
}

/** Loads the ES module; resolves to its default export (the generator class). */
async function loadTencentUserSigLib() {
  const source = extractMember(tarball(), MEMBER);
  const file = path.join(CACHE, 'lib-generate-test-usersig-es.min.mjs');
  if (!fs.existsSync(file) || !fs.readFileSync(file).equals(source)) fs.writeFileSync(file, source);
  const module = await import(pathToFileURL(file).href);
  return module.default;
}

module.exports = { loadTencentUserSigLib, SPEC, INTEGRITY };
