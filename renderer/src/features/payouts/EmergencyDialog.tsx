import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { formatYuan, LIMITS, type CaseDetail } from '../../contract';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { SelectField } from '../../components/SelectField';
import { rpc } from '../../rpc';
import { StandAsideAlert } from '../cases/steps/StandAsideNotice';
import { StepDialog } from '../cases/steps/StepDialog';
import { AidHistory, CAUSE_OPTIONS, causeFrom } from './AidHistory';
import { EMPTY_PAYEE, PayeeFields, payeeOf, paymentOf } from './PayeeFields';
import { reliefAmount, ReliefAmountField } from './ReliefAmount';
import { RepeatReasonField, repeatNeeded, serverAsksRepeat } from './RepeatReasonField';
import type { CasePayoutsView, PayoutRecord } from './types';
import { useIdempotentSubmit } from './useIdempotentSubmit';

interface Props {
  detail: CaseDetail;
  view: CasePayoutsView;
  onCancel: () => void;
  onSaved: (payout: PayoutRecord) => void;
}

/**
 * 先行救助 (DOMAIN.md §5): the approver approves a payout before the decision, in an emergency;
 * the paperwork is owed afterwards. The amount stays within the town's limit, the cause feeds
 * the repeat rule, and the history stands above it so the approver reads it before deciding.
 */
export function EmergencyDialog({ detail, view, onCancel, onSaved }: Props) {
  const { action, submit } = useIdempotentSubmit();
  const [amount, setAmount] = useState('');
  const [cause, setCause] = useState(causeFrom(''));
  const [opinion, setOpinion] = useState('');
  const [repeatReason, setRepeatReason] = useState('');
  const [payee, setPayee] = useState(EMPTY_PAYEE);
  const [serverAsked, setServerAsked] = useState(false);
  // The cause and the amount are checked here before anything is sent (their fields say so).
  const [tried, setTried] = useState(false);
  if (!serverAsked && serverAsksRepeat(action.error)) setServerAsked(true);
  const errors = fieldErrorsOf(action.error);
  const parsed = reliefAmount(amount, view.townLimitFen);
  const askRepeat = repeatNeeded(view.aidHistory, cause, detail.id, serverAsked);
  const blocked = view.blockedReason;
  const short = payee.method === 'cash' && parsed.fen !== null && parsed.fen > view.availableFen;

  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    action.setError(null);
    set(v);
  };

  const send = async () => {
    setTried(true);
    const amountFen = parsed.fen;
    if (blocked !== null || amountFen === null || parsed.over || cause === '') return;
    const saved = await submit((id) =>
      rpc.call('payouts.emergency', {
        id,
        caseId: detail.id,
        amountFen,
        cause,
        opinion,
        repeatReason: askRepeat ? repeatReason : null,
        payee: payeeOf(payee),
        payment: paymentOf(payee),
      }),
    );
    if (saved) onSaved(saved);
  };

  return (
    <StepDialog
      title="先行救助"
      submitLabel="先行批准发放"
      error={action.error}
      busy={action.busy}
      submitDisabled={blocked !== null || parsed.over}
      onCancel={onCancel}
      onSubmit={() => void send()}
    >
      <StandAsideAlert reason={blocked} />
      <Alert severity="info" icon={false}>
        审批前先行发放；发放后须在规定期限内补齐申请材料、告知承诺书和入户调查，逾期将报镇街管理员督办
      </Alert>
      <AidHistory history={view.aidHistory} compact />
      <SelectField
        label="救助事由"
        value={cause}
        options={CAUSE_OPTIONS}
        placeholder="请选择"
        onChange={edit((v: string) => setCause(causeFrom(v)))}
        required
        {...(tried && cause === '' ? { error: true, helperText: '请选择救助事由' } : fieldState(errors, 'cause'))}
      />
      {askRepeat && <RepeatReasonField history={view.aidHistory} cause={cause} caseId={detail.id} value={repeatReason} onChange={edit(setRepeatReason)} errors={errors} />}
      <ReliefAmountField
        label="救助金额（元）"
        value={amount}
        onChange={edit(setAmount)}
        limitFen={view.townLimitFen}
        overLimitAdvice="先行救助只能在限额内发放，超出部分请走正常程序报区级审批"
        errors={errors}
        missing={tried && amount.trim() === '' ? '请填写救助金额' : null}
        required
      />
      <TextField label="先行救助意见" value={opinion} onChange={(e) => edit(setOpinion)(e.target.value)} required multiline slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }} {...fieldState(errors, 'opinion')} />
      <PayeeFields applicantName={detail.applicant.name} value={payee} onChange={edit(setPayee)} errors={errors} />
      {short && (
        <Alert severity="warning">
          备用金可用余额 {formatYuan(view.availableFen)} 不足以现金发放该金额：请改用银行转账，或待区级补拨后再发放
        </Alert>
      )}
    </StepDialog>
  );
}
