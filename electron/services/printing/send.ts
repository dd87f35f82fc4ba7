// Sends one job to a network printer (raw TCP, port 9100 by default) and says in Chinese what
// went wrong. Resolves, never rejects: printing happens after the case's transaction, and the
// caller records the outcome and offers a reprint (补打).
//
// node:net rather than node-thermal-printer's network interface: that one rejects with raw
// Node errors (no host:port, no Chinese), has only an idle timeout, destroys the socket right
// after the write callback (unread status bytes from the printer then turn the close into a
// reset that can drop the tail of the job), and its isPrinterConnected() opens an extra empty
// connection before every job. Here one connection carries the job, under one deadline.
import net from 'node:net';
import { PRINT_LIMITS } from './limits';

export interface PrinterAddress {
  host: string;
  port: number;
}

export type PrinterFailureCode = 'PRINTER_ADDRESS' | 'PRINTER_UNREACHABLE' | 'PRINTER_TIMEOUT' | 'PRINTER_INTERRUPTED';

/** Shaped like a DomainError (code and a sentence for the clerk); the caller maps the code. */
export interface PrinterFailure {
  code: PrinterFailureCode;
  message: string;
}

export type SendResult = { ok: true; bytesSent: number } | { ok: false; error: PrinterFailure };

export interface SendOptions {
  timeoutMs?: number;
  closeGraceMs?: number;
}

const DEFAULT_PORT = 9100;
const PRINTER_URI = /^tcp:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?\/?$/i;

/** tcp://192.168.1.50:9100, tcp://printer-1 (port 9100), tcp://[fe80::1]:9100; null if not. */
export function parsePrinterUri(uri: string): PrinterAddress | null {
  const match = PRINTER_URI.exec(uri.trim());
  if (!match?.[1]) return null;
  const port = match[2] === undefined ? DEFAULT_PORT : Number(match[2]);
  if (port < 1 || port > 65535) return null;
  return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port };
}

const UNREACHABLE_REASONS: Record<string, string> = {
  ECONNREFUSED: '连接被拒绝',
  EHOSTUNREACH: '网络不可达',
  ENETUNREACH: '网络不可达',
  ENOTFOUND: '找不到该主机',
  EAI_AGAIN: '找不到该主机',
  ETIMEDOUT: '连接超时',
};

function errorCode(error: Error): string {
  return 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/** Sends the job and waits (up to timeoutMs in all) until it has left for the printer. */
export function sendToPrinter(uri: string, job: Buffer, options: SendOptions = {}): Promise<SendResult> {
  const address = parsePrinterUri(uri);
  if (!address) {
    return Promise.resolve({
      ok: false,
      error: { code: 'PRINTER_ADDRESS', message: `打印机地址无效：${uri}（应为 tcp://主机:端口，如 tcp://192.168.1.50:9100）` },
    });
  }
  const timeoutMs = options.timeoutMs ?? PRINT_LIMITS.sendTimeoutMs;
  const closeGraceMs = Math.min(options.closeGraceMs ?? PRINT_LIMITS.sendCloseGraceMs, timeoutMs);
  const where = `${address.host}:${address.port}`;
  const seconds = Math.ceil(timeoutMs / 1000);
  const unreachable = (reason: string): SendResult => ({
    ok: false,
    error: { code: 'PRINTER_UNREACHABLE', message: `打印机无法连接：${where}（${reason}）。请检查打印机电源、网线和打印机地址设置。` },
  });

  const interrupted: SendResult = {
    ok: false,
    error: {
      code: 'PRINTER_INTERRUPTED',
      message: `打印中断：与打印机 ${where} 的连接意外断开，回执可能不完整。请检查打印机后补打。`,
    },
  };
  const timedOut: SendResult = {
    ok: false,
    error: {
      code: 'PRINTER_TIMEOUT',
      message: `打印超时：打印机 ${where} 在 ${seconds} 秒内未收完数据，可能缺纸、卡纸或未合上纸仓盖。请检查打印机后补打。`,
    },
  };

  return new Promise((resolve) => {
    const socket = net.connect({ host: address.host, port: address.port });
    let connected = false;
    let sent = false;
    let settled = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const settle = (result: SendResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(graceTimer);
      socket.destroy();
      resolve(result);
    };
    const done = (): void => settle({ ok: true, bytesSent: socket.bytesWritten });
    const deadline = setTimeout(() => {
      if (!connected) settle(unreachable(`${seconds} 秒内无响应`));
      else settle(sent ? { ok: true, bytesSent: socket.bytesWritten } : timedOut);
    }, timeoutMs);

    socket.once('connect', () => {
      connected = true;
      socket.end(job);
    });
    // Read (and ignore) status bytes some printers send back, so closing never resets the link.
    socket.on('data', () => undefined);
    // 'finish': the whole job is with the operating system. The printer closing its side then
    // means it has read everything; a printer that keeps the line open gets a short grace.
    socket.once('finish', () => {
      sent = true;
      graceTimer = setTimeout(done, closeGraceMs);
    });
    socket.once('close', () => settle(sent ? { ok: true, bytesSent: socket.bytesWritten } : interrupted));
    // A reset even after 'finish' means the printer dropped bytes it had not read yet.
    socket.once('error', (error) => settle(connected ? interrupted : unreachable(UNREACHABLE_REASONS[errorCode(error)] ?? error.message)));
  });
}
