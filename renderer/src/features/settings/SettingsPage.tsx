import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { PageHeader } from '../../components/PageHeader';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { useSignedIn } from '../../session/context';

const { idleLockMinutesMin: MIN, idleLockMinutesMax: MAX } = LIMITS;

function SettingsForm({ initialMinutes }: { initialMinutes: number }) {
  const { api } = useSignedIn();
  const action = useRpcAction();
  const [minutes, setMinutes] = useState(String(initialMinutes));
  const [saved, setSaved] = useState(false);
  const value = Number(minutes);
  const valid = Number.isInteger(value) && value >= MIN && value <= MAX;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = await action.run(() => rpc.call('settings.update', { idleLockMinutes: value }));
    if (!result) return;
    api.idleLockChanged(result.idleLockMinutes * 60_000);
    setSaved(true);
  };

  return (
    <Stack component="form" spacing={2} onSubmit={(e) => void submit(e)} noValidate sx={{ maxWidth: 360 }}>
      <ErrorAlert error={action.error} />
      {saved && <Alert severity="success">设置已保存</Alert>}
      <TextField
        type="number"
        label="空闲锁定时间（分钟）"
        value={minutes}
        onChange={(e) => {
          setSaved(false);
          setMinutes(e.target.value);
        }}
        slotProps={{ htmlInput: { min: MIN, max: MAX, step: 1 } }}
        {...(valid ? fieldState(fieldErrorsOf(action.error), 'idleLockMinutes', `无键盘鼠标操作超过该时间后锁定屏幕（${MIN}-${MAX}）`) : { error: true, helperText: `请输入 ${MIN} 到 ${MAX} 之间的整数` })}
      />
      <Button type="submit" variant="contained" disabled={!valid || action.busy}>
        保存
      </Button>
    </Stack>
  );
}

export function SettingsPage() {
  const settings = useRpcQuery('settings.get', {});
  return (
    <>
      <PageHeader title="系统设置" />
      <ErrorAlert error={settings.error} />
      <Paper sx={{ p: 3, maxWidth: 480 }}>{settings.data && <SettingsForm initialMinutes={settings.data.idleLockMinutes} />}</Paper>
    </>
  );
}
