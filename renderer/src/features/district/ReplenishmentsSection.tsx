import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { QueryState } from '../../components/useRpc';
import { formatYuan, type DistrictReplenishmentRow } from '../../contract';
import { formatDateTime } from '../../format';

// 补拨备用金 on the 区级总览: what the district recorded as sent, newest first, and whether an
// answer package has carried it to the town yet (its sequence) or it waits for the next one.

export function ReplenishmentsList({ list, recorded }: { list: QueryState<DistrictReplenishmentRow[]>; recorded: string | null }) {
  const rows = list.data ?? [];
  return (
    <>
      <ErrorAlert error={list.error} />
      {recorded && (
        <Alert severity="success" sx={{ mb: 2 }}>
          {recorded}
        </Alert>
      )}
      {list.data && rows.length === 0 && <Typography color="text.secondary">尚未登记补拨</Typography>}
      {rows.length > 0 && (
        <Table size="small" aria-label="补拨记录">
          <TableHead>
            <TableRow>
              <TableCell>登记时间</TableCell>
              <TableCell>镇街</TableCell>
              <TableCell align="right">金额</TableCell>
              <TableCell>拨款凭证号</TableCell>
              <TableCell>所结报账单</TableCell>
              <TableCell>备注</TableCell>
              <TableCell>是否已随回执包发出</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id} data-testid={`replenishment-${r.voucherNo}`}>
                <TableCell>{formatDateTime(r.recordedAt)}</TableCell>
                <TableCell>{r.townName}</TableCell>
                <TableCell align="right">{formatYuan(r.amountFen)}</TableCell>
                <TableCell>{r.voucherNo}</TableCell>
                <TableCell>{r.claimNo ?? '—'}</TableCell>
                <TableCell sx={{ maxWidth: 240, overflowWrap: 'anywhere' }}>{r.note}</TableCell>
                <TableCell data-col="发出">
                  {r.outSequence !== null ? (
                    `已发出（第 ${r.outSequence} 号回执包）`
                  ) : (
                    <Typography component="span" variant="body2" color="warning.dark">
                      未发出，随下一个回执包
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
