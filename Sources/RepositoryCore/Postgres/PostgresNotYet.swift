// TEMPORARY (branch only, never on main): what the lead's PendingCore stubs still throw.
struct PostgresNotYet: Error {}
