// One Content-Security-Policy for the hall server and the Electron window: only our own code,
// no eval, no remote anything. MUI's emotion injects <style> tags, hence 'unsafe-inline' for
// styles only.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
