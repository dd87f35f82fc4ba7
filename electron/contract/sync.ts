import { z } from 'zod';
import { CASE_STATES } from './cases';
import { RELIEF_TYPES } from './catalogueVocab';
import { LIMITS } from './limits';
import { SYNC_ALERT_KIND_LIST, SYNC_IMPORT_STATUSES, SYNC_TRIGGERS } from './syncVocab';

// Nightly sync (issue 5, DESIGN.md §5, docs/sync-package.md): what the town's 数据同步 page and
// the district console see and send. The services are in electron/services/sync/.

export {
  SYNC_ALERT_KIND_LIST,
  SYNC_ALERT_LABELS,
  SYNC_IMPORT_STATUS_LABELS,
  SYNC_IMPORT_STATUSES,
  SYNC_TRIGGER_LABELS,
  SYNC_TRIGGERS,
  type SyncAlertKindName,
  type SyncImportStatus,
  type SyncTrigger,
} from './syncVocab';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
/** 'HH:MM', 24-hour. */
export const syncTimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM，例如 22:00');
export const syncFolderPath = z.string().trim().max(LIMITS.syncFolderPathMax);
export const peerCode = z.string().regex(/^(\d{6}|\d{9})$/);
export const townCodeSchema = z.string().regex(/^\d{9}$/);

export const syncKeyInfoSchema = z
  .object({
    fingerprint: z.string(),
    /** The public key file to hand to the other side (JSON text). */
    publicKeyFileName: z.string(),
    publicKeyFile: z.string(),
  })
  .strict();

export const syncPeerSchema = z
  .object({
    code: peerCode,
    name: z.string(),
    kind: z.enum(['town', 'district']),
    fingerprint: z.string(),
    folder: z.string().nullable(),
    enrolledAt: z.string(),
    lastSequence: z.number().int(),
    lastCreatedAt: z.string().nullable(),
    lastImportedAt: z.string().nullable(),
  })
  .strict();
export type SyncPeer = z.infer<typeof syncPeerSchema>;

export const syncExportRowSchema = z
  .object({
    sequence: z.number().int(),
    fileName: z.string(),
    createdAt: z.string(),
    trigger: z.enum(SYNC_TRIGGERS),
    rows: z.number().int(),
    bytes: z.number().int(),
    acknowledgedAt: z.string().nullable(),
  })
  .strict();
export type SyncExportRow = z.infer<typeof syncExportRowSchema>;

export const syncReceivedRowSchema = z
  .object({
    peerCode: z.string(),
    sequence: z.number().int(),
    fileName: z.string(),
    createdAt: z.string(),
    importedAt: z.string(),
    rows: z.number().int(),
    bytes: z.number().int(),
  })
  .strict();

export const syncQuarantineRowSchema = z
  .object({
    id: z.number().int(),
    peerCode: z.string().nullable(),
    sequence: z.number().int().nullable(),
    fileName: z.string(),
    code: z.string(),
    message: z.string(),
    at: z.string(),
  })
  .strict();

export const syncAlertRowSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(SYNC_ALERT_KIND_LIST),
    peerCode: z.string().nullable(),
    sequence: z.number().int().nullable(),
    message: z.string(),
    at: z.string(),
  })
  .strict();
export type SyncAlertRow = z.infer<typeof syncAlertRowSchema>;

/** The 数据同步 page of either kind of installation. */
export const syncStatusSchema = z
  .object({
    kind: z.enum(['town', 'district']),
    keys: syncKeyInfoSchema,
    /** The common folder: a town exports to it and reads the district's answers from it; the
     *  district reads every town's packages from it (unless a town has its own folder). */
    folder: z.string(),
    exportTime: z.string(),
    /** Town: the district it reports to (null until its key is imported). District: null. */
    district: syncPeerSchema.nullable(),
    /** Town: its packages, newest first. District: the answer packages made, newest first. */
    exports: z.array(syncExportRowSchema),
    nextExportAt: z.string().nullable(),
    received: z.array(syncReceivedRowSchema),
    quarantine: z.array(syncQuarantineRowSchema),
    held: z.array(z.object({ peerCode: z.string(), sequence: z.number().int(), fileName: z.string(), receivedAt: z.string() }).strict()),
  })
  .strict();
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncKeyPreviewSchema = z
  .object({ kind: z.enum(['town', 'district']), code: z.string(), name: z.string(), fingerprint: z.string(), alreadyEnrolled: z.boolean() })
  .strict();

export const syncExportResultSchema = z
  .object({ sequence: z.number().int(), fileName: z.string(), rows: z.number().int(), bytes: z.number().int(), path: z.string() })
  .strict();
export type SyncExportResult = z.infer<typeof syncExportResultSchema>;

/** A package file found in a watched folder that is not yet applied. */
export const syncCandidateSchema = z
  .object({
    folder: z.string(),
    fileName: z.string(),
    peerCode: z.string(),
    peerName: z.string().nullable(),
    sequence: z.number().int(),
    bytes: z.number().int(),
  })
  .strict();
export type SyncCandidate = z.infer<typeof syncCandidateSchema>;

export const syncImportOutcomeSchema = z
  .object({
    fileName: z.string(),
    peerCode: z.string().nullable(),
    sequence: z.number().int().nullable(),
    status: z.enum(SYNC_IMPORT_STATUSES),
    rows: z.number().int(),
    message: z.string(),
    /** Held packages that this one unblocked and that were applied with it, in order. */
    alsoApplied: z.array(z.number().int()),
  })
  .strict();
export type SyncImportOutcome = z.infer<typeof syncImportOutcomeSchema>;

// ---- district views -------------------------------------------------------------------------

export const districtTownSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    fingerprint: z.string(),
    folder: z.string().nullable(),
    lastSequence: z.number().int(),
    lastCreatedAt: z.string().nullable(),
    lastImportedAt: z.string().nullable(),
    /** Sequences missing before held packages (the gaps), ascending. */
    missingSequences: z.array(z.number().int()),
    heldSequences: z.array(z.number().int()),
    quarantined: z.number().int(),
    alerts: z.number().int(),
    reserve: z.object({ balanceFen: z.number().int(), heldFen: z.number().int(), availableFen: z.number().int() }).strict().nullable(),
    payoutsThisMonth: z.object({ count: z.number().int(), totalFen: z.number().int() }).strict(),
    casesByKindState: z.array(z.object({ reliefType: z.enum(RELIEF_TYPES), state: z.enum(CASE_STATES), count: z.number().int() }).strict()),
    overdue: z.number().int(),
    submitted: z.number().int(),
  })
  .strict();
export type DistrictTown = z.infer<typeof districtTownSchema>;

export const districtCaseRowSchema = z
  .object({
    townCode: z.string(),
    townName: z.string(),
    caseId: z.string(),
    caseNo: z.string(),
    applicantName: z.string(),
    reliefType: z.enum(RELIEF_TYPES),
    state: z.enum(CASE_STATES),
    acceptedAt: z.string(),
    promisedBy: z.string().nullable(),
    overdue: z.boolean(),
    /** The town's proposed or approved amount in fen, when the case has one. */
    amountFen: z.number().int().nullable(),
    /** The district's own decision already recorded (waiting for the next answer package). */
    districtDecision: z.enum(['approved', 'refused']).nullable(),
  })
  .strict();
export type DistrictCaseRow = z.infer<typeof districtCaseRowSchema>;

export const districtCasesInput = z
  .object({
    townCode: townCodeSchema.nullable(),
    reliefType: z.enum(RELIEF_TYPES).nullable(),
    state: z.enum(CASE_STATES).nullable(),
    overdueOnly: z.boolean(),
    limit: z.number().int().min(1).max(LIMITS.districtListRowsMax),
  })
  .strict();

export const districtClaimRowSchema = z
  .object({ claimNo: z.string(), periodStart: z.string(), periodEnd: z.string(), totalFen: z.number().int(), state: z.string(), payoutCount: z.number().int() })
  .strict();

export const districtReplenishmentRowSchema = z
  .object({
    id: z.string(),
    townCode: z.string(),
    townName: z.string(),
    amountFen: z.number().int(),
    voucherNo: z.string(),
    claimNo: z.string().nullable(),
    note: z.string(),
    recordedAt: z.string(),
    /** The answer package that carried it; null: goes with the next one. */
    outSequence: z.number().int().nullable(),
  })
  .strict();
export type DistrictReplenishmentRow = z.infer<typeof districtReplenishmentRowSchema>;

export { sha256Hex as syncSha256Hex };
