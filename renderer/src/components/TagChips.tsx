import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { TARGET_GROUP_LABELS, type TargetGroup } from '../contract';

export function TagChips({ tags }: { tags: readonly TargetGroup[] }) {
  if (tags.length === 0) return null;
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
      {tags.map((t) => (
        <Chip key={t} label={TARGET_GROUP_LABELS[t]} size="small" color="secondary" variant="outlined" />
      ))}
    </Stack>
  );
}
