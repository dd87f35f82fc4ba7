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
} as const;
