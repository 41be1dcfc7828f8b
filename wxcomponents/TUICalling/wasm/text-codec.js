// js-glue/text-codec.js without comments (js-glue/build/compact.js). Do not edit.
'use strict';
class TextEncoder {
constructor() { this.encoding = 'utf-8'; }
encode(str) {
str = str === undefined ? '' : String(str);
const u8 = new Uint8Array(str.length * 3);
return u8.slice(0, this.encodeInto(str, u8).written);
}
encodeInto(str, u8) {
str = String(str);
const n = str.length, m = u8.length;
let read = 0, w = 0;
while (read < n) {
let c = str.charCodeAt(read), k = 1;
if (c >= 0xD800 && c < 0xE000) {
const d = str.charCodeAt(read + 1);
if (c < 0xDC00 && d >= 0xDC00 && d < 0xE000) { c = 0x10000 + ((c - 0xD800) << 10) + d - 0xDC00; k = 2; } else c = 0xFFFD;
}
if (c < 0x80) {
if (w >= m) break;
u8[w++] = c;
} else {
const len = c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
if (w + len > m) break;
let s = 6 * (len - 1);
u8[w++] = (0xFF00 >> len) & 0xFF | c >> s;
while ((s -= 6) >= 0) u8[w++] = 0x80 | c >> s & 0x3F;
}
read += k;
}
return { read: read, written: w };
}
}
const LABELS = ['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8'];
const TAG = Object.prototype.toString;
class TextDecoder {
constructor(label, options) {
const l = label === undefined ? 'utf-8' : String(label).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
if (LABELS.indexOf(l) < 0) throw new RangeError('The "' + label + '" encoding is not supported');
this.encoding = 'utf-8';
this.fatal = !!(options && options.fatal);
this.ignoreBOM = !!(options && options.ignoreBOM);
}
decode(input, options) {
if (options && options.stream) throw new TypeError('TextDecoder: streaming is not supported');
if (input === undefined) return '';
let b;
if (ArrayBuffer.isView(input)) b = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
else if (/^\[object (Shared)?ArrayBuffer\]$/.test(TAG.call(input))) b = new Uint8Array(input);
else throw new TypeError('TextDecoder.decode: input must be an ArrayBuffer or ArrayBufferView');
const n = b.length, out = [];
let i = 0, res = '';
if (!this.ignoreBOM && b[0] === 0xEF && b[1] === 0xBB && b[2] === 0xBF) i = 3;
let ascii = i;
while (ascii < n && b[ascii] < 0x80) ascii++;
for (; i < ascii; i += 8192) res += String.fromCharCode.apply(null, b.subarray(i, Math.min(ascii, i + 8192)));
i = ascii;
while (i < n) {
let c = b[i++];
if (c > 0x7F) {
let need = 0, lo = 0x80, hi = 0xBF;
if (c >= 0xC2 && c <= 0xDF) { need = 1; c &= 0x1F; }
else if (c >= 0xE0 && c <= 0xEF) { need = 2; if (c === 0xE0) lo = 0xA0; else if (c === 0xED) hi = 0x9F; c &= 0xF; }
else if (c >= 0xF0 && c <= 0xF4) { need = 3; if (c === 0xF0) lo = 0x90; else if (c === 0xF4) hi = 0x8F; c &= 7; }
else c = -1;
for (; need > 0; need--) {
const d = b[i];
if (!(d >= lo && d <= hi)) { c = -1; break; }
c = c << 6 | d & 0x3F; i++; lo = 0x80; hi = 0xBF;
}
if (c < 0) {
if (this.fatal) throw new TypeError('The encoded data was not valid for encoding utf-8');
c = 0xFFFD;
} else if (c > 0xFFFF) {
c -= 0x10000;
out.push(0xD800 + (c >> 10));
c = 0xDC00 + (c & 0x3FF);
}
}
out.push(c);
if (out.length > 8190) { res += String.fromCharCode.apply(null, out); out.length = 0; }
}
return res + String.fromCharCode.apply(null, out);
}
}
module.exports = { TextEncoder: TextEncoder, TextDecoder: TextDecoder };
