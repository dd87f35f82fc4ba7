// 家庭经济状况核对授权书: every adult member of the household authorises the check centre to
// query the 18 sources (the bank accounts need it in writing). Minors do not sign.
import { ECONOMIC_CHECK_SOURCE_LABELS, ECONOMIC_CHECK_SOURCES, type AuthorisationModel } from '../../contract';
import type { CaseRecord } from '../cases/records';
import type { Ctx } from '../context';
import { documentHead, householdOf, membersOf } from './head';

const STATEMENT =
  '本户成年家庭成员均同意并授权社会救助家庭经济状况核对机构，通过下列部门和机构查询、核对本人及家庭成员的收入、财产等相关信息，核对结果仅用于社会救助审核确认。';

export function authorisation(ctx: Ctx, row: CaseRecord): AuthorisationModel {
  const signers = membersOf(ctx, row)
    .filter((m) => m.adult)
    .map((m) => ({ name: m.name, relationLabel: m.relationLabel, residentIdMasked: m.residentIdMasked }));
  return {
    kind: 'authorisation',
    ...documentHead(ctx, row),
    ...householdOf(ctx, row),
    signers,
    sources: ECONOMIC_CHECK_SOURCES.map((s) => ECONOMIC_CHECK_SOURCE_LABELS[s]),
    statement: STATEMENT,
  };
}
