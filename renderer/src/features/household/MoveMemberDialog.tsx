import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useRef, useState } from 'react';
import { RELATION_LABELS, type Relation, type SearchHit } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { KeyScope } from '../../components/KeyScope';
import { SelectField } from '../../components/SelectField';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { ALL_RELATION_OPTIONS } from '../registry/MemberCard';
import { useRegistrySearch } from '../registry/useRegistrySearch';

interface Props {
  householdId: string;
  /** People already in this household: they cannot move in again. */
  memberIds: ReadonlySet<string>;
  onCancel: () => void;
  onMoved: () => void;
}

function describe(hit: SearchHit): string {
  const where = hit.villageName ? `现属 ${hit.villageName}${hit.headName ? ` ${hit.headName}户` : ''}（${hit.relation ? RELATION_LABELS[hit.relation] : ''}）` : '目前不在任何户中';
  return `${hit.residentIdMasked} · ${where}`;
}

/** Moves an already registered person into this household; the old membership is kept with the reason. */
export function MoveMemberDialog({ householdId, memberIds, onCancel, onMoved }: Props) {
  const action = useRpcAction();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<SearchHit | null>(null);
  const enterPendingFor = useRef<string | null>(null);
  const search = useRegistrySearch(q, (answer) => {
    if (enterPendingFor.current !== answer.query) return;
    enterPendingFor.current = null;
    const first = answer.hits.find((h) => !memberIds.has(h.personId));
    if (first) setChosen(first);
  });
  const [relation, setRelation] = useState<Relation | ''>('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const errors = fieldErrorsOf(action.error);
  const candidates = search.hits.filter((h) => !memberIds.has(h.personId));

  const submit = async () => {
    if (!chosen) return setProblem('请先在查找结果中选择要迁入的人员');
    if (relation === '') return setProblem('请选择与户主关系');
    if (reason.trim() === '') return setProblem('请填写迁移原因');
    setProblem(null);
    const moved = await action.run(() =>
      rpc.call('registry.member.move', { personId: chosen.personId, toHouseholdId: householdId, relation, reason: reason.trim() }),
    );
    if (moved) onMoved();
  };

  return (
    <Dialog open maxWidth="sm" fullWidth onClose={(_, r) => r !== 'backdropClick' && onCancel()} aria-labelledby="move-title">
      <DialogTitle id="move-title">迁入成员</DialogTitle>
      <KeyScope onSubmit={() => void submit()}>
        <DialogContent dividers>
          <ErrorAlert error={action.error} />
          {problem && (
            <Alert severity="warning" sx={{ mb: 2 }}>
              {problem}
            </Alert>
          )}
          <Stack spacing={2}>
            {chosen ? (
              <Alert severity="info" action={<Button onClick={() => setChosen(null)}>重新选择</Button>}>
                迁入：<strong>{chosen.name}</strong> {describe(chosen)}
              </Alert>
            ) : (
              <>
                <TextField
                  label="查找要迁入的人员"
                  value={q}
                  onChange={(e) => setQ(e.target.value)}
                  onKeyDown={(e) => {
                    // Enter takes the first match (once the answer is in), as in the registry search.
                    if (e.key !== 'Enter' || e.ctrlKey || e.nativeEvent.isComposing) return;
                    e.preventDefault();
                    const first = candidates[0];
                    if (search.query === q.trim() && first) setChosen(first);
                    else enterPendingFor.current = q.trim();
                  }}
                  autoFocus
                  autoComplete="off"
                  helperText="身份号码、姓名、拼音首字母或电话；Enter 选择第一条"
                />
                <List dense aria-label="可迁入的人员" sx={{ maxHeight: 240, overflowY: 'auto' }}>
                  {candidates.map((hit) => (
                    <ListItemButton key={hit.personId} onClick={() => setChosen(hit)}>
                      <ListItemText primary={hit.name} secondary={describe(hit)} />
                    </ListItemButton>
                  ))}
                </List>
              </>
            )}
            <SelectField label="与户主关系" value={relation} placeholder="请选择" options={ALL_RELATION_OPTIONS} onChange={(v) => setRelation(v as Relation | '')} {...fieldState(errors, 'relation')} />
            <TextField label="迁移原因" value={reason} onChange={(e) => setReason(e.target.value)} fullWidth {...fieldState(errors, 'reason', '如：婚嫁迁入、投靠子女')} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>取消</Button>
          <Button variant="contained" data-primary onClick={() => void submit()} disabled={action.busy}>
            迁入
          </Button>
        </DialogActions>
      </KeyScope>
    </Dialog>
  );
}
