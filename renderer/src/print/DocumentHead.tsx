import type { DocumentModel } from '../contract';
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

export function DocumentFoot({ doc }: { doc: DocumentModel }) {
  return (
    <div className="a4-foot">
      <span>案件编号：{doc.caseNo}</span>
      <span>打印日期：{formatPlainDate(doc.printedDate)}</span>
    </div>
  );
}
