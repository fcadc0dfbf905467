// The first version of the team server's schema, as one migration. PostgreSQL does the enforcing:
// group roles and grants say who may call what, row-level policies say which families a login
// reads, SECURITY DEFINER functions (their search_path pinned) are the only way to write, and
// `session_user` (never the client) names the author of every change and audit entry.

extension TeamServerSchema {
    static let version1 = TeamServerMigration(
        version: 1,
        name: "roles, change log, field state, conflicts, need-to-know, audit chain, push and pull",
        sql: #"""
            -- Group roles: each practitioner's login is a member of exactly one.
            DO $roles$
            DECLARE
                group_role text;
            BEGIN
                FOREACH group_role IN ARRAY ARRAY['signpost_front_door', 'signpost_hub_worker', 'signpost_manager', 'signpost_admin']
                LOOP
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = group_role) THEN
                        EXECUTE format('CREATE ROLE %I NOLOGIN', group_role);
                    END IF;
                END LOOP;
            END
            $roles$;

            REVOKE ALL ON SCHEMA signpost FROM PUBLIC;
            GRANT USAGE ON SCHEMA signpost TO signpost_front_door, signpost_hub_worker, signpost_manager, signpost_admin;

            -- What this server holds: real casework (live) or fictional (demonstration); never both.
            CREATE TABLE signpost.server_info (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                kind text NOT NULL CHECK (kind IN ('live', 'demonstration')),
                created_at timestamptz NOT NULL DEFAULT now()
            );

            -- Who may sign in, in which role, for which locality.
            CREATE TABLE signpost.practitioner (
                login text PRIMARY KEY,
                role text NOT NULL CHECK (role IN ('front-door', 'hub-worker', 'manager', 'admin')),
                locality text,
                added_at timestamptz NOT NULL DEFAULT now(),
                added_by text NOT NULL DEFAULT session_user
            );

            -- Every change the team made, in the order the server accepted them. `seq` is given under a
            -- transaction-level lock, so a puller that has seen seq N has seen every change below N.
            CREATE SEQUENCE signpost.change_seq AS bigint;
            CREATE TABLE signpost.change (
                seq bigint PRIMARY KEY,
                change_id uuid NOT NULL UNIQUE,
                family text NOT NULL,
                record text NOT NULL,
                kind text NOT NULL,
                fields jsonb,
                envelope jsonb NOT NULL,
                author text NOT NULL DEFAULT session_user,
                received_at timestamptz NOT NULL DEFAULT clock_timestamp()
            );
            CREATE INDEX change_by_family ON signpost.change (family, seq);

            -- The latest value of every field a field-level change set: what conflict detection compares.
            CREATE TABLE signpost.field_state (
                family text NOT NULL,
                record text NOT NULL,
                field text NOT NULL,
                value jsonb,
                seq bigint NOT NULL,
                author text NOT NULL,
                device text,
                changed_at timestamptz NOT NULL,
                PRIMARY KEY (family, record, field)
            );

            -- A field changed on the server since the pushed change's base, to a different value.
            CREATE TABLE signpost.conflict (
                id bigserial PRIMARY KEY,
                family text NOT NULL,
                record text NOT NULL,
                field text NOT NULL,
                server_value jsonb,
                server_seq bigint NOT NULL,
                server_author text NOT NULL,
                server_changed_at timestamptz NOT NULL,
                pushed_value jsonb,
                pushed_change_id uuid NOT NULL,
                pushed_base bigint,
                pushed_author text NOT NULL DEFAULT session_user,
                pushed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                pushed_envelope jsonb NOT NULL,
                resolved_at timestamptz
            );
            CREATE INDEX conflict_by_family ON signpost.conflict (family);

            -- Who may see a family: its locality, the workers it is restricted to, and the caseload.
            CREATE TABLE signpost.family_scope (
                family text PRIMARY KEY,
                locality text,
                restricted boolean NOT NULL DEFAULT false,
                named_workers text[] NOT NULL DEFAULT '{}',
                caseload text[] NOT NULL DEFAULT '{}'
            );

            -- A family opened by someone outside its locality or caseload (the front door finding a known
            -- family, or anyone giving a reason for a restricted one): the grant behind the row-level policy.
            CREATE TABLE signpost.family_access (
                family text NOT NULL,
                login text NOT NULL DEFAULT session_user,
                reason text,
                opened_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                PRIMARY KEY (family, login)
            );

            -- The audit trail: insert-only, every entry chained to the one before by a SHA-256 hash.
            CREATE SEQUENCE signpost.audit_seq AS bigint;
            CREATE TABLE signpost.audit (
                seq bigint PRIMARY KEY,
                at timestamptz NOT NULL,
                login text NOT NULL,
                action text NOT NULL,
                family text,
                detail jsonb NOT NULL DEFAULT '{}',
                previous_hash text NOT NULL,
                hash text NOT NULL
            );

            -- What is hashed for one audit entry: text that does not depend on the session's time zone or
            -- date style, so anyone can recompute it.
            CREATE FUNCTION signpost.audit_entry_hash(
                previous_hash text, seq bigint, at timestamptz, login text, action text, family text, detail jsonb
            ) RETURNS text
            LANGUAGE sql IMMUTABLE
            SET search_path = pg_catalog, pg_temp
            AS $$
                SELECT encode(sha256(convert_to(
                    previous_hash || '|' || seq::text || '|'
                        || to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|'
                        || login || '|' || action || '|' || coalesce(family, '') || '|' || detail::text,
                    'UTF8')), 'hex')
            $$;

            -- Chains each new entry: the sequence number, time and hash are given under a lock so entries
            -- chain in sequence order however many sessions write at once.
            CREATE FUNCTION signpost.audit_chain() RETURNS trigger
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
                NEW.hash := signpost.audit_entry_hash(
                    NEW.previous_hash, NEW.seq, NEW.at, NEW.login, NEW.action, NEW.family, NEW.detail);
                RETURN NEW;
            END
            $$;
            CREATE TRIGGER audit_chain BEFORE INSERT ON signpost.audit
                FOR EACH ROW EXECUTE FUNCTION signpost.audit_chain();

            -- No role changes the trail: besides holding no UPDATE, DELETE or TRUNCATE grant, even the owner
            -- is stopped here.
            CREATE FUNCTION signpost.audit_insert_only() RETURNS trigger
            LANGUAGE plpgsql
            SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                RAISE EXCEPTION 'signpost: audit entries are insert-only (% refused)', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END
            $$;
            CREATE TRIGGER audit_no_update_or_delete BEFORE UPDATE OR DELETE ON signpost.audit
                FOR EACH ROW EXECUTE FUNCTION signpost.audit_insert_only();
            CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON signpost.audit
                FOR EACH STATEMENT EXECUTE FUNCTION signpost.audit_insert_only();

            -- Appends one audit entry for the signed-in practitioner (the trigger sets login, time, hash).
            CREATE FUNCTION signpost.write_audit(action text, family text, detail jsonb) RETURNS void
            LANGUAGE sql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
                INSERT INTO signpost.audit (seq, at, login, action, family, detail, previous_hash, hash)
                VALUES (0, now(), session_user, action, family, coalesce(detail, '{}'), '', '')
            $$;

            -- The first audit entry whose hash does not match its content or its predecessor; null when the
            -- whole chain is intact.
            CREATE FUNCTION signpost.verify_audit() RETURNS bigint
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                entry signpost.audit;
                expected_previous text := repeat('0', 64);
            BEGIN
                FOR entry IN SELECT * FROM signpost.audit ORDER BY seq LOOP
                    IF entry.previous_hash <> expected_previous
                        OR entry.hash <> signpost.audit_entry_hash(
                            entry.previous_hash, entry.seq, entry.at, entry.login, entry.action, entry.family, entry.detail)
                    THEN
                        RETURN entry.seq;
                    END IF;
                    expected_previous := entry.hash;
                END LOOP;
                RETURN NULL;
            END
            $$;

            -- The signed-in practitioner's role, or null for a login that is not one.
            CREATE FUNCTION signpost.caller_role() RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
                SELECT p.role FROM signpost.practitioner p WHERE p.login = session_user
            $$;

            -- Need-to-know: whether the signed-in practitioner may read a family's changes.
            --   managers and administrators: every family that is not restricted;
            --   hub workers: families of their locality or on their caseload;
            --   the front door: families on their caseload (those they recorded) and those they opened;
            --   a restricted family: its named workers, and whoever opened it giving a reason.
            -- A family with no scope yet (no add-family pushed) is readable by those who pushed to it.
            CREATE FUNCTION signpost.may_read_family(target text) RETURNS boolean
            LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                caller signpost.practitioner;
                scope signpost.family_scope;
                opened boolean;
            BEGIN
                SELECT * INTO caller FROM signpost.practitioner WHERE login = session_user;
                IF NOT FOUND THEN
                    RETURN false;
                END IF;
                SELECT * INTO scope FROM signpost.family_scope WHERE family = target;
                IF NOT FOUND THEN
                    RETURN caller.role IN ('manager', 'admin')
                        OR EXISTS (SELECT 1 FROM signpost.change c WHERE c.family = target AND c.author = session_user);
                END IF;
                opened := EXISTS (SELECT 1 FROM signpost.family_access a WHERE a.family = target AND a.login = session_user);
                IF scope.restricted THEN
                    RETURN session_user = ANY (scope.named_workers) OR opened;
                END IF;
                IF session_user = ANY (scope.caseload) OR opened THEN
                    RETURN true;
                END IF;
                RETURN CASE caller.role
                    WHEN 'manager' THEN true
                    WHEN 'admin' THEN true
                    WHEN 'hub-worker' THEN caller.locality IS NOT NULL AND caller.locality = scope.locality
                    ELSE false
                END;
            END
            $$;

            -- Row-level security: reading the change log directly shows only families the reader may see.
            ALTER TABLE signpost.change ENABLE ROW LEVEL SECURITY;
            CREATE POLICY change_need_to_know ON signpost.change FOR SELECT
                USING (signpost.may_read_family(family));
            ALTER TABLE signpost.conflict ENABLE ROW LEVEL SECURITY;
            CREATE POLICY conflict_need_to_know ON signpost.conflict FOR SELECT
                USING (signpost.may_read_family(family));
            ALTER TABLE signpost.family_scope ENABLE ROW LEVEL SECURITY;
            CREATE POLICY family_scope_need_to_know ON signpost.family_scope FOR SELECT
                USING (signpost.may_read_family(family));
            ALTER TABLE signpost.family_access ENABLE ROW LEVEL SECURITY;
            CREATE POLICY family_access_own_or_manager ON signpost.family_access FOR SELECT
                USING (login = session_user OR signpost.caller_role() IN ('manager', 'admin'));
            ALTER TABLE signpost.practitioner ENABLE ROW LEVEL SECURITY;
            CREATE POLICY practitioner_self_or_manager ON signpost.practitioner FOR SELECT
                USING (login = session_user OR signpost.caller_role() IN ('manager', 'admin'));

            REVOKE ALL ON ALL TABLES IN SCHEMA signpost FROM PUBLIC;
            REVOKE ALL ON ALL SEQUENCES IN SCHEMA signpost FROM PUBLIC;
            GRANT SELECT ON signpost.change, signpost.conflict, signpost.family_scope, signpost.family_access,
                signpost.practitioner, signpost.server_info, signpost.schema_migrations
                TO signpost_front_door, signpost_hub_worker, signpost_manager, signpost_admin;
            -- Managers review the trail (restricted families opened with a reason are reported to them).
            GRANT SELECT ON signpost.audit TO signpost_manager, signpost_admin;

            -- Push: one transaction for the whole batch, serialised with every other push so sequence
            -- numbers commit in order. Each change is "applied", "duplicate" (its id was seen: the first
            -- seq is returned), "conflict" (some field it sets changed on the server since its base, to a
            -- different value: recorded, the server's value stands, the change is kept with its other
            -- fields) or "refused" (malformed, or a family the pusher may not change).
            -- The author is the signed-in login; an "author" in the envelope is dropped.
            CREATE FUNCTION signpost.push(changes jsonb) RETURNS jsonb
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                caller signpost.practitioner;
                item jsonb;
                outcome jsonb := '[]'::jsonb;
                existing_seq bigint;
                pushed_id uuid;
                target_family text;
                target_record text;
                change_kind text;
                base_seq bigint;
                new_fields jsonb;
                field_name text;
                field_value jsonb;
                state signpost.field_state;
                conflicting text[];
                new_seq bigint;
                applied_fields jsonb;
                locality text;
                counts jsonb := '{"applied": 0, "duplicate": 0, "conflict": 0, "refused": 0}'::jsonb;
                families text[] := '{}';
                status text;
            BEGIN
                SELECT * INTO caller FROM signpost.practitioner WHERE login = session_user;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'signpost: % is not a practitioner on this team server', session_user
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                IF jsonb_typeof(changes) IS DISTINCT FROM 'array' THEN
                    RAISE EXCEPTION 'signpost: push expects a JSON array of change envelopes'
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
                PERFORM pg_advisory_xact_lock(7319000);

                FOR item IN SELECT value FROM jsonb_array_elements(changes) LOOP
                    status := NULL;
                    IF jsonb_typeof(item) IS DISTINCT FROM 'object'
                        OR jsonb_typeof(item -> 'id') IS DISTINCT FROM 'string'
                        OR (item ->> 'id') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                        OR (item ->> 'format') IS DISTINCT FROM '1'
                        OR jsonb_typeof(item -> 'family') IS DISTINCT FROM 'string'
                        OR jsonb_typeof(item -> 'record') IS DISTINCT FROM 'string'
                        OR jsonb_typeof(item -> 'kind') IS DISTINCT FROM 'string'
                        OR (item ? 'base' AND jsonb_typeof(item -> 'base') NOT IN ('number', 'null'))
                        OR (item ? 'fields' AND jsonb_typeof(item -> 'fields') NOT IN ('object', 'null'))
                    THEN
                        outcome := outcome || jsonb_build_array(jsonb_build_object(
                            'id', item -> 'id', 'seq', NULL, 'status', 'refused',
                            'reason', 'not a format 1 change envelope (id, family, record, kind)'));
                        counts := jsonb_set(counts, '{refused}', to_jsonb((counts ->> 'refused')::int + 1));
                        CONTINUE;
                    END IF;
                    pushed_id := (item ->> 'id')::uuid;
                    SELECT c.seq INTO existing_seq FROM signpost.change c WHERE c.change_id = pushed_id;
                    IF FOUND THEN
                        outcome := outcome || jsonb_build_array(jsonb_build_object(
                            'id', pushed_id, 'seq', existing_seq, 'status', 'duplicate'));
                        counts := jsonb_set(counts, '{duplicate}', to_jsonb((counts ->> 'duplicate')::int + 1));
                        CONTINUE;
                    END IF;
                    target_family := item ->> 'family';
                    target_record := item ->> 'record';
                    change_kind := item ->> 'kind';
                    base_seq := (item ->> 'base')::bigint;
                    new_fields := CASE WHEN jsonb_typeof(item -> 'fields') = 'object' THEN item -> 'fields' END;
                    families := array_append(families, target_family);

                    IF EXISTS (SELECT 1 FROM signpost.family_scope s WHERE s.family = target_family)
                        AND NOT signpost.may_read_family(target_family)
                    THEN
                        outcome := outcome || jsonb_build_array(jsonb_build_object(
                            'id', pushed_id, 'seq', NULL, 'status', 'refused',
                            'reason', format('%s may not change family %s', session_user, target_family)));
                        counts := jsonb_set(counts, '{refused}', to_jsonb((counts ->> 'refused')::int + 1));
                        CONTINUE;
                    END IF;

                    -- A field set on the server after the change's base, to another value, by another device,
                    -- is a conflict: recorded, the server's value stands, and the change goes on with the
                    -- fields that were not in conflict (its envelope's "fields" lists only those).
                    conflicting := '{}';
                    applied_fields := NULL;
                    new_seq := nextval('signpost.change_seq');
                    IF new_fields IS NOT NULL THEN
                        applied_fields := '{}'::jsonb;
                        FOR field_name, field_value IN SELECT key, value FROM jsonb_each(new_fields) LOOP
                            SELECT * INTO state FROM signpost.field_state f
                                WHERE f.family = target_family AND f.record = target_record AND f.field = field_name;
                            IF FOUND AND state.seq > coalesce(base_seq, 0) AND state.value IS DISTINCT FROM field_value
                                AND state.device IS DISTINCT FROM item ->> 'device'
                            THEN
                                conflicting := array_append(conflicting, field_name);
                                INSERT INTO signpost.conflict (
                                    family, record, field, server_value, server_seq, server_author, server_changed_at,
                                    pushed_value, pushed_change_id, pushed_base, pushed_envelope)
                                VALUES (
                                    target_family, target_record, field_name, state.value, state.seq, state.author,
                                    state.changed_at, field_value, pushed_id, base_seq, item - 'author');
                            ELSE
                                applied_fields := applied_fields || jsonb_build_object(field_name, field_value);
                                INSERT INTO signpost.field_state (family, record, field, value, seq, author, device, changed_at)
                                VALUES (target_family, target_record, field_name, field_value, new_seq, session_user,
                                    item ->> 'device', clock_timestamp())
                                ON CONFLICT (family, record, field) DO UPDATE
                                    SET value = EXCLUDED.value, seq = EXCLUDED.seq, author = EXCLUDED.author,
                                        device = EXCLUDED.device, changed_at = EXCLUDED.changed_at;
                            END IF;
                        END LOOP;
                    END IF;

                    INSERT INTO signpost.change (seq, change_id, family, record, kind, fields, envelope)
                    VALUES (new_seq, pushed_id, target_family, target_record, change_kind, applied_fields,
                        CASE WHEN applied_fields IS NULL THEN item - 'author'
                            ELSE jsonb_set(item - 'author', '{fields}', applied_fields) END);
                    locality := item -> 'scope' ->> 'locality';
                    INSERT INTO signpost.family_scope (family, locality, caseload)
                    VALUES (target_family, locality, ARRAY[session_user::text])
                    ON CONFLICT (family) DO UPDATE
                        SET locality = coalesce(EXCLUDED.locality, signpost.family_scope.locality);
                    IF cardinality(conflicting) > 0 THEN
                        outcome := outcome || jsonb_build_array(jsonb_build_object(
                            'id', pushed_id, 'seq', new_seq, 'status', 'conflict',
                            'reason', format('changed on the server since seq %s: %s',
                                coalesce(base_seq::text, 'none'), array_to_string(conflicting, ', '))));
                        counts := jsonb_set(counts, '{conflict}', to_jsonb((counts ->> 'conflict')::int + 1));
                    ELSE
                        outcome := outcome || jsonb_build_array(jsonb_build_object(
                            'id', pushed_id, 'seq', new_seq, 'status', 'applied'));
                        counts := jsonb_set(counts, '{applied}', to_jsonb((counts ->> 'applied')::int + 1));
                    END IF;
                END LOOP;

                PERFORM signpost.write_audit('push', NULL, counts || jsonb_build_object(
                    'families', (SELECT coalesce(jsonb_agg(DISTINCT f), '[]'::jsonb) FROM unnest(families) f)));
                RETURN outcome;
            END
            $$;

            -- Pull: the changes after `since` that the caller may see (the row-level policy filters), in
            -- sequence order, at most `max` of them; the pull itself is audited.
            CREATE FUNCTION signpost.pull(since bigint, max integer)
            RETURNS TABLE (seq bigint, author text, received_at timestamptz, envelope jsonb)
            LANGUAGE plpgsql SECURITY INVOKER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                delivered bigint;
            BEGIN
                IF signpost.caller_role() IS NULL THEN
                    RAISE EXCEPTION 'signpost: % is not a practitioner on this team server', session_user
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN QUERY
                    SELECT c.seq, c.author, c.received_at, c.envelope
                    FROM signpost.change c
                    WHERE c.seq > since
                    ORDER BY c.seq
                    LIMIT greatest(1, least(max, 10000));
                GET DIAGNOSTICS delivered = ROW_COUNT;
                PERFORM signpost.write_audit('pull', NULL, jsonb_build_object('since', since, 'changes', delivered));
            END
            $$;

            -- "Is this family known?": any practitioner may search people across the whole service. The
            -- answer names families and records only (no case content); the search is audited.
            CREATE FUNCTION signpost.find_person(search text)
            RETURNS TABLE (family text, record text, locality text, restricted boolean)
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
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
                RETURN QUERY
                    SELECT DISTINCT c.family, c.record, s.locality, coalesce(s.restricted, false)
                    FROM signpost.change c
                    LEFT JOIN signpost.family_scope s ON s.family = c.family
                    WHERE c.kind IN ('add-person', 'update-person', 'add-family')
                        AND strpos(lower(c.envelope -> 'change' #>> '{}'), lower(btrim(search))) > 0
                    ORDER BY c.family, c.record
                    LIMIT 50;
            END
            $$;

            -- Opens a family's record for the caller, audited. The front door, managers and administrators
            -- may open any family; a hub worker only one in their locality or caseload. A restricted family
            -- needs a reason from anyone not named on it (the reason is in the audit, for managers). A refusal
            -- is answered as {"refused": why} rather than raised, so that its audit entry is kept.
            CREATE FUNCTION signpost.open_family(target text, reason text DEFAULT NULL) RETURNS jsonb
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                caller signpost.practitioner;
                scope signpost.family_scope;
                given_reason text := nullif(btrim(coalesce(reason, '')), '');
                refusal text;
            BEGIN
                SELECT * INTO caller FROM signpost.practitioner WHERE login = session_user;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'signpost: % is not a practitioner on this team server', session_user
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                SELECT * INTO scope FROM signpost.family_scope WHERE family = target;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'signpost: no family % on this team server', target USING ERRCODE = 'no_data_found';
                END IF;
                IF scope.restricted AND NOT session_user = ANY (scope.named_workers) AND given_reason IS NULL THEN
                    refusal := format('family %s is restricted: give a reason to open it', target);
                ELSIF NOT scope.restricted AND caller.role = 'hub-worker' AND NOT signpost.may_read_family(target) THEN
                    refusal := format('family %s is outside your locality and caseload', target);
                END IF;
                IF refusal IS NOT NULL THEN
                    PERFORM signpost.write_audit('open-family-refused', target, jsonb_build_object('why', refusal));
                    RETURN jsonb_build_object('refused', refusal);
                END IF;
                INSERT INTO signpost.family_access (family, login, reason) VALUES (target, session_user, given_reason)
                ON CONFLICT (family, login) DO UPDATE SET reason = EXCLUDED.reason, opened_at = clock_timestamp();
                PERFORM signpost.write_audit('open-family', target, jsonb_build_object(
                    'reason', given_reason, 'restricted', scope.restricted));
                RETURN jsonb_build_object('family', scope.family, 'locality', scope.locality, 'restricted', scope.restricted);
            END
            $$;

            -- Restricts a family to named workers (managers and administrators), or lifts the restriction.
            CREATE FUNCTION signpost.restrict_family(target text, workers text[]) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            BEGIN
                IF signpost.caller_role() IS DISTINCT FROM 'manager' AND signpost.caller_role() IS DISTINCT FROM 'admin' THEN
                    RAISE EXCEPTION 'signpost: only a manager or an administrator restricts a family'
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                INSERT INTO signpost.family_scope (family, restricted, named_workers)
                VALUES (target, workers IS NOT NULL, coalesce(workers, '{}'))
                ON CONFLICT (family) DO UPDATE
                    SET restricted = EXCLUDED.restricted, named_workers = EXCLUDED.named_workers;
                -- Earlier openings do not carry over a new restriction.
                DELETE FROM signpost.family_access a WHERE a.family = target AND workers IS NOT NULL;
                PERFORM signpost.write_audit('restrict-family', target, jsonb_build_object('named_workers', workers));
            END
            $$;

            -- Puts a family on a worker's caseload (managers and administrators).
            CREATE FUNCTION signpost.assign_caseload(target text, worker text) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            BEGIN
                IF signpost.caller_role() IS DISTINCT FROM 'manager' AND signpost.caller_role() IS DISTINCT FROM 'admin' THEN
                    RAISE EXCEPTION 'signpost: only a manager or an administrator assigns a caseload'
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                INSERT INTO signpost.family_scope (family, caseload) VALUES (target, ARRAY[worker])
                ON CONFLICT (family) DO UPDATE
                    SET caseload = array_append(array_remove(signpost.family_scope.caseload, worker), worker);
                PERFORM signpost.write_audit('assign-caseload', target, jsonb_build_object('worker', worker));
            END
            $$;

            -- Adds a practitioner: a login with a SCRAM password in the role's group (administrators only).
            CREATE FUNCTION signpost.add_practitioner(login text, role text, locality text, password text) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                group_role text := 'signpost_' || replace(role, '-', '_');
            BEGIN
                IF signpost.caller_role() IS DISTINCT FROM 'admin'
                    AND NOT (SELECT r.rolsuper OR r.rolcreaterole FROM pg_roles r WHERE r.rolname = session_user)
                THEN
                    RAISE EXCEPTION 'signpost: only an administrator adds practitioners' USING ERRCODE = 'insufficient_privilege';
                END IF;
                IF login !~ '^[a-z][a-z0-9_.-]{0,62}$' THEN
                    RAISE EXCEPTION 'signpost: a login is lower-case letters, digits, ".", "-" or "_", starting with a letter'
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
                IF role NOT IN ('front-door', 'hub-worker', 'manager', 'admin') THEN
                    RAISE EXCEPTION 'signpost: no role %', role USING ERRCODE = 'invalid_parameter_value';
                END IF;
                IF length(coalesce(password, '')) < 8 THEN
                    RAISE EXCEPTION 'signpost: a password needs at least 8 characters' USING ERRCODE = 'invalid_parameter_value';
                END IF;
                IF EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = login) THEN
                    EXECUTE format('ALTER ROLE %I WITH LOGIN PASSWORD %L', login, password);
                ELSE
                    EXECUTE format('CREATE ROLE %I WITH LOGIN PASSWORD %L', login, password);
                END IF;
                EXECUTE format('REVOKE signpost_front_door, signpost_hub_worker, signpost_manager, signpost_admin FROM %I', login);
                EXECUTE format('GRANT %I TO %I', group_role, login);
                INSERT INTO signpost.practitioner (login, role, locality) VALUES (login, role, nullif(btrim(locality), ''))
                ON CONFLICT ON CONSTRAINT practitioner_pkey DO UPDATE
                    SET role = EXCLUDED.role, locality = EXCLUDED.locality;
                PERFORM signpost.write_audit('add-practitioner', NULL,
                    jsonb_build_object('login', login, 'role', role, 'locality', locality));
            END
            $$;

            REVOKE ALL ON ALL FUNCTIONS IN SCHEMA signpost FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION signpost.push(jsonb), signpost.pull(bigint, integer), signpost.find_person(text),
                signpost.open_family(text, text), signpost.caller_role(), signpost.may_read_family(text),
                signpost.write_audit(text, text, jsonb)
                TO signpost_front_door, signpost_hub_worker, signpost_manager, signpost_admin;
            GRANT EXECUTE ON FUNCTION signpost.restrict_family(text, text[]), signpost.assign_caseload(text, text),
                signpost.verify_audit()
                TO signpost_manager, signpost_admin;
            GRANT EXECUTE ON FUNCTION signpost.add_practitioner(text, text, text, text) TO signpost_admin;
            """#
    )
}
