import type { APIRequestContext } from '@playwright/test';

// Set-up through the hall server's RPC API, for specs whose subject is not the setup UI.

interface RpcBody {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

export async function rpcCall<T>(request: APIRequestContext, name: string, input: unknown, token: string | null = null): Promise<T> {
  const response = await request.post(`/api/rpc/${name}`, {
    data: input,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const body = (await response.json()) as RpcBody;
  if (!body.ok) throw new Error(`${name} failed: ${body.error?.code ?? response.status()} ${body.error?.message ?? ''}`);
  return body.value as T;
}

export async function login(request: APIRequestContext, username: string, password: string): Promise<string> {
  const { token } = await rpcCall<{ token: string }>(request, 'auth.login', { username, password });
  return token;
}
