// The tenth version of the team server's schema: the person's erasure (version 7) and the family's
// (version 9) redact the audit through one function, `signpost.redact_erased_from_audit`, instead of
// each carrying its own copy of the same statements. Nothing an erasure does changes: the same entries
// are redacted with the same markers, and the same counts are audited. Versions 7 and 9 stay as they
// were applied (a server that has them never runs them again); this version replaces the two trigger
// functions on every server, so one upgraded from version 9 and one initialised afresh run the same code.

extension TeamServerSchema {
    static let sharedErasureAudit = TeamServerMigration(
        version: 10,
        name: "the person's and the family's erasure redact the audit through one shared function",
        sql: #"""
            -- The audit entries an erasure redacts, for both erasures: every sealed entry about the family when
            -- the whole family goes (`person` is null), or those that name the person (their id, a name or a
            -- date of birth); and the entries about no family (searches) that name them, or a search every
            -- word of which is one of their names or dates. Each keeps its place in the chain, its values
            -- replaced by `marker` (verify_audit accepts a marker an erasure's entry names). Returns the
            -- entries redacted, and how many entries sealed before version 7, whose values cannot be
            -- replaced, still name them.
            --
            --     SELECT r.redacted, r.unsealed INTO redacted, unsealed
            --     FROM signpost.redact_erased_from_audit(NEW.family, person, names, dates, marker) r;
            CREATE FUNCTION signpost.redact_erased_from_audit(
                target_family text, person text, names text[], dates text[], marker jsonb,
                OUT redacted bigint[], OUT unsealed integer
            )
            LANGUAGE plpgsql
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                search_words text := lower(array_to_string(names || dates, ' '));
            BEGIN
                PERFORM set_config('signpost.erasing', 'on', true);
                WITH naming AS (
                    SELECT a.seq FROM signpost.audit a
                    WHERE (a.family = target_family OR a.family IS NULL) AND a.detail_digest IS NOT NULL
                        AND NOT a.detail ? 'erased'
                        AND ((person IS NULL AND a.family = target_family)
                            OR (person IS NOT NULL AND strpos(a.detail::text, '"' || person || '"') > 0)
                            OR EXISTS (SELECT 1 FROM unnest(names || dates) n
                                WHERE a.detail::text ~* ('\m' || signpost.regex_literal(n) || '\M'))
                            OR (a.action = 'find-person' AND NOT EXISTS (
                                SELECT 1 FROM regexp_split_to_table(lower(btrim(a.detail ->> 'search')), '\s+') w
                                WHERE strpos(search_words, w) = 0)))
                ), redacting AS (
                    UPDATE signpost.audit a SET detail = marker
                    FROM naming WHERE a.seq = naming.seq
                    RETURNING a.seq
                )
                SELECT coalesce(array_agg(r.seq ORDER BY r.seq), '{}') INTO redacted FROM redacting r;
                PERFORM set_config('signpost.erasing', 'off', true);
                SELECT count(*) INTO unsealed FROM signpost.audit a
                WHERE (a.family = target_family OR a.family IS NULL) AND a.detail_digest IS NULL
                    AND ((person IS NULL AND a.family = target_family)
                        OR (person IS NOT NULL AND strpos(a.detail::text, '"' || person || '"') > 0)
                        OR EXISTS (SELECT 1 FROM unnest(names || dates) n
                            WHERE a.detail::text ~* ('\m' || signpost.regex_literal(n) || '\M')));
            END
            $$;
            -- Only the erasures' triggers (running as the schema's owner) call it.
            REVOKE ALL ON FUNCTION signpost.redact_erased_from_audit(text, text, text[], text[], jsonb) FROM PUBLIC;

            -- As in version 7, but the audit redacted through the shared function.
            CREATE OR REPLACE FUNCTION signpost.erase_person_from_change() RETURNS trigger
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

                -- The audit: entries about the family (or about no family, like searches) that name the person.
                SELECT r.redacted, r.unsealed INTO redacted, unsealed
                FROM signpost.redact_erased_from_audit(NEW.family, person, names, dates, jsonb_build_object(
                    'erased', format('a person erased from %s: %s', NEW.family, reason), 'erasure_seq', NEW.seq)) r;

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

            -- As in version 9, but the audit redacted through the shared function.
            CREATE OR REPLACE FUNCTION signpost.erase_family_from_change() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            #variable_conflict use_variable
            DECLARE
                reason text := btrim(coalesce(NEW.envelope -> 'change' -> 'record' ->> 'reason', ''));
                names text[];
                dates text[];
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

                -- The audit: every sealed entry about the family, and entries about no family that name its people.
                SELECT r.redacted, r.unsealed INTO redacted, unsealed
                FROM signpost.redact_erased_from_audit(NEW.family, NULL, names, dates, jsonb_build_object(
                    'erased', format('the family %s erased: %s', NEW.family, reason), 'erasure_seq', NEW.seq)) r;

                PERFORM signpost.write_audit('erase-family', NEW.family, jsonb_build_object(
                    'reason', reason, 'change_seq', NEW.seq, 'changes_removed', changes_removed,
                    'field_states_removed', states_removed, 'conflicts_removed', conflicts_removed,
                    'openings_redacted', openings_redacted, 'redacted_audit', to_jsonb(redacted),
                    'unsealed_audit_entries_left', unsealed));
                RETURN NEW;
            END
            $$;
            """#
    )
}
