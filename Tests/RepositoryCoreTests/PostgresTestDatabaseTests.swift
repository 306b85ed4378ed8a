import Testing
import TestSupport

/// The PostgreSQL tests' footing: every test gets its own database on the run's cluster, and
/// dropping it removes it (issue 12). Needs PostgreSQL: `make test`, or by hand after
/// `scripts/install-system-deps.sh` (the test process then starts its own cluster).
@Suite("PostgreSQL test databases")
struct PostgresTestDatabaseTests {
    @Test func twoDatabasesAreMadeUsedAndDropped() throws {
        let first = try PostgresTestDatabase.make(label: "Two databases: first")
        let second = try PostgresTestDatabase.make(label: "Two databases: second")
        #expect(first.name != second.name && first.url != second.url)
        #expect(first.url.hasSuffix("/" + first.name) && first.url.hasPrefix("postgres://"))
        #expect(try first.psql("select 1") == "1")
        #expect(try second.psql("select 1") == "1")
        #expect(try first.psql("select current_database()") == first.name)
        let both = "select count(*) from pg_database where datname in ('\(first.name)', '\(second.name)')"
        #expect(try first.psql(both) == "2")

        try first.drop()
        try second.drop()

        let probe = try PostgresTestDatabase.make(label: "probe")
        defer { try? probe.drop() }
        #expect(try probe.psql(both) == "0", "both are gone from the cluster")
        #expect {
            try first.psql("select 1")
        } throws: { error in
            "\(error)".contains("does not exist")
        }
    }

    @Test func databasesMadeAtOnceDoNotCollide() async throws {
        let names = try await withThrowingTaskGroup(of: PostgresTestDatabase.self) { group in
            for index in 0..<6 { group.addTask { try PostgresTestDatabase.make(label: "parallel \(index)") } }
            var made: [PostgresTestDatabase] = []
            for try await database in group { made.append(database) }
            return made
        }
        #expect(Set(names.map(\.name)).count == 6)
        for database in names { try database.drop() }
    }
}
