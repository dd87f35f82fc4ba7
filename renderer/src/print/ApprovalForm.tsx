import { formatYuan, type ApprovalFormModel } from '../contract';
import { formatPlainDate } from '../format';
import { DocumentFoot, DocumentTitle } from './DocumentHead';

// 社会救助审核审批表: one table, section by section. A step not taken yet prints as blank
// lines for the hand (the model's null), never as made-up text.

/** Two full-width spaces between the fields of a line. */
const GAP = '\u3000\u3000';

/** A signature line under an opinion: name (or blank to sign) and date. */
function Signed({ who, name, date }: { who: string; name?: string; date?: string }) {
  return (
    <div className="a4-signed">
      {who}：{name ?? '____________'}
      {GAP}日期：{date === undefined ? '______年____月____日' : formatPlainDate(date)}
    </div>
  );
}

function Blank() {
  return <div className="a4-blank" />;
}

/** The last aid as one line: a monthly amount with its months, a one-off grant once. */
function lastAidText(aid: NonNullable<ApprovalFormModel['lastAid']>): string {
  const head = `${formatPlainDate(aid.date)}\u3000${aid.kindLabel}\u3000`;
  if (aid.amountFen === null) return `${head}由部门发放`;
  if (aid.months === null) return `${head}一次性 ${formatYuan(aid.amountFen)}`;
  return `${head}每月 ${formatYuan(aid.amountFen)} × ${aid.months} 个月`;
}

function AidLines({ doc }: { doc: ApprovalFormModel }) {
  const { lastAid, cumulativeAid } = doc;
  return (
    <>
      <tr>
        <th>上次救助</th>
        <td colSpan={5}>
          {lastAid === null ? '无' : lastAidText(lastAid)}
        </td>
      </tr>
      <tr>
        <th>累计救助</th>
        <td colSpan={5}>
          {formatPlainDate(cumulativeAid.since)}以来批准 {cumulativeAid.count} 次，合计 {formatYuan(cumulativeAid.totalFen)}
        </td>
      </tr>
    </>
  );
}

function Decision({ doc }: { doc: ApprovalFormModel }) {
  const decision = doc.decision;
  if (decision === null) {
    return (
      <>
        <div>审批结果：□ 同意救助{'\u3000'}□ 不予救助{'\u3000'}□ 报区级审批</div>
        {doc.amountBasis === 'monthly' && <div>救助金额：每月__________元（大写：______________________）{'\u3000'}起始：______年____月{'\u3000'}共____个月</div>}
        {doc.amountBasis === 'one_off' && <div>救助金额（一次性）：__________元（大写：______________________）</div>}
        <div>审批意见：</div>
        <Blank />
        <Signed who="审批人" />
      </>
    );
  }
  return (
    <>
      <div>审批结果：{decision.outcomeLabel}</div>
      {decision.amount !== null && (
        <div>
          {doc.amountBasis === 'monthly' ? '救助金额：每月 ' : '救助金额（一次性）：'}
          {formatYuan(decision.amount.fen)}（{decision.amount.capitals}）
          {decision.periodStart !== null && decision.periodMonths !== null && (
            <>
              {GAP}自{formatPlainDate(decision.periodStart)}起，共 {decision.periodMonths} 个月
            </>
          )}
        </div>
      )}
      {decision.refusalReasons !== null && <div>不予救助理由：{decision.refusalReasons}</div>}
      <div>审批意见：{decision.opinion}</div>
      <Signed who="审批人" name={decision.approverName} date={decision.decidedDate} />
    </>
  );
}

export function ApprovalForm({ doc }: { doc: ApprovalFormModel }) {
  return (
    <>
      <DocumentTitle doc={doc} title="社会救助审核审批表" />
      <table className="a4-form">
        <tbody>
          <tr>
            <th>案件编号</th>
            <td colSpan={2}>{doc.caseNo}</td>
            <th>申请事项</th>
            <td colSpan={2}>{doc.kindLabel}</td>
          </tr>
          <tr>
            <th>申请人</th>
            <td colSpan={2}>{doc.applicantName}</td>
            <th>身份证号</th>
            <td colSpan={2}>{doc.residentIdMasked}</td>
          </tr>
          <tr>
            <th>村（居）</th>
            <td colSpan={2}>{doc.villageName}</td>
            <th>家庭住址</th>
            <td colSpan={2}>{doc.address}</td>
          </tr>
          <tr>
            <th rowSpan={doc.members.length + 1}>
              家庭成员
              <br />（成年 {doc.adultCount} 人，未成年 {doc.minorCount} 人）
            </th>
            <td className="a4-sub">姓名</td>
            <td className="a4-sub">与户主关系</td>
            <td className="a4-sub" colSpan={2}>
              身份证号
            </td>
            <td className="a4-sub">成年</td>
          </tr>
          {doc.members.map((m) => (
            <tr key={m.residentIdMasked + m.name}>
              <td>{m.name}</td>
              <td>{m.relationLabel}</td>
              <td colSpan={2}>{m.residentIdMasked}</td>
              <td>{m.adult ? '是' : '否'}</td>
            </tr>
          ))}
          <tr>
            <th>申请理由</th>
            <td colSpan={5}>{doc.reason}</td>
          </tr>
          <AidLines doc={doc} />
          <tr>
            <th>受理意见</th>
            <td colSpan={5}>
              <div>{doc.acceptance.opinion}</div>
              <Signed who="受理人" name={doc.acceptance.handlerName} date={doc.acceptance.acceptedDate} />
            </td>
          </tr>
          <tr>
            <th>经济状况核对</th>
            <td colSpan={5}>
              {doc.economicCheck === null ? (
                <>
                  <div>核对报告编号：______________{'\u3000'}完成日期：______年____月____日</div>
                  <Blank />
                </>
              ) : (
                <>
                  <div>
                    核对报告编号：{doc.economicCheck.reportNo}
                    {GAP}完成日期：{formatPlainDate(doc.economicCheck.completedDate)}
                  </div>
                  <div>
                    查有记录的来源：{doc.economicCheck.foundSources.length === 0 ? '无（各来源均无记录）' : doc.economicCheck.foundSources.join('、')}
                  </div>
                </>
              )}
            </td>
          </tr>
          <tr>
            <th>入户调查</th>
            <td colSpan={5}>
              {doc.investigation === null ? (
                <>
                  <div>调查日期：______年____月____日{'\u3000'}调查人：______________</div>
                  <Blank />
                </>
              ) : (
                <>
                  <div>
                    调查日期：{formatPlainDate(doc.investigation.visitDate)}
                    {GAP}调查人：{doc.investigation.investigators}
                  </div>
                  <div>调查结论：{doc.investigation.conclusion}</div>
                </>
              )}
            </td>
          </tr>
          {(doc.reviewRequired || doc.review !== null) && (
            <tr>
              <th>民主评议</th>
              <td colSpan={5}>
                {doc.review === null ? (
                  <>
                    <div>评议日期：______年____月____日{'\u3000'}参加____人，同意____人</div>
                    <Blank />
                  </>
                ) : (
                  <>
                    评议日期：{formatPlainDate(doc.review.reviewDate)}
                    {GAP}参加 {doc.review.participants} 人，同意 {doc.review.inFavour} 人
                    <div>评议意见：{doc.review.opinion}</div>
                  </>
                )}
              </td>
            </tr>
          )}
          <tr>
            <th>公示情况</th>
            <td colSpan={5}>
              {doc.notice === null
                ? '公示期：______年____月____日 至 ______年____月____日\u3000异议：____件'
                : `公示期：${formatPlainDate(doc.notice.startDate)} 至 ${formatPlainDate(doc.notice.endDate)}\u3000异议：${doc.notice.objections} 件`}
            </td>
          </tr>
          <tr>
            <th>审核审批意见</th>
            <td colSpan={5}>
              <Decision doc={doc} />
            </td>
          </tr>
        </tbody>
      </table>
      <p className="a4-sign a4-right">{doc.officeName}（盖章）</p>
      <DocumentFoot doc={doc} />
    </>
  );
}
