import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const villages = sqliteTable('villages', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const households = sqliteTable(
  'households',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code')
      .notNull()
      .references(() => villages.code),
    address: text('address').notNull(),
    phone: text('phone').notNull(),
    registration: text('registration', { enum: ['urban', 'rural'] }).notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('households_village_idx').on(t.villageCode)],
);

export const persons = sqliteTable(
  'persons',
  {
    id: text('id').primaryKey(),
    residentId: text('resident_id').notNull(),
    name: text('name').notNull(),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    birthDate: text('birth_date').notNull(),
    phone: text('phone').notNull(),
    tagsJson: text('tags_json').notNull(),
    disabilityCategory: text('disability_category'),
    disabilityGrade: integer('disability_grade'),
    notes: text('notes').notNull(),
    // Search keys derived from the fields above on every write (services/registry/searchKeys.ts):
    // reversed ID for suffix lookups by index range, pinyin initials and full pinyin for
    // prefix lookups. Derived, so never edited by hand.
    residentIdReversed: text('resident_id_reversed').notNull(),
    nameInitials: text('name_initials').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('persons_resident_id_unique').on(t.residentId),
    index('persons_resident_id_reversed_idx').on(t.residentIdReversed),
    index('persons_name_idx').on(t.name),
    index('persons_name_initials_idx').on(t.nameInitials),
    index('persons_name_pinyin_idx').on(t.namePinyin),
    index('persons_phone_idx').on(t.phone),
  ],
);

// Membership history: a person is in one household at a time (left_at IS NULL), and every
// earlier membership stays with the date and reason it ended.
export const householdMembers = sqliteTable(
  'household_members',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    relation: text('relation').notNull(),
    joinedAt: text('joined_at').notNull(),
    leftAt: text('left_at'),
    leftReason: text('left_reason'),
  },
  (t) => [
    uniqueIndex('household_members_current_unique').on(t.personId).where(sql`left_at IS NULL`),
    index('household_members_household_idx').on(t.householdId),
  ],
);
