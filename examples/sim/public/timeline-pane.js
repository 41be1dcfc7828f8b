// The timeline pane: one line per signal that crossed the hub (decoded as in `make demo`), TRTC
// room event, toast, call end, action and fault; the "raw" switch shows the payloads.

const MAX_LINES = 2000;

const list = () => document.getElementById('entries');

/** Appends entries `{t, text, kind, raw}`; keeps the pane scrolled to the end if it was there. */
export function addEntries(entries) {
  const ol = list();
  const pane = ol.parentElement;
  const atEnd = pane.scrollHeight - pane.scrollTop - pane.clientHeight < 40;
  for (const entry of entries) {
    const li = document.createElement('li');
    li.className = `entry kind-${entry.kind}`;
    const time = document.createElement('time');
    time.textContent = entry.t;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = entry.text;
    li.append(time, text);
    if (entry.raw) {
      const raw = document.createElement('pre');
      raw.className = 'raw';
      raw.textContent = entry.raw;
      li.append(raw);
    }
    ol.append(li);
  }
  while (ol.children.length > MAX_LINES) ol.firstElementChild.remove();
  if (atEnd) pane.scrollTop = pane.scrollHeight;
}

/** Empties the pane (a new snapshot replaces it). */
export function clearEntries() {
  list().replaceChildren();
}

/** Wires the raw switch. */
export function setupTimeline() {
  const raw = document.getElementById('raw');
  raw.addEventListener('change', () => document.body.classList.toggle('show-raw', raw.checked));
}
