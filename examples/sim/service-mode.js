// The seam for issue 15's app-wide call service (wxcomponents/TUICalling/service.js, one engine
// per signed-in user owned by the app, any number of <tuicalling> views). It has not landed, so
// the page shows the toggle disabled with this reason, and the command is refused with it.
// When it lands: set `available`, and make `setServiceMode` set the phone up through the
// service (setup() in the phone's app, the component attached to it) instead of init().
'use strict';

const { CommandError } = require('./command-error');

const SERVICE_MODE = Object.freeze({
  available: false,
  reason: 'app-wide service mode needs issue 15 (wxcomponents/TUICalling/service.js), which has not landed',
});

/** Switches a phone to (or from) the app-wide service; refused until issue 15 lands. */
function setServiceMode() {
  throw new CommandError(422, SERVICE_MODE.reason);
}

module.exports = { SERVICE_MODE, setServiceMode };
