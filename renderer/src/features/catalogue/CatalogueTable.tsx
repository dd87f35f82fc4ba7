import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { DECIDING_BODY_LABELS, RELIEF_TYPE_LABELS, type CatalogueItem } from '../../contract';

/** The catalogue as the hall's wall list: one row per kind of assistance. */
export function CatalogueTable({ items }: { items: readonly CatalogueItem[] }) {
  return (
    <Table size="small" aria-label="事项清单">
      <TableHead>
        <TableRow>
          <TableCell>救助事项</TableCell>
          <TableCell>审批方式</TableCell>
          <TableCell>办理时限</TableCell>
          <TableCell>公示</TableCell>
          <TableCell>民主评议</TableCell>
          <TableCell>申请材料（★ 可以告知承诺替代）</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.reliefType} sx={{ verticalAlign: 'top' }}>
            <TableCell sx={{ fontWeight: 700 }}>
              {RELIEF_TYPE_LABELS[item.reliefType]}
              {item.categories.length > 0 ? `（${item.categories.join('、')}）` : ''}
            </TableCell>
            <TableCell>
              {DECIDING_BODY_LABELS[item.decidedBy]}
              {item.department ? `：${item.department}` : ''}
            </TableCell>
            <TableCell>{item.timeLimitWorkingDays} 个工作日</TableCell>
            <TableCell>{item.noticeDays === null ? '不公示' : `${item.noticeDays} 天`}</TableCell>
            <TableCell>{item.requiresReview ? '需要' : '不需要'}</TableCell>
            <TableCell>
              <ol style={{ margin: 0, paddingLeft: 20 }}>
                {item.materials.map((m) => (
                  <li key={m.id}>
                    {m.name}
                    {m.optional ? '（如有）' : ''}
                    {m.commitmentReplaceable ? ' ★ 可承诺替代' : ''}
                  </li>
                ))}
              </ol>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
