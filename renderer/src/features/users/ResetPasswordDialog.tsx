import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import { passwordProblem, type UserRow } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf } from '../../components/fieldErrors';
import { KeyScope } from '../../components/KeyScope';
import { PasswordField } from '../../components/PasswordField';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';

export function ResetPasswordDialog({ user, onCancel, onSaved }: { user: UserRow; onCancel: () => void; onSaved: () => void }) {
  const action = useRpcAction();
  const [password, setPassword] = useState('');
  const submit = async () => {
    if (passwordProblem(password)) return;
    const saved = await action.run(() => rpc.call('users.resetPassword', { id: user.id, password }));
    if (saved) onSaved();
  };
  return (
    <Dialog open maxWidth="xs" fullWidth onClose={(_, r) => r !== 'backdropClick' && onCancel()} aria-labelledby="reset-title">
      <DialogTitle id="reset-title">重置密码</DialogTitle>
      <KeyScope onSubmit={() => void submit()}>
        <DialogContent dividers>
          <ErrorAlert error={action.error} />
          <DialogContentText sx={{ mb: 2 }}>
            为 {user.displayName}（{user.username}）设置临时密码。重置后账号解除锁定、当前登录失效，下次登录须修改密码。
          </DialogContentText>
          <PasswordField label="临时密码" value={password} onChange={setPassword} policy error={fieldErrorsOf(action.error).password} autoFocus />
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>取消</Button>
          <Button variant="contained" data-primary onClick={() => void submit()} disabled={action.busy || passwordProblem(password) !== null}>
            重置
          </Button>
        </DialogActions>
      </KeyScope>
    </Dialog>
  );
}
