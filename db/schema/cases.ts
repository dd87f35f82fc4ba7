import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { households, persons } from './registry';
import { users } from './core';

// The "do it once" catalogue (一次办好清单), versioned: editing writes a new version, and a
// case keeps the version it was accepted under. The items are one JSON document, parsed by
// the catalogue schema in electron/contract on every read.
export const catalogueVersions = sqliteTable('catalogue_versions', {
  version: integer('version').primaryKey(),
  itemsJson: text('items_json').notNull(),
  note: text('note').notNull(),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').references(() => users.id),
});

// Public holidays on weekdays and weekend days worked instead (调休), kept by the town admin.
export const calendarDays = sqliteTable(
  'calendar_days',
  {
    date: text('date').primaryKey(),
    kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
    note: text('note').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [check('calendar_days_kind', sql`${t.kind} IN ('holiday', 'workday')`)],
);

// The last case number issued per town and year. Read and bumped inside the intake's
// BEGIN IMMEDIATE transaction, so two counters can never draw the same number.
export const caseSequences = sqliteTable(
  'case_sequences',
  {
    id: text('id').primaryKey(), // `${townCode}-${year}`
    townCode: text('town_code').notNull(),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [check('case_sequences_positive', sql`${t.lastSeq} > 0`)],
);

export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    caseNo: text('case_no').notNull(),
    // One application form (一表登记) may ask for several kinds: one case each, one id shared.
    applicationId: text('application_id').notNull(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    applicantPersonId: text('applicant_person_id')
      .notNull()
      .references(() => persons.id),
    reliefType: text('relief_type').notNull(),
    category: text('category'),
    channel: text('channel', { enum: ['window', 'assistant'] }).notNull(),
    assistantName: text('assistant_name'),
    reason: text('reason').notNull(),
    commitmentRoute: integer('commitment_route', { mode: 'boolean' }).notNull(),
    state: text('state').notNull(),
    catalogueVersion: integer('catalogue_version')
      .notNull()
      .references(() => catalogueVersions.version),
    requiresReview: integer('requires_review', { mode: 'boolean' }).notNull(),
    townMayDecide: integer('town_may_decide', { mode: 'boolean' }).notNull(),
    byReferral: integer('by_referral', { mode: 'boolean' }).notNull(),
    acceptedDate: text('accepted_date').notNull(),
    promisedDate: text('promised_date').notNull(),
    acceptedBy: text('accepted_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('cases_case_no_unique').on(t.caseNo),
    index('cases_household_idx').on(t.householdId),
    // The work queues walk it in their order (state, promised date, case number) and stop at
    // their limit; by_referral and id make their counts and picks read the index alone.
    index('cases_state_idx').on(t.state, t.promisedDate, t.caseNo, t.byReferral, t.id),
    index('cases_application_idx').on(t.applicationId),
  ],
);

export const caseMaterials = sqliteTable(
  'case_materials',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    materialId: text('material_id').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['received', 'verified', 'commitment', 'missing'] }).notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('case_materials_case_material_unique').on(t.caseId, t.materialId)],
);

// Append-only (triggers in the migration): every transition of a case, who, when and why.
export const caseEvents = sqliteTable(
  'case_events',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    event: text('event').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    at: text('at').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    note: text('note').notNull(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

// Papers signed at the counter and brought back: the applicant's commitment (告知承诺书) and
// each adult member's authorisation for the economic check (核对授权书).
export const caseSignatures = sqliteTable(
  'case_signatures',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind', { enum: ['commitment', 'authorisation'] }).notNull(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    signedDate: text('signed_date').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('case_signatures_unique').on(t.caseId, t.kind, t.personId)],
);

// Dishonesty records (失信记录): the integrity work fills them; intake already refuses the
// commitment route to a person with an active one.
export const dishonestyRecords = sqliteTable(
  'dishonesty_records',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').notNull(),
    decisionNo: text('decision_no').notNull(),
    decidedDate: text('decided_date').notNull(),
    status: text('status', { enum: ['active', 'repaired'] }).notNull(),
    amountDueFen: integer('amount_due_fen').notNull(),
    amountReturnedFen: integer('amount_returned_fen').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('dishonesty_records_person_idx').on(t.personId, t.status),
    check('dishonesty_amounts', sql`${t.amountDueFen} >= 0 AND ${t.amountReturnedFen} >= 0`),
  ],
);

// Every print of a document, so a second copy says 补打 and the case page lists them.
export const prints = sqliteTable(
  'prints',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').references(() => cases.id),
    documentKind: text('document_kind').notNull(),
    documentRef: text('document_ref').notNull(),
    copyNo: integer('copy_no').notNull(),
    target: text('target', { enum: ['thermal', 'a4', 'pdf'] }).notNull(),
    printedAt: text('printed_at').notNull(),
    printedBy: text('printed_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    uniqueIndex('prints_copy_unique').on(t.documentKind, t.documentRef, t.copyNo),
    index('prints_case_idx').on(t.caseId),
  ],
);
