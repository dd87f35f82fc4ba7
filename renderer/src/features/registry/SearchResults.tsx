import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { RELATION_LABELS, SEX_LABELS, type SearchHit } from '../../contract';
import { TagChips } from '../../components/TagChips';
import { MATCH_LABELS } from './labels';

interface Props {
  hits: SearchHit[];
  highlighted: number;
  onOpen: (hit: SearchHit) => void;
}

export function SearchResults({ hits, highlighted, onOpen }: Props) {
  return (
    <Table size="small" aria-label="查找结果">
      <TableHead>
        <TableRow>
          <TableCell>姓名</TableCell>
          <TableCell>身份号码</TableCell>
          <TableCell>性别</TableCell>
          <TableCell>村居</TableCell>
          <TableCell>户主</TableCell>
          <TableCell>与户主关系</TableCell>
          <TableCell>标签</TableCell>
          <TableCell>匹配方式</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {hits.map((hit, i) => (
          <TableRow
            key={hit.personId}
            hover
            selected={i === highlighted}
            tabIndex={0}
            onClick={() => onOpen(hit)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onOpen(hit);
            }}
            sx={{ cursor: hit.householdId ? 'pointer' : 'default' }}
          >
            <TableCell sx={{ fontWeight: 700 }}>{hit.name}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{hit.residentIdMasked}</TableCell>
            <TableCell>{SEX_LABELS[hit.sex]}</TableCell>
            <TableCell>{hit.villageName ?? '未入户'}</TableCell>
            <TableCell>{hit.headName ?? ''}</TableCell>
            <TableCell>{hit.relation ? RELATION_LABELS[hit.relation] : ''}</TableCell>
            <TableCell>
              <TagChips tags={hit.tags} />
            </TableCell>
            <TableCell>{MATCH_LABELS[hit.matchedBy]}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
