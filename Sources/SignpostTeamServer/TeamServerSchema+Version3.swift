// The third version of the team server's schema: need-to-know made usable. A family's whole history
// for whoever may read it (opening it, with a reason when it is restricted, and audited, when they
// may not yet), the families that became readable to a login since a sequence number (so a sync
// back-fills them), administration that checks what it is given, and the managers' access report.

extension TeamServerSchema {
    static let version3 = TeamServerMigration(
        version: 3,
        name: "family history, newly readable families, checked administration, access report",
        sql: #"""
            -- Who was given sight of a family, and at which point of the change log: written by caseload
            -- assignment, restriction and its lifting (login null: whoever may read it now). A sync asks for
            -- the grants at or after the last seq it pulled, and brings the families it does not hold.
            CREATE TABLE signpost.family_grant (
                id bigserial PRIMARY KEY,
                family text NOT NULL,
                login text,
                at_seq bigint NOT NULL,
                granted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                granted_by text NOT NULL DEFAULT session_user
            );
            CREATE INDEX family_grant_by_seq ON signpost.family_grant (at_seq);
            ALTER TABLE signpost.family_grant ENABLE ROW LEVEL SECURITY;
            CREATE POLICY family_grant_managers ON signpost.family_grant FOR SELECT
                USING (signpost.caller_role() IN ('manager', 'admin'));
            REVOKE ALL ON signpost.family_grant FROM PUBLIC;
            GRANT SELECT ON signpost.family_grant TO signpost_manager, signpost_admin;

            -- The last seq handed out: a grant made now is seen by every sync that has not pulled past it.
            CREATE FUNCTION signpost.current_seq() RETURNS bigint
            LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
                SELECT coalesce(max(c.seq), 0) FROM signpost.change c
            $$;

            -- Raised unless the signed-in login is a manager or an administrator.
            CREATE FUNCTION signpost.require_manager(what text) RETURNS void
            LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            BEGIN
                IF signpost.caller_role() IS DISTINCT FROM 'manager' AND signpost.caller_role() IS DISTINCT FROM 'admin' THEN
                    RAISE EXCEPTION 'signpost: only a manager or an administrator %', what
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
            END
            $$;

            -- Raised unless the family has been pushed to this server.
            CREATE FUNCTION signpost.require_family(target text) RETURNS void
            LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM signpost.change c WHERE c.family = target) THEN
                    RAISE EXCEPTION 'signpost: no family % on this team server', target USING ERRCODE = 'no_data_found';
                END IF;
            END
            $$;

            -- Raised unless every login named is a practitioner of this server.
            CREATE FUNCTION signpost.require_practitioners(logins text[]) RETURNS void
            LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                unknown text;
            BEGIN
                SELECT string_agg(l, ', ' ORDER BY l) INTO unknown FROM unnest(logins) l
                    WHERE NOT EXISTS (SELECT 1 FROM signpost.practitioner p WHERE p.login = l);
                IF unknown IS NOT NULL THEN
                    RAISE EXCEPTION 'signpost: not a practitioner on this team server: %', unknown
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
            END
            $$;

            -- Restricts a family to named workers, or (workers null) lifts the restriction; managers and
            -- administrators, for a family the server holds, naming practitioners only.
            CREATE OR REPLACE FUNCTION signpost.restrict_family(target text, workers text[]) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            BEGIN
                PERFORM signpost.require_manager('restricts a family');
                PERFORM signpost.require_family(target);
                IF workers IS NOT NULL THEN
                    IF cardinality(workers) = 0 THEN
                        RAISE EXCEPTION 'signpost: a restricted family needs at least one named worker'
                            USING ERRCODE = 'invalid_parameter_value';
                    END IF;
                    PERFORM signpost.require_practitioners(workers);
                END IF;
                INSERT INTO signpost.family_scope (family, restricted, named_workers)
                VALUES (target, workers IS NOT NULL, coalesce(workers, '{}'))
                ON CONFLICT (family) DO UPDATE
                    SET restricted = EXCLUDED.restricted, named_workers = EXCLUDED.named_workers;
                -- Earlier openings do not carry over a new restriction.
                DELETE FROM signpost.family_access a WHERE a.family = target AND workers IS NOT NULL;
                IF workers IS NULL THEN
                    INSERT INTO signpost.family_grant (family, login, at_seq) VALUES (target, NULL, signpost.current_seq());
                ELSE
                    INSERT INTO signpost.family_grant (family, login, at_seq)
                        SELECT target, w, signpost.current_seq() FROM unnest(workers) w;
                END IF;
                PERFORM signpost.write_audit(
                    CASE WHEN workers IS NULL THEN 'lift-restriction' ELSE 'restrict-family' END,
                    target, jsonb_build_object('named_workers', workers));
            END
            $$;

            -- Puts a family on a practitioner's caseload (managers and administrators).
            CREATE OR REPLACE FUNCTION signpost.assign_caseload(target text, worker text) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            BEGIN
                PERFORM signpost.require_manager('assigns a caseload');
                PERFORM signpost.require_family(target);
                PERFORM signpost.require_practitioners(ARRAY[worker]);
                INSERT INTO signpost.family_scope (family, caseload) VALUES (target, ARRAY[worker])
                ON CONFLICT (family) DO UPDATE
                    SET caseload = array_append(array_remove(signpost.family_scope.caseload, worker), worker);
                INSERT INTO signpost.family_grant (family, login, at_seq) VALUES (target, worker, signpost.current_seq());
                PERFORM signpost.write_audit('assign-caseload', target, jsonb_build_object('worker', worker));
            END
            $$;

            -- A family's whole change history, for bringing it to a laptop. Whoever may read it already gets
            -- it; anyone else opens it first through open_family (a restricted family needs a reason from
            -- anyone not named on it; a hub worker cannot open outside their locality and caseload), which
            -- audits the opening or the refusal. A refusal is one row with `refused` set (not raised, so its
            -- audit entry is kept). The rows come through the change log's row-level policy.
            CREATE FUNCTION signpost.family_history(target text, reason text DEFAULT NULL)
            RETURNS TABLE (seq bigint, author text, received_at timestamptz, envelope jsonb, refused text,
                restricted boolean, locality text)
            LANGUAGE plpgsql SECURITY INVOKER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                scope_restricted boolean;
                scope_locality text;
                named boolean;
                answer jsonb;
                opened boolean := false;
                delivered bigint;
            BEGIN
                IF signpost.caller_role() IS NULL THEN
                    RAISE EXCEPTION 'signpost: % is not a practitioner on this team server', session_user
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                PERFORM signpost.require_family(target);
                SELECT s.restricted, s.locality, session_user = ANY (s.named_workers)
                    INTO scope_restricted, scope_locality, named
                    FROM signpost.family_scope_of(target) s;
                scope_restricted := coalesce(scope_restricted, false);
                -- Reading a restricted family one is not named on, with a reason, is an opening every time
                -- (each reason is on record); without one, only an earlier opening lets the history through.
                IF NOT signpost.may_read_family(target)
                    OR (scope_restricted AND NOT coalesce(named, false) AND nullif(btrim(coalesce(reason, '')), '') IS NOT NULL)
                THEN
                    answer := signpost.open_family(target, reason);
                    IF answer ? 'refused' THEN
                        RETURN QUERY SELECT NULL::bigint, NULL::text, NULL::timestamptz, NULL::jsonb, answer ->> 'refused',
                            scope_restricted, scope_locality;
                        RETURN;
                    END IF;
                    opened := true;
                END IF;
                RETURN QUERY
                    SELECT c.seq, c.author, c.received_at, c.envelope, NULL::text, scope_restricted, scope_locality
                    FROM signpost.change c
                    WHERE c.family = target
                    ORDER BY c.seq;
                GET DIAGNOSTICS delivered = ROW_COUNT;
                PERFORM signpost.write_audit('family-history', target,
                    jsonb_build_object('changes', delivered, 'opened', opened));
            END
            $$;

            -- A family's scope whatever the caller may read (the history above needs to know whether it is
            -- restricted before it may read the row).
            CREATE FUNCTION signpost.family_scope_of(target text)
            RETURNS TABLE (restricted boolean, locality text, named_workers text[])
            LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
                SELECT s.restricted, s.locality, s.named_workers FROM signpost.family_scope s WHERE s.family = target
            $$;

            -- The families given to the signed-in login (or to everyone) at or after `since` that it may now
            -- read: a sync brings those its store does not hold.
            CREATE FUNCTION signpost.newly_readable(since bigint) RETURNS TABLE (family text)
            LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
                SELECT DISTINCT g.family FROM signpost.family_grant g
                WHERE g.at_seq >= since AND (g.login IS NULL OR g.login = session_user)
                    AND signpost.may_read_family(g.family)
                ORDER BY g.family
            $$;

            -- Who opened which restricted or out-of-scope family, when, and the reason they gave (refusals
            -- too), oldest first; managers and administrators only. Opening a family is recorded in the
            -- audit trail by open_family; this reads it, with each family's restriction as it stands.
            CREATE FUNCTION signpost.access_report(since timestamptz DEFAULT NULL)
            RETURNS TABLE (at timestamptz, login text, role text, family text, outcome text, reason text,
                restricted boolean, locality text)
            LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            BEGIN
                PERFORM signpost.require_manager('reads the access report');
                RETURN QUERY
                    SELECT a.at, a.login, p.role, a.family,
                        CASE a.action WHEN 'open-family' THEN 'opened' ELSE 'refused' END,
                        CASE a.action WHEN 'open-family' THEN a.detail ->> 'reason' ELSE a.detail ->> 'why' END,
                        coalesce((a.detail ->> 'restricted')::boolean, s.restricted, false),
                        s.locality
                    FROM signpost.audit a
                    LEFT JOIN signpost.practitioner p ON p.login = a.login
                    LEFT JOIN signpost.family_scope s ON s.family = a.family
                    WHERE a.action IN ('open-family', 'open-family-refused')
                        AND (since IS NULL OR a.at >= since)
                    ORDER BY a.seq;
            END
            $$;

            -- "Is this person known?" by every word typed, in any order ("marta wrenfold" finds Marta
            -- Wrenfold, whose names are separate fields), a date of birth typed as 14/03/2022 or 2022-03-14.
            CREATE OR REPLACE FUNCTION signpost.find_person(search text)
            RETURNS TABLE (family text, record text, locality text, restricted boolean)
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                words text[];
            BEGIN
                IF signpost.caller_role() IS NULL THEN
                    RAISE EXCEPTION 'signpost: % is not a practitioner on this team server', session_user
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                IF length(btrim(coalesce(search, ''))) < 2 THEN
                    RAISE EXCEPTION 'signpost: a person search needs at least two characters'
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
                PERFORM signpost.write_audit('find-person', NULL, jsonb_build_object('search', search));
                words := ARRAY(
                    SELECT CASE
                        WHEN w ~ '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$' THEN split_part(w, '/', 3) || '-'
                            || lpad(split_part(w, '/', 2), 2, '0') || '-' || lpad(split_part(w, '/', 1), 2, '0')
                        ELSE w END
                    FROM unnest(regexp_split_to_array(lower(btrim(search)), '\s+')) w
                    WHERE w <> '');
                RETURN QUERY
                    SELECT DISTINCT c.family, c.record, s.locality, coalesce(s.restricted, false)
                    FROM signpost.change c
                    LEFT JOIN signpost.family_scope s ON s.family = c.family
                    WHERE c.kind IN ('add-person', 'update-person', 'add-family')
                        AND NOT EXISTS (
                            SELECT 1 FROM unnest(words) w
                            WHERE strpos(lower(c.envelope -> 'change' #>> '{}'), w) = 0)
                    ORDER BY c.family, c.record
                    LIMIT 50;
            END
            $$;

            REVOKE ALL ON ALL FUNCTIONS IN SCHEMA signpost FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION signpost.family_history(text, text), signpost.family_scope_of(text),
                signpost.newly_readable(bigint), signpost.open_family(text, text), signpost.require_family(text)
                TO signpost_front_door, signpost_hub_worker, signpost_manager, signpost_admin;
            GRANT EXECUTE ON FUNCTION signpost.access_report(timestamptz), signpost.require_manager(text),
                signpost.require_practitioners(text[]), signpost.current_seq()
                TO signpost_manager, signpost_admin;
            -- The role check lives in the functions themselves (a clear refusal, audited where it matters),
            -- so every practitioner may call them and be told no by the server.
            GRANT EXECUTE ON FUNCTION signpost.restrict_family(text, text[]), signpost.assign_caseload(text, text),
                signpost.access_report(timestamptz), signpost.require_manager(text), signpost.require_practitioners(text[]),
                signpost.current_seq()
                TO signpost_front_door, signpost_hub_worker;
            """#
    )
}
