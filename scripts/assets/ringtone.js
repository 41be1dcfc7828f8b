// Makes wxcomponents/TUICalling/static/ring.wav, the component's own ringtone: a two-burst ring
// (440 Hz + 480 Hz, 0.4 s on, 0.2 s off, 0.4 s on, 1.0 s silence; a 2 s loop) as 8 kHz 8-bit
// mono PCM WAV, which wx.createInnerAudioContext plays on iOS and Android. Deterministic: the
// shipped file must equal this output (tests/static-assets.test.js).
//   node scripts/assets/ringtone.js            write the file
//   node scripts/assets/ringtone.js --check    exit 1 if the shipped file differs
'use strict';

const fs = require('fs');
const path = require('path');

const SAMPLE_RATE = 8000;
const FADE_SECONDS = 0.01;
/** [seconds, sounding] segments of one loop. */
const PATTERN = [[0.4, true], [0.2, false], [0.4, true], [1.0, false]];
const TONES_HZ = [440, 480];
const AMPLITUDE = 0.35; // per tone, of full scale

/** The PCM samples (unsigned 8-bit, 128 = silence) of one loop of the ring. */
function ringSamples() {
  const samples = [];
  for (const [seconds, sounding] of PATTERN) {
    const count = Math.round(seconds * SAMPLE_RATE);
    const fade = Math.round(FADE_SECONDS * SAMPLE_RATE);
    for (let i = 0; i < count; i += 1) {
      let value = 0;
      if (sounding) {
        const t = i / SAMPLE_RATE;
        const envelope = Math.min(1, i / fade, (count - 1 - i) / fade);
        value = envelope * TONES_HZ.reduce((sum, hz) => sum + AMPLITUDE * Math.sin(2 * Math.PI * hz * t), 0);
      }
      samples.push(Math.max(0, Math.min(255, Math.round(128 + 127 * value))));
    }
  }
  return Buffer.from(samples);
}

/** A RIFF/WAVE file around 8-bit mono PCM `data`. */
function wavFile(data) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE, 28); // byte rate: 1 byte per sample
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** The ringtone file's bytes. */
function ringtoneWav() {
  return wavFile(ringSamples());
}

const TARGET = path.join(__dirname, '..', '..', 'wxcomponents', 'TUICalling', 'static', 'ring.wav');

if (require.main === module) {
  const bytes = ringtoneWav();
  if (process.argv.includes('--check')) {
    const same = fs.existsSync(TARGET) && fs.readFileSync(TARGET).equals(bytes);
    console.log(same ? 'ring.wav is up to date' : 'ring.wav differs from scripts/assets/ringtone.js: run it');
    process.exit(same ? 0 : 1);
  }
  fs.writeFileSync(TARGET, bytes);
  console.log(`wrote ${path.relative(process.cwd(), TARGET)} (${bytes.length} bytes)`);
}

module.exports = { ringtoneWav, SAMPLE_RATE, PATTERN, TONES_HZ, TARGET };
