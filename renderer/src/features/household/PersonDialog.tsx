import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import type { Relation } from '../../contract';
import { clearChanged } from '../../components/changedPaths';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState, type FieldErrors } from '../../components/fieldErrors';
import { KeyScope } from '../../components/KeyScope';
import { SelectField } from '../../components/SelectField';
import { useRpcAction } from '../../components/useRpc';
import { businessToday } from '../../format';
import { rpc } from '../../rpc';
import { ALL_RELATION_OPTIONS } from '../registry/MemberCard';
import { PersonFields } from '../registry/PersonFields';
import { EMPTY_PERSON, personInputOf, personProblems, relationProblem, type PersonDraft } from '../registry/personDraft';

export type PersonDialogMode = { kind: 'add'; householdId: string } | { kind: 'edit'; personId: string; draft: PersonDraft };

interface Props {
  mode: PersonDialogMode;
  onCancel: () => void;
  onSaved: () => void;
}

/** Add a newly registered person to the household, or edit a member's details. */
export function PersonDialog({ mode, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [draft, setDraft] = useState<PersonDraft>(mode.kind === 'edit' ? mode.draft : EMPTY_PERSON);
  const [relation, setRelation] = useState<Relation | ''>('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const shown = { ...fieldErrorsOf(action.error), ...errors };

  const submit = async () => {
    const problems = {
      ...personProblems(draft, 'person', businessToday()),
      ...(mode.kind === 'add' ? relationProblem(relation, 'relation') : {}),
    };
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const person = personInputOf(draft);
    const saved =
      mode.kind === 'add'
        ? await action.run(() => rpc.call('registry.member.add', { householdId: mode.householdId, relation: relation as Relation, person }))
        : await action.run(() => rpc.call('registry.person.update', { personId: mode.personId, person }));
    if (saved) onSaved();
  };

  const relationField =
    mode.kind === 'add' ? (
      <SelectField
        label="与户主关系"
        value={relation}
        placeholder="请选择"
        options={ALL_RELATION_OPTIONS}
        onChange={(v) => {
          setErrors((e) => clearChanged(e, '', { relation }, { relation: v }));
          setRelation(v as Relation | '');
        }}
        autoFocus
        {...fieldState(shown, 'relation')}
      />
    ) : undefined;

  return (
    <Dialog open maxWidth="lg" fullWidth onClose={(_, reason) => reason !== 'backdropClick' && onCancel()} aria-labelledby="person-dialog-title">
      <DialogTitle id="person-dialog-title">{mode.kind === 'add' ? '新增成员' : '修改人员信息'}</DialogTitle>
      <KeyScope onSubmit={() => void submit()}>
        <DialogContent dividers>
          <ErrorAlert error={action.error} />
          <PersonFields
            draft={draft}
            onChange={(next) => {
              setErrors((e) => clearChanged(e, 'person', draft, next));
              setDraft(next);
            }}
            errors={shown}
            path="person"
            {...(relationField ? { relationField } : { autoFocusName: true })}
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
