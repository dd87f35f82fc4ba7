import { amountInCapitals, CLAIM_STATE_LABELS, formatYuan, type ReimbursementClaimModel, type StatementModel } from '../contract';
import { formatPlainDate } from '../format';

// The reserve's papers for the district (#/print/reimbursement_claim/<claimId>,
// #/print/statement/<from>_<to>): the same figures as the Excel exports, on A4.

function PaperHead({ doc, title, period }: { doc: { officeName: string; townName: string; printedDate: string }; title: string; period: string }) {
  return (
    <>
      <h1>{title}</h1>
      <div className="a4-office">
        {doc.officeName}（{doc.townName}）
      </div>
      <p>
        {period}，打印日期：{formatPlainDate(doc.printedDate)}
      </p>
    </>
  );
}

function Signatures() {
  return (
    <p className="a4-paper-signatures">
      <span>经办人：</span>
      <span>审核人：</span>
      <span>单位负责人：</span>
    </p>
  );
}

export function ReimbursementClaimPaper({ doc }: { doc: ReimbursementClaimModel }) {
  const c = doc.claim;
  return (
    <>
      <PaperHead doc={doc} title="临时救助备用金报账单" period={`报账单号：${c.claimNo}，报账期间：${formatPlainDate(c.periodStart)} 至 ${formatPlainDate(c.periodEnd)}`} />
      <table className="a4-ledger">
        <thead>
          <tr>
            <th>序号</th>
            <th>发放凭证号</th>
            <th>发放日期</th>
            <th>案件编号</th>
            <th>领款人</th>
            <th>公民身份号码</th>
            <th>救助原因</th>
            <th>金额</th>
          </tr>
        </thead>
        <tbody>
          {doc.lines.map((l, i) => (
            <tr key={l.payoutId}>
              <td>{i + 1}</td>
              <td>{l.voucherNo}</td>
              <td>{l.paidDate}</td>
              <td>{l.caseNo}</td>
              <td>{l.payeeName}</td>
              <td>{l.payeeResidentIdMasked}</td>
              <td>{l.causeLabel}</td>
              <td className="a4-money">{formatYuan(l.amountFen)}</td>
            </tr>
          ))}
          <tr>
            <th colSpan={7}>合计 {c.payoutCount} 笔</th>
            <th className="a4-money">{formatYuan(c.totalFen)}</th>
          </tr>
        </tbody>
      </table>
      <p>合计金额（大写）：{amountInCapitals(c.totalFen)}</p>
      <p>
        状态：{CLAIM_STATE_LABELS[c.state]}
        {c.settlement && `（补拨凭证 ${c.settlement.voucherNo}，${formatYuan(c.settlement.amountFen)}，${formatPlainDate(c.settlement.businessDate)}）`}
      </p>
      <Signatures />
    </>
  );
}

export function StatementPaper({ doc }: { doc: StatementModel }) {
  const s = doc.statement;
  return (
    <>
      <PaperHead doc={doc} title="临时救助备用金对账单" period={`对账期间：${formatPlainDate(s.from)} 至 ${formatPlainDate(s.to)}`} />
      <table className="a4-ledger">
        <thead>
          <tr>
            <th>记账序号</th>
            <th>日期</th>
            <th>摘要</th>
            <th>凭证号或关联编号</th>
            <th>说明</th>
            <th>收入</th>
            <th>支出</th>
            <th>余额</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td colSpan={7}>期初余额</td>
            <td className="a4-money">{formatYuan(s.openingFen)}</td>
          </tr>
          {s.rows.map((r) => (
            <tr key={r.seq}>
              <td>{r.seq}</td>
              <td>{r.businessDate}</td>
              <td>{r.kindLabel}</td>
              <td>{r.reference}</td>
              <td>{r.note}</td>
              <td className="a4-money">{r.inFen > 0 ? formatYuan(r.inFen) : ''}</td>
              <td className="a4-money">{r.outFen > 0 ? formatYuan(r.outFen) : ''}</td>
              <td className="a4-money">{formatYuan(r.balanceFen)}</td>
            </tr>
          ))}
          <tr>
            <th colSpan={5}>本期合计及期末余额</th>
            <th className="a4-money">{formatYuan(s.inFen)}</th>
            <th className="a4-money">{formatYuan(s.outFen)}</th>
            <th className="a4-money">{formatYuan(s.closingFen)}</th>
          </tr>
        </tbody>
      </table>
      <Signatures />
    </>
  );
}
