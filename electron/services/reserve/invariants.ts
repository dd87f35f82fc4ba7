import type Database from 'better-sqlite3';
import { RESERVE_ACCOUNTS } from '../../../db/schema';
import type { Db } from '../../../db/open';
import { formatYuan } from '../../contract';
import { assert } from '../errors';

// The reserve ledger's invariants (issue 4, DESIGN.md §4), checked over the whole ledger from
// the stored rows alone: by `npm run cli -- verify`, after every step of the property test and
// after every kill of the crash test. The SQL constraints and the ledger's own assertions keep
// these from breaking; this is how anyone can see that they did not (a hand-edited file, a
// restored backup, a bug). Each violation is a sentence for the person running verify.

export interface LedgerViolation {
  rule:
    | 'amount_positive'
    | 'reserve_nonnegative'
    | 'held_within_balance'
    | 'stored_equals_recomputed'
    | 'trial_balance'
    | 'reversal_links_one_original'
    | 'reversed_at_most_once'
    | 'hold_settled_at_most_once'
    | 'settlement_links_hold'
    | 'sequence_without_gaps'
    | 'payout_not_by_acceptor'
    | 'payout_transfers_match'
    | 'day_close_difference_booked';
  message: string;
}

/** Stops a broken file from flooding the report: the first ones say enough. */
const VIOLATIONS_PER_RULE_MAX = 20;

interface SumsRow {
  code: string;
  debitsPosted: number;
  creditsPosted: number;
  debitsPending: number;
  creditsPending: number;
}

const REVERSIBLE_SQL = "('allocate', 'replenish', 'post', 'recover', 'over', 'short')";

// Prepared once per connection: the property test checks after every step, the crash test after every kill.
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepare(client: Database.Database, sql: string): Database.Statement {
  let byText = statements.get(client);
  if (!byText) {
    byText = new Map();
    statements.set(client, byText);
  }
  let statement = byText.get(sql);
  if (!statement) {
    statement = client.prepare(sql);
    byText.set(sql, statement);
  }
  return statement;
}

// Payouts against the ledger (issue 4): `only` narrows to one payout (@id) for the assertion
// after each payout write; verify reads them all.
function payoutChecks(only: boolean): { acceptor: string; transfers: string } {
  const one = only ? 'AND p.id = @id' : '';
  return {
    acceptor: `SELECT c.case_no AS caseNo,
         CASE WHEN p.approved_by = c.accepted_by THEN '批准' ELSE '发放' END AS what
       FROM payouts p JOIN cases c ON c.id = p.case_id
       WHERE (p.approved_by = c.accepted_by OR p.paid_by = c.accepted_by) ${one}`,
    transfers: `SELECT caseNo, why FROM (
         SELECT c.case_no AS caseNo, CASE
           WHEN p.method = 'bank' THEN
             CASE WHEN coalesce(p.hold_transfer_id, p.post_transfer_id, p.void_transfer_id) IS NOT NULL THEN '银行转账的发放却有备用金记账' END
           WHEN h.id IS NULL OR h.kind <> 'hold' THEN '现金发放缺少审批冻结记账'
           WHEN h.amount_fen <> p.amount_fen THEN '审批冻结金额与发放金额不符'
           WHEN (p.state = 'paid') <> (p.post_transfer_id IS NOT NULL) THEN '已发放与现金发放记账不对应'
           WHEN (p.state = 'cancelled') <> (p.void_transfer_id IS NOT NULL) THEN '已取消与取消发放记账不对应'
           WHEN p.post_transfer_id IS NOT NULL AND (po.id IS NULL OR po.kind <> 'post' OR po.pending_id IS NOT h.id OR po.amount_fen <> p.amount_fen)
             THEN '现金发放记账与审批冻结不对应'
           WHEN p.void_transfer_id IS NOT NULL AND (vo.id IS NULL OR vo.kind <> 'void' OR vo.pending_id IS NOT h.id OR vo.amount_fen <> p.amount_fen)
             THEN '取消发放记账与审批冻结不对应'
           WHEN p.state = 'approved' AND EXISTS (SELECT 1 FROM reserve_transfers s WHERE s.pending_id = h.id)
             THEN '待发放的审批冻结已被发放或取消'
         END AS why
         FROM payouts p JOIN cases c ON c.id = p.case_id
         LEFT JOIN reserve_transfers h ON h.id = p.hold_transfer_id
         LEFT JOIN reserve_transfers po ON po.id = p.post_transfer_id
         LEFT JOIN reserve_transfers vo ON vo.id = p.void_transfer_id
         WHERE 1 = 1 ${one})
       WHERE why IS NOT NULL`,
  };
}

function payoutViolations(client: { prepare(sql: string): Database.Statement }, only: string | null): LedgerViolation[] {
  const checks = payoutChecks(only !== null);
  const params = only === null ? {} : { id: only };
  const limit = ` LIMIT ${VIOLATIONS_PER_RULE_MAX}`;
  const acceptor = client.prepare(checks.acceptor + limit).all(params) as { caseNo: string; what: string }[];
  const transfers = client.prepare(checks.transfers + limit).all(params) as { caseNo: string; why: string }[];
  return [
    ...acceptor.map((r): LedgerViolation => ({ rule: 'payout_not_by_acceptor', message: `案件 ${r.caseNo} 的救助金由受理人${r.what}` })),
    ...transfers.map((r): LedgerViolation => ({ rule: 'payout_transfers_match', message: `案件 ${r.caseNo}：${r.why}` })),
  ];
}

/** Asserted by the payout services after each write (and before, on the payout they touch). */
export function assertPayoutsConsistent(db: Db, payoutId: string): void {
  const raw = db.$client;
  const found = payoutViolations({ prepare: (sql: string) => prepare(raw, sql) }, payoutId);
  assert(found.length === 0, `payout ${payoutId} breaks the ledger's invariants: ${found.map((v) => v.message).join('; ')}`);
}

export function checkLedgerInvariants(db: Db): LedgerViolation[] {
  const raw = db.$client;
  const client = { prepare: (sql: string) => prepare(raw, sql) };
  const out: LedgerViolation[] = [];
  const each = <T>(rule: LedgerViolation['rule'], sql: string, message: (row: T) => string): void => {
    const rows = client.prepare(`${sql} LIMIT ${VIOLATIONS_PER_RULE_MAX}`).all() as T[];
    for (const row of rows) out.push({ rule, message: message(row) });
  };

  each<{ seq: number; amount: unknown }>(
    'amount_positive',
    "SELECT seq, amount_fen AS amount FROM reserve_transfers WHERE typeof(amount_fen) <> 'integer' OR amount_fen <= 0",
    (r) => `第 ${r.seq} 笔记账的金额不是正的整数分（${String(r.amount)}）`,
  );

  const stored = client
    .prepare(
      `SELECT code, guarded, debits_posted_fen AS debitsPosted, credits_posted_fen AS creditsPosted,
              debits_pending_fen AS debitsPending, credits_pending_fen AS creditsPending FROM reserve_accounts`,
    )
    .all() as (SumsRow & { guarded: number })[];
  for (const a of stored) {
    if (a.guarded !== 1) continue;
    const balance = a.debitsPosted - a.creditsPosted;
    if (balance < 0) out.push({ rule: 'reserve_nonnegative', message: `备用金账面余额为负：${a.code} 余额 ${balance} 分` });
    else if (a.creditsPending > balance) {
      out.push({ rule: 'held_within_balance', message: `冻结金额超过余额：${a.code} 冻结 ${formatYuan(a.creditsPending)}，余额 ${formatYuan(balance)}` });
    }
  }
  const cash = stored.find((a) => a.code === 'reserve_cash');
  if (cash && cash.guarded !== 1) out.push({ rule: 'reserve_nonnegative', message: '备用金现金账户未设不得透支' });

  // Posted sums count every kind but hold and void; pending sums count holds less their settlements.
  const recomputed = client
    .prepare(
      `WITH legs AS (
         SELECT debit_account AS code, kind, amount_fen AS amount, 'debit' AS side FROM reserve_transfers
         UNION ALL
         SELECT credit_account, kind, amount_fen, 'credit' FROM reserve_transfers)
       SELECT code,
         coalesce(sum(CASE WHEN side = 'debit' AND kind NOT IN ('hold', 'void') THEN amount END), 0) AS debitsPosted,
         coalesce(sum(CASE WHEN side = 'credit' AND kind NOT IN ('hold', 'void') THEN amount END), 0) AS creditsPosted,
         coalesce(sum(CASE WHEN side = 'debit' AND kind = 'hold' THEN amount WHEN side = 'debit' AND kind IN ('post', 'void') THEN -amount END), 0) AS debitsPending,
         coalesce(sum(CASE WHEN side = 'credit' AND kind = 'hold' THEN amount WHEN side = 'credit' AND kind IN ('post', 'void') THEN -amount END), 0) AS creditsPending
       FROM legs GROUP BY code`,
    )
    .all() as SumsRow[];
  const fields = ['debitsPosted', 'creditsPosted', 'debitsPending', 'creditsPending'] as const;
  const zero = { debitsPosted: 0, creditsPosted: 0, debitsPending: 0, creditsPending: 0 };
  const codes = new Set<string>([...RESERVE_ACCOUNTS.filter((c) => stored.some((a) => a.code === c)), ...recomputed.map((r) => r.code)]);
  for (const code of codes) {
    const have = stored.find((a) => a.code === code);
    const want = recomputed.find((r) => r.code === code) ?? { code, ...zero };
    if (!have) {
      out.push({ rule: 'stored_equals_recomputed', message: `账户 ${code} 有记账但没有账户记录` });
      continue;
    }
    for (const f of fields) {
      if (have[f] !== want[f]) {
        out.push({ rule: 'stored_equals_recomputed', message: `账户 ${code} 的 ${f} 存储为 ${have[f]} 分，按记账重算为 ${want[f]} 分` });
      }
    }
  }

  // Every transfer debits one account and credits another by the same amount.
  for (const [debits, credits, label] of [['debitsPosted', 'creditsPosted', '已记账'], ['debitsPending', 'creditsPending', '冻结']] as const) {
    const d = stored.reduce((s, a) => s + a[debits], 0);
    const c = stored.reduce((s, a) => s + a[credits], 0);
    if (d !== c) out.push({ rule: 'trial_balance', message: `借贷不平（${label}）：借方合计 ${d} 分，贷方合计 ${c} 分` });
  }

  each<{ seq: number; why: string }>(
    'reversal_links_one_original',
    `SELECT t.seq,
       CASE WHEN t.kind = 'reverse' AND t.reversed_id IS NULL THEN '冲正未指明原记账'
            WHEN t.kind <> 'reverse' AND t.reversed_id IS NOT NULL THEN '非冲正记账却指向原记账'
            WHEN o.id IS NULL THEN '冲正指向的原记账不存在'
            WHEN o.kind NOT IN ${REVERSIBLE_SQL} THEN '冲正指向的记账不可冲正（' || o.kind || '）'
            WHEN o.seq >= t.seq THEN '冲正早于原记账'
            ELSE '冲正与原记账的账户或金额不对应' END AS why
     FROM reserve_transfers t LEFT JOIN reserve_transfers o ON o.id = t.reversed_id
     WHERE (t.kind = 'reverse' OR t.reversed_id IS NOT NULL)
       AND (t.kind <> 'reverse' OR o.id IS NULL OR o.kind NOT IN ${REVERSIBLE_SQL} OR o.seq >= t.seq
            OR o.debit_account <> t.credit_account OR o.credit_account <> t.debit_account OR o.amount_fen <> t.amount_fen)`,
    (r) => `第 ${r.seq} 笔：${r.why}`,
  );
  each<{ reversedId: string; n: number }>(
    'reversed_at_most_once',
    'SELECT reversed_id AS reversedId, count(*) AS n FROM reserve_transfers WHERE reversed_id IS NOT NULL GROUP BY reversed_id HAVING count(*) > 1',
    (r) => `记账 ${r.reversedId} 被冲正了 ${r.n} 次`,
  );
  each<{ pendingId: string; n: number }>(
    'hold_settled_at_most_once',
    'SELECT pending_id AS pendingId, count(*) AS n FROM reserve_transfers WHERE pending_id IS NOT NULL GROUP BY pending_id HAVING count(*) > 1',
    (r) => `审批冻结 ${r.pendingId} 被发放或取消了 ${r.n} 次`,
  );
  each<{ seq: number; why: string }>(
    'settlement_links_hold',
    `SELECT t.seq,
       CASE WHEN (t.kind IN ('post', 'void')) <> (t.pending_id IS NOT NULL) THEN '发放或取消与冻结的关联不对'
            WHEN h.id IS NULL OR h.kind <> 'hold' THEN '发放或取消指向的不是审批冻结'
            WHEN h.seq >= t.seq THEN '发放或取消早于冻结'
            ELSE '发放或取消与冻结的账户或金额不对应' END AS why
     FROM reserve_transfers t LEFT JOIN reserve_transfers h ON h.id = t.pending_id
     WHERE (t.kind IN ('post', 'void') OR t.pending_id IS NOT NULL)
       AND ((t.kind IN ('post', 'void')) <> (t.pending_id IS NOT NULL) OR h.id IS NULL OR h.kind <> 'hold' OR h.seq >= t.seq
            OR h.debit_account <> t.debit_account OR h.credit_account <> t.credit_account OR h.amount_fen <> t.amount_fen)`,
    (r) => `第 ${r.seq} 笔：${r.why}`,
  );

  const seq = client.prepare('SELECT count(*) AS n, coalesce(min(seq), 1) AS lo, coalesce(max(seq), 0) AS hi FROM reserve_transfers').get() as {
    n: number;
    lo: number;
    hi: number;
  };
  if (seq.lo !== 1 || seq.hi !== seq.n) {
    out.push({ rule: 'sequence_without_gaps', message: `记账序号不连续：共 ${seq.n} 笔，序号 ${seq.lo}–${seq.hi}` });
  }
  out.push(...payoutViolations(client, null));
  // 日结: a counted difference is booked as its own entry, of the right direction and size, on
  // the closed day (the table's CHECKs keep difference = counted − book and the link's presence).
  each<{ businessDate: string; why: string }>(
    'day_close_difference_booked',
    `SELECT d.business_date AS businessDate,
       CASE WHEN t.id IS NULL THEN '差额记账不存在'
            WHEN t.kind <> CASE WHEN d.difference_fen > 0 THEN 'over' ELSE 'short' END THEN '差额记账的方向不对（' || t.kind || '）'
            WHEN t.amount_fen <> abs(d.difference_fen) THEN '差额记账的金额与差额不符'
            ELSE '差额记账不在日结当日' END AS why
     FROM day_closes d LEFT JOIN reserve_transfers t ON t.id = d.difference_transfer_id
     WHERE d.difference_transfer_id IS NOT NULL
       AND (t.id IS NULL OR t.kind <> CASE WHEN d.difference_fen > 0 THEN 'over' ELSE 'short' END
            OR t.amount_fen <> abs(d.difference_fen) OR t.business_date <> d.business_date)
     ORDER BY d.business_date`,
    (r) => `${r.businessDate} 日结：${r.why}`,
  );
  return out;
}
