// The RPC surface: one table, name -> { kind, access, input, output }. The renderer, both
// transports, dispatch() and GET /api/procedures all read this table and nothing else.
import { z } from 'zod';
import { CASE_STATES } from './cases';
import { catalogueSchema, DECIDING_BODIES, MATERIAL_STATUSES, RELIEF_TYPES } from './catalogue';
import { LIMITS } from './limits';
import { CHECK_OUTCOMES, checkFiguresSchema, ECONOMIC_CHECK_SOURCES, economicCheckViewSchema } from './steps';
import { DOCUMENT_KINDS, DOCUMENT_REF_FIELDS, documentRefField, documentViewSchema, recordedPrintSchema, type DocumentRefField, type DocumentRefFields } from './documents';
import { MAX_AMOUNT_FEN } from './money';
import { claimDetailSchema, claimPreviewSchema, claimViewSchema, excelFileSchema, STATEMENT_PERIOD_PATTERN, statementPeriodOf, statementSchema } from './claims';
import { dayClosePreviewSchema, dayCloseViewSchema } from './dayClose';
import {
  districtCaseRowSchema,
  districtCasesInput,
  districtClaimRowSchema,
  districtReplenishmentRowSchema,
  districtTownSchema,
  peerCode,
  syncAlertRowSchema,
  syncCandidateSchema,
  syncExportResultSchema,
  syncFolderPath,
  syncImportOutcomeSchema,
  syncKeyPreviewSchema,
  syncStatusSchema,
  syncTimeOfDay,
  townCodeSchema,
} from './sync';
import { casePayoutsSchema, escalatedPaperworkSchema, payoutApproveInput, payoutCancelInput, payoutEmergencyInput, payoutPayInput, payoutViewSchema } from './payouts';
import {
  DISABILITY_CATEGORIES,
  INSTALLATION_KINDS,
  REGISTRATIONS,
  RELATIONS,
  RELIEF_CAUSES,
  ROLES,
  TARGET_GROUPS,
  type Role,
} from './vocab';

export type ProcedureKind = 'query' | 'mutation';
/** 'public': no session; 'session': any logged-in user; a role list: users holding any of them. */
export type Access = 'public' | 'session' | readonly Role[];

export interface ProcedureDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  kind: ProcedureKind;
  access: Access;
  input: I;
  output: O;
  summary: string;
  /** Callable while the session is idle-locked (to unlock or leave). */
  allowLocked?: true;
  /** Callable before the forced first password change. */
  allowPasswordChangePending?: true;
  /** Leave the input out of the audit row (the handler notes what may be kept). */
  auditInput?: false;
}

function proc<I extends z.ZodType, O extends z.ZodType>(def: ProcedureDef<I, O>): ProcedureDef<I, O> {
  return def;
}

// ---- shared pieces -------------------------------------------------------------------------

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) }).strict();
const uuid = z.string().uuid();
const longText = z.string().trim().max(LIMITS.textLongMax);
const isoTime = z.string();
// A calendar date that exists: the pattern alone lets 2026-02-30 through, and dayjs would
// quietly roll it over into March.
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '不是有效日期');
const townCode = z.string().regex(/^\d{9}$/, '镇街代码应为9位数字');
const villageCode = z.string().regex(/^\d{12}$/, '村居代码应为12位数字');
const phone = z
  .string()
  .trim()
  .regex(/^$|^[0-9-]{7,20}$/, '电话号码只能包含数字和短横线（7-20位）');
const password = z.string().min(1, '请输入密码').max(LIMITS.passwordLengthMax);
const username = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9_.-]{2,32}$/, '用户名为2-32位字母、数字、下划线、点或短横线');
const displayName = z.string().trim().min(1, '请输入姓名').max(LIMITS.textShortMax);
const roles = z.array(z.enum(ROLES)).min(1, '至少选择一个角色').max(ROLES.length);
/** A user's own resident ID (optional): the service validates it like a resident's. */
const userResidentId = z.string().trim().max(LIMITS.textShortMax).nullable().optional();

export const installationSchema = z
  .object({
    kind: z.enum(INSTALLATION_KINDS),
    districtCode: z.string(),
    districtName: z.string(),
    townCode: z.string().nullable(),
    townName: z.string().nullable(),
  })
  .strict();
export type Installation = z.infer<typeof installationSchema>;

export const sessionUserSchema = z
  .object({
    id: uuid,
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(ROLES)),
    mustChangePassword: z.boolean(),
  })
  .strict();
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const userRowSchema = z
  .object({
    id: uuid,
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(ROLES)),
    /** The user's own resident ID, masked; the full one never leaves the service. */
    residentIdMasked: z.string().nullable(),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    lockedUntil: isoTime.nullable(),
    lastLoginAt: isoTime.nullable(),
    createdAt: isoTime,
  })
  .strict();
export type UserRow = z.infer<typeof userRowSchema>;

export const villageSchema = z
  .object({ code: villageCode, name: z.string(), active: z.boolean() })
  .strict();
export type Village = z.infer<typeof villageSchema>;

const personFields = {
  name: z.string().trim().min(1, '请输入姓名').max(LIMITS.textShortMax),
  residentId: z.string().trim().min(1, '请输入公民身份号码').max(LIMITS.textShortMax),
  phone,
  tags: z.array(z.enum(TARGET_GROUPS)).max(LIMITS.personTagsMax),
  disabilityCategory: z.enum(DISABILITY_CATEGORIES).nullable(),
  disabilityGrade: z.number().int().min(1).max(4).nullable(),
  notes: longText,
};
export const personInputSchema = z.object(personFields).strict();
export type PersonInput = z.infer<typeof personInputSchema>;
/** Editing a person: the resident ID only when it changes, so a phone edit needs no audited reveal. */
export const personUpdateSchema = z.object({ ...personFields, residentId: personFields.residentId.optional() }).strict();
export type PersonUpdate = z.infer<typeof personUpdateSchema>;

const householdFields = {
  villageCode,
  address: z.string().trim().min(1, '请输入住址').max(LIMITS.textLongMax),
  phone,
  registration: z.enum(REGISTRATIONS),
};

export const personViewSchema = z
  .object({
    id: uuid,
    name: z.string(),
    residentIdMasked: z.string(),
    /** Age in whole years today. Never the birth date: with the masked ID it gives the full ID back. */
    age: z.number().int().min(0),
    sex: z.enum(['male', 'female']),
    phone: z.string(),
    tags: z.array(z.enum(TARGET_GROUPS)),
    disabilityCategory: z.enum(DISABILITY_CATEGORIES).nullable(),
    disabilityGrade: z.number().int().nullable(),
    notes: z.string(),
  })
  .strict();
export type PersonView = z.infer<typeof personViewSchema>;

export const householdViewSchema = z
  .object({
    id: uuid,
    villageCode: z.string(),
    villageName: z.string(),
    address: z.string(),
    phone: z.string(),
    registration: z.enum(REGISTRATIONS),
    createdAt: isoTime,
    members: z.array(
      z.object({ membershipId: uuid, relation: z.enum(RELATIONS), joinedAt: isoTime, person: personViewSchema }).strict(),
    ),
    formerMembers: z.array(
      z
        .object({
          membershipId: uuid,
          relation: z.enum(RELATIONS),
          joinedAt: isoTime,
          leftAt: isoTime,
          leftReason: z.string(),
          personId: uuid,
          name: z.string(),
          residentIdMasked: z.string(),
          nowHouseholdId: uuid.nullable(),
        })
        .strict(),
    ),
  })
  .strict();
export type HouseholdView = z.infer<typeof householdViewSchema>;

export const SEARCH_MATCH_KINDS = ['id_exact', 'id_prefix', 'id_suffix', 'name_prefix', 'pinyin', 'phone'] as const;
export type SearchMatchKind = (typeof SEARCH_MATCH_KINDS)[number];

export const searchHitSchema = z
  .object({
    personId: uuid,
    name: z.string(),
    residentIdMasked: z.string(),
    sex: z.enum(['male', 'female']),
    /** Age in whole years today. Never the birth date: with the masked ID it gives the full ID back. */
    age: z.number().int().min(0),
    phone: z.string(),
    tags: z.array(z.enum(TARGET_GROUPS)),
    householdId: uuid.nullable(),
    relation: z.enum(RELATIONS).nullable(),
    villageName: z.string().nullable(),
    headName: z.string().nullable(),
    matchedBy: z.enum(SEARCH_MATCH_KINDS),
  })
  .strict();
export type SearchHit = z.infer<typeof searchHitSchema>;

export const auditRowSchema = z
  .object({
    seq: z.number().int(),
    at: isoTime,
    userId: z.string().nullable(),
    username: z.string().nullable(),
    action: z.string(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    detail: z.string(),
    hash: z.string(),
  })
  .strict();
export type AuditRow = z.infer<typeof auditRowSchema>;

// ---- printing: the counter's receipt printer (settings, the receipt layout) -----------------

export const PAPER_WIDTHS = ['58mm', '80mm'] as const;
// tcp://host[:port], as the printing service's parsePrinterUri reads it; '' is no printer.
const PRINTER_URI = /^tcp:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?\/?$/i;
const printerUri = z
  .string()
  .trim()
  .max(LIMITS.textShortMax)
  .refine((uri) => {
    if (uri === '') return true;
    const port = PRINTER_URI.exec(uri)?.[2];
    return PRINTER_URI.test(uri) && (port === undefined || (Number(port) >= 1 && Number(port) <= 65535));
  }, '打印机地址应为 tcp://主机:端口（如 tcp://192.168.1.50:9100），不用打印机时留空');

export const settingsSchema = z
  .object({
    idleLockMinutes: z.number().int().min(LIMITS.idleLockMinutesMin).max(LIMITS.idleLockMinutesMax),
    /** The office on receipts; '' prints the town's name + 社会救助服务大厅. */
    officeName: z.string().trim().max(LIMITS.textShortMax),
    enquiryPhone: phone,
    receiptPrinterUri: printerUri,
    receiptPaper: z.enum(PAPER_WIDTHS),
    // Economic check: how long a completed report may be reused by the household's later cases.
    checkValidityMonths: z.number().int().min(LIMITS.checkValidityMonthsMin).max(LIMITS.checkValidityMonthsMax),
    // Reserve: alert when what may still be approved falls below this share of the allocation (0: never).
    reserveAlertPercent: z.number().int().min(LIMITS.reserveAlertPercentMin).max(LIMITS.reserveAlertPercentMax),
    // Temporary relief: the town's approval limit by effective date (the latest entry on or
    // before the decision date applies), the repeat window, the emergency paperwork deadline.
    townReliefLimits: z
      .array(z.object({ effectiveFrom: isoDate, limitFen: z.number().int().min(1, '限额必须大于零').max(MAX_AMOUNT_FEN) }).strict())
      .min(1, '至少保留一条审批限额')
      .max(LIMITS.townReliefLimitEntriesMax)
      .refine((entries) => new Set(entries.map((e) => e.effectiveFrom)).size === entries.length, '同一生效日期只能有一条限额'),
    repeatWindowMonths: z.number().int().min(LIMITS.repeatWindowMonthsMin).max(LIMITS.repeatWindowMonthsMax),
    emergencyPaperworkDays: z.number().int().min(LIMITS.emergencyPaperworkDaysMin).max(LIMITS.emergencyPaperworkDaysMax),
    // Nightly sync: the folder packages go to and come from ('' until the admin sets one), and
    // the time of the nightly export (town PCs are often off at 02:00).
    syncFolder: syncFolderPath,
    syncExportTime: syncTimeOfDay,
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

// ---- the reserve fund (备用金) --------------------------------------------------------------

export const reserveSummarySchema = z
  .object({
    /** Cash the book says is in the box, in fen. */
    balanceFen: z.number().int(),
    /** Approved payouts not yet handed over or cancelled. */
    heldFen: z.number().int(),
    /** balance − held: what may still be approved. */
    availableFen: z.number().int(),
    /** The fund's size: the district's allocations less their reversals. */
    allocationFen: z.number().int(),
    alertPercent: z.number().int(),
    /** available < alertPercent % of the allocation. */
    alert: z.boolean(),
  })
  .strict();
export type ReserveSummary = z.infer<typeof reserveSummarySchema>;

export const reserveTransferSchema = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    kind: z.enum(['allocate', 'replenish', 'hold', 'post', 'void', 'reverse', 'recover', 'over', 'short']),
    amountFen: z.number().int(),
    reference: z.string(),
    note: z.string(),
    businessDate: z.string(),
    createdAt: z.string(),
  })
  .strict();
export type ReserveTransferView = z.infer<typeof reserveTransferSchema>;

/** One row of the reserve page's 账目明细 (reserve.transfers): the entry, its label, its reversal. */
export const reserveTransferLineSchema = reserveTransferSchema
  .extend({
    kindLabel: z.string(),
    /** The reversal that undid this entry, if any (each entry is reversed at most once). */
    reversedBySeq: z.number().int().nullable(),
    /** For a reversal: the entry it undid. */
    reversesSeq: z.number().int().nullable(),
    /** reserve.reverse would take it; else notReversibleReason says why not. */
    reversible: z.boolean(),
    notReversibleReason: z.string().nullable(),
  })
  .strict();
export type ReserveTransferLine = z.infer<typeof reserveTransferLineSchema>;

const reserveAmountFen = z.number().int().min(1, '金额必须大于零').max(MAX_AMOUNT_FEN);
const reserveBooked = z.object({ transfer: reserveTransferSchema, summary: reserveSummarySchema }).strict();

/** The printed lines of a receipt, exactly as they come out of the printer (the preview). */
export const receiptLayoutSchema = z
  .object({
    columns: z.union([z.literal(32), z.literal(48)]),
    lines: z.array(
      z.discriminatedUnion('kind', [
        z
          .object({
            kind: z.literal('text'),
            text: z.string(),
            align: z.enum(['left', 'center']),
            size: z.enum(['normal', 'double']),
            bold: z.boolean(),
          })
          .strict(),
        z.object({ kind: z.literal('qr'), payload: z.string() }).strict(),
      ]),
    ),
  })
  .strict();
export type ReceiptLayoutView = z.infer<typeof receiptLayoutSchema>;

/**
 * Whether the printer took the job, filled after the commit (dispatchAsync). NOT_SENT is what
 * a caller that does not await the send sees; NO_PRINTER: none is set, the print is recorded.
 */
export const printOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }).strict(),
  z
    .object({
      ok: z.literal(false),
      code: z.enum(['NO_PRINTER', 'NOT_SENT', 'PRINTER_ADDRESS', 'PRINTER_UNREACHABLE', 'PRINTER_TIMEOUT', 'PRINTER_INTERRUPTED']),
      message: z.string(),
    })
    .strict(),
]);
export type PrintOutcome = z.infer<typeof printOutcomeSchema>;

export const caseSummarySchema = z
  .object({
    id: uuid,
    caseNo: z.string(),
    applicationId: uuid,
    reliefType: z.enum(RELIEF_TYPES),
    category: z.string().nullable(),
    state: z.enum(CASE_STATES),
    acceptedDate: z.string(),
    promisedDate: z.string(),
  })
  .strict();
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseDetailSchema = caseSummarySchema
  .extend({
    householdId: uuid,
    applicant: z.object({ personId: uuid, name: z.string(), residentIdMasked: z.string() }).strict(),
    channel: z.enum(['window', 'assistant']),
    assistantName: z.string().nullable(),
    reason: z.string(),
    commitmentRoute: z.boolean(),
    catalogueVersion: z.number().int(),
    decidedBy: z.enum(DECIDING_BODIES),
    department: z.string().nullable(),
    acceptedBy: z.string(),
    /** Why the calling approver may not decide this case (separation of duties), while a town decision is ahead; else null. */
    decisionBlockedReason: z.string().nullable(),
    materials: z.array(
      z
        .object({
          materialId: z.string(),
          name: z.string(),
          status: z.enum(MATERIAL_STATUSES),
          optional: z.boolean(),
          commitmentReplaceable: z.boolean(),
        })
        .strict(),
    ),
    signatures: z.array(
      z.object({ kind: z.enum(['commitment', 'authorisation']), personId: uuid, name: z.string(), signedDate: z.string() }).strict(),
    ),
    members: z.array(z.object({ personId: uuid, name: z.string(), relation: z.enum(RELATIONS), adult: z.boolean() }).strict()),
    events: z.array(
      z
        .object({
          event: z.string(),
          fromState: z.enum(CASE_STATES).nullable(),
          toState: z.enum(CASE_STATES),
          at: isoTime,
          userName: z.string(),
          note: z.string(),
        })
        .strict(),
    ),
    householdCases: z.array(caseSummarySchema),
    /** Every paper printed for the case (receipt, A4 forms, notice lists), oldest first. */
    prints: z.array(
      z
        .object({
          documentKind: z.string(),
          kindLabel: z.string(),
          copyNo: z.number().int().min(1),
          target: z.enum(['thermal', 'a4', 'pdf']),
          printedAt: isoTime,
          userName: z.string(),
        })
        .strict(),
    ),
  })
  .strict();
export type CaseDetail = z.infer<typeof caseDetailSchema>;

const materialInput = z
  .object({ materialId: z.string().max(LIMITS.textShortMax), status: z.enum(MATERIAL_STATUSES) })
  .strict();

/**
 * Which A4 form: of a case by caseId, the notice list by noticeId, a payout voucher by payoutId,
 * the day-close slip by dayCloseId.
 * One strict object (not a union) so a bad input is told key by key; services/documents turns
 * it into a DocumentRef.
 */
// A statement is named by its period (claimsVocab.ts): two real dates, the first not after the second.
const statementPeriod = z
  .string()
  .regex(STATEMENT_PERIOD_PATTERN, '对账期间格式应为 YYYY-MM-DD_YYYY-MM-DD')
  .refine((v) => {
    const p = statementPeriodOf(v);
    return p !== null && isoDate.safeParse(p.from).success && isoDate.safeParse(p.to).success && p.from <= p.to;
  }, '对账期间不是有效的起止日期');
const documentRefShape = {
  kind: z.enum(DOCUMENT_KINDS),
  caseId: uuid.optional(),
  noticeId: uuid.optional(),
  payoutId: uuid.optional(),
  dayCloseId: uuid.optional(),
  claimId: uuid.optional(),
  period: statementPeriod.optional(),
};

const DOCUMENT_REF_MISSING: Record<DocumentRefField, string> = { caseId: '缺少案件', noticeId: '缺少公示', payoutId: '缺少救助金发放记录', dayCloseId: '缺少日结记录', claimId: '缺少报账单', period: '缺少对账期间' };

function refineDocumentRef(v: DocumentRefFields, ctx: z.RefinementCtx): void {
  const needed = documentRefField(v.kind);
  for (const field of DOCUMENT_REF_FIELDS) {
    if (field === needed && v[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: DOCUMENT_REF_MISSING[field] });
    if (field !== needed && v[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: '与文书种类不符' });
  }
}


const loginResult = z
  .object({ token: z.string(), user: sessionUserSchema, idleLockMs: z.number().int(), installation: installationSchema })
  .strict();

// ---- notices, decisions, referrals, work queues (the steps after the review) -------------

export const noticeViewSchema = z
  .object({
    id: uuid,
    villageCode: z.string(),
    villageName: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    // What may be posted: never a minor, never a full resident ID (DOMAIN.md §7).
    entries: z.array(
      z
        .object({
          caseNo: z.string(),
          applicantName: z.string(),
          residentIdMasked: z.string(),
          reliefType: z.enum(RELIEF_TYPES),
          kindLabel: z.string(),
          proposedAmountFen: z.number().int().nullable(),
        })
        .strict(),
    ),
    /** Entries on the notice but not printed (minor applicants). */
    hiddenCount: z.number().int(),
  })
  .strict();
export type NoticeView = z.infer<typeof noticeViewSchema>;

/** A case as the clerk sees it on a notice (by id, for objections; minors flagged, not hidden). */
const noticeCaseSchema = z
  .object({
    caseId: uuid,
    caseNo: z.string(),
    applicantName: z.string(),
    reliefType: z.enum(RELIEF_TYPES),
    kindLabel: z.string(),
    minor: z.boolean(),
  })
  .strict();

export const noticeCandidatesSchema = z.array(
  z.object({ villageCode: z.string(), villageName: z.string(), cases: z.array(noticeCaseSchema) }).strict(),
);
export type NoticeCandidates = z.infer<typeof noticeCandidatesSchema>;

/** Notices still running, each with the cases that are in notice on it. */
export const openNoticesSchema = z.array(
  z
    .object({ id: uuid, villageCode: z.string(), villageName: z.string(), startDate: z.string(), endDate: z.string(), cases: z.array(noticeCaseSchema) })
    .strict(),
);
export type OpenNotices = z.infer<typeof openNoticesSchema>;

export const WORK_QUEUES = [
  'materials_incomplete',
  'to_check',
  'to_refer',
  'checking',
  'investigating',
  'reviewing',
  'ready_for_notice',
  'in_notice',
  'deciding',
  'referred',
  'overdue',
  'referral_overdue',
  // 先行救助 whose paperwork is still owed (services/payouts/paperwork.ts), overdue first.
  'emergency_paperwork',
] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];

export const workQueuesSchema = z
  .object({
    queues: z.array(
      z
        .object({
          queue: z.enum(WORK_QUEUES),
          label: z.string(),
          count: z.number().int(),
          rows: z.array(
            z
              .object({
                caseId: uuid,
                caseNo: z.string(),
                applicantName: z.string(),
                reliefType: z.enum(RELIEF_TYPES),
                kindLabel: z.string(),
                state: z.enum(CASE_STATES),
                stateLabel: z.string(),
                // The date the row is measured against: promised completion, notice end or referral due.
                dateKind: z.enum(['promised', 'notice_end', 'referral_due', 'paperwork_due']),
                date: z.string(),
                daysOverdue: z.number().int(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();
export type WorkQueues = z.infer<typeof workQueuesSchema>;

// ---- the table ---------------------------------------------------------------------------

export const procedures = {
  'setup.status': proc({
    kind: 'query',
    access: 'public',
    summary: '安装是否已完成初始化，以及本机所属镇街',
    input: empty,
    output: z.object({ setUp: z.boolean(), installation: installationSchema.nullable() }).strict(),
  }),
  'setup.towns': proc({
    kind: 'query',
    access: 'public',
    summary: '可选的镇街及其已知村居（初始化用）',
    input: empty,
    output: z.object({
      districtCode: z.string(),
      districtName: z.string(),
      towns: z.array(z.object({ code: z.string(), name: z.string(), villageCount: z.number().int() }).strict()),
    }).strict(),
  }),
  'setup.run': proc({
    kind: 'mutation',
    access: 'public',
    summary: '首次运行：选择安装类型与镇街，导入村居，创建第一个管理员',
    input: z
      .object({
        kind: z.enum(INSTALLATION_KINDS),
        townCode: townCode.nullable(),
        admin: z.object({ username, displayName, password }).strict(),
      })
      .strict(),
    // The installation's signing key is made at setup: its fingerprint is shown to read to the other side.
    output: z.object({ installation: installationSchema, villagesLoaded: z.number().int(), fingerprint: z.string() }).strict(),
  }),

  'auth.login': proc({
    kind: 'mutation',
    access: 'public',
    auditInput: false,
    summary: '登录',
    input: z.object({ username: z.string().trim().min(1, '请输入用户名').max(LIMITS.usernameLengthMax), password }).strict(),
    output: loginResult,
  }),
  'auth.me': proc({
    kind: 'query',
    access: 'session',
    allowLocked: true,
    allowPasswordChangePending: true,
    summary: '当前会话的用户、锁定状态与安装信息',
    input: empty,
    output: z
      .object({ user: sessionUserSchema, locked: z.boolean(), idleLockMs: z.number().int(), installation: installationSchema })
      .strict(),
  }),
  'auth.logout': proc({
    kind: 'mutation',
    access: 'session',
    allowLocked: true,
    allowPasswordChangePending: true,
    summary: '退出登录',
    input: empty,
    output: ok,
  }),
  'auth.touch': proc({
    kind: 'query',
    access: 'session',
    summary: '告知服务器用户仍在操作（长表单填写中），避免会话被空闲锁定；锁定后不可用',
    input: empty,
    output: ok,
  }),
  'auth.unlock': proc({
    kind: 'mutation',
    access: 'session',
    allowLocked: true,
    allowPasswordChangePending: true,
    summary: '空闲锁定后输入密码解锁',
    input: z.object({ password }).strict(),
    output: ok,
  }),
  'auth.changePassword': proc({
    kind: 'mutation',
    access: 'session',
    allowPasswordChangePending: true,
    summary: '修改本人密码（重置后首次登录必须修改）',
    input: z.object({ currentPassword: password, newPassword: password }).strict(),
    output: ok,
  }),

  'users.list': proc({
    kind: 'query',
    access: ['town_admin', 'district_admin'],
    summary: '用户列表',
    input: empty,
    output: z.array(userRowSchema),
  }),
  'users.create': proc({
    kind: 'mutation',
    access: ['town_admin', 'district_admin'],
    summary: '新建用户（初始密码，首次登录须修改）',
    input: z.object({ username, displayName, roles, password, residentId: userResidentId }).strict(),
    output: userRowSchema,
  }),
  'users.update': proc({
    kind: 'mutation',
    access: ['town_admin', 'district_admin'],
    summary: '修改用户姓名、角色与本人身份号码（不填则保留，null 清除）',
    input: z.object({ id: uuid, displayName, roles, residentId: userResidentId }).strict(),
    output: userRowSchema,
  }),
  'users.setDisabled': proc({
    kind: 'mutation',
    access: ['town_admin', 'district_admin'],
    summary: '停用或启用用户',
    input: z.object({ id: uuid, disabled: z.boolean() }).strict(),
    output: userRowSchema,
  }),
  'users.resetPassword': proc({
    kind: 'mutation',
    access: ['town_admin', 'district_admin'],
    summary: '重置密码并解除锁定；下次登录须修改密码',
    input: z.object({ id: uuid, password }).strict(),
    output: userRowSchema,
  }),

  'settings.get': proc({
    kind: 'query',
    access: ['town_admin', 'district_admin'],
    summary: '本机设置',
    input: empty,
    output: settingsSchema,
  }),
  'settings.update': proc({
    kind: 'mutation',
    access: ['town_admin', 'district_admin'],
    summary: '修改本机设置（只改所填的项）',
    input: settingsSchema.partial(),
    output: settingsSchema,
  }),

  'villages.list': proc({
    kind: 'query',
    access: 'session',
    summary: '本镇街村居列表',
    input: z.object({ includeInactive: z.boolean() }).strict(),
    output: z.array(villageSchema),
  }),
  'villages.create': proc({
    kind: 'mutation',
    access: ['town_admin'],
    summary: '新增村居',
    input: z.object({ code: villageCode, name: displayName }).strict(),
    output: villageSchema,
  }),
  'villages.update': proc({
    kind: 'mutation',
    access: ['town_admin'],
    summary: '修改村居名称或停用',
    input: z.object({ code: villageCode, name: displayName, active: z.boolean() }).strict(),
    output: villageSchema,
  }),

  'registry.search': proc({
    kind: 'query',
    access: ['clerk', 'approver'],
    summary: '按身份号码（全号、前段或末4-6位）、姓名或其前缀、拼音首字母、电话查找人员',
    input: z
      .object({
        q: z.string().max(LIMITS.searchQueryLengthMax, `查询内容不能超过${LIMITS.searchQueryLengthMax}个字符`),
        limit: z.number().int().min(1).max(LIMITS.searchResultsMax),
      })
      .strict(),
    output: z.object({ hits: z.array(searchHitSchema), truncated: z.boolean() }).strict(),
  }),
  'registry.household.get': proc({
    kind: 'query',
    access: ['clerk', 'approver'],
    summary: '户的详细信息、现有成员与迁出成员',
    input: z.object({ householdId: uuid }).strict(),
    output: householdViewSchema,
  }),
  'registry.household.create': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '登记新户及其成员（第一位为户主）',
    input: z
      .object({
        ...householdFields,
        members: z
          .array(z.object({ relation: z.enum(RELATIONS), person: personInputSchema }).strict())
          .min(1, '至少登记一名成员')
          .max(LIMITS.householdMembersMax),
      })
      .strict(),
    output: householdViewSchema,
  }),
  'registry.household.update': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '修改户的村居、住址、电话与户籍类型',
    input: z.object({ householdId: uuid, ...householdFields }).strict(),
    output: householdViewSchema,
  }),
  'registry.member.add': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '为户新增一名成员（新登记的人员）',
    input: z.object({ householdId: uuid, relation: z.enum(RELATIONS), person: personInputSchema }).strict(),
    output: householdViewSchema,
  }),
  'registry.member.move': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '将人员迁入另一户（保留原户的成员历史）',
    input: z
      .object({
        personId: uuid,
        toHouseholdId: uuid,
        relation: z.enum(RELATIONS),
        reason: z.string().trim().min(1, '请填写迁移原因').max(LIMITS.textLongMax),
      })
      .strict(),
    output: householdViewSchema,
  }),
  'registry.member.setRelation': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '变更成员与户主的关系（含指定新户主；一户只能有一名户主）',
    input: z.object({ householdId: uuid, personId: uuid, relation: z.enum(RELATIONS) }).strict(),
    output: householdViewSchema,
  }),
  'registry.person.update': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '修改人员信息',
    input: z.object({ personId: uuid, person: personUpdateSchema }).strict(),
    output: personViewSchema,
  }),
  'registry.person.revealId': proc({
    kind: 'mutation',
    access: ['clerk', 'approver'],
    summary: '查看完整身份号码（记入审计日志）',
    input: z.object({ personId: uuid }).strict(),
    output: z.object({ residentId: z.string() }).strict(),
  }),

  'catalogue.get': proc({
    kind: 'query',
    access: 'session',
    summary: '“一次办好”事项清单（默认当前版本）',
    input: z.object({ version: z.number().int().min(1).nullable() }).strict(),
    output: z.object({ version: z.number().int(), note: z.string(), createdAt: isoTime, items: catalogueSchema }).strict(),
  }),
  'catalogue.versions': proc({
    kind: 'query',
    access: 'session',
    summary: '清单的历次版本',
    input: empty,
    output: z.array(z.object({ version: z.number().int(), note: z.string(), createdAt: isoTime }).strict()),
  }),
  'catalogue.update': proc({
    kind: 'mutation',
    access: ['town_admin'],
    summary: '修改清单（生成新版本，已受理的案件仍按受理时的版本办理）',
    input: z
      .object({
        items: catalogueSchema,
        note: z.string().trim().min(1, '请填写修改说明').max(LIMITS.textLongMax, `修改说明不能超过 ${LIMITS.textLongMax} 个字`),
        /** The version the edit started from; a newer current version refuses the save (CONFLICT).
         *  Required: without it one admin's older draft would silently undo another's change. */
        baseVersion: z.number().int().min(1),
      })
      .strict(),
    output: z.object({ version: z.number().int(), note: z.string(), createdAt: isoTime, items: catalogueSchema }).strict(),
  }),
  'catalogue.wallList': proc({
    kind: 'query',
    access: 'session',
    summary: '打印上墙的“一次办好”清单（当前版本、单位名称、打印日期）',
    input: empty,
    output: z
      .object({ officeName: z.string(), printedDate: z.string(), version: z.number().int(), note: z.string(), createdAt: isoTime, items: catalogueSchema })
      .strict(),
  }),
  'calendar.list': proc({
    kind: 'query',
    access: 'session',
    summary: '某年的法定节假日与调休上班日',
    input: z.object({ year: z.number().int().min(2000).max(2100) }).strict(),
    output: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), note: z.string() }).strict()),
  }),
  'calendar.set': proc({
    kind: 'mutation',
    access: ['town_admin'],
    summary: '设置某日为节假日、调休上班日，或恢复正常',
    input: z.object({ date: isoDate, kind: z.enum(['holiday', 'workday']).nullable(), note: z.string().trim().max(LIMITS.textShortMax) }).strict(),
    output: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), note: z.string() }).strict()),
  }),

  'cases.intake': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '一窗受理：一张申请表可申请多类救助，每类生成一个案件编号',
    input: z
      .object({
        householdId: uuid,
        applicantPersonId: uuid,
        channel: z.enum(['window', 'assistant']),
        assistantName: z.string().trim().max(LIMITS.textShortMax).nullable(),
        reason: z.string().trim().min(1, '请填写申请事由').max(LIMITS.textLongMax),
        commitmentRoute: z.boolean(),
        kinds: z
          .array(
            z
              .object({
                reliefType: z.enum(RELIEF_TYPES),
                category: z.string().max(32).nullable(),
                materials: z.array(materialInput).max(LIMITS.caseMaterialsMax),
              })
              .strict(),
          )
          .min(1, '至少选择一类救助')
          .max(RELIEF_TYPES.length),
      })
      .strict(),
    output: z
      .object({
        applicationId: uuid,
        cases: z.array(caseSummarySchema),
        missing: z.array(z.object({ caseNo: z.string(), reliefType: z.enum(RELIEF_TYPES), materials: z.array(z.string()) }).strict()),
      })
      .strict(),
  }),
  'cases.get': proc({
    kind: 'query',
    access: ['clerk', 'approver'],
    summary: '案件详情：材料、签字、全过程记录与本户救助历史',
    input: z.object({ caseId: uuid }).strict(),
    output: caseDetailSchema,
  }),
  'cases.listByHousehold': proc({
    kind: 'query',
    access: ['clerk', 'approver'],
    summary: '本户的全部案件（最新的在前）',
    input: z.object({ householdId: uuid }).strict(),
    output: z.array(caseSummarySchema),
  }),
  'cases.updateMaterials': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '补齐或更正材料；材料齐全时案件转为已受理',
    input: z.object({ caseId: uuid, materials: z.array(materialInput).max(LIMITS.caseMaterialsMax) }).strict(),
    output: caseDetailSchema,
  }),
  'cases.recordSignature': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '登记已签回的告知承诺书或核对授权书',
    input: z.object({ caseId: uuid, kind: z.enum(['commitment', 'authorisation']), personId: uuid, signedDate: isoDate }).strict(),
    output: caseDetailSchema,
  }),
  'cases.transition': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '撤回申请（其余环节由各自的办理操作推进）',
    input: z.object({ caseId: uuid, event: z.enum(['withdrawn']), note: z.string().trim().min(1, '请填写原因').max(LIMITS.textLongMax) }).strict(),
    output: caseDetailSchema,
  }),

  // ---- notices, decisions, referrals, work queues
  'notices.candidates': proc({
    kind: 'query',
    access: ['clerk'],
    summary: '待公示的案件，按村居分组',
    input: empty,
    output: noticeCandidatesSchema,
  }),
  'notices.create': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '为一个村居发布公示名单，名单内案件进入公示期',
    input: z
      .object({
        villageCode,
        startDate: isoDate,
        entries: z
          .array(z.object({ caseId: uuid, proposedAmountFen: z.number().int().min(0).max(MAX_AMOUNT_FEN).nullable() }).strict())
          .min(1, '至少选择一个案件')
          .max(LIMITS.noticeEntriesMax),
      })
      .strict(),
    output: noticeViewSchema,
  }),
  'notices.get': proc({
    kind: 'query',
    access: ['clerk', 'approver'],
    summary: '公示名单（可张贴的内容：不含未成年人，身份证号已遮蔽）',
    input: z.object({ noticeId: uuid }).strict(),
    output: noticeViewSchema,
  }),
  'notices.open': proc({
    kind: 'query',
    access: ['clerk'],
    summary: '公示中的名单及其案件（期满后由此结束公示）',
    input: empty,
    output: openNoticesSchema,
  }),
  'notices.objection': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '登记公示期内的异议，案件退回入户调查',
    input: z
      .object({
        noticeId: uuid,
        caseId: uuid,
        receivedDate: isoDate,
        content: z.string().trim().min(1, '请填写异议内容').max(LIMITS.textLongMax),
      })
      .strict(),
    output: caseDetailSchema,
  }),
  'notices.close': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '公示期满结束公示，案件转入审核确认',
    input: z.object({ noticeId: uuid }).strict(),
    output: noticeViewSchema,
  }),
  'decisions.decide': proc({
    kind: 'mutation',
    access: ['approver'],
    summary: '审核确认：批准、不予救助或报区级审批（受理人不能审批本人受理的案件）',
    input: z
      .object({
        caseId: uuid,
        outcome: z.enum(['approved', 'refused', 'submitted_to_district']),
        amountFen: z.number().int().min(0).max(MAX_AMOUNT_FEN).nullable(),
        periodStart: isoDate.nullable(),
        periodMonths: z.number().int().min(LIMITS.decisionPeriodMonthsMin).max(LIMITS.decisionPeriodMonthsMax).nullable(),
        opinion: z.string().trim().min(1, '请填写审核意见').max(LIMITS.textLongMax),
        refusalReasons: z.string().trim().max(LIMITS.textLongMax).nullable(),
        // Temporary relief: the cause the repeat rule compares, and the reason for a repeat
        // within the window (DOMAIN.md §5). Other kinds leave both null.
        cause: z.enum(RELIEF_CAUSES).nullable().default(null),
        repeatReason: z.string().trim().max(LIMITS.textLongMax).nullable().default(null),
      })
      .strict(),
    output: caseDetailSchema,
  }),
  'referrals.send': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '将部门办理的事项转办至承办部门',
    input: z.object({ caseId: uuid }).strict(),
    output: caseDetailSchema,
  }),
  'referrals.answer': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '登记承办部门的答复',
    input: z
      .object({ caseId: uuid, answer: z.string().trim().min(1, '请填写部门答复').max(LIMITS.textLongMax), answeredDate: isoDate })
      .strict(),
    output: caseDetailSchema,
  }),
  'queues.mine': proc({
    kind: 'query',
    access: ['clerk', 'approver'],
    summary: '我的待办：各环节待办案件与超期案件',
    input: empty,
    output: workQueuesSchema,
  }),

  // ---- printing: the acceptance receipt -------------------------------------------------
  'printing.receiptPreview': proc({
    kind: 'query',
    access: ['clerk', 'approver'],
    summary: '受理回执预览（与打印内容逐行一致），及下一次打印的份次',
    input: z.object({ caseId: uuid }).strict(),
    output: z.object({ layout: receiptLayoutSchema, nextCopyNo: z.number().int().min(1) }).strict(),
  }),
  'printing.printReceipt': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '打印受理回执（记录份次，第二份起标注补打），提交后发送到回执打印机',
    input: z.object({ caseId: uuid }).strict(),
    output: z.object({ copyNo: z.number().int().min(1), reprint: z.boolean(), printed: printOutcomeSchema }).strict(),
  }),

  // ---- A4 documents: the forms of a case, the notice list, and their prints
  'documents.get': proc({
    kind: 'query',
    access: ['clerk', 'approver', 'town_admin'],
    summary: 'A4 文书内容（告知单、承诺书、授权书、审核审批表、不予救助通知书、转办告知书、公示名单；备用金报账单和对账单仅镇街管理员与审批人），身份证号已遮蔽；及下一次打印的份次',
    input: z.object(documentRefShape).strict().superRefine(refineDocumentRef),
    output: documentViewSchema,
  }),
  'documents.recordPrint': proc({
    kind: 'mutation',
    access: ['clerk', 'approver', 'town_admin'],
    summary: '记录一次 A4 文书打印或另存 PDF（打印前调用；第二份起标注补打），返回份次及此刻的文书内容（按此打印）',
    input: z
      .object({ ...documentRefShape, target: z.enum(['a4', 'pdf']) })
      .strict()
      .superRefine(refineDocumentRef),
    output: recordedPrintSchema,
  }),

  // ---- economic check, home investigation, democratic review
  'checks.request': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '发起家庭经济状况核对（成年成员须先签核对授权书；本户有效期内的核对报告直接沿用）',
    input: z.object({ caseId: uuid }).strict(),
    output: economicCheckViewSchema,
  }),
  'checks.recordResult': proc({
    kind: 'mutation',
    access: ['clerk'],
    auditInput: false,
    summary: '登记某一数据来源的核对结果（再次登记即更正）',
    input: z
      .object({
        checkId: uuid,
        source: z.enum(ECONOMIC_CHECK_SOURCES),
        outcome: z.enum(CHECK_OUTCOMES),
        figures: checkFiguresSchema,
        note: longText,
      })
      .strict(),
    output: economicCheckViewSchema,
  }),
  'checks.complete': proc({
    kind: 'mutation',
    access: ['clerk'],
    summary: '18项数据来源均有结果后登记核对报告，等待该报告的案件转入入户调查',
    input: z
      .object({
        checkId: uuid,
        reportNo: z.string().trim().min(1, '请填写核对报告编号').max(LIMITS.textShortMax),
        completedDate: isoDate,
      })
      .strict(),
    output: economicCheckViewSchema,
  }),
  'checks.get': proc({
    kind: 'query',
    access: ['clerk', 'approver'],
    summary: '案件所在户最近一次经济状况核对及各来源结果',
    input: z.object({ caseId: uuid }).strict(),
    output: economicCheckViewSchema.nullable(),
  }),
  'investigations.record': proc({
    kind: 'mutation',
    access: ['clerk'],
    auditInput: false,
    summary: '登记入户调查（两名调查人）；须民主评议的转入评议，否则待公示',
    input: z
      .object({
        caseId: uuid,
        visitDate: isoDate,
        investigator1: displayName,
        investigator2: displayName,
        housing: z.string().trim().min(1, '请填写住房情况').max(LIMITS.textLongMax),
        income: z
          .array(
            z
              .object({
                personId: uuid,
                monthlyIncomeFen: z.number().int().min(0).max(MAX_AMOUNT_FEN),
                source: z.string().trim().max(LIMITS.textShortMax),
              })
              .strict(),
          )
          .max(LIMITS.householdMembersMax),
        assets: longText,
        cause: z.string().trim().min(1, '请填写致困原因').max(LIMITS.textLongMax),
        supporters: longText,
        conclusion: z.string().trim().min(1, '请填写调查结论').max(LIMITS.textLongMax),
      })
      .strict(),
    output: caseDetailSchema,
  }),
  'reviews.record': proc({
    kind: 'mutation',
    access: ['clerk'],
    auditInput: false,
    summary: '登记村（居）民主评议结果，案件转为待公示',
    input: z
      .object({
        caseId: uuid,
        reviewDate: isoDate,
        participants: z.number().int().min(1).max(LIMITS.reviewParticipantsMax),
        inFavour: z.number().int().min(0).max(LIMITS.reviewParticipantsMax),
        opinion: z.string().trim().min(1, '请填写评议意见').max(LIMITS.textLongMax),
      })
      .strict(),
    output: caseDetailSchema,
  }),

  'reserve.summary': proc({
    kind: 'query',
    access: ['town_admin', 'approver'],
    summary: '备用金概况：账面余额、已冻结、可用、定额与预警',
    input: empty,
    output: reserveSummarySchema,
  }),
  'reserve.allocate': proc({
    kind: 'mutation',
    access: ['town_admin'],
    summary: '登记区级拨付的备用金（按拨付文件）；id 由客户端生成，重复提交返回首次结果',
    input: z.object({ id: uuid, amountFen: reserveAmountFen, documentNo: z.string().trim().min(1, '请填写拨付文件号').max(LIMITS.textShortMax), note: longText }).strict(),
    output: reserveBooked,
  }),
  'reserve.replenish': proc({
    kind: 'mutation',
    access: ['town_admin'],
    summary: '登记区级补拨（按补拨凭证号）；id 由客户端生成，重复提交返回首次结果',
    input: z
      .object({
        id: uuid,
        amountFen: reserveAmountFen,
        voucherNo: z.string().trim().min(1, '请填写补拨凭证号').max(LIMITS.textShortMax),
        note: longText,
        // The reimbursement claim this replenishment settles, if any (older callers send none).
        claimId: uuid.nullable().default(null),
      })
      .strict(),
    output: reserveBooked,
  }),

  // Corrections (electron/services/reserve/corrections.ts). A reversal is the town admin's: the
  // approver handles the cash (pays, closes the day), so undoing entries is left to the other role.
  'reserve.reverse': proc({
    kind: 'mutation',
    access: ['town_admin'],
    summary: '冲正一笔记账（拨付、补拨、追回、长款或短款），每笔只能冲正一次；现金发放不冲正（登记追回）；id 由客户端生成，重复提交返回首次结果',
    input: z.object({ id: uuid, transferId: uuid, reason: z.string().trim().min(1, '请填写冲正原因').max(LIMITS.textLongMax) }).strict(),
    output: reserveBooked,
  }),
  'reserve.recover': proc({
    kind: 'mutation',
    access: ['approver', 'town_admin'],
    summary: '登记追回：已发放的现金救助金按追回决定退回备用金，不超过发放金额减已追回；id 由客户端生成，重复提交返回首次结果',
    input: z
      .object({
        id: uuid,
        payoutId: uuid,
        amountFen: reserveAmountFen,
        orderNo: z.string().trim().min(1, '请填写追回决定文号').max(LIMITS.textShortMax),
        // Stored with the order number in the entry's note (textLongMax): room is left for it.
        note: z.string().trim().max(LIMITS.textLongMax - LIMITS.textShortMax - 16),
      })
      .strict(),
    output: reserveBooked,
  }),
  'reserve.transfers': proc({
    kind: 'query',
    access: ['town_admin', 'approver'],
    summary: '备用金账目明细（新的在前，按序号分页），含是否已冲正、可否冲正',
    input: z.object({ limit: z.number().int().min(1).max(LIMITS.reserveListRowsMax), beforeSeq: z.number().int().min(1).nullable() }).strict(),
    output: z.object({ rows: z.array(reserveTransferLineSchema), nextBeforeSeq: z.number().int().nullable() }).strict(),
  }),

  // 报账 and 对账单 (electron/contract/claims.ts): the claim takes the period's paid cash
  // vouchers not yet claimed; a replenishment naming it settles it. Exports are mutations: the
  // workbook is written after the commit (and each export of payees' names is audited).
  'reserve.claimPreview': proc({
    kind: 'query',
    access: ['town_admin', 'approver'],
    summary: '报账预览：期间内已发放、尚未报账的现金救助金（默认上个月），凭证号、金额与合计',
    input: z.object({ periodStart: isoDate.nullable(), periodEnd: isoDate.nullable() }).strict(),
    output: claimPreviewSchema,
  }),
  'reserve.submitClaim': proc({
    kind: 'mutation',
    access: ['town_admin', 'approver'],
    summary: '提交报账单：期间内未报账的现金发放记入本单，状态为已提交待补拨；id 由客户端生成，重复提交返回首次结果',
    input: z.object({ id: uuid, periodStart: isoDate, periodEnd: isoDate }).strict(),
    output: claimDetailSchema,
  }),
  'reserve.claims': proc({
    kind: 'query',
    access: ['town_admin', 'approver'],
    summary: '报账单列表（新的在前）及结算情况',
    input: empty,
    output: z.array(claimViewSchema),
  }),
  'reserve.claim': proc({
    kind: 'query',
    access: ['town_admin', 'approver'],
    summary: '一张报账单及其发放凭证',
    input: z.object({ claimId: uuid }).strict(),
    output: claimDetailSchema,
  }),
  'reserve.statement': proc({
    kind: 'query',
    access: ['town_admin', 'approver'],
    summary: '备用金对账单：期初余额、期间内每笔现金收支及余额、期末余额',
    input: z.object({ from: isoDate, to: isoDate }).strict(),
    output: statementSchema,
  }),
  'reserve.claimExcel': proc({
    kind: 'mutation',
    access: ['town_admin', 'approver'],
    summary: '导出报账单 Excel 文件（.xlsx，base64）',
    input: z.object({ claimId: uuid }).strict(),
    output: excelFileSchema,
  }),
  'reserve.statementExcel': proc({
    kind: 'mutation',
    access: ['town_admin', 'approver'],
    summary: '导出对账单 Excel 文件（.xlsx，base64）',
    input: z.object({ from: isoDate, to: isoDate }).strict(),
    output: excelFileSchema,
  }),

  // Paying temporary relief (electron/contract/payouts.ts). The approver decides, holds and
  // pays; the accepting user never pays their own case.
  'payouts.forCase': proc({
    kind: 'query',
    access: ['clerk', 'approver', 'town_admin'],
    summary: '案件的救助金发放、家庭救助记录、镇街审批限额与可用备用金',
    input: z.object({ caseId: uuid }).strict(),
    output: casePayoutsSchema,
  }),
  'payouts.approve': proc({
    kind: 'mutation',
    access: ['approver'],
    summary: '批准发放已审批的临时救助（现金冻结备用金；银行转账待登记流水号）；id 由客户端生成',
    input: payoutApproveInput,
    output: payoutViewSchema,
  }),
  'payouts.emergency': proc({
    kind: 'mutation',
    access: ['approver'],
    summary: '先行救助：审批前先行批准发放，手续须在规定天数内补齐；id 由客户端生成',
    input: payoutEmergencyInput,
    output: payoutViewSchema,
  }),
  'payouts.pay': proc({
    kind: 'mutation',
    access: ['approver'],
    summary: '发放：现金当面交付（记账并生成发放凭证号），或登记银行转账流水号；重复提交返回首次结果',
    input: payoutPayInput,
    output: payoutViewSchema,
  }),
  'payouts.cancel': proc({
    kind: 'mutation',
    access: ['approver'],
    summary: '取消未发放的救助金（释放冻结的备用金）',
    input: payoutCancelInput,
    output: payoutViewSchema,
  }),
  'payouts.markSigned': proc({
    kind: 'mutation',
    access: ['clerk', 'approver'],
    summary: '发放凭证已由领款人和经办人签字交回',
    input: z.object({ payoutId: uuid }).strict(),
    output: payoutViewSchema,
  }),
  'payouts.completePaperwork': proc({
    kind: 'mutation',
    access: ['clerk', 'approver'],
    summary: '先行救助的手续已补齐（材料齐全、告知承诺书已签、入户调查已完成）',
    input: z.object({ payoutId: uuid }).strict(),
    output: payoutViewSchema,
  }),
  'payouts.escalated': proc({
    kind: 'query',
    access: ['town_admin'],
    summary: '超过补办期限仍未补齐手续的先行救助（报镇街管理员督办），超期久的在前',
    input: empty,
    output: escalatedPaperworkSchema,
  }),
  // 救助金发放凭证 on the receipt printer (the A4 one is documents.* kind payout_voucher): recorded
  // in the transaction, sent after the commit; printing never touches the payout or the ledger.
  'payouts.printVoucherReceipt': proc({
    kind: 'mutation',
    access: ['approver', 'clerk'],
    summary: '在回执打印机上打印救助金发放凭证（记录份次，第二份起标注补打），提交后发送；返回打印内容',
    input: z.object({ payoutId: uuid }).strict(),
    output: z
      .object({ copyNo: z.number().int().min(1), reprint: z.boolean(), printed: printOutcomeSchema, layout: receiptLayoutSchema })
      .strict(),
  }),
  'payouts.unprintedVouchers': proc({
    kind: 'query',
    access: ['approver', 'clerk', 'town_admin'],
    summary: '已发放但发放凭证（A4 或回执打印机）从未打印的救助金，供补打',
    input: empty,
    output: z
      .object({
        vouchers: z.array(
          z
            .object({
              payoutId: uuid,
              caseId: uuid,
              caseNo: z.string(),
              voucherNo: z.string(),
              payeeName: z.string(),
              amountFen: z.number().int(),
              paidDate: isoDate,
            })
            .strict(),
        ),
        /** More than LIMITS.unprintedVouchersMax wait: the oldest are listed. */
        more: z.boolean(),
      })
      .strict(),
  }),

  // 日结 (electron/contract/dayClose.ts): the approver counts the cash; a difference is booked
  // as 长款 or 短款 with its reason. seen: the book balance and date the count was made against.
  'reserve.dayClosePreview': proc({
    kind: 'query',
    access: ['town_admin', 'approver'],
    summary: '日结预览：账面余额、当日发放、取消、冲正、拨付补拨、追回，已审批未发放的现金，及当日日结',
    input: z.object({ date: isoDate.nullable() }).strict(),
    output: dayClosePreviewSchema,
  }),
  'reserve.closeDay': proc({
    kind: 'mutation',
    access: ['approver'],
    summary: '日结：登记清点的现金，账实不符的差额按长款或短款记账（须填原因）；每个营业日一次；id 由客户端生成',
    input: z
      .object({
        id: uuid,
        countedFen: z.number().int().min(0, '清点金额不能为负').max(MAX_AMOUNT_FEN),
        reason: longText,
        seen: z.object({ businessDate: isoDate, bookBalanceFen: z.number().int().min(0).max(MAX_AMOUNT_FEN) }).strict(),
      })
      .strict(),
    output: dayCloseViewSchema,
  }),
  'reserve.dayCloses': proc({
    kind: 'query',
    access: ['town_admin', 'approver'],
    summary: '最近的日结记录（新的在前）',
    input: z.object({ limit: z.number().int().min(1).max(LIMITS.reserveListRowsMax) }).strict(),
    output: z.array(dayCloseViewSchema),
  }),

  // ---- nightly sync (issue 5) ----------------------------------------------------------------
  'sync.status': proc({
    kind: 'query',
    access: ['town_admin', 'district_admin'],
    summary: '数据同步：本机密钥指纹与公钥文件、同步文件夹、已发送与已接收的数据包、隔离与暂存',
    input: empty,
    output: syncStatusSchema,
  }),
  'sync.previewKey': proc({
    kind: 'query',
    access: ['town_admin', 'district_admin'],
    summary: '读取对方的公钥文件，显示其单位与指纹（导入前核对）',
    input: z.object({ text: z.string().max(LIMITS.syncKeyFileBytesMax) }).strict(),
    output: syncKeyPreviewSchema,
  }),
  'sync.enroll': proc({
    kind: 'mutation',
    access: ['town_admin', 'district_admin'],
    summary: '导入对方公钥：镇街导入区级公钥；区级登记镇街（可指定该镇街的文件夹）',
    input: z.object({ text: z.string().max(LIMITS.syncKeyFileBytesMax), folder: syncFolderPath.nullable() }).strict(),
    output: z.object({ code: peerCode, name: z.string(), fingerprint: z.string() }).strict(),
  }),
  'sync.configure': proc({
    kind: 'mutation',
    access: ['town_admin', 'district_admin'],
    summary: '设置同步文件夹与每晚导出时间',
    input: z.object({ folder: syncFolderPath, exportTime: syncTimeOfDay }).strict(),
    output: ok,
  }),
  'sync.exportNow': proc({
    kind: 'mutation',
    access: ['town_admin', 'approver'],
    summary: '立即生成下一个数据包并写入同步文件夹（镇街）',
    input: empty,
    output: syncExportResultSchema,
  }),
  'sync.scan': proc({
    kind: 'query',
    access: ['town_admin', 'district_admin'],
    summary: '查找同步文件夹中尚未导入的数据包',
    input: empty,
    output: z.object({ candidates: z.array(syncCandidateSchema) }).strict(),
  }),
  'sync.importFile': proc({
    kind: 'mutation',
    access: ['town_admin', 'district_admin'],
    summary: '校验并导入一个数据包（签名、哈希、序号；重复的不再导入，缺号的暂存，冲突的隔离）',
    input: z.object({ folder: syncFolderPath, fileName: z.string().max(LIMITS.syncEntryNameBytesMax) }).strict(),
    output: syncImportOutcomeSchema,
  }),
  'sync.alerts': proc({
    kind: 'query',
    access: ['district_admin', 'town_admin'],
    summary: '同步预警：隔离、审计链不连续、时钟异常、跨镇街重复领取与重复在户',
    input: z.object({ limit: z.number().int().min(1).max(LIMITS.syncListRowsMax) }).strict(),
    output: z.array(syncAlertRowSchema),
  }),
  'district.towns': proc({
    kind: 'query',
    access: ['district_admin'],
    summary: '全区各镇街：最近数据包、缺号、隔离、备用金、本月发放、案件分布、超期与待区级审批',
    input: empty,
    output: z.array(districtTownSchema),
  }),
  'district.cases': proc({
    kind: 'query',
    access: ['district_admin'],
    summary: '全区案件列表（按镇街、类别、状态、是否超期筛选）',
    input: districtCasesInput,
    output: z.object({ rows: z.array(districtCaseRowSchema), total: z.number().int() }).strict(),
  }),
  'district.claims': proc({
    kind: 'query',
    access: ['district_admin'],
    summary: '某镇街报来的报账单（用于登记补拨时选择所结报账单）',
    input: z.object({ townCode: townCodeSchema }).strict(),
    output: z.array(districtClaimRowSchema),
  }),
  'district.replenishments': proc({
    kind: 'query',
    access: ['district_admin'],
    summary: '区级已登记的补拨（最近在前）',
    input: z.object({ limit: z.number().int().min(1).max(LIMITS.syncListRowsMax) }).strict(),
    output: z.array(districtReplenishmentRowSchema),
  }),
  'district.recordReplenishment': proc({
    kind: 'mutation',
    access: ['district_admin'],
    summary: '登记向镇街补拨备用金（金额、拨款凭证号、所结报账单），随下一个回执数据包送达镇街；id 由客户端生成',
    input: z
      .object({
        id: uuid,
        townCode: townCodeSchema,
        amountFen: z.number().int().min(1, '金额必须大于零').max(MAX_AMOUNT_FEN),
        voucherNo: z.string().trim().min(1, '请填写拨款凭证号').max(LIMITS.textShortMax),
        claimNo: z.string().trim().max(LIMITS.textShortMax).nullable(),
        note: z.string().trim().max(LIMITS.textLongMax),
      })
      .strict(),
    output: districtReplenishmentRowSchema,
  }),
  'district.decide': proc({
    kind: 'mutation',
    access: ['district_admin'],
    summary: '区级审批报区级的案件（批准金额或不予批准及理由），随下一个回执数据包送达镇街；id 由客户端生成',
    input: z
      .object({
        id: uuid,
        townCode: townCodeSchema,
        caseId: uuid,
        outcome: z.enum(['approved', 'refused']),
        amountFen: z.number().int().min(1).max(MAX_AMOUNT_FEN).nullable(),
        opinion: z.string().trim().min(1, '请填写审批意见').max(LIMITS.textLongMax),
      })
      .strict()
      .refine((d) => (d.outcome === 'approved') === (d.amountFen !== null), { path: ['amountFen'], message: '批准须填写金额，不予批准不填金额' }),
    output: z.object({ id: uuid, caseNo: z.string() }).strict(),
  }),
  'district.exportReplies': proc({
    kind: 'mutation',
    access: ['district_admin'],
    summary: '为有新内容（确认回执、补拨、审批决定）的镇街生成回执数据包并写入其文件夹',
    input: empty,
    output: z.array(syncExportResultSchema.extend({ townCode: townCodeSchema })),
  }),

  'audit.list': proc({
    kind: 'query',
    access: ['town_admin', 'district_admin'],
    summary: '审计日志（按用户、操作、日期筛选，按序号倒序分页）',
    input: z
      .object({
        userId: uuid.nullable(),
        action: z.string().max(LIMITS.textShortMax).nullable(),
        fromDate: isoDate.nullable(),
        toDate: isoDate.nullable(),
        beforeSeq: z.number().int().nullable(),
        limit: z.number().int().min(1).max(LIMITS.auditPageRowsMax),
      })
      .strict(),
    output: z.object({ rows: z.array(auditRowSchema), hasMore: z.boolean() }).strict(),
  }),
  'audit.verify': proc({
    kind: 'query',
    access: ['town_admin', 'district_admin'],
    summary: '校验审计日志哈希链',
    input: empty,
    output: z.discriminatedUnion('intact', [
      z.object({ intact: z.literal(true), rows: z.number().int(), headHash: z.string() }).strict(),
      z.object({ intact: z.literal(false), rows: z.number().int(), brokenAtSeq: z.number().int() }).strict(),
    ]),
  }),
} as const satisfies Record<string, ProcedureDef>;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type InputOf<N extends ProcedureName> = z.input<Procedures[N]['input']>;
export type OutputOf<N extends ProcedureName> = z.output<Procedures[N]['output']>;

export function isProcedureName(name: string): name is ProcedureName {
  return Object.prototype.hasOwnProperty.call(procedures, name);
}
