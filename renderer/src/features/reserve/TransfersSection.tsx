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
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { formatYuan, LIMITS, type OutputOf, type ReserveTransferLine } from '../../contract';
import { formatPlainDate } from '../../format';
import { rpc } from '../../rpc';
import { StepDialog } from '../cases/steps/StepDialog';
import { useIdempotentSubmit } from '../payouts/useIdempotentSubmit';

// 账目明细 on the 备用金 page: the ledger's entries, newest first, a page at a time. The town
// admin reverses (冲正) a mistaken allocation, replenishment, recovery or over/short entry; a
// payout's posting is not reversed (its money comes back as 追回 on the case page).

type Summary = OutputOf<'reserve.summary'>;

/** Entries per page: a few weeks of a town's cash movements. */
const PAGE_ROWS = 50;

/** 冲正: the dialog makes the reversal's id when it opens, so a double click books it once. */
function ReverseDialog({ line, onCancel, onReversed }: { line: ReserveTransferLine; onCancel: () => void; onReversed: (summary: Summary) => void }) {
  const { action, submit } = useIdempotentSubmit();
  const [reason, setReason] = useState('');
  const errors = fieldErrorsOf(action.error);

  const send = async () => {
    if (reason.trim() === '') return;
    const booked = await submit((id) => rpc.call('reserve.reverse', { id, transferId: line.id, reason }));
    if (booked) onReversed(booked.summary);
  };

  return (
    <StepDialog title={`冲正第 ${line.seq} 笔记账`} submitLabel="确认冲正" error={action.error} busy={action.busy} submitDisabled={reason.trim() === ''} onCancel={onCancel} onSubmit={() => void send()}>
      <Typography>
        将按原金额反向记一笔冲正：{line.kindLabel} {formatYuan(line.amountFen)}（{line.reference}，{formatPlainDate(line.businessDate)}）。每笔记账只能冲正一次，冲正记录不能再冲正。
      </Typography>
      <TextField
        label="冲正原因"
        value={reason}
        onChange={(e) => {
          action.setError(null);
          setReason(e.target.value);
        }}
        required
        fullWidth
        autoFocus
        multiline
        slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }}
        {...fieldState(errors, 'reason')}
      />
    </StepDialog>
  );
}

function statusOf(line: ReserveTransferLine): string {
  if (line.reversedBySeq !== null) return `已冲正（第 ${line.reversedBySeq} 笔）`;
  if (line.reversesSeq !== null) return `冲正第 ${line.reversesSeq} 笔`;
  return '';
}

export function TransfersSection({ canReverse, onReversed }: { canReverse: boolean; onReversed: (summary: Summary) => void }) {
  const first = useRpcQuery('reserve.transfers', { limit: PAGE_ROWS, beforeSeq: null });
  const more = useRpcAction();
  const [older, setOlder] = useState<ReserveTransferLine[]>([]);
  const [next, setNext] = useState<number | null | undefined>(undefined);
  const [reversing, setReversing] = useState<ReserveTransferLine | null>(null);
  const rows = [...(first.data?.rows ?? []), ...older];
  const nextBeforeSeq = next === undefined ? (first.data?.nextBeforeSeq ?? null) : next;

  const loadOlder = async () => {
    if (nextBeforeSeq === null) return;
    const page = await more.run(() => rpc.call('reserve.transfers', { limit: PAGE_ROWS, beforeSeq: nextBeforeSeq }));
    if (!page) return;
    setOlder((o) => [...o, ...page.rows]);
    setNext(page.nextBeforeSeq);
  };

  return (
    <Paper sx={{ p: 2 }} aria-label="账目明细">
      <Stack spacing={2}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
          账目明细
        </Typography>
        <ErrorAlert error={first.error ?? more.error} />
        {first.loading && !first.data && <CircularProgress aria-label="正在加载" />}
        {first.data && rows.length === 0 && <Typography color="text.secondary">尚无记账</Typography>}
        {rows.length > 0 && (
          <Table size="small" aria-label="备用金记账">
            <TableHead>
              <TableRow>
                <TableCell>序号</TableCell>
                <TableCell>日期</TableCell>
                <TableCell>摘要</TableCell>
                <TableCell align="right">金额</TableCell>
                <TableCell>凭证号或关联编号</TableCell>
                <TableCell>说明</TableCell>
                <TableCell>状态</TableCell>
                {canReverse && <TableCell />}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((line) => (
                <TableRow key={line.id}>
                  <TableCell>{line.seq}</TableCell>
                  <TableCell>{formatPlainDate(line.businessDate)}</TableCell>
                  <TableCell>{line.kindLabel}</TableCell>
                  <TableCell align="right">{formatYuan(line.amountFen)}</TableCell>
                  <TableCell>{line.reference}</TableCell>
                  <TableCell sx={{ maxWidth: 240, overflowWrap: 'anywhere' }}>{line.note}</TableCell>
                  <TableCell>{statusOf(line)}</TableCell>
                  {canReverse && (
                    <TableCell>
                      {line.reversible && (
                        <Button size="small" color="error" onClick={() => setReversing(line)}>
                          冲正
                        </Button>
                      )}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {nextBeforeSeq !== null && (
          <Button onClick={() => void loadOlder()} disabled={more.busy} sx={{ alignSelf: 'flex-start' }}>
            更早的记录
          </Button>
        )}
      </Stack>
      {reversing && (
        <ReverseDialog
          line={reversing}
          onCancel={() => setReversing(null)}
          onReversed={(summary) => {
            setReversing(null);
            onReversed(summary);
          }}
        />
      )}
    </Paper>
  );
}
