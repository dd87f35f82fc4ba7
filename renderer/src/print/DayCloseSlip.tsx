import { formatYuan, type DayCloseSlipModel, type DayTransfer } from '../contract';
import { formatDateTime, formatPlainDate } from '../format';

// 日结单 (#/print/day_close_slip/<dayCloseId>): the close as recorded, the day's entries up to it,
// the cash payouts then approved and not handed over (in the box, so in the count), the closer's
// signature line and the audit chain's head hash as it stood before the close.

/** An amount with its direction: +¥1.00 in, −¥1.00 out, ¥0.00 neither. */
export function signedYuan(fen: number): string {
  if (fen === 0) return formatYuan(0);
  return fen > 0 ? `+${formatYuan(fen)}` : `−${formatYuan(-fen)}`;
}

/** The difference in words: 长款 ¥5.00, 短款 ¥10.00, or 账实相符. */
export function differenceText(differenceFen: number): string {
  if (differenceFen === 0) return '账实相符';
  return differenceFen > 0 ? `长款 ${formatYuan(differenceFen)}` : `短款 ${formatYuan(-differenceFen)}`;
}

export function DayTransfersTable({ transfers }: { transfers: readonly DayTransfer[] }) {
  return (
    <table className="a4-ledger">
      <thead>
        <tr>
          <th>序号</th>
          <th>类型</th>
          <th>金额</th>
          <th>现金增减</th>
          <th>凭证号或关联编号</th>
          <th>说明</th>
        </tr>
      </thead>
      <tbody>
        {transfers.map((x) => (
          <tr key={x.seq}>
            <td>{x.seq}</td>
            <td>{x.kindLabel}</td>
            <td className="a4-money">{formatYuan(x.amountFen)}</td>
            <td className="a4-money">{signedYuan(x.cashEffectFen)}</td>
            <td>{x.reference}</td>
            <td>{x.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DayCloseSlip({ doc }: { doc: DayCloseSlipModel }) {
  const c = doc.close;
  return (
    <>
      <h1>备用金日结单</h1>
      <div className="a4-office">{doc.officeName}</div>
      <table>
        <tbody>
          <tr>
            <th>营业日</th>
            <td>{formatPlainDate(c.businessDate)}</td>
            <th>日结时间</th>
            <td>{formatDateTime(c.closedAt)}</td>
          </tr>
          <tr>
            <th>账面余额</th>
            <td>{formatYuan(c.bookBalanceFen)}</td>
            <th>清点现金</th>
            <td>{formatYuan(c.countedFen)}</td>
          </tr>
          <tr>
            <th>差额</th>
            <td>{differenceText(c.differenceFen)}</td>
            <th>差额记账</th>
            <td>{c.differenceSeq === null ? '无' : `第 ${c.differenceSeq} 笔（${doc.differenceLabel ?? ''}）`}</td>
          </tr>
          {c.differenceReason !== null && (
            <tr>
              <th>原因</th>
              <td colSpan={3}>{c.differenceReason}</td>
            </tr>
          )}
          <tr>
            <th>当日发放</th>
            <td>
              {c.payoutCount} 笔，{formatYuan(c.payoutsFen)}
            </td>
            <th>当日冲正</th>
            <td>{formatYuan(c.reversalsFen)}</td>
          </tr>
          <tr>
            <th>区级拨付补拨</th>
            <td colSpan={3}>{formatYuan(c.replenishmentsFen)}</td>
          </tr>
        </tbody>
      </table>
      <h2>当日记账（截至日结）</h2>
      {doc.transfers.length === 0 ? <p>当日无记账。</p> : <DayTransfersTable transfers={doc.transfers} />}
      {doc.transfersTruncated && <p>当日记账过多，仅列出前 {doc.transfers.length} 笔。</p>}
      <h2>已审批未发放的现金（在箱中，已计入清点）</h2>
      {doc.heldPayouts.length === 0 ? (
        <p>无。</p>
      ) : (
        <table className="a4-ledger">
          <thead>
            <tr>
              <th>案件编号</th>
              <th>领款人</th>
              <th>金额</th>
            </tr>
          </thead>
          <tbody>
            {doc.heldPayouts.map((h) => (
              <tr key={h.payoutId}>
                <td>{h.caseNo}</td>
                <td>{h.payeeName}</td>
                <td className="a4-money">{formatYuan(h.amountFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="a4-hash">截至日结前的审计链哈希：{c.auditHeadHash}</p>
      <div className="a4-sign">
        <div>
          日结人：{c.closedByName}
          {'\u3000\u3000'}签字：____________
        </div>
        <div>
          复核人签字：____________{'\u3000\u3000'}日期：____________
        </div>
      </div>
      <div className="a4-foot">
        <span>营业日：{formatPlainDate(c.businessDate)}</span>
        <span>打印日期：{formatPlainDate(doc.printedDate)}</span>
      </div>
    </>
  );
}
