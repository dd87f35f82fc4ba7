import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { parseYuanToFen } from '../../../../electron/contract/money';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcAction } from '../../components/useRpc';
import { businessToday } from '../../format';
import { RELIEF_AMOUNT_BASIS } from '../../contract';
import { rpc } from '../../rpc';
import type { CandidateVillage, CreatedNotice } from './noticeTypes';

interface Props {
  village: CandidateVillage;
  onCreated: (notice: CreatedNotice) => void;
}

/** One village's cases waiting for a notice: pick them, give the proposed monthly amounts, publish. */
export function CreateNoticeForm({ village, onCreated }: Props) {
  const action = useRpcAction();
  const [startDate, setStartDate] = useState(businessToday());
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(village.cases.map((c) => c.caseId)));
  const [amounts, setAmounts] = useState<Readonly<Record<string, string>>>({});

  const parsed = village.cases.map((c) => {
    const text = (amounts[c.caseId] ?? '').trim();
    return { candidate: c, amount: text === '' ? null : parseYuanToFen(text) };
  });
  const picked = parsed.filter((p) => chosen.has(p.candidate.caseId));
  const valid = picked.length > 0 && picked.every((p) => p.amount === null || p.amount.ok);

  const submit = async () => {
    const entries = picked.map((p) => ({ caseId: p.candidate.caseId, proposedAmountFen: p.amount?.ok ? p.amount.fen : null }));
    const view = await action.run(() => rpc.call('notices.create', { villageCode: village.villageCode, startDate, entries }));
    if (view) onCreated({ id: view.id, villageName: view.villageName, startDate: view.startDate, cases: picked.map((p) => p.candidate) });
  };

  const toggle = (caseId: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(caseId)) next.delete(caseId);
      else next.add(caseId);
      return next;
    });

  return (
    <Stack spacing={2}>
      <ErrorAlert error={action.error} />
      <Table size="small" aria-label={`${village.villageName}待公示案件`}>
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" />
            <TableCell>案件编号</TableCell>
            <TableCell>申请人</TableCell>
            <TableCell>救助类别</TableCell>
            <TableCell>拟救助金额（元）</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {parsed.map(({ candidate: c, amount }) => (
            <TableRow key={c.caseId}>
              <TableCell padding="checkbox">
                <Checkbox checked={chosen.has(c.caseId)} onChange={() => toggle(c.caseId)} slotProps={{ input: { 'aria-label': `公示 ${c.caseNo}` } }} />
              </TableCell>
              <TableCell>{c.caseNo}</TableCell>
              <TableCell>
                {c.applicantName}
                {c.minor && '（未成年人，不予公示）'}
              </TableCell>
              <TableCell>{c.kindLabel}</TableCell>
              <TableCell>
                <TextField
                  size="small"
                  value={amounts[c.caseId] ?? ''}
                  onChange={(e) => setAmounts((prev) => ({ ...prev, [c.caseId]: e.target.value }))}
                  error={amount !== null && !amount.ok}
                  helperText={amount !== null && !amount.ok ? amount.message : undefined}
                  slotProps={{
                    htmlInput: { 'aria-label': `${c.caseNo} 拟保障金额` },
                    input: { endAdornment: <InputAdornment position="end">{RELIEF_AMOUNT_BASIS[c.reliefType] === 'monthly' ? '元/月' : '元'}</InputAdornment> },
                  }}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <TextField type="date" size="small" label="公示开始日期" value={startDate} onChange={(e) => setStartDate(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <Button variant="contained" disabled={!valid || action.busy} onClick={() => void submit()}>
          发布公示
        </Button>
      </Stack>
    </Stack>
  );
}
