#!/usr/bin/env node
// Numbers behind the simulator's design (docs/sim.md): what the page downloads, how long `make
// sim` takes to be ready, how long a tap takes to come back as a changed screen over node's
// http + SSE, how much the event stream carries during a call, and the server's CPU.
//
//   node examples/sim/measure.js [--taps 40] [--seconds 10]
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { command, nodeOf, openEvents, request, startSim } = require('../../tests/helpers/sim-process');

function parseArgs(argv) {
  const args = { taps: 40, seconds: 10 };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--taps') args.taps = Number(argv[++i]);
    else if (argv[i] === '--seconds') args.seconds = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (--taps N, --seconds N)`);
  }
  return args;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** utime + stime of a process in ms (Linux /proc). */
function cpuMs(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ 100
}

/** The node process under `bash scripts/sim.sh` (exec'd, so the same pid). */
const serverPid = (sim) => sim.child.pid;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const out = (label, value) => process.stdout.write(`${label.padEnd(44)} ${value}\n`);

  const files = fs.readdirSync(path.join(__dirname, 'public')).map((f) => fs.readFileSync(path.join(__dirname, 'public', f)));
  const raw = files.reduce((n, b) => n + b.length, 0);
  const gz = files.reduce((n, b) => n + zlib.gzipSync(b).length, 0);
  out('page code (public/*, no framework, no build)', `${raw} B (${gz} B gzip), ${files.length} files`);

  const t0 = Date.now();
  const sim = await startSim([]);
  out('make sim: start to ready (4 phones)', `${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const css = await request(`${sim.url}component.css`);
  out('component.css (compiled wxss, phone px)', `${css.body.length} B`);
  const page = await openEvents(sim.url);
  try {
    await page.waitFor(() => page.phones.size === 4, 'the snapshot');
    const idleCpu0 = cpuMs(serverPid(sim));
    await new Promise((resolve) => setTimeout(resolve, args.seconds * 1000));
    out(`server CPU, idle, ${args.seconds} s`, `${((cpuMs(serverPid(sim)) - idleCpu0) / (args.seconds * 10)).toFixed(1)} % of a core`);

    await command(sim.url, { op: 'call', slot: 0, users: ['bob'], media: 'video' });
    const accept = await page.waitFor(() => nodeOf(page.phones.get(1), 'accept'), 'bob rings');
    await command(sim.url, { op: 'tap', slot: 1, node: accept });
    await page.waitFor(() => nodeOf(page.phones.get(0), 'mic'), 'connected');

    // Tap round trip: alice's mic button; done when her screen shows the other mic state.
    const micOn = (html) => /class="[^"]*tuicalling--on[^"]*" data-wx-id="mic"/.test(html);
    const times = [];
    for (let i = 0; i < args.taps; i += 1) {
      const before = page.phones.get(0).html;
      const wasOn = micOn(before);
      const started = process.hrtime.bigint();
      const res = await command(sim.url, { op: 'tap', slot: 0, node: nodeOf(page.phones.get(0), 'mic') });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
      await page.waitFor(() => {
        const html = page.phones.get(0).html;
        return html !== before && micOn(html) !== wasOn;
      }, 'the mic to flip', 5000);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    out(`tap → changed screen on the stream (${args.taps} taps)`,
      `p50 ${percentile(times, 0.5).toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`);

    // The stream during a connected call: the clock on both screens changes every second.
    let bytes = 0;
    const stream = await new Promise((resolve) => {
      const req = require('http').get(`${sim.url}events`, (res) => {
        res.on('data', (chunk) => { bytes += chunk.length; });
        resolve(req);
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const startBytes = bytes;
    const callCpu0 = cpuMs(serverPid(sim));
    await new Promise((resolve) => setTimeout(resolve, args.seconds * 1000));
    out(`event stream during a 1v1 video call, ${args.seconds} s`, `${((bytes - startBytes) / args.seconds / 1024).toFixed(1)} KiB/s per open page`);
    out(`server CPU during the call, ${args.seconds} s`, `${((cpuMs(serverPid(sim)) - callCpu0) / (args.seconds * 10)).toFixed(1)} % of a core`);
    stream.destroy();
  } finally {
    page.close();
    await sim.stop('SIGINT');
  }
}

main().catch((error) => {
  process.stderr.write(`measure: ${error.stack || error}\n`);
  process.exit(1);
});
