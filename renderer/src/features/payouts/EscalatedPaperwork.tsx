import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { formatYuan } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcQuery } from '../../components/useRpc';
import { formatPlainDate } from '../../format';

/**
 * 先行救助 whose paperwork lapsed (payouts.escalated), on the town admin's home page: the
 * money went out and the file is still not complete, so the admin follows it up with the
 * approver named. Nothing shows while none is overdue. The admin does not open cases (the
 * counter does), so the rows name the case rather than link to it.
 */
export function EscalatedPaperwork() {
  const query = useRpcQuery('payouts.escalated', {});
  const data = query.data;
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!data || data.count === 0) return null;
  return (
    <Alert severity="error" role="region" aria-label="先行救助逾期未补手续" sx={{ mb: 2, '& .MuiAlert-message': { width: '100%' } }}>
      <AlertTitle>先行救助逾期未补手续（{data.count}）：请督促经办人员尽快补齐</AlertTitle>
      <Table size="small" aria-label="逾期未补手续的先行救助">
        <TableHead>
          <TableRow>
            <TableCell>案件编号</TableCell>
            <TableCell>申请人</TableCell>
            <TableCell align="right">金额</TableCell>
            <TableCell>补办期限</TableCell>
            <TableCell>批准人</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.rows.map((r) => (
            <TableRow key={r.payoutId}>
              <TableCell>{r.caseNo}</TableCell>
              <TableCell>{r.applicantName}</TableCell>
              <TableCell align="right">{formatYuan(r.amountFen)}</TableCell>
              <TableCell sx={{ color: 'error.main', fontWeight: 700 }}>
                {formatPlainDate(r.paperworkDueDate)}，逾期 {r.daysOverdue} 天
              </TableCell>
              <TableCell>{r.approvedByName}</TableCell>
            </TableRow>
          ))}
        </TableBody>
        {data.count > data.rows.length && (
          <caption>
            显示逾期最久的 {data.rows.length} 件，共 {data.count} 件
          </caption>
        )}
      </Table>
    </Alert>
  );
}
