import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../contract';
import { createTestApp, silentLogger, type TestApp } from '../testing/testApp';
import { invokeFromFrame } from './ipcInvoke';
import { isPushEventMessage, parseInvokeMessage, PROCEDURE_NAME_LENGTH_MAX, TOKEN_LENGTH_MAX } from './ipcMessages';

// What transports/ipc.ts does with one call, through the real dispatch() and a real database.
// Only the ipcMain.handle wiring and event.senderFrame itself need Electron.

const OUR_FRAME = 'app://relief-desk/index.html';

describe('parseInvokeMessage', () => {
  it.each([
    [{ procedure: 'setup.status', input: {}, token: null }, { procedure: 'setup.status', input: {}, token: null }],
    [{ procedure: 'auth.me', input: undefined, token: 'abc' }, { procedure: 'auth.me', input: undefined, token: 'abc' }],
    [{ procedure: 'auth.me', input: {}, token: '' }, { procedure: 'auth.me', input: {}, token: null }],
  ])('accepts %j', (message, parsed) => {
    expect(parseInvokeMessage(message)).toEqual(parsed);
  });

  it.each([
    ['not an object', 'setup.status'],
    ['null', null],
    ['an array', ['setup.status', {}, null]],
    ['no procedure', { input: {}, token: null }],
    ['empty procedure', { procedure: '', input: {}, token: null }],
    ['numeric procedure', { procedure: 42, input: {}, token: null }],
    ['long procedure', { procedure: 'x'.repeat(PROCEDURE_NAME_LENGTH_MAX + 1), input: {}, token: null }],
    ['missing token', { procedure: 'setup.status', input: {} }],
    ['numeric token', { procedure: 'setup.status', input: {}, token: 1 }],
    ['long token', { procedure: 'setup.status', input: {}, token: 't'.repeat(TOKEN_LENGTH_MAX + 1) }],
    ['extra key', { procedure: 'setup.status', input: {}, token: null, sender: 'main' }],
    ['a class instance', new (class { procedure = 'setup.status'; input = {}; token = null })()],
  ])('refuses %s', (_label, message) => {
    expect(parseInvokeMessage(message)).toBeNull();
  });
});

describe('isPushEventMessage', () => {
  it('needs a bounded name and a payload key', () => {
    expect(isPushEventMessage({ name: 'alerts.changed', payload: null })).toBe(true);
    expect(isPushEventMessage({ name: 'alerts.changed' })).toBe(false);
    expect(isPushEventMessage({ name: '', payload: 1 })).toBe(false);
    expect(isPushEventMessage({ name: 'x'.repeat(200), payload: 1 })).toBe(false);
    expect(isPushEventMessage('alerts.changed')).toBe(false);
  });
});

describe('invokeFromFrame', () => {
  let t: TestApp;
  beforeEach(() => {
    t = createTestApp();
    silentLogger.errors.length = 0;
  });
  afterEach(() => t.close());

  const setupMessage = {
    procedure: 'setup.run',
    input: { kind: 'town', townCode: '370404101', admin: { username: 'admin', displayName: '王管理', password: 'Admin#2026' } },
    token: null,
  };

  it('dispatches a call from our own page', async () => {
    const result = await invokeFromFrame(t.app, OUR_FRAME, { procedure: 'setup.status', input: {}, token: null });
    expect(result).toEqual({ ok: true, value: { setUp: false, installation: null } });
  });

  it('runs a mutation from our own page and a login works afterwards', async () => {
    expect((await invokeFromFrame(t.app, 'app://relief-desk/#/setup', setupMessage)).ok).toBe(true);
    const login = await invokeFromFrame(t.app, OUR_FRAME, { procedure: 'auth.login', input: { username: 'admin', password: 'Admin#2026' }, token: null });
    expect(login.ok).toBe(true);
  });

  it.each([null, 'https://evil.example/', 'file:///home/clerk/a.html', 'about:blank', 'app://other/index.html', 'http://127.0.0.1:5170/'])(
    'refuses a frame at %s with FORBIDDEN and touches nothing',
    async (frameUrl) => {
      const result = await invokeFromFrame(t.app, frameUrl, setupMessage);
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(t.must('setup.status', {})).toEqual({ setUp: false, installation: null });
      expect(silentLogger.errors.some((e) => e.includes('untrusted frame'))).toBe(true);
    },
  );

  it('refuses a malformed message', async () => {
    const result = await invokeFromFrame(t.app, OUR_FRAME, { procedure: 'setup.status', token: 7 });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '请求格式有误' } });
  });

  it('passes dispatch answers through: unknown procedure, validation, authentication', async () => {
    expect(await invokeFromFrame(t.app, OUR_FRAME, { procedure: 'nope.nothing', input: {}, token: null })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_PROCEDURE' },
    });
    expect(await invokeFromFrame(t.app, OUR_FRAME, { procedure: 'setup.status', input: { extra: 1 }, token: null })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await invokeFromFrame(t.app, OUR_FRAME, { procedure: 'auth.me', input: {}, token: null })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses input larger than the hall server would accept, or not JSON-shaped', async () => {
    const big = { note: 'x'.repeat(LIMITS.rpcBodyBytesMax) };
    expect(await invokeFromFrame(t.app, OUR_FRAME, { procedure: 'setup.status', input: big, token: null })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '请求内容过大' },
    });
    expect(await invokeFromFrame(t.app, OUR_FRAME, { procedure: 'setup.status', input: { n: 1n }, token: null })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});
