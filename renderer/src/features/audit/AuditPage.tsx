import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import { useEffect, useState } from 'react';
import type { AuditRow, RpcError } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { rpc } from '../../rpc';
import { AuditDetailDialog } from './AuditDetailDialog';
import { AuditFilters, NO_FILTER, type AuditFilter } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { VerifyChain } from './VerifyChain';

const PAGE_ROWS = 50;

/** The rows loaded so far for one filter; newest first, pages follow by beforeSeq. */
interface Loaded {
  filter: AuditFilter;
  rows: AuditRow[];
  hasMore: boolean;
  error: RpcError | null;
}

function fetchPage(filter: AuditFilter, beforeSeq: number | null) {
  return rpc.call('audit.list', { ...filter, beforeSeq, limit: PAGE_ROWS });
}

export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [detail, setDetail] = useState<AuditRow | null>(null);
  const current = loaded?.filter === filter ? loaded : null;

  useEffect(() => {
    let live = true;
    void fetchPage(filter, null).then((result) => {
      if (!live) return;
      setLoaded(
        result.ok
          ? { filter, rows: result.value.rows, hasMore: result.value.hasMore, error: null }
          : { filter, rows: [], hasMore: false, error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [filter]);

  const more = async () => {
    const last = current?.rows[current.rows.length - 1];
    if (!current || !last) return;
    setLoadingMore(true);
    const result = await fetchPage(filter, last.seq);
    setLoadingMore(false);
    setLoaded(
      result.ok
        ? { ...current, rows: [...current.rows, ...result.value.rows], hasMore: result.value.hasMore, error: null }
        : { ...current, error: result.error },
    );
  };

  return (
    <>
      <PageHeader title="审计日志">
        <VerifyChain />
      </PageHeader>
      <Paper sx={{ p: 2, mb: 2 }}>
        <AuditFilters onApply={setFilter} />
      </Paper>
      <ErrorAlert error={current?.error ?? null} />
      <Paper sx={{ overflowX: 'auto' }}>
        {current && current.rows.length === 0 ? (
          <Alert severity="info">没有符合条件的记录</Alert>
        ) : (
          <AuditTable rows={current?.rows ?? []} onOpen={setDetail} />
        )}
      </Paper>
      {current?.hasMore && (
        <Stack sx={{ alignItems: 'center', mt: 2 }}>
          <Button variant="outlined" onClick={() => void more()} disabled={loadingMore}>
            加载更多
          </Button>
        </Stack>
      )}
      {detail && <AuditDetailDialog row={detail} onClose={() => setDetail(null)} />}
    </>
  );
}
