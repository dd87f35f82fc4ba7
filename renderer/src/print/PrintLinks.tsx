import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Button from '@mui/material/Button';
import type { CaseDetail, CaseDocumentKind } from '../contract';
import { hrefOf } from '../routing';

// The case page's ways to its A4 forms (#/print/<kind>/<caseId>), each offered only where the
// case's state allows it (documents.get refuses the others with the reason).

const LABELS: Record<CaseDocumentKind, string> = {
  one_time_notice: '打印一次性告知单',
  commitment: '打印告知承诺书',
  authorisation: '打印核对授权书',
  approval_form: '打印审核审批表',
  refusal_notice: '打印不予救助通知书',
  referral_notice: '打印转办告知书',
};

function kindsFor(detail: CaseDetail): CaseDocumentKind[] {
  const kinds: CaseDocumentKind[] = ['one_time_notice', 'commitment', 'authorisation'];
  const archived = detail.state === 'archived';
  if (detail.decidedBy === 'department') {
    if (detail.state === 'referred' || detail.state === 'referral_answered' || archived) kinds.push('referral_notice');
  } else if (detail.state !== 'withdrawn') {
    // Printable all along: steps not yet taken print as blank lines (see ApprovalForm).
    kinds.push('approval_form');
  }
  if (detail.state === 'refused' || (archived && detail.events.some((e) => e.toState === 'refused'))) kinds.push('refusal_notice');
  return kinds;
}

export function PrintLinks({ detail }: { detail: CaseDetail }) {
  return kindsFor(detail).map((kind) => (
    <Button key={kind} variant="outlined" startIcon={<PrintOutlined />} href={hrefOf('print', kind, detail.id)}>
      {LABELS[kind]}
    </Button>
  ));
}
