import { and, asc, desc, eq, exists, sql } from 'drizzle-orm';
import type { Db } from '../../../../db/open';
import { cases, households, noticeEntries, noticeObjections, notices, persons, villages } from '../../../../db/schema';
import { LIMITS, maskResidentId, type CaseDetail, type NoticeCandidates, type NoticeView, type OpenNotices } from '../../../contract';
import { catalogueVersion, itemFor } from '../../catalogue/catalogue';
import type { Ctx } from '../../context';
import { DomainError, assert } from '../../errors';
import { insertRow } from '../../rows';
import { addDaysIso } from '../../time';
import { refuse } from '../issues';
import { caseReliefType, caseState, isAdultOn, requireCase } from '../records';
import { applyCaseEvent } from '../transitions';
import { getCase } from '../view';
import { kindOf } from './kinds';

// The public notice (公示, DOMAIN.md §4, §7): one list per village board, open for the longest
// notice period among its cases' kinds. What is printed never names a minor and never shows a
// full resident ID; an objection sends the case back to investigation and to a new notice.

export interface CreateNoticeInput {
  villageCode: string;
  startDate: string;
  entries: { caseId: string; proposedAmountFen: number | null }[];
}

type NoticeRow = typeof notices.$inferSelect;

/** The notice a case was last put on: an older one no longer speaks for it. */
function latestNoticeId(ctx: Ctx, caseId: string): string | undefined {
  return ctx.db
    .select({ noticeId: noticeEntries.noticeId })
    .from(noticeEntries)
    .where(eq(noticeEntries.caseId, caseId))
    .orderBy(desc(sql`${noticeEntries}.rowid`))
    .limit(1)
    .get()?.noticeId;
}

function requireNotice(ctx: Ctx, noticeId: string): NoticeRow {
  const row = ctx.db.select().from(notices).where(eq(notices.id, noticeId)).get();
  if (!row) throw new DomainError('NOT_FOUND', '公示不存在');
  return row;
}

export function noticeCandidates(ctx: Ctx): NoticeCandidates {
  const rows = ctx.db
    .select({
      caseId: cases.id,
      caseNo: cases.caseNo,
      reliefType: cases.reliefType,
      applicantName: persons.name,
      birthDate: persons.birthDate,
      villageCode: villages.code,
      villageName: villages.name,
    })
    .from(cases)
    .innerJoin(persons, eq(persons.id, cases.applicantPersonId))
    .innerJoin(households, eq(households.id, cases.householdId))
    .innerJoin(villages, eq(villages.code, households.villageCode))
    .where(eq(cases.state, 'ready_for_notice'))
    .orderBy(asc(villages.code), asc(cases.caseNo))
    .limit(LIMITS.noticeCandidatesMax)
    .all();
  const groups = new Map<string, NoticeCandidates[number]>();
  for (const r of rows) {
    let group = groups.get(r.villageCode);
    if (!group) {
      group = { villageCode: r.villageCode, villageName: r.villageName, cases: [] };
      groups.set(r.villageCode, group);
    }
    group.cases.push({
      caseId: r.caseId,
      caseNo: r.caseNo,
      applicantName: r.applicantName,
      ...kindOf(r.reliefType),
      // Told now so the clerk knows why the printed list will be shorter.
      minor: !isAdultOn(r.birthDate, ctx.today),
    });
  }
  return [...groups.values()];
}

// A case is on a notice only while that notice is its latest (an objection and a new notice
// leave the old one behind); the subquery walks notice_entries_case_idx.
const onLatestNotice = sql`${noticeEntries.noticeId} = (SELECT ne.notice_id FROM notice_entries ne
  WHERE ne.case_id = ${cases.id} ORDER BY ne.rowid DESC LIMIT 1)`;

/**
 * The notices still running: those with a case in notice on them. Days after publishing, this
 * is how the clerk gets back to a notice to record an objection or close it. The limit counts
 * notices, never their cases: each notice listed comes with every case still on it (at most
 * noticeEntriesMax), so none is shown in part and each can be closed.
 */
export function openNotices(ctx: Ctx): OpenNotices {
  return openNoticesOf(ctx.db, LIMITS.openNoticesMax);
}

/** openNotices with the limit given: the earliest to end first, as the clerk closes them. */
export function openNoticesOf(db: Db, noticesMax: number): OpenNotices {
  const running = db
    .select({ id: notices.id, villageCode: notices.villageCode, villageName: villages.name, startDate: notices.startDate, endDate: notices.endDate })
    .from(notices)
    .innerJoin(villages, eq(villages.code, notices.villageCode))
    .where(
      exists(
        db
          .select({ one: sql`1` })
          .from(noticeEntries)
          .innerJoin(cases, eq(cases.id, noticeEntries.caseId))
          .where(and(eq(noticeEntries.noticeId, notices.id), eq(cases.state, 'in_notice'), onLatestNotice)),
      ),
    )
    .orderBy(asc(notices.endDate), asc(notices.villageCode), asc(notices.id))
    .limit(noticesMax)
    .all();
  return running.map((notice) => ({ ...notice, cases: casesStillOn(db, notice.id, notice.startDate) }));
}

/** The cases in notice whose latest notice is this one; a notice lists at most noticeEntriesMax. */
function casesStillOn(db: Db, noticeId: string, startDate: string): OpenNotices[number]['cases'] {
  return db
    .select({ caseId: cases.id, caseNo: cases.caseNo, reliefType: cases.reliefType, applicantName: persons.name, birthDate: persons.birthDate })
    .from(noticeEntries)
    .innerJoin(cases, eq(cases.id, noticeEntries.caseId))
    .innerJoin(persons, eq(persons.id, cases.applicantPersonId))
    .where(and(eq(noticeEntries.noticeId, noticeId), eq(cases.state, 'in_notice'), onLatestNotice))
    .orderBy(asc(cases.caseNo))
    .limit(LIMITS.noticeEntriesMax)
    .all()
    .map((r) => ({
      caseId: r.caseId,
      caseNo: r.caseNo,
      applicantName: r.applicantName,
      ...kindOf(r.reliefType),
      // As on the posted list: age on the day the notice went up.
      minor: !isAdultOn(r.birthDate, startDate),
    }));
}

export function createNotice(ctx: Ctx, input: CreateNoticeInput): NoticeView {
  assert(ctx.actor, 'notices.create needs a session');
  const village = ctx.db.select().from(villages).where(eq(villages.code, input.villageCode)).get();
  if (!village) throw new DomainError('NOT_FOUND', '村居不存在');
  if (input.startDate < ctx.today) {
    refuse('startDate', '公示开始日期不能早于今天');
  }
  const seen = new Set<string>();
  const rows = input.entries.map((entry, i) => {
    if (seen.has(entry.caseId)) {
      refuse(`entries.${i}.caseId`, '同一案件不能重复列入公示');
    }
    seen.add(entry.caseId);
    const row = requireCase(ctx, entry.caseId);
    const household = ctx.db.select({ villageCode: households.villageCode }).from(households).where(eq(households.id, row.householdId)).get();
    assert(household, `case ${row.id} names a missing household`);
    if (household.villageCode !== input.villageCode) {
      refuse(`entries.${i}.caseId`, `案件${row.caseNo}不属于${village.name}`);
    }
    return { row, proposedAmountFen: entry.proposedAmountFen };
  });

  // Calendar days on the board; one list serves all its cases, so the longest period wins.
  const noticeDays = Math.max(
    ...rows.map(({ row }) => {
      const days = itemFor(catalogueVersion(ctx.db, row.catalogueVersion).items, caseReliefType(row)).noticeDays;
      if (days === null) throw new DomainError('CONFLICT', `案件${row.caseNo}的救助事项不需要公示`);
      return days;
    }),
  );
  const endDate = addDaysIso(input.startDate, noticeDays);
  const notice = insertRow(ctx, notices, {
    id: ctx.ids.newId(),
    villageCode: input.villageCode,
    startDate: input.startDate,
    endDate,
    createdBy: ctx.actor.userId,
    createdAt: ctx.nowIso,
  });
  for (const { row, proposedAmountFen } of rows) {
    // The lifecycle refuses any case not waiting for a notice.
    applyCaseEvent(ctx, row, 'notice_started', `在${village.name}公示，${input.startDate}至${endDate}`);
    insertRow(ctx, noticeEntries, { id: ctx.ids.newId(), noticeId: notice.id, caseId: row.id, proposedAmountFen });
  }
  ctx.audit.entity('notice', notice.id);
  ctx.audit.note({ cases: rows.length, endDate });
  return noticeView(ctx, notice);
}

function noticeView(ctx: Ctx, notice: NoticeRow): NoticeView {
  const village = ctx.db.select({ name: villages.name }).from(villages).where(eq(villages.code, notice.villageCode)).get();
  assert(village, `notice ${notice.id} names a missing village`);
  const entries = ctx.db
    .select({
      caseNo: cases.caseNo,
      reliefType: cases.reliefType,
      applicantName: persons.name,
      residentId: persons.residentId,
      birthDate: persons.birthDate,
      proposedAmountFen: noticeEntries.proposedAmountFen,
    })
    .from(noticeEntries)
    .innerJoin(cases, eq(cases.id, noticeEntries.caseId))
    .innerJoin(persons, eq(persons.id, cases.applicantPersonId))
    .where(eq(noticeEntries.noticeId, notice.id))
    .orderBy(asc(cases.caseNo))
    .limit(LIMITS.noticeEntriesMax)
    .all();
  // Minors are never posted (DOMAIN.md §3 特困, §7): age on the day the notice goes up.
  const shown = entries.filter((e) => isAdultOn(e.birthDate, notice.startDate));
  return {
    id: notice.id,
    villageCode: notice.villageCode,
    villageName: village.name,
    startDate: notice.startDate,
    endDate: notice.endDate,
    entries: shown.map((e) => ({
      caseNo: e.caseNo,
      applicantName: e.applicantName,
      residentIdMasked: maskResidentId(e.residentId),
      ...kindOf(e.reliefType),
      proposedAmountFen: e.proposedAmountFen,
    })),
    hiddenCount: entries.length - shown.length,
  };
}

export function getNotice(ctx: Ctx, noticeId: string): NoticeView {
  return noticeView(ctx, requireNotice(ctx, noticeId));
}

export interface ObjectionInput {
  noticeId: string;
  caseId: string;
  receivedDate: string;
  content: string;
}

export function recordObjection(ctx: Ctx, input: ObjectionInput): CaseDetail {
  assert(ctx.actor, 'notices.objection needs a session');
  const notice = requireNotice(ctx, input.noticeId);
  if (latestNoticeId(ctx, input.caseId) !== notice.id) throw new DomainError('NOT_FOUND', '该案件不在此公示名单中');
  if (input.receivedDate < notice.startDate || input.receivedDate > ctx.today) {
    refuse('receivedDate', '收到异议的日期应在公示开始之后、且不晚于今天');
  }
  const row = requireCase(ctx, input.caseId);
  insertRow(ctx, noticeObjections, {
    id: ctx.ids.newId(),
    noticeId: notice.id,
    caseId: row.id,
    receivedDate: input.receivedDate,
    content: input.content,
    recordedBy: ctx.actor.userId,
    recordedAt: ctx.nowIso,
  });
  // Back to the home investigation; the lifecycle refuses a case no longer in notice.
  // The objection's words go on the timeline: the investigator and the approver read them there.
  applyCaseEvent(ctx, row, 'objection_raised', `${input.receivedDate}收到异议：${input.content}（重新入户调查）`);
  return getCase(ctx, row.id);
}

export function closeNotice(ctx: Ctx, noticeId: string): NoticeView {
  const notice = requireNotice(ctx, noticeId);
  if (ctx.today <= notice.endDate) {
    throw new DomainError('CONFLICT', `公示期至${notice.endDate}，期满后才能结束公示`);
  }
  const entries = ctx.db
    .select({ caseId: noticeEntries.caseId })
    .from(noticeEntries)
    .where(eq(noticeEntries.noticeId, notice.id))
    .limit(LIMITS.noticeEntriesMax)
    .all();
  let ended = 0;
  for (const { caseId } of entries) {
    const row = requireCase(ctx, caseId);
    // Cases sent back by an objection (or withdrawn, or on a newer notice) have left this one.
    if (caseState(row) !== 'in_notice' || latestNoticeId(ctx, caseId) !== notice.id) continue;
    applyCaseEvent(ctx, row, 'notice_ended', `公示期满（${notice.startDate}至${notice.endDate}）无异议`);
    ended += 1;
  }
  ctx.audit.entity('notice', notice.id);
  ctx.audit.note({ ended });
  return noticeView(ctx, notice);
}
