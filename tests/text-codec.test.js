'use strict';
// Compares js-glue/text-codec.js against Node's native TextEncoder/TextDecoder.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const codec = require('../js-glue/text-codec.js');

const SRC = path.join(__dirname, '..', 'js-glue', 'text-codec.js');
const NativeEncoder = globalThis.TextEncoder;
const NativeDecoder = globalThis.TextDecoder;

function mulberry32(seed) {
  return function () {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('hex');
const esc = (s) => JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

const FIXED_STRINGS = [
  '', 'a', 'hello, world', '\u0000\u007f', '\u0080', '\u00e9t\u00e9', '\u07ff', '\u0800',
  '\u4f60\u597d\u4e16\u754c', '\uffff', '\ufeffBOM', '\ud800\udc00', '\udbff\udfff',
  '\ud83d\ude00 emoji \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67',
  '\ud800', '\udc00', '\ud800abc', 'abc\ud800', 'ab\udc00cd', '\udc00\ud800', 'a\ud800b',
  'x\ud83d', '\ude00x', '\ud800\ud800\udc00', '\udc00\udc00', 'mixed a\u00e9\u4e2d\ud83d\ude00\ud800',
];

function randomString(rnd) {
  const len = Math.floor(rnd() * 24);
  const units = [];
  for (let i = 0; i < len; i++) {
    const r = rnd();
    let u;
    if (r < 0.3) u = Math.floor(rnd() * 0x80);
    else if (r < 0.45) u = 0x80 + Math.floor(rnd() * 0x780);
    else if (r < 0.6) u = 0x800 + Math.floor(rnd() * 0xF800);
    else if (r < 0.8) u = 0xD800 + Math.floor(rnd() * 0x400); // high surrogate
    else u = 0xDC00 + Math.floor(rnd() * 0x400); // low surrogate
    units.push(u);
  }
  return String.fromCharCode.apply(null, units);
}

function checkEncode(s) {
  const ours = new codec.TextEncoder();
  const native = new NativeEncoder();
  const expected = native.encode(s);
  const got = ours.encode(s);
  assert.ok(got instanceof Uint8Array, 'encode returns Uint8Array');
  assert.equal(hex(got), hex(expected), 'encode ' + esc(s));
  const sizes = new Set([0, 1, 2, 3, 4, 5, expected.length - 1, expected.length, expected.length + 3, s.length * 3]);
  for (const size of sizes) {
    if (size < 0) continue;
    const a = new Uint8Array(size).fill(0xAA);
    const b = new Uint8Array(size).fill(0xAA);
    const r1 = ours.encodeInto(s, a);
    const r2 = native.encodeInto(s, b);
    assert.deepEqual({ read: r1.read, written: r1.written }, { read: r2.read, written: r2.written },
      'encodeInto ' + esc(s) + ' size ' + size);
    assert.equal(hex(a), hex(b), 'encodeInto bytes ' + esc(s) + ' size ' + size);
  }
}

test('TextEncoder basics', () => {
  const e = new codec.TextEncoder();
  assert.equal(e.encoding, 'utf-8');
  assert.equal(e.encode().length, 0);
  assert.equal(hex(e.encode('\ud800')), 'efbfbd');
  assert.equal(hex(e.encode('a\ud800b')), '61efbfbd62');
  assert.equal(hex(e.encode('\ud83d\ude00')), 'f09f9880');
});

test('encode/encodeInto match native on fixed strings', () => {
  for (const s of FIXED_STRINGS) checkEncode(s);
});

test('encode/encodeInto match native on 2000 random strings', () => {
  const rnd = mulberry32(0xC0FFEE);
  for (let i = 0; i < 2000; i++) checkEncode(randomString(rnd));
});

const FIXED_BYTES = [
  [], [0x41], [0x00, 0x7F],
  [0xC3, 0xA9], [0xE4, 0xBD, 0xA0], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
  [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
  [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xED, 0x9F, 0xBF],
  [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
  [0xC3], [0x41, 0xE4, 0xBD], [0x41, 0xF0, 0x9F, 0x98], [0xF0, 0x9F], [0xE4, 0x41], [0xF0, 0x9F, 0x41, 0x42],
  [0x80], [0xBF], [0x80, 0x80, 0x80], [0x41, 0x80, 0x42],
  [0xF5], [0xF8], [0xFC], [0xFE], [0xFF], [0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF],
  [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0x41], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x41], [0xEF, 0xBB], [0x41, 0xEF, 0xBB, 0xBF],
  [0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64],
];

function randomBytes(rnd) {
  const len = Math.floor(rnd() * 32);
  const out = [];
  const pick = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xBB];
  while (out.length < len) {
    const r = rnd();
    if (r < 0.4) out.push(pick[Math.floor(rnd() * pick.length)]);
    else if (r < 0.7) out.push(0x80 + Math.floor(rnd() * 0x40)); // continuation byte
    else if (r < 0.8) out.push(0xEF, 0xBB, 0xBF);
    else out.push(Math.floor(rnd() * 256));
  }
  return Uint8Array.from(out);
}

function checkDecode(bytes) {
  const u8 = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
  for (const ignoreBOM of [false, true]) {
    const label = hex(u8) + (ignoreBOM ? ' ignoreBOM' : '');
    assert.equal(esc(new codec.TextDecoder('utf-8', { ignoreBOM }).decode(u8)),
      esc(new NativeDecoder('utf-8', { ignoreBOM }).decode(u8)), 'decode ' + label);
    let nativeErr = null;
    let nativeOut;
    try { nativeOut = new NativeDecoder('utf-8', { fatal: true, ignoreBOM }).decode(u8); } catch (e) { nativeErr = e; }
    if (nativeErr) {
      assert.throws(() => new codec.TextDecoder('utf-8', { fatal: true, ignoreBOM }).decode(u8), TypeError, 'fatal ' + label);
    } else {
      assert.equal(esc(new codec.TextDecoder('utf-8', { fatal: true, ignoreBOM }).decode(u8)), esc(nativeOut), 'fatal ' + label);
    }
  }
}

test('decode matches native on fixed byte sequences', () => {
  for (const b of FIXED_BYTES) checkDecode(b);
});

test('decode matches native on 2000 random byte arrays', () => {
  const rnd = mulberry32(20240601);
  for (let i = 0; i < 2000; i++) checkDecode(randomBytes(rnd));
});

test('decode round-trips random strings', () => {
  const rnd = mulberry32(7);
  const enc = new NativeEncoder();
  for (let i = 0; i < 500; i++) {
    const s = randomString(rnd);
    const bytes = enc.encode(s);
    assert.equal(new codec.TextDecoder().decode(bytes), new NativeDecoder().decode(bytes));
  }
});

test('decode handles long input (chunked fromCharCode)', () => {
  const s = 'ab\u00e9\u4e2d\ud83d\ude00'.repeat(20000);
  const bytes = new NativeEncoder().encode(s);
  assert.equal(new codec.TextDecoder().decode(bytes), s);
  assert.equal(hex(new codec.TextEncoder().encode(s)), hex(bytes));
});

test('decode input kinds', () => {
  const d = new codec.TextDecoder();
  assert.equal(d.decode(), '');
  assert.equal(d.decode(undefined), '');
  const bytes = Uint8Array.from([0x78, 0xE4, 0xBD, 0xA0, 0x79]);
  assert.equal(d.decode(bytes.buffer), 'x\u4f60y');
  assert.equal(d.decode(bytes.subarray(1, 4)), '\u4f60');
  assert.equal(d.decode(new DataView(bytes.buffer, 1, 3)), '\u4f60');
  const u16 = new Uint16Array([0x41, 0x42]);
  assert.equal(d.decode(u16), new NativeDecoder().decode(u16));
  assert.throws(() => d.decode(null), TypeError);
  assert.throws(() => d.decode([0x41]), TypeError);
  assert.throws(() => d.decode('A'), TypeError);
  assert.throws(() => d.decode(bytes, { stream: true }), TypeError);
});

test('wasm-bindgen glue usage pattern', () => {
  const d = new codec.TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
  assert.equal(d.decode(), '');
  assert.equal(d.encoding, 'utf-8');
  assert.equal(d.fatal, true);
  assert.equal(d.ignoreBOM, true);
  assert.equal(d.decode(Uint8Array.from([0xEF, 0xBB, 0xBF, 0x41])), '\ufeffA');
  assert.throws(() => d.decode(Uint8Array.from([0xC3])), TypeError);
  const e = new codec.TextEncoder();
  assert.equal(typeof e.encodeInto, 'function');
});

test('labels', () => {
  for (const l of ['utf-8', 'UTF-8', 'utf8', 'Utf8', 'unicode-1-1-utf-8', 'UNICODE-1-1-UTF-8', ' utf-8\n', undefined]) {
    const d = new codec.TextDecoder(l);
    assert.equal(d.encoding, 'utf-8');
    assert.equal(d.fatal, false);
    assert.equal(d.ignoreBOM, false);
  }
  for (const l of ['latin1', 'utf-16le', 'utf-16', 'ascii', '', 'utf_8', 'utf-8x']) {
    assert.throws(() => new codec.TextDecoder(l), RangeError, String(l));
  }
});

test('does not depend on global TextEncoder/TextDecoder', () => {
  const src = fs.readFileSync(SRC, 'utf8');
  assert.ok(!/globalThis|\bglobal\b|\bwindow\b|\bself\b/.test(src), 'no global object access');
  assert.notEqual(codec.TextEncoder, NativeEncoder);
  assert.notEqual(codec.TextDecoder, NativeDecoder);
});

let acorn = null;
try { require.resolve('acorn'); acorn = require('acorn'); } catch (e) { acorn = null; }

test('text-codec.js parses as ECMAScript 2016',
  { skip: acorn ? false : 'acorn is not installed (add it as a devDependency)' }, () => {
    const src = fs.readFileSync(SRC, 'utf8');
    assert.doesNotThrow(() => acorn.parse(src, { ecmaVersion: 2016, sourceType: 'script' }));
  });
