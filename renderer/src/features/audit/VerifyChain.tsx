import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import type { OutputOf } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';

export function VerifyChain() {
  const action = useRpcAction();
  const [result, setResult] = useState<OutputOf<'audit.verify'> | null>(null);
  const verify = async () => {
    setResult(null);
    setResult(await action.run(() => rpc.call('audit.verify', {})));
  };
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
      <Button variant="outlined" onClick={() => void verify()} disabled={action.busy}>
        校验哈希链
      </Button>
      {result && (
        <Alert severity={result.intact ? 'success' : 'error'} sx={{ py: 0 }} role="status">
          {result.intact ? `完整（${result.rows} 条）` : `在第 ${result.brokenAtSeq} 条处断裂`}
        </Alert>
      )}
      <ErrorAlert error={action.error} />
    </Stack>
  );
}
