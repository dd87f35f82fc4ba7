import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { QueryState } from '../../components/useRpc';
import { CASE_STATE_LABELS, formatYuan, RELIEF_TYPE_LABELS, type DistrictTown } from '../../contract';
import { formatDateTime } from '../../format';
import { casesByKind, sequenceRuns, townProblems } from './districtFormat';

// 各镇街 on the 区级总览: one row per enrolled town, from what its packages carried. A town with
// a gap, a quarantined package or an alert is highlighted and says why, so the admin knows
// where to look before reading any figure of that town (its figures may be out of date). Each
// figure cell carries data-col=<its column> so a test reads a town's figure by name.

function LastPackage({ town }: { town: DistrictTown }) {
  if (town.lastSequence === 0 || town.lastCreatedAt === null) return <Typography variant="body2">尚未收到</Typography>;
  return (
    <>
      <Typography variant="body2">第 {town.lastSequence} 号</Typography>
      <Typography variant="body2" color="text.secondary">
        生成 {formatDateTime(town.lastCreatedAt)}
      </Typography>
      {town.lastImportedAt && (
        <Typography variant="body2" color="text.secondary">
          导入 {formatDateTime(town.lastImportedAt)}
        </Typography>
      )}
    </>
  );
}

function Count({ n, label, warn = false }: { n: number; label: string; warn?: boolean }) {
  return (
    <TableCell align="right" data-col={label} sx={warn && n > 0 ? { color: 'error.main', fontWeight: 700 } : undefined}>
      {n}
    </TableCell>
  );
}

/** Every column of the table: the case breakdown's row spans them all. */
const COLUMNS = 11;

function CaseBreakdown({ town }: { town: DistrictTown }) {
  const tallies = casesByKind(town.casesByKindState);
  if (tallies.length === 0) return <Typography variant="body2">尚无案件</Typography>;
  return (
    <>
      {tallies.map((k) => (
        <Typography key={k.reliefType} variant="body2">
          <strong>
            {RELIEF_TYPE_LABELS[k.reliefType]} {k.total} 件
          </strong>
          ：{k.states.map((st) => `${CASE_STATE_LABELS[st.state]} ${st.count}`).join('，')}
        </Typography>
      ))}
    </>
  );
}

function TownRow({ town }: { town: DistrictTown }) {
  const [open, setOpen] = useState(false);
  const problems = townProblems(town);
  const attention = problems.length > 0;
  const detailId = `town-cases-${town.code}`;
  return (
    <>
      <TableRow
        data-testid={`town-${town.code}`}
        data-attention={attention ? 'true' : 'false'}
        sx={attention ? { bgcolor: (theme) => alpha(theme.palette.error.main, 0.08) } : undefined}
      >
        <TableCell component="th" scope="row">
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            {town.name}
          </Typography>
          {problems.map((p) => (
            <Typography key={p} variant="body2" color="error">
              {p}
            </Typography>
          ))}
          <Button size="small" sx={{ px: 0, minWidth: 0 }} aria-expanded={open} aria-controls={detailId} onClick={() => setOpen((o) => !o)}>
            {open ? '收起案件分布' : '案件分布'}
          </Button>
        </TableCell>
        <TableCell>
          <LastPackage town={town} />
        </TableCell>
        <TableCell data-col="缺号" sx={{ color: 'error.main', fontWeight: 700 }}>
          {town.missingSequences.length > 0 ? sequenceRuns(town.missingSequences) : ''}
        </TableCell>
        <Count n={town.heldSequences.length} label="暂存" />
        <Count n={town.quarantined} label="隔离" warn />
        <TableCell align="right" data-col="备用金余额">
          {town.reserve ? formatYuan(town.reserve.balanceFen) : '—'}
        </TableCell>
        <TableCell align="right" data-col="可用">
          {town.reserve ? formatYuan(town.reserve.availableFen) : '—'}
        </TableCell>
        <TableCell align="right" data-col="本月发放">
          {town.payoutsThisMonth.count} 笔
          <br />
          {formatYuan(town.payoutsThisMonth.totalFen)}
        </TableCell>
        <Count n={town.overdue} label="超期" warn />
        <Count n={town.submitted} label="待区级审批" />
        <Count n={town.alerts} label="预警" warn />
      </TableRow>
      {open && (
        <TableRow id={detailId} data-testid={detailId}>
          <TableCell colSpan={COLUMNS}>
            <CaseBreakdown town={town} />
          </TableCell>
        </TableRow>
      )}
    </>
  );
}

export function TownsSection({ towns }: { towns: QueryState<DistrictTown[]> }) {
  const rows = towns.data ?? [];
  return (
    <>
      <ErrorAlert error={towns.error} />
      {towns.data && rows.length === 0 && <Typography color="text.secondary">尚未登记镇街：在“数据同步”页导入各镇街的公钥文件</Typography>}
      {rows.length > 0 && (
        <Table size="small" aria-label="各镇街">
          <TableHead>
            <TableRow>
              <TableCell>镇街</TableCell>
              <TableCell>最近数据包</TableCell>
              <TableCell>缺号</TableCell>
              <TableCell align="right">暂存</TableCell>
              <TableCell align="right">隔离</TableCell>
              <TableCell align="right">备用金余额</TableCell>
              <TableCell align="right">可用</TableCell>
              <TableCell align="right">本月发放</TableCell>
              <TableCell align="right">超期</TableCell>
              <TableCell align="right">待区级审批</TableCell>
              <TableCell align="right">预警</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((t) => (
              <TownRow key={t.code} town={t} />
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
