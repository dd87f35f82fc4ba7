import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { CenteredCard } from '../../components/CenteredCard';
import { useSession } from '../../session/context';

export function UnreachableScreen({ message }: { message: string }) {
  const { restart } = useSession();
  return (
    <CenteredCard title="无法连接">
      <Alert severity="error" sx={{ mb: 2 }}>
        {message}
      </Alert>
      <Button variant="contained" onClick={restart} fullWidth>
        重试
      </Button>
    </CenteredCard>
  );
}
