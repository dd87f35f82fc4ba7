import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import { RELATION_LABELS, type HouseholdView, type Relation } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { KeyScope } from '../../components/KeyScope';
import { SelectField } from '../../components/SelectField';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { ALL_RELATION_OPTIONS } from '../registry/MemberCard';

interface Props {
  householdId: string;
  member: HouseholdView['members'][number];
  onCancel: () => void;
  onSaved: (household: HouseholdView) => void;
}

/**
 * Changes one member's relation to the head. The server keeps one head per household: to
 * name a new head, the current head's relation is changed first (its refusal says so).
 */
export function RelationDialog({ householdId, member, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [relation, setRelation] = useState<Relation>(member.relation);
  const errors = fieldErrorsOf(action.error);

  const submit = async () => {
    // Unchanged: nothing to ask the server (it would still write an audit entry).
    if (relation === member.relation) return onCancel();
    const saved = await action.run(() => rpc.call('registry.member.setRelation', { householdId, personId: member.person.id, relation }));
    if (saved) onSaved(saved);
  };

  return (
    <Dialog open maxWidth="xs" fullWidth onClose={(_, reason) => reason !== 'backdropClick' && onCancel()} aria-labelledby="relation-title">
      <DialogTitle id="relation-title">变更与户主关系</DialogTitle>
      <KeyScope onSubmit={() => void submit()}>
        <DialogContent dividers>
          <ErrorAlert error={action.error} />
          <DialogContentText sx={{ mb: 2 }}>
            <strong>{member.person.name}</strong>，现为：{RELATION_LABELS[member.relation]}
          </DialogContentText>
          <SelectField
            label="与户主关系"
            value={relation}
            options={ALL_RELATION_OPTIONS}
            onChange={(v) => {
              action.setError(null);
              setRelation(v as Relation);
            }}
            autoFocus
            {...fieldState(errors, 'relation')}
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
