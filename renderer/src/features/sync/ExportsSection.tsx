import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { SYNC_TRIGGER_LABELS, type SyncExportResult, type SyncStatus } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';
import { useRpcAction } from '../../components/useRpc';
import { formatDateTime } from '../../format';
import { rpc } from '../../rpc';
import { formatKb } from './syncFormat';

/**
 * Town: the packages it sent, and 立即导出 (the same export the nightly timer makes).
 * District: the answer packages it sent (made from the district console), read-only here.
 */
export function ExportsSection({ status, onExported }: { status: SyncStatus; onExported: () => void }) {
  const town = status.kind === 'town';
  const action = useRpcAction();
  const [result, setResult] = useState<SyncExportResult | null>(null);

  const exportNow = async () => {
    setResult(null);
    const made = await action.run(() => rpc.call('sync.exportNow', {}));
    if (!made) return;
    setResult(made);
    onExported();
  };

  const title = town ? '已发送的数据包' : '已发出的回执数据包';
  return (
    <Section
      title={title}
      actions={
        town && (
          <Button variant="contained" disabled={action.busy || status.folder === ''} onClick={() => void exportNow()}>
            {action.busy ? '正在导出…' : '立即导出'}
          </Button>
        )
      }
    >
      <Stack spacing={2}>
        {town && status.folder === '' && <Alert severity="info">请先在「同步设置」中填写同步文件夹，再导出数据包</Alert>}
        <ErrorAlert error={action.error} />
        {result && (
          <Alert severity="success" data-testid="export-result">
            已生成第 {result.sequence} 号数据包：{result.rows} 行，文件 {result.fileName}（{formatKb(result.bytes)}），已写入 {result.path}
          </Alert>
        )}
        {status.exports.length === 0 ? (
          <Typography variant="body2">尚无数据包</Typography>
        ) : (
          <Table size="small" aria-label={title}>
            <TableHead>
              <TableRow>
                <TableCell align="right">序号</TableCell>
                <TableCell>时间</TableCell>
                <TableCell>方式</TableCell>
                <TableCell align="right">行数</TableCell>
                <TableCell align="right">大小</TableCell>
                <TableCell>文件名</TableCell>
                {town && <TableCell>区级确认</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {status.exports.map((e) => (
                <TableRow key={e.sequence}>
                  <TableCell align="right">{e.sequence}</TableCell>
                  <TableCell>{formatDateTime(e.createdAt)}</TableCell>
                  <TableCell>{SYNC_TRIGGER_LABELS[e.trigger]}</TableCell>
                  <TableCell align="right">{e.rows}</TableCell>
                  <TableCell align="right">{formatKb(e.bytes)}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{e.fileName}</TableCell>
                  {town && <TableCell>{e.acknowledgedAt ? formatDateTime(e.acknowledgedAt) : '未确认'}</TableCell>}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Stack>
    </Section>
  );
}
