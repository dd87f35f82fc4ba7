import type { CatalogueItem, DecidingBody, Material, ReliefType } from '../../contract';

// The editor's draft of a catalogue: numbers as typed (a half-typed field is not a number yet),
// the department's name kept while another body is chosen, so switching back loses nothing.
// Paths of the errors are the contract's ('items.2.noticeDays'), so the server's issues and
// the draft's own land on the same fields.

export interface KindDraft {
  reliefType: ReliefType;
  decidedBy: DecidingBody;
  department: string;
  timeLimit: string;
  noticeDays: string;
  requiresReview: boolean;
  categories: readonly string[];
  materials: readonly Material[];
}

export function draftOf(items: readonly CatalogueItem[]): KindDraft[] {
  return items.map((i) => ({
    reliefType: i.reliefType,
    decidedBy: i.decidedBy,
    department: i.department ?? '',
    timeLimit: String(i.timeLimitWorkingDays),
    noticeDays: i.noticeDays === null ? '' : String(i.noticeDays),
    requiresReview: i.requiresReview,
    categories: i.categories,
    materials: i.materials,
  }));
}

const WHOLE = /^\d{1,4}$/;

/**
 * The items to send, or the fields that are not numbers yet. Ranges and the rules between
 * fields are the server's to say (one set of messages); here only what cannot be sent.
 */
export function itemsOf(draft: readonly KindDraft[]): { items: CatalogueItem[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const items = draft.map((k, i): CatalogueItem => {
    const timeLimit = k.timeLimit.trim();
    const notice = k.noticeDays.trim();
    if (!WHOLE.test(timeLimit)) errors[`items.${i}.timeLimitWorkingDays`] = timeLimit === '' ? '请填写办理时限（工作日数）' : '办理时限须为整数个工作日';
    if (notice !== '' && !WHOLE.test(notice)) errors[`items.${i}.noticeDays`] = '公示天数须为整数';
    const referred = k.decidedBy === 'department';
    return {
      reliefType: k.reliefType,
      decidedBy: k.decidedBy,
      department: referred ? k.department : null,
      timeLimitWorkingDays: Number(timeLimit),
      noticeDays: notice === '' ? null : Number(notice),
      requiresReview: k.requiresReview,
      categories: [...k.categories],
      materials: [...k.materials],
    };
  });
  return { items, errors };
}

/** A change of deciding body: a referred kind is neither reviewed nor posted by the town. */
export function withDecidedBy(kind: KindDraft, decidedBy: DecidingBody): KindDraft {
  return decidedBy === 'department' ? { ...kind, decidedBy, noticeDays: '', requiresReview: false } : { ...kind, decidedBy };
}

/**
 * An id for a material added in the editor. Ids outlive versions (a case's rows name them),
 * so a new material never takes an id an older one may have had: random, not a counter.
 */
export function newMaterialId(taken: ReadonlySet<string>, random: () => number = Math.random): string {
  for (;;) {
    const id = `added_${Math.floor(random() * 36 ** 8)
      .toString(36)
      .padStart(8, '0')}`;
    if (!taken.has(id)) return id;
  }
}

export function addMaterial(kind: KindDraft, id: string): KindDraft {
  return { ...kind, materials: [...kind.materials, { id, name: '', optional: false, commitmentReplaceable: false }] };
}

export function patchMaterial(kind: KindDraft, index: number, patch: Partial<Omit<Material, 'id'>>): KindDraft {
  return { ...kind, materials: kind.materials.map((m, j) => (j === index ? { ...m, ...patch } : m)) };
}

export function removeMaterial(kind: KindDraft, index: number): KindDraft {
  return { ...kind, materials: kind.materials.filter((_, j) => j !== index) };
}

/** Moves a material up (-1) or down (+1); at either end it stays. */
export function moveMaterial(kind: KindDraft, index: number, by: -1 | 1): KindDraft {
  const to = index + by;
  if (to < 0 || to >= kind.materials.length) return kind;
  const materials = [...kind.materials];
  const [moved] = materials.splice(index, 1);
  if (moved) materials.splice(to, 0, moved);
  return { ...kind, materials };
}

/** The errors about one kind (its fields and its materials). */
export function errorsOfKind(errors: Readonly<Record<string, string>>, index: number): string[] {
  const prefix = `items.${index}.`;
  return Object.keys(errors).filter((p) => p.startsWith(prefix) || p === `items.${index}`);
}

/** The errors without those about one kind's materials (their indexes move on a reorder). */
export function withoutMaterialErrors(errors: Readonly<Record<string, string>>, index: number): Record<string, string> {
  const prefix = `items.${index}.materials`;
  return Object.fromEntries(Object.entries(errors).filter(([p]) => !p.startsWith(prefix)));
}

export function sameDraft(a: readonly KindDraft[], b: readonly KindDraft[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const PLACED = /^(note|items\.\d+\.(decidedBy|department|timeLimitWorkingDays|noticeDays|requiresReview|materials(\.\d+\.(name|id|optional|commitmentReplaceable))?))$/;

/** Whether the editor has a field to show this error at; the others go in the summary. */
export function hasField(path: string): boolean {
  return PLACED.test(path);
}
