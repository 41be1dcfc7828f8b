// The top bar: the clock's speed, the message faults, and whether the page is live.

import { send } from './api.js';

/** Wires the speed and fault buttons. */
export function setupControls() {
  for (const button of document.querySelectorAll('button.speed')) {
    button.addEventListener('click', () => send({ op: 'speed', speed: Number(button.dataset.speed) }));
  }
  document.getElementById('drop-next').addEventListener('click', () => send({ op: 'dropNext' }));
  const delay = document.getElementById('delay');
  const setDelay = () => {
    const text = delay.value.trim();
    // Sent as typed (a number when it is one): the server says what is wrong with it.
    send({ op: 'delay', seconds: /^\d+(\.\d+)?$/.test(text) ? Number(text) : text });
  };
  document.getElementById('delay-set').addEventListener('click', setDelay);
  delay.addEventListener('keydown', (event) => { if (event.key === 'Enter') setDelay(); });
}

/** Shows `{speed, faults}`. */
export function updateControls(state) {
  for (const button of document.querySelectorAll('button.speed')) {
    button.classList.toggle('active', Number(button.dataset.speed) === state.speed);
    button.setAttribute('aria-pressed', String(Number(button.dataset.speed) === state.speed));
  }
  const drop = document.getElementById('drop-next');
  drop.classList.toggle('armed', state.faults.dropArmed);
  drop.textContent = state.faults.dropArmed ? 'The next message will be dropped' : 'Drop the next message';
  const delay = document.getElementById('delay');
  if (document.activeElement !== delay) delay.value = String(state.faults.delaySeconds);
}

/** Shows whether the event stream is connected. */
export function setLink(live) {
  const link = document.getElementById('link');
  link.textContent = live ? '● live' : '○ disconnected: is `make sim` still running?';
  link.classList.toggle('down', !live);
}
