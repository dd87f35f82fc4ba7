import Alert from '@mui/material/Alert';
import type { RpcError } from '../contract';

/** The server's Chinese message, plus the support number for internal errors. */
export function ErrorAlert({ error }: { error: RpcError | null }) {
  if (!error) return null;
  return (
    <Alert severity="error" role="alert" sx={{ mb: 2 }}>
      {error.message}
      {error.correlationId && !error.message.includes(error.correlationId) ? `（编号 ${error.correlationId}）` : ''}
    </Alert>
  );
}
