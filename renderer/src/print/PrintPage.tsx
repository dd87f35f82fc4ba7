import ArrowBack from '@mui/icons-material/ArrowBack';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { ErrorAlert } from '../components/ErrorAlert';
import { useRpcQuery } from '../components/useRpc';
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, type DocumentKind, type DocumentModel } from '../contract';
import { hrefOf } from '../routing';
import { Authorisation } from './Authorisation';
import { Commitment } from './Commitment';
import { OneTimeNotice } from './OneTimeNotice';
import './a4.css';

// #/print/<kind>/<caseId>: one A4 form alone, without the app shell, so window.print() (the
// browser's dialog with 另存为 PDF, or Electron's) puts only the sheet on paper.
// Prints are not recorded yet: a prints row per A4 print comes with the printing work.

export function isDocumentKind(value: string): value is DocumentKind {
  return DOCUMENT_KINDS.some((k) => k === value);
}

function Sheet({ doc }: { doc: DocumentModel }) {
  switch (doc.kind) {
    case 'one_time_notice':
      return <OneTimeNotice doc={doc} />;
    case 'commitment':
      return <Commitment doc={doc} />;
    case 'authorisation':
      return <Authorisation doc={doc} />;
  }
}

export function PrintPage({ kind, caseId }: { kind: DocumentKind; caseId: string }) {
  const query = useRpcQuery('documents.get', { kind, caseId });
  return (
    <Box sx={{ bgcolor: 'grey.200', minHeight: '100vh', py: 2 }}>
      <Box className="no-print" sx={{ display: 'flex', gap: 1, justifyContent: 'center', mb: 2 }}>
        <Button href={hrefOf('cases', caseId)} startIcon={<ArrowBack />}>
          返回
        </Button>
        <Button variant="contained" startIcon={<PrintOutlined />} disabled={!query.data} onClick={() => window.print()}>
          打印
        </Button>
      </Box>
      {query.loading && (
        <Box sx={{ display: 'grid', placeItems: 'center' }}>
          <CircularProgress aria-label={`正在载入${DOCUMENT_KIND_LABELS[kind]}`} />
        </Box>
      )}
      {query.error && (
        <Box className="no-print" sx={{ maxWidth: 600, mx: 'auto' }}>
          <ErrorAlert error={query.error} />
        </Box>
      )}
      {query.data && (
        <article className="a4-sheet print-area" aria-label={DOCUMENT_KIND_LABELS[kind]}>
          <Sheet doc={query.data} />
        </article>
      )}
    </Box>
  );
}
