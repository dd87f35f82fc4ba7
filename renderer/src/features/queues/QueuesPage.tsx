import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { OutputOf } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useRpcQuery } from '../../components/useRpc';
import { formatPlainDate } from '../../format';
import { hrefOf } from '../../routing';

type Queue = OutputOf<'queues.mine'>['queues'][number];

const DATE_LABELS: Record<Queue['rows'][number]['dateKind'], string> = {
  promised: '承诺办结',
  notice_end: '公示截止',
  referral_due: '转办答复期限',
  paperwork_due: '先行救助补办期限',
};

function QueueTable({ queue }: { queue: Queue }) {
  return (
    <Table size="small" aria-label={queue.label}>
      <TableHead>
        <TableRow>
          <TableCell>案件编号</TableCell>
          <TableCell>申请人</TableCell>
          <TableCell>救助类别</TableCell>
          <TableCell>状态</TableCell>
          <TableCell>日期</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {queue.rows.map((row) => (
          <TableRow key={row.caseId}>
            <TableCell>
              <Link href={hrefOf('cases', row.caseId)}>{row.caseNo}</Link>
            </TableCell>
            <TableCell>{row.applicantName}</TableCell>
            <TableCell>{row.kindLabel}</TableCell>
            <TableCell>{row.stateLabel}</TableCell>
            <TableCell>
              {DATE_LABELS[row.dateKind]} {formatPlainDate(row.date)}
              {row.daysOverdue > 0 && (
                <Typography component="span" variant="body2" sx={{ ml: 1, color: 'error.main', fontWeight: 700 }}>
                  逾期 {row.daysOverdue} 天
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
      {queue.count > queue.rows.length && (
        <caption>
          按日期先后显示最早的 {queue.rows.length} 件，共 {queue.count} 件；其余案件可在登记查询中找到该户，在户页面的“本户案件”中打开
        </caption>
      )}
    </Table>
  );
}

/** #/queues: the signed-in user's work, one table per queue, as the server groups it. */
export function QueuesPage() {
  const query = useRpcQuery('queues.mine', {});
  const queues = query.data?.queues ?? [];
  return (
    <>
      <PageHeader title="我的任务" />
      <ErrorAlert error={query.error} />
      {query.data && queues.every((q) => q.count === 0) && <Alert severity="info">暂无待办案件</Alert>}
      {queues
        .filter((q) => q.count > 0)
        .map((q) => (
          <Section key={q.queue} title={`${q.label}（${q.count}）`}>
            <QueueTable queue={q} />
          </Section>
        ))}
    </>
  );
}
