import type { CommitmentModel } from '../contract';
import { ApplicantFacts, DocumentFoot, DocumentTitle } from './DocumentHead';

/** Two full-width spaces between the fields of a signature line. */
const GAP = '\u3000\u3000';

/** 告知承诺书: the promise, the papers it replaces, the liability, the signature line. */
export function Commitment({ doc }: { doc: CommitmentModel }) {
  return (
    <>
      <DocumentTitle doc={doc} title="告知承诺书" />
      <ApplicantFacts doc={doc} />
      {doc.replacedMaterials.length > 0 && (
        <>
          <p>本人自愿以承诺代替提交下列证明材料：</p>
          <ol>
            {doc.replacedMaterials.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ol>
        </>
      )}
      <p>本人郑重承诺：</p>
      <ol>
        {doc.promises.map((promise) => (
          <li key={promise}>{promise}</li>
        ))}
      </ol>
      <p>{doc.liability}</p>
      <p>{doc.signingRule}</p>
      <p className="a4-sign">
        申请人签字（或按手印）：________________{GAP}日期：______年____月____日
        <br />
        法定监护人代签：________________{GAP}监护关系：__________
      </p>
      <DocumentFoot doc={doc} />
    </>
  );
}
