import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { amountInCapitals, formatYuan, PAYOUT_METHOD_LABELS, PAYOUT_STATE_LABELS, RELIEF_CAUSE_LABELS, type CaseDetail } from '../../contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FactList } from '../../components/FactList';
import { Section } from '../../components/Section';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { formatDateTime, formatPlainDate } from '../../format';
import { hrefOf } from '../../routing';
import { rpc } from '../../rpc';
import { useSignedIn } from '../../session/context';
import { StandAsideNotice } from '../cases/steps/StandAsideNotice';
import { AidHistory } from './AidHistory';
import { voucherPrintOutcome } from './UnprintedVouchers';
import { ApproveDialog } from './ApproveDialog';
import { EmergencyDialog } from './EmergencyDialog';
import { BankTransferDialog, CancelPayoutDialog, PayCashDialog } from './PayDialog';
import { RecoverDialog } from './RecoverDialog';
import type { CasePayoutsView, PayoutRecord } from './types';

interface Props {
  detail: CaseDetail;
  isClerk: boolean;
  isApprover: boolean;
  /** A payout changed: the case's state and timeline may have moved with it. */
  onCaseChanged: () => void;
}

type CaseDialog = 'none' | 'approve' | 'emergency';
type PayoutDialog = { kind: 'pay' | 'transfer' | 'cancel' | 'signed' | 'recover'; payout: PayoutRecord } | null;

function paperworkFact(p: PayoutRecord): ReactNode {
  if (p.paperworkCompletedAt !== null) return `已补齐（${formatDateTime(p.paperworkCompletedAt)}）`;
  const due = p.paperworkDueDate !== null ? formatPlainDate(p.paperworkDueDate) : '';
  return p.paperworkOverdue ? (
    <Box component="span" sx={{ color: 'error.main', fontWeight: 700 }}>
      已逾期：应于 {due} 前补齐，已报镇街管理员督办
    </Box>
  ) : (
    `待补齐，期限 ${due}`
  );
}

function payoutFacts(p: PayoutRecord): [string, ReactNode][] {
  const facts: [string, ReactNode][] = [
    ['发放状态', `${PAYOUT_STATE_LABELS[p.state]}${p.emergency ? '（先行救助）' : ''}`],
    ['金额', `${formatYuan(p.amountFen)}（${amountInCapitals(p.amountFen)}）`],
    ['救助事由', RELIEF_CAUSE_LABELS[p.cause]],
    ['发放方式', p.method === 'bank' ? `${PAYOUT_METHOD_LABELS.bank}：${p.bankName ?? ''} 尾号 ${p.bankAccountTail ?? ''}` : PAYOUT_METHOD_LABELS.cash],
    ['领款人', `${p.payeeName}（${p.payeeResidentIdMasked}）${p.proxyRelation !== null ? `，代领，与申请人关系：${p.proxyRelation}` : ''}`],
    ['批准', `${p.approvedByName} ${formatDateTime(p.approvedAt)}`],
  ];
  if (p.repeatReason !== null) facts.push(['重复救助理由', p.repeatReason]);
  if (p.paidAt !== null) facts.push(['发放', `${p.paidByName ?? ''} ${formatDateTime(p.paidAt)}`]);
  if (p.transferReference !== null) facts.push(['转账流水号', p.transferReference]);
  if (p.voucherNo !== null) facts.push(['凭证号', p.voucherNo]);
  if (p.state === 'paid' && p.method === 'cash') facts.push(['凭证签字', p.signedAt !== null ? `已签字交回（${formatDateTime(p.signedAt)}）` : '待领款人、经办人签字交回']);
  if (p.emergency && p.state !== 'cancelled') facts.push(['补办手续', paperworkFact(p)]);
  if (p.cancelledAt !== null) facts.push(['取消', `${formatDateTime(p.cancelledAt)}：${p.cancelReason ?? ''}`]);
  if (p.claimNo !== null) facts.push(['报账单号', p.claimNo]);
  return facts;
}

interface CardProps {
  payout: PayoutRecord;
  isClerk: boolean;
  isApprover: boolean;
  /** 登记追回 (reserve.recover): the approver or the town admin. */
  canRecover: boolean;
  blocked: boolean;
  onOpen: (dialog: NonNullable<PayoutDialog>) => void;
  onChanged: () => void;
}

/** One payout: its facts and what may be done with it now, by whom. */
function PayoutCard({ payout: p, isClerk, isApprover, canRecover, blocked, onOpen, onChanged }: CardProps) {
  const paperwork = useRpcAction();
  const thermal = useRpcAction();
  const [printed, setPrinted] = useState<{ ok: boolean; text: string } | null>(null);
  const counter = isClerk || isApprover;
  const complete = async () => {
    if (await paperwork.run(() => rpc.call('payouts.completePaperwork', { payoutId: p.id }))) onChanged();
  };
  // Recorded as a copy before it is sent (the second on says 补打); a printer that is off is said here.
  const printThermal = async () => {
    setPrinted(null);
    const result = await thermal.run(() => rpc.call('payouts.printVoucherReceipt', { payoutId: p.id }));
    if (!result) return;
    setPrinted(voucherPrintOutcome(result));
  };
  return (
    <Paper variant="outlined" component="article" aria-label={`发放记录 ${formatYuan(p.amountFen)}`} sx={{ p: 2 }}>
      <FactList facts={payoutFacts(p)} />
      <ErrorAlert error={paperwork.error ?? thermal.error} />
      {printed !== null && (
        <Alert severity={printed.ok ? 'success' : 'warning'} role="status" aria-label="凭证打印" sx={{ mt: 1 }}>
          {printed.text}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 1.5, flexWrap: 'wrap', rowGap: 1 }}>
        {isApprover && p.state === 'approved' && p.method === 'cash' && (
          <Button variant="contained" disabled={blocked} onClick={() => onOpen({ kind: 'pay', payout: p })}>
            发放现金
          </Button>
        )}
        {isApprover && p.state === 'approved' && p.method === 'bank' && (
          <Button variant="contained" disabled={blocked} onClick={() => onOpen({ kind: 'transfer', payout: p })}>
            登记转账
          </Button>
        )}
        {isApprover && p.state === 'approved' && (
          <Button variant="outlined" color="error" disabled={blocked} onClick={() => onOpen({ kind: 'cancel', payout: p })}>
            取消发放
          </Button>
        )}
        {p.state === 'paid' && p.method === 'cash' && (
          <Button variant="outlined" startIcon={<PrintOutlined />} href={hrefOf('print', 'payout_voucher', p.id)}>
            打印凭证（A4）
          </Button>
        )}
        {counter && p.state === 'paid' && p.method === 'cash' && (
          <Button variant="outlined" startIcon={<PrintOutlined />} onClick={() => void printThermal()} disabled={thermal.busy}>
            热敏打印
          </Button>
        )}
        {counter && p.state === 'paid' && p.method === 'cash' && p.signedAt === null && (
          <Button variant="outlined" onClick={() => onOpen({ kind: 'signed', payout: p })}>
            凭证已签字交回
          </Button>
        )}
        {canRecover && p.state === 'paid' && p.method === 'cash' && (
          <Button variant="outlined" color="warning" onClick={() => onOpen({ kind: 'recover', payout: p })}>
            登记追回
          </Button>
        )}
        {counter && p.emergency && p.state !== 'cancelled' && p.paperworkCompletedAt === null && (
          <Button variant="outlined" onClick={() => void complete()} disabled={paperwork.busy}>
            手续已补齐
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

/** 凭证已签字交回: asked once more, since it closes the voucher's paper trail. */
function SignedConfirm({ payout, onCancel, onSaved }: { payout: PayoutRecord; onCancel: () => void; onSaved: () => void }) {
  const action = useRpcAction();
  const confirm = async () => {
    if (await action.run(() => rpc.call('payouts.markSigned', { payoutId: payout.id }))) onSaved();
  };
  return (
    <ConfirmDialog open title="凭证已签字交回" confirmLabel="确认" busy={action.busy} onConfirm={() => void confirm()} onCancel={onCancel}>
      <ErrorAlert error={action.error} />
      发放凭证 {payout.voucherNo ?? ''}（{formatYuan(payout.amountFen)}）已由领款人 {payout.payeeName} 和经办人签字并交回？
    </ConfirmDialog>
  );
}

function Figures({ view }: { view: CasePayoutsView }) {
  const facts: [string, string][] = [
    ['镇街审批限额', formatYuan(view.townLimitFen)],
    ['备用金可用', formatYuan(Math.max(view.availableFen, 0))],
  ];
  if (view.approvedAmountFen !== null) facts.push(['已批准待发放', `${formatYuan(view.approvedAmountFen)}（${amountInCapitals(view.approvedAmountFen)}）`]);
  return <FactList facts={facts} />;
}

/**
 * 救助金发放 on a temporary-relief case: the household's aid history, the approved amount
 * waiting, 先行救助 before the decision, and each payout from approval to the signed voucher.
 */
export function PaymentPanel({ detail, isClerk, isApprover, onCaseChanged }: Props) {
  const query = useRpcQuery('payouts.forCase', { caseId: detail.id });
  const { user } = useSignedIn();
  const canRecover = isApprover || user.roles.includes('town_admin');
  const [caseDialog, setCaseDialog] = useState<CaseDialog>('none');
  const [payoutDialog, setPayoutDialog] = useState<PayoutDialog>(null);
  const view = query.data;
  // The decision (made in the page header) changes what waits here: ask again when the state moves.
  const { reload } = query;
  const seenState = useRef(detail.state);
  useEffect(() => {
    if (seenState.current === detail.state) return;
    seenState.current = detail.state;
    reload();
  }, [detail.state, reload]);

  const changed = () => {
    setCaseDialog('none');
    setPayoutDialog(null);
    query.reload();
    onCaseChanged();
  };

  if (!view) {
    return (
      <Section title="救助金发放">
        {query.error ? <ErrorAlert error={query.error} /> : <CircularProgress aria-label="正在加载" />}
      </Section>
    );
  }

  const blockedReason = isApprover ? view.blockedReason : null;
  const blocked = blockedReason !== null;
  // One waiting approved amount, one payout at a time: the server says which applies.
  const live = view.payouts.some((p) => p.state !== 'cancelled');
  const canApprove = isApprover && view.approvedAmountFen !== null && !live;
  const canEmergency = isApprover && view.emergencyAllowed;

  return (
    <Section
      title="救助金发放"
      actions={
        <>
          {canApprove && (
            <Button variant="contained" size="small" disabled={blocked} onClick={() => setCaseDialog('approve')}>
              批准发放
            </Button>
          )}
          {canEmergency && (
            <Button variant="contained" color="warning" size="small" disabled={blocked} onClick={() => setCaseDialog('emergency')}>
              先行救助
            </Button>
          )}
        </>
      }
    >
      <Stack spacing={2}>
        {/* The header says it already while the decision is ahead; here it covers the payment after it. */}
        {blockedReason !== null && blockedReason !== detail.decisionBlockedReason && <StandAsideNotice reason={blockedReason} />}
        <ErrorAlert error={query.error} />
        <Figures view={view} />
        <AidHistory history={view.aidHistory} />
        {view.payouts.length === 0 ? (
          <Typography color="text.secondary">尚无发放记录</Typography>
        ) : (
          view.payouts.map((p) => <PayoutCard key={p.id} payout={p} isClerk={isClerk} isApprover={isApprover} canRecover={canRecover} blocked={blocked} onOpen={setPayoutDialog} onChanged={changed} />)
        )}
      </Stack>
      {caseDialog === 'approve' && view.approvedAmountFen !== null && (
        <ApproveDialog detail={detail} view={view} approvedFen={view.approvedAmountFen} onCancel={() => setCaseDialog('none')} onSaved={changed} />
      )}
      {caseDialog === 'emergency' && <EmergencyDialog detail={detail} view={view} onCancel={() => setCaseDialog('none')} onSaved={changed} />}
      {payoutDialog?.kind === 'pay' && <PayCashDialog payout={payoutDialog.payout} blockedReason={blockedReason} onCancel={() => setPayoutDialog(null)} onSaved={changed} />}
      {payoutDialog?.kind === 'transfer' && <BankTransferDialog payout={payoutDialog.payout} blockedReason={blockedReason} onCancel={() => setPayoutDialog(null)} onSaved={changed} />}
      {payoutDialog?.kind === 'cancel' && <CancelPayoutDialog payout={payoutDialog.payout} blockedReason={blockedReason} onCancel={() => setPayoutDialog(null)} onSaved={changed} />}
      {payoutDialog?.kind === 'recover' && <RecoverDialog payout={payoutDialog.payout} onCancel={() => setPayoutDialog(null)} onSaved={changed} />}
      {payoutDialog?.kind === 'signed' && <SignedConfirm payout={payoutDialog.payout} onCancel={() => setPayoutDialog(null)} onSaved={changed} />}
    </Section>
  );
}
