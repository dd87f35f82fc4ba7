import TextField from '@mui/material/TextField';
import { parseResidentId, SEX_LABELS } from '../../contract';
import { formatPlainDate, businessToday } from '../../format';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** A server or submit-time error; wins over the live check. */
  error?: string | undefined;
  autoFocus?: boolean;
  /** Shown while the field is empty, instead of the format hint (editing: what empty means). */
  emptyHint?: string | undefined;
}

/** Live feedback while typing: what is missing, or the birth date and sex the ID says. */
function liveCheck(raw: string, emptyHint: string): { ok: boolean; text: string } {
  const text = raw.trim();
  if (text === '') return { ok: true, text: emptyHint };
  if (/^\d{1,16}$/.test(text)) return { ok: true, text: `已输入${text.length}位，还差${18 - text.length}位` };
  const parsed = parseResidentId(text, businessToday());
  if (!parsed.ok) return { ok: false, text: parsed.message };
  return { ok: true, text: `出生日期 ${formatPlainDate(parsed.value.birthDate)} · 性别 ${SEX_LABELS[parsed.value.sex]}` };
}

const FORMAT_HINT = '18位，末位可为X；出生日期和性别自动识别';

export function ResidentIdField({ value, onChange, error, autoFocus = false, emptyHint = FORMAT_HINT }: Props) {
  const live = liveCheck(value, emptyHint);
  return (
    <TextField
      label="公民身份号码"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={Boolean(error) || !live.ok}
      helperText={error ?? live.text}
      autoFocus={autoFocus}
      autoComplete="off"
      fullWidth
      slotProps={{ htmlInput: { maxLength: 18, spellCheck: false, style: { fontFamily: 'monospace', letterSpacing: 1 } } }}
    />
  );
}
