import type { ReferralNoticeModel } from '../contract';
import { formatPlainDate } from '../format';
import { ApplicantFacts, DocumentFoot, DocumentTitle } from './DocumentHead';

/** 社会救助转办告知书: which department now handles the application, and by when. */
export function ReferralNotice({ doc }: { doc: ReferralNoticeModel }) {
  return (
    <>
      <DocumentTitle doc={doc} title="社会救助转办告知书" />
      <ApplicantFacts doc={doc} />
      <table>
        <tbody>
          <tr>
            <th>转办部门</th>
            <td>{doc.department}</td>
          </tr>
          <tr>
            <th>转办日期</th>
            <td>{formatPlainDate(doc.sentDate)}</td>
          </tr>
          <tr>
            <th>答复期限</th>
            <td>{formatPlainDate(doc.dueDate)}前</td>
          </tr>
        </tbody>
      </table>
      <p>
        {doc.applicantName}：您于{formatPlainDate(doc.acceptedDate)}申请的{doc.kindLabel}由{doc.department}审核办理。本窗口已于
        {formatPlainDate(doc.sentDate)}将您的申请及材料转交该部门，该部门应于{formatPlainDate(doc.dueDate)}前答复。办理进度可向本窗口查询，答复结果将及时告知您。
      </p>
      {doc.enquiryPhone !== '' && <p>咨询电话：{doc.enquiryPhone}</p>}
      <p className="a4-sign a4-right">
        {doc.officeName}（盖章）
        <br />
        {formatPlainDate(doc.printedDate)}
      </p>
      <DocumentFoot doc={doc} />
    </>
  );
}
