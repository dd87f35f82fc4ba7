import type { Db } from '../../../db/open';
import type { ReserveSummary, ReserveTransferView } from '../../contract';
import type { Ctx } from '../context';
import { getSettings } from '../settings';
import { reserveBalances, type Transfer } from './ledger';

// What the dashboard shows of the reserve, and the answer of a booking procedure.

/** Balance, held, available and the allocation; alert when available < the set share of the allocation. */
export function reserveSummary(db: Db): ReserveSummary {
  const balances = reserveBalances(db);
  const alertPercent = getSettings(db).reserveAlertPercent;
  // Integer comparison (available / allocation < percent / 100) without division.
  const alert = balances.allocationFen > 0 && balances.availableFen * 100 < alertPercent * balances.allocationFen;
  return { ...balances, alertPercent, alert };
}

export function transferView(t: Transfer): ReserveTransferView {
  return {
    id: t.id,
    seq: t.seq,
    kind: t.kind,
    amountFen: t.amountFen,
    reference: t.reference,
    note: t.note,
    businessDate: t.businessDate,
    createdAt: t.createdAt,
  };
}

/** A booking procedure's answer: the transfer (the first one on a retry) and the summary after it. */
export function booked(ctx: Ctx, transfer: Transfer): { transfer: ReserveTransferView; summary: ReserveSummary } {
  return { transfer: transferView(transfer), summary: reserveSummary(ctx.db) };
}
