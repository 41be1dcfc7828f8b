#!/usr/bin/env node
// `make sim`: the call simulator in the browser. Three to five real rendered <tuicalling>
// components (the committed bundle, wcc/wcsc in miniprogram-simulate) on the local IM hub and
// the simulated TRTC room, their live screens, a panel each, the timeline and the fault
// switches on a page served at http://127.0.0.1:<port>/ (opens nothing). Ctrl-C stops it.
//
//   node examples/sim/main.js [--port 8018] [--phones 4]
'use strict';

const { Broadcaster } = require('./sse');
const { createSimServer } = require('./server');
const { MAX_PHONES, MIN_PHONES, Sim } = require('./sim');

const DEFAULT_PORT = 8018;
const USAGE = `usage: sim [--port <n>] [--phones <n>]
  --port <n>    the port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --phones <n>  how many phones, ${MIN_PHONES} to ${MAX_PHONES} (default 4)`;

function parseArgs(argv) {
  const args = { port: DEFAULT_PORT, phones: 4, help: false };
  const number = (name, text) => {
    if (!/^\d+$/.test(text || '')) throw new Error(`${name} needs a number\n${USAGE}`);
    return Number(text);
  };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--port') args.port = number('--port', value());
    else if (flag === '--phones') args.phones = number('--phones', value());
    else if (flag === '--help' || flag === '-h') args.help = true;
    else throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
  }
  if (args.port > 65535) throw new Error(`--port ${args.port} is not a port\n${USAGE}`);
  return args;
}

const print = (line) => process.stdout.write(`${line}\n`);

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

async function main(argv) {
  const args = parseArgs(argv);
  if (args.help) {
    print(USAGE);
    return;
  }
  const broadcaster = new Broadcaster();
  const sim = new Sim({ phones: args.phones, emit: (event, data) => broadcaster.send(event, data) });
  let server = null;
  let stopping = false;
  // Ctrl-C (or a kill) at any point: stop the clock, end every page's stream, close the server.
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    sim.pacer.stop();
    broadcaster.closeAll();
    const done = () => {
      print(`sim: stopped (${signal})`);
      process.exit(0);
    };
    if (!server || !server.listening) {
      done();
      return;
    }
    server.close(done);
    server.closeAllConnections();
    setTimeout(done, 2000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  print(`sim: logging ${args.phones} phones in…`);
  await sim.open();
  if (stopping) return;
  server = createSimServer(sim, broadcaster);
  const port = await listen(server, args.port);
  print(`sim: ${sim.slots.map((s) => s.userID).join(', ')} are ready at http://127.0.0.1:${port}/ (Ctrl-C stops)`);
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`sim: ${error.message}\n`);
  process.exit(2);
});
