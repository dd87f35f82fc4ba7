import Add from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { LIMITS, type HouseholdView, type Relation } from '../../contract';
import { clearChanged } from '../../components/changedPaths';
import { KeyScope } from '../../components/KeyScope';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, type FieldErrors } from '../../components/fieldErrors';
import { useRpcAction } from '../../components/useRpc';
import { businessToday } from '../../format';
import { rpc } from '../../rpc';
import { EMPTY_HOUSEHOLD, householdInputOf, householdProblems, type HouseholdDraft } from './householdDraft';
import { HouseholdFields } from './HouseholdFields';
import { MemberCard, type MemberDraft } from './MemberCard';
import { EMPTY_PERSON, personInputOf, personProblems, relationProblem } from './personDraft';

let nextKey = 1;
const newMember = (relation: Relation | ''): MemberDraft => ({ key: nextKey++, relation, person: EMPTY_PERSON });

function problemsOf(household: HouseholdDraft, members: MemberDraft[]): FieldErrors {
  const today = businessToday();
  let out: Record<string, string> = householdProblems(household);
  members.forEach((m, i) => {
    out = { ...out, ...personProblems(m.person, `members.${i}.person`, today) };
    if (i > 0) out = { ...out, ...relationProblem(m.relation, `members.${i}.relation`) };
  });
  return out;
}

interface Props {
  onCancel: () => void;
  onCreated: (household: HouseholdView) => void;
}

export function RegisterHouseholdDialog({ onCancel, onCreated }: Props) {
  const action = useRpcAction();
  const [household, setHousehold] = useState<HouseholdDraft>(EMPTY_HOUSEHOLD);
  const [members, setMembers] = useState<MemberDraft[]>(() => [newMember('head')]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [localCount, setLocalCount] = useState(0);

  const submit = async () => {
    if (action.busy) return;
    const problems = problemsOf(household, members);
    setErrors(problems);
    setLocalCount(Object.keys(problems).length);
    if (Object.keys(problems).length > 0) return;
    const input = {
      ...householdInputOf(household),
      members: members.map((m, i) => ({ relation: (i === 0 ? 'head' : m.relation) as Relation, person: personInputOf(m.person) })),
    };
    const created = await action.run(() => rpc.call('registry.household.create', input));
    if (created) onCreated(created);
  };

  const serverErrors = fieldErrorsOf(action.error);
  const shown: FieldErrors = { ...serverErrors, ...errors };
  const updateMember = (index: number, next: MemberDraft) => {
    const before = members[index];
    if (before) setErrors((e) => clearChanged(clearChanged(e, `members.${index}.person`, before.person, next.person), `members.${index}`, before, next));
    if (action.error) action.setError(null);
    setMembers((list) => list.map((m, i) => (i === index ? next : m)));
  };
  const reshape = (list: MemberDraft[]) => {
    setMembers(list);
    setErrors({});
    action.setError(null);
  };

  return (
    <Dialog
      open
      maxWidth="lg"
      fullWidth
      onClose={(_, reason) => {
        if (reason !== 'backdropClick') onCancel();
      }}
      aria-labelledby="register-title"
    >
      <DialogTitle id="register-title">登记新户</DialogTitle>
      <KeyScope onSubmit={() => void submit()}>
      <DialogContent dividers>
        <ErrorAlert error={action.error} />
        {localCount > 0 && !action.error && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            请更正标红的 {localCount} 处内容后再提交。
          </Alert>
        )}
        <Paper component="fieldset" variant="outlined" sx={{ p: 2, pt: 1, m: 0, mb: 2 }}>
          <Typography component="legend" variant="subtitle2" sx={{ px: 1, fontWeight: 700 }}>
            户信息
          </Typography>
          <HouseholdFields
            draft={household}
            onChange={(next) => {
              setErrors((e) => clearChanged(e, '', household, next));
              setHousehold(next);
            }}
            errors={shown}
            autoFocus
          />
        </Paper>
        {members.map((m, i) => (
          <MemberCard
            key={m.key}
            index={i}
            member={m}
            errors={shown}
            onChange={(next) => updateMember(i, next)}
            onRemove={i === 0 ? null : () => reshape(members.filter((x) => x.key !== m.key))}
          />
        ))}
        {shown.members && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {shown.members}
          </Alert>
        )}
        <Button
          startIcon={<Add />}
          onClick={() => reshape([...members, newMember('')])}
          disabled={members.length >= LIMITS.householdMembersMax}
        >
          添加成员
        </Button>
      </DialogContent>
      <DialogActions>
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1, pl: 2 }}>
          Enter 跳到下一项，Ctrl+Enter 提交，Esc 取消
        </Typography>
        <Button onClick={onCancel}>取消</Button>
        <Button variant="contained" data-primary onClick={() => void submit()} disabled={action.busy}>
          登记
        </Button>
      </DialogActions>
      </KeyScope>
    </Dialog>
  );
}
