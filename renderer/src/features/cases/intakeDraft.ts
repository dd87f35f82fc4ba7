import { RELIEF_TYPES, type CatalogueItem, type InputOf, type MaterialStatus, type ReliefType } from '../../contract';
import type { FieldErrors } from '../../components/fieldErrors';

// The intake form's state and its translation to cases.intake. The kinds go to the server in
// RELIEF_TYPES order and each kind's materials in catalogue order, stating only the ones the
// clerk has chosen (the server names the rest), so an issue path such as
// kinds.0.materials.2.status can be traced back to the control it is about.

export interface KindDraft {
  selected: boolean;
  category: string;
  materials: Readonly<Record<string, MaterialStatus>>;
}

export interface IntakeDraft {
  applicantPersonId: string;
  channel: 'window' | 'assistant';
  assistantName: string;
  reason: string;
  commitmentRoute: boolean;
  kinds: Readonly<Record<ReliefType, KindDraft>>;
}

const EMPTY_KIND: KindDraft = { selected: false, category: '', materials: {} };

export function emptyIntake(applicantPersonId: string): IntakeDraft {
  const kinds = Object.fromEntries(RELIEF_TYPES.map((t) => [t, EMPTY_KIND])) as Record<ReliefType, KindDraft>;
  return { applicantPersonId, channel: 'window', assistantName: '', reason: '', commitmentRoute: false, kinds };
}

/** Leaving the commitment route takes back every "promised instead" choice. */
export function withoutCommitments(kind: KindDraft): KindDraft {
  const materials = Object.fromEntries(Object.entries(kind.materials).filter(([, s]) => s !== 'commitment'));
  return { ...kind, materials };
}

interface Sent {
  input: InputOf<'cases.intake'>;
  /** Maps the server's kinds.K... and kinds.K.materials.I... paths back to the form. */
  remap: (errors: FieldErrors) => FieldErrors;
}

export function toIntakeInput(householdId: string, draft: IntakeDraft, items: readonly CatalogueItem[]): Sent {
  const sentKinds = RELIEF_TYPES.filter((t) => draft.kinds[t].selected);
  const sentMaterials: string[][] = [];
  const kinds = sentKinds.map((reliefType) => {
    const kind = draft.kinds[reliefType];
    const item = items.find((i) => i.reliefType === reliefType);
    const ids = (item?.materials ?? []).map((m) => m.id).filter((id) => kind.materials[id] !== undefined);
    sentMaterials.push(ids);
    return {
      reliefType,
      category: kind.category === '' ? null : kind.category,
      materials: ids.map((materialId) => ({ materialId, status: kind.materials[materialId] ?? 'missing' })),
    };
  });
  const input: InputOf<'cases.intake'> = {
    householdId,
    applicantPersonId: draft.applicantPersonId,
    channel: draft.channel,
    assistantName: draft.channel === 'assistant' ? draft.assistantName : null,
    reason: draft.reason,
    commitmentRoute: draft.commitmentRoute,
    kinds,
  };
  const remap = (errors: FieldErrors): FieldErrors => {
    const out: Record<string, string> = {};
    for (const [path, message] of Object.entries(errors)) {
      const m = /^kinds\.(\d+)(?:\.(\w+))?(?:\.(\d+))?(?:\.\w+)?$/.exec(path);
      const reliefType = m ? sentKinds[Number(m[1])] : undefined;
      if (!m || !reliefType) {
        out[path] = message;
        continue;
      }
      const materialId = m[3] === undefined ? undefined : sentMaterials[Number(m[1])]?.[Number(m[3])];
      out[materialId ? `${reliefType}.materials.${materialId}` : `${reliefType}.${m[2] ?? 'kind'}`] = message;
    }
    return out;
  };
  return { input, remap };
}
