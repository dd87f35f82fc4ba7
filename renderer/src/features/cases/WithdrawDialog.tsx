import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { LIMITS, type CaseDetail } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { KeyScope } from '../../components/KeyScope';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';

interface Props {
  detail: CaseDetail;
  onCancel: () => void;
  onSaved: (detail: CaseDetail) => void;
}

/** 撤回申请: final, so the dialog says so and asks for the applicant's reason. */
export function WithdrawDialog({ detail, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [note, setNote] = useState('');
  const errors = fieldErrorsOf(action.error);

  const submit = async () => {
    const saved = await action.run(() => rpc.call('cases.transition', { caseId: detail.id, event: 'withdrawn', note }));
    if (saved) onSaved(saved);
  };

  return (
    <Dialog open maxWidth="sm" fullWidth onClose={(_, reason) => reason !== 'backdropClick' && onCancel()} aria-labelledby="withdraw-title">
      <DialogTitle id="withdraw-title">撤回申请</DialogTitle>
      <KeyScope onSubmit={() => void submit()}>
        <DialogContent dividers>
          <ErrorAlert error={action.error} />
          <DialogContentText sx={{ mb: 2 }}>
            撤回后案件 {detail.caseNo} 即办结，不能恢复；如需救助须重新申请。
          </DialogContentText>
          <TextField
            label="撤回原因"
            value={note}
            onChange={(e) => {
              action.setError(null);
              setNote(e.target.value);
            }}
            required
            fullWidth
            autoFocus
            slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }}
            {...fieldState(errors, 'note')}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>取消</Button>
          <Button variant="contained" color="error" data-primary onClick={() => void submit()} disabled={action.busy}>
            确认撤回
          </Button>
        </DialogActions>
      </KeyScope>
    </Dialog>
  );
}
