// Checks that a file we ship to WeChat parses as an ES2016 script and uses no global that
// phones lack (WebAssembly, fetch) or that needs module support (import.meta).
'use strict';

const acorn = require('acorn');

const FORBIDDEN_GLOBALS = new Set(['WebAssembly', 'fetch', 'globalThis']);

/** Throws with the file name and position when `source` is not shippable. */
function checkShippedScript(source, name) {
  let ast;
  try {
    ast = acorn.parse(source, { ecmaVersion: 2016, sourceType: 'script', locations: true });
  } catch (error) {
    throw new Error(`${name}: not ES2016: ${error.message}`);
  }
  const stack = [ast];
  while (stack.length) {
    const node = stack.pop();
    if (node.type === 'Identifier' && FORBIDDEN_GLOBALS.has(node.name)) {
      throw new Error(`${name}:${node.loc.start.line}: uses ${node.name}, which WeChat phones lack`);
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) stack.push(...value.filter((v) => v && typeof v.type === 'string'));
      else if (value && typeof value.type === 'string') stack.push(value);
    }
  }
}

module.exports = { checkShippedScript };
