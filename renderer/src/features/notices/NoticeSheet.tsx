import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import { formatYuan } from '../../../../electron/contract/money';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { formatPlainDate } from '../../format';
import { rpc } from '../../rpc';
import '../../print/a4.css';
import { ObjectionDialog } from './ObjectionDialog';
import type { CreatedNotice, NoticeView } from './noticeTypes';

/** The posted list, exactly what notices.get allows out: no minors, masked IDs. */
function NoticeList({ view }: { view: NoticeView }) {
  return (
    <div className="a4-sheet print-area" data-testid="notice-sheet">
      <h1>社会救助公示</h1>
      <div className="a4-office">{view.villageName}</div>
      <p>
        公示期：{formatPlainDate(view.startDate)} 至 {formatPlainDate(view.endDate)}
      </p>
      <table>
        <thead>
          <tr>
            <th>序号</th>
            <th>姓名</th>
            <th>身份证号</th>
            <th>救助类别</th>
            <th>拟保障金额（元/月）</th>
          </tr>
        </thead>
        <tbody>
          {view.entries.map((e, i) => (
            <tr key={e.caseNo}>
              <td>{i + 1}</td>
              <td>{e.applicantName}</td>
              <td>{e.residentIdMasked}</td>
              <td>{e.kindLabel}</td>
              <td>{e.proposedAmountFen === null ? '' : formatYuan(e.proposedAmountFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.hiddenCount > 0 && <p>另有 {view.hiddenCount} 名未成年人不予公示。</p>}
      <p>如有异议，请于公示期内向镇（街道）社会救助服务大厅反映。</p>
    </div>
  );
}

interface Props {
  notice: CreatedNotice;
}

/** One notice: the printable list, 打印, 登记异议 and 结束公示. */
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
        <Button variant="contained" onClick={() => window.print()}>
          打印
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
      {query.data ? <NoticeList view={query.data} /> : !query.error && <CircularProgress aria-label="正在加载" />}
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
