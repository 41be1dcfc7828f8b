// Copies the repository's wxcomponents/TUICalling into an example project (the copy is not
// committed: the repository's folder is the only source). A real project simply keeps its own
// copy of the folder. Usage: copy-component.js <example dir> <folder inside it that holds wxcomponents/>
'use strict';

const fs = require('fs');
const path = require('path');

const SOURCE = path.join(__dirname, '..', 'wxcomponents', 'TUICalling');

/** Copies the component into `<exampleDir>/<root>/wxcomponents/TUICalling`; returns the file count. */
function copyComponent(exampleDir, root) {
  if (!fs.existsSync(path.join(SOURCE, 'TUICalling.js'))) {
    throw new Error(`copy-component: ${SOURCE} not found (run from the tuicalling-rs checkout)`);
  }
  const target = path.join(exampleDir, root, 'wxcomponents', 'TUICalling');
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.cpSync(SOURCE, target, { recursive: true });
  let count = 0;
  (function walk(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else count += 1;
    }
  })(target);
  console.log(`copy-component: ${count} files -> ${path.relative(exampleDir, target)}`);
  return count;
}

if (require.main === module) {
  const [exampleDir, root = '.'] = process.argv.slice(2);
  try {
    copyComponent(path.resolve(exampleDir), root);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

module.exports = { copyComponent };
