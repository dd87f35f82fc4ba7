import type { CaseDocumentModel, DocumentModel } from '../contract';
import { formatPlainDate } from '../format';

// The title block and the foot every A4 form shares: office, title, case number, print date.

export function DocumentTitle({ doc, title }: { doc: DocumentModel; title: string }) {
  return (
    <>
      <h1>{title}</h1>
      <div className="a4-office">{doc.officeName}</div>
    </>
  );
}

export function DocumentFoot({ doc }: { doc: CaseDocumentModel }) {
  return (
    <div className="a4-foot">
      <span>案件编号：{doc.caseNo}</span>
      <span>打印日期：{formatPlainDate(doc.printedDate)}</span>
    </div>
  );
}

/** The case and applicant block of the papers addressed to the applicant. */
export function ApplicantFacts({ doc }: { doc: Pick<CaseDocumentModel, 'caseNo' | 'kindLabel'> & { applicantName: string; residentIdMasked: string } }) {
  return (
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
  );
}
