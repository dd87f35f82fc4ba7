import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';

export function Forbidden() {
  return (
    <Alert severity="warning" sx={{ maxWidth: 560 }}>
      <AlertTitle>无权访问</AlertTitle>
      您的角色不能使用此功能。如需使用，请联系镇街管理员调整角色。
    </Alert>
  );
}
