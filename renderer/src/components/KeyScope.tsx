import Box from '@mui/material/Box';
import type { ReactNode } from 'react';
import { handleFormKeys } from './enterAdvance';

/**
 * Wraps a dialog's content and actions (no box of its own in the layout) so Enter walks
 * through every field and ends on the submit button, and Ctrl+Enter submits from anywhere.
 */
export function KeyScope({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <Box sx={{ display: 'contents' }} onKeyDown={(e) => handleFormKeys(e, onSubmit)}>
      {children}
    </Box>
  );
}
