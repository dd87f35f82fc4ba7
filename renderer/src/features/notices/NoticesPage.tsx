import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useRpcQuery } from '../../components/useRpc';
import { formatPlainDate } from '../../format';
import { CreateNoticeForm } from './CreateNoticeForm';
import { NoticeSheet } from './NoticeSheet';
import type { CreatedNotice } from './noticeTypes';

/** #/notices: publish a village's list, then print it, record objections and close it. */
export function NoticesPage() {
  const candidates = useRpcQuery('notices.candidates', {});
  // The running notices come from the server: closing one happens days after it was published.
  const running = useRpcQuery('notices.open', {});
  const [shown, setShown] = useState<CreatedNotice | null>(null);

  if (shown) {
    return (
      <>
        <Stack direction="row" className="no-print" sx={{ mb: 1 }}>
          <Button
            onClick={() => {
              setShown(null);
              running.reload();
            }}
          >
            返回公示列表
          </Button>
        </Stack>
        <div className="no-print">
          <PageHeader title={`公示 ${shown.villageName}`} />
        </div>
        <NoticeSheet key={shown.id} notice={shown} />
      </>
    );
  }

  const villages = candidates.data ?? [];
  return (
    <>
      <PageHeader title="公示" />
      <ErrorAlert error={candidates.error ?? running.error} />
      {running.data && running.data.length > 0 && (
        <Section title="公示中">
          <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
            {running.data.map((n) => (
              <Button key={n.id} onClick={() => setShown(n)}>
                {n.villageName}（{formatPlainDate(n.startDate)} 至 {formatPlainDate(n.endDate)}，{n.cases.length} 件）
              </Button>
            ))}
          </Stack>
        </Section>
      )}
      {candidates.data && villages.length === 0 && <Alert severity="info">暂无待公示的案件</Alert>}
      {villages.map((v) => (
        <Section key={v.villageCode} title={v.villageName}>
          <CreateNoticeForm
            village={v}
            onCreated={(notice) => {
              setShown(notice);
              candidates.reload();
              running.reload();
            }}
          />
        </Section>
      ))}
    </>
  );
}
