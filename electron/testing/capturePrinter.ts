// Test support (imported by *.test.ts only): a loopback TCP "printer" that keeps the bytes of
// each connection, and an address where nothing listens.
import net from 'node:net';

export interface CapturePrinter {
  /** tcp://127.0.0.1:<port> */
  uri: string;
  /** Resolves with the bytes of the next connection that sent any. */
  nextJob(): Promise<Buffer>;
  /** Connections that closed without sending (node-thermal-printer's connection check). */
  emptySessions: number;
  close(): Promise<void>;
}

export async function capturePrinter(): Promise<CapturePrinter> {
  const jobs: Buffer[] = [];
  const waiting: ((job: Buffer) => void)[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => {
      sockets.delete(socket);
      const job = Buffer.concat(chunks);
      if (job.length === 0) capture.emptySessions += 1;
      else (waiting.shift() ?? ((j: Buffer) => jobs.push(j)))(job);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const capture: CapturePrinter = {
    uri: `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    emptySessions: 0,
    nextJob: () =>
      new Promise((resolve) => {
        const job = jobs.shift();
        if (job) resolve(job);
        else waiting.push(resolve);
      }),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return capture;
}

/** A loopback address whose port was just released: connecting is refused at once. */
export async function closedPrinterUri(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `tcp://127.0.0.1:${port}`;
}
