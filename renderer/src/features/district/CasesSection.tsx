import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type ReactNode } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { useRpcQuery } from '../../components/useRpc';
import {
  CASE_STATE_LABELS,
  CASE_STATES,
  formatYuan,
  LIMITS,
  RELIEF_TYPE_LABELS,
  RELIEF_TYPES,
  type CaseState,
  type DistrictCaseRow,
  type DistrictTown,
  type ReliefType,
} from '../../contract';
import { formatDate, formatPlainDate } from '../../format';

// 全区案件 on the 区级总览: every town's cases as its packages carried them, filtered by town,
// kind, state and overdue. The district reads them; it acts only on those submitted to it
// (待区级审批 above).

export function CaseTable({ rows, label, action }: { rows: readonly DistrictCaseRow[]; label: string; action?: (row: DistrictCaseRow) => ReactNode }) {
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>案件编号</TableCell>
          <TableCell>镇街</TableCell>
          <TableCell>申请人</TableCell>
          <TableCell>类别</TableCell>
          <TableCell>状态</TableCell>
          <TableCell>受理日期</TableCell>
          <TableCell>承诺办结日</TableCell>
          <TableCell align="right">金额</TableCell>
          {action && <TableCell />}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={`${r.townCode}/${r.caseId}`} data-testid={`case-${r.caseNo}`}>
            <TableCell>{r.caseNo}</TableCell>
            <TableCell>{r.townName}</TableCell>
            <TableCell>{r.applicantName}</TableCell>
            <TableCell>{RELIEF_TYPE_LABELS[r.reliefType]}</TableCell>
            <TableCell>
              {CASE_STATE_LABELS[r.state]}
              {r.districtDecision !== null && (
                <Typography variant="body2" color="text.secondary">
                  区级已{r.districtDecision === 'approved' ? '批准' : '不予批准'}，待镇街导入回执
                </Typography>
              )}
            </TableCell>
            <TableCell>{formatDate(r.acceptedAt)}</TableCell>
            <TableCell sx={r.overdue ? { color: 'error.main', fontWeight: 700 } : undefined}>
              {r.promisedBy ? formatPlainDate(r.promisedBy) : '—'}
              {r.overdue && '（超期）'}
            </TableCell>
            <TableCell align="right">{r.amountFen !== null ? formatYuan(r.amountFen) : '—'}</TableCell>
            {action && <TableCell>{action(r)}</TableCell>}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function CasesSection({ towns, round }: { towns: readonly DistrictTown[]; round: number }) {
  const [townCode, setTownCode] = useState('');
  const [reliefType, setReliefType] = useState('');
  const [state, setState] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const cases = useRpcQuery('district.cases', {
    townCode: townCode === '' ? null : townCode,
    reliefType: reliefType === '' ? null : (reliefType as ReliefType),
    state: state === '' ? null : (state as CaseState),
    overdueOnly,
    limit: LIMITS.districtListRowsMax,
  });
  const reload = cases.reload;
  useEffect(() => reload(), [round, reload]);
  const data = cases.data;
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <SelectField label="镇街" value={townCode} placeholder="（全部镇街）" options={towns.map((t) => ({ value: t.code, label: t.name }))} onChange={setTownCode} fullWidth={false} />
        <SelectField
          label="类别"
          value={reliefType}
          placeholder="（全部类别）"
          options={RELIEF_TYPES.map((k) => ({ value: k, label: RELIEF_TYPE_LABELS[k] }))}
          onChange={setReliefType}
          fullWidth={false}
        />
        <SelectField
          label="状态"
          value={state}
          placeholder="（全部状态）"
          options={CASE_STATES.map((s) => ({ value: s, label: CASE_STATE_LABELS[s] }))}
          onChange={setState}
          fullWidth={false}
        />
        <FormControlLabel control={<Checkbox checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} />} label="仅超期" />
      </Stack>
      <ErrorAlert error={cases.error} />
      {data && (
        <Typography variant="body2" color="text.secondary" data-testid="district-cases-count">
          共 {data.total} 件{data.total > data.rows.length ? `，显示前 ${data.rows.length} 件（请缩小筛选范围）` : ''}
        </Typography>
      )}
      {data && data.rows.length > 0 && <CaseTable rows={data.rows} label="全区案件" />}
    </Stack>
  );
}
