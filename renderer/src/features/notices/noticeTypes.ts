import type { OutputOf } from '../../contract';

export type CandidateVillage = OutputOf<'notices.candidates'>[number];
export type Candidate = CandidateVillage['cases'][number];
export type NoticeView = OutputOf<'notices.get'>;

/**
 * A notice the clerk works on: just published (its cases kept from the candidates they were
 * chosen from) or still running (from notices.open). The posted view carries no case ids (nor
 * minors), and an objection names its case by id.
 */
export interface CreatedNotice {
  id: string;
  villageName: string;
  startDate: string;
  cases: readonly Candidate[];
}
