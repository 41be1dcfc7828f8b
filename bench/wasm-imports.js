// Generic import stubs for any wasm module, from its own import section: functions become
// no-ops returning 0, and memories, tables and globals are created as the module declares
// them. Used to instantiate Tencent's emscripten engine (and ours, the same way) without its
// JS runtime. WebAssembly.Module.imports gives names and kinds only (node 20 has no type
// reflection), so the declared limits and types are read from the binary here and the two
// lists are checked against each other.
'use strict';

const SECTION_IMPORT = 2;
const VALTYPES = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x70: 'anyfunc', 0x6f: 'externref' };
const KINDS = ['function', 'table', 'memory', 'global'];

function reader(bytes, start) {
  let at = start;
  const byte = () => bytes[at++];
  const u32 = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  };
  const name = () => {
    const length = u32();
    const text = Buffer.from(bytes.buffer, bytes.byteOffset + at, length).toString('utf8');
    at += length;
    return text;
  };
  const limits = () => {
    const flags = byte();
    const initial = u32();
    return (flags & 1) ? { initial, maximum: u32(), shared: (flags & 2) !== 0 } : { initial };
  };
  return { byte, u32, name, limits, get at() { return at; }, set at(value) { at = value; } };
}

/** The import section: [{module, name, kind, type?, limits?, value?, mutable?}] in order. */
function declaredImports(bytes) {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (view[0] !== 0 || view[1] !== 0x61 || view[2] !== 0x73 || view[3] !== 0x6d) throw new Error('not a wasm module');
  const r = reader(view, 8);
  while (r.at < view.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.at + size;
    if (id === SECTION_IMPORT) {
      const imports = [];
      for (let count = r.u32(); count > 0; count--) {
        const entry = { module: r.name(), name: r.name(), kind: KINDS[r.byte()] };
        if (entry.kind === 'function') entry.type = r.u32();
        else if (entry.kind === 'table') Object.assign(entry, { element: VALTYPES[r.byte()], limits: r.limits() });
        else if (entry.kind === 'memory') entry.limits = r.limits();
        else if (entry.kind === 'global') Object.assign(entry, { value: VALTYPES[r.byte()], mutable: r.byte() === 1 });
        else throw new Error(`unknown import kind in ${entry.module}.${entry.name}`);
        imports.push(entry);
      }
      return imports;
    }
    r.at = end;
  }
  return [];
}

function stub(entry) {
  switch (entry.kind) {
    case 'function': return () => 0;
    case 'memory': return new WebAssembly.Memory(entry.limits);
    case 'table': return new WebAssembly.Table({ element: entry.element, initial: entry.limits.initial, maximum: entry.limits.maximum });
    default: return new WebAssembly.Global({ value: entry.value, mutable: entry.mutable }, entry.value === 'i64' ? 0n : 0);
  }
}

/** An imports object satisfying every import `bytes` declares, with inert stubs. */
function stubImports(bytes) {
  const imports = {};
  for (const entry of declaredImports(bytes)) {
    imports[entry.module] = imports[entry.module] || {};
    imports[entry.module][entry.name] = stub(entry);
  }
  return imports;
}

/** Throws unless the parsed section lists what WebAssembly.Module.imports lists. */
function checkAgainstModule(bytes, module) {
  const parsed = declaredImports(bytes).map((e) => `${e.module}.${e.name}:${e.kind}`);
  const reflected = WebAssembly.Module.imports(module).map((e) => `${e.module}.${e.name}:${e.kind}`);
  if (parsed.join('\n') !== reflected.join('\n')) throw new Error('import section parse disagrees with WebAssembly.Module.imports');
  return parsed.length;
}

module.exports = { declaredImports, stubImports, checkAgainstModule };
