import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { users } from './core';

// The town's reserve fund (临时救助备用金) as a double-entry ledger (DESIGN.md §4, DOMAIN.md §5),
// in the shape of TigerBeetle: accounts hold stored sums, a transfer is one row moving an
// amount in fen > 0 from its credit account to its debit account, so every row balances by
// construction. Accounting convention (借/贷): the cash box is an asset, debited when money
// comes in and credited when it goes out.
//
// The accounts, the minimal honest set (one row each, created by the ledger's first write):
//   district_funds  区级拨付      where allocations and replenishments come from (credited)
//   reserve_cash    备用金现金    the cash box: the only account that may not be overdrawn
//   payouts         临时救助支出  what was paid out (debited; pending while a payout is held)
//   recoveries      追回款        money ordered returned, back in the box (credited)
//   cash_over_short 现金长短款    day-close differences: over credited, short debited
//
// Holds follow TigerBeetle's pending transfers: a hold books its amount as pending on both
// accounts (available = balance − held); a post turns the whole hold into posted, a void
// releases it; each hold is posted or voided at most once (unique pending_id). A reversal
// points at the one posted transfer it undoes, with the accounts swapped and the same amount;
// each transfer is reversed at most once (unique reversed_id), and a reversal is never itself
// reversed: a mistaken reversal is put right by a new entry of the original kind, so the chain
// of corrections stays one step deep and every original has one answer.
//
// Stored sums are updated in the same transaction as the transfer (electron/services/reserve/
// ledger.ts) and checked against sums recomputed from the transfers (invariants.ts, cli verify).

export const RESERVE_ACCOUNTS = ['district_funds', 'reserve_cash', 'payouts', 'recoveries', 'cash_over_short'] as const;
export type ReserveAccount = (typeof RESERVE_ACCOUNTS)[number];

export const TRANSFER_KINDS = ['allocate', 'replenish', 'hold', 'post', 'void', 'reverse', 'recover', 'over', 'short'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const reserveAccounts = sqliteTable(
  'reserve_accounts',
  {
    code: text('code', { enum: RESERVE_ACCOUNTS }).primaryKey(),
    // 1: credits (posted and pending) may never exceed posted debits: the balance never goes
    // below zero and what is held never exceeds the balance. Checked here, in SQL, whatever
    // the code above does.
    guarded: integer('guarded', { mode: 'boolean' }).notNull(),
    debitsPostedFen: integer('debits_posted_fen').notNull(),
    creditsPostedFen: integer('credits_posted_fen').notNull(),
    debitsPendingFen: integer('debits_pending_fen').notNull(),
    creditsPendingFen: integer('credits_pending_fen').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    check(
      'reserve_accounts_sums_nonnegative',
      sql`${t.debitsPostedFen} >= 0 AND ${t.creditsPostedFen} >= 0 AND ${t.debitsPendingFen} >= 0 AND ${t.creditsPendingFen} >= 0`,
    ),
    check('reserve_accounts_guarded', sql`${t.guarded} = 0 OR ${t.creditsPostedFen} + ${t.creditsPendingFen} <= ${t.debitsPostedFen}`),
  ],
);

// Append-only (triggers in the same migration): corrections are new rows pointing at what they correct.
export const reserveTransfers = sqliteTable(
  'reserve_transfers',
  {
    // Made by the client before it submits (the payout dialog when it opens): the idempotency key.
    id: text('id').primaryKey(),
    // 1, 2, 3… in commit order: the statement's order (the PC clock may be wrong), and a gap
    // would show a lost row.
    seq: integer('seq').notNull(),
    kind: text('kind', { enum: TRANSFER_KINDS }).notNull(),
    debitAccount: text('debit_account', { enum: RESERVE_ACCOUNTS })
      .notNull()
      .references(() => reserveAccounts.code),
    creditAccount: text('credit_account', { enum: RESERVE_ACCOUNTS })
      .notNull()
      .references(() => reserveAccounts.code),
    amountFen: integer('amount_fen').notNull(),
    // post and void: the hold they settle.
    pendingId: text('pending_id').references((): AnySQLiteColumn => reserveTransfers.id),
    // reverse: the transfer it undoes.
    reversedId: text('reversed_id').references((): AnySQLiteColumn => reserveTransfers.id),
    // What the entry is about: a case id, a voucher number, a day-close id.
    reference: text('reference').notNull(),
    note: text('note').notNull(),
    // The business day (Asia/Shanghai) the entry belongs to: day close and statements.
    businessDate: text('business_date').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('reserve_transfers_seq_unique').on(t.seq),
    // Each hold is posted or voided at most once; each transfer reversed at most once.
    uniqueIndex('reserve_transfers_pending_unique').on(t.pendingId).where(sql`${t.pendingId} IS NOT NULL`),
    uniqueIndex('reserve_transfers_reversed_unique').on(t.reversedId).where(sql`${t.reversedId} IS NOT NULL`),
    index('reserve_transfers_date_idx').on(t.businessDate, t.seq),
    index('reserve_transfers_reference_idx').on(t.reference),
    // The dashboard's allocation figure (allocations less their reversals) reads these kinds
    // only; without it every summary scanned the whole ledger.
    index('reserve_transfers_kind_idx').on(t.kind, t.amountFen, t.reversedId),
    check('reserve_transfers_amount_positive', sql`${t.amountFen} > 0 AND ${t.amountFen} <= 99999999999999`),
    check('reserve_transfers_two_accounts', sql`${t.debitAccount} <> ${t.creditAccount}`),
    check('reserve_transfers_kind', sql`${t.kind} IN ('allocate', 'replenish', 'hold', 'post', 'void', 'reverse', 'recover', 'over', 'short')`),
    check('reserve_transfers_pending_link', sql`(${t.kind} IN ('post', 'void')) = (${t.pendingId} IS NOT NULL)`),
    check('reserve_transfers_reversal_link', sql`(${t.kind} = 'reverse') = (${t.reversedId} IS NOT NULL)`),
  ],
);
