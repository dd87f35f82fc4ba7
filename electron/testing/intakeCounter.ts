// A second counter in its own process, for the case-number test: opens the town database
// file, logs the clerk in, takes `count` applications and prints the case numbers it drew as
// one JSON line. Run with: node --import tsx electron/testing/intakeCounter.ts <json args>
// It says "ready" once logged in and starts on a line from stdin, so two of them can be
// started at the same moment (a process start takes far longer than fifty intakes).
import { openApp } from '../rpc/app';
import { dispatch } from '../rpc/dispatch';
import type { InputOf, OutputOf } from '../contract';
import { silentLogger } from './testApp';

const PAUSE_BETWEEN_INTAKES_MS = 10;

interface Args {
  file: string;
  nowMs: number;
  username: string;
  password: string;
  form: InputOf<'cases.intake'>;
  count: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const app = openApp({ file: args.file, clock: { now: () => new Date(args.nowMs) }, log: silentLogger });
try {
  const login = dispatch(app, { procedure: 'auth.login', input: { username: args.username, password: args.password }, token: null });
  if (!login.ok) throw new Error(`login: ${login.error.message}`);
  const { token } = login.value as OutputOf<'auth.login'>;
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.pause();
  const numbers: string[] = [];
  for (let i = 0; i < args.count; i++) {
    const result = dispatch(app, { procedure: 'cases.intake', input: args.form, token });
    if (!result.ok) throw new Error(`intake ${i}: ${result.error.code} ${result.error.message}`);
    numbers.push(...(result.value as OutputOf<'cases.intake'>).cases.map((c) => c.caseNo));
    // A counter pauses between two applications; without a pause one process would take
    // the write lock back at once and the other would only wait (SQLite's busy handler
    // sleeps), so the two would never interleave.
    await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_INTAKES_MS));
  }
  process.stdout.write(`${JSON.stringify(numbers)}\n`);
} finally {
  app.db.$client.close();
}
