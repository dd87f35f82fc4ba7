import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import { useId } from 'react';
import { MATERIAL_STATUS_LABELS, MATERIAL_STATUSES, type Material, type MaterialStatus } from '../../contract';

interface Props {
  material: Material;
  value: MaterialStatus | '';
  /** The applicant chose the commitment route: replaceable materials may be promised instead. */
  commitmentRoute: boolean;
  error: string | undefined;
  onChange: (status: MaterialStatus) => void;
}

/** One line of the materials checklist: a radio group named after the material. */
export function MaterialChoice({ material, value, commitmentRoute, error, onChange }: Props) {
  const labelId = useId();
  const statuses = MATERIAL_STATUSES.filter((s) => s !== 'commitment' || (material.commitmentReplaceable && commitmentRoute));
  return (
    <FormControl error={error !== undefined} sx={{ display: 'flex', flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', columnGap: 2 }}>
      <FormLabel id={labelId} sx={{ color: 'text.primary', fontSize: 14, width: 320 }}>
        {material.name}
        {material.optional ? '（可选）' : ''}
      </FormLabel>
      <RadioGroup row aria-labelledby={labelId} value={value} onChange={(e) => onChange(e.target.value as MaterialStatus)}>
        {statuses.map((s) => (
          <FormControlLabel key={s} value={s} control={<Radio size="small" />} label={MATERIAL_STATUS_LABELS[s]} />
        ))}
      </RadioGroup>
      {error !== undefined && <FormHelperText sx={{ flexBasis: '100%' }}>{error}</FormHelperText>}
    </FormControl>
  );
}
