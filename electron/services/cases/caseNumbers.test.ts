import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseholdView } from '../../contract';
import { intakeForm, registerFamily, secondConnection, type Connection } from '../../testing/caseFixtures';
import { createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../../testing/testApp';
import { formatCaseNo } from './caseNumbers';

// Two counters in one hall share one town database (the hall server, or two desktop apps on
// a shared file): each draws case numbers inside its own BEGIN IMMEDIATE transaction, so
// numbers never repeat and never skip, whichever connection asks.

const PER_COUNTER = 50;
// Two Node processes start, load TypeScript and hash a password each: seconds on a loaded PC.
const CHILD_TIMEOUT_MS = 60_000;

interface Counter {
  ready: Promise<void>;
  go(): void;
  numbers: Promise<string[]>;
}

/** A counter process (electron/testing/intakeCounter.ts), logged in and waiting for go(). */
function startCounter(script: string, args: string): Counter {
  const child = spawn(process.execPath, ['--import', 'tsx', script, args], { stdio: ['pipe', 'pipe', 'pipe'], timeout: CHILD_TIMEOUT_MS });
  let stdout = '';
  let stderr = '';
  let signalReady = (): void => undefined;
  const ready = new Promise<void>((resolve) => {
    signalReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) signalReady();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const numbers = new Promise<string[]>((resolve, reject) => {
    child.on('close', (code) => {
      if (code !== 0) {
        signalReady();
        reject(new Error(`counter exited with ${String(code)}: ${stderr}`));
      } else {
        resolve(JSON.parse(stdout.slice('ready\n'.length)) as string[]);
      }
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), numbers };
}

let t: TestApp;
let second: Connection;
let clerkFirst: string;
let clerkSecond: string;
let family: HouseholdView;

beforeAll(() => {
  t = createTestApp();
  clerkFirst = setUpTown(t).clerk.token;
  family = registerFamily(t, clerkFirst, '冯');
  // A second connection to the same file, with its own sessions: the same clerk logs in there.
  second = secondConnection(t);
  clerkSecond = second.must('auth.login', { username: 'clerk1', password: 'Changed#2026' }).token;
}, SETUP_TIMEOUT_MS);
afterAll(() => {
  second.close();
  t.close();
});

describe('case numbers across two connections', () => {
  it(`interleaving ${PER_COUNTER} intakes on each gives ${2 * PER_COUNTER} numbers, 00001 up, no gap, no repeat`, () => {
    const numbers: string[] = [];
    for (let i = 0; i < PER_COUNTER; i++) {
      numbers.push(...t.must('cases.intake', intakeForm(family), clerkFirst).cases.map((c) => c.caseNo));
      numbers.push(...second.must('cases.intake', intakeForm(family), clerkSecond).cases.map((c) => c.caseNo));
    }
    const expected = Array.from({ length: 2 * PER_COUNTER }, (_, i) => formatCaseNo('370404101', 2026, i + 1));
    // Issued in call order, one after another, whichever connection drew it.
    expect(numbers).toEqual(expected);
    const stored = t.app.db.$client.prepare('SELECT case_no FROM cases ORDER BY case_no').pluck().all();
    expect(stored).toEqual(expected);
  });

  it('two counters in two processes at the same moment still draw each number once, in a row', async () => {
    const before = t.app.db.$client.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    const script = fileURLToPath(new URL('../../testing/intakeCounter.ts', import.meta.url));
    const args = JSON.stringify({ file: t.file, nowMs: t.clock.now().getTime(), username: 'clerk1', password: 'Changed#2026', form: intakeForm(family), count: PER_COUNTER });
    const counters = [startCounter(script, args), startCounter(script, args)];
    await Promise.all(counters.map((c) => c.ready));
    for (const c of counters) c.go();
    const drawn = await Promise.all(counters.map((c) => c.numbers));
    for (const numbers of drawn) expect(numbers).toHaveLength(PER_COUNTER);
    const all = drawn.flat().sort();
    const expected = Array.from({ length: 2 * PER_COUNTER }, (_, i) => formatCaseNo('370404101', 2026, before + i + 1));
    expect(all).toEqual(expected);
    // each process saw its own numbers rise
    for (const numbers of drawn) expect([...numbers].sort()).toEqual(numbers);
  }, CHILD_TIMEOUT_MS);
});
