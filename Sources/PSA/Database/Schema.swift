/// The PSA's schema, as numbered migrations written once for both engines: text ids, BIGINT instants in
/// milliseconds since 1970, INTEGER 0/1 booleans.
enum Schema {
    /// Each migration's statements, in order; a migration runs in one transaction.
    static let migrations: [[SQLStatement]] = [
        [
            """
            CREATE TABLE tenants (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                next_ticket_number BIGINT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE clients (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                name TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX clients_tenant ON clients (tenant_id, name)",
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                email TEXT NOT NULL,
                name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                client_id TEXT REFERENCES clients (id),
                active INTEGER NOT NULL,
                two_factor_enabled INTEGER NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            // Emails are unique across tenants: login takes an email and nothing else.
            "CREATE UNIQUE INDEX users_email ON users (email)",
            "CREATE INDEX users_tenant ON users (tenant_id, created_at)",
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id),
                tenant_id TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
            """
            CREATE TABLE boards (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                name TEXT NOT NULL,
                is_default INTEGER NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE tickets (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                number BIGINT NOT NULL,
                title TEXT NOT NULL,
                description TEXT,
                search_text TEXT NOT NULL,
                status TEXT NOT NULL,
                priority TEXT NOT NULL,
                category TEXT,
                subcategory TEXT,
                board_id TEXT NOT NULL REFERENCES boards (id),
                client_id TEXT REFERENCES clients (id),
                assignee_id TEXT REFERENCES users (id),
                source TEXT NOT NULL,
                entered_by TEXT NOT NULL REFERENCES users (id),
                entered_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                assigned_at BIGINT,
                first_assigned_at BIGINT,
                closed_at BIGINT,
                UNIQUE (tenant_id, number)
            )
            """,
            """
            CREATE TABLE comments (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL,
                ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
                author_id TEXT NOT NULL REFERENCES users (id),
                body TEXT NOT NULL,
                internal INTEGER NOT NULL,
                resolution INTEGER NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX comments_ticket ON comments (ticket_id, created_at)",
        ],
        // Two-factor sign-in: sealed TOTP seeds, the last step used (replay), recovery codes, login challenges.
        [
            "ALTER TABLE users ADD COLUMN totp_seed TEXT",
            "ALTER TABLE users ADD COLUMN totp_pending_seed TEXT",
            "ALTER TABLE users ADD COLUMN totp_last_step BIGINT",
            """
            CREATE TABLE recovery_codes (
                user_id TEXT NOT NULL REFERENCES users (id),
                code_hash TEXT NOT NULL,
                used_at BIGINT,
                PRIMARY KEY (user_id, code_hash)
            )
            """,
            """
            CREATE TABLE login_challenges (
                challenge_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id),
                expires_at BIGINT NOT NULL,
                used_at BIGINT
            )
            """,
        ],
        // Sessions a user can list and revoke: a public id, the provider, when each was last used.
        [
            "ALTER TABLE sessions ADD COLUMN id TEXT",
            "ALTER TABLE sessions ADD COLUMN provider TEXT",
            "ALTER TABLE sessions ADD COLUMN last_used_at BIGINT",
            "UPDATE sessions SET id = substr(token_hash, 1, 32), provider = 'credentials' WHERE id IS NULL",
            "CREATE UNIQUE INDEX sessions_id ON sessions (id)",
            "CREATE INDEX sessions_user ON sessions (user_id, created_at)",
        ],
        // Time tracking and billing: services and per-client rates, time entries, time sheets, invoices with
        // per-tenant gapless numbers, payments. Money is BIGINT minor units; no column is floating point.
        [
            "ALTER TABLE tenants ADD COLUMN next_invoice_number BIGINT NOT NULL DEFAULT 1",
            """
            CREATE TABLE services (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                name TEXT NOT NULL,
                default_rate_minor BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                UNIQUE (tenant_id, name)
            )
            """,
            """
            CREATE TABLE billing_rules (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                client_id TEXT NOT NULL REFERENCES clients (id),
                service_id TEXT NOT NULL REFERENCES services (id),
                rule_type TEXT NOT NULL,
                rate_minor BIGINT NOT NULL,
                minimum_minutes BIGINT NOT NULL,
                rounding_minutes BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (client_id, service_id)
            )
            """,
            """
            CREATE TABLE timesheets (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                user_id TEXT NOT NULL REFERENCES users (id),
                period_start BIGINT NOT NULL,
                period_end BIGINT NOT NULL,
                status TEXT NOT NULL,
                submitted_at BIGINT,
                decided_at BIGINT,
                decided_by TEXT REFERENCES users (id),
                rejection_reason TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX timesheets_user ON timesheets (user_id, period_start)",
            "CREATE INDEX timesheets_tenant ON timesheets (tenant_id, status, period_start)",
            // No foreign key to tickets: time worked stays on record (and on invoices) when a ticket is deleted.
            """
            CREATE TABLE time_entries (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                user_id TEXT NOT NULL REFERENCES users (id),
                ticket_id TEXT NOT NULL,
                client_id TEXT REFERENCES clients (id),
                service_id TEXT REFERENCES services (id),
                work_item_type TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                ended_at BIGINT NOT NULL,
                duration_minutes BIGINT NOT NULL,
                billable INTEGER NOT NULL,
                notes TEXT,
                invoice_id TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX time_entries_user ON time_entries (user_id, started_at)",
            "CREATE INDEX time_entries_client ON time_entries (tenant_id, client_id, started_at)",
            """
            CREATE TABLE invoices (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                number BIGINT NOT NULL,
                client_id TEXT NOT NULL REFERENCES clients (id),
                period_start BIGINT NOT NULL,
                period_end BIGINT NOT NULL,
                status TEXT NOT NULL,
                subtotal_minor BIGINT NOT NULL,
                tax_basis_points BIGINT NOT NULL,
                tax_minor BIGINT NOT NULL,
                total_minor BIGINT NOT NULL,
                paid_minor BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                sent_at BIGINT,
                delivery_method TEXT,
                UNIQUE (tenant_id, number)
            )
            """,
            "CREATE INDEX invoices_client ON invoices (tenant_id, client_id, number)",
            """
            CREATE TABLE invoice_lines (
                invoice_id TEXT NOT NULL REFERENCES invoices (id),
                position BIGINT NOT NULL,
                service_id TEXT NOT NULL REFERENCES services (id),
                description TEXT NOT NULL,
                rule_type TEXT NOT NULL,
                entry_count BIGINT NOT NULL,
                worked_minutes BIGINT NOT NULL,
                billed_minutes BIGINT NOT NULL,
                rate_minor BIGINT NOT NULL,
                amount_minor BIGINT NOT NULL,
                PRIMARY KEY (invoice_id, position)
            )
            """,
            """
            CREATE TABLE payments (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                invoice_id TEXT NOT NULL REFERENCES invoices (id),
                amount_minor BIGINT NOT NULL,
                method TEXT NOT NULL,
                received_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX payments_invoice ON payments (invoice_id, received_at)",
        ],
        // OpenID Connect: started sign-ins (single use, expiring), provider identities linked to users, the
        // tenant's sign-up domain, and the provider a second-factor challenge continues.
        [
            """
            CREATE TABLE oidc_authorizations (
                state_hash TEXT PRIMARY KEY,
                provider TEXT NOT NULL,
                browser_hash TEXT NOT NULL,
                nonce TEXT NOT NULL,
                code_verifier TEXT NOT NULL,
                tenant_id TEXT REFERENCES tenants (id),
                expires_at BIGINT NOT NULL,
                used_at BIGINT
            )
            """,
            "CREATE INDEX oidc_authorizations_expiry ON oidc_authorizations (expires_at)",
            """
            CREATE TABLE oidc_identities (
                provider TEXT NOT NULL,
                subject TEXT NOT NULL,
                user_id TEXT NOT NULL REFERENCES users (id),
                created_at BIGINT NOT NULL,
                PRIMARY KEY (provider, subject)
            )
            """,
            "CREATE UNIQUE INDEX oidc_identities_user ON oidc_identities (user_id, provider)",
            "ALTER TABLE tenants ADD COLUMN oidc_signup_domain TEXT",
            "ALTER TABLE login_challenges ADD COLUMN provider TEXT",
        ],
        [
            // The folded title, which relevance ranking compares the query with. Existing rows get lower(): the
            // same as the fold for ASCII titles; any later edit stores the full fold.
            "ALTER TABLE tickets ADD COLUMN title_text TEXT",
            "UPDATE tickets SET title_text = lower(title)",
        ],
    ]

    /// Brings `database` to the latest schema; a database from a newer release is refused.
    static func migrate(_ database: any SQLDatabase, now: Int64) async throws {
        try await database.query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)")
        try await database.transaction { session in
            let rows = try await session.query("SELECT MAX(version) AS version FROM schema_migrations")
            let current = Int(try rows.first?.optionalInteger("version") ?? 0)
            guard current <= migrations.count else {
                throw DatabaseError.newerSchema(found: current, known: migrations.count)
            }
            for (index, statements) in migrations.enumerated().dropFirst(current) {
                for statement in statements { try await session.query(statement) }
                try await session.query(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (\(index + 1), \(now))")
            }
        }
    }
}
