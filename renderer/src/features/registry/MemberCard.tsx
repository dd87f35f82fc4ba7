import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { RELATION_LABELS, RELATIONS, type Relation } from '../../contract';
import { fieldState, type FieldErrors } from '../../components/fieldErrors';
import { SelectField } from '../../components/SelectField';
import type { PersonDraft } from './personDraft';
import { PersonFields } from './PersonFields';

export interface MemberDraft {
  key: number;
  relation: Relation | '';
  person: PersonDraft;
}

const HEAD_OPTION = [{ value: 'head', label: RELATION_LABELS.head }];
export const NON_HEAD_OPTIONS = RELATIONS.filter((r) => r !== 'head').map((r) => ({ value: r, label: RELATION_LABELS[r] }));
/** For an existing household: the server refuses a second head, and a household whose head left needs a new one. */
export const ALL_RELATION_OPTIONS = RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }));

interface Props {
  index: number;
  member: MemberDraft;
  errors: FieldErrors;
  onChange: (member: MemberDraft) => void;
  onRemove: (() => void) | null;
}

/** One member of a household being registered: a fieldset named 成员 N so tests and screen readers can tell them apart. */
export function MemberCard({ index, member, errors, onChange, onRemove }: Props) {
  const isHead = index === 0;
  const legend = isHead ? '成员 1（户主）' : `成员 ${index + 1}`;
  const relationField = (
    <SelectField
      label="与户主关系"
      value={isHead ? 'head' : member.relation}
      options={isHead ? HEAD_OPTION : NON_HEAD_OPTIONS}
      {...(isHead ? {} : { placeholder: '请选择' })}
      onChange={(v) => onChange({ ...member, relation: v as Relation | '' })}
      disabled={isHead}
      autoFocus={!isHead && member.relation === '' && member.person.name === ''}
      {...fieldState(errors, `members.${index}.relation`)}
    />
  );
  return (
    <Paper component="fieldset" variant="outlined" sx={{ p: 2, pt: 1, m: 0, mb: 2 }}>
      <Typography component="legend" variant="subtitle2" sx={{ px: 1, fontWeight: 700 }}>
        {legend}
      </Typography>
      <PersonFields
        draft={member.person}
        onChange={(person) => onChange({ ...member, person })}
        errors={errors}
        path={`members.${index}.person`}
        relationField={relationField}
      />
      {onRemove && (
        <Stack direction="row" sx={{ justifyContent: 'flex-end', mt: 1 }}>
          <Button color="error" size="small" onClick={onRemove}>
            移除成员 {index + 1}
          </Button>
        </Stack>
      )}
    </Paper>
  );
}
