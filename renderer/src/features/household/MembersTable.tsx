import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import {
  DISABILITY_CATEGORY_LABELS,
  DISABILITY_GRADE_LABELS,
  RELATION_LABELS,
  SEX_LABELS,
  type HouseholdView,
  type PersonView,
} from '../../contract';
import { TagChips } from '../../components/TagChips';

type Member = HouseholdView['members'][number];

interface Props {
  members: Member[];
  revealed: Readonly<Record<string, string>>;
  canEdit: boolean;
  onReveal: (person: PersonView) => void;
  onEdit: (person: PersonView) => void;
  onSetRelation: (member: Member) => void;
}

function disabilityOf(p: PersonView): string {
  if (!p.disabilityCategory) return '';
  return `${DISABILITY_CATEGORY_LABELS[p.disabilityCategory]}${p.disabilityGrade ? DISABILITY_GRADE_LABELS[p.disabilityGrade] ?? '' : ''}`;
}

export function MembersTable({ members, revealed, canEdit, onReveal, onEdit, onSetRelation }: Props) {
  return (
    <Table size="small" aria-label="家庭成员">
      <TableHead>
        <TableRow>
          <TableCell>姓名</TableCell>
          <TableCell>与户主关系</TableCell>
          <TableCell>身份号码</TableCell>
          <TableCell>性别</TableCell>
          <TableCell>年龄</TableCell>
          <TableCell>电话</TableCell>
          <TableCell>标签</TableCell>
          <TableCell>残疾</TableCell>
          <TableCell>备注</TableCell>
          <TableCell>操作</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {members.map((member) => {
          const { membershipId, relation, person } = member;
          const full = revealed[person.id];
          return (
            <TableRow key={membershipId}>
              <TableCell sx={{ fontWeight: 700 }}>{person.name}</TableCell>
              <TableCell>{RELATION_LABELS[relation]}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  <span style={{ fontFamily: 'monospace' }} data-testid={`resident-id-${person.id}`}>
                    {full ?? person.residentIdMasked}
                  </span>
                  {full === undefined && (
                    <Button size="small" onClick={() => onReveal(person)}>
                      显示完整号码
                    </Button>
                  )}
                </Stack>
              </TableCell>
              <TableCell>{SEX_LABELS[person.sex]}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{person.age}岁</TableCell>
              <TableCell>{person.phone}</TableCell>
              <TableCell>
                <TagChips tags={person.tags} />
              </TableCell>
              <TableCell>{disabilityOf(person)}</TableCell>
              <TableCell sx={{ maxWidth: 200, overflowWrap: 'anywhere' }}>{person.notes}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {canEdit && (
                  <>
                    <Button size="small" onClick={() => onEdit(person)}>
                      修改
                    </Button>
                    <Button size="small" onClick={() => onSetRelation(member)}>
                      变更关系
                    </Button>
                  </>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
