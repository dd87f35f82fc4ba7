import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { LIMITS, SYNC_ALERT_LABELS, type SyncStatus } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';
import { useRpcQuery } from '../../components/useRpc';
import { formatDateTime } from '../../format';
import { formatKb } from './syncFormat';

type PeerName = (code: string | null) => string;

/** A titled table, or one line saying it is empty. */
function ListSection({ title, empty, note, head, children }: { title: string; empty: string | null; note?: string; head: string[]; children: ReactNode }) {
  return (
    <Section title={title}>
      {note && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {note}
        </Typography>
      )}
      {empty !== null ? (
        <Typography variant="body2">{empty}</Typography>
      ) : (
        <Table size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              {head.map((h) => (
                <TableCell key={h}>{h}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>{children}</TableBody>
        </Table>
      )}
    </Section>
  );
}

/** 已接收, 暂存 and 已隔离: what came in, what waits for a missing sequence, what was set aside. */
export function ReceivedSections({ status, peerName }: { status: SyncStatus; peerName: PeerName }) {
  return (
    <>
      <ListSection
        title="已接收"
        empty={status.received.length === 0 ? '尚未接收数据包' : null}
        head={['单位', '序号', '生成时间', '导入时间', '行数', '大小', '文件名']}
      >
        {status.received.map((r) => (
          <TableRow key={`${r.peerCode}/${r.sequence}`}>
            <TableCell>{peerName(r.peerCode)}</TableCell>
            <TableCell>{r.sequence}</TableCell>
            <TableCell>{formatDateTime(r.createdAt)}</TableCell>
            <TableCell>{formatDateTime(r.importedAt)}</TableCell>
            <TableCell>{r.rows}</TableCell>
            <TableCell>{formatKb(r.bytes)}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{r.fileName}</TableCell>
          </TableRow>
        ))}
      </ListSection>
      <ListSection
        title="暂存"
        note="这些数据包的前一个序号尚未收到：找到缺失的数据包并导入后，它们会按序号依次导入。"
        empty={status.held.length === 0 ? '没有暂存的数据包' : null}
        head={['单位', '序号', '收到时间', '文件名']}
      >
        {status.held.map((h) => (
          <TableRow key={`${h.peerCode}/${h.sequence}`}>
            <TableCell>{peerName(h.peerCode)}</TableCell>
            <TableCell>{h.sequence}</TableCell>
            <TableCell>{formatDateTime(h.receivedAt)}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{h.fileName}</TableCell>
          </TableRow>
        ))}
      </ListSection>
      <ListSection
        title="已隔离"
        note="未通过校验或与已导入的同序号数据包不一致，未导入任何内容。请与对方核实后重新发送。"
        empty={status.quarantine.length === 0 ? '没有隔离的数据包' : null}
        head={['时间', '单位', '序号', '文件名', '原因']}
      >
        {status.quarantine.map((q) => (
          <TableRow key={q.id}>
            <TableCell>{formatDateTime(q.at)}</TableCell>
            <TableCell>{q.peerCode === null ? '（无法识别）' : peerName(q.peerCode)}</TableCell>
            <TableCell>{q.sequence ?? '—'}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{q.fileName}</TableCell>
            <TableCell sx={{ color: 'error.main' }}>{q.message}</TableCell>
          </TableRow>
        ))}
      </ListSection>
    </>
  );
}

/** District: 预警, the findings only the district can make (sync.alerts), newest first; the page remounts it after an import. */
export function AlertsSection({ peerName }: { peerName: PeerName }) {
  const alerts = useRpcQuery('sync.alerts', { limit: LIMITS.syncListRowsMax });
  const rows = alerts.data ?? [];
  let empty: string | null = null;
  if (rows.length === 0) empty = alerts.loading ? '正在加载…' : alerts.error ? '无法读取预警' : '没有预警';
  return (
    <>
      <ErrorAlert error={alerts.error} />
      <ListSection title="预警" empty={empty} head={['时间', '类型', '镇街', '序号', '说明']}>
        {rows.map((a) => (
          <TableRow key={a.id}>
            <TableCell>{formatDateTime(a.at)}</TableCell>
            <TableCell sx={{ color: 'warning.dark', fontWeight: 700 }}>{SYNC_ALERT_LABELS[a.kind]}</TableCell>
            <TableCell>{a.peerCode === null ? '—' : peerName(a.peerCode)}</TableCell>
            <TableCell>{a.sequence ?? '—'}</TableCell>
            <TableCell>{a.message}</TableCell>
          </TableRow>
        ))}
      </ListSection>
    </>
  );
}
