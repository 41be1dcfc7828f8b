// Copies the repository's wxcomponents/TUICalling into examples/miniprogram/wxcomponents/TUICalling (the
// mini-program root, where app.json registers /wxcomponents/TUICalling/TUICalling). The copy
// is not committed (.gitignore): the repository's folder is the only source.
// A real project simply keeps its own copy of the folder here.
'use strict';

const fs = require('fs');
const path = require('path');

const EXAMPLE = path.join(__dirname, '..');
const SOURCE = path.join(EXAMPLE, '..', '..', 'wxcomponents', 'TUICalling');
const TARGET = path.join(EXAMPLE, 'wxcomponents', 'TUICalling');

if (!fs.existsSync(path.join(SOURCE, 'TUICalling.js'))) {
  console.error(`copy-component: ${SOURCE} not found (run from the tuicalling-rs checkout)`);
  process.exit(1);
}
fs.rmSync(TARGET, { recursive: true, force: true });
fs.mkdirSync(path.dirname(TARGET), { recursive: true });
fs.cpSync(SOURCE, TARGET, { recursive: true });
let count = 0;
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) walk(path.join(dir, entry.name));
    else count += 1;
  }
})(TARGET);
console.log(`copy-component: ${count} files -> ${path.relative(EXAMPLE, TARGET)}`);
