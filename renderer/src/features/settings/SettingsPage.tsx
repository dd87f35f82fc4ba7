import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { LIMITS, type InputOf, type Settings } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { PageHeader } from '../../components/PageHeader';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { rpc } from '../../rpc';
import { useSignedIn } from '../../session/context';
import { reliefChanges, reliefDraftOf, reliefProblems, ReliefSettingsFields } from '../payouts/ReliefSettings';

const { idleLockMinutesMin: MIN, idleLockMinutesMax: MAX } = LIMITS;
const PAPERS: readonly Settings['receiptPaper'][] = ['58mm', '80mm'];

function SettingsForm({ initial }: { initial: Settings }) {
  const { api } = useSignedIn();
  const action = useRpcAction();
  const [current, setCurrent] = useState(initial);
  const [minutes, setMinutes] = useState(String(initial.idleLockMinutes));
  const [officeName, setOfficeName] = useState(initial.officeName);
  const [enquiryPhone, setEnquiryPhone] = useState(initial.enquiryPhone);
  const [receiptPrinterUri, setReceiptPrinterUri] = useState(initial.receiptPrinterUri);
  const [receiptPaper, setReceiptPaper] = useState(initial.receiptPaper);
  const [relief, setRelief] = useState(() => reliefDraftOf(initial));
  const [saved, setSaved] = useState(false);
  const value = Number(minutes);
  const reliefValid = Object.values(reliefProblems(relief)).every((p) => p === null);
  const minutesValid = Number.isInteger(value) && value >= MIN && value <= MAX;
  const valid = minutesValid && reliefValid;
  const errors = fieldErrorsOf(action.error);

  const edited = <T,>(set: (v: T) => void) => (v: T) => {
    setSaved(false);
    set(v);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    // Only what changed is sent: another admin's change to a field left alone here stands.
    const changes: InputOf<'settings.update'> = {
      ...(value !== current.idleLockMinutes ? { idleLockMinutes: value } : {}),
      ...(officeName !== current.officeName ? { officeName } : {}),
      ...(enquiryPhone !== current.enquiryPhone ? { enquiryPhone } : {}),
      ...(receiptPrinterUri !== current.receiptPrinterUri ? { receiptPrinterUri } : {}),
      ...(receiptPaper !== current.receiptPaper ? { receiptPaper } : {}),
      ...reliefChanges(relief, current),
    };
    const result = await action.run(() => rpc.call('settings.update', changes));
    if (!result) return;
    setCurrent(result);
    setRelief(reliefDraftOf(result));
    api.idleLockChanged(result.idleLockMinutes * 60_000);
    setSaved(true);
  };

  return (
    <Stack component="form" spacing={2} onSubmit={(e) => void submit(e)} noValidate sx={{ maxWidth: 420 }}>
      <ErrorAlert error={action.error} />
      {saved && <Alert severity="success">设置已保存</Alert>}
      <TextField
        type="number"
        label="空闲锁定时间（分钟）"
        value={minutes}
        onChange={(e) => edited(setMinutes)(e.target.value)}
        slotProps={{ htmlInput: { min: MIN, max: MAX, step: 1 } }}
        {...(minutesValid ? fieldState(errors, 'idleLockMinutes', `无键盘鼠标操作超过该时间后锁定屏幕（${MIN}-${MAX}）`) : { error: true, helperText: `请输入 ${MIN} 到 ${MAX} 之间的整数` })}
      />
      <TextField
        label="回执上的单位名称"
        value={officeName}
        onChange={(e) => edited(setOfficeName)(e.target.value)}
        slotProps={{ htmlInput: { maxLength: LIMITS.textShortMax } }}
        {...fieldState(errors, 'officeName', '留空时使用“本镇名称 + 社会救助服务大厅”')}
      />
      <TextField label="咨询电话" value={enquiryPhone} onChange={(e) => edited(setEnquiryPhone)(e.target.value)} {...fieldState(errors, 'enquiryPhone')} />
      <TextField
        label="回执打印机地址"
        value={receiptPrinterUri}
        onChange={(e) => edited(setReceiptPrinterUri)(e.target.value)}
        {...fieldState(errors, 'receiptPrinterUri', '如 tcp://192.168.1.50:9100，不用打印机时留空')}
      />
      <TextField select label="回执纸宽" value={receiptPaper} onChange={(e) => edited(setReceiptPaper)(e.target.value as Settings['receiptPaper'])} {...fieldState(errors, 'receiptPaper')}>
        {PAPERS.map((p) => (
          <MenuItem key={p} value={p}>
            {p}
          </MenuItem>
        ))}
      </TextField>
      <ReliefSettingsFields value={relief} onChange={edited(setRelief)} errors={errors} />
      <Button type="submit" variant="contained" disabled={!valid || action.busy}>
        保存
      </Button>
    </Stack>
  );
}

export function SettingsPage() {
  const settings = useRpcQuery('settings.get', {});
  return (
    <>
      <PageHeader title="系统设置" />
      <ErrorAlert error={settings.error} />
      <Paper sx={{ p: 3, maxWidth: 520 }}>{settings.data && <SettingsForm initial={settings.data} />}</Paper>
    </>
  );
}
