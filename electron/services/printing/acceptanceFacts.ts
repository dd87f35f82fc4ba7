// The facts of a 受理回执 read from the case tables. A receipt covers one application form
// (一表登记): every case that shares the applicationId, so the applicant gets one slip listing
// each kind with its own case number, whichever of those cases the clerk printed from.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/open';
import { caseMaterials, cases, persons, users } from '../../../db/schema';
import { RELIEF_TYPE_LABELS, RELIEF_TYPES } from '../../contract';
import { caseReliefType, requireCase } from '../cases/records';
import type { Ctx } from '../context';
import { assert } from '../errors';
import { preparedOnce } from '../prepared';
import { getSettings } from '../settings';
import { requireInstallation } from '../setup';
import type { AcceptanceFacts } from './acceptance';

/** Materials counted as handed in; a commitment stands in for a paper, it is not one. */
const RECEIVED_STATUSES = ['received', 'verified'] as const;

/** 临时救助（急难型）: the kind and, where the catalogue has them, its category. */
function kindLabel(row: typeof cases.$inferSelect): string {
  const label = RELIEF_TYPE_LABELS[caseReliefType(row)];
  return row.category === null ? label : `${label}（${row.category}）`;
}

/** The office line: the setting, or the installation's town (district) + 社会救助服务大厅. */
function officeName(ctx: Ctx, configured: string): string {
  if (configured !== '') return configured;
  const installation = requireInstallation(ctx.db);
  return `${installation.townName ?? installation.districtName}社会救助服务大厅`;
}

export interface ApplicationReceipt {
  applicationId: string;
  facts: Omit<AcceptanceFacts, 'reprint'>;
}

// The reads of a receipt, prepared once per connection: the counter shows a receipt after
// every intake (bench cases.accept), and building these per call cost more than running them.
function statements(db: Db) {
  return preparedOnce(db, 'acceptanceFacts', () => ({
    // One form asks for each kind at most once, so this is at most one case per relief type.
    application: db
      .select()
      .from(cases)
      .where(eq(cases.applicationId, sql.placeholder('applicationId')))
      .orderBy(asc(cases.caseNo))
      .limit(RELIEF_TYPES.length)
      .prepare(),
    applicant: db
      .select()
      .from(persons)
      .where(eq(persons.id, sql.placeholder('id')))
      .prepare(),
    handler: db
      .select({ displayName: users.displayName })
      .from(users)
      .where(eq(users.id, sql.placeholder('id')))
      .prepare(),
    // Each paper once, in the order the form listed them, though several kinds asked for it:
    // the materials of every case of the form (those the query above reads).
    received: db
      .select({ name: caseMaterials.name })
      .from(caseMaterials)
      .innerJoin(cases, eq(cases.id, caseMaterials.caseId))
      .where(and(eq(cases.applicationId, sql.placeholder('applicationId')), inArray(caseMaterials.status, [...RECEIVED_STATUSES])))
      .orderBy(sql`${caseMaterials}.rowid`)
      .prepare(),
  }));
}

export function acceptanceFactsOf(ctx: Ctx, caseId: string): ApplicationReceipt {
  const asked = requireCase(ctx, caseId);
  const read = statements(ctx.db);
  const application = read.application.all({ applicationId: asked.applicationId });
  const first = application[0];
  assert(first, `case ${asked.id} is missing from its own application`);

  const applicant = read.applicant.get({ id: first.applicantPersonId });
  assert(applicant, `case ${first.id} names a missing applicant`);
  const handler = read.handler.get({ id: first.acceptedBy });
  assert(handler, `case ${first.id} names a missing user`);

  const received = read.received.all({ applicationId: first.applicationId });
  const materials = [...new Set(received.map((m) => m.name))];

  const settings = getSettings(ctx.db);
  // Several kinds: each item carries its own number; the 案件编号 line and the QR the first.
  const items =
    application.length === 1 ? [kindLabel(first)] : application.map((c) => `${kindLabel(c)} ${c.caseNo}`);
  // Kinds have their own time limits; the slip promises the date by which all are done.
  const promisedBy = application.map((c) => c.promisedDate).reduce((a, b) => (b > a ? b : a));

  return {
    applicationId: first.applicationId,
    facts: {
      officeName: officeName(ctx, settings.officeName),
      caseNumber: first.caseNo,
      applicantName: applicant.name,
      residentId: applicant.residentId,
      items,
      materials,
      acceptedOn: first.acceptedDate,
      promisedBy,
      handlerName: handler.displayName,
      enquiryPhone: settings.enquiryPhone === '' ? '请向受理窗口咨询' : settings.enquiryPhone,
    },
  };
}
