import Add from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useState } from 'react';
import type { Village } from '../../contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { useSignedIn } from '../../session/context';
import { VillageDialog } from './VillageDialog';

type Open = { kind: 'none' } | { kind: 'create' } | { kind: 'rename' | 'toggle'; village: Village };

export function VillagesPage() {
  const { installation } = useSignedIn();
  const townCode = installation.townCode ?? '';
  const villages = useRpcQuery('villages.list', { includeInactive: true });
  const toggle = useRpcAction();
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const close = () => setOpen({ kind: 'none' });
  const saved = () => {
    close();
    villages.reload();
  };

  const setActive = async (v: Village) => {
    const done = await toggle.run(() => rpc.call('villages.update', { code: v.code, name: v.name, active: !v.active }));
    close();
    if (done) villages.reload();
  };

  return (
    <>
      <PageHeader title="村居管理">
        <Button variant="contained" startIcon={<Add />} onClick={() => setOpen({ kind: 'create' })}>
          新增村居
        </Button>
      </PageHeader>
      <ErrorAlert error={villages.error ?? toggle.error} />
      <Paper sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="村居列表">
          <TableHead>
            <TableRow>
              <TableCell>村居代码</TableCell>
              <TableCell>名称</TableCell>
              <TableCell>状态</TableCell>
              <TableCell>操作</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(villages.data ?? []).map((v) => (
              <TableRow key={v.code}>
                <TableCell sx={{ fontFamily: 'monospace' }}>{v.code}</TableCell>
                <TableCell>{v.name}</TableCell>
                <TableCell>
                  <Chip size="small" variant="outlined" label={v.active ? '启用' : '已停用'} color={v.active ? 'success' : 'default'} />
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Button size="small" onClick={() => setOpen({ kind: 'rename', village: v })}>
                    改名
                  </Button>
                  <Button size="small" color={v.active ? 'error' : 'primary'} onClick={() => setOpen({ kind: 'toggle', village: v })}>
                    {v.active ? '停用' : '启用'}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      {open.kind === 'create' && <VillageDialog townCode={townCode} village={null} onCancel={close} onSaved={saved} />}
      {open.kind === 'rename' && <VillageDialog townCode={townCode} village={open.village} onCancel={close} onSaved={saved} />}
      <ConfirmDialog
        open={open.kind === 'toggle'}
        title={open.kind === 'toggle' && open.village.active ? '停用村居' : '启用村居'}
        confirmLabel={open.kind === 'toggle' && open.village.active ? '停用' : '启用'}
        busy={toggle.busy}
        onCancel={close}
        onConfirm={() => {
          if (open.kind === 'toggle') void setActive(open.village);
        }}
      >
        {open.kind === 'toggle' &&
          (open.village.active
            ? `停用后登记新户时不能再选择“${open.village.name}”，已登记的户不受影响。`
            : `启用后登记新户时可以选择“${open.village.name}”。`)}
      </ConfirmDialog>
    </>
  );
}
