import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { useCallback, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useRpcQuery } from '../../components/useRpc';
import { formatYuan, LIMITS } from '../../contract';
import { AlertsPanel } from './AlertsPanel';
import { CasesSection } from './CasesSection';
import { PendingSection } from './PendingSection';
import { ReplenishDialog } from './ReplenishDialog';
import { ReplenishmentsList } from './ReplenishmentsSection';
import { RepliesPanel } from './RepliesPanel';
import { TownsSection } from './TownsSection';

/**
 * 区级总览, the district admin's home: the alerts first, every town's figures from its packages,
 * the cases waiting for the district's decision, the district-wide case list, the replenishments
 * recorded, and the button that writes the answer packages carrying all of it back. Importing
 * packages and enrolling towns are on the 数据同步 page.
 */
export function DistrictPage() {
  const towns = useRpcQuery('district.towns', {});
  const alerts = useRpcQuery('sync.alerts', { limit: LIMITS.syncListRowsMax });
  const replenishments = useRpcQuery('district.replenishments', { limit: LIMITS.syncListRowsMax });
  const [replenishing, setReplenishing] = useState(false);
  const [recorded, setRecorded] = useState<string | null>(null);
  // Bumped by 刷新 and after a decision: the case lists ask again (keeping their filters).
  const [round, setRound] = useState(0);
  const reloadTowns = towns.reload;
  const reloadReplenishments = replenishments.reload;
  const townList = towns.data ?? [];
  const names = new Map(townList.map((t) => [t.code, t.name]));
  const townName = (code: string | null): string => (code === null ? '（无法识别）' : (names.get(code) ?? code));

  const afterDecision = useCallback(() => {
    reloadTowns();
    setRound((n) => n + 1);
  }, [reloadTowns]);

  return (
    <>
      <PageHeader title="区级总览">
        <Button
          variant="outlined"
          onClick={() => {
            reloadTowns();
            alerts.reload();
            reloadReplenishments();
            setRound((n) => n + 1);
          }}
        >
          刷新
        </Button>
      </PageHeader>
      {towns.loading && !towns.data && <CircularProgress aria-label="正在加载" />}
      <AlertsPanel alerts={alerts} townName={townName} />
      <Section title="各镇街">
        <TownsSection towns={towns} />
      </Section>
      <Section title="待区级审批">
        <PendingSection round={round} onDecided={afterDecision} />
      </Section>
      <Section
        title="补拨备用金"
        actions={
          <Button
            variant="contained"
            disabled={townList.length === 0}
            onClick={() => {
              setRecorded(null);
              setReplenishing(true);
            }}
          >
            登记补拨
          </Button>
        }
      >
        <ReplenishmentsList list={replenishments} recorded={recorded} />
      </Section>
      <Section title="回执数据包">
        <RepliesPanel
          townName={townName}
          onWritten={() => {
            reloadTowns();
            reloadReplenishments();
          }}
        />
      </Section>
      <Section title="全区案件">
        <CasesSection round={round} towns={townList} />
      </Section>
      {replenishing && (
        <ReplenishDialog
          towns={townList}
          onCancel={() => setReplenishing(false)}
          onRecorded={(row) => {
            setReplenishing(false);
            setRecorded(`已登记向${row.townName}补拨 ${formatYuan(row.amountFen)}（凭证号 ${row.voucherNo}），将随下一个回执数据包送达`);
            reloadReplenishments();
          }}
        />
      )}
    </>
  );
}
