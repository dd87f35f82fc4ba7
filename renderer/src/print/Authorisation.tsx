import type { AuthorisationModel } from '../contract';
import { DocumentFoot, DocumentTitle } from './DocumentHead';

/** 家庭经济状况核对授权书: the sources, and a signature line for each adult member. */
export function Authorisation({ doc }: { doc: AuthorisationModel }) {
  return (
    <>
      <DocumentTitle doc={doc} title="家庭经济状况核对授权书" />
      <table>
        <tbody>
          <tr>
            <th>案件编号</th>
            <td>{doc.caseNo}</td>
            <th>申请事项</th>
            <td>{doc.kindLabel}</td>
          </tr>
          <tr>
            <th>村（居）</th>
            <td>{doc.villageName}</td>
            <th>家庭住址</th>
            <td>{doc.address}</td>
          </tr>
        </tbody>
      </table>
      <p>{doc.statement}</p>
      <ol className="a4-sources">
        {doc.sources.map((source) => (
          <li key={source}>{source}</li>
        ))}
      </ol>
      <table className="a4-signers" aria-label="成年家庭成员签字">
        <thead>
          <tr>
            <th>姓名</th>
            <th>与户主关系</th>
            <th>身份证号</th>
            <th>本人签字（或按手印）</th>
          </tr>
        </thead>
        <tbody>
          {doc.signers.map((signer) => (
            <tr key={signer.residentIdMasked + signer.name}>
              <td>{signer.name}</td>
              <td>{signer.relationLabel}</td>
              <td>{signer.residentIdMasked}</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="a4-sign">日期：______年____月____日</p>
      <DocumentFoot doc={doc} />
    </>
  );
}
