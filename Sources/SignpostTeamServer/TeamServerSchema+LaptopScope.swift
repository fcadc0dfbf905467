// The fifth version of the team server's schema: what a laptop holds. A laptop names the families it
// holds; the server answers with those that have left the signed-in login's scope (moved out of their
// locality, taken off their caseload, restricted to others) and were not opened by them in the last
// 30 days, with why, and the ids of the family's changes (no content) so the laptop can forget it
// pulled them. The laptop removes each one once none of its changes wait to be sent.

extension TeamServerSchema {
    /// How long an opening keeps a family outside a login's scope on their laptop, in days.
    public static let openedFamilyKeptDays = 30

    static let laptopScope = TeamServerMigration(
        version: 5,
        name: "families that left a login's scope, for the laptop to remove",
        sql: #"""
            -- Decided by may_read_family (the row-level policy's own rule), except that an opening older than
            -- 30 days no longer keeps a family on the laptop. A family with no scope yet is never named.
            CREATE FUNCTION signpost.left_scope(held text[])
            RETURNS TABLE (family text, reason text, change_ids text[])
            LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            DECLARE
                caller signpost.practitioner;
                target text;
                scope signpost.family_scope;
                why text;
            BEGIN
                SELECT * INTO caller FROM signpost.practitioner p WHERE p.login = session_user;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'signpost: % is not a practitioner on this team server', session_user
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                FOREACH target IN ARRAY coalesce(held, '{}'::text[]) LOOP
                    SELECT * INTO scope FROM signpost.family_scope s WHERE s.family = target;
                    CONTINUE WHEN NOT FOUND;
                    CONTINUE WHEN EXISTS (
                        SELECT 1 FROM signpost.family_access a
                        WHERE a.family = target AND a.login = session_user
                            AND a.opened_at > clock_timestamp() - interval '30 days');
                    why := NULL;
                    IF scope.restricted THEN
                        IF NOT session_user = ANY (scope.named_workers) THEN
                            why := 'restricted to other workers';
                        END IF;
                    ELSIF NOT session_user = ANY (scope.caseload)
                        AND caller.role NOT IN ('manager', 'admin')
                        AND NOT (caller.role = 'hub-worker' AND caller.locality IS NOT NULL
                            AND caller.locality = scope.locality)
                    THEN
                        why := 'outside your locality and caseload';
                    END IF;
                    IF why IS NULL AND NOT signpost.may_read_family(target) THEN
                        why := 'no longer readable by you';
                    END IF;
                    CONTINUE WHEN why IS NULL;
                    RETURN QUERY
                        SELECT target, why, coalesce(array_agg(c.envelope ->> 'id' ORDER BY c.seq), '{}'::text[])
                        FROM signpost.change c WHERE c.family = target;
                END LOOP;
            END
            $$;
            REVOKE ALL ON FUNCTION signpost.left_scope(text[]) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION signpost.left_scope(text[])
                TO signpost_front_door, signpost_hub_worker, signpost_manager, signpost_admin;
            """#
    )
}
