import EditOutlined from '@mui/icons-material/EditOutlined';
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
import { formatDateTime } from '../../format';
import { hrefOf } from '../../routing';
import { useSignedIn } from '../../session/context';
import { CatalogueEditor } from './CatalogueEditor';
import { CatalogueTable } from './CatalogueTable';

/** A note in the version list: its first line, cut to what fits a menu. */
function shortNote(note: string): string {
  const line = note.split('\n')[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

/**
 * 事项清单: any version of the "do it once" catalogue read-only; the town admin edits the
 * current one into the next version; 打印清单 opens the wall list.
 */
export function CataloguePage() {
  const { user } = useSignedIn();
  const isAdmin = user.roles.includes('town_admin');
  const versions = useRpcQuery('catalogue.versions', {});
  // null: the current version, whatever its number.
  const [version, setVersion] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const catalogue = useRpcQuery('catalogue.get', { version });
  const shown = catalogue.data;
  const current = versions.data?.[0]?.version;

  const header = (
    <PageHeader title="事项清单">
      {!editing && (
        <>
          <Box sx={{ minWidth: 360 }}>
            <SelectField
              label="清单版本"
              value={version === null ? '' : String(version)}
              placeholder="当前版本"
              options={(versions.data ?? []).map((v) => ({
                value: String(v.version),
                label: `第 ${v.version} 版 · ${formatDateTime(v.createdAt)} · ${shortNote(v.note)}`,
              }))}
              onChange={(v) => {
                setSavedVersion(null);
                setVersion(v === '' ? null : Number(v));
              }}
            />
          </Box>
          <Button variant="outlined" startIcon={<PrintOutlined />} href={hrefOf('catalogue', 'wall')}>
            打印清单
          </Button>
          {isAdmin && (
            <Button
              variant="contained"
              startIcon={<EditOutlined />}
              onClick={() => {
                setSavedVersion(null);
                setVersion(null);
                setEditing(true);
              }}
            >
              修改清单
            </Button>
          )}
        </>
      )}
    </PageHeader>
  );

  if (editing) {
    return (
      <>
        {header}
        <ErrorAlert error={catalogue.error} />
        {/* The editor starts from the current version only (version is null while editing). */}
        {shown && version === null ? (
          <CatalogueEditor
            base={shown}
            onCancel={() => setEditing(false)}
            onSaved={(saved) => {
              catalogue.setData(saved);
              versions.reload();
              setSavedVersion(saved.version);
              setEditing(false);
            }}
          />
        ) : (
          !catalogue.error && <CircularProgress aria-label="正在加载" />
        )}
      </>
    );
  }

  return (
    <>
      {header}
      <ErrorAlert error={versions.error} />
      <ErrorAlert error={catalogue.error} />
      {savedVersion !== null && (
        <Alert severity="success" sx={{ mb: 2 }}>
          已保存为第 {savedVersion} 版。此后受理的案件按新版本办理；已受理的案件仍按原版本。
        </Alert>
      )}
      {!isAdmin && (
        <Alert severity="info" variant="outlined" sx={{ mb: 2 }}>
          清单由镇街管理员维护；已受理的案件始终按受理时的版本办理。
        </Alert>
      )}
      {!shown ? (
        !catalogue.error && <CircularProgress aria-label="正在加载" />
      ) : (
        <Paper component="section" aria-label={`第 ${shown.version} 版清单`} sx={{ p: 2, overflowX: 'auto' }}>
          <Typography variant="h6" component="h2" sx={{ fontWeight: 700 }}>
            第 {shown.version} 版{shown.version === current ? '（当前版本）' : '（历史版本，只供查看）'}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2, whiteSpace: 'pre-line' }}>
            {formatDateTime(shown.createdAt)} · 修改说明：{shown.note}
          </Typography>
          <CatalogueTable items={shown.items} />
        </Paper>
      )}
    </>
  );
}
