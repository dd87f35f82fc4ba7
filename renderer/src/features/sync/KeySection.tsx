import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { SyncStatus } from '../../contract';
import { Section } from '../../components/Section';
import { Fingerprint } from './Fingerprint';
import { saveTextFile } from './textDownload';

/** 本机密钥: this installation's fingerprint, and its public key file for the other side. */
export function KeySection({ status }: { status: SyncStatus }) {
  const other = status.kind === 'town' ? '区民政局' : '各镇街';
  return (
    <Section
      title="本机密钥"
      actions={
        <Button
          variant="outlined"
          startIcon={<FileDownloadOutlined />}
          onClick={() => saveTextFile(status.keys.publicKeyFileName, status.keys.publicKeyFile)}
        >
          导出公钥文件
        </Button>
      }
    >
      <Typography variant="body2" color="text.secondary">
        本机密钥指纹
      </Typography>
      <Fingerprint value={status.keys.fingerprint} label="本机密钥指纹" testId="own-fingerprint" />
      <Typography variant="body2">
        把导出的公钥文件（{status.keys.publicKeyFileName}）交给{other}后，请打电话向对方逐组读出上面的指纹，由对方与导入时显示的指纹核对，完全一致才可导入。
      </Typography>
    </Section>
  );
}
