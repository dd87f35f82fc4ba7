import LockOutlined from '@mui/icons-material/LockOutlined';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { useSignedIn } from '../../session/context';

/**
 * Covers the whole window (the page below stays mounted, so a half-filled form survives) until
 * the same user types their password. Esc does not close it.
 */
export function LockScreen() {
  const { user, api } = useSignedIn();
  const action = useRpcAction();
  const [password, setPassword] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await action.run(() => rpc.call('auth.unlock', { password }));
    setPassword('');
    if (result) api.unlocked();
  };

  return (
    <Dialog open fullScreen aria-labelledby="lock-title">
      <Stack sx={{ flexGrow: 1, alignItems: 'center', justifyContent: 'center', bgcolor: 'background.default', p: 2 }}>
        <Stack component="form" spacing={2} onSubmit={(e) => void submit(e)} noValidate sx={{ width: '100%', maxWidth: 380 }}>
          <LockOutlined color="primary" sx={{ fontSize: 48, alignSelf: 'center' }} />
          <Typography id="lock-title" variant="h5" component="h1" sx={{ fontWeight: 700, textAlign: 'center' }}>
            屏幕已锁定
          </Typography>
          <Typography color="text.secondary" sx={{ textAlign: 'center' }}>
            {user.displayName}（{user.username}），长时间未操作，请输入密码解锁。
          </Typography>
          <ErrorAlert error={action.error} />
          <PasswordField label="密码" value={password} onChange={setPassword} autoFocus />
          <Button type="submit" variant="contained" size="large" disabled={action.busy || !password}>
            解锁
          </Button>
          <Button onClick={() => void api.logout()}>退出登录</Button>
        </Stack>
      </Stack>
    </Dialog>
  );
}
