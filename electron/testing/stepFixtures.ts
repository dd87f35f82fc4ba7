// Test support for the steps after intake (imported by *.test.ts only): authorisations signed,
// the 18 sources answered, the check completed.
import { ECONOMIC_CHECK_SOURCES, type EconomicCheckView, type HouseholdView } from '../contract';
import type { TestApp } from './testApp';

/** Every adult member of the made-up family signs the authorisation on the case today. */
export function authoriseAll(t: TestApp, clerk: string, family: HouseholdView, caseId: string, signedDate: string): void {
  for (const m of family.members.filter((member) => member.person.age >= 18)) {
    t.must('cases.recordSignature', { caseId, kind: 'authorisation', personId: m.person.id, signedDate }, clerk);
  }
}

/** A result of 'no_record' for each source, except `skip`. */
export function answerSources(t: TestApp, clerk: string, checkId: string, skip: readonly string[] = []): EconomicCheckView {
  let view: EconomicCheckView | undefined;
  for (const source of ECONOMIC_CHECK_SOURCES.filter((s) => !skip.includes(s))) {
    view = t.must('checks.recordResult', { checkId, source, outcome: 'no_record', figures: {}, note: '' }, clerk);
  }
  if (!view) throw new Error('no source answered');
  return view;
}

/** Authorise, request, answer all 18 sources and complete: the case goes to investigation. */
export function checkThrough(t: TestApp, clerk: string, family: HouseholdView, caseId: string, today: string): EconomicCheckView {
  authoriseAll(t, clerk, family, caseId, today);
  const check = t.must('checks.request', { caseId }, clerk);
  if (check.status === 'completed') return check;
  answerSources(t, clerk, check.id);
  return t.must('checks.complete', { checkId: check.id, reportNo: `HD-${check.id.slice(-6)}`, completedDate: today }, clerk);
}
