import type { OutputOf } from '../../contract';

export type CandidateVillage = OutputOf<'notices.candidates'>[number];
export type Candidate = CandidateVillage['cases'][number];
export type NoticeView = OutputOf<'notices.get'>;

/**
 * A notice created on this page. There is no list procedure, and the posted view carries no case
 * ids (nor minors), so the cases are kept from the candidates they were chosen from: an objection
 * names its case by id.
 */
export interface CreatedNotice {
  id: string;
  villageName: string;
  startDate: string;
  cases: readonly Candidate[];
}
