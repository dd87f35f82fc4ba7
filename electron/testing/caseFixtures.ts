// Test support for the case services (imported by *.test.ts only): made-up families and
// intake forms built from the default catalogue.
import {
  checkCharacter,
  type HouseholdView,
  type InputOf,
  type Material,
  type MaterialStatus,
  type OutputOf,
  type ProcedureName,
  type ReliefType,
} from '../contract';
import { openApp } from '../rpc/app';
import { dispatch } from '../rpc/dispatch';
import { DEFAULT_CATALOGUE } from '../services/catalogue/defaults';
import { silentLogger, VILLAGE_CODE, type TestApp } from './testApp';

type PersonInput = InputOf<'registry.household.create'>['members'][number]['person'];
export type IntakeInput = InputOf<'cases.intake'>;

/** A made-up resident ID born on `birth` (YYYYMMDD); the sequence tells people apart. */
export function madeUpId(birth: string, sequence: number): string {
  const first17 = `370404${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

function person(name: string, residentId: string): PersonInput {
  return { name, residentId, phone: '', tags: [], disabilityCategory: null, disabilityGrade: null, notes: '' };
}

let nextSequence = 1;

/** A household of a head, a spouse (both adults) and a child born in 2015, all made up. */
export function registerFamily(t: TestApp, clerk: string, surname: string): HouseholdView {
  const seq = () => (nextSequence += 2);
  return t.must(
    'registry.household.create',
    {
      villageCode: VILLAGE_CODE,
      address: `朱沟村${surname}家`,
      phone: '',
      registration: 'rural',
      members: [
        { relation: 'head', person: person(`${surname}一`, madeUpId('19700101', seq())) },
        { relation: 'spouse', person: person(`${surname}二`, madeUpId('19720202', seq())) },
        { relation: 'son', person: person(`${surname}三`, madeUpId('20150303', seq())) },
      ],
    },
    clerk,
  );
}

export function memberId(household: HouseholdView, index: number): string {
  const member = household.members[index];
  if (!member) throw new Error(`household has no member ${index}`);
  return member.person.id;
}

/** Every material of the kind, with the status `statusOf` gives it (received by default). */
export function materialsOf(
  reliefType: ReliefType,
  statusOf: (m: Material) => MaterialStatus = () => 'received',
): { materialId: string; status: MaterialStatus }[] {
  const item = DEFAULT_CATALOGUE.find((i) => i.reliefType === reliefType);
  if (!item) throw new Error(`no catalogue item ${reliefType}`);
  return item.materials.map((m) => ({ materialId: m.id, status: statusOf(m) }));
}

/** A window intake of one kind by the head, every material received. */
export function intakeForm(household: HouseholdView, reliefType: ReliefType = 'dibao', patch: Partial<IntakeInput> = {}): IntakeInput {
  return {
    householdId: household.id,
    applicantPersonId: memberId(household, 0),
    channel: 'window',
    assistantName: null,
    reason: '家庭收入低于当地低保标准',
    commitmentRoute: false,
    kinds: [{ reliefType, category: null, materials: materialsOf(reliefType) }],
    ...patch,
  };
}

export interface Connection {
  must<N extends ProcedureName>(name: N, input: InputOf<N>, token?: string | null): OutputOf<N>;
  close(): void;
}

/** A second app on the test app's database file (a second counter), on the same clock. */
export function secondConnection(t: TestApp): Connection {
  const app = openApp({ file: t.file, clock: t.clock, log: silentLogger });
  return {
    must(name, input, token = null) {
      const result = dispatch(app, { procedure: name, input, token });
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value as OutputOf<typeof name>;
    },
    close: () => app.db.$client.close(),
  };
}
