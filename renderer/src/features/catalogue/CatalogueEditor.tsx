import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { LIMITS, RELIEF_TYPE_LABELS, type OutputOf, type RpcError } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState, withoutField, type FieldErrors } from '../../components/fieldErrors';
import { KeyScope } from '../../components/KeyScope';
import { rpc } from '../../rpc';
import { draftOf, errorsOfKind, hasField, itemsOf, sameDraft, withoutMaterialErrors, type KindDraft } from './catalogueDraft';
import { KindEditor } from './KindEditor';

type CatalogueVersion = OutputOf<'catalogue.get'>;

interface Props {
  /** The current version: the draft starts from it and the save names it as its base. */
  base: CatalogueVersion;
  onSaved: (saved: CatalogueVersion) => void;
  onCancel: () => void;
}

/**
 * The town admin's editor: every kind in one draft, saved together as the next version with a
 * note. A refused save keeps the draft as it is and marks each problem at its field (and the
 * kinds that have one), so nothing typed is lost.
 */
export function CatalogueEditor({ base, onSaved, onCancel }: Props) {
  const [initial] = useState(() => draftOf(base.items));
  const [draft, setDraft] = useState<KindDraft[]>(initial);
  const [selected, setSelected] = useState(0);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<RpcError | null>(null);
  const unchanged = sameDraft(draft, initial);
  const kind = draft[selected];

  const change = (index: number) => (next: KindDraft, answered: readonly string[] | 'materials') => {
    setDraft((d) => d.map((k, i) => (i === index ? next : k)));
    setErrors((e) => (answered === 'materials' ? withoutMaterialErrors(e, index) : answered.reduce(withoutField, e)));
  };

  const save = async () => {
    if (busy || unchanged) return;
    const { items, errors: local } = itemsOf(draft);
    const found: FieldErrors = { ...local, ...(note.trim() === '' ? { note: '请填写修改说明' } : {}) };
    setFailure(null);
    if (Object.keys(found).length === 0) {
      setBusy(true);
      try {
        const result = await rpc.call('catalogue.update', { items, note: note.trim(), baseVersion: base.version });
        if (result.ok) {
          onSaved(result.value);
          return;
        }
        setFailure(result.error);
        Object.assign(found, fieldErrorsOf(result.error));
      } finally {
        setBusy(false);
      }
    }
    // Refused: each problem at its field, the first kind with one brought forward; the draft
    // stays exactly as typed.
    setErrors(found);
    const first = draft.findIndex((_, i) => errorsOfKind(found, i).length > 0);
    if (first >= 0) setSelected(first);
  };

  const problems = Object.keys(errors).length;
  const kindsWithProblems = draft.filter((_, i) => errorsOfKind(errors, i).length > 0).map((k) => RELIEF_TYPE_LABELS[k.reliefType]);
  const unplaced = Object.entries(errors).filter(([path]) => !hasField(path));

  return (
    <KeyScope onSubmit={() => void save()}>
      <Paper component="form" aria-label="修改事项清单" sx={{ p: 2, mb: 2 }} onSubmit={(e) => e.preventDefault()} noValidate>
        <Alert severity="info" variant="outlined" role="note" sx={{ mb: 2 }}>
          在第 {base.version} 版的基础上修改；保存后生成第 {base.version + 1} 版，新受理的案件按新版本办理，已受理的案件仍按原版本。
          Enter 移到下一项，Ctrl+Enter 保存。
        </Alert>
        {failure !== null && failure.code !== 'VALIDATION' && <ErrorAlert error={failure} />}
        {problems > 0 && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            还有 {problems} 处需要修改，已在相应位置标出{kindsWithProblems.length > 0 ? `（${kindsWithProblems.join('、')}）` : ''}；已填写的内容都保留着。
            {unplaced.map(([path, message]) => (
              <div key={path}>{message}</div>
            ))}
          </Alert>
        )}
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <List dense aria-label="救助事项" sx={{ minWidth: 220, flexShrink: 0, p: 0 }}>
            {draft.map((k, i) => {
              const count = errorsOfKind(errors, i).length;
              return (
                <ListItemButton key={k.reliefType} selected={i === selected} aria-current={i === selected ? 'true' : undefined} onClick={() => setSelected(i)}>
                  <ListItemText primary={RELIEF_TYPE_LABELS[k.reliefType]} />
                  {count > 0 && <Chip size="small" color="error" label={`${count} 处`} />}
                </ListItemButton>
              );
            })}
          </List>
          <Box sx={{ flexGrow: 1, minWidth: 0 }}>{kind && <KindEditor key={kind.reliefType} kind={kind} index={selected} errors={errors} onChange={change(selected)} />}</Box>
        </Stack>
        <Stack spacing={2} sx={{ mt: 3, maxWidth: 720 }}>
          <TextField
            label="修改说明"
            required
            multiline
            minRows={2}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              setErrors((x) => withoutField(x, 'note'));
            }}
            slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }}
            {...fieldState(errors, 'note', '写明改了什么、依据什么，例如“临时救助办理时限调整为10个工作日（区民政局通知）”')}
          />
          <Stack direction="row" spacing={1}>
            <Button variant="contained" data-primary onClick={() => void save()} disabled={busy || unchanged}>
              保存为第 {base.version + 1} 版
            </Button>
            <Button onClick={onCancel} disabled={busy}>
              {unchanged ? '返回' : '放弃修改'}
            </Button>
          </Stack>
        </Stack>
      </Paper>
    </KeyScope>
  );
}
