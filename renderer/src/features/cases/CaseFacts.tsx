import { CASE_STATE_LABELS, DECIDING_BODY_LABELS, RELIEF_TYPE_LABELS, type CaseDetail } from '../../contract';
import { FactList } from '../../components/FactList';
import { formatPlainDate } from '../../format';
import { CHANNEL_LABELS, promisedText } from './labels';

/** The case's key facts as a definition list (FactList), so each value is found by its label. */
export function CaseFacts({ detail }: { detail: CaseDetail }) {
  const channel = detail.channel === 'assistant' ? `${CHANNEL_LABELS.assistant}（${detail.assistantName ?? ''}）` : CHANNEL_LABELS.window;
  const facts: [string, string][] = [
    ['案件编号', detail.caseNo],
    ['救助类别', `${RELIEF_TYPE_LABELS[detail.reliefType]}${detail.category ? `（${detail.category}）` : ''}`],
    ['办理状态', CASE_STATE_LABELS[detail.state]],
    ['受理日期', formatPlainDate(detail.acceptedDate)],
    ['承诺办结日期', promisedText(detail.state, detail.promisedDate)],
    ['受理渠道', channel],
    ['申请人', `${detail.applicant.name}（${detail.applicant.residentIdMasked}）`],
    ['申请事由', detail.reason],
    ['告知承诺制', detail.commitmentRoute ? '适用' : '不适用'],
    ['审批方式', detail.department ? `${DECIDING_BODY_LABELS[detail.decidedBy]}：${detail.department}` : DECIDING_BODY_LABELS[detail.decidedBy]],
    ['受理人', detail.acceptedBy],
    ['清单版本', `第 ${detail.catalogueVersion} 版`],
  ];
  return <FactList facts={facts} />;
}
