import type { DocumentKind, DocumentModel } from '../../contract';
import { requireCase } from '../cases/records';
import type { Ctx } from '../context';
import { authorisation } from './authorisation';
import { commitment } from './commitment';
import { oneTimeNotice } from './oneTimeNotice';

// documents.get: the model of one A4 form of one case. Printing is not recorded here yet
// (a prints row per A4 print comes with the printing work).

export function getDocument(ctx: Ctx, input: { kind: DocumentKind; caseId: string }): DocumentModel {
  const row = requireCase(ctx, input.caseId);
  switch (input.kind) {
    case 'one_time_notice':
      return oneTimeNotice(ctx, row);
    case 'commitment':
      return commitment(ctx, row);
    case 'authorisation':
      return authorisation(ctx, row);
  }
}
