import { z } from 'zod';

// Validation messages in Chinese wherever the contract is loaded (renderer and services).
z.config(z.locales.zhCN());

export * from './bridge';
export * from './cases';
export * from './catalogue';
export * from './claims';
export * from './dayClose';
export * from './documents';
export * from './errors';
export * from './limits';
export * from './money';
export * from './password';
export * from './payouts';
export * from './procedures';
export * from './residentId';
export * from './steps';
export * from './vocab';
export * from './sync';
