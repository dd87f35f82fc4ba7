import AccountBalanceWalletOutlined from '@mui/icons-material/AccountBalanceWalletOutlined';
import AdminPanelSettingsOutlined from '@mui/icons-material/AdminPanelSettingsOutlined';
import AssignmentOutlined from '@mui/icons-material/AssignmentOutlined';
import CampaignOutlined from '@mui/icons-material/CampaignOutlined';
import DashboardOutlined from '@mui/icons-material/DashboardOutlined';
import EventOutlined from '@mui/icons-material/EventOutlined';
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import FolderSharedOutlined from '@mui/icons-material/FolderSharedOutlined';
import HolidayVillageOutlined from '@mui/icons-material/HolidayVillageOutlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import ListAltOutlined from '@mui/icons-material/ListAltOutlined';
import PendingActionsOutlined from '@mui/icons-material/PendingActionsOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import SyncOutlined from '@mui/icons-material/SyncOutlined';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import type { ReactElement } from 'react';
import type { Role } from '../../contract';
import { hrefOf } from '../../routing';
import { canUse, SECTIONS, type SectionId } from './sections';

export const SIDEBAR_WIDTH = 200;

const ICONS: Record<SectionId, ReactElement> = {
  district: <DashboardOutlined />,
  registry: <FolderSharedOutlined />,
  queues: <PendingActionsOutlined />,
  notices: <CampaignOutlined />,
  cases: <AssignmentOutlined />,
  catalogue: <ListAltOutlined />,
  calendar: <EventOutlined />,
  reserve: <AccountBalanceWalletOutlined />,
  users: <AdminPanelSettingsOutlined />,
  villages: <HolidayVillageOutlined />,
  audit: <FactCheckOutlined />,
  sync: <SyncOutlined />,
  settings: <SettingsOutlined />,
  password: <KeyOutlined />,
};

/** Only what the user's roles may use appears here. */
export function Sidebar({ roles, current }: { roles: readonly Role[]; current: SectionId }) {
  return (
    <Drawer
      variant="permanent"
      sx={{ width: SIDEBAR_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: SIDEBAR_WIDTH, boxSizing: 'border-box' } }}
    >
      <Toolbar variant="dense" />
      <List component="nav" aria-label="功能导航">
        {SECTIONS.filter((s) => s.inNav && canUse(s, roles)).map((s) => (
          <ListItemButton
            key={s.id}
            component="a"
            href={hrefOf(s.id)}
            selected={s.id === current}
            aria-current={s.id === current ? 'page' : undefined}
          >
            <ListItemIcon sx={{ minWidth: 36 }}>{ICONS[s.id]}</ListItemIcon>
            <ListItemText primary={s.label} />
          </ListItemButton>
        ))}
      </List>
    </Drawer>
  );
}
