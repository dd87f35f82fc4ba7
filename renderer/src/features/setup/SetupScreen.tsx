import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { passwordProblem, type Installation, type InstallationKind } from '../../contract';
import { CenteredCard } from '../../components/CenteredCard';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { PasswordField } from '../../components/PasswordField';
import { SelectField } from '../../components/SelectField';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { useSession } from '../../session/context';
import { Fingerprint } from '../sync/Fingerprint';

/**
 * After setup, before the login: the key made at setup, whose fingerprint the admin reads to
 * the other side by phone when the public key files are exchanged (exported from 数据同步).
 */
function SetupDone({ installation, fingerprint, onContinue }: { installation: Installation; fingerprint: string; onContinue: () => void }) {
  const other = installation.kind === 'town' ? '区民政局' : '各镇街';
  return (
    <CenteredCard title="设置完成" subtitle="本机已生成数据同步所用的密钥。" width={520}>
      <Stack spacing={2}>
        <div>
          <Typography variant="body2" color="text.secondary">
            本机密钥指纹
          </Typography>
          <Fingerprint value={fingerprint} label="本机密钥指纹" testId="setup-fingerprint" />
        </div>
        <Typography variant="body2">
          与{other}交换公钥文件时，请打电话向对方逐组读出这串指纹，由对方与其导入时显示的指纹核对；对方的指纹也请这样核对。本机的公钥文件请在登录后从「数据同步」页面导出。
        </Typography>
        <Button variant="contained" size="large" onClick={onContinue} autoFocus>
          前往登录
        </Button>
      </Stack>
    </CenteredCard>
  );
}

export function SetupScreen() {
  const { setupDone } = useSession();
  const towns = useRpcQuery('setup.towns', {});
  const action = useRpcAction();
  const [kind, setKind] = useState<InstallationKind>('town');
  const [townCode, setTownCode] = useState('');
  const [username, setUsername] = useState('admin');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<Record<string, string>>({});
  const [done, setDone] = useState<{ installation: Installation; fingerprint: string } | null>(null);
  const errors = { ...fieldErrorsOf(action.error), ...localError };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (kind === 'town' && !townCode) problems.townCode = '请选择本机所属的镇街';
    const policy = passwordProblem(password);
    if (policy) problems['admin.password'] = policy;
    if (confirm !== password) problems.confirm = '两次输入的密码不一致';
    setLocalError(problems);
    if (Object.keys(problems).length > 0) return;
    const result = await action.run(() =>
      rpc.call('setup.run', { kind, townCode: kind === 'town' ? townCode : null, admin: { username, displayName, password } }),
    );
    if (result) setDone({ installation: result.installation, fingerprint: result.fingerprint });
  };

  if (done) return <SetupDone installation={done.installation} fingerprint={done.fingerprint} onContinue={() => setupDone(done.installation)} />;

  const districtName = towns.data?.districtName ?? '峄城区';
  return (
    <CenteredCard title="首次设置" subtitle={`${districtName}社会救助一窗通：选择本机所属单位并创建第一个管理员账号。`} width={480}>
      <ErrorAlert error={action.error ?? towns.error} />
      <Stack component="form" spacing={2} onSubmit={(e) => void submit(e)} noValidate>
        <FormControl>
          <FormLabel id="setup-kind">安装类型</FormLabel>
          <RadioGroup row aria-labelledby="setup-kind" value={kind} onChange={(e) => setKind(e.target.value as InstallationKind)}>
            <FormControlLabel value="town" control={<Radio />} label="镇街（服务大厅）" />
            <FormControlLabel value="district" control={<Radio />} label="区民政局" />
          </RadioGroup>
        </FormControl>
        {kind === 'town' && (
          <SelectField
            label="镇街"
            value={townCode}
            placeholder="请选择镇街"
            options={(towns.data?.towns ?? []).map((t) => ({ value: t.code, label: `${t.name}（${t.code}）` }))}
            onChange={setTownCode}
            {...fieldState(errors, 'townCode')}
          />
        )}
        <TextField label="管理员用户名" value={username} onChange={(e) => setUsername(e.target.value)} {...fieldState(errors, 'admin.username')} />
        <TextField label="管理员姓名" value={displayName} onChange={(e) => setDisplayName(e.target.value)} {...fieldState(errors, 'admin.displayName')} />
        <PasswordField label="密码" value={password} onChange={setPassword} policy error={errors['admin.password']} />
        <PasswordField label="确认密码" value={confirm} onChange={setConfirm} error={errors.confirm} autoComplete="new-password" />
        <Button type="submit" variant="contained" size="large" disabled={action.busy}>
          完成设置
        </Button>
      </Stack>
    </CenteredCard>
  );
}
