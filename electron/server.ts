// The hall server (plain Node): the same services behind HTTP, for browsers on the hall
// network and for the e2e suite. `npm run serve -- --port 5170 --host 127.0.0.1 --data-dir ./data`
import { parseArgs } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, jsonLogger } from './rpc/app';
import { startSyncSchedule } from './rpc/syncSchedule';
import { databaseFile, resolveDataDir } from './config';
import { createHttpServer } from './transports/http';
import { StartupCheckError } from '../db/open';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5170' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    'static-dir': { type: 'string' },
    // A host name counters on the hall LAN use for this PC (repeatable); IP addresses always work.
    'allowed-host': { type: 'string', multiple: true },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`端口号无效：${values.port}`);
  process.exit(2);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolveDataDir(values['data-dir'], join(process.cwd(), 'data'));
let app;
try {
  app = openApp({ file: databaseFile(dataDir) });
} catch (error) {
  console.error(error instanceof StartupCheckError ? error.message : error);
  process.exit(1);
}
const server = createHttpServer({
  app,
  staticDir: values['static-dir'] ?? join(root, 'dist', 'renderer'),
  allowedHosts: values['allowed-host'] ?? [],
});

// The town's nightly package (issue 5): checked each minute, and at once for a missed night.
const schedule = startSyncSchedule(app);

const shutdown = (): void => {
  schedule.stop();
  void server.close().then(() => {
    app.db.$client.close();
    process.exit(0);
  });
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

const address = await server.listen({ port, host: values.host });
jsonLogger.info('hall server listening', { url: address, dataDir });
console.log(`社会救助一窗通 大厅服务已启动：${address.replace('127.0.0.1', 'localhost')}  （数据目录 ${dataDir}）`);
if (values.host !== '127.0.0.1' && values.host !== 'localhost') {
  console.log('注意：已向局域网开放，请确认大厅网络可信。');
}
