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
import { CLAIM_STATE_LABELS, formatYuan, type ClaimPreview, type ClaimView } from '../../contract';
import { formatDateTime, formatPlainDate } from '../../format';
import { hrefOf } from '../../routing';
import { rpc } from '../../rpc';
import { EXCEL_FAILED, saveExcel } from './excelDownload';

// 报账 on the 备用金 page: for a period (last month by default) the paid cash vouchers not yet
// claimed, filed as one claim (its id made when the section opens, so a double click files it
// once); each claim printed (#/print/reimbursement_claim/<id>) and exported to Excel; a later
// replenishment (the booking form above) settles it.

function PreviewTable({ preview }: { preview: ClaimPreview }) {
  if (preview.count === 0) return <Alert severity="info">该期间没有未报账的现金发放</Alert>;
  return (
    <Table size="small" aria-label="待报账的现金发放">
      <TableHead>
        <TableRow>
          <TableCell>发放凭证号</TableCell>
          <TableCell>发放日期</TableCell>
          <TableCell>案件编号</TableCell>
          <TableCell>领款人</TableCell>
          <TableCell>公民身份号码</TableCell>
          <TableCell>救助原因</TableCell>
          <TableCell align="right">金额</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {preview.lines.map((l) => (
          <TableRow key={l.payoutId}>
            <TableCell>{l.voucherNo}</TableCell>
            <TableCell>{formatPlainDate(l.paidDate)}</TableCell>
            <TableCell>{l.caseNo}</TableCell>
            <TableCell>{l.payeeName}</TableCell>
            <TableCell>{l.payeeResidentIdMasked}</TableCell>
            <TableCell>{l.causeLabel}</TableCell>
            <TableCell align="right">{formatYuan(l.amountFen)}</TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell colSpan={6}>
            <strong>合计 {preview.count} 笔</strong>
          </TableCell>
          <TableCell align="right" aria-label="报账合计">
            <strong>{formatYuan(preview.totalFen)}</strong>
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}

function ClaimRow({ claim }: { claim: ClaimView }) {
  const exporting = useRpcAction();
  const [failed, setFailed] = useState(false);
  const exportExcel = async () => {
    setFailed(false);
    const file = await exporting.run(() => rpc.call('reserve.claimExcel', { claimId: claim.id }));
    if (file && !saveExcel(file)) setFailed(true);
  };
  return (
    <TableRow>
      <TableCell>{claim.claimNo}</TableCell>
      <TableCell>
        {formatPlainDate(claim.periodStart)} 至 {formatPlainDate(claim.periodEnd)}
      </TableCell>
      <TableCell align="right">{claim.payoutCount}</TableCell>
      <TableCell align="right">{formatYuan(claim.totalFen)}</TableCell>
      <TableCell>
        {CLAIM_STATE_LABELS[claim.state]}
        {claim.settlement && (
          <Typography variant="body2" color="text.secondary">
            补拨 {claim.settlement.voucherNo}，{formatYuan(claim.settlement.amountFen)}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {claim.submittedByName}，{formatDateTime(claim.submittedAt)}
      </TableCell>
      <TableCell>
        <Stack direction="row" spacing={1}>
          <Button size="small" startIcon={<PrintOutlined />} href={hrefOf('print', 'reimbursement_claim', claim.id)} aria-label={`打印报账单 ${claim.claimNo}`}>
            打印
          </Button>
          <Button size="small" startIcon={<FileDownloadOutlined />} disabled={exporting.busy} onClick={() => void exportExcel()} aria-label={`导出报账单 ${claim.claimNo} 的 Excel`}>
            导出Excel
          </Button>
        </Stack>
        <ErrorAlert error={exporting.error} />
        {failed && <Alert severity="error">{EXCEL_FAILED}</Alert>}
      </TableCell>
    </TableRow>
  );
}

export function ClaimsSection({ onFiled }: { onFiled: () => void }) {
  const [period, setPeriod] = useState<{ periodStart: string | null; periodEnd: string | null }>({ periodStart: null, periodEnd: null });
  const preview = useRpcQuery('reserve.claimPreview', period);
  const claims = useRpcQuery('reserve.claims', {});
  const filing = useRpcAction();
  const [id, setId] = useState(() => crypto.randomUUID());
  const [filed, setFiled] = useState<string | null>(null);
  // The dates shown: what was typed, else the period the server chose (last month).
  const start = period.periodStart ?? preview.data?.periodStart ?? '';
  const end = period.periodEnd ?? preview.data?.periodEnd ?? '';

  const submit = async () => {
    const p = preview.data;
    if (!p || p.count === 0) return;
    const result = await filing.run(() => rpc.call('reserve.submitClaim', { id, periodStart: p.periodStart, periodEnd: p.periodEnd }));
    if (!result) return;
    setFiled(`已提交报账单 ${result.claim.claimNo}：${result.claim.payoutCount} 笔，${formatYuan(result.claim.totalFen)}`);
    setId(crypto.randomUUID());
    preview.reload();
    claims.reload();
    onFiled();
  };

  return (
    <Paper sx={{ p: 2 }} aria-label="报账">
      <Stack spacing={2}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
          报账
        </Typography>
        <Stack direction="row" spacing={2}>
          <TextField label="报账开始日期" type="date" value={start} onChange={(e) => setPeriod({ periodStart: e.target.value, periodEnd: end })} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField label="报账结束日期" type="date" value={end} onChange={(e) => setPeriod({ periodStart: start, periodEnd: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
        </Stack>
        <ErrorAlert error={preview.error} />
        {preview.data && <PreviewTable preview={preview.data} />}
        <ErrorAlert error={filing.error} />
        {filed && <Alert severity="success">{filed}</Alert>}
        <Button variant="contained" disabled={filing.busy || !preview.data || preview.data.count === 0} onClick={() => void submit()} sx={{ alignSelf: 'flex-start' }}>
          提交报账
        </Button>
        <Typography variant="subtitle2" component="h3">
          报账单
        </Typography>
        <ErrorAlert error={claims.error} />
        {claims.data && claims.data.length === 0 && <Typography variant="body2">尚无报账单</Typography>}
        {claims.data && claims.data.length > 0 && (
          <Table size="small" aria-label="报账单">
            <TableHead>
              <TableRow>
                <TableCell>报账单号</TableCell>
                <TableCell>期间</TableCell>
                <TableCell align="right">笔数</TableCell>
                <TableCell align="right">金额</TableCell>
                <TableCell>状态</TableCell>
                <TableCell>提交</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {claims.data.map((c) => (
                <ClaimRow key={c.id} claim={c} />
              ))}
            </TableBody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
