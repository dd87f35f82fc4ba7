import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { noticeEntries, prints, users } from '../../../db/schema';
import { LIMITS, printedKindLabel, RECEIPT_DOCUMENT_KIND, type CaseDetail } from '../../contract';
import type { CaseRecord } from '../cases/records';
import type { Ctx } from '../context';

// The case page's list of every paper printed for the case (issue item 10): its own A4 forms,
// the acceptance receipt of its application (one receipt serves every kind on the form, so a
// print from a sibling case counts), and the notice lists it was posted on.

/** Prints shown on one case page: a long case is reprinted a few dozen times at most. */
export const CASE_PRINTS_SHOWN_MAX = 500;

export function casePrints(ctx: Ctx, row: CaseRecord): CaseDetail['prints'] {
  const noticeIds = ctx.db
    .select({ noticeId: noticeEntries.noticeId })
    .from(noticeEntries)
    .where(eq(noticeEntries.caseId, row.id))
    .limit(LIMITS.noticeEntriesMax)
    .all()
    .map((e) => e.noticeId);
  const ofThisCase = [
    eq(prints.caseId, row.id),
    and(eq(prints.documentKind, RECEIPT_DOCUMENT_KIND), eq(prints.documentRef, row.applicationId)),
  ];
  if (noticeIds.length > 0) ofThisCase.push(and(eq(prints.documentKind, 'notice_list'), inArray(prints.documentRef, noticeIds)));
  return (
    ctx.db
      .select({ documentKind: prints.documentKind, copyNo: prints.copyNo, target: prints.target, printedAt: prints.printedAt, userName: users.displayName })
      .from(prints)
      .innerJoin(users, eq(users.id, prints.printedBy))
      .where(or(...ofThisCase))
      // Insertion order, not wall time: the PC clock may be wrong (DESIGN.md §3).
      .orderBy(sql`${prints}.rowid`)
      .limit(CASE_PRINTS_SHOWN_MAX)
      .all()
      .map((p) => ({ ...p, kindLabel: printedKindLabel(p.documentKind) }))
  );
}
