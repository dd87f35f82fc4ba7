import type { APIRequestContext } from '@playwright/test';
import { ECONOMIC_CHECK_SOURCES } from '../../electron/contract/stepsVocab';
import { rpcCall } from './rpc';

// Drives a case through the steps after intake over RPC, the way a clerk's dialogs would:
// authorisations, the economic check (18 sources), the home visit and (where due) the review.


interface Member {
  person: { id: string; age: number };
}

export async function toReadyForNotice(
  request: APIRequestContext,
  token: string,
  caseId: string,
  adults: readonly Member[],
  today: string,
): Promise<void> {
  for (const m of adults) {
    await rpcCall(request, 'cases.recordSignature', { caseId, kind: 'authorisation', personId: m.person.id, signedDate: today }, token);
  }
  const check = await rpcCall<{ id: string; status: string }>(request, 'checks.request', { caseId }, token);
  if (check.status !== 'completed') {
    for (const source of ECONOMIC_CHECK_SOURCES) {
      await rpcCall(request, 'checks.recordResult', { checkId: check.id, source, outcome: 'no_record', figures: {}, note: '' }, token);
    }
    await rpcCall(request, 'checks.complete', { checkId: check.id, reportNo: `HD-${check.id.slice(-6)}`, completedDate: today }, token);
  }
  const visited = await rpcCall<{ state: string }>(
    request,
    'investigations.record',
    {
      caseId,
      visitDate: today,
      investigator1: '朱调查',
      investigator2: '秦调查',
      housing: '自有平房三间',
      income: [],
      assets: '无',
      cause: '因病',
      supporters: '无',
      conclusion: '收入低于标准',
    },
    token,
  );
  if (visited.state === 'reviewing') {
    await rpcCall(request, 'reviews.record', { caseId, reviewDate: today, participants: 15, inFavour: 14, opinion: '同意' }, token);
  }
}
