import TextField from '@mui/material/TextField';
import { passwordProblem } from '../contract';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Show the live password-policy hint (for new passwords). */
  policy?: boolean;
  /** A server or form error for this field; wins over the hint. */
  error?: string | undefined;
  autoFocus?: boolean;
  autoComplete?: string;
}

export function PasswordField({ label, value, onChange, policy = false, error, autoFocus = false, autoComplete }: Props) {
  const problem = policy && value !== '' ? passwordProblem(value) : null;
  const hint = policy ? (value === '' ? '至少8位，含大写字母、小写字母、数字、符号中的至少三类' : (problem ?? '密码符合要求')) : undefined;
  return (
    <TextField
      type="password"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={Boolean(error) || problem !== null}
      helperText={error ?? hint}
      autoFocus={autoFocus}
      autoComplete={autoComplete ?? (policy ? 'new-password' : 'current-password')}
      fullWidth
    />
  );
}
