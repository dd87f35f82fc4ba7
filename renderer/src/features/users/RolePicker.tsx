import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import { ROLE_LABELS, type InstallationKind, type Role } from '../../contract';

/** A town has town roles; the district console has the district role only (the server checks too). */
export function rolesFor(kind: InstallationKind): Role[] {
  return kind === 'district' ? ['district_admin'] : ['clerk', 'approver', 'town_admin'];
}

interface Props {
  kind: InstallationKind;
  value: Role[];
  onChange: (roles: Role[]) => void;
  error?: string | undefined;
}

export function RolePicker({ kind, value, onChange, error }: Props) {
  return (
    <FormControl component="fieldset" error={Boolean(error)}>
      <FormLabel component="legend">角色</FormLabel>
      <FormGroup row>
        {rolesFor(kind).map((role) => (
          <FormControlLabel
            key={role}
            label={ROLE_LABELS[role]}
            control={
              <Checkbox
                checked={value.includes(role)}
                onChange={(e) => onChange(e.target.checked ? [...value, role] : value.filter((r) => r !== role))}
              />
            }
          />
        ))}
      </FormGroup>
      <FormHelperText>{error ?? '受理员与审批人可同时担任，但同一案件不能自己受理又自己审批'}</FormHelperText>
    </FormControl>
  );
}
