import {
  parseResidentId,
  type DisabilityCategory,
  type PersonInput,
  type PersonUpdate,
  type PersonView,
  type Relation,
  type TargetGroup,
} from '../../contract';

/** A person as typed into a form: strings until submitted. */
export interface PersonDraft {
  name: string;
  residentId: string;
  phone: string;
  tags: TargetGroup[];
  disabilityCategory: DisabilityCategory | '';
  disabilityGrade: string;
  notes: string;
}

export const EMPTY_PERSON: PersonDraft = {
  name: '',
  residentId: '',
  phone: '',
  tags: [],
  disabilityCategory: '',
  disabilityGrade: '',
  notes: '',
};

/**
 * An existing person to edit. The ID field starts empty: left empty, the ID stays as it is,
 * so editing a phone number needs no audited reveal of the full ID.
 */
export function draftOf(person: PersonView): PersonDraft {
  return {
    name: person.name,
    residentId: '',
    phone: person.phone,
    tags: [...person.tags],
    disabilityCategory: person.disabilityCategory ?? '',
    disabilityGrade: person.disabilityGrade === null ? '' : String(person.disabilityGrade),
    notes: person.notes,
  };
}

function fieldsOf(draft: PersonDraft): Omit<PersonInput, 'residentId'> {
  return {
    name: draft.name.trim(),
    phone: draft.phone.trim(),
    tags: draft.tags,
    disabilityCategory: draft.disabilityCategory === '' ? null : draft.disabilityCategory,
    disabilityGrade: draft.disabilityGrade === '' ? null : Number(draft.disabilityGrade),
    notes: draft.notes.trim(),
  };
}

function residentIdOf(draft: PersonDraft): string {
  return draft.residentId.trim().toUpperCase();
}

export function personInputOf(draft: PersonDraft): PersonInput {
  return { ...fieldsOf(draft), residentId: residentIdOf(draft) };
}

/** For registry.person.update: no residentId at all when the field was left empty (unchanged). */
export function personUpdateOf(draft: PersonDraft): PersonUpdate {
  const residentId = residentIdOf(draft);
  return residentId === '' ? fieldsOf(draft) : { ...fieldsOf(draft), residentId };
}

/** 'edit': an empty ID keeps the current one; a typed ID is checked all the same. */
export type PersonFormMode = 'new' | 'edit';

/** The checks a clerk should see before the server is asked; keys are contract issue paths. */
export function personProblems(draft: PersonDraft, path: string, today: string, mode: PersonFormMode = 'new'): Record<string, string> {
  const out: Record<string, string> = {};
  if (draft.name.trim() === '') out[`${path}.name`] = '请输入姓名';
  if (draft.residentId.trim() === '') {
    if (mode === 'new') out[`${path}.residentId`] = '请输入公民身份号码';
  } else {
    const parsed = parseResidentId(draft.residentId, today);
    if (!parsed.ok) out[`${path}.residentId`] = parsed.message;
  }
  if (draft.phone.trim() !== '' && !/^[0-9-]{7,20}$/.test(draft.phone.trim())) {
    out[`${path}.phone`] = '电话号码只能包含数字和短横线（7-20位）';
  }
  if ((draft.disabilityCategory === '') !== (draft.disabilityGrade === '')) {
    out[`${path}.disabilityGrade`] = '残疾类别与残疾等级须同时填写或同时不填';
  }
  return out;
}

export function relationProblem(relation: Relation | '', path: string): Record<string, string> {
  return relation === '' ? { [path]: '请选择与户主关系' } : {};
}
