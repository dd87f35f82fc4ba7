import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useRef, useState, type ChangeEvent } from 'react';
import { LIMITS, type OutputOf, type RpcError } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FactList } from '../../components/FactList';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { useRpcAction } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { Fingerprint } from './Fingerprint';

type Preview = OutputOf<'sync.previewKey'>;
type Enrolled = OutputOf<'sync.enroll'>;

const KIND_NAMES = { town: '镇街', district: '区民政局' } as const;

interface Props {
  /** Whose key this button takes: a town imports the district's, the district enrolls towns. */
  expect: 'town' | 'district';
  label: string;
  /** The district may give a town its own folder (else the common folder). */
  withFolder: boolean;
  onEnrolled: (enrolled: Enrolled) => void;
}

/**
 * Import of the other side's public key file: the file is read in the browser, the server
 * reads it back (sync.previewKey) so the admin sees whose key it is and its fingerprint, and
 * only after comparing that fingerprint with the one the other side reads out by phone is it
 * imported (sync.enroll). A key that came by USB stick or e-mail proves nothing by itself.
 */
export function KeyImport({ expect, label, withFolder, onEnrolled }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const reading = useRpcAction();
  const enrolling = useRpcAction();
  const [pending, setPending] = useState<{ text: string; fileName: string; preview: Preview } | null>(null);
  const [folder, setFolder] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const errors = fieldErrorsOf(enrolling.error);

  const chosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file chosen again after a cancel must fire change again.
    event.target.value = '';
    if (!file) return;
    setDone(null);
    reading.setError(null);
    if (file.size > LIMITS.syncKeyFileBytesMax) {
      reading.setError(tooLarge(file.name));
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      reading.setError({ code: 'VALIDATION', message: `无法读取文件 ${file.name}，请重新选择` });
      return;
    }
    const preview = await reading.run(() => rpc.call('sync.previewKey', { text }));
    if (!preview) return;
    enrolling.setError(null);
    setFolder('');
    setPending({ text, fileName: file.name, preview });
  };

  const confirm = async () => {
    if (!pending) return;
    const trimmed = folder.trim();
    const result = await enrolling.run(() => rpc.call('sync.enroll', { text: pending.text, folder: withFolder && trimmed !== '' ? trimmed : null }));
    if (!result) return;
    setPending(null);
    setDone(`已导入 ${result.name}（${result.code}）的公钥`);
    onEnrolled(result);
  };

  const p = pending?.preview;
  const wrongKind = p !== undefined && p.kind !== expect;
  return (
    <>
      <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
        <Button variant="contained" startIcon={<UploadFileOutlined />} disabled={reading.busy} onClick={() => input.current?.click()}>
          {label}
        </Button>
        <input ref={input} type="file" accept=".json,application/json,text/plain" hidden aria-label={`${label}：选择公钥文件`} data-testid={`key-file-${expect}`} onChange={(e) => void chosen(e)} />
        <ErrorAlert error={reading.error} />
        {done && <Alert severity="success">{done}</Alert>}
      </Stack>
      <Dialog open={pending !== null} onClose={() => setPending(null)} maxWidth="sm" fullWidth aria-labelledby="key-import-title">
        <DialogTitle id="key-import-title">核对公钥</DialogTitle>
        {p && pending && (
          <DialogContent>
            <Stack spacing={2}>
              <FactList
                facts={[
                  ['文件', pending.fileName],
                  ['类型', KIND_NAMES[p.kind]],
                  ['单位', p.name],
                  ['代码', p.code],
                ]}
              />
              <Fingerprint value={p.fingerprint} label="公钥指纹" testId="preview-fingerprint" />
              {wrongKind ? (
                <Alert severity="error">
                  这是{KIND_NAMES[p.kind]}的公钥文件，这里应导入{KIND_NAMES[expect]}的公钥文件，请重新选择
                </Alert>
              ) : (
                <Alert severity="warning">
                  请打电话给{p.name}，请对方在其「数据同步」页面逐组读出「本机密钥指纹」，与上面的指纹逐组核对。完全一致才可确认导入；有任何一组不同，请取消并向对方重新索取公钥文件。
                </Alert>
              )}
              {p.alreadyEnrolled && !wrongKind && <Alert severity="info">{p.name}已登记过，确认后将以此文件为准</Alert>}
              {withFolder && !wrongKind && (
                <TextField
                  label="该镇街的文件夹（可不填）"
                  value={folder}
                  onChange={(e) => setFolder(e.target.value)}
                  slotProps={{ htmlInput: { maxLength: LIMITS.syncFolderPathMax, spellCheck: false } }}
                  {...fieldState(errors, 'folder', '不填则从同步设置中的同步文件夹读取该镇街的数据包')}
                />
              )}
              <ErrorAlert error={enrolling.error} />
            </Stack>
          </DialogContent>
        )}
        <DialogActions>
          <Button onClick={() => setPending(null)}>取消</Button>
          <Button variant="contained" disabled={enrolling.busy || wrongKind} onClick={() => void confirm()}>
            确认导入
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

function tooLarge(name: string): RpcError {
  return { code: 'VALIDATION', message: `文件 ${name} 过大，不是本软件导出的公钥文件` };
}
