// The eleventh version of the team server's schema: a pull is audited only when it hands over changes.
// Every open interface asks for news every two seconds; auditing each empty answer filled the trail with
// "nothing new" (147 of 152 entries in a morning's walk-through) and hid the reads a manager looks for.
// An empty pull reads no case data, so nothing is lost by leaving it out; a pull that delivers changes is
// audited exactly as before (its login, `since` and how many changes). Version 1's function stays as it
// was applied; this version replaces it on every server.

extension TeamServerSchema {
    static let quietPulls = TeamServerMigration(
        version: 11,
        name: "a pull is audited when it hands over changes, not when it finds nothing new",
        sql: """
            -- Pull: the changes after `since` that the caller may see (the row-level policy filters), in
            -- sequence order, at most `max` of them; a pull that hands over any is audited.
            CREATE OR REPLACE FUNCTION signpost.pull(since bigint, max integer)
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
                IF delivered > 0 THEN
                    PERFORM signpost.write_audit('pull', NULL, jsonb_build_object('since', since, 'changes', delivered));
                END IF;
            END
            $$;
            """)
}
