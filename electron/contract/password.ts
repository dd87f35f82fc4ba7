import { LIMITS } from './limits';

// Password policy (issue 2): at least 8 characters from at least 3 of the 4 classes.
// Shared by the service (enforcement) and the renderer (live hint).
export function passwordProblem(password: string): string | null {
  if (password.length < LIMITS.passwordLengthMin) return `密码至少${LIMITS.passwordLengthMin}位`;
  if (password.length > LIMITS.passwordLengthMax) return `密码不能超过${LIMITS.passwordLengthMax}位`;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  return null;
}
