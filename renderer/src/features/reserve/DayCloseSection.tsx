import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { formatYuan, LIMITS, type OutputOf } from '../../contract';
import { formatDateTime, formatPlainDate } from '../../format';
import { differenceText, signedYuan } from '../../print/DayCloseSlip';
import { hrefOf } from '../../routing';
import { rpc } from '../../rpc';
import { fenOf } from '../cases/steps/fields';

// 日结 on the 备用金 page: the approver counts the cash at the end of the business day against
// the book balance shown here; a difference is booked as 长款 or 短款 with the reason typed
// below, and the 日结单 prints with the audit chain's head hash. The town admin sees the same
// figures and the closes, without the form.

type Preview = OutputOf<'reserve.dayClosePreview'>;

/** Past closes listed under the section: a month and more of business days. */
const CLOSES_SHOWN = 40;

function slipHref(dayCloseId: string): string {
  return hrefOf('print', 'day_close_slip', dayCloseId);
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <Typography variant="body2" aria-label={label}>
      {label}：<strong>{value}</strong>
    </Typography>
  );
}

/**
 * The count: its id is made when the section opens, so a double click or a retry after a
 * dropped connection closes the day once. The preview's balance and date go with it: if the
 * book moved meanwhile (a payout at another counter) the close is refused and the figures reload.
 */
function CloseForm({ preview, onClosed, onStale }: { preview: Preview; onClosed: () => void; onStale: () => void }) {
  const action = useRpcAction();
  const [id] = useState(() => crypto.randomUUID());
  const [counted, setCounted] = useState('');
  const [reason, setReason] = useState('');
  const parsed = fenOf(counted);
  const errors = fieldErrorsOf(action.error);
  const differenceFen = parsed.fen === null ? null : parsed.fen - preview.balanceFen;
  const needsReason = differenceFen !== null && differenceFen !== 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (parsed.fen === null || (needsReason && reason.trim() === '')) return;
    const countedFen = parsed.fen;
    const closed = await action.run(() =>
      rpc.call('reserve.closeDay', { id, countedFen, reason, seen: { businessDate: preview.businessDate, bookBalanceFen: preview.balanceFen } }),
    );
    if (closed) onClosed();
    // Refused because the book moved since the preview: show the book as it is now (the id
    // stays: nothing was written under it).
    else onStale();
  };

  return (
    <Stack component="form" spacing={2} onSubmit={(e) => void submit(e)} aria-label="日结清点" sx={{ maxWidth: 560 }}>
      <TextField
        label="清点现金（元）"
        value={counted}
        onChange={(e) => setCounted(e.target.value)}
        required
        {...(parsed.problem ? { error: true, helperText: parsed.problem } : fieldState(errors, 'countedFen', '箱中现金合计，含已审批未发放的救助金'))}
      />
      {differenceFen !== null && (
        <Alert severity={differenceFen === 0 ? 'success' : 'warning'} role="status" aria-label="差额">
          账面余额 {formatYuan(preview.balanceFen)}，清点 {formatYuan(parsed.fen ?? 0)}：{differenceText(differenceFen)}
          {differenceFen !== 0 && '，确认后按此记账'}
        </Alert>
      )}
      <TextField
        label="差额原因"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required={needsReason}
        multiline
        slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }}
        {...fieldState(errors, 'reason', needsReason ? '账实不符，须填写原因' : '账实相符时可不填')}
      />
      <ErrorAlert error={action.error} />
      <Button
        type="submit"
        variant="contained"
        disabled={action.busy || parsed.fen === null || (needsReason && reason.trim() === '')}
        sx={{ alignSelf: 'flex-start' }}
      >
        确认日结
      </Button>
    </Stack>
  );
}

function TransfersTable({ preview }: { preview: Preview }) {
  if (preview.transfers.length === 0) return <Typography variant="body2">本日无记账。</Typography>;
  return (
    <Table size="small" aria-label="本日记账">
      <TableHead>
        <TableRow>
          <TableCell>序号</TableCell>
          <TableCell>类型</TableCell>
          <TableCell align="right">金额</TableCell>
          <TableCell align="right">现金增减</TableCell>
          <TableCell>凭证号或关联编号</TableCell>
          <TableCell>说明</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {preview.transfers.map((x) => (
          <TableRow key={x.seq}>
            <TableCell>{x.seq}</TableCell>
            <TableCell>{x.kindLabel}</TableCell>
            <TableCell align="right">{formatYuan(x.amountFen)}</TableCell>
            <TableCell align="right">{signedYuan(x.cashEffectFen)}</TableCell>
            <TableCell>{x.reference}</TableCell>
            <TableCell>{x.note}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function PastCloses({ closes, canPrint }: { closes: OutputOf<'reserve.dayCloses'>; canPrint: boolean }) {
  if (closes.length === 0) return <Typography variant="body2">尚无日结记录。</Typography>;
  return (
    <Table size="small" aria-label="日结记录">
      <TableHead>
        <TableRow>
          <TableCell>营业日</TableCell>
          <TableCell align="right">账面余额</TableCell>
          <TableCell align="right">清点现金</TableCell>
          <TableCell>差额</TableCell>
          <TableCell>日结人</TableCell>
          <TableCell>日结时间</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {closes.map((c) => (
          <TableRow key={c.id}>
            <TableCell>{formatPlainDate(c.businessDate)}</TableCell>
            <TableCell align="right">{formatYuan(c.bookBalanceFen)}</TableCell>
            <TableCell align="right">{formatYuan(c.countedFen)}</TableCell>
            <TableCell>{differenceText(c.differenceFen)}</TableCell>
            <TableCell>{c.closedByName}</TableCell>
            <TableCell>{formatDateTime(c.closedAt)}</TableCell>
            <TableCell>
              {canPrint && (
                <Button size="small" href={slipHref(c.id)}>
                  日结单
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** canPrint: documents.get is the counter's and the approver's (the town admin reads no case papers). */
export function DayCloseSection({ canClose, canPrint, onClosed }: { canClose: boolean; canPrint: boolean; onClosed: () => void }) {
  const preview = useRpcQuery('reserve.dayClosePreview', { date: null });
  const closes = useRpcQuery('reserve.dayCloses', { limit: CLOSES_SHOWN });
  const p = preview.data;
  const refresh = () => {
    preview.reload();
    closes.reload();
    onClosed();
  };
  return (
    <Paper component="section" sx={{ p: 2 }} aria-label="日结">
      <Stack spacing={2}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
          日结{p && `（${formatPlainDate(p.businessDate)}）`}
        </Typography>
        <ErrorAlert error={preview.error ?? closes.error} />
        {preview.loading && !p && <CircularProgress aria-label="正在加载日结" />}
        {p && (
          <>
            <Stack direction="row" spacing={3} sx={{ flexWrap: 'wrap' }}>
              <Line label="日初余额" value={formatYuan(p.openingFen)} />
              <Line label="本日现金增减" value={signedYuan(p.netFen)} />
              <Line label="当前账面余额" value={formatYuan(p.balanceFen)} />
              <Line label="其中已审批未发放" value={formatYuan(p.heldFen)} />
            </Stack>
            {p.movements.length > 0 && (
              <Typography variant="body2">
                本日：{p.movements.map((m) => `${m.label} ${m.count} 笔 ${formatYuan(m.fen)}`).join('；')}
              </Typography>
            )}
            <TransfersTable preview={p} />
            {p.transfersTruncated && <Typography variant="body2">本日记账过多，仅列出前 {p.transfers.length} 笔。</Typography>}
            {p.heldPayouts.length > 0 && (
              <Alert severity="info">
                已审批未发放的现金仍在箱中，清点时应计入：
                {p.heldPayouts.map((h) => `${h.caseNo} ${h.payeeName} ${formatYuan(h.amountFen)}`).join('；')}
              </Alert>
            )}
            {p.close ? (
              <Alert
                severity={p.close.differenceFen === 0 ? 'success' : 'warning'}
                action={
                  canPrint && (
                    <Button color="inherit" size="small" startIcon={<PrintOutlined />} href={slipHref(p.close.id)}>
                      打印日结单
                    </Button>
                  )
                }
              >
                今日已日结：账面 {formatYuan(p.close.bookBalanceFen)}，清点 {formatYuan(p.close.countedFen)}，{differenceText(p.close.differenceFen)}
                {p.close.differenceReason !== null && `（${p.close.differenceReason}）`}；{p.close.closedByName} {formatDateTime(p.close.closedAt)}
              </Alert>
            ) : canClose ? (
              <CloseForm key={p.businessDate} preview={p} onClosed={refresh} onStale={refresh} />
            ) : (
              <Typography variant="body2">今日尚未日结（由审批人清点现金后日结）。</Typography>
            )}
          </>
        )}
        <Typography variant="subtitle2" component="h3">
          日结记录
        </Typography>
        {closes.data && <PastCloses closes={closes.data} canPrint={canPrint} />}
      </Stack>
    </Paper>
  );
}
