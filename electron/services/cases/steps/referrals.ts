import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { referrals } from '../../../../db/schema';
import type { CaseDetail } from '../../../contract';
import { workCalendar } from '../../calendar/calendar';
import { addWorkingDays } from '../../calendar/workingDays';
import { catalogueVersion, itemFor } from '../../catalogue/catalogue';
import type { Ctx } from '../../context';
import { DomainError, assert } from '../../errors';
import { insertRow, updateRow } from '../../rows';
import { refuse } from '../issues';
import { caseReliefType, requireCase } from '../records';
import { applyCaseEvent } from '../transitions';
import { getCase } from '../view';

// Referral (转办, DOMAIN.md §2): a kind another department decides is sent there with a due
// date counted in working days, and followed up until the department answers.

export function sendReferral(ctx: Ctx, caseId: string): CaseDetail {
  assert(ctx.actor, 'referrals.send needs a session');
  const row = requireCase(ctx, caseId);
  // Under the version the case was accepted with, not today's catalogue.
  const item = itemFor(catalogueVersion(ctx.db, row.catalogueVersion).items, caseReliefType(row));
  const dueDate = addWorkingDays(ctx.today, item.timeLimitWorkingDays, workCalendar(ctx.db));
  // The lifecycle refuses a kind the town handles itself and a case not simply accepted;
  // the catalogue names a department for every referral kind.
  const department = item.department ?? '';
  applyCaseEvent(ctx, row, 'referred', `转办至${department}，${dueDate}前答复`);
  assert(department !== '', `referred case ${row.id} has no department in its catalogue item`);
  insertRow(ctx, referrals, {
    id: ctx.ids.newId(),
    caseId: row.id,
    department,
    sentDate: ctx.today,
    dueDate,
    answer: null,
    answeredDate: null,
    sentBy: ctx.actor.userId,
    answerRecordedBy: null,
    updatedAt: ctx.nowIso,
  });
  return getCase(ctx, row.id);
}

export interface AnswerInput {
  caseId: string;
  answer: string;
  answeredDate: string;
}

export function answerReferral(ctx: Ctx, input: AnswerInput): CaseDetail {
  assert(ctx.actor, 'referrals.answer needs a session');
  const row = requireCase(ctx, input.caseId);
  const open = ctx.db
    .select()
    .from(referrals)
    .where(and(eq(referrals.caseId, row.id), isNull(referrals.answeredDate)))
    .orderBy(desc(sql`${referrals}.rowid`))
    .get();
  if (!open) throw new DomainError('CONFLICT', '该案件没有待答复的转办');
  if (input.answeredDate < open.sentDate || input.answeredDate > ctx.today) {
    refuse('answeredDate', `答复日期应在转办日期（${open.sentDate}）之后、且不晚于今天`);
  }
  applyCaseEvent(ctx, row, 'referral_answered', `${open.department}答复：${input.answer}`);
  updateRow(ctx, referrals, open.id, {
    answer: input.answer,
    answeredDate: input.answeredDate,
    answerRecordedBy: ctx.actor.userId,
    updatedAt: ctx.nowIso,
  });
  return getCase(ctx, row.id);
}
