import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { CASE_STATE_LABELS, RELIEF_TYPE_LABELS, type CaseSummary, type OutputOf } from '../../contract';
import { formatPlainDate } from '../../format';
import { hrefOf } from '../../routing';
import { promisedText } from './labels';

/** The cases just accepted, with links to each case page. */
export function CaseList({ cases, label }: { cases: readonly CaseSummary[]; label: string }) {
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>案件编号</TableCell>
          <TableCell>救助类别</TableCell>
          <TableCell>状态</TableCell>
          <TableCell>受理日期</TableCell>
          <TableCell>承诺办结日期</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {cases.map((c) => (
          <TableRow key={c.id}>
            <TableCell>
              <Link href={hrefOf('cases', c.id)}>{c.caseNo}</Link>
            </TableCell>
            <TableCell>
              {RELIEF_TYPE_LABELS[c.reliefType]}
              {c.category ? `（${c.category}）` : ''}
            </TableCell>
            <TableCell>{CASE_STATE_LABELS[c.state]}</TableCell>
            <TableCell>{formatPlainDate(c.acceptedDate)}</TableCell>
            <TableCell>{promisedText(c.state, c.promisedDate)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * The one-time notice (一次性告知单): every missing material of every case at once, so the
 * applicant comes back one time only. Printed from the screen for now (print.css).
 */
export function OneTimeNotice({ missing, applicantName }: { missing: OutputOf<'cases.intake'>['missing']; applicantName: string }) {
  return (
    <Box component="section" aria-label="一次性告知单" className="print-area" sx={{ mt: 2 }}>
      <Typography variant="h6" component="h3" sx={{ fontWeight: 700 }}>
        一次性告知单
      </Typography>
      <Typography sx={{ my: 1 }}>
        {applicantName}：您的申请已登记。下列材料尚未提交，请一次性补齐后交至本窗口，补齐之日起计算办理时限。
      </Typography>
      {missing.map((m) => (
        <Box key={m.caseNo} sx={{ mb: 1 }}>
          <Typography sx={{ fontWeight: 700 }}>
            案件编号 {m.caseNo}（{RELIEF_TYPE_LABELS[m.reliefType]}）
          </Typography>
          <Box component="ol" sx={{ my: 0.5 }}>
            {m.materials.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </Box>
        </Box>
      ))}
      <Typography className="print-only" sx={{ mt: 4 }}>
        {'申请人签收：____________\u3000\u3000受理人：____________\u3000\u3000日期：____________'}
      </Typography>
    </Box>
  );
}

export function IntakeResult({ result, applicantName }: { result: OutputOf<'cases.intake'>; applicantName: string }) {
  const missing = result.missing.filter((m) => m.materials.length > 0);
  return (
    <Stack spacing={1}>
      <Alert severity={missing.length > 0 ? 'warning' : 'success'} className="no-print">
        已受理 {result.cases.length} 件申请{missing.length > 0 ? '，有材料尚未提交，请打印一次性告知单交申请人' : ''}
      </Alert>
      <CaseList cases={result.cases} label="本次受理的案件" />
      {missing.length > 0 && (
        <>
          <OneTimeNotice missing={missing} applicantName={applicantName} />
          <Box className="no-print">
            <Button variant="outlined" startIcon={<PrintOutlined />} onClick={() => window.print()}>
              打印一次性告知单
            </Button>
          </Box>
        </>
      )}
    </Stack>
  );
}
