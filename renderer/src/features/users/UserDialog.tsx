import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { passwordProblem, type InstallationKind, type Role, type UserRow } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { KeyScope } from '../../components/KeyScope';
import { PasswordField } from '../../components/PasswordField';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { RolePicker } from './RolePicker';

interface Props {
  kind: InstallationKind;
  /** null: a new user. */
  user: UserRow | null;
  onCancel: () => void;
  onSaved: () => void;
}

export function UserDialog({ kind, user, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [roles, setRoles] = useState<Role[]>(user?.roles ?? []);
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrorsOf(action.error), ...local };

  const submit = async () => {
    const problems: Record<string, string> = {};
    if (roles.length === 0) problems.roles = '至少选择一个角色';
    const policy = user ? null : passwordProblem(password);
    if (policy) problems.password = policy;
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const saved = user
      ? await action.run(() => rpc.call('users.update', { id: user.id, displayName, roles }))
      : await action.run(() => rpc.call('users.create', { username, displayName, roles, password }));
    if (saved) onSaved();
  };

  return (
    <Dialog open maxWidth="sm" fullWidth onClose={(_, r) => r !== 'backdropClick' && onCancel()} aria-labelledby="user-dialog-title">
      <DialogTitle id="user-dialog-title">{user ? `修改用户 ${user.username}` : '新建用户'}</DialogTitle>
      <KeyScope onSubmit={() => void submit()}>
        <DialogContent dividers>
          <ErrorAlert error={action.error} />
          <Stack spacing={2}>
            {!user && (
              <TextField label="用户名" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus autoComplete="off" {...fieldState(errors, 'username', '2-32位字母、数字、下划线、点或短横线')} />
            )}
            <TextField label="姓名" value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoFocus={Boolean(user)} {...fieldState(errors, 'displayName')} />
            <RolePicker kind={kind} value={roles} onChange={setRoles} error={errors.roles} />
            {!user && <PasswordField label="初始密码" value={password} onChange={setPassword} policy error={errors.password} />}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>取消</Button>
          <Button variant="contained" data-primary onClick={() => void submit()} disabled={action.busy}>
            {user ? '保存' : '创建'}
          </Button>
        </DialogActions>
      </KeyScope>
    </Dialog>
  );
}
