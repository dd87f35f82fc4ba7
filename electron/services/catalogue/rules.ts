import { RELIEF_TYPE_LABELS, type Catalogue } from '../../contract';
import type { Issue } from '../cases/issues';

// What the schema cannot say about a new version, checked before it is written: each rule
// stops an edit that would let intake accept cases the later steps cannot carry. Issues are
// named by their input path ('items.2.noticeDays'), so the editor puts each beside its field.
// Not checked on purpose: a material removed or renamed while open cases list it. Cases keep
// the version they were accepted under, so their checklist, notice and time limit stand.

export function catalogueIssues(items: Catalogue): Issue[] {
  const issues: Issue[] = [];
  items.forEach((item, i) => {
    const at = `items.${i}`;
    const label = RELIEF_TYPE_LABELS[item.reliefType];
    if (item.decidedBy === 'department') {
      // A blank name would send referrals to nobody: the referral notice names the department.
      if (item.department !== null && item.department.trim() === '') {
        issues.push({ path: `${at}.department`, message: `${label}由部门办理，请填写承办部门名称` });
      }
      // Referred cases never reach the town's review or notice (the life cycle refers them
      // before any check), so a period here would be printed on the wall list but never run.
      if (item.noticeDays !== null) {
        issues.push({ path: `${at}.noticeDays`, message: `${label}转办部门办理，不在本镇街公示，公示天数应留空` });
      }
      if (item.requiresReview) {
        issues.push({ path: `${at}.requiresReview`, message: `${label}转办部门办理，不经村级民主评议` });
      }
    } else if (item.noticeDays === null) {
      // Every case the town or district decides goes through notice; with no period the
      // notice cannot start and the case would wait at 待公示 for ever.
      issues.push({ path: `${at}.noticeDays`, message: `${label}由镇街或区级审批，须公示，请填写公示天数` });
    }

    const names = new Map<string, number>();
    item.materials.forEach((m, j) => {
      const name = m.name.trim();
      if (name === '') {
        issues.push({ path: `${at}.materials.${j}.name`, message: '请填写材料名称' });
        return;
      }
      // The clerk ticks materials by name at the window: two alike cannot be told apart.
      if (names.has(name)) issues.push({ path: `${at}.materials.${j}.name`, message: `材料“${name}”与第 ${(names.get(name) ?? 0) + 1} 项重名` });
      else names.set(name, j);
    });
    // With only optional materials a case would be accepted on an empty desk.
    if (item.materials.every((m) => m.optional)) {
      issues.push({ path: `${at}.materials`, message: `${label}至少须有一项必交材料（不能全部为“如有”）` });
    }
  });
  return issues;
}
