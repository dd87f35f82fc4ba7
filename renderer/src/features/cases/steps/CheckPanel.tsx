import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { formatYuan, type CaseDetail, type CheckFigures, type EconomicCheckSource, type EconomicCheckView } from '../../../contract';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Section } from '../../../components/Section';
import { useRpcAction, useRpcQuery } from '../../../components/useRpc';
import { formatPlainDate } from '../../../format';
import { rpc } from '../../../rpc';
import { CheckCompleteDialog } from './CheckCompleteDialog';
import { CheckResultDialog } from './CheckResultDialog';
import { ECONOMIC_CHECK_SOURCE_LABELS as CHECK_SOURCE_LABELS, ECONOMIC_CHECK_SOURCES as CHECK_SOURCES } from '../../../contract';

interface Props {
  detail: CaseDetail;
  isClerk: boolean;
  /** The case moved on (requested, completed): the page reloads it. */
  onCaseChanged: () => void;
}

function figuresText(f: CheckFigures): string {
  const parts = [
    f.incomeFen !== undefined ? `收入 ${formatYuan(f.incomeFen)}` : null,
    f.depositsFen !== undefined ? `存款 ${formatYuan(f.depositsFen)}` : null,
    f.realEstateCount !== undefined ? `不动产 ${f.realEstateCount} 处` : null,
    f.vehicleCount !== undefined ? `机动车 ${f.vehicleCount} 辆` : null,
    f.businessCount !== undefined ? `工商登记 ${f.businessCount} 户` : null,
  ];
  return parts.filter((p) => p !== null).join('；');
}

function CheckFacts({ check }: { check: EconomicCheckView }) {
  const facts: [string, string][] = [
    ['核对状态', check.status === 'completed' ? '已完成' : `核对中（还差 ${check.missingSources.length} 项）`],
    ['发起日期', formatPlainDate(check.requestedDate)],
    ['核对报告编号', check.reportNo ?? '—'],
    ['报告日期', check.completedDate ? formatPlainDate(check.completedDate) : '—'],
    ['有效期至', check.validUntil ? `${formatPlainDate(check.validUntil)}${check.validToday ? '' : '（已过期）'}` : '—'],
  ];
  return (
    <Stack direction="row" spacing={3} sx={{ mb: 1, flexWrap: 'wrap' }}>
      {facts.map(([term, value]) => (
        <Typography key={term} aria-label={term}>
          <Typography component="span" color="text.secondary">
            {term}：
          </Typography>
          {value}
        </Typography>
      ))}
    </Stack>
  );
}

/** 家庭经济状况核对: the household's latest check, source by source (DOMAIN.md §2). */
export function CheckPanel({ detail, isClerk, onCaseChanged }: Props) {
  const query = useRpcQuery('checks.get', { caseId: detail.id });
  const request = useRpcAction();
  const [recording, setRecording] = useState<EconomicCheckSource | null>(null);
  const [completing, setCompleting] = useState(false);
  const check = query.data;
  const canRequest = isClerk && detail.state === 'accepted' && detail.decidedBy !== 'department';
  const open = check?.status === 'requested' && isClerk;

  const requestCheck = async () => {
    const saved = await request.run(() => rpc.call('checks.request', { caseId: detail.id }));
    if (saved) {
      query.setData(saved);
      onCaseChanged();
    }
  };

  return (
    <Section
      title="家庭经济状况核对"
      actions={
        <>
          {canRequest && (
            <Button variant="outlined" size="small" onClick={() => void requestCheck()} disabled={request.busy}>
              发起核对
            </Button>
          )}
          {open && check.missingSources.length === 0 && (
            <Button variant="contained" size="small" onClick={() => setCompleting(true)}>
              完成核对
            </Button>
          )}
        </>
      }
    >
      <ErrorAlert error={request.error ?? query.error} />
      {!check ? (
        <Typography color="text.secondary">{query.loading ? '正在加载' : '尚未发起核对'}</Typography>
      ) : (
        <>
          <CheckFacts check={check} />
          <Table size="small" aria-label="核对结果">
            <TableHead>
              <TableRow>
                <TableCell>数据来源</TableCell>
                <TableCell>结果</TableCell>
                <TableCell>说明</TableCell>
                {open && <TableCell>操作</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {CHECK_SOURCES.map((source) => {
                const result = check.results.find((r) => r.source === source);
                const label = result?.label ?? CHECK_SOURCE_LABELS[source];
                return (
                  <TableRow key={source}>
                    <TableCell>{label}</TableCell>
                    <TableCell sx={result?.outcome === 'found' ? { color: 'warning.dark', fontWeight: 700 } : undefined}>
                      {!result ? '待登记' : result.outcome === 'no_record' ? '无记录' : `有记录 ${figuresText(result.figures)}`.trim()}
                    </TableCell>
                    <TableCell>{result?.note ?? ''}</TableCell>
                    {open && (
                      <TableCell>
                        <Button size="small" onClick={() => setRecording(source)} aria-label={`登记结果：${label}`}>
                          登记结果
                        </Button>
                      </TableCell>
                    )}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </>
      )}
      {check && recording && (
        <CheckResultDialog
          check={check}
          source={recording}
          onCancel={() => setRecording(null)}
          onSaved={(next) => {
            setRecording(null);
            query.setData(next);
          }}
        />
      )}
      {check && completing && (
        <CheckCompleteDialog
          check={check}
          onCancel={() => setCompleting(false)}
          onSaved={(next) => {
            setCompleting(false);
            query.setData(next);
            onCaseChanged();
          }}
        />
      )}
    </Section>
  );
}
