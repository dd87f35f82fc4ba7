import type { OneTimeNoticeModel } from '../contract';
import { formatPlainDate } from '../format';
import { DocumentFoot, DocumentTitle } from './DocumentHead';

/** 一次性告知单: everything still missing, at once, so the applicant comes back one time. */
export function OneTimeNotice({ doc }: { doc: OneTimeNoticeModel }) {
  return (
    <>
      <DocumentTitle doc={doc} title="一次性告知单" />
      <table>
        <tbody>
          <tr>
            <th>案件编号</th>
            <td>{doc.caseNo}</td>
            <th>申请事项</th>
            <td>{doc.kindLabel}</td>
          </tr>
          <tr>
            <th>申请人</th>
            <td>{doc.applicantName}</td>
            <th>身份证号</th>
            <td>{doc.residentIdMasked}</td>
          </tr>
        </tbody>
      </table>
      {doc.missingMaterials.length > 0 ? (
        <>
          <p>
            {doc.applicantName}：您于{formatPlainDate(doc.acceptedDate)}申请的{doc.kindLabel}，尚缺以下材料，现一次性告知。请补齐后送交本窗口，补齐之日起计算办理时限。
          </p>
          <ol>
            {doc.missingMaterials.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ol>
        </>
      ) : (
        <p>您申请的{doc.kindLabel}所需材料已齐全，无需补充。</p>
      )}
      <p className="a4-sign">
        经办人：{doc.handlerName}
        {doc.enquiryPhone !== '' && (
          <>
            <br />
            咨询电话：{doc.enquiryPhone}
          </>
        )}
        <br />
        日期：{formatPlainDate(doc.printedDate)}
      </p>
      <DocumentFoot doc={doc} />
    </>
  );
}
