import { useEffect, useState } from 'react';
import { LIMITS, type RpcError, type SearchHit } from '../../contract';
import { rpc } from '../../rpc';

const DEBOUNCE_MS = 150;
export const SEARCH_LIMIT = LIMITS.searchResultsDefault;

export interface SearchState {
  /** The query the hits belong to (it lags the box by the debounce). */
  query: string;
  hits: SearchHit[];
  truncated: boolean;
  searching: boolean;
  error: RpcError | null;
}

/** Search as you type: one call per pause in typing, and late answers to old queries are dropped. */
export function useRegistrySearch(raw: string): SearchState {
  const q = raw.trim();
  const [state, setState] = useState<SearchState>({ query: '', hits: [], truncated: false, searching: false, error: null });

  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      if (q === '') {
        setState({ query: '', hits: [], truncated: false, searching: false, error: null });
        return;
      }
      setState((s) => ({ ...s, searching: true }));
      void rpc.call('registry.search', { q, limit: SEARCH_LIMIT }).then((result) => {
        if (!live) return;
        if (result.ok) setState({ query: q, hits: result.value.hits, truncated: result.value.truncated, searching: false, error: null });
        else setState({ query: q, hits: [], truncated: false, searching: false, error: result.error });
      });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [q]);

  return state;
}
