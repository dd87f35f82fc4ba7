import type { OneTimeNoticeModel } from '../contract';
import { formatPlainDate } from '../format';
import { ApplicantFacts, DocumentFoot, DocumentTitle } from './DocumentHead';

/** 一次性告知单: everything still missing, at once, so the applicant comes back one time. */
export function OneTimeNotice({ doc }: { doc: OneTimeNoticeModel }) {
  return (
    <>
      <DocumentTitle doc={doc} title="一次性告知单" />
      <ApplicantFacts doc={doc} />
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
