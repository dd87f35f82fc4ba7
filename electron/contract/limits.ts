// Every loop over outside data and every list has a named limit (DESIGN.md §8).
// Units are last in names.
export const LIMITS = {
  searchQueryLengthMax: 32,
  searchResultsMax: 50,
  searchResultsDefault: 20,
  householdMembersMax: 30,
  personTagsMax: 20,
  textShortMax: 64,
  textLongMax: 2000,
  usernameLengthMax: 32,
  passwordLengthMin: 8,
  passwordLengthMax: 128,
  usersMax: 500,
  villagesMax: 2000,
  auditPageRowsMax: 500,
  auditPageRowsDefault: 100,
  loginFailuresBeforeLock: 5,
  loginLockMs: 15 * 60 * 1000,
  idleLockMinutesMin: 1,
  idleLockMinutesMax: 120,
  idleLockMinutesDefault: 10,
  sessionsMax: 1000,
  rpcBodyBytesMax: 1024 * 1024,
  auditVerifyBatchRows: 5000,
  loginAttemptsPerClientPerMinute: 20,
  loginThrottleClientsMax: 10_000,
  // As many as one catalogue item may list (catalogueItemSchema).
  caseMaterialsMax: 30,
  // The aid history shown on a case page: enough for years of a household's applications.
  householdCasesShownMax: 100,
  // Notices, decisions, referrals and work queues (case steps after the review).
  // One village board's list: far more than a village's cases in one notice round.
  noticeEntriesMax: 200,
  // Cases waiting for a notice across the town, as offered to the clerk.
  noticeCandidatesMax: 1000,
  // Notices still running across the town, each listed whole (up to noticeEntriesMax cases):
  // every village board with a round or two under way.
  openNoticesMax: 200,
  // Rows shown per work queue, the most urgent first; the count says how many there are in all
  // and the page says when it shows only the first. A clerk's 11 queues at 50 rows made one
  // page of 550 rows and a query of 15 ms (bench queues.mine): 20 is what a counter works from.
  queueRowsMax: 20,
  // A town decision grants assistance for at most a year before it is reviewed again.
  decisionPeriodMonthsMin: 1,
  decisionPeriodMonthsMax: 12,
  // Economic check, investigation, democratic review (the steps the town records itself).
  // How long a completed check report may be reused by the household's later cases.
  checkValidityMonthsMin: 1,
  checkValidityMonthsMax: 24,
  checkValidityMonthsDefault: 6,
  // Houses, vehicles or businesses one source reports for a household: a sanity bound.
  checkFigureCountMax: 9999,
  // Members attending a village democratic review.
  reviewParticipantsMax: 500,
  // Reserve fund: alert when available falls below this share of the allocation (0: never).
  reserveAlertPercentMin: 0,
  reserveAlertPercentMax: 100,
  reserveAlertPercentDefault: 20,
  // Temporary relief (DOMAIN.md §5). The town may approve up to its limit (default 3,000 yuan);
  // the limit changes by dated entries so a case decided before a change keeps the old limit.
  townReliefLimitDefaultFen: 300_000,
  townReliefLimitEntriesMax: 20,
  // The same household, the same cause, within this many months: a repeat needs a written reason.
  repeatWindowMonthsMin: 1,
  repeatWindowMonthsMax: 36,
  repeatWindowMonthsDefault: 12,
  // 先行救助: the paperwork is owed within this many days of the emergency payout.
  emergencyPaperworkDaysMin: 1,
  emergencyPaperworkDaysMax: 30,
  emergencyPaperworkDaysDefault: 5,
  // Rows one list of payouts, claims or ledger movements returns (a statement, a claim, a day).
  reserveListRowsMax: 5000,
  // Aid history entries shown on a temporary-relief screen (newest first).
  aidHistoryRowsMax: 50,
  // Paid payouts whose voucher never printed, offered for 补打 after sign-in (oldest first).
  unprintedVouchersMax: 50,
  // A PEM private key or a public key file (electron/services/sync/keys.ts) is well under 1 KB;
  // anything bigger is not ours and is refused before it is parsed.
  syncKeyFileBytesMax: 16 * 1024,
  // One blob sealed for a recipient (keys.ts sealFor/open): a package's personal data file.
  syncSealPlainBytesMax: 512 * 1024 * 1024,
  // Sync package format v1 (docs/sync-package.md). A busy town night is a few thousand rows;
  // these bound what a reader allocates for a package from a USB stick before trusting it.
  syncPackageBytesMax: 256 * 1024 * 1024,
  syncPackageFilesMax: 64,
  syncEntryNameBytesMax: 128,
  syncManifestBytesMax: 64 * 1024,
  syncSignatureBytesMax: 512,
  // One data file once decompressed and opened, and the rows it may hold.
  syncFilePlainBytesMax: 512 * 1024 * 1024,
  syncFileRowsMax: 2_000_000,
  // Names one export/import folder may hold: years of nightly packages from every town of a district.
  syncFolderEntriesMax: 100_000,
  // A folder path typed or pasted by an admin (a USB stick, a shared folder).
  syncFolderPathMax: 1024,
  // Change-log rows one package carries: a town months behind catches up over several packages.
  syncPackageChangesMax: 200_000,
  // Rows of the sync page's lists (packages sent, received, quarantined, held), newest first.
  syncListRowsMax: 200,
  // A package's created-at more than this ahead of the importing PC's clock is flagged.
  syncClockFutureToleranceMinutes: 24 * 60,
  // District-wide lists (cases of every town) per page.
  districtListRowsMax: 500,
} as const;
