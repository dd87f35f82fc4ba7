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
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcAction } from '../../components/useRpc';
import type { OutputOf } from '../../contract';
import { rpc } from '../../rpc';

type Written = OutputOf<'district.exportReplies'>;

// 生成回执数据包: one answer package per town that has something new (the acknowledgement of
// the packages imported, replenishments, decisions), written to the town's folder. Writing
// twice is harmless: a town with nothing new gets no package.

export function RepliesPanel({ townName, onWritten }: { townName: (code: string) => string; onWritten: () => void }) {
  const action = useRpcAction();
  const [written, setWritten] = useState<Written | null>(null);
  const run = async () => {
    const result = await action.run(() => rpc.call('district.exportReplies', {}));
    if (!result) return;
    setWritten(result);
    onWritten();
  };
  return (
    <Stack spacing={2}>
      <Typography variant="body2">确认回执、补拨和审批决定都随回执数据包送达各镇街：登记之后请生成回执数据包，镇街导入后才生效。</Typography>
      <Button variant="contained" onClick={() => void run()} disabled={action.busy} sx={{ alignSelf: 'flex-start' }}>
        生成回执数据包
      </Button>
      <ErrorAlert error={action.error} />
      {written && written.length === 0 && <Alert severity="info">各镇街都没有新的内容，未生成回执数据包</Alert>}
      {written && written.length > 0 && (
        <>
          <Alert severity="success">已为 {written.length} 个镇街生成回执数据包</Alert>
          <Table size="small" aria-label="已生成的回执数据包">
            <TableHead>
              <TableRow>
                <TableCell>镇街</TableCell>
                <TableCell align="right">序号</TableCell>
                <TableCell>文件名</TableCell>
                <TableCell align="right">条数</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {written.map((w) => (
                <TableRow key={w.townCode} data-testid={`reply-${w.townCode}`}>
                  <TableCell>{townName(w.townCode)}</TableCell>
                  <TableCell align="right">{w.sequence}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }} title={w.path}>
                    {w.fileName}
                  </TableCell>
                  <TableCell align="right">{w.rows}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Stack>
  );
}
