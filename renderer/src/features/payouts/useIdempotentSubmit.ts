import { useRef, useState } from 'react';
import type { RpcResult } from '../../contract';
import { useRpcAction, type ActionState } from '../../components/useRpc';

export interface IdempotentSubmit {
  /** The id made when the dialog opened (mounted): the same on every submit. */
  id: string;
  action: ActionState;
  /** Sends `call(id)` unless a send is already on its way (a double click sends once). */
  submit: <T>(call: (id: string) => Promise<RpcResult<T>>) => Promise<T | null>;
}

/**
 * A money dialog's submit: the idempotency key is made once, when the dialog opens, so a
 * retry after a dropped connection or a second click gets the server's first result and
 * never a second payout; while a call is in flight a further submit is not sent at all.
 */
export function useIdempotentSubmit(): IdempotentSubmit {
  const [id] = useState(() => crypto.randomUUID());
  const action = useRpcAction();
  const inFlight = useRef(false);
  const submit = async <T,>(call: (id: string) => Promise<RpcResult<T>>): Promise<T | null> => {
    if (inFlight.current) return null;
    inFlight.current = true;
    try {
      return await action.run(() => call(id));
    } finally {
      inFlight.current = false;
    }
  };
  return { id, action, submit };
}
