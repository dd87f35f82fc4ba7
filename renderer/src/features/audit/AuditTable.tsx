import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { AuditRow } from '../../contract';
import { formatDateTime } from '../../format';
import { actionLabel } from './actions';

function summary(detail: string): string {
  return detail.length > 80 ? `${detail.slice(0, 80)}…` : detail;
}

export function AuditTable({ rows, onOpen }: { rows: AuditRow[]; onOpen: (row: AuditRow) => void }) {
  return (
    <Table size="small" aria-label="审计日志">
      <TableHead>
        <TableRow>
          <TableCell>序号</TableCell>
          <TableCell>时间</TableCell>
          <TableCell>用户</TableCell>
          <TableCell>操作</TableCell>
          <TableCell>对象</TableCell>
          <TableCell>详情</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.seq} hover>
            <TableCell>{row.seq}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.at)}</TableCell>
            <TableCell>{row.username ?? '—'}</TableCell>
            <TableCell>
              {actionLabel(row.action)}
              <Typography variant="caption" color="text.secondary" sx={{ display: 'block', fontFamily: 'monospace' }}>
                {row.action}
              </Typography>
            </TableCell>
            <TableCell sx={{ fontSize: 12, overflowWrap: 'anywhere', maxWidth: 180 }}>{row.entityType ? `${row.entityType} ${row.entityId ?? ''}` : ''}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, overflowWrap: 'anywhere', maxWidth: 360 }}>
              {summary(row.detail)}
              <Button size="small" onClick={() => onOpen(row)}>
                查看
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
