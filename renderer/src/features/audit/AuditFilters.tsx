import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { SelectField } from '../../components/SelectField';
import { useRpcQuery } from '../../components/useRpc';
import { ACTION_LABELS } from './actions';

export interface AuditFilter {
  userId: string | null;
  action: string | null;
  fromDate: string | null;
  toDate: string | null;
}

export const NO_FILTER: AuditFilter = { userId: null, action: null, fromDate: null, toDate: null };

const ACTION_OPTIONS = Object.entries(ACTION_LABELS)
  .map(([value, label]) => ({ value, label: `${label}（${value}）` }))
  .sort((a, b) => a.value.localeCompare(b.value));

export function AuditFilters({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const users = useRpcQuery('users.list', {});
  const [userId, setUserId] = useState('');
  const [action, setAction] = useState('');
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const apply = () => onApply({ userId: userId || null, action: action || null, fromDate: fromDate || null, toDate: toDate || null });

  return (
    <Stack
      component="form"
      direction="row"
      sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <SelectField
        label="用户"
        value={userId}
        placeholder="全部用户"
        options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
        onChange={setUserId}
        fullWidth={false}
      />
      <SelectField label="操作" value={action} placeholder="全部操作" options={ACTION_OPTIONS} onChange={setAction} fullWidth={false} />
      <TextField type="date" label="起始日期" value={fromDate} onChange={(e) => setFromDate(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
      <TextField type="date" label="截止日期" value={toDate} onChange={(e) => setToDate(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
      <Button type="submit" variant="contained">
        查询
      </Button>
    </Stack>
  );
}
