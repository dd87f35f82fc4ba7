import ArrowBack from '@mui/icons-material/ArrowBack';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { DECIDING_BODY_LABELS, RELIEF_TYPE_LABELS, type CatalogueItem, type OutputOf } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcQuery } from '../../components/useRpc';
import { formatDate, formatPlainDate } from '../../format';
import { hrefOf } from '../../routing';
import '../../print/a4.css';
import './catalogueWall.css';

// #/catalogue/wall: the current catalogue as the list on the hall's wall (一次办好清单), alone
// without the app shell so window.print() (the browser's dialog, 另存为 PDF, or Electron's)
// puts only the sheet on paper, landscape A4.

type WallList = OutputOf<'catalogue.wallList'>;

const WALL_PAGE = '@page { size: A4 landscape; margin: 12mm; }';

/** Who decides; a department's name on a line of its own, never broken in the middle. */
function DecidedBy({ item }: { item: CatalogueItem }) {
  return (
    <>
      <div>{DECIDING_BODY_LABELS[item.decidedBy]}</div>
      {item.decidedBy === 'department' && item.department && <div className="wall-department">{item.department}</div>}
    </>
  );
}

function Sheet({ wall }: { wall: WallList }) {
  return (
    <>
      <h1>一次办好清单</h1>
      <div className="a4-office">{wall.officeName}</div>
      <div className="wall-meta">
        <span>
          第 {wall.version} 版（{formatDate(wall.createdAt)}起执行）
        </span>
        <span>打印日期：{formatPlainDate(wall.printedDate)}</span>
      </div>
      <table>
        <colgroup>
          <col className="wall-col-number" />
          <col className="wall-col-kind" />
          <col />
          <col className="wall-col-limit" />
          <col className="wall-col-notice" />
          <col className="wall-col-body" />
        </colgroup>
        <thead>
          <tr>
            <th>序号</th>
            <th>救助事项</th>
            <th>申请材料（标 ★ 的可以告知承诺替代）</th>
            <th>办理时限</th>
            <th>公示</th>
            <th>审批（办理）机关</th>
          </tr>
        </thead>
        <tbody>
          {wall.items.map((item, i) => (
            <tr key={item.reliefType}>
              <td className="wall-number">{i + 1}</td>
              <td className="wall-kind">{RELIEF_TYPE_LABELS[item.reliefType]}</td>
              <td>
                <ol className="wall-materials">
                  {item.materials.map((m, j) => (
                    <li key={m.id}>
                      {j + 1}. {m.name}
                      {m.optional ? '（如有）' : ''}
                      {m.commitmentReplaceable ? ' ★' : ''}
                    </li>
                  ))}
                </ol>
              </td>
              <td className="wall-number">{item.timeLimitWorkingDays} 个工作日</td>
              <td className="wall-number">{item.noticeDays === null ? '不公示' : `${item.noticeDays} 天`}</td>
              <td>
                <DecidedBy item={item} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="wall-legend">
        ★ 可以告知承诺替代：申请人书面承诺所述情况属实即可先行受理，事后核查；承诺不实的依法承担责任。办理时限自材料齐全受理之日起按工作日计算，不含法定节假日。一窗受理，一次告知，一次办好。
      </div>
    </>
  );
}

export function CatalogueWallList() {
  const query = useRpcQuery('catalogue.wallList', {});
  return (
    <Box sx={{ bgcolor: 'grey.200', minHeight: '100vh', py: 2 }}>
      <Box className="no-print" sx={{ display: 'flex', gap: 1, justifyContent: 'center', mb: 2 }}>
        <Button href={hrefOf('catalogue')} startIcon={<ArrowBack />}>
          返回
        </Button>
        <Button variant="contained" startIcon={<PrintOutlined />} disabled={!query.data} onClick={() => window.print()}>
          打印
        </Button>
      </Box>
      {query.loading && (
        <Box sx={{ display: 'grid', placeItems: 'center' }}>
          <CircularProgress aria-label="正在载入一次办好清单" />
        </Box>
      )}
      {query.error && (
        <Box className="no-print" sx={{ maxWidth: 600, mx: 'auto' }}>
          <ErrorAlert error={query.error} />
        </Box>
      )}
      {/* Later in the document than the bundle's portrait @page, so this one wins while the
          list is on screen; it goes with the list when the user leaves. */}
      <style>{WALL_PAGE}</style>
      {query.data && (
        <article className="a4-sheet catalogue-wall print-area" aria-label="一次办好清单">
          <Sheet wall={query.data} />
        </article>
      )}
    </Box>
  );
}
