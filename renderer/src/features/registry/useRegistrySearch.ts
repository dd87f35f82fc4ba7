import { useEffect, useRef, useState } from 'react';
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

/**
 * Search as you type: one call per pause in typing, and late answers to old queries are
 * dropped. onAnswer hears each answer as it lands (for an Enter pressed before it came).
 */
export function useRegistrySearch(raw: string, onAnswer?: (answer: SearchState) => void): SearchState {
  const q = raw.trim();
  const [state, setState] = useState<SearchState>({ query: '', hits: [], truncated: false, searching: false, error: null });
  const onAnswerRef = useRef(onAnswer);
  useEffect(() => {
    onAnswerRef.current = onAnswer;
  });

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
        const answer: SearchState = result.ok
          ? { query: q, hits: result.value.hits, truncated: result.value.truncated, searching: false, error: null }
          : { query: q, hits: [], truncated: false, searching: false, error: result.error };
        setState(answer);
        onAnswerRef.current?.(answer);
      });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [q]);

  return state;
}
