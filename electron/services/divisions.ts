import { z } from 'zod';
import raw from '../../resources/data/yicheng-divisions.json';

// Statistical division codes shipped with the app (copied from shared/data). Parsed at load:
// a data file is a trust boundary like any other.
const divisionsSchema = z.object({
  district: z.object({ code: z.string().regex(/^\d{6}$/), name: z.string() }),
  towns: z.array(
    z.object({
      code: z.string().regex(/^\d{9}$/),
      name: z.string(),
      kind: z.string(),
      villages: z.array(z.object({ code: z.string().regex(/^\d{12}$/), name: z.string() })),
    }),
  ),
});
export type Divisions = z.infer<typeof divisionsSchema>;

export const DIVISIONS: Divisions = divisionsSchema.parse(raw);

for (const town of DIVISIONS.towns) {
  if (!town.code.startsWith(DIVISIONS.district.code)) throw new Error(`town ${town.code} outside district`);
  for (const v of town.villages) if (!v.code.startsWith(town.code)) throw new Error(`village ${v.code} outside town ${town.code}`);
}
