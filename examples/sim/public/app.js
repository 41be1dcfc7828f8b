// The simulator page: one event stream (/events) keeps every open tab on the same phones.

import { hideError, send, showError } from './api.js';
import { setLink, setupControls, updateControls } from './controls.js';
import { setupPhones, showToast, updateFaults, updatePhone } from './phones.js';
import { addEntries, clearEntries, setupTimeline } from './timeline-pane.js';

function connect() {
  const events = new EventSource('/events');
  const on = (name, fn) => events.addEventListener(name, (event) => fn(JSON.parse(event.data)));
  on('snapshot', (snapshot) => {
    setupPhones(snapshot);
    clearEntries();
    addEntries(snapshot.timeline);
    updateControls(snapshot.state);
    document.body.dataset.ready = 'true';
  });
  on('phone', updatePhone);
  on('toast', showToast);
  on('timeline', (data) => addEntries(data.entries));
  on('state', (state) => {
    updateControls(state);
    updateFaults(state.faults);
  });
  events.onopen = () => setLink(true);
  events.onerror = () => setLink(false);
}

setupControls();
setupTimeline();
document.getElementById('error-close').addEventListener('click', hideError);
// The page's command function, for the browser console (and the browser test).
window.simApi = { send, showError };
connect();
