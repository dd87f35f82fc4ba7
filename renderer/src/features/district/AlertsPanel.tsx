import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { QueryState } from '../../components/useRpc';
import { SYNC_ALERT_LABELS, type SyncAlertRow } from '../../contract';
import { formatDateTime } from '../../format';
import { newestFirst } from './districtFormat';

// 预警 on the 区级总览: what only the district can see (the same person paid temporary relief by
// two towns, a town's audit chain that does not continue, a wrong PC clock, a forked package).
// Shown at the top in red while there is any, newest first; the full list with the package
// each came from is on the 数据同步 page.

/** Shown before 显示全部: enough to see what kind of trouble there is without pushing the page down. */
const FIRST_SHOWN = 8;

export function AlertsPanel({ alerts, townName }: { alerts: QueryState<SyncAlertRow[]>; townName: (code: string | null) => string }) {
  const [all, setAll] = useState(false);
  const rows = newestFirst(alerts.data ?? []);
  const shown = all ? rows : rows.slice(0, FIRST_SHOWN);
  if (alerts.error) return <ErrorAlert error={alerts.error} />;
  if (!alerts.data) return null;
  if (rows.length === 0) {
    return (
      <Alert severity="success" sx={{ mb: 2 }} aria-label="预警">
        没有预警
      </Alert>
    );
  }
  return (
    <Alert severity="error" sx={{ mb: 2 }} aria-label="预警" role="region">
      <AlertTitle>预警（{rows.length} 条）</AlertTitle>
      {shown.map((a) => (
        <Typography key={a.id} variant="body2" component="p" data-testid={`alert-${a.id}`} data-kind={a.kind} sx={{ mb: 0.5 }}>
          <strong>{SYNC_ALERT_LABELS[a.kind]}</strong>
          {a.peerCode !== null && `（${townName(a.peerCode)}${a.sequence !== null ? `，第 ${a.sequence} 号数据包` : ''}）`}：{a.message}
          <Typography component="span" variant="body2" color="text.secondary">
            {' '}
            {formatDateTime(a.at)}
          </Typography>
        </Typography>
      ))}
      {shown.length < rows.length && (
        <Button size="small" color="inherit" onClick={() => setAll(true)}>
          显示全部 {rows.length} 条
        </Button>
      )}
    </Alert>
  );
}
