import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, procedures, type RpcResult } from '../contract';
import { createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../testing/testApp';
import { CONTENT_SECURITY_POLICY } from './csp';
import { createHttpServer } from './http';

// The hall server through fastify's inject(): the catalogue, status codes, body parsing and
// the security headers every response carries.

interface CatalogueEntry {
  name: string;
  kind: string;
  access: unknown;
  summary: string;
  input: { type?: string; additionalProperties?: unknown; properties?: Record<string, unknown>; required?: string[] };
  output: unknown;
}

let t: TestApp;
let server: FastifyInstance;
let tokens: ReturnType<typeof setUpTown>;

beforeAll(async () => {
  t = createTestApp();
  tokens = setUpTown(t);
  server = createHttpServer({ app: t.app, staticDir: null });
  await server.ready();
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await server.close();
  t.close();
});

function rpc(name: string, body: unknown, token?: string): Promise<LightMyRequestResponse> {
  return server.inject({
    method: 'POST',
    url: `/api/rpc/${name}`,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function result(response: LightMyRequestResponse): RpcResult<unknown> {
  return response.json<RpcResult<unknown>>();
}

function expectSecurityHeaders(response: LightMyRequestResponse): void {
  expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
}

describe('the content security policy', () => {
  it('allows only our own scripts, no eval, no framing, no remote connections', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|http:|https:/);
  });
});

describe('GET /api/procedures', () => {
  let catalogue: CatalogueEntry[];
  beforeAll(async () => {
    const response = await server.inject({ method: 'GET', url: '/api/procedures' });
    expect(response.statusCode).toBe(200);
    expectSecurityHeaders(response);
    catalogue = response.json<{ procedures: CatalogueEntry[] }>().procedures;
  }, SETUP_TIMEOUT_MS);

  it('lists exactly the procedures of the contract, once each', () => {
    const names = catalogue.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(procedures).sort());
  });

  it.each(Object.keys(procedures))('%s: kind, access, summary and a strict object input schema', (name) => {
    const entry = catalogue.find((p) => p.name === name);
    const def = procedures[name as keyof typeof procedures];
    expect(entry).toBeDefined();
    expect(entry?.kind).toBe(def.kind);
    expect(entry?.access).toEqual(def.access);
    expect(entry?.summary).toBe(def.summary);
    expect(entry?.input.type).toBe('object');
    expect(entry?.input.additionalProperties).toBe(false);
    expect(entry?.output).toBeTypeOf('object');
    const shape = (def.input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    expect(Object.keys(entry?.input.properties ?? {}).sort()).toEqual(Object.keys(shape).sort());
  });

  it('every procedure listed is callable, and nothing callable is unlisted', async () => {
    for (const { name } of catalogue) {
      const response = await rpc(name, { __probe: 1 });
      expect(result(response), name).not.toMatchObject({ error: { code: 'UNKNOWN_PROCEDURE' } });
    }
  });
});

describe('POST /api/rpc/<name>', () => {
  it('200 with { ok: true, value }', async () => {
    const response = await rpc('setup.status', {});
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(result(response)).toMatchObject({ ok: true, value: { setUp: true, installation: { townCode: '370404101' } } });
    expectSecurityHeaders(response);
  });

  it('200 for a session call with a bearer token', async () => {
    const response = await rpc('auth.me', {}, tokens.clerk.token);
    expect(response.statusCode).toBe(200);
    expect(result(response)).toMatchObject({ ok: true, value: { user: { username: 'clerk1' } } });
  });

  it('400 VALIDATION with issues', async () => {
    const response = await rpc('registry.search', { q: 5, limit: 10 }, tokens.clerk.token);
    expect(response.statusCode).toBe(400);
    expect(result(response)).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'q' }] } });
    expectSecurityHeaders(response);
  });

  it('401 UNAUTHENTICATED without a token, with a malformed header, or with an unknown token', async () => {
    for (const authorization of [undefined, 'Bearer', 'Bearer ', 'Basic abc', 'Bearer nope']) {
      const response = await server.inject({
        method: 'POST',
        url: '/api/rpc/users.list',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        payload: '{}',
      });
      expect(response.statusCode, String(authorization)).toBe(401);
      expect(result(response)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('401 for a wrong password', async () => {
    const response = await rpc('auth.login', { username: 'clerk1', password: 'Wrong#Pass1' });
    expect(response.statusCode).toBe(401);
    expect(result(response)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
  });

  it('403 FORBIDDEN for a role the procedure does not allow', async () => {
    const response = await rpc('users.list', {}, tokens.clerk.token);
    expect(response.statusCode).toBe(403);
    expect(result(response)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expectSecurityHeaders(response);
  });

  it('404 for an unknown procedure', async () => {
    for (const name of ['nope', 'constructor', '__proto__', 'users.list.extra']) {
      const response = await rpc(name, {}, tokens.admin);
      expect(response.statusCode, name).toBe(404);
      expect(result(response)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
      expectSecurityHeaders(response);
    }
  });

  it('404 for another path, with the headers', async () => {
    const response = await server.inject({ method: 'GET', url: '/api/nothing' });
    expect(response.statusCode).toBe(404);
    expectSecurityHeaders(response);
  });

  it('409 CONFLICT for a second setup', async () => {
    const response = await rpc('setup.run', { kind: 'town', townCode: '370404101', admin: { username: 'x2', displayName: 'x', password: 'Admin#2026' } });
    expect(response.statusCode).toBe(409);
    expect(result(response)).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
  });

  it('an empty body is the empty input', async () => {
    const empty = await server.inject({ method: 'POST', url: '/api/rpc/setup.status', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(empty.statusCode).toBe(200);
    expect(result(empty)).toMatchObject({ ok: true });
    const blank = await server.inject({ method: 'POST', url: '/api/rpc/auth.me', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.clerk.token}` }, payload: '  \n' });
    expect(blank.statusCode).toBe(200);
    const none = await server.inject({ method: 'POST', url: '/api/rpc/setup.status' });
    expect(none.statusCode).toBe(200);
    expect(result(none)).toMatchObject({ ok: true });
  });

  it('an empty body is still validated against a schema with fields', async () => {
    const response = await server.inject({ method: 'POST', url: '/api/rpc/auth.login', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(response.statusCode).toBe(400);
    expect(result(response)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('invalid JSON is a 400 with a Chinese message, and the headers', async () => {
    for (const payload of ['{', '{"q": }', 'undefined', "{'a':1}"]) {
      const response = await rpc('setup.status', payload);
      expect(response.statusCode, payload).toBe(400);
      const body = response.json<{ ok: boolean; error: { code: string; message: string } }>();
      expect(body.ok).toBe(false);
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(body.error.message).toContain('JSON');
      expectSecurityHeaders(response);
    }
  });

  it('JSON that is not an object is refused as input', async () => {
    for (const payload of ['null', '[]', '"x"', '42']) {
      const response = await rpc('registry.search', payload, tokens.clerk.token);
      expect(response.statusCode, payload).toBe(400);
      expect(result(response)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('a body over the limit is refused with 413 and a Chinese message', async () => {
    const big = JSON.stringify({ q: 'x'.repeat(LIMITS.rpcBodyBytesMax), limit: 1 });
    const response = await rpc('registry.search', big, tokens.clerk.token);
    expect(response.statusCode).toBe(413);
    expect(response.json<{ error: { message: string } }>().error.message).toBe('请求内容过大');
    expectSecurityHeaders(response);
  });

  it('GET on an rpc path is not a call', async () => {
    const response = await server.inject({ method: 'GET', url: '/api/rpc/users.list' });
    expect(response.statusCode).toBe(404);
  });

  it('a login over HTTP gives a token that works over HTTP', async () => {
    const login = await rpc('auth.login', { username: 'approver1', password: 'Changed#2026' });
    expect(login.statusCode).toBe(200);
    const value = (result(login) as { ok: true; value: { token: string } }).value;
    const me = await rpc('auth.me', {}, value.token);
    expect(result(me)).toMatchObject({ ok: true, value: { user: { username: 'approver1' } } });
  });
});

describe('what the hall server refuses before dispatch', () => {
  it('a foreign host name (DNS rebinding) gets 421, on the API and the static files alike', async () => {
    const headers = { host: 'attacker.example', 'content-type': 'application/json' };
    const post = await server.inject({ method: 'POST', url: '/api/rpc/setup.status', headers, payload: '{}' });
    const get = await server.inject({ method: 'GET', url: '/api/procedures', headers });
    expect([post.statusCode, get.statusCode]).toEqual([421, 421]);
  });

  it('a post from another site gets 403', async () => {
    const response = await server.inject({
      method: 'POST',
      url: '/api/rpc/setup.status',
      headers: { host: 'localhost:5170', origin: 'http://evil.example', 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(response.statusCode).toBe(403);
    expect(result(response)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('too many logins from one address in a minute get 429, before any password is checked', async () => {
    const login = () =>
      server.inject({
        method: 'POST',
        url: '/api/rpc/auth.login',
        remoteAddress: '192.168.1.77',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username: 'nobody', password: 'Wrong#2026x' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await login()).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    t.clock.advance(61_000);
    expect((await login()).statusCode).toBe(401);
  });
});
