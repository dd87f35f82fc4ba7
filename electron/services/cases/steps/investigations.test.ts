import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { democraticReviews, investigations } from '../../../../db/schema';
import type { CaseSummary, HouseholdView, InputOf, RpcResult } from '../../../contract';
import { intakeForm, materialsOf, memberId, registerFamily } from '../../../testing/caseFixtures';
import { checkThrough } from '../../../testing/stepFixtures';
import { auditRows, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../../../testing/testApp';

// The home investigation and the village review: 低保 goes to review after the visit,
// temporary relief straight to notice; each step only in its own stage.

const TODAY = '2026-11-28';

let t: TestApp;
let clerk: string;
let family: HouseholdView;
let neighbours: HouseholdView;
let dibao: CaseSummary;
let linshi: CaseSummary;

function message(result: RpcResult<unknown>): string {
  return result.ok ? '' : result.error.message;
}

function issuePaths(result: RpcResult<unknown>): string[] {
  return result.ok ? [] : (result.error.issues ?? []).map((i) => i.path);
}

function visit(caseId: string, patch: Partial<InputOf<'investigations.record'>> = {}): InputOf<'investigations.record'> {
  return {
    caseId,
    visitDate: TODAY,
    investigator1: '朱调查',
    investigator2: '秦调查',
    housing: '自有平房三间，年久失修',
    income: [
      { personId: memberId(family, 0), monthlyIncomeFen: 80_000, source: '务农' },
      { personId: memberId(family, 1), monthlyIncomeFen: 0, source: '' },
    ],
    assets: '无机动车，无存款',
    cause: '户主患慢性病，丧失部分劳动能力',
    supporters: '无',
    conclusion: '家庭人均收入低于当地低保标准',
    ...patch,
  };
}

function review(caseId: string, patch: Partial<InputOf<'reviews.record'>> = {}): InputOf<'reviews.record'> {
  return { caseId, reviewDate: TODAY, participants: 15, inFavour: 14, opinion: '同意纳入低保', ...patch };
}

beforeAll(() => {
  t = createTestApp();
  clerk = setUpTown(t).clerk.token;
  family = registerFamily(t, clerk, '尤');
  neighbours = registerFamily(t, clerk, '许');
  const accepted = t.must(
    'cases.intake',
    intakeForm(family, 'dibao', {
      kinds: [
        { reliefType: 'dibao', category: null, materials: materialsOf('dibao') },
        { reliefType: 'linshi', category: '急难型', materials: materialsOf('linshi') },
      ],
    }),
    clerk,
  ).cases;
  const [first, second] = accepted;
  if (!first || !second) throw new Error('no cases');
  [dibao, linshi] = first.reliefType === 'dibao' ? [first, second] : [second, first];
  checkThrough(t, clerk, family, dibao.id, TODAY);
  checkThrough(t, clerk, family, linshi.id, TODAY);
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

describe('the home investigation', () => {
  it('is refused before the check is done, in the life cycle words', () => {
    const [early] = t.must('cases.intake', intakeForm(neighbours), clerk).cases;
    if (!early) throw new Error('no case');
    const refused = t.call('investigations.record', visit(early.id, { income: [] }), clerk);
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(message(refused)).toBe('案件当前状态为“已受理”，不在入户调查阶段');
  });

  it('needs two different investigators and income of current members only, once each', () => {
    expect(issuePaths(t.call('investigations.record', visit(dibao.id, { investigator2: '朱调查' }), clerk))).toEqual(['investigator2']);
    const stranger = { personId: memberId(neighbours, 0), monthlyIncomeFen: 1, source: '' };
    const twice = { personId: memberId(family, 0), monthlyIncomeFen: 1, source: '' };
    expect(issuePaths(t.call('investigations.record', visit(dibao.id, { income: [twice, stranger, twice] }), clerk))).toEqual([
      'income.1.personId',
      'income.2.personId',
    ]);
    expect(issuePaths(t.call('investigations.record', visit(dibao.id, { visitDate: '2026-11-29' }), clerk))).toEqual(['visitDate']);
    expect(t.app.db.select().from(investigations).all()).toHaveLength(0);
  });

  it('moves 低保 to the democratic review', () => {
    const detail = t.must('investigations.record', visit(dibao.id), clerk);
    expect(detail.state).toBe('reviewing');
    const [stored] = t.app.db.select().from(investigations).where(eq(investigations.caseId, dibao.id)).all();
    expect(stored).toMatchObject({ investigator1: '朱调查', investigator2: '秦调查', visitDate: TODAY });
    expect(JSON.parse(stored?.incomeJson ?? '[]')).toHaveLength(2);
  });

  it('moves temporary relief straight to notice', () => {
    expect(t.must('investigations.record', visit(linshi.id, { income: [] }), clerk).state).toBe('ready_for_notice');
  });

  it('is audited against the case, without the names and circumstances', () => {
    const rows = auditRows(t, 'investigations.record');
    expect(rows.map((r) => r.entityId)).toEqual([dibao.id, linshi.id]);
    for (const row of rows) {
      expect(row.entityType).toBe('case');
      expect(row.detail).not.toContain('朱调查');
      expect(row.detail).not.toContain('慢性病');
    }
  });

  it('a second investigation outside the stage is refused', () => {
    const again = t.call('investigations.record', visit(linshi.id), clerk);
    expect(message(again)).toBe('案件当前状态为“待公示”，不在入户调查阶段');
  });
});

describe('the democratic review', () => {
  it('refuses more in favour than took part', () => {
    expect(issuePaths(t.call('reviews.record', review(dibao.id, { participants: 10, inFavour: 11 }), clerk))).toEqual(['inFavour']);
  });

  it('moves the case to notice', () => {
    const detail = t.must('reviews.record', review(dibao.id), clerk);
    expect(detail.state).toBe('ready_for_notice');
    expect(detail.events.at(-1)).toMatchObject({ event: 'review_completed', note: '民主评议（2026-11-28）：参加 15 人，同意 14 人' });
    expect(t.app.db.select().from(democraticReviews).where(eq(democraticReviews.caseId, dibao.id)).all()).toHaveLength(1);
    expect(auditRows(t, 'reviews.record').at(-1)).toMatchObject({ entityType: 'case', entityId: dibao.id });
  });

  it('is refused outside the review stage (a kind without review, or a case already reviewed)', () => {
    const linshiReview = t.call('reviews.record', review(linshi.id), clerk);
    expect(codeOf(linshiReview)).toBe('CONFLICT');
    expect(message(linshiReview)).toBe('案件当前状态为“待公示”，不在民主评议阶段');
    expect(codeOf(t.call('reviews.record', review(dibao.id), clerk))).toBe('CONFLICT');
  });
});
