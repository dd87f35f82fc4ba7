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

/** Inside a dialog the same reason is its first line, as an alert, and the dialog's submit stays off. */
export function StandAsideAlert({ reason }: { reason: string | null }) {
  if (reason === null) return null;
  return (
    <Alert severity="error" role="alert">
      {reason}
    </Alert>
  );
}
