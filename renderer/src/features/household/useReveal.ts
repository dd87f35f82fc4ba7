import { useCallback, useState } from 'react';
import type { RpcError } from '../../contract';
import { rpc } from '../../rpc';

export interface RevealRequest {
  personId: string;
  name: string;
}

/** Full resident IDs shown on this page, each obtained by an audited, confirmed reveal. */
export function useReveal() {
  const [revealed, setRevealed] = useState<Readonly<Record<string, string>>>({});
  const [pending, setPending] = useState<RevealRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RpcError | null>(null);

  const ask = useCallback(
    (request: RevealRequest) => {
      if (revealed[request.personId] !== undefined) return;
      setError(null);
      setPending(request);
    },
    [revealed],
  );

  const confirm = useCallback(async () => {
    if (!pending) return;
    setBusy(true);
    const result = await rpc.call('registry.person.revealId', { personId: pending.personId });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setRevealed((r) => ({ ...r, [pending.personId]: result.value.residentId }));
    setPending(null);
  }, [pending]);

  /** After the ID was changed the shown one is out of date: ask again next time. */
  const forget = useCallback((personId: string) => {
    setRevealed((r) => Object.fromEntries(Object.entries(r).filter(([id]) => id !== personId)));
  }, []);

  return { revealed, pending, busy, error, ask, confirm, forget, cancel: () => setPending(null) };
}
