import type Database from 'better-sqlite3';
import { ageOn, LIMITS, maskResidentId, type SearchHit, type SearchMatchKind } from '../../contract';
import type { Db } from '../../../db/open';
import { reverse } from './searchKeys';
import { parseTags } from './persons';

// One search box for the counter. The query's shape picks the lookups; each is an index range
// scan (prefix: col >= p AND col < p || U+10FFFF), never a scan of the table. An ID suffix is
// a prefix of the reversed ID. Results keep the order of the lookups that found them.
//
// Within a lookup, rows come in the order of the column's index: the column, then rowid
// (insertion order; for ids born here that is id order too, unless the PC clock jumped back).
// Ordering ties by p.id instead made SQLite sort every row sharing the key, each with its
// joins and head-name subquery done before the LIMIT: 2,000 people share the initials 'ly'
// in a 200,000-person town, and that query took 50 ms instead of under 1 (bench/registry-search.ts).

const MAX_CHAR = '\u{10FFFF}';

interface Lookup {
  kind: SearchMatchKind;
  column: 'resident_id' | 'resident_id_reversed' | 'name' | 'name_initials' | 'name_pinyin' | 'phone';
  prefix: string;
  exact?: boolean;
}

export function planSearch(raw: string): Lookup[] {
  // A phone typed with dashes (0632-7711001) is looked up as the digits it is stored as.
  const compact = raw.replace(/\s+/g, '');
  const q = /^\d[\d-]*\d$/.test(compact) ? compact.replace(/-/g, '') : compact;
  if (q.length === 0) return [];
  if (/^\d{17}[\dXx]$/.test(q)) return [{ kind: 'id_exact', column: 'resident_id', prefix: q.toUpperCase(), exact: true }];
  if (/^\d{3,5}[Xx]$/.test(q) || /^\d{4,6}$/.test(q)) {
    const lookups: Lookup[] = [{ kind: 'id_suffix', column: 'resident_id_reversed', prefix: reverse(q.toUpperCase()) }];
    if (/^\d+$/.test(q)) lookups.push({ kind: 'id_prefix', column: 'resident_id', prefix: q });
    return lookups;
  }
  if (/^\d{7,17}$/.test(q)) {
    return [
      { kind: 'phone', column: 'phone', prefix: q },
      { kind: 'id_prefix', column: 'resident_id', prefix: q },
    ];
  }
  if (/^\d{1,3}$/.test(q)) return [];
  if (/^[a-zA-Z]+$/.test(q)) {
    const lower = q.toLowerCase();
    return [
      { kind: 'pinyin', column: 'name_initials', prefix: lower },
      { kind: 'pinyin', column: 'name_pinyin', prefix: lower },
    ];
  }
  return [{ kind: 'name_prefix', column: 'name', prefix: q }];
}

interface HitRow {
  personId: string;
  name: string;
  residentId: string;
  sex: 'male' | 'female';
  birthDate: string;
  phone: string;
  tagsJson: string;
  householdId: string | null;
  relation: string | null;
  villageName: string | null;
  headName: string | null;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statementFor(client: Database.Database, lookup: Lookup): Database.Statement {
  let cache = statements.get(client);
  if (!cache) statements.set(client, (cache = new Map<string, Database.Statement>()));
  const key = `${lookup.column}:${lookup.exact ? 'eq' : 'range'}`;
  let stmt = cache.get(key);
  if (!stmt) {
    const where = lookup.exact ? `p.${lookup.column} = @prefix` : `p.${lookup.column} >= @prefix AND p.${lookup.column} < @upper`;
    stmt = client.prepare(`
      SELECT p.id AS personId, p.name, p.resident_id AS residentId, p.sex, p.birth_date AS birthDate,
             p.phone, p.tags_json AS tagsJson, m.household_id AS householdId, m.relation,
             v.name AS villageName,
             (SELECT hp.name FROM household_members hm JOIN persons hp ON hp.id = hm.person_id
               WHERE hm.household_id = m.household_id AND hm.left_at IS NULL AND hm.relation = 'head' LIMIT 1) AS headName
        FROM persons p
        LEFT JOIN household_members m ON m.person_id = p.id AND m.left_at IS NULL
        LEFT JOIN households h ON h.id = m.household_id
        LEFT JOIN villages v ON v.code = h.village_code
       WHERE ${where}
       ORDER BY p.${lookup.column}, p.rowid
       LIMIT @limit`);
    cache.set(key, stmt);
  }
  return stmt;
}

export function searchPersons(db: Db, raw: string, limit: number, today: string): { hits: SearchHit[]; truncated: boolean } {
  const want = Math.min(limit, LIMITS.searchResultsMax);
  const hits = new Map<string, SearchHit>();
  let truncated = false;
  for (const lookup of planSearch(raw)) {
    // Full and already cut: a further lookup could change neither the hits nor the flag.
    if (hits.size >= want && truncated) break;
    const rows = statementFor(db.$client, lookup).all({
      prefix: lookup.prefix,
      upper: lookup.prefix + MAX_CHAR,
      limit: want + 1,
    }) as HitRow[];
    if (rows.length > want) truncated = true;
    for (const row of rows) {
      if (hits.size >= want) {
        truncated = true;
        break;
      }
      if (hits.has(row.personId)) continue;
      hits.set(row.personId, {
        personId: row.personId,
        name: row.name,
        residentIdMasked: maskResidentId(row.residentId),
        sex: row.sex,
        age: ageOn(row.birthDate, today),
        phone: row.phone,
        tags: parseTags(row.tagsJson),
        householdId: row.householdId,
        relation: row.relation as SearchHit['relation'],
        villageName: row.villageName,
        headName: row.headName,
        matchedBy: lookup.kind,
      });
    }
  }
  return { hits: [...hits.values()], truncated };
}
