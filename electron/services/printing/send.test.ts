import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePrinterUri, sendToPrinter } from './send';

const servers: net.Server[] = [];
const peers: net.Socket[] = [];
let closing = false;
afterEach(async () => {
  // server.close() waits for open connections: the pretend printers keep theirs open. Stop
  // accepting first, then drop every connection, including one a slow client opens while we
  // are closing (on a loaded machine that race hung this hook).
  closing = true;
  const closed = servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve)));
  for (const socket of peers.splice(0)) socket.destroy();
  await Promise.all(closed);
  closing = false;
});

/** A pretend printer on 127.0.0.1, doing `onConnection` with each connection. */
async function printerDoing(onConnection: (socket: net.Socket) => void, options: net.ServerOpts = {}): Promise<string> {
  const server = net.createServer(options, (socket) => {
    if (closing) {
      socket.destroy();
      return;
    }
    peers.push(socket);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return `tcp://127.0.0.1:${port}`;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// More than loopback buffers hold, so a printer that stops reading stalls the write.
const BIG_JOB = Buffer.alloc(16 * 1024 * 1024, 0x41);

describe('parsePrinterUri', () => {
  it('reads host and port, 9100 by default', () => {
    expect(parsePrinterUri('tcp://192.168.1.50:9100')).toEqual({ host: '192.168.1.50', port: 9100 });
    expect(parsePrinterUri('tcp://printer-1')).toEqual({ host: 'printer-1', port: 9100 });
    expect(parsePrinterUri('tcp://[fe80::1]:9101/')).toEqual({ host: 'fe80::1', port: 9101 });
  });

  it('refuses anything else', () => {
    for (const uri of ['http://192.168.1.50', 'tcp://', 'tcp://host:0', 'tcp://host:70000', '192.168.1.50:9100', 'tcp://a b']) {
      expect(parsePrinterUri(uri)).toBeNull();
    }
  });
});

describe('sendToPrinter', () => {
  it('answers in Chinese, within the timeout, when nothing listens on the port', async () => {
    const port = await closedPort();
    const startedMs = Date.now();
    const result = await sendToPrinter(`tcp://127.0.0.1:${port}`, Buffer.from('x'), { timeoutMs: 2000 });
    expect(Date.now() - startedMs).toBeLessThan(2000);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'PRINTER_UNREACHABLE',
        message: `打印机无法连接：127.0.0.1:${port}（连接被拒绝）。请检查打印机电源、网线和打印机地址设置。`,
      },
    });
  });

  it('refuses an address that is not tcp://host:port', async () => {
    const result = await sendToPrinter('192.168.1.50', Buffer.from('x'));
    expect(result).toMatchObject({ ok: false, error: { code: 'PRINTER_ADDRESS' } });
    expect(!result.ok && result.error.message).toContain('打印机地址无效：192.168.1.50');
  });

  it('times out when the printer stops taking data (out of paper), and says so', async () => {
    const uri = await printerDoing((socket) => socket.pause());
    const startedMs = Date.now();
    const result = await sendToPrinter(uri, BIG_JOB, { timeoutMs: 300 });
    expect(Date.now() - startedMs).toBeLessThan(2000);
    expect(result).toMatchObject({ ok: false, error: { code: 'PRINTER_TIMEOUT' } });
    expect(!result.ok && result.error.message).toMatch(/^打印超时：打印机 127\.0\.0\.1:\d+ 在 1 秒内未收完数据/);
  });

  it('reports an interrupted job when the printer drops the connection midway', async () => {
    const uri = await printerDoing((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const result = await sendToPrinter(uri, BIG_JOB, { timeoutMs: 5000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'PRINTER_INTERRUPTED' } });
    expect(!result.ok && result.error.message).toContain('回执可能不完整');
  });

  it('succeeds after a short grace with a printer that never closes its side', async () => {
    let received = 0;
    const uri = await printerDoing((socket) => socket.on('data', (chunk: Buffer) => (received += chunk.length)), {
      allowHalfOpen: true,
    });
    const job = Buffer.from('受理回执');
    const result = await sendToPrinter(uri, job, { timeoutMs: 2000, closeGraceMs: 100 });
    expect(result).toEqual({ ok: true, bytesSent: job.length });
    expect(received).toBe(job.length);
  });
});
