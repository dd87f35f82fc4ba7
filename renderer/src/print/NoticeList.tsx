import { formatYuan, RELIEF_AMOUNT_BASIS, type AmountBasis, type NoticeListModel } from '../contract';
import { formatPlainDate } from '../format';

/** What the posted list shows: the notice view (notices.get) and the A4 model both carry it. */
export type NoticeListContent = Pick<NoticeListModel, 'villageName' | 'startDate' | 'endDate' | 'entries' | 'hiddenCount'>;

// 低保 and 特困 are granted per month, 临时救助 once: the amount says which.
const AMOUNT_UNIT: Record<AmountBasis, string> = { monthly: '/月', one_off: '（一次性）', none: '' };

/** 公示名单 for the village board: no minors (only counted), masked IDs only. */
export function NoticeList({ list, officeName }: { list: NoticeListContent; officeName?: string }) {
  return (
    <>
      <h1>社会救助公示名单</h1>
      <div className="a4-office">{officeName === undefined ? list.villageName : `${officeName}\u3000${list.villageName}`}</div>
      <p>
        公示期：{formatPlainDate(list.startDate)} 至 {formatPlainDate(list.endDate)}
      </p>
      <table>
        <thead>
          <tr>
            <th>序号</th>
            <th>姓名</th>
            <th>身份证号</th>
            <th>救助类别</th>
            <th>拟救助金额</th>
          </tr>
        </thead>
        <tbody>
          {list.entries.map((e, i) => (
            <tr key={e.caseNo}>
              <td>{i + 1}</td>
              <td>{e.applicantName}</td>
              <td>{e.residentIdMasked}</td>
              <td>{e.kindLabel}</td>
              <td>{e.proposedAmountFen === null ? '' : `${formatYuan(e.proposedAmountFen)}${AMOUNT_UNIT[RELIEF_AMOUNT_BASIS[e.reliefType]]}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.hiddenCount > 0 && <p>另有 {list.hiddenCount} 名未成年人不予公示。</p>}
      <p>如有异议，请于公示期内向镇（街道）社会救助服务大厅反映。</p>
    </>
  );
}
