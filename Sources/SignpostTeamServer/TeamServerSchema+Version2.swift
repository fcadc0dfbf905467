// The second version of the team server's schema: the clock-drift limit. A change's hybrid logical
// clock reading is kept at most five minutes ahead of the server's own clock, so one device whose
// clock is wrong (a laptop set a day fast) cannot carry every other device's clock forward with it
// when they pull its changes. The server is the team's one clock that everyone shares.

extension TeamServerSchema {
    /// How far ahead of the server's clock a change's clock reading may be, in milliseconds.
    public static let clockLimitMilliseconds: Int64 = 5 * 60 * 1000

    static let version2 = TeamServerMigration(
        version: 2,
        name: "clock-drift limit: change clock readings kept within five minutes of the server's clock",
        sql: #"""
            -- A reading further ahead than the limit is brought back to the limit, keeping its counter and
            -- device, as the change is stored; the change itself is accepted (nothing is refused or held
            -- back), and the pushing client, which compares its clock with the server's, tells its user.
            CREATE FUNCTION signpost.change_clock_limit() RETURNS trigger
            LANGUAGE plpgsql
            SET search_path = pg_catalog, pg_temp
            AS $$
            DECLARE
                stamp text := NEW.envelope ->> 'hlc';
                latest bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint + 300000;
            BEGIN
                IF stamp ~ '^[0-9]{16}-[0-9]{4}-.' AND substr(stamp, 1, 16)::bigint > latest THEN
                    NEW.envelope := jsonb_set(
                        NEW.envelope, '{hlc}', to_jsonb(lpad(latest::text, 16, '0') || substr(stamp, 17)));
                END IF;
                RETURN NEW;
            END
            $$;
            CREATE TRIGGER change_clock_limit BEFORE INSERT ON signpost.change
                FOR EACH ROW EXECUTE FUNCTION signpost.change_clock_limit();
            """#)
}
