import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { LIMITS, type CaseDetail } from '../../../contract';
import { fieldErrorsOf, fieldState } from '../../../components/fieldErrors';
import { useRpcAction } from '../../../components/useRpc';
import { businessToday } from '../../../format';
import { rpc } from '../../../rpc';
import { DATE_LABEL_PROPS, wholeNumber } from './fields';
import { StepDialog } from './StepDialog';

interface Props {
  detail: CaseDetail;
  onCancel: () => void;
  onSaved: (detail: CaseDetail) => void;
}

/** 民主评议: the village meeting's date, head count, votes in favour and its opinion. */
export function ReviewDialog({ detail, onCancel, onSaved }: Props) {
  const action = useRpcAction();
  const [reviewDate, setReviewDate] = useState(businessToday());
  const [participants, setParticipants] = useState('');
  const [inFavour, setInFavour] = useState('');
  const [opinion, setOpinion] = useState('');
  const errors = fieldErrorsOf(action.error);

  const submit = async () => {
    const saved = await action.run(() =>
      rpc.call('reviews.record', {
        caseId: detail.id,
        reviewDate,
        participants: wholeNumber(participants),
        inFavour: wholeNumber(inFavour),
        opinion,
      }),
    );
    if (saved) onSaved(saved);
  };

  const edit = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    action.setError(null);
    set(e.target.value);
  };

  return (
    <StepDialog title="民主评议" submitLabel="登记" error={action.error} busy={action.busy} onCancel={onCancel} onSubmit={() => void submit()}>
      <TextField label="评议日期" type="date" value={reviewDate} onChange={edit(setReviewDate)} required autoFocus slotProps={DATE_LABEL_PROPS} {...fieldState(errors, 'reviewDate')} />
      <TextField label="参加人数" value={participants} onChange={edit(setParticipants)} required inputMode="numeric" {...fieldState(errors, 'participants')} />
      <TextField label="同意人数" value={inFavour} onChange={edit(setInFavour)} required inputMode="numeric" {...fieldState(errors, 'inFavour')} />
      <TextField
        label="评议意见"
        value={opinion}
        onChange={edit(setOpinion)}
        required
        multiline
        slotProps={{ htmlInput: { maxLength: LIMITS.textLongMax } }}
        {...fieldState(errors, 'opinion')}
      />
    </StepDialog>
  );
}
