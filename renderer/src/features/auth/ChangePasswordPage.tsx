import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { ChangePasswordForm } from './ChangePasswordForm';

export function ChangePasswordPage() {
  const [done, setDone] = useState(false);
  return (
    <>
      <PageHeader title="修改密码" />
      <Paper sx={{ p: 3, maxWidth: 480 }}>
        {done && (
          <Alert severity="success" sx={{ mb: 2 }} onClose={() => setDone(false)}>
            密码已修改，下次登录请使用新密码。
          </Alert>
        )}
        <ChangePasswordForm onChanged={() => setDone(true)} />
      </Paper>
    </>
  );
}
