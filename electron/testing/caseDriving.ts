// Test support (imported by *.test.ts only): moves a case through the steps whose own
// procedures are not under test, straight through applyCaseEvent with a ctx built the way
// dispatch() builds one, in one transaction.
import { eq } from 'drizzle-orm';
import { cases } from '../../db/schema';
import type { HouseholdView, ReliefType } from '../contract';
import type { Ctx } from '../services/context';
import type { CaseEvent } from '../services/cases/lifecycle';
import { requireCase } from '../services/cases/records';
import { applyCaseEvent } from '../services/cases/transitions';
import { businessDate } from '../services/time';
import { DEFAULT_CATALOGUE } from '../services/catalogue/defaults';
import { intakeForm } from './caseFixtures';
import type { TestApp } from './testApp';

export function driveCase(t: TestApp, caseId: string, userId: string, events: readonly CaseEvent[]): void {
  const now = t.clock.now();
  const ctx: Ctx = {
    ...t.app,
    actor: { userId, username: 'test', roles: ['clerk'] },
    sessionToken: null,
    nowIso: now.toISOString(),
    today: businessDate(now),
    changes: [],
    audit: { entity: () => undefined, note: () => undefined, actAs: () => undefined, extra: () => undefined },
    afterCommit: () => undefined,
    afterCommitAsync: () => undefined,
  };
  t.app.db.$client.transaction(() => {
    for (const event of events) applyCaseEvent(ctx, requireCase(ctx, caseId), event, '测试推进');
  })();
}

/** Intake by `applicantIndex` of the family, then check, investigation and (where required) review. */
export function readyForNotice(
  t: TestApp,
  clerk: { token: string; id: string },
  family: HouseholdView,
  reliefType: ReliefType = 'dibao',
  applicantIndex = 0,
): string {
  const applicant = family.members[applicantIndex];
  if (!applicant) throw new Error(`family has no member ${applicantIndex}`);
  const form = intakeForm(family, reliefType, { applicantPersonId: applicant.person.id });
  // Kinds with categories (特困, 临时救助) take the first one.
  const category = DEFAULT_CATALOGUE.find((i) => i.reliefType === reliefType)?.categories[0] ?? null;
  const kinds = form.kinds.map((k) => ({ ...k, category }));
  const [summary] = t.must('cases.intake', { ...form, kinds }, clerk.token).cases;
  if (!summary) throw new Error('no case');
  driveCase(t, summary.id, clerk.id, ['check_started', 'check_completed', 'investigation_completed']);
  const row = t.app.db.select({ state: cases.state }).from(cases).where(eq(cases.id, summary.id)).get();
  if (row?.state === 'reviewing') driveCase(t, summary.id, clerk.id, ['review_completed']);
  return summary.id;
}

/** The password setUpTown leaves every counter user with. */
export const COUNTER_PASSWORD = 'Changed#2026';

/** Days pass: sessions idle-lock, and each user unlocks with their password. */
export function daysLater(t: TestApp, days: number, tokens: readonly { token: string; password: string }[]): void {
  t.clock.advance(days * 86_400_000);
  for (const { token, password } of tokens) t.must('auth.unlock', { password }, token);
}

/** A further counter user with the given roles, logged in with the password changed. */
export function counterUser(t: TestApp, admin: string, username: string, roles: ('clerk' | 'approver')[]): { id: string; token: string } {
  const created = t.must('users.create', { username, displayName: username, roles, password: 'Initial#2026' }, admin);
  const token = t.must('auth.login', { username, password: 'Initial#2026' }).token;
  t.must('auth.changePassword', { currentPassword: 'Initial#2026', newPassword: COUNTER_PASSWORD }, token);
  return { id: created.id, token };
}
