import type { RefusalNoticeModel } from '../contract';
import { formatPlainDate } from '../format';
import { ApplicantFacts, DocumentFoot, DocumentTitle } from './DocumentHead';

/** 不予救助决定通知书: the approver's written reasons and the applicant's remedies. */
export function RefusalNotice({ doc }: { doc: RefusalNoticeModel }) {
  return (
    <>
      <DocumentTitle doc={doc} title="不予救助决定通知书" />
      <ApplicantFacts doc={doc} />
      <p>
        {doc.applicantName}：您于{formatPlainDate(doc.acceptedDate)}提出的{doc.kindLabel}申请，经审核，于{formatPlainDate(doc.decidedDate)}
        决定不予救助。理由如下：
      </p>
      <p className="a4-quote">{doc.reasons}</p>
      <p>{doc.remedies}</p>
      <p className="a4-sign a4-right">
        {doc.officeName}（盖章）
        <br />
        {formatPlainDate(doc.printedDate)}
      </p>
      <p className="a4-sign">申请人签收：________________{'\u3000\u3000'}签收日期：______年____月____日</p>
      <DocumentFoot doc={doc} />
    </>
  );
}
