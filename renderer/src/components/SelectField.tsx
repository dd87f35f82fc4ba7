import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';

export interface SelectOption {
  value: string;
  label: string;
}

interface Props {
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  /** Shown as the empty first choice; omit when a value is always chosen. */
  placeholder?: string;
  error?: boolean;
  helperText?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
  fullWidth?: boolean;
  name?: string;
}

/** A labelled native <select>: keyboard friendly, and getByLabel finds it. */
export function SelectField(props: Props) {
  return (
    <TextField
      select
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      error={props.error ?? false}
      helperText={props.helperText}
      required={props.required ?? false}
      disabled={props.disabled ?? false}
      autoFocus={props.autoFocus ?? false}
      fullWidth={props.fullWidth ?? true}
      name={props.name}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
    >
      {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}
