import {
  parseResidentId,
  type DisabilityCategory,
  type PersonInput,
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

/** An existing person, with the full ID obtained by an audited reveal. */
export function draftOf(person: PersonView, residentId: string): PersonDraft {
  return {
    name: person.name,
    residentId,
    phone: person.phone,
    tags: [...person.tags],
    disabilityCategory: person.disabilityCategory ?? '',
    disabilityGrade: person.disabilityGrade === null ? '' : String(person.disabilityGrade),
    notes: person.notes,
  };
}

export function personInputOf(draft: PersonDraft): PersonInput {
  return {
    name: draft.name.trim(),
    residentId: draft.residentId.trim().toUpperCase(),
    phone: draft.phone.trim(),
    tags: draft.tags,
    disabilityCategory: draft.disabilityCategory === '' ? null : draft.disabilityCategory,
    disabilityGrade: draft.disabilityGrade === '' ? null : Number(draft.disabilityGrade),
    notes: draft.notes.trim(),
  };
}

/** The checks a clerk should see before the server is asked; keys are contract issue paths. */
export function personProblems(draft: PersonDraft, path: string, today: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (draft.name.trim() === '') out[`${path}.name`] = '请输入姓名';
  if (draft.residentId.trim() === '') out[`${path}.residentId`] = '请输入公民身份号码';
  else {
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
