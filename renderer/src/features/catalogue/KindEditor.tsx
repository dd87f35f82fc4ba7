import AddOutlined from '@mui/icons-material/AddOutlined';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useRef } from 'react';
import { DECIDING_BODIES, DECIDING_BODY_LABELS, RELIEF_TYPE_LABELS, type DecidingBody } from '../../contract';
import { fieldState, type FieldErrors } from '../../components/fieldErrors';
import { SelectField } from '../../components/SelectField';
import { addMaterial, moveMaterial, newMaterialId, patchMaterial, removeMaterial, withDecidedBy, type KindDraft } from './catalogueDraft';

interface Props {
  kind: KindDraft;
  /** Where this kind sits in the catalogue: its errors are under 'items.<index>.'. */
  index: number;
  errors: FieldErrors;
  /** The new draft, and the paths whose errors the change answers. */
  onChange: (kind: KindDraft, answered: readonly string[] | 'materials') => void;
}

/** One kind of assistance in the editor: who decides, the time limits, the materials. */
export function KindEditor({ kind, index, errors, onChange }: Props) {
  const at = `items.${index}`;
  const label = RELIEF_TYPE_LABELS[kind.reliefType];
  const referred = kind.decidedBy === 'department';
  // The name field of a material just added takes the focus as it mounts, so typing goes on
  // from the keyboard.
  const focusOnMount = useRef<string | null>(null);

  const add = () => {
    const id = newMaterialId(new Set(kind.materials.map((m) => m.id)));
    focusOnMount.current = id;
    onChange(addMaterial(kind, id), [`${at}.materials`]);
  };

  const materialsError = errors[`${at}.materials`];
  return (
    <Stack spacing={2} component="fieldset" aria-label={`${label}的清单`} sx={{ border: 'none', p: 0, m: 0 }}>
      <Typography variant="h6" component="h2" sx={{ fontWeight: 700, fontSize: 17 }}>
        {label}
        {kind.categories.length > 0 && (
          <Typography component="span" color="text.secondary" sx={{ ml: 1 }}>
            （类别：{kind.categories.join('、')}）
          </Typography>
        )}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
        <SelectField
          label="审批方式"
          value={kind.decidedBy}
          options={DECIDING_BODIES.map((b) => ({ value: b, label: DECIDING_BODY_LABELS[b] }))}
          onChange={(v) => onChange(withDecidedBy(kind, v as DecidingBody), [`${at}.decidedBy`, `${at}.department`, `${at}.noticeDays`, `${at}.requiresReview`])}
          fullWidth={false}
          error={errors[`${at}.decidedBy`] !== undefined}
          helperText={errors[`${at}.decidedBy`]}
        />
        {referred && (
          <TextField
            label="承办部门"
            value={kind.department}
            onChange={(e) => onChange({ ...kind, department: e.target.value }, [`${at}.department`])}
            slotProps={{ htmlInput: { maxLength: 64 } }}
            sx={{ minWidth: 280 }}
            {...fieldState(errors, `${at}.department`, '如 区医疗保障局')}
          />
        )}
        <TextField
          label="办理时限（工作日）"
          value={kind.timeLimit}
          onChange={(e) => onChange({ ...kind, timeLimit: e.target.value }, [`${at}.timeLimitWorkingDays`])}
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 4 } }}
          sx={{ width: 180 }}
          {...fieldState(errors, `${at}.timeLimitWorkingDays`, '1-120 个工作日')}
        />
        <TextField
          label="公示天数"
          value={kind.noticeDays}
          disabled={referred}
          onChange={(e) => onChange({ ...kind, noticeDays: e.target.value }, [`${at}.noticeDays`])}
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 4 } }}
          sx={{ width: 180 }}
          {...fieldState(errors, `${at}.noticeDays`, referred ? '转办事项不在本镇街公示' : '1-30 天')}
        />
        <div>
          <FormControlLabel
            control={
              <Checkbox
                checked={kind.requiresReview}
                disabled={referred}
                onChange={(e) => onChange({ ...kind, requiresReview: e.target.checked }, [`${at}.requiresReview`])}
              />
            }
            label="需村级民主评议"
          />
          {errors[`${at}.requiresReview`] !== undefined && <FormHelperText error>{errors[`${at}.requiresReview`]}</FormHelperText>}
        </div>
      </Stack>

      <div>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
          申请材料
        </Typography>
        {materialsError !== undefined && <FormHelperText error>{materialsError}</FormHelperText>}
        <Table size="small" aria-label={`${label}的申请材料`}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 48 }}>序号</TableCell>
              <TableCell>材料名称</TableCell>
              <TableCell sx={{ width: 110 }}>如有（非必交）</TableCell>
              <TableCell sx={{ width: 110 }}>可承诺替代</TableCell>
              <TableCell sx={{ width: 140 }}>调整</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {kind.materials.map((m, j) => {
              const n = j + 1;
              const mat = `${at}.materials.${j}`;
              const rowError = errors[`${mat}.id`] ?? errors[`${mat}.optional`] ?? errors[`${mat}.commitmentReplaceable`];
              return (
                <TableRow key={m.id} sx={{ verticalAlign: 'top' }}>
                  <TableCell sx={{ pt: 2.5 }}>{n}</TableCell>
                  <TableCell>
                    <TextField
                      value={m.name}
                      placeholder="材料名称"
                      fullWidth
                      size="small"
                      inputRef={(el: HTMLInputElement | null) => {
                        if (el && focusOnMount.current === m.id) {
                          focusOnMount.current = null;
                          el.focus();
                        }
                      }}
                      onChange={(e) => onChange(patchMaterial(kind, j, { name: e.target.value }), [`${mat}.name`])}
                      slotProps={{ htmlInput: { 'aria-label': `第 ${n} 项材料名称`, maxLength: 64 } }}
                      {...fieldState(errors, `${mat}.name`)}
                    />
                    {rowError !== undefined && <FormHelperText error>{rowError}</FormHelperText>}
                  </TableCell>
                  <TableCell>
                    <Checkbox
                      checked={m.optional}
                      onChange={(e) => onChange(patchMaterial(kind, j, { optional: e.target.checked }), [`${mat}.optional`, `${at}.materials`])}
                      slotProps={{ input: { 'aria-label': `第 ${n} 项如有` } }}
                    />
                  </TableCell>
                  <TableCell>
                    <Checkbox
                      checked={m.commitmentReplaceable}
                      onChange={(e) => onChange(patchMaterial(kind, j, { commitmentReplaceable: e.target.checked }), [`${mat}.commitmentReplaceable`])}
                      slotProps={{ input: { 'aria-label': `第 ${n} 项可承诺替代` } }}
                    />
                  </TableCell>
                  <TableCell>
                    <IconButton aria-label={`第 ${n} 项上移`} disabled={j === 0} onClick={() => onChange(moveMaterial(kind, j, -1), 'materials')}>
                      <ArrowUpward fontSize="small" />
                    </IconButton>
                    <IconButton
                      aria-label={`第 ${n} 项下移`}
                      disabled={j === kind.materials.length - 1}
                      onClick={() => onChange(moveMaterial(kind, j, 1), 'materials')}
                    >
                      <ArrowDownward fontSize="small" />
                    </IconButton>
                    <IconButton aria-label={`删除第 ${n} 项`} onClick={() => onChange(removeMaterial(kind, j), 'materials')}>
                      <DeleteOutlined fontSize="small" />
                    </IconButton>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
        <Button startIcon={<AddOutlined />} onClick={add} sx={{ mt: 1 }}>
          添加材料
        </Button>
        <FormHelperText>已受理的案件仍按受理时的清单版本办理，删除或改名不影响它们。</FormHelperText>
      </div>
    </Stack>
  );
}
