import type { Catalogue, Material } from '../../contract';

// The catalogue a new installation starts with (version 1). Figures marked configurable in
// DOMAIN.md are defaults here, edited by the town admin into later versions. Proof the office
// can obtain by data sharing (household register, ID) is checked against the original at the
// window (证照核验), never demanded as a copy (policy §三(二)3).

const m = (id: string, name: string, commitmentReplaceable: boolean, optional = false): Material => ({
  id,
  name,
  commitmentReplaceable,
  optional,
});

const APPLICATION = m('application_form', '救助申请书（一表登记）', false);
const ID_CARDS = m('id_cards', '家庭成员居民身份证（核验原件）', false);
const HOUSEHOLD_REGISTER = m('household_register', '户口簿（核验原件）', false);
const COMMITMENT = m('commitment', '告知承诺书（申请人签字或按指印）', false);

const referral = (department: string, specific: Material[]): Omit<Catalogue[number], 'reliefType'> => ({
  decidedBy: 'department',
  department,
  timeLimitWorkingDays: 15,
  noticeDays: null,
  requiresReview: false,
  categories: [],
  materials: [APPLICATION, ID_CARDS, ...specific],
});

export const DEFAULT_CATALOGUE: Catalogue = [
  {
    reliefType: 'dibao',
    decidedBy: 'town',
    department: null,
    timeLimitWorkingDays: 30,
    noticeDays: 7,
    requiresReview: true,
    categories: [],
    materials: [
      APPLICATION,
      ID_CARDS,
      HOUSEHOLD_REGISTER,
      m('authorisations', '家庭经济状况核对授权书（每位成年成员签字）', false),
      COMMITMENT,
      m('income_statement', '家庭收入情况说明', true),
      m('disability_or_illness', '残疾证或疾病诊断证明', true, true),
    ],
  },
  {
    reliefType: 'tekun',
    decidedBy: 'town',
    department: null,
    timeLimitWorkingDays: 30,
    noticeDays: 7,
    requiresReview: true,
    categories: ['分散供养', '集中供养'],
    materials: [
      APPLICATION,
      ID_CARDS,
      HOUSEHOLD_REGISTER,
      m('authorisations', '家庭经济状况核对授权书', false),
      COMMITMENT,
      m('incapacity_proof', '无劳动能力证明（残疾证、诊断证明等）', true),
      m('no_supporter_statement', '无法定赡养、抚养、扶养义务人或其无履行能力的说明', true),
    ],
  },
  {
    reliefType: 'linshi',
    decidedBy: 'town',
    department: null,
    timeLimitWorkingDays: 15,
    noticeDays: 5,
    requiresReview: false,
    categories: ['急难型', '支出型'],
    materials: [
      APPLICATION,
      ID_CARDS,
      m('authorisations', '家庭经济状况核对授权书', false),
      COMMITMENT,
      m('hardship_evidence', '困难情况证明（事故、火灾、疾病等）', true),
      m('expense_receipts', '医疗、教育等必需支出票据', true, true),
    ],
  },
  { reliefType: 'yiliao', ...referral('区医疗保障局', [m('medical_bills', '医疗费用票据及诊断证明', false)]) },
  { reliefType: 'jiaoyu', ...referral('区教育和体育局', [m('student_status', '学籍证明或录取通知书', true)]) },
  { reliefType: 'zhufang', ...referral('区住房和城乡建设局', [m('housing_situation', '住房情况说明', true)]) },
  { reliefType: 'jiuye', ...referral('区人力资源和社会保障局', [m('unemployment_registration', '失业登记证明', true)]) },
  { reliefType: 'falv', ...referral('区司法局法律援助中心', [m('case_materials', '案件相关材料', false)]) },
  { reliefType: 'kangfu', ...referral('区残疾人联合会', [m('disability_certificate', '残疾证或诊断证明', false)]) },
  { reliefType: 'shouzai', ...referral('区应急管理局', [m('disaster_proof', '受灾情况说明', true)]) },
  { reliefType: 'cishan', ...referral('区慈善总会（红十字会、总工会）', [m('hardship_statement', '困难情况说明', true)]) },
];
