import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { LIMITS } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsOf, fieldState } from '../../components/fieldErrors';
import { useRpcAction } from '../../components/useRpc';
import { businessToday } from '../../format';
import { rpc } from '../../rpc';
import type { CreatedNotice } from './noticeTypes';

interface Props {
  notice: CreatedNotice;
  onCancel: () => void;
  onSaved: (caseNo: string) => void;
}

/** 登记异议: the case goes back to the home visit (the server moves it). */
export function ObjectionDialog({ notice, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [caseId, setCaseId] = useState(notice.cases[0]?.caseId ?? '');
  const [receivedDate, setReceivedDate] = useState(businessToday());
  const [content, setContent] = useState('');
  const errors = fieldErrorsOf(action.error);

  const submit = async () => {
    const saved = await action.run(() => rpc.call('notices.objection', { noticeId: notice.id, caseId, receivedDate, content }));
    if (saved) onSaved(saved.caseNo);
  };

  return (
    <Dialog open maxWidth="sm" fullWidth onClose={(_, reason) => reason !== 'backdropClick' && onCancel()} aria-labelledby="objection-title">
      <DialogTitle id="objection-title">登记异议</DialogTitle>
      <DialogContent dividers>
        <ErrorAlert error={action.error} />
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField select label="异议所涉案件" value={caseId} onChange={(e) => setCaseId(e.target.value)} {...fieldState(errors, 'caseId')}>
            {notice.cases.map((c) => (
              <MenuItem key={c.caseId} value={c.caseId}>
                {c.caseNo} {c.applicantName}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            type="date"
            label="收到日期"
            value={receivedDate}
            onChange={(e) => setReceivedDate(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
            {...fieldState(errors, 'receivedDate')}
          />
          <TextField
            label="异议内容"
            value={content}
            onChange={(e) => setContent(e.target.value)}
            required
            multiline
            minRows={3}
            slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }}
            {...fieldState(errors, 'content')}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>取消</Button>
        <Button variant="contained" onClick={() => void submit()} disabled={action.busy || caseId === ''}>
          登记
        </Button>
      </DialogActions>
    </Dialog>
  );
}
