import { formatYuan, type PayoutVoucherModel } from '../contract';
import { formatPlainDate } from '../format';
import { DocumentFoot, DocumentTitle } from './DocumentHead';

// 救助金发放凭证 (DOMAIN.md §5): the paid payout, signed by the payee (or proxy payee) and the
// handler when the cash changes hands; the signed paper comes back (payouts.markSigned) and goes
// with the reimbursement claim. IDs masked, of the bank account only its last four digits.

function PayeeRows({ doc }: { doc: PayoutVoucherModel }) {
  if (doc.payee.relation === null) {
    return (
      <tr>
        <th>领款人</th>
        <td>{doc.payee.name}（申请人本人）</td>
        <th>身份证号</th>
        <td>{doc.payee.residentIdMasked}</td>
      </tr>
    );
  }
  return (
    <>
      <tr>
        <th>申请人</th>
        <td>{doc.applicantName}</td>
        <th>身份证号</th>
        <td>{doc.residentIdMasked}</td>
      </tr>
      <tr>
        <th>代领人</th>
        <td>
          {doc.payee.name}（与申请人关系：{doc.payee.relation}）
        </td>
        <th>身份证号</th>
        <td>{doc.payee.residentIdMasked}</td>
      </tr>
    </>
  );
}

export function PayoutVoucher({ doc }: { doc: PayoutVoucherModel }) {
  return (
    <>
      <DocumentTitle doc={doc} title="救助金发放凭证" />
      {doc.emergency && (
        <p className="a4-right">
          <strong>【先行救助】</strong>
          {doc.paperworkDueDate !== null && `手续须于${formatPlainDate(doc.paperworkDueDate)}前补齐`}
        </p>
      )}
      <table>
        <tbody>
          <tr>
            <th>凭证编号</th>
            <td>{doc.voucherNo}</td>
            <th>案件编号</th>
            <td>{doc.caseNo}</td>
          </tr>
          <tr>
            <th>救助类别</th>
            <td>{doc.kindLabel}</td>
            <th>救助事由</th>
            <td>{doc.causeLabel}</td>
          </tr>
          <PayeeRows doc={doc} />
          <tr>
            <th>发放金额</th>
            <td colSpan={3}>
              <strong>{formatYuan(doc.amount.fen)}</strong>
              {'\u3000'}大写：<strong>{doc.amount.capitals}</strong>
            </td>
          </tr>
          <tr>
            <th>发放方式</th>
            <td colSpan={3}>
              {doc.methodLabel}
              {doc.bank !== null && `（${doc.bank.bankName}，账号尾号 ${doc.bank.accountTail}，转账流水号 ${doc.bank.transferReference}）`}
            </td>
          </tr>
          <tr>
            <th>审批意见</th>
            <td colSpan={3}>
              {doc.opinion}
              {doc.repeatReason !== null && <div>重复救助理由：{doc.repeatReason}</div>}
            </td>
          </tr>
          <tr>
            <th>审批人</th>
            <td>{doc.approverName}</td>
            <th>审批日期</th>
            <td>{formatPlainDate(doc.approvedDate)}</td>
          </tr>
          <tr>
            <th>经办人</th>
            <td>{doc.handlerName}</td>
            <th>发放日期</th>
            <td>{formatPlainDate(doc.paidDate)}</td>
          </tr>
        </tbody>
      </table>
      <p>以上款项已如数领取，金额无误。</p>
      <p className="a4-sign">
        领款人（签字或按手印）：________________{'\u3000\u3000'}日期：______年____月____日
        <br />
        经办人（签字）：________________{'\u3000\u3000'}日期：______年____月____日
      </p>
      <p className="a4-sign a4-right">{doc.officeName}（盖章）</p>
      <DocumentFoot doc={doc} />
    </>
  );
}
