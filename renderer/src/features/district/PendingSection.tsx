import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcQuery } from '../../components/useRpc';
import { LIMITS, type DistrictCaseRow } from '../../contract';
import { CaseTable } from './CasesSection';
import { DecideDialog } from './DecideDialog';
import { awaitingDecision } from './districtFormat';

// 待区级审批 on the 区级总览: the cases the towns submitted (above their own limit) that the
// district has not decided yet. A decision recorded here leaves the list at once; the town
// learns it from the next answer package.

const SUBMITTED = { townCode: null, reliefType: null, state: 'submitted_to_district', overdueOnly: false, limit: LIMITS.districtListRowsMax } as const;

export function PendingSection({ round, onDecided }: { round: number; onDecided: () => void }) {
  const cases = useRpcQuery('district.cases', SUBMITTED);
  const reload = cases.reload;
  useEffect(() => reload(), [round, reload]);
  const [deciding, setDeciding] = useState<DistrictCaseRow | null>(null);
  const [decided, setDecided] = useState<string | null>(null);
  const rows = awaitingDecision(cases.data?.rows ?? []);
  return (
    <>
      <ErrorAlert error={cases.error} />
      {decided && (
        <Alert severity="success" sx={{ mb: 2 }}>
          {decided}
        </Alert>
      )}
      {cases.data && rows.length === 0 && <Typography color="text.secondary">没有待区级审批的案件</Typography>}
      {rows.length > 0 && (
        <CaseTable
          rows={rows}
          label="待区级审批"
          action={(row) => (
            <Button
              size="small"
              variant="outlined"
              aria-label={`审批 ${row.caseNo}`}
              onClick={() => {
                setDecided(null);
                setDeciding(row);
              }}
            >
              审批
            </Button>
          )}
        />
      )}
      {deciding && (
        <DecideDialog
          row={deciding}
          onCancel={() => setDeciding(null)}
          onDecided={(caseNo) => {
            setDeciding(null);
            setDecided(`已记录对 ${caseNo} 的区级审批决定，将随下一个回执数据包送达镇街`);
            onDecided();
          }}
        />
      )}
    </>
  );
}
