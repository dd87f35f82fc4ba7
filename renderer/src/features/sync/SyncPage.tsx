import CircularProgress from '@mui/material/CircularProgress';
import { useCallback, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useRpcQuery } from '../../components/useRpc';
import { ExportsSection } from './ExportsSection';
import { ImportSection } from './ImportSection';
import { KeySection } from './KeySection';
import { DistrictKeySection, TownsSection } from './PeerSection';
import { AlertsSection, ReceivedSections } from './ReceivedSections';
import { SettingsSection } from './SettingsSection';

/**
 * 数据同步, for the town admin and the district admin: this installation's key, the folder and
 * nightly time, the other side's key, the packages sent, importing what arrived, and what was
 * received, held and quarantined (and, for the district, the alerts). The district console's
 * per-town figures are on its own page.
 */
export function SyncPage() {
  const status = useRpcQuery('sync.status', {});
  const kind = status.data?.kind;
  // The district's enrolled towns come from the console's query: sync.status carries none.
  const towns = useRpcQuery('district.towns', {}, kind === 'district');
  // Bumped after an import: the alerts (district) are asked again.
  const [round, setRound] = useState(0);
  const reloadStatus = status.reload;
  const reloadTowns = towns.reload;
  const refresh = useCallback(() => {
    reloadStatus();
    if (kind === 'district') reloadTowns();
    setRound((n) => n + 1);
  }, [kind, reloadStatus, reloadTowns]);

  const s = status.data;
  const townNames = new Map((towns.data ?? []).map((t) => [t.code, t.name]));
  const peerName = (code: string | null): string => {
    if (code === null) return '（无法识别）';
    if (s?.district && s.district.code === code) return s.district.name;
    return townNames.get(code) ?? code;
  };

  return (
    <>
      <PageHeader title="数据同步" />
      <ErrorAlert error={status.error} />
      {status.loading && !s && <CircularProgress aria-label="正在加载" />}
      {s && (
        <>
          <KeySection status={s} />
          <SettingsSection status={s} onSaved={refresh} />
          {s.kind === 'town' ? <DistrictKeySection district={s.district} onEnrolled={refresh} /> : <TownsSection towns={towns} onEnrolled={refresh} />}
          <ExportsSection status={s} onExported={refresh} />
          <ImportSection peerName={peerName} onImported={refresh} />
          <ReceivedSections status={s} peerName={peerName} />
          {s.kind === 'district' && <AlertsSection key={round} peerName={peerName} />}
        </>
      )}
    </>
  );
}
