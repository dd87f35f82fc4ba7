import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { SYNC_ALERT_KIND_LIST, SYNC_TRIGGERS, type SyncAlertKindName } from '../../electron/contract/syncVocab';

// Nightly sync (DESIGN.md §5, docs/sync-package.md). These tables are this installation's own
// bookkeeping of what it sent and received: they never travel (rows.ts LOCAL_ONLY_TABLES), and
// they are written with plain SQL, never through the change log, or every export would make
// the changes the next one must carry.

// Town: every package made, with its bytes, so a package lost with a USB stick is written
// again as it was (a package rebuilt would be sealed afresh: a different file for the same
// sequence, which the district must quarantine as a fork).
export const syncExports = sqliteTable(
  'sync_exports',
  {
    sequence: integer('sequence').primaryKey(),
    fileName: text('file_name').notNull(),
    createdAt: text('created_at').notNull(),
    trigger: text('trigger', { enum: SYNC_TRIGGERS }).notNull(),
    /** change_log.seq range carried: (fromChangeSeq, toChangeSeq]. */
    fromChangeSeq: integer('from_change_seq').notNull(),
    toChangeSeq: integer('to_change_seq').notNull(),
    /** audit_log.seq range carried: (fromAuditSeq, toAuditSeq]. */
    fromAuditSeq: integer('from_audit_seq').notNull(),
    toAuditSeq: integer('to_audit_seq').notNull(),
    rows: integer('rows').notNull(),
    bytes: integer('bytes').notNull(),
    packageSha256: text('package_sha256').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
    /** When the district's answer package said it had applied this sequence. */
    acknowledgedAt: text('acknowledged_at'),
  },
  (t) => [
    check('sync_exports_ranges', sql`${t.fromChangeSeq} <= ${t.toChangeSeq} AND ${t.fromAuditSeq} <= ${t.toAuditSeq} AND ${t.sequence} >= 1`),
    check('sync_exports_size', sql`${t.bytes} = length(${t.content}) AND ${t.rows} >= 0`),
  ],
);

// Both sides: whom we exchange packages with. A district lists its enrolled towns; a town lists
// its district (code = the district's code). Keys are the sender's public keys, hex.
export const syncPeers = sqliteTable('sync_peers', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['town', 'district'] }).notNull(),
  signingPublicKey: text('signing_public_key').notNull(),
  agreementPublicKey: text('agreement_public_key').notNull(),
  fingerprint: text('fingerprint').notNull(),
  /** The folder this peer's packages arrive in; null: the installation's common folder. */
  folder: text('folder'),
  enrolledAt: text('enrolled_at').notNull(),
  /** The last package applied from this peer (0: none yet). */
  lastSequence: integer('last_sequence').notNull().default(0),
  lastPackageSha256: text('last_package_sha256'),
  lastCreatedAt: text('last_created_at'),
  lastImportedAt: text('last_imported_at'),
  /** The town's audit chain head at its last package: the next package must continue it. */
  lastAuditSeq: integer('last_audit_seq').notNull().default(0),
  lastAuditHash: text('last_audit_hash'),
  /** The town's reserve as its last package stated it (integer fen). */
  reserveBalanceFen: integer('reserve_balance_fen'),
  reserveHeldFen: integer('reserve_held_fen'),
  reserveAvailableFen: integer('reserve_available_fen'),
});

// Packages applied, one row each: (peer, sequence) with the file's hash tells a re-read of
// the same package (no-op) from another package under the same number (a fork).
export const syncReceived = sqliteTable(
  'sync_received',
  {
    peerCode: text('peer_code')
      .notNull()
      .references(() => syncPeers.code),
    sequence: integer('sequence').notNull(),
    packageSha256: text('package_sha256').notNull(),
    fileName: text('file_name').notNull(),
    createdAt: text('created_at').notNull(),
    importedAt: text('imported_at').notNull(),
    rows: integer('rows').notNull(),
    bytes: integer('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.peerCode, t.sequence] })],
);

// Verified packages that arrived ahead of a missing one: kept (signature checked) until the gap
// fills, so a held package need not stay on the stick it came on.
export const syncHeld = sqliteTable(
  'sync_held',
  {
    peerCode: text('peer_code')
      .notNull()
      .references(() => syncPeers.code),
    sequence: integer('sequence').notNull(),
    packageSha256: text('package_sha256').notNull(),
    fileName: text('file_name').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.peerCode, t.sequence] })],
);

// Packages refused or set aside: a forged or damaged file, a second package under a sequence
// already used. Never applied; one row per distinct file.
export const syncQuarantine = sqliteTable(
  'sync_quarantine',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    peerCode: text('peer_code'),
    sequence: integer('sequence'),
    fileName: text('file_name').notNull(),
    packageSha256: text('package_sha256').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    at: text('at').notNull(),
  },
  (t) => [uniqueIndex('sync_quarantine_sha_unique').on(t.packageSha256)],
);

// The alert kinds and export triggers are the contract's words (syncVocab.ts, read by the
// renderer too): one list, so a kind the importer raises always has a label.
export const SYNC_ALERT_KINDS = SYNC_ALERT_KIND_LIST;
export type SyncAlertKind = SyncAlertKindName;

// What the district must look at: raised by the importer, never by a town. `key` makes a
// finding raised again by a later package the same alert, not a new one.
export const syncAlerts = sqliteTable(
  'sync_alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: SYNC_ALERT_KINDS }).notNull(),
    key: text('key').notNull(),
    peerCode: text('peer_code'),
    sequence: integer('sequence'),
    message: text('message').notNull(),
    detailJson: text('detail_json').notNull(),
    at: text('at').notNull(),
  },
  (t) => [uniqueIndex('sync_alerts_key_unique').on(t.kind, t.key), index('sync_alerts_at_idx').on(t.at)],
);

// District: every town's rows as its packages carried them, the latest version of each row.
// One table, not a copy of every town table: the district only reads (its views), and a row's
// shape is the town's schema at the package's schema version. WITHOUT ROWID (added by hand to
// migration 0009): the composite key is the only lookup, so one b-tree instead of two.
export const districtRows = sqliteTable(
  'district_rows',
  {
    townCode: text('town_code').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    op: text('op', { enum: ['insert', 'update', 'delete'] }).notNull(),
    rowJson: text('row_json').notNull(),
    changeSeq: integer('change_seq').notNull(),
    packageSequence: integer('package_sequence').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.townCode, t.tableName, t.rowId] }),
    index('district_rows_table_idx').on(t.tableName, t.townCode),
    // The district's cross-town checks (districtChecks.ts) look rows up by what they hold: one
    // index per lookup, the JSON expression first (with table_name or town_code first SQLite
    // prefers the primary key), partial on the table the lookup reads. Migration 0010.
    index('district_rows_person_resident_idx').on(sql`json_extract(${t.rowJson}, '$.residentId')`).where(sql`${t.tableName} = 'persons'`),
    index('district_rows_member_person_idx').on(sql`json_extract(${t.rowJson}, '$.personId')`, t.townCode).where(sql`${t.tableName} = 'household_members'`),
    index('district_rows_case_applicant_idx').on(sql`json_extract(${t.rowJson}, '$.applicantPersonId')`, t.townCode).where(sql`${t.tableName} = 'cases'`),
    index('district_rows_payout_case_idx').on(sql`json_extract(${t.rowJson}, '$.caseId')`, t.townCode).where(sql`${t.tableName} = 'payouts'`),
  ],
);

// District → town: the district's own answers, each carried by the next package to its town.
export const districtReplenishments = sqliteTable(
  'district_replenishments',
  {
    id: text('id').primaryKey(),
    townCode: text('town_code').notNull(),
    amountFen: integer('amount_fen').notNull(),
    voucherNo: text('voucher_no').notNull(),
    /** The town's reimbursement claim it settles (claim number), if any. */
    claimNo: text('claim_no'),
    note: text('note').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: text('recorded_at').notNull(),
    /** The district package that carried it to the town; null until the next package. */
    outSequence: integer('out_sequence'),
  },
  (t) => [check('district_replenishments_amount', sql`${t.amountFen} > 0`), uniqueIndex('district_replenishments_voucher_unique').on(t.townCode, t.voucherNo)],
);

export const districtDecisions = sqliteTable(
  'district_decisions',
  {
    id: text('id').primaryKey(),
    townCode: text('town_code').notNull(),
    caseId: text('case_id').notNull(),
    caseNo: text('case_no').notNull(),
    outcome: text('outcome', { enum: ['approved', 'refused'] }).notNull(),
    amountFen: integer('amount_fen'),
    opinion: text('opinion').notNull(),
    decidedBy: text('decided_by').notNull(),
    decidedByName: text('decided_by_name').notNull(),
    decidedAt: text('decided_at').notNull(),
    outSequence: integer('out_sequence'),
  },
  (t) => [
    uniqueIndex('district_decisions_case_unique').on(t.townCode, t.caseId),
    check('district_decisions_amount', sql`(${t.outcome} = 'approved') = (${t.amountFen} IS NOT NULL AND ${t.amountFen} > 0)`),
  ],
);

// District: the answer packages made for each town, with their bytes (as sync_exports).
export const districtOutbox = sqliteTable(
  'district_outbox',
  {
    townCode: text('town_code').notNull(),
    sequence: integer('sequence').notNull(),
    fileName: text('file_name').notNull(),
    createdAt: text('created_at').notNull(),
    rows: integer('rows').notNull(),
    bytes: integer('bytes').notNull(),
    packageSha256: text('package_sha256').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
    /** The town's last applied sequence this package acknowledged (the content is sealed for
     *  the town, so the district keeps what it said here). */
    ackSequence: integer('ack_sequence').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.townCode, t.sequence] })],
);
