import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import { useState } from 'react';
import { amountInCapitals, formatYuan, LIMITS, type Settings } from '../../contract';
import { fieldState, type FieldErrors } from '../../components/fieldErrors';
import { businessToday, formatPlainDate } from '../../format';
import { DATE_LABEL_PROPS, fenOf, wholeNumber } from '../cases/steps/fields';

type LimitEntry = Settings['townReliefLimits'][number];

/** The temporary-relief settings as typed on the settings page. */
export interface ReliefSettingsDraft {
  limits: readonly LimitEntry[];
  repeatWindowMonths: string;
  emergencyPaperworkDays: string;
}

export function reliefDraftOf(settings: Settings): ReliefSettingsDraft {
  return { limits: settings.townReliefLimits, repeatWindowMonths: String(settings.repeatWindowMonths), emergencyPaperworkDays: String(settings.emergencyPaperworkDays) };
}

function rangeProblem(text: string, min: number, max: number): string | null {
  const n = wholeNumber(text);
  return Number.isInteger(n) && n >= min && n <= max ? null : `请输入 ${min} 到 ${max} 之间的整数`;
}

export function reliefProblems(d: ReliefSettingsDraft): { repeat: string | null; paperwork: string | null } {
  return {
    repeat: rangeProblem(d.repeatWindowMonths, LIMITS.repeatWindowMonthsMin, LIMITS.repeatWindowMonthsMax),
    paperwork: rangeProblem(d.emergencyPaperworkDays, LIMITS.emergencyPaperworkDaysMin, LIMITS.emergencyPaperworkDaysMax),
  };
}

/** What changed against the stored settings, in the shape settings.update takes (only what changed is sent). */
export function reliefChanges(d: ReliefSettingsDraft, current: Settings): Partial<Pick<Settings, 'townReliefLimits' | 'repeatWindowMonths' | 'emergencyPaperworkDays'>> {
  const months = wholeNumber(d.repeatWindowMonths);
  const days = wholeNumber(d.emergencyPaperworkDays);
  const sameLimits = JSON.stringify(d.limits) === JSON.stringify(current.townReliefLimits);
  return {
    ...(sameLimits ? {} : { townReliefLimits: [...d.limits] }),
    ...(months !== current.repeatWindowMonths ? { repeatWindowMonths: months } : {}),
    ...(days !== current.emergencyPaperworkDays ? { emergencyPaperworkDays: days } : {}),
  };
}

/** The entry in force on `date`: the latest on or before it (as the server applies it). */
function inForce(limits: readonly LimitEntry[], date: string): LimitEntry | null {
  return [...limits].filter((e) => e.effectiveFrom <= date).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0] ?? null;
}

/** Why the new limit was not added, by field. */
interface AddProblem {
  date: string | null;
  amount: string | null;
}
const NO_PROBLEM: AddProblem = { date: null, amount: null };

interface Props {
  value: ReliefSettingsDraft;
  onChange: (next: ReliefSettingsDraft) => void;
  errors: FieldErrors;
}

/**
 * 临时救助 on the settings page: the town's approval limit by effective date (a decision takes
 * the entry in force on its date, so a change never rewrites what was decided), the repeat
 * window and the emergency paperwork deadline. A new limit starts today or later; an entry
 * not yet in force may be removed, one that has applied stays.
 */
export function ReliefSettingsFields({ value, onChange, errors }: Props) {
  const today = businessToday();
  const [date, setDate] = useState('');
  const [amount, setAmount] = useState('');
  const [addProblem, setAddProblem] = useState<AddProblem>(NO_PROBLEM);
  const parsed = fenOf(amount);
  const problems = reliefProblems(value);
  const current = inForce(value.limits, today);
  const sorted = [...value.limits].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));

  const add = () => {
    const problem: AddProblem = { ...NO_PROBLEM };
    if (date === '') problem.date = '请填写生效日期';
    else if (date < today) problem.date = '生效日期不能早于今天';
    else if (value.limits.some((e) => e.effectiveFrom === date)) problem.date = '同一生效日期只能有一条限额';
    else if (value.limits.length >= LIMITS.townReliefLimitEntriesMax) problem.date = `最多保留 ${LIMITS.townReliefLimitEntriesMax} 条限额`;
    if (amount.trim() === '') problem.amount = '请填写限额';
    else if (parsed.problem !== null) problem.amount = parsed.problem;
    else if (parsed.fen === 0) problem.amount = '限额必须大于零';
    setAddProblem(problem);
    if (problem.date !== null || problem.amount !== null || parsed.fen === null) return;
    onChange({ ...value, limits: [...value.limits, { effectiveFrom: date, limitFen: parsed.fen }] });
    setDate('');
    setAmount('');
  };

  return (
    <Stack spacing={2} role="group" aria-label="临时救助">
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
        临时救助
      </Typography>
      <Typography variant="body2" aria-label="当前审批限额">
        镇街审批限额：{current !== null ? `今日适用 ${formatYuan(current.limitFen)}（${formatPlainDate(current.effectiveFrom)} 起）` : '今日无适用限额'}，超出的报区级审批
      </Typography>
      <Table size="small" aria-label="镇街审批限额">
        <TableHead>
          <TableRow>
            <TableCell>生效日期</TableCell>
            <TableCell align="right">限额（元）</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map((e) => (
            <TableRow key={e.effectiveFrom}>
              <TableCell>{formatPlainDate(e.effectiveFrom)}</TableCell>
              <TableCell align="right">{formatYuan(e.limitFen)}</TableCell>
              <TableCell padding="none">
                {e.effectiveFrom > today && value.limits.length > 1 && (
                  <IconButton aria-label={`删除 ${formatPlainDate(e.effectiveFrom)} 起的限额`} onClick={() => onChange({ ...value, limits: value.limits.filter((x) => x !== e) })}>
                    <DeleteOutlined />
                  </IconButton>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {errors.townReliefLimits && (
        <Typography color="error" variant="body2" role="alert">
          {errors.townReliefLimits}
        </Typography>
      )}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label="新限额生效日期"
          type="date"
          value={date}
          onChange={(e) => {
            setAddProblem({ ...addProblem, date: null });
            setDate(e.target.value);
          }}
          slotProps={{ ...DATE_LABEL_PROPS, htmlInput: { min: today } }}
          error={addProblem.date !== null}
          helperText={addProblem.date ?? ' '}
        />
        <TextField
          label="新限额（元）"
          value={amount}
          onChange={(e) => {
            setAddProblem({ ...addProblem, amount: null });
            setAmount(e.target.value);
          }}
          inputMode="decimal"
          error={addProblem.amount !== null || parsed.problem !== null}
          helperText={addProblem.amount ?? parsed.problem ?? (parsed.fen !== null ? amountInCapitals(parsed.fen) : '如 3000 或 3,500.00')}
        />
        <Button variant="outlined" onClick={add} sx={{ mt: 1, flexShrink: 0, whiteSpace: 'nowrap' }}>
          添加限额
        </Button>
      </Stack>
      <TextField
        label="重复救助期限（月）"
        value={value.repeatWindowMonths}
        onChange={(e) => onChange({ ...value, repeatWindowMonths: e.target.value })}
        inputMode="numeric"
        {...(problems.repeat !== null ? { error: true, helperText: problems.repeat } : fieldState(errors, 'repeatWindowMonths', '同一家庭同一事由在该期限内再次申请，须由审批人写明理由'))}
      />
      <TextField
        label="先行救助补办手续期限（天）"
        value={value.emergencyPaperworkDays}
        onChange={(e) => onChange({ ...value, emergencyPaperworkDays: e.target.value })}
        inputMode="numeric"
        {...(problems.paperwork !== null ? { error: true, helperText: problems.paperwork } : fieldState(errors, 'emergencyPaperworkDays', '先行救助后须在该天数内补齐手续，逾期报镇街管理员督办'))}
      />
    </Stack>
  );
}
