import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent } from 'react';
import { amountInCapitals, formatYuan, LIMITS, type OutputOf } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { useSignedIn } from '../../session/context';
import { fenOf } from '../cases/steps/fields';
import { DayCloseSection } from './DayCloseSection';
import { ClaimsSection } from './ClaimsSection';
import { StatementSection } from './StatementSection';
import { TransfersSection } from './TransfersSection';

type Summary = OutputOf<'reserve.summary'>;
type Kind = 'allocate' | 'replenish';

const KIND_LABELS: Record<Kind, string> = { allocate: '区级拨付（定额）', replenish: '区级补拨' };
const REFERENCE_LABELS: Record<Kind, string> = { allocate: '拨付文件号', replenish: '补拨凭证号' };

function Figure({ label, fen }: { label: string; fen: number }) {
  return (
    <Paper sx={{ p: 2, minWidth: 180 }} aria-label={label}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="p">
        {formatYuan(Math.max(fen, 0))}
      </Typography>
    </Paper>
  );
}

/**
 * The town admin enters what the district sends, from its document or voucher. The entry's id
 * is made when the form opens, so a double click or a retry after a dropped connection books
 * it once (the server answers the first result).
 */
function BookingForm({ onBooked, claimsFiled }: { onBooked: (summary: Summary) => void; claimsFiled: number }) {
  const action = useRpcAction();
  const [id, setId] = useState(() => crypto.randomUUID());
  const [kind, setKind] = useState<Kind>('replenish');
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  // A replenishment may settle a submitted claim (报账单): the district pays what was claimed.
  const claims = useRpcQuery('reserve.claims', {});
  const [claimId, setClaimId] = useState('');
  const reloadClaims = claims.reload;
  // A claim filed below (ClaimsSection) becomes one to settle here.
  useEffect(() => reloadClaims(), [claimsFiled, reloadClaims]);
  const openClaims = (claims.data ?? []).filter((c) => c.state === 'submitted');
  const [booked, setBooked] = useState<string | null>(null);
  const parsed = fenOf(amount);
  const errors = fieldErrorsOf(action.error);
  const hint = parsed.fen !== null ? `${formatYuan(parsed.fen)}（大写：${amountInCapitals(parsed.fen)}）` : '以元为单位，如 50000 或 1,200.50';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (parsed.fen === null) return;
    const amountFen = parsed.fen;
    const result = await action.run(() =>
      kind === 'allocate'
        ? rpc.call('reserve.allocate', { id, amountFen, documentNo: reference, note })
        : rpc.call('reserve.replenish', { id, amountFen, voucherNo: reference, note, claimId: claimId === '' ? null : claimId }),
    );
    if (!result) return;
    setClaimId('');
    claims.reload();
    setBooked(`已登记${KIND_LABELS[kind]} ${formatYuan(result.transfer.amountFen)}（第 ${result.transfer.seq} 笔）`);
    onBooked(result.summary);
    setId(crypto.randomUUID());
    setAmount('');
    setReference('');
    setNote('');
  };

  return (
    <Paper component="form" onSubmit={(e) => void submit(e)} sx={{ p: 2, maxWidth: 560 }} aria-label="登记拨付或补拨">
      <Stack spacing={2}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
          登记拨付或补拨
        </Typography>
        <SelectField label="类型" value={kind} options={(['replenish', 'allocate'] as const).map((k) => ({ value: k, label: KIND_LABELS[k] }))} onChange={(v) => setKind(v as Kind)} />
        {kind === 'replenish' && openClaims.length > 0 && (
          <SelectField
            label="结算的报账单"
            value={claimId}
            placeholder="（不结算报账单）"
            options={openClaims.map((c) => ({ value: c.id, label: `${c.claimNo}（${c.periodStart} 至 ${c.periodEnd}，${formatYuan(c.totalFen)}）` }))}
            onChange={(v) => {
              setClaimId(v);
              const chosen = openClaims.find((c) => c.id === v);
              if (chosen && amount === '') setAmount((chosen.totalFen / 100).toFixed(2));
            }}
          />
        )}
        <TextField
          label="金额（元）"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          required
          {...(parsed.problem ? { error: true, helperText: parsed.problem } : fieldState(errors, 'amountFen', hint))}
        />
        <TextField
          label={REFERENCE_LABELS[kind]}
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          required
          slotProps={{ htmlInput: { maxLength: LIMITS.textShortMax } }}
          {...fieldState(errors, kind === 'allocate' ? 'documentNo' : 'voucherNo')}
        />
        <TextField label="说明" value={note} onChange={(e) => setNote(e.target.value)} multiline slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }} />
        <ErrorAlert error={action.error} />
        {booked && <Alert severity="success">{booked}</Alert>}
        <Button type="submit" variant="contained" disabled={action.busy || parsed.fen === null || reference.trim() === ''} sx={{ alignSelf: 'flex-start' }}>
          登记
        </Button>
      </Stack>
    </Paper>
  );
}

/** 备用金: balance, held, available and the allocation; the town admin books what the district sends. */
export function ReservePage() {
  const { user } = useSignedIn();
  const summary = useRpcQuery('reserve.summary', {});
  const [claimsFiled, setClaimsFiled] = useState(0);
  const s = summary.data;
  return (
    <>
      <PageHeader title="备用金" />
      <ErrorAlert error={summary.error} />
      {summary.loading && !s && <CircularProgress aria-label="正在加载" />}
      {s && (
        <Stack spacing={2}>
          {s.alert && (
            <Alert severity="warning">
              可用余额 {formatYuan(Math.max(s.availableFen, 0))} 已低于定额 {formatYuan(s.allocationFen)} 的 {s.alertPercent}%，请及时报账申请补拨
            </Alert>
          )}
          <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap' }}>
            <Figure label="账面余额" fen={s.balanceFen} />
            <Figure label="已冻结（已审批未发放）" fen={s.heldFen} />
            <Figure label="可用" fen={s.availableFen} />
            <Figure label="定额（区级拨付）" fen={s.allocationFen} />
          </Stack>
          {user.roles.includes('town_admin') && <BookingForm claimsFiled={claimsFiled} onBooked={(next) => summary.setData(next)} />}
          {/* Keyed by the figures: a booking above (or the close's own entry) shows in the day's list. */}
          <DayCloseSection
            key={`${s.balanceFen}/${s.heldFen}`}
            canClose={user.roles.includes('approver')}
            canPrint={user.roles.includes('approver') || user.roles.includes('clerk')}
            onClosed={summary.reload}
          />
          {/* Keyed by the balance: a replenishment that settles a claim shows in the list. */}
          <ClaimsSection key={`claims/${s.balanceFen}`} onFiled={() => setClaimsFiled((n) => n + 1)} />
          <StatementSection key={`statement/${s.balanceFen}/${s.heldFen}`} />
          {/* Keyed by the figures: a booking or a payout shows in the entries; a reversal sets the figures. */}
          <TransfersSection key={`transfers/${s.balanceFen}/${s.heldFen}/${s.allocationFen}`} canReverse={user.roles.includes('town_admin')} onReversed={(next) => summary.setData(next)} />
        </Stack>
      )}
    </>
  );
}
