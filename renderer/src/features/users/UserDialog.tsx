import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { parseResidentId, passwordProblem, type InstallationKind, type Role, type UserRow } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { KeyScope } from '../../components/KeyScope';
import { PasswordField } from '../../components/PasswordField';
import { useRpcAction } from '../../components/useRpc';
import { businessToday } from '../../format';
import { rpc } from '../../rpc';
import { ResidentIdField } from '../registry/ResidentIdField';
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
  // The stored ID is never sent here in full: empty keeps it, a new one replaces it, 清除 drops it.
  const [residentId, setResidentId] = useState('');
  const [clearId, setClearId] = useState(false);
  const stored = user?.residentIdMasked ?? null;
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrorsOf(action.error), ...local };

  const submit = async () => {
    const problems: Record<string, string> = {};
    if (roles.length === 0) problems.roles = '至少选择一个角色';
    const policy = user ? null : passwordProblem(password);
    if (policy) problems.password = policy;
    const typed = clearId ? '' : residentId.trim();
    const parsed = typed === '' ? null : parseResidentId(typed, businessToday());
    if (parsed && !parsed.ok) problems.residentId = parsed.message;
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const given = clearId ? null : typed === '' ? undefined : typed;
    const saved = user
      ? await action.run(() => rpc.call('users.update', { id: user.id, displayName, roles, residentId: given }))
      : await action.run(() => rpc.call('users.create', { username, displayName, roles, password, residentId: given }));
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
            {!clearId && (
              <ResidentIdField
                value={residentId}
                onChange={(v) => {
                  setLocal(({ residentId: _dropped, ...rest }) => rest);
                  setResidentId(v);
                }}
                error={errors.residentId}
                emptyHint={
                  stored
                    ? `本人身份号码已登记（${stored}），不填则保留；填写新号码则替换`
                    : '选填：本人的身份号码。登记后，审批人不能审批本户成员的申请'
                }
              />
            )}
            {stored && (
              <FormControlLabel
                control={<Checkbox checked={clearId} onChange={(e) => setClearId(e.target.checked)} />}
                label={`清除已登记的身份号码（${stored}）`}
              />
            )}
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
