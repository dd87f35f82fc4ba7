import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import type { Installation } from '../../contract';
import { CenteredCard } from '../../components/CenteredCard';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { useSession } from '../../session/context';

export function LoginScreen({ installation, notice }: { installation: Installation | null; notice: string | null }) {
  const { loggedIn } = useSession();
  const action = useRpcAction();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await action.run(() => rpc.call('auth.login', { username, password }));
    if (result) loggedIn(result);
    else setPassword('');
  };

  const place = installation ? (installation.townName ?? installation.districtName) : null;
  return (
    <CenteredCard title="登录" {...(place ? { subtitle: place } : {})}>
      {notice && !action.error && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {notice}
        </Alert>
      )}
      <ErrorAlert error={action.error} />
      <Stack component="form" spacing={2} onSubmit={(e) => void submit(e)} noValidate>
        <TextField label="用户名" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoFocus fullWidth />
        <PasswordField label="密码" value={password} onChange={setPassword} />
        <Button type="submit" variant="contained" size="large" disabled={action.busy || !username || !password}>
          登录
        </Button>
      </Stack>
    </CenteredCard>
  );
}
