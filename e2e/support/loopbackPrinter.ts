import net from 'node:net';

// A pretend receipt printer for the specs: a raw TCP listener on 127.0.0.1 (what a hall's
// ESC/POS printer on port 9100 is), each connection one job, its bytes kept as received.
// The hall server is told its address in 系统设置 (tcp://127.0.0.1:<port>) and sends to it
// after the commit, as it would to the real one.

export interface LoopbackPrinter {
  /** tcp://127.0.0.1:<port>, for 回执打印机地址. */
  readonly uri: string;
  /** Every job received so far, oldest first. */
  jobs(): readonly Buffer[];
  /** Resolves with job number `index` (0-based) once its connection has closed; rejects after `timeoutMs`. */
  job(index: number, timeoutMs?: number): Promise<Buffer>;
  close(): Promise<void>;
}

export async function startLoopbackPrinter(): Promise<LoopbackPrinter> {
  const done: Buffer[] = [];
  const waiting = new Set<() => void>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The sender ends its side when the whole job is written; an empty connection is no job.
    socket.on('end', () => socket.end());
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      if (chunks.length === 0) return;
      done.push(Buffer.concat(chunks));
      for (const wake of waiting) wake();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    uri: `tcp://127.0.0.1:${port}`,
    jobs: () => [...done],
    job(index, timeoutMs = 10_000) {
      return new Promise<Buffer>((resolve, reject) => {
        const check = () => {
          const found = done[index];
          if (!found) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`the loopback printer received ${done.length} job(s) in ${timeoutMs} ms, not job ${index + 1}`));
        }, timeoutMs);
        waiting.add(check);
        check();
      });
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** What a receipt printer set to GB18030 would print, as text (ESC/POS commands left in as control characters). */
export function decodeGb18030(bytes: Buffer): string {
  return new TextDecoder('gb18030').decode(bytes);
}
