#!/usr/bin/env node
// Removes what a shipped script does not need: comments, blank lines, trailing spaces and,
// when no string or template literal spans lines, leading indentation. Tokens are untouched
// (acorn finds the comments and literals), so the code means exactly what it meant; the
// result is checked as an ES2016 script. On the wasm glue this saves about a quarter of its
// brotli size (the doc comments wasm-bindgen copies from Rust are in the .d.ts files).
// Usage: compact.js <input.js> <output.js> [header line]
'use strict';

const fs = require('fs');
const acorn = require('acorn');
const { checkShippedScript } = require('./es2016');

/** `source` without comments and layout whitespace. */
function compact(source) {
  const comments = [];
  let multiLineLiteral = false;
  const tokens = acorn.tokenizer(source, {
    ecmaVersion: 'latest',
    sourceType: 'script',
    onComment: (block, text, start, end) => comments.push([start, end]),
  });
  for (const token of tokens) {
    const literal = token.type.label === 'string' || token.type.label === 'template';
    if (literal && source.slice(token.start, token.end).includes('\n')) multiLineLiteral = true;
  }
  let code = '';
  let at = 0;
  for (const [start, end] of comments) {
    code += source.slice(at, start);
    at = end;
  }
  code += source.slice(at);
  return code
    .split('\n')
    .map((line) => (multiLineLiteral ? line.trimEnd() : line.trim()))
    .filter((line) => line.length > 0)
    .join('\n') + '\n';
}

function main() {
  const [input, output, header] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: compact.js <input.js> <output.js> [header line]');
    process.exit(2);
  }
  const result = (header ? `// ${header}\n` : '') + compact(fs.readFileSync(input, 'utf8'));
  checkShippedScript(result, output);
  fs.writeFileSync(output, result);
}

if (require.main === module) main();
module.exports = { compact };
