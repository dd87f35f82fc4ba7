import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { LIMITS, type CaseDetail } from '../../../contract';
import { fieldErrorsOf, fieldState } from '../../../components/fieldErrors';
import { useRpcAction } from '../../../components/useRpc';
import { businessToday } from '../../../format';
import { rpc } from '../../../rpc';
import { DATE_LABEL_PROPS } from './fields';
import { StepDialog } from './StepDialog';

interface Props {
  detail: CaseDetail;
  onCancel: () => void;
  onSaved: (detail: CaseDetail) => void;
}

/** 登记部门答复: what the deciding department answered, and when; the referral then ends. */
export function ReferralAnswerDialog({ detail, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [answer, setAnswer] = useState('');
  const [answeredDate, setAnsweredDate] = useState(businessToday());
  const errors = fieldErrorsOf(action.error);

  const submit = async () => {
    const saved = await action.run(() => rpc.call('referrals.answer', { caseId: detail.id, answer, answeredDate }));
    if (saved) onSaved(saved);
  };

  return (
    <StepDialog title="登记部门答复" submitLabel="登记" error={action.error} busy={action.busy} onCancel={onCancel} onSubmit={() => void submit()}>
      <TextField
        label="部门答复"
        value={answer}
        onChange={(e) => {
          action.setError(null);
          setAnswer(e.target.value);
        }}
        required
        multiline
        autoFocus
        helperText={detail.department ? `承办部门：${detail.department}` : undefined}
        slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }}
        {...fieldState(errors, 'answer')}
      />
      <TextField
        label="答复日期"
        type="date"
        value={answeredDate}
        onChange={(e) => {
          action.setError(null);
          setAnsweredDate(e.target.value);
        }}
        required
        slotProps={DATE_LABEL_PROPS}
        {...fieldState(errors, 'answeredDate')}
      />
    </StepDialog>
  );
}
