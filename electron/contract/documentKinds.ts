// The A4 forms' names, in a file without zod so the renderer can load them.

export const DOCUMENT_KINDS = ['one_time_notice', 'commitment', 'authorisation'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  one_time_notice: '一次性告知单',
  commitment: '告知承诺书',
  authorisation: '家庭经济状况核对授权书',
};
