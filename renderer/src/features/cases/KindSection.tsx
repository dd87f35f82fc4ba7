import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Paper from '@mui/material/Paper';
import { RELIEF_TYPE_LABELS, type CatalogueItem } from '../../contract';
import type { FieldErrors } from '../../components/fieldErrors';
import { SelectField } from '../../components/SelectField';
import type { KindDraft } from './intakeDraft';
import { MaterialChoice } from './MaterialChoice';

interface Props {
  item: CatalogueItem;
  kind: KindDraft;
  commitmentRoute: boolean;
  /** Already keyed by kind: '<reliefType>.category', '<reliefType>.materials.<id>'. */
  errors: FieldErrors;
  onChange: (kind: KindDraft) => void;
}

/** One kind of assistance on the intake form: its checkbox, then its category and checklist. */
export function KindSection({ item, kind, commitmentRoute, errors, onChange }: Props) {
  const t = item.reliefType;
  const label = RELIEF_TYPE_LABELS[t];
  const kindError = errors[`${t}.reliefType`] ?? errors[`${t}.kind`] ?? errors[`${t}.materials`];
  return (
    <Paper variant="outlined" component="fieldset" aria-label={label} sx={{ p: 1.5, m: 0, mb: 1, border: kind.selected ? undefined : 'none' }}>
      <FormControlLabel
        control={<Checkbox checked={kind.selected} onChange={(e) => onChange({ ...kind, selected: e.target.checked })} />}
        label={label}
      />
      {kindError !== undefined && <FormHelperText error>{kindError}</FormHelperText>}
      {kind.selected && (
        <>
          {item.categories.length > 0 && (
            <SelectField
              label={`${label}类别`}
              value={kind.category}
              placeholder="请选择"
              options={item.categories.map((c) => ({ value: c, label: c }))}
              onChange={(category) => onChange({ ...kind, category })}
              error={errors[`${t}.category`] !== undefined}
              helperText={errors[`${t}.category`]}
              fullWidth={false}
            />
          )}
          {item.materials.map((m) => (
            <MaterialChoice
              key={m.id}
              material={m}
              value={kind.materials[m.id] ?? ''}
              commitmentRoute={commitmentRoute}
              error={errors[`${t}.materials.${m.id}`]}
              onChange={(status) => onChange({ ...kind, materials: { ...kind.materials, [m.id]: status } })}
            />
          ))}
        </>
      )}
    </Paper>
  );
}
