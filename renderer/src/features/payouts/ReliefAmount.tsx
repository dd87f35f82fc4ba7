import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import { amountInCapitals, formatYuan } from '../../contract';
import { fieldState, type FieldErrors } from '../../components/fieldErrors';
import { fenOf } from '../cases/steps/fields';

interface Props {
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** The town's approval limit today (payouts.forCase), or null while it loads. */
  limitFen: number | null;
  /** What to say when the typed amount is above the limit (the town cannot approve it). */
  overLimitAdvice: string;
  errors: FieldErrors;
  /** Said under the field when the form was submitted without an amount. */
  missing?: string | null;
  required?: boolean;
  autoFocus?: boolean;
}

/** The amount as typed (yuan, 1,200.50) read as fen; over: above the town's limit. */
export function reliefAmount(text: string, limitFen: number | null): { fen: number | null; problem: string | null; over: boolean } {
  const parsed = fenOf(text);
  return { ...parsed, over: parsed.fen !== null && limitFen !== null && parsed.fen > limitFen };
}

/**
 * A temporary-relief amount: typed in yuan, read back in figures and capitals, the town's
 * limit beside it; above the limit a warning says what to do instead (the server refuses it).
 */
export function ReliefAmountField({ label, value, onChange, limitFen, overLimitAdvice, errors, missing = null, required = false, autoFocus = false }: Props) {
  const amount = reliefAmount(value, limitFen);
  const limit = limitFen !== null ? `镇街审批限额 ${formatYuan(limitFen)}` : '';
  const hint = amount.fen !== null ? `${formatYuan(amount.fen)}（大写：${amountInCapitals(amount.fen)}）；${limit}` : `以元为单位，如 1200 或 1,200.50；${limit}`;
  return (
    <>
      <TextField
        label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        inputMode="decimal"
        required={required}
        autoFocus={autoFocus}
        {...(amount.problem !== null || missing !== null ? { error: true, helperText: amount.problem ?? missing } : fieldState(errors, 'amountFen', hint))}
      />
      {amount.over && limitFen !== null && (
        <Alert severity="warning" role="alert" aria-label="超过审批限额">
          金额超过镇街审批限额 {formatYuan(limitFen)}，镇街不能批准：{overLimitAdvice}
        </Alert>
      )}
    </>
  );
}
