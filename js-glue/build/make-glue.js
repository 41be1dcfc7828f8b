#!/usr/bin/env node
// Turns wasm-bindgen's `--target web` glue into the CommonJS module we ship to WeChat:
// - `export` keywords and the final `export {...}` go; their names become the API object;
// - async functions and everything that uses `WebAssembly`/`fetch` (initSync, __wbg_init,
//   __wbg_load, ...) are removed, so the result parses as ES2016;
// - module-local TextEncoder/TextDecoder come from our own codec (phones have neither);
// - with a wasm-opt name map (production build), the wasm's import/export names are the
//   minified ones (applyNameMap);
// - js-glue/engine-commands.js is appended: the Engine's command methods over its one
//   `__command` entry point;
// - js-glue/loader.js is appended: init() via WXWebAssembly.instantiate(packagePath, imports);
// - comments and layout whitespace are removed (compact.js); the API is documented in
//   js-glue/tuicalling.d.ts;
// - the header records the size and a SHA-256 prefix of the .wasm.br the glue was built with
//   (it must already sit next to the output), so that tools/check.js can tell a stale copy.
// Usage: make-glue.js <wasm-bindgen glue.js> <output.js> <package path of the .wasm.br>
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const acorn = require('acorn');
const { checkShippedScript } = require('./es2016');
const { compact } = require('./compact');

const REMOVED_FUNCTIONS = new Set(['initSync', '__wbg_init', '__wbg_init_once', '__wbg_load']);
const REMOVED_VARIABLES = new Set(['__wbg_init_promise']);

function declaredNames(node) {
  if (node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') return [node.id.name];
  if (node.type === 'VariableDeclaration') return node.declarations.map((d) => d.id.name);
  return [];
}

/** Returns [kept source pieces, exported names]. */
function transform(source) {
  const ast = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
  const pieces = [];
  const exported = [];
  for (const node of ast.body) {
    if (node.type === 'ExportDefaultDeclaration') continue;
    if (node.type === 'ExportNamedDeclaration' && !node.declaration) continue;
    const declaration = node.type === 'ExportNamedDeclaration' ? node.declaration : node;
    const names = declaredNames(declaration);
    if (declaration.type === 'FunctionDeclaration' && (declaration.async || REMOVED_FUNCTIONS.has(names[0]))) continue;
    if (declaration.type === 'VariableDeclaration' && names.every((n) => REMOVED_VARIABLES.has(n))) continue;
    if (node.type === 'ExportNamedDeclaration') exported.push(...names);
    pieces.push(source.slice(declaration.start, declaration.end));
  }
  return [pieces, exported];
}

/**
 * The glue with the wasm module's import and export names replaced by the short ones of
 * `wasm-opt --minify-imports-and-exports-and-modules`. `map` is the map it prints
 * (`{imports:[[module, name, short]], exports:[[name, short]]}`); `wasmFile` is its output,
 * whose import module name is read, and against which the map is checked. Renamed: the import
 * object's keys, its module key, and every `wasm.<export>` / `exports.<export>` reference.
 */
function applyNameMap(source, map, wasmFile) {
  const module = new WebAssembly.Module(fs.readFileSync(wasmFile));
  const imports = WebAssembly.Module.imports(module);
  const exports = WebAssembly.Module.exports(module).map((e) => e.name).sort();
  const moduleNames = [...new Set(imports.map((i) => i.module))];
  const same = (a, b) => JSON.stringify(a.slice().sort()) === JSON.stringify(b.slice().sort());
  if (moduleNames.length !== 1 || !same(imports.map((i) => i.name), map.imports.map((i) => i[2]))
    || !same(exports, map.exports.map((e) => e[1]))) {
    throw new Error(`${wasmFile} does not match its name map`);
  }
  const originalModules = [...new Set(map.imports.map((i) => i[0]))];
  if (originalModules.length !== 1) throw new Error(`expected one import module, found ${originalModules}`);
  let text = source;
  const quoted = JSON.stringify(originalModules[0]);
  if (!text.includes(quoted)) throw new Error(`the glue never names the import module ${quoted}`);
  text = text.split(quoted).join(JSON.stringify(moduleNames[0]));
  for (const [, name, short] of map.imports) {
    text = text.replace(new RegExp(`(^|[\\s{,])${name}:`, 'gm'), `$1${short}:`);
  }
  for (const [name, short] of map.exports) {
    text = text.replace(new RegExp(`\\b(wasm|exports)\\.${name}\\b`, 'g'), `$1.${short}`);
  }
  for (const [, name] of map.imports) {
    if (new RegExp(`\\b${name}\\b`).test(text)) throw new Error(`import ${name} survived the renaming`);
  }
  return text;
}

/**
 * The header line naming the module this glue belongs to: `// wasm: <file> <bytes> bytes
 * sha256 <first 16 hex digits>`. wxcomponents/TUICalling/tools/check.js reads it back
 * (WASM_MARKER there). 64 bits tell releases and damaged copies apart. Measured on the
 * production glue (brotli q11): no marker 3,430 B, this one 3,470 B, the whole hash 3,503 B.
 */
function wasmMarker(wasmFile) {
  const bytes = fs.readFileSync(wasmFile);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  return `// wasm: ${path.basename(wasmFile)} ${bytes.length} bytes sha256 ${sha256.slice(0, 16)}`;
}

function main() {
  const [input, output, wasmPath, nameMapPath, minifiedWasm] = process.argv.slice(2);
  if (!input || !output || !wasmPath || (nameMapPath && !minifiedWasm)) {
    console.error('usage: make-glue.js <glue.js> <output.js> <wasm package path> [<wasm-opt name map.json> <minified .wasm>]');
    process.exit(2);
  }
  const [pieces, exported] = transform(fs.readFileSync(input, 'utf8'));
  if (exported.length === 0) throw new Error('no exports found in ' + input);
  const api = '{ ' + exported.map((name) => name + ': ' + name).join(', ') + ' }';
  const loader = fs
    .readFileSync(path.join(__dirname, '..', 'loader.js'), 'utf8')
    .replace('__TUICALLING_WASM_PATH__', wasmPath)
    .replace('__TUICALLING_API__', api);
  // The module the glue loads sits next to it under the package path's file name.
  const wasmFile = path.join(path.dirname(output), path.basename(wasmPath));
  if (!fs.existsSync(wasmFile)) throw new Error(`make-glue: ${wasmFile} must be built before the glue`);
  const header = [
    '// Generated by js-glue/build/make-glue.js from wasm-bindgen output. Do not edit.',
    wasmMarker(wasmFile),
    "'use strict';",
    "var tuicallingTextCodec = require('./text-codec.js');",
    'var TextEncoder = tuicallingTextCodec.TextEncoder;',
    'var TextDecoder = tuicallingTextCodec.TextDecoder;',
    '',
  ].join('\n');
  const commands = exported.includes('Engine') ? fs.readFileSync(path.join(__dirname, '..', 'engine-commands.js'), 'utf8') : '';
  let body = pieces.join('\n\n') + '\n\n' + commands + '\n\n' + loader;
  if (nameMapPath) body = applyNameMap(body, JSON.parse(fs.readFileSync(nameMapPath, 'utf8')), minifiedWasm);
  const result = header + compact(body);
  checkShippedScript(result, output);
  fs.writeFileSync(output, result);
  console.log(`glue: ${path.relative(process.cwd(), output)} exports ${exported.join(', ')}`);
}

main();
