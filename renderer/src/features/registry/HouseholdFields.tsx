import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { REGISTRATION_LABELS, REGISTRATIONS, type Registration } from '../../contract';
import { fieldState, type FieldErrors } from '../../components/fieldErrors';
import { SelectField } from '../../components/SelectField';
import { useRpcQuery } from '../../components/useRpc';
import type { HouseholdDraft } from './householdDraft';

const REGISTRATION_OPTIONS = REGISTRATIONS.map((r) => ({ value: r, label: REGISTRATION_LABELS[r] }));

interface Props {
  draft: HouseholdDraft;
  onChange: (draft: HouseholdDraft) => void;
  errors: FieldErrors;
  autoFocus?: boolean;
}

export function HouseholdFields({ draft, onChange, errors, autoFocus = false }: Props) {
  const villages = useRpcQuery('villages.list', { includeInactive: false });
  const set = <K extends keyof HouseholdDraft>(key: K, value: HouseholdDraft[K]) => onChange({ ...draft, [key]: value });
  const options = (villages.data ?? []).map((v) => ({ value: v.code, label: v.name }));
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 2 }}>
      <SelectField
        label="村居"
        value={draft.villageCode}
        placeholder={villages.loading ? '正在加载…' : '请选择村居'}
        options={options}
        onChange={(v) => set('villageCode', v)}
        autoFocus={autoFocus}
        {...fieldState(errors, 'villageCode', villages.error?.message)}
      />
      <Box sx={{ gridColumn: 'span 3' }}>
        <TextField label="住址" value={draft.address} onChange={(e) => set('address', e.target.value)} fullWidth {...fieldState(errors, 'address')} />
      </Box>
      <TextField label="电话" value={draft.phone} onChange={(e) => set('phone', e.target.value)} fullWidth {...fieldState(errors, 'phone')} />
      <SelectField
        label="户籍类型"
        value={draft.registration}
        placeholder="请选择"
        options={REGISTRATION_OPTIONS}
        onChange={(v) => set('registration', v as Registration | '')}
        {...fieldState(errors, 'registration')}
      />
    </Box>
  );
}
