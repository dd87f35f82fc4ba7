import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import type { CaseDetail, MaterialStatus } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf } from '../../components/fieldErrors';
import { KeyScope } from '../../components/KeyScope';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { MaterialChoice } from './MaterialChoice';

interface Props {
  detail: CaseDetail;
  onCancel: () => void;
  onSaved: (detail: CaseDetail) => void;
}

/** 补齐材料: the whole checklist again; once nothing required is missing the case is accepted. */
export function MaterialsDialog({ detail, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [statuses, setStatuses] = useState<MaterialStatus[]>(() => detail.materials.map((m) => m.status));
  const errors = fieldErrorsOf(action.error);

  const submit = async () => {
    const materials = detail.materials.map((m, i) => ({ materialId: m.materialId, status: statuses[i] ?? m.status }));
    const saved = await action.run(() => rpc.call('cases.updateMaterials', { caseId: detail.id, materials }));
    if (saved) onSaved(saved);
  };

  return (
    <Dialog open fullWidth maxWidth="md" onClose={(_, reason) => reason !== 'backdropClick' && onCancel()} aria-labelledby="materials-title">
      <DialogTitle id="materials-title">补齐材料</DialogTitle>
      <KeyScope onSubmit={() => void submit()}>
        <DialogContent dividers>
          <ErrorAlert error={action.error} />
          {detail.materials.map((m, i) => (
            <MaterialChoice
              key={m.materialId}
              material={{ id: m.materialId, name: m.name, optional: m.optional, commitmentReplaceable: m.commitmentReplaceable }}
              value={statuses[i] ?? m.status}
              commitmentRoute={detail.commitmentRoute}
              error={errors[`materials.${i}.status`] ?? errors[`materials.${i}.materialId`]}
              onChange={(status) => {
                action.setError(null);
                setStatuses(statuses.map((s, j) => (j === i ? status : s)));
              }}
            />
          ))}
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
