import { RELIEF_TYPE_LABELS, type CatalogueItem, type Material, type MaterialStatus } from '../../contract';
import { assert } from '../errors';
import type { Issue } from './issues';

// The material rules shared by intake and by later corrections: the clerk states, for every
// material the catalogue item lists, what the applicant handed in; nothing more, nothing
// twice, and the commitment stands in only where the catalogue and the applicant allow it.

export interface MaterialChoice {
  materialId: string;
  status: MaterialStatus;
}

export interface CheckedMaterial {
  material: Material;
  status: MaterialStatus;
}

/**
 * Checks the choices against the catalogue item: the materials in the item's order, or the
 * issues found. `path` is where the list sits in the input (e.g. 'kinds.0.materials').
 */
export function checkMaterials(
  item: CatalogueItem,
  choices: readonly MaterialChoice[],
  commitmentRoute: boolean,
  path: string,
): { materials: CheckedMaterial[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const chosen = new Map<string, MaterialStatus>();
  const label = RELIEF_TYPE_LABELS[item.reliefType];
  choices.forEach((choice, i) => {
    const material = item.materials.find((m) => m.id === choice.materialId);
    if (!material) {
      issues.push({ path: `${path}.${i}.materialId`, message: `${label}的材料清单中没有编号为 ${choice.materialId} 的材料` });
      return;
    }
    if (chosen.has(material.id)) {
      issues.push({ path: `${path}.${i}.materialId`, message: `材料“${material.name}”重复填写` });
      return;
    }
    chosen.set(material.id, choice.status);
    if (choice.status === 'commitment' && !material.commitmentReplaceable) {
      issues.push({ path: `${path}.${i}.status`, message: `“${material.name}”不能以告知承诺替代，须提交材料` });
    } else if (choice.status === 'commitment' && !commitmentRoute) {
      issues.push({ path: `${path}.${i}.status`, message: `未选择告知承诺制，“${material.name}”不能以承诺替代` });
    }
  });
  const unstated = item.materials.filter((m) => !chosen.has(m.id));
  if (unstated.length > 0) {
    issues.push({ path, message: `${label}还有材料未登记收取情况：${unstated.map((m) => m.name).join('、')}` });
  }
  if (issues.length > 0) return { materials: [], issues };
  const materials = item.materials.map((material) => {
    const status = chosen.get(material.id);
    assert(status, `material ${material.id} was checked as stated`);
    return { material, status };
  });
  return { materials, issues };
}

/** What the one-time notice (一次性告知单) must list: required materials not handed in. */
export function missingRequired(materials: readonly CheckedMaterial[]): Material[] {
  return materials.filter((m) => m.status === 'missing' && !m.material.optional).map((m) => m.material);
}
