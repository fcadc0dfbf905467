// The seventh version of the team server's schema: an erasure (#16) reaches the server's own tables. A
// pushed `erase-person` change is applied to everything the server keeps, in the push's own transaction,
// by a trigger on the change log: the family's earlier envelopes lose the person (their record taken out of
// every list, the changes only about them removed, their names replaced by "[erased]" in every text), and
// so do the field states, the conflicts, the openings' reasons and the audit trail's values. The audit
// chain now seals a digest of each entry's values rather than the values themselves (as the laptop's
// does), so an entry's values can be replaced by a marker and the chain still verifies; the erasure writes
// one entry naming the entries it redacted, which verification matches against the markers. Entries
// written before this version seal their values directly and are left as they are.

extension TeamServerSchema {
    static let erasure = TeamServerMigration(
        version: 7,
        name: "erasure applied to the change log, field states, conflicts and audit; audit chained over digests",
        sql: #"""
            -- The audit chain over digests: an entry written from now on seals the SHA-256 of its values.
            ALTER TABLE signpost.audit ADD COLUMN detail_digest text;

            CREATE FUNCTION signpost.audit_detail_digest(detail jsonb) RETURNS text
            LANGUAGE sql IMMUTABLE
            SET search_path = pg_catalog, pg_temp
            AS $$
                SELECT encode(sha256(convert_to(detail::text, 'UTF8')), 'hex')
            $$;

            -- What is hashed for an entry with a digest: as audit_entry_hash, the digest (prefixed, so it can
            -- never read as an older entry's JSON) in place of the values.
            CREATE FUNCTION signpost.audit_sealed_hash(
                previous_hash text, seq bigint, at timestamptz, login text, action text, family text, digest text
            ) RETURNS text
            LANGUAGE sql IMMUTABLE
            SET search_path = pg_catalog, pg_temp
            AS $$
                SELECT encode(sha256(convert_to(
                    previous_hash || '|' || seq::text || '|'
                        || to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|'
                        || login || '|' || action || '|' || coalesce(family, '') || '|sha256:' || digest,
                    'UTF8')), 'hex')
            $$;

            CREATE OR REPLACE FUNCTION signpost.audit_chain() RETURNS trigger
            LANGUAGE plpgsql
            SET search_path = pg_catalog, pg_temp
            AS $$
            DECLARE
                last_hash text;
            BEGIN
                PERFORM pg_advisory_xact_lock(7319001);
                SELECT a.hash INTO last_hash FROM signpost.audit a ORDER BY a.seq DESC LIMIT 1;
                NEW.seq := nextval('signpost.audit_seq');
                NEW.at := clock_timestamp();
                NEW.login := session_user;
                NEW.previous_hash := coalesce(last_hash, repeat('0', 64));
                NEW.detail_digest := signpost.audit_detail_digest(NEW.detail);
                NEW.hash := signpost.audit_sealed_hash(
                    NEW.previous_hash, NEW.seq, NEW.at, NEW.login, NEW.action, NEW.family, NEW.detail_digest);
                RETURN NEW;
            END
            $$;

            -- Still no role changes the trail, with one exception: an erasure, inside its own transaction,
            -- replaces the values of a sealed entry with a marker and changes nothing else.
            CREATE OR REPLACE FUNCTION signpost.audit_insert_only() RETURNS trigger
            LANGUAGE plpgsql
            SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND current_setting('signpost.erasing', true) = 'on'
                    AND OLD.detail_digest IS NOT NULL AND NEW.detail ? 'erased'
                    AND (NEW.seq, NEW.at, NEW.login, NEW.action, NEW.family, NEW.previous_hash, NEW.hash,
                        NEW.detail_digest)
                        IS NOT DISTINCT FROM (OLD.seq, OLD.at, OLD.login, OLD.action, OLD.family, OLD.previous_hash,
                        OLD.hash, OLD.detail_digest)
                THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION 'signpost: audit entries are insert-only (% refused)', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END
            $$;

            -- The first entry that does not match its hash, its predecessor or its digest; null when the whole
            -- chain is intact. A marker stands in for values only where an erase-person entry names it.
            CREATE OR REPLACE FUNCTION signpost.verify_audit() RETURNS bigint
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                entry signpost.audit;
                expected_previous text := repeat('0', 64);
            BEGIN
                FOR entry IN SELECT * FROM signpost.audit ORDER BY seq LOOP
                    IF entry.previous_hash <> expected_previous THEN
                        RETURN entry.seq;
                    END IF;
                    IF entry.detail_digest IS NULL THEN
                        IF entry.hash <> signpost.audit_entry_hash(
                            entry.previous_hash, entry.seq, entry.at, entry.login, entry.action, entry.family,
                            entry.detail)
                        THEN
                            RETURN entry.seq;
                        END IF;
                    ELSIF entry.hash <> signpost.audit_sealed_hash(
                            entry.previous_hash, entry.seq, entry.at, entry.login, entry.action, entry.family,
                            entry.detail_digest)
                        OR (signpost.audit_detail_digest(entry.detail) <> entry.detail_digest
                            AND NOT (entry.detail ? 'erased' AND EXISTS (
                                SELECT 1 FROM signpost.audit e
                                WHERE e.action = 'erase-person' AND e.seq > entry.seq
                                    AND e.detail -> 'redacted_audit' @> to_jsonb(entry.seq))))
                    THEN
                        RETURN entry.seq;
                    END IF;
                    expected_previous := entry.hash;
                END LOOP;
                RETURN NULL;
            END
            $$;

            -- A text as a regular expression matching itself.
            CREATE FUNCTION signpost.regex_literal(value text) RETURNS text
            LANGUAGE sql IMMUTABLE
            SET search_path = pg_catalog, pg_temp
            AS $$
                SELECT regexp_replace(value, '([\\.^$*+?()\[\]{}|-])', '\\\1', 'g')
            $$;

            -- `value` with every whole-word occurrence of the names, in any case, replaced by "[erased]".
            CREATE FUNCTION signpost.erase_names(value text, names text[]) RETURNS text
            LANGUAGE plpgsql IMMUTABLE
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                name text;
                result text := value;
            BEGIN
                IF result IS NULL THEN
                    RETURN NULL;
                END IF;
                FOREACH name IN ARRAY coalesce(names, '{}') LOOP
                    result := regexp_replace(result, '\m' || signpost.regex_literal(name) || '\M', '[erased]', 'gi');
                END LOOP;
                RETURN result;
            END
            $$;

            -- Whether a record is about the person alone: the person themselves, a level, relationship,
            -- consent or assessment of theirs, or a note, contact or referral about no one else.
            CREATE FUNCTION signpost.only_about(value jsonb, person text) RETURNS boolean
            LANGUAGE sql IMMUTABLE
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
                SELECT jsonb_typeof(value) = 'object' AND (
                    value ->> 'id' = person OR value ->> 'person' = person OR value ->> 'subject' = person
                    OR value ->> 'from' = person OR value ->> 'to' = person
                    OR value ->> 'between' = person OR value ->> 'and' = person
                    OR value -> 'relationship' ->> 'from' = person OR value -> 'relationship' ->> 'to' = person
                    OR (jsonb_typeof(value -> 'about') = 'array' AND value -> 'about' = jsonb_build_array(person))
                    OR (jsonb_typeof(value -> 'people') = 'array' AND value -> 'people' = jsonb_build_array(person)))
            $$;

            -- `value` without the person: records only about them dropped from every list, their id dropped
            -- from lists of ids (and replaced elsewhere), their names replaced in every text but others' names.
            CREATE FUNCTION signpost.erase_from_json(document jsonb, person text, names text[]) RETURNS jsonb
            LANGUAGE plpgsql IMMUTABLE
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                result jsonb;
                item jsonb;
            BEGIN
                CASE jsonb_typeof(document)
                WHEN 'string' THEN
                    IF document #>> '{}' = person THEN
                        RETURN to_jsonb('[erased]'::text);
                    END IF;
                    RETURN to_jsonb(signpost.erase_names(document #>> '{}', names));
                WHEN 'array' THEN
                    result := '[]'::jsonb;
                    FOR item IN SELECT e.value FROM jsonb_array_elements(document) e LOOP
                        CONTINUE WHEN item = to_jsonb(person) OR signpost.only_about(item, person);
                        result := result || jsonb_build_array(signpost.erase_from_json(item, person, names));
                    END LOOP;
                    RETURN result;
                WHEN 'object' THEN
                    -- Another member's own names, and the family's, are theirs even where they match the person's.
                    SELECT coalesce(jsonb_object_agg(e.key,
                            CASE WHEN (document ? 'givenName' AND e.key IN ('givenName', 'familyName', 'alsoKnownAs'))
                                OR (document ? 'members' AND e.key = 'name')
                            THEN e.value ELSE signpost.erase_from_json(e.value, person, names) END), '{}')
                        INTO result FROM jsonb_each(document) e;
                    RETURN result;
                ELSE
                    RETURN document;
                END CASE;
            END
            $$;

            -- What identifies the person in the family's change log: their id, every name they were given
            -- (whole, given name, other names; the surname too where it is not the family's), and dates of birth.
            CREATE FUNCTION signpost.erased_person_strings(target_family text, person text)
            RETURNS TABLE (names text[], dates text[])
            LANGUAGE plpgsql STABLE
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                held jsonb;
                givens text[] := '{}';
                surnames text[] := '{}';
                others text[] := '{}';
                births text[] := '{}';
                family_names text[];
            BEGIN
                FOR held IN
                    SELECT p.value FROM signpost.change c,
                        jsonb_path_query(c.envelope -> 'change', 'lax $.**') AS p(value)
                    WHERE c.family = target_family AND jsonb_typeof(p.value) = 'object'
                        AND p.value ->> 'id' = person AND p.value ? 'givenName'
                    UNION ALL
                    SELECT c.envelope -> 'change' -> 'fields' FROM signpost.change c
                    WHERE c.family = target_family AND c.kind = 'update-person'
                        AND c.envelope -> 'change' ->> 'person' = person
                LOOP
                    IF jsonb_typeof(held -> 'givenName') = 'string' THEN
                        givens := givens || (held ->> 'givenName');
                    END IF;
                    IF jsonb_typeof(held -> 'familyName') = 'string' THEN
                        surnames := surnames || (held ->> 'familyName');
                    END IF;
                    IF jsonb_typeof(held -> 'alsoKnownAs') = 'array' THEN
                        others := others || ARRAY(SELECT jsonb_array_elements_text(held -> 'alsoKnownAs'));
                    END IF;
                    IF jsonb_typeof(held -> 'dateOfBirth') = 'string' THEN
                        births := births || (held ->> 'dateOfBirth');
                    END IF;
                END LOOP;
                family_names := ARRAY(
                    SELECT lower(c.envelope -> 'change' -> 'record' ->> 'name') FROM signpost.change c
                    WHERE c.family = target_family AND c.kind = 'add-family');
                RETURN QUERY SELECT
                    ARRAY(
                        SELECT n FROM (
                            SELECT concat_ws(' ', nullif(g, ''), nullif(s, '')) AS n
                                FROM unnest(givens) g, unnest(surnames || ''::text) s
                            UNION SELECT g FROM unnest(givens) g
                            UNION SELECT o FROM unnest(others) o
                            UNION SELECT s FROM unnest(surnames) s WHERE NOT lower(s) = ANY (family_names)
                        ) found
                        WHERE length(btrim(n)) >= 3
                        ORDER BY length(n) DESC, n),
                    ARRAY(SELECT DISTINCT b FROM unnest(births) b ORDER BY b);
            END
            $$;

            -- Applies a pushed erase-person change to everything the server keeps about the family, in the
            -- push's transaction, and audits what it did (ids and counts, never content).
            CREATE FUNCTION signpost.erase_person_from_change() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            #variable_conflict use_variable
            DECLARE
                person text := NEW.envelope -> 'change' -> 'record' ->> 'person';
                reason text := btrim(coalesce(NEW.envelope -> 'change' -> 'record' ->> 'reason', ''));
                names text[];
                dates text[];
                removed_records text[];
                changes_removed integer;
                changes_redacted integer;
                states_removed integer;
                states_redacted integer;
                conflicts_removed integer;
                conflicts_redacted integer;
                openings_redacted integer;
                redacted bigint[];
                unsealed integer;
                search_words text;
            BEGIN
                IF person IS NULL OR person <> NEW.record OR reason = ''
                    OR NEW.envelope -> 'change' ->> 'family' IS DISTINCT FROM NEW.family
                THEN
                    RAISE EXCEPTION 'signpost: an erasure names its family, the person as its record, and a reason'
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
                -- Erased already (a second laptop erasing them too, or a change about them alone pushed after
                -- the erasure and kept as it): only the field states and conflicts that push just wrote go.
                IF EXISTS (SELECT 1 FROM signpost.erased_person e WHERE e.family = NEW.family AND e.person = person) THEN
                    DELETE FROM signpost.field_state f WHERE f.family = NEW.family AND f.record = person;
                    DELETE FROM signpost.conflict k WHERE k.family = NEW.family AND k.record = person;
                    RETURN NEW;
                END IF;
                INSERT INTO signpost.erased_person (family, person, change_seq) VALUES (NEW.family, person, NEW.seq);
                SELECT s.names, s.dates INTO names, dates FROM signpost.erased_person_strings(NEW.family, person) s;

                -- Records about the person alone, wherever they were written: later changes to them go too.
                removed_records := ARRAY(
                    SELECT DISTINCT r.value ->> 'id' FROM signpost.change c,
                        jsonb_path_query(c.envelope -> 'change', 'lax $.**') AS r(value)
                    WHERE c.family = NEW.family AND c.seq < NEW.seq AND c.kind <> 'erase-person'
                        AND signpost.only_about(r.value, person) AND r.value ? 'id')
                    || person;
                DELETE FROM signpost.change c
                WHERE c.family = NEW.family AND c.seq < NEW.seq AND c.kind <> 'erase-person'
                    AND (c.record = ANY (removed_records)
                        OR signpost.only_about(c.envelope -> 'change', person)
                        OR signpost.only_about(c.envelope -> 'change' -> 'record', person));
                GET DIAGNOSTICS changes_removed = ROW_COUNT;
                UPDATE signpost.change c
                SET envelope = jsonb_set(
                        CASE WHEN jsonb_typeof(c.envelope -> 'fields') = 'object'
                            THEN jsonb_set(c.envelope, '{fields}',
                                signpost.erase_from_json(c.envelope -> 'fields', person, names))
                            ELSE c.envelope END,
                        '{change}', signpost.erase_from_json(c.envelope -> 'change', person, names)),
                    fields = signpost.erase_from_json(c.fields, person, names)
                WHERE c.family = NEW.family AND c.seq < NEW.seq AND c.kind <> 'erase-person'
                    AND (c.envelope::text ~* ANY (ARRAY(
                            SELECT '\m' || signpost.regex_literal(n) || '\M' FROM unnest(names) n))
                        OR strpos(c.envelope::text, '"' || person || '"') > 0);
                GET DIAGNOSTICS changes_redacted = ROW_COUNT;

                DELETE FROM signpost.field_state f WHERE f.family = NEW.family AND f.record = ANY (removed_records);
                GET DIAGNOSTICS states_removed = ROW_COUNT;
                UPDATE signpost.field_state f SET value = signpost.erase_from_json(f.value, person, names)
                WHERE f.family = NEW.family AND f.value IS DISTINCT FROM signpost.erase_from_json(f.value, person, names);
                GET DIAGNOSTICS states_redacted = ROW_COUNT;

                DELETE FROM signpost.conflict k WHERE k.family = NEW.family AND k.record = ANY (removed_records);
                GET DIAGNOSTICS conflicts_removed = ROW_COUNT;
                UPDATE signpost.conflict k
                SET server_value = signpost.erase_from_json(k.server_value, person, names),
                    pushed_value = signpost.erase_from_json(k.pushed_value, person, names),
                    pushed_envelope = signpost.erase_from_json(k.pushed_envelope, person, names),
                    resolution = signpost.erase_from_json(k.resolution, person, names)
                WHERE k.family = NEW.family
                    AND (k.server_value, k.pushed_value, k.pushed_envelope, k.resolution) IS DISTINCT FROM (
                        signpost.erase_from_json(k.server_value, person, names),
                        signpost.erase_from_json(k.pushed_value, person, names),
                        signpost.erase_from_json(k.pushed_envelope, person, names),
                        signpost.erase_from_json(k.resolution, person, names));
                GET DIAGNOSTICS conflicts_redacted = ROW_COUNT;

                UPDATE signpost.family_access a SET reason = signpost.erase_names(a.reason, names)
                WHERE a.family = NEW.family AND a.reason IS DISTINCT FROM signpost.erase_names(a.reason, names);
                GET DIAGNOSTICS openings_redacted = ROW_COUNT;

                -- The audit: entries about the family (or about no family, like searches) whose values name
                -- the person, or a search every word of which is one of their names or dates.
                search_words := lower(array_to_string(names || dates, ' '));
                PERFORM set_config('signpost.erasing', 'on', true);
                WITH naming AS (
                    SELECT a.seq FROM signpost.audit a
                    WHERE (a.family = NEW.family OR a.family IS NULL) AND a.detail_digest IS NOT NULL
                        AND NOT a.detail ? 'erased'
                        AND (strpos(a.detail::text, '"' || person || '"') > 0
                            OR EXISTS (SELECT 1 FROM unnest(names || dates) n
                                WHERE a.detail::text ~* ('\m' || signpost.regex_literal(n) || '\M'))
                            OR (a.action = 'find-person' AND NOT EXISTS (
                                SELECT 1 FROM regexp_split_to_table(lower(btrim(a.detail ->> 'search')), '\s+') w
                                WHERE strpos(search_words, w) = 0)))
                ), redacting AS (
                    UPDATE signpost.audit a
                    SET detail = jsonb_build_object(
                        'erased', format('a person erased from %s: %s', NEW.family, reason), 'erasure_seq', NEW.seq)
                    FROM naming WHERE a.seq = naming.seq
                    RETURNING a.seq
                )
                SELECT coalesce(array_agg(r.seq ORDER BY r.seq), '{}') INTO redacted FROM redacting r;
                PERFORM set_config('signpost.erasing', 'off', true);
                SELECT count(*) INTO unsealed FROM signpost.audit a
                WHERE (a.family = NEW.family OR a.family IS NULL) AND a.detail_digest IS NULL
                    AND (strpos(a.detail::text, '"' || person || '"') > 0
                        OR EXISTS (SELECT 1 FROM unnest(names || dates) n
                            WHERE a.detail::text ~* ('\m' || signpost.regex_literal(n) || '\M')));

                PERFORM signpost.write_audit('erase-person', NEW.family, jsonb_build_object(
                    'person', person, 'reason', reason, 'change_seq', NEW.seq,
                    'changes_removed', changes_removed, 'changes_redacted', changes_redacted,
                    'field_states_removed', states_removed, 'field_states_redacted', states_redacted,
                    'conflicts_removed', conflicts_removed, 'conflicts_redacted', conflicts_redacted,
                    'openings_redacted', openings_redacted, 'redacted_audit', to_jsonb(redacted),
                    'unsealed_audit_entries_left', unsealed));
                RETURN NEW;
            END
            $$;
            -- Who was erased from which family, by which change: ids only.
            CREATE TABLE signpost.erased_person (
                family text NOT NULL,
                person text NOT NULL,
                change_seq bigint NOT NULL,
                PRIMARY KEY (family, person)
            );
            REVOKE ALL ON signpost.erased_person FROM PUBLIC;

            -- A change pushed after an erasure (made on a laptop that had not yet pulled it) brings nothing of
            -- the person back: one about them alone is kept as the erasure itself (every store that pulls it
            -- has nothing left to erase), and one about others too loses them from its lists. What the server
            -- cannot find in it any more is their names in its free text: it keeps none to look for.
            CREATE FUNCTION signpost.keep_erased_person_out() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                gone signpost.erased_person;
                erasure jsonb;
            BEGIN
                FOR gone IN SELECT * FROM signpost.erased_person e WHERE e.family = NEW.family LOOP
                    IF NEW.record = gone.person OR signpost.only_about(NEW.envelope -> 'change', gone.person)
                        OR signpost.only_about(NEW.envelope -> 'change' -> 'record', gone.person)
                    THEN
                        SELECT c.envelope -> 'change' INTO erasure FROM signpost.change c WHERE c.seq = gone.change_seq;
                        PERFORM signpost.write_audit('erased-person-change-kept-out', NEW.family, jsonb_build_object(
                            'person', gone.person, 'kind', NEW.kind, 'erasure_seq', gone.change_seq));
                        NEW.kind := 'erase-person';
                        NEW.record := gone.person;
                        NEW.fields := NULL;
                        NEW.envelope := NEW.envelope || jsonb_build_object(
                            'kind', 'erase-person', 'record', gone.person, 'fields', NULL, 'base', NULL,
                            'change', erasure);
                        RETURN NEW;
                    END IF;
                    IF strpos(NEW.envelope::text, '"' || gone.person || '"') > 0 THEN
                        NEW.envelope := jsonb_set(NEW.envelope, '{change}',
                            signpost.erase_from_json(NEW.envelope -> 'change', gone.person, '{}'));
                        IF jsonb_typeof(NEW.envelope -> 'fields') = 'object' THEN
                            NEW.envelope := jsonb_set(NEW.envelope, '{fields}',
                                signpost.erase_from_json(NEW.envelope -> 'fields', gone.person, '{}'));
                        END IF;
                        NEW.fields := signpost.erase_from_json(NEW.fields, gone.person, '{}');
                    END IF;
                END LOOP;
                RETURN NEW;
            END
            $$;
            REVOKE ALL ON FUNCTION signpost.keep_erased_person_out() FROM PUBLIC;
            CREATE TRIGGER change_keeps_erased_person_out BEFORE INSERT ON signpost.change
                FOR EACH ROW WHEN (NEW.kind <> 'erase-person')
                EXECUTE FUNCTION signpost.keep_erased_person_out();

            REVOKE ALL ON FUNCTION signpost.erase_person_from_change() FROM PUBLIC;
            REVOKE ALL ON FUNCTION signpost.erased_person_strings(text, text) FROM PUBLIC;
            CREATE TRIGGER change_erases_person AFTER INSERT ON signpost.change
                FOR EACH ROW WHEN (NEW.kind = 'erase-person')
                EXECUTE FUNCTION signpost.erase_person_from_change();
            """#
    )
}
