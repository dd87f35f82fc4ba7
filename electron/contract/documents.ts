// The A4 forms the counter hands over (DOMAIN.md §6): one model per kind, built from the case
// in electron/services/documents and drawn by renderer/src/print. Every model carries the
// case number and the print date; resident IDs only ever masked (DOMAIN.md §7).
import { z } from 'zod';

export * from './documentKinds';

/** What every form has at its head and foot. Dates are YYYY-MM-DD; the template formats them. */
const documentHead = {
  officeName: z.string(),
  caseNo: z.string(),
  /** 最低生活保障, with the category where the case has one: 临时救助（急难型）. */
  kindLabel: z.string(),
  printedDate: z.string(),
};

const oneTimeNoticeSchema = z
  .object({
    kind: z.literal('one_time_notice'),
    ...documentHead,
    applicantName: z.string(),
    residentIdMasked: z.string(),
    acceptedDate: z.string(),
    /** Every required material still missing, all at once: the applicant comes back one time. */
    missingMaterials: z.array(z.string()),
    handlerName: z.string(),
    /** Empty when the office has not set one. */
    enquiryPhone: z.string(),
  })
  .strict();

const commitmentSchema = z
  .object({
    kind: z.literal('commitment'),
    ...documentHead,
    applicantName: z.string(),
    residentIdMasked: z.string(),
    /** Materials the applicant's commitment stands in for (may be empty: the promise still holds). */
    replacedMaterials: z.array(z.string()),
    promises: z.array(z.string()),
    liability: z.string(),
    /** Who may sign for the applicant: a legal guardian only. */
    signingRule: z.string(),
  })
  .strict();

const authorisationSchema = z
  .object({
    kind: z.literal('authorisation'),
    ...documentHead,
    villageName: z.string(),
    address: z.string(),
    /** Adult members only (18 full years on the print date): minors do not sign. */
    signers: z.array(z.object({ name: z.string(), relationLabel: z.string(), residentIdMasked: z.string() }).strict()),
    /** The data sources the check centre may query, in the policy's order. */
    sources: z.array(z.string()),
    statement: z.string(),
  })
  .strict();

export const documentSchema = z.discriminatedUnion('kind', [oneTimeNoticeSchema, commitmentSchema, authorisationSchema]);
export type DocumentModel = z.infer<typeof documentSchema>;
export type OneTimeNoticeModel = z.infer<typeof oneTimeNoticeSchema>;
export type CommitmentModel = z.infer<typeof commitmentSchema>;
export type AuthorisationModel = z.infer<typeof authorisationSchema>;
