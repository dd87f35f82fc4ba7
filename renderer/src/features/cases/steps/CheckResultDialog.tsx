import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { LIMITS, type CheckFigures, type CheckOutcome, type EconomicCheckSource, type EconomicCheckView } from '../../../contract';
import { fieldErrorsOf, fieldState } from '../../../components/fieldErrors';
import { SelectField } from '../../../components/SelectField';
import { useRpcAction } from '../../../components/useRpc';
import { rpc } from '../../../rpc';
import { ECONOMIC_CHECK_SOURCE_LABELS as CHECK_SOURCE_LABELS } from '../../../contract';
import { fenOf, wholeNumber } from './fields';
import { StepDialog } from './StepDialog';

interface Props {
  check: EconomicCheckView;
  source: EconomicCheckSource;
  onCancel: () => void;
  onSaved: (check: EconomicCheckView) => void;
}

const MONEY = [
  ['incomeFen', '收入（元）'],
  ['depositsFen', '存款（元）'],
] as const;
const COUNTS = [
  ['realEstateCount', '不动产（处）'],
  ['vehicleCount', '机动车（辆）'],
  ['businessCount', '工商登记（户）'],
] as const;
type FigureKey = (typeof MONEY)[number][0] | (typeof COUNTS)[number][0];

/** Figures typed in yuan/counts as the report shows them; empty means the source did not say. */
function yuanText(fen: number | undefined): string {
  return fen === undefined ? '' : (fen / 100).toFixed(2);
}

/** 登记结果 for one of the 18 sources; recording it again corrects it. */
export function CheckResultDialog({ check, source, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const previous = check.results.find((r) => r.source === source);
  const [outcome, setOutcome] = useState<CheckOutcome>(previous?.outcome ?? 'no_record');
  const [texts, setTexts] = useState<Record<FigureKey, string>>({
    incomeFen: yuanText(previous?.figures.incomeFen),
    depositsFen: yuanText(previous?.figures.depositsFen),
    realEstateCount: previous?.figures.realEstateCount?.toString() ?? '',
    vehicleCount: previous?.figures.vehicleCount?.toString() ?? '',
    businessCount: previous?.figures.businessCount?.toString() ?? '',
  });
  const [note, setNote] = useState(previous?.note ?? '');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const errors = { ...fieldErrorsOf(action.error), ...problems };

  const submit = async () => {
    const figures: CheckFigures = {};
    const found: Record<string, string> = {};
    if (outcome === 'found') {
      for (const [key] of MONEY) {
        const { fen, problem } = fenOf(texts[key]);
        if (problem) found[`figures.${key}`] = problem;
        else if (fen !== null) figures[key] = fen;
      }
      for (const [key] of COUNTS) if (texts[key].trim() !== '') figures[key] = wholeNumber(texts[key]);
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const saved = await action.run(() => rpc.call('checks.recordResult', { checkId: check.id, source, outcome, figures, note }));
    if (saved) onSaved(saved);
  };

  return (
    <StepDialog title="登记核对结果" submitLabel="登记" error={action.error} busy={action.busy} onCancel={onCancel} onSubmit={() => void submit()}>
      <TextField label="数据来源" value={CHECK_SOURCE_LABELS[source]} slotProps={{ htmlInput: { readOnly: true } }} />
      <SelectField
        label="核对结果"
        value={outcome}
        options={[
          { value: 'no_record', label: '无记录' },
          { value: 'found', label: '有记录' },
        ]}
        onChange={(v) => {
          action.setError(null);
          setOutcome(v === 'found' ? 'found' : 'no_record');
        }}
        autoFocus
        {...fieldState(errors, 'outcome')}
      />
      {outcome === 'found' &&
        [...MONEY, ...COUNTS].map(([key, label]) => (
          <TextField
            key={key}
            label={label}
            value={texts[key]}
            inputMode="decimal"
            onChange={(e) => {
              action.setError(null);
              setProblems({});
              setTexts({ ...texts, [key]: e.target.value });
            }}
            {...fieldState(errors, `figures.${key}`)}
          />
        ))}
      <TextField
        label="说明"
        value={note}
        onChange={(e) => {
          action.setError(null);
          setNote(e.target.value);
        }}
        multiline
        slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }}
        {...fieldState(errors, 'note')}
      />
    </StepDialog>
  );
}
