import { AuditPage } from '../audit/AuditPage';
import { ChangePasswordPage } from '../auth/ChangePasswordPage';
import { CalendarPage } from '../calendar/CalendarPage';
import { CasePage } from '../cases/CasePage';
import { CataloguePage } from '../catalogue/CataloguePage';
import { DistrictPage } from '../district/DistrictPage';
import { HouseholdPage } from '../household/HouseholdPage';
import { NoticesPage } from '../notices/NoticesPage';
import { QueuesPage } from '../queues/QueuesPage';
import { RegistryPage } from '../registry/RegistryPage';
import { ReservePage } from '../reserve/ReservePage';
import { SettingsPage } from '../settings/SettingsPage';
import { SyncPage } from '../sync/SyncPage';
import { UsersPage } from '../users/UsersPage';
import { VillagesPage } from '../villages/VillagesPage';
import type { SectionId } from './sections';

/** The page for a section; rest is the remainder of the route (#/registry/household/<id>). */
export function SectionContent({ id, rest }: { id: SectionId; rest: string[] }) {
  switch (id) {
    case 'district':
      return <DistrictPage />;
    case 'queues':
      return <QueuesPage />;
    case 'notices':
      return <NoticesPage />;
    case 'registry':
      return rest[0] === 'household' && rest[1] ? <HouseholdPage key={rest[1]} householdId={rest[1]} /> : <RegistryPage />;
    case 'cases':
      // A case is reached from its household; without an id there is nothing to show but the registry.
      return rest[0] ? <CasePage key={rest[0]} caseId={rest[0]} /> : <RegistryPage />;
    case 'catalogue':
      return <CataloguePage />;
    case 'calendar':
      return <CalendarPage />;
    case 'reserve':
      return <ReservePage />;
    case 'users':
      return <UsersPage />;
    case 'villages':
      return <VillagesPage />;
    case 'audit':
      return <AuditPage />;
    case 'sync':
      return <SyncPage />;
    case 'settings':
      return <SettingsPage />;
    case 'password':
      return <ChangePasswordPage />;
  }
}
