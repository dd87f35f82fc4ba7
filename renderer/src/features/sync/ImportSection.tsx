import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import { SYNC_IMPORT_STATUS_LABELS, type SyncCandidate, type SyncImportOutcome } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { formatKb, importOneByOne } from './syncFormat';

const FAILED: ReadonlySet<SyncImportOutcome['status']> = new Set(['quarantined', 'rejected']);

interface Progress {
  done: number;
  total: number;
  current: string | null;
}

function OutcomeLine({ outcome }: { outcome: SyncImportOutcome }) {
  const failed = FAILED.has(outcome.status);
  // The server's sentence names the held packages it applied along; without one, say so here.
  const also = !outcome.message && outcome.alsoApplied.length > 0 ? `；同时导入了此前暂存的第 ${outcome.alsoApplied.join('、')} 号` : '';
  return (
    <Typography
      component="li"
      variant="body2"
      color={failed ? 'error' : 'text.primary'}
      data-status={outcome.status}
      sx={{ fontWeight: failed ? 700 : 400 }}
    >
      【{SYNC_IMPORT_STATUS_LABELS[outcome.status]}】{outcome.fileName}
      {/* The server's sentence says what happened (whose package, how many rows, or why not). */}
      {outcome.message ? `：${outcome.message}` : outcome.status === 'applied' ? `：${outcome.rows} 行` : ''}
      {also}
    </Typography>
  );
}

/**
 * 导入数据包: a town takes the district's answers, the district takes the towns' packages.
 * 查找新数据包 lists what the folders hold that is not applied; 全部导入 sends them one by one
 * (each its own transaction on the server) with a progress bar, and can be stopped between files.
 */
export function ImportSection({ peerName, onImported }: { peerName: (code: string | null) => string; onImported: () => void }) {
  const scanning = useRpcAction();
  const [candidates, setCandidates] = useState<SyncCandidate[] | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcomes, setOutcomes] = useState<SyncImportOutcome[]>([]);
  const [ending, setEnding] = useState<{ severity: 'info' | 'error' | 'success'; text: string } | null>(null);
  const stopAsked = useRef(false);
  const [stopping, setStopping] = useState(false);
  const running = progress !== null && progress.current !== null;

  const scan = async (): Promise<void> => {
    const found = await scanning.run(() => rpc.call('sync.scan', {}));
    if (found) setCandidates(found.candidates);
  };

  const importAll = async () => {
    if (!candidates || candidates.length === 0 || running) return;
    const list = candidates;
    stopAsked.current = false;
    setStopping(false);
    setOutcomes([]);
    setEnding(null);
    setProgress({ done: 0, total: list.length, current: list[0]!.fileName });
    const run = await importOneByOne(list, (c) => rpc.call('sync.importFile', { folder: c.folder, fileName: c.fileName }), {
      onStart: (i, c) => setProgress({ done: i, total: list.length, current: c.fileName }),
      onResult: (i, outcome) => {
        setOutcomes((previous) => [...previous, outcome]);
        setProgress({ done: i + 1, total: list.length, current: null });
      },
      shouldStop: () => stopAsked.current,
    });
    setProgress((p) => (p ? { ...p, current: null } : p));
    setStopping(false);
    const failed = run.results.filter((o) => FAILED.has(o.status)).length;
    if (run.error) setEnding({ severity: 'error', text: `导入在 ${run.error.fileName} 处中断：${run.error.message}` });
    else if (run.stopped) setEnding({ severity: 'info', text: `已停止：导入了 ${run.results.length} 个，剩余 ${run.remaining.length} 个未导入` });
    else if (failed > 0) setEnding({ severity: 'error', text: `已处理 ${run.results.length} 个数据包，其中 ${failed} 个被隔离或拒收，见下方「已隔离」` });
    else setEnding({ severity: 'success', text: `已处理 ${run.results.length} 个数据包` });
    onImported();
    await scan();
  };

  return (
    <Section
      title="导入数据包"
      actions={
        <Button variant="outlined" disabled={scanning.busy || running} onClick={() => void scan()}>
          查找新数据包
        </Button>
      }
    >
      <Stack spacing={2}>
        <ErrorAlert error={scanning.error} />
        {candidates !== null && candidates.length === 0 && !running && <Typography variant="body2">同步文件夹中没有待导入的数据包</Typography>}
        {candidates !== null && candidates.length > 0 && (
          <Table size="small" aria-label="待导入的数据包">
            <TableHead>
              <TableRow>
                <TableCell>单位</TableCell>
                <TableCell align="right">序号</TableCell>
                <TableCell>文件名</TableCell>
                <TableCell align="right">大小</TableCell>
                <TableCell>文件夹</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {candidates.map((c) => (
                <TableRow key={`${c.folder}/${c.fileName}`}>
                  <TableCell>{c.peerName ?? peerName(c.peerCode)}</TableCell>
                  <TableCell align="right">{c.sequence}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{c.fileName}</TableCell>
                  <TableCell align="right">{formatKb(c.bytes)}</TableCell>
                  <TableCell>{c.folder}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {candidates !== null && candidates.length > 0 && (
          <Stack direction="row" spacing={1}>
            <Button variant="contained" disabled={running || scanning.busy} onClick={() => void importAll()}>
              全部导入
            </Button>
            {running && (
              <Button
                color="warning"
                disabled={stopping}
                onClick={() => {
                  stopAsked.current = true;
                  setStopping(true);
                }}
              >
                {stopping ? '当前文件完成后停止…' : '停止'}
              </Button>
            )}
          </Stack>
        )}
        {progress && (
          <Box role="status" aria-label="导入进度" data-testid="import-progress">
            <LinearProgress variant="determinate" value={progress.total === 0 ? 100 : (progress.done / progress.total) * 100} />
            <Typography variant="body2" sx={{ mt: 0.5 }}>
              {progress.done} / {progress.total}
              {progress.current ? `，正在导入 ${progress.current}` : ''}
            </Typography>
          </Box>
        )}
        {ending && <Alert severity={ending.severity}>{ending.text}</Alert>}
        {outcomes.length > 0 && (
          <Box component="ul" aria-label="导入结果" data-testid="import-results" sx={{ m: 0, pl: 3 }}>
            {outcomes.map((o, i) => (
              <OutcomeLine key={`${i}/${o.fileName}`} outcome={o} />
            ))}
          </Box>
        )}
      </Stack>
    </Section>
  );
}
