import { RELIEF_TYPE_LABELS, RELIEF_TYPES, type ReliefType } from '../../../contract';
import { assert } from '../../errors';

// Joined rows carry the stored relief type as text: checked against the vocabulary once here.

export function reliefTypeOf(value: string): ReliefType {
  const type = RELIEF_TYPES.find((t) => t === value);
  assert(type, `unknown relief type ${value} stored`);
  return type;
}

export function kindOf(value: string): { reliefType: ReliefType; kindLabel: string } {
  const reliefType = reliefTypeOf(value);
  return { reliefType, kindLabel: RELIEF_TYPE_LABELS[reliefType] };
}
