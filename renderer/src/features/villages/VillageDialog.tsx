import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { Village } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { KeyScope } from '../../components/KeyScope';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';

interface Props {
  townCode: string;
  /** null: a new village. */
  village: Village | null;
  onCancel: () => void;
  onSaved: () => void;
}

export function VillageDialog({ townCode, village, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [code, setCode] = useState(village?.code ?? townCode);
  const [name, setName] = useState(village?.name ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrorsOf(action.error), ...local };

  const submit = async () => {
    const problems: Record<string, string> = {};
    if (!village && !/^\d{12}$/.test(code)) problems.code = '村居代码应为12位数字';
    else if (!village && !code.startsWith(townCode)) problems.code = `须以本镇街代码 ${townCode} 开头`;
    if (name.trim() === '') problems.name = '请输入村居名称';
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const saved = village
      ? await action.run(() => rpc.call('villages.update', { code: village.code, name: name.trim(), active: village.active }))
      : await action.run(() => rpc.call('villages.create', { code, name: name.trim() }));
    if (saved) onSaved();
  };

  return (
    <Dialog open maxWidth="xs" fullWidth onClose={(_, r) => r !== 'backdropClick' && onCancel()} aria-labelledby="village-title">
      <DialogTitle id="village-title">{village ? '修改村居名称' : '新增村居'}</DialogTitle>
      <KeyScope onSubmit={() => void submit()}>
        <DialogContent dividers>
          <ErrorAlert error={action.error} />
          <Stack spacing={2}>
            <TextField
              label="村居代码"
              value={code}
              onChange={(e) => setCode(e.target.value.trim())}
              disabled={Boolean(village)}
              autoFocus={!village}
              slotProps={{ htmlInput: { maxLength: 12, inputMode: 'numeric' } }}
              {...fieldState(errors, 'code', `12位，以本镇街代码 ${townCode} 开头（村委会2xx，居委会0xx）`)}
            />
            <TextField label="村居名称" value={name} onChange={(e) => setName(e.target.value)} autoFocus={Boolean(village)} {...fieldState(errors, 'name')} />
          </Stack>
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
