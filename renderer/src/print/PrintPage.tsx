import ArrowBack from '@mui/icons-material/ArrowBack';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { ErrorAlert } from '../components/ErrorAlert';
import { useRpcAction, useRpcQuery } from '../components/useRpc';
import { CASE_DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, reprintMark, type DocumentModel, type DocumentRef } from '../contract';
import { hrefOf } from '../routing';
import { rpc } from '../rpc';
import { ApprovalForm } from './ApprovalForm';
import { Authorisation } from './Authorisation';
import { Commitment } from './Commitment';
import { NoticeList } from './NoticeList';
import { OneTimeNotice } from './OneTimeNotice';
import { ReferralNotice } from './ReferralNotice';
import { RefusalNotice } from './RefusalNotice';
import './a4.css';

// #/print/<kind>/<caseId> (#/print/notice_list/<noticeId>): one A4 form alone, without the app
// shell, so window.print() (the browser's dialog with 另存为 PDF, or Electron's) puts only the
// sheet on paper. Each print is recorded first (documents.recordPrint) and the sheet then shows
// the copy number it was given: 补打（第N份） from the second copy on, as the preview announced.

/** The form a print route names, or null for a route that names none. */
export function printRefOf(kind: string, id: string): DocumentRef | null {
  if (kind === 'notice_list') return { kind, noticeId: id };
  const caseKind = CASE_DOCUMENT_KINDS.find((k) => k === kind);
  return caseKind === undefined ? null : { kind: caseKind, caseId: id };
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
  }
}

type Target = 'a4' | 'pdf';

/** Keyed by the form, so moving to another form (a hash change) starts afresh, never showing the last one. */
export function PrintPage({ reference }: { reference: DocumentRef }) {
  const id = reference.kind === 'notice_list' ? reference.noticeId : reference.caseId;
  return <PrintSheet key={`${reference.kind}/${id}`} reference={reference} />;
}

function PrintSheet({ reference }: { reference: DocumentRef }) {
  const query = useRpcQuery('documents.get', reference);
  const recording = useRpcAction();
  /** The copy being printed, while the dialog is open; otherwise the sheet previews the next one. */
  const [printing, setPrinting] = useState<number | null>(null);
  const label = DOCUMENT_KIND_LABELS[reference.kind];
  const back = reference.kind === 'notice_list' ? hrefOf('notices') : hrefOf('cases', reference.caseId);

  const print = async (target: Target) => {
    const view = query.data;
    if (!view) return;
    const recorded = await recording.run(() => rpc.call('documents.recordPrint', { ...reference, target }));
    if (!recorded) return;
    // The sheet must say the recorded copy before the dialog takes its picture of the page.
    flushSync(() => setPrinting(recorded.copyNo));
    window.print();
    setPrinting(null);
    query.setData({ ...view, nextCopyNo: recorded.copyNo + 1 });
  };

  const copyNo = printing ?? query.data?.nextCopyNo ?? 1;
  const mark = reprintMark(copyNo);
  return (
    <Box sx={{ bgcolor: 'grey.200', minHeight: '100vh', py: 2 }}>
      <Box className="no-print" sx={{ display: 'flex', gap: 1, justifyContent: 'center', alignItems: 'center', mb: 2 }}>
        <Button href={back} startIcon={<ArrowBack />}>
          返回
        </Button>
        <Button variant="contained" startIcon={<PrintOutlined />} disabled={!query.data || recording.busy} onClick={() => void print('a4')}>
          打印
        </Button>
        <Button variant="outlined" startIcon={<PictureAsPdfOutlined />} disabled={!query.data || recording.busy} onClick={() => void print('pdf')}>
          另存为 PDF
        </Button>
        {query.data && (
          <Typography variant="body2" role="status">
            {mark === null ? '本次为第1份' : `本次为第${copyNo}份，将标注“补打”`}（另存为 PDF 时请在打印对话框中选择“另存为 PDF”）
          </Typography>
        )}
      </Box>
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
