import { useCallback, useEffect, useState } from 'react';
import type { InputOf, OutputOf, ProcedureName, RpcError, RpcResult } from '../contract';
import { rpc } from '../rpc';

export interface QueryState<T> {
  data: T | null;
  error: RpcError | null;
  loading: boolean;
  reload: () => void;
  /** Replace the data with what a mutation returned, without asking again. */
  setData: (value: T) => void;
}

/** Loads one query; asks again when the input (by value) changes or on reload(). */
export function useRpcQuery<N extends ProcedureName>(name: N, input: InputOf<N>, enabled = true): QueryState<OutputOf<N>> {
  const key = JSON.stringify(input);
  const [data, setData] = useState<OutputOf<N> | null>(null);
  const [error, setError] = useState<RpcError | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void rpc.call(name, JSON.parse(key) as InputOf<N>).then((result) => {
      if (!live) return;
      setLoading(false);
      if (result.ok) {
        setData(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [name, key, round, enabled]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}

export interface ActionState {
  busy: boolean;
  error: RpcError | null;
  setError: (error: RpcError | null) => void;
  /** Runs one call; returns the value, or null after recording the error. */
  run: <T>(call: () => Promise<RpcResult<T>>) => Promise<T | null>;
}

export function useRpcAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RpcError | null>(null);
  const run = useCallback(async <T,>(call: () => Promise<RpcResult<T>>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      const result = await call();
      if (result.ok) return result.value;
      setError(result.error);
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
