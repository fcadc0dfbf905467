// The ninth version of the team server's schema: a whole family erased after review (#16). A pushed
// `erase-family` change removes the family from everything the server keeps, in the push's own
// transaction: every earlier change of the family goes (so the search finds nothing and a laptop that
// joins later never receives it), with its field states and conflicts; the reasons given for opening it
// are replaced by "[erased]"; the audit entries about it (and searches naming its people) keep their place
// in the chain with their values replaced by a marker, and one entry says the family was erased, when, by
// whom and why, with counts. The family's scope row (its locality, whether it is restricted, the logins of
// its named workers and caseload: no one's personal details) stays, so the laptops that held the family
// may still pull the erasure and remove it too. A change to the family pushed afterwards, from a laptop
// that had not yet pulled the erasure, is kept as the erasure itself: nothing of the family comes back.

extension TeamServerSchema {
    static let familyErasure = TeamServerMigration(
        version: 9,
        name: "a whole family erased: its change log, field states, conflicts, openings and audit values",
        sql: #"""
            -- Which family was erased, by which change: ids only.
            CREATE TABLE signpost.erased_family (
                family text PRIMARY KEY,
                change_seq bigint NOT NULL
            );
            REVOKE ALL ON signpost.erased_family FROM PUBLIC;

            -- What identifies a family's people in its change log and the audit: every name each member was
            -- given (whole, given, surname, other names), the family's own name and id, and dates of birth.
            CREATE FUNCTION signpost.erased_family_strings(target_family text)
            RETURNS TABLE (names text[], dates text[])
            LANGUAGE plpgsql STABLE
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                held jsonb;
                found_names text[] := ARRAY[target_family];
                births text[] := '{}';
            BEGIN
                FOR held IN
                    SELECT p.value FROM signpost.change c,
                        jsonb_path_query(c.envelope -> 'change', 'lax $.**') AS p(value)
                    WHERE c.family = target_family AND jsonb_typeof(p.value) = 'object' AND p.value ? 'givenName'
                    UNION ALL
                    SELECT c.envelope -> 'change' -> 'fields' FROM signpost.change c
                    WHERE c.family = target_family AND c.kind = 'update-person'
                LOOP
                    IF jsonb_typeof(held -> 'id') = 'string' THEN
                        found_names := found_names || (held ->> 'id');
                    END IF;
                    IF jsonb_typeof(held -> 'givenName') = 'string' THEN
                        found_names := found_names || (held ->> 'givenName');
                        IF jsonb_typeof(held -> 'familyName') = 'string' THEN
                            found_names := found_names || concat_ws(' ', held ->> 'givenName', held ->> 'familyName');
                        END IF;
                    END IF;
                    IF jsonb_typeof(held -> 'familyName') = 'string' THEN
                        found_names := found_names || (held ->> 'familyName');
                    END IF;
                    IF jsonb_typeof(held -> 'alsoKnownAs') = 'array' THEN
                        found_names := found_names || ARRAY(SELECT jsonb_array_elements_text(held -> 'alsoKnownAs'));
                    END IF;
                    IF jsonb_typeof(held -> 'dateOfBirth') = 'string' THEN
                        births := births || (held ->> 'dateOfBirth');
                    END IF;
                END LOOP;
                found_names := found_names || ARRAY(
                    SELECT c.envelope -> 'change' -> 'record' ->> 'name' FROM signpost.change c
                    WHERE c.family = target_family AND c.kind = 'add-family'
                        AND jsonb_typeof(c.envelope -> 'change' -> 'record' -> 'name') = 'string');
                RETURN QUERY SELECT
                    ARRAY(SELECT DISTINCT n FROM unnest(found_names) n WHERE length(btrim(n)) >= 3 ORDER BY n),
                    ARRAY(SELECT DISTINCT b FROM unnest(births) b ORDER BY b);
            END
            $$;
            REVOKE ALL ON FUNCTION signpost.erased_family_strings(text) FROM PUBLIC;

            -- Applies a pushed erase-family change to everything the server keeps about the family, in the
            -- push's transaction, and audits what it did (the id and counts, never content).
            CREATE FUNCTION signpost.erase_family_from_change() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            #variable_conflict use_variable
            DECLARE
                reason text := btrim(coalesce(NEW.envelope -> 'change' -> 'record' ->> 'reason', ''));
                names text[];
                dates text[];
                search_words text;
                changes_removed integer;
                states_removed integer;
                conflicts_removed integer;
                openings_redacted integer;
                redacted bigint[];
                unsealed integer;
            BEGIN
                IF NEW.record <> NEW.family OR reason = ''
                    OR NEW.envelope -> 'change' -> 'record' ->> 'family' IS DISTINCT FROM NEW.family
                THEN
                    RAISE EXCEPTION 'signpost: a family erasure names the family as its record, and a reason'
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
                -- Erased already (a second laptop erasing it too, or a change to it pushed after the erasure
                -- and kept as it): only the field states and conflicts that push just wrote go.
                IF EXISTS (SELECT 1 FROM signpost.erased_family e WHERE e.family = NEW.family) THEN
                    DELETE FROM signpost.field_state f WHERE f.family = NEW.family;
                    DELETE FROM signpost.conflict k WHERE k.family = NEW.family;
                    RETURN NEW;
                END IF;
                INSERT INTO signpost.erased_family (family, change_seq) VALUES (NEW.family, NEW.seq);
                SELECT s.names, s.dates INTO names, dates FROM signpost.erased_family_strings(NEW.family) s;

                DELETE FROM signpost.change c WHERE c.family = NEW.family AND c.seq < NEW.seq;
                GET DIAGNOSTICS changes_removed = ROW_COUNT;
                DELETE FROM signpost.field_state f WHERE f.family = NEW.family;
                GET DIAGNOSTICS states_removed = ROW_COUNT;
                DELETE FROM signpost.conflict k WHERE k.family = NEW.family;
                GET DIAGNOSTICS conflicts_removed = ROW_COUNT;
                DELETE FROM signpost.erased_person e WHERE e.family = NEW.family;
                UPDATE signpost.family_access a SET reason = '[erased]'
                WHERE a.family = NEW.family AND a.reason IS DISTINCT FROM '[erased]' AND a.reason IS NOT NULL;
                GET DIAGNOSTICS openings_redacted = ROW_COUNT;

                -- The audit: every sealed entry about the family, and entries about no family (searches) whose
                -- values name its people, or a search every word of which is one of their names or dates.
                search_words := lower(array_to_string(names || dates, ' '));
                PERFORM set_config('signpost.erasing', 'on', true);
                WITH naming AS (
                    SELECT a.seq FROM signpost.audit a
                    WHERE a.detail_digest IS NOT NULL AND NOT a.detail ? 'erased'
                        AND (a.family = NEW.family
                            OR (a.family IS NULL AND (
                                EXISTS (SELECT 1 FROM unnest(names || dates) n
                                    WHERE a.detail::text ~* ('\m' || signpost.regex_literal(n) || '\M'))
                                OR (a.action = 'find-person' AND NOT EXISTS (
                                    SELECT 1 FROM regexp_split_to_table(lower(btrim(a.detail ->> 'search')), '\s+') w
                                    WHERE strpos(search_words, w) = 0)))))
                ), redacting AS (
                    UPDATE signpost.audit a
                    SET detail = jsonb_build_object(
                        'erased', format('the family %s erased: %s', NEW.family, reason), 'erasure_seq', NEW.seq)
                    FROM naming WHERE a.seq = naming.seq
                    RETURNING a.seq
                )
                SELECT coalesce(array_agg(r.seq ORDER BY r.seq), '{}') INTO redacted FROM redacting r;
                PERFORM set_config('signpost.erasing', 'off', true);
                SELECT count(*) INTO unsealed FROM signpost.audit a
                WHERE a.detail_digest IS NULL AND (a.family = NEW.family OR (a.family IS NULL
                    AND EXISTS (SELECT 1 FROM unnest(names || dates) n
                        WHERE a.detail::text ~* ('\m' || signpost.regex_literal(n) || '\M'))));

                PERFORM signpost.write_audit('erase-family', NEW.family, jsonb_build_object(
                    'reason', reason, 'change_seq', NEW.seq, 'changes_removed', changes_removed,
                    'field_states_removed', states_removed, 'conflicts_removed', conflicts_removed,
                    'openings_redacted', openings_redacted, 'redacted_audit', to_jsonb(redacted),
                    'unsealed_audit_entries_left', unsealed));
                RETURN NEW;
            END
            $$;
            REVOKE ALL ON FUNCTION signpost.erase_family_from_change() FROM PUBLIC;
            -- Named to run after the change log's other triggers, so it removes what they wrote.
            CREATE TRIGGER change_zz_erases_family AFTER INSERT ON signpost.change
                FOR EACH ROW WHEN (NEW.kind = 'erase-family')
                EXECUTE FUNCTION signpost.erase_family_from_change();

            -- A change to an erased family pushed afterwards is kept as the erasure itself: every store that
            -- pulls it has nothing left to erase, and the laptop that made it erases the family.
            CREATE FUNCTION signpost.keep_erased_family_out() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                gone signpost.erased_family;
                erasure jsonb;
            BEGIN
                SELECT * INTO gone FROM signpost.erased_family e WHERE e.family = NEW.family;
                IF NOT FOUND THEN
                    RETURN NEW;
                END IF;
                SELECT c.envelope -> 'change' INTO erasure FROM signpost.change c WHERE c.seq = gone.change_seq;
                PERFORM signpost.write_audit('erased-family-change-kept-out', NEW.family, jsonb_build_object(
                    'kind', NEW.kind, 'erasure_seq', gone.change_seq));
                NEW.kind := 'erase-family';
                NEW.record := NEW.family;
                NEW.fields := NULL;
                NEW.envelope := NEW.envelope || jsonb_build_object(
                    'kind', 'erase-family', 'record', NEW.family, 'fields', NULL, 'base', NULL, 'change', erasure);
                RETURN NEW;
            END
            $$;
            REVOKE ALL ON FUNCTION signpost.keep_erased_family_out() FROM PUBLIC;
            -- Named to run before the person erasure's own guard, which then finds nothing of the family.
            CREATE TRIGGER change_keeps_erased_family_out BEFORE INSERT ON signpost.change
                FOR EACH ROW WHEN (NEW.kind <> 'erase-family')
                EXECUTE FUNCTION signpost.keep_erased_family_out();

            -- Verification accepts a marker where an erase-person or erase-family entry names it.
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
                                WHERE e.action IN ('erase-person', 'erase-family') AND e.seq > entry.seq
                                    AND e.detail -> 'redacted_audit' @> to_jsonb(entry.seq))))
                    THEN
                        RETURN entry.seq;
                    END IF;
                    expected_previous := entry.hash;
                END LOOP;
                RETURN NULL;
            END
            $$;
            """#
    )
}
