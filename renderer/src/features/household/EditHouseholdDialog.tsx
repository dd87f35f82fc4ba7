import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import type { HouseholdView } from '../../contract';
import { clearChanged } from '../../components/changedPaths';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, type FieldErrors } from '../../components/fieldErrors';
import { KeyScope } from '../../components/KeyScope';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { householdDraftOf, householdInputOf, householdProblems } from '../registry/householdDraft';
import { HouseholdFields } from '../registry/HouseholdFields';

interface Props {
  household: HouseholdView;
  onCancel: () => void;
  onSaved: (household: HouseholdView) => void;
}

export function EditHouseholdDialog({ household, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [draft, setDraft] = useState(() => householdDraftOf(household));
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = async () => {
    const problems = householdProblems(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const saved = await action.run(() => rpc.call('registry.household.update', { householdId: household.id, ...householdInputOf(draft) }));
    if (saved) onSaved(saved);
  };

  return (
    <Dialog open maxWidth="md" fullWidth onClose={(_, reason) => reason !== 'backdropClick' && onCancel()} aria-labelledby="edit-household-title">
      <DialogTitle id="edit-household-title">修改户信息</DialogTitle>
      <KeyScope onSubmit={() => void submit()}>
        <DialogContent dividers>
          <ErrorAlert error={action.error} />
          <HouseholdFields
            draft={draft}
            onChange={(next) => {
              setErrors((e) => clearChanged(e, '', draft, next));
              setDraft(next);
            }}
            errors={{ ...fieldErrorsOf(action.error), ...errors }}
            autoFocus
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>取消</Button>
          <Button variant="contained" data-primary onClick={() => void submit()} disabled={action.busy}>
            保存
          </Button>
        </DialogActions>
      </KeyScope>
    </Dialog>
  );
}
