import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { DistrictTown, SyncPeer } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FactList } from '../../components/FactList';
import { Section } from '../../components/Section';
import type { QueryState } from '../../components/useRpc';
import { formatDateTime } from '../../format';
import { Fingerprint } from './Fingerprint';
import { KeyImport } from './KeyImport';

/** Town: the district's key (imported once; packages' personal files are sealed for it). */
export function DistrictKeySection({ district, onEnrolled }: { district: SyncPeer | null; onEnrolled: () => void }) {
  return (
    <Section title="区级公钥">
      {district === null ? (
        <Stack spacing={2}>
          <Alert severity="warning">尚未导入区民政局的公钥：导入后才能把数据包中的个人信息加密发给区民政局，并核对区民政局发回的数据包。</Alert>
          <KeyImport expect="district" label="导入区级公钥" withFolder={false} onEnrolled={onEnrolled} />
        </Stack>
      ) : (
        <FactList
          facts={[
            ['单位', district.name],
            ['代码', district.code],
            ['指纹', <Fingerprint key="fp" value={district.fingerprint} label="区级公钥指纹" testId="district-fingerprint" />],
            ['导入时间', formatDateTime(district.enrolledAt)],
          ]}
        />
      )}
    </Section>
  );
}

/** District: the enrolled towns (the district console shows each one's figures) and 登记镇街. */
export function TownsSection({ towns, onEnrolled }: { towns: QueryState<DistrictTown[]>; onEnrolled: () => void }) {
  const rows = towns.data ?? [];
  return (
    <Section title="已登记镇街">
      <Stack spacing={2}>
        <ErrorAlert error={towns.error} />
        {towns.data && rows.length === 0 && <Typography variant="body2">尚未登记任何镇街：请导入各镇街的公钥文件</Typography>}
        {rows.length > 0 && (
          <Table size="small" aria-label="已登记镇街">
            <TableHead>
              <TableRow>
                <TableCell>镇街</TableCell>
                <TableCell>代码</TableCell>
                <TableCell>指纹</TableCell>
                <TableCell>文件夹</TableCell>
                <TableCell align="right">最近序号</TableCell>
                <TableCell>最近导入</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((t) => (
                <TableRow key={t.code}>
                  <TableCell>{t.name}</TableCell>
                  <TableCell>{t.code}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, maxWidth: 260 }} data-fingerprint={t.fingerprint}>
                    {t.fingerprint}
                  </TableCell>
                  <TableCell>{t.folder ?? '（同步文件夹）'}</TableCell>
                  <TableCell align="right">{t.lastSequence}</TableCell>
                  <TableCell>{t.lastImportedAt ? formatDateTime(t.lastImportedAt) : '尚未导入'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <KeyImport expect="town" label="登记镇街" withFolder onEnrolled={onEnrolled} />
      </Stack>
    </Section>
  );
}
