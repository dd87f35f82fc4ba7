import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { CASE_STATE_LABELS, MATERIAL_STATUS_LABELS, type CaseDetail } from '../../contract';
import { formatDateTime, formatPlainDate } from '../../format';
import { caseEventLabel, SIGNATURE_LABELS } from './labels';

export function MaterialsTable({ materials }: { materials: CaseDetail['materials'] }) {
  return (
    <Table size="small" aria-label="材料清单">
      <TableHead>
        <TableRow>
          <TableCell>材料</TableCell>
          <TableCell>收取情况</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {materials.map((m) => (
          <TableRow key={m.materialId}>
            <TableCell>
              {m.name}
              {m.optional ? '（可选）' : ''}
            </TableCell>
            <TableCell sx={m.status === 'missing' && !m.optional ? { color: 'error.main', fontWeight: 700 } : undefined}>
              {MATERIAL_STATUS_LABELS[m.status]}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Who signed what; the adults still owing their authorisation are listed as 未签. */
export function SignaturesTable({ detail }: { detail: CaseDetail }) {
  const signed = (kind: 'commitment' | 'authorisation', personId: string) =>
    detail.signatures.find((s) => s.kind === kind && s.personId === personId);
  const rows = [
    { kind: 'commitment' as const, personId: detail.applicant.personId, name: detail.applicant.name },
    ...detail.members.filter((m) => m.adult).map((m) => ({ kind: 'authorisation' as const, personId: m.personId, name: m.name })),
  ];
  return (
    <Table size="small" aria-label="签字情况">
      <TableHead>
        <TableRow>
          <TableCell>文书</TableCell>
          <TableCell>签字人</TableCell>
          <TableCell>签字日期</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => {
          const s = signed(r.kind, r.personId);
          return (
            <TableRow key={`${r.kind}-${r.personId}`}>
              <TableCell>{SIGNATURE_LABELS[r.kind]}</TableCell>
              <TableCell>{r.name}</TableCell>
              <TableCell>{s ? formatPlainDate(s.signedDate) : '未签'}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

export function TimelineTable({ events }: { events: CaseDetail['events'] }) {
  return (
    <Table size="small" aria-label="办理过程">
      <TableHead>
        <TableRow>
          <TableCell>时间</TableCell>
          <TableCell>操作人</TableCell>
          <TableCell>事项</TableCell>
          <TableCell>状态变化</TableCell>
          <TableCell>说明</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map((e, i) => (
          <TableRow key={`${e.at}-${i}`}>
            <TableCell>{formatDateTime(e.at)}</TableCell>
            <TableCell>{e.userName}</TableCell>
            <TableCell>{caseEventLabel(e.event)}</TableCell>
            <TableCell>
              {e.fromState ? `${CASE_STATE_LABELS[e.fromState]} → ` : ''}
              {CASE_STATE_LABELS[e.toState]}
            </TableCell>
            <TableCell>{e.note}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const PRINT_TARGET_LABELS: Record<CaseDetail['prints'][number]['target'], string> = {
  thermal: '回执打印机',
  a4: 'A4 打印',
  pdf: '另存 PDF',
};

/** Every paper printed for the case, oldest first: which, which copy, how, when, by whom. */
export function PrintsTable({ prints }: { prints: CaseDetail['prints'] }) {
  if (prints.length === 0) return <Typography color="text.secondary">尚未打印任何文书</Typography>;
  return (
    <Table size="small" aria-label="打印记录">
      <TableHead>
        <TableRow>
          <TableCell>文书</TableCell>
          <TableCell>份次</TableCell>
          <TableCell>方式</TableCell>
          <TableCell>时间</TableCell>
          <TableCell>打印人</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {prints.map((p) => (
          <TableRow key={`${p.documentKind}-${p.printedAt}-${p.copyNo}`}>
            <TableCell>{p.kindLabel}</TableCell>
            <TableCell>{p.copyNo > 1 ? `第${p.copyNo}份（补打）` : '第1份'}</TableCell>
            <TableCell>{PRINT_TARGET_LABELS[p.target]}</TableCell>
            <TableCell>{formatDateTime(p.printedAt)}</TableCell>
            <TableCell>{p.userName}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
