import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { LIMITS, PAYOUT_METHOD_LABELS, type InputOf } from '../../contract';
import { fieldState, type FieldErrors } from '../../components/fieldErrors';

type Payee = InputOf<'payouts.approve'>['payee'];
type Payment = InputOf<'payouts.approve'>['payment'];
type Method = Payment['method'];

/** What the payee and payment part of a dialog holds while it is typed. */
export interface PayeeDraft {
  proxy: boolean;
  name: string;
  residentId: string;
  relation: string;
  method: Method;
  bankName: string;
  bankAccount: string;
}

// Cash is offered first: the window pays it when it is necessary, and the dialog is opened by
// the approver who is paying at the counter; a bank transfer records the account instead.
export const EMPTY_PAYEE: PayeeDraft = { proxy: false, name: '', residentId: '', relation: '', method: 'cash', bankName: '', bankAccount: '' };

export function payeeOf(d: PayeeDraft): Payee {
  return d.proxy ? { proxy: true, name: d.name, residentId: d.residentId, relation: d.relation } : { proxy: false };
}

export function paymentOf(d: PayeeDraft): Payment {
  return d.method === 'bank' ? { method: 'bank', bankName: d.bankName, bankAccount: d.bankAccount.replace(/\s/g, '') } : { method: 'cash' };
}

interface Props {
  applicantName: string;
  value: PayeeDraft;
  onChange: (next: PayeeDraft) => void;
  errors: FieldErrors;
}

/** 发放方式 and 领款人: the applicant, or a proxy payee (代领人) with their own ID and relation. */
export function PayeeFields({ applicantName, value, onChange, errors }: Props) {
  const set = (patch: Partial<PayeeDraft>) => onChange({ ...value, ...patch });
  return (
    <Stack spacing={2}>
      <div>
        <Typography variant="body2" color="text.secondary" id="payout-method-label">
          发放方式
        </Typography>
        <RadioGroup row aria-labelledby="payout-method-label" value={value.method} onChange={(e) => set({ method: e.target.value === 'bank' ? 'bank' : 'cash' })}>
          {(['cash', 'bank'] as const).map((m) => (
            <FormControlLabel key={m} value={m} control={<Radio />} label={PAYOUT_METHOD_LABELS[m]} />
          ))}
        </RadioGroup>
      </div>
      {value.method === 'bank' && (
        <>
          <TextField label="开户银行" value={value.bankName} onChange={(e) => set({ bankName: e.target.value })} required slotProps={{ htmlInput: { maxLength: LIMITS.textShortMax } }} {...fieldState(errors, 'payment.bankName')} />
          <TextField
            label="银行账号"
            value={value.bankAccount}
            onChange={(e) => set({ bankAccount: e.target.value })}
            required
            inputMode="numeric"
            slotProps={{ htmlInput: { maxLength: 40 } }}
            {...fieldState(errors, 'payment.bankAccount', '8至30位数字')}
          />
        </>
      )}
      <div>
        <Typography variant="body2" color="text.secondary" id="payout-payee-label">
          领款人
        </Typography>
        <RadioGroup row aria-labelledby="payout-payee-label" value={value.proxy ? 'proxy' : 'self'} onChange={(e) => set({ proxy: e.target.value === 'proxy' })}>
          <FormControlLabel value="self" control={<Radio />} label={`申请人本人（${applicantName}）`} />
          <FormControlLabel value="proxy" control={<Radio />} label="代领人" />
        </RadioGroup>
      </div>
      {value.proxy && (
        <>
          <TextField label="代领人姓名" value={value.name} onChange={(e) => set({ name: e.target.value })} required slotProps={{ htmlInput: { maxLength: LIMITS.textShortMax } }} {...fieldState(errors, 'payee.name')} />
          <TextField
            label="代领人公民身份号码"
            value={value.residentId}
            onChange={(e) => set({ residentId: e.target.value })}
            required
            slotProps={{ htmlInput: { maxLength: LIMITS.textShortMax } }}
            {...fieldState(errors, 'payee.residentId')}
          />
          <TextField
            label="与申请人关系"
            value={value.relation}
            onChange={(e) => set({ relation: e.target.value })}
            required
            slotProps={{ htmlInput: { maxLength: LIMITS.textShortMax } }}
            {...fieldState(errors, 'payee.relation', '如 配偶、子女、村委会工作人员')}
          />
        </>
      )}
    </Stack>
  );
}
