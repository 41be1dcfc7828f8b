// The one error a page command can end in: an HTTP status and a sentence the page shows.
'use strict';

class CommandError extends Error {
  /** `status`: 400 bad input, 404 unknown phone or user, 409 the screen changed, 422 refused. */
  constructor(status, message) {
    super(message);
    this.name = 'CommandError';
    this.status = status;
  }
}

module.exports = { CommandError };
