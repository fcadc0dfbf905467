// The eighth version of the team server's schema: practitioners who sign in with a client
// certificate instead of a password. PostgreSQL checks the certificate: the cluster's pg_hba.conf
// sends TLS connections of members of signpost_certificate_login to its `cert` method (the
// certificate signed by the authority in ssl_ca_file, its common name the login), for example
//     hostssl all +signpost_certificate_login 0.0.0.0/0 cert
// Such a login has no password at all, so nothing but its certificate signs it in; the author of
// its changes and audit entries is still session_user, set by the server.

extension TeamServerSchema {
    static let certificateLogin = TeamServerMigration(
        version: 8,
        name: "practitioners signing in with a client certificate (signpost_certificate_login, no password)",
        sql: #"""
            DO $certificate_role$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'signpost_certificate_login') THEN
                    CREATE ROLE signpost_certificate_login NOLOGIN;
                END IF;
            END
            $certificate_role$;

            -- The first version's function keeps its checks, grants and audit entry under another
            -- name; add_practitioner (a password) and add_certificate_practitioner (a certificate)
            -- both go through it, and each leaves the login signing in one way only.
            ALTER FUNCTION signpost.add_practitioner(text, text, text, text) RENAME TO add_practitioner_login;
            REVOKE ALL ON FUNCTION signpost.add_practitioner_login(text, text, text, text) FROM PUBLIC, signpost_admin;

            CREATE FUNCTION signpost.add_practitioner(login text, role text, locality text, password text) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            BEGIN
                PERFORM signpost.add_practitioner_login(login, role, locality, password);
                IF pg_has_role(login, 'signpost_certificate_login', 'MEMBER') THEN
                    EXECUTE format('REVOKE signpost_certificate_login FROM %I', login);
                    PERFORM signpost.write_audit('practitioner-signs-in', NULL,
                        jsonb_build_object('login', login, 'with', 'password'));
                END IF;
            END
            $$;

            CREATE FUNCTION signpost.add_certificate_practitioner(login text, role text, locality text) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = signpost, pg_catalog, pg_temp
            AS $$
            BEGIN
                -- A throwaway password satisfies the first version's checks and is removed in the same
                -- transaction: it is never committed, and the login is left with no password.
                PERFORM signpost.add_practitioner_login(login, role, locality,
                    md5(random()::text || clock_timestamp()::text));
                EXECUTE format('ALTER ROLE %I PASSWORD NULL', login);
                IF NOT pg_has_role(login, 'signpost_certificate_login', 'MEMBER') THEN
                    EXECUTE format('GRANT signpost_certificate_login TO %I', login);
                END IF;
                PERFORM signpost.write_audit('practitioner-signs-in', NULL,
                    jsonb_build_object('login', login, 'with', 'certificate'));
            END
            $$;

            REVOKE ALL ON FUNCTION signpost.add_practitioner(text, text, text, text) FROM PUBLIC;
            REVOKE ALL ON FUNCTION signpost.add_certificate_practitioner(text, text, text) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION signpost.add_practitioner(text, text, text, text) TO signpost_admin;
            GRANT EXECUTE ON FUNCTION signpost.add_certificate_practitioner(text, text, text) TO signpost_admin;
            """#
    )
}
