// Server-sent events to every open page: node's http only. A page that closes is forgotten;
// nothing else stops. A comment line every 15 s keeps idle connections open through proxies.
'use strict';

const HEARTBEAT_MS = 15000;

class Broadcaster {
  constructor() {
    this.clients = new Set();
    this.heartbeat = setInterval(() => this.each((res) => res.write(': keep-alive\n\n')), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Opens an event stream on `res` and sends it `first` ([event, data] pairs) before anything else. */
  attach(req, res, first) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    for (const [event, data] of first) res.write(frame(event, data));
    this.clients.add(res);
    const forget = () => this.clients.delete(res);
    req.on('close', forget);
    res.on('error', forget);
  }

  /** Sends one event to every open page. */
  send(event, data) {
    if (this.clients.size === 0) return;
    const text = frame(event, data);
    this.each((res) => res.write(text));
  }

  each(fn) {
    for (const res of this.clients) {
      try {
        fn(res);
      } catch (error) {
        this.clients.delete(res);
      }
    }
  }

  /** Ends every stream (the server is stopping). */
  closeAll() {
    clearInterval(this.heartbeat);
    this.each((res) => res.end());
    this.clients.clear();
  }
}

function frame(event, data) {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

module.exports = { Broadcaster };
