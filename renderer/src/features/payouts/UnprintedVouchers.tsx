import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useState } from 'react';
import { formatYuan, LIMITS, type OutputOf, type Role } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { formatPlainDate } from '../../format';
import { hrefOf } from '../../routing';
import { rpc } from '../../rpc';
import { ReceiptPreview } from '../cases/ReceiptDialog';

// Printing follows the payment's commit (issue 4): if the app stopped or the printer was off in
// between, the money left without its voucher. After sign-in the home and 我的任务 pages list
// every such payout (payouts.unprintedVouchers) with the ways to print it now: the A4 voucher
// (#/print/payout_voucher/<id>) or the receipt printer (payouts.printVoucherReceipt). Printing
// records a copy and nothing else: the payment is never made again.

type Unprinted = OutputOf<'payouts.unprintedVouchers'>['vouchers'][number];
type Printed = OutputOf<'payouts.printVoucherReceipt'>;

/** What the clerk is told after a voucher went to the receipt printer (here and on the case's payment panel). */
export function voucherPrintOutcome({ copyNo, reprint, printed }: Printed): { ok: boolean; text: string } {
  const copy = reprint ? `补打（第 ${copyNo} 份）` : `第 ${copyNo} 份`;
  return printed.ok ? { ok: true, text: `发放凭证已打印：${copy}` } : { ok: false, text: `${printed.message}（已记录${copy}）` };
}

/** Prints the voucher on the receipt printer on request, then shows what went to it. */
function ThermalDialog({ voucher, onClose }: { voucher: Unprinted; onClose: () => void }) {
  const action = useRpcAction();
  const [printed, setPrinted] = useState<Printed | null>(null);
  const print = async () => {
    const result = await action.run(() => rpc.call('payouts.printVoucherReceipt', { payoutId: voucher.payoutId }));
    if (result) setPrinted(result);
  };
  const outcome = printed && voucherPrintOutcome(printed);
  return (
    <Dialog open maxWidth="md" onClose={onClose} aria-labelledby="voucher-thermal-title">
      <DialogTitle id="voucher-thermal-title">在回执打印机上打印发放凭证 {voucher.voucherNo}</DialogTitle>
      <DialogContent dividers>
        <ErrorAlert error={action.error} />
        {outcome && (
          <Alert severity={outcome.ok ? 'success' : 'warning'} role="status" sx={{ mb: 2 }}>
            {outcome.text}
          </Alert>
        )}
        {printed ? (
          <ReceiptPreview layout={printed.layout} />
        ) : (
          <Box>
            {voucher.payeeName}，{formatYuan(voucher.amountFen)}，案件 {voucher.caseNo}：打印后登记份次，不会重复发放。
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>关闭</Button>
        {!printed && (
          <Button variant="contained" onClick={() => void print()} disabled={action.busy}>
            打印
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

/** The banner: nothing when every paid voucher has printed at least once. */
export function UnprintedVouchers({ roles }: { roles: readonly Role[] }) {
  // The town's payouts: a district installation's admin has none to print.
  const query = useRpcQuery('payouts.unprintedVouchers', {}, roles.some((r) => r === 'clerk' || r === 'approver' || r === 'town_admin'));
  const [thermal, setThermal] = useState<Unprinted | null>(null);
  // The A4 and the thermal voucher are printed at the counter; the town admin is told only.
  const canPrint = roles.includes('clerk') || roles.includes('approver');
  const list = query.data;
  if (!list || list.vouchers.length === 0) return query.error ? <ErrorAlert error={query.error} /> : null;

  const count = list.more ? `${LIMITS.unprintedVouchersMax} 张以上` : `${list.vouchers.length} 张`;
  return (
    <Alert severity="warning" sx={{ mb: 2 }} aria-label="未打印的救助金发放凭证">
      <AlertTitle>有 {count}救助金发放凭证尚未打印</AlertTitle>
      {canPrint ? '款项已发放，请补打凭证交领款人和经办人签字（打印只登记份次，不会重复发放）。' : '款项已发放，请经办人或审批人补打凭证。'}
      <Table size="small" sx={{ mt: 1 }}>
        <TableHead>
          <TableRow>
            <TableCell>凭证编号</TableCell>
            <TableCell>案件编号</TableCell>
            <TableCell>领款人</TableCell>
            <TableCell>金额</TableCell>
            <TableCell>发放日期</TableCell>
            {canPrint && <TableCell>补打</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {list.vouchers.map((v) => (
            <TableRow key={v.payoutId}>
              <TableCell>{v.voucherNo}</TableCell>
              <TableCell>{canPrint ? <Link href={hrefOf('cases', v.caseId)}>{v.caseNo}</Link> : v.caseNo}</TableCell>
              <TableCell>{v.payeeName}</TableCell>
              <TableCell>{formatYuan(v.amountFen)}</TableCell>
              <TableCell>{formatPlainDate(v.paidDate)}</TableCell>
              {canPrint && (
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Button size="small" href={hrefOf('print', 'payout_voucher', v.payoutId)} aria-label={`补打 A4 发放凭证 ${v.voucherNo}`}>
                    补打 A4
                  </Button>
                  <Button size="small" onClick={() => setThermal(v)} aria-label={`在回执打印机上补打发放凭证 ${v.voucherNo}`}>
                    补打小票
                  </Button>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {thermal && (
        <ThermalDialog
          voucher={thermal}
          onClose={() => {
            setThermal(null);
            query.reload();
          }}
        />
      )}
    </Alert>
  );
}
