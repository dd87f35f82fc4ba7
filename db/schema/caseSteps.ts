import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { cases } from './cases';
import { users } from './core';
import { households, villages } from './registry';

// The steps of a case after intake (DOMAIN.md §2, §4): the economic-status check, the home
// investigation, the village democratic review, the public notice, the decision, and for
// department kinds the referral. Each is its own record; the case's state moves through
// electron/services/cases/transitions.ts.

// One request to the district check centre for a household, valid for a configurable period
// and reused by later cases of the same household.
export const economicChecks = sqliteTable(
  'economic_checks',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    requestedDate: text('requested_date').notNull(),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['requested', 'completed'] }).notNull(),
    reportNo: text('report_no'),
    completedDate: text('completed_date'),
    validUntil: text('valid_until'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('economic_checks_household_idx').on(t.householdId, t.validUntil)],
);

// One row per data source (the 18 of policy §三(三)2) and check.
export const economicCheckResults = sqliteTable(
  'economic_check_results',
  {
    id: text('id').primaryKey(),
    checkId: text('check_id')
      .notNull()
      .references(() => economicChecks.id),
    source: text('source').notNull(),
    outcome: text('outcome', { enum: ['no_record', 'found'] }).notNull(),
    figuresJson: text('figures_json').notNull(),
    note: text('note').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('economic_check_results_source_unique').on(t.checkId, t.source)],
);

export const investigations = sqliteTable(
  'investigations',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    visitDate: text('visit_date').notNull(),
    investigator1: text('investigator1').notNull(),
    investigator2: text('investigator2').notNull(),
    housing: text('housing').notNull(),
    incomeJson: text('income_json').notNull(),
    assets: text('assets').notNull(),
    cause: text('cause').notNull(),
    supporters: text('supporters').notNull(),
    conclusion: text('conclusion').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('investigations_case_idx').on(t.caseId)],
);

export const democraticReviews = sqliteTable(
  'democratic_reviews',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    reviewDate: text('review_date').notNull(),
    participants: integer('participants').notNull(),
    inFavour: integer('in_favour').notNull(),
    opinion: text('opinion').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [
    index('democratic_reviews_case_idx').on(t.caseId),
    check('democratic_reviews_counts', sql`${t.inFavour} >= 0 AND ${t.inFavour} <= ${t.participants}`),
  ],
);

// A notice list for one village board, open from start to end date.
export const notices = sqliteTable(
  'notices',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code')
      .notNull()
      .references(() => villages.code),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('notices_village_idx').on(t.villageCode, t.startDate)],
);

export const noticeEntries = sqliteTable(
  'notice_entries',
  {
    id: text('id').primaryKey(),
    noticeId: text('notice_id')
      .notNull()
      .references(() => notices.id),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    // Monthly amount proposed for the case, in fen; null where none is proposed yet.
    proposedAmountFen: integer('proposed_amount_fen'),
  },
  (t) => [
    uniqueIndex('notice_entries_unique').on(t.noticeId, t.caseId),
    index('notice_entries_case_idx').on(t.caseId),
    check('notice_entries_amount', sql`${t.proposedAmountFen} IS NULL OR ${t.proposedAmountFen} >= 0`),
  ],
);

export const noticeObjections = sqliteTable('notice_objections', {
  id: text('id').primaryKey(),
  noticeId: text('notice_id')
    .notNull()
    .references(() => notices.id),
  caseId: text('case_id')
    .notNull()
    .references(() => cases.id),
  receivedDate: text('received_date').notNull(),
  content: text('content').notNull(),
  recordedBy: text('recorded_by')
    .notNull()
    .references(() => users.id),
  recordedAt: text('recorded_at').notNull(),
});

export const decisions = sqliteTable(
  'decisions',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    outcome: text('outcome', { enum: ['approved', 'refused', 'submitted_to_district'] }).notNull(),
    amountFen: integer('amount_fen'),
    periodStart: text('period_start'),
    periodMonths: integer('period_months'),
    opinion: text('opinion').notNull(),
    refusalReasons: text('refusal_reasons'),
    // Temporary relief: the cause (RELIEF_CAUSES) and, for a repeat within the window, why.
    cause: text('cause'),
    repeatReason: text('repeat_reason'),
    decidedBy: text('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [
    index('decisions_case_idx').on(t.caseId),
    check('decisions_amount', sql`${t.amountFen} IS NULL OR ${t.amountFen} >= 0`),
  ],
);

export const referrals = sqliteTable(
  'referrals',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    department: text('department').notNull(),
    sentDate: text('sent_date').notNull(),
    dueDate: text('due_date').notNull(),
    answer: text('answer'),
    answeredDate: text('answered_date'),
    sentBy: text('sent_by')
      .notNull()
      .references(() => users.id),
    answerRecordedBy: text('answer_recorded_by').references(() => users.id),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('referrals_case_idx').on(t.caseId), index('referrals_due_idx').on(t.answeredDate, t.dueDate)],
);
