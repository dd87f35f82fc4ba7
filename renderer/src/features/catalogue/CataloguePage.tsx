import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { useRpcQuery } from '../../components/useRpc';
import { formatDate } from '../../format';
import { useSignedIn } from '../../session/context';
import { CatalogueTable } from './CatalogueTable';

/** 事项清单: any version of the "do it once" catalogue, printable as the wall list of the hall. */
export function CataloguePage() {
  const { installation } = useSignedIn();
  const versions = useRpcQuery('catalogue.versions', {});
  // null: the current version, whatever its number.
  const [version, setVersion] = useState<number | null>(null);
  const catalogue = useRpcQuery('catalogue.get', { version });
  const shown = catalogue.data;

  return (
    <>
      <PageHeader title="事项清单">
        <Box sx={{ minWidth: 260 }} className="no-print">
          <SelectField
            label="清单版本"
            value={version === null ? '' : String(version)}
            placeholder="当前版本"
            options={(versions.data ?? []).map((v) => ({ value: String(v.version), label: `第 ${v.version} 版（${formatDate(v.createdAt)}）` }))}
            onChange={(v) => setVersion(v === '' ? null : Number(v))}
          />
        </Box>
        <Button variant="outlined" startIcon={<PrintOutlined />} onClick={() => window.print()} disabled={!shown} className="no-print">
          打印清单
        </Button>
      </PageHeader>
      <ErrorAlert error={versions.error} />
      <ErrorAlert error={catalogue.error} />
      <Alert severity="info" variant="outlined" sx={{ mb: 2 }} className="no-print">
        本页只供查看和打印。修改清单（生成新版本）暂未提供操作界面；已受理的案件始终按受理时的版本办理。
      </Alert>
      {!shown ? (
        !catalogue.error && <CircularProgress aria-label="正在加载" />
      ) : (
        <Paper sx={{ p: 2, overflowX: 'auto' }} className="print-area">
          <Typography variant="h6" component="h2" sx={{ fontWeight: 700, textAlign: 'center' }}>
            {installation.townName ?? ''}社会救助“一次办好”事项清单
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ textAlign: 'center', mb: 2 }}>
            第 {shown.version} 版 · {formatDate(shown.createdAt)}
            {shown.note ? ` · ${shown.note}` : ''}
          </Typography>
          <CatalogueTable items={shown.items} />
        </Paper>
      )}
    </>
  );
}
