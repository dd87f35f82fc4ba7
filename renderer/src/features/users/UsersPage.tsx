import Add from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useState } from 'react';
import { ROLE_LABELS, type UserRow } from '../../contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { formatDateTime } from '../../format';
import { rpc } from '../../rpc';
import { useSignedIn } from '../../session/context';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { UserDialog } from './UserDialog';
import { userStatus } from './userStatus';

type Open = { kind: 'none' } | { kind: 'create' } | { kind: 'edit' | 'reset' | 'toggle'; user: UserRow };

export function UsersPage() {
  const { installation, user: me } = useSignedIn();
  const users = useRpcQuery('users.list', {});
  const toggle = useRpcAction();
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [nowMs] = useState(() => Date.now());
  const close = () => setOpen({ kind: 'none' });
  const saved = () => {
    close();
    users.reload();
  };

  const setDisabled = async (user: UserRow) => {
    const done = await toggle.run(() => rpc.call('users.setDisabled', { id: user.id, disabled: !user.disabled }));
    close();
    if (done) users.reload();
  };

  return (
    <>
      <PageHeader title="用户管理">
        <Button variant="contained" startIcon={<Add />} onClick={() => setOpen({ kind: 'create' })}>
          新建用户
        </Button>
      </PageHeader>
      <ErrorAlert error={users.error ?? toggle.error} />
      <Paper sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="用户列表">
          <TableHead>
            <TableRow>
              <TableCell>用户名</TableCell>
              <TableCell>姓名</TableCell>
              <TableCell>角色</TableCell>
              <TableCell>本人身份号码</TableCell>
              <TableCell>状态</TableCell>
              <TableCell>最近登录</TableCell>
              <TableCell>操作</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(users.data ?? []).map((u) => (
              <TableRow key={u.id}>
                <TableCell sx={{ fontFamily: 'monospace' }}>{u.username}</TableCell>
                <TableCell>{u.displayName}</TableCell>
                <TableCell>{u.roles.map((r) => ROLE_LABELS[r]).join('、')}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{u.residentIdMasked ?? '未登记'}</TableCell>
                <TableCell>
                  <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap' }}>
                    {userStatus(u, nowMs).map((s) => (
                      <Chip key={s.label} label={s.label} size="small" color={s.tone} variant="outlined" />
                    ))}
                  </Stack>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : '从未登录'}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Button size="small" onClick={() => setOpen({ kind: 'edit', user: u })}>
                    修改
                  </Button>
                  <Button size="small" onClick={() => setOpen({ kind: 'reset', user: u })}>
                    重置密码
                  </Button>
                  {u.id !== me.id && (
                    <Button size="small" color={u.disabled ? 'primary' : 'error'} onClick={() => setOpen({ kind: 'toggle', user: u })}>
                      {u.disabled ? '启用' : '停用'}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      {open.kind === 'create' && <UserDialog kind={installation.kind} user={null} onCancel={close} onSaved={saved} />}
      {open.kind === 'edit' && <UserDialog kind={installation.kind} user={open.user} onCancel={close} onSaved={saved} />}
      {open.kind === 'reset' && <ResetPasswordDialog user={open.user} onCancel={close} onSaved={saved} />}
      <ConfirmDialog
        open={open.kind === 'toggle'}
        title={open.kind === 'toggle' && open.user.disabled ? '启用用户' : '停用用户'}
        confirmLabel={open.kind === 'toggle' && open.user.disabled ? '启用' : '停用'}
        busy={toggle.busy}
        onCancel={close}
        onConfirm={() => {
          if (open.kind === 'toggle') void setDisabled(open.user);
        }}
      >
        {open.kind === 'toggle' &&
          (open.user.disabled
            ? `启用后 ${open.user.displayName}（${open.user.username}）可以重新登录。`
            : `停用后 ${open.user.displayName}（${open.user.username}）不能再登录，已登录的会话立即失效。`)}
      </ConfirmDialog>
    </>
  );
}
