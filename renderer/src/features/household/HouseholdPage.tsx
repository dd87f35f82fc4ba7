import ArrowBack from '@mui/icons-material/ArrowBack';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { useMemo, useState } from 'react';
import type { HouseholdView, OutputOf } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useRpcQuery } from '../../components/useRpc';
import { hrefOf } from '../../routing';
import { useSignedIn } from '../../session/context';
import { IntakeDialog } from '../cases/IntakeDialog';
import { CaseList, IntakeResult } from '../cases/IntakeResult';
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
  | { kind: 'intake' }
  | { kind: 'move' }
  | { kind: 'person'; mode: PersonDialogMode }
  | { kind: 'relation'; member: HouseholdView['members'][number] };

export function HouseholdPage({ householdId }: { householdId: string }) {
  const { user } = useSignedIn();
  const canEdit = user.roles.includes('clerk');
  const query = useRpcQuery('registry.household.get', { householdId });
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const householdCases = useRpcQuery('cases.listByHousehold', { householdId });
  // The intake just made, with its receipt and papers, above the household's case list.
  const [accepted, setAccepted] = useState<{ result: OutputOf<'cases.intake'>; applicantName: string } | null>(null);
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
          <>
            <Button variant="contained" onClick={() => setOpen({ kind: 'intake' })} disabled={household.members.length === 0}>
              受理申请
            </Button>
            <Button variant="outlined" onClick={() => setOpen({ kind: 'household' })}>
              修改户信息
            </Button>
          </>
        )}
      </PageHeader>
      <ErrorAlert error={query.error} />
      {accepted && (
        <Section title="本次受理结果">
          <IntakeResult result={accepted.result} applicantName={accepted.applicantName} />
        </Section>
      )}
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
      <Section title="本户案件">
        <ErrorAlert error={householdCases.error} />
        {householdCases.data && householdCases.data.length === 0 ? (
          <Alert severity="info" variant="outlined">
            本户尚无申请记录
          </Alert>
        ) : (
          <CaseList cases={householdCases.data ?? []} label="本户案件" />
        )}
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
      {open.kind === 'intake' && (
        <IntakeDialog
          household={household}
          onCancel={close}
          onAccepted={(result, applicantName) => {
            close();
            setAccepted({ result, applicantName });
            householdCases.reload();
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
