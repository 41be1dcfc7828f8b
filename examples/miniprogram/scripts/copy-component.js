// Copies the repository's wxcomponents/TUICalling into this mini-program's root, where the page
// registers /wxcomponents/TUICalling/TUICalling (git-ignored; see ../../../scripts/copy-component.js).
'use strict';

const path = require('path');
const { copyComponent } = require('../../../scripts/copy-component');

copyComponent(path.join(__dirname, '..'), '.');
