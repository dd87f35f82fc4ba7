import ArrowBack from '@mui/icons-material/ArrowBack';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo, useState, type ReactNode } from 'react';
import type { HouseholdView } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useRpcQuery } from '../../components/useRpc';
import { hrefOf } from '../../routing';
import { useSignedIn } from '../../session/context';
import { EditHouseholdDialog } from './EditHouseholdDialog';
import { FormerMembersTable } from './FormerMembersTable';
import { HouseholdDetails } from './HouseholdDetails';
import { MembersTable } from './MembersTable';
import { MoveMemberDialog } from './MoveMemberDialog';
import { PersonDialog, type PersonDialogMode } from './PersonDialog';
import { RelationDialog } from './RelationDialog';
import { RevealConfirm } from './RevealConfirm';
import { useReveal } from './useReveal';

type Open =
  | { kind: 'none' }
  | { kind: 'household' }
  | { kind: 'move' }
  | { kind: 'person'; mode: PersonDialogMode }
  | { kind: 'relation'; member: HouseholdView['members'][number] };

function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper component="section" aria-label={title} sx={{ p: 2, mb: 2, overflowX: 'auto' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1.5 }}>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1, fontWeight: 700, fontSize: 16 }}>
          {title}
        </Typography>
        {actions}
      </Stack>
      {children}
    </Paper>
  );
}

export function HouseholdPage({ householdId }: { householdId: string }) {
  const { user } = useSignedIn();
  const canEdit = user.roles.includes('clerk');
  const query = useRpcQuery('registry.household.get', { householdId });
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const household = query.data;

  const reveal = useReveal();
  const memberIds = useMemo(() => new Set(household?.members.map((m) => m.person.id) ?? []), [household]);
  const close = () => setOpen({ kind: 'none' });
  const savedAndReload = () => {
    close();
    query.reload();
  };

  if (!household) {
    return query.error ? <ErrorAlert error={query.error} /> : <CircularProgress aria-label="正在加载" />;
  }
  const head = household.members.find((m) => m.relation === 'head')?.person.name;

  return (
    <>
      <Button href={hrefOf('registry')} startIcon={<ArrowBack />} sx={{ mb: 1 }}>
        返回查找
      </Button>
      <PageHeader title={head ? `${head}户` : '户（暂无户主）'}>
        {canEdit && (
          <Button variant="outlined" onClick={() => setOpen({ kind: 'household' })}>
            修改户信息
          </Button>
        )}
      </PageHeader>
      <ErrorAlert error={query.error} />
      <Section title="户信息">
        <HouseholdDetails household={household} />
      </Section>
      <Section
        title="现有成员"
        actions={
          canEdit && (
            <>
              <Button variant="outlined" size="small" onClick={() => setOpen({ kind: 'person', mode: { kind: 'add', householdId } })}>
                新增成员
              </Button>
              <Button variant="outlined" size="small" onClick={() => setOpen({ kind: 'move' })}>
                迁入成员
              </Button>
            </>
          )
        }
      >
        <MembersTable
          members={household.members}
          revealed={reveal.revealed}
          canEdit={canEdit}
          onReveal={(p) => reveal.ask({ personId: p.id, name: p.name })}
          onEdit={(p) => setOpen({ kind: 'person', mode: { kind: 'edit', person: p } })}
          onSetRelation={(member) => setOpen({ kind: 'relation', member })}
        />
      </Section>
      <Section title="已迁出成员">
        {household.formerMembers.length === 0 ? (
          <Alert severity="info" variant="outlined">
            无迁出记录
          </Alert>
        ) : (
          <FormerMembersTable former={household.formerMembers} />
        )}
      </Section>
      <RevealConfirm pending={reveal.pending} busy={reveal.busy} error={reveal.error} onConfirm={() => void reveal.confirm()} onCancel={reveal.cancel} />
      {open.kind === 'household' && (
        <EditHouseholdDialog
          household={household}
          onCancel={close}
          onSaved={(saved) => {
            close();
            query.setData(saved);
          }}
        />
      )}
      {open.kind === 'person' && (
        <PersonDialog
          mode={open.mode}
          onCancel={close}
          onSaved={(residentIdChanged) => {
            if (open.mode.kind === 'edit' && residentIdChanged) reveal.forget(open.mode.person.id);
            savedAndReload();
          }}
        />
      )}
      {open.kind === 'relation' && (
        <RelationDialog
          householdId={householdId}
          member={open.member}
          onCancel={close}
          onSaved={(saved) => {
            close();
            query.setData(saved);
          }}
        />
      )}
      {open.kind === 'move' && <MoveMemberDialog householdId={householdId} memberIds={memberIds} onCancel={close} onMoved={savedAndReload} />}
    </>
  );
}
