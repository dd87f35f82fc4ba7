import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { LIMITS, type SyncStatus } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { Section } from '../../components/Section';
import { useRpcAction } from '../../components/useRpc';
import { formatDateTime } from '../../format';
import { rpc } from '../../rpc';
import { timeOfDayProblem } from './syncFormat';

const FOLDER_HINT = 'U 盘或共享文件夹的完整路径，如 D:\\救助同步 或 /media/usb。通过大厅服务使用时，填写大厅服务所在电脑上的路径。';

/** 同步设置: the common folder and, for a town, the nightly export time (the district sets only the folder). */
export function SettingsSection({ status, onSaved }: { status: SyncStatus; onSaved: () => void }) {
  const action = useRpcAction();
  const town = status.kind === 'town';
  const [folder, setFolder] = useState(status.folder);
  const [exportTime, setExportTime] = useState(status.exportTime);
  const [saved, setSaved] = useState(false);
  const timeProblem = town ? timeOfDayProblem(exportTime) : null;
  const errors = fieldErrorsOf(action.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (timeProblem) return;
    // The district has no nightly export of its own: its time is sent back as it stands.
    const result = await action.run(() => rpc.call('sync.configure', { folder: folder.trim(), exportTime: town ? exportTime : status.exportTime }));
    if (!result) return;
    setSaved(true);
    onSaved();
  };

  let next: string;
  if (status.nextExportAt) next = formatDateTime(status.nextExportAt);
  else if (status.folder === '') next = '未安排（请先填写同步文件夹）';
  else next = '未安排';

  return (
    <Section title="同步设置">
      <Stack component="form" spacing={2} onSubmit={(e) => void submit(e)} noValidate sx={{ maxWidth: 640 }}>
        <TextField
          label="同步文件夹"
          value={folder}
          onChange={(e) => {
            setSaved(false);
            setFolder(e.target.value);
          }}
          slotProps={{ htmlInput: { maxLength: LIMITS.syncFolderPathMax, spellCheck: false } }}
          {...fieldState(errors, 'folder', FOLDER_HINT)}
        />
        {town && (
          <TextField
            label="每晚导出时间"
            value={exportTime}
            onChange={(e) => {
              setSaved(false);
              setExportTime(e.target.value.trim());
            }}
            placeholder="22:00"
            sx={{ maxWidth: 200 }}
            slotProps={{ htmlInput: { maxLength: 5, inputMode: 'numeric' } }}
            {...(timeProblem ? { error: true, helperText: timeProblem } : fieldState(errors, 'exportTime', '24 小时制，默认 22:00'))}
          />
        )}
        {town && (
          <Typography variant="body2" aria-label="下次自动导出">
            下次自动导出：{next}
          </Typography>
        )}
        <ErrorAlert error={action.error} />
        {saved && <Alert severity="success">同步设置已保存</Alert>}
        <Button type="submit" variant="contained" disabled={action.busy || timeProblem !== null} sx={{ alignSelf: 'flex-start' }}>
          保存
        </Button>
      </Stack>
    </Section>
  );
}
