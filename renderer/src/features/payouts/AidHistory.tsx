import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatYuan, RELIEF_CAUSE_LABELS, type OutputOf, type ReliefCause } from '../../contract';
import { formatPlainDate } from '../../format';

export type AidHistoryView = OutputOf<'payouts.forCase'>['aidHistory'];
type AidEntry = AidHistoryView['entries'][number];

/**
 * The household's latest aid inside the window for the same cause on another case (DOMAIN.md
 * §5: a repeat needs the approver's written reason; a case's own emergency payout and its
 * decision are one grant, as the server counts them); null when none or no cause is chosen yet.
 */
export function repeatOf(history: AidHistoryView, cause: ReliefCause | '', caseId: string): AidEntry | null {
  if (cause === '') return null;
  return history.entries.find((e) => e.inWindow && e.cause === cause && e.caseId !== caseId) ?? null;
}

/** What the approver reads before the repeat-reason field. */
export function repeatText(history: AidHistoryView, entry: AidEntry): string {
  return `该户已于 ${formatPlainDate(entry.date)} 因“${entry.causeLabel ?? ''}”获临时救助 ${formatYuan(entry.amountFen)}（${entry.caseNo}），${history.windowMonths} 个月内同一事由再次救助须写明理由`;
}

/**
 * 家庭救助记录 on every temporary-relief screen: the last aid (date, amount, cause), then the
 * count and total inside the repeat window, then the entries (window first, older greyed).
 */
export function AidHistory({ history, compact = false }: { history: AidHistoryView; compact?: boolean }) {
  const last = history.entries[0];
  const summary = last
    ? `最近一次救助：${formatPlainDate(last.date)} ${last.kindLabel} ${formatYuan(last.amountFen)}${last.causeLabel ? `（${last.causeLabel}）` : ''}`
    : '该户此前未获救助';
  return (
    <Box aria-label="家庭救助记录" role="group">
      {/* Read before deciding, not an event: a note rather than MUI's default alert role. */}
      <Alert severity={last ? 'info' : 'success'} icon={false} role="note" sx={{ py: 0.5 }}>
        <Typography variant="body2">{summary}</Typography>
        <Typography variant="body2">
          近 {history.windowMonths} 个月（{formatPlainDate(history.sinceDate)} 起）共 {history.count} 次，合计 {formatYuan(history.totalFen)}
        </Typography>
      </Alert>
      {!compact && history.entries.length > 0 && (
        <Table size="small" aria-label="救助明细">
          <TableHead>
            <TableRow>
              <TableCell>日期</TableCell>
              <TableCell>案件编号</TableCell>
              <TableCell>救助类别</TableCell>
              <TableCell>事由</TableCell>
              <TableCell align="right">金额</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {history.entries.map((e) => (
              <TableRow key={`${e.caseId}-${e.date}-${e.amountFen}`} sx={e.inWindow ? undefined : { '& td': { color: 'text.secondary' } }}>
                <TableCell>{formatPlainDate(e.date)}</TableCell>
                <TableCell>{e.caseNo}</TableCell>
                <TableCell>{e.kindLabel}</TableCell>
                <TableCell>{e.causeLabel ?? '—'}</TableCell>
                <TableCell align="right">{formatYuan(e.amountFen)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

export const CAUSE_OPTIONS = (Object.entries(RELIEF_CAUSE_LABELS) as [ReliefCause, string][]).map(([value, label]) => ({ value, label }));

export function causeFrom(value: string): ReliefCause | '' {
  return CAUSE_OPTIONS.find((o) => o.value === value)?.value ?? '';
}
