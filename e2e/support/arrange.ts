import type { APIRequestContext } from '@playwright/test';
import type { MaterialStatus, ReliefType } from '../../electron/contract/catalogueVocab';
import type { Relation, Role } from '../../electron/contract/vocab';
import { login, rpcCall } from './rpc';

// The set-up most specs share, over RPC: a counter user past their first login, the town's
// first village, a household registered in it, an application accepted at the window. The
// specs still name whom and what they arrange; these helpers only spell out the calls.

export interface NewUser {
  username: string;
  displayName: string;
  /** The password the admin gives out; the first login must change it. */
  initial: string;
  password: string;
}

/** The first login: signs in with the initial password and sets the user's own; returns that session's token, which goes on. */
export async function firstLogin(request: APIRequestContext, user: NewUser): Promise<string> {
  const token = await login(request, user.username, user.initial);
  await rpcCall(request, 'auth.changePassword', { currentPassword: user.initial, newPassword: user.password }, token);
  return token;
}

/** The admin creates the user, who then logs in for the first time (firstLogin); returns that session's token. */
export async function newUser(request: APIRequestContext, adminToken: string, user: NewUser, roles: readonly Role[]): Promise<string> {
  await rpcCall(request, 'users.create', { username: user.username, displayName: user.displayName, roles, password: user.initial }, adminToken);
  return firstLogin(request, user);
}

export interface Village {
  code: string;
  name: string;
}

/** The first active village of the town set up by setup.run. */
export async function firstVillage(request: APIRequestContext, token: string): Promise<Village> {
  const [village] = await rpcCall<Village[]>(request, 'villages.list', { includeInactive: false }, token);
  if (!village) throw new Error('the town has no village');
  return village;
}

interface Person {
  name: string;
  residentId: string;
}

export interface Household {
  id: string;
  /** In the order registered: the head first. */
  members: { person: { id: string; age: number } }[];
}

/**
 * Registers a rural household at `home.address` (phone `home.phone`, or none) in the village,
 * its members in order, the head first, each with no phone, tags, disability or notes.
 */
export async function registerHousehold(
  request: APIRequestContext,
  token: string,
  villageCode: string,
  home: { address: string; phone?: string },
  members: readonly (readonly [Relation, Person])[],
): Promise<Household> {
  return rpcCall<Household>(
    request,
    'registry.household.create',
    {
      villageCode,
      address: home.address,
      phone: home.phone ?? '',
      registration: 'rural',
      members: members.map(([relation, p]) => ({
        relation,
        person: { name: p.name, residentId: p.residentId, phone: '', tags: [], disabilityCategory: null, disabilityGrade: null, notes: '' },
      })),
    },
    token,
  );
}

/** Material id → how it was handed in, in the order listed. */
export type Materials = Readonly<Record<string, MaterialStatus>>;

/** Each of `materialIds` received, except those `otherwise` names. */
export function received(materialIds: readonly string[], otherwise: Materials = {}): Materials {
  return Object.fromEntries(materialIds.map((id) => [id, otherwise[id] ?? 'received']));
}

/** The ids of the materials 低保 asks for in the current catalogue. */
export async function dibaoMaterialIds(request: APIRequestContext, token: string): Promise<string[]> {
  const catalogue = await rpcCall<{ items: { reliefType: string; materials: { id: string }[] }[] }>(request, 'catalogue.get', { version: null }, token);
  const dibao = catalogue.items.find((i) => i.reliefType === 'dibao');
  if (!dibao) throw new Error('the catalogue has no 低保');
  return dibao.materials.map((m) => m.id);
}

export interface CaseRef {
  id: string;
  caseNo: string;
}

/** The household's head applies at the window for one kind of assistance (in `category`, for a kind that has them); returns its case. */
export async function acceptApplication(
  request: APIRequestContext,
  token: string,
  household: Household,
  reliefType: ReliefType,
  materials: Materials,
  { commitmentRoute = false, category = null }: { commitmentRoute?: boolean; category?: string | null } = {},
): Promise<CaseRef> {
  const [applicant] = household.members;
  if (!applicant) throw new Error('the household has no members');
  const result = await rpcCall<{ cases: CaseRef[] }>(
    request,
    'cases.intake',
    {
      householdId: household.id,
      applicantPersonId: applicant.person.id,
      channel: 'window',
      assistantName: null,
      reason: '家庭收入低于当地低保标准',
      commitmentRoute,
      kinds: [{ reliefType, category, materials: Object.entries(materials).map(([materialId, status]) => ({ materialId, status })) }],
    },
    token,
  );
  const [created] = result.cases;
  if (!created) throw new Error('the intake made no case');
  return created;
}

/** A 低保 application by the household's head, the materials handed in as `materials` says. */
export function acceptDibao(request: APIRequestContext, token: string, household: Household, materials: Materials, options: { commitmentRoute?: boolean } = {}): Promise<CaseRef> {
  return acceptApplication(request, token, household, 'dibao', materials, options);
}
