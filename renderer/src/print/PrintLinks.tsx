import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Button from '@mui/material/Button';
import { hrefOf } from '../routing';

// The case page's ways to the A4 intake papers (#/print/<kind>/<caseId>).
const LINKS = [
  { kind: 'one_time_notice', label: '打印一次性告知单' },
  { kind: 'commitment', label: '打印告知承诺书' },
  { kind: 'authorisation', label: '打印核对授权书' },
] as const;

export function PrintLinks({ caseId }: { caseId: string }) {
  return LINKS.map((link) => (
    <Button key={link.kind} variant="outlined" startIcon={<PrintOutlined />} href={hrefOf('print', link.kind, caseId)}>
      {link.label}
    </Button>
  ));
}
