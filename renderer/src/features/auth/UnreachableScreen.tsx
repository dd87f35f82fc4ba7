import Button from '@mui/material/Button';
import type { RpcError } from '../../contract';
import { CenteredCard } from '../../components/CenteredCard';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/context';

/** The start-up check failed: the server is unreachable, or it answered with an error (INTERNAL carries a support number). */
export function UnreachableScreen({ error }: { error: RpcError }) {
  const { restart } = useSession();
  return (
    <CenteredCard title={error.code === 'UNREACHABLE' ? '无法连接' : '无法启动'}>
      <ErrorAlert error={error} />
      <Button variant="contained" onClick={restart} fullWidth>
        重试
      </Button>
    </CenteredCard>
  );
}
