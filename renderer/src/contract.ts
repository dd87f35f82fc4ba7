// The renderer's one door to electron/contract. Runtime values come from the pure files only
// (no zod in the bundle); everything from procedures.ts is a type.
export { BRIDGE_KEY, type ReliefDeskBridge } from '../../electron/contract/bridge';
export type { ErrorCode, RpcError, RpcResult } from '../../electron/contract/errors';
export { LIMITS } from '../../electron/contract/limits';
export { passwordProblem } from '../../electron/contract/password';
export { maskResidentId, parseResidentId } from '../../electron/contract/residentId';
export * from '../../electron/contract/vocab';
export type {
  AuditRow,
  HouseholdView,
  InputOf,
  Installation,
  OutputOf,
  PersonInput,
  PersonUpdate,
  PersonView,
  ProcedureName,
  SearchHit,
  SearchMatchKind,
  SessionUser,
  Settings,
  UserRow,
  Village,
} from '../../electron/contract/procedures';
