// dispatchAsync when a post-commit effect goes wrong: the record committed, so the call stays
// ok with the handler's placeholder, and the failure goes to the log. The printer send is
// replaced here, since the real one resolves with a Chinese message and never throws.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { intakeForm, registerFamily } from '../testing/caseFixtures';
import { createTestApp, SETUP_TIMEOUT_MS, setUpTown, silentLogger, type TestApp } from '../testing/testApp';

const send = vi.hoisted(() => ({ answer: (): Promise<unknown> => Promise.resolve({ ok: true, bytesSent: 1 }) }));
vi.mock('../services/printing/send', () => ({ sendToPrinter: () => send.answer() }));

let t: TestApp;
let clerk: string;
let caseId: string;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  clerk = tokens.clerk.token;
  t.must('settings.update', { receiptPrinterUri: 'tcp://127.0.0.1:9' }, tokens.admin);
  caseId = t.must('cases.intake', intakeForm(registerFamily(t, clerk, '钱')), clerk).cases[0]?.id ?? '';
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

describe('dispatchAsync with a failing effect', () => {
  it('an effect that throws leaves the placeholder, and the print is recorded', async () => {
    send.answer = () => Promise.reject(new Error('boom'));
    const result = await t.callAsync('printing.printReceipt', { caseId }, clerk);
    expect(result).toMatchObject({ ok: true, value: { copyNo: 1, printed: { ok: false, code: 'NOT_SENT' } } });
    expect(silentLogger.errors.some((e) => e.startsWith('post-commit effect failed'))).toBe(true);
  });

  it('an answer outside the output schema is not passed on', async () => {
    send.answer = () => Promise.resolve({ ok: false, error: { code: 'SOMETHING_ELSE', message: 'x' } });
    const result = await t.callAsync('printing.printReceipt', { caseId }, clerk);
    expect(result).toMatchObject({ ok: true, value: { copyNo: 2, printed: { ok: false, code: 'NOT_SENT' } } });
    expect(silentLogger.errors.some((e) => e.startsWith('post-commit effect answered outside the output schema'))).toBe(true);
  });
});
