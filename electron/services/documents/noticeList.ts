// 公示名单 as an A4 form: exactly what notices.get lets out (no minors, masked IDs), with the
// office and print date of the other forms.
import type { NoticeListModel } from '../../contract';
import { getNotice } from '../cases/steps/notices';
import type { Ctx } from '../context';
import { officeName } from './head';

export function noticeList(ctx: Ctx, noticeId: string): NoticeListModel {
  const view = getNotice(ctx, noticeId);
  return {
    kind: 'notice_list',
    officeName: officeName(ctx),
    printedDate: ctx.today,
    villageName: view.villageName,
    startDate: view.startDate,
    endDate: view.endDate,
    entries: view.entries.map((e) => ({
      caseNo: e.caseNo,
      applicantName: e.applicantName,
      residentIdMasked: e.residentIdMasked,
      reliefType: e.reliefType,
      kindLabel: e.kindLabel,
      proposedAmountFen: e.proposedAmountFen,
    })),
    hiddenCount: view.hiddenCount,
  };
}
