import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';
import {
  DISABILITY_CATEGORIES,
  DISABILITY_CATEGORY_LABELS,
  DISABILITY_GRADE_LABELS,
  DISABILITY_GRADES,
  TARGET_GROUP_LABELS,
  TARGET_GROUPS,
  type DisabilityCategory,
} from '../../contract';
import { fieldState, type FieldErrors } from '../../components/fieldErrors';
import { SelectField } from '../../components/SelectField';
import type { PersonDraft } from './personDraft';
import { ResidentIdField } from './ResidentIdField';

interface Props {
  draft: PersonDraft;
  onChange: (draft: PersonDraft) => void;
  errors: FieldErrors;
  /** Issue path of this person in the contract ('members.1.person', 'person'). */
  path: string;
  /** The relation field, when the form has one: it comes first. */
  relationField?: ReactNode;
  autoFocusName?: boolean;
  /** Editing an existing person: the ID field may stay empty to keep this (masked) ID. */
  keptResidentIdMasked?: string;
}

const CATEGORY_OPTIONS = DISABILITY_CATEGORIES.map((c) => ({ value: c, label: DISABILITY_CATEGORY_LABELS[c] }));
const GRADE_OPTIONS = DISABILITY_GRADES.map((g) => ({ value: String(g), label: DISABILITY_GRADE_LABELS[g] ?? String(g) }));

/** One person's fields in a four-column grid; errors are looked up by contract path. */
export function PersonFields({ draft, onChange, errors, path, relationField, autoFocusName = false, keptResidentIdMasked }: Props) {
  const set = <K extends keyof PersonDraft>(key: K, value: PersonDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 2 }}>
      {relationField ?? null}
      <TextField label="姓名" value={draft.name} onChange={(e) => set('name', e.target.value)} autoFocus={autoFocusName} fullWidth {...fieldState(errors, `${path}.name`)} />
      <Box sx={{ gridColumn: relationField ? 'span 2' : 'span 3' }}>
        <ResidentIdField
          value={draft.residentId}
          onChange={(v) => set('residentId', v)}
          error={errors[`${path}.residentId`]}
          emptyHint={keptResidentIdMasked === undefined ? undefined : `留空则不修改（当前 ${keptResidentIdMasked}）`}
        />
      </Box>
      <TextField label="电话" value={draft.phone} onChange={(e) => set('phone', e.target.value)} fullWidth {...fieldState(errors, `${path}.phone`)} />
      <Box sx={{ gridColumn: 'span 3' }}>
        <Autocomplete
          multiple
          size="small"
          options={TARGET_GROUPS}
          value={draft.tags}
          getOptionLabel={(t) => TARGET_GROUP_LABELS[t]}
          onChange={(_, value) => set('tags', value)}
          filterSelectedOptions
          renderInput={(params) => <TextField {...params} label="人员类别标签" {...fieldState(errors, `${path}.tags`)} />}
        />
      </Box>
      <SelectField
        label="残疾类别"
        value={draft.disabilityCategory}
        placeholder="无"
        options={CATEGORY_OPTIONS}
        onChange={(v) => onChange({ ...draft, disabilityCategory: v as DisabilityCategory | '', disabilityGrade: v === '' ? '' : draft.disabilityGrade })}
        {...fieldState(errors, `${path}.disabilityCategory`)}
      />
      <SelectField
        label="残疾等级"
        value={draft.disabilityGrade}
        placeholder="无"
        options={GRADE_OPTIONS}
        onChange={(v) => set('disabilityGrade', v)}
        disabled={draft.disabilityCategory === ''}
        {...fieldState(errors, `${path}.disabilityGrade`)}
      />
      <Box sx={{ gridColumn: 'span 2' }}>
        <TextField label="备注" value={draft.notes} onChange={(e) => set('notes', e.target.value)} multiline maxRows={3} fullWidth {...fieldState(errors, `${path}.notes`)} />
      </Box>
    </Box>
  );
}
