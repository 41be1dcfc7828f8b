// The phones: each card shows one phone's live screen (the component's DOM as the server
// serialised it), a status line, the toasts, and its panel (user, call, group call,
// background, network, kick, camera permission, and the app-wide service seam). A click on
// the screen is sent back as a tap on the element under it.

import { send } from './api.js';

const STAND_IN_PERIOD_MS = 8000;
const PHONE_WIDTH = 375;
/** A card's width beyond its phone: padding, border and the gap to the next card (CSS px). */
const CARD_EXTRA = 32;
const MIN_SCALE = 0.45;
const MAX_SCALE = 0.72;

let roster = [];
let serviceMode = { available: false, reason: '' };
let cameraDenied = [];
/** slot → the card's elements and last state. */
const cards = new Map();

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== false && value !== undefined) node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children);
  return node;
}

/** A hue from a name, so each user's stand-in video has its own colours. */
function hueOf(name) {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)) % 360;
  return h;
}

/** Colours the stand-in videos and keeps their animation in phase across re-renders. */
function decorateVideos(screen) {
  const phase = -(Date.now() % STAND_IN_PERIOD_MS);
  for (const video of screen.querySelectorAll('.video-placeholder[data-who]')) {
    video.style.setProperty('--hue', String(hueOf(video.dataset.who)));
    video.style.animationDelay = `${phase}ms`;
  }
}

function createCard(slot) {
  const c = { slot, user: null, html: null };
  c.status = el('div', { class: 'phone-status' });
  c.screen = el('div', { class: 'phone-screen', onclick: (event) => tap(c, event) });
  c.homeName = el('div', { class: 'home-name' });
  c.toast = el('div', { class: 'phone-toast', hidden: true });
  c.frame = el('div', { class: 'phone-frame' },
    el('div', { class: 'phone-scaled' }, el('div', { class: 'home' }, c.homeName, el('div', { class: 'home-hint' }, 'waiting for calls')), c.screen),
    c.toast);
  c.who = el('select', { 'data-role': 'user', 'aria-label': 'user', onchange: () => send({ op: 'login', slot, user: c.who.value }).then(() => { c.who.value = c.user; }) },
    ...roster.map((u) => el('option', { value: u }, u)));
  c.relogin = el('button', { type: 'button', 'data-role': 'relogin', onclick: () => send({ op: 'login', slot, user: c.user }) }, 'log in again');
  c.targets = el('div', { class: 'targets' });
  c.media = el('select', { 'data-role': 'media', 'aria-label': 'call type' }, el('option', { value: 'video' }, 'video'), el('option', { value: 'audio' }, 'audio'));
  const chosen = () => [...c.targets.querySelectorAll('input:checked')].map((box) => box.value);
  c.background = el('button', { type: 'button', 'data-role': 'background', onclick: () => send({ op: 'background', slot, on: !c.state.background }) });
  c.network = el('button', { type: 'button', 'data-role': 'network', onclick: () => send({ op: 'network', slot, down: !c.state.networkDown }) });
  c.camera = el('input', { type: 'checkbox', 'data-role': 'deny-camera', onchange: () => send({ op: 'denyCamera', slot, deny: c.camera.checked }) });
  const service = el('input', { type: 'checkbox', 'data-role': 'service-mode', disabled: !serviceMode.available,
    onchange: () => send({ op: 'serviceMode', slot, on: service.checked }) });
  c.panel = el('div', { class: 'panel' },
    el('div', { class: 'row' }, el('label', {}, 'user ', c.who), c.relogin),
    el('div', { class: 'row' }, 'call ', c.targets),
    el('div', { class: 'row' },
      el('button', { type: 'button', 'data-role': 'call', onclick: () => send({ op: 'call', slot, users: chosen(), media: c.media.value }) }, 'Call'),
      el('button', { type: 'button', 'data-role': 'group-call', onclick: () => send({ op: 'groupCall', slot, users: chosen(), media: c.media.value }) }, 'Group call'),
      c.media),
    el('div', { class: 'row' }, c.background, c.network),
    el('div', { class: 'row' },
      el('button', { type: 'button', 'data-role': 'kick', onclick: () => send({ op: 'kick', slot }) }, 'Kick out'),
      el('label', {}, c.camera, ' deny camera')),
    el('div', { class: 'row service', title: serviceMode.reason }, el('label', {}, service, ' app-wide service mode'),
      serviceMode.available ? '' : el('small', {}, ' (issue 15, not landed)')));
  c.root = el('article', { class: 'phone-card', 'data-slot': String(slot) }, c.status, c.frame, c.panel);
  document.getElementById('phones').append(c.root);
  cards.set(slot, c);
  return c;
}

function tap(card, event) {
  const target = event.target.closest('[data-n]');
  if (target && card.screen.contains(target)) send({ op: 'tap', slot: card.slot, node: Number(target.dataset.n) });
}

/** The call targets: everyone but the phone's own user; keeps what was ticked. */
function renderTargets(card) {
  const ticked = new Set([...card.targets.querySelectorAll('input:checked')].map((box) => box.value));
  if (ticked.size === 0) {
    const next = roster[(roster.indexOf(card.user) + 1) % roster.length];
    ticked.add(next);
  }
  card.targets.replaceChildren(...roster.filter((u) => u !== card.user).map((u) => el('label', {},
    el('input', { type: 'checkbox', value: u, 'data-role': 'target', checked: ticked.has(u) }), ` ${u}`)));
}

function statusText(p) {
  if (!p.ready) return 'logging in…';
  if (!p.loggedIn) return 'logged out (kicked out?)';
  const parts = [p.online ? 'online' : 'offline'];
  if (p.background) parts.push('in the background');
  if (p.networkDown) parts.push('network down');
  return parts.join(' · ');
}

/** Shows one phone `{slot, user, html, ready, loggedIn, online, background, networkDown, idle}`. */
export function updatePhone(p) {
  const card = cards.get(p.slot) || createCard(p.slot);
  const userChanged = card.user !== p.user;
  card.state = p;
  card.user = p.user;
  if (userChanged) {
    renderTargets(card);
    card.homeName.textContent = p.user;
  }
  card.who.value = p.user;
  card.status.replaceChildren(el('strong', {}, p.user), ` ${statusText(p)}`);
  card.relogin.hidden = p.loggedIn;
  card.background.textContent = p.background ? 'Bring to foreground' : 'Send to background';
  card.network.textContent = p.networkDown ? 'Network up' : 'Network down';
  card.camera.checked = cameraDenied.includes(p.user);
  card.root.classList.toggle('idle', p.idle);
  card.root.classList.toggle('offline', !p.online || !p.loggedIn);
  if (p.html !== card.html) {
    card.html = p.html;
    card.screen.innerHTML = p.html;
    decorateVideos(card.screen);
  }
}

/** Shows a toast on a phone for its duration. */
export function showToast({ slot, title, durationMs }) {
  const card = cards.get(slot);
  if (!card) return;
  card.toast.textContent = title;
  card.toast.hidden = false;
  clearTimeout(card.toastTimer);
  card.toastTimer = setTimeout(() => { card.toast.hidden = true; }, Math.max(1500, durationMs || 0));
}

/** The faults that show on the phones (denied cameras). */
export function updateFaults(faults) {
  cameraDenied = faults.cameraDenied;
  for (const card of cards.values()) card.camera.checked = cameraDenied.includes(card.user);
}

/** Scales the phones so that all of them fit side by side in the window (within limits). */
function fitPhones() {
  const count = Math.max(1, cards.size);
  const width = document.getElementById('phones').clientWidth;
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, (width / count - CARD_EXTRA) / PHONE_WIDTH));
  document.documentElement.style.setProperty('--scale', scale.toFixed(3));
}

window.addEventListener('resize', fitPhones);

/** Builds every phone from a snapshot (a new page, or the server came back). */
export function setupPhones(snapshot) {
  roster = snapshot.users;
  serviceMode = snapshot.serviceMode;
  cameraDenied = snapshot.state.faults.cameraDenied;
  document.getElementById('phones').replaceChildren();
  cards.clear();
  snapshot.phones.forEach(updatePhone);
  fitPhones();
}
