export * from './core';
export * from './registry';
export * from './cases';
export * from './caseSteps';
export * from './reserve';
export * from './payouts';
export * from './sync';
