import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { amountInCapitals, formatYuan, LIMITS } from '../../contract';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { rpc } from '../../rpc';
import { fenOf } from '../cases/steps/fields';
import { StepDialog } from '../cases/steps/StepDialog';
import type { PayoutRecord } from './types';
import { useIdempotentSubmit } from './useIdempotentSubmit';

/**
 * 登记追回: money the payee of a paid cash payout was ordered to return, counted back into the
 * reserve under the 追回决定文号. The payout stays paid and its voucher valid; the server
 * refuses more than was paid less what came back already. The entry's id is made when the
 * dialog opens, so a second click books the money once.
 */
export function RecoverDialog({ payout, onCancel, onSaved }: { payout: PayoutRecord; onCancel: () => void; onSaved: () => void }) {
  const { action, submit } = useIdempotentSubmit();
  const [amount, setAmount] = useState('');
  const [orderNo, setOrderNo] = useState('');
  const [note, setNote] = useState('');
  const parsed = fenOf(amount);
  const errors = fieldErrorsOf(action.error);
  const hint = parsed.fen !== null ? `${formatYuan(parsed.fen)}（大写：${amountInCapitals(parsed.fen)}）` : `以元为单位，不超过发放金额 ${formatYuan(payout.amountFen)} 减已追回`;
  const send = async () => {
    if (parsed.fen === null || orderNo.trim() === '') return;
    const amountFen = parsed.fen;
    if (await submit((id) => rpc.call('reserve.recover', { id, payoutId: payout.id, amountFen, orderNo, note }))) onSaved();
  };
  return (
    <StepDialog
      title="登记追回"
      submitLabel="确认追回"
      error={action.error}
      busy={action.busy}
      submitDisabled={parsed.fen === null || orderNo.trim() === ''}
      onCancel={onCancel}
      onSubmit={() => void send()}
    >
      <Typography>
        凭证号 {payout.voucherNo ?? ''}，领款人 {payout.payeeName}，发放 {formatYuan(payout.amountFen)}。追回的现金放回备用金，该笔发放仍为已发放。
      </Typography>
      <TextField
        label="追回金额（元）"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        required
        autoFocus
        {...(parsed.problem ? { error: true, helperText: parsed.problem } : fieldState(errors, 'amountFen', hint))}
      />
      <TextField
        label="追回决定文号"
        value={orderNo}
        onChange={(e) => setOrderNo(e.target.value)}
        required
        slotProps={{ htmlInput: { maxLength: LIMITS.textShortMax } }}
        {...fieldState(errors, 'orderNo')}
      />
      <TextField
        label="说明"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        multiline
        slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax - LIMITS.textShortMax - 16 } }}
        {...fieldState(errors, 'note')}
      />
    </StepDialog>
  );
}
