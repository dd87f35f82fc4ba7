import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { AuditRow } from '../../contract';
import { formatDateTime } from '../../format';
import { actionLabel } from './actions';

export function prettyDetail(detail: string): string {
  try {
    return JSON.stringify(JSON.parse(detail) as unknown, null, 2);
  } catch {
    return detail;
  }
}

export function AuditDetailDialog({ row, onClose }: { row: AuditRow; onClose: () => void }) {
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="audit-detail-title">
      <DialogTitle id="audit-detail-title">
        第 {row.seq} 条 · {actionLabel(row.action)}
      </DialogTitle>
      <DialogContent dividers>
        <Typography variant="body2" sx={{ mb: 1 }}>
          {formatDateTime(row.at)} · {row.username ?? '（未登录）'} · {row.action}
          {row.entityType ? ` · ${row.entityType} ${row.entityId ?? ''}` : ''}
        </Typography>
        <Box component="pre" sx={{ m: 0, p: 1.5, bgcolor: 'grey.100', borderRadius: 1, overflowX: 'auto', fontSize: 13 }}>
          {prettyDetail(row.detail)}
        </Box>
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1, overflowWrap: 'anywhere' }}>
          哈希 {row.hash}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>关闭</Button>
      </DialogActions>
    </Dialog>
  );
}
