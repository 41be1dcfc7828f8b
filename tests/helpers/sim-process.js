// For the simulator's tests: `make sim`'s script (scripts/sim.sh) as a child process on a free
// port, its commands (POST /api/command) and its event stream (/events) read as a page would.
'use strict';

const http = require('http');
const path = require('path');
const { spawn } = require('child_process');

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'sim.sh');

/** Polls `check` every 20 ms (real time); throws `timed out waiting for <what>` (what: text or a function giving it). */
async function until(check, what, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Starts `bash scripts/sim.sh --port 0 …args` and resolves when it printed its URL:
 * `{url, child, output(), stop(signal)}`; stop resolves to `{code, signal, stdout, stderr}`.
 */
async function startSim(args) {
  const child = spawn('bash', [SCRIPT, '--port', '0', ...(args || [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  let gone = null;
  exited.then((result) => { gone = result; });
  const url = await until(() => {
    if (gone) throw new Error(`the sim exited (${gone.code}): ${gone.stdout}${gone.stderr}`);
    const m = /ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
    return m && m[1];
  }, 'the sim to print its URL', 60000);
  return {
    url,
    child,
    output: () => ({ stdout, stderr }),
    stop(signal) {
      if (!gone) child.kill(signal || 'SIGINT');
      return exited;
    },
  };
}

/** A raw request: resolves to `{status, headers, body}` (body parsed when it is JSON). */
function request(url, options, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, options, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => {
        let parsed = text;
        if (/json/.test(res.headers['content-type'] || '')) parsed = JSON.parse(text);
        resolve({ status: res.statusCode, headers: res.headers, body: parsed });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** POSTs a command (an object is sent as JSON; a string as it is). */
function command(url, value, contentType) {
  const body = typeof value === 'string' ? value : JSON.stringify(value);
  return request(`${url}api/command`, { method: 'POST', headers: { 'Content-Type': contentType || 'application/json' } }, body);
}

/**
 * Opens the event stream as a page does: `{events: [{event, data}], phones (slot → the last
 * phone event or snapshot entry), timeline (entries), lines() (their texts),
 * waitFor(check, what, ms), close()}`.
 */
function openEvents(url) {
  const s = { events: [], phones: new Map(), timeline: [] };
  s.add = (event, data) => {
    s.events.push({ event, data });
    if (event === 'snapshot') {
      data.phones.forEach((p) => s.phones.set(p.slot, p));
      s.timeline.push(...data.timeline);
    }
    if (event === 'phone') s.phones.set(data.slot, data);
    if (event === 'timeline') s.timeline.push(...data.entries);
  };
  s.lines = () => s.timeline.map((e) => e.text);
  s.waitFor = (check, what, ms) => until(check, what, ms || 10000);
  s.close = () => s.req.destroy();
  return new Promise((resolve, reject) => {
    s.req = http.get(`${url}events`, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buffer += chunk;
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(frame);
          const data = /^data: (.*)$/m.exec(frame);
          if (event && data) s.add(event[1], JSON.parse(data[1]));
        }
      });
      res.on('error', () => {});
      resolve(s);
    });
    s.req.on('error', reject);
  });
}

/** The data-n of the element with template id `wxId` on a phone's screen, or null. */
function nodeOf(phone, wxId) {
  const m = new RegExp(`data-wx-id="${wxId}" data-n="(\\d+)"`).exec(phone.html);
  return m ? Number(m[1]) : null;
}

module.exports = { command, nodeOf, openEvents, request, startSim, until };
