import type { OutputOf } from '../../contract';

// The payment panel's data as payouts.forCase answers it (electron/contract/payouts.ts).
export type CasePayoutsView = OutputOf<'payouts.forCase'>;
export type PayoutRecord = CasePayoutsView['payouts'][number];
