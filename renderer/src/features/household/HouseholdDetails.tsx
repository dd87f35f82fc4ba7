import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { REGISTRATION_LABELS, type HouseholdView } from '../../contract';
import { formatDate } from '../../format';

function Item({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="dt">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, fontWeight: 500 }}>
        {value || '—'}
      </Typography>
    </Box>
  );
}

export function HouseholdDetails({ household }: { household: HouseholdView }) {
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 2, m: 0 }}>
      <Item label="村居" value={household.villageName} />
      <Item label="住址" value={household.address} />
      <Item label="电话" value={household.phone} />
      <Item label="户籍类型" value={REGISTRATION_LABELS[household.registration]} />
      <Item label="现有成员" value={`${household.members.length} 人`} />
      <Item label="登记日期" value={formatDate(household.createdAt)} />
    </Box>
  );
}
