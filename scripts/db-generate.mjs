// drizzle-kit generate, then make every new table STRICT (DESIGN.md §3): drizzle-kit has no
// option for it. Idempotent: a file whose CREATE TABLE statements already end in STRICT is
// left byte-for-byte alone, so released migrations (whose hashes db/open.ts checks) never change.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'db/migrations';
execFileSync('npx', ['drizzle-kit', 'generate', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  // A CREATE TABLE statement ends with a line holding only ");" before the breakpoint or EOF.
  const after = before.replace(/(CREATE TABLE [^;]*?\n\))(;)/g, (m, body, semi) =>
    body.endsWith(') STRICT') ? m : `${body} STRICT${semi}`,
  );
  if (after !== before) {
    writeFileSync(path, after);
    console.log(`STRICT tables: ${path}`);
  }
}
