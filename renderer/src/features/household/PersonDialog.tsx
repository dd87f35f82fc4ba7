import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import type { PersonView, Relation } from '../../contract';
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
import { draftOf, EMPTY_PERSON, personInputOf, personProblems, personUpdateOf, relationProblem, type PersonDraft } from '../registry/personDraft';

export type PersonDialogMode = { kind: 'add'; householdId: string } | { kind: 'edit'; person: PersonView };

interface Props {
  mode: PersonDialogMode;
  onCancel: () => void;
  /** residentIdChanged: an edit that typed a new ID (a full ID shown on the page is then stale). */
  onSaved: (residentIdChanged: boolean) => void;
}

/**
 * Add a newly registered person to the household, or edit a member's details. Editing never
 * reveals the full ID: the ID field starts empty and, left empty, keeps the current ID.
 */
export function PersonDialog({ mode, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [draft, setDraft] = useState<PersonDraft>(() => (mode.kind === 'edit' ? draftOf(mode.person) : EMPTY_PERSON));
  const [relation, setRelation] = useState<Relation | ''>('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const shown = { ...fieldErrorsOf(action.error), ...errors };

  const submit = async () => {
    const problems = {
      ...personProblems(draft, 'person', businessToday(), mode.kind === 'edit' ? 'edit' : 'new'),
      ...(mode.kind === 'add' ? relationProblem(relation, 'relation') : {}),
    };
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    if (mode.kind === 'add') {
      const person = personInputOf(draft);
      const saved = await action.run(() => rpc.call('registry.member.add', { householdId: mode.householdId, relation: relation as Relation, person }));
      if (saved) onSaved(false);
    } else {
      const person = personUpdateOf(draft);
      const saved = await action.run(() => rpc.call('registry.person.update', { personId: mode.person.id, person }));
      if (saved) onSaved(person.residentId !== undefined);
    }
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
            {...(mode.kind === 'edit' ? { keptResidentIdMasked: mode.person.residentIdMasked } : {})}
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
