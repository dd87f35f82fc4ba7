import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import type { OutputOf } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { rpc } from '../../rpc';

type Layout = OutputOf<'printing.receiptPreview'>['layout'];
type Printed = OutputOf<'printing.printReceipt'>;

/** The receipt line for line as the printer gets it, in the printer's character columns. */
export function ReceiptPreview({ layout }: { layout: Layout }) {
  return (
    <Box
      data-testid="receipt-preview"
      sx={{ width: `${layout.columns + 2}ch`, maxWidth: '100%', mx: 'auto', p: '1ch', border: 1, borderColor: 'divider', fontFamily: 'monospace', fontSize: 14, lineHeight: 1.4, bgcolor: '#fff', color: '#000' }}
    >
      {layout.lines.map((line, i) =>
        line.kind === 'qr' ? (
          <Box key={i} sx={{ textAlign: 'center', my: 1 }}>
            [二维码 {line.payload}]
          </Box>
        ) : (
          <Box
            key={i}
            sx={{ whiteSpace: 'pre-wrap', textAlign: line.align, fontWeight: line.bold ? 700 : 400, fontSize: line.size === 'double' ? 20 : 14 }}
          >
            {line.text === '' ? ' ' : line.text}
          </Box>
        ),
      )}
    </Box>
  );
}

function outcomeText({ copyNo, reprint, printed }: Printed): { ok: boolean; text: string } {
  const copy = reprint ? `补打（第 ${copyNo} 份）` : `第 ${copyNo} 份`;
  return printed.ok ? { ok: true, text: `回执已打印：${copy}` } : { ok: false, text: `${printed.message}（已记录${copy}）` };
}

/** 打印受理回执: the preview, then 打印 (recorded as a copy; from the second on, 补打). */
export function ReceiptDialog({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const preview = useRpcQuery('printing.receiptPreview', { caseId });
  const action = useRpcAction();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const reprint = (preview.data?.nextCopyNo ?? 1) > 1;

  const print = async () => {
    setOutcome(null);
    const result = await action.run(() => rpc.call('printing.printReceipt', { caseId }));
    if (!result) return;
    setOutcome(outcomeText(result));
    preview.reload();
  };

  return (
    <Dialog open maxWidth="md" onClose={onClose} aria-labelledby="receipt-title">
      <DialogTitle id="receipt-title">{reprint ? '补打受理回执' : '打印受理回执'}</DialogTitle>
      <DialogContent dividers>
        <ErrorAlert error={preview.error ?? action.error} />
        {outcome && (
          <Alert severity={outcome.ok ? 'success' : 'warning'} role="status" sx={{ mb: 2 }}>
            {outcome.text}
          </Alert>
        )}
        {preview.data ? <ReceiptPreview layout={preview.data.layout} /> : !preview.error && <CircularProgress aria-label="正在加载" />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>关闭</Button>
        <Button variant="contained" onClick={() => void print()} disabled={action.busy || !preview.data}>
          {reprint ? '补打' : '打印'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The case page's button: clerks print the receipt from the case. */
export function ReceiptButton({ caseId }: { caseId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen(true)}>
        打印受理回执
      </Button>
      {open && <ReceiptDialog caseId={caseId} onClose={() => setOpen(false)} />}
    </>
  );
}
