import Alert from '@mui/material/Alert';

/**
 * 审批回避: why the signed-in approver must stand aside from this case (separation of duties,
 * as the server will apply it), said before anything is typed. The decision and the payment
 * panel both show it, one notice per reason.
 */
export function StandAsideNotice({ reason }: { reason: string }) {
  return (
    <Alert severity="warning" role="status" aria-label="审批回避" sx={{ py: 0 }}>
      审批回避：{reason}
    </Alert>
  );
}
