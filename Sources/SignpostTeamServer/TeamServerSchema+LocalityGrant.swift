// The sixth version of the team server's schema: a practitioner whose own locality (or role) changes is
// given the families of their new locality, so their next sync back-fills them like any other grant;
// and a laptop that removed a family which left its login's scope says so, into the server's audit.

extension TeamServerSchema {
    static let localityGrant = TeamServerMigration(
        version: 6,
        name: "a practitioner moved to another locality is given its families; removals from laptops audited",
        sql: #"""
            -- Written when an administrator changes a practitioner's locality or role (`signpost server
            -- add-user` again): one grant per family of the new locality, to that login, at the current seq.
            -- newly_readable still asks may_read_family, so a grant never shows a family the login may not
            -- read (a restricted one, say); families of the old locality leave the laptop through left_scope.
            CREATE FUNCTION signpost.grant_new_locality() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            BEGIN
                IF NEW.locality IS NOT NULL
                    AND (NEW.locality IS DISTINCT FROM OLD.locality OR NEW.role IS DISTINCT FROM OLD.role)
                THEN
                    INSERT INTO signpost.family_grant (family, login, at_seq)
                    SELECT s.family, NEW.login, signpost.current_seq()
                    FROM signpost.family_scope s WHERE s.locality = NEW.locality;
                END IF;
                RETURN NEW;
            END
            $$;
            CREATE TRIGGER practitioner_locality_grant AFTER UPDATE OF locality, role ON signpost.practitioner
                FOR EACH ROW EXECUTE FUNCTION signpost.grant_new_locality();
            REVOKE ALL ON FUNCTION signpost.grant_new_locality() FROM PUBLIC;

            -- A laptop removed a family that left its login's scope: one audit entry under the real login
            -- (the trigger on the audit sets it), naming the family and why, never its content. Only for a
            -- family the server holds.
            CREATE FUNCTION signpost.family_left_laptop(target text, reason text) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM signpost.family_scope s WHERE s.family = target) THEN
                    RAISE EXCEPTION 'signpost: the team server holds no family %', target
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
                PERFORM signpost.write_audit('family-left-laptop', target,
                    jsonb_build_object('reason', left(coalesce(reason, ''), 200)));
            END
            $$;
            REVOKE ALL ON FUNCTION signpost.family_left_laptop(text, text) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION signpost.family_left_laptop(text, text)
                TO signpost_front_door, signpost_hub_worker, signpost_manager, signpost_admin;
            """#
    )
}
