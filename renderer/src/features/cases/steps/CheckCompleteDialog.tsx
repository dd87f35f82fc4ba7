import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { LIMITS, type EconomicCheckView } from '../../../contract';
import { fieldErrorsOf, fieldState } from '../../../components/fieldErrors';
import { useRpcAction } from '../../../components/useRpc';
import { businessToday } from '../../../format';
import { rpc } from '../../../rpc';
import { DATE_LABEL_PROPS } from './fields';
import { StepDialog } from './StepDialog';

interface Props {
  check: EconomicCheckView;
  onCancel: () => void;
  onSaved: (check: EconomicCheckView) => void;
}

/** 完成核对: the district centre's report number and date; the cases waiting on it move on. */
export function CheckCompleteDialog({ check, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [reportNo, setReportNo] = useState('');
  const [completedDate, setCompletedDate] = useState(businessToday());
  const errors = fieldErrorsOf(action.error);

  const submit = async () => {
    const saved = await action.run(() => rpc.call('checks.complete', { checkId: check.id, reportNo, completedDate }));
    if (saved) onSaved(saved);
  };

  return (
    <StepDialog title="完成核对" submitLabel="完成核对" error={action.error} busy={action.busy} onCancel={onCancel} onSubmit={() => void submit()}>
      <TextField
        label="核对报告编号"
        value={reportNo}
        onChange={(e) => {
          action.setError(null);
          setReportNo(e.target.value);
        }}
        required
        autoFocus
        slotProps={{ htmlInput: { maxLength: LIMITS.textShortMax } }}
        {...fieldState(errors, 'reportNo')}
      />
      <TextField
        label="报告日期"
        type="date"
        value={completedDate}
        onChange={(e) => {
          action.setError(null);
          setCompletedDate(e.target.value);
        }}
        required
        slotProps={DATE_LABEL_PROPS}
        {...fieldState(errors, 'completedDate')}
      />
    </StepDialog>
  );
}
