// Bundles the Electron main process and the preload with esbuild (DESIGN.md §7).
//
// main    -> dist-electron/main/index.cjs: everything inlined except 'electron' (given by the
//            runtime) and better-sqlite3 (a native module, rebuilt for Electron by
//            electron-builder and loaded from node_modules, unpacked from app.asar). Inlining
//            the rest means the packaged app needs no other node_modules, and ESM-only
//            dependencies (uuid) need no require(esm) at run time.
// preload -> dist-electron/preload/index.cjs: a sandboxed preload may require only
//            'electron', so the contract constants are inlined and nothing else is allowed.
//
// The script checks both outputs for anything they would require at run time and fails on
// a surprise, since no Electron can be started here to find out.
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { Script } from 'node:vm';

const OUT_DIR = 'dist-electron';
const MAIN_RUNTIME_MODULES = ['electron', 'better-sqlite3'];
const PRELOAD_RUNTIME_MODULES = ['electron'];

// db/open.ts finds its default migrations with import.meta.url, which CommonJS lacks. The
// shell passes migrationsDir explicitly; this only keeps the bundle honest if it is called.
const importMetaUrlBanner = "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;";

rmSync(OUT_DIR, { recursive: true, force: true });

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

const main = await build({
  ...common,
  entryPoints: ['electron/main/index.ts'],
  outfile: `${OUT_DIR}/main/index.cjs`,
  target: 'node22',
  external: MAIN_RUNTIME_MODULES,
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: importMetaUrlBanner },
});

const preload = await build({
  ...common,
  entryPoints: ['electron/preload/index.ts'],
  outfile: `${OUT_DIR}/preload/index.cjs`,
  // Chromium 142 in Electron 45; the preload runs in the page's renderer process.
  target: 'chrome140',
  external: PRELOAD_RUNTIME_MODULES,
});

checkRuntimeRequires(`${OUT_DIR}/main/index.cjs`, (name) => MAIN_RUNTIME_MODULES.includes(name) || isNodeBuiltin(name));
checkRuntimeRequires(`${OUT_DIR}/preload/index.cjs`, (name) => PRELOAD_RUNTIME_MODULES.includes(name));
checkNoImportMeta(`${OUT_DIR}/main/index.cjs`);
for (const file of [`${OUT_DIR}/main/index.cjs`, `${OUT_DIR}/preload/index.cjs`]) checkCompiles(file);

for (const [label, result, file] of [
  ['main', main, `${OUT_DIR}/main/index.cjs`],
  ['preload', preload, `${OUT_DIR}/preload/index.cjs`],
]) {
  const inputs = Object.keys(result.metafile.inputs).length;
  console.log(`${label}: ${file} ${(statSync(file).size / 1024).toFixed(0)} KiB from ${inputs} files`);
}

function isNodeBuiltin(name) {
  return name.startsWith('node:') || builtinModules.includes(name);
}

/** Every require("x") left in the output must be allowed; anything else would fail in the app. */
function checkRuntimeRequires(file, allowed) {
  const text = readFileSync(file, 'utf8');
  const names = new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]));
  const unexpected = [...names].filter((name) => !allowed(name));
  if (unexpected.length > 0) {
    throw new Error(`${file} would require ${unexpected.join(', ')} at run time; bundle it or ship it deliberately`);
  }
}

/** Compiles (never runs) the output as a CommonJS script body: a syntax error fails here. */
function checkCompiles(file) {
  const body = readFileSync(file, 'utf8');
  new Script(`(function (exports, require, module, __filename, __dirname) {\n${body}\n})`, { filename: file });
}

function checkNoImportMeta(file) {
  if (readFileSync(file, 'utf8').includes('import.meta')) {
    throw new Error(`${file} still contains import.meta, which is a syntax error in CommonJS`);
  }
}
