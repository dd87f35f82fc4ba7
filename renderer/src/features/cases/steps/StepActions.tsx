import Button from '@mui/material/Button';
import { useState } from 'react';
import type { CaseDetail } from '../../../contract';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useRpcAction } from '../../../components/useRpc';
import { rpc } from '../../../rpc';
import { DecisionDialog } from './DecisionDialog';
import { InvestigationDialog } from './InvestigationDialog';
import { ReferralAnswerDialog } from './ReferralAnswerDialog';
import { ReviewDialog } from './ReviewDialog';
import { StandAsideNotice } from './StandAsideNotice';

interface Props {
  detail: CaseDetail;
  isClerk: boolean;
  isApprover: boolean;
  onSaved: (detail: CaseDetail) => void;
}

type Open = 'none' | 'investigation' | 'review' | 'answer' | 'decision';

/** The one next step the server would accept in this state, for the role that may take it. */
export function StepActions({ detail, isClerk, isApprover, onSaved }: Props) {
  const [open, setOpen] = useState<Open>('none');
  const refer = useRpcAction();
  const close = () => setOpen('none');
  const saved = (next: CaseDetail) => {
    close();
    onSaved(next);
  };
  const referral = detail.decidedBy === 'department';
  // Said by the server only to an approver, only while the town's decision is still ahead.
  const standAside = detail.decisionBlockedReason;

  const send = async () => {
    const next = await refer.run(() => rpc.call('referrals.send', { caseId: detail.id }));
    if (next) onSaved(next);
  };

  return (
    <>
      {isClerk && referral && detail.state === 'accepted' && (
        <Button variant="contained" onClick={() => void send()} disabled={refer.busy}>
          转办
        </Button>
      )}
      {isClerk && detail.state === 'referred' && (
        <Button variant="contained" onClick={() => setOpen('answer')}>
          登记部门答复
        </Button>
      )}
      {isClerk && detail.state === 'investigating' && (
        <Button variant="contained" onClick={() => setOpen('investigation')}>
          入户调查
        </Button>
      )}
      {isClerk && detail.state === 'reviewing' && (
        <Button variant="contained" onClick={() => setOpen('review')}>
          民主评议
        </Button>
      )}
      {isApprover && detail.state === 'deciding' && (
        <Button variant="contained" onClick={() => setOpen('decision')}>
          审核确认
        </Button>
      )}
      {standAside !== null && <StandAsideNotice reason={standAside} />}
      <ErrorAlert error={refer.error} />
      {open === 'investigation' && <InvestigationDialog detail={detail} onCancel={close} onSaved={saved} />}
      {open === 'review' && <ReviewDialog detail={detail} onCancel={close} onSaved={saved} />}
      {open === 'answer' && <ReferralAnswerDialog detail={detail} onCancel={close} onSaved={saved} />}
      {open === 'decision' && <DecisionDialog detail={detail} onCancel={close} onSaved={saved} />}
    </>
  );
}
