-- Written by hand from the schema's indexes (db/schema/sync.ts): drizzle-kit splits a JSON
-- expression at its comma. The SQL is DISTRICT_ROWS_JSON_INDEXES in districtChecks.ts, whose
-- plan test holds the cross-town lookups to these indexes.
CREATE INDEX `district_rows_person_resident_idx` ON `district_rows` (json_extract(row_json, '$.residentId')) WHERE table_name = 'persons';--> statement-breakpoint
CREATE INDEX `district_rows_member_person_idx` ON `district_rows` (json_extract(row_json, '$.personId'), town_code) WHERE table_name = 'household_members';--> statement-breakpoint
CREATE INDEX `district_rows_case_applicant_idx` ON `district_rows` (json_extract(row_json, '$.applicantPersonId'), town_code) WHERE table_name = 'cases';--> statement-breakpoint
CREATE INDEX `district_rows_payout_case_idx` ON `district_rows` (json_extract(row_json, '$.caseId'), town_code) WHERE table_name = 'payouts';
