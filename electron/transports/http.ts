import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { LIMITS, procedures, type RpcError, type RpcResult } from '../contract';
import { dispatchAsync } from '../rpc/dispatch';
import type { AppDeps } from '../services/context';
import { CONTENT_SECURITY_POLICY } from './csp';
import { isAllowedHost, isSameOrigin, LoginThrottle } from './hallGuard';

// The hall server: the same app in a browser. POST /api/rpc/<procedure> with a JSON body and
// a bearer token; the built renderer as static files; GET /api/procedures for integrators.

const HTTP_STATUS: Partial<Record<string, number>> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  BAD_CREDENTIALS: 401,
  FORBIDDEN: 403,
  SESSION_LOCKED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  ACCOUNT_LOCKED: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  UNKNOWN_PROCEDURE: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  NOT_SET_UP: 409,
  ALREADY_SET_UP: 409,
  INTERNAL: 500,
};

export function statusOf(result: RpcResult<unknown>): number {
  return result.ok ? 200 : (HTTP_STATUS[result.error.code] ?? 400);
}

export function procedureCatalogue() {
  return Object.entries(procedures).map(([name, def]) => ({
    name,
    kind: def.kind,
    access: def.access,
    summary: def.summary,
    input: z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }),
    output: z.toJSONSchema(def.output, { io: 'output', unrepresentable: 'any' }),
  }));
}

export interface HttpOptions {
  app: AppDeps;
  /** Folder of the built renderer (vite build); null serves the API only. */
  staticDir: string | null;
  /** Host names (besides IP addresses and localhost) the hall's counters may use to reach us. */
  allowedHosts?: readonly string[];
}

function refusal(code: RpcError['code'], message: string): RpcResult<never> {
  return { ok: false, error: { code, message } };
}

export function createHttpServer(options: HttpOptions): FastifyInstance {
  const server = Fastify({ bodyLimit: LIMITS.rpcBodyBytesMax, logger: false });
  const allowedHosts = options.allowedHosts ?? [];
  const loginThrottle = new LoginThrottle(LIMITS.loginAttemptsPerClientPerMinute, 60_000, LIMITS.loginThrottleClientsMax);

  server.addHook('onRequest', async (request, reply) => {
    if (!isAllowedHost(request.headers.host, allowedHosts)) {
      return reply.status(421).send(refusal('FORBIDDEN', `不接受经由主机名 ${String(request.headers.host ?? '').slice(0, 100)} 的访问；请用本机地址访问大厅服务，或由管理员以 --allowed-host 添加该名称`));
    }
    if (request.method === 'POST' && !isSameOrigin(request.headers.origin, request.headers.host)) {
      return reply.status(403).send(refusal('FORBIDDEN', '拒绝来自其他网站的请求'));
    }
    return undefined;
  });

  server.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return payload;
  });

  // An empty body is an empty input, not a parse error.
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      const error = Object.assign(new Error('请求内容不是有效的 JSON'), { statusCode: 400 });
      done(error, undefined);
    }
  });

  server.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) options.app.log.error('http error', { error: String(error) });
    const message = status === 413 ? '请求内容过大' : status === 500 ? '系统内部错误' : error.message;
    void reply.status(status).send({ ok: false, error: { code: status === 500 ? 'INTERNAL' : 'VALIDATION', message } });
  });

  server.post<{ Params: { procedure: string } }>('/api/rpc/:procedure', async (request, reply) => {
    if (request.params.procedure === 'auth.login' && !loginThrottle.allow(request.ip, options.app.clock.now().getTime())) {
      return reply.status(429).send(refusal('RATE_LIMITED', '登录尝试过于频繁，请一分钟后再试'));
    }
    const auth = request.headers.authorization;
    // The scheme is case-insensitive (RFC 9110 §11.1).
    const token = auth && /^bearer\s+/i.test(auth) ? auth.replace(/^bearer\s+/i, '').trim() : null;
    // dispatchAsync: a mutation's post-commit work (a receipt to the printer) is in the answer.
    const result = await dispatchAsync(options.app, { procedure: request.params.procedure, input: request.body, token: token || null });
    return reply.status(statusOf(result)).send(result);
  });

  server.get('/api/procedures', (_request, reply) => reply.send({ procedures: procedureCatalogue() }));

  if (options.staticDir && existsSync(options.staticDir)) {
    void server.register(fastifyStatic, { root: options.staticDir, index: 'index.html', wildcard: false });
    // Client-side routes fall back to the app; unknown API paths stay 404.
    server.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.status(404).send({ ok: false, error: { code: 'UNKNOWN_PROCEDURE', message: '没有这个接口' } });
    });
  }
  return server;
}
