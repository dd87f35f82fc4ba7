import { investigations } from '../../../../db/schema';
import type { CaseDetail } from '../../../contract';
import type { Ctx } from '../../context';
import { assert } from '../../errors';
import { insertRow } from '../../rows';
import { refuse, refuseIssues, type Issue } from '../issues';
import { isCurrentMember, requireCase } from '../records';
import { applyCaseEvent } from '../transitions';
import { getCase } from '../view';
import { requireStep, requireStepDate } from './guard';

// The home investigation (入户调查): two investigators visit and record housing, each member's
// income, assets, the cause of hardship, who supports the family, and their conclusion. The
// case then goes to the village review where its kind requires one (低保), else to notice.

export interface InvestigationInput {
  caseId: string;
  visitDate: string;
  investigator1: string;
  investigator2: string;
  housing: string;
  income: { personId: string; monthlyIncomeFen: number; source: string }[];
  assets: string;
  cause: string;
  supporters: string;
  conclusion: string;
}

export function recordInvestigation(ctx: Ctx, input: InvestigationInput): CaseDetail {
  assert(ctx.actor, 'an investigation is recorded by a logged-in clerk');
  const row = requireCase(ctx, input.caseId);
  requireStep(row, 'investigation_completed');
  requireStepDate(ctx, row, 'visitDate', input.visitDate);
  // Two people visit: one name twice would be one investigator signing for two.
  if (input.investigator1 === input.investigator2) refuse('investigator2', '入户调查须由两名不同的调查人进行');

  const issues: Issue[] = [];
  const seen = new Set<string>();
  input.income.forEach((entry, index) => {
    if (seen.has(entry.personId)) issues.push({ path: `income.${index}.personId`, message: '同一成员的收入只能登记一行' });
    else if (!isCurrentMember(ctx.db, row.householdId, entry.personId)) {
      issues.push({ path: `income.${index}.personId`, message: '收入须登记在申请户的现有成员名下' });
    }
    seen.add(entry.personId);
  });
  refuseIssues(issues);

  const investigation = insertRow(ctx, investigations, {
    id: ctx.ids.newId(),
    caseId: row.id,
    visitDate: input.visitDate,
    investigator1: input.investigator1,
    investigator2: input.investigator2,
    housing: input.housing,
    incomeJson: JSON.stringify(input.income),
    assets: input.assets,
    cause: input.cause,
    supporters: input.supporters,
    conclusion: input.conclusion,
    recordedBy: ctx.actor.userId,
    recordedAt: ctx.nowIso,
  });
  applyCaseEvent(ctx, row, 'investigation_completed', `入户调查（${input.visitDate}）`);
  ctx.audit.note({ investigationId: investigation.id, visitDate: input.visitDate });
  return getCase(ctx, row.id);
}
