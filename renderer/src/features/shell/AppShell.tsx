import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { ROLE_LABELS } from '../../contract';
import { Forbidden } from '../../components/Forbidden';
import { useRoute } from '../../routing';
import { useSignedIn } from '../../session/context';
import { EscalatedPaperwork } from '../payouts/EscalatedPaperwork';
import { UnprintedVouchers } from '../payouts/UnprintedVouchers';
import { SectionContent } from './SectionContent';
import { canUse, homeSection, sectionOf } from './sections';
import { Sidebar } from './Sidebar';

export function AppShell() {
  const { user, installation, api } = useSignedIn();
  const route = useRoute();
  const section = sectionOf(route[0]) ?? homeSection(user.roles);
  const place = installation.townName ?? `${installation.districtName}民政局`;

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1 }}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ fontWeight: 700 }}>
            社会救助一窗通
          </Typography>
          <Typography variant="subtitle1" component="div" data-testid="place" sx={{ flexGrow: 1, opacity: 0.9 }}>
            {place}
          </Typography>
          <Typography variant="body2" component="div" data-testid="current-user">
            {user.displayName}（{user.roles.map((r) => ROLE_LABELS[r]).join('、')}）
          </Typography>
          <Button color="inherit" variant="outlined" size="small" onClick={() => void api.logout()}>
            退出登录
          </Button>
        </Toolbar>
      </AppBar>
      <Sidebar roles={user.roles} current={section.id} />
      <Box component="main" sx={{ flexGrow: 1, p: 3, pt: 9, minWidth: 0 }}>
        {/* After sign-in: payouts whose voucher never printed (the app stopped before printing). */}
        {(section.id === homeSection(user.roles).id || section.id === 'queues') && <UnprintedVouchers roles={user.roles} />}
        {/* The town admin's home: 先行救助 whose paperwork lapsed, escalated to them. */}
        {section.id === homeSection(user.roles).id && user.roles.includes('town_admin') && <EscalatedPaperwork />}
        {canUse(section, user.roles) ? <SectionContent id={section.id} rest={route.slice(1)} /> : <Forbidden />}
      </Box>
    </Box>
  );
}
