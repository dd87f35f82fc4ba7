import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { LIMITS, RELATION_LABELS, RELIEF_TYPES, type HouseholdView, type OutputOf } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { KeyScope } from '../../components/KeyScope';
import { SelectField } from '../../components/SelectField';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { emptyIntake, toIntakeInput, withoutCommitments, type IntakeDraft } from './intakeDraft';
import { KindSection } from './KindSection';

interface Props {
  household: HouseholdView;
  onCancel: () => void;
  onAccepted: (result: OutputOf<'cases.intake'>, applicantName: string) => void;
}

/** 一表登记: one form for one or several kinds of assistance, each checked against the current catalogue. */
export function IntakeDialog({ household, onCancel, onAccepted }: Props) {
  const catalogue = useRpcQuery('catalogue.get', { version: null });
  const action = useRpcAction();
  const head = household.members.find((m) => m.relation === 'head') ?? household.members[0];
  const [draft, setDraft] = useState<IntakeDraft>(() => emptyIntake(head?.person.id ?? ''));
  const items = catalogue.data?.items ?? [];

  const change = (next: IntakeDraft) => {
    action.setError(null);
    setDraft(next);
  };

  const submit = async () => {
    const sent = toIntakeInput(household.id, draft, items);
    const result = await action.run(() => rpc.call('cases.intake', sent.input));
    const applicant = household.members.find((m) => m.person.id === draft.applicantPersonId);
    if (result) onAccepted(result, applicant?.person.name ?? '');
  };
  // Any change clears the error, so the draft still matches what was sent (see intakeDraft.ts).
  const shown = toIntakeInput(household.id, draft, items).remap(fieldErrorsOf(action.error));

  return (
    <Dialog open fullWidth maxWidth="md" onClose={(_, reason) => reason !== 'backdropClick' && onCancel()} aria-labelledby="intake-title">
      <DialogTitle id="intake-title">受理申请（一表登记）</DialogTitle>
      <KeyScope onSubmit={() => void submit()}>
        <DialogContent dividers>
          <ErrorAlert error={action.error} />
          <ErrorAlert error={catalogue.error} />
          <Stack spacing={2}>
            <Stack direction="row" spacing={2}>
              <SelectField
                label="申请人"
                value={draft.applicantPersonId}
                options={household.members.map((m) => ({ value: m.person.id, label: `${m.person.name}（${RELATION_LABELS[m.relation]}）` }))}
                onChange={(applicantPersonId) => change({ ...draft, applicantPersonId })}
                autoFocus
                {...fieldState(shown, 'applicantPersonId')}
              />
              <SelectField
                label="受理渠道"
                value={draft.channel}
                options={[
                  { value: 'window', label: '窗口受理' },
                  { value: 'assistant', label: '协理员代办' },
                ]}
                onChange={(v) => change({ ...draft, channel: v === 'assistant' ? 'assistant' : 'window' })}
              />
              {draft.channel === 'assistant' && (
                <TextField
                  label="协理员姓名"
                  value={draft.assistantName}
                  onChange={(e) => change({ ...draft, assistantName: e.target.value })}
                  required
                  fullWidth
                  slotProps={{ htmlInput: { maxLength: LIMITS.textShortMax } }}
                  {...fieldState(shown, 'assistantName')}
                />
              )}
            </Stack>
            <TextField
              label="申请事由"
              value={draft.reason}
              onChange={(e) => change({ ...draft, reason: e.target.value })}
              required
              fullWidth
              slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }}
              {...fieldState(shown, 'reason')}
            />
            <FormControlLabel
              control={
                <Switch
                  checked={draft.commitmentRoute}
                  onChange={(e) => {
                    const on = e.target.checked;
                    const kinds = on ? draft.kinds : Object.fromEntries(RELIEF_TYPES.map((t) => [t, withoutCommitments(draft.kinds[t])]));
                    change({ ...draft, commitmentRoute: on, kinds: kinds as IntakeDraft['kinds'] });
                  }}
                />
              }
              label="适用告知承诺制"
            />
            {shown['commitmentRoute'] && <Typography color="error">{shown['commitmentRoute']}</Typography>}
            <Typography variant="subtitle2" component="h3">
              申请救助类别
            </Typography>
            {shown['kinds'] && <Typography color="error">{shown['kinds']}</Typography>}
            {catalogue.loading && <CircularProgress aria-label="正在加载事项清单" />}
            <div>
              {items.map((item) => (
                <KindSection
                  key={item.reliefType}
                  item={item}
                  kind={draft.kinds[item.reliefType]}
                  commitmentRoute={draft.commitmentRoute}
                  errors={shown}
                  onChange={(kind) => change({ ...draft, kinds: { ...draft.kinds, [item.reliefType]: kind } })}
                />
              ))}
            </div>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>取消</Button>
          <Button variant="contained" data-primary onClick={() => void submit()} disabled={action.busy || !catalogue.data}>
            受理
          </Button>
        </DialogActions>
      </KeyScope>
    </Dialog>
  );
}
