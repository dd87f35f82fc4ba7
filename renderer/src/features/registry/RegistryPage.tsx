import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import SearchIcon from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { navigate } from '../../routing';
import { useSignedIn } from '../../session/context';
import { RegisterHouseholdDialog } from './RegisterHouseholdDialog';
import { SearchResults } from './SearchResults';
import { SEARCH_LIMIT, useRegistrySearch } from './useRegistrySearch';

function hintFor(q: string): string | null {
  if (q === '') return '输入身份号码（全号、前几位或末4-6位）、姓名或姓名开头、拼音首字母（如 zs 查张三）或电话号码';
  if (/^\d{1,3}$/.test(q)) return '按身份号码末位查找请至少输入4位数字';
  return null;
}

function open(hit: SearchHit): void {
  if (hit.householdId) navigate('registry', 'household', hit.householdId);
}

export function RegistryPage() {
  const { user } = useSignedIn();
  const [q, setQ] = useState('');
  // Enter pressed before the answer for this query came: open its first hit when it lands.
  const enterPendingFor = useRef<string | null>(null);
  const search = useRegistrySearch(q, (answer) => {
    if (enterPendingFor.current !== answer.query) return;
    enterPendingFor.current = null;
    const first = answer.hits[0];
    if (first) open(first);
  });
  const [cursor, setCursor] = useState({ query: '', index: 0 });
  const [registering, setRegistering] = useState(false);
  const highlighted = cursor.query === search.query ? cursor.index : 0;
  const current = search.query === q.trim();

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const count = search.hits.length;
    if (e.key === 'ArrowDown' && count > 0) {
      e.preventDefault();
      setCursor({ query: search.query, index: Math.min(highlighted + 1, count - 1) });
    } else if (e.key === 'ArrowUp' && count > 0) {
      e.preventDefault();
      setCursor({ query: search.query, index: Math.max(highlighted - 1, 0) });
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      if (!current) {
        enterPendingFor.current = q.trim();
        return;
      }
      const hit = search.hits[highlighted];
      if (hit) open(hit);
    }
  };

  const hint = hintFor(q.trim());
  return (
    <>
      <PageHeader title="户籍档案">
        {user.roles.includes('clerk') && (
          <Button variant="contained" startIcon={<PersonAddAlt1Outlined />} onClick={() => setRegistering(true)}>
            登记新户
          </Button>
        )}
      </PageHeader>
      <Paper sx={{ p: 2, mb: 2 }}>
        <TextField
          label="查找人员"
          placeholder="身份号码 / 姓名 / 拼音首字母 / 电话"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={onSearchKey}
          autoFocus
          fullWidth
          size="medium"
          autoComplete="off"
          slotProps={{
            input: { startAdornment: <InputAdornment position="start"><SearchIcon /></InputAdornment> },
            htmlInput: { 'aria-describedby': 'registry-search-hint' },
          }}
        />
        <Typography id="registry-search-hint" variant="body2" color="text.secondary" sx={{ mt: 1, minHeight: '1.5em' }}>
          {hint ?? '↑↓ 选择，Enter 打开该户'}
        </Typography>
      </Paper>
      {search.searching && <LinearProgress sx={{ mb: 1 }} aria-label="正在查找" />}
      <ErrorAlert error={search.error} />
      {search.query !== '' && !search.error && (
        <Paper sx={{ overflowX: 'auto' }}>
          {search.hits.length === 0 ? (
            <Alert severity="info">未找到与“{search.query}”匹配的人员。</Alert>
          ) : (
            <SearchResults hits={search.hits} highlighted={highlighted} onOpen={open} />
          )}
          {search.truncated && (
            <Typography variant="body2" color="text.secondary" sx={{ p: 1.5 }}>
              只显示前 {SEARCH_LIMIT} 条结果，请输入更多内容缩小范围。
            </Typography>
          )}
        </Paper>
      )}
      {registering && (
        <RegisterHouseholdDialog
          onCancel={() => setRegistering(false)}
          onCreated={(household) => {
            setRegistering(false);
            navigate('registry', 'household', household.id);
          }}
        />
      )}
    </>
  );
}
