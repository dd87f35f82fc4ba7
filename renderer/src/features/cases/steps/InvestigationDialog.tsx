import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { LIMITS, type CaseDetail } from '../../../contract';
import { fieldErrorsOf, fieldState } from '../../../components/fieldErrors';
import { useRpcAction } from '../../../components/useRpc';
import { businessToday } from '../../../format';
import { rpc } from '../../../rpc';
import { DATE_LABEL_PROPS, fenOf } from './fields';
import { StepDialog } from './StepDialog';

interface Props {
  detail: CaseDetail;
  onCancel: () => void;
  onSaved: (detail: CaseDetail) => void;
}

type TextKey = 'investigator1' | 'investigator2' | 'housing' | 'assets' | 'cause' | 'supporters' | 'conclusion';

const TEXTS: readonly { key: TextKey; label: string; required: boolean; long: boolean }[] = [
  { key: 'investigator1', label: '调查人一', required: true, long: false },
  { key: 'investigator2', label: '调查人二', required: true, long: false },
  { key: 'housing', label: '住房情况', required: true, long: true },
  { key: 'assets', label: '财产情况', required: false, long: true },
  { key: 'cause', label: '致困原因', required: true, long: true },
  { key: 'supporters', label: '赡（抚、扶）养人情况', required: false, long: true },
  { key: 'conclusion', label: '调查结论', required: true, long: true },
];

/** 入户调查: two investigators visited; each member's monthly income is typed in yuan, sent in fen. */
export function InvestigationDialog({ detail, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [visitDate, setVisitDate] = useState(businessToday());
  const [texts, setTexts] = useState<Record<TextKey, string>>({
    investigator1: '',
    investigator2: '',
    housing: '',
    assets: '',
    cause: '',
    supporters: '',
    conclusion: '',
  });
  const [incomes, setIncomes] = useState(detail.members.map((m) => ({ personId: m.personId, name: m.name, yuan: '', source: '' })));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const errors = { ...fieldErrorsOf(action.error), ...problems };

  const changed = () => {
    action.setError(null);
    setProblems({});
  };

  const submit = async () => {
    const found: Record<string, string> = {};
    const income = incomes.map((m, i) => {
      const { fen, problem } = fenOf(m.yuan);
      if (problem) found[`income.${i}.monthlyIncomeFen`] = problem;
      return { personId: m.personId, monthlyIncomeFen: fen ?? 0, source: m.source };
    });
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const saved = await action.run(() => rpc.call('investigations.record', { caseId: detail.id, visitDate, ...texts, income }));
    if (saved) onSaved(saved);
  };

  return (
    <StepDialog title="入户调查" submitLabel="登记" error={action.error} busy={action.busy} onCancel={onCancel} onSubmit={() => void submit()}>
      <TextField
        label="调查日期"
        type="date"
        value={visitDate}
        onChange={(e) => {
          changed();
          setVisitDate(e.target.value);
        }}
        required
        autoFocus
        slotProps={DATE_LABEL_PROPS}
        {...fieldState(errors, 'visitDate')}
      />
      {TEXTS.slice(0, 3).map((t) => textField(t))}
      {incomes.map((m, i) => (
        <Stack key={m.personId} direction="row" spacing={1}>
          <TextField
            label={`${m.name} 月收入（元）`}
            value={m.yuan}
            inputMode="decimal"
            onChange={(e) => {
              changed();
              setIncomes(incomes.map((x, j) => (j === i ? { ...x, yuan: e.target.value } : x)));
            }}
            sx={{ flex: 1 }}
            {...fieldState(errors, `income.${i}.monthlyIncomeFen`, '不填按零计')}
          />
          <TextField
            label={`${m.name} 收入来源`}
            value={m.source}
            onChange={(e) => {
              changed();
              setIncomes(incomes.map((x, j) => (j === i ? { ...x, source: e.target.value } : x)));
            }}
            sx={{ flex: 1 }}
            slotProps={{ htmlInput: { maxLength: LIMITS.textShortMax } }}
            {...fieldState(errors, `income.${i}.source`)}
          />
        </Stack>
      ))}
      {TEXTS.slice(3).map((t) => textField(t))}
    </StepDialog>
  );

  function textField(t: (typeof TEXTS)[number]) {
    return (
      <TextField
        key={t.key}
        label={t.label}
        value={texts[t.key]}
        onChange={(e) => {
          changed();
          setTexts({ ...texts, [t.key]: e.target.value });
        }}
        required={t.required}
        multiline={t.long}
        slotProps={{ htmlInput: { maxLength: t.long ? LIMITS.textLongMax : LIMITS.textShortMax } }}
        {...fieldState(errors, t.key)}
      />
    );
  }
}
