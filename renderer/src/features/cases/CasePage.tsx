import ArrowBack from '@mui/icons-material/ArrowBack';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { useState } from 'react';
import type { CaseState } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useRpcQuery } from '../../components/useRpc';
import { PrintLinks } from '../../print/PrintLinks';
import { PaymentPanel } from '../payouts/PaymentPanel';
import { hrefOf } from '../../routing';
import { useSignedIn } from '../../session/context';
import { CaseFacts } from './CaseFacts';
import { MaterialsTable, PrintsTable, SignaturesTable, TimelineTable } from './CaseTables';
import { CaseList } from './IntakeResult';
import { MaterialsDialog } from './MaterialsDialog';
import { ReceiptButton } from './ReceiptDialog';
import { SignatureDialog } from './SignatureDialog';
import { CheckPanel } from './steps/CheckPanel';
import { StepActions } from './steps/StepActions';
import { WithdrawDialog } from './WithdrawDialog';

// Mirrors the server: materials change until the case moves on; withdrawal while it is open.
const MATERIALS_EDITABLE: ReadonlySet<CaseState> = new Set(['materials_incomplete', 'accepted']);
const CLOSED: ReadonlySet<CaseState> = new Set(['approved', 'paid', 'refused', 'referral_answered', 'withdrawn', 'archived']);

type Open = 'none' | 'materials' | 'signature' | 'withdraw';

/** #/cases/<id>: one case from intake on, for the counter. */
export function CasePage({ caseId }: { caseId: string }) {
  const { user } = useSignedIn();
  const isClerk = user.roles.includes('clerk');
  const isApprover = user.roles.includes('approver');
  const query = useRpcQuery('cases.get', { caseId });
  const [open, setOpen] = useState<Open>('none');
  const detail = query.data;
  if (!detail) return query.error ? <ErrorAlert error={query.error} /> : <CircularProgress aria-label="正在加载" />;

  const close = () => setOpen('none');
  const saved = (next: typeof detail) => {
    close();
    query.setData(next);
  };
  const open_ = !CLOSED.has(detail.state);

  return (
    <>
      <Button href={hrefOf('registry', 'household', detail.householdId)} startIcon={<ArrowBack />} sx={{ mb: 1 }}>
        返回本户档案
      </Button>
      <PageHeader title={`案件 ${detail.caseNo}`}>
        <PrintLinks detail={detail} />
        <StepActions detail={detail} isClerk={isClerk} isApprover={isApprover} onSaved={(next) => query.setData(next)} />
        {isClerk && <ReceiptButton caseId={detail.id} />}
        {isClerk && open_ && (
          <Button variant="outlined" color="error" onClick={() => setOpen('withdraw')}>
            撤回申请
          </Button>
        )}
      </PageHeader>
      <ErrorAlert error={query.error} />
      <Section title="案件信息">
        <CaseFacts detail={detail} />
      </Section>
      <Section
        title="申请材料"
        actions={
          isClerk &&
          MATERIALS_EDITABLE.has(detail.state) && (
            <Button variant="outlined" size="small" onClick={() => setOpen('materials')}>
              补齐材料
            </Button>
          )
        }
      >
        <MaterialsTable materials={detail.materials} />
      </Section>
      <Section
        title="签字"
        actions={
          isClerk &&
          open_ && (
            <Button variant="outlined" size="small" onClick={() => setOpen('signature')}>
              登记签字
            </Button>
          )
        }
      >
        <SignaturesTable detail={detail} />
      </Section>
      {detail.decidedBy !== 'department' && detail.state !== 'materials_incomplete' && (
        <CheckPanel detail={detail} isClerk={isClerk} onCaseChanged={query.reload} />
      )}
      {detail.reliefType === 'linshi' && <PaymentPanel detail={detail} isClerk={isClerk} isApprover={isApprover} onCaseChanged={query.reload} />}
      <Section title="办理过程">
        <TimelineTable events={detail.events} />
      </Section>
      <Section title="打印记录">
        <PrintsTable prints={detail.prints} />
      </Section>
      <Section title="本户救助记录">
        <CaseList cases={detail.householdCases} label="本户案件" />
      </Section>
      {open === 'materials' && <MaterialsDialog detail={detail} onCancel={close} onSaved={saved} />}
      {open === 'signature' && <SignatureDialog detail={detail} onCancel={close} onSaved={saved} />}
      {open === 'withdraw' && <WithdrawDialog detail={detail} onCancel={close} onSaved={saved} />}
    </>
  );
}
