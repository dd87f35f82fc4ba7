import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';

// One row: what this installation is. Chosen at setup, never changed afterwards.
export const installation = sqliteTable(
  'installation',
  {
    id: integer('id').primaryKey(),
    kind: text('kind', { enum: ['town', 'district'] }).notNull(),
    districtCode: text('district_code').notNull(),
    districtName: text('district_name').notNull(),
    townCode: text('town_code'),
    townName: text('town_name'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [check('installation_single_row', sql`${t.id} = 1`)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  valueJson: text('value_json').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    // Stored lower-case: logins are case-insensitive, and two users may not differ by case only.
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    rolesJson: text('roles_json').notNull(),
    passwordHash: text('password_hash').notNull(),
    passwordSalt: text('password_salt').notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    // Bumped whenever the user's credentials or rights change (password change or reset,
    // disable, roles): a session made under an older epoch is over, in every process.
    credentialEpoch: integer('credential_epoch').notNull().default(0),
    lockedUntil: text('locked_until'),
    lastLoginAt: text('last_login_at'),
    // The user's own resident ID, when the admin has entered it: an approver never decides
    // for a household they belong to (DOMAIN.md §4), and only this link lets the app tell.
    residentId: text('resident_id'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_username_unique').on(t.username),
    uniqueIndex('users_resident_id_unique').on(t.residentId).where(sql`${t.residentId} IS NOT NULL`),
  ],
);

// Append-only (triggers in migration 0001): each row hashes the previous one.
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: text('user_id'),
    username: text('username'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    detail: text('detail').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_user_idx').on(t.userId, t.seq), index('audit_log_action_idx').on(t.action, t.seq), index('audit_log_at_idx').on(t.at)],
);

// Append-only: every row written by a mutation, in commit order. Nightly sync reads it.
export const changeLog = sqliteTable(
  'change_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    op: text('op', { enum: ['insert', 'update', 'delete'] }).notNull(),
    rowJson: text('row_json').notNull(),
    auditSeq: integer('audit_seq'),
    at: text('at').notNull(),
  },
  (t) => [index('change_log_row_idx').on(t.tableName, t.rowId)],
);
