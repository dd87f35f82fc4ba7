import Button from '@mui/material/Button';
import { CenteredCard } from '../../components/CenteredCard';
import { useSignedIn } from '../../session/context';
import { ChangePasswordForm } from './ChangePasswordForm';

/** After a reset (or a new account) the user must choose their own password before anything else. */
export function ForcedPasswordChange() {
  const { user, api } = useSignedIn();
  return (
    <CenteredCard title="请修改密码" subtitle={`${user.displayName}，您的密码由管理员设置，首次使用前须修改为只有您知道的密码。`}>
      <ChangePasswordForm onChanged={api.passwordChanged} submitLabel="修改密码并继续" />
      <Button onClick={() => void api.logout()} sx={{ mt: 1 }}>
        退出登录
      </Button>
    </CenteredCard>
  );
}
