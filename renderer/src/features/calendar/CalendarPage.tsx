import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { useRpcAction, useRpcQuery } from '../../components/useRpc';
import { businessToday, formatPlainDate } from '../../format';
import { rpc } from '../../rpc';
import { CalendarDayDialog, DAY_KIND_LABELS, type CalendarDay } from './CalendarDayDialog';

// Years offered: last year to two years ahead, enough to enter the State Council's list once
// it is published each winter.
const YEARS_BACK = 1;
const YEARS_AHEAD = 2;

/** 节假日: the public holidays and make-up working days that the time limits count around. */
export function CalendarPage() {
  const thisYear = Number(businessToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const list = useRpcQuery('calendar.list', { year });
  const [editing, setEditing] = useState<CalendarDay | 'new' | null>(null);
  const [clearing, setClearing] = useState<CalendarDay | null>(null);
  const clear = useRpcAction();
  const years = Array.from({ length: YEARS_BACK + YEARS_AHEAD + 1 }, (_, i) => thisYear - YEARS_BACK + i);

  const confirmClear = async (day: CalendarDay) => {
    const saved = await clear.run(() => rpc.call('calendar.set', { date: day.date, kind: null, note: '' }));
    if (saved) {
      setClearing(null);
      list.reload();
    }
  };

  return (
    <>
      <PageHeader title="节假日">
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <SelectField label="年份" value={String(year)} options={years.map((y) => ({ value: String(y), label: `${y}年` }))} onChange={(v) => setYear(Number(v))} />
          <Button variant="contained" onClick={() => setEditing('new')} sx={{ flexShrink: 0 }}>
            添加日期
          </Button>
        </Stack>
      </PageHeader>
      <ErrorAlert error={list.error} />
      <ErrorAlert error={clear.error} />
      <Paper sx={{ p: 2 }}>
        {list.loading && !list.data && <CircularProgress aria-label="正在加载" />}
        {list.data && (
          <Table size="small" aria-label={`${year}年节假日与调休上班日`}>
            <TableHead>
              <TableRow>
                <TableCell>日期</TableCell>
                <TableCell>类型</TableCell>
                <TableCell>说明</TableCell>
                <TableCell align="right">操作</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.data.length === 0 && (
                <TableRow>
                  <TableCell colSpan={4}>本年尚未设置节假日，办理时限只扣除周末</TableCell>
                </TableRow>
              )}
              {list.data.map((day) => (
                <TableRow key={day.date}>
                  <TableCell>{formatPlainDate(day.date)}</TableCell>
                  <TableCell>{DAY_KIND_LABELS[day.kind]}</TableCell>
                  <TableCell>{day.note}</TableCell>
                  <TableCell align="right">
                    <Button size="small" onClick={() => setEditing(day)}>
                      修改
                    </Button>
                    <Button size="small" color="error" onClick={() => setClearing(day)}>
                      恢复正常
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>
      {editing !== null && (
        <CalendarDayDialog
          day={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
      <ConfirmDialog
        open={clearing !== null}
        title="恢复为正常日期"
        confirmLabel="恢复正常"
        busy={clear.busy}
        onConfirm={() => clearing && void confirmClear(clearing)}
        onCancel={() => setClearing(null)}
      >
        {clearing && `${formatPlainDate(clearing.date)}将按普通的工作日或周末计算。`}
      </ConfirmDialog>
    </>
  );
}
