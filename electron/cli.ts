// Operations without a window, for IT staff deploying many towns and for scheduled tasks.
//   npm run cli -- setup --kind town --town 370404101 --admin-username admin --admin-name 王管理
//   npm run cli -- verify
//   npm run cli -- status
// Every command goes through dispatch(), so it is checked, validated and audited exactly as
// the same action in the app is.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { StartupCheckError } from '../db/open';
import { formatYuan, type RpcResult } from './contract';
import { databaseFile, resolveDataDir } from './config';
import { openApp } from './rpc/app';
import { dispatch } from './rpc/dispatch';
import { verifyAuditChain } from './services/audit';
import { checkLedgerInvariants } from './services/reserve/invariants';
import { reserveBalances } from './services/reserve/ledger';
import { installationOf, listTowns } from './services/setup';
import { runAsSystem } from './rpc/dispatch';
import { DomainError } from './services/errors';
import { exportPackage } from './services/sync/exporter';
import { exportReplies } from './services/sync/districtAnswers';
import { importFile, scanCandidates, watchedFolders } from './services/sync/importer';
import { SYNC_IMPORT_STATUS_LABELS } from './contract/sync';

const USAGE = `用法: npm run cli -- <命令> [选项]

命令:
  setup    首次设置本机：安装类型、镇街、第一个管理员
           --kind town|district  --town <9位镇街代码>  --admin-username <用户名>
           --admin-name <姓名>   管理员密码取自环境变量 RELIEF_DESK_ADMIN_PASSWORD（避免留在命令历史中）
  towns    列出可选镇街
  status   显示本机安装信息
  verify   校验数据库：完整性检查、外键、审计哈希链、备用金账本不变量
  sync export  镇街：生成下一个数据包写入同步文件夹（供计划任务调用）；区级：生成各镇街的回执数据包
  sync import  导入同步文件夹中的新数据包（区级：各镇街上报的；镇街：区级回执），逐个显示结果；
               区级导入后随即生成回执数据包

通用选项:
  --data-dir <目录>   数据目录（默认环境变量 RELIEF_DESK_DATA，否则 ./data）
`;

function die(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function printResult(result: RpcResult<unknown>): void {
  if (!result.ok) {
    const issues = result.error.issues?.map((i) => `  - ${i.path}: ${i.message}`).join('\n') ?? '';
    die(`失败（${result.error.code}）：${result.error.message}${issues ? `\n${issues}` : ''}`);
  }
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string' },
    kind: { type: 'string' },
    town: { type: 'string' },
    'admin-username': { type: 'string' },
    'admin-name': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const command = positionals[0];
if (!command || values.help) {
  console.log(USAGE);
  process.exit(command ? 0 : 2);
}

if (command === 'towns') {
  const { districtName, towns } = listTowns();
  console.log(`${districtName}：`);
  for (const t of towns) console.log(`  ${t.code}  ${t.name}（已知村居 ${t.villageCount} 个）`);
  process.exit(0);
}

const dataDir = resolveDataDir(values['data-dir'], join(process.cwd(), 'data'));
let app;
try {
  app = openApp({ file: databaseFile(dataDir) });
} catch (error) {
  die(error instanceof StartupCheckError ? error.message : String(error));
}

switch (command) {
  case 'setup': {
    const password = process.env.RELIEF_DESK_ADMIN_PASSWORD;
    if (!password) die('请通过环境变量 RELIEF_DESK_ADMIN_PASSWORD 提供管理员密码', 2);
    const kind = values.kind ?? 'town';
    const result = dispatch(app, {
      procedure: 'setup.run',
      token: null,
      input: {
        kind,
        townCode: kind === 'town' ? (values.town ?? '') : null,
        admin: { username: values['admin-username'] ?? '', displayName: values['admin-name'] ?? '', password },
      },
    });
    printResult(result);
    const installation = installationOf(app.db);
    console.log(`设置完成：${installation?.districtName ?? ''}${installation?.townName ?? '（区级）'}，数据目录 ${dataDir}`);
    break;
  }
  case 'status': {
    const installation = installationOf(app.db);
    console.log(installation ? JSON.stringify(installation, null, 2) : '本机尚未初始化（npm run cli -- setup）');
    break;
  }
  case 'verify': {
    const client = app.db.$client;
    const integrity = client.pragma('integrity_check', { simple: true });
    const foreignKeyProblems = client.pragma('foreign_key_check') as unknown[];
    const chain = verifyAuditChain(app.db);
    const problems: string[] = [];
    if (integrity !== 'ok') problems.push(`完整性检查失败：${String(integrity)}`);
    if (foreignKeyProblems.length > 0) problems.push(`外键不一致 ${foreignKeyProblems.length} 处`);
    if (!chain.intact) problems.push(`审计日志哈希链在第 ${chain.brokenAtSeq} 条处断裂`);
    console.log(`完整性检查：${String(integrity)}`);
    console.log(`外键检查：${foreignKeyProblems.length === 0 ? 'ok' : `${foreignKeyProblems.length} 处不一致`}`);
    console.log(chain.intact ? `审计哈希链：完整（${chain.rows} 条，链头 ${chain.headHash}）` : `审计哈希链：在第 ${chain.brokenAtSeq} 条处断裂`);
    // The reserve ledger: every transfer > 0, cash never below zero, held within the balance,
    // stored sums equal to the transfers, reversals and settlements linked once.
    const ledger = checkLedgerInvariants(app.db);
    if (ledger.length === 0) {
      const b = reserveBalances(app.db);
      console.log(`备用金账本：不变量全部成立（账面余额 ${formatYuan(b.balanceFen)}，已冻结 ${formatYuan(b.heldFen)}，可用 ${formatYuan(b.availableFen)}）`);
    } else {
      console.log(`备用金账本：${ledger.length} 处违反不变量`);
      for (const v of ledger) console.log(`  - [${v.rule}] ${v.message}`);
      problems.push(`备用金账本违反不变量 ${ledger.length} 处`);
    }
    app.db.$client.close();
    if (problems.length > 0) die(problems.join('\n'));
    process.exit(0);
    break;
  }
  case 'sync': {
    const sub = positionals[1];
    const installation = installationOf(app.db);
    if (!installation) die('本机尚未初始化（npm run cli -- setup）');
    // Headless, as the schedule runs it: each step its own transaction with its audit row,
    // no user (the audit row says the system did it).
    const guarded = <T>(action: string, fn: Parameters<typeof runAsSystem<T>>[2]): T => {
      try {
        return runAsSystem(app, action, fn);
      } catch (error) {
        die(error instanceof DomainError ? `失败：${error.message}` : String(error));
      }
    };
    const replies = (): void => {
      const made = guarded('district.exportReplies', (ctx) => exportReplies(ctx));
      for (const r of made) console.log(`回执数据包 ${r.fileName}（${r.rows} 行，${r.bytes} 字节）→ ${r.path}`);
      if (made.length === 0) console.log('没有需要发回镇街的内容');
    };
    if (sub === 'export') {
      if (installation.kind === 'district') replies();
      else {
        const r = guarded('sync.export', (ctx) => exportPackage(ctx, 'cli'));
        console.log(`已生成第 ${r.sequence} 号数据包：${r.path}（${r.rows} 行，${r.bytes} 字节）`);
      }
    } else if (sub === 'import') {
      if (watchedFolders(app.db).length === 0) die('尚未设置同步文件夹，请在“数据同步”页设置后再导入');
      const candidates = guarded('sync.scan', (ctx) => scanCandidates(ctx));
      if (candidates.length === 0) console.log('没有新的数据包');
      let failed = 0;
      candidates.forEach((c, i) => {
        const result = guarded('sync.importFile', (ctx) => importFile(ctx, c.folder, c.fileName));
        if (result.status === 'rejected' || result.status === 'quarantined') failed += 1;
        console.log(`[${i + 1}/${candidates.length}] ${c.fileName}：${SYNC_IMPORT_STATUS_LABELS[result.status]}。${result.message}`);
      });
      if (installation.kind === 'district') replies();
      if (failed > 0) die(`${failed} 个数据包被拒收或隔离，请在“数据同步”页查看`);
    } else {
      die(`未知的 sync 子命令：${sub ?? ''}\n\n${USAGE}`, 2);
    }
    break;
  }
  default:
    die(`未知命令：${command}\n\n${USAGE}`, 2);
}
app.db.$client.close();
