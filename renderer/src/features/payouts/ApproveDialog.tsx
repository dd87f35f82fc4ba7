import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { amountInCapitals, formatYuan, type CaseDetail } from '../../contract';
import { fieldErrorsOf } from '../../components/fieldErrors';
import { rpc } from '../../rpc';
import { StandAsideAlert } from '../cases/steps/StandAsideNotice';
import { StepDialog } from '../cases/steps/StepDialog';
import { AidHistory } from './AidHistory';
import { EMPTY_PAYEE, PayeeFields, payeeOf, paymentOf } from './PayeeFields';
import type { CasePayoutsView, PayoutRecord } from './types';
import { useIdempotentSubmit } from './useIdempotentSubmit';

interface Props {
  detail: CaseDetail;
  view: CasePayoutsView;
  approvedFen: number;
  onCancel: () => void;
  onSaved: (payout: PayoutRecord) => void;
}

/**
 * 批准发放 of the amount the decision approved: who takes it and how. Cash holds the amount in
 * the reserve until it is handed over; a bank transfer waits for its reference.
 */
export function ApproveDialog({ detail, view, approvedFen, onCancel, onSaved }: Props) {
  const { action, submit } = useIdempotentSubmit();
  const [payee, setPayee] = useState(EMPTY_PAYEE);
  const errors = fieldErrorsOf(action.error);
  const blocked = view.blockedReason;
  const short = payee.method === 'cash' && approvedFen > view.availableFen;

  const send = async () => {
    if (blocked !== null) return;
    const saved = await submit((id) => rpc.call('payouts.approve', { id, caseId: detail.id, payee: payeeOf(payee), payment: paymentOf(payee) }));
    if (saved) onSaved(saved);
  };

  return (
    <StepDialog title="批准发放" submitLabel="批准发放" error={action.error} busy={action.busy} submitDisabled={blocked !== null} onCancel={onCancel} onSubmit={() => void send()}>
      <StandAsideAlert reason={blocked} />
      <Typography aria-label="批准金额">
        批准金额：{formatYuan(approvedFen)}（大写：{amountInCapitals(approvedFen)}）
      </Typography>
      <AidHistory history={view.aidHistory} compact />
      <PayeeFields
        applicantName={detail.applicant.name}
        value={payee}
        onChange={(next) => {
          action.setError(null);
          setPayee(next);
        }}
        errors={errors}
      />
      {short && (
        <Alert severity="warning">
          备用金可用余额 {formatYuan(view.availableFen)} 不足以现金发放 {formatYuan(approvedFen)}：请改用银行转账，或待区级补拨后再发放
        </Alert>
      )}
    </StepDialog>
  );
}
