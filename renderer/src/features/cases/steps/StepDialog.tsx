import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import type { ReactNode } from 'react';
import type { RpcError } from '../../../contract';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { KeyScope } from '../../../components/KeyScope';

interface Props {
  title: string;
  submitLabel: string;
  error: RpcError | null;
  busy: boolean;
  /** The step may not be taken at all (the dialog says why): the submit button stays off. */
  submitDisabled?: boolean;
  onCancel: () => void;
  onSubmit: () => void;
  children: ReactNode;
}

/** The frame every step dialog shares: Ctrl+Enter submits, Esc cancels, a stray click does not. */
export function StepDialog({ title, submitLabel, error, busy, submitDisabled = false, onCancel, onSubmit, children }: Props) {
  const id = `step-${title}`;
  return (
    <Dialog open maxWidth="sm" fullWidth onClose={(_, reason) => reason !== 'backdropClick' && onCancel()} aria-labelledby={id}>
      <DialogTitle id={id}>{title}</DialogTitle>
      <KeyScope onSubmit={onSubmit}>
        <DialogContent dividers>
          <ErrorAlert error={error} />
          <Stack spacing={2} sx={{ pt: 1 }}>
            {children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>取消</Button>
          <Button variant="contained" data-primary onClick={onSubmit} disabled={busy || submitDisabled}>
            {submitLabel}
          </Button>
        </DialogActions>
      </KeyScope>
    </Dialog>
  );
}
