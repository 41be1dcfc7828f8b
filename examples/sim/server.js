// The simulator's HTTP server (node's http only): the page and its modules from public/, the
// component's compiled wxss and static icons, the live event stream (/events, SSE) and the
// commands (POST /api/command, JSON). It answers only requests addressed to 127.0.0.1 or
// localhost (no DNS rebinding), and a bad request gets a JSON error, never a crash.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const cw = require('../../test-support/component-world');
const { WX_CSS, phoneCss } = require('../../test-support/phone-html');
const { runCommand } = require('./actions');
const { CommandError } = require('./command-error');

const PUBLIC = path.join(__dirname, 'public');
const STATIC = path.join(cw.REPO, 'wxcomponents', 'TUICalling', 'static');
const MAX_BODY = 16 * 1024;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

const sendJson = (res, status, value) => send(res, status, 'application/json', JSON.stringify(value));

/** The request's body as text; rejects a CommandError 413 past MAX_BODY (the rest is read and dropped). */
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY) reject(new CommandError(413, `malformed command: more than ${MAX_BODY} bytes`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

async function command(sim, req, res) {
  if (!/^application\/json\b/.test(req.headers['content-type'] || '')) {
    throw new CommandError(415, 'malformed command: send it as Content-Type: application/json');
  }
  const body = await readBody(req);
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new CommandError(400, `malformed command: not JSON (${error.message})`);
  }
  sendJson(res, 200, await runCommand(sim, parsed));
}

/** A file of `dir` named `name` if it is one of its plain files, else null. */
function fileIn(dir, name) {
  if (!/^[a-z0-9][a-z0-9-]*\.(html|js|css|svg)$/.test(name)) return null;
  const file = path.join(dir, name);
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

function serveFile(res, file) {
  send(res, 200, TYPES[path.extname(file)], fs.readFileSync(file));
}

/** The component's wxss for a 375-px phone, with WeChat's built-in tags (computed once). */
let componentCss = null;
function componentStyles() {
  if (componentCss === null) componentCss = `${WX_CSS}\n${phoneCss(cw.compiledWxss())}`;
  return componentCss;
}

function route(sim, broadcaster, req, res) {
  const url = new URL(req.url, 'http://sim.invalid');
  const p = url.pathname;
  if (req.method === 'POST' && p === '/api/command') return command(sim, req, res);
  if (req.method !== 'GET') throw new CommandError(405, `${req.method} ${p}: only GET, and POST /api/command`);
  if (p === '/events') {
    broadcaster.attach(req, res, [['snapshot', sim.snapshot()]]);
    return undefined;
  }
  if (p === '/component.css') return send(res, 200, 'text/css', componentStyles());
  if (p === '/favicon.ico') return send(res, 204, 'text/plain', '');
  const asset = /^\/pkg\/wxcomponents\/TUICalling\/static\/([^/]+)$/.exec(p);
  const file = asset ? fileIn(STATIC, asset[1]) : fileIn(PUBLIC, p === '/' ? 'index.html' : p.slice(1));
  if (!file) throw new CommandError(404, `no ${p}`);
  return serveFile(res, file);
}

/**
 * An http.Server for `sim`; page events go out through `broadcaster`. Call listen(port,
 * '127.0.0.1') on it.
 */
function createSimServer(sim, broadcaster) {
  const server = http.createServer((req, res) => {
    const port = server.address() && server.address().port;
    const host = req.headers.host || '';
    const fail = (error) => {
      const status = error instanceof CommandError ? error.status : 500;
      if (status === 500) process.stderr.write(`sim: ${req.method} ${req.url}: ${error && error.stack ? error.stack : error}\n`);
      if (res.headersSent) res.end();
      else sendJson(res, status, { ok: false, error: error && error.message ? error.message : String(error) });
    };
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      fail(new CommandError(403, `the simulator answers only http://127.0.0.1:${port}/ (Host was "${host}")`));
      return;
    }
    try {
      Promise.resolve(route(sim, broadcaster, req, res)).catch(fail);
    } catch (error) {
      fail(error);
    }
  });
  return server;
}

module.exports = { createSimServer };
