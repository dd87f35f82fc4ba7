import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { NoticeList } from '../../print/NoticeList';
import { rpc } from '../../rpc';
import { hrefOf } from '../../routing';
import '../../print/a4.css';
import { ObjectionDialog } from './ObjectionDialog';
import type { CreatedNotice } from './noticeTypes';

interface Props {
  notice: CreatedNotice;
}

/**
 * One notice: the list as it will be posted, 打印公示名单 (the A4 print page, where each print
 * is recorded and a reprint says 补打), 登记异议 and 结束公示.
 */
export function NoticeSheet({ notice }: Props) {
  const query = useRpcQuery('notices.get', { noticeId: notice.id });
  const closing = useRpcAction();
  const [objecting, setObjecting] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const close = async () => {
    setDone(null);
    const view = await closing.run(() => rpc.call('notices.close', { noticeId: notice.id }));
    if (!view) return;
    query.setData(view);
    setDone('公示已结束，案件转入审核确认');
  };

  return (
    <>
      <Stack direction="row" spacing={1} className="no-print" sx={{ mb: 2 }}>
        <Button variant="contained" startIcon={<PrintOutlined />} href={hrefOf('print', 'notice_list', notice.id)}>
          打印公示名单
        </Button>
        <Button variant="outlined" onClick={() => setObjecting(true)}>
          登记异议
        </Button>
        <Button variant="outlined" onClick={() => void close()} disabled={closing.busy}>
          结束公示
        </Button>
      </Stack>
      <div className="no-print">
        <ErrorAlert error={query.error ?? closing.error} />
        {done && (
          <Alert severity="success" sx={{ mb: 2 }}>
            {done}
          </Alert>
        )}
      </div>
      {query.data ? (
        <div className="a4-sheet" data-testid="notice-sheet">
          <NoticeList list={query.data} />
        </div>
      ) : (
        !query.error && <CircularProgress aria-label="正在加载" />
      )}
      {objecting && (
        <ObjectionDialog
          notice={notice}
          onCancel={() => setObjecting(false)}
          onSaved={(caseNo) => {
            setObjecting(false);
            setDone(`已登记异议，案件 ${caseNo} 退回入户调查`);
            query.reload();
          }}
        />
      )}
    </>
  );
}
