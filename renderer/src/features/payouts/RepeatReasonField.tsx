import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import { LIMITS, type ReliefCause, type RpcError } from '../../contract';
import { fieldState, type FieldErrors } from '../../components/fieldErrors';
import { repeatOf, repeatText, type AidHistoryView } from './AidHistory';

/**
 * The server (whose window and history are the last word) named the repeat reason: the form
 * asks for it from then on, even if the history it loaded did not show the repeat.
 */
export function serverAsksRepeat(error: RpcError | null): boolean {
  return (error?.issues ?? []).some((i) => i.path === 'repeatReason');
}

/** The form asks for the reason when the history shows the same cause inside the window, or the server asked. */
export function repeatNeeded(history: AidHistoryView | null, cause: ReliefCause | '', caseId: string, serverAsked: boolean): boolean {
  return serverAsked || (history !== null && repeatOf(history, cause, caseId) !== null);
}

interface Props {
  history: AidHistoryView | null;
  cause: ReliefCause | '';
  /** The case being decided or paid: its own earlier payout is no repeat. */
  caseId: string;
  value: string;
  onChange: (text: string) => void;
  errors: FieldErrors;
}

/** 重复救助理由: shown once a repeat within the window is known, with the earlier aid it repeats. */
export function RepeatReasonField({ history, cause, caseId, value, onChange, errors }: Props) {
  const earlier = history !== null ? repeatOf(history, cause, caseId) : null;
  return (
    <>
      <Alert severity="warning" role="status" aria-label="重复救助">
        {earlier !== null && history !== null ? repeatText(history, earlier) : '该户在规定期限内已因同一事由获得临时救助，再次救助须写明理由'}
      </Alert>
      <TextField
        label="重复救助理由"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        multiline
        slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }}
        {...fieldState(errors, 'repeatReason', '如 前次救助后又遭火灾、病情加重等新的困难')}
      />
    </>
  );
}
