import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { amountInCapitals, formatYuan, LIMITS } from '../../contract';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { rpc } from '../../rpc';
import { StandAsideAlert } from '../cases/steps/StandAsideNotice';
import { StepDialog } from '../cases/steps/StepDialog';
import type { PayoutRecord } from './types';
import { useIdempotentSubmit } from './useIdempotentSubmit';

interface Props {
  payout: PayoutRecord;
  blockedReason: string | null;
  onCancel: () => void;
  onSaved: (payout: PayoutRecord) => void;
}

function Payee({ payout }: { payout: PayoutRecord }) {
  return (
    <Typography aria-label="领款人">
      领款人：{payout.payeeName}（{payout.payeeResidentIdMasked}）{payout.proxyRelation !== null ? `，代领，与申请人关系：${payout.proxyRelation}` : ''}
    </Typography>
  );
}

/**
 * 发放现金: the approver hands the cash over at the counter. The post's id is made when the
 * dialog opens, so a second click or a retry after a dropped connection books the cash once.
 */
export function PayCashDialog({ payout, blockedReason, onCancel, onSaved }: Props) {
  const { action, submit } = useIdempotentSubmit();
  const send = async () => {
    if (blockedReason !== null) return;
    const saved = await submit((postId) => rpc.call('payouts.pay', { payoutId: payout.id, postId, transferReference: null }));
    if (saved) onSaved(saved);
  };
  return (
    <StepDialog title="发放现金" submitLabel="确认发放" error={action.error} busy={action.busy} submitDisabled={blockedReason !== null} onCancel={onCancel} onSubmit={() => void send()}>
      <StandAsideAlert reason={blockedReason} />
      <Typography variant="h6" component="p" aria-label="发放金额">
        {formatYuan(payout.amountFen)}（{amountInCapitals(payout.amountFen)}）
      </Typography>
      <Payee payout={payout} />
      <Typography variant="body2" color="text.secondary">
        请当面点清现金交给领款人；确认后生成发放凭证号，打印凭证由领款人和经办人签字。
      </Typography>
    </StepDialog>
  );
}

/** 登记转账: the bank's reference for a transfer made to the payee's account. */
export function BankTransferDialog({ payout, blockedReason, onCancel, onSaved }: Props) {
  const { action, submit } = useIdempotentSubmit();
  const [reference, setReference] = useState('');
  const errors = fieldErrorsOf(action.error);
  const send = async () => {
    if (blockedReason !== null) return;
    const saved = await submit((postId) => rpc.call('payouts.pay', { payoutId: payout.id, postId, transferReference: reference }));
    if (saved) onSaved(saved);
  };
  return (
    <StepDialog title="登记转账" submitLabel="登记" error={action.error} busy={action.busy} submitDisabled={blockedReason !== null} onCancel={onCancel} onSubmit={() => void send()}>
      <StandAsideAlert reason={blockedReason} />
      <Typography aria-label="转账金额">
        {formatYuan(payout.amountFen)}（{amountInCapitals(payout.amountFen)}）转入 {payout.bankName ?? ''} 尾号 {payout.bankAccountTail ?? ''}
      </Typography>
      <Payee payout={payout} />
      <TextField
        label="转账流水号"
        value={reference}
        onChange={(e) => {
          action.setError(null);
          setReference(e.target.value);
        }}
        required
        autoFocus
        slotProps={{ htmlInput: { maxLength: LIMITS.textShortMax } }}
        {...fieldState(errors, 'transferReference')}
      />
    </StepDialog>
  );
}

/** 取消发放: an approved payout not handed over is cancelled with a reason (the hold is released). */
export function CancelPayoutDialog({ payout, blockedReason, onCancel, onSaved }: Props) {
  const { action, submit } = useIdempotentSubmit();
  const [reason, setReason] = useState('');
  const errors = fieldErrorsOf(action.error);
  const send = async () => {
    if (blockedReason !== null) return;
    const saved = await submit((voidId) => rpc.call('payouts.cancel', { payoutId: payout.id, voidId, reason }));
    if (saved) onSaved(saved);
  };
  return (
    <StepDialog title="取消发放" submitLabel="确认取消发放" error={action.error} busy={action.busy} submitDisabled={blockedReason !== null} onCancel={onCancel} onSubmit={() => void send()}>
      <StandAsideAlert reason={blockedReason} />
      <Typography>
        取消后不再发放 {formatYuan(payout.amountFen)}
        {payout.method === 'cash' ? '，冻结的备用金随即释放' : ''}。
      </Typography>
      <TextField
        label="取消原因"
        value={reason}
        onChange={(e) => {
          action.setError(null);
          setReason(e.target.value);
        }}
        required
        autoFocus
        multiline
        slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }}
        {...fieldState(errors, 'reason')}
      />
    </StepDialog>
  );
}
