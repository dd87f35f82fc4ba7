// The renderer's one door to electron/contract. Runtime values come from the pure files only
// (no zod in the bundle); everything from procedures.ts and catalogue.ts is a type.
export { BRIDGE_KEY, type ReliefDeskBridge } from '../../electron/contract/bridge';
export type { ErrorCode, RpcError, RpcResult } from '../../electron/contract/errors';
export { LIMITS } from '../../electron/contract/limits';
export { passwordProblem } from '../../electron/contract/password';
export { maskResidentId, parseResidentId } from '../../electron/contract/residentId';
export * from '../../electron/contract/vocab';
export { CASE_EVENTS, CASE_STATE_LABELS, CASE_STATES, type CaseEvent, type CaseState } from '../../electron/contract/cases';
// Case steps after intake: money is pure; steps.ts carries zod, so only its types come through.
export { amountInCapitals, formatYuan, parseYuanToFen } from '../../electron/contract/money';
export type { CheckFigures, EconomicCheckView } from '../../electron/contract/steps';
export {
  CHECK_OUTCOMES,
  ECONOMIC_CHECK_SOURCE_LABELS,
  ECONOMIC_CHECK_SOURCES,
  type CheckOutcome,
  type EconomicCheckSource,
} from '../../electron/contract/stepsVocab';
export {
  DECIDING_BODIES,
  DECIDING_BODY_LABELS,
  MATERIAL_STATUS_LABELS,
  MATERIAL_STATUSES,
  RELIEF_AMOUNT_BASIS,
  RELIEF_TYPE_LABELS,
  RELIEF_TYPES,
  type AmountBasis,
  type DecidingBody,
  type MaterialStatus,
  type ReliefType,
} from '../../electron/contract/catalogueVocab';
export type { CatalogueItem, Material } from '../../electron/contract/catalogue';
export {
  CASE_DOCUMENT_KINDS,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS,
  documentRefFor,
  documentRefId,
  reprintMark,
  type CaseDocumentKind,
  type DocumentKind,
  type DocumentRef,
} from '../../electron/contract/documentKinds';
export type {
  ApprovalFormModel,
  AuthorisationModel,
  CaseDocumentModel,
  CommitmentModel,
  DocumentModel,
  NoticeListModel,
  OneTimeNoticeModel,
  PayoutVoucherModel,
  ReimbursementClaimModel,
  StatementModel,
  ReferralNoticeModel,
  RefusalNoticeModel,
} from '../../electron/contract/documents';
export type { DayCloseSlipModel, DayTransfer } from '../../electron/contract/dayClose';
// 报账 and 对账单: the words and the statement's period reference are pure; the views are types.
export { CLAIM_STATE_LABELS, CLAIM_STATES, statementPeriodRef, type ClaimState } from '../../electron/contract/claimsVocab';
export type { ClaimDetail, ClaimLine, ClaimPreview, ClaimView, ExcelFile, Statement, StatementRow } from '../../electron/contract/claims';
// Nightly sync and the district console (issue 5): the words are pure (syncVocab.ts); the views are types.
export {
  SYNC_ALERT_LABELS,
  SYNC_IMPORT_STATUS_LABELS,
  SYNC_TRIGGER_LABELS,
  type SyncAlertKindName,
  type SyncImportStatus,
  type SyncTrigger,
} from '../../electron/contract/syncVocab';
export type {
  DistrictCaseRow,
  DistrictReplenishmentRow,
  DistrictTown,
  SyncAlertRow,
  SyncCandidate,
  SyncExportResult,
  SyncExportRow,
  SyncImportOutcome,
  SyncPeer,
  SyncStatus,
} from '../../electron/contract/sync';
export type {
  AuditRow,
  CaseDetail,
  CaseSummary,
  HouseholdView,
  InputOf,
  Installation,
  OutputOf,
  PersonInput,
  PersonUpdate,
  PersonView,
  ProcedureName,
  ReserveTransferLine,
  SearchHit,
  SearchMatchKind,
  SessionUser,
  Settings,
  UserRow,
  Village,
} from '../../electron/contract/procedures';
