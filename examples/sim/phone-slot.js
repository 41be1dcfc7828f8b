// One phone of the simulator: a rendered <tuicalling> (test-support/component-world.js) logged
// in as a user of the roster, its live DOM as HTML for the page, taps from the page turned
// into touches on that DOM, and the app-level switches (background, network). Only the phone
// API (`$`, tap-able DOM, toasts, events, background/foreground) is used, not component data.
'use strict';

const cw = require('../../test-support/component-world');
const { toHtml } = require('../../test-support/phone-html');
const { CommandError } = require('./command-error');

const { MutationObserver, Touch, TouchEvent } = cw.dom.window;

/** A mini-program package path ('/wxcomponents/…') as the URL the sim server serves it at. */
const assetUrl = (src) => (src && src.startsWith('/') ? `/pkg${src}` : src);

class PhoneSlot {
  /** Slot `index` of `world`; `locale` for the component's strings. */
  constructor(world, index, locale) {
    this.world = world;
    this.index = index;
    this.locale = locale;
    this.phone = null;
    this.observer = new MutationObserver(() => { this.dirty = true; });
    this.ids = new WeakMap();
    this.nextId = 0;
    this.nodes = new Map();
    this.html = '';
    this.toastsSeen = 0;
    this.background = false;
    this.networkDown = false;
  }

  /** The user logged in on this phone. */
  get userID() {
    return this.phone ? this.phone.userID : null;
  }

  /**
   * Puts a new phone logged in as `userID` in the slot (after retiring the one there). Resolves
   * when the component is initialised; rejects with what failed.
   */
  login(userID) {
    this.retire();
    const phone = cw.createPhone(this.world, userID, { locale: this.locale });
    this.phone = phone;
    this.observer.observe(phone.comp.dom, { subtree: true, childList: true, attributes: true, characterData: true });
    this.dirty = true;
    this.toastsSeen = 0;
    this.background = false;
    this.networkDown = false;
    return phone.init();
  }

  /**
   * Takes the phone out: the component ends any call and frees its engine, its IM instance
   * logs out, and it leaves the world (detached once its own teardown has settled).
   */
  retire() {
    const phone = this.phone;
    if (!phone) return;
    this.observer.disconnect();
    this.phone = null;
    const { hub, phones } = this.world;
    if (this.background || this.networkDown) hub.setOnline(phone.userID, true);
    if (phones.includes(phone)) phones.splice(phones.indexOf(phone), 1);
    const detach = () => {
      phone.destroyed = true;
      phone.comp.detach();
      if (hub.sessionOf(phone.userID) === phone.tim) phone.tim.logout().catch(() => {});
    };
    Promise.resolve(phone.comp.instance.destroyed()).then(detach, detach);
  }

  /** The screen as HTML when it changed since the last call, else null. */
  render() {
    if (!this.phone || !this.dirty) return null;
    this.dirty = false;
    const nodes = new Map();
    const nodeId = (node) => {
      let id = this.ids.get(node);
      if (!id) {
        this.nextId += 1;
        id = this.nextId;
        this.ids.set(node, id);
      }
      nodes.set(id, node);
      return id;
    };
    const html = toHtml(this.phone.comp.dom, { me: this.phone.userID, assetUrl, nodeId });
    this.nodes = nodes;
    if (html === this.html) return null;
    this.html = html;
    return html;
  }

  /** What the page shows around the screen. */
  status() {
    const { hub } = this.world;
    const phone = this.phone;
    return {
      slot: this.index,
      user: phone.userID,
      ready: phone.events('sdkReady').length > 0,
      loggedIn: hub.sessionOf(phone.userID) === phone.tim,
      online: hub.isOnline(phone.userID),
      background: this.background,
      networkDown: this.networkDown,
      idle: !phone.$('#root'),
    };
  }

  /** Toast titles shown since the last call. */
  newToasts() {
    const toasts = this.phone ? this.phone.toasts.slice(this.toastsSeen) : [];
    this.toastsSeen += toasts.length;
    return toasts.map((t) => ({ title: t.title, durationMs: t.duration || 1500 }));
  }

  /**
   * A finger taps the element the page showed as `data-n="nodeId"`: touchstart then touchend
   * on the simulated DOM, which miniprogram-simulate turns into a WeChat `tap` that bubbles to
   * the template's bindtap. Returns what was tapped (`#accept`, or the tag).
   */
  tap(nodeId) {
    const node = this.nodes.get(nodeId);
    if (!node || !this.phone.comp.dom.contains(node)) {
      throw new CommandError(409, `that element is no longer on ${this.userID}'s screen (it changed); tap again`);
    }
    const touch = new Touch({ identifier: nodeId, target: node, clientX: 1, clientY: 1, pageX: 1, pageY: 1 });
    node.dispatchEvent(new TouchEvent('touchstart', { bubbles: true, cancelable: true, touches: [touch], changedTouches: [touch] }));
    node.dispatchEvent(new TouchEvent('touchend', { bubbles: true, cancelable: true, touches: [], changedTouches: [touch] }));
    for (let n = node; n && n !== this.phone.comp.dom; n = n.parentNode) {
      if (n.__wxElement && n.__wxElement.id) return `#${n.__wxElement.id}`;
    }
    return node.tagName.toLowerCase();
  }

  /** The app goes to the background (true) or comes back (false). */
  setBackground(on) {
    if (on === this.background) return;
    this.background = on;
    if (on) {
      this.phone.background();
    } else {
      this.phone.foreground();
      if (this.networkDown) this.world.hub.setOnline(this.userID, false);
    }
  }

  /** The phone's network goes down (true) or up (false); IM only: the TRTC double has no network. */
  setNetworkDown(down) {
    if (down === this.networkDown) return;
    this.networkDown = down;
    if (!this.background) this.world.hub.setOnline(this.userID, !down);
  }
}

module.exports = { PhoneSlot, assetUrl };
