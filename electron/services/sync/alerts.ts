import type { SyncAlertKind } from '../../../db/schema';
import type { Ctx } from '../context';
import { LIMITS } from '../../contract/limits';
import type { SyncAlertRow } from '../../contract/sync';

// The district's alerts (and a town's, for a refused answer package). One row per finding:
// `key` names the finding (a town and sequence, a resident ID), so a check that sees the same
// thing again in a later package or a re-run does not raise it twice.

export interface AlertInput {
  kind: SyncAlertKind;
  key: string;
  peerCode: string | null;
  sequence: number | null;
  message: string;
  detail: Record<string, unknown>;
}

/** Raises the alert unless the same kind and key was raised before; true when it is new. */
export function raiseAlert(ctx: Ctx, alert: AlertInput): boolean {
  const result = ctx.db.$client
    .prepare(
      `INSERT INTO sync_alerts (kind, key, peer_code, sequence, message, detail_json, at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, key) DO NOTHING`,
    )
    .run(alert.kind, alert.key, alert.peerCode, alert.sequence, alert.message, JSON.stringify(alert.detail), ctx.nowIso);
  return result.changes === 1;
}

export function listAlerts(ctx: Ctx, limit: number): SyncAlertRow[] {
  const bounded = Math.min(limit, LIMITS.syncListRowsMax);
  return ctx.db.$client
    .prepare(
      `SELECT id, kind, peer_code AS peerCode, sequence, message, at FROM sync_alerts ORDER BY id DESC LIMIT ?`,
    )
    .all(bounded) as SyncAlertRow[];
}
