import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, householdMembers } from '../../../db/schema';
import { checkCharacter, maskResidentId, type HouseholdView, type InputOf } from '../../contract';
import { codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp, VILLAGE_CODE } from '../../testing/testApp';

// The household register through dispatch(): households, members, moves, search, reveal.

type PersonInput = InputOf<'registry.household.create'>['members'][number]['person'];

const VILLAGE_NAME = '朱沟村';
const OTHER_VILLAGE = '370404101252';

/** A made-up ID born on the given date; sequence picks the person (odd male, even female). */
function residentId(birth: string, sequence: number, area = '370404'): string {
  const first17 = `${area}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** The first made-up ID of that birth date that ends in X. */
function residentIdEndingX(birth: string): string {
  for (let s = 0; s < 1000; s++) {
    const id = residentId(birth, s);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no ID ending in X');
}

function person(name: string, id: string, extra: Partial<PersonInput> = {}): PersonInput {
  return { name, residentId: id, phone: '', tags: [], disabilityCategory: null, disabilityGrade: null, notes: '', ...extra };
}

let t: TestApp;
let clerk: string;
let approver: string;
let clerkId: string;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  clerk = tokens.clerk.token;
  clerkId = tokens.clerk.id;
  approver = tokens.approver.token;
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

function createHousehold(address: string, members: { relation: InputOf<'registry.member.add'>['relation']; person: PersonInput }[], villageCode = VILLAGE_CODE): HouseholdView {
  return t.must('registry.household.create', { villageCode, address, phone: '0632-7711001', registration: 'rural', members }, clerk);
}

function search(q: string, limit = 20) {
  return t.must('registry.search', { q, limit }, clerk);
}

describe('households', () => {
  it('registers a household of three, head first, with derived birth date and sex', () => {
    const ids = [residentId('19620415', 11), residentId('19640820', 22), residentId('19900101', 31)];
    const h = createHousehold('朱沟村东街1号', [
      { relation: 'head', person: person('孙建国', ids[0] ?? '', { phone: '13905320001', tags: ['dibao_rural'] }) },
      { relation: 'spouse', person: person('李秀英', ids[1] ?? '', { disabilityCategory: 'physical', disabilityGrade: 2 }) },
      { relation: 'son', person: person('孙强', ids[2] ?? '') },
    ]);
    expect(h).toMatchObject({ villageCode: VILLAGE_CODE, villageName: VILLAGE_NAME, address: '朱沟村东街1号', formerMembers: [] });
    // Age, never the birth date: the birth date is exactly what the mask hides.
    expect(h.members.map((m) => [m.relation, m.person.name, m.person.sex, m.person.age])).toEqual([
      ['head', '孙建国', 'male', 64],
      ['spouse', '李秀英', 'female', 62],
      ['son', '孙强', 'male', 36],
    ]);
    expect(JSON.stringify(h)).not.toMatch(/1962-?04-?15|19620415/);
    expect(h.members.map((m) => m.person.residentIdMasked)).toEqual(ids.map(maskResidentId));
    expect(h.members[0]?.person.tags).toEqual(['dibao_rural']);
    expect(h.members[1]?.person).toMatchObject({ disabilityCategory: 'physical', disabilityGrade: 2 });
    expect(JSON.stringify(h)).not.toMatch(new RegExp(ids.join('|')));
    expect(t.must('registry.household.get', { householdId: h.id }, approver)).toEqual(h);
  });

  it('refuses a resident ID already registered, saying where that person is', () => {
    const id = residentId('19700305', 41);
    const zhou = createHousehold('朱沟村西街9号', [{ relation: 'head', person: person('周永福', id) }]);
    const again = t.call(
      'registry.household.create',
      { villageCode: OTHER_VILLAGE, address: '烟庄村2号', phone: '', registration: 'rural', members: [{ relation: 'head', person: person('周某', id) }] },
      clerk,
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: 'members.0.person.residentId' }] } });
    if (!again.ok) {
      expect(again.error.message).toContain('周永福');
      expect(again.error.message).toContain(VILLAGE_NAME);
      expect(again.error.message).toContain('朱沟村西街9号');
      expect(again.error.message).not.toContain(id);
    }
    // lower-case x, spaces: the same person
    const x = residentIdEndingX('19880808');
    createHousehold('朱沟村北街3号', [{ relation: 'head', person: person('吴明', x) }]);
    const lower = t.call('registry.member.add', { householdId: zhou.id, relation: 'other', person: person('吴明', ` ${x.toLowerCase()} `) }, clerk);
    expect(lower).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('朱沟村北街3号') as unknown } });
    // nothing of the refused calls was kept
    expect(search('周某').hits).toEqual([]);
    expect(t.must('registry.household.get', { householdId: zhou.id }, clerk).members).toHaveLength(1);
  });

  it('allows one head per household', () => {
    const two = t.call(
      'registry.household.create',
      {
        villageCode: VILLAGE_CODE,
        address: '朱沟村南街5号',
        phone: '',
        registration: 'rural',
        members: [
          { relation: 'head', person: person('郑一', residentId('19710101', 51)) },
          { relation: 'head', person: person('郑二', residentId('19720101', 53)) },
        ],
      },
      clerk,
    );
    expect(codeOf(two)).toBe('VALIDATION');
    const headless = t.call(
      'registry.household.create',
      { villageCode: VILLAGE_CODE, address: '朱沟村南街5号', phone: '', registration: 'rural', members: [{ relation: 'spouse', person: person('郑一', residentId('19710101', 51)) }] },
      clerk,
    );
    expect(headless).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'members.0.relation' }] } });

    const h = createHousehold('朱沟村南街5号', [{ relation: 'head', person: person('郑一', residentId('19710101', 51)) }]);
    const secondHead = t.call('registry.member.add', { householdId: h.id, relation: 'head', person: person('郑二', residentId('19720101', 53)) }, clerk);
    expect(codeOf(secondHead)).toBe('CONFLICT');
    // refused as a whole: the person was not registered either
    expect(search(residentId('19720101', 53)).hits).toEqual([]);
    expect(t.must('registry.household.get', { householdId: h.id }, clerk).members).toHaveLength(1);
  });

  it('refuses a village that does not exist or is inactive', () => {
    const members = [{ relation: 'head' as const, person: person('冯一', residentId('19730101', 61)) }];
    expect(codeOf(t.call('registry.household.create', { villageCode: '370404101999', address: 'x', phone: '', registration: 'rural', members }, clerk))).toBe(
      'VALIDATION',
    );
  });

  it('updates a household and a person, keeping the ID unique', () => {
    const a = createHousehold('朱沟村中街1号', [{ relation: 'head', person: person('陈一', residentId('19740101', 71)) }]);
    const b = createHousehold('朱沟村中街2号', [{ relation: 'head', person: person('陈二', residentId('19750101', 73)) }]);
    const updated = t.must(
      'registry.household.update',
      { householdId: a.id, villageCode: OTHER_VILLAGE, address: '烟庄村中街1号', phone: '13900000001', registration: 'urban' },
      clerk,
    );
    expect(updated).toMatchObject({ villageCode: OTHER_VILLAGE, villageName: '烟庄村', address: '烟庄村中街1号', registration: 'urban' });
    const headA = a.members[0]?.person.id ?? '';
    const taken = t.call('registry.person.update', { personId: headA, person: person('陈一', residentId('19750101', 73)) }, clerk);
    expect(taken).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!taken.ok) expect(taken.error.message).toContain('朱沟村中街2号');
    const renamed = t.must('registry.person.update', { personId: headA, person: person('陈壹', residentId('19740101', 71), { phone: '13900000002' }) }, clerk);
    expect(renamed).toMatchObject({ name: '陈壹', phone: '13900000002' });
    expect(search('陈壹').hits.map((h) => h.personId)).toEqual([headA]);
    expect(search('陈一').hits.map((h) => h.personId)).toEqual([]);
    expect(b.members).toHaveLength(1);
    // Without a resident ID the ID stays as it is: a phone edit needs no audited reveal.
    const { residentId: _kept, ...withoutId } = person('陈壹', '', { phone: '13900000003' });
    expect(t.must('registry.person.update', { personId: headA, person: withoutId }, clerk)).toMatchObject({
      phone: '13900000003',
      residentIdMasked: `${residentId('19740101', 71).slice(0, 6)}********${residentId('19740101', 71).slice(14)}`,
    });
    // An empty ID is a mistake, not "unchanged".
    expect(codeOf(t.call('registry.person.update', { personId: headA, person: { ...withoutId, residentId: '' } }, clerk))).toBe('VALIDATION');
  });
});

describe('moving a member', () => {
  it('keeps the history: former member of the old household, current member of the new', () => {
    const from = createHousehold('朱沟村河东1号', [
      { relation: 'head', person: person('钱父', residentId('19500101', 81)) },
      { relation: 'son', person: person('钱子', residentId('19800101', 83)) },
      { relation: 'daughter_in_law', person: person('韩媳', residentId('19820101', 84)) },
    ]);
    const to = createHousehold('朱沟村河西1号', [{ relation: 'head', person: person('韩父', residentId('19520101', 85)) }]);
    const moving = from.members.find((m) => m.person.name === '韩媳');
    if (!moving) throw new Error('no member');

    t.clock.advance(60_000);
    const after = t.must('registry.member.move', { personId: moving.person.id, toHouseholdId: to.id, relation: 'daughter', reason: '回娘家落户' }, clerk);
    expect(after.id).toBe(to.id);
    expect(after.members.map((m) => [m.person.name, m.relation])).toEqual([
      ['韩父', 'head'],
      ['韩媳', 'daughter'],
    ]);

    const old = t.must('registry.household.get', { householdId: from.id }, clerk);
    expect(old.members.map((m) => m.person.name)).toEqual(['钱父', '钱子']);
    expect(old.formerMembers).toEqual([
      {
        membershipId: moving.membershipId,
        relation: 'daughter_in_law',
        joinedAt: moving.joinedAt,
        leftAt: t.clock.now().toISOString(),
        leftReason: '回娘家落户',
        personId: moving.person.id,
        name: '韩媳',
        residentIdMasked: moving.person.residentIdMasked,
        nowHouseholdId: to.id,
      },
    ]);
    const hit = search('韩媳').hits[0];
    expect(hit).toMatchObject({ householdId: to.id, relation: 'daughter', headName: '韩父' });

    // moving back keeps both memberships on record, and the person in one household only
    t.must('registry.member.move', { personId: moving.person.id, toHouseholdId: from.id, relation: 'daughter_in_law', reason: '回迁' }, clerk);
    const back = t.must('registry.household.get', { householdId: from.id }, clerk);
    expect(back.members.map((m) => m.person.name)).toEqual(['钱父', '钱子', '韩媳']);
    expect(back.formerMembers.map((m) => [m.name, m.nowHouseholdId])).toEqual([['韩媳', from.id]]);
    expect(t.must('registry.household.get', { householdId: to.id }, clerk).formerMembers.map((m) => m.leftReason)).toEqual(['回迁']);
    const current = t.app.db
      .select()
      .from(householdMembers)
      .where(and(eq(householdMembers.personId, moving.person.id), isNull(householdMembers.leftAt)))
      .all();
    expect(current).toHaveLength(1);
    expect(t.app.db.select().from(householdMembers).where(eq(householdMembers.personId, moving.person.id)).all()).toHaveLength(3);
  });

  it('refuses moving out a head who leaves members behind, until a new head is named', () => {
    const from = createHousehold('朱沟村河东9号', [
      { relation: 'head', person: person('钟父', residentId('19500505', 301)) },
      { relation: 'son', person: person('钟子', residentId('19800505', 303)) },
    ]);
    const to = createHousehold('朱沟村河西9号', [{ relation: 'head', person: person('钟亲', residentId('19520505', 305)) }]);
    const father = from.members.find((m) => m.person.name === '钟父')!.person.id;
    const son = from.members.find((m) => m.person.name === '钟子')!.person.id;
    const move = () => t.call('registry.member.move', { personId: father, toHouseholdId: to.id, relation: 'other', reason: '投亲' }, clerk);
    const refused = move();
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.ok ? '' : refused.error.message).toContain('请先为原户指定新户主');
    t.must('registry.member.setRelation', { householdId: from.id, personId: father, relation: 'father' }, clerk);
    t.must('registry.member.setRelation', { householdId: from.id, personId: son, relation: 'head' }, clerk);
    expect(codeOf(move())).toBe('OK');
  });

  it('refuses a move into the household the person is in', () => {
    const h = createHousehold('朱沟村河东2号', [{ relation: 'head', person: person('褚一', residentId('19530101', 91)) }]);
    const head = h.members[0]?.person.id ?? '';
    expect(codeOf(t.call('registry.member.move', { personId: head, toHouseholdId: h.id, relation: 'head', reason: 'x' }, clerk))).toBe('CONFLICT');
  });

  it('refuses a move in as a second head, and leaves the person where they were', () => {
    const a = createHousehold('朱沟村河东3号', [
      { relation: 'head', person: person('卫一', residentId('19540101', 93)) },
      { relation: 'son', person: person('卫二', residentId('19780101', 95)) },
    ]);
    const b = createHousehold('朱沟村河东4号', [{ relation: 'head', person: person('蒋一', residentId('19550101', 97)) }]);
    const son = a.members[1]?.person.id ?? '';
    const result = t.call('registry.member.move', { personId: son, toHouseholdId: b.id, relation: 'head', reason: '分户' }, clerk);
    expect(codeOf(result)).toBe('CONFLICT');
    const still = t.must('registry.household.get', { householdId: a.id }, clerk);
    expect(still.members.map((m) => m.person.id)).toContain(son);
    expect(still.formerMembers).toEqual([]);
  });

  it('refuses unknown people and households', () => {
    const h = createHousehold('朱沟村河东5号', [{ relation: 'head', person: person('沈一', residentId('19560101', 99)) }]);
    const unknown = '01890a5d-ac96-774b-bcce-b302099a8057';
    expect(codeOf(t.call('registry.member.move', { personId: unknown, toHouseholdId: h.id, relation: 'son', reason: 'x' }, clerk))).toBe('NOT_FOUND');
    expect(codeOf(t.call('registry.member.move', { personId: h.members[0]?.person.id ?? '', toHouseholdId: unknown, relation: 'son', reason: 'x' }, clerk))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(t.call('registry.household.get', { householdId: unknown }, clerk))).toBe('NOT_FOUND');
    expect(codeOf(t.call('registry.person.revealId', { personId: unknown }, clerk))).toBe('NOT_FOUND');
  });
});

describe('search', () => {
  const ids = {
    zhangsan: residentId('19850312', 3),
    zhangsanfeng: residentId('19860101', 105),
    shan: residentId('19870202', 107),
    zeng: residentId('19880303', 109),
    x: residentIdEndingX('19751225'),
    phone: residentId('19660606', 111),
    landline: residentId('19670707', 113),
  };
  let households: Record<string, HouseholdView>;

  beforeAll(() => {
    households = {
      zhang: createHousehold('朱沟村张庄1号', [
        { relation: 'head', person: person('张三', ids.zhangsan) },
        { relation: 'son', person: person('张三丰', ids.zhangsanfeng) },
      ]),
      shan: createHousehold('朱沟村单庄1号', [{ relation: 'head', person: person('单雄信', ids.shan) }]),
      zeng: createHousehold('朱沟村曾庄1号', [{ relation: 'head', person: person('曾小贤', ids.zeng) }]),
      x: createHousehold('朱沟村艾庄1号', [{ relation: 'head', person: person('艾叉', ids.x) }]),
      phone: createHousehold('朱沟村电庄1号', [{ relation: 'head', person: person('田话', ids.phone, { phone: '13562370099' }) }]),
      landline: createHousehold('朱沟村座庄1号', [{ relation: 'head', person: person('左机', ids.landline, { phone: '0632-7711002' }) }]),
    };
  }, SETUP_TIMEOUT_MS);

  const names = (q: string) => search(q).hits.map((h) => h.name);

  it.each([
    ['the full ID', () => ids.zhangsan, '张三', 'id_exact'],
    ['the full ID ending in lower-case x', () => ids.x.toLowerCase(), '艾叉', 'id_exact'],
    ['the last 4 digits', () => ids.zhangsanfeng.slice(-4), '张三丰', 'id_suffix'],
    ['the last 6 digits', () => ids.shan.slice(-6), '单雄信', 'id_suffix'],
    ['the last 4 of an ID ending in X', () => ids.x.slice(-4), '艾叉', 'id_suffix'],
    ['the last 5 of an ID ending in x, lower-case', () => ids.x.slice(-5).toLowerCase(), '艾叉', 'id_suffix'],
    ['the start of the ID', () => ids.zeng.slice(0, 12), '曾小贤', 'id_prefix'],
    ['a name prefix', () => '张三', '张三', 'name_prefix'],
    ['pinyin initials', () => 'zs', '张三', 'pinyin'],
    ['pinyin initials, upper-case', () => 'ZSF', '张三丰', 'pinyin'],
    ['full pinyin', () => 'zhangsan', '张三', 'pinyin'],
    ['单 read as a surname: shan', () => 'shan', '单雄信', 'pinyin'],
    ['单 initials as a surname: sxx', () => 'sxx', '单雄信', 'pinyin'],
    ['曾 read as a surname: zeng', () => 'zeng', '曾小贤', 'pinyin'],
    ['曾 initials as a surname: zxx', () => 'zxx', '曾小贤', 'pinyin'],
    ['a full phone number', () => '13562370099', '田话', 'phone'],
    ['the start of a phone number', () => '1356237', '田话', 'phone'],
    ['a landline typed with its dash', () => '0632-7711002', '左机', 'phone'],
    ['a landline typed without its dash', () => '06327711002', '左机', 'phone'],
    ['with spaces typed in', () => ` ${ids.zhangsan.slice(0, 6)} ${ids.zhangsan.slice(6)} `, '张三', 'id_exact'],
  ])('finds by %s', (_label, query, name, matchedBy) => {
    const hits = search(query()).hits;
    const hit = hits.find((h) => h.name === name);
    expect(hit, `${query()} -> ${JSON.stringify(hits.map((h) => h.name))}`).toBeDefined();
    expect(hit?.matchedBy).toBe(matchedBy);
  });

  it('a name prefix finds every name that starts with it', () => {
    expect(names('张')).toEqual(expect.arrayContaining(['张三', '张三丰']));
    expect(names('张三丰')).toEqual(['张三丰']);
  });

  it('describes where each hit lives', () => {
    const hit = search(ids.zhangsanfeng).hits[0];
    expect(hit).toMatchObject({
      name: '张三丰',
      householdId: households.zhang?.id,
      relation: 'son',
      villageName: VILLAGE_NAME,
      headName: '张三',
      sex: 'male',
      age: 40,
    });
  });

  it('finds nothing for too little or nothing', () => {
    expect(search('').hits).toEqual([]);
    expect(search('   ').hits).toEqual([]);
    expect(search('12').hits).toEqual([]);
    expect(search('查无此人').hits).toEqual([]);
  });

  it('results carry masked IDs only', () => {
    const every = Object.values(ids);
    for (const q of ['张', 'zs', 'shan', 'zeng', ids.x.slice(-4), ids.zhangsan, ids.x.toLowerCase(), '1356237', '370404']) {
      const result = search(q, 50);
      const text = JSON.stringify(result);
      for (const id of every) {
        expect(text).not.toContain(id);
        expect(text).not.toContain(id.slice(6, 14) + id.slice(14, 17));
        // Nor the birth date in any form: with the masked ID it would give the full ID back.
        const birth = id.slice(6, 14);
        expect(text).not.toContain(birth);
        expect(text).not.toContain(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`);
      }
      for (const hit of result.hits) expect(hit.residentIdMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
  });

  it('honours the limit and says when it cut the list', () => {
    const all = search('370404', 50);
    expect(all.hits.length).toBeGreaterThan(3);
    const two = search('370404', 2);
    expect(two.hits).toHaveLength(2);
    expect(two.truncated).toBe(true);
    expect(search(ids.zhangsan, 2).truncated).toBe(false);
  });

  it('is open to clerks and approvers only', () => {
    expect(t.call('registry.search', { q: '张', limit: 5 }, approver).ok).toBe(true);
  });
});

describe('revealing a full ID', () => {
  it('answers the full ID and writes an audit row with the person as entity', () => {
    const id = residentId('19610707', 121);
    const h = createHousehold('朱沟村揭示1号', [{ relation: 'head', person: person('秦揭', id) }]);
    const personId = h.members[0]?.person.id ?? '';
    const before = t.app.db.select().from(auditLog).all().length;

    expect(t.must('registry.person.revealId', { personId }, clerk)).toEqual({ residentId: id });

    const rows = t.app.db.select().from(auditLog).all();
    expect(rows).toHaveLength(before + 1);
    const row = rows.at(-1);
    expect(row).toMatchObject({ action: 'registry.person.revealId', entityType: 'person', entityId: personId, userId: clerkId, username: 'clerk1' });
    expect(row?.detail).not.toContain(id);

    // an approver may look too, and that is on record as well
    expect(t.must('registry.person.revealId', { personId }, approver)).toEqual({ residentId: id });
    expect(t.app.db.select().from(auditLog).where(eq(auditLog.entityId, personId)).all().filter((r) => r.action === 'registry.person.revealId')).toHaveLength(2);
  });
});

describe('the business date is Shanghai’s', () => {
  // Last in this file: the clock jumps past midnight in Shanghai while it is still the 28th in UTC.
  it('accepts a child born today in Shanghai and refuses tomorrow', () => {
    const now = t.clock.now().getTime();
    const target = Date.parse('2026-11-28T16:30:00.000Z'); // 2026-11-29 00:30 in Shanghai
    expect(target).toBeGreaterThan(now);
    t.clock.advance(target - now);
    t.must('auth.unlock', { password: 'Changed#2026' }, clerk);
    const born = (birth: string) => [{ relation: 'head' as const, person: person('新生', residentId(birth, 131)) }];
    const tomorrow = t.call('registry.household.create', { villageCode: VILLAGE_CODE, address: '朱沟村新生1号', phone: '', registration: 'rural', members: born('20261130') }, clerk);
    expect(tomorrow).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('晚于今天') as unknown } });
    const today = createHousehold('朱沟村新生1号', born('20261129'));
    expect(today.members[0]?.person.age).toBe(0);
  });
});

describe('changing a relation', () => {
  it('lets a headless household get a new head, one head at a time', () => {
    const ids = [residentId('19500101', 201), residentId('19520202', 203), residentId('19780303', 205)];
    const h = createHousehold('朱沟村换户1号', [
      { relation: 'head', person: person('魏老', ids[0]!) },
      { relation: 'spouse', person: person('魏妻', ids[1]!) },
      { relation: 'son', person: person('魏子', ids[2]!) },
    ]);
    const byName = (v: HouseholdView, name: string) => v.members.find((m) => m.person.name === name)?.relation;
    const fatherId = h.members.find((m) => m.person.name === '魏老')!.person.id;
    const sonId = h.members.find((m) => m.person.name === '魏子')!.person.id;
    // The son cannot become head while the father still is.
    expect(codeOf(t.call('registry.member.setRelation', { householdId: h.id, personId: sonId, relation: 'head' }, clerk))).toBe('CONFLICT');
    const afterFather = t.must('registry.member.setRelation', { householdId: h.id, personId: fatherId, relation: 'father' }, clerk);
    expect(afterFather.members.some((m) => m.relation === 'head')).toBe(false);
    const afterSon = t.must('registry.member.setRelation', { householdId: h.id, personId: sonId, relation: 'head' }, clerk);
    expect(byName(afterSon, '魏子')).toBe('head');
    expect(byName(afterSon, '魏老')).toBe('father');
    expect(afterSon.members[0]?.person.name).toBe('魏子');
  });

  it('refuses a person who is not a current member', () => {
    const a = createHousehold('朱沟村甲户9号', [{ relation: 'head', person: person('甲某', residentId('19600101', 211)) }]);
    const b = createHousehold('朱沟村乙户9号', [{ relation: 'head', person: person('乙某', residentId('19610101', 213)) }]);
    const result = t.call('registry.member.setRelation', { householdId: a.id, personId: b.members[0]!.person.id, relation: 'son' }, clerk);
    expect(codeOf(result)).toBe('NOT_FOUND');
  });
});
