// Builds better-sqlite3 for Electron's ABI into .electron-native/, beside (not instead of) the
// Node build in node_modules that tests, the hall server and the CLI use. The desktop shell
// loads it through better-sqlite3's nativeBinding option. Run by `npm start` and `npm run dist`;
// a no-op when the addon for this Electron version is already there.
//
// Needs what any Electron machine has: the Electron headers or prebuilt addon from the
// internet. On our build machines (no internet) it fails with a clear message, and nothing
// else is affected.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = process.cwd();
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const outDir = join(root, '.electron-native');
const moduleDir = join(outDir, 'better-sqlite3');
const addon = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
const stamp = join(outDir, 'electron-version.txt');

if (existsSync(addon) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === electronVersion) {
  console.log(`better-sqlite3 for Electron ${electronVersion}: already built (${addon})`);
  process.exit(0);
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cpSync(join(root, 'node_modules', 'better-sqlite3'), moduleDir, {
  recursive: true,
  filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
});

// npm on our machines sets nodedir to the system Node's headers: right for Node, wrong for
// Electron. Drop it so the tools fetch Electron's headers.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(nodedir|target|runtime|disturl)$/i.test(k)));
const run = (args) => execFileSync(process.execPath, args, { cwd: moduleDir, env, stdio: 'inherit' });

try {
  try {
    run([require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion]);
  } catch {
    console.log('No prebuilt addon for this Electron; compiling from source.');
    run([
      require.resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ]);
  }
} catch {
  console.error(`无法为 Electron ${electronVersion} 构建 better-sqlite3（需要联网下载 Electron 头文件或预编译文件）。`);
  console.error('The hall server (npm run serve) does not need this step.');
  process.exit(1);
}
if (!existsSync(addon)) {
  console.error(`expected ${addon} after the build`);
  process.exit(1);
}
writeFileSync(stamp, `${electronVersion}\n`);
console.log(`better-sqlite3 for Electron ${electronVersion}: ${addon}`);
