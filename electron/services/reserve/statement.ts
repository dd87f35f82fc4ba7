import { sql } from 'drizzle-orm';
import type { TransferKind } from '../../../db/schema';
import type { Db } from '../../../db/open';
import { LIMITS, type Statement, type StatementRow } from '../../contract';
import { assert, DomainError } from '../errors';
import { reserveBalances, TRANSFER_KIND_LABELS } from './ledger';

// 对账单 (DOMAIN.md §5): the cash box over a period of business days: the balance before it,
// every entry that moved cash in or out (in the ledger's commit order, seq: the PC clock may
// be wrong), the balance after each, and the closing balance. A hold and its void move no
// cash (they only change what is available), so they are not movements of the box. The
// figures are recomputed from the transfers, independently of the accounts' stored sums, and
// checked against them when the period reaches the ledger's last entry.

interface MovementRow {
  seq: number;
  businessDate: string;
  kind: TransferKind;
  reference: string;
  note: string;
  /** + into the box, − out of it. */
  signedFen: number;
  /** The payout's voucher number, for a cash posting or its reversal. */
  voucherNo: string | null;
}

/** Signed effect on the cash box's posted balance: debited in, credited out; holds and voids none. */
const CASH_EFFECT = sql`CASE WHEN t.kind IN ('hold', 'void') THEN 0
  WHEN t.debit_account = 'reserve_cash' THEN t.amount_fen
  WHEN t.credit_account = 'reserve_cash' THEN -t.amount_fen
  ELSE 0 END`;

function cashSumWhere(db: Db, condition: ReturnType<typeof sql>): number {
  const row = db.get<{ fen: number }>(sql`SELECT coalesce(sum(${CASH_EFFECT}), 0) AS fen FROM reserve_transfers t WHERE ${condition}`);
  assert(Number.isSafeInteger(row.fen), 'a cash sum is a safe integer of fen');
  return row.fen;
}

function checkPeriod(from: string, to: string): void {
  if (from > to) throw new DomainError('VALIDATION', '开始日期不能晚于结束日期');
}

export function statement(db: Db, input: { from: string; to: string }): Statement {
  const { from, to } = input;
  checkPeriod(from, to);
  const openingFen = cashSumWhere(db, sql`t.business_date < ${from}`);
  const movements = db.all<MovementRow>(sql`
    SELECT t.seq AS seq, t.business_date AS businessDate, t.kind AS kind, t.reference AS reference, t.note AS note,
           ${CASH_EFFECT} AS signedFen, p.voucher_no AS voucherNo
    FROM reserve_transfers t
    LEFT JOIN payouts p ON p.post_transfer_id = coalesce(t.reversed_id, t.id)
    WHERE t.business_date BETWEEN ${from} AND ${to} AND t.kind NOT IN ('hold', 'void')
      AND (t.debit_account = 'reserve_cash' OR t.credit_account = 'reserve_cash')
    ORDER BY t.seq
    LIMIT ${LIMITS.reserveListRowsMax + 1}`);
  if (movements.length > LIMITS.reserveListRowsMax) {
    throw new DomainError('VALIDATION', `期间内的记账超过 ${LIMITS.reserveListRowsMax} 笔，请缩短对账期间`);
  }
  let balanceFen = openingFen;
  let inFen = 0;
  let outFen = 0;
  const rows: StatementRow[] = movements.map((m) => {
    assert(m.signedFen !== 0, `movement ${m.seq} moves cash`);
    balanceFen += m.signedFen;
    if (m.signedFen > 0) inFen += m.signedFen;
    else outFen -= m.signedFen;
    return {
      seq: m.seq,
      businessDate: m.businessDate,
      kind: m.kind,
      kindLabel: TRANSFER_KIND_LABELS[m.kind],
      // A cash payout's entry is about a case; people find it by its voucher number.
      reference: m.voucherNo ?? m.reference,
      note: m.note,
      inFen: Math.max(m.signedFen, 0),
      outFen: Math.max(-m.signedFen, 0),
      balanceFen,
    };
  });
  const closingFen = openingFen + inFen - outFen;
  // The running balance ends where an independent sum over everything up to `to` does.
  assert(balanceFen === closingFen && closingFen === cashSumWhere(db, sql`t.business_date <= ${to}`), `statement ${from}..${to}: opening ${openingFen} + movements = ${balanceFen}, closing ${closingFen}`);
  // Through the last entry (the usual statement to today), the book balance agrees.
  const later = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM reserve_transfers WHERE business_date > ${to}`);
  if (later.n === 0) {
    const book = reserveBalances(db).balanceFen;
    assert(closingFen === book, `statement closing ${closingFen} differs from the book balance ${book}`);
  }
  return { from, to, openingFen, rows, inFen, outFen, closingFen };
}
