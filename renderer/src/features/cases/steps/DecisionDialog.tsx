import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { amountInCapitals, formatYuan, LIMITS, RELIEF_AMOUNT_BASIS, type CaseDetail } from '../../../contract';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../../components/fieldErrors';
import { SelectField } from '../../../components/SelectField';
import { useRpcAction, useRpcQuery } from '../../../components/useRpc';
import { businessToday } from '../../../format';
import { rpc } from '../../../rpc';
import { AidHistory, CAUSE_OPTIONS, causeFrom } from '../../payouts/AidHistory';
import { reliefAmount, ReliefAmountField } from '../../payouts/ReliefAmount';
import { RepeatReasonField, repeatNeeded, serverAsksRepeat } from '../../payouts/RepeatReasonField';
import { DATE_LABEL_PROPS, fenOf, wholeNumber } from './fields';
import { StepDialog } from './StepDialog';

interface Props {
  detail: CaseDetail;
  onCancel: () => void;
  onSaved: (detail: CaseDetail) => void;
}

type Outcome = 'approved' | 'refused' | 'submitted_to_district';
const OUTCOMES: readonly { value: Outcome; label: string }[] = [
  { value: 'approved', label: '批准' },
  { value: 'refused', label: '不予救助' },
  { value: 'submitted_to_district', label: '报区级审批' },
];

/**
 * 审核确认 by an approver; the amount is typed in yuan and read back in capitals before it is sent.
 * The kind says what the amount is (RELIEF_AMOUNT_BASIS): a monthly amount for a period (低保,
 * 特困), a one-off grant without one (临时救助), or none at all (paid by a department).
 */
export function DecisionDialog({ detail, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [outcome, setOutcome] = useState<Outcome>('approved');
  const [amount, setAmount] = useState('');
  const [periodStart, setPeriodStart] = useState(businessToday());
  const [periodMonths, setPeriodMonths] = useState('12');
  const basis = RELIEF_AMOUNT_BASIS[detail.reliefType];
  const monthly = basis === 'monthly';
  const [opinion, setOpinion] = useState('');
  const [refusalReasons, setRefusalReasons] = useState('');
  // Temporary relief (DOMAIN.md §5): the household's history and the town's limit come first,
  // the cause feeds the repeat rule, a repeat within the window needs a written reason.
  const temporary = detail.reliefType === 'linshi';
  const payouts = useRpcQuery('payouts.forCase', { caseId: detail.id }, temporary);
  const history = payouts.data?.aidHistory ?? null;
  const limitFen = payouts.data?.townLimitFen ?? null;
  const [cause, setCause] = useState(causeFrom(''));
  const [repeatReason, setRepeatReason] = useState('');
  const [serverAsked, setServerAsked] = useState(false);
  if (!serverAsked && serverAsksRepeat(action.error)) setServerAsked(true);
  const [tried, setTried] = useState(false);
  const parsed = temporary ? reliefAmount(amount, limitFen) : { ...fenOf(amount), over: false };
  const errors = fieldErrorsOf(action.error);
  const paying = outcome !== 'refused' && basis !== 'none';
  const askRepeat = temporary && outcome === 'approved' && repeatNeeded(history, cause, detail.id, serverAsked);
  // Above the limit the town cannot approve: the form says to submit it to the district.
  const overLimit = paying && outcome === 'approved' && parsed.over;
  const causeMissing = temporary && outcome === 'approved' && cause === '';
  // Separation of duties, as the server will apply it: said before anything is typed, and 确认
  // stays off. A FORBIDDEN answer (the rule met after the page loaded) reads the same way.
  const blocked = detail.decisionBlockedReason;
  const forbidden = action.error?.code === 'FORBIDDEN' ? action.error.message : null;
  const refusal = forbidden ?? blocked;

  const edit = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    action.setError(null);
    set(e.target.value);
  };

  const submit = async () => {
    setTried(true);
    if (blocked !== null || (paying && parsed.problem) || overLimit || causeMissing) return;
    const saved = await action.run(() =>
      rpc.call('decisions.decide', {
        caseId: detail.id,
        outcome,
        amountFen: paying ? parsed.fen : null,
        periodStart: paying && monthly && periodStart !== '' ? periodStart : null,
        periodMonths: paying && monthly && periodMonths.trim() !== '' ? wholeNumber(periodMonths) : null,
        opinion,
        refusalReasons: outcome === 'refused' ? refusalReasons : null,
        cause: temporary && cause !== '' ? cause : null,
        repeatReason: askRepeat ? repeatReason : null,
      }),
    );
    if (saved) onSaved(saved);
  };

  const amountHint = parsed.fen !== null ? `${formatYuan(parsed.fen)}（大写：${amountInCapitals(parsed.fen)}）` : '以元为单位，如 650 或 650.50';

  return (
    <StepDialog
      title="审核确认"
      submitLabel="确认"
      error={forbidden !== null ? null : action.error}
      busy={action.busy}
      submitDisabled={blocked !== null || overLimit}
      onCancel={onCancel}
      onSubmit={() => void submit()}
    >
      {refusal !== null && (
        <Alert severity="error" role="alert">
          {refusal}
        </Alert>
      )}
      <SelectField
        label="审核结果"
        value={outcome}
        options={OUTCOMES}
        onChange={(v) => {
          action.setError(null);
          setOutcome(OUTCOMES.find((o) => o.value === v)?.value ?? 'approved');
        }}
        autoFocus
        {...fieldState(errors, 'outcome')}
      />
      {temporary && history !== null && <AidHistory history={history} compact />}
      <ErrorAlert error={payouts.error} />
      {temporary && (
        <SelectField
          label="救助事由"
          value={cause}
          options={CAUSE_OPTIONS}
          placeholder="请选择"
          onChange={(v) => {
            action.setError(null);
            setCause(causeFrom(v));
          }}
          required={outcome === 'approved'}
          {...(tried && causeMissing ? { error: true, helperText: '请选择救助事由' } : fieldState(errors, 'cause'))}
        />
      )}
      {askRepeat && (
        <RepeatReasonField
          history={history}
          cause={cause}
          caseId={detail.id}
          value={repeatReason}
          onChange={(text) => {
            action.setError(null);
            setRepeatReason(text);
          }}
          errors={errors}
        />
      )}
      {paying && temporary && (
        <ReliefAmountField
          label="救助金额（一次性，元）"
          value={amount}
          onChange={(text) => {
            action.setError(null);
            setAmount(text);
          }}
          limitFen={outcome === 'approved' ? limitFen : null}
          overLimitAdvice="请将审核结果改为“报区级审批”"
          errors={errors}
          required={outcome === 'approved'}
        />
      )}
      {paying && !temporary && (
        <>
          <TextField
            label={monthly ? '每月保障金额（元）' : '救助金额（一次性，元）'}
            value={amount}
            onChange={edit(setAmount)}
            inputMode="decimal"
            required={outcome === 'approved'}
            {...(parsed.problem ? { error: true, helperText: parsed.problem } : fieldState(errors, 'amountFen', amountHint))}
          />
          {monthly && (
            <>
              <TextField label="救助起始日期" type="date" value={periodStart} onChange={edit(setPeriodStart)} required={outcome === 'approved'} slotProps={DATE_LABEL_PROPS} {...fieldState(errors, 'periodStart')} />
              <TextField
                label="救助月数"
                value={periodMonths}
                onChange={edit(setPeriodMonths)}
                inputMode="numeric"
                required={outcome === 'approved'}
                {...fieldState(errors, 'periodMonths', `${LIMITS.decisionPeriodMonthsMin}–${LIMITS.decisionPeriodMonthsMax} 个月`)}
              />
            </>
          )}
        </>
      )}
      <TextField
        label="审核意见"
        value={opinion}
        onChange={edit(setOpinion)}
        required
        multiline
        slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }}
        {...fieldState(errors, 'opinion')}
      />
      {outcome === 'refused' && (
        <TextField
          label="不予救助理由"
          value={refusalReasons}
          onChange={edit(setRefusalReasons)}
          required
          multiline
          slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }}
          {...fieldState(errors, 'refusalReasons', '将书面告知申请人')}
        />
      )}
    </StepDialog>
  );
}
