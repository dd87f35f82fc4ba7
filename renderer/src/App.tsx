import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import { ForcedPasswordChange } from './features/auth/ForcedPasswordChange';
import { LockScreen } from './features/auth/LockScreen';
import { LoginScreen } from './features/auth/LoginScreen';
import { UnreachableScreen } from './features/auth/UnreachableScreen';
import { SetupScreen } from './features/setup/SetupScreen';
import { CatalogueWallList } from './features/catalogue/CatalogueWallList';
import { AppShell } from './features/shell/AppShell';
import { PrintPage, printRefOf } from './print/PrintPage';
import { useRoute } from './routing';
import { useSession } from './session/context';
import { useIdleLock } from './session/useIdleLock';

export function App() {
  const { state, lock } = useSession();
  const route = useRoute();
  const signedIn = state.phase === 'in';
  useIdleLock(signedIn && !state.locked, signedIn ? state.idleLockMs : 0, lock, signedIn && !state.user.mustChangePassword);

  switch (state.phase) {
    case 'starting':
      return (
        <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
          <CircularProgress aria-label="正在连接" />
        </Box>
      );
    case 'unreachable':
      return <UnreachableScreen error={state.error} />;
    case 'setup':
      return <SetupScreen />;
    case 'login':
      return <LoginScreen installation={state.installation} notice={state.notice} />;
    case 'in':
      if (state.user.mustChangePassword) {
        return (
          <>
            <ForcedPasswordChange />
            {state.locked && <LockScreen />}
          </>
        );
      }
      return (
        <>
          {printRoute(route) ?? wallListRoute(route) ?? <AppShell />}
          {state.locked && <LockScreen />}
        </>
      );
  }
}

/** #/print/<kind>/<caseId or noticeId>: an A4 form alone, without the app shell (see print/PrintPage). */
function printRoute([section, kind, id]: string[]) {
  if (section !== 'print' || kind === undefined || id === undefined) return null;
  const reference = printRefOf(kind, id);
  return reference === null ? null : <PrintPage reference={reference} />;
}

/** #/catalogue/wall: the catalogue as the hall's wall list, alone for printing. */
function wallListRoute([section, page]: string[]) {
  return section === 'catalogue' && page === 'wall' ? <CatalogueWallList /> : null;
}
