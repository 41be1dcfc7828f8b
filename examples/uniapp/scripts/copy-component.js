// Copies the repository's wxcomponents/TUICalling into src/wxcomponents/TUICalling; uni-app then
// copies src/wxcomponents/** verbatim into dist/<mode>/mp-weixin/wxcomponents/ (git-ignored;
// see ../../../scripts/copy-component.js).
'use strict';

const path = require('path');
const { copyComponent } = require('../../../scripts/copy-component');

copyComponent(path.join(__dirname, '..'), 'src');
