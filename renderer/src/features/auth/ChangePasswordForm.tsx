import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useState, type FormEvent } from 'react';
import { passwordProblem } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf } from '../../components/fieldErrors';
import { PasswordField } from '../../components/PasswordField';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';

/** Current, new and repeated password: used by the forced change and by the 修改密码 page. */
export function ChangePasswordForm({ onChanged, submitLabel = '修改密码' }: { onChanged: () => void; submitLabel?: string }) {
  const action = useRpcAction();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const errors = fieldErrorsOf(action.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (newPassword !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const result = await action.run(() => rpc.call('auth.changePassword', { currentPassword, newPassword }));
    if (!result) return;
    setCurrent('');
    setNew('');
    setRepeat('');
    onChanged();
  };

  return (
    <Stack component="form" spacing={2} onSubmit={(e) => void submit(e)} noValidate sx={{ maxWidth: 420 }}>
      <ErrorAlert error={action.error} />
      <PasswordField label="原密码" value={currentPassword} onChange={setCurrent} error={errors.currentPassword} autoFocus />
      <PasswordField label="新密码" value={newPassword} onChange={setNew} policy error={errors.newPassword} />
      <PasswordField
        label="确认新密码"
        value={repeat}
        onChange={setRepeat}
        error={mismatch ? '两次输入的新密码不一致' : undefined}
        autoComplete="new-password"
      />
      <Button
        type="submit"
        variant="contained"
        disabled={action.busy || !currentPassword || passwordProblem(newPassword) !== null || !repeat}
      >
        {submitLabel}
      </Button>
    </Stack>
  );
}
