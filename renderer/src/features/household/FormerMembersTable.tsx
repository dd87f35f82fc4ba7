import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { RELATION_LABELS, type HouseholdView } from '../../contract';
import { formatDate, formatDateTime } from '../../format';
import { hrefOf } from '../../routing';

export function FormerMembersTable({ former }: { former: HouseholdView['formerMembers'] }) {
  return (
    <Table size="small" aria-label="已迁出成员">
      <TableHead>
        <TableRow>
          <TableCell>姓名</TableCell>
          <TableCell>身份号码</TableCell>
          <TableCell>原与户主关系</TableCell>
          <TableCell>入户日期</TableCell>
          <TableCell>迁出时间</TableCell>
          <TableCell>迁出原因</TableCell>
          <TableCell>现属户</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {former.map((m) => (
          <TableRow key={m.membershipId}>
            <TableCell>{m.name}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{m.residentIdMasked}</TableCell>
            <TableCell>{RELATION_LABELS[m.relation]}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(m.joinedAt)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{m.leftAt ? formatDateTime(m.leftAt) : ''}</TableCell>
            <TableCell>{m.leftReason}</TableCell>
            <TableCell>{m.nowHouseholdId ? <Link href={hrefOf('registry', 'household', m.nowHouseholdId)}>查看现户</Link> : '未入户'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
