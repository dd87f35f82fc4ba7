import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { SelectField } from '../../components/SelectField';
import { useRpcQuery } from '../../components/useRpc';
import { amountInCapitals, formatYuan, LIMITS, type DistrictReplenishmentRow, type DistrictTown } from '../../contract';
import { formatPlainDate } from '../../format';
import { rpc } from '../../rpc';
import { fenOf } from '../cases/steps/fields';
import { StepDialog } from '../cases/steps/StepDialog';
import { useIdempotentSubmit } from '../payouts/useIdempotentSubmit';
import { claimStateLabel, yuanInput } from './districtFormat';

/**
 * 补拨备用金: the district records the money it sent a town (amount in yuan, its voucher number,
 * the town's claim it settles, if any). The id is made when the dialog opens, so a double
 * click or a retry records it once; the town books it when the next answer package arrives.
 */
export function ReplenishDialog({
  towns,
  onCancel,
  onRecorded,
}: {
  towns: readonly DistrictTown[];
  onCancel: () => void;
  onRecorded: (row: DistrictReplenishmentRow) => void;
}) {
  const { action, submit } = useIdempotentSubmit();
  const [townCode, setTownCode] = useState(towns.length === 1 ? towns[0]!.code : '');
  const [claimNo, setClaimNo] = useState('');
  const [amount, setAmount] = useState('');
  const [voucherNo, setVoucherNo] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const claims = useRpcQuery('district.claims', { townCode }, townCode !== '');
  // Claims from another town than the one chosen are never offered (the query may lag a change).
  const claimRows = townCode === '' ? [] : (claims.data ?? []);
  const parsed = fenOf(amount);
  const errors = fieldErrorsOf(action.error);
  const townMissing = townCode === '';
  const amountMissing = parsed.fen === null;
  const voucherMissing = voucherNo.trim() === '';

  const clear = () => action.setError(null);
  const send = async () => {
    setTried(true);
    if (townMissing || amountMissing || voucherMissing || parsed.fen === null) return;
    const amountFen = parsed.fen;
    const row = await submit((id) => rpc.call('district.recordReplenishment', { id, townCode, amountFen, voucherNo, claimNo: claimNo === '' ? null : claimNo, note }));
    if (row) onRecorded(row);
  };

  const amountHint = parsed.fen !== null ? `${formatYuan(parsed.fen)}（大写：${amountInCapitals(parsed.fen)}）` : '以元为单位，如 50000 或 1,200.50';
  let amountField = fieldState(errors, 'amountFen', amountHint);
  if (parsed.problem) amountField = { error: true, helperText: parsed.problem };
  else if (tried && amountMissing) amountField = { error: true, helperText: '请填写金额' };

  return (
    <StepDialog title="补拨备用金" submitLabel="登记补拨" error={action.error} busy={action.busy} onCancel={onCancel} onSubmit={() => void send()}>
      <SelectField
        label="镇街"
        value={townCode}
        placeholder="请选择镇街"
        options={towns.map((t) => ({ value: t.code, label: t.name }))}
        onChange={(v) => {
          clear();
          setTownCode(v);
          setClaimNo('');
        }}
        required
        autoFocus
        {...(tried && townMissing ? { error: true, helperText: '请选择镇街' } : fieldState(errors, 'townCode'))}
      />
      <ErrorAlert error={claims.error} />
      <SelectField
        label="所结报账单"
        value={claimNo}
        placeholder={townCode === '' ? '（先选择镇街）' : claimRows.length === 0 ? '（该镇街尚无报账单）' : '（不结算报账单）'}
        disabled={claimRows.length === 0}
        options={claimRows.map((c) => ({
          value: c.claimNo,
          label: `${c.claimNo}（${formatPlainDate(c.periodStart)} 至 ${formatPlainDate(c.periodEnd)}，${c.payoutCount} 笔，${formatYuan(c.totalFen)}，${claimStateLabel(c.state)}）`,
        }))}
        onChange={(v) => {
          clear();
          setClaimNo(v);
          // Choosing a claim fills its total: the district normally pays what was claimed.
          const chosen = claimRows.find((c) => c.claimNo === v);
          if (chosen) setAmount(yuanInput(chosen.totalFen));
        }}
        {...fieldState(errors, 'claimNo')}
      />
      <TextField
        label="金额（元）"
        value={amount}
        onChange={(e) => {
          clear();
          setAmount(e.target.value);
        }}
        required
        {...amountField}
      />
      <TextField
        label="拨款凭证号"
        value={voucherNo}
        onChange={(e) => {
          clear();
          setVoucherNo(e.target.value);
        }}
        required
        slotProps={{ htmlInput: { maxLength: LIMITS.textShortMax } }}
        {...(tried && voucherMissing ? { error: true, helperText: '请填写拨款凭证号' } : fieldState(errors, 'voucherNo'))}
      />
      <TextField label="备注" value={note} onChange={(e) => setNote(e.target.value)} multiline slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }} {...fieldState(errors, 'note')} />
      <Typography variant="body2" color="text.secondary">
        补拨随下一个回执数据包送达镇街，镇街导入后记入其备用金账。
      </Typography>
    </StepDialog>
  );
}
