import ArrowBack from '@mui/icons-material/ArrowBack';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Box from '@mui/material/Box';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { ErrorAlert } from '../components/ErrorAlert';
import { useRpcAction, useRpcQuery } from '../components/useRpc';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, documentRefFor, documentRefId, reprintMark, type DocumentModel, type DocumentRef, type OutputOf } from '../contract';
import { hrefOf } from '../routing';
import { rpc } from '../rpc';
import { ApprovalForm } from './ApprovalForm';
import { Authorisation } from './Authorisation';
import { Commitment } from './Commitment';
import { DayCloseSlip } from './DayCloseSlip';
import { desktopPrinter, pdfSuggestedName, type DesktopPrinter, type PrintPageResult, type SavePdfResult } from './desktopPrint';
import { NoticeList } from './NoticeList';
import { OneTimeNotice } from './OneTimeNotice';
import { PayoutVoucher } from './PayoutVoucher';
import { ReferralNotice } from './ReferralNotice';
import { RefusalNotice } from './RefusalNotice';
import { ReimbursementClaimPaper, StatementPaper } from './ReservePapers';
import './a4.css';

// #/print/<kind>/<caseId> (#/print/notice_list/<noticeId>): one A4 form alone, without the app
// shell, so only the sheet goes on paper. The desktop app prints through the system print
// dialog or saves a PDF where the clerk chooses (desktopPrint.ts); a browser gets
// window.print(), whose dialog offers 另存为 PDF. Each print is recorded (documents.recordPrint)
// before the page is rendered for it, and the sheet shows the copy number it was given:
// 补打（第N份） from the second copy on, as the preview announced.

/** The form a print route names, or null for a route that names none. */
export function printRefOf(kind: string, id: string): DocumentRef | null {
  const known = DOCUMENT_KINDS.find((k) => k === kind);
  return known === undefined ? null : documentRefFor(known, id);
}

function Sheet({ doc }: { doc: DocumentModel }) {
  switch (doc.kind) {
    case 'one_time_notice':
      return <OneTimeNotice doc={doc} />;
    case 'commitment':
      return <Commitment doc={doc} />;
    case 'authorisation':
      return <Authorisation doc={doc} />;
    case 'approval_form':
      return <ApprovalForm doc={doc} />;
    case 'refusal_notice':
      return <RefusalNotice doc={doc} />;
    case 'referral_notice':
      return <ReferralNotice doc={doc} />;
    case 'notice_list':
      return <NoticeList list={doc} officeName={doc.officeName} />;
    case 'payout_voucher':
      return <PayoutVoucher doc={doc} />;
    case 'day_close_slip':
      return <DayCloseSlip doc={doc} />;
    case 'reimbursement_claim':
      return <ReimbursementClaimPaper doc={doc} />;
    case 'statement':
      return <StatementPaper doc={doc} />;
  }
}

type Target = 'a4' | 'pdf';
type DocumentView = OutputOf<'documents.get'>;

const HELP_ID = 'print-help';
// Says what each button really does where the page runs: the desktop app has its own dialogs;
// a browser has only its print dialog, whose destination 另存为 PDF is how a PDF is made there.
const DESKTOP_HELP = '打印：在系统打印对话框中选择打印机；另存为 PDF：先选择保存位置，再生成 A4 PDF。每次都登记份数。';
const BROWSER_HELP = '两个按钮都会打开浏览器的打印对话框：另存为 PDF 时，请在对话框的“目标打印机”中选择“另存为 PDF”。每次都登记份数。';

/** What the desktop print paths report back, above the sheet. */
interface Outcome {
  severity: 'success' | 'info' | 'error';
  text: string;
}

// Once: the preload exposes the bridge before any page script runs.
const desktop = desktopPrinter();

/** Keyed by the form, so moving to another form (a hash change) starts afresh, never showing the last one. */
export function PrintPage({ reference }: { reference: DocumentRef }) {
  return <PrintSheet key={`${reference.kind}/${documentRefId(reference)}`} reference={reference} />;
}

function paperOutcome(copyNo: number, result: PrintPageResult): Outcome {
  const again = `第${copyNo}份已登记，再次打印将标注“补打”`;
  if (!result.ok) return { severity: 'error', text: `${result.message}。${again}。` };
  if (result.outcome === 'canceled') return { severity: 'info', text: `已取消打印。${again}。` };
  return { severity: 'success', text: `第${copyNo}份已发送到打印机` };
}

function pdfOutcome(copyNo: number, result: SavePdfResult): Outcome {
  if (!result.ok) return { severity: 'error', text: `${result.message}。第${copyNo}份已登记，再次保存将标注“补打”。` };
  return { severity: 'success', text: `第${copyNo}份已保存为 PDF：${result.path}` };
}

/** Where 返回 goes: the notices page, the 备用金 page, or the form's case (a voucher's once it has loaded). */
function backHref(reference: DocumentRef, doc: DocumentModel | undefined): string {
  switch (reference.kind) {
    case 'notice_list':
      return hrefOf('notices');
    case 'payout_voucher':
      return doc?.kind === 'payout_voucher' ? hrefOf('cases', doc.caseId) : hrefOf();
    case 'day_close_slip':
    case 'reimbursement_claim':
    case 'statement':
      return hrefOf('reserve');
    default:
      return hrefOf('cases', reference.caseId);
  }
}

function PrintSheet({ reference }: { reference: DocumentRef }) {
  const query = useRpcQuery('documents.get', reference);
  const recording = useRpcAction();
  /** The copy being printed, while the dialog is open; otherwise the sheet previews the next one. */
  const [printing, setPrinting] = useState<number | null>(null);
  /** From the start of a print to its end, dialogs included (recording.busy covers only the RPC). */
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const label = DOCUMENT_KIND_LABELS[reference.kind];
  const back = backHref(reference, query.data?.document);

  /** Records the print, shows its copy number on the sheet while `output` runs, then moves on. */
  const recordAndOutput = async <T,>(target: Target, output: () => T | Promise<T>): Promise<{ copyNo: number; result: T } | null> => {
    const recorded = await recording.run(() => rpc.call('documents.recordPrint', { ...reference, target }));
    if (!recorded) return null;
    // The sheet must say the recorded copy before the dialog (or printToPDF) takes its picture,
    // and show the form as recordPrint built it with that number: the case may have moved on
    // (decided at another counter) since the page loaded.
    flushSync(() => {
      setPrinting(recorded.copyNo);
      query.setData({ document: recorded.document, nextCopyNo: recorded.copyNo + 1 });
    });
    try {
      return { copyNo: recorded.copyNo, result: await output() };
    } finally {
      setPrinting(null);
    }
  };

  // Desktop paper: recorded before the system dialog opens. The page is rendered for the printer
  // with its copy number, so the number must exist first; and print's callback cannot confirm
  // paper (success only means the job reached the print queue: Electron reports success with
  // the printer out of paper, electron/electron#38975). A cancelled dialog thus leaves a
  // recorded copy, and the clerk is told so.
  const printOnDesktop = async (printer: DesktopPrinter) => {
    const done = await recordAndOutput('a4', () => printer.printPage());
    if (done) setOutcome(paperOutcome(done.copyNo, done.result));
  };

  // Desktop PDF: the file is chosen first, so a cancelled save dialog records nothing; then the
  // print is recorded and the PDF rendered with the copy number the record gave. Only a failed
  // render or write leaves a recorded copy without a file, and the clerk is told so.
  const savePdfOnDesktop = async (printer: DesktopPrinter, view: DocumentView) => {
    const choice = await printer.choosePdfFile({ suggestedName: pdfSuggestedName(view.document) });
    if (!choice.ok) {
      setOutcome({ severity: 'error', text: choice.message });
      return;
    }
    if (!choice.chosen) return;
    const done = await recordAndOutput('pdf', () => printer.savePdf());
    if (done) setOutcome(pdfOutcome(done.copyNo, done.result));
  };

  const print = async (target: Target) => {
    const view = query.data;
    if (!view || busy) return;
    setOutcome(null);
    setBusy(true);
    try {
      if (desktop && target === 'pdf') await savePdfOnDesktop(desktop, view);
      else if (desktop) await printOnDesktop(desktop);
      // The browser: window.print() tells nothing back, so the print is recorded before its
      // dialog opens, paper or 另存为 PDF alike.
      else await recordAndOutput(target, () => window.print());
    } finally {
      setBusy(false);
    }
  };

  const copyNo = printing ?? query.data?.nextCopyNo ?? 1;
  const mark = reprintMark(copyNo);
  return (
    <Box sx={{ bgcolor: 'grey.200', minHeight: '100vh', py: 2 }}>
      <Box className="no-print" sx={{ display: 'flex', gap: 1, justifyContent: 'center', alignItems: 'center', mb: 1 }}>
        <Button href={back} startIcon={<ArrowBack />}>
          返回
        </Button>
        <Button variant="contained" startIcon={<PrintOutlined />} disabled={!query.data || busy} aria-describedby={HELP_ID} onClick={() => void print('a4')}>
          打印
        </Button>
        <Button variant="outlined" startIcon={<PictureAsPdfOutlined />} disabled={!query.data || busy} aria-describedby={HELP_ID} onClick={() => void print('pdf')}>
          另存为 PDF
        </Button>
        {query.data && (
          <Typography variant="body2" role="status">
            {mark === null ? '本次为第1份' : `本次为第${copyNo}份，将标注“补打”`}
          </Typography>
        )}
      </Box>
      <Typography id={HELP_ID} className="no-print" variant="body2" color="text.secondary" sx={{ textAlign: 'center', mb: 2 }}>
        {desktop ? DESKTOP_HELP : BROWSER_HELP}
      </Typography>
      {outcome && (
        <Box className="no-print" sx={{ maxWidth: 600, mx: 'auto' }}>
          <Alert severity={outcome.severity} sx={{ mb: 2, wordBreak: 'break-all' }} onClose={() => setOutcome(null)}>
            {outcome.text}
          </Alert>
        </Box>
      )}
      {query.loading && (
        <Box sx={{ display: 'grid', placeItems: 'center' }}>
          <CircularProgress aria-label={`正在载入${label}`} />
        </Box>
      )}
      {(query.error ?? recording.error) && (
        <Box className="no-print" sx={{ maxWidth: 600, mx: 'auto' }}>
          <ErrorAlert error={query.error ?? recording.error} />
        </Box>
      )}
      {query.data && (
        <article className="a4-sheet print-area" aria-label={label}>
          {mark !== null && <div className="a4-reprint">{mark}</div>}
          <Sheet doc={query.data.document} />
        </article>
      )}
    </Box>
  );
}
