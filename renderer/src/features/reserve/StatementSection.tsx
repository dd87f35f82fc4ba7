import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { formatYuan, statementPeriodRef, type Statement } from '../../contract';
import { businessToday, formatPlainDate } from '../../format';
import { hrefOf } from '../../routing';
import { rpc } from '../../rpc';
import { EXCEL_FAILED, saveExcel } from './excelDownload';

// 对账单 on the 备用金 page: any period (this month so far by default): the balance before it,
// every movement of the cash box with the balance after it, and the closing balance; printed
// on A4 (#/print/statement/<from>_<to>) and exported to Excel.

function StatementTable({ s }: { s: Statement }) {
  return (
    <Table size="small" aria-label="对账单">
      <TableHead>
        <TableRow>
          <TableCell>记账序号</TableCell>
          <TableCell>日期</TableCell>
          <TableCell>摘要</TableCell>
          <TableCell>凭证号或关联编号</TableCell>
          <TableCell>说明</TableCell>
          <TableCell align="right">收入</TableCell>
          <TableCell align="right">支出</TableCell>
          <TableCell align="right">余额</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        <TableRow>
          <TableCell colSpan={7}>期初余额</TableCell>
          <TableCell align="right" aria-label="期初余额">
            {formatYuan(s.openingFen)}
          </TableCell>
        </TableRow>
        {s.rows.map((r) => (
          <TableRow key={r.seq}>
            <TableCell>{r.seq}</TableCell>
            <TableCell>{formatPlainDate(r.businessDate)}</TableCell>
            <TableCell>{r.kindLabel}</TableCell>
            <TableCell>{r.reference}</TableCell>
            <TableCell>{r.note}</TableCell>
            <TableCell align="right">{r.inFen > 0 ? formatYuan(r.inFen) : ''}</TableCell>
            <TableCell align="right">{r.outFen > 0 ? formatYuan(r.outFen) : ''}</TableCell>
            <TableCell align="right">{formatYuan(r.balanceFen)}</TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell colSpan={5}>
            <strong>本期合计及期末余额</strong>
          </TableCell>
          <TableCell align="right">{formatYuan(s.inFen)}</TableCell>
          <TableCell align="right">{formatYuan(s.outFen)}</TableCell>
          <TableCell align="right" aria-label="期末余额">
            <strong>{formatYuan(s.closingFen)}</strong>
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}

export function StatementSection() {
  const [period, setPeriod] = useState(() => {
    const today = businessToday();
    return { from: `${today.slice(0, 8)}01`, to: today };
  });
  const complete = period.from !== '' && period.to !== '';
  const query = useRpcQuery('reserve.statement', period, complete);
  const exporting = useRpcAction();
  const [failed, setFailed] = useState(false);
  const exportExcel = async () => {
    setFailed(false);
    const file = await exporting.run(() => rpc.call('reserve.statementExcel', period));
    if (file && !saveExcel(file)) setFailed(true);
  };
  return (
    <Paper sx={{ p: 2 }} aria-label="对账单">
      <Stack spacing={2}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
          对账单
        </Typography>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <TextField label="对账开始日期" type="date" value={period.from} onChange={(e) => setPeriod({ ...period, from: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField label="对账结束日期" type="date" value={period.to} onChange={(e) => setPeriod({ ...period, to: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
          <Button startIcon={<PrintOutlined />} disabled={!query.data} href={hrefOf('print', 'statement', statementPeriodRef(period.from, period.to))}>
            打印对账单
          </Button>
          <Button startIcon={<FileDownloadOutlined />} disabled={!query.data || exporting.busy} onClick={() => void exportExcel()}>
            导出对账单Excel
          </Button>
        </Stack>
        <ErrorAlert error={query.error ?? exporting.error} />
        {failed && <Alert severity="error">{EXCEL_FAILED}</Alert>}
        {query.data && <StatementTable s={query.data} />}
      </Stack>
    </Paper>
  );
}
