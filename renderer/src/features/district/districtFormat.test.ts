import { describe, expect, it } from 'vitest';
import type { DistrictCaseRow, SyncAlertRow } from '../../contract';
import { awaitingDecision, casesByKind, claimStateLabel, newestFirst, sequenceRuns, townProblems, yuanInput } from './districtFormat';

describe('sequenceRuns', () => {
  it('joins consecutive numbers into runs and keeps single ones', () => {
    expect(sequenceRuns([3, 4, 5, 8])).toBe('3–5、8');
    expect(sequenceRuns([7])).toBe('7');
    expect(sequenceRuns([])).toBe('');
  });
  it('sorts and drops repeats first', () => {
    expect(sequenceRuns([10, 2, 3, 3, 1])).toBe('1–3、10');
  });
});

describe('townProblems', () => {
  it('is empty for a town with nothing to look into', () => {
    expect(townProblems({ missingSequences: [], quarantined: 0, alerts: 0 })).toEqual([]);
  });
  it('names the gap, the quarantine and the alerts', () => {
    expect(townProblems({ missingSequences: [4, 5], quarantined: 1, alerts: 2 })).toEqual(['缺少第 4–5 号数据包', '1 个数据包已隔离', '2 条预警']);
  });
});

function caseRow(over: Partial<DistrictCaseRow>): DistrictCaseRow {
  return {
    townCode: '370404101',
    townName: '阴平镇',
    caseId: '00000000-0000-4000-8000-000000000001',
    caseNo: '370404101-2026-00001',
    applicantName: '张三',
    reliefType: 'linshi',
    state: 'submitted_to_district',
    acceptedAt: '2026-11-01T02:00:00.000Z',
    promisedBy: '2026-11-20',
    overdue: false,
    amountFen: 500000,
    districtDecision: null,
    ...over,
  };
}

describe('awaitingDecision', () => {
  it('keeps submitted cases the district has not decided', () => {
    const waiting = caseRow({ caseNo: 'a' });
    const decided = caseRow({ caseNo: 'b', districtDecision: 'approved' });
    const other = caseRow({ caseNo: 'c', state: 'deciding' });
    expect(awaitingDecision([waiting, decided, other]).map((r) => r.caseNo)).toEqual(['a']);
  });
});

describe('newestFirst', () => {
  const alert = (id: number, at: string): SyncAlertRow => ({ id, kind: 'paid_in_two_towns', peerCode: '370404101', sequence: 1, message: '', at });
  it('orders by time, newest first, then by id', () => {
    const sorted = newestFirst([alert(1, '2026-11-01T00:00:00.000Z'), alert(3, '2026-11-02T00:00:00.000Z'), alert(2, '2026-11-02T00:00:00.000Z')]);
    expect(sorted.map((a) => a.id)).toEqual([3, 2, 1]);
  });
  it('leaves its input alone', () => {
    const input = [alert(1, '2026-11-01T00:00:00.000Z'), alert(2, '2026-11-02T00:00:00.000Z')];
    newestFirst(input);
    expect(input.map((a) => a.id)).toEqual([1, 2]);
  });
});

describe('yuanInput', () => {
  it('writes fen as yuan with two decimals', () => {
    expect(yuanInput(120050)).toBe('1200.50');
    expect(yuanInput(1)).toBe('0.01');
    expect(yuanInput(300000)).toBe('3000.00');
  });
});

describe('claimStateLabel', () => {
  it('names the known states and shows an unknown one as written', () => {
    expect(claimStateLabel('submitted')).toBe('已提交待补拨');
    expect(claimStateLabel('settled')).toBe('已补拨结算');
    expect(claimStateLabel('draft')).toBe('draft');
  });
});

describe('casesByKind', () => {
  it('groups by kind in catalogue order, states in life-cycle order, and leaves empty kinds out', () => {
    const tallies = casesByKind([
      { reliefType: 'linshi', state: 'paid', count: 2 },
      { reliefType: 'dibao', state: 'in_notice', count: 1 },
      { reliefType: 'linshi', state: 'accepted', count: 3 },
      { reliefType: 'dibao', state: 'accepted', count: 0 },
    ]);
    expect(tallies).toEqual([
      { reliefType: 'dibao', total: 1, states: [{ state: 'in_notice', count: 1 }] },
      {
        reliefType: 'linshi',
        total: 5,
        states: [
          { state: 'accepted', count: 3 },
          { state: 'paid', count: 2 },
        ],
      },
    ]);
  });
  it('is empty for a town without cases', () => {
    expect(casesByKind([])).toEqual([]);
  });
});
