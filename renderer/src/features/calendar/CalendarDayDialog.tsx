import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { LIMITS } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { KeyScope } from '../../components/KeyScope';
import { SelectField } from '../../components/SelectField';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  note: string;
}

export const DAY_KIND_LABELS: Record<CalendarDay['kind'], string> = { holiday: '法定节假日（不上班）', workday: '调休上班日' };

interface Props {
  /** null: a new date. */
  day: CalendarDay | null;
  onCancel: () => void;
  onSaved: () => void;
}

export function CalendarDayDialog({ day, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [date, setDate] = useState(day?.date ?? '');
  const [kind, setKind] = useState<CalendarDay['kind']>(day?.kind ?? 'holiday');
  const [note, setNote] = useState(day?.note ?? '');
  const errors = fieldErrorsOf(action.error);

  const submit = async () => {
    const saved = await action.run(() => rpc.call('calendar.set', { date, kind, note }));
    if (saved) onSaved();
  };
  const edited = <T,>(set: (v: T) => void) => (v: T) => {
    action.setError(null);
    set(v);
  };

  return (
    <Dialog open maxWidth="xs" fullWidth onClose={(_, reason) => reason !== 'backdropClick' && onCancel()} aria-labelledby="day-title">
      <DialogTitle id="day-title">{day ? '修改日期' : '添加日期'}</DialogTitle>
      <KeyScope onSubmit={() => void submit()}>
        <DialogContent dividers>
          <ErrorAlert error={action.error} />
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              label="日期"
              type="date"
              value={date}
              onChange={(e) => edited(setDate)(e.target.value)}
              disabled={day !== null}
              required
              autoFocus={day === null}
              slotProps={{ inputLabel: { shrink: true } }}
              {...fieldState(errors, 'date')}
            />
            <SelectField
              label="类型"
              value={kind}
              options={(['holiday', 'workday'] as const).map((k) => ({ value: k, label: DAY_KIND_LABELS[k] }))}
              onChange={(v) => edited(setKind)(v === 'workday' ? 'workday' : 'holiday')}
              autoFocus={day !== null}
            />
            <TextField
              label="说明"
              value={note}
              onChange={(e) => edited(setNote)(e.target.value)}
              placeholder="如：春节、国庆节调休"
              slotProps={{ htmlInput: { maxLength: LIMITS.textShortMax } }}
              {...fieldState(errors, 'note')}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>取消</Button>
          <Button variant="contained" data-primary onClick={() => void submit()} disabled={action.busy || date === ''}>
            保存
          </Button>
        </DialogActions>
      </KeyScope>
    </Dialog>
  );
}
