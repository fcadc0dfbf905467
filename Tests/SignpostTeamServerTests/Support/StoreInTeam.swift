import SignpostStore

extension SyncableStore {
    /// This store with its outbox started, as joining a team server starts it: each change saved
    /// from now on is queued, and pushed as it was made.
    func inTeam() throws -> Self {
        try startOutbox()
        return self
    }
}
