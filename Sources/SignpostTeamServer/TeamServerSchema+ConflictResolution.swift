// A conflict is resolved by a change like any other: a `resolve-conflict` change, pushed through
// `signpost.push` (which checks the field it sets against the field's latest value, as for every
// edit), names the conflict it settles. A trigger on the change log marks that conflict resolved
// (who, when, by which change) and audits it, in the push's own transaction, so a resolution that
// reached the server has always cleared its conflict and one that did not has not.

extension TeamServerSchema {
    static let conflictResolution = TeamServerMigration(
        version: 4,
        name: "conflicts resolved by a resolve-conflict change",
        sql: #"""
            ALTER TABLE signpost.conflict
                ADD COLUMN resolved_by text,
                ADD COLUMN resolution_seq bigint,
                ADD COLUMN resolution jsonb;

            -- Runs as the owner inside signpost.push: the conflict named by a resolve-conflict change is
            -- marked resolved if it is about the same family, record and field and is still open.
            CREATE FUNCTION signpost.resolve_conflict_from_change() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                target bigint;
                settled integer;
            BEGIN
                IF jsonb_typeof(NEW.envelope -> 'change' -> 'conflict') IS DISTINCT FROM 'number' THEN
                    RETURN NEW;
                END IF;
                target := (NEW.envelope -> 'change' ->> 'conflict')::bigint;
                UPDATE signpost.conflict c
                    SET resolved_at = clock_timestamp(), resolved_by = NEW.author, resolution_seq = NEW.seq,
                        resolution = NEW.envelope -> 'change'
                    WHERE c.id = target AND c.family = NEW.family AND c.record = NEW.record
                        AND c.field = NEW.envelope -> 'change' ->> 'field' AND c.resolved_at IS NULL;
                GET DIAGNOSTICS settled = ROW_COUNT;
                PERFORM signpost.write_audit('resolve-conflict', NEW.family, jsonb_build_object(
                    'conflict', target, 'seq', NEW.seq, 'field', NEW.envelope -> 'change' ->> 'field',
                    'choice', NEW.envelope -> 'change' ->> 'choice', 'resolved', settled > 0));
                RETURN NEW;
            END
            $$;
            REVOKE ALL ON FUNCTION signpost.resolve_conflict_from_change() FROM PUBLIC;
            CREATE TRIGGER change_resolves_conflict AFTER INSERT ON signpost.change
                FOR EACH ROW WHEN (NEW.kind = 'resolve-conflict')
                EXECUTE FUNCTION signpost.resolve_conflict_from_change();
            """#
    )
}
