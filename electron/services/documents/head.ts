// The head every A4 form shares: office, case number, kind, print date; and the applicant.
import { eq } from 'drizzle-orm';
import { persons } from '../../../db/schema';
import { maskResidentId, RELIEF_TYPE_LABELS } from '../../contract';
import { caseReliefType, type CaseRecord } from '../cases/records';
import type { Ctx } from '../context';
import { assert } from '../errors';
import { getSettings } from '../settings';
import { requireInstallation } from '../setup';

export interface DocumentHead {
  officeName: string;
  caseNo: string;
  kindLabel: string;
  printedDate: string;
}

/** The office line: the setting, or the installation's town (district) + 社会救助服务大厅. */
function officeName(ctx: Ctx): string {
  const configured = getSettings(ctx.db).officeName;
  if (configured !== '') return configured;
  const installation = requireInstallation(ctx.db);
  return `${installation.townName ?? installation.districtName}社会救助服务大厅`;
}

export function documentHead(ctx: Ctx, row: CaseRecord): DocumentHead {
  const label = RELIEF_TYPE_LABELS[caseReliefType(row)];
  return {
    officeName: officeName(ctx),
    caseNo: row.caseNo,
    kindLabel: row.category === null ? label : `${label}（${row.category}）`,
    printedDate: ctx.today,
  };
}

/** The applicant's name and masked ID: the full ID never goes on paper. */
export function applicantOf(ctx: Ctx, row: CaseRecord): { applicantName: string; residentIdMasked: string } {
  const applicant = ctx.db.select().from(persons).where(eq(persons.id, row.applicantPersonId)).get();
  assert(applicant, `case ${row.id} names a missing applicant`);
  return { applicantName: applicant.name, residentIdMasked: maskResidentId(applicant.residentId) };
}
