import Box from '@mui/material/Box';
import { fingerprintLines } from './syncFormat';

/**
 * A key's fingerprint as it is read over the phone: 16 groups of 4 hex digits, four groups a
 * line, in a monospace font so 0/O and 1/I line up. The exact text rides in data-fingerprint
 * for a test to compare both sides.
 */
export function Fingerprint({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <Box
      component="code"
      aria-label={label}
      data-testid={testId}
      data-fingerprint={value}
      sx={{ display: 'block', fontFamily: 'monospace', fontSize: 18, lineHeight: 1.6, letterSpacing: '0.08em', whiteSpace: 'pre-line', my: 1 }}
    >
      {fingerprintLines(value).join('\n')}
    </Box>
  );
}
