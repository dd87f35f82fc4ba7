import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { CaseDetail } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { KeyScope } from '../../components/KeyScope';
import { SelectField } from '../../components/SelectField';
import { useRpcAction } from '../../components/useRpc';
import { businessToday } from '../../format';
import { rpc } from '../../rpc';
import { SIGNATURE_LABELS } from './labels';

interface Props {
  detail: CaseDetail;
  onCancel: () => void;
  onSaved: (detail: CaseDetail) => void;
}

type Kind = 'commitment' | 'authorisation';

/** Who signs what: the applicant the commitment, every adult member the authorisation. */
function signers(detail: CaseDetail, kind: Kind): { value: string; label: string }[] {
  if (kind === 'commitment') return [{ value: detail.applicant.personId, label: `${detail.applicant.name}（申请人）` }];
  return detail.members.filter((m) => m.adult).map((m) => ({ value: m.personId, label: m.name }));
}

/** 登记签字: a signed form came back; the date is the one written on it. */
export function SignatureDialog({ detail, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [kind, setKind] = useState<Kind>('commitment');
  const [personId, setPersonId] = useState(detail.applicant.personId);
  const [signedDate, setSignedDate] = useState(businessToday());
  const errors = fieldErrorsOf(action.error);

  const submit = async () => {
    const saved = await action.run(() => rpc.call('cases.recordSignature', { caseId: detail.id, kind, personId, signedDate }));
    if (saved) onSaved(saved);
  };

  return (
    <Dialog open maxWidth="xs" fullWidth onClose={(_, reason) => reason !== 'backdropClick' && onCancel()} aria-labelledby="signature-title">
      <DialogTitle id="signature-title">登记签字</DialogTitle>
      <KeyScope onSubmit={() => void submit()}>
        <DialogContent dividers>
          <ErrorAlert error={action.error} />
          <Stack spacing={2} sx={{ pt: 1 }}>
            <SelectField
              label="文书"
              value={kind}
              options={(['commitment', 'authorisation'] as const).map((k) => ({ value: k, label: SIGNATURE_LABELS[k] }))}
              onChange={(v) => {
                const next: Kind = v === 'authorisation' ? 'authorisation' : 'commitment';
                action.setError(null);
                setKind(next);
                setPersonId(signers(detail, next)[0]?.value ?? '');
              }}
              autoFocus
              {...fieldState(errors, 'kind')}
            />
            <SelectField
              label="签字人"
              value={personId}
              options={signers(detail, kind)}
              onChange={(v) => {
                action.setError(null);
                setPersonId(v);
              }}
              {...fieldState(errors, 'personId')}
            />
            <TextField
              label="签字日期"
              type="date"
              value={signedDate}
              onChange={(e) => {
                action.setError(null);
                setSignedDate(e.target.value);
              }}
              required
              slotProps={{ inputLabel: { shrink: true } }}
              {...fieldState(errors, 'signedDate')}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>取消</Button>
          <Button variant="contained" data-primary onClick={() => void submit()} disabled={action.busy || personId === ''}>
            登记
          </Button>
        </DialogActions>
      </KeyScope>
    </Dialog>
  );
}
