import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { SelectField } from '../../components/SelectField';
import { amountInCapitals, formatYuan, LIMITS, RELIEF_TYPE_LABELS, type DistrictCaseRow } from '../../contract';
import { rpc } from '../../rpc';
import { fenOf } from '../cases/steps/fields';
import { StepDialog } from '../cases/steps/StepDialog';
import { useIdempotentSubmit } from '../payouts/useIdempotentSubmit';
import { yuanInput } from './districtFormat';

type Outcome = 'approved' | 'refused';
const OUTCOMES: readonly { value: Outcome; label: string }[] = [
  { value: 'approved', label: '批准' },
  { value: 'refused', label: '不予批准' },
];

/**
 * 区级审批 of a case the town submitted: approve an amount (typed in yuan, the town's proposed
 * amount filled in) or refuse, with the opinion either way. The decision's id is made when the
 * dialog opens, so a double click or a retry records it once; it reaches the town with the
 * next answer package.
 */
export function DecideDialog({ row, onCancel, onDecided }: { row: DistrictCaseRow; onCancel: () => void; onDecided: (caseNo: string) => void }) {
  const { action, submit } = useIdempotentSubmit();
  const [outcome, setOutcome] = useState<Outcome>('approved');
  const [amount, setAmount] = useState(row.amountFen !== null ? yuanInput(row.amountFen) : '');
  const [opinion, setOpinion] = useState('');
  const [tried, setTried] = useState(false);
  const parsed = fenOf(amount);
  const errors = fieldErrorsOf(action.error);
  const approving = outcome === 'approved';
  const amountMissing = approving && parsed.fen === null;
  const opinionMissing = opinion.trim() === '';

  const send = async () => {
    setTried(true);
    if (amountMissing || opinionMissing) return;
    const done = await submit((id) =>
      rpc.call('district.decide', { id, townCode: row.townCode, caseId: row.caseId, outcome, amountFen: approving ? parsed.fen : null, opinion }),
    );
    if (done) onDecided(done.caseNo);
  };

  const edit = (set: (v: string) => void) => (v: string) => {
    action.setError(null);
    set(v);
  };
  const amountHint = parsed.fen !== null ? `${formatYuan(parsed.fen)}（大写：${amountInCapitals(parsed.fen)}）` : '以元为单位，如 5000 或 5,000.50';
  let amountField = fieldState(errors, 'amountFen', amountHint);
  if (parsed.problem) amountField = { error: true, helperText: parsed.problem };
  else if (tried && amountMissing) amountField = { error: true, helperText: '批准须填写金额' };

  return (
    <StepDialog title={`区级审批 ${row.caseNo}`} submitLabel="确认审批" error={action.error} busy={action.busy} onCancel={onCancel} onSubmit={() => void send()}>
      <Typography>
        {row.townName} · {row.applicantName} · {RELIEF_TYPE_LABELS[row.reliefType]}
        {row.amountFen !== null && `，镇街拟救助金额 ${formatYuan(row.amountFen)}`}
      </Typography>
      <SelectField label="审批结果" value={outcome} options={OUTCOMES} onChange={edit((v) => setOutcome(v === 'refused' ? 'refused' : 'approved'))} autoFocus {...fieldState(errors, 'outcome')} />
      {approving && <TextField label="批准金额（元）" value={amount} onChange={(e) => edit(setAmount)(e.target.value)} required {...amountField} />}
      <TextField
        label="审批意见"
        value={opinion}
        onChange={(e) => edit(setOpinion)(e.target.value)}
        required
        multiline
        minRows={2}
        slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }}
        {...(tried && opinionMissing ? { error: true, helperText: '请填写审批意见' } : fieldState(errors, 'opinion'))}
      />
      <Typography variant="body2" color="text.secondary">
        审批决定随下一个回执数据包送达{row.townName}，由镇街据此办结。
      </Typography>
    </StepDialog>
  );
}
